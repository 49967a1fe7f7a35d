"""Asymmetric Escalation Game: complete information (SPE) and a known Hard Challenger (PBE), LITERATURE.md 2.4."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
import sympy
from closed_form_checks import assert_sweep_matches_solver, grids
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from escalation.analysis import sweep
from escalation.analysis.sweep import outcome_names
from escalation.errors import ParameterError
from escalation.models import get_model
from escalation.models.escalation_game import COMPLETE, ONE_SIDED, deterrence_condition, grid_regions, profile
from escalation.solvers.backward_induction import subgame_perfect
from escalation.solvers.beliefs import complete_beliefs
from escalation.solvers.verify_pbe import is_pbe, verify_pbe
from escalation.solvers.verify_tree import verify_subgame_perfect

F = Fraction
C_HARD, C_SOFT = {"c_EE": 2}, {"c_EE": 0}  # reference c = (EE-, DE, EE+, DD, ED, SQ, DC) = (0, 1, 2, 3, 5, 6, 8)
DEFENDER = {"HH": {"d_DD": 5, "d_EE": 2}, "HS": {"d_DD": 5, "d_EE": 0},  # d = (EE-, ED, EE+, DD-, DC, DD+, DE, SQ)
            "SH": {"d_DD": 3, "d_EE": 2}, "SS": {"d_DD": 3, "d_EE": 0}}  # = (0, 1, 2, 3, 4, 5, 6, 8)


# --- complete information ----------------------------------------------------------------------------

@pytest.mark.parametrize(("challenger", "defender", "expected"), [
    *(pytest.param(C_SOFT, d, "SQ", id=f"soft-{d}") for d in DEFENDER),
    pytest.param(C_HARD, "HH", "SQ", id="hard-HH"),
    pytest.param(C_HARD, "HS", "DC", id="hard-HS"),
    pytest.param(C_HARD, "SH", "DC", id="hard-SH"),
    pytest.param(C_HARD, "SS", "DC", id="hard-SS"),
])
def test_complete_information_table(challenger, defender, expected):
    eq = COMPLETE.solve(**challenger, **DEFENDER[defender])
    assert len(eq) == 1
    assert eq.knife_edge == ()
    assert {k for k, v in eq[0].outcomes.items() if v} == {expected}
    if challenger is C_SOFT:  # a Soft Challenger is deterred because the Defender would escalate (DE)
        assert eq[0].strategies["Defender"]["Defender, node 2"]["Escalate"] == 1


@st.composite
def complete_points(draw):
    c = sorted(draw(st.lists(st.integers(-20, 20), min_size=7, max_size=7, unique=True)))
    d = sorted(draw(st.lists(st.integers(-20, 20), min_size=8, max_size=8, unique=True)))
    hard_ch, tactical, strategic = draw(st.booleans()), draw(st.booleans()), draw(st.booleans())
    point = {"c_DE": c[1], "c_EE": c[2] if hard_ch else c[0], "c_DD": c[3], "c_ED": c[4], "c_SQ": c[5],
             "c_DC": c[6], "d_ED": d[1], "d_EE": d[2] if strategic else d[0], "d_DD": d[5] if tactical else d[3],
             "d_DC": d[4], "d_DE": d[6], "d_SQ": d[7]}
    return point, hard_ch, tactical, strategic


@given(complete_points())
def test_complete_information_outcomes_are_only_status_quo_or_concession(drawn):
    point, hard_ch, tactical, strategic = drawn
    game = COMPLETE.game(**point)
    (spe,) = subgame_perfect(game)
    outcome = {k for k, v in spe.outcomes.items() if v}
    assert outcome <= {"SQ", "DC"}
    assert outcome == ({"SQ"} if not hard_ch or (tactical and strategic) else {"DC"})
    verify_subgame_perfect(game, spe)
    verify_pbe(game, (spe.behaviour, {}), "D1")


# --- a Hard Challenger, the Defender's type private ------------------------------------------------

def play(s):
    b = s.behaviour
    return tuple(F(str(p)) for p in (b["Challenger, node 1"]["Initiate"], b["HH Defender, node 2"]["Respond in kind"],
                                     b["HS Defender, node 2"]["Respond in kind"],
                                     b["Challenger after a limited response"]["Escalate"]))


def solve(p_hh, p_hs, p_sh, offpath="D1", **utilities):
    return ONE_SIDED.solve(offpath=offpath, **{"p_HH": p_hh, "p_HS": p_hs, "p_SH": p_sh, **utilities})


# (p_HH, p_HS, p_SH, p_SS) -> h, e, Pr(respond), initiates?, outcome distribution
ONE_SIDED_CASES = [
    pytest.param((F(1, 2), F(1, 10), F(1, 5), F(1, 5)), 1, 0, F(3, 5), False, {"SQ": 1}, id="deterred"),
    pytest.param((F(1, 10), F(1, 5), F(1, 5), F(1, 2)), F(1, 4), F(1, 4), F(3, 20), True,
                 {"DC": F(17, 20), "DD": F(9, 80), "EE": F(1, 40), "ED": F(1, 80)}, id="escalation-risk"),
    pytest.param((F(1, 5), F(1, 5), F(3, 10), F(3, 10)), F(1, 2), F(1, 4), F(3, 10), True,
                 {"DC": F(7, 10), "DD": F(9, 40), "EE": F(1, 20), "ED": F(1, 40)}, id="escalation-risk-2"),
    pytest.param((F(3, 10), F(1, 5), F(1, 4), F(1, 4)), F(3, 4), F(1, 4), F(9, 20), False, {"SQ": 1},
                 id="deterred-by-strategic-credibility"),
    pytest.param((F(1, 5), F(1, 20), F(3, 8), F(3, 8)), 1, 0, F(1, 4), True, {"DC": F(3, 4), "DD": F(1, 4)},
                 id="pure-limited-war"),
]


@pytest.mark.parametrize(("priors", "h", "e", "respond", "initiates", "outcomes"), ONE_SIDED_CASES)
def test_one_sided_reference_cases(priors, h, e, respond, initiates, outcomes):
    p_hh, p_hs, p_sh, p_ss = priors
    assert 1 - p_hh - p_hs - p_sh == p_ss
    eq = solve(p_hh, p_hs, p_sh)
    assert len(eq) == 1
    assert eq.knife_edge == ()
    (s,) = eq
    assert play(s) == (int(initiates), 1, h, e)
    assert p_hh + p_hs * h == respond
    assert {k: v for k, v in s.outcomes.items() if v} == outcomes
    point = {**ONE_SIDED.parameters.substitutions(), **{ONE_SIDED.parameters[k].symbol: v for k, v in
                                                        zip(("p_HH", "p_HS", "p_SH"), priors, strict=False)}}
    assert bool(deterrence_condition().subs(point)) is (not initiates)
    for rule in ("D1", "prior", "free"):  # the D1 equilibrium survives the other rules
        assert play(s) in {play(x) for x in solve(p_hh, p_hs, p_sh, rule)}


def test_thresholds_at_reference_utilities():
    at = {k: v.subs(ONE_SIDED.parameters.substitutions()) for k, v in ONE_SIDED.thresholds().items()}
    assert at == {"theta": F(2, 3), "tau": F(2, 5), "e_star": F(1, 4), "e_bar": F(1, 3)}


def _u(game, path, player):
    return game.node("root/" + path).payoffs[player]


def test_thresholds_rederived_from_the_game():
    game, x = ONE_SIDED.symbolic_game(), sympy.Symbol("x")
    limited = "HH Defender/Initiate/Respond in kind"
    c = {k: _u(game, p, 0) for k, p in (("SQ", "HH Defender/Status quo"), ("DC", "HH Defender/Initiate/Concede"),
                                        ("DD", f"{limited}/Hold"), ("ED", "HS Defender/Initiate/Respond in kind/"
                                                                          "Escalate/Hold"),
                                        ("EE", f"{limited}/Escalate/Counter-escalate"))}
    hs = "HS Defender/Initiate"
    d_hs = {k: _u(game, p, 1) for k, p in (("DC", f"{hs}/Concede"), ("DD", f"{hs}/Respond in kind/Hold"),
                                           ("ED", f"{hs}/Respond in kind/Escalate/Hold"))}
    d_hh_ee = _u(game, f"{limited}/Escalate/Counter-escalate", 1)
    derived = {
        "theta": x * c["EE"] + (1 - x) * c["ED"] - c["DD"],  # escalating after a limited response vs holding
        "tau": (1 - x) * c["DC"] + x * c["DD"] - c["SQ"],  # initiating against response probability x
        "e_star": (1 - x) * d_hs["DD"] + x * d_hs["ED"] - d_hs["DC"],  # HS responding vs conceding
        "e_bar": (1 - x) * d_hs["DD"] + x * d_hh_ee - d_hs["DC"],  # HH responding vs conceding
    }
    for name, condition in derived.items():
        (root,) = sympy.solve(condition, x)
        assert sympy.simplify(root - ONE_SIDED.thresholds()[name]) == 0, name


@pytest.mark.parametrize("priors", [(F(1, 10), F(1, 5), F(1, 5)), (F(3, 10), F(1, 5), F(1, 4))])
def test_hs_response_rederived_from_bayes_rule(priors):
    p_hh, p_hs, _p_sh = priors
    h, theta = sympy.Symbol("h"), ONE_SIDED.thresholds()["theta"].subs(ONE_SIDED.parameters.substitutions())
    (root,) = sympy.solve(p_hh / (p_hh + p_hs * h) - theta, h)  # the Challenger indifferent after a response
    (s,) = solve(*priors)
    assert play(s)[2] == root
    assert s.beliefs["Challenger after a limited response"]["root/HH Defender/Initiate/Respond in kind"] == theta


@pytest.mark.parametrize(("priors", "offpath", "names", "edge"), [
    pytest.param((F(2, 5), F(1, 5), F(1, 5)), "D1", ["Deterrence", "Deterrence"], "p_HH/(p_HH + p_HS) = theta",
                 id="theta"),
    pytest.param((F(4, 15), F(1, 5), F(1, 5)), "D1", ["Deterrence", "Escalation risk"], "Pr(respond) = tau",
                 id="tau"),
    pytest.param((F(1, 2), F(1, 6), F(1, 6)), "prior", ["Deterrence", "Fait accompli"], "p_HH + p_SH = theta",
                 id="prior-fait-accompli"),
])
def test_knife_edges(priors, offpath, names, edge):
    eq = solve(*priors, offpath)
    assert sorted(s.name for s in eq) == names
    assert any(edge in note for note in eq.knife_edge)


def test_fait_accompli_needs_permissive_off_path_beliefs():
    priors = (F(1, 10), F(1, 5), F(1, 5))  # p_HH + p_SH = 3/10 <= theta: the prior supports the threat
    assert "Fait accompli" not in {s.name for s in solve(*priors, "D1")}
    for rule in ("prior", "free"):
        (fait,) = [s for s in solve(*priors, rule) if s.name == "Fait accompli"]
        assert play(fait)[:3] == (1, 0, 0)
        assert fait.outcomes["DC"] == 1
    assert "Fait accompli" not in {s.name for s in solve(F(1, 2), F(1, 10), F(1, 5), "prior")}  # 7/10 > theta


@pytest.mark.parametrize("priors", [(F(1, 2), F(1, 10), F(1, 5)), (F(1, 10), F(1, 5), F(1, 5))])
def test_brute_force_finds_only_the_listed_equilibrium_under_d1(priors):
    game = ONE_SIDED.game(**dict(zip(("p_HH", "p_HS", "p_SH"), priors, strict=True)))
    found = set()
    quarters = (0, F(1, 4), F(1, 2), F(3, 4), 1)
    for x, h_hh, h_hs, e in itertools.product((0, F(1, 2), 1), (0, F(1, 2), 1), quarters, quarters):
        b = profile(x, h_hh, h_hs, e)
        if is_pbe(game, (b, complete_beliefs(game, b, "D1")), "D1"):
            found.add((x, h_hh, h_hs, e))
    assert found == {play(s) for s in solve(*priors)}


# --- orderings and registry -----------------------------------------------------------------------

@pytest.mark.parametrize(("model", "override", "names"), [
    pytest.param(ONE_SIDED, {"c_EE": 4}, "c_EE, c_DD", id="war-above-limited-conflict"),
    pytest.param(ONE_SIDED, {"c_EE": 0}, "c_DE, c_EE", id="soft-challenger"),
    pytest.param(ONE_SIDED, {"d_DD_soft": F(9, 2)}, "d_DD_soft, d_DC", id="tactically-soft-not-soft"),
    pytest.param(ONE_SIDED, {"p_HH": F(1, 2), "p_HS": F(1, 2)}, "p_HH, p_HS, p_SH", id="priors-exceed-one"),
    pytest.param(ONE_SIDED, {"p_HS": 0}, "p_HS", id="impossible-type"),
    pytest.param(COMPLETE, {"c_EE": 1}, "c_EE, c_DE", id="challenger-type-undefined"),
    pytest.param(COMPLETE, {"d_EE": 6}, "d_EE, d_DD", id="war-above-limited"),
    pytest.param(COMPLETE, {"d_DD": 4}, "d_DD, d_DC", id="defender-type-undefined"),
])
def test_orderings_are_enforced(model, override, names):
    with pytest.raises(ParameterError) as info:
        model.solve(**override)
    assert info.value.parameter == names


def test_registered():
    assert get_model("escalation-complete") is COMPLETE
    assert get_model("escalation-one-sided") is ONE_SIDED
    assert "E4" in COMPLETE.claims
    assert "E4" in ONE_SIDED.claims
    game = ONE_SIDED.symbolic_game()
    assert len(game.infosets["Challenger after a limited response"].nodes) == 4


# --- properties -------------------------------------------------------------------------------------

@st.composite
def one_sided_points(draw):
    c = sorted(draw(st.lists(st.integers(-20, 20), min_size=6, max_size=6, unique=True)))
    d = sorted(draw(st.lists(st.integers(-20, 20), min_size=8, max_size=8, unique=True)))
    w = draw(st.lists(st.integers(1, 9), min_size=4, max_size=4))
    point = dict(zip(("c_DE", "c_EE", "c_DD", "c_ED", "c_SQ", "c_DC"), c, strict=True))
    point |= dict(zip(("d_EE_soft", "d_ED", "d_EE_hard", "d_DD_soft", "d_DC", "d_DD_hard", "d_DE", "d_SQ"), d,
                      strict=True))
    point |= {f"p_{t}": F(x, sum(w)) for t, x in zip(("HH", "HS", "SH"), w, strict=False)}
    return point


@settings(max_examples=30)
@given(one_sided_points())
def test_deterrence_iff_both_rungs_are_credible_enough(point):
    theta = F(point["c_ED"] - point["c_DD"], point["c_ED"] - point["c_EE"])
    tau = F(point["c_DC"] - point["c_SQ"], point["c_DC"] - point["c_DD"])
    t = point["p_HH"] + point["p_HS"]
    respond = min(t, point["p_HH"] / theta)
    assume(respond != tau and point["p_HH"] != theta * t)
    eq = ONE_SIDED.solve(**point)
    assert len(eq) == 1
    (s,) = eq
    assert (s.name == "Deterrence") is (respond > tau)
    assert play(s)[3] == (0 if point["p_HH"] > theta * t else F(point["d_DD_hard"] - point["d_DC"],
                                                              point["d_DD_hard"] - point["d_ED"]))
    escalation = s.outcomes["EE"] + s.outcomes["ED"]
    assert bool(escalation > 0) is (s.name != "Deterrence" and point["p_HH"] < theta * t)
    verify_pbe(ONE_SIDED.game(**point), s, "D1")


# --- the closed-form sweep ------------------------------------------------------------------------

@given(grids(models=["escalation-one-sided"]))
def test_closed_form_sweep_matches_the_solver(case):
    assert_sweep_matches_solver(*case)


# LITERATURE.md 2.4(c) reference cases on small grids; p_SH only splits the conceding types, so it is fixed.
# Each row: (p_HH, p_HS) -> name, HS response h, escalation e, outcome distribution.
LIMITED_WAR = ("Limited conflict", 1, 0, {"DC": F(3, 4), "DD": F(1, 4)})
RISK_1 = ("Escalation risk", F(1, 4), F(1, 4), {"DC": F(17, 20), "DD": F(9, 80), "EE": F(1, 40), "ED": F(1, 80)})
RISK_2 = ("Escalation risk", F(1, 2), F(1, 4), {"DC": F(7, 10), "DD": F(9, 40), "EE": F(1, 20), "ED": F(1, 40)})
DETERRED_STRATEGIC = ("Deterrence", F(3, 4), F(1, 4), {"SQ": 1})


@pytest.mark.parametrize(("p_sh", "over", "expected"), [
    pytest.param("1/4", {"p_HH": [0.1, 0.2, 0.3], "p_HS": [0.2]}, [[RISK_1], [RISK_2], [DETERRED_STRATEGIC]],
                 id="p_HH"),
    pytest.param("3/8", {"p_HH": [0.2], "p_HS": [0.05, 0.2]}, [[LIMITED_WAR, RISK_2]], id="p_HS"),
])
def test_closed_form_sweep_reference_cases(p_sh, over, expected):
    values = {**{k: float(v) for k, v in ONE_SIDED.parameters.defaults().items()}, "p_SH": float(F(p_sh)),
              **dict(zip(over, np.meshgrid(*over.values(), indexing="ij"), strict=True))}
    assert not grid_regions(values).undecided.any()  # decided by the closed forms, not by the exact solver
    ds = sweep(ONE_SIDED, over=over, fixed={"p_SH": p_sh})
    for i, row in enumerate(expected):
        for j, (name, h, e, outcomes) in enumerate(row):
            cell = ds.isel(p_HH=i, p_HS=j)
            assert str(outcome_names(cell).values) == name
            assert not bool(cell.knife_edge)
            choice = {k: float(cell.action_probability.sel(choice=c)) for k, c in (
                ("h", "HS Defender, node 2: Respond in kind"), ("e", "Challenger after a limited response: Escalate"))}
            assert choice == pytest.approx({"h": float(h), "e": float(e)}, abs=1e-12)
            got = {str(k): float(cell.outcome_probability.sel(label=k)) for k in ds.label.values}
            assert got == pytest.approx({k: float(outcomes.get(k, 0)) for k in got}, abs=1e-12)
