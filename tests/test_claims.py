"""The claims E1-E9 read from the brief's worked equilibria, and the claims API (``at``, ``share``).

Expected truth values, thresholds, consent statistics and policy outcomes are
the research brief's JSON (GUARANTEE.md §5, computed there by its own claims
script); the equilibria are the brief's, assembled and verified in
``test_guarantee_examples.py``.  ``at`` and ``share`` are tested here with a
solver that returns those equilibria (a generic solve of the guarantee game
takes seconds a point); ``test_guarantee_solver.py`` runs them on the generic
perfect Bayesian solver.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from guarantee_examples import F, cases, completed_assessment, example_equilibria

from escalation import claims
from escalation.claims import CLAIM_IDS, EquilibriumReading, read_claims
from escalation.errors import ParameterError, SolverError
from escalation.models import get_model
from escalation.models.guarantee import closed_forms as cf

CASES = [pytest.param(cid, eq, id=cid) for cid, _, eq in cases()]


def _reading(cid):
    game, behaviour, beliefs = completed_assessment(cid)
    return EquilibriumReading(game, behaviour, beliefs)


@pytest.mark.parametrize(("cid", "eq"), CASES)
def test_claims_in_each_worked_equilibrium_are_the_brief_s(cid, eq):
    reading = _reading(cid)
    got = read_claims(reading)
    for claim, expected in eq["claims"].items():
        if claim in got.holds:
            assert got.holds[claim] is expected, claim
    threshold = got.diagnostics["deterrence threshold (menu)"]
    expected = eq["claims"]["deterrence threshold (menu)"]
    assert threshold == (None if expected is None else str(expected))
    for key, value in eq["consent_stats"].items():
        assert got.diagnostics["consent"][key] == (None if value == "—" else F(value)), key
    for level, numbers in eq["policy"].items():
        policy = reading.policy(level)
        assert {k: policy[k] for k in numbers} == {k: F(x) for k, x in numbers.items()}
    on_path = got.diagnostics["on path"]
    assert (on_path["P_attack"], on_path["P_succ"], on_path["P_war"], on_path["P_nuclear"]) == (
        F(eq["P_attack_on_path"]), F(eq["P_R_success_on_path"]), F(eq["P_war_on_path"]), F(eq["P_nuclear_on_path"]))
    assert got.holds["E5 monitoring"] is None  # the default game offers no monitoring posture
    assert got.diagnostics["belief after offer"] == {lv: F(mu) for lv, mu in eq["mu"].items()}


def test_reading_with_another_planned_force():
    # G2 with the planned force read as 60k: the revisionist still tests it (E1), and the policy numbers are the
    # brief's Q_60 (P(war) = 16046132683/772013193600 > 0 = Q_0(war): E5)
    game, behaviour, beliefs = completed_assessment("G2")
    got = read_claims(EquilibriumReading(game, behaviour, beliefs, planned="60"))
    assert got.diagnostics["F_s"] == "60"
    assert got.holds["E1"]
    assert got.holds["E5"]
    with pytest.raises(ParameterError, match="'planned': '70' is not an offer"):
        EquilibriumReading(game, behaviour, beliefs, planned="70")


def _solver(code):
    _, found = example_equilibria(code)

    def solve(g, offpath="D1"):
        solve.calls.append(offpath)
        return found

    solve.calls = []
    return solve


def test_at_reports_all_some_none_over_the_equilibria():
    # G5 (c_O = 1/5, sigma = 1/10) has four equilibria; E4 holds only in the second (H offers 0, L offers 150)
    solver = _solver("G5")
    point = claims.at("guarantee", c_O="1/5", sigma="1/10", solver=solver, offpath={"C:respond|*": "prior"})
    assert solver.calls == [{"C:respond|*": "prior"}]
    assert point["E4"].status == "some"
    assert point["E4"].holds_in == (1,)
    assert point["E1"].status == "all"
    assert point["E6 porcupine deters alone"].status == "all"
    assert point["E7 symbolic"].status == "some"
    assert point["E7 symbolic"].holds_in == (1, 2, 3)
    assert point["E5 monitoring"].status == "undefined"
    assert point.planned == "25"
    data = point.to_dict()
    assert data["claims"]["E4"] == {"status": "some", "holds_in": [1], "partly_in": [], "equilibria": 4}
    assert data["parameters"]["c_O"] == "1/5"
    assert len(data["equilibria"]) == 4
    with pytest.raises(ParameterError, match="unknown claim 'E8'"):
        point["E8"]


def test_at_with_one_equilibrium_and_no_equilibrium():
    point = claims.at("guarantee", solver=_solver("G1"))
    assert {c: point[c].status for c in ("E1", "E2", "E3", "E4", "E5", "E6", "E7 symbolic", "E9")} == {
        "E1": "all", "E2": "none", "E3": "none", "E4": "all", "E5": "all", "E6": "none", "E7 symbolic": "none",
        "E9": "none"}
    from escalation.solvers.solution import Equilibria

    empty = claims.at("guarantee", solver=lambda g, offpath: Equilibria((), "none", "perfect Bayesian"))
    assert {v.status for v in empty.verdicts.values()} == {"no equilibrium"}


def test_at_refuses_models_without_claims_and_bad_values():
    with pytest.raises(ParameterError, match="no claim predicates for model 'tripwire'"):
        claims.at("tripwire")
    with pytest.raises(ParameterError, match="W_L"):
        claims.at("guarantee", W_L="1/2", solver=_solver("G1"))


# --- share -------------------------------------------------------------------------------------------

def _stub(game, offpath="D1"):
    """Four G5 equilibria when the US backstop is likely (beta > 1/2), G1's one otherwise (a stand-in solver)."""
    beta = next(n for n in game.nodes if n.kind == "chance" and n.actions == ("B", "D")).probabilities[0]
    return example_equilibria("G5" if beta > F("1/2") else "G1")[1]


def test_share_counts_what_the_solver_returned():
    ds = claims.share("guarantee", n=16, seed=3, solver=_stub)
    beta = ds["beta"].values
    assert 0 < int((beta > 0.5).sum()) < 16  # both kinds of draw
    assert ds.attrs["draws"] == 16
    assert int(ds.solved) == 16
    # E4: 'some' exactly at the G5 draws, 'all' at the G1 draws
    assert int(ds["count"].sel(claim="E4", verdict="some")) == int((beta > 0.5).sum())
    assert int(ds["count"].sel(claim="E4", verdict="all")) == int((beta <= 0.5).sum())
    assert np.all(ds["count"].sum("verdict").sel(claim=[c for c in CLAIM_IDS if c != "E5 monitoring"]) == 16)
    p = float(ds["share"].sel(claim="E4", verdict="some"))
    assert float(ds["standard_error"].sel(claim="E4", verdict="some")) == pytest.approx(math.sqrt(p * (1 - p) / 16))
    low, high = claims.wilson(int(ds["count"].sel(claim="E4", verdict="some")), 16)
    assert float(ds["wilson_low"].sel(claim="E4", verdict="some")) == pytest.approx(low)
    assert float(ds["wilson_high"].sel(claim="E4", verdict="some")) == pytest.approx(high)
    assert set(np.unique(ds["status"].sel(claim="E5 monitoring"))) == {-1}  # undefined, never counted


def test_share_is_reproducible_and_the_same_on_dask():
    serial = claims.share("guarantee", n=7, seed=11, solver=_stub)
    again = claims.share("guarantee", n=7, seed=np.random.default_rng(11), solver=_stub)
    lazy = claims.share("guarantee", n=7, seed=11, solver=_stub, backend="dask", chunk=3)  # chunks of 3, 3, 1
    for other in (again, lazy):
        assert np.array_equal(serial["count"], other["count"])
        assert np.array_equal(serial["beta"], other["beta"])


def test_share_as_a_function_of_the_planned_force_and_of_a_parameter():
    ds = claims.share("guarantee", n=6, seed=5, solver=_stub, over={"planned": [25, 60, 150], "B": [20, 40]})
    assert ds["count"].dims == ("planned", "B", "claim", "verdict")
    assert list(ds.planned.values) == ["25", "60", "150"]
    assert "B" not in [k for k in ds.coords if ds[k].dims == ("draw",)]  # B is set, not drawn
    assert np.all(ds.solved == 6)


def test_share_under_each_off_path_rule():
    # the robustness check of GUARANTEE.md §7.3: every draw solved once per rule, the verdicts kept apart
    calls = []

    def by_rule(game, offpath="D1"):
        calls.append(offpath)
        return example_equilibria("G5" if offpath == "prior" else "G1")[1]

    ds = claims.share("guarantee", n=4, seed=5, solver=by_rule, over={"offpath": ["D1", "prior"]})
    assert sorted(calls) == ["D1"] * 4 + ["prior"] * 4
    assert list(ds.offpath.values) == ["D1", "prior"]
    assert int(ds["count"].sel(offpath="D1", claim="E4", verdict="all")) == 4
    assert int(ds["count"].sel(offpath="prior", claim="E4", verdict="some")) == 4


def test_drawn_points_satisfy_the_orderings_and_the_type_definitions():
    points, rejected = claims.draw_points("guarantee", 60, seed=8)
    assert len(points) == 60
    assert sum(rejected.values()) > 0  # e.g. rho_P > rho_O or c_P >= c_O under independent priors
    for v in points:
        assert v["rho_P"] <= v["rho_O"]
        assert v["c_P"] < v["c_O"]
        assert 3 <= v["k_quorum"] <= 5
        # CF1 at the unarmed defence U0: a revisionist attacks, a limited Russia does not
        for russia, attacks in (("Rev", True), ("Lim", False)):
            gains = [cf.at(cf.deterrence_by_denial(russia, a)["G"].subs(cf.DEFENCE, v["U0"]), v) for a in "PO"]
            assert bool(max(gains) > 0) is attacks
    unconditioned, _ = claims.draw_points("guarantee", 60, seed=8, condition=False)
    assert unconditioned != points


def test_bad_share_arguments():
    with pytest.raises(ParameterError, match="'n'"):
        claims.share("guarantee", n=0, solver=_stub)
    with pytest.raises(ParameterError, match="'backend'"):
        claims.share("guarantee", n=2, solver=_stub, backend="spark")
    with pytest.raises(ParameterError, match="unknown"):
        claims.share("guarantee", n=2, solver=_stub, over={"not_a_parameter": [1]})


def test_share_with_the_generic_solver_refuses_a_costly_job_before_drawing():
    with pytest.raises(ParameterError, match=r"400 exact solves .* exceed max_solves=100"):
        claims.share("guarantee", n=200, seed=1, over={"offpath": ["D1", "prior"], "planned": [25, 60]})


def test_a_solver_failure_is_counted_not_dropped():
    def failing(game, offpath="D1"):
        raise SolverError("no equilibrium found")

    ds = claims.share("guarantee", n=3, seed=1, solver=failing)
    assert int(ds.unsolved) == 3
    assert int(ds.solved) == 0
    assert "no equilibrium found" in ds.attrs["errors"]


def test_models_keep_their_claims_layer_out():
    model = get_model("guarantee")
    assert "claims" not in model.build.__module__


# --- command line --------------------------------------------------------------------------------------

def test_cli_claims_at_a_point(capsys, monkeypatch):
    import json

    from escalation.cli import main

    monkeypatch.setattr("escalation.claims.point._default_solver", _solver("G5"))
    assert main(["claims", "guarantee", "--set", "c_O=1/5", "--set", "sigma=1/10", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["claims"]["E4"]["status"] == "some"
    assert main(["claims", "guarantee", "--set", "c_O=1/5", "--set", "sigma=1/10"]) == 0
    text = capsys.readouterr().out
    assert "E4" in text
    assert "holds in some  (equilibria 2)" in text


def test_cli_claims_shares(capsys, monkeypatch):
    import json

    from escalation.cli import main

    monkeypatch.setattr("escalation.claims.monte_carlo._default_solver", _stub)
    assert main(["claims", "guarantee", "--samples", "5", "--seed", "2", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["draws"] == 5
    assert sum(data["claims"]["E4"][v]["count"] for v in ("all", "some", "none")) == 5
    assert main(["claims", "guarantee", "--samples", "5", "--seed", "2"]) == 0
    assert "E4" in capsys.readouterr().out


@pytest.mark.parametrize(("argv", "message"), [
    (["claims", "tripwire"], "no claim predicates for model 'tripwire'"),
    (["claims", "guarantee", "--samples", "5"], "--samples needs --seed"),
    (["claims", "guarantee", "--samples", "500", "--seed", "1"], "500 exact solves"),
    (["claims", "guarantee", "--offpath", "maybe"], "unknown rule 'maybe'"),
    (["claims", "guarantee", "--set", "W_L=1/2"], "W_L"),
])
def test_cli_claims_errors_are_one_line(capsys, argv, message):
    from escalation.cli import main

    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1


# --- one solution standing for several equilibria (different continuations after an offer nobody makes) -----

def _with_alternatives(code, other, level):
    """The brief's equilibrium ``code`` as one solution whose continuation after ``level`` may also be ``other``'s."""
    from types import SimpleNamespace

    from escalation.claims.continuations import offer_level

    game, behaviour, beliefs = completed_assessment(code)
    _, other_behaviour, _ = completed_assessment(other)
    after = {h: acts for h, acts in behaviour.items() if offer_level(game, h) == level}
    swapped = {h: other_behaviour[h] for h in after}
    key = f"after Coalition plays 'F={level}'"
    return game, SimpleNamespace(behaviour=behaviour, beliefs=beliefs, alternatives={key: (after, swapped)})


def test_claims_are_read_in_every_off_path_variant_of_a_solution():
    # G1's continuation after 25k (nobody offers it) or G12's (where no revisionist tests a deployed 25k force)
    from escalation.claims.continuations import threshold_values
    from escalation.claims.point import read_equilibria, verdicts

    game, solution = _with_alternatives("G1", "G12", "25")
    readings, variants = read_equilibria(game, [solution])
    assert variants[0]["E1"] == (True, False)
    assert variants[0]["E4"] == (True,)  # E4 reads the robust force only: one variant
    got = verdicts(variants)
    assert (got["E1"].status, got["E1"].holds_in, got["E1"].partly_in) == ("some", (), (0,))
    assert got["E4"].status == "all"
    assert readings[0].holds["E1"] is True  # the representative is G1 itself
    assert threshold_values(game, solution.behaviour, solution.alternatives) == ("25", None)
    assert readings[0].diagnostics["deterrence threshold (menu), over off-path variants"] == ("25", None)


def test_json_of_a_point_keeps_the_threshold_s_values_over_off_path_variants():
    # the CLI's `claims guarantee --json` at the defaults failed here: a tuple ("25", None) is not a number
    import json

    from escalation.claims.point import _plain

    game, solution = _with_alternatives("G1", "G12", "25")
    from escalation.claims.point import read_equilibria

    readings, _ = read_equilibria(game, [solution])
    plain = _plain(readings[0].diagnostics)
    assert plain["deterrence threshold (menu), over off-path variants"] == ["25", None]
    assert json.loads(json.dumps(plain)) == plain


@pytest.mark.parametrize(("verdict", "text"), [
    ({"status": "all", "holds_in": [0], "partly_in": []}, "holds in all"),
    ({"status": "some", "holds_in": [0, 2], "partly_in": []}, "holds in some  (equilibria 1, 3)"),
    ({"status": "some", "holds_in": [], "partly_in": [0]},
     "holds in some  (in some off-path variants of equilibrium 1)"),
    ({"status": "undefined", "holds_in": [], "partly_in": []}, "undefined in this game"),
])
def test_cli_claims_text_says_where_a_claim_holds(verdict, text):
    from escalation.cli.claims import _verdict_text

    assert _verdict_text(verdict) == text
