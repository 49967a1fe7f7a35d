r"""Where a tree's nodes go on the page.

Leaves are placed left to right in the order the tree was built, and each
decision or chance node midway above its first and last child; the depth of a
node is its distance from the root.  Which moves a behaviour profile makes is
:func:`escalation.games.profiles.equilibrium_moves`.

>>> from escalation.games import ExtensiveFormGame, decision, outcome
>>> game = ExtensiveFormGame(("Entrant", "Incumbent"), decision("Entrant", {
...     "Out": outcome("Monopoly", (0, 2)),
...     "In": decision("Incumbent", {"Fight": outcome("Price war", (-1, -1)),
...                                  "Accommodate": outcome("Shared market", (1, 1))}),
... }))
>>> tree_layout(game)[game.node("root/In").index]
(2.0, -1.0)
"""

from __future__ import annotations

from collections.abc import Mapping

from ..games.tree import TERMINAL, ExtensiveFormGame, NodeInfo

__all__ = ["COUSIN_GAP", "Point", "tree_layout"]

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
