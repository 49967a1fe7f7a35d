r"""Behaviour profiles evaluated in exact rational arithmetic.

A behaviour profile :math:`b` assigns each information set a distribution over
its actions.  Under :math:`b` the probability of reaching node :math:`x` is the
product of the move probabilities on its path, and the continuation value of
:math:`x` is the expected payoff of the leaves below it,

.. math:: V(x) = \sum_{a} b(a \mid x)\, V(\text{child}(x, a)), \qquad V(z) = u(z) \text{ at leaves}.

These are the building blocks of every verifier.  The two passes are
:func:`escalation.games.play.reach` and :func:`escalation.games.play.continuation`
(the package's one evaluator, generic over the number type) with exact
fractions.

>>> from escalation.games import ExtensiveFormGame, decision, outcome
>>> g = ExtensiveFormGame(("A", "B"), decision("A", {
...     "x": decision("B", {"l": outcome(None, (2, 0)), "r": outcome(None, (0, 2))}),
...     "y": outcome(None, (1, 1))}))
>>> b = fraction_profile(g, {"root": {"x": "1/2", "y": "1/2"}, "root/x": {"l": "1/4", "r": "3/4"}})
>>> [str(v[0]) for v in continuation_values(g, b)]
['3/4', '1/2', '2', '0', '1']
>>> [str(p) for p in reach(g, b)]
['1', '1/2', '1/8', '3/8', '1/2']
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any

from ..games import play
from ..games.profiles import check_behaviour
from ..games.tree import CHANCE, TERMINAL, ExtensiveFormGame
from ..numbers import as_fraction

__all__ = ["Profile", "continuation_values", "fraction_profile", "moves", "reach", "reach_after", "subtree_value",
           "values_after"]

Profile = Mapping[str, Mapping[str, Fraction]]

def fraction_profile(game: ExtensiveFormGame, profile: Any) -> Profile:
    """``profile`` (or a Solution's behaviour) as exact fractions, checked at every information set.

    See :func:`escalation.games.profiles.check_behaviour` for the errors.
    """
    return check_behaviour(game, profile, number=as_fraction)


_NUMBERS: dict[int, tuple[weakref.ref, tuple]] = {}


def _numbers(game: ExtensiveFormGame) -> tuple[list, list]:
    """Chance probabilities and payoffs of every node as fractions (cached per game object)."""
    key = id(game)
    entry = _NUMBERS.get(key)
    if entry is not None and entry[0]() is game:
        return entry[1]
    probs = [[as_fraction(p) for p in n.probabilities] for n in game.nodes]
    payoffs = [tuple(as_fraction(u) for u in n.payoffs) for n in game.nodes]
    _NUMBERS[key] = (weakref.ref(game, lambda _: _NUMBERS.pop(key, None)), (probs, payoffs))
    return probs, payoffs


def moves(game: ExtensiveFormGame, index: int, b: Profile, discount: int | None = None) -> list[Fraction]:
    """Probabilities of the moves at node ``index``: chance's, or ``b``'s (all ones for player ``discount``)."""
    node = game.nodes[index]
    if node.kind == CHANCE:
        return _numbers(game)[0][index]
    if discount is not None and node.player == discount:
        return [Fraction(1)] * len(node.actions)
    assert node.infoset is not None  # a decision node
    return [b[node.infoset][a] for a in node.actions]


def reach(game: ExtensiveFormGame, b: Profile, discount: int | None = None) -> list[Fraction]:
    """Probability of reaching each node; the moves of player ``discount`` count as one."""
    return play.reach(game, lambda node: moves(game, node.index, b, discount), Fraction(1))


def continuation_values(game: ExtensiveFormGame, b: Profile) -> list[tuple[Fraction, ...]]:
    """Each player's expected payoff in the subtree of every node when ``b`` is played."""
    payoffs = _numbers(game)[1]
    values = play.continuation(game, lambda node: moves(game, node.index, b), lambda node: payoffs[node.index],
                               Fraction(0))
    return values  # type: ignore[return-value]  # every node is defined under a full profile


def values_after(game: ExtensiveFormGame, b: Profile, values: list, nodes: Iterable[int]) -> list[tuple[Fraction, ...]]:
    """:func:`continuation_values` of ``b`` from ``values``, those of a profile that differs from ``b`` only at
    decision nodes among ``nodes``: ``nodes`` must also hold every node below and above such a node.  Only
    ``nodes`` are recomputed, bottom-up."""
    out = list(values)
    players = range(len(game.players))
    for x in sorted(nodes, reverse=True):  # pre-order indices: children after their parent
        node = game.nodes[x]
        if node.kind != TERMINAL:
            below = [(p, out[c]) for c, p in zip(node.children, moves(game, x, b), strict=True)]
            out[x] = play.expected(below, players, Fraction(0))
    return out


def reach_after(game: ExtensiveFormGame, b: Profile, probabilities: list, nodes: Iterable[int]) -> list[Fraction]:
    """:func:`reach` of ``b`` from ``probabilities``, those of a profile that differs from ``b`` only at decision
    nodes among ``nodes``: ``nodes`` must also hold every node below such a node.  Only ``nodes`` are
    recomputed, top-down."""
    out = list(probabilities)
    for x in sorted(nodes):
        parent = game.nodes[x].parent
        if parent is not None:
            k = game.nodes[parent].children.index(x)
            out[x] = out[parent] * moves(game, parent, b)[k]
    return out


def subtree_value(game: ExtensiveFormGame, b: Profile, v: int, player: int) -> Fraction:
    """``player``'s expected payoff in the subtree of node ``v`` when ``b`` is played."""
    payoffs = _numbers(game)[1]
    total, stack = Fraction(0), [(v, Fraction(1))]
    while stack:
        u, prob = stack.pop()
        node = game.nodes[u]
        if prob == 0:
            continue
        if node.kind == TERMINAL:
            total += prob * payoffs[u][player]
            continue
        stack.extend((c, prob * p) for c, p in zip(node.children, moves(game, u, b), strict=True))
    return total
