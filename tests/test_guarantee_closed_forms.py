"""Closed forms CF1-CF10 of the guarantee game: the brief's check points, exactly, and agreement with the tree.

Expected numbers are the research brief's (GUARANTEE.md §3.3 and §4, derived
there by hand and in sympy, 74 checks); the formulas under test are derived
by the package from the model's payoff functions.  Agreement with the tree is
read off the built game's payoffs and chance probabilities at parameter
points drawn by hypothesis.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from escalation.models.guarantee import PARAMETERS, build
from escalation.models.guarantee import closed_forms as cf
from escalation.models.guarantee.parameters import coalition_prior
from escalation.solvers.beliefs import subtree_value

V = PARAMETERS.defaults()
R = sympy.Rational


def at(expr, values=V, **subs):
    expr = sympy.sympify(expr).subs({getattr(cf, k) if k in ("FORCE", "BELIEF") else sympy.Symbol(k): x
                                     for k, x in subs.items()})
    return cf.at(expr, values)


# --- the brief's check points -----------------------------------------------------------------------

def test_cf1_porcupine_thresholds():
    rev_o, rev_p, lim_o = (cf.deterrence_by_denial(*k) for k in (("Rev", "O"), ("Rev", "P"), ("Lim", "O")))
    assert (at(rev_o["D_bar"]), at(rev_o["A_star"])) == (R(21700, 9), R(1720, 9))
    assert (at(rev_p["D_bar"]), at(rev_p["A_star"])) == (R(1700, 3), R(20, 3))
    assert at(lim_o["A_star"]) == R(-440, 27)
    # the slope is negative for every defence: arms always lower the attack value
    slope = rev_o["dG_dD"]
    assert sympy.simplify(slope + PARAMETERS["kappa"].symbol * PARAMETERS["x_O"].symbol
                          * (PARAMETERS["V_Rev"].symbol * PARAMETERS["phi_O"].symbol + PARAMETERS["h"].symbol)
                          / (PARAMETERS["kappa"].symbol * cf.DEFENCE + PARAMETERS["x_O"].symbol) ** 2) == 0


@pytest.mark.parametrize(("theta", "a", "F_tie"), [("H", "P", 110), ("H", "O", -50), ("L", "P", 1110),
                                                    ("L", "O", 950)])
def test_cf2_tying_hands(theta, a, F_tie):
    assert at(cf.tie_force(theta, a)) == F_tie


@pytest.mark.parametrize(("russia", "a", "tau"), [("Rev", "P", R(21, 170)), ("Rev", "O", R(61, 210)),
                                                  ("Lim", "P", R(5, 154)), ("Lim", "O", R(13, 162))])
def test_cf3_threat_thresholds(russia, a, tau):
    assert at(cf.threat_threshold(russia, a)) == tau


def test_cf4_response_thresholds():
    assert at(cf.response_threshold("H", "O", "B"), FORCE=25) == R(17903, 25488)
    assert at(cf.response_threshold("L", "O", "B"), FORCE=25) == R(17903, 30267)
    assert at(cf.response_threshold("H", "O", "B"), FORCE=150) == R(7715, 7656)


def test_cf5_one_sided_semi_separating_play():
    low = {**V, "W_R": R(1, 2), "rho_member": R(1, 2)}
    rev, lim = cf.one_sided_response("Rev", "O", "D"), cf.one_sided_response("Lim", "O", "D")
    assert at(rev["tau"], low) == R(61, 135)
    assert at(rev["r_L"], low, BELIEF=R(1, 32)) == R(74, 1891)
    assert at(rev["t"], low, FORCE=25) == R(308657, 521265)
    assert at(lim["r_L"], low, BELIEF=R(1, 32)) == R(74, 403)
    assert at(lim["t"], low, FORCE=25) == R(308657, 521265)


@pytest.mark.parametrize(("u", "F", "approx"), [("B", 25, 0.1345), ("B", 150, 0.0842), ("D", 25, 0.1379),
                                                ("D", 150, 0.1084)])
def test_cf6_attack_value_on_a_force_known_to_be_resolved(u, F, approx):
    assert float(at(cf.attack_value_on_force("O", u), FORCE=F)) == pytest.approx(approx, abs=5e-5)


def test_cf6_no_deterring_force_at_the_defaults_and_one_in_example_g4():
    assert cf.deterrence_force(V, "O", "B") is None
    assert cf.deterrence_force(V, "O", "D") is None
    g4 = {**V, "W_R": 5, "rho_O": R(1, 10), "F_rho": 200}
    backstop = cf.deterrence_force(g4, "O", "B")
    assert 60 < backstop < 150  # so the menu's smallest deterring level is 150 (G4)
    assert at(cf.attack_value_on_force("O", "B"), g4, FORCE=backstop) == 0


def test_cf7_consent_posterior_when_consent_comes_exactly_in_the_deal_state():
    post = cf.consent_posterior({("Rev", "B"): 0, ("Lim", "B"): 0, ("Rev", "D"): 1, ("Lim", "D"): 1})
    assert at(post["P_Rev_given_consent"]) == R(1, 2)
    assert at(post["P_Deal_given_consent"]) == 1
    assert at(post["P_consent"]) == R(1, 2)
    # consent is bad news about the type iff the revisionist consents more often (G8: only Rev,D consents)
    g8 = cf.consent_posterior({("Rev", "B"): 0, ("Lim", "B"): 0, ("Rev", "D"): 1, ("Lim", "D"): 0})
    assert (at(g8["P_Rev_given_consent"]), at(g8["P_consent"])) == (1, R(1, 4))


@pytest.mark.parametrize(("n", "k", "rho", "pi"), [(5, 5, R(4, 5), R(1024, 3125)), (5, 3, R(4, 5), R(2944, 3125)),
                                                   (2, 2, R(1, 2), R(1, 4)), (5, 4, R(2, 3), R(112, 243))])
def test_cf8_disunity(n, k, rho, pi):
    assert coalition_prior(n, k, rho) == pi
    assert at(cf.thresholds()["pi_C"], {**V, "N_members": n, "k_quorum": k, "rho_member": rho}) == pi


@settings(max_examples=25)
@given(st.fractions(0, 10), st.fractions(R(1, 100), R(1, 5)), st.fractions(1, 100), st.fractions(0, R(1, 10)),
       st.integers(10, 300))
def test_cf9_a_riskier_offensive_shifts_russia_to_probes(W_R, q, N_R, h, F):
    values = {**V, "W_R": W_R, "q": q, "N_R": N_R, "h": h}
    slope = at(cf.scale_tradeoff()["d_dr_O"], values, FORCE=F)
    p_O = at(cf._m1(__import__("escalation.models.guarantee.payoffs", fromlist=["x"]).success_with_force(
        cf.S, "O", cf.FORCE, "B")), values, FORCE=F)
    # the brief: -(W_R + q N_R - h) - p_O (V + zeta V + h)
    assert slope == -(W_R + q * N_R - h) - p_O * (1 + R(1, 5) + h)
    assert slope < 0 or W_R + q * N_R < h


def test_cf10_neutrality_in_bargaining_and_its_absence_on_a_fixed_line():
    bench = cf.bargaining_benchmark()
    c_bar, c_B = sympy.Symbol("c_bar", positive=True), sympy.Symbol("c_B", positive=True)
    assert sympy.simplify(bench["z_star"] - (c_bar - c_B) / 2) == 0
    assert sympy.simplify(bench["P_war"] - (c_bar - c_B) / (2 * c_bar)) == 0
    assert bench["dP_war_dp"] == 0
    line = cf.fixed_line_attack_probability()
    slope = at(line["dP_dA"].subs({line["arms"]: 30, cf.C_BAR: R(1, 2)}))
    assert slope == R(-10 * 3 * 700 * 102, 100) / (R(1, 2) * (3 * 800 + 700) ** 2)  # -ηκwx(φV+h)/(c̄(κwD+x)²)
    assert float(slope) == pytest.approx(-0.0045, abs=5e-5)
    stage = cf.concession_stage()
    assert sympy.simplify(stage["z_star"] - (cf.GAIN - cf.C_BAR / 2 + cf.D_C / 2)) == 0
    assert sympy.simplify(stage["P_attack"] - (cf.C_BAR - cf.D_C) / (2 * cf.C_BAR)) == 0


# --- where the thresholds fall at the defaults (reported, never calibrated) -------------------------

def test_thresholds_at_the_defaults_do_not_sit_on_the_essay_s_numbers():
    essay_forces = {70, 150}  # the British Army, the essay's robust force (thousand troops)
    ties = [at(cf.tie_force(t, a)) for t in ("H", "L") for a in ("P", "O")]
    assert not essay_forces & set(ties)
    assert cf.deterrence_force(V, "O", "B") is None  # F-hat: no force in the complete-information case deters
    assert not essay_forces & {at(cf.deterrence_by_denial("Rev", a)["A_star"]) for a in ("P", "O")}


# --- agreement with the tree at drawn points ----------------------------------------------------------

POINT = st.fixed_dictionaries({
    "W_R": st.fractions(R(1, 2), 10, max_denominator=20), "A0": st.fractions(0, 3, max_denominator=20),
    "alpha": st.fractions(R(1, 2000), R(1, 100), max_denominator=2000),
    "W_H": st.fractions(R(1, 2), 3, max_denominator=20),
    "zeta": st.fractions(0, R(1, 2), max_denominator=20), "b": st.fractions(0, 2, max_denominator=10),
    "lam": st.fractions(R(1, 2), 3, max_denominator=10), "h_C": st.fractions(0, 1, max_denominator=20),
})


def _node_value(game, path, player, behaviour=None):
    return subtree_value(game, behaviour or {}, game.node(path).index, game.players.index(player))


@settings(max_examples=10, deadline=None)
@given(POINT, st.sampled_from([25, 60, 150]), st.sampled_from(["P", "O"]), st.sampled_from(["B", "D"]))
def test_closed_forms_agree_with_the_tree(change, F, a, u):
    values = {**V, **{k: sympy.Rational(x.numerator, x.denominator) for k, x in change.items()}}
    game = build(values)
    scale = {"P": "probe", "O": "offensive"}[a]
    contained = f"root/{{t}}/{{r}}/{u}/F={F}/consent/{scale}/contained"
    for t in ("H", "L"):
        threat = contained.format(t=t, r="Rev") + "/respond/R fails/threaten"
        firm = _node_value(game, f"{threat}/stand firm", "Coalition")
        withdraw = _node_value(game, f"{threat}/withdraw", "Coalition")
        tie = at(cf.tie_force(t, a), values)
        assert (firm > withdraw) == (tie < F)  # CF2
        # CF4: at T = T* the type is indifferent between responding and abandoning
        T_star = at(cf.response_threshold(t, a, u), values, FORCE=F)
        firmly = int(firm > withdraw)
        stand = {f"C:stand|{t}|{F}|{scale}|{u}": {"stand firm": firmly, "withdraw": 1 - firmly}}
        base = contained.format(t=t, r="Rev")
        respond = [_node_value(game, f"{base}/respond", "Coalition",
                               {**stand, f"R:threat|Rev|{u}|{F}|{scale}": {"threaten": x, "back down": 1 - x}})
                   for x in (Fraction(0), Fraction(1))]
        T = Fraction(str(T_star))
        abandon = _node_value(game, f"{base}/abandon", "Coalition")
        assert (1 - T) * respond[0] + T * respond[1] == abandon
    for r in ("Rev", "Lim"):
        after = contained.format(t="H", r=r) + "/respond/R fails"
        tau = Fraction(str(at(cf.threat_threshold(r, a), values)))
        war = _node_value(game, f"{after}/threaten", "Russia",
                          {f"C:stand|H|{F}|{scale}|{u}": {"stand firm": 1, "withdraw": 0}})
        yielded = _node_value(game, f"{after}/threaten", "Russia",
                              {f"C:stand|H|{F}|{scale}|{u}": {"stand firm": 0, "withdraw": 1}})
        assert tau * war + (1 - tau) * yielded == _node_value(game, f"{after}/back down", "Russia")  # CF3
    # CF6: Russia's value of attacking a force that responds and stands firm (Russia backs down), stage terms aside
    firm_coalition = {f"C:respond|H|{F}|{scale}|{u}": {"respond": 1, "abandon": 0},
                      f"R:threat|Rev|{u}|{F}|{scale}": {"threaten": 0, "back down": 1}}
    tree_value = _node_value(game, f"root/H/Rev/{u}/F={F}/consent/{scale}", "Russia", firm_coalition)
    stage = _node_value(game, f"root/H/Rev/{u}/F={F}/consent/hold", "Russia")
    assert tree_value - stage == Fraction(str(at(cf.attack_value_on_force(a, u), values, FORCE=F)))
