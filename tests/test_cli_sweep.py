"""``escalation sweep``: grids from the command line, written as netCDF or CSV."""

import numpy as np
import pandas as pd
import pytest
import xarray as xr

from escalation.analysis import sweep
from escalation.analysis.sweep import outcome_names
from escalation.cli import main
from escalation.cli.sweep import parse_range


def test_summary_counts_the_plays(capsys):
    assert main(["sweep", "tripwire", "--over", "F=0:300:7", "--set", "g=2"]) == 0
    out = capsys.readouterr().out
    assert "F (7) = 7 points" in out
    expected = sweep("tripwire", over={"F": np.linspace(0, 300, 7)}, fixed={"g": 2})
    names = [str(x) for x in outcome_names(expected).values]
    for name in set(names):
        assert f"{names.count(name):>9}" in next(line for line in out.splitlines() if line.strip().startswith(name))
    assert f"knife edges: {int(expected.knife_edge.sum())} points" in out


def test_netcdf_round_trip(tmp_path, capsys):
    path = tmp_path / "grid.nc"
    assert main(["sweep", "tripwire", "--over", "F=50:250:5", "--over", "q=0:1/5:3", "--out", str(path)]) == 0
    assert "15 points written" in capsys.readouterr().out
    expected = sweep("tripwire", over={"F": np.linspace(50, 250, 5), "q": np.linspace(0, 0.2, 3)})
    with xr.open_dataset(path, engine="scipy") as got:
        assert np.array_equal(got.outcome.values, expected.outcome.values)
        assert np.array_equal(got.knife_edge.values.astype(bool), expected.knife_edge.values)
        assert np.allclose(got.payoff.values, expected.payoff.values)
        assert list(got.play.values) == list(expected.play.values)
        assert got.attrs["model"] == "tripwire"


def test_csv_has_one_row_per_point(tmp_path):
    path = tmp_path / "grid.csv"
    assert main(["sweep", "tripwire", "--over", "F=0:300:4", "--over", "g=1:2:2", "--out", str(path)]) == 0
    table = pd.read_csv(path)
    assert len(table) == 8
    expected = sweep("tripwire", over={"F": np.linspace(0, 300, 4), "g": [1.0, 2.0]})
    row = table[(table.F == 300.0) & (table.g == 2.0)].iloc[0]
    assert row.outcome == str(outcome_names(expected).sel(F=300.0, g=2.0).values)
    assert row["payoff Coalition"] == pytest.approx(float(expected.payoff.sel(F=300.0, g=2.0, player="Coalition")))


@pytest.mark.parametrize(("argv", "message"), [
    pytest.param(["--over", "F=0:300"], "name=lo:hi:n", id="range without n"),
    pytest.param(["--over", "F=a:b:3"], "cannot read", id="not numbers"),
    pytest.param(["--over", "F=0:1:0"], "needs from 1 to", id="no points"),
    pytest.param(["--over", "Z=0:1:2"], "'Z'", id="unknown parameter"),
    pytest.param(["--over", "F=0:1:2", "--out", "grid.xlsx"], ".nc", id="unknown format"),
])
def test_bad_input_exits_with_one_line(argv, message, capsys):
    assert main(["sweep", "tripwire", *argv]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert len(err.strip().splitlines()) == 1


def test_parse_range_reads_exact_bounds():
    name, values = parse_range("q = 0 : 1/4 : 3")
    assert name == "q"
    assert [float(v) for v in values] == [0.0, 0.125, 0.25]
