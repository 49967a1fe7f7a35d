"""D1 and the intuitive criterion when several players observe one deviation.

After an off-path message every observer forms a belief about who sent it.
The responses to the deviation are the continuations for every profile of
the observers' beliefs, and each observer's belief must pass the rule over
them.  The search once skipped both refinements here (with a note) while the
verifier applied them observer by observer, so a game could raise
``VerificationError``; both now read the joint responses
(``escalation.solvers.pbe.offpath``).
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, note, settings
from pbe_brute_force import pure_pbe
from pbe_results import pure_profiles
from strategies import SENDER, broadcast_games

from escalation.games import ExtensiveFormGame, chance, decision, outcome
from escalation.io import efg_text
from escalation.solvers.pbe import perfect_bayesian, verify_pbe

SOME = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Generic payoffs: with ties, drawn games of this size can hold hundreds of equilibria and take half a minute.


def _beer_quiche_with_two_observers() -> ExtensiveFormGame:
    """Beer–quiche with two Receivers: the Strong type (prior 9/10) prefers Beer, the Weak one Quiche (1 to the
    preferred breakfast), each gets 2 more if the Receiver who answers yields; after either breakfast chance
    picks Receiver A or B (1/2 each), who earns 1 from fighting the Weak type, -1 from fighting the Strong one
    and 0 from yielding.

    Pooling on Quiche, with fights after Beer, is supported by free beliefs: but the Weak type earns 3 on the
    path and at most 2 from Beer, so only the Strong type can gain (3 > 2 if both yield).  D1 and the intuitive
    criterion put the belief on Strong after Beer, both Receivers yield, and the pool breaks.  In the pool on
    Beer only the Weak type can gain from Quiche, so D1 puts both Receivers' beliefs on it there and both fight.
    """
    def answer(receiver: str, breakfast: str, t: str):
        fight = 1 if t == "Weak" else -1
        preferred = int((t, breakfast) in (("Strong", "Beer"), ("Weak", "Quiche")))
        me = 1 if receiver == "A" else 2

        def pay(sender: int, mine: int):
            u = [Fraction(sender), Fraction(0), Fraction(0)]
            u[me] = Fraction(mine)
            return outcome(None, tuple(u))

        return decision(receiver, {"Fight": pay(preferred, fight), "Yield": pay(preferred + 2, 0)},
                        infoset=f"{receiver}:{breakfast}")

    def sender(t: str):
        return decision(SENDER, {b: chance({r: ("1/2", answer(r, b, t)) for r in ("A", "B")})
                                 for b in ("Beer", "Quiche")}, infoset=f"S:{t}")

    return ExtensiveFormGame((SENDER, "A", "B"), chance({"Strong": ("9/10", sender("Strong")),
                                                         "Weak": ("1/10", sender("Weak"))}))


POOL_ON_QUICHE = frozenset({("S:Strong", "Quiche"), ("S:Weak", "Quiche"), ("A:Quiche", "Yield"),
                            ("B:Quiche", "Yield"), ("A:Beer", "Fight"), ("B:Beer", "Fight")})
POOL_ON_BEER = frozenset({("S:Strong", "Beer"), ("S:Weak", "Beer"), ("A:Beer", "Yield"), ("B:Beer", "Yield"),
                          ("A:Quiche", "Fight"), ("B:Quiche", "Fight")})


@pytest.mark.parametrize("rule", ["D1", "intuitive"])
def test_both_observers_beliefs_break_the_pool_on_quiche(rule):
    game = _beer_quiche_with_two_observers()
    free = pure_profiles(perfect_bayesian(game, offpath="free"))
    assert POOL_ON_QUICHE in free
    assert POOL_ON_BEER in free
    refined = perfect_bayesian(game, offpath=rule)
    pure = pure_profiles(refined)
    assert POOL_ON_QUICHE not in pure
    assert POOL_ON_BEER in pure
    if rule == "D1":   # the intuitive criterion also keeps the pools on Beer in which one Receiver yields after
        assert pure == {POOL_ON_BEER}   # Quiche (the Weak type then gains nothing from it); D1 makes both fight
    assert not [n for n in refined.notes if "not applied" in n]
    for solution in refined:
        verify_pbe(game, solution, offpath=rule)


@pytest.mark.parametrize("rule", ["free", "intuitive", "D1"])
@SOME
@given(game=broadcast_games(generic=True))
def test_pure_equilibria_equal_brute_force(game, rule):
    note(efg_text(game))
    found = perfect_bayesian(game, offpath=rule)
    assert pure_profiles(found) == {frozenset(p.items()) for p in pure_pbe(game, rule)}


@pytest.mark.parametrize("rule", ["intuitive", "D1"])
@settings(SOME, max_examples=12)
@given(game=broadcast_games(generic=True))
def test_every_refined_equilibrium_passes_the_verifier(game, rule):
    note(efg_text(game))
    for solution in perfect_bayesian(game, offpath=rule):
        verify_pbe(game, solution, offpath=rule)
