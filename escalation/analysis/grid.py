r"""One block of a grid solved: the vectorised pass, then the flagged points re-solved exactly.

:func:`solve_block` is what both sweep backends run (numpy on the whole grid,
dask on each chunk).  It returns the results as named arrays, each with the
grid's shape last: expected payoffs (a leading ``player`` axis), outcome
probabilities (``label``), action probabilities (``choice``), the play index
(``int16``), the knife-edge flag (``bool``) and the number of pure
subgame-perfect equilibria (``int32``).  Points the vectorised pass flags as
(nearly) tied are solved again by :func:`~escalation.solvers.subgame_perfect`
in exact arithmetic, and the exact answer replaces the float one (see
:mod:`.vectorised` for the policy).

>>> import sympy
>>> from escalation.games import ExtensiveFormGame, decision, outcome
>>> from escalation.analysis.compile import compile_tree
>>> c = sympy.Symbol("c")
>>> game = ExtensiveFormGame(("Challenger", "Defender"), decision("Challenger", {
...     "Status quo": outcome("status quo", (0, 1)),
...     "Challenge": decision("Defender", {
...         "Resist": outcome("war", (-c, -c)),
...         "Concede": outcome("concession", (1, -1)),
...     }),
... }))
>>> tree = compile_tree(game)
>>> block = solve_block(tree, {"c": np.array([0.5, 1.0, 2.0])}, {})
>>> block["knife_edge"], block["equilibria"]
(array([False,  True, False]), array([1, 2, 1], dtype=int32))
>>> block["payoff"].shape    # players first, then the grid
(2, 3)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from ..solvers.backward_induction import subgame_perfect
from .admissible import exact_coordinate
from .compile import CompiledTree
from .vectorised import backward_induction

__all__ = ["FIELDS", "solve_block"]

FIELDS = ("payoff", "outcome_probability", "action_probability")
"""The per-point float results with a leading axis (player, label, choice); absent with ``outcome_only``."""


def solve_block(tree: CompiledTree, values: Mapping[str, np.ndarray], fixed: Mapping[str, Any],
                outcome_only: bool = False, exact_grid: Mapping[str, Mapping[float, Any]] | None = None,
                ) -> dict[str, np.ndarray]:
    """Solve the broadcast grid of ``values`` (floats); ``fixed`` holds the exact values of the other parameters.

    A point re-solved exactly takes each coordinate's exact value from
    ``exact_grid`` where the sweep was given one (see
    :func:`~.admissible.exact_coordinate`), else the float's shortest decimal.

    Returns ``{"outcome", "knife_edge", "equilibria"}`` arrays of the grid's
    shape and, unless ``outcome_only``, the :data:`FIELDS` arrays of shape
    ``(count, *grid)``.
    """
    numeric: dict[str, npt.ArrayLike] = {**{k: float(v) for k, v in fixed.items() if k in tree.parameters}, **values}
    solved = backward_induction(tree, numeric, outcome_only=outcome_only)
    shape = solved.shape
    block = {"outcome": solved.play, "knife_edge": np.zeros(shape, dtype=bool),
             "equilibria": np.ones(shape, dtype=np.int32)}
    if not outcome_only:
        assert solved.payoffs is not None  # computed unless outcome_only
        block["payoff"] = _stack(solved.payoffs, shape)
        block["outcome_probability"] = solved.outcome_probabilities()
        block["action_probability"] = solved.action_probabilities()
    if solved.flagged.any():
        flagged = np.nonzero(np.broadcast_to(solved.flagged, shape))
        grids = {k: np.broadcast_to(np.asarray(v, dtype=float), shape) for k, v in values.items()}
        for index in zip(*flagged, strict=True):
            point = {**fixed, **{k: exact_coordinate((exact_grid or {}).get(k), g[index]) for k, g in grids.items()}}
            for name, value in _exact_point(tree, point, outcome_only).items():
                block[name][(slice(None), *index) if name in FIELDS else index] = value
    return block


def _stack(arrays: tuple[np.ndarray, ...], shape: tuple[int, ...]) -> np.ndarray:
    """The broadcastable ``arrays`` written one after another into a new float array of shape ``(len, *shape)``."""
    out = np.empty((len(arrays), *shape))
    for row, array in zip(out, arrays, strict=True):
        np.copyto(row, array)
    return out


def _exact_point(tree: CompiledTree, point: Mapping[str, Any], outcome_only: bool) -> dict[str, Any]:
    """The first (lowest-numbered actions at ties) exact subgame-perfect equilibrium at ``point``."""
    found = subgame_perfect(tree.game.subs(point))
    first = found[0]
    outcomes = np.zeros(len(tree.labels))
    for label, prob in first.outcomes.items():
        outcomes[tree.labels.index(label)] += float(prob)
    mask = sum(1 << k for k in range(len(tree.labels)) if outcomes[k] > 0)
    row = {"outcome": tree.play_of(np.array(mask)), "knife_edge": bool(found.knife_edge), "equilibria": len(found)}
    if not outcome_only:
        behaviour = first.behaviour
        row["payoff"] = [float(first.payoffs[p]) for p in tree.game.players]
        row["outcome_probability"] = outcomes
        row["action_probability"] = [float(behaviour[h][a]) for _, h, a in tree.choices]
    return row
