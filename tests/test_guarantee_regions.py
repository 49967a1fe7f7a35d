"""The regions archive of the guarantee game against its closed forms and a fresh solve (issue 12).

The archive (escalation/data/guarantee-regions.json) holds, per cell of a grid of force sizes F and Russia's
war cost W_R, every distinct play after the offer F over the equilibria the generic solver finds.  The
closed-form thresholds drawn on the region map must agree with that play at every grid point where their
assumptions hold, and a cell solved afresh must give the archived play.
"""

from __future__ import annotations

import functools
import json
from fractions import Fraction

import pytest
import sympy

from escalation.claims.calibration import prior_columns
from escalation.claims.regions import REGIONS_FILE, cell_record, read_regions, regions_text
from escalation.models.guarantee import PARAMETERS, build, solve_guarantee
from escalation.models.guarantee import closed_forms as cf
from escalation.models.guarantee.variants import Variant
from escalation.numbers import as_fraction

DATA = read_regions(REGIONS_FILE)
DEFAULTS = PARAMETERS.defaults()
VARIABLE = DATA["provenance"]["variable"]


def _cells():
    variable = DATA["provenance"]["variable"]
    for cell in DATA["map"]:
        if cell["solved"]:
            point = {**DEFAULTS, variable: Fraction(cell[variable])}
            yield Fraction(cell["F"]), point, [DATA["plays"][i] for i in cell["plays"]], cell["knife_edge"]


def _at(expr, point) -> Fraction:
    return as_fraction(cf.at(expr, point))


@functools.cache
def _at_cell(expr, value: Fraction, F: int | None = None) -> Fraction:
    """``expr`` at a map cell: the defaults with the map's variable at ``value`` (and the force at ``F``)."""
    if F is not None:
        expr = expr.subs(cf.FORCE, F)
    return _at(expr, {**DEFAULTS, VARIABLE: value})


def test_archive_is_complete_and_its_text_is_reproduced_from_the_records():
    grid = DATA["provenance"]["grid"]
    assert DATA["provenance"]["variable"] == "W_R"
    assert len(DATA["map"]) == len(grid["F"]) * len(grid["W_R"])
    assert all(cell["solved"] for cell in DATA["map"] + DATA["line"])
    assert REGIONS_FILE.read_text(encoding="utf-8") == regions_text(DATA)


# 60k at W_R = 1/2 (20 plays, 3 s) by default; the knife edge at 110k (264 plays, over a minute) with -m slow
@pytest.mark.parametrize(("F", "W_R"), [("60", "1/2"), pytest.param("110", "2", marks=pytest.mark.slow)])
def test_a_cell_solved_afresh_gives_the_archived_plays(F, W_R):
    cell = next(c for c in DATA["map"] if c["F"] == F and c["W_R"] == W_R)
    fresh = cell_record({**DEFAULTS, "W_R": Fraction(W_R)}, F, full=False)
    archived = sorted(json.dumps(DATA["plays"][i], sort_keys=True) for i in cell["plays"])
    assert sorted(json.dumps(p, sort_keys=True) for p in fresh["plays"]) == archived


def test_tie_force_cf2_matches_every_stand_decision_on_the_map():
    checked = 0
    knife_edges = 0
    for F, point, plays, knife_edge in _cells():
        tie = {(t, a): _at_cell(cf.tie_force(t, a), point[VARIABLE]) for t in ("H", "L") for a in ("P", "O")}
        for play in plays:
            for t in ("H", "L"):
                for a, scale in (("P", "probe"), ("O", "offensive")):
                    for u in ("B", "D"):
                        firm = Fraction(play["stand"][f"{t}|{scale}|{u}"])
                        if tie[t, a] == F:  # indifferent: the solver must say so
                            assert any(f"C:stand|{t}|{F}|{scale}|{u}" in k for k in knife_edge)
                            knife_edges += 1
                            continue
                        assert firm == (1 if tie[t, a] < F else 0), (F, point["W_R"], t, scale, u)
                        checked += 1
    # F_tie(H, P) = 110 at the defaults: on the grid, with both sides of it.
    assert _at(cf.tie_force("H", "P"), DEFAULTS) == 110
    assert checked > 1000
    assert knife_edges > 0


def test_consent_force_matches_the_limited_type_where_it_holds_either_way():
    checked = 0
    for F, point, plays, _ in _cells():
        for play in plays:
            for u in ("B", "D"):
                holds = all(Fraction(play["attack"][f"Lim|{u}|{s}"]["hold"]) == 1 for s in ("deployed", "refused"))
                if not holds:
                    continue
                F_c = _at_cell(cf.consent_force(u), point[VARIABLE])
                assert Fraction(play["consent"][f"Lim|{u}"]) == (1 if F_c > F else 0), (F, point["W_R"], u)
                checked += 1
    assert checked > 100


@pytest.mark.parametrize(("F", "W_R"), [(20, "1/2"), (150, "10")])
def test_threat_threshold_cf3_matches_russia_at_every_threat_set_of_a_fresh_solve(F, W_R):
    # Russia threatens after a failed attack iff the chance of a firm stand, read from its belief at the
    # threat set and the coalition types' stand decisions, is below tau (CF3).  Its belief after an offer
    # nobody makes is set by the off-path rule, so the map's line tau_Rev(O) = pi_C (the prior belief) is not
    # assumed here.
    point = {**DEFAULTS, "W_R": Fraction(W_R)}
    game = build(point, Variant(menu=(0, F)))
    seen = set()
    for solution in solve_guarantee(game):
        b = solution.behaviour
        for r in ("Rev", "Lim"):
            for u in ("B", "D"):
                for a, scale in (("P", "probe"), ("O", "offensive")):
                    belief = solution.beliefs[f"R:threat|{r}|{u}|{F}|{scale}"]
                    mu = sum((as_fraction(p) for x, p in belief.items() if "/H/" in f"/{x}/"), Fraction(0))
                    firm = sum((w * as_fraction(b[f"C:stand|{t}|{F}|{scale}|{u}"]["stand firm"])
                                for t, w in (("H", mu), ("L", 1 - mu))), Fraction(0))
                    tau = _at(cf.threat_threshold(r, a), point)
                    if firm == tau:
                        continue
                    threatens = as_fraction(b[f"R:threat|{r}|{u}|{F}|{scale}"]["threaten"])
                    assert threatens == (1 if firm < tau else 0), (r, u, scale, mu, firm, tau)
                    seen.add(threatens)
    assert seen == ({0, 1} if F == 20 else {0})  # at 150k with W_R = 10 nobody threatens


def test_threat_war_cost_is_where_tau_meets_the_prior_resolve():
    pi_C = cf.coalition_prior(5, 5, "4/5")
    w_star = _at(cf.threat_war_cost("Rev", "O", pi_C), DEFAULTS)
    assert _at(cf.threat_threshold("Rev", "O"), {**DEFAULTS, "W_R": w_star}) == pi_C
    assert Fraction(3, 2) < w_star < 2  # between two rows of the map


@pytest.mark.slow  # about 15 s: every cell of the map; CF2 and CF3 are checked against it by default
def test_deterrence_force_cf6_matches_the_revisionist_facing_a_force_that_is_resisted_and_not_threatened():
    checked = 0
    for F, point, plays, _ in _cells():
        if point["B"] / point["k"] < F:  # CF6 reads arms as B - kF: only forces within the budget
            continue
        for play in plays:
            for u in ("B", "D"):
                resisted = all(Fraction(play["respond"][f"{t}|{s}|{u}"]) == 1 for t in ("H", "L")
                               for s in ("probe", "offensive"))
                backs_down = all(Fraction(play["threat"][f"Rev|{u}|{s}"]) == 0 for s in ("probe", "offensive"))
                if not (resisted and backs_down):
                    continue
                values = [_at_cell(cf.attack_value_on_force(a, u), point[VARIABLE], F) for a in ("P", "O")]
                holds = Fraction(play["attack"][f"Rev|{u}|deployed"]["hold"])
                assert holds == (1 if max(values) < 0 else 0), (F, point["W_R"], u, values)
                checked += 1
    assert checked > 20


@pytest.mark.parametrize("F", [25, 50])
def test_consent_posterior_cf7_matches_the_solvers_beliefs_at_the_coalitions_response(F):
    game = build(DEFAULTS, Variant(menu=(0, F)))
    found = solve_guarantee(game)
    checked = 0
    for solution in found:
        b = solution.behaviour
        for u in ("B", "D"):
            for scale in ("probe", "offensive"):
                weight = {r: as_fraction(b[f"R:consent|{r}|{u}|{F}"]["consent"])
                          * as_fraction(b[f"R:attack|{r}|{u}|{F}|deployed"][scale]) for r in ("Rev", "Lim")}
                if not any(weight.values()):
                    continue
                # CF7 with the posture known (the coalition sees u at its response) and consent read as
                # "consented and attacked at this scale".
                other = "D" if u == "B" else "B"
                posterior = cf.consent_posterior({("Rev", u): weight["Rev"], ("Lim", u): weight["Lim"],
                                                  ("Rev", other): 0, ("Lim", other): 0})["P_Rev_given_consent"]
                expected = as_fraction(sympy.nsimplify(cf.at(posterior, DEFAULTS)))
                for t in ("H", "L"):
                    held = solution.beliefs[f"C:respond|{t}|{F}|{scale}|{u}"]
                    rev = sum((as_fraction(p) for x, p in held.items() if "/Rev/" in x), Fraction(0))
                    assert rev == expected
                    checked += 1
    assert checked > 0


def test_consent_posterior_on_the_line_is_bayes_rule_at_the_consent_probabilities():
    for cell in DATA["line"]:
        for play in cell["signals"]:
            consent = {tuple(k.split("|")): Fraction(p) for k, p in play["consent"].items()}
            stored = play["consent_posterior"]
            if Fraction(stored["P_consent"]) == 0:
                assert stored["P_Rev_given_consent"] is None
                continue
            cf7 = cf.consent_posterior(consent)
            assert _at(cf7["P_Rev_given_consent"], DEFAULTS) == Fraction(stored["P_Rev_given_consent"])
            assert _at(cf7["P_Deal_given_consent"], DEFAULTS) == Fraction(stored["P_Deal_given_consent"])


def test_threshold_draws_are_seeded():
    a, b = prior_columns(n=50, seed=3), prior_columns(n=50, seed=3)
    assert all((a[k] == b[k]).all() for k in a)
