"""Trees as arrays: ``ExtensiveFormGame.from_arrays``, paths with ``/`` in labels, the flat storage."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import perfect_information_trees, trees_with_information_sets

from escalation.errors import GameStructureError, PayoffError, ProbabilityError
from escalation.games import ExtensiveFormGame, chance, decision, outcome
from escalation.games.paths import path_step, split_path
from escalation.io import efg_text, parse_efg
from escalation.solvers import subgame_perfect

F = Fraction


# -- "/" inside action labels (issue 15) ------------------------------------------------------------
def tree_with_chance_label(label: str) -> ExtensiveFormGame:
    """Issue 15's example: with ``label = "x/y"`` the paths root/x/y of two of B's nodes used to coincide.

    B moves after chance's ``label`` and after chance's ``x`` then A's ``y``; merged into one
    information set, B could no longer tell them apart and the equilibrium payoffs fell from
    (2, 1) to (3/2, 1/2).
    """
    return ExtensiveFormGame(("A", "B"), chance({
        label: ("1/2", decision("B", {"l": outcome(None, (2, 1)), "r": outcome(None, (0, 0))})),
        "x": ("1/2", decision("A", {
            "y": decision("B", {"l": outcome(None, (0, 0)), "r": outcome(None, (2, 1))}),
            "n": outcome(None, (1, 0)),
        })),
    }))


def test_a_slash_in_an_action_label_does_not_merge_nodes():
    game = tree_with_chance_label("x/y")
    same = tree_with_chance_label("x_y")
    assert game.is_perfect_information
    assert len(game.infosets) == len(same.infosets) == 3
    assert len({n.path for n in game.nodes}) == len(game.nodes)
    assert [dict(s.payoffs) for s in subgame_perfect(game)] == [dict(s.payoffs) for s in subgame_perfect(same)]
    assert [dict(s.payoffs) for s in subgame_perfect(game)] == [{"A": 2, "B": 1}]


def test_paths_escape_slashes_and_backslashes():
    game = tree_with_chance_label("x/y")
    assert game.node("root/x\\/y").player == 1
    assert game.node("root/x/y").player == 1
    assert game.node("root/x\\/y").index != game.node("root/x/y").index
    assert split_path(path_step(path_step("root", "a\\/b"), "c")) == ["root", "a\\/b", "c"]


def test_the_game_with_a_slash_is_written_to_efg_as_it_is():
    game = tree_with_chance_label("x/y")
    back = parse_efg(efg_text(game))
    assert back == game
    assert back.is_perfect_information
    assert [dict(s.payoffs) for s in subgame_perfect(back)] == [{"A": 2, "B": 1}]


def test_an_information_set_named_like_another_nodes_path_is_refused():
    with pytest.raises(GameStructureError, match="also the path of node root/a"):
        ExtensiveFormGame(("A",), decision("A", {
            "a": decision("A", {"l": outcome(None, (0,))}),
            "b": decision("A", {"l": outcome(None, (1,))}, infoset="root/a"),
        }))


@given(st.text(alphabet="ab/\\", min_size=1, max_size=6), st.text(alphabet="ab/\\", min_size=1, max_size=6))
def test_paths_never_collide(first, second):
    if first == second:
        return
    game = ExtensiveFormGame(("A",), decision("A", {
        first: decision("A", {second: outcome(None, (0,)), "c": outcome(None, (1,))}),
        second: decision("A", {first: outcome(None, (2,)), "c": outcome(None, (3,))}),
    }))
    assert len({n.path for n in game.nodes}) == len(game.nodes)
    assert len(game.infosets) == 3
    for node in game.nodes:
        assert game.node(node.path) == node


# -- from_arrays ---------------------------------------------------------------------------------------
def to_arrays(game: ExtensiveFormGame, order: np.ndarray):
    """The arrays of ``game`` with node ``v`` renumbered ``order[v]`` (parents need not come first)."""
    nodes = game.nodes
    n = len(nodes)
    parents = np.full(n, -1)
    movers = np.full(n, -1)
    actions = [None] * n
    probabilities = [None] * n
    infosets = [None] * n
    for node in nodes:
        k = order[node.index]
        if node.parent is not None:
            parents[k] = order[node.parent]
            actions[k] = node.action
            parent = nodes[node.parent]
            if parent.kind == "chance":
                probabilities[k] = parent.probabilities[parent.children.index(node.index)]
        if node.kind == "decision":
            movers[k] = node.player
            shared = len(game.infosets[node.infoset].nodes) > 1
            infosets[k] = node.infoset if shared or node.infoset != node.path else None
    leaves = sorted((order[t.index], t) for t in game.terminals)
    payoffs = [t.payoffs for _, t in leaves]
    outcomes = [t.outcome for _, t in leaves]
    return parents, movers, payoffs, actions, probabilities, infosets, outcomes


def from_arrays_of(game: ExtensiveFormGame, order: np.ndarray) -> ExtensiveFormGame:
    parents, movers, payoffs, actions, probabilities, infosets, outcomes = to_arrays(game, order)
    return ExtensiveFormGame.from_arrays(game.players, parents, movers, payoffs, actions=actions,
                                         probabilities=probabilities, infosets=infosets, outcomes=outcomes,
                                         title=game.title)


def level_order(game: ExtensiveFormGame) -> np.ndarray:
    depth = {0: 0}
    for node in game.nodes:
        if node.parent is not None:
            depth[node.index] = depth[node.parent] + 1
    ranked = sorted(range(len(game.nodes)), key=lambda v: (depth[v], v))
    order = np.empty(len(ranked), dtype=int)
    order[ranked] = np.arange(len(ranked))
    return order


any_tree = st.one_of(perfect_information_trees(players=3, fractions=True), trees_with_information_sets())


@given(any_tree)
def test_from_arrays_in_pre_order_builds_the_same_game(game):
    back = from_arrays_of(game, np.arange(len(game.nodes)))
    assert back == game
    assert dict(back.infosets) == dict(game.infosets)
    assert [n.path for n in back.nodes] == [n.path for n in game.nodes]


@given(any_tree)
def test_from_arrays_in_level_order_builds_the_same_game(game):
    back = from_arrays_of(game, level_order(game))
    assert back == game
    assert [t.outcome for t in back.terminals] == [t.outcome for t in game.terminals]


def test_from_arrays_default_labels_and_numbers():
    game = ExtensiveFormGame.from_arrays(("A",), [-1, 0, 0, 0], [0, 0, 0, 0], np.array([[1], [2], [3]]))
    assert game.nodes[0].actions == ("1", "2", "3")
    assert game.node("root/3").payoffs == (3,)
    floats = ExtensiveFormGame.from_arrays(("A",), [-1, 0, 0], [0, 0, 0], np.array([[0.1], [2.5]]))
    assert floats.node("root/1").payoffs == (F(1, 10),)


@pytest.mark.parametrize(("arguments", "error", "message"), [
    pytest.param(dict(parents=[-1, -1], movers=[0, 0], payoffs=[[1], [1]]), GameStructureError,
                 "exactly one root", id="two roots"),
    pytest.param(dict(parents=[-1, 2, 1], movers=[0, 0, 0], payoffs=[]), GameStructureError,
                 "parents form a cycle", id="cycle"),
    pytest.param(dict(parents=[-1, 5], movers=[0, 0], payoffs=[[1]]), GameStructureError,
                 "node 1: parent 5 is not a node number", id="parent out of range"),
    pytest.param(dict(parents=[-1, 0], movers=[3, 0], payoffs=[[1]]), GameStructureError,
                 "node 0: mover 3 is not a player", id="unknown mover"),
    pytest.param(dict(parents=[-1, 0, 0], movers=[0, 0, 0], payoffs=[[1]]), PayoffError,
                 r"needs shape \(2, 1\)", id="payoff rows"),
    pytest.param(dict(parents=[-1, 0, 0], movers=[0, 0, 0], payoffs=[[1], [float("nan")]]), PayoffError,
                 "payoff of leaf 2, player 'A': payoff nan is not finite", id="nan payoff"),
    pytest.param(dict(parents=[-1, 0, 0], movers=[-1, 0, 0], payoffs=[[1], [2]], probabilities=[0, "1/2", "1/3"]),
                 ProbabilityError, "chance node 0: probabilities sum to 5/6", id="probabilities"),
    pytest.param(dict(parents=[-1, 0, 0], movers=[-1, 0, 0], payoffs=[[1], [2]]), ProbabilityError,
                 "no probabilities are given", id="no probabilities"),
    pytest.param(dict(parents=[-1, 0, 0], movers=[0, 0, 0], payoffs=[[1], [2]], actions=[None, "a", "a"]),
                 GameStructureError, "action label 'a' is used twice", id="repeated action"),
])
def test_from_arrays_refuses_bad_arrays_naming_the_node(arguments, error, message):
    with pytest.raises(error, match=message):
        ExtensiveFormGame.from_arrays(("A",), **arguments)


def test_subs_and_lazy_nodes_of_an_array_game():
    import sympy

    c = sympy.Symbol("c")
    game = ExtensiveFormGame.from_arrays(("A", "B"), [-1, 0, 0], [1, 0, 0], [[c, 1], [0, 2]],
                                         actions=[None, "l", "r"])
    assert game.free_symbols == {c}
    numeric = game.subs({"c": "1/3"})
    assert numeric.node("root/l").payoffs == (F(1, 3), 1)
    assert game.root.moves[0][1].payoffs == (c, 1)
