"""The guarantee game's prior outcomes: the shipped archive, its summaries and the figures drawn from it.

The archive (escalation/data/guarantee-prior.json) is checked for its provenance and for internal
consistency between quantities computed by different code (outcome probabilities read by
``policy_bounds`` against claim verdicts read by ``read_claims``); slow tests re-solve stored draws
exactly and compare them with the file.
"""

from __future__ import annotations

import json
import math
import re
from fractions import Fraction

import numpy as np
import pytest
import xarray as xr
from guarantee_examples import F, cases, completed_assessment, example_equilibria

from escalation.claims import EquilibriumReading, at, read_claims
from escalation.claims.archive import PRIOR_FILE, archive_text, load_outcomes, read_archive, save_outcomes
from escalation.claims.outcomes import (
    OUTCOMES,
    draw_record,
    outcome_records,
    outcomes_dataset,
    policy_bounds,
    prior_draws,
)
from escalation.claims.summaries import against_porcupine, claim_shares, interval_summary, level_bands
from escalation.cli import main
from escalation.errors import ParameterError
from escalation.figures import FIGURES, PRIOR_NOTE
from escalation.models import get_model
from escalation.models.guarantee import solve_guarantee
from escalation.plotting.bands import drawn_bands
from escalation.plotting.gallery.summary import PANELS, summary_shares
from escalation.plotting.style import style_context

MODEL = get_model("guarantee")


@pytest.fixture(scope="module")
def archive():
    return read_archive(PRIOR_FILE)


@pytest.fixture(scope="module")
def ds():
    return load_outcomes(PRIOR_FILE)


def exact(record, level, outcome):
    return tuple(Fraction(x) for x in record["outcomes"][level][outcome])


# -- provenance -----------------------------------------------------------------------------------
def test_provenance_says_how_the_archive_was_made(archive):
    records, attrs = archive
    assert attrs["model"] == "guarantee"
    assert attrs["draws"] == len(records) >= 20
    assert (attrs["seed"], attrs["offpath"]) == (12, "D1")
    assert attrs["command"].startswith(f"escalation claims guarantee --samples {len(records)} --seed 12 --offpath D1")
    assert "--outcomes --save" in attrs["command"]
    assert "every equilibrium found" in attrs["method"]
    assert attrs["version"]


def test_captions_state_the_archives_n_seed_and_rule(archive):
    _, attrs = archive
    assert f"N = {attrs['draws']} draws, seed {attrs['seed']}, off-path rule {attrs['offpath']}" in PRIOR_NOTE
    assert f"--samples {attrs['draws']} --seed {attrs['seed']}" in PRIOR_NOTE
    for figure_id in ("guarantee-force", "guarantee-budget", "guarantee-claims", "e9-summary"):
        assert PRIOR_NOTE in FIGURES[figure_id].caption


def test_stored_parameters_are_the_seeded_draws(archive):
    """The draws are reproducible: the seed gives back every stored parameter value exactly."""
    records, attrs = archive
    points, rejected = prior_draws(MODEL, attrs["draws"], attrs["seed"])
    assert rejected == attrs["rejected"]
    for point, record in zip(points, records, strict=True):
        assert {k: point[k] for k in record["parameters"]} == record["parameters"]
    drawn = {k for k, p in MODEL.parameters.items() if p.prior is not None}
    assert set(records[0]["parameters"]) == drawn


def test_the_file_is_exactly_what_the_writer_writes(archive, tmp_path):
    records, attrs = archive
    assert archive_text(records, attrs) == PRIOR_FILE.read_text(encoding="utf-8")
    copy = save_outcomes(tmp_path / "copy.json", records, attrs)
    assert read_archive(copy) == (records, attrs)


# -- internal consistency -------------------------------------------------------------------------
def test_outcomes_are_probabilities_with_ordered_bounds(archive):
    records, _ = archive
    for record in (r for r in records if r["solved"]):
        for level in record["outcomes"]:
            for name in OUTCOMES:
                low, high = exact(record, level, name)
                assert low <= high, (level, name)
                if name != "coalition_payoff":
                    assert low >= 0, (level, name)
                    assert high <= 1, (level, name)
            # Russia succeeds only by attacking, and nuclear use is a NATO-Russia war.
            assert exact(record, level, "success")[0] <= 1 - exact(record, level, "deterrence")[0]
            assert exact(record, level, "nuclear")[1] <= exact(record, level, "war")[1]


def test_no_war_without_a_force(archive):
    """GUARANTEE.md §6.2: without a force the coalition never fights, so Q_0(war) = 0."""
    records, _ = archive
    assert all(exact(r, "0", "war") == (0, 0) for r in records if r["solved"])


def test_claim_verdicts_agree_with_the_outcome_bounds(archive):
    """E5 (war with the planned force, never without) and 'the porcupine deters alone' read two ways."""
    records, _ = archive
    checked = 0
    for record in (r for r in records if r["solved"]):
        for planned, verdicts in record["claims"].items():
            low, high = exact(record, planned, "war")
            assert verdicts["E5"] == ("all" if low > 0 else "none" if high == 0 else "some"), planned
            deter_low, deter_high = exact(record, "0", "deterrence")
            alone = verdicts["E6 porcupine deters alone"]
            assert alone == ("all" if deter_low == 1 else "none" if deter_high < 1 else "some")
            if verdicts["E9"] == "all":
                assert verdicts["E1"] == verdicts["E5"] == verdicts["E6"] == "all"
            checked += 1
    assert checked == 3 * sum(r["solved"] for r in records)


def test_unsolved_draws_are_counted_not_dropped(ds, archive):
    records, _ = archive
    assert ds.sizes["draw"] == len(records)
    assert int(ds.attrs["unsolved"]) == sum(not r["solved"] for r in records)
    solved = ds["solved"].values
    assert np.isnan(ds["value"].values[~solved]).all()
    assert np.isfinite(ds["value"].values[solved]).all()
    assert (ds["status"].values[~solved] == -1).all()
    assert (ds["solutions"].values[solved] >= 1).all()
    assert (ds["equilibria"].values[solved] >= ds["solutions"].values[solved]).all()


def test_dataset_values_are_the_files_exact_fractions(ds, archive):
    records, _ = archive
    d = next(i for i, r in enumerate(records) if r["solved"])
    for level in ds.level.values:
        for name in OUTCOMES:
            stored = [float(x) for x in exact(records[d], str(level), name)]
            assert ds["value"].sel(draw=d, level=level, outcome=name).values.tolist() == stored
    assert float(ds["budget_share"].sel(draw=d, level="60")) == pytest.approx(
        records[d]["parameters"]["k"] * 60 / records[d]["parameters"]["B"])


# -- reading the worked equilibria of the research brief -----------------------------------------
def _brief(code):
    return [eq for cid, _, eq in cases() if cid == code or (cid[:-1] == code and cid[-1] in "abcd")]


@pytest.mark.parametrize("code", ["G1", "G2", "G5"])
def test_policy_bounds_span_the_briefs_equilibria(code):
    """Minimum and maximum over the brief's equilibria of its own policy numbers (GUARANTEE.md §5)."""
    game, found = example_equilibria(code)
    brief = _brief(code)
    assert len(brief) == len(found)
    for level in brief[0]["policy"]:
        got = policy_bounds(game, found, level)
        for key, name in (("P_war", "war"), ("P_succ", "success")):
            values = [F(eq["policy"][level][key]) for eq in brief]
            assert got[name] == (min(values), max(values)), (level, name)
        attack = [F(eq["policy"][level]["P_attack"]) for eq in brief]
        assert got["deterrence"] == (1 - max(attack), 1 - min(attack)), level


@pytest.mark.parametrize("cid", ["G2", "G5b", "G9", "G11"])
def test_claims_without_diagnostics_are_the_same_claims(cid):
    game, behaviour, beliefs = completed_assessment(cid)
    full = read_claims(EquilibriumReading(game, behaviour, beliefs))
    quick = read_claims(EquilibriumReading(game, behaviour, beliefs), diagnostics=False)
    assert quick.holds == full.holds
    assert quick.diagnostics == {}
    assert full.diagnostics


# -- summaries ------------------------------------------------------------------------------------
def test_interval_summary_by_hand():
    x = xr.DataArray(np.array([[0.0, 0.2], [0.4, 0.4], [1.0, 1.0], [0.2, 0.6]]), dims=("draw", "bound"),
                     coords={"bound": ["min", "max"]})
    s = interval_summary(x)
    assert s["median_low"] == pytest.approx(0.3)  # of 0, 0.2, 0.4, 1
    assert s["median_high"] == pytest.approx(0.5)  # of 0.2, 0.4, 0.6, 1
    assert s["mean_low"] == pytest.approx(0.4)
    assert s["se_high"] == pytest.approx(np.std([0.2, 0.4, 1.0, 0.6], ddof=1) / 2)


@pytest.mark.parametrize("outcome", ["deterrence", "war", "success", "coalition_payoff"])
def test_bands_are_ordered_and_contain_the_median(ds, outcome):
    bands = level_bands(ds, outcome)
    order = ["q05_low", "q25_low", "median_low", "median_high", "q75_high", "q95_high"]
    values = np.array([bands[k].values for k in order])
    assert (np.diff(values, axis=0) >= -1e-12).all()
    for side in ("low", "high"):
        assert (bands[f"q05_{side}"] <= bands[f"mean_{side}"] + 1e-12).all() or outcome == "coalition_payoff"
    assert (bands["n"] == int(ds["solved"].sum())).all()


def test_against_porcupine_is_an_interval_difference():
    records = [{"parameters": {"k": 0.2, "B": 30.0}, "solved": True, "solutions": 1, "equilibria": 2,
                "complete": False, "knife_edge": [],
                "outcomes": {lv: {name: ["1/4", "1/2"] if lv == "0" else ["3/4", "3/4"] for name in OUTCOMES}
                             for lv in ("0", "25")},
                "claims": {"25": {}}}]
    ds = outcomes_dataset(records, {"seed": 0})
    diff = against_porcupine(ds, "deterrence")
    assert diff.sel(draw=0, level="25").values.tolist() == [0.25, 0.5]
    assert float(ds["budget_share"].sel(draw=0, level="25")) == pytest.approx(0.2 * 25 / 30)


def test_claim_shares_count_every_defined_draw(ds):
    shares = claim_shares(ds, "25")
    assert (shares["count"].sum("verdict") == shares["defined"]).all()
    assert (shares["wilson_low"] <= shares["share"] + 1e-12).all()
    assert (shares["share"] <= shares["wilson_high"] + 1e-12).all()
    status = ds["status"].sel(planned="25", claim="E1").values
    assert int(shares["count"].sel(claim="E1", verdict="all")) == int((status == 2).sum())
    with pytest.raises(ParameterError, match="planned"):
        claim_shares(ds, "0")


# -- the figures show the archive -----------------------------------------------------------------
@pytest.fixture(scope="module")
def drawn():
    with style_context():
        return {fid: FIGURES[fid].draw() for fid in ("guarantee-force", "guarantee-claims", "e9-summary")}


def test_force_figure_boxes_are_the_bands(drawn, ds):
    left, right = drawn["guarantee-force"].axes
    for ax, outcome in ((left, "deterrence"), (right, "war")):
        bands = level_bands(ds, outcome)
        boxes = drawn_bands(ax)
        assert [b[0] for b in boxes["90%"]] == [0.0, 1.0, 2.0, 3.0]
        assert [b[1] for b in boxes["90%"]] == pytest.approx(bands["q05_low"].values.tolist())
        assert [b[2] for b in boxes["50%"]] == pytest.approx(bands["q75_high"].values.tolist())
    assert drawn_bands(right)["90%"][0][1:] == (0.0, 0.0)  # no war without a force
    assert next(t.get_text() for t in left.get_xticklabels()).startswith("0\n(porcupine)")


def test_ledger_bars_are_the_shares(drawn, ds):
    (ax, *_) = drawn["guarantee-claims"].axes
    shares = claim_shares(ds, "25")
    for verdict in ("all", "some", "none"):
        bars = [p for p in ax.patches if p.get_gid() == f"ledger {verdict}"]
        widths = [b.get_width() for b in bars]
        assert widths == pytest.approx(shares["share"].sel(verdict=verdict).values.tolist())


def test_e9_summary_is_drawn_from_the_guarantee_model(drawn, ds):
    axes = drawn["e9-summary"].axes
    assert [ax.get_title(loc="left") for ax in axes] == list(PANELS)
    assert [p.split(":")[0] for p in PANELS] == ["E1", "E5", "E6", "E9"]
    for ax, title in zip(axes, PANELS, strict=True):
        claim = title.split(":")[0]
        s = summary_shares(ds, claim)
        heights = [b.get_height() for b in ax.patches if b.get_gid() == f"{claim} all"]
        assert heights == pytest.approx(s["all"].tolist())
        assert (s["all"] <= s["any"]).all()
    assert set(FIGURES["e9-summary"].claims) == {"E1", "E5", "E6", "E9"}


# -- bad input ------------------------------------------------------------------------------------
@pytest.mark.parametrize(("kwargs", "named"), [
    pytest.param({"n": 0}, "'n'", id="no draws"),
    pytest.param({"n": 2, "seed": 1.5}, "'seed'", id="fractional seed"),
    pytest.param({"n": 2, "offpath": {"*": "D1"}}, "'offpath'", id="rule mapping"),
    pytest.param({"n": 101}, "max_solves", id="too many solves"),
    pytest.param({"model": "tripwire", "n": 2}, "'model'", id="not a guarantee game"),
])
def test_bad_requests_are_refused_before_solving(kwargs, named):
    with pytest.raises(ParameterError, match=named):
        outcome_records(**kwargs)


def test_reading_a_file_that_is_not_an_archive_names_it(tmp_path):
    bad = tmp_path / "other.json"
    bad.write_text(json.dumps({"draws": []}), encoding="utf-8")
    with pytest.raises(ParameterError, match=r"other\.json"):
        load_outcomes(bad)
    with pytest.raises(ParameterError, match=r"missing\.json"):
        load_outcomes(tmp_path / "missing.json")


@pytest.mark.parametrize("argv", [
    ["--samples", "2", "--seed", "1", "--outcomes"],
    ["--samples", "2", "--seed", "1", "--save", "x.json"],
    ["--samples", "2", "--seed", "1", "--outcomes", "--save", "no/such/folder/x.json"],
    ["--samples", "2", "--seed", "1", "--outcomes", "--save", "x.json", "--set", "W_R=1"],
], ids=["no file", "no --outcomes", "missing folder", "a fixed parameter"])
def test_cli_refuses_incomplete_requests_in_one_line(capsys, argv, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code = main(["claims", "guarantee", *argv])
    _, err = capsys.readouterr()
    assert code != 0
    assert len(err.strip().splitlines()) == 1
    assert not any(tmp_path.iterdir())


# -- exact re-solves (slow) -----------------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize("d", [0, 1])
def test_stored_draws_are_reproduced_by_an_exact_solve(archive, d):
    records, attrs = archive
    points, _ = prior_draws(MODEL, d + 1, attrs["seed"])
    game = MODEL.build(MODEL.values(**points[d]))
    found = solve_guarantee(game, offpath=attrs["offpath"])
    record = draw_record(MODEL, points[d], list(records[d]["parameters"]), attrs["offpath"],
                         solver=lambda g, offpath: found)
    assert record == records[d]
    # The porcupine's deterrence is what claims.at reads at this draw (the same equilibria, read by at).
    point = at(MODEL, solver=lambda g, offpath: found, **points[d])
    attack = [r.diagnostics["policy"]["0"]["P_attack"] for r in point.readings]
    low, high = exact(records[d], "0", "deterrence")
    assert low <= 1 - max(attack)
    assert 1 - min(attack) <= high
    assert policy_bounds(game, found, "0")["deterrence"] == (low, high)


@pytest.mark.slow
def test_cli_writes_an_archive_the_figures_can_read(capsys, tmp_path):
    path = tmp_path / "one.json"
    code = main(["claims", "guarantee", "--samples", "1", "--seed", "3", "--outcomes", "--save", str(path)])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert "1 draws (seed 3, off-path rule D1)" in out
    records, attrs = read_archive(path)
    assert attrs["command"].startswith("escalation claims guarantee --samples 1 --seed 3")
    ds = load_outcomes(path)
    assert ds.sizes["draw"] == 1
    assert list(ds.level.values) == ["0", "25", "60", "150"]
    assert math.isfinite(float(ds["value"].sel(draw=0, level="0", outcome="deterrence", bound="min")))
    assert re.fullmatch(r"-?\d+(/\d+)?", records[0]["outcomes"]["25"]["war"][0])
