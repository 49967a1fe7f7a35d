"""Deconfliction model: LITERATURE.md sections 7.1 and 7.2, closed forms from the indifference condition, statics."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from escalation.errors import ParameterError
from escalation.models import get_model
from escalation.models.deconfliction import (
    DECONFLICTION,
    MIXED,
    MODEL,
    WAR,
    thresholds,
    war_probability,
    war_probability_range,
)
from escalation.solvers.correlated import is_correlated_equilibrium

F = Fraction


def by_name(found):
    return {s.name: s for s in found}


# R, S, T, P -> Pr(Straight), P(war), mixed payoff (LITERATURE.md 7.1; 7.2 is Aumann's Chicken)
TABLE = [
    pytest.param(0, -1, 1, -10, F(1, 10), F(1, 100), F(-1, 10), id="7.1 row 1"),
    pytest.param(0, -1, 1, -2, F(1, 2), F(1, 4), F(-1, 2), id="7.1 row 2"),
    pytest.param(3, 2, 4, 1, F(1, 2), F(1, 4), F(5, 2), id="7.1 row 3"),
    pytest.param(6, 2, 7, 0, F(1, 3), F(1, 9), F(14, 3), id="7.2 Aumann"),
]


@pytest.mark.parametrize(("r", "s", "t", "p", "straight", "war", "payoff"), TABLE)
def test_mixed_equilibrium_reference_cases(r, s, t, p, straight, war, payoff):
    found = by_name(MODEL.solve(R=r, S=s, T=t, P=p))
    assert set(found) == {"NATO backs down", "Russia backs down", MIXED, DECONFLICTION}
    mixed = found[MIXED]
    assert mixed.strategies["NATO"]["Straight"] == straight
    assert mixed.strategies["Russia"]["Straight"] == straight
    assert mixed.outcomes[WAR] == war
    assert mixed.payoffs["NATO"] == payoff
    assert war_probability({"R": r, "S": s, "T": t, "P": p}) == {MIXED: war, DECONFLICTION: 0}
    values = {sympy.Symbol(k, real=True): v for k, v in zip("RSTP", (r, s, t, p), strict=True)}
    assert thresholds()["p_straight"].subs(values) == straight
    assert thresholds()["p_war"].subs(values) == war
    assert thresholds()["mixed_payoff"].subs(values) == payoff


@pytest.mark.parametrize(("r", "s", "t", "p", "both", "payoff", "knife"), [
    pytest.param(6, 2, 7, 0, F(1, 2), F(21, 4), False, id="Aumann: 1/2, 1/4, 1/4 gives 21/4"),
    pytest.param(0, -1, 1, -10, F(9, 11), F(0), True, id="7.1 row 1: 2R = S + T"),
    pytest.param(3, 2, 4, 1, F(1, 3), F(3), True, id="7.1 row 3: 2R = S + T"),
    pytest.param(1, 0, 4, -1, F(0), F(2), False, id="2R < S + T: alternate who backs down"),
])
def test_deconfliction_equilibrium(r, s, t, p, both, payoff, knife):
    found = MODEL.solve(R=r, S=s, T=t, P=p)
    ce = by_name(found)[DECONFLICTION]
    assert ce.outcomes[WAR] == 0
    assert ce.outcomes["both swerve"] == both
    assert ce.outcomes["NATO backs down"] == ce.outcomes["Russia backs down"] == (1 - both) / 2
    assert ce.payoffs["NATO"] == ce.payoffs["Russia"] == payoff
    assert bool(found.knife_edge) is knife
    game = MODEL.game(R=r, S=s, T=t, P=p)
    mu = {("Swerve", "Swerve"): both, ("Swerve", "Straight"): (1 - both) / 2, ("Straight", "Swerve"): (1 - both) / 2}
    assert is_correlated_equilibrium(game, mu)


def test_closed_forms_from_the_indifference_condition():
    r, s, t, p, q = sympy.symbols("R S T P q", real=True)
    swerve, straight = (1 - q) * r + q * s, (1 - q) * t + q * p
    (root,) = sympy.solve(sympy.Eq(swerve, straight), q)
    closed = thresholds()
    assert sympy.simplify(root - closed["p_straight"]) == 0
    assert sympy.simplify(root**2 - closed["p_war"]) == 0
    assert sympy.simplify(swerve.subs(q, root) - closed["mixed_payoff"]) == 0
    # Deconfliction: told "swerve" binds, a(R - T) + b(S - P) = 0 with a + 2b = 1.
    a, b = sympy.symbols("a b")
    point = sympy.solve([a * (r - t) + b * (s - p), a + 2 * b - 1], [a, b], dict=True)[0]
    weight = closed["deconfliction_both_swerve"].args[0][0]
    assert sympy.simplify(point[a] - weight) == 0
    assert sympy.limit(closed["p_straight"], p, -sympy.oo) == 0


orderings = st.tuples(st.integers(-5, 5), st.integers(1, 5), st.integers(1, 5), st.integers(1, 5)).map(
    lambda v: (v[0], v[0] - v[1], v[0] + v[2], v[0] - v[1] - v[3]))  # R, S < R, T > R, P < S


@given(orderings, st.integers(1, 50))
def test_costlier_war_means_less_daring_but_pure_equilibria_stay(point, extra):
    r, s, t, p = point
    before, after = (by_name(MODEL.solve(R=r, S=s, T=t, P=x)) for x in (p, p - extra))
    assert after[MIXED].strategies["NATO"]["Straight"] < before[MIXED].strategies["NATO"]["Straight"]
    assert after[MIXED].outcomes[WAR] < before[MIXED].outcomes[WAR]
    assert {"NATO backs down", "Russia backs down"} <= set(after)
    assert after[DECONFLICTION].outcomes[WAR] == 0
    for found in (before, after):  # deconfliction weakly dominates the mixed equilibrium for both sides
        assert found[DECONFLICTION].payoffs["NATO"] >= found[MIXED].payoffs["NATO"]


@pytest.mark.parametrize(("values", "names"), [
    pytest.param({"T": 5}, "R, T", id="T below R"),
    pytest.param({"S": 7}, "S, R", id="S above R"),
    pytest.param({"P": 3}, "P, S", id="P above S"),
])
def test_orderings_are_enforced(values, names):
    with pytest.raises(ParameterError, match=names):
        MODEL.solve(**values)


def test_registered():
    assert get_model("deconfliction") is MODEL
    assert MODEL.claims == ("E5",)


@pytest.mark.parametrize(("values", "high"), [
    ({}, Fraction(1, 5)),                                           # Aumann's Chicken: b >= 2w, a = 0, 2b + w = 1
    ({"R": 0, "S": -1, "T": 1, "P": -10}, Fraction(1, 19)),         # (T - R)/((T - R) + 2(S - P)) = 1/19
])
def test_correlated_equilibria_range_from_no_war_to_more_war_than_the_mixed_one(values, high):
    # By hand: told "straight", a side obeys iff b(T - R) >= w(S - P); war is most likely with no "both swerve"
    # and b as small as that allows: 2b + w = 1, b = w(S - P)/(T - R).  The lowest war probability is 0 (the
    # recommender never says "both straight").
    assert war_probability_range(MODEL.values(**values)) == (0, high)
    assert high > war_probability(MODEL.values(**values))[MIXED]  # more than the deterrence posture's q*^2
