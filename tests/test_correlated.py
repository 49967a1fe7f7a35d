"""Correlated equilibria: Aumann's Chicken (LITERATURE.md section 7.2), an independent LP oracle, Nash inclusion."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given
from scipy.optimize import linprog
from strategies import bimatrix_games, normal_form_games

from escalation.errors import GameStructureError, ParameterError, ProbabilityError, SolverError
from escalation.games import NormalFormGame
from escalation.solvers import nash_equilibria, pure_equilibria
from escalation.solvers.correlated import (
    MAX_VERTEX_SYSTEMS,
    METHOD,
    VERTEX_METHOD,
    correlated_equilibria,
    correlated_payoff_ranges,
    correlated_vertices,
    is_correlated_equilibrium,
)
from escalation.solvers.solution import Equilibria

F = Fraction
CC, CD, DC, DD = ("C", "C"), ("C", "D"), ("D", "C"), ("D", "D")


@pytest.fixture(scope="module")
def chicken():
    """Aumann (1974): CC = (6,6), CD = (2,7), DC = (7,2), DD = (0,0)."""
    return NormalFormGame.from_matrices([[6, 2], [7, 0]], [[6, 7], [2, 0]], strategies=(("C", "D"),) * 2,
                                        title="Aumann's Chicken")


def expected(game, mu):
    return tuple(sum((F(p) * F(str(game.payoff(s)[i])) for s, p in mu.items()), F(0)) for i in range(2))


@pytest.mark.parametrize(("weights", "is_ce", "payoff"), [
    pytest.param((F(1, 3), F(1, 3), F(1, 3)), True, F(5), id="uniform over CC, CD, DC"),
    pytest.param((F(1, 2), F(1, 4), F(1, 4)), True, F(21, 4), id="1/2, 1/4, 1/4"),
    pytest.param((F(3, 5), F(1, 5), F(1, 5)), False, F(27, 5), id="3/5, 1/5, 1/5 (too much CC)"),
])
def test_aumann_distributions(chicken, weights, is_ce, payoff):
    mu = dict(zip((CC, CD, DC), weights, strict=True))
    assert is_correlated_equilibrium(chicken, mu) is is_ce
    assert expected(chicken, mu) == (payoff, payoff)


def test_welfare_maximum_matches_a_hand_solved_symmetric_programme(chicken):
    # Symmetric CE: a on CC, b on CD and on DC, d = 1 - a - 2b on DD.  Told C: a(6-7) + b(2-0) >= 0;
    # told D: b(7-6) + d(0-2) >= 0.  The optimum of a linear objective is at a vertex: two binding constraints.
    a, b = sympy.symbols("a b")
    d = 1 - a - 2 * b
    constraints = [a, b, d, -a + 2 * b, b - 2 * d]
    welfare = 12 * a + 9 * 2 * b
    vertices = []
    for first, second in itertools.combinations(constraints, 2):
        point = sympy.solve([first, second], [a, b], dict=True)
        if point and all(c.subs(point[0]) >= 0 for c in constraints):
            vertices.append(point[0])
    best = max(vertices, key=lambda v: welfare.subs(v))
    assert best == {a: sympy.Rational(1, 2), b: sympy.Rational(1, 4)}
    assert welfare.subs(best) / 2 == sympy.Rational(21, 4)
    result = correlated_equilibria(chicken)
    assert isinstance(result, Equilibria)
    assert len(result) == 1
    assert (result.method, result.refinement, result.complete) == (METHOD, "correlated", False)
    assert result.options == {"objective": "welfare (sum of payoffs)"}
    assert "optimum of welfare (sum of payoffs): 21/2" in result.notes
    found = result[0]
    assert dict(found.payoffs) == {"Row": F(21, 4), "Column": F(21, 4)}
    assert dict(found.distribution) == {CC: F(1, 2), CD: F(1, 4), DC: F(1, 4), DD: 0}
    assert {p: dict(m) for p, m in found.strategies.items()} == {"Row": {"C": F(3, 4), "D": F(1, 4)},
                                                                 "Column": {"C": F(3, 4), "D": F(1, 4)}}
    assert found.computation.method == METHOD == "linear programme (exact)"
    assert found.computation.verified


def test_correlated_payoffs_beat_the_mixed_equilibrium_in_chicken(chicken):
    mixed = [s for s in nash_equilibria(chicken) if not s.is_pure]
    assert len(mixed) == 1
    assert mixed[0].payoffs["Row"] == sympy.Rational(14, 3)
    found = correlated_equilibria(chicken)[0]
    assert all(found.payoffs[p] >= F(str(mixed[0].payoffs[p])) for p in ("Row", "Column"))
    assert sum(found.payoffs.values()) > F(28, 3)


def test_payoff_ranges_in_chicken(chicken):
    # Each driver's lowest CE payoff is 2 (the pure equilibrium in which it swerves), highest 7.
    assert correlated_payoff_ranges(chicken) == {"Row": (F(2), F(7)), "Column": (F(2), F(7))}


def test_objective_by_player_and_weights(chicken):
    assert correlated_equilibria(chicken, objective="Row")[0].payoffs["Row"] == 7
    assert correlated_equilibria(chicken, objective={"Row": -1})[0].payoffs["Row"] == 2
    weighted = correlated_equilibria(chicken, objective={"Row": 1, "Column": 2})
    assert weighted.options == {"objective": "1*Row + 2*Column"}
    assert weighted[0].payoffs["Row"] + 2 * weighted[0].payoffs["Column"] == 16  # at (2, 7)


def _oracle_welfare(game):
    """The welfare maximum by SciPy's HiGHS (an independent, floating-point implementation)."""
    profiles = list(itertools.product(*(range(n) for n in game.shape)))
    arrays = [np.asarray(a, dtype=float) for a in game.payoffs]
    rows = []
    for i in range(game.num_players):
        for s_i, t_i in itertools.permutations(range(game.shape[i]), 2):
            rows.append([-(arrays[i][s] - arrays[i][(*s[:i], t_i, *s[i + 1:])]) if s[i] == s_i else 0.0
                         for s in profiles])
    welfare = [-sum(a[s] for a in arrays) for s in profiles]
    result = linprog(welfare, A_ub=rows or None, b_ub=[0.0] * len(rows) or None, A_eq=[[1.0] * len(profiles)],
                     b_eq=[1.0], bounds=(0, None), method="highs")
    assert result.status == 0
    return -result.fun


@given(normal_form_games(max_strategies=3))
def test_welfare_optimum_agrees_with_scipy(game):
    found = correlated_equilibria(game)[0]
    assert float(sum(found.payoffs.values())) == pytest.approx(_oracle_welfare(game), abs=1e-7)
    assert is_correlated_equilibrium(game, found.distribution)
    assert sum(found.distribution.values()) == 1


@given(bimatrix_games(max_strategies=3, min_strategies=2))
def test_every_nash_equilibrium_is_correlated(game):
    found = correlated_equilibria(game)[0]
    ranges = correlated_payoff_ranges(game)
    for s in nash_equilibria(game, cross_check=False):
        row, col = (s.strategies[p] for p in game.players)
        mu = {(r, c): row[r] * col[c] for r in row for c in col}
        assert is_correlated_equilibrium(game, mu)
        for player in game.players:
            low, high = ranges[player]
            assert low <= F(str(s.payoffs[player])) <= high
        assert sum(found.payoffs.values()) >= sum(F(str(v)) for v in s.payoffs.values())


@given(normal_form_games(players=3, max_strategies=2))
def test_pure_equilibria_of_three_player_games_are_correlated(game):
    for s in pure_equilibria(game):
        profile = tuple(s.support(p)[0] for p in game.players)
        assert is_correlated_equilibrium(game, {profile: 1})


def test_bad_distributions_are_refused(chicken):
    with pytest.raises(ProbabilityError, match="sum to 1/2"):
        is_correlated_equilibrium(chicken, {CC: F(1, 2)})
    with pytest.raises(ProbabilityError, match="negative"):
        is_correlated_equilibrium(chicken, {CC: 2, DD: -1})
    with pytest.raises(GameStructureError, match="no strategy 'X'"):
        is_correlated_equilibrium(chicken, {("C", "X"): 1})


def test_symbolic_games_and_bad_objectives_are_refused(chicken):
    c = sympy.Symbol("c", real=True)
    symbolic = NormalFormGame.from_matrices([[0, -1], [1, -c]], [[0, 1], [-1, -c]])
    with pytest.raises(ParameterError, match="'c'"):
        correlated_equilibria(symbolic)
    with pytest.raises(SolverError, match="objective"):
        correlated_equilibria(chicken, objective=3)


def test_vertices_of_chicken_by_hand(chicken):
    # Aumann's Chicken: the polytope's vertices are the two pure equilibria, the mixed one (1/3 on D each, so
    # 4/9, 2/9, 2/9, 1/9), and two correlated ones: (1/2, 1/4, 1/4, 0) and (0, 2/5, 2/5, 1/5) -- the last from
    # "told D obeys iff mu(DC) >= 2 mu(DD)" and "told C obeys iff 2 mu(CD) >= mu(CC)" binding with mu(CC) = 0.
    found = correlated_vertices(chicken)
    assert (found.method, found.refinement, found.complete) == (VERTEX_METHOD, "correlated", True)
    vertices = {tuple(F(str(v.distribution[s])) for s in (CC, CD, DC, DD)) for v in found}
    assert vertices == {(0, 1, 0, 0), (0, 0, 1, 0), (F(4, 9), F(2, 9), F(2, 9), F(1, 9)),
                        (F(1, 2), F(1, 4), F(1, 4), 0), (0, F(2, 5), F(2, 5), F(1, 5))}
    assert all(v.computation.verified for v in found)


@given(bimatrix_games(max_strategies=2, min_strategies=2))
def test_the_vertices_span_the_linear_programmes_optimum_and_ranges(game):
    vertices = correlated_vertices(game)
    assert all(is_correlated_equilibrium(game, v.distribution) for v in vertices)
    best = max(sum(F(str(x)) for x in v.payoffs.values()) for v in vertices)
    assert best == sum(F(str(x)) for x in correlated_equilibria(game)[0].payoffs.values())
    for player, (low, high) in correlated_payoff_ranges(game).items():
        values = [F(str(v.payoffs[player])) for v in vertices]
        assert (min(values), max(values)) == (low, high)


def test_too_many_vertex_systems_are_refused_before_solving():
    big = NormalFormGame.from_matrices([[0] * 4] * 4, [[0] * 4] * 4, title="zeros")
    with pytest.raises(SolverError, match=f"more than {MAX_VERTEX_SYSTEMS}.*correlated_equilibria"):
        correlated_vertices(big)
