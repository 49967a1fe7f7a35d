"""Asymmetric Escalation Game: complete information (SPE) and a known Hard Challenger (PBE), LITERATURE.md 2.4."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pbe_results import behaviours
from sweep_checks import assert_sweep_matches_solver, grids

from escalation.analysis import sweep
from escalation.analysis.sweep import equilibrium_names
from escalation.errors import ParameterError
from escalation.models import get_model
from escalation.models.escalation_game import MODEL, ONE_SIDED_MODEL, deterrence_condition, profile
from escalation.solvers.backward_induction import subgame_perfect
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
    eq = MODEL.solve(**challenger, **DEFENDER[defender])
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
    game = MODEL.game(**point)
    (spe,) = subgame_perfect(game)
    outcome = {k for k, v in spe.outcomes.items() if v}
    assert outcome <= {"SQ", "DC"}
    assert outcome == ({"SQ"} if not hard_ch or (tactical and strategic) else {"DC"})
    verify_subgame_perfect(game, spe)
    verify_pbe(game, (spe.behaviour, {}), offpath="D1")


# --- a Hard Challenger, the Defender's type private ------------------------------------------------

def play(s):
    return play_of(s.behaviour)


def play_of(b):
    return tuple(F(str(p)) for p in (b["Challenger, node 1"]["Initiate"], b["HH Defender, node 2"]["Respond in kind"],
                                     b["HS Defender, node 2"]["Respond in kind"],
                                     b["Challenger after a limited response"]["Escalate"]))


def solve(p_hh, p_hs, p_sh, offpath="D1", **utilities):
    return ONE_SIDED_MODEL.solve(offpath=offpath, **{"p_HH": p_hh, "p_HS": p_hs, "p_SH": p_sh, **utilities})


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
    point = {**ONE_SIDED_MODEL.parameters.substitutions(), **{ONE_SIDED_MODEL.parameters[k].symbol: v for k, v in
                                                        zip(("p_HH", "p_HS", "p_SH"), priors, strict=False)}}
    assert bool(deterrence_condition().subs(point)) is (not initiates)
    for rule in ("D1", "prior", "free"):  # the D1 equilibrium survives the other rules
        assert play(s) in {play_of(b) for _, b in behaviours(solve(p_hh, p_hs, p_sh, rule))}


def test_thresholds_at_reference_utilities():
    at = {k: v.subs(ONE_SIDED_MODEL.parameters.substitutions()) for k, v in ONE_SIDED_MODEL.thresholds().items()}
    assert at == {"theta": F(2, 3), "tau": F(2, 5), "e_star": F(1, 4), "e_bar": F(1, 3)}


def _u(game, path, player):
    return game.node("root/" + path).payoffs[player]


def test_thresholds_rederived_from_the_game():
    game, x = ONE_SIDED_MODEL.symbolic_game(), sympy.Symbol("x")
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
        assert sympy.simplify(root - ONE_SIDED_MODEL.thresholds()[name]) == 0, name


@pytest.mark.parametrize("priors", [(F(1, 10), F(1, 5), F(1, 5)), (F(3, 10), F(1, 5), F(1, 4))])
def test_hs_response_rederived_from_bayes_rule(priors):
    p_hh, p_hs, _p_sh = priors
    h, theta = sympy.Symbol("h"), ONE_SIDED_MODEL.thresholds()["theta"].subs(ONE_SIDED_MODEL.parameters.substitutions())
    (root,) = sympy.solve(p_hh / (p_hh + p_hs * h) - theta, h)  # the Challenger indifferent after a response
    (s,) = solve(*priors)
    assert play(s)[2] == root
    assert s.beliefs["Challenger after a limited response"]["root/HH Defender/Initiate/Respond in kind"] == theta


AFTER_RESPONSE = "Challenger is indifferent at 'Challenger after a limited response' between 'Hold' and 'Escalate'"
AT_START = "Challenger is indifferent at 'Challenger, node 1' between 'Status quo' and 'Initiate'"


# Worked by hand at the reference utilities (theta = 2/3, tau = 2/5, e* = 1/4, e_bar = 1/3); each knife edge is a
# continuum, listed by its extreme members (play = (initiate, HH responds, HS responds, escalate)):
#   theta: p_HH/(p_HH + p_HS) = 2/3, the Challenger, deterred (t = 3/5 > tau), is indifferent after a limited
#          response and may escalate with any e in [0, e*] (the HS type still responds while 5 - 4e >= 4).  The
#          hand-written version listed two Deterrence equilibria (e = 0 and e = 1/4); the generic solver lists one,
#          with the two continuations after the initiation nobody makes as alternatives (count 2);
#   tau:   Pr(respond) = p_HH/theta = 2/5 = tau, the Challenger indifferent at the start: it initiates with any
#          probability; the extremes are Escalation risk (h = (4/15)(1/3)/((2/3)(1/5)) = 2/3, e = 1/4) and
#          Deterrence with the same replies;
#   prior: p_HH + p_SH = 2/3 = theta, Fait accompli is supported by the prior, at which the Challenger may escalate
#          after a limited response with any e in [e_bar, 1] = [1/3, 1] (the HH type concedes while 5 - 3e <= 4):
#          alternatives e = 1 and e = 1/3 (count 3 with Deterrence).
@pytest.mark.parametrize(("priors", "offpath", "expected", "edge", "count"), [
    pytest.param((F(2, 5), F(1, 5), F(1, 5)), "D1", {("Deterrence", (0, 1, 1, 0)), ("Deterrence", (0, 1, 1, F(1, 4)))},
                 AFTER_RESPONSE, 2, id="theta"),
    pytest.param((F(4, 15), F(1, 5), F(1, 5)), "D1", {("Deterrence", (0, 1, F(2, 3), F(1, 4))),
                                                      ("Escalation risk", (1, 1, F(2, 3), F(1, 4)))},
                 AT_START, 2, id="tau"),
    pytest.param((F(1, 2), F(1, 6), F(1, 6)), "prior", {("Deterrence", (0, 1, 1, 0)), ("Fait accompli", (1, 0, 0, 1)),
                                                        ("Fait accompli", (1, 0, 0, F(1, 3)))},
                 AFTER_RESPONSE, 3, id="prior-fait-accompli"),
])
def test_knife_edges(priors, offpath, expected, edge, count):
    eq = solve(*priors, offpath)
    assert {(s.name, play_of(b)) for s, b in behaviours(eq)} == expected
    assert eq.count == count == len(list(behaviours(eq)))
    assert eq.knife_edge == (edge,)


def test_fait_accompli_needs_permissive_off_path_beliefs():
    priors = (F(1, 10), F(1, 5), F(1, 5))  # p_HH + p_SH = 3/10 <= theta: the prior supports the threat
    assert "Fait accompli" not in {s.name for s in solve(*priors, "D1")}
    for rule in ("prior", "free"):
        (fait,) = [s for s in solve(*priors, rule) if s.name == "Fait accompli"]
        assert play(fait)[:3] == (1, 0, 0)
        assert fait.outcomes["DC"] == 1
    assert "Fait accompli" not in {s.name for s in solve(F(1, 2), F(1, 10), F(1, 5), "prior")}  # 7/10 > theta


KINDS = ("HH", "HS", "SH", "SS")


def _response_beliefs(priors, offpath):
    """The Challenger's belief over (HH, HS, SH, SS) after a limited response nobody makes, by hand.

    It escalates iff the strategically Hard types (HH, SH) have probability at most theta = 2/3, so under free
    beliefs HS alone, HH alone and (2/3, 1/3, 0, 0) give every reply.  D1 (reference utilities; every type's
    payoff from conceding is d_DC = 4): with e the probability of escalation, responding gives HH 5 - 3e, HS
    5 - 4e, SH and SS at most 3.  SH and SS never gain; HS gains weakly iff e <= 1/4, where HH gains strictly
    (e < 1/3): only HH survives.
    """
    free = ((0, 1, 0, 0), (1, 0, 0, 0), (F(2, 3), F(1, 3), 0, 0))
    return {"free": free, "prior": (priors,), "D1": ((1, 0, 0, 0),)}[offpath]


def _beliefs(priors, x, h_hh, h_hs, offpath):
    """Every belief system to try with ``profile(x, h_hh, h_hs, e)``.  The Challenger's own initiation is no news
    (its belief after a response weighs the types by prior times response probability even if it never initiates);
    after an escalation nobody makes, counter-escalating is dominant, so the prior serves there."""
    weights = [p * r for p, r in zip(priors, (h_hh, h_hs, 0, 0), strict=True)]
    after = [tuple(w / sum(weights) for w in weights)] if sum(weights) else _response_beliefs(priors, offpath)

    def on(nodes, probabilities):
        return {f"root/{k} Defender{nodes}": F(p) for k, p in zip(KINDS, probabilities, strict=True)}

    return [{"Challenger, node 1": on("", priors), "Challenger after the Defender escalates": on("/Initiate/Escalate",
                                                                                                 priors),
             "Challenger after a limited response": on("/Initiate/Respond in kind", mu)} for mu in after]


@pytest.mark.parametrize("offpath", ["D1", "prior", "free"])
@pytest.mark.parametrize("priors", [(F(1, 2), F(1, 10), F(1, 5)), (F(1, 10), F(1, 5), F(1, 5))])
def test_brute_force_finds_only_the_listed_equilibria(priors, offpath):
    game = ONE_SIDED_MODEL.game(**dict(zip(("p_HH", "p_HS", "p_SH"), priors, strict=True)))
    priors = (*priors, 1 - sum(priors))
    found = set()
    quarters = (0, F(1, 4), F(1, 3), F(1, 2), F(3, 4), 1)
    for x, h_hh, h_hs, e in itertools.product((0, F(1, 2), 1), (0, F(1, 2), 1), quarters, quarters):
        b = profile(x, h_hh, h_hs, e)
        if any(is_pbe(game, (b, mu), offpath="free") for mu in _beliefs(priors, x, h_hh, h_hs, offpath)):
            found.add((x, h_hh, h_hs, e))
    listed = {play_of(b) for _, b in behaviours(solve(*priors[:3], offpath))}
    assert listed <= found
    # the rest lie inside the continua whose extreme members are listed (under free beliefs, Fait accompli with
    # any escalation probability e in [1/3, 1] after the limited response nobody makes)
    assert all(any(_between(p, a, b) for a in listed for b in listed) for p in found - listed), found - listed


def _between(point, a, b):
    """``point`` is a convex combination of ``a`` and ``b``."""
    lam = {(p - v) / (u - v) for p, u, v in zip(point, a, b, strict=True) if u != v}
    return all(p == u for p, u, v in zip(point, a, b, strict=True) if u == v) and len(lam) == 1 and 0 <= lam.pop() <= 1


# --- orderings and registry -----------------------------------------------------------------------

@pytest.mark.parametrize(("model", "override", "names"), [
    pytest.param(ONE_SIDED_MODEL, {"c_EE": 4}, "c_EE, c_DD", id="war-above-limited-conflict"),
    pytest.param(ONE_SIDED_MODEL, {"c_EE": 0}, "c_DE, c_EE", id="soft-challenger"),
    pytest.param(ONE_SIDED_MODEL, {"d_DD_soft": F(9, 2)}, "d_DD_soft, d_DC", id="tactically-soft-not-soft"),
    pytest.param(ONE_SIDED_MODEL, {"p_HH": F(1, 2), "p_HS": F(1, 2)}, "p_HH, p_HS, p_SH", id="priors-exceed-one"),
    pytest.param(ONE_SIDED_MODEL, {"p_HS": 0}, "p_HS", id="impossible-type"),
    pytest.param(MODEL, {"c_EE": 1}, "c_EE, c_DE", id="challenger-type-undefined"),
    pytest.param(MODEL, {"d_EE": 6}, "d_EE, d_DD", id="war-above-limited"),
    pytest.param(MODEL, {"d_DD": 4}, "d_DD, d_DC", id="defender-type-undefined"),
])
def test_orderings_are_enforced(model, override, names):
    with pytest.raises(ParameterError) as info:
        model.solve(**override)
    assert info.value.parameter == names


def test_registered():
    assert get_model("escalation-complete") is MODEL
    assert get_model("escalation-one-sided") is ONE_SIDED_MODEL
    assert "E4" in MODEL.claims
    assert "E4" in ONE_SIDED_MODEL.claims
    game = ONE_SIDED_MODEL.symbolic_game()
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
    eq = ONE_SIDED_MODEL.solve(**point)
    assert len(eq) == 1
    (s,) = eq
    assert (s.name == "Deterrence") is (respond > tau)
    assert play(s)[3] == (0 if point["p_HH"] > theta * t else F(point["d_DD_hard"] - point["d_DC"],
                                                              point["d_DD_hard"] - point["d_ED"]))
    escalation = s.outcomes["EE"] + s.outcomes["ED"]
    assert bool(escalation > 0) is (s.name != "Deterrence" and point["p_HH"] < theta * t)
    verify_pbe(ONE_SIDED_MODEL.game(**point), s, offpath="D1")


# --- sweeps ---------------------------------------------------------------------------------------

@settings(max_examples=15)   # point by point each example solves up to 18 games; raise with the vectorised path
@given(grids(models=["escalation-one-sided"]))
def test_sweep_matches_the_solver(case):
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
def test_sweep_reference_cases(p_sh, over, expected):
    ds = sweep(ONE_SIDED_MODEL, over=over, fixed={"p_SH": p_sh})
    for i, row in enumerate(expected):
        for j, (name, h, e, outcomes) in enumerate(row):
            cell = ds.isel(p_HH=i, p_HS=j)
            assert str(equilibrium_names(cell).values) == name
            assert not bool(cell.knife_edge)
            choice = {k: float(cell.action_probability.sel(choice=c)) for k, c in (
                ("h", "HS Defender, node 2: Respond in kind"), ("e", "Challenger after a limited response: Escalate"))}
            assert choice == pytest.approx({"h": float(h), "e": float(e)}, abs=1e-12)
            got = {str(k): float(cell.outcome_probability.sel(label=k)) for k in ds.label.values}
            assert got == pytest.approx({k: float(outcomes.get(k, 0)) for k in got}, abs=1e-12)
