"""Seeded agreement counts against Gambit, the independent oracle (issue 15).

Two families of random games, each drawn from ``numpy.random.default_rng(seed)``
with the seeds listed, so any disagreement can be replayed:

- two-player normal forms of 1x1 to 6x6, a quarter each with payoffs from
  {-1, 0, 1} (almost always degenerate), from 0..9, distinct integers
  (nondegenerate) and fractions with denominators up to 12: our extreme
  equilibria must equal ``pygambit.nash.enummixed_solve(g, rational=True)``;
- games of two to four players with two to three strategies each and payoffs
  from 0..3 (ties everywhere): our pure equilibria must equal
  ``pygambit.nash.enumpure_solve(g)``.

The default suite runs a small sample of each; the ``slow`` tests run 1,000
games of each kind.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from escalation.games import NormalFormGame
from escalation.solvers.nash import nash_equilibria
from escalation.solvers.pure import pure_equilibria

pygambit = pytest.importorskip("pygambit")

pytestmark = pytest.mark.gambit

KINDS = ("ternary", "digits", "distinct", "fractions")


def bimatrix(seed: int) -> NormalFormGame:
    """Seed ``seed`` of the two-player family: the kind cycles with the seed, the shape is drawn."""
    rng = np.random.default_rng(seed)
    m, n = (int(k) for k in rng.integers(1, 7, 2))
    kind = KINDS[seed % 4]
    if kind == "ternary":
        a, b = rng.integers(-1, 2, (2, m, n))
    elif kind == "digits":
        a, b = rng.integers(0, 10, (2, m, n))
    elif kind == "distinct":
        a, b = (rng.permutation(4 * m * n)[: m * n].reshape(m, n) for _ in range(2))
    else:
        a, b = (np.vectorize(Fraction, otypes=[object])(rng.integers(-12, 13, (m, n)), rng.integers(1, 13, (m, n)))
                for _ in range(2))
    return NormalFormGame.from_matrices(np.asarray(a, dtype=object), np.asarray(b, dtype=object))


def n_player(seed: int) -> NormalFormGame:
    rng = np.random.default_rng(seed)
    players = int(rng.integers(2, 5))
    shape = tuple(int(k) for k in rng.integers(2, 4, players))
    names = tuple(f"P{i + 1}" for i in range(players))
    strategies = tuple(tuple(f"s{k + 1}" for k in range(count)) for count in shape)
    payoffs = tuple(rng.integers(0, 4, shape).astype(object) for _ in range(players))
    return NormalFormGame(names, strategies, payoffs)


def gambit_game(game: NormalFormGame):
    arrays = [np.vectorize(lambda v: Fraction(str(v)), otypes=[object])(a) for a in game.payoffs]
    return pygambit.Game.from_arrays(*arrays, title="oracle")


def gambit_profiles(g, equilibria) -> set[tuple]:
    return {tuple(tuple(Fraction(eq[s]) for s in player.strategies) for player in g.players) for eq in equilibria}


def our_profiles(result) -> set[tuple]:
    return {tuple(tuple(Fraction(str(p)) for p in s.strategies[player].values()) for player in s.players)
            for s in result}


def mixed_disagreements(seeds: range) -> tuple[list[int], int]:
    """Seeds whose extreme equilibria differ from Gambit's, and how many of the games were degenerate."""
    wrong, degenerate = [], 0
    for seed in seeds:
        game = bimatrix(seed)
        ours = nash_equilibria(game, cross_check=False)
        g = gambit_game(game)
        if our_profiles(ours) != gambit_profiles(g, pygambit.nash.enummixed_solve(g, rational=True).equilibria):
            wrong.append(seed)
        degenerate += ours.degenerate
    return wrong, degenerate


def pure_disagreements(seeds: range) -> list[int]:
    wrong = []
    for seed in seeds:
        game = n_player(seed)
        g = gambit_game(game)
        if our_profiles(pure_equilibria(game)) != gambit_profiles(g, pygambit.nash.enumpure_solve(g).equilibria):
            wrong.append(seed)
    return wrong


def test_mixed_equilibria_agree_with_gambit_on_a_seeded_sample() -> None:
    wrong, degenerate = mixed_disagreements(range(40))
    assert wrong == []
    assert 8 <= degenerate <= 32  # both kinds of game are in the sample


def test_pure_equilibria_agree_with_gambit_on_a_seeded_sample() -> None:
    assert pure_disagreements(range(40)) == []


@pytest.mark.slow
def test_mixed_equilibria_agree_with_gambit_on_1000_games() -> None:
    wrong, degenerate = mixed_disagreements(range(10_000, 11_000))
    assert wrong == []
    assert degenerate >= 250


@pytest.mark.slow
def test_pure_equilibria_agree_with_gambit_on_1000_games() -> None:
    assert pure_disagreements(range(10_000, 11_000)) == []
