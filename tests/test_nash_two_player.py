"""Textbook two-player games with equilibrium sets derived by hand.

Each row gives a game, every extreme Nash equilibrium (in the solver's
documented order: decreasing probability of the row player's first strategy,
then its second, ..., then the column player's) with its payoffs, and whether
the game is degenerate.  The derivations are in the comments.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import pytest
import sympy

from escalation.errors import GameStructureError, ParameterError, ProbabilityError, SolverError, VerificationError
from escalation.games import NormalFormGame
from escalation.solvers.degeneracy import is_degenerate
from escalation.solvers.nash import nash_equilibria
from escalation.solvers.verify_normal_form import is_nash, verify_nash

F = Fraction


@dataclass(frozen=True)
class Case:
    game: NormalFormGame
    # each equilibrium: (row mixture, column mixture, row payoff, column payoff)
    equilibria: tuple[tuple[tuple, tuple, Fraction, Fraction], ...]
    degenerate: bool


def chicken(r, s, t, p) -> NormalFormGame:
    """Symmetric Chicken with strategies (Swerve, Straight): R both swerve, S swerve vs straight, T, P crash."""
    return NormalFormGame.from_matrices([[r, s], [t, p]], [[r, t], [s, p]], players=("USA", "Russia"),
                                        strategies=(("Swerve", "Straight"),) * 2, title="Chicken")


PRISONERS_DILEMMA = NormalFormGame.from_matrices(
    [[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=(("Cooperate", "Defect"),) * 2)
MATCHING_PENNIES = NormalFormGame.from_matrices([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
BATTLE_OF_THE_SEXES = NormalFormGame.from_matrices([[2, 0], [0, 1]], [[1, 0], [0, 2]])
AUMANN_CHICKEN = NormalFormGame.from_matrices([[6, 2], [7, 0]], [[6, 7], [2, 0]], strategies=(("Chicken", "Dare"),) * 2)
# Entry deterrence in strategic form: Out gives (0, 2); In then Fight (-1, -1), Accommodate (1, 1).
ENTRY = NormalFormGame.from_matrices(
    [[0, 0], [-1, 1]], [[2, 2], [-1, 1]], players=("Entrant", "Incumbent"),
    strategies=(("Out", "In"), ("Fight", "Accommodate")))
# von Stengel (2002, Handbook of Game Theory 3, ch. 45, sec. 2.6): a degenerate 3x2 game.
VON_STENGEL = NormalFormGame.from_matrices([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])
# A degenerate 2x3 game in which the column player is indifferent among all three columns against T.
THREE_WAY_TIE = NormalFormGame.from_matrices([[2, 0, 0], [0, 1, 1]], [[0, 0, 0], [0, 1, 2]],
                                             strategies=(("T", "B"), ("L", "C", "R")))

CASES = [
    # PD: Defect strictly dominates for both; unique equilibrium (D, D), payoffs (1, 1).
    pytest.param(Case(PRISONERS_DILEMMA, (((0, 1), (0, 1), 1, 1),), False), id="prisoners-dilemma"),
    # Matching pennies: no pure equilibrium; indifference forces (1/2, 1/2) for both, value 0.
    pytest.param(Case(MATCHING_PENNIES, (((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)), 0, 0),), False),
                 id="matching-pennies"),
    # Battle of the sexes: (O, O) and (F, F); mixed: Column indifferent iff x = 2(1 - x) -> x = 2/3;
    # Row indifferent iff 2y = 1 - y -> y = 1/3; payoffs 2/3 each.
    pytest.param(Case(BATTLE_OF_THE_SEXES, (
        ((1, 0), (1, 0), 2, 1),
        ((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3)), F(2, 3), F(2, 3)),
        ((0, 1), (0, 1), 1, 2),
    ), False), id="battle-of-the-sexes"),
    # Chicken (LITERATURE 7.1): Pr(Straight) = (T - R)/((T - R) + (S - P)); payoff R(1 - q) + S q.
    # R, S, T, P = 0, -1, 1, -10: q = 1/10, payoff -1/10.
    pytest.param(Case(chicken(0, -1, 1, -10), (
        ((1, 0), (0, 1), -1, 1),
        ((F(9, 10), F(1, 10)), (F(9, 10), F(1, 10)), F(-1, 10), F(-1, 10)),
        ((0, 1), (1, 0), 1, -1),
    ), False), id="chicken-war-cost-10"),
    # R, S, T, P = 3, 2, 4, 1: q = 1/2, payoff 3/2 + 1 = 5/2.
    pytest.param(Case(chicken(3, 2, 4, 1), (
        ((1, 0), (0, 1), 2, 4),
        ((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)), F(5, 2), F(5, 2)),
        ((0, 1), (1, 0), 4, 2),
    ), False), id="chicken-3-2-4-1"),
    # R, S, T, P = 0, -1, 1, -2: q = 1/2, payoff -1/2.
    pytest.param(Case(chicken(0, -1, 1, -2), (
        ((1, 0), (0, 1), -1, 1),
        ((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)), F(-1, 2), F(-1, 2)),
        ((0, 1), (1, 0), 1, -1),
    ), False), id="chicken-0-m1-1-m2"),
    # Aumann's Chicken: Chicken pays 6(1 - q) + 2q, Dare 7(1 - q): equal at q = Pr(Dare) = 1/3, payoff 14/3.
    pytest.param(Case(AUMANN_CHICKEN, (
        ((1, 0), (0, 1), 2, 7),
        ((F(2, 3), F(1, 3)), (F(2, 3), F(1, 3)), F(14, 3), F(14, 3)),
        ((0, 1), (1, 0), 7, 2),
    ), False), id="aumann-chicken"),
    # Entry deterrence: Out is a best response iff Pr(Fight) = q has 0 >= -q + (1 - q), i.e. q >= 1/2, and
    # against Out the incumbent is indifferent: the component {Out} x {q in [1/2, 1]} has extreme points
    # (Out, Fight) and (Out, 1/2 Fight); (In, Accommodate) is the subgame-perfect one.
    pytest.param(Case(ENTRY, (
        ((1, 0), (1, 0), 0, 2),
        ((1, 0), (F(1, 2), F(1, 2)), 0, 2),
        ((0, 1), (0, 1), 1, 1),
    ), True), id="entry-deterrence"),
    # von Stengel: against r1 the column player is indifferent; r1 is a best response iff y1 >= 2/3
    # (3 >= 5 - 3 y1 and 3 >= 6 - 6 y1).  Column mixing needs 2 x2 + 3 x3 = 6 x2 + x3 -> x3 = 2 x2, with
    # support {r2, r3}: x = (0, 1/3, 2/3); Row indifferent between r2, r3: 5 - 3 y1 = 6 - 6 y1 -> y1 = 1/3,
    # where r2 pays 4 > 3 = r1.  Payoffs: Row 4; Column 2(1/3) + 3(2/3) = 8/3 from either column.
    pytest.param(Case(VON_STENGEL, (
        ((1, 0, 0), (1, 0), 3, 3),
        ((1, 0, 0), (F(2, 3), F(1, 3)), 3, 3),
        ((0, F(1, 3), F(2, 3)), (F(1, 3), F(2, 3)), 4, F(8, 3)),
    ), True), id="von-stengel-degenerate"),
    # Three-way tie: against T the column player is indifferent among L, C, R; T is a best response iff
    # 2 yL >= yC + yR, i.e. yL >= 1/3: a triangle with vertices L, (1/3, 2/3, 0), (1/3, 0, 2/3).
    # Against any x with x_B > 0, R strictly beats C and L, and B is the best response to R: (B, R).
    pytest.param(Case(THREE_WAY_TIE, (
        ((1, 0), (1, 0, 0), 2, 0),
        ((1, 0), (F(1, 3), F(2, 3), 0), F(2, 3), 0),
        ((1, 0), (F(1, 3), 0, F(2, 3)), F(2, 3), 0),
        ((0, 1), (0, 0, 1), 1, 2),
    ), True), id="three-way-tie"),
]


def _as_case_rows(result) -> list[tuple]:
    rows = []
    for s in result:
        x, y = (tuple(Fraction(str(p)) for p in s.strategies[player].values()) for player in s.players)
        rows.append((x, y, Fraction(str(s.payoffs[s.players[0]])), Fraction(str(s.payoffs[s.players[1]]))))
    return rows


def _expected_rows(case: Case) -> list[tuple]:
    return [(tuple(map(Fraction, x)), tuple(map(Fraction, y)), Fraction(u), Fraction(v))
            for x, y, u, v in case.equilibria]


@pytest.mark.parametrize("case", CASES)
def test_extreme_equilibria_match_hand_derivation(case: Case) -> None:
    result = nash_equilibria(case.game, cross_check=False)
    assert _as_case_rows(result) == _expected_rows(case)
    assert result.degenerate is case.degenerate
    assert is_degenerate(case.game) is case.degenerate


@pytest.mark.parametrize("case", CASES)
def test_every_solution_records_an_exact_verified_nash_computation(case: Case) -> None:
    result = nash_equilibria(case.game, cross_check=False)
    assert result.refinement == "Nash"
    assert result.exact
    for solution in result:
        assert solution.computation.verified
        assert solution.computation.exact
        assert solution.computation.refinement == "Nash"
        for player, labels in zip(case.game.players, case.game.strategies, strict=True):
            assert tuple(solution.strategies[player]) == labels
            assert all(isinstance(p, sympy.Rational) for p in solution.strategies[player].values())


@pytest.mark.parametrize(
    ("game", "missed"),
    [
        # (Out, 1/2 Fight + 1/2 Accommodate): supports of sizes 1 and 2, a non-square indifference system.
        pytest.param(ENTRY, [((1, 0), (F(1, 2), F(1, 2)))], id="entry-deterrence"),
        pytest.param(VON_STENGEL, [((1, 0, 0), (F(2, 3), F(1, 3)))], id="von-stengel"),
        pytest.param(THREE_WAY_TIE, [((1, 0), (F(1, 3), F(2, 3), 0)), ((1, 0), (F(1, 3), 0, F(2, 3)))],
                     id="three-way-tie"),
    ],
)
def test_nashpy_support_enumeration_misses_extreme_equilibria_of_degenerate_games(game, missed) -> None:
    """nashpy solves only square indifference systems, so extreme equilibria with unequal supports are lost."""
    exact = nash_equilibria(game, cross_check=False)
    support = nash_equilibria(game, method="support")
    found = {(x, y) for x, y, _, _ in _as_case_rows(support)}
    everything = {(x, y) for x, y, _, _ in _as_case_rows(exact)}
    lost = {(tuple(map(Fraction, x)), tuple(map(Fraction, y))) for x, y in missed}
    assert found == everything - lost
    assert support.degenerate
    assert any(f"missed {len(lost)} of {len(everything)} extreme equilibria" in note for note in support.notes)
    vertex = nash_equilibria(game, cross_check="nashpy")
    assert any(f"support enumeration missed {len(lost)} of" in note for note in vertex.notes)
    assert not any(f"support enumeration missed {len(lost)} of" in note for note in nash_equilibria(game).notes)


@pytest.mark.parametrize(
    ("game", "lost"),
    [
        # A y = (1/3, 0, 1/3, 1/3): r1, r3, r4 best; x B = (3/7, 3/7, 3/7).
        pytest.param(NormalFormGame.from_matrices([[1, 0, 0], [0, 0, 0], [0, 0, 1], [0, 1, 0]],
                                                  [[3, 0, 0], [0, 0, 1], [0, 0, 1], [0, 1, 0]]),
                     ((F(1, 7), 0, F(3, 7), F(3, 7)), (F(1, 3),) * 3), id="zero-one-4x3"),
    ],
)
def test_nashpy_support_enumeration_rounding_loses_an_equilibrium(game, lost) -> None:
    """nashpy 0.0.43 solves for a probability it has forced to zero, gets about -3e-17, and rejects the support.

    The exact solver keeps the equilibrium; the notes say nashpy missed it.
    """
    lost = (tuple(map(Fraction, lost[0])), tuple(map(Fraction, lost[1])))
    exact = nash_equilibria(game, cross_check="nashpy")
    assert lost in {(x, y) for x, y, _, _ in _as_case_rows(exact)}
    assert not exact.degenerate
    support = nash_equilibria(game, method="support")
    assert lost not in {(x, y) for x, y, _, _ in _as_case_rows(support)}
    assert any("support enumeration missed 1 of" in note for note in exact.notes)


def test_support_method_agrees_with_vertex_method_on_a_nondegenerate_game() -> None:
    support = nash_equilibria(BATTLE_OF_THE_SEXES, method="support")
    assert _as_case_rows(support) == _as_case_rows(nash_equilibria(BATTLE_OF_THE_SEXES, cross_check=False))
    assert not any("missed" in note or "dropped" in note for note in support.notes)
    assert support.solutions[0].computation.tolerance is not None


def test_nashpy_floats_with_large_denominators_are_recovered_exactly() -> None:
    """Row indifferent iff y1 = K y2, so y = (K, 1)/(K + 1); Column indifferent iff x = (1/2, 1/2).

    With K + 1 > 10**6, rounding nashpy's floats to small denominators fails and the exact re-solve
    on nashpy's supports must supply the answer.
    """
    k = 12_345_678
    game = NormalFormGame.from_matrices([[1, 0], [0, k]], [[0, 1], [1, 0]])
    expected = [((F(1, 2), F(1, 2)), (F(k, k + 1), F(1, k + 1)), F(k, k + 1), F(1, 2))]
    for method in ("support", "vertex"):
        result = nash_equilibria(game, method=method)
        assert _as_case_rows(result) == expected
        assert not any("dropped" in note or "missed" in note for note in result.notes)


def test_cross_check_notes_agreement_on_a_nondegenerate_game() -> None:
    notes = nash_equilibria(AUMANN_CHICKEN, cross_check="nashpy").notes
    assert notes[0] == ("Lemke-Howson agrees: the paths from all 4 labels end at 2 of the extreme equilibria "
                        "(float paths, certified exactly)")
    assert notes[1:] == ("nashpy support enumeration agrees: it found all exact extreme equilibria",
                         "nashpy vertex enumeration agrees: it found all exact extreme equilibria")
    assert nash_equilibria(AUMANN_CHICKEN).notes == notes[:1]
    assert nash_equilibria(AUMANN_CHICKEN, cross_check=False).notes == ()


def test_degenerate_game_notes_name_the_maximal_nash_subsets() -> None:
    notes = nash_equilibria(THREE_WAY_TIE, cross_check=False).notes
    assert notes[0].startswith("degenerate game")
    assert notes[1].endswith("{1, 2, 3}, {4}")
    assert nash_equilibria(ENTRY).notes[2].startswith("Lemke-Howson agrees: the paths from all 4 labels end at")


def test_a_game_with_every_profile_an_equilibrium() -> None:
    """Constant payoffs: the whole square is one convex set whose extreme points are the 4 pure profiles."""
    game = NormalFormGame.from_matrices([[1, 1], [1, 1]], [[0, 0], [0, 0]])
    result = nash_equilibria(game, cross_check=False)
    assert [(x, y) for x, y, _, _ in _as_case_rows(result)] == [
        ((1, 0), (1, 0)), ((1, 0), (0, 1)), ((0, 1), (1, 0)), ((0, 1), (0, 1))]
    assert result.degenerate
    assert result.notes[1].endswith("{1, 2, 3, 4}")


def test_one_by_one_and_one_row_games() -> None:
    single = nash_equilibria(NormalFormGame.from_matrices([[5]], [[-3]]))
    assert [(s.payoffs["Row"], s.payoffs["Column"]) for s in single] == [(5, -3)]
    one_row = nash_equilibria(NormalFormGame.from_matrices([[1, 2, 3]], [[4, 1, 4]]))
    # The column player best-responds with c1 or c3 (payoff 4): two extreme equilibria, degenerate.
    assert [dict(s.strategies["Column"]) for s in one_row] == [{"c1": 1, "c2": 0, "c3": 0}, {"c1": 0, "c2": 0, "c3": 1}]
    assert one_row.degenerate
    assert one_row.notes[-1].startswith("Lemke-Howson agrees")
    with_nashpy = nash_equilibria(NormalFormGame.from_matrices([[1, 2, 3]], [[4, 1, 4]]), cross_check="nashpy")
    assert "nashpy vertex enumeration not run: a player has a single strategy" in with_nashpy.notes


def test_wrong_inputs_raise_package_errors() -> None:
    three = NormalFormGame(("A", "B", "C"), (("a",), ("b",), ("c",)), ([[[1]]], [[[1]]], [[[1]]]))
    with pytest.raises(SolverError, match="3 players"):
        nash_equilibria(three)
    with pytest.raises(SolverError, match="unknown method 'lemke'"):
        nash_equilibria(BATTLE_OF_THE_SEXES, method="lemke")
    with pytest.raises(SolverError, match="unknown cross_check 'gambit'"):
        nash_equilibria(BATTLE_OF_THE_SEXES, cross_check="gambit")
    symbolic = NormalFormGame.from_matrices([["x", 0], [0, 1]], [[1, 0], [0, 2]])
    with pytest.raises(ParameterError, match="'x'"):
        nash_equilibria(symbolic)
    with pytest.raises(SolverError, match="NormalFormGame"):
        nash_equilibria([[1, 0], [0, 1]])  # type: ignore[arg-type]
    with pytest.raises(SolverError):
        is_degenerate(three)


class TestVerifyNash:
    def test_names_player_and_deviation(self) -> None:
        message = r"player 'Row' gains by deviating to 'Defect': payoff 5 instead of 3"
        with pytest.raises(VerificationError, match=message):
            verify_nash(PRISONERS_DILEMMA, {"Row": {"Cooperate": 1}, "Column": {"Cooperate": 1}})

    def test_column_deviation_in_a_mixed_profile(self) -> None:
        # Battle of the sexes: against y = (1/3, 2/3) Row is indifferent (2/3 either way), so r1 is a best
        # response; but against r1 the column player gets 1/3 and would get 1 from c1.
        message = r"player 'Column' gains by deviating to 'c1': payoff 1 instead of 1/3"
        with pytest.raises(VerificationError, match=message):
            verify_nash(BATTLE_OF_THE_SEXES, {"Row": {"r1": 1}, "Column": {"c1": F(1, 3), "c2": F(2, 3)}})
        assert not is_nash(MATCHING_PENNIES, {"Row": {"r1": F(1, 2), "r2": F(1, 2)}, "Column": {"c1": 1}})

    def test_accepts_solutions_and_omitted_zero_probabilities(self) -> None:
        for solution in nash_equilibria(ENTRY, cross_check=False):
            verify_nash(ENTRY, solution)
        assert is_nash(ENTRY, {"Entrant": {"Out": 1}, "Incumbent": {"Fight": "3/4", "Accommodate": "1/4"}})
        assert not is_nash(ENTRY, {"Entrant": {"Out": 1}, "Incumbent": {"Fight": "1/3", "Accommodate": "2/3"}})

    def test_exact_arithmetic_finds_a_tiny_deviation(self) -> None:
        eps = Fraction(1, 10**30)
        game = NormalFormGame.from_matrices([[1, 0], [1 + eps, 0]], [[0, 0], [0, 0]])
        with pytest.raises(VerificationError, match="'r2'"):
            verify_nash(game, {"Row": {"r1": 1}, "Column": {"c1": 1}})

    @pytest.mark.parametrize(
        ("profile", "error", "match"),
        [
            ({"Row": {"r1": "3/2", "r2": "-1/2"}, "Column": {"c1": 1}}, ProbabilityError, "outside"),
            ({"Row": {"r1": "1/2", "r2": "1/3"}, "Column": {"c1": 1}}, ProbabilityError, "sum to 5/6"),
            ({"Row": {"r1": 1}}, ProbabilityError, "player 'Column'"),
            ({"Row": {"r1": "p"}, "Column": {"c1": 1}}, ProbabilityError, "not a rational"),
            ({"Row": {"r3": 1}, "Column": {"c1": 1}}, GameStructureError, "no strategy 'r3'"),
            ({"Row": {"r1": 1}, "Column": {"c1": 1}, "Nobody": {}}, GameStructureError, "no player 'Nobody'"),
        ],
    )
    def test_malformed_profiles(self, profile, error, match) -> None:
        with pytest.raises(error, match=match):
            verify_nash(MATCHING_PENNIES, profile)
