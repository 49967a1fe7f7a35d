"""Unilateral Deterrence Game: LITERATURE.md section 2.2 cases, thresholds from the game, brute force, statics."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from escalation.errors import ParameterError, VerificationError
from escalation.games import outcome_distribution
from escalation.models import get_model
from escalation.models.unilateral import MODEL, infoset, profile
from escalation.solvers.beliefs import complete_beliefs
from escalation.solvers.verify_pbe import is_pbe, verify_pbe

F = Fraction
LABELS = ("SQ", "CW", "W", "DW")


def x(s, kind):
    return s.behaviour[infoset(kind, "Challenger", 1)]["Initiate"]


def y_soft(s):
    return s.behaviour[infoset("Soft", "Defender", 2)]["Resist"]


def dist(outcomes):
    return tuple(F(str(outcomes[k])) for k in LABELS)


def solve(p_ch, p_def, offpath="D1", **utilities):
    return MODEL.solve(offpath=offpath, **{"p_Ch": p_ch, "p_Def": p_def, **utilities})


# (p_Ch, p_Def) -> D1 equilibrium, x_H, x_S, y_S (None: off the path), q, P(SQ), P(CW), P(W), P(DW)
CASES = [
    pytest.param(F(1, 2), F(3, 5), "Certain Deterrence", 0, 0, None, None, (1, 0, 0, 0), id="a"),
    pytest.param(F(1, 2), F(2, 5), "Separating", 1, 0, 0, F(2, 5), (F(1, 2), F(3, 10), F(1, 5), 0), id="b"),
    pytest.param(F(3, 4), F(1, 4), "Attack", 1, 1, 0, F(1, 4), (0, F(3, 4), F(3, 16), F(1, 16)), id="c"),
    pytest.param(F(1, 4), F(1, 4), "Bluff", 1, F(1, 3), F(1, 9), F(1, 3), (F(1, 2), F(1, 3), F(1, 12), F(1, 12)),
                 id="d"),
    pytest.param(F(1, 4), F(1, 10), "Bluff", 1, F(1, 3), F(7, 27), F(1, 3), (F(1, 2), F(1, 3), F(1, 12), F(1, 12)),
                 id="e"),
    pytest.param(F(1, 4), F(2, 5), "Separating", 1, 0, 0, F(2, 5), (F(3, 4), F(3, 20), F(1, 10), 0), id="f"),
    pytest.param(F(3, 4), F(2, 5), "Separating", 1, 0, 0, F(2, 5), (F(1, 4), F(9, 20), F(3, 10), 0), id="g"),
]


@pytest.mark.parametrize(("p_ch", "p_def", "name", "x_h", "x_s", "y_s", "q", "outcomes"), CASES)
def test_reference_cases_under_d1(p_ch, p_def, name, x_h, x_s, y_s, q, outcomes):
    eq = solve(p_ch, p_def)
    assert len(eq) == 1
    assert eq.knife_edge == ()
    (s,) = eq
    assert s.name == name
    assert (x(s, "Hard"), x(s, "Soft")) == (x_h, x_s)
    if y_s is not None:
        assert y_soft(s) == y_s
        assert p_def + (1 - p_def) * y_s == q
    assert dist(s.outcomes) == tuple(F(v) for v in outcomes)
    assert s.behaviour[infoset("Hard", "Defender", 2)]["Resist"] == 1
    # the Challenger's belief at node 1 is the prior on the Defender's type
    assert s.beliefs[infoset("Hard", "Challenger", 1)]["root/Hard Challenger/Hard Defender"] == p_def


def test_bluff_beliefs_make_the_soft_defender_indifferent():
    (s,) = solve(F(1, 4), F(1, 4))
    for de in ("Hard", "Soft"):
        assert s.beliefs[infoset(de, "Defender", 2)][f"root/Hard Challenger/{de} Defender/Initiate"] == F(1, 2)


def test_thresholds_at_the_reference_utilities():
    at = {k: v.subs(MODEL.parameters.substitutions()) for k, v in MODEL.thresholds().items()}
    assert at == {"alpha_H": F(1, 2), "alpha_S": F(1, 3), "beta": F(1, 2)}


# --- closed forms re-derived from the game's own payoffs ---------------------------------------

def _payoff(game, path, player):
    return game.node("root/" + path).payoffs[player]


def test_thresholds_rederived_from_the_game():
    game, q, r = MODEL.symbolic_game(), sympy.Symbol("q"), sympy.Symbol("r")
    hard_ch = "Hard Challenger/Hard Defender"
    sq, cw = _payoff(game, f"{hard_ch}/Status quo", 0), _payoff(game, f"{hard_ch}/Initiate/Concede", 0)
    w_hard = _payoff(game, f"{hard_ch}/Initiate/Resist/Fight", 0)
    dw = _payoff(game, "Soft Challenger/Hard Defender/Initiate/Resist/Back down", 0)
    (alpha_h,) = sympy.solve((1 - q) * cw + q * w_hard - sq, q)
    (alpha_s,) = sympy.solve((1 - q) * cw + q * dw - sq, q)
    d_w = _payoff(game, "Hard Challenger/Soft Defender/Initiate/Resist/Fight", 1)
    d_dw = _payoff(game, "Soft Challenger/Soft Defender/Initiate/Resist/Back down", 1)
    d_cw = _payoff(game, "Soft Challenger/Soft Defender/Initiate/Concede", 1)
    (beta,) = sympy.solve(r * d_w + (1 - r) * d_dw - d_cw, r)
    closed = MODEL.thresholds()
    for derived, name in ((alpha_h, "alpha_H"), (alpha_s, "alpha_S"), (beta, "beta")):
        assert sympy.simplify(derived - closed[name]) == 0


@pytest.mark.parametrize(("p_ch", "p_def"), [(F(1, 4), F(1, 4)), (F(1, 4), F(1, 10)), (F(1, 5), F(1, 5))])
def test_bluff_mixing_rederived_from_bayes_rule_and_indifference(p_ch, p_def):
    game, xs, ys = MODEL.game(p_Ch=p_ch, p_Def=p_def), sympy.Symbol("x"), sympy.Symbol("y")
    sq = _payoff(game, "Soft Challenger/Soft Defender/Status quo", 0)
    cw = _payoff(game, "Soft Challenger/Soft Defender/Initiate/Concede", 0)
    dw = _payoff(game, "Soft Challenger/Soft Defender/Initiate/Resist/Back down", 0)
    d_w = _payoff(game, "Hard Challenger/Soft Defender/Initiate/Resist/Fight", 1)
    d_dw = _payoff(game, "Soft Challenger/Soft Defender/Initiate/Resist/Back down", 1)
    d_cw = _payoff(game, "Soft Challenger/Soft Defender/Initiate/Concede", 1)
    r = p_ch / (p_ch + (1 - p_ch) * xs)  # posterior that the initiator is Hard
    (x_soft,) = sympy.solve(r * d_w + (1 - r) * d_dw - d_cw, xs)  # Soft Defender indifferent
    q = p_def + (1 - p_def) * ys
    (y,) = sympy.solve((1 - q) * cw + q * dw - sq, ys)  # Soft Challenger indifferent
    (s,) = solve(p_ch, p_def)
    assert s.name == "Bluff"
    assert (x(s, "Soft"), y_soft(s)) == (x_soft, y)


# --- off-path rules and knife edges ------------------------------------------------------------

@pytest.mark.parametrize(("p_ch", "p_def", "offpath", "names"), [
    pytest.param(F(1, 2), F(2, 5), "prior", {"Certain Deterrence", "Separating"}, id="prior-b"),  # p_Ch <= beta
    pytest.param(F(3, 4), F(1, 4), "prior", {"Attack"}, id="prior-c"),  # p_Ch > beta: no deterrence
    pytest.param(F(1, 4), F(1, 4), "prior", {"Certain Deterrence", "Bluff"}, id="prior-d"),
    pytest.param(F(3, 4), F(2, 5), "prior", {"Separating"}, id="prior-g"),
    pytest.param(F(3, 4), F(1, 4), "free", {"Certain Deterrence", "Attack"}, id="free-c"),
    pytest.param(F(3, 4), F(2, 5), "free", {"Certain Deterrence", "Separating"}, id="free-g"),
])
def test_offpath_rules(p_ch, p_def, offpath, names):
    eq = solve(p_ch, p_def, offpath)
    assert {s.name for s in eq} == names
    game = MODEL.game(p_Ch=p_ch, p_Def=p_def)
    for s in eq:
        verify_pbe(game, s, offpath)


@pytest.mark.parametrize(("p_ch", "p_def", "offpath", "names", "edge"), [
    pytest.param(F(1, 2), F(1, 2), "D1", {"Certain Deterrence", "Separating"}, "p_Def = alpha_H", id="alpha_H"),
    pytest.param(F(1, 4), F(1, 3), "D1", {"Separating", "Bluff"}, "p_Def = alpha_S", id="alpha_S-bluff"),
    pytest.param(F(3, 4), F(1, 3), "D1", {"Separating", "Attack"}, "p_Def = alpha_S", id="alpha_S-attack"),
    pytest.param(F(1, 2), F(1, 4), "D1", {"Attack", "Bluff"}, "p_Ch = beta", id="beta"),
    pytest.param(F(1, 2), F(2, 5), "prior", {"Certain Deterrence", "Separating"}, "p_Ch = beta", id="beta-prior"),
])
def test_knife_edges_are_reported_with_every_extreme_equilibrium(p_ch, p_def, offpath, names, edge):
    eq = solve(p_ch, p_def, offpath)
    assert {s.name for s in eq} == names
    assert any(edge in note for note in eq.knife_edge)
    # every equilibrium the brute force finds lies between the extremes the solver lists
    ends = [dist(s.outcomes) for s in eq]
    for found in _grid_outcomes(p_ch, p_def, offpath):
        assert _between(found, ends), found


def test_off_path_mistakes_at_node_3_are_caught():
    game = MODEL.game()
    b = profile(1, 0, 0)
    b[infoset("Hard", "Challenger", 3)] = {"Back down": 1, "Fight": 0}
    with pytest.raises(VerificationError, match="'Hard Challenger, node 3'"):
        verify_pbe(game, (b, complete_beliefs(game, b)), "D1")


# --- brute force: every PBE on a grid is one the solver lists ----------------------------------

GRID = (0, F(1, 9), F(7, 27), F(1, 3), 1)


def _grid_outcomes(p_ch, p_def, offpath):
    game, found = MODEL.game(p_Ch=p_ch, p_Def=p_def), set()
    for xh, xs, ys in itertools.product(GRID, repeat=3):
        b = profile(xh, xs, ys)
        if is_pbe(game, (b, complete_beliefs(game, b, offpath)), offpath):
            found.add(dist(outcome_distribution(game, b)))
    return found


def _between(point, ends):
    if point in ends:
        return True
    if len(ends) != 2:
        return False
    a, b = ends
    lam = {(p - v) / (u - v) for p, u, v in zip(point, a, b, strict=True) if u != v}
    same = all(p == u for p, u, v in zip(point, a, b, strict=True) if u == v)
    return same and len(lam) == 1 and 0 <= lam.pop() <= 1


@pytest.mark.parametrize(("p_ch", "p_def"), [(c.values[0], c.values[1]) for c in CASES])
def test_brute_force_finds_no_other_equilibrium_under_d1(p_ch, p_def):
    assert _grid_outcomes(p_ch, p_def, "D1") == {dist(s.outcomes) for s in solve(p_ch, p_def)}


# --- orderings and registry ---------------------------------------------------------------------

@pytest.mark.parametrize(("override", "names"), [
    pytest.param({"c_W_hard": 3}, "c_W_hard, c_SQ", id="hard-war-above-status-quo"),
    pytest.param({"c_DW": -5}, "c_W_soft, c_DW", id="soft-prefers-war"),
    pytest.param({"d_W_hard": -1}, "d_CW, d_W_hard", id="hard-defender-not-hard"),
    pytest.param({"p_Def": 1}, "p_Def", id="certain-defender"),
])
def test_orderings_are_enforced(override, names):
    with pytest.raises(ParameterError) as info:
        MODEL.solve(**override)
    assert info.value.parameter == names


def test_registered_and_documented():
    assert get_model("unilateral") is MODEL
    assert set(MODEL.claims) >= {"E1", "E3"}
    assert all(p.description and p.source for p in MODEL.parameters.values())
    game = MODEL.symbolic_game()
    assert {str(s) for s in game.free_symbols} == set(MODEL.parameters)
    assert game.infosets[infoset("Soft", "Defender", 2)].nodes == (
        game.node("root/Hard Challenger/Soft Defender/Initiate").index,
        game.node("root/Soft Challenger/Soft Defender/Initiate").index)


# --- comparative statics (hypothesis) -----------------------------------------------------------

@st.composite
def utilities(draw):
    c = sorted(draw(st.lists(st.integers(-12, 12), min_size=5, max_size=5, unique=True)))
    d = sorted(draw(st.lists(st.integers(-12, 12), min_size=4, max_size=4, unique=True)))
    return {"c_W_soft": c[0], "c_DW": c[1], "c_W_hard": c[2], "c_SQ": c[3], "c_CW": c[4],
            "d_W_soft": d[0], "d_CW": d[1], "d_W_hard": d[2], "d_DW": d[3], "d_SQ": draw(st.integers(-12, 12))}


def probability():
    return st.fractions(0, 1, max_denominator=40).filter(lambda p: 0 < p < 1)


def thresholds(u):
    a_h = F(u["c_CW"] - u["c_SQ"], u["c_CW"] - u["c_W_hard"])
    a_s = F(u["c_CW"] - u["c_SQ"], u["c_CW"] - u["c_DW"])
    beta = F(u["d_DW"] - u["d_CW"], u["d_DW"] - u["d_W_soft"])
    return a_h, a_s, beta


def war(p_ch, p_def, u):
    (s,) = solve(p_ch, p_def, **u)
    return F(str(s.outcomes["W"]))


@settings(max_examples=30)
@given(utilities(), probability(), probability(), probability())
def test_war_probability_rises_with_credibility_then_collapses(u, p_ch, p1, p2):
    a_h, a_s, beta = thresholds(u)
    assume(p_ch != beta and len({p1, p2, a_h, a_s}) == 4)
    lo, hi = sorted((p1, p2))
    if hi < a_h:
        assert war(p_ch, lo, u) <= war(p_ch, hi, u)
        expected = p_ch * (max(hi, a_s) if p_ch < beta else hi)  # LITERATURE.md 2.2, comparative static 1
        assert war(p_ch, hi, u) == expected
    else:
        assert war(p_ch, hi, u) == 0


@settings(max_examples=30)
@given(utilities(), probability(), probability(), probability())
def test_outcome_does_not_depend_on_credibility_inside_the_bluff_region(u, v, w1, w2):
    _, a_s, beta = thresholds(u)
    p_ch, p1, p2 = v * beta, w1 * a_s, w2 * a_s  # p_Ch < beta and both credibilities below alpha_S
    (s1,), (s2,) = solve(p_ch, p1, **u), solve(p_ch, p2, **u)
    assert s1.name == s2.name == "Bluff"
    assert dist(s1.outcomes) == dist(s2.outcomes)
    assert s1.outcomes["SQ"] == 1 - p_ch / beta


@settings(max_examples=30)
@given(utilities(), probability(), probability())
def test_certain_deterrence_unique_under_d1_iff_above_alpha_h_and_always_possible_when_free(u, p_ch, p_def):
    a_h, a_s, beta = thresholds(u)
    assume(p_def not in (a_h, a_s) and p_ch != beta)
    game = MODEL.game(p_Ch=p_ch, p_Def=p_def, **u)
    for offpath in ("D1", "prior", "free"):
        eq = solve(p_ch, p_def, offpath, **u)
        names = [s.name for s in eq]
        if offpath == "D1":
            assert len(eq) == 1
            assert (names == ["Certain Deterrence"]) is (p_def > a_h)
        if offpath == "free":
            assert "Certain Deterrence" in names
        for s in eq:
            verify_pbe(game, s, offpath)
