r"""One block of a grid solved: the vectorised pass, then the flagged points re-solved exactly.

:func:`solve_block` is what both sweep backends run (numpy on the whole grid,
dask on each chunk).  It returns the results packed in one float array with a
trailing *field* axis laid out by :class:`Fields`: expected payoffs, outcome
probabilities, action probabilities, the play index, the knife-edge flag and
the number of pure subgame-perfect equilibria.  The field axis comes first,
so that every field is one contiguous grid.  Points the vectorised pass
flags as (nearly) tied are solved again by
:func:`~escalation.solvers.subgame_perfect` in exact arithmetic, and the exact
answer replaces the float one (see :mod:`.vectorised` for the policy).

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
>>> fields = Fields(tree)
>>> block[fields.knife_edge], block[fields.equilibria]
(array([0., 1., 0.]), array([1., 2., 1.]))
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..numbers import exact
from ..solvers.backward_induction import subgame_perfect
from .compile import CompiledTree
from .vectorised import backward_induction, play_index

__all__ = ["Fields", "solve_block"]


@dataclass(frozen=True)
class Fields:
    """Where each result sits on the leading (field) axis of a solved block.

    With ``outcome_only`` there are no payoff, outcome-probability or action fields.
    """

    payoffs: slice
    outcomes: slice
    actions: slice
    play: int
    knife_edge: int
    equilibria: int
    size: int
    outcome_only: bool

    def __init__(self, tree: CompiledTree, outcome_only: bool = False) -> None:
        p, o, a = (0, 0, 0) if outcome_only else (len(tree.game.players), len(tree.labels), len(tree.choices))
        set_ = object.__setattr__
        set_(self, "outcome_only", outcome_only)
        set_(self, "payoffs", slice(0, p))
        set_(self, "outcomes", slice(p, p + o))
        set_(self, "actions", slice(p + o, p + o + a))
        set_(self, "play", p + o + a)
        set_(self, "knife_edge", p + o + a + 1)
        set_(self, "equilibria", p + o + a + 2)
        set_(self, "size", p + o + a + 3)


def solve_block(tree: CompiledTree, values: Mapping[str, np.ndarray], fixed: Mapping[str, Any],
                outcome_only: bool = False) -> np.ndarray:
    """Solve the broadcast grid of ``values`` (floats); ``fixed`` holds the exact values of the other parameters.

    Returns an array of shape ``(Fields(tree, outcome_only).size, *grid)``.
    """
    numeric = {**{k: float(v) for k, v in fixed.items() if k in tree.parameters}, **values}
    solved = backward_induction(tree, numeric, outcome_only=outcome_only)
    shape = solved.flagged.shape
    fields = Fields(tree, outcome_only)
    out = np.empty((fields.size, *shape))
    if not outcome_only:
        out[fields.payoffs] = solved.payoffs
        out[fields.outcomes] = solved.outcome_probabilities
        out[fields.actions] = solved.action_probabilities
    out[fields.play] = solved.play
    out[fields.knife_edge] = 0.0
    out[fields.equilibria] = 1.0
    grids = {k: np.broadcast_to(np.asarray(v, dtype=float), shape) for k, v in values.items()}
    for index in zip(*np.nonzero(solved.flagged), strict=True):
        point = {**fixed, **{k: exact(float(g[index])) for k, g in grids.items()}}
        out[(slice(None), *index)] = _exact_row(tree, fields, point)
    return out


def _exact_row(tree: CompiledTree, fields: Fields, point: Mapping[str, Any]) -> np.ndarray:
    """The first (lowest-numbered actions at ties) exact subgame-perfect equilibrium at ``point``, as a row."""
    found = subgame_perfect(tree.game.subs(point))
    first = found[0]
    row = np.empty(fields.size)
    outcomes = np.zeros(len(tree.labels))
    for label, prob in first.outcomes.items():
        outcomes[tree.labels.index(label)] += float(prob)
    if not fields.outcome_only:
        row[fields.payoffs] = [float(first.payoffs[p]) for p in tree.game.players]
        row[fields.outcomes] = outcomes
        behaviour = first.behaviour
        row[fields.actions] = [float(behaviour[h][a]) for _, h, a in tree.choices]
    row[fields.play] = play_index(tree, outcomes[:, None])[0]
    row[fields.knife_edge] = float(bool(found.knife_edge))
    row[fields.equilibria] = len(found)
    return row
