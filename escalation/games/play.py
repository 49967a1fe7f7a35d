r"""How a behaviour profile plays out on a tree: one evaluator for every number type.

A behaviour profile :math:`b` gives each action :math:`a` at each decision
node :math:`v` a probability :math:`b(a \mid v)`; chance nodes carry their own
:math:`\pi_v(a)`.  The probability of reaching a node is the product of the
move probabilities on its path, and the continuation value of a node is the
expected payoff of the leaves below it:

.. math::
   \rho(\text{root}) = 1, \qquad \rho(\text{child}(v, a)) = \rho(v)\, b(a \mid v),
   \qquad V(v) = \sum_a b(a \mid v)\, V(\text{child}(v, a)), \quad V(z) = u(z).

Both passes are written once here, generic over the number type: the caller
passes ``moves(node)``, the move probabilities at a node as sympy
expressions, exact fractions or numpy arrays over a parameter grid.  The
symbolic profiles of :mod:`.profiles`, the exact verifiers
(:mod:`escalation.solvers.evaluation`) and the grid evaluator
(:mod:`escalation.analysis.profile_grid`) are thin layers over these two
functions.  (The compiled level-order tree of
:mod:`escalation.solvers.tree_profile` evaluates the same recursion on flat
arrays for speed; the tests check the two agree.)

>>> from fractions import Fraction
>>> from escalation.games import ExtensiveFormGame, decision, outcome
>>> g = ExtensiveFormGame(("A", "B"), decision("A", {
...     "x": decision("B", {"l": outcome(None, (2, 0)), "r": outcome(None, (0, 2))}),
...     "y": outcome(None, (1, 1))}))
>>> b = {"root": [Fraction(1, 2), Fraction(1, 2)], "root/x": [Fraction(1, 4), Fraction(3, 4)]}
>>> moves = lambda node: b[node.infoset]
>>> [str(p) for p in reach(g, moves, Fraction(1))]
['1', '1/2', '1/8', '3/8', '1/2']
>>> [str(v[0]) for v in continuation(g, moves, lambda node: node.payoffs, Fraction(0))]
['3/4', '1/2', '2', '0', '1']
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

from .tree import TERMINAL, ExtensiveFormGame, NodeInfo

__all__ = ["Moves", "continuation", "expected", "reach"]

Moves = Callable[[NodeInfo], "Sequence[Any] | None"]
"""The move probabilities at a chance or decision node, one per child, or ``None`` where none are given."""


def reach(game: ExtensiveFormGame, moves: Moves, one: Any) -> list[Any]:
    """The probability of reaching each node (indexed like ``game.nodes``), top-down in pre-order.

    ``one`` is the root's probability in the caller's number type.  A node
    whose parent has no moves (``moves`` returns ``None``) keeps ``None``.
    """
    out: list[Any] = [None] * len(game.nodes)
    out[0] = one
    for node in game.nodes:  # pre-order: parents come first
        if node.kind == TERMINAL or out[node.index] is None:
            continue
        probabilities = moves(node)
        if probabilities is None:
            continue
        here = out[node.index]
        for child, p in zip(node.children, probabilities, strict=True):
            out[child] = here if _exactly(p, 1) else here * p
    return out


def continuation(game: ExtensiveFormGame, moves: Moves, leaf: Callable[[NodeInfo], Sequence[Any]], zero: Any,
                 skip_zero: bool = False) -> list[tuple[Any, ...] | None]:
    """Each player's expected payoff from every node on (indexed like ``game.nodes``), bottom-up.

    ``leaf(node)`` gives a leaf's payoffs in the caller's number type and
    ``zero`` starts each sum.  A node is ``None`` where its value is undefined:
    ``moves`` returns ``None`` there, or a child it reaches is undefined.
    With ``skip_zero`` a child of probability zero is left out of the sum
    (its value may then be undefined without harm).
    """
    players = range(len(game.players))
    values: list[tuple[Any, ...] | None] = [None] * len(game.nodes)
    for node in reversed(game.nodes):  # children come after their parent in pre-order
        if node.kind == TERMINAL:
            values[node.index] = tuple(leaf(node))
            continue
        probabilities = moves(node)
        if probabilities is None:
            continue
        below = [(p, values[c]) for c, p in zip(node.children, probabilities, strict=True)
                 if not (skip_zero and p == 0)]
        if any(v is None for _, v in below):
            continue
        values[node.index] = expected(below, players, zero)
    return values


def expected(below: list[tuple[Any, Any]], players: range, zero: Any) -> tuple[Any, ...]:
    """Each player's probability-weighted sum of the children's values; a move of probability zero adds
    nothing and one of probability one adds its child's value unscaled (exact numbers avoid the products; arrays
    and symbols are multiplied as they are)."""
    terms = [(p, v) for p, v in below if not _exactly(p, 0)]
    if len(terms) == 1 and _exactly(terms[0][0], 1):
        return tuple(u if type(u) is type(zero) else zero + u for u in terms[0][1])
    return tuple(sum((p * v[k] for p, v in terms), zero) for k in players)


def _exactly(p: Any, k: int) -> bool:
    """Whether ``p`` is an exact number (int or Fraction) equal to ``k``."""
    return type(p) in (int, Fraction) and p == k
