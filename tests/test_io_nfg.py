"""Gambit .nfg files: both prologues, both bodies, round trips, and malformed files with their line numbers."""

from __future__ import annotations

import tempfile
from fractions import Fraction
from pathlib import Path

import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st
from strategies import normal_form_games, perfect_information_trees

from escalation.errors import GameFileError, ParameterError
from escalation.games import ExtensiveFormGame, NormalFormGame, decision, outcome
from escalation.io import nfg_text, parse_nfg, read_game, read_nfg, write_game, write_nfg

DATA = Path(__file__).parent / "data" / "gambit"
MALFORMED = DATA / "malformed"


# -- fixtures read against hand-built games ------------------------------------------------------
def test_strategy_lists_and_payoff_body():
    game = read_nfg(DATA / "chicken.nfg")
    expected = NormalFormGame.from_matrices([[0, -1], [1, -10]], [[0, 1], [-1, -10]], players=("USA", "Russia"),
                                            strategies=(("Swerve", "Straight"),) * 2)
    assert game == expected
    assert game.title == "Chicken"


def test_strategy_counts_with_decimal_and_fractional_payoffs_for_three_players():
    game = read_nfg(DATA / "counts.nfg")
    half, third = Fraction(1, 2), Fraction(1, 3)
    expected = NormalFormGame.from_profiles(("Russia", "Coalition", "Ukraine"), (("1", "2"), ("1",), ("1", "2")), {
        ("1", "1", "1"): (half, third, -2),
        ("2", "1", "1"): (1, 0, 0),
        ("1", "1", "2"): (-half, Fraction(9, 4), 10),
        ("2", "1", "2"): (0, 0, 3),
    })
    assert game == expected


def test_outcome_body_with_null_outcomes():
    game = read_nfg(DATA / "outcomes.nfg")
    expected = NormalFormGame.from_matrices([[2, 0], [0, 1]], [[1, 0], [0, 2]], players=("Row", "Column"),
                                            strategies=(("Opera", "Football"),) * 2)
    assert game == expected


def test_the_two_bodies_describe_the_same_game():
    payoffs = parse_nfg('NFG 1 R "" { "A" "B" } { 2 1 } 1 2 3 4')
    outcomes = parse_nfg('NFG 1 R "" { "A" "B" } { 2 1 } { { "x" 3, 4 } { "y" 1 2 } } 2 1')
    assert payoffs == outcomes
    assert payoffs.payoff(("2", "1")) == (3, 4)


def test_empty_and_repeated_labels_are_made_unique_as_gambit_does():
    game = parse_nfg('NFG 1 R "" { "P" "P" } { { "a" "a" "" } { "b" } } 0 0 0 0 0 0')
    assert game.players == ("P_1", "P_2")
    assert game.strategies == (("a_1", "a_2", "_1"), ("b",))


# -- writing -----------------------------------------------------------------------------------------
def test_written_text():
    game = NormalFormGame.from_matrices([[3, 0], ["5/2", 1]], [[3, 5], [0, "-1/3"]], players=("Row", "Column"),
                                        strategies=(("Cooperate", "Defect"), ("Cooperate", "Defect")), title="PD")
    assert nfg_text(game) == """\
NFG 1 R "PD" { "Row" "Column" }

{ { "Cooperate" "Defect" }
{ "Cooperate" "Defect" }
}

3 3
5/2 0
0 5
1 -1/3
"""


def test_a_tree_is_written_as_its_reduced_strategic_form():
    tree = ExtensiveFormGame(("A", "B"), decision("A", {
        "Stop": outcome("SQ", (0, 0)),
        "Go": decision("B", {"x": decision("A", {"l": outcome(None, (1, 1)), "r": outcome(None, (2, 0))}),
                             "y": outcome(None, (-1, 2))}),
    }))
    game = parse_nfg(nfg_text(tree))
    assert game == tree.to_normal_form()
    assert game.strategies[0] == ("Stop/*", "Go/l", "Go/r")


def test_symbolic_games_cannot_be_written():
    p = sympy.Symbol("p_B")
    game = NormalFormGame.from_matrices([[p, 0]], [[0, 1]])
    with pytest.raises(ParameterError, match="'p_B'"):
        nfg_text(game)


def test_writing_something_that_is_not_a_game(tmp_path):
    with pytest.raises(GameFileError, match="only a game"):
        write_nfg("not a game", tmp_path / "x.nfg")


# -- round trips -----------------------------------------------------------------------------------
any_normal_form = st.integers(2, 3).flatmap(lambda n: normal_form_games(players=n, fractions=True))


@given(any_normal_form)
def test_round_trip(game):
    back = parse_nfg(nfg_text(game))
    assert back == game
    assert back.title == game.title


@given(any_normal_form)
def test_text_to_game_to_text_is_stable(game):
    text = nfg_text(game)
    assert nfg_text(parse_nfg(text)) == text


@given(any_normal_form)
def test_file_round_trip(game):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "game.nfg"
        write_nfg(game, path)
        assert read_nfg(path) == game
        assert read_game(path) == game


@given(perfect_information_trees(players=2, max_depth=3, fractions=True))
def test_trees_written_as_nfg_read_back_as_their_strategic_form(game):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "game.nfg"
        write_game(game, path)
        assert read_game(path) == game.to_normal_form()


# -- malformed files -------------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "line", "problem"), [
    pytest.param("nfg_version.nfg", 1, "version number 1", id="bad version in the header"),
    pytest.param("nfg_strategy_lists.nfg", 3, "strategies of player 2", id="too few strategy lists"),
    pytest.param("nfg_zero_strategies.nfg", 3, "player 2 needs at least one strategy", id="no strategies"),
    pytest.param("nfg_unterminated.nfg", 3, "unterminated string", id="unterminated string"),
    pytest.param("nfg_truncated.nfg", 4, "ends where the payoff of player 1 at profile (2, 2)", id="truncated"),
    pytest.param("nfg_trailing.nfg", 4, "unexpected '0' after the entries of all 2", id="too many payoffs"),
    pytest.param("nfg_nan.nfg", 4, "found 'nan'", id="NaN payoff"),
    pytest.param("nfg_outcome_payoffs.nfg", 5, "outcome 2 lists 3 payoffs", id="wrong outcome payoff count"),
    pytest.param("nfg_outcome_index.nfg", 8, "outcome 3 does not exist", id="outcome number out of range"),
])
def test_malformed_files_name_the_file_and_line(name, line, problem):
    path = MALFORMED / name
    with pytest.raises(GameFileError) as info:
        read_nfg(path)
    error = info.value
    assert (error.path, error.line) == (str(path), line)
    assert problem in error.problem
    assert str(error).startswith(f"{path}:{line}: ")


def test_an_efg_file_is_not_an_nfg_file():
    with pytest.raises(GameFileError, match="expected 'NFG'") as info:
        read_nfg(DATA / "deterrence.efg")
    assert info.value.line == 1


def test_missing_file(tmp_path):
    with pytest.raises(GameFileError, match="no such file") as info:
        read_game(tmp_path / "absent.nfg")
    assert info.value.line is None
