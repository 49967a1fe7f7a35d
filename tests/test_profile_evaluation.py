"""One behaviour-profile evaluator, four number types: sympy, fractions, numpy grids, the compiled tree.

Each is checked against a naive recursion written here (the probability of a
leaf is the product of the moves on its path), on drawn trees with chance
moves and information sets and drawn mixed profiles.
"""

from fractions import Fraction

import numpy as np
import sympy
from hypothesis import given
from hypothesis import strategies as st

from escalation.analysis.profile_grid import ProfileGrid
from escalation.games import ExtensiveFormGame, decision, outcome
from escalation.games.profiles import continuation_payoffs, expected_payoffs, reach_probabilities
from escalation.games.tree import CHANCE, TERMINAL
from escalation.numbers import as_fraction
from escalation.solvers.evaluation import continuation_values, fraction_profile, reach
from escalation.solvers.tree_profile import compiled_profile, exact_values, root_value
from tests.strategies import perfect_information_trees, signalling_games

games = st.one_of(signalling_games(max_pure_profiles=512), perfect_information_trees(max_depth=3))


@st.composite
def games_and_profiles(draw):
    game = draw(games)
    profile = {}
    for label, h in game.infosets.items():
        weights = draw(st.lists(st.integers(0, 3), min_size=len(h.actions), max_size=len(h.actions))
                       .filter(lambda w: sum(w) > 0))
        profile[label] = {a: Fraction(w, sum(weights)) for a, w in zip(h.actions, weights, strict=True)}
    return game, profile


def _naive(game, profile, index=0, probability=Fraction(1)):
    """``(leaf index, reach probability)`` for every leaf below ``index``, by plain recursion."""
    node = game.nodes[index]
    if node.kind == TERMINAL:
        return [(index, probability)]
    if node.kind == CHANCE:
        moves = [as_fraction(p) for p in node.probabilities]
    else:
        moves = [profile[node.infoset][a] for a in node.actions]
    return [pair for child, p in zip(node.children, moves, strict=True)
            for pair in _naive(game, profile, child, probability * p)]


def _naive_payoffs(game, profile):
    leaves = _naive(game, profile)
    return tuple(sum((p * as_fraction(game.nodes[v].payoffs[i]) for v, p in leaves), Fraction(0))
                 for i in range(len(game.players)))


@given(games_and_profiles())
def test_every_number_type_gives_the_naive_expected_payoffs(drawn):
    game, profile = drawn
    expected = _naive_payoffs(game, profile)
    assert tuple(as_fraction(x) for x in expected_payoffs(game, profile)) == expected
    assert continuation_values(game, fraction_profile(game, profile))[0] == expected
    assert tuple(as_fraction(x) for x in continuation_payoffs(game, profile)[0]) == expected
    assert root_value(compiled_profile(game, profile)) == expected
    assert tuple(Fraction(x) for x in exact_values(compiled_profile(game, profile))[0]) == expected
    floats = ProfileGrid(game).evaluate({h: {a: float(p) for a, p in ps.items()} for h, ps in profile.items()}, {})
    assert np.allclose([floats.payoffs[p] for p in game.players], [float(x) for x in expected])


@given(games_and_profiles())
def test_reach_probabilities_agree_with_the_naive_recursion_at_every_leaf(drawn):
    game, profile = drawn
    naive = dict(_naive(game, profile))
    exact = reach(game, fraction_profile(game, profile))
    symbolic = reach_probabilities(game, profile)
    for leaf, p in naive.items():
        assert exact[leaf] == p
        assert as_fraction(symbolic[leaf]) == p


def test_a_symbolic_profile_evaluates_symbolically():
    """With a symbolic move probability the evaluator returns expressions, not numbers."""
    q = sympy.Symbol("q")
    game = ExtensiveFormGame(("A",), decision("A", {"x": outcome(None, (4,)), "y": outcome(None, (0,))}))
    (value,) = expected_payoffs(game, {"root": {"x": q, "y": 1 - q}})
    assert sympy.simplify(value - 4 * q) == 0


def test_an_unreached_information_set_without_behaviour_leaves_only_its_subtree_undefined():
    game = ExtensiveFormGame(("A", "B"), decision("A", {
        "out": outcome(None, (1, 1)),
        "in": decision("B", {"l": outcome(None, (2, 0)), "r": outcome(None, (0, 2))})}))
    values = continuation_payoffs(game, {"root": {"out": 1, "in": 0}})
    assert values[0] == (1, 1)       # the move of probability zero is left out
    at = {node.path: values[node.index] for node in game.nodes}
    assert at["root/in"] is None     # B's node: no behaviour given there
    assert at["root/in/l"] == (2, 0)
