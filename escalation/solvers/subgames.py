r"""Proper subgames of a tree.

A node :math:`v` roots a *proper subgame* when every information set that
meets the subtree below :math:`v` lies inside it.  In pre-order the subtree of
``v`` is the index range ``[v, end(v))``, so the test is a comparison of index
ranges (done for all nodes at once on the compiled tree, see
:mod:`escalation.games.level_order`).

>>> from escalation.games import ExtensiveFormGame, decision, outcome
>>> g = ExtensiveFormGame(("A", "B"), decision("A", {
...     "x": decision("B", {"l": outcome(None, (1, 0)), "r": outcome(None, (0, 1))}, infoset="B?"),
...     "y": decision("B", {"l": outcome(None, (0, 1)), "r": outcome(None, (1, 0))}, infoset="B?"),
... }))
>>> subgame_roots(g)
(0,)
"""

from __future__ import annotations

import numpy as np

from ..games.level_order import level_tree
from ..games.tree import ExtensiveFormGame

__all__ = ["subgame_roots", "subtree_end"]


def subtree_end(game: ExtensiveFormGame) -> tuple[int, ...]:
    """``end[v]``: one past the last pre-order index of the subtree rooted at ``v``."""
    a = game.arrays
    return tuple((np.arange(a.size) + a.subtree_size).tolist())


def subgame_roots(game: ExtensiveFormGame) -> tuple[int, ...]:
    """Indices of the non-terminal nodes that root proper subgames, in pre-order."""
    tree = level_tree(game)
    return tuple(np.sort(tree.pre[tree.subgame_root]).tolist())
