"""A Sender that moves twice before the Receiver: beliefs after two deviations by different types.

After a pair of messages nobody sends, type 1 may have deviated at the first
message (its second message is then its own plan) and type 2 at the second:
each is one move of probability zero away from what the Receiver sees.  The
``"prior"`` rule weighs both by the chance prior.  The search once gave all the
weight to the type whose deviation came last, and every such assessment then
failed ``verify_pbe`` (the solver raised); the search now carries each node's
weight one deviation down (``escalation.solvers.pbe.shadows``).
"""

from __future__ import annotations

from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from pbe_brute_force import pure_pbe
from pbe_results import pure_profiles
from strategies import RECEIVER, SENDER, two_message_games

from escalation.games import ExtensiveFormGame, chance, decision, outcome
from escalation.solvers.pbe import perfect_bayesian, verify_pbe


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(game=two_message_games(max_types=2))
def test_pure_prior_equilibria_equal_brute_force(game):
    found = perfect_bayesian(game, offpath="prior", max_mixed_infosets=0)   # every pure assessment is searched
    for solution in found:
        verify_pbe(game, solution, offpath="prior")
    assert pure_profiles(found) == {frozenset(p.items()) for p in pure_pbe(game, "prior")}


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(game=two_message_games(max_types=3))
def test_every_rule_returns_verified_equilibria(game):
    for rule in ("free", "D1"):
        for solution in perfect_bayesian(game, offpath=rule, max_mixed_infosets=0):
            verify_pbe(game, solution, offpath=rule, max_mixed_infosets=0)


def _game() -> ExtensiveFormGame:
    """Type 1 (prior 1/3) sends (A, C) and type 2 (2/3) sends (B, D); after (B, C) the Receiver earns 1 from ``x``
    against type 1 and from ``y`` against type 2.  The Sender's payoffs make (A, C) and (B, D) strict best
    choices whatever the Receiver does, and type 1's plan after B is C."""
    def reply(t: str, m1: str, m2: str):
        sender = {("t1", "A", "C"): 5, ("t2", "B", "D"): 5, ("t1", "B", "C"): 1}.get((t, m1, m2), 0)
        receiver_x = 1 if t == "t1" else 0
        replies = {"x": outcome(None, (sender, receiver_x)), "y": outcome(None, (sender, 1 - receiver_x))}
        return decision(RECEIVER, replies, infoset=f"R:{m1}{m2}")

    def sender(t: str):
        return decision(SENDER, {m1: decision(SENDER, {m2: reply(t, m1, m2) for m2 in ("C", "D")},
                                              infoset=f"S:{t}:{m1}") for m1 in ("A", "B")}, infoset=f"S:{t}")

    return ExtensiveFormGame((SENDER, RECEIVER), chance({"t1": ("1/3", sender("t1")), "t2": ("2/3", sender("t2"))}))


def test_the_prior_rule_weighs_the_earlier_and_the_later_deviator():
    game = _game()
    found = perfect_bayesian(game, offpath="prior")
    assert found.complete
    assert len(found) >= 1   # several: type 2 is indifferent after its unused first message A (the old search: none)
    for solution in found:
        assert solution.behaviour["S:t1:B"]["C"] == 1     # type 1's plan after its own deviation to B
        assert solution.behaviour["S:t2:B"]["D"] == 1     # type 2's equilibrium play after B
        # (B, C): type 1 deviated at the first message, type 2 at the second; each weighed by its prior
        assert solution.beliefs["R:BC"] == {"root/t1/B/C": Fraction(1, 3), "root/t2/B/C": Fraction(2, 3)}
        assert solution.behaviour["R:BC"]["y"] == 1      # 2/3 on type 2: y earns 2/3 against x's 1/3
