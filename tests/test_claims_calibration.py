"""The calibration report: parameters with their sources and priors, thresholds at the defaults and over the prior.

Expected values at the defaults are the research brief's (GUARANTEE.md §3.3,
computed there by its own scripts), not the code's.
"""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pytest
import sympy

from escalation.claims import calibration
from escalation.claims.monte_carlo import draw_points
from escalation.errors import ParameterError
from escalation.models import get_model
from escalation.models.guarantee import closed_forms as cf

R = Fraction

BRIEF_AT_DEFAULTS = {  # GUARANTEE.md §3.3 and §2.7
    "pi_C": R(1024, 3125), "A_star_Rev_O": R(1720, 9), "A_star_Rev_P": R(20, 3),
    "F_tie_H_P": 110, "F_tie_H_O": -50, "F_tie_L_P": 1110, "F_tie_L_O": 950,
    "tau_Rev_O": R(61, 210), "tau_Rev_P": R(21, 170), "tau_Lim_O": R(13, 162), "tau_Lim_P": R(5, 154),
}


def test_thresholds_at_the_defaults_are_the_brief_s():
    got = calibration.thresholds_at()
    for name, expected in BRIEF_AT_DEFAULTS.items():
        assert got[name].value == sympy.Rational(expected.numerator, expected.denominator), name
    # §3.3: against a known resolved coalition no force in the menu deters a revisionist's offensive
    assert got["F_hat_O_B"].value is None
    assert got["F_hat_O_D"].value is None


def test_where_the_force_thresholds_fall_relative_to_the_essay_s_numbers():
    got = calibration.thresholds_at()
    flagged = sorted(name for name, t in got.items() if t.on_essay_number)
    # B/k = 30 / (1/5): the defaults' budget pays for exactly the essay's robust force (both from sources, see the
    # parameters); every other force threshold falls elsewhere
    assert flagged == ["budget_force"]
    assert got["budget_force"].value == 150


@pytest.mark.parametrize(("a", "u"), [("P", "B"), ("P", "D")])
def test_the_complete_information_deterrence_force_is_where_the_attack_stops_paying(a, u):
    point = get_model("guarantee").values()
    fhat = calibration.thresholds_at()[f"F_hat_{a}_{u}"].value
    value = cf.at(cf.attack_value_on_force(a, u), point)
    assert 0 < fhat < point["B"] / point["k"]
    assert sympy.simplify(value.subs(cf.FORCE, fhat)) == 0
    assert value.subs(cf.FORCE, fhat - 1) > 0 > value.subs(cf.FORCE, fhat + 1)


def test_every_parameter_says_what_it_rests_on():
    model = get_model("guarantee")
    rows = calibration.parameter_table("guarantee")
    assert [r["name"] for r in rows] == list(model.parameters)
    for r in rows:
        assert r["basis"] != "unstated", r["name"]
        assert r["unit"], r["name"]
        assert (r["prior"] == "fixed") is (not r["drawn"]), r["name"]
        if r["drawn"]:
            assert r["plausible_low"] is not None, r["name"]
    assumed = {r["name"] for r in rows if "assumption" in r["basis"]}
    assert {"W_R", "zeta", "g_v", "omega"} <= assumed
    assert "x_O" not in assumed  # Russian troop numbers are public statements
    assert {r["name"] for r in rows if r["basis"] == "normalisation"} == {"V_Rev", "phi_O", "W_U"}


def test_threshold_draws_are_the_claims_draws_and_agree_with_the_exact_thresholds():
    ds = calibration.threshold_draws("guarantee", n=30, seed=4)
    points, _ = draw_points("guarantee", 30, seed=4)
    assert np.array_equal(ds["W_R"].values, [p["W_R"] for p in points])
    for i in (0, 7, 19):
        exact = calibration.thresholds_at("guarantee", **{k: v for k, v in points[i].items()})
        for name, t in exact.items():
            x = float(ds[name].values[i])
            if t.value is None:
                assert np.isnan(x), (i, name)
            else:
                assert x == pytest.approx(float(t.value), rel=1e-9, abs=1e-9), (i, name)


def test_report_is_json_and_text():
    report = calibration.calibration_report("guarantee", n=50, seed=2)
    again = json.loads(json.dumps(report))
    assert again["thresholds"]["A_star_Rev_O"]["value"] == "1720/9"
    assert again["over the prior"]["draws"] == 50
    summary = again["over the prior"]["thresholds"]["F_tie_H_P"]
    assert summary["below 70"] + summary["70 to 150"] + summary["above 150"] + summary["none"] == pytest.approx(1)
    text = calibration.report_text(report)
    assert "budget_force  150" in text
    assert "<- on an essay number" in text
    assert "W_R" in text


def test_bad_calibration_requests():
    with pytest.raises(ParameterError, match="'m'"):
        calibration.thresholds_at(m=2)
    with pytest.raises(ParameterError, match="no claim predicates for model 'tripwire'"):
        calibration.parameter_table("tripwire")


def test_cli_calibration(capsys):
    from escalation.cli import main

    assert main(["claims", "guarantee", "--calibration", "--set", "W_R=5", "--set", "rho_O=1/10",
                 "--set", "F_rho=200", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    # G4's point (GUARANTEE.md §3.3): against a known resolved coalition a force of 150k deters an offensive
    fhat = report["thresholds"]["F_hat_O_B"]
    assert 60 < fhat["decimal"] <= 150
    assert report["point"] == {"W_R": "5", "rho_O": "1/10", "F_rho": "200"}
    assert "over the prior" not in report
    assert main(["claims", "guarantee", "--calibration", "--samples", "20", "--seed", "1"]) == 0
    text = capsys.readouterr().out
    assert "over the prior (20 draws, seed 1" in text
    assert main(["claims", "guarantee", "--calibration", "--set", "m=2"]) == 2
    err = capsys.readouterr().err
    assert "'m'" in err
    assert err.count("\n") == 1
