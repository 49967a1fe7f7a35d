"""The compiled backward induction against the recursive reference, and its certification of floats.

``reference_backward_induction.py`` is the recursive solver the package used
before; on every drawn tree (ties, chance moves, subgames with imperfect
information, numbers beyond the range of floats) the compiled solver must list
the same equilibria in the same order, with the same ties and notes.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reference_backward_induction import reference_spe
from strategies import perfect_information_trees, trees_with_information_sets

from escalation.games import ExtensiveFormGame, chance, decision, outcome, outcome_distribution
from escalation.games.nodes import Chance, Decision, Outcome
from escalation.solvers import best_response as best_response_module
from escalation.solvers import subgame_perfect, verify_subgame_perfect
from escalation.solvers.backward_induction import MIXTURES

F = Fraction


def behaviour(solution) -> dict:
    return {h: {a: F(int(p.p), int(p.q)) for a, p in acts.items()} for h, acts in solution.behaviour.items()}


def assert_same_as_reference(game: ExtensiveFormGame) -> None:
    expected, ties, notes = reference_spe(game)
    found = subgame_perfect(game)
    assert [behaviour(s) for s in found] == [b for b, _ in expected]
    assert [tuple(F(int(x.p), int(x.q)) for x in s.payoffs.values()) for s in found] == [v for _, v in expected]
    assert list(found.knife_edge) == ties
    assert [n for n in found.notes if n != MIXTURES] == notes
    for s, (b, _) in zip(found, expected, strict=True):
        assert dict(s.outcomes) == outcome_distribution(game, b)


def scaled(game: ExtensiveFormGame, factor: int, shift: int = 0) -> ExtensiveFormGame:
    """The same tree with every payoff multiplied by ``factor`` and shifted (the equilibria do not change)."""

    def walk(node):
        if isinstance(node, Outcome):
            return Outcome(node.label, tuple(u * factor + shift for u in game._payoffs(node, "")))
        if isinstance(node, Decision):
            return Decision(node.player, tuple((a, walk(c)) for a, c in node.moves), node.infoset)
        return Chance(tuple((a, p, walk(c)) for a, p, c in node.moves))

    return ExtensiveFormGame(game.players, walk(game.root), game.title)


two_or_three = st.integers(2, 3)


@given(two_or_three.flatmap(lambda n: perfect_information_trees(players=n, max_depth=4)))
def test_agrees_with_the_reference_on_trees_with_ties_and_chance(game):
    assert_same_as_reference(game)


@given(perfect_information_trees(players=2, max_depth=4, fractions=True))
def test_agrees_with_the_reference_on_fractional_payoffs(game):
    assert_same_as_reference(game)


@given(trees_with_information_sets(max_depth=2))
def test_agrees_with_the_reference_on_subgames_with_imperfect_information(game):
    assert_same_as_reference(game)


@settings(max_examples=25)
@given(perfect_information_trees(players=2, max_depth=3, fractions=True))
def test_agrees_with_the_reference_beyond_the_range_of_floats(game):
    # payoffs near 10**400 overflow floats: the pass runs on exact rationals instead
    assert_same_as_reference(scaled(game, 10**400, 7))


def test_a_tie_that_floats_cannot_see_is_reported():
    # 3/10 by chance (0.1 * 3 = 0.30000000000000004 in floats) against a sure 3/10: an exact tie
    game = ExtensiveFormGame(("A",), decision("A", {
        "gamble": chance({"win": ("1/10", outcome("won", (3,))), "lose": ("9/10", outcome("lost", (0,)))}),
        "safe": outcome("safe", (F(3, 10),)),
    }))
    found = subgame_perfect(game)
    assert len(found) == 2
    assert found.knife_edge == ("A is indifferent at node root between 'gamble', 'safe'",)


def test_a_near_tie_that_floats_cannot_separate_is_decided_exactly():
    # 1/3 + 10**-30 against 1/3: equal as floats, the first is better
    eps = F(1, 10**30)
    game = ExtensiveFormGame(("A",), decision("A", {
        "a": outcome("a", (F(1, 3),)),
        "b": chance({"x": (F(1, 3), outcome("b", (1 + 3 * eps,))), "y": (F(2, 3), outcome("c", (0,)))}),
    }))
    (spe,) = subgame_perfect(game)
    assert dict(spe.strategies["A"]["root"]) == {"a": 0, "b": 1}
    assert spe.payoffs["A"] == F(1, 3) + eps


@pytest.mark.parametrize("depth", [400, 3000])
def test_chains_thousands_of_moves_deep_are_solved(depth):
    node = outcome("end", (0, 1))
    for k in range(depth):  # each mover stops (k + 1 now) rather than go on (at most k later)
        node = decision(("A", "B")[k % 2], {"stop": outcome(f"stop {k}", (k + 1, k + 1)), "go": node})
    game = ExtensiveFormGame(("A", "B"), node)
    (spe,) = subgame_perfect(game)
    assert dict(spe.strategies["B" if depth % 2 == 0 else "A"]["root"]) == {"stop": 1, "go": 0}
    assert spe.payoffs["A"] == depth
    verify_subgame_perfect(game, spe)


def perfect_information_with_blocks(depth: int, players: int = 2) -> ExtensiveFormGame:
    """A binary tree of alternating moves with small simultaneous-move blocks near some leaves."""
    names = ("A", "B", "C")[:players]
    count = [0]

    def build(d: int, mover: int):
        count[0] += 1
        k = count[0]
        if d == 0:  # distinct payoffs: no ties outside the blocks
            return outcome(None, tuple(k * (1 + i) % 1009 + 2 for i in range(players)))
        if d == 1 and k % 5 == 0:  # a simultaneous move of the mover and the next player
            label = f"block {k}"
            first, second = mover, (mover + 1) % players

            def pays(x: bool, left: bool) -> tuple:
                if players == 2:  # matching pennies: one mixed equilibrium
                    return tuple(int(x == left) if i == first else int(x != left) for i in range(players))
                return tuple(1 + x if i == first else 1 + left if i == second else 0 for i in range(players))

            return decision(names[first], {
                "x": decision(names[second], {"l": outcome(None, pays(True, True)),
                                              "r": outcome(None, pays(True, False))}, infoset=label),
                "y": decision(names[second], {"l": outcome(None, pays(False, True)),
                                              "r": outcome(None, pays(False, False))}, infoset=label)})
        return decision(names[mover], {"l": build(d - 1, (mover + 1) % players),
                                       "r": build(d - 1, (mover + 1) % players)})

    return ExtensiveFormGame(names, build(depth, 0))


@pytest.mark.parametrize(("depth", "players"), [(6, 2), (8, 2), (6, 3)])
def test_verification_of_trees_with_small_imperfect_information_blocks_needs_no_plan_enumeration(
        monkeypatch, depth, players):
    # issue 15: verification enumerated every plan of a player in the whole subgame above any
    # information set (minutes for 151 nodes); with perfect recall one pass per layer suffices
    game = perfect_information_with_blocks(depth, players)
    expected, _, _ = reference_spe(game)

    def forbidden(*args):
        raise AssertionError("plans were enumerated")

    monkeypatch.setattr(best_response_module, "_enumerated", forbidden)
    found = subgame_perfect(game)
    assert [behaviour(s) for s in found] == [b for b, _ in expected]
    assert len(game.nodes) >= 150


def test_random_large_tree_from_arrays_agrees_with_a_numpy_pass():
    rng = np.random.default_rng(5)
    depth = 12
    n = 2 ** (depth + 1) - 1
    parents = np.r_[-1, (np.arange(1, n) - 1) // 2]
    movers = np.floor(np.log2(np.arange(n) + 1)).astype(int) % 2
    payoffs = rng.integers(-10**9, 10**9, size=(2**depth, 2))
    game = ExtensiveFormGame.from_arrays(("A", "B"), parents, movers, payoffs)
    value = payoffs.copy()
    for d in range(depth - 1, -1, -1):  # the leaves pair up level by level; the mover at depth d is d % 2
        left, right = value[0::2], value[1::2]
        value = np.where((right[:, d % 2] > left[:, d % 2])[:, None], right, left)
    (spe,) = subgame_perfect(game)
    assert tuple(spe.payoffs.values()) == tuple(value[0])
