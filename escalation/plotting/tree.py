r"""Drawing a game tree the way a textbook does.

The root sits at the top and each move goes one level down (the positions come
from :func:`~escalation.plotting.tree_layout.tree_layout`).  Decision nodes are filled
dots labelled with the player to move; chance nodes are open circles; nodes a
player cannot tell apart (an information set) are joined by a dashed line;
each leaf shows its payoff vector, in the game's player order, above its
outcome label.

Given an equilibrium, the tree marks what the players do: the *path of play*
(moves reached with positive probability) as a thick line, and the moves the
strategies prescribe off that path as a dotted one.  *Non-credible threats* --
moves a strategy prescribes off the path that the player would not make if the
node were reached -- are drawn in a warning colour.  Which moves are threats is
a statement about the game, not about the drawing, so the caller passes them
as action paths (the path of the node the move leads to, e.g.
``"root/In/Fight"``).

>>> from escalation.games import ExtensiveFormGame, decision, outcome
>>> game = ExtensiveFormGame(("Entrant", "Incumbent"), decision("Entrant", {
...     "Out": outcome("Monopoly", (0, 2)),
...     "In": decision("Incumbent", {
...         "Fight": outcome("Price war", (-1, -1)),
...         "Accommodate": outcome("Shared market", (1, 1)),
...     }),
... }))
>>> spe = {"root": {"Out": 0, "In": 1}, "root/In": {"Fight": 0, "Accommodate": 1}}
>>> ax = draw_tree(game, spe)
>>> drawn_actions(ax, "path")
('root/In', 'root/In/Accommodate')
"""

from __future__ import annotations

import itertools
import textwrap
from collections.abc import Iterable, Mapping
from typing import Any

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D

from ..errors import GameStructureError, ParameterError
from ..games.profiles import equilibrium_moves
from ..games.tree import CHANCE, TERMINAL, ExtensiveFormGame, NodeInfo
from ..numbers import exact
from .style import EQUILIBRIUM, INK, MUTED, ONE_COLUMN, THREAT, TWO_COLUMN, new_axes, number_label
from .tree_layout import Point, tree_layout

__all__ = ["ROLES", "draw_tree", "drawn_actions", "legend_handles", "outcome_label", "payoff_order"]

# How each kind of highlighted move is drawn, and what the legend calls it.
ROLES: dict[str, dict[str, Any]] = {
    "path": {"label": "path of play", "color": EQUILIBRIUM, "linewidth": 3.0, "linestyle": "-"},
    "choice": {"label": "equilibrium move off the path", "color": EQUILIBRIUM, "linewidth": 2.0,
               "linestyle": (0, (1, 1.6))},
    "threat": {"label": "non-credible threat", "color": THREAT, "linewidth": 2.6, "linestyle": (0, (4, 1.6))},
}

# Fixed offsets, in points, of the labels around a node.
_PAYOFF_OFFSET, _OUTCOME_OFFSET = 5, 17
_LEAF_LABEL_DEPTH = 28  # from a leaf down to the bottom of its outcome label
_ROOT_LABEL_HEIGHT = 20  # from the root up to the top of the mover's name
_LABEL_AT = 0.45  # where along an edge, from its parent, the action label sits
_EM_WIDTH = 0.6  # average glyph width of DejaVu Sans (italic), in ems, for wrapping labels
_LABEL_MARGIN = 0.12  # inches kept free between the outcome labels of neighbouring leaves
_LAYOUT_MARGIN = 0.3  # inches a layout engine keeps around an Axes without ticks
_X_PAD = 1.2  # units of the layout added to its width: the Axes' margins left and right of the outer leaves


def drawn_actions(ax: Axes, role: str) -> tuple[str, ...]:
    """Action paths of the moves :func:`draw_tree` highlighted on ``ax`` in ``role``.

    ``role`` is one of ``ROLES``: ``"path"``, ``"choice"`` or ``"threat"``.
    """
    if role not in ROLES:
        raise ParameterError("role", f"unknown role {role!r}; choose from {', '.join(ROLES)}")
    prefix = f"_{role}:"
    labels = (str(line.get_label()) for line in ax.lines)
    return tuple(label[len(prefix):] for label in labels if label.startswith(prefix))


def draw_tree(
    game: ExtensiveFormGame,
    solution: Any = None,
    *,
    threats: Iterable[str] = (),
    ax: Axes | None = None,
    title: str | None = None,
    outcomes: bool = True,
    legend: bool = True,
    collapse: Iterable[str] = (),
    focus: str | None = None,
) -> Axes:
    """Draw ``game`` top-down, with an equilibrium and non-credible threats marked.

    Parameters
    ----------
    game : ExtensiveFormGame
    solution : Solution or mapping, optional
        A tree :class:`~escalation.solvers.solution.Solution` (its
        ``behaviour`` is used) or a behaviour profile
        ``{information set: {action: probability}}``.  Its path of play is
        drawn thick, its other moves dotted; mixed moves show their probability.
    threats : iterable of str
        Action paths (``"root/In/Fight"``) to mark as non-credible threats.
    ax : Axes, optional
        Where to draw; a new one-column figure when omitted.
    title : str, optional
    outcomes : bool
        Write each leaf's outcome label under its payoffs.
    legend : bool
        Explain the highlighted moves under the tree.
    collapse : iterable of str
        Node paths whose subtrees are drawn folded: a triangle with the number
        of outcomes below it (for large trees).
    focus : str, optional
        A node path to draw in full: every subtree off the path from the root
        to it is folded.

    Returns
    -------
    Axes
        The axes drawn on; :func:`drawn_actions` reads back what was highlighted.

    Raises
    ------
    GameStructureError
        If a threat names no move of the game, or a reached information set has
        no behaviour in ``solution``.
    """
    folded = _folded(game, collapse, focus)
    layout = tree_layout(game, collapsed=folded)
    if ax is None:
        ax = new_axes(*_default_size(layout))
    if outcomes:
        layout = _roomy_layout(ax, game, layout, folded)
    behaviour = _behaviour(solution)
    roles = _roles(game, behaviour, tuple(threats))
    _frame(ax, layout, title)
    for node in game.nodes[1:]:
        if node.index in layout:
            _draw_edge(ax, game, node, layout, behaviour, roles.get(node.path))
    _draw_infosets(ax, game, layout)
    lines = max(_draw_node(ax, game, node, layout, outcomes) for node in game.nodes if node.index in layout)
    if legend:
        _legend(ax, game, set(roles.values()), lines)
    return ax


def _folded(game: ExtensiveFormGame, collapse: Iterable[str], focus: str | None) -> frozenset[int]:
    """Indices of the nodes drawn folded: those named in ``collapse`` and the siblings of ``focus``'s ancestors."""
    folded = {game.node(path).index for path in collapse}
    if focus is not None:
        node = game.node(focus)
        while node.parent is not None:
            folded.update(c for c in game.nodes[node.parent].children if c != node.index)
            node = game.nodes[node.parent]
    return frozenset(i for i in folded if game.nodes[i].kind != TERMINAL)


def _behaviour(solution: Any) -> Mapping[str, Mapping[str, Any]] | None:
    if solution is None or isinstance(solution, Mapping):
        return solution
    if not hasattr(solution, "behaviour"):
        raise ParameterError("solution", f"expected one Solution or a behaviour mapping, got {type(solution).__name__}")
    return solution.behaviour


def _roles(game: ExtensiveFormGame, behaviour, threats: tuple[str, ...]) -> dict[str, str]:
    """``{action path: role}`` for every move to highlight; threats win over off-path moves."""
    roles: dict[str, str] = {}
    if behaviour is not None:
        on_path, off_path = equilibrium_moves(game, behaviour)
        roles.update(dict.fromkeys(off_path, "choice"))
        roles.update(dict.fromkeys(on_path, "path"))
    for path in threats:
        if game.node(path).parent is None:
            raise GameStructureError(f"threat {path}", "names the root, which no move leads to")
        roles[path] = "threat"
    return roles


def _draw_edge(ax: Axes, game, node: NodeInfo, layout, behaviour, role: str | None) -> None:
    (x0, y0), (x1, y1) = layout[node.parent], layout[node.index]
    ax.plot([x0, x1], [y0, y1], color=INK, linewidth=0.9, zorder=1, clip_on=False, label=f"_edge:{node.path}")
    if role is not None:
        style = {k: v for k, v in ROLES[role].items() if k != "label"}
        ax.plot([x0, x1], [y0, y1], zorder=2, clip_on=False, solid_capstyle="round", dash_capstyle="round",
                label=f"_{role}:{node.path}", **style)
    side = -1 if x1 < x0 else 1
    t = _LABEL_AT  # labels nearer the parent, where sibling edges are still apart from their neighbours'
    ax.annotate(_action_text(game, node, behaviour), (x0 + t * (x1 - x0), y0 + t * (y1 - y0)), xytext=(4 * side, 2),
                textcoords="offset points", ha="left" if side > 0 else "right", va="bottom",
                fontsize="small", color=INK)  # above the edge, which falls away from the label


def _default_size(layout: dict[int, Point]) -> tuple[float, float]:
    """Inches for a tree drawn on its own: about 0.9 inch per leaf and per level, within page widths."""
    leaves = max(x for x, _ in layout.values()) + 1  # in units of the gap between sibling leaves
    depth = -min(y for _, y in layout.values())
    return min(max(0.9 * leaves + 0.4, ONE_COLUMN), TWO_COLUMN), 0.9 * depth + 1.4


def _action_text(game, node: NodeInfo, behaviour) -> str:
    """The action label; with its probability for chance moves and mixed choices."""
    assert node.parent is not None  # not the root
    assert node.action is not None
    parent = game.nodes[node.parent]
    if parent.kind == CHANCE:
        p = parent.probabilities[parent.children.index(node.index)]
        return f"{node.action} ({number_label(p)})"
    if behaviour is not None and parent.infoset in behaviour:
        p = exact(behaviour[parent.infoset].get(node.action, 0))
        if p not in (0, 1):
            return f"{node.action} [{number_label(p)}]"
    return node.action


def _draw_infosets(ax: Axes, game: ExtensiveFormGame, layout) -> None:
    """Join the nodes of each information set by a dashed line, labelled with the player."""
    for infoset in game.infosets.values():
        points = sorted(layout[i] for i in infoset.nodes if i in layout)
        if len(points) < 2:
            continue
        xs, ys = zip(*points, strict=True)
        ax.plot(xs, ys, color=INK, linewidth=0.9, linestyle=(0, (4, 3)), zorder=1, clip_on=False,
                label=f"_infoset:{infoset.label}")
        ax.annotate(game.players[infoset.player], ((xs[0] + xs[-1]) / 2, (ys[0] + ys[-1]) / 2), xytext=(0, 4),
                    textcoords="offset points", ha="center", va="bottom", color=INK)


def _draw_node(ax: Axes, game: ExtensiveFormGame, node: NodeInfo, layout, outcomes: bool) -> int:
    """Draw one node and its labels; returns the number of lines of a leaf's outcome label (else 1)."""
    x, y = layout[node.index]
    if node.kind != TERMINAL and node.children[0] not in layout:  # folded: a triangle and what it hides
        hidden = sum(1 for n in game.terminals if n.path.startswith(node.path + "/"))
        ax.plot([x], [y], marker="v", markersize=9, color=MUTED, zorder=3, clip_on=False,
                label=f"_folded:{node.path}")
        ax.annotate(f"{hidden} outcomes", (x, y), xytext=(0, -_PAYOFF_OFFSET - 3), textcoords="offset points",
                    ha="center", va="top", fontsize="small", fontstyle="italic", color=MUTED)
        return 1
    if node.kind == TERMINAL:
        payoffs = ", ".join(number_label(u) for u in node.payoffs)
        ax.annotate(f"({payoffs})", (x, y), xytext=(0, -_PAYOFF_OFFSET), textcoords="offset points",
                    ha="center", va="top", color=INK)
        if not (outcomes and node.outcome):
            return 1
        size = _small()
        text = outcome_label(node.outcome, _leaf_room(ax, game, layout, node), size)
        ax.annotate(text, (x, y), xytext=(0, -_OUTCOME_OFFSET), textcoords="offset points",
                    ha="center", va="top", fontsize="small", fontstyle="italic", color=MUTED)
        return text.count("\n") + 1
    chance = node.kind == CHANCE
    ax.plot([x], [y], marker="o", markersize=6, color=INK, markerfacecolor="white" if chance else INK,
            zorder=3, clip_on=False, label=f"_node:{node.path}")
    if chance:
        _node_name(ax, layout, node, "Chance")
        return 1
    assert node.player is not None
    assert node.infoset is not None
    if sum(i in layout for i in game.infosets[node.infoset].nodes) > 1:
        return 1  # the information set's dashed line carries the player's name
    _node_name(ax, layout, node, game.players[node.player])
    return 1


def outcome_label(outcome: str, room: float, size: float) -> str:
    r"""``outcome`` broken into lines no wider than ``room`` inches at font ``size`` (points), where it can be.

    Widths are estimated from DejaVu Sans's average glyph width (0.6 em in italics); a word
    longer than the room keeps its own line.

    >>> outcome_label("coalition withdraws under nuclear threat", 1.3, 7.5)
    'coalition withdraws\nunder nuclear threat'
    >>> outcome_label("status quo", 3.0, 7.5)
    'status quo'
    """
    chars = room * 72 / (_EM_WIDTH * size)
    if len(outcome) <= chars:
        return outcome
    chars = int(chars)
    return textwrap.fill(outcome, width=max(chars, max(len(w) for w in outcome.split())))


def _roomy_layout(ax: Axes, game: ExtensiveFormGame, layout: dict[int, Point],
                  folded: frozenset[int] = frozenset()) -> dict[int, Point]:
    """The layout again, with neighbouring leaves spread so that their labels fit beside each other.

    Two leaves next to each other at one depth need room for half of each one's labels (payoffs, and
    the outcome on at most two lines).  A leaf one level above its neighbour hangs its labels at the
    height of the action label of the edge into that neighbour, which needs room too.  The widths are
    in inches; the unit of the layout is then chosen so that the tree fills the Axes' width.
    """
    leaves = sorted((n for n in game.nodes if n.index in layout and (n.kind == TERMINAL or n.index in folded)),
                    key=lambda n: layout[n.index][0])
    pairs = list(itertools.pairwise(leaves))
    base = [layout[r.index][0] - layout[lf.index][0] for lf, r in pairs]  # in units: 1 or COUSIN_GAP
    need = [_needed_gap(game, layout, lf, r) for lf, r in pairs]  # in inches
    width = _axes_inches(ax)

    def spare(per_unit: float) -> float:  # inches left over when one unit takes per_unit inches
        return width - (sum(max(b, n / per_unit) for b, n in zip(base, need, strict=True)) + _X_PAD) * per_unit

    low, high = 1e-6, width
    for _ in range(60):  # bisection: spare() falls as the unit grows
        mid = (low + high) / 2
        low, high = (mid, high) if spare(mid) > 0 else (low, mid)
    gaps = {r.index: n / low for (_, r), n in zip(pairs, need, strict=True) if n > 0}
    return tree_layout(game, gaps, folded)


def _needed_gap(game: ExtensiveFormGame, layout, left: NodeInfo, right: NodeInfo) -> float:
    """Inches needed between two neighbouring leaves (0 when their labels cannot meet)."""
    small, normal = _small(), FontProperties().get_size_in_points()
    (x_left, y_left), (x_right, y_right) = layout[left.index], layout[right.index]
    need = 0.0
    if y_left == y_right:
        need = (_leaf_width(game, left, small, normal) + _leaf_width(game, right, small, normal)) / 2
    if y_right == y_left + 1 and x_left > layout[left.parent][0]:  # the edge into left carries its label right
        need = _text_width(_action_text(game, left, None), small) + _leaf_width(game, right, small, normal) / 2
    if y_left == y_right + 1 and x_right < layout[right.parent][0]:  # the edge into right carries it left
        need = _text_width(_action_text(game, right, None), small) + _leaf_width(game, left, small, normal) / 2
    return need + _LABEL_MARGIN if need else 0.0


def _leaf_width(game: ExtensiveFormGame, leaf: NodeInfo, small: float, normal: float) -> float:
    """Inches taken by a leaf's labels: its payoffs, and its outcome broken into at most two lines."""
    payoffs = "(" + ", ".join(number_label(u) for u in leaf.payoffs) + ")"
    return max(_text_width(payoffs, normal), _two_line_width(leaf.outcome or "", small))


def _text_width(text: str, size: float, em: float = _EM_WIDTH) -> float:
    """Inches taken by one line of ``text`` at ``size`` points (estimated from the average glyph width)."""
    return len(text) * em * size / 72


def _two_line_width(label: str, size: float) -> float:
    """Inches taken by ``label`` broken into at most two lines (estimated)."""
    words = label.split()
    if not words:
        return 0.0
    chars = min(max(len(" ".join(words[:k])), len(" ".join(words[k:]))) for k in range(len(words) + 1))
    return chars * _EM_WIDTH * size / 72


def _axes_inches(ax: Axes) -> float:
    """The Axes' width in inches, as a layout engine will make it (the subplot's share of the figure, less margins)."""
    figure = ax.figure
    assert isinstance(figure, Figure)  # trees are drawn on a figure of their own, not a subfigure
    figure_width = figure.get_size_inches()[0]
    spec = ax.get_subplotspec()
    if spec is None or figure.get_layout_engine() is None:
        return ax.get_position().width * figure_width
    columns = spec.colspan.stop - spec.colspan.start
    return figure_width * columns / spec.get_gridspec().ncols - _LAYOUT_MARGIN


def _small() -> float:
    """Points of the ``"small"`` font size in the current style (outcome and action labels)."""
    return FontProperties(size="small").get_size_in_points()


def _leaf_room(ax: Axes, game: ExtensiveFormGame, layout, node: NodeInfo) -> float:
    """Inches of width a leaf's label may take: the gap to the nearest leaf at the same depth, less a margin."""
    x, y = layout[node.index]
    gaps = [abs(layout[other.index][0] - x) for other in game.nodes
            if other.kind == TERMINAL and other.index != node.index and other.index in layout
            and layout[other.index][1] == y]
    if not gaps:
        return float("inf")
    low, high = ax.get_xlim()
    return min(gaps) * _axes_inches(ax) / (high - low) - _LABEL_MARGIN


def _node_name(ax: Axes, layout, node: NodeInfo, name: str) -> None:
    """The mover's name: above the root, elsewhere on the side away from the incoming edge."""
    x, y = layout[node.index]
    if node.parent is None:
        ax.annotate(name, (x, y), xytext=(0, 7), textcoords="offset points", ha="center", va="bottom", color=INK)
        return
    side = -1 if layout[node.parent][0] > x else 1
    ax.annotate(name, (x, y), xytext=(7 * side, 3), textcoords="offset points",
                ha="left" if side > 0 else "right", va="bottom", color=INK)


def _frame(ax: Axes, layout, title: str | None) -> None:
    """Axes limits hugging the nodes; the labels around them spill over by a fixed number of points."""
    xs = [p[0] for p in layout.values()]
    ys = [p[1] for p in layout.values()]
    ax.set_xlim(min(xs) - _X_PAD / 2, max(xs) + _X_PAD / 2)
    ax.set_ylim(min(ys) - 0.02, max(ys) + 0.02)
    ax.set_axis_off()
    if title:
        ax.set_title(title, pad=_ROOT_LABEL_HEIGHT + 8)


def legend_handles(roles: Iterable[str]) -> list[Line2D]:
    """Legend entries for the highlighted ``roles`` (keys of ``ROLES``), in a fixed order."""
    wanted = set(roles)
    return [Line2D([], [], solid_capstyle="round", dash_capstyle="round", **ROLES[r]) for r in ROLES if r in wanted]


def payoff_order(game: ExtensiveFormGame) -> str:
    """The key to the payoff vectors at the leaves, e.g. ``"payoffs: (Entrant, Incumbent)"``."""
    return f"payoffs: ({', '.join(game.players)})"


def _legend(ax: Axes, game: ExtensiveFormGame, roles: set[str], lines: int = 1) -> None:
    """Under the leaves (whose outcome labels take ``lines`` lines): the payoff order and the highlighted moves."""
    points = _LEAF_LABEL_DEPTH + (lines - 1) * 1.3 * _small() + 6
    pad = points / FontProperties(size=matplotlib.rcParams["legend.fontsize"]).get_size_in_points()
    ax.legend(handles=legend_handles(roles), title=payoff_order(game), loc="upper center",
              bbox_to_anchor=(0.5, 0.0), borderaxespad=pad, handlelength=2.4)
