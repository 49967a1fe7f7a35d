"""Gambit .efg files: hand-written fixtures, round trips, and malformed files with their line numbers."""

from __future__ import annotations

import tempfile
from fractions import Fraction
from pathlib import Path

import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st
from strategies import perfect_information_trees, symbolic_payoff_trees, trees_with_information_sets

from escalation.errors import GameFileError, ParameterError, PayoffError
from escalation.games import ExtensiveFormGame, chance, decision, outcome
from escalation.io import efg_text, parse_efg, read_efg, read_game, write_efg, write_game

DATA = Path(__file__).parent / "data" / "gambit"
MALFORMED = DATA / "malformed"


# -- fixtures read against hand-built trees ------------------------------------------------------
def deterrence_by_hand() -> ExtensiveFormGame:
    """The tree drawn in tests/data/gambit/deterrence.efg, built with the builder."""

    def challenger(defender_infoset: str, war: tuple) -> object:
        return decision("Challenger", {
            "Probe": decision("Defender", {
                "Resist": outcome("War", war),
                "Yield": outcome("Concession", (1, -1)),
            }, infoset=defender_infoset),
            "Hold": outcome("Status quo", (0, 0)),
        }, infoset="Challenger's choice")

    return ExtensiveFormGame(("Challenger", "Defender"), chance({
        "resolute": (Fraction(1, 4), challenger("resolute defender", (-2, 1))),
        "irresolute": (Fraction(3, 4), challenger("irresolute defender", (-2, -3))),
    }), title='Tripwire with a "resolute" or an "irresolute" defender')


def test_deterrence_file_is_the_hand_built_tree():
    game = read_efg(DATA / "deterrence.efg")
    expected = deterrence_by_hand()
    assert game == expected
    assert game.title == expected.title
    assert list(game.infosets) == ["Challenger's choice", "resolute defender", "irresolute defender"]
    assert game.infosets["Challenger's choice"].nodes == (1, 6)
    assert [t.outcome for t in game.terminals] == ["War", "Concession", "Status quo", "War", "Concession", "Status quo"]
    assert game.node("root").probabilities == (sympy.Rational(1, 4), sympy.Rational(3, 4))


def test_outcomes_at_interior_nodes_are_added_to_every_leaf_below():
    game = read_efg(DATA / "mobilisation.efg")
    expected = ExtensiveFormGame(("Challenger", "Defender"), decision("Challenger", {
        "Mobilise": decision("Defender", {
            "Attack": outcome("war", (Fraction(1, 2) - 1 - 3, -2)),
            "Wait": outcome("deterrence", (Fraction(1, 2) - 1 + 2, 0)),
        }),
        "Stand down": outcome(None, (Fraction(1, 2), 0)),
    }))
    assert game == expected
    assert list(game.infosets) == ["1:1", "2:1"]


def test_node_names_event_names_and_comment_are_not_kept():
    plain = parse_efg('EFG 2 R "g" { "A" } c "" 1 "" { "x" 1/2 "y" 1/2 } 0 t "" 1 "o" { 1 } t "" 0')
    named = parse_efg('EFG 2 R "g" { "A" } "a comment" c "root" 7 "coin" { "x" 1/2 "y" 1/2 } 0 '
                      't "leaf" 1 "o" { 1 } t "other leaf" 0')
    assert named == plain
    assert efg_text(named) == efg_text(plain)


@pytest.mark.parametrize(("names", "labels"), [
    pytest.param(('"a"', '"b"', '"c"'), ["a", "b", "c"], id="unique names are kept"),
    pytest.param(('"h"', '"h"', '"g"'), ["1:1", "1:2", "g"], id="a repeated name gives way to player:number"),
    pytest.param(('""', '""', '"B moves"'), ["1:1", "1:2", "B moves"], id="empty names become player:number"),
    pytest.param(('"2:1"', '"x"', '""'), ["1:1", "x", "2:1"], id="a name equal to another set's fallback gives way"),
])
def test_information_set_labels(names, labels):
    text = f"""EFG 2 R "labels" {{ "A" "B" }}
    p "" 1 1 {names[0]} {{ "a" "b" }} 0
    p "" 1 2 {names[1]} {{ "c" }} 0
    t "" 0
    p "" 2 1 {names[2]} {{ "d" }} 0
    t "" 0
    """
    assert list(parse_efg(text).infosets) == labels


def test_empty_and_repeated_player_and_action_labels_are_made_unique_as_gambit_does():
    game = parse_efg('EFG 2 R "" { "A" "" "A" } p "" 2 1 "" { "x" "x" "" } 0 t "" 0 t "" 0 t "" 0')
    assert game.players == ("A_1", "_1", "A_2")
    assert game.nodes[0].actions == ("x_1", "x_2", "_1")
    assert game.nodes[0].player == 1


@pytest.mark.parametrize(("literal", "text"), [
    pytest.param(r'"say \"no\""', 'say "no"', id="escaped quotes"),
    pytest.param(r'"a\\b"', "a\\b", id="escaped backslash"),
    pytest.param(r'"a\nb"', "a\\nb", id="other backslashes stay"),
    pytest.param('"two\nlines"', "two\nlines", id="newline inside a string"),
])
def test_quoted_strings(literal, text):
    assert parse_efg(f'EFG 2 R {literal} {{ "A" }} t "" 0').title == text


@pytest.mark.parametrize(("number", "value"), [
    ("3", 3), ("-2", -2), ("+4", 4), ("1/3", Fraction(1, 3)), ("-7/2", Fraction(-7, 2)),
    ("0.25", Fraction(1, 4)), (".5", Fraction(1, 2)), ("2.", 2), ("1e-2", Fraction(1, 100)), ("-1.5E1", -15),
])
def test_numbers_are_read_exactly(number, value):
    game = parse_efg(f'EFG 2 R "n" {{ "A" }} t "" 1 "" {{ {number} }}')
    assert game.nodes[0].payoffs == (sympy.Rational(value),)


def test_title_with_quotes_and_backslashes_survives_writing():
    title = 'the "tripwire" \\ the plate-glass window'
    game = ExtensiveFormGame(("A",), outcome(None, (1,)), title=title)
    assert parse_efg(efg_text(game)).title == title


# -- writing --------------------------------------------------------------------------------------
def test_written_text():
    def russia(infoset: str) -> object:
        return decision("Russia", {
            "Attack": decision("NATO", {"Respond": outcome("war", (-5, "-7/2")), "Abandon": outcome(None, (2, -3))}),
            "Wait": outcome("status quo", (0, 0)),
        }, infoset=infoset)

    game = ExtensiveFormGame(("Russia", "NATO"), chance({"hawk": ("1/3", russia("hawkish")),
                                                          "dove": ("2/3", russia("dovish"))}), title="Types")
    assert efg_text(game) == """\
EFG 2 R "Types" { "Russia" "NATO" }

c "" 1 "" { "hawk" 1/3 "dove" 2/3 } 0
p "" 1 1 "hawkish" { "Attack" "Wait" } 0
p "" 2 1 "root/hawk/Attack" { "Respond" "Abandon" } 0
t "" 1 "war" { -5, -7/2 }
t "" 2 "" { 2, -3 }
t "" 3 "status quo" { 0, 0 }
p "" 1 2 "dovish" { "Attack" "Wait" } 0
p "" 2 2 "root/dove/Attack" { "Respond" "Abandon" } 0
t "" 1 "war" { -5, -7/2 }
t "" 2 "" { 2, -3 }
t "" 3 "status quo" { 0, 0 }
"""


def test_leaves_with_the_same_payoffs_but_different_labels_get_different_outcomes():
    game = ExtensiveFormGame(("A",), decision("A", {"x": outcome("peace", (1,)), "y": outcome("truce", (1,)),
                                                    "z": outcome("peace", (1,))}))
    leaves = [line for line in efg_text(game).splitlines() if line.startswith("t ")]
    assert leaves == ['t "" 1 "peace" { 1 }', 't "" 2 "truce" { 1 }', 't "" 1 "peace" { 1 }']


def test_symbolic_games_cannot_be_written():
    x = sympy.Symbol("x")
    game = ExtensiveFormGame(("A",), decision("A", {"a": outcome(None, (x,)), "b": outcome(None, (0,))}))
    with pytest.raises(ParameterError, match="'x'"):
        efg_text(game)


@given(symbolic_payoff_trees())
def test_drawn_symbolic_trees_cannot_be_written_until_substituted(game):
    if game.is_numeric:
        assert parse_efg(efg_text(game)) == game
        return
    with pytest.raises(ParameterError):
        efg_text(game)
    numeric = game.subs({s: 1 for s in game.free_symbols})
    assert parse_efg(efg_text(numeric)) == numeric


def test_irrational_payoffs_cannot_be_written():
    game = ExtensiveFormGame(("A",), decision("A", {"a": outcome(None, (sympy.sqrt(2),)), "b": outcome(None, (0,))}))
    with pytest.raises(PayoffError, match="not a rational number"):
        efg_text(game)


def test_zero_probability_chance_moves_are_written_and_read():
    game = ExtensiveFormGame(("A",), chance({"never": (0, outcome("x", (1,))), "always": (1, outcome("y", (2,)))}))
    assert 'c "" 1 "" { "never" 0 "always" 1 } 0' in efg_text(game)
    assert parse_efg(efg_text(game)) == game


# -- round trips -----------------------------------------------------------------------------------
any_tree = st.one_of(
    st.integers(2, 3).flatmap(lambda n: perfect_information_trees(players=n, fractions=True)),
    trees_with_information_sets(fractions=True),
)


@given(perfect_information_trees(players=3, fractions=True))
def test_round_trip_of_perfect_information_trees_with_chance(game):
    back = parse_efg(efg_text(game))
    assert back == game
    assert back.title == game.title
    assert [h.label for h in back.infosets.values()] == [h.label for h in game.infosets.values()]


@given(trees_with_information_sets(fractions=True))
def test_round_trip_of_trees_with_information_sets(game):
    back = parse_efg(efg_text(game))
    assert back == game
    assert dict(back.infosets) == dict(game.infosets)


@given(any_tree)
def test_text_to_game_to_text_is_stable(game):
    text = efg_text(game)
    assert efg_text(parse_efg(text)) == text


@given(any_tree)
def test_file_round_trip(game):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "game.efg"
        write_efg(game, path)
        assert read_efg(path) == game
        assert read_game(path) == game


def test_write_game_chooses_the_format_by_suffix(tmp_path):
    game = deterrence_by_hand()
    write_game(game, tmp_path / "tree.EFG")
    write_game(game, tmp_path / "strategic.nfg")
    assert read_game(tmp_path / "tree.EFG") == game
    assert read_game(tmp_path / "strategic.nfg") == game.to_normal_form()


# -- malformed files -------------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "line", "problem"), [
    pytest.param("efg_empty.efg", 1, "the file ends where 'EFG'", id="empty file"),
    pytest.param("efg_not_efg.efg", 1, "expected 'EFG'", id="not an efg file"),
    pytest.param("efg_version.efg", 2, "version number 2", id="bad version in the header"),
    pytest.param("efg_no_players.efg", 2, "no players", id="no players"),
    pytest.param("efg_unknown_node.efg", 5, "unknown node type 'd'", id="unknown node type"),
    pytest.param("efg_player_range.efg", 4, "player number 3 is out of range", id="player out of range"),
    pytest.param("efg_unterminated.efg", 3, "unterminated string", id="unterminated string"),
    pytest.param("efg_undefined_outcome.efg", 5, "outcome 7 is used before its payoffs", id="new outcome, no payoffs"),
    pytest.param("efg_payoff_count.efg", 4, "lists 3 payoffs but the game has 2 players", id="wrong payoff count"),
    pytest.param("efg_probabilities.efg", 3, "probabilities sum to 5/6", id="probabilities not summing to 1"),
    pytest.param("efg_negative_probability.efg", 4, "-1/2 is outside [0, 1]", id="negative probability"),
    pytest.param("efg_infoset_actions.efg", 6, 'has actions { "l" "m" } here but { "l" "r" } on line 3',
                 id="inconsistent information set"),
    pytest.param("efg_chance_event.efg", 6, "probabilities { 1/3 2/3 } here but { 1/2 1/2 } on line 3",
                 id="inconsistent chance event"),
    pytest.param("efg_undefined_infoset.efg", 4, "information set 1 of player 2 is used before its actions",
                 id="undefined information set"),
    pytest.param("efg_outcome_mismatch.efg", 4, "outcome 1 is given here as", id="outcome defined twice"),
    pytest.param("efg_null_outcome.efg", 3, "null outcome", id="payoffs for the null outcome"),
    pytest.param("efg_truncated.efg", 5, "ends before the tree is complete", id="truncated file"),
    pytest.param("efg_trailing.efg", 5, "after the last node", id="text after the tree"),
    pytest.param("efg_nan.efg", 4, "found 'NaN'", id="NaN payoff"),
    pytest.param("efg_division_by_zero.efg", 4, "'1/0' divides by zero", id="division by zero"),
])
def test_malformed_files_name_the_file_and_line(name, line, problem):
    path = MALFORMED / name
    with pytest.raises(GameFileError) as info:
        read_efg(path)
    error = info.value
    assert (error.path, error.line) == (str(path), line)
    assert problem in error.problem
    assert str(error).startswith(f"{path}:{line}: ")


def test_parse_errors_name_the_given_source():
    with pytest.raises(GameFileError, match=r"^typed in:1: unknown node type 'x'"):
        parse_efg('EFG 2 R "" { "A" } x', source="typed in")


def test_missing_file(tmp_path):
    path = tmp_path / "absent.efg"
    with pytest.raises(GameFileError, match="no such file") as info:
        read_efg(path)
    assert (info.value.path, info.value.line) == (str(path), None)


def test_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin1.efg"
    path.write_bytes('EFG 2 R "x" { "A" }\nt "" 1 "Gr\u00f6\u00dfe" { 1 }\n'.encode("latin-1"))
    with pytest.raises(GameFileError, match="not UTF-8") as info:
        read_efg(path)
    assert info.value.line == 2


def test_unknown_suffix(tmp_path):
    with pytest.raises(GameFileError, match=r"expected \.efg or \.nfg"):
        read_game(tmp_path / "game.txt")
    with pytest.raises(GameFileError, match=r"expected \.efg or \.nfg"):
        write_game(deterrence_by_hand(), tmp_path / "game")
