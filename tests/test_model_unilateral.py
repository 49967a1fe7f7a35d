"""Unilateral Deterrence Game: LITERATURE.md section 2.2 cases, thresholds from the game, brute force, statics."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pbe_results import behaviours

from escalation.errors import ParameterError, VerificationError
from escalation.games import outcome_distribution
from escalation.models import get_model
from escalation.models.unilateral import MODEL, infoset, profile
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
    assert eq.count == (2 if name == "Certain Deterrence" else 1)   # two off-path replies, see below
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
    assert {dist(s.outcomes) for s in eq} == _grid_outcomes(p_ch, p_def, offpath)
    game = MODEL.game(p_Ch=p_ch, p_Def=p_def)
    for s in eq:
        verify_pbe(game, s, offpath=offpath)


def _indifferent(player, where, first, second):
    return f"{player} is indifferent at {where!r} between {first!r} and {second!r}"


HARD_CH_1 = _indifferent("Challenger", "Hard Challenger, node 1", "Status quo", "Initiate")   # p_Def = alpha_H
SOFT_CH_1 = _indifferent("Challenger", "Soft Challenger, node 1", "Status quo", "Initiate")   # p_Def = alpha_S
SOFT_DEF_2 = _indifferent("Defender", "Soft Defender, node 2", "Concede", "Resist")           # p_Ch = beta

# At the reference utilities alpha_H = 1/2, alpha_S = 1/3, beta = 1/2.  Each knife edge is a continuum of
# equilibria; the solver lists its two extreme members (outcomes (SQ, CW, W, DW), worked out by hand):
#   alpha_H: the Hard Challenger initiates with any probability (Soft Defender concedes, q = p_Def = alpha_H);
#   alpha_S: the Soft Challenger initiates with any x_S in [0, x_S*] (q = alpha_S, the Soft Defender concedes as
#            long as r = p_Ch / (p_Ch + (1 - p_Ch) x_S) >= beta: x_S* = 1/3 at p_Ch = 1/4, x_S* = 1 at p_Ch = 3/4);
#   beta:    both Challenger types initiate (r = p_Ch = beta) and the Soft Defender resists with any y in [0, 1/9]
#            (the Soft Challenger still initiates while q = 1/4 + 3/4 y <= alpha_S).  The member y = 1/9 is the
#            limit of Bluff (x_S* = 1 at p_Ch = beta); the hand-written characterisation called it "Bluff", the
#            model's names() calls every profile in which both types initiate for sure "Attack";
#   beta under "prior": Certain Deterrence is supported by the prior belief r = p_Ch = beta, at which the Soft
#            Defender may resist with any y >= 1/6 (q = 2/5 + 3/5 y >= alpha_H): one equilibrium listed, with
#            the off-path continuations y = 1 and y = 1/6 as alternatives (three equilibria counted).
@pytest.mark.parametrize(("p_ch", "p_def", "offpath", "expected", "edge", "count"), [
    pytest.param(F(1, 2), F(1, 2), "D1", [("Certain Deterrence", (1, 0, 0, 0)),
                                          ("Separating", (F(1, 2), F(1, 4), F(1, 4), 0))], HARD_CH_1, 2,
                 id="alpha_H"),
    pytest.param(F(1, 4), F(1, 3), "D1", [("Bluff", (F(1, 2), F(1, 3), F(1, 12), F(1, 12))),
                                          ("Separating", (F(3, 4), F(1, 6), F(1, 12), 0))], SOFT_CH_1, 2,
                 id="alpha_S-bluff"),
    pytest.param(F(3, 4), F(1, 3), "D1", [("Attack", (0, F(2, 3), F(1, 4), F(1, 12))),
                                          ("Separating", (F(1, 4), F(1, 2), F(1, 4), 0))], SOFT_CH_1, 2,
                 id="alpha_S-attack"),
    pytest.param(F(1, 2), F(1, 4), "D1", [("Attack", (0, F(2, 3), F(1, 6), F(1, 6))),
                                          ("Attack", (0, F(3, 4), F(1, 8), F(1, 8)))], SOFT_DEF_2, 2, id="beta"),
    pytest.param(F(1, 2), F(2, 5), "prior", [("Certain Deterrence", (1, 0, 0, 0)),
                                             ("Separating", (F(1, 2), F(3, 10), F(1, 5), 0))], SOFT_DEF_2, 3,
                 id="beta-prior"),
])
def test_knife_edges_are_reported_with_every_extreme_equilibrium(p_ch, p_def, offpath, expected, edge, count):
    eq = solve(p_ch, p_def, offpath)
    assert sorted((s.name, dist(s.outcomes)) for s in eq) == sorted(
        (name, tuple(F(v) for v in outcome)) for name, outcome in expected)
    assert eq.knife_edge == (edge,)
    assert eq.count == count
    # every equilibrium the brute force finds lies between the extremes the solver lists
    ends = [dist(s.outcomes) for s in eq]
    for found in _grid_outcomes(p_ch, p_def, offpath):
        assert _between(found, ends), found


def test_the_bluff_limit_at_beta_is_listed_with_its_mixing():
    """At p_Ch = beta = 1/2, p_Def = 1/4 the Bluff formulas give x_S* = 1 and y_S* = (1/3 - 1/4)/(3/4) = 1/9."""
    eq = solve(F(1, 2), F(1, 4))
    assert sorted((x(s, "Soft"), y_soft(s)) for s in eq) == [(1, 0), (1, F(1, 9))]
    for s in eq:
        for de in ("Hard", "Soft"):
            assert s.beliefs[infoset(de, "Defender", 2)][f"root/Hard Challenger/{de} Defender/Initiate"] == F(1, 2)


def test_certain_deterrence_under_d1_lists_both_off_path_replies_of_the_soft_defender():
    """Case (a), p_Def = 3/5 > alpha_H = 1/2: no Challenger type can gain from initiating (q >= p_Def > alpha_H >
    alpha_S), so D1 rules out every type and says nothing; the Soft Defender may concede (r >= beta), resist
    (r <= beta) or mix (r = beta).  One equilibrium is listed, the two pure replies (the extremes of the mixed ones)
    as its alternatives."""
    eq = solve(F(1, 2), F(3, 5))
    assert len(eq) == 1
    assert eq.count == 2
    replies = sorted(str(b[infoset("Soft", "Defender", 2)]["Resist"]) for _, b in behaviours(eq))
    assert replies == ["0", "1"]
    assert all(b[infoset("Hard", "Defender", 2)]["Resist"] == 1 for _, b in behaviours(eq))


def test_off_path_mistakes_at_node_3_are_caught():
    game = MODEL.game()
    b = profile(1, 0, 0)
    b[infoset("Hard", "Challenger", 3)] = {"Back down": 1, "Fight": 0}
    (beliefs,) = _beliefs(F(1, 2), F(2, 5), 1, 0, 0, "D1")
    with pytest.raises(VerificationError, match="'Hard Challenger, node 3'"):
        verify_pbe(game, (b, beliefs), offpath="D1")


# --- brute force: every PBE on a grid is one the solver lists ----------------------------------

GRID = (0, F(1, 9), F(7, 27), F(1, 3), 1)


def _offpath_beliefs(p_ch, p_def, offpath, u=None):
    """Pr(Hard Challenger | Initiate) when nobody initiates, worked out by hand for each rule.

    A Soft Defender resists iff that belief is at most beta, so under free beliefs 0, beta and 1 cover every
    case.  D1 (off the path only at Certain Deterrence, both types getting c_SQ): with q the total probability
    of resistance, the Hard Challenger gains weakly from initiating iff q <= alpha_H, the Soft one iff
    q <= alpha_S < alpha_H, so the Soft type is ruled out (r = 1) whenever q = p_Def (a conceding Soft
    Defender) leaves the Hard one a gain, i.e. p_Def <= alpha_H; above alpha_H neither type can gain (q >= p_Def)
    and D1 leaves the belief free.
    """
    u = {**MODEL.parameters.defaults(), **(u or {})}
    beta = F(u["d_DW"] - u["d_CW"], u["d_DW"] - u["d_W_soft"])
    alpha_h = F(u["c_CW"] - u["c_SQ"], u["c_CW"] - u["c_W_hard"])
    free = (F(0), beta, F(1))
    return {"free": free, "prior": (p_ch,), "D1": (F(1),) if p_def <= alpha_h else free}[offpath]


def _beliefs(p_ch, p_def, xh, xs, ys, offpath, u=None):
    """Every belief system to try with ``profile(xh, xs, ys)``: Bayes' rule wherever it applies, typed in by hand.

    Node 1: the prior on the Defender's type.  Node 2: Pr(Hard Challenger | Initiate), or the off-path belief
    of the rule (one belief shared by both Defender types).  Node 3: the Challenger's own initiation is no
    news, so its belief weighs the Hard Defender by p_Def (it always resists) and the Soft one by (1 - p_Def) y_S.
    """
    hard, soft = p_ch * xh, (1 - p_ch) * xs
    posteriors = [hard / (hard + soft)] if hard + soft else _offpath_beliefs(p_ch, p_def, offpath, u)
    resist = (p_def, (1 - p_def) * ys)
    out = []
    for r in posteriors:
        beliefs = {}
        for ch in ("Hard", "Soft"):
            beliefs[infoset(ch, "Challenger", 1)] = {f"root/{ch} Challenger/Hard Defender": p_def,
                                                     f"root/{ch} Challenger/Soft Defender": 1 - p_def}
            beliefs[infoset(ch, "Challenger", 3)] = {
                f"root/{ch} Challenger/{de} Defender/Initiate/Resist": w / sum(resist)
                for de, w in zip(("Hard", "Soft"), resist, strict=True)}
        for de in ("Hard", "Soft"):
            beliefs[infoset(de, "Defender", 2)] = {f"root/Hard Challenger/{de} Defender/Initiate": r,
                                                   f"root/Soft Challenger/{de} Defender/Initiate": 1 - r}
        out.append(beliefs)
    return out


def _grid_outcomes(p_ch, p_def, offpath):
    """Outcome distributions of every PBE on GRID (the verifier checks sequential rationality, with "free" so that
    the off-path rule is the hand-worked one above, not the package's)."""
    game, found = MODEL.game(p_Ch=p_ch, p_Def=p_def), set()
    for xh, xs, ys in itertools.product(GRID, repeat=3):
        b = profile(xh, xs, ys)
        if any(is_pbe(game, (b, mu), offpath="free") for mu in _beliefs(p_ch, p_def, xh, xs, ys, offpath)):
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
            verify_pbe(game, s, offpath=offpath)
