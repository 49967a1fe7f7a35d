"""Brinkmanship: LITERATURE.md sections 3.1 (window) and 3.2 (Powell's primitive); conditions re-derived."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from escalation.errors import ParameterError
from escalation.models import get_model
from escalation.models.brinkmanship import CONCEDE, EFFECTIVE, MODEL, one_rung_ladder, resolve, thresholds, window

F = Fraction


# G, W_Ch, L, W_Def, pi_R -> rho_min, rho_max, feasible, knife-edge (LITERATURE.md 3.1 table)
TABLE = [
    pytest.param(1, 3, 2, 10, F(1, 3), F(1, 4), F(1, 2), True, False, id="row 1"),
    pytest.param(1, 3, 2, 10, F(1, 2), F(1, 4), F(1, 4), True, True, id="row 2 knife-edge"),
    pytest.param(1, 3, 2, 10, F(2, 3), F(1, 4), F(1, 8), False, False, id="row 3 window closed"),
    pytest.param(1, 9, 2, 10, F(2, 3), F(1, 10), F(1, 8), True, False, id="row 4"),
]


@pytest.mark.parametrize(("g", "w_c", "loss", "w_d", "pi", "low", "high", "feasible", "knife"), TABLE)
def test_window_reference_cases(g, w_c, loss, w_d, pi, low, high, feasible, knife):
    values = MODEL.values(G=g, W_Ch=w_c, L=loss, W_Def=w_d, pi_R=pi)
    w = window(values)
    assert (w.rho_min, w.rho_max, w.feasible, w.knife_edge) == (low, high, feasible, knife)
    found = MODEL.solve(G=g, W_Ch=w_c, L=loss, W_Def=w_d, pi_R=pi)
    names = [s.name for s in found]
    assert names == ([EFFECTIVE, CONCEDE] if knife else [EFFECTIVE] if feasible else [CONCEDE])
    assert bool(found.knife_edge) is knife
    for s in found:
        threat = s.name == EFFECTIVE
        assert s.strategies["Defender"]["risk level"]["threat at rho_min"] == int(threat)
        assert s.outcomes["war"] == (pi * low if threat else 0)
        assert s.payoffs["Defender"] == (-loss if not threat else pi * (-(1 - low) * loss - low * w_d))
        assert sum(s.outcomes.values()) == 1


def test_conditions_rederived_from_the_payoff_comparisons():
    g, w_c, loss, w_d, pi, rho = sympy.symbols("G W_Ch L W_Def pi_R rho", positive=True)
    (effective,) = sympy.solve(sympy.Eq((1 - rho) * g - rho * w_c, 0), rho)
    (acceptable,) = sympy.solve(sympy.Eq(pi * ((1 - rho) * -loss + rho * -w_d), -loss), rho)
    real = {sympy.Symbol(k, real=True): s for k, s in
            {"G": g, "W_Ch": w_c, "L": loss, "W_Def": w_d, "pi_R": pi}.items()}
    assert sympy.simplify(effective - thresholds()["rho_min"].subs(real)) == 0
    assert sympy.simplify(acceptable - thresholds()["rho_max"].subs(real)) == 0
    # the irresolute Challenger's gain falls in rho, the Defender's payoff too: the conditions are one-sided
    assert sympy.diff((1 - rho) * g - rho * w_c, rho) == -g - w_c
    assert sympy.simplify(sympy.diff(pi * ((1 - rho) * -loss + rho * -w_d), rho) + pi * (w_d - loss)) == 0


probabilities = st.fractions(F(1, 20), F(19, 20))


@given(probabilities, probabilities)
def test_a_more_resolute_challenger_closes_the_window(pi, other):
    low, high = sorted((pi, other))
    assert window(MODEL.values(pi_R=high)).rho_max <= window(MODEL.values(pi_R=low)).rho_max


@given(st.integers(1, 20), st.integers(1, 20))
def test_escalation_dominance_closes_the_window(w_c, more):
    # a Challenger that fears war less (smaller W_Ch) needs a larger risk to be deterred
    assert window(MODEL.values(W_Ch=w_c)).rho_min > window(MODEL.values(W_Ch=w_c + more)).rho_min


@pytest.mark.parametrize(("values", "name"), [
    pytest.param({"W_Def": 1}, "L, W_Def", id="war cheaper than acquiescing"),
    pytest.param({"G": 0}, "G", id="no gain"),
    pytest.param({"pi_R": 0}, "pi_R", id="no resolute type"),
    pytest.param({"pi_R": 1}, "pi_R", id="only resolute"),
])
def test_bad_parameters(values, name):
    with pytest.raises(ParameterError, match=name):
        MODEL.solve(**values)


@pytest.mark.parametrize(("v", "d", "rho"), [
    pytest.param(1, 3, F(1, 4), id="1,3"),
    pytest.param(1, 9, F(1, 10), id="1,9"),
    pytest.param(2, 2, F(1, 2), id="2,2"),
])
def test_resolve_reference_cases(v, d, rho):
    assert resolve(v, d) == rho
    r = sympy.Symbol("r")
    assert sympy.solve(sympy.Eq((1 - r) * v - r * d, 0), r) == [rho]


@pytest.mark.parametrize(("russia", "coalition", "winner"), [
    pytest.param((1, 3), (1, 9), "Russia prevails", id="Russia resolve 1/4, coalition 1/10"),
    pytest.param((1, 9), (1, 3), "status quo", id="swapped: Russia does not challenge"),
])
def test_one_rung_ladder_reference_cases(russia, coalition, winner):
    (spe,) = one_rung_ladder(*russia, *coalition, F(1, 5))
    assert spe.outcomes[winner] == 1
    assert spe.outcomes["disaster"] == 0


@given(st.integers(1, 9), st.integers(1, 9), st.integers(1, 9), st.integers(1, 9), st.integers(1, 9))
def test_no_disaster_under_complete_information(v_r, d_r, v_c, d_c, k):
    for spe in one_rung_ladder(v_r, d_r, v_c, d_c, F(k, 10)):
        assert spe.outcomes["disaster"] == 0


def test_ladder_rejects_bad_risk_and_stakes():
    with pytest.raises(ParameterError, match="'r'"):
        one_rung_ladder(1, 3, 1, 9, 1)
    with pytest.raises(ParameterError, match="d_C"):
        one_rung_ladder(1, 3, 1, 0, F(1, 5))


def test_registered():
    assert get_model("brinkmanship") is MODEL
