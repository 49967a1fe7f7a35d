r"""A behaviour profile on the compiled tree, and its exact values.

A behaviour profile :math:`b` is stored per node of the level-order tree
(:mod:`escalation.games.level_order`): ``choice[v]`` is the action number a
*pure* decision picks, and ``weight[c]`` the probability of the move into
``c`` wherever the decision above ``c`` is mixed (or lies inside a layer).
Chance moves carry their own probabilities.

The value of every node under :math:`b` is computed level by level from the
leaves up, exactly:

.. math:: V(v) = V(\text{child}(v, \text{choice}(v)))
   \quad\text{or}\quad V(v) = \sum_a b(a \mid v)\, V(\text{child}(v, a)).

With integer payoffs, pure choices and no chance moves the values are
selected, never added, so ``int64`` arrays hold them exactly; otherwise they
are exact rationals in object arrays.

>>> from escalation.games import ExtensiveFormGame, decision, outcome
>>> g = ExtensiveFormGame(("A", "B"), decision("A", {
...     "x": decision("B", {"l": outcome(None, (2, 0)), "r": outcome(None, (0, 2))}),
...     "y": outcome(None, (1, 1))}))
>>> p = compiled_profile(g, {"root": {"x": "1/2", "y": "1/2"}, "root/x": {"l": "1/4", "r": "3/4"}})
>>> [str(v) for v in exact_values(p)[:, 0]]
['3/4', '1/2', '1', '2', '0']
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..games.level_order import LevelTree
from ..games.profiles import check_behaviour
from ..games.structure import CHANCE_CODE, DECISION_CODE
from ..games.tree import ExtensiveFormGame
from ..numbers import as_fraction
from .tree_numbers import TreeNumbers, tree_numbers

__all__ = ["CompiledProfile", "compiled_profile", "exact_values"]


@dataclass(frozen=True, eq=False)
class CompiledProfile:
    """A behaviour profile of ``game`` in level order (see the module docstring).

    ``mixed`` holds ``{information set: {action: Fraction}}`` for the
    information sets whose nodes have no pure ``choice``.
    """

    game: ExtensiveFormGame
    numbers: TreeNumbers
    choice: np.ndarray
    weight: np.ndarray | None
    mixed: dict

    @property
    def tree(self) -> LevelTree:
        return self.numbers.tree

    def action_probability(self, c: int) -> Any:
        """The probability of the move into node ``c`` (level position; not the root)."""
        tree = self.tree
        v = int(tree.parent[c])
        if tree.kind[v] == CHANCE_CODE:
            return self.numbers.prob[c]
        if self.choice[v] >= 0:
            return int(tree.move[c] == self.choice[v])
        assert self.weight is not None  # a mixed choice has its weights
        return self.weight[c]


def compiled_profile(game: ExtensiveFormGame, profile: Any) -> CompiledProfile:
    """``profile`` (``{information set: {action: probability}}`` or a Solution) on the compiled tree.

    A Solution of :func:`~escalation.solvers.subgame_perfect` carries its
    compiled profile and is used as it is; anything else is checked with
    :func:`~escalation.games.profiles.check_behaviour`.
    """
    carried = getattr(getattr(profile, "strategies", None), "compiled", None)
    if carried is None and profile is not None and hasattr(profile, "strategies"):
        views = list(profile.strategies.values())
        carried = getattr(views[0], "compiled", None) if views else None
    if isinstance(carried, CompiledProfile) and carried.game is game:
        return carried
    numbers = tree_numbers(game)
    behaviour = check_behaviour(game, profile, number=as_fraction)
    return from_behaviour(game, numbers, behaviour)


def from_behaviour(game: ExtensiveFormGame, numbers: TreeNumbers, behaviour: dict) -> CompiledProfile:
    """A checked behaviour profile (fractions at every information set) on the compiled tree."""
    tree = numbers.tree
    a = tree.arrays
    labels = a.infoset_labels()
    choice = np.full(tree.size, -1, dtype=np.int64)
    pure = {}
    mixed = {}
    for h, label in enumerate(labels):
        probs = behaviour[label]
        ones = [k for k, p in enumerate(probs.values()) if p == 1]
        if ones:
            pure[h] = ones[0]
        else:
            mixed[label] = probs
    decisions = np.flatnonzero(tree.kind == DECISION_CODE)
    ids = tree.infoset[decisions]
    picked = np.array([pure.get(h, -1) for h in ids.tolist()], dtype=np.int64)
    choice[decisions] = picked
    weight = None
    if mixed:
        weight = np.zeros(tree.size, dtype=object)
        for v in decisions[picked < 0].tolist():
            probs = list(mixed[labels[tree.infoset[v]]].values())
            first = int(tree.first_child[v])
            weight[first:first + len(probs)] = probs
    return CompiledProfile(game, numbers, choice, weight, mixed)


def exact_values(profile: CompiledProfile) -> np.ndarray:
    """Every player's exact value at every node under ``profile``, shape ``(nodes, players)``, level order."""
    tree, numbers = profile.tree, profile.numbers
    selecting = profile.weight is None and tree.chance_free and numbers.payoff_int is not None
    value = numbers.payoff_int.copy() if selecting and numbers.payoff_int is not None else numbers.payoff.copy()
    for b in tree.blocks(numbers.players):
        choice = profile.choice[b.internal]
        pure = choice >= 0
        if pure.all():
            value[b.internal] = value.take(tree.first_child[b.internal] + choice, axis=0)
            continue
        if pure.any():
            nodes = b.internal[pure]
            value[nodes] = value.take(tree.first_child[nodes] + choice[pure], axis=0)
        _weighted(profile, value, b, ~pure)
    return value


def _weighted(profile: CompiledProfile, value: np.ndarray, b, mask: np.ndarray) -> None:
    """Values of the nodes ``b.internal[mask]`` as probability-weighted sums of their children's."""
    tree = profile.tree
    kids = slice(b.kid_lo, b.kid_hi)
    weight = profile.numbers.prob[kids].copy()
    if profile.weight is not None:
        from_profile = b.decision[b.kid_rank]
        weight[from_profile] = profile.weight[kids][from_profile]
    del tree
    sums = np.add.reduceat(weight[:, None] * value[kids], b.segments, axis=0)
    value[b.internal[mask]] = sums[mask]


def root_value(profile: CompiledProfile) -> tuple[Fraction, ...]:
    """The exact expected payoffs at the root (only the nodes reached are evaluated)."""
    reach = reached_leaves(profile)
    numbers = profile.numbers
    return tuple(sum((p * Fraction(numbers.payoff[v, i]) for v, p in reach.items()), Fraction(0))
                 for i in range(numbers.players))


def reached_leaves(profile: CompiledProfile) -> dict[int, Fraction]:
    """The leaves reached with positive probability (level positions) and their exact probabilities."""
    tree = profile.tree
    out: dict[int, Fraction] = {}
    stack = [(0, Fraction(1))]
    while stack:
        v, p = stack.pop()
        count = int(tree.child_count[v])
        if not count:
            out[v] = out.get(v, Fraction(0)) + p
            continue
        first = int(tree.first_child[v])
        if tree.kind[v] == DECISION_CODE and profile.choice[v] >= 0:
            stack.append((first + int(profile.choice[v]), p))
            continue
        for c in range(first + count - 1, first - 1, -1):
            q = profile.action_probability(c)
            if q:
                stack.append((c, p * Fraction(q)))
    return out
