"""The tripwire model: tree, parameters, named regions against numeric backward induction, thresholds."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from escalation.errors import ParameterError
from escalation.models import get_model
from escalation.models.tripwire import (
    OUTCOMES,
    REFERENCE_FORCES,
    TRIPWIRE_PARAMETERS,
    build,
    contest_probability,
    region_at,
    regions_latex,
    solve_tripwire,
    tripwire_regions,
    tripwire_thresholds,
)
from escalation.models.tripwire.parameters import CONTEST
from escalation.models.tripwire.regions import ABANDON, BACK_DOWN, DETER, NUCLEAR, condition_in_parameters
from escalation.solvers.backward_induction import subgame_perfect
from escalation.symbolic import KnifeEdgeError

F_ = Fraction
MODEL = get_model("tripwire")
SYMBOLIC = MODEL.symbolic_game()
THRESHOLDS = tripwire_thresholds()


def played(solution) -> dict[str, str]:
    """The pure action at every information set of ``solution``."""
    return {h: next(a for a, p in acts.items() if p == 1) for h, acts in solution.behaviour.items()}


def point(**overrides) -> dict:
    return TRIPWIRE_PARAMETERS.validate(overrides)


# --- the tree: every stage is a real move ----------------------------------------------------------

@pytest.mark.parametrize(("path", "mover", "actions"), [
    pytest.param("root", "Russia", ("Consent", "Refuse"), id="E2 consent"),
    pytest.param("root/Consent", "Russia", ("Hold", "Test"), id="E3 test"),
    pytest.param("root/Consent/Test", "Coalition", ("Respond", "Abandon"), id="E4 dilemma"),
    pytest.param("root/Consent/Test/Respond/Attack defeated", "Russia", ("Back down", "Nuclear threat"), id="rung"),
    pytest.param("root/Consent/Test/Respond/Attack defeated/Nuclear threat", "Coalition",
                 ("Stand firm", "Withdraw"), id="firm"),
])
def test_each_stage_is_a_decision_of_the_right_player(path, mover, actions):
    game = MODEL.game()
    node = game.node(path)
    assert node.kind == "decision"
    assert game.players[node.player] == mover
    assert node.actions == actions
    assert game.is_perfect_information


@pytest.mark.parametrize(("path", "label"), [
    ("root/Refuse", "no deployment"),
    ("root/Consent/Hold", "deterrence holds"),
    ("root/Consent/Test/Abandon", "Ukraine abandoned"),
    ("root/Consent/Test/Respond/Attack succeeds", "force overrun"),
    ("root/Consent/Test/Respond/Attack defeated/Back down", "Russia backs down"),
    ("root/Consent/Test/Respond/Attack defeated/Nuclear threat/Stand firm", "NATO-Russia war"),
    ("root/Consent/Test/Respond/Attack defeated/Nuclear threat/Withdraw", "coalition withdraws under nuclear threat"),
])
def test_terminal_outcomes_carry_political_labels(path, label):
    assert MODEL.game().node(path).outcome == label
    assert label in OUTCOMES


def test_the_battle_is_a_chance_move_with_the_contest_probability():
    battle = MODEL.game(F=150).node("root/Consent/Test/Respond")
    assert battle.kind == "chance"
    assert battle.actions == ("Attack defeated", "Attack succeeds")
    assert battle.probabilities == (sympy.Rational(9, 13), sympy.Rational(4, 13))


def test_symbolic_payoffs_are_expressions_of_the_named_parameters():
    names = {s.name for s in SYMBOLIC.free_symbols}
    assert names == set(TRIPWIRE_PARAMETERS)
    war = SYMBOLIC.node("root/Consent/Test/Respond/Attack defeated/Nuclear threat/Stand firm")
    S = TRIPWIRE_PARAMETERS.symbols
    assert sympy.expand(war.payoffs[1] - (-S["W_C"] - S["q"] * S["N"])) == 0


# --- parameters and the contest function -----------------------------------------------------------

def test_every_parameter_has_unit_description_and_source():
    for p in TRIPWIRE_PARAMETERS.values():
        assert p.unit, p.name
        assert p.description, p.name
        assert p.source, p.name


def test_force_size_carries_the_essays_reference_marks():
    assert REFERENCE_FORCES == {"robust force (essay E1)": 150, "British Army (essay E1)": 70}
    force = TRIPWIRE_PARAMETERS["F"]
    assert force.unit == "thousand troops"
    assert "150" in force.description
    assert "70" in force.description


@pytest.mark.parametrize(("F", "K", "m", "expected"), [
    (70, 100, 2, F_(49, 149)),
    (150, 100, 2, F_(9, 13)),
    (100, 100, 3, F_(1, 2)),
    (50, 100, 1, F_(1, 3)),
    (0, 100, 2, F_(0)),
])
def test_contest_probability_by_hand(F, K, m, expected):
    assert contest_probability(F, K, m) == sympy.Rational(expected.numerator, expected.denominator)


@given(st.integers(1, 400), st.integers(1, 400), st.integers(1, 4))
def test_force_cannot_seek_a_decision_exactly_below_K(F, K, m):
    assert (contest_probability(F, K, m) < sympy.Rational(1, 2)) == (F < K)


@pytest.mark.parametrize(("overrides", "name"), [
    pytest.param({"m": "3/2"}, "m", id="fractional exponent"),
    pytest.param({"F": -1}, "F", id="negative force"),
    pytest.param({"q": 2}, "q", id="risk above one"),
    pytest.param({"spirit": 1}, "spirit", id="unknown"),
])
def test_bad_parameters_are_named(overrides, name):
    with pytest.raises(ParameterError) as err:
        MODEL.solve(**overrides)
    assert err.value.parameter == name


# --- worked cases, derived by hand at the defaults (V=10, s=1, g=1/2, c_T=2, h=2, W=20, q=1/20, N=100, A=25,
# c_C=1, K=100, m=2).  Coalition stands firm (A + c_C = 26 > W_C + qN = 25); Russia backs down (h + s = 3 < 25);
# the coalition responds iff p > c_C/A = 1/25; Russia holds iff p > (V+s-c_T)/(V+s+h) = 9/13; Russia prefers
# testing to no deployment iff p < (V+g-c_T)/(V+s+h) = 17/26.

@pytest.mark.parametrize(("overrides", "name", "outcomes"), [
    pytest.param({"F": 10}, ABANDON, {"Ukraine abandoned": 1}, id="p=1/101: abandon"),
    pytest.param({"F": 70}, BACK_DOWN, {"Russia backs down": F_(49, 149), "force overrun": F_(100, 149)},
                 id="p=49/149: respond"),
    pytest.param({"F": 140}, "no deployment (Russia would test the force)", {"no deployment": 1},
                 id="17/26 < p=49/74 < 9/13"),
    pytest.param({"F": 200}, "no deployment (Russia would be deterred)", {"no deployment": 1}, id="p=4/5"),
    pytest.param({"F": 200, "g": 2}, DETER, {"deterrence holds": 1}, id="g > s: consents and holds"),
    pytest.param({"F": 200, "q": "1/10"}, ABANDON + " (escalation dominance)", {"Ukraine abandoned": 1},
                 id="A + c_C = 26 < W_C + qN = 30"),
    # h = 40: Russia prefers war (-c_T - W_R - qN = -27) to backing down (-s - c_T - h = -43); A = 40: respond iff
    # p (A + c_C - W_C - qN) = 16 p > 1; test iff p < 9/35; consent iff p < 17/70.  F = 50: p = 1/5.
    pytest.param({"F": 50, "h": 40, "A": 40}, NUCLEAR, {"NATO-Russia war": F_(1, 5), "force overrun": F_(4, 5)},
                 id="nuclear rung"),
])
def test_worked_cases(overrides, name, outcomes):
    (spe,) = MODEL.solve(**overrides)
    assert spe.name == name
    assert {k: v for k, v in spe.outcomes.items() if v != 0} == outcomes
    assert region_at(overrides).name == name


def test_payoffs_at_the_british_army_size_by_hand():
    (spe,) = MODEL.solve(F=70)
    p = F_(49, 149)
    russia = F_(1, 2) - 2 + p * (-1 - 2) + (1 - p) * 10      # g - c_T + p(-s - h) + (1 - p)V
    coalition = p * -1 + (1 - p) * (-25 - 1)                 # p(-c_C) + (1 - p)(-A - c_C)
    assert spe.payoffs["Russia"] == sympy.Rational(russia.numerator, russia.denominator)
    assert spe.payoffs["Coalition"] == sympy.Rational(coalition.numerator, coalition.denominator)


# --- regions: derived by the symbolic solver -------------------------------------------------------

def test_region_names_include_the_essays_outcomes():
    names = {r.name for r in tripwire_regions()}
    assert {DETER, ABANDON, BACK_DOWN, NUCLEAR, ABANDON + " (escalation dominance)"} <= names
    assert all(r.name for r in tripwire_regions())


def test_conditions_are_in_named_parameters_and_print_as_latex():
    allowed = {*TRIPWIRE_PARAMETERS.symbols.values(), CONTEST}
    for region in tripwire_regions():
        assert region.condition.free_symbols <= allowed
        assert CONTEST not in condition_in_parameters(region).free_symbols
    text = regions_latex(in_parameters=True)
    assert text.startswith(r"\begin{cases}")
    assert r"\frac{F^{m}}{F^{m} + K^{m}}" in text
    assert r"\text{deterrence holds}\colon" in text


def test_deterrence_region_states_the_hand_derived_bounds():
    S = {**TRIPWIRE_PARAMETERS.symbols, "p": CONTEST}
    p, V, s, c_T, h, A, c_C = (S[k] for k in ("p", "V", "s", "c_T", "h", "A", "c_C"))
    (region,) = [r for r in tripwire_regions()
                 if r.name == DETER and r.strategies["Coalition"]["root/Consent/Test"] == "Respond"
                 and r.strategies["Russia"]["root/Consent/Test/Respond/Attack defeated"] == "Back down"]
    atoms = {sympy.simplify(a.lhs - a.rhs) if isinstance(a, sympy.StrictGreaterThan) else
             sympy.simplify(a.rhs - a.lhs) for a in region.condition.args}
    held = [a for a in atoms if sympy.simplify(a - (c_T - V * (1 - p) + h * p - s * (1 - p))) == 0]
    responded = [a for a in atoms if sympy.simplify(a - (A * p - c_C)) == 0]
    assert held
    assert responded


# -- numeric agreement at drawn points

def utilities(low, high, denominator=4):
    return st.integers(low * denominator, high * denominator).map(lambda n: F_(n, denominator))


points = st.fixed_dictionaries({
    "F": st.integers(0, 300), "K": st.integers(20, 200), "m": st.integers(1, 3),
    "V": utilities(1, 20), "s": utilities(0, 5), "g": utilities(0, 5), "c_T": utilities(0, 10),
    "h": utilities(0, 40), "W_R": utilities(0, 40), "W_C": utilities(0, 40),
    "q": st.integers(0, 4).map(lambda n: F_(n, 20)), "N": st.integers(0, 200),
    "A": utilities(0, 50), "c_C": utilities(0, 5),
})


def hand_region(v: dict) -> str | None:
    """The region's name from the closed forms of ``tripwire_thresholds``; ``None`` on a tie."""
    table = TRIPWIRE_PARAMETERS.substitutions(v)
    t = {k: e.xreplace(table) for k, e in THRESHOLDS.items() if k not in ("F_respond", "F_deter", "F_consent")}
    p = t["p"]
    margins = [t["resolve"], t["backdown"]]
    if 0 in margins:
        return None
    if t["resolve"] < 0:
        respond = False
    elif t["backdown"] > 0:
        respond, deter, consent = p > t["p_respond"], p > t["p_deter"], p < t["p_consent"]
        margins += [p - t["p_respond"], p - t["p_deter"], p - t["p_consent"]]
    else:
        respond, deter, consent = p > t["p_respond_war"], p > t["p_deter_war"], p < t["p_consent_war"]
        margins += [p - t["p_respond_war"], p - t["p_deter_war"], p - t["p_consent_war"]]
    if not respond:
        deter, consent = v["V"] + v["s"] < v["c_T"], v["V"] + v["g"] > v["c_T"]
        margins += [v["V"] + v["s"] - v["c_T"], v["V"] + v["g"] - v["c_T"]]
    margins.append(v["g"] - v["s"])
    if any(m == 0 for m in margins):
        return None
    if deter:
        return DETER if v["g"] > v["s"] else "no deployment (Russia would be deterred)"
    if not consent:
        return "no deployment (Russia would test the force)"
    if not respond:
        return ABANDON + (" (escalation dominance)" if t["resolve"] < 0 else "")
    return BACK_DOWN if t["backdown"] > 0 else NUCLEAR


@given(points)
def test_regions_agree_with_numeric_backward_induction(values):
    found = subgame_perfect(SYMBOLIC.subs(values))
    try:
        region = region_at(values)
    except KnifeEdgeError:
        assert found.knife_edge
        assert len(found) > 1
        return
    (spe,) = found
    assert played(spe) == {h: a for per in region.strategies.values() for h, a in per.items()}
    p = contest_probability(values["F"], values["K"], values["m"])
    expected = {k: sympy.sympify(w).subs(CONTEST, p) for k, w in region.outcomes.items()}
    assert {k: w for k, w in spe.outcomes.items() if w != 0} == {k: w for k, w in expected.items() if w != 0}


@given(points.filter(lambda v: v["c_C"] > 0 and v["A"] > 0))
def test_closed_forms_agree_with_the_named_regions(values):
    expected = hand_region(values)
    if expected is None:
        return
    (spe,) = solve_tripwire(MODEL.game(**values))
    assert spe.name == expected


@given(points.filter(lambda v: v["c_C"] > 0))
def test_coalition_never_responds_only_to_withdraw(values):
    for spe in subgame_perfect(SYMBOLIC.subs(values)):
        assert spe.outcomes["coalition withdraws under nuclear threat"] == 0


@given(points.filter(lambda v: v["c_C"] > 0), st.integers(0, 400))
def test_escalation_dominance_defeats_any_force(values, force):
    """Once the coalition would withdraw under a nuclear threat, no force deters a Russia that gains by testing."""
    values = {**values, "F": force, "A": F_(0), "W_C": F_(10)}   # A + c_C < W_C + qN whenever qN > c_C - 10
    if values["V"] + values["s"] <= values["c_T"] or values["V"] + values["g"] <= values["c_T"]:
        return
    (spe,) = MODEL.solve(**values)
    assert spe.outcomes["Ukraine abandoned"] == 1


# --- the deterrence threshold F*, by hand ------------------------------------------------------------

def test_force_threshold_by_hand_and_knife_edge():
    values = point(g=2, K=120, m=2)                       # g > s: Russia consents to a force that deters it
    F = sympy.Symbol("F", positive=True)
    p_star = (values["V"] + values["s"] - values["c_T"]) / (values["V"] + values["s"] + values["h"])
    (F_star,) = sympy.solve(sympy.Eq(F**2 / (F**2 + 120**2), p_star), F)
    assert F_star == 180                                  # 120 * sqrt(9/4)
    assert THRESHOLDS["F_deter"].xreplace(TRIPWIRE_PARAMETERS.substitutions(values)) == F_star
    eps = sympy.Rational(1, 1000)
    (below,) = MODEL.solve(**{**values, "F": F_star - eps})
    (above,) = MODEL.solve(**{**values, "F": F_star + eps})
    assert (below.name, above.name) == (BACK_DOWN, DETER)
    at = MODEL.solve(**{**values, "F": F_star})
    assert len(at) == 2
    assert any("node root/Consent between" in tie and "'Hold'" in tie and "'Test'" in tie for tie in at.knife_edge)
    with pytest.raises(KnifeEdgeError):
        region_at({**values, "F": F_star})


@pytest.mark.parametrize(("name", "expected"), [
    ("F_decision", 100),
    ("F_deter", 150),
    ("p_deter", F_(9, 13)),
    ("p_respond", F_(1, 25)),
    ("p_consent", F_(17, 26)),
    ("F_consent", sympy.sqrt(17) * 100 / 3),
    ("F_respond", 100 / sympy.sqrt(24)),
    ("resolve", 1),
    ("q_escalation_dominance", F_(3, 50)),
])
def test_thresholds_at_the_defaults(name, expected):
    value = THRESHOLDS[name].xreplace(TRIPWIRE_PARAMETERS.substitutions())
    assert sympy.simplify(value - sympy.sympify(expected)) == 0


@pytest.mark.parametrize(("name", "overrides", "below", "above"), [
    ("F_respond", {}, ABANDON, BACK_DOWN),
    ("F_deter", {"g": 2}, BACK_DOWN, DETER),
    ("F_consent", {}, BACK_DOWN, "no deployment (Russia would test the force)"),
])
def test_force_thresholds_are_where_the_regions_change(name, overrides, below, above):
    values = point(**overrides)
    F_star = sympy.Rational(str(sympy.N(THRESHOLDS[name].xreplace(TRIPWIRE_PARAMETERS.substitutions(values)), 30)))
    eps = sympy.Rational(1, 10**6)
    assert region_at({**values, "F": F_star - eps}).name == below
    assert region_at({**values, "F": F_star + eps}).name == above


# --- the registered model ----------------------------------------------------------------------------

def test_model_record():
    assert MODEL.claims == ("E1", "E2", "E3", "E4")
    joined = " ".join(MODEL.sources)
    for author in ("Schelling 1966", "Reiter & Poast 2021", "Zagare & Kilgour 2000"):
        assert author in joined
    assert set(MODEL.thresholds()) >= {"F_deter", "F_respond", "F_consent", "F_decision", "resolve"}
    assert MODEL.parameters is TRIPWIRE_PARAMETERS


def test_default_game_equals_a_hand_built_game():
    assert MODEL.game() == build(point())


@pytest.mark.parametrize(("name", "low", "high"), [
    ("K", 75, 225),                                       # F* = 1.5 K: proportional to K
    ("V", 100, 100 * sympy.sqrt(F_(14, 4))),              # (V + s - c_T)/(c_T + h) = 1 and 14/4
    ("c_T", 100 * sympy.sqrt(F_(10, 3)), 100 * sympy.sqrt(F_(8, 5))),
    ("h", 100 * sympy.sqrt(3), 100 * sympy.sqrt(F_(9, 5))),
])
def test_the_calibrated_threshold_moves_with_one_parameter(name, low, high):
    # K is calibrated so that F* is the essay's 150k; half or one and a half times one default moves F* this far
    # (the model's docstring and K's source say so)
    defaults = TRIPWIRE_PARAMETERS.defaults()
    moved = [THRESHOLDS["F_deter"].xreplace(TRIPWIRE_PARAMETERS.substitutions({name: defaults[name] * f}))
             for f in (F_(1, 2), F_(3, 2))]
    assert [sympy.simplify(m - e) for m, e in zip(moved, (low, high), strict=True)] == [0, 0]
    assert "between 75k and 225k" in TRIPWIRE_PARAMETERS["K"].source
