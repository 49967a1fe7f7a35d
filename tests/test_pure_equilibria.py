"""Pure-strategy equilibria of N-player normal forms: textbook cases and brute force."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given
from strategies import bimatrix_games, normal_form_games

from escalation.errors import ParameterError, SolverError
from escalation.games import NormalFormGame
from escalation.solvers.nash import nash_equilibria
from escalation.solvers.pure import pure_equilibria

ENTRY = NormalFormGame.from_matrices(
    [[0, 0], [-1, 1]], [[2, 2], [-1, 1]], players=("Entrant", "Incumbent"),
    strategies=(("Out", "In"), ("Fight", "Accommodate")))


def volunteers_dilemma(cost) -> NormalFormGame:
    """Three players; if anyone volunteers all gain 1, and each volunteer pays ``cost``."""
    strategies = (("Volunteer", "Ignore"),) * 3
    table = {}
    for profile in itertools.product(*strategies):
        someone = "Volunteer" in profile
        table[profile] = tuple(int(someone) - (cost if s == "Volunteer" else 0) for s in profile)
    return NormalFormGame.from_profiles(("Russia", "Coalition", "Ukraine"), strategies, table)


def labels(result) -> list[tuple[str, ...]]:
    return [tuple(s.support(p)[0] for p in s.players) for s in result]


CASES = [
    # Defect strictly dominates: (D, D) only, no ties.
    pytest.param(NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]],
                                              strategies=(("C", "D"),) * 2), [("D", "D")], (), id="pd"),
    pytest.param(NormalFormGame.from_matrices([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]), [], (), id="pennies"),
    pytest.param(NormalFormGame.from_matrices([[2, 0], [0, 1]], [[1, 0], [0, 2]]),
                 [("r1", "c1"), ("r2", "c2")], (), id="battle-of-the-sexes"),
    # Entry: (Out, Fight) rests on the incumbent's indifference when nobody enters: a non-credible threat.
    pytest.param(ENTRY, [("Out", "Fight"), ("In", "Accommodate")],
                 ("at (Out, Fight): Incumbent is indifferent between Fight and Accommodate",), id="entry-deterrence"),
    # Volunteer's dilemma with cost 1/2: exactly one volunteer (a volunteer gets 1/2 > 0 from ignoring,
    # an ignorer gets 1 > 1/2 from volunteering); nobody, two or three volunteers all invite a deviation.
    pytest.param(volunteers_dilemma(0.5), [("Volunteer", "Ignore", "Ignore"), ("Ignore", "Volunteer", "Ignore"),
                                           ("Ignore", "Ignore", "Volunteer")], (), id="volunteers-dilemma"),
    # With cost 1, a lone volunteer gets 0 either way: the same three equilibria, each resting on a tie,
    # and nobody volunteering is now also an equilibrium (volunteering alone pays 0 = 0).
    pytest.param(volunteers_dilemma(1), [("Volunteer", "Ignore", "Ignore"), ("Ignore", "Volunteer", "Ignore"),
                                         ("Ignore", "Ignore", "Volunteer"), ("Ignore", "Ignore", "Ignore")],
                 ("at (Volunteer, Ignore, Ignore): Russia is indifferent between Volunteer and Ignore",
                  "at (Ignore, Volunteer, Ignore): Coalition is indifferent between Volunteer and Ignore",
                  "at (Ignore, Ignore, Volunteer): Ukraine is indifferent between Volunteer and Ignore",
                  "at (Ignore, Ignore, Ignore): Russia is indifferent between Ignore and Volunteer",
                  "at (Ignore, Ignore, Ignore): Coalition is indifferent between Ignore and Volunteer",
                  "at (Ignore, Ignore, Ignore): Ukraine is indifferent between Ignore and Volunteer"),
                 id="volunteers-dilemma-cost-1"),
]


@pytest.mark.parametrize(("game", "expected", "knife_edge"), CASES)
def test_textbook_pure_equilibria(game, expected, knife_edge) -> None:
    result = pure_equilibria(game)
    assert labels(result) == expected
    assert result.knife_edge == knife_edge
    assert result.degenerate is bool(knife_edge)  # in these cases ties occur only at equilibria
    assert all(s.computation.verified and s.is_pure for s in result)


def test_entry_deterrence_payoffs_and_degeneracy() -> None:
    result = pure_equilibria(ENTRY)
    assert [dict(s.payoffs) for s in result] == [{"Entrant": 0, "Incumbent": 2}, {"Entrant": 1, "Incumbent": 1}]
    assert result.degenerate
    assert result.solutions[0].computation.notes == result.knife_edge
    assert result.solutions[1].computation.notes == ()


def test_symbolic_and_non_games_are_refused() -> None:
    with pytest.raises(ParameterError, match="'c'"):
        pure_equilibria(NormalFormGame.from_matrices([["c", 0], [0, 1]], [[1, 0], [0, 1]]))
    with pytest.raises(SolverError):
        pure_equilibria("not a game")  # type: ignore[arg-type]


def brute_force_pure(game: NormalFormGame) -> list[tuple[int, ...]]:
    """Every profile at which no player gains by a unilateral pure deviation (plain loops, exact)."""
    arrays = game.fraction_arrays()
    found = []
    for profile in itertools.product(*(range(n) for n in game.shape)):
        stable = all(
            arrays[i][profile] >= arrays[i][(*profile[:i], k, *profile[i + 1:])]
            for i in range(game.num_players) for k in range(game.shape[i])
        )
        if stable:
            found.append(profile)
    return found


def indices(game: NormalFormGame, result) -> list[tuple[int, ...]]:
    return [tuple(game.strategy_index(p, s.support(p)[0]) for p in s.players) for s in result]


@given(normal_form_games(max_strategies=3, fractions=True))
def test_pure_equilibria_equal_brute_force(game: NormalFormGame) -> None:
    result = pure_equilibria(game)
    assert indices(game, result) == brute_force_pure(game)
    for s, profile in zip(result, indices(game, result), strict=True):
        assert tuple(s.payoffs.values()) == game.payoff(profile)


@given(normal_form_games(max_strategies=3))
def test_knife_edges_are_exactly_the_ties_at_equilibria(game: NormalFormGame) -> None:
    """One knife-edge note per (equilibrium, player with another best response), naming every alternative."""
    arrays = game.fraction_arrays()
    expected = []
    for profile in brute_force_pure(game):
        for i in range(game.num_players):
            others = [game.strategies[i][k] for k in range(game.shape[i])
                      if k != profile[i] and arrays[i][(*profile[:i], k, *profile[i + 1:])] == arrays[i][profile]]
            if others:
                expected.append((game.players[i], others))
    notes = pure_equilibria(game).knife_edge
    assert len(notes) == len(expected)
    for note, (player, others) in zip(notes, expected, strict=True):
        assert f": {player} is indifferent between" in note
        assert note.endswith(" or ".join(others))


@given(bimatrix_games(max_strategies=4))
def test_pure_equilibria_are_the_pure_extreme_equilibria(game: NormalFormGame) -> None:
    pure = [dict((p, dict(s.strategies[p])) for p in s.players) for s in pure_equilibria(game)]
    extreme = [dict((p, dict(s.strategies[p])) for p in s.players)
               for s in nash_equilibria(game, cross_check=False) if s.is_pure]
    assert sorted(map(repr, pure)) == sorted(map(repr, extreme))


@given(bimatrix_games(max_strategies=4))
def test_a_tie_against_a_pure_strategy_flags_degeneracy(game: NormalFormGame) -> None:
    """Several best responses to one pure strategy make a two-player game degenerate (k = 1 < 2)."""
    a, b = (np.asarray(m) for m in game.fraction_arrays())
    tie = any(list(row).count(max(row)) > 1 for row in b) or any(list(col).count(max(col)) > 1 for col in a.T)
    assert pure_equilibria(game).degenerate is tie
    if tie:
        assert nash_equilibria(game, cross_check=False).degenerate
