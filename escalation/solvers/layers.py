r"""Layers: the part of a subgame above its largest proper subgames.

A subgame root :math:`v` whose children are all leaves or subgame roots is
solved by one move (a maximisation, or an average at chance).  Any other
subgame root heads a *layer*: the nodes below it down to the first leaves or
subgame roots (its *boundary*).  Replacing each boundary subgame by the
payoffs of an equilibrium of it leaves a game with imperfect information
and no proper subgame, solved through its reduced normal form.

>>> from escalation.games import ExtensiveFormGame, decision, outcome
>>> from escalation.games.level_order import level_tree
>>> g = ExtensiveFormGame(("A", "B"), decision("A", {
...     "x": decision("B", {"l": outcome(None, (1, 0)), "r": decision("A", {"u": outcome(None, (0, 1))})},
...                   infoset="B?"),
...     "y": decision("B", {"l": outcome(None, (0, 1)), "r": outcome(None, (1, 0))}, infoset="B?"),
... }))
>>> (layer,) = layers(level_tree(g)).values()
>>> [int(level_tree(g).pre[u]) for u in layer.boundary]
[2, 3, 6, 7]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..games.level_order import LevelTree
from ..games.nodes import chance, decision, outcome
from ..games.structure import CHANCE_CODE, DECISION_CODE, TERMINAL_CODE
from ..games.tree import ExtensiveFormGame

__all__ = ["Layer", "layers", "truncated_game"]


@dataclass(frozen=True)
class Layer:
    """A layer in level positions: its root, its inner nodes (root included) and boundary, each in pre-order."""

    root: int
    inner: tuple[int, ...]
    boundary: tuple[int, ...]


def layers(tree: LevelTree) -> dict[int, Layer]:
    """Every layer of the tree by its root (level position)."""
    cache = tree._cache
    if "layers" not in cache:
        heads = np.flatnonzero(tree.subgame_root & ~tree.single_move)
        cache["layers"] = {int(v): _layer(tree, int(v)) for v in heads}
    return cache["layers"]


def _layer(tree: LevelTree, v: int) -> Layer:
    inner, boundary = [], []
    stack = [v]
    while stack:  # pre-order, no recursion
        u = stack.pop()
        if u != v and (tree.subgame_root[u] or tree.kind[u] == TERMINAL_CODE):
            boundary.append(u)
            continue
        inner.append(u)
        first, count = int(tree.first_child[u]), int(tree.child_count[u])
        stack.extend(range(first + count - 1, first - 1, -1))
    return Layer(v, tuple(inner), tuple(boundary))


def truncated_game(game: ExtensiveFormGame, tree: LevelTree, layer: Layer,
                   values: dict[int, tuple]) -> ExtensiveFormGame:
    """The layer as a game: each boundary node ``u`` becomes a leaf paying ``values[u]``."""
    a = tree.arrays
    labels = a.infoset_labels()
    made: dict[int, Any] = {u: outcome(f"[{a.path_of(int(tree.pre[u]))}]", values[u]) for u in layer.boundary}
    for u in reversed(layer.inner):  # children before parents
        first, count = int(tree.first_child[u]), int(tree.child_count[u])
        kids = range(first, first + count)
        names = [a.action[int(tree.pre[c])] for c in kids]
        if tree.kind[u] == DECISION_CODE:
            moves = {name: made[c] for name, c in zip(names, kids, strict=True)}
            made[u] = decision(game.players[tree.player[u]], moves, infoset=labels[tree.infoset[u]])
        elif tree.kind[u] == CHANCE_CODE:
            made[u] = chance({name: (a.probability[int(tree.pre[c])], made[c])
                              for name, c in zip(names, kids, strict=True)})
    return ExtensiveFormGame(game.players, made[layer.root], f"subgame at {a.path_of(int(tree.pre[layer.root]))}")
