r"""Backward induction on a whole parameter grid at once.

The same recursion as :func:`~escalation.solvers.subgame_perfect`, with a
numpy array (one entry per grid point) in place of every number: from the
deepest level up, a chance node's value is the probability-weighted sum of
its children's, and a decision node takes the child maximising its mover's
value, :math:`a^*(v) = \arg\max_a u_{i(v)}(\text{child}(v, a))`, at every
point simultaneously.  The loops run over *nodes*, never over grid points.

**Ties.**  Floating-point arithmetic cannot decide an exact tie, so the
policy has two steps.  (1) A point is *flagged* at a decision node when a
non-chosen action comes within ``rtol`` (relative, default ``1e-9``) of the
best one; rounding errors are far below that, so every exact tie is flagged
(a few near-ties are flagged too).  (2) :func:`~.sweep.sweep` re-solves every
flagged point exactly with the per-point solver on exact rationals (the
floats read as their shortest decimals) and keeps the exact answer, so
``knife_edge`` is true exactly where ``subgame_perfect`` reports a tie.  At a
knife edge the reported equilibrium is the first one ``subgame_perfect``
lists: the lowest-numbered action at every tie; ``equilibria`` counts them.

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
>>> grid = backward_induction(compile_tree(game), {"c": np.array([0.5, 1.0, 2.0])})
>>> grid.choice[2]          # the Defender resists while war costs less than conceding
array([0, 0, 1])
>>> grid.flagged            # at c = 1 the Defender is indifferent
array([False,  True, False])
>>> grid.payoffs[0]         # the Challenger's expected payoff
array([0., 0., 1.])
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from ..games.tree import CHANCE, DECISION
from .compile import CompiledTree

__all__ = ["GridSolution", "backward_induction", "play_index"]

RTOL = 1e-9


@dataclass(frozen=True, eq=False)
class GridSolution:
    """Backward induction at every grid point (all arrays have the grid's shape last).

    Attributes
    ----------
    choice : dict of int to numpy.ndarray
        Per decision node, the index of the chosen action.
    flagged : numpy.ndarray of bool
        Points where some mover is (nearly) indifferent; to be re-solved exactly.
    payoffs : numpy.ndarray
        Expected payoffs, shape ``(players, *grid)``.
    outcome_probabilities : numpy.ndarray
        Probability of each label of ``tree.labels``, shape ``(labels, *grid)``.
    action_probabilities : numpy.ndarray
        Probability of each of ``tree.choices``, shape ``(choices, *grid)``.
    play : numpy.ndarray
        Index into ``tree.plays``: the set of outcome labels reached.
    """

    choice: dict[int, np.ndarray]
    flagged: np.ndarray
    payoffs: np.ndarray
    outcome_probabilities: np.ndarray
    action_probabilities: np.ndarray
    play: np.ndarray


def backward_induction(tree: CompiledTree, values: Mapping[str, np.ndarray], rtol: float = RTOL,
                       outcome_only: bool = False) -> GridSolution:
    """Solve ``tree`` at every point of the broadcast of ``values`` ({parameter name: array}).

    With ``outcome_only`` only the choices, the flags and the play are
    computed (``payoffs``, ``outcome_probabilities`` and
    ``action_probabilities`` are ``None``): the lean path for region maps.
    """
    shape, value, probs = tree.evaluate(values)
    choice: dict[int, np.ndarray] = {}
    flagged = np.zeros((), dtype=bool)
    for level in reversed(tree.levels):
        for v in level:
            v = int(v)
            below = [value.pop(int(c)) for c in tree.children[v]]
            if tree.kind[v] == CHANCE:
                value[v] = tuple(sum(p * u[i] for p, u in zip(probs[v], below, strict=True))
                                 for i in range(len(tree.game.players)))
                continue
            choice[v], value[v], ties = _decide(below, int(tree.player[v]), rtol)
            flagged = flagged | ties
    if outcome_only:
        return GridSolution({v: np.broadcast_to(c, shape) for v, c in choice.items()},
                            np.broadcast_to(flagged, shape), None, None, None, _play(tree, choice, probs, shape))
    outcomes = _by_label(tree, _reach(tree, choice, probs), shape)
    payoffs = np.stack([np.broadcast_to(u, shape) for u in value[0]])
    return GridSolution({v: np.broadcast_to(c, shape) for v, c in choice.items()}, np.broadcast_to(flagged, shape),
                        payoffs, outcomes, _actions(tree, choice, shape), play_index(tree, outcomes))


def _decide(below: list[tuple[np.ndarray, ...]], mover: int, rtol: float):
    """The mover's first best action, the resulting values, and where another action comes within ``rtol``."""
    own = [u[mover] for u in below]
    best, top = np.zeros((), dtype=np.intp), own[0]
    for k in range(1, len(own)):
        better = own[k] > top
        best, top = np.where(better, k, best), np.where(better, own[k], top)
    scale = rtol * np.maximum(1.0, np.abs(top))
    near = sum((np.abs(x - top) <= scale).astype(np.int8) for x in own)
    values = []
    for i in range(len(below[0])):
        pick = below[0][i]
        for k in range(1, len(below)):
            pick = np.where(best == k, below[k][i], pick)
        values.append(pick)
    return best, tuple(values), near > 1


def _reach(tree: CompiledTree, choice, probs) -> dict[int, np.ndarray]:
    """Probability of reaching every node, top-down (pre-order puts parents first)."""
    reach = {0: np.ones(())}
    for v, kind in enumerate(tree.kind):
        if kind == DECISION:
            for k, c in enumerate(tree.children[v]):
                reach[int(c)] = reach[v] * (choice[v] == k)
        elif kind == CHANCE:
            for k, c in enumerate(tree.children[v]):
                reach[int(c)] = reach[v] * probs[v][k]
    return reach


def _by_label(tree: CompiledTree, reach, shape) -> np.ndarray:
    out = np.zeros((len(tree.labels), *shape))
    for k, t in enumerate(tree.terminals):
        out[tree.leaf_label[k]] += reach[int(t)]
    return out


def _actions(tree: CompiledTree, choice, shape) -> np.ndarray:
    out = np.empty((len(tree.choices), *shape))
    position: dict[int, int] = {}
    for row, (v, _, _) in enumerate(tree.choices):
        k = position.get(v, 0)
        position[v] = k + 1
        out[row] = choice[v] == k
    return out


def _play(tree: CompiledTree, choice, probs, shape) -> np.ndarray:
    """The play from boolean reachability (no probabilities): the lean path."""
    reach = {0: np.ones((), dtype=bool)}
    for v, kind in enumerate(tree.kind):
        if kind == DECISION:
            for k, c in enumerate(tree.children[v]):
                reach[int(c)] = reach[v] & (choice[v] == k)
        elif kind == CHANCE:
            for k, c in enumerate(tree.children[v]):
                reach[int(c)] = reach[v] & (probs[v][k] > 0)
    mask = np.zeros(shape, dtype=np.int64)
    for k, t in enumerate(tree.terminals):
        mask[np.broadcast_to(reach[int(t)], shape)] |= 1 << int(tree.leaf_label[k])
    return np.searchsorted(tree.plays, mask)


def play_index(tree: CompiledTree, outcome_probabilities: np.ndarray) -> np.ndarray:
    """Index into ``tree.plays`` of the set of labels with positive probability."""
    mask = np.zeros(outcome_probabilities.shape[1:], dtype=np.int64)
    for k in range(len(tree.labels)):
        mask |= (outcome_probabilities[k] > 0).astype(np.int64) << k
    return np.searchsorted(tree.plays, mask)
