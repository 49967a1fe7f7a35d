r"""A game tree as flat arrays in pre-order: the storage behind :class:`~escalation.games.ExtensiveFormGame`.

Node :math:`0` is the root and every node comes before the nodes of its
subtree, so the subtree of node :math:`v` is the index range
:math:`[v, v + \mathrm{size}(v))`.  Per node the arrays hold its kind, mover,
parent, information set and the label of the move leading to it; children are
stored compressed (``children[child_start[v]:child_start[v + 1]]``, in action
order); each leaf has a row of payoffs and each move of a chance node its
probability.  Numbers are exact: Python ``int``, :class:`fractions.Fraction`,
or a sympy expression where a payoff is symbolic or irrational.

Everything else a reader asks for (paths, depths, the node records of
``game.nodes``) is derived from these arrays when first needed.

>>> import numpy as np
>>> s = TreeArrays.build(
...     kind=[DECISION_CODE, TERMINAL_CODE, TERMINAL_CODE], player=[0, -1, -1], parent=[-1, 0, 0],
...     action=[None, "l", "r"], infoset=[0, -1, -1], infoset_names=[None],
...     payoffs=[[1], [2]], outcomes=["a", None], probability=[None] * 3)
>>> s.children_of(0), s.depth.tolist(), s.paths()
((1, 2), [0, 1, 1], ['root', 'root/l', 'root/r'])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from fractions import Fraction
from functools import cached_property
from typing import Any

import numpy as np
import sympy

from .paths import ROOT, escape_action

__all__ = [
    "CHANCE_CODE", "DECISION_CODE", "TERMINAL_CODE", "TreeArrays", "as_sympy", "canonical_number", "payoff_table",
]

DECISION_CODE, CHANCE_CODE, TERMINAL_CODE = 0, 1, 2


def canonical_number(value: sympy.Expr) -> Any:
    """A sympy number as the storage form: ``int``, ``Fraction``, or the expression itself.

    >>> canonical_number(sympy.Integer(3)), canonical_number(sympy.Rational(1, 3)), canonical_number(sympy.sqrt(2))
    (3, Fraction(1, 3), sqrt(2))
    """
    if isinstance(value, sympy.Integer):
        return int(value)
    if isinstance(value, sympy.Rational):
        return Fraction(int(value.p), int(value.q))
    return value


def as_sympy(value: Any) -> sympy.Expr:
    """A stored number as the sympy expression readers see in ``NodeInfo``."""
    if type(value) is int:
        return sympy.Integer(value)
    if type(value) is Fraction:
        return sympy.Rational(value.numerator, value.denominator)
    return value


@dataclass(frozen=True, eq=False)
class TreeArrays:
    """A validated tree in pre-order (see the module docstring).

    Attributes
    ----------
    kind : numpy.ndarray
        ``int8`` per node: ``DECISION_CODE``, ``CHANCE_CODE`` or ``TERMINAL_CODE``.
    player : numpy.ndarray
        The mover's position at decision nodes, ``-1`` elsewhere.
    parent : numpy.ndarray
        The parent of each node, ``-1`` at the root.
    child_start : numpy.ndarray
        ``children[child_start[v]:child_start[v + 1]]`` are the children of ``v``.
    children : numpy.ndarray
        All children, grouped by parent, each group in action order.
    action : list of str
        The label of the move into each node (``None`` at the root).
    infoset : numpy.ndarray
        The information set number of each decision node, ``-1`` elsewhere.
    infoset_names : list
        Per information set its label, or ``None`` when it is labelled by the path of its one node.
    leaf : numpy.ndarray
        The payoff row of each leaf, ``-1`` elsewhere.
    payoff_table : numpy.ndarray
        ``(leaves, players)``: ``int64`` when every payoff is a machine integer, else objects (exact numbers).
        Read it as :attr:`payoffs` (objects) or :attr:`payoff_ints`.
    outcomes : list
        The outcome label of each leaf row (``None`` when it has none).
    probability : numpy.ndarray
        Object array: at a child of a chance node, the probability of the move into it; ``None`` elsewhere.
    """

    kind: np.ndarray
    player: np.ndarray
    parent: np.ndarray
    child_start: np.ndarray
    children: np.ndarray
    action: list
    infoset: np.ndarray
    infoset_names: list
    leaf: np.ndarray
    payoff_table: np.ndarray
    outcomes: list
    probability: np.ndarray
    _cache: dict = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, *, kind, player, parent, action, infoset, infoset_names, payoffs, outcomes,
              probability, children: tuple[np.ndarray, np.ndarray] | None = None) -> TreeArrays:
        """Assemble the arrays from per-node lists in pre-order.

        ``children`` is ``(child_start, children)`` when the caller knows them; else they are found from ``parent``.
        """
        kind = np.asarray(kind, dtype=np.int8)
        parent = np.asarray(parent, dtype=np.int64)
        n = len(kind)
        if children is not None:
            child_start, order = children
        else:
            order = np.argsort(parent[1:], kind="stable") + 1
            counts = np.bincount(parent[1:], minlength=n) if n > 1 else np.zeros(n, dtype=np.int64)
            child_start = np.zeros(n + 1, dtype=np.int64)
            np.cumsum(counts, out=child_start[1:])
        leaf = np.full(n, -1, dtype=np.int64)
        terminal = kind == TERMINAL_CODE
        leaf[terminal] = np.arange(int(terminal.sum()))
        if isinstance(probability, np.ndarray):
            probs = probability
        else:
            probs = np.empty(n, dtype=object)
            probs[:] = list(probability)
        return cls(kind=kind, player=np.asarray(player, dtype=np.int32), parent=parent,
                   child_start=child_start, children=order.astype(np.int64),
                   action=action if isinstance(action, list) else list(action),
                   infoset=np.asarray(infoset, dtype=np.int64), infoset_names=list(infoset_names),
                   leaf=leaf, payoff_table=payoff_table(payoffs), outcomes=list(outcomes), probability=probs)

    def replace(self, **changes: Any) -> TreeArrays:
        """A copy with some arrays replaced (what was derived from the shape alone is carried over)."""
        values = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "_cache"}
        values.update(changes)
        out = TreeArrays(**values)
        if not {"kind", "parent", "child_start", "children"} & set(changes):
            out.remember(**{k: v for k, v in self._cache.items() if k in _SHAPE_ONLY})
        return out

    def remember(self, **derived: Any) -> None:
        """Keep what a builder already knows (``levels``, ``subtree_size``, ...) instead of deriving it again."""
        self._cache.update(derived)

    # -- numbers ---------------------------------------------------------------------------------
    @cached_property
    def payoffs(self) -> np.ndarray:
        """Object array ``(leaves, players)`` of exact numbers (``int``, ``Fraction``, sympy)."""
        table = self.payoff_table
        return table if table.dtype == object else table.astype(object)

    @cached_property
    def payoff_ints(self) -> np.ndarray | None:
        """The payoffs as ``int64`` when all are integers of magnitude below :math:`2^{62}`, else ``None``."""
        table = self.payoff_table
        if table.dtype != object:
            return table if np.abs(table).max(initial=0) < 2**62 else None
        if not all(type(x) is int for x in table.ravel().tolist()):
            return None
        try:
            ints = table.astype(np.int64)
        except OverflowError:
            return None
        return ints if np.abs(ints).max(initial=0) < 2**62 else None

    @cached_property
    def chance_children(self) -> np.ndarray:
        """The nodes reached by a chance move (they carry a probability)."""
        below = np.flatnonzero(self.kind[np.maximum(self.parent, 0)] == CHANCE_CODE)
        return below[self.parent[below] >= 0]

    # -- shape -----------------------------------------------------------------------------------
    @property
    def size(self) -> int:
        return len(self.kind)

    def children_of(self, v: int) -> tuple[int, ...]:
        return tuple(self.children[self.child_start[v]:self.child_start[v + 1]].tolist())

    def actions_of(self, v: int) -> tuple[str, ...]:
        return tuple(self.action[c] for c in self.children[self.child_start[v]:self.child_start[v + 1]].tolist())

    @property
    def child_count(self) -> np.ndarray:
        return self._cached("child_count", lambda: np.diff(self.child_start))

    @property
    def depth(self) -> np.ndarray:
        """Distance from the root of every node."""
        return self._cached("depth", self._depth)

    @property
    def subtree_size(self) -> np.ndarray:
        """Number of nodes in the subtree of every node (itself included)."""
        return self._cached("subtree_size", self._subtree_size)

    def _depth(self) -> np.ndarray:
        depth = np.zeros(self.size, dtype=np.int64)
        for level in self.levels:  # parents before children
            kids = self._kids_of(level)
            depth[kids] = depth[self.parent[kids]] + 1
        return depth

    @property
    def levels(self) -> tuple[np.ndarray, ...]:
        """Nodes grouped by depth, top down (each group in pre-order)."""
        return self._cached("levels", self._levels)

    def _levels(self) -> tuple[np.ndarray, ...]:
        out = []
        level = np.zeros(1, dtype=np.int64)
        while level.size:
            out.append(level)
            level = self._kids_of(level)
        return tuple(out)

    def _kids_of(self, nodes: np.ndarray) -> np.ndarray:
        """The children of ``nodes`` (concatenated in order)."""
        starts, stops = self.child_start[nodes], self.child_start[nodes + 1]
        counts = stops - starts
        total = int(counts.sum())
        if total == 0:
            return np.zeros(0, dtype=np.int64)
        offsets = np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(total)
        return self.children[offsets]

    def _subtree_size(self) -> np.ndarray:
        size = np.ones(self.size, dtype=np.int64)
        for level in reversed(self.levels[1:]):
            np.add.at(size, self.parent[level], size[level])
        return size

    def _cached(self, key: str, make):
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    # -- names -----------------------------------------------------------------------------------
    def paths(self) -> list[str]:
        """The path of every node (``"root/In/Fight"``), see :mod:`escalation.games.paths`."""
        return self._cached("paths", self._paths)

    def _paths(self) -> list[str]:
        paths = [ROOT] * self.size
        action, parent = self.action, self.parent.tolist()
        for v in range(1, self.size):  # pre-order: the parent's path is known
            paths[v] = f"{paths[parent[v]]}/{escape_action(action[v])}"
        return paths

    def path_of(self, v: int) -> str:
        """The path of one node, without computing the others."""
        if "paths" in self._cache:
            return self._cache["paths"][v]
        steps = []
        while v > 0:
            steps.append(escape_action(self.action[v]))
            v = int(self.parent[v])
        return "/".join([ROOT, *reversed(steps)])

    def infoset_labels(self) -> list[str]:
        """The label of every information set: its name, or the path of its node."""
        return self._cached("infoset_labels", self._infoset_labels)

    def _infoset_labels(self) -> list[str]:
        names = self.infoset_names
        if all(name is not None for name in names):
            return list(names)
        first = self.infoset_first().tolist()
        path = self.paths().__getitem__ if names.count(None) > 64 else self.path_of
        return [name if name is not None else path(first[k]) for k, name in enumerate(names)]

    def infoset_first(self) -> np.ndarray:
        """The first node (in pre-order) of every information set."""
        return self._cached("infoset_first", self._infoset_first)

    def _infoset_first(self) -> np.ndarray:
        decision = np.flatnonzero(self.infoset >= 0)
        first = np.full(len(self.infoset_names), -1, dtype=np.int64)
        ids = self.infoset[decision]
        order = np.argsort(ids, kind="stable")
        ids_sorted = ids[order]
        starts = np.flatnonzero(np.concatenate(([True], ids_sorted[1:] != ids_sorted[:-1]))) if len(ids_sorted) \
            else ids_sorted
        first[ids_sorted[starts]] = decision[order[starts]]
        return first

    def infoset_members(self) -> list[tuple[int, ...]]:
        """The nodes of every information set, in pre-order."""
        return self._cached("infoset_members", self._infoset_members)

    def _infoset_members(self) -> list[tuple[int, ...]]:
        members: list[list[int]] = [[] for _ in self.infoset_names]
        decision = np.flatnonzero(self.infoset >= 0)
        for v, h in zip(decision.tolist(), self.infoset[decision].tolist(), strict=True):
            members[h].append(v)
        return [tuple(m) for m in members]

    def infoset_order(self) -> np.ndarray:
        """Information set numbers in the order their first node appears."""
        return self._cached("infoset_order", lambda: np.argsort(self.infoset_first(), kind="stable"))


_SHAPE_ONLY = ("levels", "subtree_size", "depth", "child_count", "position")


def payoff_table(rows: np.ndarray | Sequence[Sequence[Any]]) -> np.ndarray:
    """Payoff rows as an ``int64`` table when they are all machine integers, else an object table."""
    if isinstance(rows, np.ndarray):
        if rows.dtype == object or rows.dtype == np.int64:
            return rows
        if np.issubdtype(rows.dtype, np.integer):
            return rows.astype(np.int64)
        return rows.astype(object)
    width = len(rows[0]) if len(rows) else 0
    if all(type(x) is int for row in rows for x in row):
        try:
            return np.array(rows, dtype=np.int64).reshape(len(rows), width)
        except OverflowError:
            pass
    out = np.empty((len(rows), width), dtype=object)
    for k, row in enumerate(rows):
        out[k, :] = list(row)
    return out
