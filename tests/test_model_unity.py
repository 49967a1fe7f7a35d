"""Volunteer's dilemma of coalition members: LITERATURE.md section 7.3 cases, closed forms from the game, statics."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from escalation.errors import ParameterError
from escalation.models import get_model
from escalation.models.unity import (
    MODEL,
    abstain_probability,
    coalition_credibility,
    nobody_responds,
    symmetric_profile,
    two_member_equilibrium,
    two_member_game,
    unanimity,
    volunteers_dilemma,
)
from escalation.solvers import is_nash, nash_equilibria, pure_equilibria

F = Fraction

# N, K, U -> q*, P(nobody)  (K/U as in the brief's table)
CASES = [
    pytest.param(2, 1, 4, F(1, 4), F(1, 16), id="N2-quarter"),
    pytest.param(3, 1, 4, F(1, 2), F(1, 8), id="N3-quarter"),
    pytest.param(5, 1, 16, F(1, 2), F(1, 32), id="N5-sixteenth"),
    pytest.param(3, 1, 9, F(1, 3), F(1, 27), id="N3-ninth"),
]


@pytest.mark.parametrize(("n", "k", "u", "q", "nobody"), CASES)
def test_reference_cases(n, k, u, q, nobody):
    assert abstain_probability(n, k, u) == q
    assert nobody_responds(n, k, u) == nobody
    (s,) = MODEL.solve(N=n, K=k, U=u)
    assert s.strategies["Member 1"]["Abstain"] == q
    assert s.outcomes["nobody responds"] == nobody
    assert s.outcomes["someone responds"] == 1 - nobody
    assert all(v == u - k for v in s.payoffs.values())


def test_limit_row_of_the_table():
    t = MODEL.thresholds()
    N, K, U = (MODEL.parameters[x].symbol for x in ("N", "K", "U"))
    at = {K: 1, U: 4}
    assert sympy.limit(t["q_star"].subs(at), N, sympy.oo) == 1
    assert sympy.limit(t["P_nobody"].subs(at), N, sympy.oo) == F(1, 4)
    assert t["P_nobody_limit"].subs(at) == F(1, 4)


@pytest.mark.parametrize("n", [2, 3, 4, 5])
def test_q_star_derived_from_the_indifference_condition_of_the_game(n):
    q, K, U = sympy.symbols("q K U", positive=True)
    game = volunteers_dilemma(n, 1, 4)  # payoffs read off the game
    respond = game.payoff(("Respond",) * n)[0]
    alone = game.payoff(("Abstain",) + ("Respond",) * (n - 1))[0]
    nobody = game.payoff(("Abstain",) * n)[0]
    # abstaining pays `alone` unless all n-1 others abstain too
    (root,) = sympy.solve(alone * (1 - q ** (n - 1)) + nobody * q ** (n - 1) - respond, q)
    assert root == abstain_probability(n, 1, 4)
    # and symbolically in K, U
    (sym,) = sympy.solve(U * (1 - q ** (n - 1)) - (U - K), q)
    closed = MODEL.thresholds()["q_star"].subs({MODEL.parameters["N"].symbol: n,
                                                MODEL.parameters["K"].symbol: K, MODEL.parameters["U"].symbol: U})
    assert sympy.simplify(sym - closed) == 0


@pytest.mark.parametrize(("n", "k", "u"), [(2, 1, 4), (3, 1, 4), (4, 1, 8), (5, 1, 16), (3, 1, 9)])
def test_symmetric_profile_is_an_exact_equilibrium_with_every_member_indifferent(n, k, u):
    game, profile = volunteers_dilemma(n, k, u), symmetric_profile(n, k, u)
    assert is_nash(game, profile)
    q = abstain_probability(n, k, u)
    assert u * (1 - q ** (n - 1)) == u - k  # abstain pays as much as respond
    off = dict(profile, **{"Member 1": {"Respond": 1, "Abstain": 0}})
    assert not is_nash(game, dict(off, **{"Member 2": {"Respond": 1, "Abstain": 0}}))


@pytest.mark.parametrize("n", [2, 3, 4])
def test_pure_equilibria_are_exactly_one_volunteer(n):
    found = pure_equilibria(volunteers_dilemma(n, 1, 3))
    assert len(found) == n
    volunteers = sorted(tuple(p for p in s.players if s.support(p) == ("Respond",)) for s in found)
    assert volunteers == sorted((f"Member {i}",) for i in range(1, n + 1))


def test_irrational_mixture_is_checked_symbolically():
    (s,) = MODEL.solve(N=3, K=1, U=2)
    assert s.strategies["Member 1"]["Abstain"] == sympy.sqrt(2) / 2
    assert s.outcomes["nobody responds"] == sympy.sqrt(2) / 4


# --- asymmetric two-member case (Diekmann's paradox) -------------------------------------------

def test_asymmetric_case_matches_the_normal_form_solver():
    found = nash_equilibria(two_member_game(1, 4, 1, 2))  # member 1 strong: K/U = 1/4
    mixed = [s for s in found if not s.is_pure]
    assert len(mixed) == 1
    assert len(found) == 3
    closed = two_member_equilibrium(1, 4, 1, 2)
    assert mixed[0].strategies["Member 1"]["Abstain"] == closed["q_1"] == F(1, 2)
    assert mixed[0].strategies["Member 2"]["Abstain"] == closed["q_2"] == F(1, 4)
    assert closed["P_nobody"] == F(1, 8)


@given(st.fractions(F(1, 20), F(19, 20)), st.fractions(F(1, 20), F(19, 20)))
def test_the_member_with_the_lower_cost_ratio_abstains_more(r1, r2):
    eq = two_member_equilibrium(r1, 1, r2, 1)
    assert (eq["q_1"] > eq["q_2"]) == (r1 < r2)
    assert (eq["q_1"], eq["q_2"]) == (r2, r1)


# --- comparative statics -----------------------------------------------------------------------

@given(st.integers(2, 40), st.fractions(F(1, 50), F(49, 50)))
def test_nobody_responds_rises_with_n_towards_k_over_u(n, ratio):
    assert nobody_responds(n, ratio, 1) < nobody_responds(n + 1, ratio, 1) < ratio
    assert abstain_probability(n, ratio, 1) < abstain_probability(n + 1, ratio, 1) < 1


# --- unanimity and credibility -----------------------------------------------------------------

def test_unanimity_of_four_members():
    assert unanimity([F(9, 10)] * 4) == F(6561, 10000)


def test_credibility_feeds_the_unilateral_deterrence_game():
    udg = get_model("unilateral")
    volunteer = coalition_credibility("volunteer", N=3, K=1, U=4)
    consensus = coalition_credibility("unanimity", probabilities=[F(4, 5)] * 4)
    assert (volunteer, consensus) == (F(7, 8), F(256, 625))
    assert [s.name for s in udg.solve(p_Def=volunteer, p_Ch=F(1, 2))] == ["Certain Deterrence"]
    assert [s.name for s in udg.solve(p_Def=consensus, p_Ch=F(1, 2))] == ["Separating"]


# --- bad input -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("call", "parameter"), [
    pytest.param(lambda: MODEL.solve(N=3, K=5, U=4), "K, U", id="cost-above-value"),
    pytest.param(lambda: MODEL.solve(N="5/2"), "N", id="fractional-N"),
    pytest.param(lambda: MODEL.solve(N=1), "N", id="one-member"),
    pytest.param(lambda: MODEL.solve(K=-1), "K", id="negative-cost"),
    pytest.param(lambda: unanimity([F(1, 2), F(3, 2)]), "probabilities[2]", id="bad-probability"),
    pytest.param(lambda: unanimity([]), "probabilities", id="no-members"),
    pytest.param(lambda: coalition_credibility("majority"), "rule", id="unknown-rule"),
    pytest.param(lambda: coalition_credibility("volunteer", N=3), "N, K, U", id="missing-values"),
    pytest.param(lambda: two_member_game(2, 1, 1, 2), "K", id="asymmetric-cost-above-value"),
])
def test_bad_input_names_the_parameter(call, parameter):
    with pytest.raises(ParameterError) as info:
        call()
    assert info.value.parameter == parameter
