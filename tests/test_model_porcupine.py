"""Porcupine model: LITERATURE.md section 4.1 tables, the risk-return optimum re-derived, statics, bad input."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import assume, given
from hypothesis import strategies as st

from escalation.errors import ParameterError
from escalation.models import get_model
from escalation.models.porcupine import (
    MODEL,
    bargaining_range,
    budget_split,
    reservation_value,
    risk_return_offer,
)

F = Fraction
shares = st.fractions(min_value=0, max_value=1, max_denominator=40)
costs = st.fractions(min_value=0, max_value=1, max_denominator=40)
positive = st.fractions(min_value=F(1, 40), max_value=1, max_denominator=40)


@pytest.mark.parametrize(("p", "c_a", "c_b", "r", "low", "high"), [
    pytest.param("1/2", "1/10", "1/10", 1, "2/5", "3/5", id="symmetric"),
    pytest.param("3/5", "1/20", "3/20", 1, "11/20", "3/4", id="Russia-favoured"),
    pytest.param("1/4", "1/5", "1/10", 1, "1/20", "7/20", id="weak-A"),
    pytest.param("1/2", "1/10", "1/10", "1/2", "4/25", "21/25", id="sqrt-utility"),
])
def test_bargaining_ranges_of_section_4_1(p, c_a, c_b, r, low, high):
    assert bargaining_range(p, c_a, c_b, risk_exponent=r) == (sympy.Rational(low), sympy.Rational(high))


@pytest.mark.parametrize(("p", "c_bar", "c_b", "offer", "war"), [
    pytest.param("1/2", "1/2", "1/10", "3/10", "2/5", id="row1"),
    pytest.param("1/2", "1/2", "0", "1/4", "1/2", id="row2"),
    pytest.param("1/2", "1/5", "1/5", "1/2", "0", id="row3-no-war"),
    pytest.param("3/5", "2/5", "1/10", "9/20", "3/8", id="row4"),
])
def test_risk_return_rows_of_section_4_1(p, c_bar, c_b, offer, war):
    r = risk_return_offer(p=p, c_B=c_b, c_bar=c_bar)
    assert (r.offer, r.war_probability) == (sympy.Rational(offer), sympy.Rational(war))


def test_porcupine_mapping_example():
    """p_R 3/5 -> 2/5 and c_R 1/10 -> 1/5 move Russia's minimum acceptable share from 1/2 to 1/5."""
    assert reservation_value("3/5", "1/10") == sympy.Rational(1, 2)
    assert reservation_value("2/5", "1/5") == sympy.Rational(1, 5)
    result = MODEL.solve(p_R="3/5", delta_p="1/5", c_R="1/10", delta_c="1/10")
    assert "Russia's reservation value: 1/2 before arming and sanctions, 1/5 after" in result.notes
    assert MODEL.thresholds()["reservation_value"].subs(
        {MODEL.parameters[k].symbol: sympy.Rational(v) for k, v in
         {"p_R": "3/5", "delta_p": "1/5", "c_R": "1/10", "delta_c": "1/10"}.items()}) == sympy.Rational(1, 5)


def test_optimal_concession_rederived_from_the_wests_expected_utility():
    """Maximise B's expected utility over z = p - x with sympy; compare with the brief's and the model's forms."""
    z, p, c_b, c_bar, known = sympy.symbols("z p c_B c_bar ell", positive=True)
    accept = 1 - (z - known) / c_bar  # P(known + U[0, c_bar] >= z)
    utility = (1 - p + z) * accept + (1 - p - c_b) * (1 - accept)
    (z_star,) = sympy.solve(sympy.diff(utility, z), z)
    assert sympy.diff(utility, z, 2) == -2 / c_bar  # concave: the stationary point is the maximum
    assert sympy.simplify(z_star.subs(known, 0) - (c_bar - c_b) / 2) == 0
    war = sympy.simplify((z_star - known) / c_bar)
    assert sympy.simplify(war.subs(known, 0) - (c_bar - c_b) / (2 * c_bar)) == 0
    s = MODEL.parameters.symbols
    model_form = MODEL.thresholds()["war_probability"].subs(
        {s["c_R"]: known, s["delta_c"]: 0, s["c_U"]: c_b, s["c_bar"]: c_bar})
    assert sympy.simplify(model_form - war) == 0


def _grid_best_war_probability(p, c_b, c_bar, known, steps=400):
    """Exact grid search over offers x = p - known - t, t on a grid of [0, c_bar] (and x >= 0)."""
    best = None
    for k in range(steps + 1):
        t = c_bar * F(k, steps)
        if p - known - t < 0:
            break
        u = (1 - p + known + t) * (1 - t / c_bar) + (1 - p - c_b) * t / c_bar
        if best is None or u > best[0]:
            best = (u, t / c_bar)
    return best


@given(p=shares, c_b=costs, c_bar=positive, known=st.fractions(0, F(1, 5), max_denominator=20))
def test_closed_form_beats_every_grid_offer(p, c_b, c_bar, known):
    r = risk_return_offer(p=p, c_B=c_b, c_bar=c_bar, known_cost=known)
    assume(p > known)
    grid_utility, _ = _grid_best_war_probability(p, c_b, c_bar, known, steps=200)
    assert F(str(r.west_utility)) >= grid_utility


@pytest.mark.parametrize(("p", "c_bar", "c_b"), [("1/2", "1/2", "1/10"), ("3/5", "2/5", "1/10"), ("1/2", "1/2", "0")])
def test_grid_search_finds_the_closed_form_on_table_rows(p, c_bar, c_b):
    p, c_bar, c_b = F(p), F(c_bar), F(c_b)
    _, war = _grid_best_war_probability(p, c_b, c_bar, F(0), steps=400)  # the optimum lies on this grid
    assert war == F(str(risk_return_offer(p=p, c_B=c_b, c_bar=c_bar).war_probability))


@given(p=shares, c_a=costs, c_b=costs)
def test_range_width_is_the_sum_of_costs(p, c_a, c_b):
    assume(p - c_a >= 0 and p + c_b <= 1)
    low, high = bargaining_range(p, c_a, c_b)
    assert high - low == c_a + c_b
    assert low <= p <= high


below_one = st.fractions(min_value=0, max_value=F(39, 40), max_denominator=40)


@given(p=positive, u=below_one, v=below_one, r=st.sampled_from([F(1, 2), F(1, 3), F(2, 3)]))
def test_risk_aversion_widens_the_range(p, u, v, r):
    assume(p < 1)
    c_a, c_b = p * u, (1 - p) * v  # drawn inside the admissible region: p - c_a > 0, p + c_b < 1
    low, high = bargaining_range(p, c_a, c_b)
    low_r, high_r = bargaining_range(p, c_a, c_b, risk_exponent=r)
    assert low_r <= low
    assert high_r >= high


@given(p=shares, c_b=costs, c_bar=positive)
def test_no_war_when_c_b_reaches_c_bar(p, c_b, c_bar):
    assume(c_b >= c_bar)
    assert risk_return_offer(p=p, c_B=c_b, c_bar=c_bar).war_probability == 0


@given(p=st.fractions(F(1, 2), 1, max_denominator=40), c_b=costs, more=positive, c_bar=positive)
def test_war_probability_decreases_in_c_b(p, c_b, more, c_bar):
    low = risk_return_offer(p=p, c_B=c_b, c_bar=c_bar).war_probability
    high = risk_return_offer(p=p, c_B=c_b + more, c_bar=c_bar).war_probability
    assert high <= low
    if low > 0:
        assert high < low


@given(p=shares, c_b=costs, c_bar=positive, extra=st.fractions(0, F(1, 5), max_denominator=20))
def test_sanctions_do_not_raise_the_risk_of_war(p, c_b, c_bar, extra):
    assert (risk_return_offer(p=p, c_B=c_b, c_bar=c_bar, known_cost=extra).war_probability
            <= risk_return_offer(p=p, c_B=c_b, c_bar=c_bar).war_probability)


def test_complete_information_means_no_war():
    r = risk_return_offer(p="1/2", c_B="1/10", c_bar=0, known_cost="1/10")
    assert (r.offer, r.war_probability) == (sympy.Rational(2, 5), 0)


# -- Europe's budget (the package's own synthesis) -----------------------------------------------
@pytest.mark.parametrize(("eta", "tau", "g", "optimal", "chosen", "crowded"), [
    pytest.param("1/10", "1/50", "1/10", 0, 1, True, id="crowding-out"),
    pytest.param("1/10", "1/50", "1/20", 0, 0, False, id="arms-chosen"),
    pytest.param("1/50", "1/10", "0", 1, 1, False, id="force-really-better"),
    pytest.param("1/10", "1/50", "2/25", 0, None, False, id="knife-edge"),
])
def test_budget_split_cases(eta, tau, g, optimal, chosen, crowded):
    c = budget_split(1, eta, tau, g)
    assert (c.optimal_force_share, c.chosen_force_share, c.crowded_out) == (optimal, chosen, crowded)
    assert bool(c.knife_edge) == (chosen is None)


@given(budget=positive, eta=costs, tau=costs, g=costs)
def test_crowding_out_region(budget, eta, tau, g):
    c = budget_split(budget, eta, tau, g)
    assert c.crowded_out == (tau < eta and g > budget * (eta - tau))
    assert c.reservation_gap == (budget * (eta - tau) if c.crowded_out else 0)


def test_model_reports_the_budget_choice_and_registers():
    assert get_model("porcupine") is MODEL
    assert set(MODEL.claims) == {"E6", "E9"}
    (eq,) = MODEL.solve(visibility="1/20")
    assert eq.name == "Risk-return offer"
    assert any("crowds out the porcupine: no" in n for n in MODEL.solve(visibility="1/20").notes)
    assert eq.outcomes["war"] + eq.outcomes["settlement"] == 1


@pytest.mark.parametrize(("settings", "parameter"), [
    ({"p_R": "3/2"}, "p_R"),
    ({"c_bar": "-1"}, "c_bar"),
    ({"delta_p": "4/5", "p_R": "1/2"}, "delta_p, p_R"),
    ({"risk_exponent": "2"}, "risk_exponent"),
])
def test_bad_parameters_are_named(settings, parameter):
    with pytest.raises(ParameterError) as err:
        MODEL.solve(**settings)
    assert err.value.parameter == parameter


def test_bad_function_arguments_are_named():
    with pytest.raises(ParameterError, match="'c_A'"):
        bargaining_range("1/2", "-1/10", "1/10")
    with pytest.raises(ParameterError, match="'risk_exponent'"):
        bargaining_range("1/2", "1/10", "1/10", risk_exponent=0)
    with pytest.raises(ParameterError, match="'c_bar'"):
        risk_return_offer(p="1/2", c_B=0, c_bar="-1/2")
