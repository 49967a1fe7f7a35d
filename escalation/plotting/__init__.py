"""Plotting: game trees and payoff tables in one style, without pyplot's global state.

Every function takes ``ax=`` (a new figure is made when it is omitted) and
returns the Axes it drew on.  Draw inside :func:`style_context` to get the
look of the package's figures.
"""

from .matrix import draw_payoff_matrix, marked_cells
from .style import DPI, OKABE_ITO, ONE_COLUMN, STYLE_FILE, TWO_COLUMN, new_axes, style_context
from .tree import draw_tree, drawn_actions
from .tree_layout import equilibrium_moves, tree_layout

__all__ = [
    "DPI",
    "OKABE_ITO",
    "ONE_COLUMN",
    "STYLE_FILE",
    "TWO_COLUMN",
    "draw_payoff_matrix",
    "draw_tree",
    "drawn_actions",
    "equilibrium_moves",
    "marked_cells",
    "new_axes",
    "style_context",
    "tree_layout",
]
