"""Claim E2: with Russia's type private, consent to the deployment is informative (the tripwire-consent model)."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from escalation.games import ExtensiveFormGame, outcome_distribution
from escalation.models import get_model
from escalation.models.tripwire import CONSENT_PARAMETERS, build_consent, consent_signals, posterior_by_force
from escalation.models.tripwire.consent import LIMITED, REVISIONIST, consent_signal, consent_thresholds
from escalation.solvers.backward_induction import subgame_perfect

F_ = Fraction
MODEL = get_model("tripwire-consent")
THRESHOLDS = consent_thresholds()
SEPARATING, POOLING = THRESHOLDS["posterior_separating"], THRESHOLDS["posterior_pooling"]


def values(**overrides) -> dict:
    return CONSENT_PARAMETERS.validate(overrides)


def at(expr, point):
    return expr.xreplace(CONSENT_PARAMETERS.substitutions(point))


# --- the game -------------------------------------------------------------------------------------

def test_type_and_deal_are_chance_moves_and_consent_is_russias_move():
    game = MODEL.game()
    root = game.node("root")
    assert root.kind == "chance"
    assert dict(zip(root.actions, root.probabilities, strict=True)) == {REVISIONIST: F_(1, 2), LIMITED: F_(1, 2)}
    deal = game.node("root/Limited")
    assert deal.kind == "chance"
    assert deal.probabilities == (F_(1, 4), F_(3, 4))
    assert game.node("root/Limited/No deal").actions == ("Consent", "Refuse")
    assert game.node("root/Limited/Deal").actions == ("Consent",)
    assert game.players[game.node("root/Limited/No deal").player] == "Russia"


def test_types_differ_only_in_the_stake():
    game = MODEL.game(V=10, V_L="1/2")
    abandoned = "No deal/Consent/Test/Abandon"
    assert game.node(f"root/Revisionist/{abandoned}").payoffs == (F_(17, 2), -25)   # g + V - c_T, -A
    assert game.node(f"root/Limited/{abandoned}").payoffs == (-1, -25)              # g + V_L - c_T, -A
    for stage in ("No deal/Consent/Hold", "Deal/Consent/Test/Respond/Attack defeated/Back down"):
        assert game.node(f"root/Revisionist/{stage}").payoffs == game.node(f"root/Limited/{stage}").payoffs


# --- hand-derived posteriors --------------------------------------------------------------------------
# Defaults: V=10, V_L=1/2, s=1, g=1/2, c_T=2, h=2, pi_R=1/2, delta=1/4, K=100, m=2.  A limited Russia never gains by
# testing (V_L + s = 3/2 < c_T = 2) and a force that holds costs it s - g = 1/2 > 0, so it consents only under a
# deal: c_L = 1/4.  A revisionist Russia consents freely iff testing beats no deployment: always while the coalition
# would abandon (p < 1/25: g + V - c_T = 17/2 > 0), else iff p < 17/26, i.e. F < 100 sqrt(17)/3 = 137.4.  Then
# c_R = 1 and the posterior is (1/2)/(1/2 + 1/2 * 1/4) = 4/5; above it c_R = 1/4 and the posterior is the prior 1/2.

@pytest.mark.parametrize(("overrides", "posterior"), [
    pytest.param({"F": 10}, F_(4, 5), id="F=10: coalition would abandon"),
    pytest.param({"F": 70}, F_(4, 5), id="F=70: British Army"),
    pytest.param({"F": 140}, F_(1, 2), id="F=140: above 137.4"),
    pytest.param({"F": 200}, F_(1, 2), id="F=200: deterred"),
    # a limited Russia that would test a tiny force: V_L = 3 (V_L + s > c_T).  F=10 (p=1/101 < 1/25): both test and
    # consent, posterior = prior.  F=40 (p=4/29): L tests iff p < (V_L+s-c_T)/(V_L+s+h) = 1/3 and consents iff
    # p < (V_L+g-c_T)/(V_L+s+h) = 1/4: both consent.  F=70 (p=49/149 > 1/4): L refuses, posterior 4/5.
    pytest.param({"F": 10, "V_L": 3}, F_(1, 2), id="V_L=3, F=10: pooling"),
    pytest.param({"F": 40, "V_L": 3}, F_(1, 2), id="V_L=3, F=40: pooling"),
    pytest.param({"F": 70, "V_L": 3}, F_(4, 5), id="V_L=3, F=70: separating"),
    # no deal (delta = 0): consent reveals a revisionist Russia outright; above the threshold nobody consents.
    pytest.param({"F": 70, "delta": 0}, F_(1), id="delta=0, F=70"),
    pytest.param({"F": 200, "delta": 0}, None, id="delta=0, F=200: consent off the path"),
    # prior 1/5, delta 1/2: (1/5) / (1/5 + 4/5 * 1/2) = 1/3
    pytest.param({"F": 70, "pi_R": "1/5", "delta": "1/2"}, F_(1, 3), id="pi=1/5, delta=1/2"),
])
def test_posterior_after_consent_by_hand(overrides, posterior):
    (signal,) = consent_signals(values(**overrides))
    assert signal.posterior == (None if posterior is None else sympy.Rational(posterior.numerator,
                                                                               posterior.denominator))


def test_consent_probabilities_by_type_by_hand():
    (signal,) = consent_signals(values(F=70))
    assert (signal.given(REVISIONIST), signal.given(LIMITED), signal.consent) == (1, F_(1, 4), F_(5, 8))


def test_posterior_as_a_function_of_force_size():
    curve = posterior_by_force([0, 20, 50, 100, 137, 138, 150 + F_(1, 7), 300])
    assert curve == {0: (F_(4, 5),), 20: (F_(4, 5),), 50: (F_(4, 5),), 100: (F_(4, 5),), 137: (F_(4, 5),),
                     138: (F_(1, 2),), 150 + F_(1, 7): (F_(1, 2),), 300: (F_(1, 2),)}


def test_revisionist_consent_threshold_by_hand():
    point = values()
    F_star = at(THRESHOLDS["F_consent"], point)
    assert sympy.simplify(F_star - 100 * sympy.sqrt(17) / 3) == 0
    eps = sympy.Rational(1, 10**6)
    near = sympy.Rational(str(sympy.N(F_star, 30)))
    (below,) = consent_signals({**point, "F": near - eps})
    (above,) = consent_signals({**point, "F": near + eps})
    assert (below.posterior, above.posterior) == (F_(4, 5), F_(1, 2))
    assert at(SEPARATING, point) == F_(4, 5)
    assert at(POOLING, point) == F_(1, 2)


def test_knife_edge_at_the_consent_threshold_is_reported():
    # with K = 90 and m = 1: p = F/(F + 90) = 17/26 at F = 170 (exact)
    point = values(K=90, m=1, F=170)
    found = subgame_perfect(build_consent(point))
    assert found.knife_edge
    assert len(found) == 2
    posteriors = sorted(consent_signal(build_consent(point), s).posterior for s in found)
    assert posteriors == [F_(1, 2), F_(4, 5)]


# --- properties at drawn points --------------------------------------------------------------------

def utilities(low, high, denominator=4):
    return st.integers(low * denominator, high * denominator).map(lambda n: F_(n, denominator))


points = st.fixed_dictionaries({
    "F": st.integers(0, 300), "K": st.integers(20, 200), "m": st.integers(1, 3),
    "V": utilities(1, 20), "V_L": utilities(0, 5), "s": utilities(0, 5), "g": utilities(0, 5),
    "c_T": utilities(0, 10), "h": utilities(0, 40), "W_R": utilities(0, 40), "W_C": utilities(0, 40),
    "q": st.integers(0, 4).map(lambda n: F_(n, 20)), "N": st.integers(0, 200),
    "A": utilities(0, 50), "c_C": utilities(1, 5),
    "pi_R": st.integers(1, 9).map(lambda n: F_(n, 10)), "delta": st.integers(0, 4).map(lambda n: F_(n, 4)),
}).filter(lambda v: v["V_L"] < v["V"])


def free_consent(solution, kind) -> bool:
    return solution.behaviour[f"root/{kind}/No deal"]["Consent"] == 1


@given(points)
def test_posterior_is_bayes_rule_on_the_equilibrium(point):
    game = build_consent(point)
    for spe in subgame_perfect(game):
        signal = consent_signal(game, spe)
        c_R = point["delta"] + (1 - point["delta"]) * free_consent(spe, REVISIONIST)
        c_L = point["delta"] + (1 - point["delta"]) * free_consent(spe, LIMITED)
        total = point["pi_R"] * c_R + (1 - point["pi_R"]) * c_L
        expected = None if total == 0 else point["pi_R"] * c_R / total
        assert signal.posterior == (None if expected is None else sympy.Rational(expected.numerator,
                                                                                   expected.denominator))
        assert sum(outcome_distribution(game, spe.behaviour).values()) == 1


@given(points)
def test_consent_raises_the_posterior_when_only_the_revisionist_consents(point):
    """And, away from knife-edges, consent is never evidence of a limited Russia (its consent value is lower)."""
    game = build_consent(point)
    found = subgame_perfect(game)
    for spe in found:
        signal = consent_signal(game, spe)
        if free_consent(spe, REVISIONIST) and not free_consent(spe, LIMITED):
            assert signal.posterior >= point["pi_R"]
            assert signal.posterior == at(SEPARATING, point)
        if not found.knife_edge:
            assert free_consent(spe, REVISIONIST) >= free_consent(spe, LIMITED)
            assert signal.posterior is None or signal.posterior >= point["pi_R"]


def corresponding(game: ExtensiveFormGame, path: str) -> str:
    """The path with its type and deal branch stripped: the same stage for every branch."""
    return "/".join(path.split("/")[3:])


@given(points)
def test_coalition_choices_do_not_depend_on_russias_type(point):
    """Why singleton information sets for the coalition lose nothing: its best reply is the same at every branch."""
    game = build_consent(point)
    found = subgame_perfect(game)

    def type_independent(spe) -> bool:
        chosen: dict[str, set] = {}
        for label, actions in spe.strategies["Coalition"].items():
            action = next(a for a, p in actions.items() if p == 1)
            chosen.setdefault(corresponding(game, label), set()).add(action)
        return all(len(a) == 1 for a in chosen.values())

    if found.knife_edge:
        # Where the coalition is indifferent, ties may be broken differently at different branches:
        # the claim is that a type-independent reply is always among the equilibria.
        assert any(type_independent(spe) for spe in found)
    else:
        assert all(type_independent(spe) for spe in found)


# --- the registered model ---------------------------------------------------------------------------

def test_model_record_and_named_solution():
    assert MODEL.claims == ("E2", "E3")
    assert MODEL.parameters is CONSENT_PARAMETERS
    (small,) = MODEL.solve(F=70)
    (large,) = MODEL.solve(F=200)
    assert small.name == "consent signals a revisionist Russia"
    assert large.name == "neither type consents unless bound by a deal: consent is uninformative"
    assert dict(small.beliefs["after consent"]) == {REVISIONIST: F_(4, 5), LIMITED: F_(1, 5)}
    assert set(MODEL.thresholds()) >= {"posterior_separating", "posterior_pooling", "F_consent", "F_consent_limited"}
