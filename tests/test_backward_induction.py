"""Subgame-perfect equilibria: textbook cases and properties against brute force."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import perfect_information_trees, trees_with_information_sets

from escalation.errors import ParameterError, SolverError, VerificationError
from escalation.games import ExtensiveFormGame, chance, decision, outcome
from escalation.games.strategic import mixed_from_behaviour
from escalation.solvers.backward_induction import subgame_perfect
from escalation.solvers.verify_tree import (
    is_nash_behaviour,
    is_subgame_perfect,
    verify_nash_behaviour,
    verify_subgame_perfect,
)

F = Fraction


def entry_game(fight=(-1, -1), accommodate=(1, 1), out=(0, 2)):
    return ExtensiveFormGame(("Entrant", "Incumbent"), decision("Entrant", {
        "Out": outcome("Monopoly", out),
        "In": decision("Incumbent", {"Fight": outcome("Price war", fight),
                                     "Accommodate": outcome("Shared market", accommodate)}),
    }), "entry deterrence")


def pure(s, infoset):
    """The action played for sure at ``infoset`` in Solution ``s``."""
    for per_player in s.strategies.values():
        if infoset in per_player:
            (action,) = [a for a, p in per_player[infoset].items() if p == 1]
            return action
    raise KeyError(infoset)


# --- textbook cases, derived by hand --------------------------------------------------------------

def test_entry_deterrence_spe_is_entry_and_accommodation():
    game = entry_game()
    (spe,) = subgame_perfect(game)
    assert (pure(spe, "root"), pure(spe, "root/In")) == ("In", "Accommodate")
    assert dict(spe.outcomes) == {"Monopoly": 0, "Price war": 0, "Shared market": 1}
    assert dict(spe.payoffs) == {"Entrant": 1, "Incumbent": 1}
    assert spe.computation.verified
    assert spe.computation.exact


def test_non_credible_threat_is_nash_but_not_subgame_perfect():
    game = entry_game()
    threat = {"root": {"Out": 1, "In": 0}, "root/In": {"Fight": 1, "Accommodate": 0}}
    assert is_nash_behaviour(game, threat)
    assert not is_subgame_perfect(game, threat)
    with pytest.raises(VerificationError, match=r"subgame at node root/In.*Incumbent gains 2"):
        verify_subgame_perfect(game, threat)


def test_profitable_deviation_is_named():
    game = entry_game()
    bad = {"root": {"Out": 1, "In": 0}, "root/In": {"Fight": 0, "Accommodate": 1}}
    with pytest.raises(VerificationError, match="Entrant gains 1"):
        verify_nash_behaviour(game, bad)


def test_tie_returns_every_spe_and_reports_knife_edge():
    # Incumbent indifferent between fighting and accommodating (both 0): two SPE with different outcomes.
    game = entry_game(fight=(-1, 0), accommodate=(1, 0), out=(0, 2))
    result = subgame_perfect(game)
    found = {(pure(s, "root"), pure(s, "root/In")) for s in result}
    assert found == {("Out", "Fight"), ("In", "Accommodate")}
    assert len(result.knife_edge) == 1
    assert "Incumbent is indifferent at node root/In" in result.knife_edge[0]
    assert all(is_subgame_perfect(game, s) for s in result)


def test_chance_node_tie_and_strict_cases():
    def game(p_hard):
        hard = decision("Defender", {"Resist": outcome("war", (-2, -1)), "Concede": outcome("win", (1, -3))})
        soft = decision("Defender", {"Resist": outcome("war", (-2, -5)), "Concede": outcome("win", (1, -3))})
        return ExtensiveFormGame(("Challenger", "Defender"), decision("Challenger", {
            "Hold": outcome("status quo", (0, 0)),
            "Test": chance({"hard": (p_hard, hard), "soft": (1 - p_hard, soft)}),
        }))

    # Challenger tests iff 1 - 3 p_hard > 0, i.e. p_hard < 1/3 (hand derivation).
    (deterred,) = subgame_perfect(game(F(1, 2)))
    assert pure(deterred, "root") == "Hold"
    assert dict(deterred.outcomes)["status quo"] == 1
    (tested,) = subgame_perfect(game(F(1, 4)))
    assert pure(tested, "root") == "Test"
    assert dict(tested.outcomes) == {"status quo": 0, "war": F(1, 4), "win": F(3, 4)}
    assert tested.payoffs["Challenger"] == F(1, 4)
    tie = subgame_perfect(game(F(1, 3)))
    assert len(tie) == 2
    assert tie.knife_edge


def test_three_stage_escalation_ladder():
    # Challenger tests; defender responds or abandons; challenger escalates or backs down.
    game = ExtensiveFormGame(("Russia", "Coalition"), decision("Russia", {
        "Hold": outcome("status quo", (0, 3)),
        "Test": decision("Coalition", {
            "Abandon": outcome("abandonment", (2, 0)),
            "Respond": decision("Russia", {
                "Back down": outcome("coalition prevails", (-1, 2)),
                "Escalate": outcome("nuclear crisis", (-3, -4)),
            }),
        }),
    }))
    (spe,) = subgame_perfect(game)
    # Russia backs down (-1 > -3), so the coalition responds (2 > 0), so Russia holds (0 > -1).
    assert [pure(spe, h) for h in ("root", "root/Test", "root/Test/Respond")] == ["Hold", "Respond", "Back down"]
    assert dict(spe.outcomes)["status quo"] == 1


def test_symbolic_game_needs_values():
    import sympy

    c = sympy.Symbol("c", real=True)
    game = entry_game(fight=(-1, -c))
    with pytest.raises(ParameterError, match="'c'"):
        subgame_perfect(game)
    (spe,) = subgame_perfect(game.subs({"c": 2}))
    assert pure(spe, "root/In") == "Accommodate"
    (spe,) = subgame_perfect(game.subs({"c": -2}))  # fighting pays: the threat is credible
    assert pure(spe, "root") == "Out"


def test_too_many_ties_refused():
    leaves = {f"a{i}": outcome(None, (0, 0)) for i in range(4)}
    game = ExtensiveFormGame(("A", "B"), decision("A", {
        f"x{k}": decision("B", dict(leaves)) for k in range(4)}))
    assert len(subgame_perfect(game)) == 4 ** 5
    with pytest.raises(SolverError, match="more than 100"):
        subgame_perfect(game, max_equilibria=100)


# --- properties ------------------------------------------------------------------------------------

def _pure_profiles(game):
    labels = list(game.infosets)
    for combo in itertools.product(*(game.infosets[h].actions for h in labels)):
        yield {h: {a: F(int(a == c)) for a in game.infosets[h].actions} for h, c in zip(labels, combo, strict=True)}


def _is_spe_by_hand(game, profile):
    """Independent check for perfect information: every mover's action is optimal at its node."""
    value = {}
    for node in reversed(game.nodes):
        if node.kind == "terminal":
            value[node.index] = [F(u) for u in node.payoffs]
        elif node.kind == "chance":
            value[node.index] = [sum(F(p) * value[c][i] for p, c in zip(node.probabilities, node.children, strict=True))
                                 for i in range(len(game.players))]
        else:
            chosen = next(a for a, p in profile[node.infoset].items() if p == 1)
            here = value[node.children[node.actions.index(chosen)]]
            if any(value[c][node.player] > here[node.player] for c in node.children):
                return False
            value[node.index] = here
    return True


def _key(profile_or_solution):
    b = profile_or_solution.behaviour if hasattr(profile_or_solution, "behaviour") else profile_or_solution
    return tuple(sorted((h, tuple(sorted((a, F(int(p))) for a, p in acts.items()))) for h, acts in b.items()))


@given(perfect_information_trees(max_depth=3))
def test_pure_spe_set_equals_brute_force(game):
    expected = {_key(p) for p in _pure_profiles(game) if _is_spe_by_hand(game, p)}
    found = subgame_perfect(game)
    assert {_key(s) for s in found} == expected
    assert bool(found.knife_edge) == (len(expected) > 1)


@given(perfect_information_trees(max_depth=3, fractions=True))
def test_every_spe_is_nash_of_reduced_normal_form(game):
    from escalation.solvers.verify_normal_form import is_nash

    nf = game.to_normal_form(reduced=True)
    for s in subgame_perfect(game):
        assert is_subgame_perfect(game, s)
        assert is_nash(nf, mixed_from_behaviour(nf, s.behaviour))


@given(perfect_information_trees(max_depth=3), st.fractions(min_value=F(1, 5), max_value=5), st.integers(-3, 3),
       st.integers(0, 1))
def test_spe_unchanged_by_positive_affine_transform(game, scale, shift, player):
    transformed = ExtensiveFormGame(game.players, _transform_root(game, player, scale, shift), game.title)
    assert {_key(s) for s in subgame_perfect(game)} == {_key(s) for s in subgame_perfect(transformed)}


def _transform_root(game, player, scale, shift):
    from escalation.games.nodes import Chance, Decision, Outcome

    def walk(node):
        if isinstance(node, Outcome):
            pay = list(game._payoffs(node, ""))
            pay[player] = pay[player] * scale + shift
            return Outcome(node.label, tuple(pay))
        if isinstance(node, Decision):
            return Decision(node.player, tuple((a, walk(c)) for a, c in node.moves), node.infoset)
        return Chance(tuple((a, p, walk(c)) for a, p, c in node.moves))

    return walk(game.root)


@given(perfect_information_trees(max_depth=3), st.randoms(use_true_random=False))
def test_spe_unchanged_by_relabelling_actions(game, rnd):
    from escalation.games.nodes import Chance, Decision, Outcome

    def walk(node):
        if isinstance(node, Outcome):
            return node
        if isinstance(node, Decision):
            moves = list(node.moves)
            rnd.shuffle(moves)
            return Decision(node.player, tuple((f"{a}'", walk(c)) for a, c in moves), node.infoset)
        return Chance(tuple((a, p, walk(c)) for a, p, c in node.moves))

    relabelled = ExtensiveFormGame(game.players, walk(game.root))

    def outcome_payoffs(g):
        return sorted(tuple(s.payoffs[p] for p in g.players) for s in subgame_perfect(g))

    assert outcome_payoffs(game) == outcome_payoffs(relabelled)
    assert len(subgame_perfect(game)) == len(subgame_perfect(relabelled))


@given(trees_with_information_sets())
def test_subgames_with_imperfect_information(game):
    pytest.importorskip("escalation.solvers.nash")
    found = subgame_perfect(game)
    assert len(found) >= 1
    for s in found:
        assert is_subgame_perfect(game, s)
        for acts in s.behaviour.values():
            assert sum(acts.values()) == 1
            assert all(0 <= p <= 1 for p in acts.values())
    # every pure SPE found by brute force is among the returned ones
    found_keys = {_key(s) for s in found}
    for p in _pure_profiles(game):
        if is_subgame_perfect(game, p):
            assert _key(p) in found_keys
