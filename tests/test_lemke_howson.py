"""Lemke-Howson: float paths, exact certification, an exact fallback, and bounds.

Every answer is checked here with plain fraction sums (no package code), and
against the exact set of extreme equilibria where that set can be enumerated.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import bimatrix_games, generic_bimatrix_games

from escalation.errors import SolverError
from escalation.games import NormalFormGame
from escalation.solvers import lemke_howson_paths
from escalation.solvers.lemke_howson import lemke_howson, shows_degeneracy
from escalation.solvers.nash import nash_equilibria

F = Fraction


def vectors(solution) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...]]:
    return tuple(tuple(Fraction(str(p)) for p in solution.strategies[player].values())  # type: ignore[return-value]
                 for player in solution.players)


def best_responses_hold(a, b, x, y) -> bool:
    """x is a best response to y under A and y to x under B, by plain sums over fractions."""
    rows = [sum(F(a[i][j]) * y[j] for j in range(len(y))) for i in range(len(x))]
    columns = [sum(x[i] * F(b[i][j]) for i in range(len(x))) for j in range(len(y))]
    return (sum(p * r for p, r in zip(x, rows, strict=True)) == max(rows)
            and sum(q * c for q, c in zip(y, columns, strict=True)) == max(columns)
            and sum(x) == sum(y) == 1 and min(x + y) >= 0)


@st.composite
def small_integer_games(draw):
    m, n = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    cells = st.lists(st.integers(-1, 2), min_size=m * n, max_size=m * n)
    return NormalFormGame.from_matrices(*(np.array(draw(cells), dtype=object).reshape(m, n) for _ in range(2)))


@settings(max_examples=60)
@given(st.one_of(small_integer_games(), generic_bimatrix_games(), bimatrix_games(fractions=True)))
def test_every_path_ends_at_an_extreme_equilibrium(game: NormalFormGame) -> None:
    extreme = {vectors(s) for s in nash_equilibria(game, cross_check=False)}
    for label in range(sum(game.shape)):
        found = lemke_howson(game, initial_label=label)
        assert len(found) == 1
        pair = vectors(found[0])
        assert pair in extreme
        assert best_responses_hold(*game.payoffs, *pair)
        assert found[0].computation.verified
        assert found[0].computation.exact


@pytest.mark.parametrize(("seed", "size"), [(0, 30), (1, 40), (2, 60)])
def test_large_games_get_one_exactly_verified_equilibrium(seed: int, size: int) -> None:
    rng = np.random.default_rng(seed)
    a, b = (rng.integers(-1000, 1000, (size, size)).astype(object) for _ in range(2))
    game = NormalFormGame.from_matrices(a, b)
    found = lemke_howson(game, initial_label=seed)
    assert best_responses_hold(a, b, *vectors(found[0]))
    assert found.notes[1] == "path followed in floats, bases certified in exact arithmetic"


def test_huge_payoffs_are_scaled_before_floats_see_them() -> None:
    """Payoffs of 10**400 overflow a float; the path runs on payoffs mapped to [1, 2], the check on the exact ones."""
    k = 10**400
    game = NormalFormGame.from_matrices([[k, 0], [0, 1]], [[1, 0], [0, k]])
    answers = {vectors(lemke_howson(game, initial_label=label)[0]) for label in range(4)}
    assert all(best_responses_hold(*game.payoffs, *pair) for pair in answers)
    assert answers <= {vectors(s) for s in nash_equilibria(game, cross_check=False)}


def test_a_float_path_that_goes_wrong_is_followed_again_exactly(monkeypatch) -> None:
    """Make every float ratio test choose the first positive row: the bases fail certification."""

    def careless(self, column):
        rows = np.flatnonzero(self.entries[:, column] > 0)
        return int(rows[0]) if rows.size else None

    monkeypatch.setattr(lemke_howson_paths.FloatTableau, "leaving_row", careless)
    game = NormalFormGame.from_matrices([[3, 1, 0], [0, 2, 1], [1, 0, 2]], [[0, 2, 1], [1, 0, 3], [2, 1, 0]])
    found = lemke_howson(game, initial_label=0)
    assert "followed again in exact integer pivoting" in found.notes[1]
    assert best_responses_hold(*game.payoffs, *vectors(found[0]))


def test_a_path_longer_than_max_pivots_raises() -> None:
    """Every path pivots at least once in each polytope, so one pivot never suffices."""
    game = NormalFormGame.from_matrices([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    with pytest.raises(SolverError, match="did not end within 1 pivots"):
        lemke_howson(game, initial_label=0, max_pivots=1)


def test_degeneracy_is_reported_when_the_equilibrium_shows_it() -> None:
    entry = NormalFormGame.from_matrices([[0, 0], [-1, 1]], [[2, 2], [-1, 1]])
    arrays = entry.fraction_arrays()
    # Against Out the incumbent's two strategies both pay 2: two best responses to a support of one.
    assert shows_degeneracy(arrays, ((F(1), F(0)), (F(1), F(0))))
    assert not shows_degeneracy(arrays, ((F(0), F(1)), (F(0), F(1))))
    found = lemke_howson(entry, initial_label=0)
    assert found.degenerate is shows_degeneracy(arrays, vectors(found[0]))
    assert found.degenerate or "degeneracy of the game not tested" in found.notes[-1]


def test_options_are_checked() -> None:
    game = NormalFormGame.from_matrices([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    for label in (-1, 4, 1.0, "r1"):
        with pytest.raises(SolverError, match="initial_label must be an integer from 0 to 3"):
            lemke_howson(game, initial_label=label)  # type: ignore[arg-type]
    via_nash = nash_equilibria(game, method="lemke-howson")
    assert via_nash.method == "Lemke-Howson (float path, certified exactly)"
    assert [vectors(s) for s in via_nash] == [vectors(lemke_howson(game)[0])]
