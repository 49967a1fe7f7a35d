"""Three audiences: LITERATURE.md section 4.2 toy cases, exact PBE verification, cheap talk, the UDG plug-in."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st
from sweep_checks import assert_sweep_matches_solver, grids

from escalation.errors import ParameterError, VerificationError
from escalation.models import get_model
from escalation.models.audiences import (
    CHALLENGER,
    MODEL,
    becomes_hard,
    committed_credibility,
    infoset,
)
from escalation.solvers.verify_pbe import is_pbe, verify_pbe

F = Fraction


def names(**values):
    return sorted(s.name for s in MODEL.solve(**values))


def commits(solution, kind):
    return solution.behaviour[infoset(kind)]["Commit"]


# Sinking costs (a = 0, no determined challengers): separating iff v_L <= m <= c_D; v_L = 1/2, c_D = 1, v_H = 2.
@pytest.mark.parametrize(("m", "separating"), [
    pytest.param("1/4", False, id="too-cheap-Low-mimics"),
    pytest.param("1/2", True, id="least-cost-m=v_L"),
    pytest.param("3/4", True, id="inside"),
    pytest.param("1", True, id="m=c_D"),
    pytest.param("3/2", False, id="too-dear-High-abstains"),
])
def test_sinking_costs_separate_iff_v_L_le_m_le_c_D(m, separating):
    found = MODEL.solve(offpath="free", **{"a": 0, "m": m, "theta_C": 0})
    assert ("Separating" in [s.name for s in found]) is separating


# Tying hands with a = 1 >= c_D - v_L: Low commits iff v_L - theta_C c_D >= 0.
@pytest.mark.parametrize(("theta", "expected", "low_commits"), [
    pytest.param("1/4", ["Pooling on commitment"], 1, id="theta=1/4-all-commit"),
    pytest.param("3/4", ["Separating"], 0, id="theta=3/4-only-High"),
])
def test_tying_hands_cases(theta, expected, low_commits):
    found = MODEL.solve(a=1, m=0, theta_C=theta)
    assert [s.name for s in found] == expected
    (eq,) = found
    assert (commits(eq, "High"), commits(eq, "Low")) == (1, low_commits)
    assert eq.behaviour[infoset(CHALLENGER, "Commit")]["Back off"] == 1
    assert eq.behaviour[infoset("Low", "Commit")]["Fight"] == 1  # hands tied: Low fights once committed


@given(theta=st.fractions(0, F(9, 10), max_denominator=20).filter(lambda t: t > 0))
def test_low_ties_hands_iff_its_value_covers_the_expected_fight(theta):
    found = MODEL.solve(a=1, m=0, theta_C=theta)
    low_commits = {commits(s, "Low") for s in found}
    if F(1, 2) - theta * 1 > 0:
        assert low_commits == {1}
    elif F(1, 2) - theta < 0:
        assert low_commits == {0}


def test_without_determined_challengers_signals_are_free_when_nobody_challenges():
    """theta_C = 0, a = 1, m = 0 (worked by hand).  A committed Low fights (a >= c_D - v_L), so no ordinary
    challenger challenges a commitment; if it backs off silence too, every Defender type gets its value whatever it
    signals.  With High committing with probability h and Low with c, silence is backed off iff
    Pr(High | silence) >= b_C/(b_C + w_C) = 1/2, i.e. (1/3)(1 - h) >= (2/3)(1 - c): a polygon of equilibria with
    vertices (h, c) = (1, 1) (pooling on commitment, silence off the path), (0, 1) (reverse separating) and
    (0, 1/2) (Low mixes), all ending in the status quo.  Pooling on commitment has two off-path replies to silence
    (no type can gain strictly from silence, so D1 leaves the belief free): back off or challenge."""
    found = MODEL.solve(a=1, m=0, theta_C=0)
    assert sorted((commits(s, "High"), commits(s, "Low")) for s in found) == [(0, F(1, 2)), (0, 1), (1, 1)]
    assert sorted(s.name for s in found) == ["Defender: semi-separating ('Low Defender' mixes)",
                                             "Pooling on commitment", "Reverse separating"]
    assert all(s.outcomes["Status quo"] == 1 for s in found)
    assert found.count == 4
    assert set(found.knife_edge) == {"Defender is indifferent at 'High Defender' between 'Commit' and 'Stay quiet'",
                                     "Defender is indifferent at 'Low Defender' between 'Commit' and 'Stay quiet'"}


def test_every_returned_equilibrium_passes_the_exact_verifier():
    for values in ({}, {"theta_C": "3/4"}, {"a": 0, "m": "1/4", "theta_C": 0}, {"a": "1/4"}, {"a": 0, "m": 0}):
        point = MODEL.values(**values)
        game = MODEL.build(point)
        for rule in ("D1", "prior", "free"):
            for eq in MODEL.solve(offpath=rule, **point):
                verify_pbe(game, eq)  # raises VerificationError on a profitable deviation or a Bayes violation


def test_semi_separating_when_the_sunk_cost_is_too_small():
    """m = 1/4 < v_L: Low mixes so the Challenger is indifferent (posterior 1/2) and Low is (rho v_L = m)."""
    (eq,) = MODEL.solve(a=0, m="1/4", theta_C=0)
    assert eq.name == "Semi-separating"
    assert eq.behaviour[infoset("Low")]["Commit"] == sympy.Rational(1, 2)
    assert eq.behaviour[infoset(CHALLENGER, "Commit")]["Back off"] == sympy.Rational(1, 2)


def _separating_assessment(game, a=0, m=0):
    """High commits, Low stays quiet; the Challenger backs off a commitment and challenges silence."""
    behaviour = {infoset("High"): {"Commit": 1, "Stay quiet": 0}, infoset("Low"): {"Commit": 0, "Stay quiet": 1},
                 infoset(CHALLENGER, "Commit"): {"Back off": 1, "Challenge": 0},
                 infoset(CHALLENGER, "Stay quiet"): {"Back off": 0, "Challenge": 1}}
    for kind, value in (("High", 2), ("Low", F(1, 2))):
        for signal, concede in (("Commit", -a), ("Stay quiet", 0)):
            fight = value - 1 > concede
            behaviour[infoset(kind, signal)] = {"Concede": int(not fight), "Fight": int(fight)}
    return behaviour


def _bayes_beliefs(behaviour, prior, theta):
    """Bayes' rule at every information set with several nodes, typed in by hand (every set on the path).

    The ordinary Challenger after signal s weighs the Defender's types by prior times the probability of s; a
    challenged Defender (theta > 0) weighs a determined challenger by theta and an ordinary one by (1 - theta)
    times its probability of challenging (the Defender's own signal is no news to it).
    """
    beliefs = {}
    for signal in ("Commit", "Stay quiet"):
        weights = {kind: p * behaviour[infoset(kind)][signal] for kind, p in (("High", prior), ("Low", 1 - prior))}
        total = sum(weights.values())
        beliefs[infoset(CHALLENGER, signal)] = {f"root/{kind} Defender/{signal}" + ("/Ordinary" if theta else ""):
                                                w / total for kind, w in weights.items()}
        if theta:
            challenge = (1 - theta) * behaviour[infoset(CHALLENGER, signal)]["Challenge"]
            for kind in ("High", "Low"):
                beliefs[infoset(kind, signal)] = {
                    f"root/{kind} Defender/{signal}/Determined": theta / (theta + challenge),
                    f"root/{kind} Defender/{signal}/Ordinary/Challenge": challenge / (theta + challenge)}
    return beliefs


def _separating_beliefs(game, behaviour, theta, prior="1/3"):
    """Bayes' rule everywhere (every set is on the separating path); a commitment comes from High, silence from Low."""
    beliefs = _bayes_beliefs(behaviour, F(prior), F(theta))
    where = "" if theta == 0 else "/Ordinary"
    for signal, sender in (("Commit", "High"), ("Stay quiet", "Low")):
        assert beliefs[infoset(CHALLENGER, signal)][f"root/{sender} Defender/{signal}{where}"] == 1
    return beliefs


@given(prior=st.fractions(F(1, 20), F(19, 20), max_denominator=20), theta=st.fractions(0, F(9, 10), max_denominator=10))
def test_cheap_talk_has_no_separating_equilibrium(prior, theta):
    point = MODEL.values(a=0, m=0, prior_high=prior, theta_C=theta)
    game = MODEL.build(point)
    behaviour = _separating_assessment(game)
    assessment = (behaviour, _separating_beliefs(game, behaviour, theta, prior))
    assert not is_pbe(game, assessment)
    with pytest.raises(VerificationError, match="'Low Defender'"):  # Low gains by copying High's message
        verify_pbe(game, assessment)
    assert all(commits(s, "High") == commits(s, "Low") for s in MODEL.solve(a=0, m=0, prior_high=prior,
                                                                           theta_C=theta) if s.is_pure)


def test_costly_commitment_makes_the_same_assessment_an_equilibrium():
    game = MODEL.build(MODEL.values(a=0, m="3/4", theta_C=0))
    behaviour = _separating_assessment(game)
    behaviour[infoset("High", "Commit")] = {"Concede": 0, "Fight": 1}
    assert is_pbe(game, (behaviour, _separating_beliefs(game, behaviour, 0)))


def test_audience_cost_threshold_c_D_minus_v_L():
    s = MODEL.parameters.symbols
    threshold = MODEL.thresholds()["audience_cost_resolves_low"]
    assert threshold.subs({s["c_D"]: 1, s["v_L"]: sympy.Rational(1, 2)}) == sympy.Rational(1, 2)
    for a, fights in (("1/4", 0), ("3/4", 1)):
        for eq in MODEL.solve(a=a):
            assert eq.behaviour[infoset("Low", "Commit")]["Fight"] == fights
    assert ("Defender is indifferent at 'Low Defender challenged after Commit' between 'Concede' and 'Fight'"
            in MODEL.solve(a="1/2").knife_edge)   # a = c_D - v_L


def _silent_pooling_with_a_challenged_commitment():
    """Both types stay quiet; the ordinary Challenger challenges silence and a commitment, believing a commitment
    comes from Low; a committed Low concedes, High fights (a = 1/2, the other parameters at their defaults)."""
    behaviour = {infoset("High"): {"Commit": 0, "Stay quiet": 1}, infoset("Low"): {"Commit": 0, "Stay quiet": 1},
                 infoset(CHALLENGER, "Commit"): {"Back off": 0, "Challenge": 1},
                 infoset(CHALLENGER, "Stay quiet"): {"Back off": 0, "Challenge": 1},
                 infoset("Low", "Commit"): {"Concede": 1, "Fight": 0},
                 infoset("Low", "Stay quiet"): {"Concede": 1, "Fight": 0},
                 infoset("High", "Commit"): {"Concede": 0, "Fight": 1},
                 infoset("High", "Stay quiet"): {"Concede": 0, "Fight": 1}}
    # signal probabilities set to 1 here only so that both Challenger sets weigh the types by the prior
    beliefs = _bayes_beliefs({**behaviour, infoset("High"): {"Commit": 1, "Stay quiet": 1},
                              infoset("Low"): {"Commit": 1, "Stay quiet": 1}}, F(1, 3), F(1, 4))
    beliefs[infoset(CHALLENGER, "Commit")] = {"root/High Defender/Commit/Ordinary": 0,
                                              "root/Low Defender/Commit/Ordinary": 1}
    return behaviour, beliefs


def test_d1_rules_out_silent_pooling_when_a_committed_low_is_indifferent():
    """a = c_D - v_L = 1/2 (defaults otherwise: prior 1/3, theta_C = 1/4, v_H = 2, v_L = 1/2, c_D = 1, m = 0,
    b_C = w_C = 1), worked by hand.  In pooling on silence both types are challenged for sure: High fights and gets
    v_H - c_D = 1, Low concedes and gets 0.  After a commitment, with q the ordinary Challenger's probability of
    challenging and c = 1/4 + 3/4 q the probability of a challenge, High gets 2 - c (it fights) and a committed Low
    gets 1/2 - c (fighting and conceding both give -1/2).  Low gains weakly iff q <= 1/3; High gains strictly iff
    q < 1, so for every reply under which Low gains, High gains strictly: D1 rules Low out.  A commitment is then
    read as High's, the ordinary Challenger backs off (challenging gives -w_C), and High gains 7/4 > 1 by
    committing: pooling on silence is not a D1 equilibrium.  It does pass the intuitive criterion (q = 1, a reply
    to the belief "Low", leaves High no gain).
    """
    game = MODEL.build(MODEL.values(a="1/2"))
    assessment = _silent_pooling_with_a_challenged_commitment()
    assert is_pbe(game, assessment, offpath="free")
    assert is_pbe(game, assessment, offpath="intuitive")
    assert "Pooling on silence" in [s.name for s in MODEL.solve(offpath="intuitive", a="1/2")]
    assert not is_pbe(game, assessment, offpath="D1")
    assert "Pooling on silence" not in [s.name for s in MODEL.solve(a="1/2")]


# -- the plug-in for the Unilateral Deterrence Game --------------------------------------------------
def test_soft_defender_turns_hard_iff_a_exceeds_d_CW_minus_d_W():
    udg = get_model("unilateral").values()
    threshold = udg["d_CW"] - udg["d_W_soft"]  # 0 - (-3) = 3
    assert threshold == 3
    assert not becomes_hard(threshold, udg["d_CW"], udg["d_W_soft"])
    assert becomes_hard(threshold + sympy.Rational(1, 10), udg["d_CW"], udg["d_W_soft"])


@pytest.mark.parametrize(("a", "credibility", "name"), [
    pytest.param(0, "1/4", "Bluff", id="no-commitment"),
    pytest.param("1/2", "3/8", "Separating", id="small-audience-cost"),
    pytest.param("3/2", "5/8", "Certain Deterrence", id="beyond-alpha_H"),
])
def test_public_commitment_moves_the_udg_defender_into_deterrence(a, credibility, name):
    """d_W uniform on [-3, 1]: p_Def(a) = (1 + a)/4; with alpha_H = 1/2 deterrence needs a > 1."""
    udg = get_model("unilateral")
    p_def = committed_credibility(a, 0, -3, 1)
    assert p_def == sympy.Rational(credibility)
    alpha_h = udg.thresholds()["alpha_H"].subs({udg.parameters[k].symbol: v for k, v in udg.values().items()})
    assert alpha_h == sympy.Rational(1, 2)
    assert [s.name for s in udg.solve(p_Ch="1/4", p_Def=p_def)] == [name]


@given(a=st.fractions(0, 4, max_denominator=10), more=st.fractions(0, 2, max_denominator=10))
def test_credibility_rises_with_the_audience_cost(a, more):
    assert committed_credibility(a + more, 0, -3, 1) >= committed_credibility(a, 0, -3, 1)


# -- registration and bad input -------------------------------------------------------------------------
def test_registered_with_claims_and_sources():
    assert get_model("audiences") is MODEL
    assert MODEL.claims == ("E7",)
    assert any("Fearon (1997)" in s for s in MODEL.sources)
    assert any("Schultz" in s for s in MODEL.sources)


@pytest.mark.parametrize(("settings", "parameter"), [
    ({"v_L": "3/2"}, "v_L, c_D"),
    ({"prior_high": 0}, "prior_high"),
    ({"theta_C": 1}, "theta_C"),
    ({"a": -1}, "a"),
])
def test_bad_parameters_are_named(settings, parameter):
    with pytest.raises(ParameterError) as err:
        MODEL.solve(**settings)
    assert err.value.parameter == parameter


def test_bad_plug_in_arguments_are_named():
    with pytest.raises(ParameterError, match="'a'"):
        committed_credibility(-1, 0, -3, 1)
    with pytest.raises(ParameterError, match="'low, high'"):
        committed_credibility(1, 0, 1, -3)


# Closed-form sweep of the tying-hands cases (LITERATURE.md section 4.2: v_L = 1/2, c_D = 1, a = 1 >= c_D - v_L,
# m = 0; prior 1/3, v_H = 2, b_C = w_C = 1).  By hand: at theta_C = 1/4 both types commit, only determined
# challengers fight: P(War) = 1/4, Defender 1/3 (2 - 1/4) + 2/3 (1/2 - 1/4) = 3/4, Challenger -1/4.  At 3/4 only
# High commits and Low concedes to every challenger: P(War) = 1/3 * 3/4, P(Status quo) = 1/3 * 1/4,
# P(Concession) = 2/3, Defender 1/3 (2 - 3/4) = 5/12, Challenger -1/4 + 2/3 = 5/12.
def test_sweep_of_the_tying_hands_cases():
    from escalation.analysis import sweep
    from escalation.analysis.sweep import equilibrium_names

    ds = sweep(MODEL, over={"theta_C": [0.25, 0.75]}, fixed={"a": 1, "m": 0})
    assert equilibrium_names(ds).values.tolist() == ["Pooling on commitment", "Separating"]
    assert ds.knife_edge.values.tolist() == [False, False]
    assert ds.equilibria.values.tolist() == [1, 1]
    expected = [({"War": 0.25, "Status quo": 0.75, "Concession": 0.0}, (0.75, -0.25), 1.0),
                ({"War": 0.25, "Status quo": 1 / 12, "Concession": 2 / 3}, (5 / 12, 5 / 12), 0.0)]
    for k, (outcomes, payoffs, low_commits) in enumerate(expected):
        cell = ds.isel(theta_C=k)
        for label, p in outcomes.items():
            assert float(cell.outcome_probability.sel(label=label)) == pytest.approx(p)
        assert [float(cell.payoff.sel(player=p)) for p in ("Defender", "Challenger")] == pytest.approx(payoffs)
        assert float(cell.action_probability.sel(choice="Low Defender: Commit")) == low_commits
        assert float(cell.action_probability.sel(choice="Low Defender challenged after Commit: Fight")) == 1
        assert float(cell.action_probability.sel(choice="Challenger after Stay quiet: Challenge")) == 1


def test_sweep_counts_the_second_pooling_equilibrium():
    """Silence deters once prior_high > b_C/(b_C + w_C) = 1/2 (worked by hand at prior_high = 3/4, a = 1).  Then
    pooling on silence exists besides pooling on commitment: nobody is challenged after silence, so High gets
    (1 - theta_C) v_H + theta_C (v_H - c_D) = 7/4 whatever it signals, and may commit with any probability h that
    keeps Pr(High | silence) = 3(1 - h)/(3(1 - h) + 1) >= 1/2, i.e. h <= 2/3.  The hand-written version listed
    the end h = 0 only; the generic solver also lists the other end, High committing with probability 2/3
    (semi-separating), and reports High's indifference as a tie: three equilibria, a knife edge."""
    from escalation.analysis import sweep

    ds = sweep(MODEL, over={"prior_high": [0.25, 0.75]})
    assert ds.equilibria.values.tolist() == [1, 3]
    assert ds.knife_edge.values.tolist() == [False, True]
    found = MODEL.solve(prior_high="3/4")
    assert sorted((s.name, commits(s, "High"), commits(s, "Low")) for s in found) == [
        ("Defender: semi-separating ('High Defender' mixes)", F(2, 3), 0), ("Pooling on commitment", 1, 1),
        ("Pooling on silence", 0, 0)]


@given(grids(models=["audiences"]))
def test_sweep_equals_the_exact_solver_at_every_point(case):
    assert_sweep_matches_solver(*case)
