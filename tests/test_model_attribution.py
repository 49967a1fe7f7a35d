"""Attribution/inspection game (E8): LITERATURE.md section 6 table, closed forms from the game, statics, errors."""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import assume, given
from hypothesis import strategies as st

from escalation.cli import main
from escalation.errors import ParameterError
from escalation.models import get_model
from escalation.models.attribution import (
    MODEL,
    PARAMETERS,
    commitment,
    inspection_probability,
    inspector_leadership,
    thresholds,
    violation_rate,
)

F = Fraction


def point(g, s, pi, e, loss):
    return {"g": g, "s": s, "pi": pi, "e": e, "L": loss, "A": 0}


def rates(sol):
    """(Pr(investigate), Pr(violate)) of a normal-form solution, as Fractions."""
    return F(str(sol.strategies["Monitor"]["Investigate"])), F(str(sol.strategies["Violator"]["Violate"]))


# g, s, pi, e, L - A -> regime name, p*, q*  (typed from the research brief's section 6 table)
TABLE = [
    pytest.param(1, 3, F(1, 2), F(1, 10), 1, "inspection equilibrium (mixed)", F(1, 2), F(1, 5), id="mixed"),
    pytest.param(1, 3, 1, F(1, 10), 1, "inspection equilibrium (mixed)", F(1, 4), F(1, 10), id="mixed-pi1"),
    pytest.param(1, 9, F(1, 2), F(1, 10), 1, "inspection equilibrium (mixed)", F(1, 5), F(1, 5), id="mixed-s9"),
    pytest.param(1, 3, F(1, 5), F(1, 10), 1, "violation for sure, investigated", 1, 1, id="below-threshold"),
    pytest.param(1, 3, 0, F(1, 10), 1, "violation for sure, not investigated", 0, 1, id="osce"),
]


@pytest.mark.parametrize(("g", "s", "pi", "e", "loss", "name", "p", "q"), TABLE)
def test_section6_table(g, s, pi, e, loss, name, p, q):
    found = MODEL.solve(**point(g, s, pi, e, loss))
    assert len(found) == 1
    assert found.knife_edge == ()
    assert not found.degenerate
    (sol,) = found
    assert sol.name == name
    assert rates(sol) == (p, q)
    assert violation_rate(pi, point(g, s, pi, e, loss)) == q
    assert inspection_probability(pi, point(g, s, pi, e, loss)) == p


def test_closed_forms_solve_the_indifference_conditions_of_the_game():
    game = MODEL.symbolic_game()
    sym = PARAMETERS.symbols
    p, q = sympy.symbols("p q")
    u_v = {a: p * game.payoff((a, "Investigate"))[0] + (1 - p) * game.payoff((a, "Not investigate"))[0]
           for a in ("Comply", "Violate")}
    u_m = {b: q * game.payoff(("Violate", b))[1] + (1 - q) * game.payoff(("Comply", b))[1]
           for b in ("Investigate", "Not investigate")}
    (p_star,) = sympy.solve(sympy.Eq(u_v["Comply"], u_v["Violate"]), p)
    (q_star,) = sympy.solve(sympy.Eq(u_m["Investigate"], u_m["Not investigate"]), q)
    closed = thresholds()
    assert sympy.simplify(p_star - closed["p_star"]) == 0
    assert sympy.simplify(q_star - closed["q_star"]) == 0
    # p* <= 1 iff pi >= g/(g+s); q* <= 1 iff pi(L-A) >= e
    assert sympy.simplify(closed["p_star"].subs(sym["pi"], closed["pi_deterrence"]) - 1) == 0
    assert sympy.simplify(closed["q_star"].subs(sym["pi"], closed["pi_investigation"]) - 1) == 0
    assert sym["s"] not in q_star.free_symbols  # Tsebelis: the violation rate ignores the sanction


def test_game_payoffs_expected_over_attribution():
    game = MODEL.game(g=2, s=5, pi=F(1, 3), e=F(1, 4), L=7, A=1)
    assert game.payoff(("Violate", "Investigate")) == (2 - F(1, 3) * 7, -7 + F(1, 3) * 6 - F(1, 4))
    assert game.payoff(("Comply", "Investigate")) == (0, -F(1, 4))
    assert game.payoff(("Violate", "Not investigate")) == (2, -7)


admissible = st.fractions(min_value=F(1, 20), max_value=5, max_denominator=20)
probability = st.fractions(min_value=0, max_value=1, max_denominator=30)


@given(admissible, admissible, probability, admissible, admissible)
def test_nash_equilibria_agree_with_the_closed_forms(g, s, pi, e, loss):
    assume(pi * (g + s) != g)
    assume(pi * loss != e)
    values = point(g, s, pi, e, loss)
    found = MODEL.solve(**values)
    assert found.knife_edge == ()
    assert len(found) == 1
    p, q = rates(found[0])
    if pi > F(g) / (g + s) and pi * loss > e:
        assert (p, q) == (g / (pi * (g + s)), e / (pi * loss))
        assert found[0].name == "inspection equilibrium (mixed)"
    else:
        assert q == 1
        assert p == (1 if pi * loss > e else 0)
    assert (violation_rate(pi, values), inspection_probability(pi, values)) == (q, p)


@given(admissible, admissible, admissible, probability, admissible, admissible)
def test_violation_rate_does_not_depend_on_the_sanction(g, s1, s2, pi, e, loss):
    assume(pi * (g + s1) > g and pi * (g + s2) > g)
    q1 = rates(MODEL.solve(**point(g, s1, pi, e, loss))[0])[1]
    q2 = rates(MODEL.solve(**point(g, s2, pi, e, loss))[0])[1]
    assert q1 == q2
    p1 = inspection_probability(pi, point(g, s1, pi, e, loss))
    p2 = inspection_probability(pi, point(g, s2, pi, e, loss))
    if pi * loss > e:
        assert (p1 < p2) == (s1 > s2)  # a harsher sanction lowers monitoring instead


@given(admissible, admissible, probability, admissible, admissible)
def test_no_deterrence_below_the_attribution_threshold(g, s, pi, e, loss):
    assume(pi * (g + s) < g)
    assert all(rates(sol)[1] == 1 for sol in MODEL.solve(**point(g, s, pi, e, loss)))
    assert all(sol.outcomes["violation"] == 1 for sol in inspector_leadership(point(g, s, pi, e, loss)))


@given(admissible, admissible, probability, probability, admissible, admissible)
def test_violation_rate_weakly_decreasing_in_pi(g, s, pi1, pi2, e, loss):
    low, high = sorted((pi1, pi2))
    values = point(g, s, 0, e, loss)
    assert violation_rate(high, values) <= violation_rate(low, values)


def test_violation_rate_vectorises_for_floats():
    pis = np.linspace(0, 1, 11)
    q = violation_rate(pis)
    assert q.shape == (11,)
    assert np.allclose(q[[0, 2, 5, 10]], [1, 1, 0.2, 0.1])
    assert np.all(np.diff(q) <= 0)
    assert np.allclose(inspection_probability(pis)[[0, 2, 5, 10]], [0, 1, 0.5, 0.25])


@pytest.mark.parametrize(("values", "edge", "extremes"), [
    # pi = g/(g+s) = 1/4: M investigates, V mixes anywhere in [e/(pi(L-A)), 1] = [2/5, 1]
    pytest.param({"pi": F(1, 4)}, "Violator is indifferent", {(1, F(2, 5)), (1, 1)}, id="attribution-threshold"),
    # pi(L-A) = e = 1/2 (pi = 1/2 > 1/4): V violates, M investigates anywhere in [0, p*] = [0, 1/2]
    pytest.param({"e": F(1, 2)}, "Monitor is indifferent", {(0, 1), (F(1, 2), 1)}, id="investigation-threshold-above"),
    # pi(L-A) = e = 1/5 with pi = 1/5 < 1/4: V violates, M investigates anywhere in [0, 1]
    pytest.param({"e": F(1, 5), "pi": F(1, 5)}, "Monitor is indifferent", {(0, 1), (1, 1)},
                 id="investigation-threshold-below"),
])
def test_knife_edges_are_reported_with_all_extreme_equilibria(values, edge, extremes):
    """The generic solver names the indifferent player (nash_equilibria's knife edges in a degenerate game)."""
    found = MODEL.solve(**values)
    assert found.degenerate
    assert any(k.startswith(edge) for k in found.knife_edge)
    assert {rates(s) for s in found} >= {(p, q) for p, q in extremes}


def test_knife_edge_monitor_indifferent_above_threshold():
    found = MODEL.solve(pi=F(1, 2), e=F(1, 2))  # pi(L-A) = 1/2 = e, pi > 1/4: p in [0, 1/2], q = 1
    assert {rates(s) for s in found} == {(0, 1), (F(1, 2), 1)}
    assert found.knife_edge


@pytest.mark.parametrize(("pi", "names", "p"), [
    pytest.param(F(1, 2), "deterrence by verification (leadership)", "1/2", id="pi-1/2"),
    pytest.param(1, "deterrence by verification (leadership)", "1/4", id="pi-1"),
    pytest.param(F(1, 3), "deterrence by verification (leadership)", "3/4", id="off-grid-level"),
])
def test_inspector_leadership_deters_at_g_over_pi_g_plus_s(pi, names, p):
    found = inspector_leadership({"pi": pi})
    best = min((s for s in found if s.name == names), key=commitment)
    assert best.outcomes["compliance"] == 1
    assert best.strategies["Monitor"]["commitment"][f"p = {p}"] == 1
    assert found.knife_edge  # the Violator is indifferent at the deterring level
    assert best.payoffs["Monitor"] == -F(1, 10) * F(p)


def test_leadership_without_attribution_gives_up_inspecting():
    (sol,) = inspector_leadership({"pi": 0})
    assert sol.name == "violation under leadership"
    assert sol.strategies["Monitor"]["commitment"]["p = 0"] == 1


@pytest.mark.parametrize(("values", "parameter"), [
    pytest.param({"A": 1, "L": 1}, "A, L", id="A-equals-L"),
    pytest.param({"A": 2, "L": 1}, "A, L", id="A-above-L"),
    pytest.param({"pi": F(3, 2)}, "pi", id="pi-above-1"),
    pytest.param({"pi": -F(1, 2)}, "pi", id="pi-negative"),
    pytest.param({"e": -1}, "e", id="negative-cost"),
    pytest.param({"s": -1}, "s", id="negative-sanction"),
    pytest.param({"g": 0}, "g", id="no-gain"),
])
def test_bad_input_names_the_parameter(values, parameter):
    with pytest.raises(ParameterError) as info:
        MODEL.solve(**values)
    assert info.value.parameter == parameter


def test_helpers_reject_bad_pi():
    with pytest.raises(ParameterError, match="'pi'"):
        violation_rate(F(3, 2))
    with pytest.raises(ParameterError, match="'pi'"):
        violation_rate(np.array([0.5, 1.5]))
    with pytest.raises(ParameterError, match="'A, L'"):
        inspection_probability(F(1, 2), {"A": 3})


def test_registered_with_claim_and_sources():
    model = get_model("attribution")
    assert model.claims == ("E8",)
    assert any("Tsebelis" in s for s in model.sources)
    assert any("Baliga" in s for s in model.sources)
    assert all("[M" in s for s in model.sources if s.startswith(("Dresher", "Maschler", "Tsebelis", "Fortna")))


def test_cli_solve_attribution(capsys):
    assert main(["solve", "attribution", "--set", "pi=1/2", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    (eq,) = result["equilibria"]
    assert eq["name"] == "inspection equilibrium (mixed)"
    assert eq["strategies"]["Violator"]["Violate"] == "1/5"
    assert eq["strategies"]["Monitor"]["Investigate"] == "1/2"


def test_helpers_return_the_upper_end_on_a_knife_edge():
    assert violation_rate(F(1, 4)) == 1  # rates in [2/5, 1]
    assert inspection_probability(F(1, 2), {"e": F(1, 2)}) == F(1, 2)  # inspection in [0, 1/2]
    assert inspection_probability(F(1, 5), {"e": F(1, 5)}) == 1  # inspection in [0, 1]
