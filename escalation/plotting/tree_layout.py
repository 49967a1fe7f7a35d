r"""Where a tree's nodes go on the page, and which moves a behaviour profile makes.

Leaves are placed left to right in the order the tree was built, and each
decision or chance node midway above its first and last child; the depth of a
node is its distance from the root.  A behaviour profile *makes* a move when it
gives it positive probability; the move is *on the path of play* when its node
is reached with positive probability.

>>> from escalation.games import ExtensiveFormGame, decision, outcome
>>> game = ExtensiveFormGame(("Entrant", "Incumbent"), decision("Entrant", {
...     "Out": outcome("Monopoly", (0, 2)),
...     "In": decision("Incumbent", {"Fight": outcome("Price war", (-1, -1)),
...                                  "Accommodate": outcome("Shared market", (1, 1))}),
... }))
>>> tree_layout(game)[game.node("root/In").index]
(2.0, -1.0)
>>> equilibrium_moves(game, {"root": {"Out": 1, "In": 0}, "root/In": {"Fight": 1, "Accommodate": 0}})
(('root/Out',), ('root/In/Fight',))
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import GameStructureError
from ..games.tree import CHANCE, DECISION, TERMINAL, ExtensiveFormGame, NodeInfo
from ..numbers import exact

__all__ = ["COUSIN_GAP", "Point", "equilibrium_moves", "tree_layout"]

Point = tuple[float, float]

COUSIN_GAP = 1.5  # between neighbouring leaves with different parents; siblings are 1 apart


def tree_layout(game: ExtensiveFormGame, min_gaps: Mapping[int, float] | None = None,
                collapsed: frozenset[int] = frozenset()) -> dict[int, Point]:
    """Position ``(x, y)`` of every node, by index; ``-y`` is the depth.

    Leaves are placed left to right in the order the tree was built, one unit
    apart when they share a parent and one and a half apart otherwise (so that
    the action labels of neighbouring subtrees do not meet), or further where
    ``min_gaps[leaf index]`` asks for more room from the leaf before (for long
    labels); a decision or chance node sits midway between its first and last child.
    Nodes in ``collapsed`` are placed like leaves (with the wider gap to their
    neighbours) and the nodes below them not at all.
    """
    positions: dict[int, Point] = {}
    previous: NodeInfo | None = None  # the last leaf placed

    def place(index: int, depth: int) -> float:
        nonlocal previous
        node = game.nodes[index]
        if node.kind == TERMINAL or index in collapsed:
            folded = index in collapsed or (previous is not None and previous.index in collapsed)
            gap = 1.0 if previous is None or (previous.parent == node.parent and not folded) else COUSIN_GAP
            gap = max(gap, (min_gaps or {}).get(index, 0.0))
            x = 0.0 if previous is None else positions[previous.index][0] + gap
            previous = node
        else:
            xs = [place(child, depth + 1) for child in node.children]
            x = (xs[0] + xs[-1]) / 2
        positions[index] = (x, -float(depth))
        return x

    place(0, 0)
    return positions


def equilibrium_moves(game: ExtensiveFormGame, behaviour: Mapping[str, Mapping[str, Any]]
                      ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The moves a behaviour profile makes: ``(on the path of play, off it)``, as action paths in pre-order.

    A move is made when its probability is not zero; it is on the path when its
    node is reached.  Chance moves with positive probability count as made.
    ``behaviour`` maps information sets to ``{action: probability}``; an
    information set may be missing only where it is never reached.

    Raises
    ------
    GameStructureError
        If a reached information set has no behaviour.
    """
    reached = {0}
    made: list[int] = []
    for node in game.nodes:
        for child, p in _moves(node, behaviour, node.index in reached):
            if p != 0:
                made.append(child)
                if node.index in reached:
                    reached.add(child)
    made.sort()  # pre-order of the nodes the moves lead to, as the tree is drawn
    return (tuple(game.nodes[i].path for i in made if i in reached),
            tuple(game.nodes[i].path for i in made if i not in reached))


def _moves(node: NodeInfo, behaviour, reached: bool) -> list[tuple[int, Any]]:
    """``(child, probability)`` for each move at ``node``; empty where nothing is prescribed."""
    if node.kind == CHANCE:
        return list(zip(node.children, node.probabilities, strict=True))
    if node.kind != DECISION:
        return []
    if node.infoset not in behaviour:
        if reached:
            raise GameStructureError(f"information set {node.infoset!r}", "is reached but has no behaviour")
        return []
    probs = behaviour[node.infoset]
    return [(c, exact(probs.get(a, 0))) for a, c in zip(node.actions, node.children, strict=True)]
