r"""Proper subgames of a tree.

A node :math:`v` roots a *proper subgame* when every information set that
meets the subtree below :math:`v` lies inside it.  In pre-order the subtree of
``v`` is the index range ``[v, end(v))``, so the test is a comparison of index
ranges.

>>> from escalation.games import ExtensiveFormGame, decision, outcome
>>> g = ExtensiveFormGame(("A", "B"), decision("A", {
...     "x": decision("B", {"l": outcome(None, (1, 0)), "r": outcome(None, (0, 1))}, infoset="B?"),
...     "y": decision("B", {"l": outcome(None, (0, 1)), "r": outcome(None, (1, 0))}, infoset="B?"),
... }))
>>> subgame_roots(g)
(0,)
"""

from __future__ import annotations

from ..games.tree import TERMINAL, ExtensiveFormGame

__all__ = ["subgame_roots", "subtree_end"]


def subtree_end(game: ExtensiveFormGame) -> tuple[int, ...]:
    """``end[v]``: one past the last pre-order index of the subtree rooted at ``v``."""
    end = [0] * len(game.nodes)
    for node in reversed(game.nodes):
        end[node.index] = end[node.children[-1]] if node.children else node.index + 1
    return tuple(end)


def subgame_roots(game: ExtensiveFormGame) -> tuple[int, ...]:
    """Indices of the non-terminal nodes that root proper subgames, in pre-order."""
    end = subtree_end(game)
    span = {label: (min(h.nodes), max(h.nodes)) for label, h in game.infosets.items()}
    # lowest and highest infoset-member index reachable from the subtree of each node
    low = [len(game.nodes)] * len(game.nodes)
    high = [-1] * len(game.nodes)
    for node in reversed(game.nodes):
        if node.infoset is not None:
            lo, hi = span[node.infoset]
            low[node.index], high[node.index] = lo, hi
        for c in node.children:
            low[node.index] = min(low[node.index], low[c])
            high[node.index] = max(high[node.index], high[c])
    return tuple(
        n.index for n in game.nodes
        if n.kind != TERMINAL and low[n.index] >= n.index and high[n.index] < end[n.index]
    )
