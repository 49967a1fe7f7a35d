"""Game files that are too large, too deep or not ASCII numbers (issue 15), and the two .efg readers agreeing."""

from __future__ import annotations

import gc
import math
from fractions import Fraction

import fuzz_files
import pytest
from fuzz_files import SEEDS, mutant
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import perfect_information_trees, trees_with_information_sets

from escalation.errors import GameFileError
from escalation.games import ExtensiveFormGame, decision, outcome
from escalation.io import efg_text, parse_efg, read_efg, read_nfg, write_efg
from escalation.io.efg import _EfgReader
from escalation.io.efg_fast import NotFast, fast_parse
from escalation.io.efg_tree import ProbabilityProblem, TreeShapeProblem, build_game
from escalation.solvers import subgame_perfect

PLAYERS = '{ "A" "B" }'


def refused(reader, text: str, line: int, problem: str, tmp_path, suffix: str) -> None:
    path = tmp_path / f"game{suffix}"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GameFileError) as info:
        reader(path)
    assert (info.value.path, info.value.line) == (str(path), line)
    assert problem in info.value.problem


@pytest.mark.parametrize(("text", "line", "problem"), [
    pytest.param(f'NFG 1 R "" {PLAYERS}\n{{ 9223372036854775808 2 }}\n1 2', 2, "more than 10,000,000 strategy profiles",
                 id="2^63 strategies"),
    pytest.param('NFG 1 R "" { "A" }\n{ 100000000000000000000 }\n1', 2, "more than 10,000,000 strategy profiles",
                 id="10^20 strategies"),
    pytest.param(f'NFG 1 R "" {PLAYERS}\n{{ 100000 100000 }}\n1 2', 2, "player 2 has 100,000 strategies",
                 id="100000 x 100000"),
    pytest.param('NFG 1 R "" { ' + " ".join(f'"P{i}"' for i in range(40)) + " }\n{ " + "1 " * 40 + "}\n" + "0 " * 40,
                 1, "the game has 40 players; at most 32", id="40 one-strategy players"),
    pytest.param('NFG 1 R "" { ' + " ".join(f'"P{i}"' for i in range(30)) + " }\n{ " + "2 " * 30 + "}\n", 2,
                 "player 24 has 2 strategies", id="2^30 profiles"),
    pytest.param('NFG 1 R "' + "x" * 50_000_000 + '" { "A" }\n{ 1 }\n1', 1, "more than 1,000,000 characters",
                 id="50 MB title"),
    pytest.param('NFG 1 R "" { "A" }\n{ 1 }\n1e999999999', 3, "exponent beyond", id="payoff 1e999999999"),
    pytest.param('NFG 1 R "" { "A" }\n{ 1 }\n\u0663', 3, "found '\u0663'", id="arabic-indic digit"),
    pytest.param('NFG 1 R "" { "A" }\n{ \uff15 }\n1', 2, "found '\uff15'", id="fullwidth digit"),
    pytest.param('NFG 1 R "" { "A" }\n{ 1 }\n' + "7" * 5000, 3, "more than 4,000 characters", id="5000 digits"),
])
def test_nfg_files_too_large_or_not_ascii_are_refused_naming_the_line(text, line, problem, tmp_path):
    refused(read_nfg, text, line, problem, tmp_path, ".nfg")


def leaf_file(payoff: str, title: str = "") -> str:
    return f'EFG 2 R "{title}" {{ "A" }}\np "" 1 1 "" {{ "x" "y" }} 0\nt "" 1 "" {{ {payoff} }}\nt "" 2 "" {{ 0 }}\n'


@pytest.mark.parametrize(("text", "line", "problem"), [
    pytest.param(leaf_file("1e999999999"), 3, "exponent beyond", id="payoff 1e999999999"),
    pytest.param(leaf_file("\u0663"), 3, "found '\u0663'", id="arabic-indic digit"),
    pytest.param(leaf_file("\uff15"), 3, "found '\uff15'", id="fullwidth digit"),
    pytest.param(leaf_file("1", title="x" * 50_000_000), 1, "more than 1,000,000 characters", id="50 MB title"),
    pytest.param(leaf_file("1" * 5000), 3, "more than 4,000 characters", id="5000 digits"),
    pytest.param(leaf_file("\u00a01"), 3, "found '\\xa01'", id="a non-ASCII space separates nothing"),
])
def test_efg_files_too_large_or_not_ascii_are_refused_naming_the_line(text, line, problem, tmp_path):
    refused(read_efg, text, line, problem, tmp_path, ".efg")


def test_labels_may_hold_any_character():
    text = leaf_file("1").replace('"x" "y"', '"x\u00a0\u0663" "y"')
    assert parse_efg(text).nodes[0].actions == ("x\u00a0\u0663", "y")


def test_a_number_with_a_large_exponent_within_the_limit_is_read_exactly():
    game = parse_efg(leaf_file("-25e-400"))
    assert game.node("root/x").payoffs[0] == Fraction(-25, 10**400)


def chain(depth: int) -> ExtensiveFormGame:
    node = outcome("end", (0, 1))
    for k in range(depth):
        node = decision(("A", "B")[k % 2], {"stop": outcome(f"stop {k}", (k + 1, k + 1)), "go": node})
    return ExtensiveFormGame(("A", "B"), node)


@pytest.mark.parametrize("depth", [400, 3000])
def test_chains_hundreds_or_thousands_deep_are_read_written_and_solved(depth, tmp_path):
    game = chain(depth)
    path = tmp_path / "chain.efg"
    write_efg(game, path)
    back = read_efg(path)
    assert back == game
    (spe,) = subgame_perfect(back)
    assert spe.payoffs["A"] == depth
    # the careful reader (which names lines) reads it too, without recursion
    assert build_game(_EfgReader(path.read_text(), str(path)).read()) == game


# -- the fast reader and the careful one agree ------------------------------------------------------
def careful(text: str) -> ExtensiveFormGame:
    return build_game(_EfgReader(text, "<careful>").read())


any_tree = st.one_of(
    st.integers(2, 3).flatmap(lambda n: perfect_information_trees(players=n, fractions=True)),
    trees_with_information_sets(fractions=True),
)


@given(any_tree)
def test_the_fast_reader_takes_every_file_we_write_and_agrees_with_the_careful_one(game):
    text = efg_text(game)
    fast = build_game(fast_parse(text))
    assert fast == game
    assert fast == careful(text)
    assert dict(fast.infosets) == dict(careful(text).infosets)
    assert [t.outcome for t in fast.terminals] == [t.outcome for t in careful(text).terminals]


def gambit_style(game: ExtensiveFormGame) -> str:
    """The file written the way Gambit writes it (an information set declared once, then named by number)."""
    pygambit = pytest.importorskip("pygambit")
    import io

    return pygambit.read_efg(io.StringIO(efg_text(game))).to_efg()


@given(any_tree)
def test_the_readers_agree_on_files_gambit_writes(game):
    text = gambit_style(game)
    try:
        fast = build_game(fast_parse(text))
    except NotFast:
        return
    assert fast == careful(text)
    assert dict(fast.infosets) == dict(careful(text).infosets)


def test_outcomes_at_inner_nodes_are_left_to_the_careful_reader():
    text = ('EFG 2 R "" { "A" }\np "" 1 1 "" { "x" "y" } 1 "bonus" { 1/2 }\nt "" 2 "" { 1 }\nt "" 0\n')
    with pytest.raises(NotFast):
        fast_parse(text)
    assert [n.payoffs for n in parse_efg(text).terminals] == [(Fraction(3, 2),), (Fraction(1, 2),)]


def test_huge_and_fractional_payoffs_round_trip_exactly():
    big = 10**30 + 7
    game = ExtensiveFormGame(("A", "B"), decision("A", {
        "x": outcome("big", (big, Fraction(1, 10**20 + 39))),
        "y": outcome(None, (-big, math.factorial(25))),
    }))
    back = parse_efg(efg_text(game))
    assert back == game
    assert back.node("root/x").payoffs == (big, Fraction(1, 10**20 + 39))


ENTRY = 'EFG 2 R "" { "A" "B" }\np "" 1 1 "" { "a" "b" } 0\n'


@pytest.mark.parametrize(("leaves", "line", "problem"), [
    ('t "" 1 "" { 1,,2 }\nt "" 2 "" { 3 4 }\n', 3, "expected a payoff of outcome 1 or '}', found ','"),
    ('t "" 1 "" { ,1 2 }\nt "" 2 "" { 3 4 }\n', 3, "expected a payoff of outcome 1 or '}', found ','"),
    ('t "" 2\nt "" 2 "" { 3 4 }\n', 3, "outcome 2 is used before its payoffs are given"),
    ('t "" 1 "" { 1 2 }\nt "" 1 "" { 1 2 3 }\n', 4, "outcome 1 lists 3 payoffs but the game has 2 players"),
    ('t "" 0 "" { 1 2 }\nt "" 2 "" { 3 4 }\n', 3, "outcome 0 is the null outcome"),
])
def test_files_the_fast_reader_once_took_are_refused_as_the_careful_reader_refuses_them(leaves, line, problem):
    # the fast reader read the first three (doubled or leading commas; an outcome named before its payoffs)
    with pytest.raises(NotFast):
        fast_parse(ENTRY + leaves)
    with pytest.raises(GameFileError) as info:
        parse_efg(ENTRY + leaves)
    assert info.value.line == line
    assert problem in info.value.problem


def test_the_same_set_declared_with_other_spacing_is_one_set():
    text = ('EFG 2 R "" { "A" "B" }\np "" 1 1 "h" { "a" "b" } 0\np "" 2 1 "" { "l" "r" } 0\n'
            't "" 1 "" { 1 2 }\nt "" 2 "" { 3 4 }\np "" 2\t 1 "" {"l"  "r"} 0\nt "" 3 "" { 5 6 }\nt "" 4 "" { 7 8 }\n')
    game = parse_efg(text)
    assert game == careful(text)
    assert len(game.infosets) == 2


efg_seeds = [p for p in SEEDS if p.suffix == ".efg"]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(efg_seeds), st.randoms(use_true_random=False))
def test_on_mutants_of_gambit_files_the_fast_reader_agrees_with_the_careful_one_or_leaves_the_file_to_it(source, rng):
    try:
        text = mutant(rng, source.read_bytes()).decode("utf-8")
    except UnicodeDecodeError:
        return
    try:
        fast = build_game(fast_parse(text))
    except (NotFast, ProbabilityProblem, TreeShapeProblem):
        return
    slow = careful(text)  # a GameFileError here: the fast reader took a file the careful one refuses
    assert fast == slow
    assert dict(fast.infosets) == dict(slow.infosets)
    assert [t.outcome for t in fast.terminals] == [t.outcome for t in slow.terminals]
    assert fast.title == slow.title


@pytest.mark.parametrize("payoff", ["1" * 100_000 + "x", " ".join(["12"] * 60) + " NaN"])
def test_a_long_run_of_digits_or_many_numbers_before_a_bad_one_is_refused_without_backtracking(payoff, tmp_path):
    # the number pattern once matched "12" two ways: a run of digits took quadratic time, a list exponential
    path = tmp_path / "digits.efg"
    players = " ".join(f'"P{k}"' for k in range(len(payoff.split())))
    path.write_text(f'EFG 2 R "" {{ {players} }}\nt "" 1 "" {{ {payoff} }}\n', encoding="utf-8")
    assert fuzz_files.outcome(path) == "refused"  # it reports a read that hangs (fuzz_files.HANG) as such


def test_reading_leaves_the_cycle_collector_as_it_found_it():
    # parse_efg pauses Python's cycle collector while it reads, and must restore it, also after an error
    assert gc.isenabled()
    with pytest.raises(GameFileError):
        parse_efg(ENTRY + 't "" 1 "" { 1,,2 }\n')
    assert gc.isenabled()
    gc.disable()
    try:
        parse_efg(ENTRY + 't "" 1 "" { 1 2 }\nt "" 2 "" { 3 4 }\n')
        assert not gc.isenabled()
    finally:
        gc.enable()
