r"""A tree in level order: the compiled form solvers run on.

Breadth first, level by level, each level in pre-order: then the children of
every node are *contiguous* (``first_child[v]`` and ``child_count[v]``), each
level is a contiguous block (``level_start``), and the children of one level
are exactly the next level.  A bottom-up pass is one numpy step per level:
gather the values of the next level, reduce them per parent with
``reduceat``.

Proper subgames are marked here too.  A node :math:`v` roots a proper
subgame when every information set that meets its subtree lies inside it; in
pre-order that subtree is the index range :math:`[v, v + \mathrm{size}(v))`,
so :math:`v` is a root exactly when the lowest and highest members of the
information sets below it stay inside that range.

>>> from escalation.games import ExtensiveFormGame, decision, outcome
>>> g = ExtensiveFormGame(("A", "B"), decision("A", {
...     "x": decision("B", {"l": outcome(None, (1, 0)), "r": outcome(None, (0, 1))}, infoset="B?"),
...     "y": decision("B", {"l": outcome(None, (0, 1)), "r": outcome(None, (1, 0))}, infoset="B?"),
...     "z": outcome(None, (0, 0)),
... }))
>>> t = level_tree(g)
>>> t.pre.tolist(), t.level_start.tolist(), t.first_child.tolist()[:3]
([0, 1, 4, 7, 2, 3, 5, 6], [0, 1, 4, 8], [1, 4, 6])
>>> t.subgame_root.tolist()
[True, False, False, False, False, False, False, False]
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .structure import CHANCE_CODE, DECISION_CODE, TERMINAL_CODE, TreeArrays

__all__ = ["Block", "LevelTree", "level_tree"]


@dataclass(frozen=True, eq=False)
class LevelTree:
    """The tree in level order; every array is indexed by level position.

    Attributes
    ----------
    arrays : TreeArrays
        The pre-order arrays it was made from.
    pre, position : numpy.ndarray
        Pre-order index of each level position, and the level position of each pre-order node.
    kind, player, infoset, parent : numpy.ndarray
        As in :class:`~escalation.games.structure.TreeArrays`, in level order (``parent`` too).
    first_child, child_count : numpy.ndarray
        The children of ``v`` are ``first_child[v]`` to ``first_child[v] + child_count[v] - 1``.
    move : numpy.ndarray
        The number of the move into each node among its parent's moves (from 0).
    level_start : numpy.ndarray
        Level ``d`` is ``level_start[d]`` to ``level_start[d + 1] - 1``.
    subgame_root : numpy.ndarray
        Whether each node roots a proper subgame (leaves do not).
    single_move : numpy.ndarray
        Subgame roots whose children are all leaves or subgame roots: solved by one maximisation or average.
    """

    arrays: TreeArrays
    pre: np.ndarray
    position: np.ndarray
    kind: np.ndarray
    player: np.ndarray
    infoset: np.ndarray
    parent: np.ndarray
    first_child: np.ndarray
    child_count: np.ndarray
    move: np.ndarray
    level_start: np.ndarray
    subgame_root: np.ndarray
    single_move: np.ndarray
    _cache: dict = field(default_factory=dict, repr=False)

    @property
    def size(self) -> int:
        return len(self.pre)

    @property
    def depth(self) -> int:
        """The number of levels."""
        return len(self.level_start) - 1

    def level(self, d: int) -> slice:
        return slice(int(self.level_start[d]), int(self.level_start[d + 1]))

    @property
    def chance_free(self) -> bool:
        return not (self.kind == CHANCE_CODE).any()

    @property
    def perfect_information(self) -> bool:
        return bool(self.single_move[self.kind != TERMINAL_CODE].all())

    def blocks(self, players: int) -> tuple[Block, ...]:
        """The levels that have children, deepest first, with the index arrays a bottom-up pass needs."""
        key = ("blocks", players)
        if key not in self._cache:
            self._cache[key] = _blocks(self, players)
        return self._cache[key]


@dataclass(frozen=True, eq=False)
class Block:
    """One level and its children, for a bottom-up step (all positions are level positions).

    ``internal`` are the nodes of the level with children, ``counts`` their
    numbers of children, ``segments`` where each one's children start in the
    block of children ``kid_lo:kid_hi`` (for ``reduceat``).  Per child:
    ``kid_rank`` is the index of its parent in ``internal``, ``kid_move`` its
    action number, ``kid_own`` the flat index of its mover's value in
    ``values[kid_lo:kid_hi].ravel()`` (the parent's mover; player 0 under chance).
    """

    internal: np.ndarray
    counts: np.ndarray
    segments: np.ndarray
    kid_lo: int
    kid_hi: int
    kid_rank: np.ndarray
    kid_move: np.ndarray
    kid_own: np.ndarray
    decision: np.ndarray
    chance: np.ndarray


def _blocks(tree: LevelTree, players: int) -> tuple[Block, ...]:
    """Every block, deepest first: the index arrays are made once for all nodes, each block holds slices."""
    n = tree.size
    internal = np.flatnonzero(tree.child_count)
    counts = tree.child_count[internal]
    bounds = np.searchsorted(internal, tree.level_start)  # the internal nodes of level d: bounds[d]:bounds[d + 1]
    rank = np.repeat(np.arange(len(internal)), counts)  # for the nodes 1 .. n - 1, their parent's index in internal
    own = np.arange(1, n) * players + np.maximum(tree.player, 0)[tree.parent[1:]]
    segments = tree.first_child[internal]
    kind = tree.kind[internal]
    decision, chance = kind == DECISION_CODE, kind == CHANCE_CODE
    out = []
    for d in range(tree.depth - 2, -1, -1):
        a, b = int(bounds[d]), int(bounds[d + 1])
        kid_lo, kid_hi = int(tree.level_start[d + 1]), int(tree.level_start[d + 2])
        out.append(Block(internal=internal[a:b], counts=counts[a:b], segments=segments[a:b] - kid_lo, kid_lo=kid_lo,
                         kid_hi=kid_hi, kid_rank=rank[kid_lo - 1:kid_hi - 1] - a, kid_move=tree.move[kid_lo:kid_hi],
                         kid_own=own[kid_lo - 1:kid_hi - 1] - kid_lo * players, decision=decision[a:b],
                         chance=chance[a:b]))
    return tuple(out)


def level_tree(game) -> LevelTree:
    """The level-order form of ``game`` (made once per game and kept)."""
    lazy = game._lazy
    if "level_tree" not in lazy:
        lazy["level_tree"] = _make(game.arrays)
    return lazy["level_tree"]


def _make(a: TreeArrays) -> LevelTree:
    pre = np.concatenate(a.levels)
    n = len(pre)
    position = np.empty(n, dtype=np.int64)
    position[pre] = np.arange(n)
    counts = a.child_count[pre]
    first = np.where(counts > 0, position[a.children[np.minimum(a.child_start[pre], len(a.children) - 1)]]
                     if len(a.children) else 0, -1)
    parent = np.where(a.parent[pre] >= 0, position[np.maximum(a.parent[pre], 0)], -1)
    move = np.zeros(n, dtype=np.int64)
    move[1:] = np.arange(1, n) - first[parent[1:]]
    starts = np.zeros(len(a.levels) + 1, dtype=np.int64)
    np.cumsum([len(level) for level in a.levels], out=starts[1:])
    kind = a.kind[pre]
    root = _subgame_roots(a, pre, position, first, counts, starts)
    inner = kind != TERMINAL_CODE
    child_ok = (kind == TERMINAL_CODE) | root
    single = root & _all_children(child_ok, first, counts, inner)
    return LevelTree(arrays=a, pre=pre, position=position, kind=kind, player=a.player[pre], infoset=a.infoset[pre],
                     parent=parent, first_child=first, child_count=counts, move=move, level_start=starts,
                     subgame_root=root, single_move=single)


def _all_children(flag: np.ndarray, first: np.ndarray, counts: np.ndarray, inner: np.ndarray) -> np.ndarray:
    """Per node, whether ``flag`` holds at all its children (false at leaves)."""
    out = np.zeros(len(flag), dtype=bool)
    nodes = np.flatnonzero(inner)
    if len(nodes):
        bad = np.add.reduceat((~flag).astype(np.int64)[1:], first[nodes] - 1) if len(flag) > 1 else np.zeros(0)
        out[nodes] = bad == 0
    return out


def _subgame_roots(a: TreeArrays, pre: np.ndarray, position: np.ndarray, first: np.ndarray, counts: np.ndarray,
                   starts: np.ndarray) -> np.ndarray:
    n = len(pre)
    decision = a.kind[pre] == DECISION_CODE
    if len(a.infoset_names) == int(decision.sum()):  # perfect information: every inner node roots a subgame
        return a.kind[pre] != TERMINAL_CODE
    members = np.flatnonzero(a.infoset >= 0)
    ids = a.infoset[members]
    k = len(a.infoset_names)
    low_h = np.full(k, n, dtype=np.int64)
    high_h = np.full(k, -1, dtype=np.int64)
    np.minimum.at(low_h, ids, members)
    np.maximum.at(high_h, ids, members)
    low = pre.copy()
    high = pre.copy()
    low[decision] = low_h[a.infoset[pre[decision]]]
    high[decision] = high_h[a.infoset[pre[decision]]]
    for d in range(len(starts) - 2, 0, -1):  # fold each level into its parents, deepest first
        lo, hi = int(starts[d]), int(starts[d + 1])
        parents = np.flatnonzero(counts[int(starts[d - 1]):lo]) + int(starts[d - 1])
        segments = first[parents] - lo
        low[parents] = np.minimum(low[parents], np.minimum.reduceat(low[lo:hi], segments))
        high[parents] = np.maximum(high[parents], np.maximum.reduceat(high[lo:hi], segments))
    end = pre + a.subtree_size[pre]
    return (a.kind[pre] != TERMINAL_CODE) & (low >= pre) & (high < end)
