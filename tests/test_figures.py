"""Tests of escalation.figures: the registry, deterministic bytes, and the committed figures/ folder."""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib
import matplotlib.figure
import pytest
from matplotlib.testing.compare import compare_images

from escalation.errors import ParameterError
from escalation.figures import FIGURES, readme_text, write_figures
from escalation.plotting import drawn_actions, marked_cells, style_context
from escalation.plotting.gallery.crisis_chicken import crisis_chicken_game, war_probability
from escalation.plotting.gallery.entry_deterrence import entry_deterrence_equilibria, entry_deterrence_game
from escalation.solvers.nash import nash_equilibria

COMMITTED = Path(__file__).parents[1] / "figures"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    """A fresh ``escalation figures`` run with the default formats."""
    out = tmp_path_factory.mktemp("figures")
    write_figures(out)
    return out


def committed_matplotlib() -> str:
    readme = (COMMITTED / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^Made with matplotlib (\S+):", readme, re.MULTILINE)
    assert match, "figures/README.md does not say which matplotlib made the figures"
    return match.group(1)


# -- registry -------------------------------------------------------------------------------------
@pytest.mark.parametrize("figure", list(FIGURES.values()), ids=list(FIGURES))
def test_registry_entries_are_well_formed(figure):
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", figure.id)
    assert figure.claims
    assert all(re.fullmatch(r"E[1-9]", c) for c in figure.claims)
    assert len(figure.caption.split()) >= 20


def test_registry_holds_the_first_figures():
    assert FIGURES["entry-deterrence-tree"].claims == ("E3", "E4")
    assert FIGURES["crisis-chicken-matrix"].claims == ("E5",)


# -- deterministic bytes --------------------------------------------------------------------------
def test_writing_twice_gives_identical_bytes(tmp_path, fresh):
    # The first two figures in all three formats (the whole registry is compared with fresh bytes below).
    only = ["entry-deterrence-tree", "crisis-chicken-matrix"]
    first = write_figures(tmp_path / "first", formats=("png", "svg", "pdf"), only=only)
    second = write_figures(tmp_path / "second", formats=("png", "svg", "pdf"), only=only)
    assert [p.name for p in first] == [
        "entry-deterrence-tree.png", "entry-deterrence-tree.svg", "entry-deterrence-tree.pdf",
        "crisis-chicken-matrix.png", "crisis-chicken-matrix.svg", "crisis-chicken-matrix.pdf", "README.md",
    ]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
    for path in [*fresh.glob("*.png"), *fresh.glob("*.svg")]:  # the module's earlier run
        if path.stem not in only:
            continue
        assert (tmp_path / "first" / path.name).read_bytes() == path.read_bytes(), path.name


def test_files_carry_no_dates_or_software_stamps(fresh, tmp_path):
    png = (fresh / "entry-deterrence-tree.png").read_bytes()
    assert b"Software" not in png
    svg = (fresh / "entry-deterrence-tree.svg").read_text(encoding="utf-8")
    assert "<dc:date>" not in svg
    (pdf,) = write_figures(tmp_path, formats=["pdf"], only=["crisis-chicken-matrix"])[:1]
    assert b"CreationDate" not in pdf.read_bytes()


def test_figures_do_not_depend_on_the_users_rcparams(tmp_path, fresh):
    with matplotlib.rc_context({"font.size": 20, "lines.linewidth": 7, "svg.hashsalt": "other"}):
        write_figures(tmp_path, only=["entry-deterrence-tree"])
    for fmt in ("png", "svg"):
        name = f"entry-deterrence-tree.{fmt}"
        assert (tmp_path / name).read_bytes() == (fresh / name).read_bytes()


def test_committed_figures_are_what_the_command_writes(fresh):
    """figures/ must be regenerated (``escalation figures``) whenever a figure's code changes."""
    if committed_matplotlib() != matplotlib.__version__:
        pytest.skip(f"figures/ was made with matplotlib {committed_matplotlib()}; bytes are reproducible only "
                    f"with the same version, not {matplotlib.__version__}")
    assert sorted(p.name for p in COMMITTED.iterdir()) == sorted(p.name for p in fresh.iterdir())
    for path in sorted(fresh.iterdir()):
        assert (COMMITTED / path.name).read_bytes() == path.read_bytes(), f"figures/{path.name} is stale"


@pytest.mark.parametrize("figure_id", list(FIGURES))
def test_committed_pngs_look_like_fresh_ones(figure_id, fresh):
    """With any matplotlib, the committed raster images stay close to freshly drawn ones."""
    assert compare_images(str(COMMITTED / f"{figure_id}.png"), str(fresh / f"{figure_id}.png"), tol=5) is None


# -- README ---------------------------------------------------------------------------------------
def test_readme_lists_every_figure_with_claims_and_caption():
    text = (COMMITTED / "README.md").read_text(encoding="utf-8")
    sections = dict(re.findall(r"^## (\S+)\n(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL))
    assert list(sections) == list(FIGURES)
    for figure_id, figure in FIGURES.items():
        body = sections[figure_id]
        assert f"Claims: {', '.join(figure.claims)}\n" in body
        assert figure.caption in body
        assert f"({figure_id}.png)" in body
        assert f"({figure_id}.svg)" in body


def test_readme_describes_the_whole_registry_even_for_a_subset(tmp_path):
    written = write_figures(tmp_path, formats=["svg"], only=["crisis-chicken-matrix"])
    assert [p.name for p in written] == ["crisis-chicken-matrix.svg", "README.md"]
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == readme_text(["svg"])
    assert "## entry-deterrence-tree" in readme_text(["svg"])


# -- bad input ------------------------------------------------------------------------------------
@pytest.mark.parametrize(("kwargs", "named"), [
    pytest.param({"only": ["entry-deterrence-tree", "no-such-figure"]}, "no-such-figure", id="unknown id"),
    pytest.param({"only": "nope"}, "nope", id="one unknown id as a string"),
    pytest.param({"formats": ["png", "jpeg"]}, "jpeg", id="unknown format"),
    pytest.param({"formats": []}, "formats", id="no format"),
])
def test_bad_arguments_raise_parameter_error(tmp_path, kwargs, named):
    with pytest.raises(ParameterError, match=named):
        write_figures(tmp_path, **kwargs)
    assert not any(tmp_path.iterdir())  # nothing written before the check


def test_progress_bar_changes_nothing_in_the_files(tmp_path, fresh):
    write_figures(tmp_path, only=["crisis-chicken-matrix"], progress=True)
    assert (tmp_path / "crisis-chicken-matrix.png").read_bytes() == (fresh / "crisis-chicken-matrix.png").read_bytes()


# -- content of the figures -----------------------------------------------------------------------
def test_entry_deterrence_equilibria_are_the_textbook_pair():
    nash, spe = entry_deterrence_equilibria(entry_deterrence_game())
    assert nash == {"root": {"Out": 1, "In": 0}, "root/In": {"Fight": 1, "Accommodate": 0}}
    assert spe == {"root": {"Out": 0, "In": 1}, "root/In": {"Fight": 0, "Accommodate": 1}}


def test_entry_deterrence_figure_marks_paths_and_the_threat():
    with style_context():
        figure = FIGURES["entry-deterrence-tree"].draw()
    assert isinstance(figure, matplotlib.figure.Figure)
    left, right = figure.axes
    assert drawn_actions(left, "path") == ("root/Out",)
    assert drawn_actions(left, "threat") == ("root/In/Fight",)
    assert drawn_actions(right, "path") == ("root/In", "root/In/Accommodate")
    assert drawn_actions(right, "threat") == drawn_actions(right, "choice") == ()
    assert left.get_title() == "Nash equilibrium (Out, Fight)"
    assert right.get_title() == "Subgame-perfect equilibrium (In, Accommodate)"
    assert [t.get_text() for t in figure.legends[0].get_texts()] == ["path of play", "non-credible threat"]


def test_chicken_figure_marks_the_pure_equilibria_and_states_the_risk_of_war():
    with style_context():
        figure = FIGURES["crisis-chicken-matrix"].draw()
    (ax,) = figure.axes
    assert set(marked_cells(ax)) == {("Swerve", "Straight"), ("Straight", "Swerve")}
    (listing,) = [t for t in ax.texts if t.get_label() == "_mixed equilibria"]
    assert "Swerve 9/10, Straight 1/10" in listing.get_text()
    assert listing.get_text().endswith("War in the mixed equilibrium: probability 1/100")


@pytest.mark.parametrize(("payoffs", "straight", "war"), [
    # LITERATURE.md section 7.1: Pr(Straight) = (T - R) / ((T - R) + (S - P)), P(war) its square.
    pytest.param((0, -1, 1, -10), "1/10", "1/100", id="R,S,T,P = 0,-1,1,-10"),
    pytest.param((0, -1, 1, -2), "1/2", "1/4", id="R,S,T,P = 0,-1,1,-2"),
    pytest.param((3, 2, 4, 1), "1/2", "1/4", id="R,S,T,P = 3,2,4,1"),
])
def test_chicken_mixed_equilibrium_matches_the_literature(payoffs, straight, war):
    game = crisis_chicken_game(*payoffs)
    (mixed,) = [s for s in nash_equilibria(game) if not s.is_pure]
    assert str(mixed.strategies["Coalition"]["Straight"]) == straight
    assert str(mixed.strategies["Russia"]["Straight"]) == straight
    assert str(war_probability(game, mixed)) == war
