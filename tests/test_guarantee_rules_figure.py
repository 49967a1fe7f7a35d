"""The robustness figure of the claims ledger (``guarantee-rules``) and the run counts it draws."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from escalation.claims.archive import load_rules
from escalation.claims.summaries import LEDGER, run_shares
from escalation.errors import ParameterError
from escalation.figures import FIGURES


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def test_each_run_is_recorded_with_its_command_and_every_draw_solved(rules):
    runs = {r["id"]: r for r in rules["runs"]}
    assert list(runs) == ["D1", "intuitive", "prior", "omega0", "omega1"]
    for run in runs.values():
        assert run["draws"] == run["solved"] == 100
        assert run["command"].startswith("escalation claims guarantee --samples 100 --seed 12")
        for claim in LEDGER:
            assert sum(run["claims"][claim].values()) <= run["solved"]
    assert "--offpath prior" in runs["prior"]["command"]
    assert "--set omega=0" in runs["omega0"]["command"]
    assert "--set omega=1" in runs["omega1"]["command"]


def test_d1_and_the_intuitive_criterion_give_the_same_counts(rules):
    """As the claims-ledger page reports: the two refinements agree on every claim in these 100 draws."""
    runs = {r["id"]: r for r in rules["runs"]}
    assert runs["D1"]["claims"] == runs["intuitive"]["claims"]


def test_the_figure_draws_each_runs_share_where_the_counts_put_it(rules):
    figure = FIGURES["guarantee-rules"].draw()
    (ax,) = figure.axes
    lines = {line.get_gid(): line for line in ax.get_lines() if line.get_gid()}
    e1 = rules["runs"][0]["claims"]["E1"]
    defined = e1["all"] + e1["some"] + e1["none"]
    x_all = lines["rules D1 all"].get_xdata()[LEDGER.index("E1")]
    x_some = lines["rules D1 some"].get_xdata()[LEDGER.index("E1")]
    assert Fraction(x_all).limit_denominator(1000) == Fraction(e1["all"], defined)
    assert Fraction(x_some).limit_denominator(1000) == Fraction(e1["all"] + e1["some"], defined)


def test_shares_and_intervals_by_hand():
    ds = run_shares([{"id": "r", "claims": {"E1": {"all": 3, "some": 0, "none": 1}}}], claims=["E1"])
    row = ds.sel(run="r", claim="E1", verdict="all")
    assert float(row["share"]) == 0.75
    # Wilson 95%: centre (p + z^2/2n)/(1 + z^2/n), half-width z sqrt(p(1-p)/n + z^2/4n^2)/(1 + z^2/n), z = 1.96
    z, n, p = 1.959963984540054, 4, 0.75
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    assert float(row["wilson_low"]) == pytest.approx(centre - half)
    assert float(row["wilson_high"]) == pytest.approx(centre + half)


def test_a_file_of_another_kind_is_refused_naming_the_path(tmp_path):
    path = tmp_path / "other.json"
    path.write_text('{"provenance": {"format": "something else"}}', encoding="utf-8")
    with pytest.raises(ParameterError, match="path"):
        load_rules(path)
