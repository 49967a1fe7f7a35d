"""Rudimentary Asymmetric Deterrence Game: worked examples, threshold re-derived, orderings, properties."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import assume, given
from hypothesis import strategies as st
from sweep_checks import assert_sweep_matches_solver, grids

from escalation.errors import ParameterError
from escalation.models import get_model
from escalation.models.rudimentary import MODEL
from escalation.solvers.verify_pbe import verify_pbe

F = Fraction
HARD, SOFT = "root/Hard Defender", "root/Soft Defender"


def initiation(solution):
    return solution.strategies["Challenger"]["Challenger"]["Challenge"]


# LITERATURE.md section 2.1 reference cases: (a_DD, a_SQ, a_DC, p_B) -> C_A, x, P(conflict)
CASES = [
    pytest.param(0, 1, 3, F(1, 2), F(2, 3), 1, F(1, 2), "Attack", id="attack"),
    pytest.param(0, 1, 3, F(3, 4), F(2, 3), 0, 0, "Deterrence", id="deterred"),
    pytest.param(-10, 0, 1, F(1, 10), F(1, 11), 0, 0, "Deterrence", id="costly-war-deters"),
    pytest.param(-10, 0, 1, F(1, 20), F(1, 11), 1, F(1, 20), "Attack", id="low-credibility"),
]


@pytest.mark.parametrize(("a_dd", "a_sq", "a_dc", "p_b", "c_a", "x", "p_conflict", "name"), CASES)
def test_reference_cases(a_dd, a_sq, a_dc, p_b, c_a, x, p_conflict, name):
    point = {"a_DD": a_dd, "a_SQ": a_sq, "a_DC": a_dc, "p_B": p_b}
    assert MODEL.thresholds()["C_A"].subs({MODEL.parameters[k].symbol: v for k, v in point.items()}) == c_a
    (eq,) = MODEL.solve(**point)
    assert eq.name == name
    assert initiation(eq) == x
    assert eq.strategies["Defender"]["Hard Defender"]["Resist"] == 1  # y_H = 1
    assert eq.strategies["Defender"]["Soft Defender"]["Resist"] == 0  # y_S = 0
    assert eq.outcomes["DD"] == p_conflict
    assert eq.computation.refinement == "perfect Bayesian"
    assert eq.computation.verified


def test_threshold_rederived_from_the_game():
    game = MODEL.symbolic_game()
    a = {lab: game.node(path).payoffs[0] for lab, path in
         (("SQ", f"{HARD}/Status quo"), ("DC", f"{SOFT}/Challenge/Concede"), ("DD", f"{HARD}/Challenge/Resist"))}
    p = sympy.Symbol("p")
    (root,) = sympy.solve(sympy.Eq(p * a["DD"] + (1 - p) * a["DC"], a["SQ"]), p)
    assert sympy.simplify(root - MODEL.thresholds()["C_A"]) == 0


def test_types_are_resolved_by_the_game_not_typed_in():
    game = MODEL.symbolic_game()
    b = {k: MODEL.parameters[k].symbol for k in ("b_DC", "b_DD_hard", "b_DD_soft")}
    hard = game.node(f"{HARD}/Challenge").infoset
    assert game.node(f"{HARD}/Challenge/Resist").payoffs[1] == b["b_DD_hard"]
    assert game.node(f"{SOFT}/Challenge/Resist").payoffs[1] == b["b_DD_soft"]
    assert game.infosets["Challenger"].nodes == (game.node(HARD).index, game.node(SOFT).index)
    assert hard != game.node(f"{SOFT}/Challenge").infoset


def test_knife_edge_lists_both_equilibria():
    """At p_B = C_A = 2/3 the Challenger is indifferent: every probability of challenging is an equilibrium (the
    Defender's types play their dominant replies), and the solver lists the two extremes."""
    eq = MODEL.solve(p_B="2/3")
    assert sorted(s.name for s in eq) == ["Attack", "Deterrence"]
    assert sorted(initiation(s) for s in eq) == [0, 1]
    assert sorted(s.outcomes["DD"] for s in eq) == [0, F(2, 3)]
    assert eq.knife_edge == ("Challenger is indifferent at 'Challenger' between 'Status quo' and 'Challenge'",)
    assert eq.count == 2


@pytest.mark.parametrize(("override", "names"), [
    pytest.param({"a_SQ": 3}, "a_SQ, a_DC", id="status-quo-best"),
    pytest.param({"a_DD": 1}, "a_DD, a_SQ", id="war-not-worst"),
    pytest.param({"b_DC": 2}, "b_DC, b_DD_hard", id="hard-not-hard"),
    pytest.param({"b_DD_soft": 1}, "b_DD_soft, b_DC", id="soft-not-soft"),
    pytest.param({"p_B": 0}, "p_B", id="no-hard-type"),
])
def test_orderings_are_enforced(override, names):
    with pytest.raises(ParameterError) as info:
        MODEL.solve(**override)
    assert info.value.parameter == names


def test_registered_with_claims_sources_and_documented_parameters():
    assert get_model("rudimentary") is MODEL
    assert MODEL.claims
    assert MODEL.sources
    for p in MODEL.parameters.values():
        assert p.description
        assert p.unit
        assert p.source


@st.composite
def points(draw):
    a = sorted(draw(st.lists(st.integers(-20, 20), min_size=3, max_size=3, unique=True)))
    b = sorted(draw(st.lists(st.integers(-20, 20), min_size=4, max_size=4, unique=True)))
    p = draw(st.fractions(0, 1, max_denominator=30))
    assume(0 < p < 1)
    return {"a_DD": a[0], "a_SQ": a[1], "a_DC": a[2], "b_DD_soft": b[0], "b_DC": b[1], "b_DD_hard": b[2],
            "b_SQ": b[3], "p_B": p}


@given(points(), st.sampled_from(["D1", "prior", "free"]))
def test_deterrence_iff_credibility_above_threshold(point, offpath):
    c_a = F(point["a_DC"] - point["a_SQ"], point["a_DC"] - point["a_DD"])
    assume(point["p_B"] != c_a)
    eq = MODEL.solve(offpath=offpath, **point)
    assert [s.name for s in eq] == (["Deterrence"] if point["p_B"] > c_a else ["Attack"])
    game = MODEL.game(**point)
    for s in eq:
        verify_pbe(game, s, offpath=offpath)


# Sweeps: LITERATURE.md section 2.1 cases on a grid; payoffs typed by hand with the default Defender utilities
# b_DD_soft = 0 < b_DC = 1 < b_DD_hard = 2 < b_SQ = 3.
SWEEP_CASES = [
    pytest.param({"a_DD": 0, "a_SQ": 1, "a_DC": 3}, [0.5, 0.75],
                 [("Attack", 0.5, (1.5, 1.5)), ("Deterrence", 0.0, (1.0, 3.0))], id="C_A=2/3"),
    pytest.param({"a_DD": -10, "a_SQ": 0, "a_DC": 1}, [0.05, 0.1],
                 [("Attack", 0.05, (0.45, 1.05)), ("Deterrence", 0.0, (0.0, 3.0))], id="C_A=1/11"),
]


@pytest.mark.parametrize(("fixed", "p_b", "expected"), SWEEP_CASES)
def test_sweep_of_the_reference_cases(fixed, p_b, expected):
    from escalation.analysis import sweep
    from escalation.analysis.sweep import equilibrium_names

    ds = sweep(MODEL, over={"p_B": p_b}, fixed=fixed)
    assert equilibrium_names(ds).values.tolist() == [name for name, _, _ in expected]
    assert ds.knife_edge.values.tolist() == [False, False]
    assert ds.equilibria.values.tolist() == [1, 1]
    for k, (name, conflict, payoffs) in enumerate(expected):
        cell = ds.isel(p_B=k)
        assert float(cell.outcome_probability.sel(label="DD")) == pytest.approx(conflict)
        assert float(cell.action_probability.sel(choice="Challenger: Challenge")) == (name == "Attack")
        assert float(cell.action_probability.sel(choice="Hard Defender: Resist")) == 1  # off the path too
        assert float(cell.action_probability.sel(choice="Soft Defender: Concede")) == 1
        assert [float(cell.payoff.sel(player=p)) for p in ("Challenger", "Defender")] == pytest.approx(payoffs)


def test_sweep_decides_the_knife_edge_exactly():
    from escalation.analysis import sweep

    ds = sweep(MODEL, over={"p_B": [0.25, 0.5, 0.75]}, fixed={"a_DD": -1})   # C_A = (3 - 1)/(3 + 1) = 1/2
    assert ds.knife_edge.values.tolist() == [False, True, False]
    assert ds.equilibria.values.tolist() == [1, 2, 1]


@given(grids(models=["rudimentary"]))
def test_sweep_equals_the_exact_solver_at_every_point(case):
    assert_sweep_matches_solver(*case)
