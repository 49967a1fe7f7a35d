"""Invariants of the two-player Nash solver, checked on drawn games with independent exact arithmetic."""

from __future__ import annotations

import itertools
from fractions import Fraction

import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from strategies import bimatrix_games, generic_bimatrix_games

from escalation.games import NormalFormGame
from escalation.solvers.degeneracy import is_degenerate
from escalation.solvers.exact_linear import solve_exact
from escalation.solvers.nash import nash_equilibria
from escalation.solvers.verify_normal_form import is_nash


def matrices(game: NormalFormGame) -> tuple[list[list[Fraction]], list[list[Fraction]]]:
    return tuple([[Fraction(str(v)) for v in row] for row in a] for a in game.payoffs)  # type: ignore[return-value]


def vectors(solution) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...]]:
    return tuple(tuple(Fraction(str(p)) for p in solution.strategies[player].values())  # type: ignore[return-value]
                 for player in solution.players)


def equilibrium_set(result) -> set[tuple]:
    return {vectors(s) for s in result}


def best_responses_hold(a, b, x, y) -> bool:
    """x is a best response to y under A, and y to x under B: plain sums over exact fractions."""
    rows = [sum(a[i][j] * y[j] for j in range(len(y))) for i in range(len(x))]
    columns = [sum(x[i] * b[i][j] for i in range(len(x))) for j in range(len(y))]
    return (sum(p * r for p, r in zip(x, rows, strict=True)) == max(rows)
            and sum(q * c for q, c in zip(y, columns, strict=True)) == max(columns))


@given(bimatrix_games(max_strategies=4, fractions=True))
def test_every_profile_is_an_exact_best_response_and_a_distribution(game: NormalFormGame) -> None:
    a, b = matrices(game)
    result = nash_equilibria(game, cross_check=False)
    assert len(result) >= 1  # Nash's theorem
    for solution in result:
        x, y = vectors(solution)
        assert (len(x), len(y)) == game.shape
        assert all(p >= 0 for p in x + y)
        assert (sum(x), sum(y)) == (1, 1)
        assert best_responses_hold(a, b, x, y)
        row_value = sum(x[i] * a[i][j] * y[j] for i in range(len(x)) for j in range(len(y)))
        assert Fraction(str(solution.payoffs[game.players[0]])) == row_value


rationals = st.fractions(min_value=-5, max_value=5, max_denominator=7)
positive = st.fractions(min_value=Fraction(1, 7), max_value=7, max_denominator=7)


@given(bimatrix_games(max_strategies=4), positive, rationals, positive, rationals)
def test_positive_affine_transforms_leave_equilibria_unchanged(game, scale_row, shift_row, scale_col,
                                                               shift_col) -> None:
    a, b = matrices(game)
    moved = NormalFormGame.from_matrices(
        [[scale_row * v + shift_row for v in row] for row in a],
        [[scale_col * v + shift_col for v in row] for row in b], players=game.players, strategies=game.strategies)
    before, after = nash_equilibria(game, cross_check=False), nash_equilibria(moved, cross_check=False)
    assert equilibrium_set(before) == equilibrium_set(after)
    assert before.degenerate is after.degenerate


@st.composite
def games_with_permutations(draw):
    game = draw(bimatrix_games(max_strategies=4))
    m, n = game.shape
    return game, draw(st.permutations(range(m))), draw(st.permutations(range(n)))


def labelled(result) -> set[tuple]:
    return {tuple(frozenset(s.strategies[p].items()) for p in s.players) for s in result}


@given(games_with_permutations())
def test_relabelling_strategies_permutes_equilibria(drawn) -> None:
    game, rows, columns = drawn
    a, b = matrices(game)
    labels_r, labels_c = game.strategies
    permuted = NormalFormGame.from_matrices(
        [[a[i][j] for j in columns] for i in rows], [[b[i][j] for j in columns] for i in rows],
        players=game.players, strategies=([labels_r[i] for i in rows], [labels_c[j] for j in columns]))
    assert labelled(nash_equilibria(game, cross_check=False)) == labelled(nash_equilibria(permuted, cross_check=False))


def solve_indifference(payoffs: sympy.Matrix, rows, columns):
    """Mixture on ``columns`` making the opponent indifferent over ``rows`` (sympy, exact), or None."""
    k = len(columns)
    system = sympy.zeros(k + 1, k + 1)
    for r_pos, r in enumerate(rows):
        for c_pos, c in enumerate(columns):
            system[r_pos, c_pos] = payoffs[r, c]
        system[r_pos, k] = -1
    for c_pos in range(k):
        system[k, c_pos] = 1
    if system.det() == 0:
        return None
    solution = system.LUsolve(sympy.Matrix([0] * k + [1]))
    if any(solution[c] <= 0 for c in range(k)):
        return None
    full = [sympy.Integer(0)] * payoffs.shape[1]
    for c_pos, c in enumerate(columns):
        full[c] = solution[c_pos]
    return full


def brute_force_support_enumeration(game: NormalFormGame) -> set[tuple]:
    """Equal-size supports, square indifference systems with a unique positive solution, best responses checked."""
    a, b = matrices(game)
    big_a, big_b = sympy.Matrix(a), sympy.Matrix(b)
    m, n = big_a.shape
    found = set()
    for k in range(1, min(m, n) + 1):
        supports = itertools.product(itertools.combinations(range(m), k), itertools.combinations(range(n), k))
        for rows, columns in supports:
            y = solve_indifference(big_a, rows, columns)
            x = solve_indifference(big_b.T, columns, rows)
            if x is None or y is None:
                continue
            x, y = tuple(Fraction(str(v)) for v in x), tuple(Fraction(str(v)) for v in y)
            if best_responses_hold(a, b, x, y):
                found.add((x, y))
    return found


@settings(max_examples=40)
@given(bimatrix_games(max_strategies=3))
def test_brute_force_support_enumeration_finds_only_extreme_equilibria(game: NormalFormGame) -> None:
    """Square systems with unique positive solutions give vertices of both polytopes: extreme, in any game."""
    assert brute_force_support_enumeration(game) <= equilibrium_set(nash_equilibria(game, cross_check=False))


@settings(max_examples=40)
@given(generic_bimatrix_games(max_strategies=4))
def test_generic_games_equal_brute_force_support_enumeration(game: NormalFormGame) -> None:
    result = nash_equilibria(game, cross_check=False)
    assume(not result.degenerate)
    assert equilibrium_set(result) == brute_force_support_enumeration(game)
    assert len(result) % 2 == 1  # nondegenerate games have an odd number of equilibria
    assert all(len(s.support(game.players[0])) == len(s.support(game.players[1])) for s in result)


@settings(max_examples=15)
@given(generic_bimatrix_games(max_strategies=4))
def test_nashpy_answers_are_exact_equilibria_on_nondegenerate_games(game: NormalFormGame) -> None:
    """Whatever nashpy returns in a nondegenerate game is one of ours (it may miss some: see the regression test)."""
    assume(not is_degenerate(game))
    result = nash_equilibria(game, cross_check="nashpy")
    complaints = [n for n in result.notes if "dropped" in n or "not extreme" in n or "failed" in n]
    assert complaints == []


@settings(max_examples=25)
@given(bimatrix_games(max_strategies=4))
def test_support_method_returns_only_verified_equilibria(game: NormalFormGame) -> None:
    a, b = matrices(game)
    support = nash_equilibria(game, method="support")
    for solution in support:
        assert best_responses_hold(a, b, *vectors(solution))
        assert is_nash(game, solution)
    extreme = equilibrium_set(nash_equilibria(game, cross_check=False))
    missed = extreme - equilibrium_set(support)
    assert bool(missed) is any("support enumeration missed" in note for note in support.notes)


small_rationals = st.fractions(min_value=-4, max_value=4, max_denominator=5)


@st.composite
def square_systems(draw):
    k = draw(st.integers(1, 5))
    matrix = draw(st.lists(st.lists(small_rationals, min_size=k, max_size=k), min_size=k, max_size=k))
    return matrix, draw(st.lists(small_rationals, min_size=k, max_size=k))


@given(square_systems())
def test_exact_linear_solver_agrees_with_sympy(system) -> None:
    matrix, rhs = system
    ours = solve_exact(matrix, rhs)
    reference = sympy.Matrix(matrix)
    if reference.det() == 0:
        assert ours is None
    else:
        expected = reference.LUsolve(sympy.Matrix(rhs))
        assert ours == tuple(Fraction(str(v)) for v in expected)
        assert all(type(v) is Fraction for v in ours)
