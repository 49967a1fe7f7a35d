"""The command line's JSON against the README's schema, export, and the light start-up path.

The schema table of the README ("The JSON schema of ``solve --json``") is parsed here: every key a
result has must be documented there, and every documented key must appear where the table says.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import sympy

from escalation.cli import main
from escalation.games import ExtensiveFormGame, NormalFormGame
from escalation.io import read_game
from escalation.io.game_json import game_from_json

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DATA = ROOT / "tests" / "data" / "cli"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def schema_rows() -> dict[str, str]:
    """``{key: description}`` from the README's table of ``solve --json`` keys."""
    start = README.index("The JSON schema of `solve --json`")
    rows = {}
    for line in README[start:].splitlines()[3:]:
        if not line.startswith("|"):
            if rows:
                break
            continue
        cell, text = line.split("|")[1:3]
        for key in re.findall(r"`([a-z_]+)`", cell):
            rows[key] = text
    return rows


def documented(kind: str) -> set[str]:
    """Keys a result of ``kind`` ("game files" or "models") must have: those not marked for the other kind."""
    other = "models:" if kind == "game files" else "game files:"
    return {k for k, text in schema_rows().items() if not text.strip().startswith(other)}


def test_game_file_json_has_exactly_the_documented_keys(capsys):
    code, out, _ = run(capsys, "solve", "--game", str(DATA / "test_and_respond.efg"), "--solver", "spe", "--json")
    assert code == 0
    assert set(json.loads(out)) == documented("game files")


@pytest.mark.parametrize("model", ["tripwire", "unilateral", "unity", "deconfliction"])
def test_model_json_has_exactly_the_documented_keys(capsys, model):
    code, out, _ = run(capsys, "solve", model, "--json")
    assert code == 0
    result = json.loads(out)
    assert set(result) == documented("models")
    assert result["solver"] == "model"
    allowed = {"strategies", "outcomes", "payoffs", "name", "beliefs", "approximate", "belief_sets", "alternatives",
               "distribution"}
    assert all(set(eq) <= allowed for eq in result["equilibria"])


def test_an_irrational_equilibrium_is_flagged_and_has_a_decimal_companion(capsys):
    """The volunteer's dilemma with N = 4, K = 1, U = 2: each member abstains with probability 2**(-1/3)."""
    code, out, _ = run(capsys, "solve", "unity", "--set", "N=4", "--set", "K=1", "--set", "U=2", "--json")
    assert code == 0
    result = json.loads(out)
    assert result["rational"] is False
    (eq,) = result["equilibria"]
    q = sympy.Rational(1, 2) ** sympy.Rational(1, 3)
    assert sympy.simplify(sympy.sympify(eq["strategies"]["Member 1"]["Abstain"]) - q) == 0
    assert float(eq["approximate"]["strategies"]["Member 1"]["Abstain"]) == pytest.approx(float(q), rel=1e-14)
    assert float(eq["approximate"]["outcomes"]["nobody responds"]) == pytest.approx(float(q**4), rel=1e-14)
    code, text, _ = run(capsys, "solve", "unity", "--set", "N=4", "--set", "K=1", "--set", "U=2")
    assert "(~0.7937)" in text


def test_a_rational_result_has_no_approximation(capsys):
    code, out, _ = run(capsys, "solve", "unity", "--set", "N=2", "--json")
    assert code == 0
    result = json.loads(out)
    assert result["rational"] is True
    assert all("approximate" not in eq for eq in result["equilibria"])


def test_models_json_keys_are_documented(capsys):
    _, out, _ = run(capsys, "models", "--json")
    assert all(set(m) == {"name", "title", "claims", "parameters"} for m in json.loads(out))
    _, out, _ = run(capsys, "models", "unilateral", "--json")
    info = json.loads(out)
    start = README.index("`escalation models NAME --json` one model:")
    text = README[start:README.index("\n\n", start)]
    for key in info:
        assert f"`{key}`" in text, key
    for key in info["parameters"]["p_Def"]:
        assert f"`{key}`" in text, key
    assert info["parameters"]["p_Def"]["interval"] == "(0, 1)"


# -- export ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["entry_deterrence.efg", "test_and_respond.efg", "battle_of_the_sexes.nfg",
                                  "three_player_tree.efg"])
def test_export_json_of_a_game_file_reads_back_as_the_same_game(capsys, name):
    code, out, err = run(capsys, "export", "--game", str(DATA / name), "--format", "json")
    assert (code, err) == (0, "")
    assert game_from_json(json.loads(out)) == read_game(DATA / name)


def test_export_efg_of_a_model_opens_as_the_model_game(capsys, tmp_path):
    from escalation.models import get_model

    path = tmp_path / "tripwire.efg"
    code, _, _ = run(capsys, "export", "tripwire", "--format", "efg", "--set", "F=150", "--out", str(path))
    assert code == 0
    game = read_game(path)
    assert isinstance(game, ExtensiveFormGame)
    expected = get_model("tripwire").game(F=150)
    assert [n.payoffs for n in game.nodes] == [n.payoffs for n in expected.nodes]


def test_export_nfg_of_a_tree_is_its_reduced_strategic_form(capsys, tmp_path):
    path = tmp_path / "entry.nfg"
    code, _, _ = run(capsys, "export", "--game", str(DATA / "entry_deterrence.efg"), "--format", "nfg",
                     "--out", str(path))
    assert code == 0
    game = read_game(path)
    assert isinstance(game, NormalFormGame)
    assert game == read_game(DATA / "entry_deterrence.efg").to_normal_form(reduced=True)


def test_export_latex_of_the_tripwire_model_is_its_named_regions(capsys):
    from escalation.models.tripwire import regions_latex

    code, out, _ = run(capsys, "export", "tripwire", "--format", "latex")
    assert code == 0
    assert out == regions_latex() + "\n"


def test_export_latex_falls_back_to_regions_of_the_symbolic_tree(capsys):
    code, out, _ = run(capsys, "export", "escalation-complete", "--format", "latex")
    assert code == 0
    assert out.startswith("\\begin{cases}")


def test_export_latex_of_closed_forms(capsys):
    code, out, _ = run(capsys, "export", "unity", "--format", "latex", "--set", "N=3")
    assert code == 0
    assert out.startswith("\\begin{aligned}")
    assert "q\\_star" in out


@pytest.mark.parametrize(("argv", "message"), [
    (["export", "--game", str(DATA / "battle_of_the_sexes.nfg"), "--format", "efg"], "normal form"),
    (["export", "--game", str(DATA / "entry_deterrence.efg"), "--format", "latex"], "a game file has numbers"),
    (["export", "brinkmanship", "--format", "efg"], "solved in closed form"),
    (["export", "tripwire", "--format", "latex", "--set", "F=1"], "--set does not apply"),
    (["export", "tripwire", "--format", "efg", "--set", "F=-1"], "parameter 'F'"),
    (["export", "--format", "json"], "name a MODEL or give --game FILE"),
])
def test_export_refuses_in_one_line(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert message in err


# -- start-up -------------------------------------------------------------------------------------
@pytest.mark.parametrize("argv", [["--version"], ["models"], ["models", "--json"], ["solve", "--help"]])
def test_light_commands_import_no_heavy_library(argv):
    """What `escalation --version` and `escalation models` load (the timings are in benchmarks/cli_startup.py)."""
    code = ("import runpy, sys\nsys.argv = ['escalation', *sys.argv[1:]]\n"
            "try:\n    runpy.run_module('escalation', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "heavy = sorted(m for m in ('sympy', 'numpy', 'scipy', 'matplotlib', 'xarray', 'pandas', 'nashpy') "
            "if m in sys.modules)\nprint('HEAVY', heavy, file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, timeout=120,
                          check=True)
    assert "HEAVY []" in done.stderr


@pytest.mark.parametrize(("data", "message"), [
    ({"format": "escalation-game", "kind": "tree", "players": ["A"]}, "lacks the key 'nodes'"),
    ({"format": "escalation-game", "kind": "tree", "players": ["A"], "nodes": 3}, "not a list or an object"),
    ({"format": "other"}, "not an escalation-game description"),
    ({"format": "escalation-game", "kind": "tree", "players": ["A"],
      "nodes": [{"kind": "decision", "player": "A", "moves": [{"action": "x", "node": 0}]}]}, "node 0"),
])
def test_malformed_game_json_is_a_game_file_error(data, message):
    from escalation.errors import GameFileError

    with pytest.raises(GameFileError, match=message):
        game_from_json(data, "g.json")


def test_nash_on_an_imperfect_recall_tree_uses_the_full_strategic_form(capsys, tmp_path):
    """A forgets whether it played L or R: the reduced strategic form does not exist (the message told CLI users
    to "use reduced=False", an option they do not have); the full strategic form does."""
    from escalation.games import decision, outcome
    from escalation.io import write_game

    def second(first: str):
        return decision("A", {"l": outcome(f"{first}l", (1, 0)), "r": outcome(f"{first}r", (0, 1))},
                        infoset="A forgets")

    game = ExtensiveFormGame(("A", "B"), decision("A", {
        "L": decision("B", {"x": second("Lx"), "y": outcome("Ly", (2, 2))}),
        "R": decision("B", {"x": second("Rx"), "y": outcome("Ry", (0, 3))}),
    }))
    assert not game.has_perfect_recall
    write_game(game, tmp_path / "forgetful.efg")
    code, out, err = run(capsys, "solve", "--game", str(tmp_path / "forgetful.efg"), "--solver", "nash", "--json")
    assert (code, err) == (0, "")
    result = json.loads(out)
    assert any("full strategic form" in note for note in result["notes"])
    assert "reduced=False" not in out


@pytest.mark.parametrize(("raised", "code", "starts"), [
    (MemoryError(), 2, "escalation: error: ran out of memory"),
    (TypeError("unsupported operand"), 3, "escalation: internal error (TypeError: unsupported operand); please report"),
    (KeyboardInterrupt(), 130, "escalation: interrupted"),
])
def test_no_traceback_reaches_the_user(capsys, monkeypatch, raised, code, starts):
    import escalation.cli.models

    def broken(args):
        raise raised

    monkeypatch.setattr(escalation.cli.models, "describe_model", broken)
    monkeypatch.delenv("ESCALATION_TRACEBACK", raising=False)
    exit_code, out, err = run(capsys, "models", "tripwire")
    assert exit_code == code
    assert out == ""
    assert err.startswith(starts)
    assert err.count("\n") == 1
