r"""Drawing a two-player normal form as the payoff table of a textbook.

The row player's strategies label the rows, the column player's the columns;
each cell holds the payoff pair :math:`(u_1(r, c), u_2(r, c))`.  Given a list
of equilibria, the cells of the pure ones are shaded and framed, and the mixed
ones are written out under the table, each with its expected payoffs.  A
degenerate game (where equilibria come in continua and only the extreme ones
are listed) is said so under the table.

>>> from escalation.games import NormalFormGame
>>> from escalation.solvers.solution import Computation, Solution
>>> pd = NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("A", "B"),
...                                   strategies=(("Cooperate", "Defect"),) * 2)
>>> defect = Solution(("A", "B"), {"A": {"Cooperate": 0, "Defect": 1}, "B": {"Cooperate": 0, "Defect": 1}},
...                   {"A": 1, "B": 1}, Computation("by hand", "Nash"))
>>> ax = draw_payoff_matrix(pd, [defect])
>>> marked_cells(ax)
(('Defect', 'Defect'),)
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle
from matplotlib.transforms import Bbox

from ..errors import GameStructureError
from ..games.normal_form import NormalFormGame
from .style import EQUILIBRIUM, INK, MUTED, OKABE_ITO, ONE_COLUMN, new_axes, number_label

__all__ = ["draw_payoff_matrix", "marked_cells", "mixed_equilibrium_text"]

_MARK = "_equilibrium:"
_LIST = "_mixed equilibria"


def draw_payoff_matrix(
    game: NormalFormGame,
    equilibria: Iterable[Any] = (),
    *,
    ax: Axes | None = None,
    title: str | None = None,
    notes: Iterable[str] = (),
) -> Axes:
    """Draw ``game`` as a payoff table with its equilibria marked.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game; payoffs may be numbers or expressions.
    equilibria : iterable of Solution
        Normal-form solutions (``strategies[player][strategy] = probability``),
        for instance an :class:`~escalation.solvers.solution.Equilibria`.
        Pure ones are marked in the table, mixed ones listed under it.
    ax : Axes, optional
        Where to draw; a new one-column figure when omitted.
    title : str, optional
    notes : iterable of str
        Further lines to print under the equilibria.

    Returns
    -------
    Axes
        :func:`marked_cells` reads back which cells were marked.

    Raises
    ------
    GameStructureError
        If the game does not have exactly two players.
    """
    if game.num_players != 2:
        raise GameStructureError("game", f"a payoff table needs two players, not {game.num_players}")
    if ax is None:
        ax = new_axes(ONE_COLUMN, 0.7 * ONE_COLUMN)
    solutions = list(equilibria)
    pure = [s for s in solutions if s.is_pure]
    for i, j in sorted(_cell(game, s) for s in pure):
        _mark(ax, game, i, j)
    _draw_grid(ax, game)
    _draw_headers(ax, game)
    lines = [mixed_equilibrium_text(game, s, k if len(solutions) - len(pure) > 1 else None)
             for k, s in enumerate((s for s in solutions if not s.is_pure), start=1)]
    if getattr(equilibria, "degenerate", False):
        lines.append("Degenerate game: equilibria form continua;\nthe extreme ones are shown.")
    _draw_notes(ax, game, bool(pure), [*lines, *notes])
    ax.set_xlim(0, game.shape[1])
    ax.set_ylim(-game.shape[0], 0)
    ax.set_axis_off()
    if title:
        ax.set_title(title, pad=38)
    return ax


def marked_cells(ax: Axes) -> tuple[tuple[str, str], ...]:
    """The ``(row strategy, column strategy)`` cells :func:`draw_payoff_matrix` marked on ``ax``."""
    return tuple(
        tuple(json.loads(str(p.get_label())[len(_MARK):])) for p in ax.patches if str(p.get_label()).startswith(_MARK)
    )


def mixed_equilibrium_text(game: NormalFormGame, solution: Any, number: int | None = None) -> str:
    """A mixed equilibrium in words: each player's mixture, then the expected payoffs.

    >>> from escalation.games import NormalFormGame
    >>> from escalation.solvers.solution import Computation, Solution
    >>> pennies = NormalFormGame.from_matrices([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], players=("A", "B"),
    ...                                        strategies=(("H", "T"),) * 2)
    >>> half = {"H": "1/2", "T": "1/2"}
    >>> print(mixed_equilibrium_text(pennies, Solution(("A", "B"), {"A": half, "B": half}, {"A": 0, "B": 0},
    ...                                                Computation("by hand", "Nash"))))
    Mixed equilibrium
    A: H 1/2, T 1/2
    B: H 1/2, T 1/2
    expected payoffs (0, 0)
    """
    heading = "Mixed equilibrium" if number is None else f"Mixed equilibrium {number}"
    mixtures = [
        f"{player}: " + ", ".join(f"{s} {number_label(p)}" for s, p in solution.strategies[player].items() if p != 0)
        for player in game.players
    ]
    payoffs = ", ".join(number_label(solution.payoffs[p]) for p in game.players)
    return "\n".join([heading, *mixtures, f"expected payoffs ({payoffs})"])


def _draw_notes(ax: Axes, game: NormalFormGame, framed: bool, lines: list[str]) -> None:
    """Under the table: a key to the cells, then the mixed equilibria and any further notes."""
    key = f"Cells: payoffs ({', '.join(game.players)})." + (" Framed: pure equilibrium." if framed else "")
    below = ax.annotate(key, (0, 0), xycoords="axes fraction", xytext=(0, -6), textcoords="offset points",
                        ha="left", va="top", fontsize="x-small", color=MUTED)
    if lines:
        ax.annotate("\n\n".join(lines), (0, 0), xycoords=below, xytext=(0, -8), textcoords="offset points",
                    ha="left", va="top", fontsize="small", color=INK, linespacing=1.4, label=_LIST)


def _cell(game: NormalFormGame, solution: Any) -> tuple[int, int]:
    """Row and column index of a pure equilibrium."""
    row, col = ((s for s, p in solution.strategies[player].items() if p == 1) for player in game.players)
    return game.strategy_index(0, next(row)), game.strategy_index(1, next(col))


def _mark(ax: Axes, game: NormalFormGame, i: int, j: int) -> None:
    label = _MARK + json.dumps([game.strategies[0][i], game.strategies[1][j]])
    ax.add_patch(Rectangle((j, -i - 1), 1, 1, facecolor=OKABE_ITO["sky blue"], alpha=0.35, edgecolor="none",
                           zorder=0, label=label))
    ax.add_patch(Rectangle((j + 0.03, -i - 0.97), 0.94, 0.94, facecolor="none", edgecolor=EQUILIBRIUM,
                           linewidth=2.0, zorder=2, label="_equilibrium frame"))


def _draw_grid(ax: Axes, game: NormalFormGame) -> None:
    rows, cols = game.shape
    for i in range(rows):
        for j in range(cols):
            ax.add_patch(Rectangle((j, -i - 1), 1, 1, facecolor="none", edgecolor=INK, linewidth=0.9, zorder=1,
                                   clip_on=False))
            pair = ", ".join(number_label(a[i, j]) for a in game.payoffs)
            ax.text(j + 0.5, -i - 0.5, pair, ha="center", va="center", fontsize="large", color=INK, zorder=3)


def _draw_headers(ax: Axes, game: NormalFormGame) -> None:
    cols = game.shape[1]
    row_player, col_player = game.players
    for j, s in enumerate(game.strategies[1]):
        ax.annotate(s, (j + 0.5, 0), xytext=(0, 4), textcoords="offset points", ha="center", va="bottom", color=INK)
    row_labels = [
        ax.annotate(s, (0, -i - 0.5), xytext=(-5, 0), textcoords="offset points", ha="right", va="center", color=INK)
        for i, s in enumerate(game.strategies[0])
    ]
    ax.annotate(col_player, (cols / 2, 0), xytext=(0, 18), textcoords="offset points", ha="center", va="bottom",
                fontweight="bold", color=INK)
    ax.annotate(row_player, (0, 0.5), xycoords=_union_of(row_labels), xytext=(-6, 0), textcoords="offset points",
                ha="right", va="center", rotation=90, fontweight="bold", color=INK)


def _union_of(artists: Sequence[Artist]):
    """Annotation coordinates: the box around ``artists`` (known only when drawing)."""
    return lambda renderer: Bbox.union([a.get_window_extent(renderer) for a in artists])
