"""Plotting: game trees, payoff tables, region maps and curves in one style, without pyplot's global state.

Every function takes ``ax=`` (a new figure is made when it is omitted) and
returns the Axes it drew on.  Draw inside :func:`style_context` to get the
look of the package's figures.
"""

from ..games.profiles import equilibrium_moves
from .curves import (
    draw_bargaining_ranges,
    draw_curves,
    drawn_breaks,
    drawn_curves,
    drawn_ranges,
    drawn_thresholds,
    mark_thresholds,
)
from .layout import layout_problems
from .matrix import draw_payoff_matrix, marked_cells
from .regions import Boundary, draw_heat_map, draw_region_map, drawn_boundaries, grid_values, region_labels
from .style import DPI, OKABE_ITO, ONE_COLUMN, STYLE_FILE, TWO_COLUMN, new_axes, style_context
from .tree import draw_tree, drawn_actions
from .tree_layout import tree_layout

__all__ = [
    "DPI",
    "OKABE_ITO",
    "ONE_COLUMN",
    "STYLE_FILE",
    "TWO_COLUMN",
    "Boundary",
    "draw_bargaining_ranges",
    "draw_curves",
    "draw_heat_map",
    "draw_payoff_matrix",
    "draw_region_map",
    "draw_tree",
    "drawn_actions",
    "drawn_boundaries",
    "drawn_breaks",
    "drawn_curves",
    "drawn_ranges",
    "drawn_thresholds",
    "equilibrium_moves",
    "grid_values",
    "layout_problems",
    "mark_thresholds",
    "marked_cells",
    "new_axes",
    "region_labels",
    "style_context",
    "tree_layout",
]
