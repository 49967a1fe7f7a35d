"""Hypothesis strategies that draw only valid games, kept in one place.

Every strategy here draws objects the package must accept: normal forms with
exact payoffs, perfect-information trees (optionally with chance nodes and
symbolic payoffs), and trees with simultaneous-move information sets that keep
perfect recall.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import sympy
from hypothesis import strategies as st

from escalation.games import ExtensiveFormGame, NormalFormGame, chance, decision, outcome

PLAYER_NAMES = ("Russia", "Coalition", "Ukraine", "USA")


def payoff_values(low: int = -6, high: int = 6, fractions: bool = False) -> st.SearchStrategy:
    """Exact payoff values: small integers, or fractions with small denominators."""
    ints = st.integers(low, high)
    if not fractions:
        return ints
    return st.one_of(ints, st.fractions(low, high, max_denominator=6))


@st.composite
def normal_form_games(draw, players: int | None = None, max_strategies: int = 4, fractions: bool = False,
                      min_strategies: int = 1) -> NormalFormGame:
    """An N-player normal form with exact payoffs and labelled strategies."""
    n = draw(st.integers(2, 3)) if players is None else players
    shape = tuple(draw(st.integers(min_strategies, max_strategies)) for _ in range(n))
    names = PLAYER_NAMES[:n]
    strategies = tuple(tuple(f"{name[0].lower()}{k + 1}" for k in range(m))
                       for name, m in zip(names, shape, strict=True))
    values = payoff_values(fractions=fractions)

    arrays = []
    for _ in range(n):
        flat = draw(st.lists(values, min_size=int(np.prod(shape)), max_size=int(np.prod(shape))))
        arrays.append(np.array(flat, dtype=object).reshape(shape))
    return NormalFormGame(names, strategies, tuple(arrays), title="drawn")


def bimatrix_games(max_strategies: int = 4, fractions: bool = False, min_strategies: int = 1):
    """Two-player normal forms."""
    return normal_form_games(players=2, max_strategies=max_strategies, fractions=fractions,
                             min_strategies=min_strategies)


@st.composite
def generic_bimatrix_games(draw, max_strategies: int = 4) -> NormalFormGame:
    """Two-player games whose payoffs are all distinct per player (almost always nondegenerate)."""

    m = draw(st.integers(1, max_strategies))
    n = draw(st.integers(1, max_strategies))
    size = m * n
    a = draw(st.permutations(range(-size, size, 2)).map(lambda v: v[:size]))
    b = draw(st.permutations(range(-size + 1, size + 1, 2)).map(lambda v: v[:size]))
    labels = (tuple(f"r{i + 1}" for i in range(m)), tuple(f"c{j + 1}" for j in range(n)))
    payoffs = (np.array(a, dtype=object).reshape(m, n), np.array(b, dtype=object).reshape(m, n))
    return NormalFormGame(("Row", "Column"), labels, payoffs)


def _probabilities(k: int):
    """k positive fractions summing to one."""
    return st.lists(st.integers(1, 5), min_size=k, max_size=k).map(
        lambda w: [Fraction(x, sum(w)) for x in w]
    )


@st.composite
def _subtree(draw, players, depth, values, allow_chance, counter):
    if depth == 0 or draw(st.integers(0, 3)) == 0:
        counter[0] += 1
        label = draw(st.sampled_from(["war", "status quo", "concession", None]))
        return outcome(label, tuple(draw(values) for _ in players))
    k = draw(st.integers(1, 3))
    if allow_chance and draw(st.integers(0, 4)) == 0:
        probs = draw(_probabilities(k))
        return chance({f"n{i + 1}": (p, draw(_subtree(players, depth - 1, values, allow_chance, counter)))
                       for i, p in enumerate(probs)})
    player = draw(st.sampled_from(players))
    return decision(player, {f"a{i + 1}": draw(_subtree(players, depth - 1, values, allow_chance, counter))
                             for i in range(k)})


@st.composite
def perfect_information_trees(draw, players: int = 2, max_depth: int = 4, allow_chance: bool = True,
                              fractions: bool = False) -> ExtensiveFormGame:
    """A perfect-information tree (chance nodes allowed) with exact payoffs."""
    names = PLAYER_NAMES[:players]
    values = payoff_values(fractions=fractions)
    counter = [0]
    player = draw(st.sampled_from(names))
    k = draw(st.integers(1, 3))
    root = decision(player, {f"a{i + 1}": draw(_subtree(names, max_depth - 1, values, allow_chance, counter))
                             for i in range(k)})
    return ExtensiveFormGame(names, root, title="drawn tree")


@st.composite
def trees_with_information_sets(draw, max_depth: int = 2, fractions: bool = False) -> ExtensiveFormGame:
    """Two-player trees with perfect recall in which some moves are simultaneous.

    A simultaneous block is a move of one player followed by the other player's
    information set spanning all of its outcomes; blocks nest inside
    perfect-information moves, so proper subgames appear at several depths.
    """
    names = PLAYER_NAMES[:2]
    values = payoff_values(fractions=fractions)
    counter = [0]

    def block(depth: int):
        first, second = draw(st.permutations(names))
        top = depth == max_depth
        k1, k2 = draw(st.integers(1, 3 if top else 2)), draw(st.integers(1, 3 if top else 2))
        label = f"h{counter[0]}"
        counter[0] += 1
        inner = {}
        for i in range(k1):
            inner[f"x{i + 1}"] = decision(
                second, {f"y{j + 1}": sub(depth - 1) for j in range(k2)}, infoset=label)
        return decision(first, inner)

    def sub(depth: int):
        roll = draw(st.integers(0, 4))
        if depth <= 0 or roll == 0 or counter[0] > 2:
            return outcome(draw(st.sampled_from(["war", "status quo", None])), tuple(draw(values) for _ in names))
        if roll == 1:
            return block(depth)
        player = draw(st.sampled_from(names))
        return decision(player, {f"a{i + 1}": sub(depth - 1) for i in range(draw(st.integers(1, 3)))})

    return ExtensiveFormGame(names, block(max_depth), title="drawn tree with information sets")


def symbolic_payoff_trees(max_depth: int = 3):
    """Perfect-information trees whose payoffs are linear in parameters ``x`` and ``y``.

    Draws the tree with integer payoffs, then adds ``c1*x + c2*y`` with small
    integer coefficients at randomly chosen leaves.
    """
    x, y = sympy.symbols("x y", real=True)

    @st.composite
    def draw_tree(draw):
        base = draw(perfect_information_trees(players=2, max_depth=max_depth, allow_chance=False))
        coeffs = st.integers(-2, 2)

        def add(value):
            return value + draw(coeffs) * x + draw(coeffs) * y

        return ExtensiveFormGame(base.players, base.map_numbers(add), base.title)

    return draw_tree()
