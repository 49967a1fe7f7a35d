"""The lexicographic vertex search against the brute-force enumeration of ``tests/brute_force_nash.py``."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from brute_force_nash import brute_force_extreme_equilibria, brute_force_vertices
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import bimatrix_games

from escalation.errors import SolverError
from escalation.games import NormalFormGame
from escalation.solvers import lexicographic_search
from escalation.solvers.degeneracy import is_degenerate
from escalation.solvers.integer_tableau import IntegerTableau
from escalation.solvers.lexicographic_search import lexicographic_bases, vertex_records
from escalation.solvers.nash import nash_equilibria
from escalation.solvers.verify_normal_form import is_nash
from escalation.solvers.vertex_enumeration import enumerate_vertices, polytope_vertices

F = Fraction


def exact_profiles(result) -> set[tuple]:
    return {tuple(tuple(Fraction(str(p)) for p in s.strategies[player].values()) for player in s.players)
            for s in result}


@st.composite
def degenerate_prone_games(draw, max_strategies: int = 4):
    """Integer payoffs from {-1, 0, 1}: ties everywhere, so most games are degenerate."""
    m, n = draw(st.integers(1, max_strategies)), draw(st.integers(1, max_strategies))
    cells = st.lists(st.integers(-1, 1), min_size=m * n, max_size=m * n)
    return NormalFormGame.from_matrices(*(np.array(draw(cells), dtype=object).reshape(m, n) for _ in range(2)))


@settings(max_examples=80)
@given(st.one_of(degenerate_prone_games(), bimatrix_games(max_strategies=4, fractions=True)))
def test_extreme_equilibria_equal_brute_force(game: NormalFormGame) -> None:
    expected, degenerate = brute_force_extreme_equilibria(*game.payoffs)
    result = nash_equilibria(game, cross_check=False)
    assert exact_profiles(result) == expected
    assert result.degenerate is degenerate
    assert is_degenerate(game) is degenerate


positive_matrices = st.integers(1, 4).flatmap(lambda rows: st.integers(1, 4).flatmap(
    lambda cols: st.lists(st.lists(st.integers(1, 3), min_size=cols, max_size=cols), min_size=rows, max_size=rows)))


@given(positive_matrices)
def test_polytope_vertices_and_labels_equal_brute_force(matrix) -> None:
    d = len(matrix[0])
    expected = brute_force_vertices([[F(v) for v in row] for row in matrix])
    found = polytope_vertices(np.array(matrix, dtype=object), range(d), range(d, d + len(matrix)))
    assert {v.point: v.labels for v in found} == expected
    assert [v.point for v in found] == sorted(expected)


@given(positive_matrices)
def test_the_search_visits_each_basis_once_and_returns_to_the_start(matrix) -> None:
    tableau = IntegerTableau(matrix, [1] * len(matrix))
    start = tableau.entries.copy()
    bases = [frozenset(t.basis) for t in lexicographic_bases(tableau)]
    assert len(bases) == len(set(bases))
    assert tableau.basis == list(range(len(matrix[0]), len(matrix[0]) + len(matrix)))
    assert tableau.determinant == 1
    assert (tableau.entries == start).all()
    vertices = vertex_records(matrix, [1] * len(matrix))
    assert len(vertices) == len(brute_force_vertices([[F(v) for v in row] for row in matrix])) + 1  # + origin
    assert len(bases) >= len(vertices)


def test_a_simple_polytope_has_one_basis_per_vertex() -> None:
    """The cube {0 <= z <= 1}^3 written with C = I: 8 vertices, each met by exactly one basis."""
    bases = [frozenset(t.basis) for t in lexicographic_bases(IntegerTableau(np.eye(3, dtype=int).tolist(), [1] * 3))]
    assert len(bases) == 8


@pytest.mark.parametrize("seed", range(6))
def test_seeded_five_and_six_strategy_games_equal_brute_force(seed: int) -> None:
    """Payoffs from {0, 1, 2}: degenerate almost always, with continua of equilibria."""
    rng = np.random.default_rng(seed)
    m, n = 5 + seed % 2, 6 - seed % 2
    a, b = (rng.integers(0, 3, (m, n)).astype(object) for _ in range(2))
    expected, degenerate = brute_force_extreme_equilibria(a, b)
    found = enumerate_vertices(a, b)
    assert set(found.equilibria) == expected
    assert found.degenerate is degenerate


# -- large numbers (issue 15): exact answers agree with the brute force, whatever the size of the numbers ---------

def huge_integer_game(seed: int, m: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Payoffs up to 10**30 in absolute value, drawn with Python integers (no float ever touches them)."""
    rng = np.random.default_rng(seed)
    draw = [[int(rng.integers(-10**9, 10**9)) * 10**21 + int(rng.integers(0, 10**12)) for _ in range(n)]
            for _ in range(m)]
    other = [[int(rng.integers(-10**9, 10**9)) * 10**21 - int(rng.integers(0, 10**12)) for _ in range(n)]
             for _ in range(m)]
    return np.array(draw, dtype=object), np.array(other, dtype=object)


def twenty_digit_game(seed: int, m: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Rational payoffs whose denominators have 20 digits."""
    rng = np.random.default_rng(seed)

    def entry() -> Fraction:
        return Fraction(int(rng.integers(-10**15, 10**15)), 10**19 + int(rng.integers(1, 9 * 10**18)))

    return tuple(np.array([[entry() for _ in range(n)] for _ in range(m)], dtype=object) for _ in range(2))


@pytest.mark.parametrize("build", [huge_integer_game, twenty_digit_game])
@pytest.mark.parametrize(("seed", "m", "n"), [(0, 3, 3), (1, 4, 3), (2, 4, 4), (3, 2, 5)])
def test_huge_and_finely_divided_payoffs_are_solved_exactly(build, seed: int, m: int, n: int) -> None:
    a, b = build(seed, m, n)
    assert max(abs(v.denominator if isinstance(v, Fraction) else v) for v in a.flat) >= 10**19
    game = NormalFormGame.from_matrices(a, b)
    result = nash_equilibria(game)
    expected, degenerate = brute_force_extreme_equilibria(a, b)
    assert exact_profiles(result) == expected
    assert result.degenerate is degenerate
    assert all(is_nash(game, s) for s in result)
    assert not any("fault" in note or "stopped" in note for note in result.notes)


def test_a_mixed_equilibrium_with_thirty_digit_odds() -> None:
    """Row: r1 pays K against c1, r2 pays 1 against c2; Column: c1 pays 1 against r1, c2 pays K against r2.

    Column is indifferent iff x1 = K x2, so x = (K, 1)/(K + 1); Row is indifferent iff K y1 = y2, so
    y = (1, K)/(K + 1).  Row's payoff is K/(K + 1), Column's too.
    """
    k = 10**30
    game = NormalFormGame.from_matrices([[k, 0], [0, 1]], [[1, 0], [0, k]])
    mixed = [s for s in nash_equilibria(game) if not s.is_pure]
    assert len(mixed) == 1
    x, y = (tuple(Fraction(str(p)) for p in mixed[0].strategies[player].values()) for player in game.players)
    assert x == (F(k, k + 1), F(1, k + 1))
    assert y == (F(1, k + 1), F(k, k + 1))
    assert Fraction(str(mixed[0].payoffs["Row"])) == F(k, k + 1)


def test_a_game_beyond_the_basis_limit_is_refused_with_a_pointer_to_lemke_howson(monkeypatch) -> None:
    monkeypatch.setattr(lexicographic_search.vertex_records, "__defaults__", (3,))
    game = NormalFormGame.from_matrices([[3, 1, 0], [0, 2, 1], [1, 0, 2]], [[0, 2, 1], [1, 0, 3], [2, 1, 0]],
                                        title="three")
    message = ("3x3 game 'three': a best-response polytope with more than 3 bases: enumerating its vertices is out "
               "of reach; method='lemke-howson' finds one equilibrium")
    with pytest.raises(SolverError, match=message):
        nash_equilibria(game)
    assert len(nash_equilibria(game, method="lemke-howson")) == 1
