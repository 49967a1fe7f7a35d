r"""Behaviour-strategy profiles on a tree: reach probabilities, outcomes, payoffs.

A behaviour profile maps each information set label to ``{action: probability}``.
The probability of reaching a node is the product of the move probabilities
(players' and chance's) on its path.

>>> from escalation.games import ExtensiveFormGame, decision, chance, outcome
>>> game = ExtensiveFormGame(("D",), chance({
...     "hard": ("1/4", decision("D", {"fight": outcome("war", (-1,)), "quit": outcome("peace", (0,))})),
...     "soft": ("3/4", outcome("peace", (1,))),
... }))
>>> profile = {"root/hard": {"fight": 1, "quit": 0}}
>>> outcome_distribution(game, profile)
{'war': 1/4, 'peace': 3/4}
>>> expected_payoffs(game, profile)
(1/2,)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import sympy

from ..errors import GameStructureError, ProbabilityError
from ..numbers import exact
from . import play
from .tree import CHANCE, DECISION, TERMINAL, ExtensiveFormGame, NodeInfo

__all__ = ["Behaviour", "check_behaviour", "continuation_payoffs", "equilibrium_moves", "expected_payoffs",
           "outcome_distribution", "reach_probabilities"]

Behaviour = Mapping[str, Mapping[str, Any]]


def check_behaviour(game: ExtensiveFormGame, profile: Any, number: Callable[[Any], Any] = exact) -> dict[str, dict]:
    """``profile`` (or a Solution's behaviour) checked to be a distribution at every information set.

    ``number`` converts each probability: :func:`~escalation.numbers.exact`
    (sympy, symbolic probabilities allowed) or
    :func:`~escalation.numbers.as_fraction` (fast exact rationals).  Errors
    name the information set that is missing, has an unknown action, or is
    not a distribution.
    """
    if hasattr(profile, "behaviour"):
        profile = profile.behaviour
    out = {}
    for label, h in game.infosets.items():
        where = f"information set {label!r}"
        if label not in profile:
            raise GameStructureError(where, "has no behaviour in the profile")
        given = profile[label]
        unknown = set(given) - set(h.actions)
        if unknown:
            raise GameStructureError(where, f"has no action {sorted(unknown)[0]!r}")
        try:
            probs = {a: number(given.get(a, 0)) for a in h.actions}
        except (TypeError, ValueError) as exc:
            raise ProbabilityError(where, str(exc)) from None
        for a, p in probs.items():
            if not _symbolic(p) and not 0 <= p <= 1:
                raise ProbabilityError(where, f"probability {p} of {a!r} is outside [0, 1]")
        total = sum(probs.values())
        if (sympy.simplify(total) if _symbolic(total) else total) != 1:
            raise ProbabilityError(where, "probabilities do not sum to 1")
        out[label] = probs
    return out


def _symbolic(value: Any) -> bool:
    return isinstance(value, sympy.Basic) and bool(value.free_symbols)


def reach_probabilities(game: ExtensiveFormGame, profile: Behaviour) -> list[sympy.Expr]:
    """Probability of reaching each node (indexed like ``game.nodes``)."""
    behaviour = check_behaviour(game, profile)

    def moves(node: NodeInfo) -> tuple[Any, ...]:
        if node.kind == CHANCE:
            return node.probabilities
        assert node.infoset is not None  # a decision node
        return tuple(behaviour[node.infoset][a] for a in node.actions)

    return play.reach(game, moves, sympy.Integer(1))


def outcome_distribution(game: ExtensiveFormGame, profile: Behaviour) -> dict[str, sympy.Expr]:
    """Probability of each outcome label (terminal nodes with one label are pooled)."""
    reach = reach_probabilities(game, profile)
    dist: dict[str, sympy.Expr] = {}
    for node in game.terminals:
        label = game.outcome_label(node.index)
        dist[label] = dist.get(label, sympy.Integer(0)) + reach[node.index]
    return {k: sympy.simplify(v) if v.free_symbols else v for k, v in dist.items()}


def expected_payoffs(game: ExtensiveFormGame, profile: Behaviour) -> tuple[sympy.Expr, ...]:
    """Each player's expected payoff under ``profile``."""
    reach = reach_probabilities(game, profile)
    totals = [sympy.Integer(0)] * len(game.players)
    for node in game.terminals:
        if node.kind == TERMINAL:
            totals = [t + reach[node.index] * u for t, u in zip(totals, node.payoffs, strict=True)]
    return tuple(sympy.simplify(t) if t.free_symbols else t for t in totals)


def continuation_payoffs(game: ExtensiveFormGame, behaviour: Mapping[str, Mapping[str, Any]]
                         ) -> list[tuple[sympy.Expr, ...] | None]:
    """Expected payoffs from each node on, when play follows ``behaviour`` (``None`` where it is undefined).

    >>> from escalation.games import ExtensiveFormGame, chance, outcome
    >>> game = ExtensiveFormGame(("A",), chance({"h": ("1/4", outcome(None, (4,))), "t": ("3/4", outcome(None, (0,)))}))
    >>> continuation_payoffs(game, {})[0]
    (1,)
    """
    def moves(node: NodeInfo) -> tuple[Any, ...] | None:
        if node.kind == CHANCE:
            return node.probabilities
        if node.infoset is None or node.infoset not in behaviour:
            return None
        return tuple(exact(behaviour[node.infoset].get(a, 0)) for a in node.actions)

    return play.continuation(game, moves, lambda node: node.payoffs, sympy.Integer(0), skip_zero=True)


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

    >>> from escalation.games import ExtensiveFormGame, decision, outcome
    >>> game = ExtensiveFormGame(("Entrant", "Incumbent"), decision("Entrant", {
    ...     "Out": outcome("Monopoly", (0, 2)),
    ...     "In": decision("Incumbent", {"Fight": outcome("Price war", (-1, -1)),
    ...                                  "Accommodate": outcome("Shared market", (1, 1))}),
    ... }))
    >>> equilibrium_moves(game, {"root": {"Out": 1, "In": 0}, "root/In": {"Fight": 1, "Accommodate": 0}})
    (('root/Out',), ('root/In/Fight',))
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
