r"""Where is a mover indifferent?  Exact tie detection at one parameter point.

At a decision node :math:`v` of player :math:`i`, actions :math:`a \ne b` are
*tied* when some subgame-perfect continuation gives both the same, maximal,
payoff to :math:`i`:

.. math:: u_i(a) = u_i(b) \ge u_i(c) \quad \text{for every other action } c.

Each subgame may have several subgame-perfect values when there are ties
further down, so every node carries the set of its possible values; a tie is
reported at the node where it occurs, not at its ancestors.  Used to name the
knife-edge when a point lies on a region boundary.

>>> from escalation.games import ExtensiveFormGame, decision, outcome
>>> game = ExtensiveFormGame(("A", "B"), decision("A", {
...     "C": outcome("SQ", (0, 0)),
...     "D": decision("B", {"C": outcome("DC", (1, -1)), "D": outcome("DD", (-1, -1))}),
... }))
>>> ties_at(game)
["B is indifferent at node root/D between 'C' and 'D' (payoff -1)"]
"""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations

from ..games.tree import CHANCE, TERMINAL, ExtensiveFormGame
from ..numbers import as_fraction

__all__ = ["ties_at"]


def ties_at(game: ExtensiveFormGame) -> list[str]:
    """Every tie in a numeric perfect-information tree, one sentence each."""
    found: list[str] = []
    _values(game, 0, found)
    return found


def _values(game: ExtensiveFormGame, v: int, found: list[str]) -> set[tuple[Fraction, ...]]:
    """The set of subgame-perfect payoff vectors of the subgame at node ``v``."""
    node = game.nodes[v]
    if node.kind == TERMINAL:
        return {tuple(as_fraction(u) for u in node.payoffs)}
    options = [_values(game, c, found) for c in node.children]
    if node.kind == CHANCE:
        vectors = {tuple(Fraction(0) for _ in game.players)}
        for p, option in zip(node.probabilities, options, strict=True):
            weight = as_fraction(p)
            vectors = {tuple(a + weight * b for a, b in zip(total, u, strict=True))
                       for total in vectors for u in option}
        return vectors
    i = node.player
    assert i is not None  # a decision node
    worst = [min(u[i] for u in option) for option in options]
    out: set[tuple[Fraction, ...]] = set()
    for k, option in enumerate(options):
        rivals = max((w for j, w in enumerate(worst) if j != k), default=None)
        out |= {u for u in option if rivals is None or u[i] >= rivals}
    for (j, a), (k, b) in combinations(enumerate(options), 2):
        others = max((w for m, w in enumerate(worst) if m not in (j, k)), default=None)
        common = {u[i] for u in a} & {u[i] for u in b}
        level = [x for x in common if others is None or x >= others]
        if level:
            found.append(f"{game.players[i]} is indifferent at node {node.path} between "
                         f"{node.actions[j]!r} and {node.actions[k]!r} (payoff {max(level)})")
    return out
