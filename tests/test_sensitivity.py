"""Global sensitivity of the guarantee game: the design, the estimator's wiring and the command line.

The wiring is checked on toy outputs with known Sobol indices (a linear model of the unit inputs, whose
group indices are ratios of variances) and against the estimators written out by hand on the design's
A, B and AB blocks.  The shipped archive and the figure: ``test_guarantee_sensitivity_figure.py``.
"""

from __future__ import annotations

import sys
from fractions import Fraction

import numpy as np
import pytest

from escalation.claims.archive import load_sobol, save_sobol
from escalation.claims.sensitivity import (
    GROUPS,
    ORDERED,
    complete_base_samples,
    design,
    design_points,
    ordered_pair,
    output_values,
    problem,
    sobol_indices,
)
from escalation.cli import main
from escalation.errors import ParameterError
from escalation.models import get_model
from escalation.models.guarantee.parameters import PARAMETERS

MODEL = get_model("guarantee")
G = len(GROUPS)


def toy_records(y: np.ndarray) -> list[dict]:
    """Records whose every output of OUTPUTS at 150 (and 0 at the porcupine) is ``y`` (exactly)."""
    return [{"row": i, "solved": True,
             "outcomes": {lv: {o: [str(Fraction(float(v) if lv != "0" else 0))] * 2 for o in ("deterrence", "war")}
                          for lv in ("0", "25", "60", "150")}} for i, v in enumerate(y)]


def blocks(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A, B and AB (group by row) of Saltelli's design laid out as SALib lays it out (G + 2 rows per base sample)."""
    per = values.reshape(-1, G + 2, *values.shape[1:])
    return per[:, 0], per[:, G + 1], np.moveaxis(per[:, 1:G + 1], 1, 0)


# -- the groups and the design --------------------------------------------------------------------
def test_groups_partition_the_drawn_parameters():
    names = [n for members in GROUPS.values() for n in members]
    drawn = [name for name, p in PARAMETERS.items() if p.prior is not None]
    assert sorted(names) == sorted(drawn)
    assert len(names) == len(set(names))
    for small, large in ORDERED:  # each ordered pair lies within one group: groups stay independent
        assert any(small in m and large in m for m in GROUPS.values())


def test_design_swaps_exactly_one_group_between_a_and_b():
    unit = design(4, 1)
    assert unit.shape == (4 * (G + 2), len(problem()["names"]))
    a, b, ab = blocks(unit)
    columns = np.array(problem()["groups"])
    for g, group in enumerate(GROUPS):
        inside = columns == group
        assert np.array_equal(ab[g][:, inside], b[:, inside])
        assert np.array_equal(ab[g][:, ~inside], a[:, ~inside])


def test_a_smaller_design_is_the_start_of_a_larger_one():
    assert np.array_equal(design(8, 5), design(16, 5)[:8 * (G + 2)])


@pytest.mark.parametrize("n", [0, 1, 3, 12, 2.0, True])
def test_design_refuses_a_base_sample_count_that_is_not_a_power_of_two(n):
    with pytest.raises(ParameterError, match="'n'"):
        design(n, 1)


def test_ordered_pair_hits_the_kink_of_the_conditioned_marginal():
    # rho_P uniform on [0, 1/40], rho_O on [0, 1/10], rho_P <= rho_O: P(rho_O <= 1/40) = (a^2/2) / (a^2/2 + a (H - a)).
    a, hi = 1 / 40, 1 / 10
    at_kink = (a * a / 2) / (a * a / 2 + a * (hi - a))
    assert at_kink == pytest.approx(1 / 7)
    small, large = ordered_pair(1.0, at_kink, (0, a), (0, hi))
    assert large == pytest.approx(a)
    assert small == pytest.approx(a)
    assert ordered_pair(0.5, 1.0, (0, a), (0, hi)) == pytest.approx((a / 2, hi))


def test_ordered_pair_gives_the_rejection_sampled_prior():
    rng = np.random.default_rng(4)
    u = rng.random((40_000, 2))
    pairs = np.array([ordered_pair(us, ul, (0, 0.05), (0.02, 0.25)) for us, ul in u])
    box = np.column_stack([rng.uniform(0, 0.05, 200_000), rng.uniform(0.02, 0.25, 200_000)])
    kept = box[box[:, 0] < box[:, 1]]
    assert (pairs[:, 0] < pairs[:, 1]).all()
    for q in (0.1, 0.5, 0.9):
        assert np.quantile(pairs, q, axis=0) == pytest.approx(np.quantile(kept, q, axis=0), abs=0.004)


def test_design_points_follow_the_priors_and_the_models_orderings():
    points = design_points(MODEL, design(8, 2))
    for p in points:
        MODEL.values(**p)  # raises on a broken ordering
        assert p["c_P"] < p["c_O"]
        assert p["rho_P"] <= p["rho_O"]
        assert p["k_quorum"] in (3, 4, 5)
        for name, prior in ((n, PARAMETERS[n]) for n in ("W_R", "B", "pi_R")):
            low, high = (float(x) for x in prior.plausible)
            assert low <= p[name] <= high
        assert all(len(f"{p[n]:.6g}") == len(repr(p[n])) or float(f"{p[n]:.6g}") == p[n] for n in GROUPS["battle"])


# -- the estimator's wiring, on outputs with known indices ----------------------------------------
def linear_output(unit: np.ndarray, weights: dict[str, float]) -> np.ndarray:
    columns = np.array(problem()["groups"])
    return sum(w * unit[:, columns == g].sum(axis=1) for g, w in weights.items())


WEIGHTS = {"budget and arms": 3.0, "battle": 0.0, "tripwire": 2.0, "Russia's stakes": 1.0, "Russia's costs": 0.0,
           "coalition's costs": 0.5, "types and priors": 0.0}


def test_indices_of_a_linear_model_are_its_variance_shares():
    # Y = sum_g w_g * (sum of the group's unit inputs): Var = sum_g w_g^2 n_g / 12, S_g = S_Tg = w_g^2 n_g / Var.
    n = 1024
    unit = design(n, 7)
    found = sobol_indices(toy_records(linear_output(unit, WEIGHTS)), n, seed=1)["deterrence at 150 (min)"]
    variance = sum(w * w * len(GROUPS[g]) for g, w in WEIGHTS.items())
    for g, w in WEIGHTS.items():
        share = w * w * len(GROUPS[g]) / variance
        assert found[g]["S1"] == pytest.approx(share, abs=0.05), g
        assert found[g]["ST"] == pytest.approx(share, abs=0.05), g
        assert (0 < found[g]["S1_conf"] < 0.2) if w else found[g]["S1_conf"] == 0  # a group without effect: exact


def test_indices_match_the_estimators_written_out_by_hand():
    # Saltelli et al. (2010) S1 = mean(f(B) (f(AB) - f(A))) / Var; Jansen ST = mean((f(A) - f(AB))^2) / (2 Var),
    # Var over A and B together, f centred on its mean over the whole design first (as SALib does; S1 is not
    # invariant to a shift when mean(f(AB) - f(A)) != 0 in a finite design); on a non-additive toy output so that
    # S1 and ST differ.
    n = 64
    unit = design(n, 3)
    columns = np.array(problem()["groups"])
    x = unit[:, columns == "tripwire"].sum(axis=1)
    z = unit[:, columns == "battle"].sum(axis=1)
    y = x * z + unit[:, columns == "types and priors"].sum(axis=1)
    fa, fb, fab = blocks(y - y.mean())
    variance = np.var(np.r_[fa, fb])
    found = sobol_indices(toy_records(y), n, seed=1)["deterrence at 150 (min)"]
    for g, group in enumerate(GROUPS):
        assert found[group]["S1"] == pytest.approx(np.mean(fb * (fab[g] - fa)) / variance, abs=1e-12)
        assert found[group]["ST"] == pytest.approx(0.5 * np.mean((fa - fab[g]) ** 2) / variance, abs=1e-12)
    assert found["battle"]["ST"] > found["battle"]["S1"] + 0.05  # the interaction shows in the total index


def test_a_constant_output_has_no_indices_and_unsolved_points_are_refused():
    n = 4
    records = toy_records(np.full(n * (G + 2), 0.25))
    assert sobol_indices(records, n, seed=1)["deterrence at 150 (min)"] == {"constant": 0.25}
    records[3] = {"row": 3, "solved": False, "error": "tie"}
    with pytest.raises(ParameterError, match="unsolved"):
        sobol_indices(records, n, seed=1)
    with pytest.raises(ParameterError, match="'records'"):
        sobol_indices(records[:-1], n, seed=1)


def test_leaving_out_unsolved_points_drops_their_whole_base_samples_and_nothing_else():
    # Base samples 0 and 2 each have an unsolved point; the estimate must be SALib's on base samples 1 and 3 alone.
    analyze = pytest.importorskip("SALib.analyze.sobol")
    n = 4
    y = np.random.default_rng(5).random(n * (G + 2))
    records = toy_records(y)
    for row in (3, 2 * (G + 2) + G + 1):
        records[row] = {"row": row, "solved": False, "error": "no pure assessment"}
    kept, left_out = complete_base_samples(records, n)
    assert left_out == [0, 2]
    assert [r["row"] for r in kept] == [*range(G + 2, 2 * (G + 2)), *range(3 * (G + 2), 4 * (G + 2))]
    found = sobol_indices(records, n, seed=1, leave_out_unsolved=True)["deterrence at 150 (min)"]
    rest = np.r_[y[G + 2:2 * (G + 2)], y[3 * (G + 2):]]
    expected = analyze.analyze(problem(), rest, calc_second_order=False, conf_level=0.95, num_resamples=1000,
                               seed=1, print_to_console=False)
    assert found["base_samples"] == 2
    assert found["mean"] == pytest.approx(rest.mean())
    for i, group in enumerate(GROUPS):
        assert found[group]["S1"] == pytest.approx(expected["S1"][i])
        assert found[group]["ST"] == pytest.approx(expected["ST"][i])
    everywhere = [dict(r, solved=(r["row"] % (G + 2) != 0)) for r in records]
    with pytest.raises(ParameterError, match="every one of the 4 base samples"):
        sobol_indices(everywhere, n, seed=1, leave_out_unsolved=True)


def test_the_gain_output_subtracts_the_porcupine():
    records = toy_records(np.array([0.5, 0.75]))
    records[0]["outcomes"]["0"]["deterrence"] = ["1/4", "1/2"]
    assert output_values(records, "deterrence gain of 150 over 0 (min)").tolist() == [0.25, 0.75]


def test_saving_into_a_missing_folder_is_refused(tmp_path):
    with pytest.raises(ParameterError, match="save"):
        save_sobol(tmp_path / "no" / "x.json", [], {}, {})
    (tmp_path / "x.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ParameterError, match="not a Sobol archive"):
        load_sobol(tmp_path / "x.json")


# -- the command line -----------------------------------------------------------------------------
@pytest.mark.parametrize("argv", [
    ["--sobol", "2", "--seed", "1"],
    ["--sobol", "2", "--save", "x.json"],
    ["--sobol", "3", "--seed", "1", "--save", "x.json", "--max-solves", "100"],
    ["--sobol", "2", "--seed", "1", "--save", "x.json"],
    ["--sobol", "2", "--seed", "1", "--save", "no/such/folder/x.json"],
    ["--sobol", "2", "--seed", "1", "--save", "x.json", "--set", "W_R=1"],
], ids=["no file", "no seed", "not a power of two", "over max-solves", "missing folder", "a fixed parameter"])
def test_cli_refuses_incomplete_sobol_requests_in_one_line(capsys, argv, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code = main(["claims", "guarantee", *argv, *(["--max-solves", "2"] if "--max-solves" not in argv else [])])
    _, err = capsys.readouterr()
    assert code != 0
    assert len(err.strip().splitlines()) == 1
    assert not any(tmp_path.iterdir())


def test_without_salib_the_command_names_the_extra_in_one_line(capsys, tmp_path, monkeypatch):
    for name in ("SALib", "SALib.sample", "SALib.sample.sobol"):
        monkeypatch.setitem(sys.modules, name, None)
    code = main(["claims", "guarantee", "--sobol", "2", "--seed", "1", "--save", str(tmp_path / "x.json")])
    _, err = capsys.readouterr()
    assert code == 2
    assert err.strip().endswith("pip install 'escalation[sensitivity]'")
    assert len(err.strip().splitlines()) == 1
    assert not any(tmp_path.iterdir())


def test_a_design_point_left_unsolved_leaves_out_its_base_sample_and_the_archive_says_which(capsys, tmp_path,
                                                                                              monkeypatch):
    # One unsolvable point must neither lose the other points' solves nor silently enter the indices.
    n = 4
    records = toy_records(np.random.default_rng(3).random(n * (G + 2)))
    records[G + 4] = {"row": G + 4, "solved": False, "error": "no pure assessment in the bounded search"}
    monkeypatch.setattr("escalation.claims.sensitivity.sobol_records", lambda *a, **k: (records, {"base_samples": n}))
    target = tmp_path / "x.json"
    code = main(["claims", "guarantee", "--sobol", str(n), "--seed", "1", "--save", str(target), "--max-solves", "36"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert f"1 unsolved even nudged off a tie (rows {G + 4}; first: no pure assessment" in out
    assert "base sample(s) 1 left out, the indices use the other 3" in out
    saved = load_sobol(target)
    assert saved["provenance"]["left_out"] == {"base_samples": [1],
                                               "unsolved": {str(G + 4): "no pure assessment in the bounded search"}}
    assert saved["indices"]["deterrence at 150 (min)"]["base_samples"] == 3
    assert [r["row"] for r in saved["points"]] == list(range(n * (G + 2)))


def test_when_every_base_sample_has_an_unsolved_point_the_records_are_kept_and_the_error_is_one_line(
        capsys, tmp_path, monkeypatch):
    records = [{"row": i, "solved": i % (G + 2) != 3, "outcomes": {}} for i in range(2 * (G + 2))]
    for r in records:
        if not r["solved"]:
            r["error"] = "a tie the solver cannot break"
    monkeypatch.setattr("escalation.claims.sensitivity.sobol_records", lambda *a, **k: (records, {"base_samples": 2}))
    target = tmp_path / "x.json"
    code = main(["claims", "guarantee", "--sobol", "2", "--seed", "1", "--save", str(target), "--max-solves", "18"])
    _, err = capsys.readouterr()
    assert code != 0
    assert len(err.strip().splitlines()) == 1
    assert "every base sample has an unsolved point (rows 3, 12; first: a tie the solver cannot break)" in err
    saved = load_sobol(target)
    assert saved["indices"] == {}
    assert [r["row"] for r in saved["points"]] == list(range(18))
    assert saved["provenance"]["left_out"]["base_samples"] == [0, 1]
