"""A compiled profile read as the nested mappings of a :class:`~.solution.Solution`.

A subgame-perfect equilibrium of a tree with :math:`2^{18}` leaves has
:math:`2^{18}` information sets; writing each out as a dictionary of sympy
numbers would cost more than solving the game.  These views answer the same
questions -- ``strategies[player][infoset][action]`` and
``outcomes[label]`` -- from the compiled profile, each entry made when it is
first read.

>>> from escalation.games import ExtensiveFormGame, decision, outcome
>>> from escalation.solvers.tree_profile import compiled_profile
>>> g = ExtensiveFormGame(("A",), decision("A", {"l": outcome("war", (0,)), "r": outcome("peace", (1,))}))
>>> p = compiled_profile(g, {"root": {"l": 0, "r": 1}})
>>> dict(BehaviourView(p, 0)["root"]), dict(OutcomeView(p))
({'l': 0, 'r': 1}, {'war': 0, 'peace': 1})
"""

from __future__ import annotations

from collections.abc import Iterator
from types import MappingProxyType
from typing import Any

import numpy as np
import sympy

from ..games.structure import TERMINAL_CODE
from .solution import ExactView
from .tree_profile import CompiledProfile, reached_leaves

__all__ = ["BehaviourView", "OutcomeView"]

_ZERO, _ONE = sympy.Integer(0), sympy.Integer(1)


def _exact(p: Any) -> sympy.Expr:
    if p == 0:
        return _ZERO
    if p == 1:
        return _ONE
    return sympy.Rational(p.numerator, p.denominator)


class BehaviourView(ExactView):
    """``{information set: {action: probability}}`` of one player under a compiled profile."""

    def __init__(self, compiled: CompiledProfile, player: int) -> None:
        self.compiled = compiled
        self.player = player
        self._ids: dict[str, int] | None = None

    def _index(self) -> dict[str, int]:
        if self._ids is None:
            a = self.compiled.tree.arrays
            labels, first = a.infoset_labels(), a.infoset_first()
            order = a.infoset_order()
            mine = order[a.player[first[order]] == self.player]
            self._ids = {labels[h]: h for h in mine.tolist()}
        return self._ids

    def __getitem__(self, label: str) -> MappingProxyType:
        h = self._index()[label]
        compiled = self.compiled
        mixed = compiled.mixed.get(label)
        if mixed is not None:
            return MappingProxyType({a: _exact(p) for a, p in mixed.items()})
        a = compiled.tree.arrays
        node = int(a.infoset_first()[h])
        k = int(compiled.choice[compiled.tree.position[node]])
        return MappingProxyType({name: _ONE if j == k else _ZERO for j, name in enumerate(a.actions_of(node))})

    def __iter__(self) -> Iterator[str]:
        return iter(self._index())

    def __len__(self) -> int:
        return len(self._index())

    def __contains__(self, label: object) -> bool:
        return label in self._index()


class OutcomeView(ExactView):
    """``{outcome label: probability}`` under a compiled profile (labels of all leaves, unreached ones at 0)."""

    def __init__(self, compiled: CompiledProfile) -> None:
        self.compiled = compiled
        self._table: dict[str, sympy.Expr] | None = None

    def _dist(self) -> dict[str, sympy.Expr]:
        if self._table is None:
            compiled = self.compiled
            game, tree = compiled.game, compiled.tree
            leaves = np.flatnonzero(tree.arrays.kind == TERMINAL_CODE)
            table: dict[str, Any] = {game.outcome_label(v): 0 for v in leaves.tolist()}
            for v, p in reached_leaves(compiled).items():
                label = game.outcome_label(int(tree.pre[v]))
                table[label] += p
            self._table = {k: _exact(p) for k, p in table.items()}
        return self._table

    def __getitem__(self, label: str) -> sympy.Expr:
        return self._dist()[label]

    def __iter__(self) -> Iterator[str]:
        return iter(self._dist())

    def __len__(self) -> int:
        return len(self._dist())
