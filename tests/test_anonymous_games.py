"""Anonymous two-action games and their generic solver (issue 10: the volunteer's dilemma of any size, generically).

Expected values are derived by hand from the game (Diekmann 1985: each of m mixers abstains with probability
(K/U)^(1/(m-1))), read off pygambit's ``enumpoly_solve``, or computed by brute force over the full normal form
in this file, never by the code under test.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from escalation.errors import EscalationError, GameStructureError, ParameterError, SolverError, TooLargeError
from escalation.games import AnonymousGame
from escalation.solvers import anonymous_equilibria, pure_equilibria

F = Fraction
VOLUNTEER = ("Respond", "Abstain")


def volunteers(n: int, k, u) -> AnonymousGame:
    """The volunteer's dilemma written out here, independently of the unity model."""
    return AnonymousGame.from_function(n, VOLUNTEER, lambda a, others: u - k if a == "Respond" else
                                       (u if others else 0), player="Member",
                                       outcome=lambda r: "nobody" if r == 0 else "someone")


def split_of(solution) -> tuple[int, int, int, sympy.Expr | None]:
    """(on the first action, on the second, mixing, the mixers' probability of the first action)."""
    first = second = mixing = 0
    p = None
    for mix in solution.strategies.values():
        a, b = mix.values()
        if a == 1:
            first += 1
        elif b == 1:
            second += 1
        else:
            mixing, p = mixing + 1, a
    return first, second, mixing, p


# --- the volunteer's dilemma, by hand ---------------------------------------------------------------

@pytest.mark.parametrize(("n", "k", "u", "abstain"), [
    (2, 1, 4, F(1, 4)), (3, 1, 4, F(1, 2)), (5, 1, 16, F(1, 2)), (3, 1, 9, F(1, 3)),
    (3, 1, 2, sympy.sqrt(2) / 2), (1000, 1, 4, sympy.Rational(1, 4) ** sympy.Rational(1, 999))])
def test_the_symmetric_equilibrium_is_the_volunteers_mixture(n, k, u, abstain):
    (s,) = anonymous_equilibria(volunteers(n, k, u))
    assert s.name == "symmetric mixed"
    assert sympy.simplify(s.strategies["Member 1"]["Abstain"] - abstain) == 0
    assert sympy.simplify(s.outcomes["nobody"] - abstain**n) == 0
    assert all(v == u - k for v in s.payoffs.values())


@pytest.mark.parametrize("n", [2, 3, 4, 5, 6])
def test_classes_are_one_volunteer_or_any_group_mixing_while_the_rest_abstain(n):
    """Hand-derived: exactly one responds (n ways), or m >= 2 mix at abstention (K/U)^(1/(m-1)), the rest abstain."""
    found = anonymous_equilibria(volunteers(n, 1, 3), within="classes")
    expected = {(1, n - 1, 0, None)} | {(0, n - m, m, 1 - sympy.Rational(1, 3) ** sympy.Rational(1, m - 1))
                                        for m in range(2, n + 1)}
    assert {split_of(s) for s in found} == expected
    assert not found.knife_edge
    assert not found.complete
    pure = next(s for s in found if s.is_pure)
    assert f"stands for {n} equilibria" in " ".join(pure.computation.notes)


# --- pygambit as the oracle ---------------------------------------------------------------------------

def _gambit_equilibria(game: AnonymousGame) -> list[tuple[float, ...]]:
    pygambit = pytest.importorskip("pygambit")
    nf = game.to_normal_form()
    g = pygambit.Game.from_arrays(*(np.vectorize(lambda v: Fraction(str(v)), otypes=[object])(a) for a in nf.payoffs))
    solved = pygambit.nash.enumpoly_solve(g).equilibria
    return [tuple(float(e[next(iter(p.strategies))]) for p in g.players) for e in solved]


def _ours_expanded(found) -> list[tuple[float, ...]]:
    """Every relabelling of each class representative, as each player's probability of the first action."""
    out = set()
    for s in found:
        row = tuple(float(next(iter(mix.values()))) for mix in s.strategies.values())
        out |= set(itertools.permutations(row))
    return sorted(out)


def _close(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return all(abs(x - y) < 1e-6 for x, y in zip(a, b, strict=True))


def _nash_by_brute_force(game: AnonymousGame, solution) -> bool:
    """Every player's gain from 'a' (brute force over the normal form, 50 digits) fits what it plays."""
    for mix, gain in zip(solution.strategies.values(), _brute_force_gain(game, solution), strict=True):
        value, a = sympy.N(gain, 50), mix["a"]
        if (a == 1 and value < -1e-40) or (a == 0 and value > 1e-40) or (0 < a < 1 and abs(value) > 1e-40):
            return False
    return True


@pytest.mark.gambit
@settings(max_examples=40, deadline=None)
@given(st.integers(3, 4).flatmap(lambda n: st.tuples(st.just(n), st.lists(st.integers(-9, 9), min_size=2 * n,
                                                                            max_size=2 * n))))
def test_classes_agree_with_gambit_enumpoly(drawn):
    """Three and four players, generic games only (where a player is indifferent, equilibria come in continua
    that enumpoly lists in part).  What Gambit finds with one common mixing probability, we find; what we find
    and Gambit does not is checked by brute force (enumpoly misses some: see the next test)."""
    n, cells = drawn
    game = AnonymousGame(n, ("a", "b"), (tuple(cells[:n]), tuple(cells[n:])))
    found = anonymous_equilibria(game, within="classes")
    assume(not found.knife_edge and all(g != 0 for g in game.gains))
    ours, theirs = _ours_expanded(found), _gambit_equilibria(game)
    for y in theirs:
        mixers = {round(v, 9) for v in y if 1e-9 < v < 1 - 1e-9}
        if len(mixers) <= 1:
            assert any(_close(x, y) for x in ours), (y, ours)
    for s in found:
        row = tuple(float(next(iter(mix.values()))) for mix in s.strategies.values())
        if not any(_close(row, y) for y in theirs):
            assert _nash_by_brute_force(game, s), s.name


@pytest.mark.gambit
def test_a_symmetric_equilibrium_gambit_enumpoly_misses():
    """Four players, gains D = (-1, 2, -1, -1): G(p) = -(1-p)^3 + 6p(1-p)^2 - 3p^2(1-p) - p^3 has two roots in
    (0, 1), p ~ 0.5509 and p ~ 0.1560 (roots of 9q^3 - 9q^2 + 1 in q = 1 - p, by hand).  pygambit 16.7's
    enumpoly lists 28 equilibria, among them the first but not the second, which brute force confirms."""
    game = AnonymousGame(4, ("a", "b"), ((-1, 1, 0, 0), (0, -1, 1, 1)))
    q = sympy.Symbol("q")
    expected = sorted(float(1 - r) for r in sympy.Poly(9 * q**3 - 9 * q**2 + 1, q).real_roots() if 0 < r < 1)
    mixed = [s for s in anonymous_equilibria(game) if not s.is_pure]
    assert sorted(float(s.strategies["Player 1"]["a"]) for s in mixed) == pytest.approx(expected)
    assert all(_nash_by_brute_force(game, s) for s in mixed)
    theirs = _gambit_equilibria(game)
    symmetric = [y[0] for y in theirs if len({round(v, 9) for v in y}) == 1 and 0 < y[0] < 1]
    assert symmetric == pytest.approx([expected[1]])


# --- invariants -------------------------------------------------------------------------------------

@st.composite
def anonymous_games(draw, max_size: int = 5):
    n = draw(st.integers(2, max_size))
    rows = [tuple(draw(st.lists(st.integers(-3, 3), min_size=n, max_size=n))) for _ in range(2)]
    return AnonymousGame(n, ("a", "b"), tuple(rows))  # type: ignore[arg-type]


def _brute_force_gain(game: AnonymousGame, split) -> list[sympy.Expr]:
    """Each player's payoff from 'a' minus from 'b', summed over every cell of the full normal form."""
    nf = game.to_normal_form()
    mixes = [list(s.values()) for s in split.strategies.values()]
    gains = []
    for i in range(game.size):
        total = sympy.Integer(0)
        for cell in itertools.product(range(2), repeat=game.size):
            if cell[i] != 0:
                continue
            weight = math.prod((mixes[j][c] for j, c in enumerate(cell) if j != i), start=sympy.Integer(1))
            other = (*cell[:i], 1, *cell[i + 1:])
            total += weight * (nf.payoffs[i][cell] - nf.payoffs[i][other])
        gains.append(total)
    return gains


@settings(max_examples=60, deadline=None)
@given(anonymous_games())
def test_every_returned_profile_is_nash_in_the_full_normal_form(game):
    for s in anonymous_equilibria(game, within="classes"):
        for mix, gain in zip(s.strategies.values(), _brute_force_gain(game, s), strict=True):
            value = sympy.N(gain, 50)
            a = mix["a"]
            if a == 1:
                assert value > -1e-40
            elif a == 0:
                assert value < 1e-40
            else:
                assert abs(value) < 1e-40


@settings(max_examples=60, deadline=None)
@given(anonymous_games())
def test_pure_classes_equal_the_pure_equilibria_of_the_normal_form(game):
    found = anonymous_equilibria(game, within="classes")
    counted = sum(math.comb(game.size, split_of(s)[0]) for s in found if s.is_pure)
    assert counted == len(pure_equilibria(game.to_normal_form()))


@settings(max_examples=60, deadline=None)
@given(anonymous_games(max_size=8))
def test_symmetric_equilibria_are_the_symmetric_classes(game):
    symmetric = {split_of(s) for s in anonymous_equilibria(game)}
    classes = {split_of(s) for s in anonymous_equilibria(game, within="classes")}
    n = game.size
    assert symmetric == {x for x in classes if n in x[:3]}


@settings(max_examples=40, deadline=None)
@given(anonymous_games(), st.integers(1, 5), st.integers(-5, 5))
def test_positive_affine_transforms_change_nothing(game, scale, shift):
    moved = AnonymousGame(game.size, game.actions, tuple(tuple(scale * v + shift for v in row)
                                                         for row in game.payoffs))  # type: ignore[arg-type]
    assert {split_of(s) for s in anonymous_equilibria(moved, within="classes")} == \
        {split_of(s) for s in anonymous_equilibria(game, within="classes")}


def _digits(p) -> str | None:
    """An algebraic number to 30 significant digits (equal roots written differently compare equal)."""
    return None if p is None or p != p else sympy.N(p, 40).round(30).__str__()


@settings(max_examples=40, deadline=None)
@given(anonymous_games())
def test_relabelling_the_actions_mirrors_the_equilibria(game):
    n = game.size
    swapped = AnonymousGame(n, ("b", "a"), (tuple(reversed(game.payoffs[1])), tuple(reversed(game.payoffs[0]))))
    mirrored = {(s, r, m, _digits(None if p is None else 1 - p))
                for r, s, m, p in map(split_of, anonymous_equilibria(game, within="classes"))}
    found = {(r, s, m, _digits(p)) for r, s, m, p in map(split_of, anonymous_equilibria(swapped, within="classes"))}
    assert found == mirrored


def test_a_game_of_indifferent_players_is_a_reported_continuum():
    game = AnonymousGame(4, ("a", "b"), ((1, 1, 1, 1), (1, 1, 1, 1)))
    found = anonymous_equilibria(game)
    assert [s.name for s in found] == ["everyone on a", "everyone on b"]
    assert found.degenerate
    assert "continuum" in found.knife_edge[0]


def test_a_dense_indifference_polynomial_uses_exact_root_isolation():
    """Gains that change sign twice: two symmetric mixtures, each checked against its own quadratic by hand."""
    game = AnonymousGame(3, ("a", "b"), ((1, -2, 1), (0, 0, 0)))  # G(p) = (1-p)^2 - 4p(1-p) + p^2 = 6p^2 - 6p + 1
    mixed = [s.strategies["Player 1"]["a"] for s in anonymous_equilibria(game) if not s.is_pure]
    assert sorted(mixed, key=float) == sorted(sympy.solve(6 * sympy.Symbol("p") ** 2 - 6 * sympy.Symbol("p") + 1),
                                              key=float)


# --- bad input ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("make", "error", "match"), [
    (lambda: AnonymousGame(1, ("a", "b"), ((1,), (0,))), GameStructureError, "at least 2"),
    (lambda: AnonymousGame(2, ("a", "b", "c"), ((1, 1), (0, 0))), GameStructureError, "exactly two"),
    (lambda: AnonymousGame(3, ("a", "b"), ((1, 1), (0, 0))), GameStructureError, "two rows of 3"),
    (lambda: AnonymousGame(2, ("a", "b"), ((1, 1), (0, 0)), outcomes=("x",)), GameStructureError, "one label"),
    (lambda: AnonymousGame(2, ("a", "b"), ((1, float("nan")), (0, 0))), GameStructureError, "payoff"),
    (lambda: AnonymousGame(10**6, ("a", "b"), ((), ())), TooLargeError, "players"),
    (lambda: volunteers(13, 1, 4).to_normal_form(), TooLargeError, "2\\^13"),
    (lambda: anonymous_equilibria(volunteers(13, 1, 4), within="classes"), SolverError, "up to 12"),
    (lambda: anonymous_equilibria(volunteers(3, 1, 4), within="some"), SolverError, "within"),
    (lambda: anonymous_equilibria(AnonymousGame(2, ("a", "b"), (("x", 1), (0, 0)))), ParameterError, "'x'"),
    (lambda: anonymous_equilibria("game"), SolverError, "AnonymousGame"),
])
def test_bad_input_is_a_one_line_error(make, error, match):
    with pytest.raises(error, match=match) as caught:
        make()
    assert isinstance(caught.value, EscalationError)
    assert "\n" not in str(caught.value)


def test_a_dense_polynomial_beyond_the_exact_degree_is_refused():
    n = 260
    rows = (tuple((-1) ** k * (k % 7 + 1) for k in range(n)), tuple([0] * n))
    with pytest.raises(SolverError, match="degree"):
        anonymous_equilibria(AnonymousGame(n, ("a", "b"), rows))  # type: ignore[arg-type]


def test_symbolic_payoffs_substitute():
    K, U = sympy.symbols("K U", positive=True)
    game = volunteers(3, K, U)
    assert game.free_symbols == {K, U}
    (s,) = anonymous_equilibria(game.subs({"K": 1, "U": 4}))
    assert s.strategies["Member 1"]["Abstain"] == F(1, 2)


def test_an_indifferent_mixer_is_no_continuum_where_the_others_would_switch():
    """Gains (0, 5, 5): one member mixing among two on b is indifferent at every p (no one else on a), but each
    of the two would switch to a as soon as p > 0 (gain 5p): only p = 0, the pure '3 on b', is an equilibrium,
    and there it is a tie, not a continuum."""
    game = AnonymousGame(3, ("a", "b"), ((0, 5, 5), (0, 0, 0)))
    found = anonymous_equilibria(game, within="classes")
    assert not found.degenerate
    assert not any("continuum" in k for k in found.knife_edge)
    assert "3 on b" in {s.name for s in found}
    assert any("'3 on b'" in k and "indifferent" in k for k in found.knife_edge)


def test_a_continuum_is_cut_where_the_others_would_switch():
    """Gains (0, 0, 2), one member on a, one on b, one mixing at p: the mixer's gain is D(1) = 0 at every p; the
    member on a gains (1 - p) D(0) + p D(1) = 0 (stays); the member on b gains (1 - p) D(1) + p D(2) = 2p, so it
    stays only at p = 0.  No interval of p: nothing is reported as a continuum for that split."""
    game = AnonymousGame(3, ("a", "b"), ((0, 0, 2), (0, 0, 0)))
    found = anonymous_equilibria(game, within="classes")
    assert not any("with 1 on the first action and 1 on the second" in k for k in found.knife_edge)
