r"""Backward induction on a whole parameter grid at once.

The same recursion as :func:`~escalation.solvers.subgame_perfect`, with a
numpy array (one entry per grid point) in place of every number: from the
leaves up, a chance node's value is the probability-weighted sum of its
children's, and a decision node takes the child maximising its mover's
value, :math:`a^*(v) = \arg\max_a u_{i(v)}(\text{child}(v, a))`, at every
point simultaneously.  The loops run over *nodes*, never over grid points.

Arrays keep their *broadcast* shapes as long as they can: a value that
depends on one swept parameter varies along that axis only, a constant stays
a scalar, and a node's value for player :math:`i` is computed only where
:math:`i` moves above it (or, for the full result, at every node).

**The play** is computed in the same pass.  Below a chance node it is a bit
mask of the labels reached with positive probability (a leaf: its label's
bit; a decision: the chosen child's mask; a chance node: the union of the
masks of the moves with positive probability); a chance node that is reached
for sure turns its mask into an index of ``tree.plays``, and the decisions
above it pass that index up.

**Ties.**  Floating-point arithmetic cannot decide an exact tie, so the
policy has two steps.  (1) A point is *flagged* at a decision node when a
non-chosen action comes within ``rtol`` of the best one,
:math:`|u_a - u_{a^*}| \le \mathrm{rtol}\,\max(1, |u_{a^*}|)` (default
``rtol = 1e-9``); rounding errors are far below that, so every exact tie is
flagged (a few near-ties are flagged too).  To test this cheaply, every
node carries a bound :math:`B_i \ge |u_i|` over the whole grid (leaves: the
largest payoff; chance: :math:`\sum_k \max|p_k| B_i(\text{child}_k)`;
decision: the largest child bound), and the per-point test runs only when
some gap is below :math:`\mathrm{rtol}\max(1, B_i)`.  (2)
:func:`~.sweep.sweep` re-solves every flagged point exactly with the
per-point solver on exact rationals (the floats read as their shortest
decimals) and keeps the exact answer, so ``knife_edge`` is true exactly where
``subgame_perfect`` reports a tie.  At a knife edge the reported equilibrium
is the first one ``subgame_perfect`` lists: the lowest-numbered action at
every tie; ``equilibria`` counts them.

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
array([0, 0, 1], dtype=int8)
>>> grid.flagged            # at c = 1 the Defender is indifferent
array([False,  True, False])
>>> grid.payoffs[0]         # the Challenger's expected payoff
array([0., 0., 1.])
>>> grid.outcome_probabilities()[1]    # war
array([0., 0., 0.])
>>> [grid.tree.play_names[k] for k in grid.play]
['status quo', 'status quo', 'concession']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ..games.tree import CHANCE, DECISION
from .compile import CompiledTree

__all__ = ["GridSolution", "backward_induction"]

RTOL = 1e-9
SLACK = 1 + 1e-6  # room for rounding in the bounds B_i


@dataclass(frozen=True, eq=False)
class GridSolution:
    """Backward induction at every grid point.

    Every array is *broadcastable* to ``shape`` (use ``numpy.broadcast_to``
    for the full grid); ``play`` has the full shape.

    Attributes
    ----------
    tree : CompiledTree
        The tree solved.
    shape : tuple of int
        The grid's shape.
    choice : dict of int to numpy.ndarray
        Per decision node, the index of the chosen action.
    flagged : numpy.ndarray of bool
        Points where some mover is (nearly) indifferent; to be re-solved exactly.
    play : numpy.ndarray of int16
        Index into ``tree.plays``: the set of outcome labels reached.
    payoffs : tuple of numpy.ndarray
        Expected payoff of each player (``None`` with ``outcome_only``).

    The probabilities of the outcomes and of the actions are written by
    :meth:`outcome_probabilities` and :meth:`action_probabilities`.
    """

    tree: CompiledTree
    shape: tuple[int, ...]
    choice: dict[int, np.ndarray]
    flagged: np.ndarray
    play: np.ndarray
    payoffs: tuple[np.ndarray, ...] | None
    chance_probabilities: dict[int, list[np.ndarray]]

    def outcome_probabilities(self, out: np.ndarray | None = None) -> np.ndarray:
        """The probability of each label of ``tree.labels``, shape ``(labels, *shape)`` (written into ``out``).

        A leaf is reached with the product of the probabilities of the moves
        leading to it (1 or 0 for the chosen and the other actions); a label's
        probability is the sum over its leaves.  Computed top-down, each leaf's
        product is written straight into its row.
        """
        tree = self.tree
        out = np.empty((len(tree.labels), *self.shape)) if out is None else out
        label = dict(zip(tree.terminals.tolist(), tree.leaf_label.tolist(), strict=True))
        written: set[int] = set()
        reach = {0: np.ones((), dtype=bool)}  # booleans until a chance move: products of 0/1 indicators
        for v, kind in enumerate(tree.kind):
            if kind != DECISION and kind != CHANCE:
                continue
            above = reach.pop(v)
            for k, c in enumerate(tree.children[v].tolist()):
                step = self.choice[v] == k if kind == DECISION else self.chance_probabilities[v][k]
                if c not in label:
                    reach[c] = np.multiply(above, step)
                elif label[c] in written:
                    np.add(out[label[c]], np.multiply(above, step), out=out[label[c]])
                else:
                    np.multiply(above, step, out=out[label[c]])
                    written.add(label[c])
        if not written:  # the root is a leaf
            out[...] = 1.0
        return out

    def action_probabilities(self, out: np.ndarray | None = None) -> np.ndarray:
        """The probability of each of ``tree.choices`` (1 for the chosen action), shape ``(choices, *shape)``."""
        out = np.empty((len(self.tree.choices), *self.shape)) if out is None else out
        position: dict[int, int] = {}
        for row, (v, _, _) in enumerate(self.tree.choices):
            k = position.get(v, 0)
            position[v] = k + 1
            np.equal(self.choice[v], k, out=out[row])
        return out


def backward_induction(tree: CompiledTree, values: Mapping[str, npt.ArrayLike], rtol: float = RTOL,
                       outcome_only: bool = False) -> GridSolution:
    """Solve ``tree`` at every point of the broadcast of ``values`` ({parameter name: array}).

    With ``outcome_only`` only the choices, the flags and the play are
    computed: the lean path for region maps.
    """
    shape, leaves, probs = tree.evaluate(values)
    state = _Induction(tree, leaves, probs, rtol, everyone=not outcome_only)
    for v in reversed(range(len(tree.kind))):  # pre-order reversed: children before parents
        state.solve(v)
    play = _full(state.code[0], shape, np.int16)
    flagged = np.zeros((), dtype=bool) if state.flagged is None else state.flagged
    return GridSolution(tree, shape, state.choice, flagged, play, None if outcome_only else state.value[0], probs)


class _Induction:
    """The bottom-up pass: per node its values, bounds and play code (see the module docstring)."""

    def __init__(self, tree: CompiledTree, leaves, probs, rtol: float, everyone: bool) -> None:
        self.tree, self.leaves, self.probs, self.rtol = tree, leaves, probs, rtol
        players = range(len(tree.game.players))
        self.needed = [frozenset(players) if everyone else m for m in tree.movers_above]
        self.value: dict[int, tuple] = {}
        self.bound: dict[int, tuple[float, ...]] = {}
        self.code: dict[int, np.ndarray] = {}
        self.choice: dict[int, np.ndarray] = {}
        self.flagged: np.ndarray | None = None

    def solve(self, v: int) -> None:
        kind = self.tree.kind[v]
        if kind == DECISION:
            self._decision(v)
        elif kind == CHANCE:
            self._chance(v)
        else:
            self._leaf(v)

    def _leaf(self, v: int) -> None:
        payoffs = self.leaves[v]
        self.value[v] = payoffs
        self.bound[v] = tuple(float(np.max(np.abs(u))) for u in payoffs)
        label = self.tree.leaf_label[np.searchsorted(self.tree.terminals, v)]
        mask = np.array(1 << int(label), dtype=self.tree.mask_dtype)
        self.code[v] = mask if self.tree.below_chance[v] else self.tree.play_of(mask)

    def _chance(self, v: int) -> None:
        children = [int(c) for c in self.tree.children[v]]
        probs = self.probs[v]
        weight = [float(np.max(np.abs(p))) for p in probs]
        self.bound[v] = tuple(SLACK * sum(w * self.bound[c][i] for w, c in zip(weight, children, strict=True))
                              for i in range(len(self.tree.game.players)))
        values = [self.value.pop(c) for c in children]
        self.value[v] = tuple(_expectation(probs, [u[i] for u in values]) if i in self.needed[v] else None
                              for i in range(len(self.tree.game.players)))
        mask = _union([self.code.pop(c) for c in children], probs)
        self.code[v] = mask if self.tree.below_chance[v] else self.tree.play_of(mask)

    def _decision(self, v: int) -> None:
        children = [int(c) for c in self.tree.children[v]]
        mover = int(self.tree.player[v])
        values = [self.value.pop(c) for c in children]
        bounds = [self.bound.pop(c) for c in children]
        self.bound[v] = tuple(max(b) for b in zip(*bounds, strict=True))
        own = [u[mover] for u in values]
        if len(own) == 2:
            best, ties = _best_of_two(own[0], own[1], self.bound[v][mover], self.rtol)
        else:
            best, ties = _best_of_many(own, self.rtol)
        if ties is not None:
            self.flagged = ties if self.flagged is None else self.flagged | ties
        self.choice[v] = best.view(np.int8) if best.dtype == bool else best
        self.value[v] = tuple(_pick(best, [u[i] for u in values]) if i in self.needed[v] else None
                              for i in range(len(self.tree.game.players)))
        self.code[v] = _pick(best, [self.code.pop(c) for c in children])


def _best_of_two(own0: np.ndarray, own1: np.ndarray, bound: float, rtol: float):
    r"""The better of two actions (``True``: the second) and where they tie within ``rtol`` (``None``: nowhere).

    The gap :math:`|u_1 - u_0|` is compared with the scalar
    :math:`\mathrm{rtol}\max(1, B)` first, :math:`B` bounding :math:`|u_0|`
    and :math:`|u_1|` on the whole grid; only if some gap is that small is the
    per-point test :math:`|u_1 - u_0| \le \mathrm{rtol}\max(1, |u_{a^*}|)` run.
    """
    gap = np.asarray(np.subtract(own1, own0))
    better = np.asarray(gap > 0)  # the first action wins ties
    np.abs(gap, out=gap)
    if gap.size == 0 or gap.min() > rtol * max(1.0, bound):
        return better, None
    ties = np.asarray(gap <= rtol * np.maximum(1.0, np.abs(np.maximum(own0, own1))))
    return better, ties if ties.any() else None


def _best_of_many(own: list[np.ndarray], rtol: float):
    """The first best action among several, and where another comes within ``rtol`` of it (``None``: nowhere)."""
    best, top = np.zeros((), dtype=np.intp), own[0]
    for k in range(1, len(own)):
        better = own[k] > top
        best, top = np.where(better, k, best), np.where(better, own[k], top)
    scale = rtol * np.maximum(1.0, np.abs(top))
    near = sum((np.abs(x - top) <= scale).astype(np.int8) for x in own)
    ties = np.asarray(near > 1)
    return best, ties if ties.any() else None


def _pick(best: np.ndarray, options: list[np.ndarray]) -> np.ndarray:
    """``options[best]`` point by point (``best`` is a boolean for two options, else an index)."""
    if best.dtype == bool:
        return np.where(best, options[1], options[0])
    picked = options[0]
    for k in range(1, len(options)):
        picked = np.where(best == k, options[k], picked)
    return picked


def _expectation(probs: list[np.ndarray], outcomes: list[np.ndarray]) -> np.ndarray:
    r""":math:`\sum_k p_k u_k`, computed as :math:`u_K + \sum_{k<K} p_k (u_k - u_K)`.

    The two agree because a game's chance probabilities sum to one exactly
    (checked symbolically when it is built); the second form needs one
    product fewer, and the differences keep the shapes of the payoffs.
    """
    base = outcomes[-1]
    terms = [np.multiply(p, np.subtract(u, base)) for p, u in zip(probs[:-1], outcomes[:-1], strict=True)]
    return _sum([*terms, base], own_first=True) if terms else base


def _sum(terms: list[np.ndarray], own_first: bool = False) -> np.ndarray:
    """The sum of broadcastable arrays (floats; booleans count as 0 and 1).

    Adds in place into the running total once it is an array of the full
    shape made here (or ``terms[0]`` with ``own_first``, a temporary of the caller's).
    """
    total, own = terms[0], own_first
    for term in terms[1:]:
        if own and np.ndim(total) and np.shape(total) == np.broadcast_shapes(np.shape(total), np.shape(term)):
            np.add(total, term, out=total)
        else:
            total, own = np.asarray(np.add(total, term, dtype=float)), True
    return total


def _union(masks: list[np.ndarray], probs: list[np.ndarray]) -> np.ndarray:
    """The labels reached below a chance node: the union of the masks of its moves with positive probability."""
    union = np.zeros((), dtype=masks[0].dtype)
    for mask, p in zip(masks, probs, strict=True):
        positive = p > 0
        if positive.all():
            union = union | mask
        elif positive.any():
            union = union | np.where(positive, mask, 0).astype(mask.dtype)
    return union


def _full(array: np.ndarray, shape: tuple[int, ...], dtype) -> np.ndarray:
    """``array`` as a writable array of ``shape`` and ``dtype``: itself if it already is one, else a copy."""
    if array.shape == shape and array.dtype == dtype and array.flags.owndata and array.flags.writeable:
        return array
    return np.broadcast_to(array, shape).astype(dtype)
