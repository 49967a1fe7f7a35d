"""The ``escalation`` command line: solve, figures, --version, and one-line errors.

Expected equilibria are worked out by hand in the comments of each table row;
the game files are in ``tests/data/cli``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import escalation
from escalation.cli import main
from escalation.io import read_game

DATA = Path(__file__).parent / "data" / "cli"
TOP_LEVEL = {"game", "players", "solver", "method", "refinement", "degenerate", "knife_edge", "notes", "version",
             "equilibria"}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def solve_json(capsys, name: str, solver: str) -> dict:
    code, out, err = run(capsys, "solve", "--game", str(DATA / name), "--solver", solver, "--json")
    assert (code, err) == (0, "")
    return json.loads(out)


def nonzero(mapping: dict) -> dict:
    """Drop zero probabilities, recursively (solvers may or may not list them)."""
    out = {}
    for key, value in mapping.items():
        if isinstance(value, dict):
            out[key] = nonzero(value)
        elif value != "0":
            out[key] = value
    return out


def summary(equilibrium: dict, tree_labels: dict[str, str] | None = None) -> tuple:
    """A hashable view of one JSON equilibrium: strategies, outcomes and payoffs without zeros."""
    strategies = nonzero(equilibrium["strategies"])
    if tree_labels is not None:  # {player: {infoset: {action: p}}} -> {player: {action: p}} for one-set players
        strategies = {p: next(iter(s.values())) for p, s in strategies.items()}
        assert all(len(equilibrium["strategies"][p]) == 1 for p in tree_labels)
    strategies = tuple(sorted((p, tuple(sorted(s.items()))) for p, s in strategies.items()))
    outcomes = tuple(sorted(nonzero(equilibrium.get("outcomes") or {}).items()))
    return strategies, outcomes, tuple(sorted(equilibrium["payoffs"].items()))


# -- solve, JSON ----------------------------------------------------------------------------------
SOLVE_CASES = [
    pytest.param(
        # Backward induction: the incumbent accommodates (1 > -1), so the entrant enters (1 > 0).
        "entry_deterrence.efg", "spe", True,
        {((("Entrant", (("In", "1"),)), ("Incumbent", (("Accommodate", "1"),))),
          (("Shared market", "1"),), (("Entrant", "1"), ("Incumbent", "1")))},
        id="entry-deterrence-spe",
    ),
    pytest.param(
        # Strategic form: besides (In, Accommodate), the entrant stays out against any threat to fight with
        # probability at least 1/2 -- a continuum whose extreme points are Fight and (1/2, 1/2).
        "entry_deterrence.efg", "nash", False,
        {((("Entrant", (("In", "1"),)), ("Incumbent", (("Accommodate", "1"),))),
          (("Shared market", "1"),), (("Entrant", "1"), ("Incumbent", "1"))),
         ((("Entrant", (("Out", "1"),)), ("Incumbent", (("Fight", "1"),))),
          (("Monopoly", "1"),), (("Entrant", "0"), ("Incumbent", "2"))),
         ((("Entrant", (("Out", "1"),)), ("Incumbent", (("Accommodate", "1/2"), ("Fight", "1/2")))),
          (("Monopoly", "1"),), (("Entrant", "0"), ("Incumbent", "2")))},
        id="entry-deterrence-nash",
    ),
    pytest.param(
        # Responding costs the defender 1/4 * -4 = -1 > -2, so it responds; testing then gives the challenger
        # 1/4 * -2 + 3/4 * 1 = 1/4 > 0.
        "test_and_respond.efg", "spe", True,
        {((("Challenger", (("Test", "1"),)), ("Defender", (("Respond", "1"),))),
          (("Limited clash", "3/4"), ("War", "1/4")), (("Challenger", "1/4"), ("Defender", "-1")))},
        id="chance-node-spe",
    ),
    pytest.param(
        # Testing strictly dominates holding (1/4 > 0 and 1 > 0); the defender then responds.
        "test_and_respond.efg", "nash", False,
        {((("Challenger", (("Test", "1"),)), ("Defender", (("Respond", "1"),))),
          (("Limited clash", "3/4"), ("War", "1/4")), (("Challenger", "1/4"), ("Defender", "-1")))},
        id="chance-node-nash",
    ),
    pytest.param(
        # Two pure equilibria and the mixed one: Row plays Opera with 2/3 to make Column indifferent (1*p = 2*(1-p)).
        "battle_of_the_sexes.nfg", "nash", False,
        {((("Column", (("Opera", "1"),)), ("Row", (("Opera", "1"),))), (), (("Column", "1"), ("Row", "2"))),
         ((("Column", (("Football", "1"),)), ("Row", (("Football", "1"),))), (), (("Column", "2"), ("Row", "1"))),
         ((("Column", (("Football", "2/3"), ("Opera", "1/3"))), ("Row", (("Football", "1/3"), ("Opera", "2/3")))),
          (), (("Column", "2/3"), ("Row", "2/3")))},
        id="battle-of-the-sexes-nash",
    ),
    pytest.param(
        # Three players: everyone matching is the only stable profile; a lone deviator gains by matching.
        "three_way_coordination.nfg", "nash", False,
        {((("Ann", (("A", "1"),)), ("Bob", (("A", "1"),)), ("Cem", (("A", "1"),))), (),
          (("Ann", "1"), ("Bob", "1"), ("Cem", "1"))),
         ((("Ann", (("B", "1"),)), ("Bob", (("B", "1"),)), ("Cem", (("B", "1"),))), (),
          (("Ann", "1"), ("Bob", "1"), ("Cem", "1")))},
        id="three-players-pure",
    ),
    pytest.param(
        # Pure profiles of the strategic form: (L, l, d) -- C's threat d is off the path; (R, *, u) with B's move
        # off the path, either l or r.  Every other profile has a profitable deviation (checked by hand).
        "three_player_tree.efg", "nash", False,
        {((("A", (("L", "1"),)), ("B", (("l", "1"),)), ("C", (("d", "1"),))), (("x", "1"),),
          (("A", "1"), ("B", "1"), ("C", "1"))),
         ((("A", (("R", "1"),)), ("B", (("l", "1"),)), ("C", (("u", "1"),))), (("z", "1"),),
          (("A", "2"), ("B", "0"), ("C", "1"))),
         ((("A", (("R", "1"),)), ("B", (("r", "1"),)), ("C", (("u", "1"),))), (("z", "1"),),
          (("A", "2"), ("B", "0"), ("C", "1")))},
        id="three-player-tree-pure",
    ),
]


@pytest.mark.parametrize(("name", "solver", "behavioural", "expected"), SOLVE_CASES)
def test_solve_json_lists_the_expected_equilibria(capsys, name, solver, behavioural, expected):
    result = solve_json(capsys, name, solver)
    assert set(result) >= TOP_LEVEL
    assert result["solver"] == solver
    assert result["game"] == str(DATA / name)
    assert result["players"] == list(read_game(DATA / name).players)
    assert result["version"] == escalation.__version__
    labels = dict.fromkeys(result["players"], "") if behavioural else None
    found = [summary(eq, labels) for eq in result["equilibria"]]
    assert len(found) == len(set(found)), "an equilibrium is listed twice"
    assert set(found) == expected


def test_spe_strategies_are_keyed_by_information_set(capsys):
    game = read_game(DATA / "entry_deterrence.efg")
    result = solve_json(capsys, "entry_deterrence.efg", "spe")
    (eq,) = result["equilibria"]
    incumbent_set = game.infosets_of("Incumbent")[0].label
    assert nonzero(eq["strategies"]["Incumbent"][incumbent_set]) == {"Accommodate": "1"}


def test_nash_on_a_tree_uses_reduced_strategy_labels_and_flags_degeneracy(capsys):
    strategic = read_game(DATA / "entry_deterrence.efg").to_normal_form(reduced=True)
    result = solve_json(capsys, "entry_deterrence.efg", "nash")
    assert result["degenerate"] is True  # Out has two best replies: a continuum of equilibria
    for eq in result["equilibria"]:
        for player, strategies in zip(strategic.players, strategic.strategies, strict=True):
            assert set(eq["strategies"][player]) <= set(strategies)
    assert any("reduced strategic form" in note for note in result["notes"])


def test_nash_on_a_nondegenerate_game_is_not_flagged(capsys):
    result = solve_json(capsys, "battle_of_the_sexes.nfg", "nash")
    assert result["degenerate"] is False
    assert result["knife_edge"] == []


def test_nash_with_three_players_notes_that_only_pure_equilibria_are_listed(capsys):
    result = solve_json(capsys, "three_way_coordination.nfg", "nash")
    assert any("pure" in note for note in result["notes"])


# -- solve, text ----------------------------------------------------------------------------------
def test_text_output_is_a_table_of_each_equilibrium(capsys):
    code, out, err = run(capsys, "solve", "--game", str(DATA / "battle_of_the_sexes.nfg"), "--solver", "nash")
    assert (code, err) == (0, "")
    assert "equilibria:  3" in out
    assert [line.split() for line in out.splitlines() if line.startswith("equilibrium")] == [
        ["equilibrium", "1"], ["equilibrium", "2"], ["equilibrium", "3"]]
    rows = [line.split(maxsplit=2) for line in out.splitlines() if line.startswith("  ")]
    assert ["strategy", "Row", "Opera 2/3, Football 1/3"] in rows
    assert ["payoff", "Column", "2/3"] in rows
    assert not out.lstrip().startswith("{")


def test_text_output_of_a_tree_shows_actions_and_outcomes(capsys):
    code, out, _ = run(capsys, "solve", "--game", str(DATA / "test_and_respond.efg"), "--solver", "spe")
    assert code == 0
    rows = [line.split(maxsplit=2) for line in out.splitlines() if line.startswith("  ")]
    assert ["outcome", "War", "1/4"] in rows
    assert any(r[:2] == ["strategy", "Defender"] and r[2].endswith(": Respond") for r in rows)


# -- errors ---------------------------------------------------------------------------------------
def assert_one_line_error(code: int, out: str, err: str, starts: str) -> None:
    assert code == 2
    assert out == ""
    assert err.endswith("\n"), err
    assert err.count("\n") == 1, err
    assert err.startswith(f"escalation: error: {starts}"), err
    assert "Traceback" not in err


MALFORMED_EFG = """EFG 2 R "Broken" { "A" "B" }
""

p "" 1 1 "" { "L" "R" } 0
q "" 1 "?" { 0, 0 }
t "" 2 "" { 1, 1 }
"""


def test_a_malformed_file_gives_one_line_naming_file_and_line(capsys, tmp_path):
    path = tmp_path / "bad.efg"
    path.write_text(MALFORMED_EFG)
    assert_one_line_error(*run(capsys, "solve", "--game", str(path), "--solver", "spe"), starts=f"{path}:5: ")


def test_a_missing_file_gives_one_line(capsys, tmp_path):
    path = tmp_path / "nowhere.nfg"
    code, out, err = run(capsys, "solve", "--game", str(path), "--solver", "nash")
    assert_one_line_error(code, out, err, starts="")
    assert str(path) in err


def test_an_unknown_extension_gives_one_line(capsys, tmp_path):
    path = tmp_path / "game.txt"
    path.write_text("not a game\n")
    assert_one_line_error(*run(capsys, "solve", "--game", str(path), "--solver", "nash"), starts=str(path))


def test_spe_on_a_normal_form_is_a_one_line_error(capsys):
    code, out, err = run(capsys, "solve", "--game", str(DATA / "battle_of_the_sexes.nfg"), "--solver", "spe")
    assert_one_line_error(code, out, err, starts="")
    assert "--solver nash" in err


def test_an_unknown_solver_is_rejected_by_the_parser(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["solve", "--game", str(DATA / "entry_deterrence.efg"), "--solver", "qre"])
    assert stop.value.code == 2
    assert "invalid choice: 'qre'" in capsys.readouterr().err


def test_no_command_is_an_error(capsys):
    code, _, err = run(capsys)
    assert code == 2
    assert "name a command" in err


def test_python_dash_m_reports_a_malformed_file_without_traceback(tmp_path):
    path = tmp_path / "bad.efg"
    path.write_text(MALFORMED_EFG)
    done = subprocess.run([sys.executable, "-m", "escalation", "solve", "--game", str(path), "--solver", "spe"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert_one_line_error(done.returncode, done.stdout, done.stderr, starts=f"{path}:5: ")


# -- figures --------------------------------------------------------------------------------------
def test_figures_passes_its_arguments_to_write_figures(capsys, monkeypatch, tmp_path):
    import escalation.figures

    calls = []

    def fake(out_dir, formats=("png", "svg"), only=None, progress=False):
        calls.append((Path(out_dir), tuple(formats), None if only is None else tuple(only), progress))
        return [Path(out_dir) / "a.svg", Path(out_dir) / "README.md"]

    monkeypatch.setattr(escalation.figures, "write_figures", fake)
    code, out, _ = run(capsys, "figures", "--out", str(tmp_path), "--format", "svg", "pdf", "--only", "x", "y")
    assert code == 0
    assert calls == [(tmp_path, ("svg", "pdf"), ("x", "y"), False)]
    assert out.splitlines() == [str(tmp_path / "a.svg"), str(tmp_path / "README.md")]
    code, _, _ = run(capsys, "figures")
    assert calls[-1] == (Path("figures"), ("png", "svg"), None, False)


def test_figures_writes_the_chosen_figure(capsys, tmp_path):
    from escalation.figures import FIGURES

    figure_id = next(iter(FIGURES))
    code, out, _ = run(capsys, "figures", "--out", str(tmp_path), "--format", "svg", "--only", figure_id)
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["README.md", f"{figure_id}.svg"])
    assert out.splitlines() == [str(tmp_path / f"{figure_id}.svg"), str(tmp_path / "README.md")]
    assert (tmp_path / f"{figure_id}.svg").read_text().lstrip().startswith("<?xml")


@pytest.mark.parametrize(("option", "value", "named"), [
    pytest.param("--only", "no-such-figure", "'no-such-figure'", id="unknown-id"),
    pytest.param("--format", "gif", "'gif'", id="unknown-format"),
])
def test_figures_rejects_unknown_ids_and_formats_in_one_line(capsys, tmp_path, option, value, named):
    code, out, err = run(capsys, "figures", "--out", str(tmp_path), option, value)
    assert_one_line_error(code, out, err, starts="parameter ")
    assert named in err
    assert list(tmp_path.iterdir()) == []


# -- version --------------------------------------------------------------------------------------
def test_version_flag(capsys):
    code, out, _ = run(capsys, "--version")
    assert (code, out) == (0, f"escalation {escalation.__version__}\n")


def test_python_dash_m_version():
    done = subprocess.run([sys.executable, "-m", "escalation", "--version"], capture_output=True, text=True,
                          timeout=120, check=True)
    assert done.stdout == f"escalation {escalation.__version__}\n"


def test_figures_progress_bar_on_request(tmp_path, capsys):
    pytest.importorskip("tqdm")
    assert main(["figures", "--out", str(tmp_path), "--only", "crisis-chicken-matrix", "--format", "png",
                 "--progress"]) == 0
    err = capsys.readouterr().err
    assert "figures" in err
    assert "1/1" in err
    assert main(["figures", "--out", str(tmp_path), "--only", "crisis-chicken-matrix", "--format", "png",
                 "--no-progress"]) == 0
    assert "1/1" not in capsys.readouterr().err
