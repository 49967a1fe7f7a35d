"""The shipped Sobol archive of the guarantee game and the sensitivity figure drawn from it.

The archive (escalation/data/guarantee-sobol.json) is checked against its provenance, by re-estimating its
indices from its stored outcomes and (slow) by re-solving a design point; the figure against the archive.
"""

from __future__ import annotations

import math
import subprocess
import sys
from fractions import Fraction

import pytest

from escalation.claims.archive import SOBOL_FILE, load_sobol
from escalation.claims.sensitivity import GROUPS, OUTPUTS, design, design_points, sobol_indices, solve_point
from escalation.figures import FIGURES, SOBOL_LEFT_OUT, SOBOL_NOTE
from escalation.models import get_model
from escalation.plotting.gallery.guarantee_sensitivity import PANELS
from escalation.plotting.style import style_context

MODEL = get_model("guarantee")
G = len(GROUPS)


@pytest.fixture(scope="module")
def archive():
    return load_sobol(SOBOL_FILE)


# -- the shipped archive --------------------------------------------------------------------------
def test_archive_has_the_documented_provenance(archive):
    prov, points = archive["provenance"], archive["points"]
    n = prov["base_samples"]
    assert prov["model"] == "guarantee"
    assert prov["groups"] == {g: list(m) for g, m in GROUPS.items()}
    assert prov["points"] == len(points) == n * (G + 2)
    assert (prov["seed"], prov["offpath"]) == (12, "D1")
    assert prov["salib"]
    assert prov["version"]
    assert "perfect Bayesian" in prov["solver"]
    assert prov["command"] == (f"escalation claims guarantee --sobol {n} --seed 12 --offpath D1 "
                               f"--max-solves {len(points)} --save FILE")
    assert "calc_second_order=False" in prov["design"]
    assert "conf_level=0.95" in prov["analysis"]
    assert 0 <= prov["outside_type_definitions"] < len(points)
    assert [p["row"] for p in points] == list(range(len(points)))
    unsolved = [p["row"] for p in points if not p["solved"]]
    left_out = prov.get("left_out", {"base_samples": [], "unsolved": {}})
    assert [int(r) for r in left_out["unsolved"]] == unsolved
    assert left_out["base_samples"] == sorted({r // (G + 2) for r in unsolved})
    assert len(left_out["base_samples"]) <= n // 8  # a few points the bounded search cannot solve, not a pattern


def test_archive_holds_every_output_and_its_indices_are_reproduced(archive):
    prov = archive["provenance"]
    assert list(archive["indices"]) == list(OUTPUTS)
    again = sobol_indices(archive["points"], prov["base_samples"], prov["seed"], leave_out_unsolved=True)
    assert again == archive["indices"]
    for output, table in archive["indices"].items():
        if "constant" in table:
            continue
        for g in GROUPS:
            assert all(math.isfinite(table[g][k]) for k in ("S1", "S1_conf", "ST", "ST_conf")), (output, g)
            assert table[g]["S1_conf"] >= 0
            assert table[g]["ST_conf"] >= 0


def test_archive_outcomes_are_probabilities_and_war_needs_a_force(archive):
    for p in archive["points"]:
        if not p["solved"]:   # left out of the indices (checked above)
            continue
        for _level, outcomes in p["outcomes"].items():
            for low, high in outcomes.values():
                assert 0 <= Fraction(low) <= Fraction(high) <= 1
        assert p["outcomes"]["0"]["war"] == ["0", "0"]  # no force, no NATO-Russia war in this game


@pytest.mark.slow
def test_a_stored_design_point_is_reproduced_by_an_exact_solve(archive):
    prov = archive["provenance"]
    points = design_points(MODEL, design(prov["base_samples"], prov["seed"]))
    stored = {k: v for k, v in archive["points"][1].items() if k != "row"}
    assert solve_point(MODEL, points[1], prov["offpath"]) == stored


# -- the figure -----------------------------------------------------------------------------------
def test_caption_states_the_archives_design(archive):
    prov = archive["provenance"]
    assert f"N = {prov['base_samples']} base samples" in SOBOL_NOTE
    assert f"{prov['points']} exact solves" in SOBOL_NOTE
    assert f"seed {prov['seed']}" in SOBOL_NOTE
    assert f"--sobol {prov['base_samples']} --seed 12" in SOBOL_NOTE
    assert f"{prov['outside_type_definitions']} of the {prov['points']}" in SOBOL_NOTE
    left_out = prov.get("left_out", {"unsolved": {}})["unsolved"]
    assert tuple((int(r), int(r) // (G + 2)) for r in left_out) == SOBOL_LEFT_OUT
    if left_out:
        used = prov["base_samples"] - len(prov["left_out"]["base_samples"])
        assert f"the indices use the other {used}" in SOBOL_NOTE
    assert SOBOL_NOTE in FIGURES["guarantee-sensitivity"].caption


def test_figure_draws_the_archives_indices(archive):
    with style_context():
        figure = FIGURES["guarantee-sensitivity"].draw()
    groups = list(GROUPS)
    for ax, panel in zip(figure.axes, PANELS, strict=True):
        table = archive["indices"][panel]
        if "constant" in table:
            continue
        for index in ("S1", "ST"):
            bars = [p for p in ax.patches if p.get_gid() == f"sobol {index}"]
            widths = [b.get_width() for b in sorted(bars, key=lambda b: -b.get_y())]
            assert widths == pytest.approx([table[g][index] for g in groups])
    assert [t.get_text() for t in figure.axes[0].get_yticklabels()] == groups  # first group on top


def test_figure_is_drawn_without_salib():
    code = ("import sys; sys.modules['SALib'] = None\n"
            "from escalation.figures import FIGURES\n"
            "from escalation.plotting.style import style_context\n"
            "with style_context():\n    FIGURES['guarantee-sensitivity'].draw()\n"
            "assert sys.modules['SALib'] is None\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


@pytest.mark.slow
def test_a_left_out_design_point_is_still_unsolved_by_an_exact_solve(archive):
    # If the solver learns to solve it, the archive must be remade with that base sample in the indices.
    prov = archive["provenance"]
    left_out = prov.get("left_out", {}).get("unsolved", {})
    if not left_out:
        pytest.skip("the archive leaves no design point out")
    row = int(next(iter(left_out)))
    points = design_points(MODEL, design(prov["base_samples"], prov["seed"]))
    again = solve_point(MODEL, points[row], prov["offpath"])
    assert not again["solved"]
    assert again["error"] == left_out[str(row)]
    # the caption says that free off-path beliefs give no pure equilibrium there either
    assert not solve_point(MODEL, points[row], "free")["solved"]
