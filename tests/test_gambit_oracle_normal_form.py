"""Gambit as the independent oracle for two-player normal forms.

``pygambit.nash.enummixed_solve(g, rational=True)`` enumerates the extreme
equilibria of a bimatrix game by exact vertex enumeration (it lists every
extreme point, also in degenerate games); ours must be the same set.
``lcp_solve(rational=True)`` follows Lemke paths, and in nondegenerate games
each equilibrium it reaches must be one of ours.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from strategies import bimatrix_games, generic_bimatrix_games

from escalation.games import NormalFormGame
from escalation.solvers.nash import nash_equilibria

pygambit = pytest.importorskip("pygambit")

pytestmark = pytest.mark.gambit


def gambit_game(game: NormalFormGame):
    """The same payoff tables as a pygambit strategic game (rational entries)."""
    a, b = (np.vectorize(lambda v: Fraction(str(v)), otypes=[object])(m) for m in game.payoffs)
    return pygambit.Game.from_arrays(a, b, title=game.title or "escalation")


def gambit_profiles(g, equilibria) -> set[tuple]:
    """Gambit's mixed profiles as tuples of Fractions, one tuple per player in strategy order."""
    return {tuple(tuple(Fraction(eq[s]) for s in player.strategies) for player in g.players) for eq in equilibria}


def our_profiles(result) -> set[tuple]:
    return {tuple(tuple(Fraction(str(p)) for p in s.strategies[player].values()) for player in s.players)
            for s in result}


@st.composite
def degenerate_prone_games(draw):
    """Integer payoffs from a small range, so ties (and degenerate games) are common."""
    m, n = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    cells = st.lists(st.integers(-2, 2), min_size=m * n, max_size=m * n)
    a, b = (np.array(draw(cells), dtype=object).reshape(m, n) for _ in range(2))
    return NormalFormGame.from_matrices(a, b)


@settings(max_examples=60)
@given(st.one_of(bimatrix_games(max_strategies=4), degenerate_prone_games()))
def test_extreme_equilibria_equal_gambit_enummixed(game: NormalFormGame) -> None:
    g = gambit_game(game)
    theirs = gambit_profiles(g, pygambit.nash.enummixed_solve(g, rational=True).equilibria)
    assert our_profiles(nash_equilibria(game, cross_check=False)) == theirs


@settings(max_examples=40)
@given(st.one_of(generic_bimatrix_games(max_strategies=4), bimatrix_games(max_strategies=4)))
def test_gambit_lcp_equilibria_are_among_ours_in_nondegenerate_games(game: NormalFormGame) -> None:
    ours = nash_equilibria(game, cross_check=False)
    assume(not ours.degenerate)
    g = gambit_game(game)
    theirs = gambit_profiles(g, pygambit.nash.lcp_solve(g, rational=True).equilibria)
    assert theirs
    assert theirs <= our_profiles(ours)


def test_entry_deterrence_matches_gambit_including_the_extreme_mixed_threat() -> None:
    """Gambit lists (Out, 1/2 Fight + 1/2 Accommodate) too, the point nashpy's support enumeration misses."""
    entry = NormalFormGame.from_matrices([[0, 0], [-1, 1]], [[2, 2], [-1, 1]])
    g = gambit_game(entry)
    theirs = gambit_profiles(g, pygambit.nash.enummixed_solve(g, rational=True).equilibria)
    half = Fraction(1, 2)
    assert ((Fraction(1), Fraction(0)), (half, half)) in theirs
    assert our_profiles(nash_equilibria(entry, cross_check=False)) == theirs
