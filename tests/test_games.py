"""Games: construction, validation of bad input, substitution, strategic form."""

from __future__ import annotations

import dataclasses
import math
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given
from strategies import perfect_information_trees, trees_with_information_sets

from escalation.errors import (
    GameStructureError,
    ParameterError,
    PayoffError,
    ProbabilityError,
)
from escalation.games import (
    ExtensiveFormGame,
    NormalFormGame,
    chance,
    decision,
    expected_payoffs,
    outcome,
    outcome_distribution,
)
from escalation.games.strategic import mixed_from_behaviour

F = Fraction


def leaf(*pay, label=None):
    return outcome(label, pay)


# --- malformed trees: each error names what is at fault -------------------------------------------

@pytest.mark.parametrize(("root", "error", "message"), [
    pytest.param(decision("A", {}), GameStructureError, "node root: a decision node needs at least one action",
                 id="no-actions"),
    pytest.param(decision("Z", {"x": leaf(0, 0)}), GameStructureError, "node root: player 'Z' is not one of",
                 id="unknown-player"),
    pytest.param(decision("A", [("x", leaf(0, 0)), ("x", leaf(1, 1))]), GameStructureError,
                 "action label 'x' is used twice", id="duplicate-action"),
    pytest.param(chance({"h": ("3/2", leaf(0, 0)), "t": ("-1/2", leaf(0, 0))}), ProbabilityError,
                 "chance node root, action 'h': probability 3/2 is outside", id="probability-above-one"),
    pytest.param(chance({"h": ("1/2", leaf(0, 0)), "t": ("1/3", leaf(0, 0))}), ProbabilityError,
                 "chance node root: probabilities sum to 5/6, not 1", id="probabilities-not-summing"),
    pytest.param(chance({"h": (math.nan, leaf(0, 0)), "t": ("1/2", leaf(0, 0))}), ProbabilityError,
                 "is not finite", id="nan-probability"),
    pytest.param(decision("A", {"x": leaf(math.nan, 0)}), PayoffError,
                 "terminal node root/x, player 'A': payoff nan is not finite", id="nan-payoff"),
    pytest.param(decision("A", {"x": outcome("war", (math.inf, 0))}), PayoffError,
                 "outcome 'war' at node root/x, player 'A': payoff inf is not finite", id="infinite-payoff"),
    pytest.param(decision("A", {"x": leaf(1)}), PayoffError, "needs 2 payoffs, got 1", id="short-payoffs"),
    pytest.param(decision("A", {"x": outcome(None, {"A": 1})}), PayoffError, "no payoff for player 'B'",
                 id="missing-player-payoff"),
    pytest.param(decision("A", {"x": outcome(None, {"A": 1, "B": 0, "C": 2})}), PayoffError,
                 "payoff for unknown player 'C'", id="unknown-player-payoff"),
    pytest.param(decision("A", {"x": leaf("abc + ", 0)}), PayoffError, "cannot read", id="unreadable-payoff"),
    pytest.param(decision("A", {"x": decision("B", {"l": leaf(0, 0)}, infoset="I"),
                                "y": decision("A", {"l": leaf(0, 0)}, infoset="I")}),
                 GameStructureError, "information set 'I': mixes players 'B' (node root/x) and 'A' (node root/y)",
                 id="infoset-mixing-players"),
    pytest.param(decision("A", {"x": decision("B", {"l": leaf(0, 0), "r": leaf(0, 0)}, infoset="I"),
                                "y": decision("B", {"l": leaf(0, 0), "m": leaf(0, 0)}, infoset="I")}),
                 GameStructureError, "information set 'I': node root/x offers", id="infoset-different-actions"),
    # the builder skips re-checking an action list it has already accepted; a later node must still be checked
    pytest.param(decision("A", {"x": decision("B", {"l": leaf(0, 0), "r": leaf(0, 0)}),
                                "y": decision("Z", {"l": leaf(0, 0), "r": leaf(0, 0)})}),
                 GameStructureError, "node root/y: player 'Z' is not one of", id="known-actions-unknown-player"),
    pytest.param(decision("A", {"x": decision("B", {"l": leaf(0, 0), "r": leaf(0, 0)}),
                                "y": decision("B", [("l", leaf(0, 0)), ("l", leaf(1, 1))])}),
                 GameStructureError, "node root/y: action label 'l' is used twice", id="later-duplicate-action"),
    pytest.param(decision("A", {"x": decision("B", {"l": leaf(0, 0), "r": leaf(0, 0)}),
                                "y": decision("B", [(["l"], leaf(0, 0)), ("r", leaf(1, 1))])}),
                 GameStructureError, "node root/y: action labels must be non-empty strings, got ['l']",
                 id="unhashable-action-label"),
])
def test_malformed_trees_raise_named_errors(root, error, message):
    with pytest.raises(error) as info:
        ExtensiveFormGame(("A", "B"), root)
    assert message in str(info.value)


def test_duplicate_players_rejected():
    with pytest.raises(GameStructureError, match="player label 'A' is used twice"):
        ExtensiveFormGame(("A", "A"), leaf(0, 0))


def test_symbolic_probabilities_must_sum_to_one():
    p = sympy.Symbol("p", real=True)
    ExtensiveFormGame(("A",), chance({"h": (p, leaf(1)), "t": (1 - p, leaf(0))}))  # fine
    with pytest.raises(ProbabilityError, match="sum to"):
        ExtensiveFormGame(("A",), chance({"h": (p, leaf(1)), "t": (p, leaf(0))}))


def test_subs_checks_probabilities_again():
    p = sympy.Symbol("p", real=True)
    game = ExtensiveFormGame(("A",), chance({"h": (p, leaf(1)), "t": (1 - p, leaf(0))}))
    assert game.subs({"p": "1/4"}).nodes[0].probabilities == (F(1, 4), F(3, 4))
    with pytest.raises(ProbabilityError, match="outside"):
        game.subs({"p": 2})


def test_subs_rejects_unknown_parameters():
    c = sympy.Symbol("c", real=True)
    game = ExtensiveFormGame(("A", "B"), decision("A", {"x": leaf(c, 0)}))
    with pytest.raises(ParameterError, match=r"parameter 'd': is not a parameter of this game \(its parameters: c\)"):
        game.subs({"d": 1})
    with pytest.raises(PayoffError, match="value of parameter 'c'"):
        game.subs({"c": math.inf})


def test_subs_exact_and_float():
    c = sympy.Symbol("c", real=True)
    game = ExtensiveFormGame(("A", "B"), decision("A", {"x": leaf(c / 3, 0), "y": leaf(1, c)}))
    exact = game.subs({"c": 1})
    assert exact.nodes[1].payoffs[0] == sympy.Rational(1, 3)
    floats = game.subs({"c": 1}, floats=True)
    assert isinstance(floats.nodes[1].payoffs[0], sympy.Float)
    assert float(floats.nodes[1].payoffs[0]) == pytest.approx(1 / 3)
    assert game.free_symbols == {c}
    assert exact.is_numeric


# --- normal forms ----------------------------------------------------------------------------------

def test_normal_form_validation():
    with pytest.raises(PayoffError, match=r"payoffs of 'Row': shape \(2, 1\) does not match strategies \(2, 2\)"):
        NormalFormGame(("Row", "Col"), (("u", "d"), ("l", "r")), ([[1], [2]], [[1, 2], [3, 4]]))
    with pytest.raises(PayoffError, match=r"payoff of 'Col' at \(d, r\): payoff nan is not finite"):
        NormalFormGame.from_matrices([[1, 2], [3, 4]], [[1, 2], [3, math.nan]], players=("Row", "Col"),
                                     strategies=(("u", "d"), ("l", "r")))
    with pytest.raises(GameStructureError, match="player 'Col': has no strategies"):
        NormalFormGame(("Row", "Col"), (("u",), ()), (np.zeros((1, 0)), np.zeros((1, 0))))
    with pytest.raises(PayoffError, match="has no payoffs in the table"):
        NormalFormGame.from_profiles(("A", "B"), (("x",), ("l", "r")), {("x", "l"): (0, 0)})


def test_normal_form_is_immutable():
    game = NormalFormGame.from_matrices([[1, 2]], [[3, 4]])
    with pytest.raises(ValueError, match="read-only"):
        game.payoffs[0][0, 0] = 5
    with pytest.raises(dataclasses.FrozenInstanceError):
        game.title = "changed"


def test_from_profiles_matches_from_matrices():
    a = NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("A", "B"),
                                     strategies=(("C", "D"), ("C", "D")))
    b = NormalFormGame.from_profiles(("A", "B"), (("C", "D"), ("C", "D")), {
        ("C", "C"): (3, 3), ("C", "D"): (0, 5), ("D", "C"): (5, 0), ("D", "D"): (1, 1)})
    assert a == b
    assert a.payoff(("D", "C")) == (5, 0)


# --- strategic form of trees (hand-derived) --------------------------------------------------------

def test_reduced_normal_form_of_entry_game():
    game = ExtensiveFormGame(("Entrant", "Incumbent"), decision("Entrant", {
        "Out": leaf(0, 2), "In": decision("Incumbent", {"Fight": leaf(-1, -1), "Accommodate": leaf(1, 1)})}))
    nf = game.to_normal_form()
    assert nf.strategies == (("Out", "In"), ("Fight", "Accommodate"))
    assert [[nf.payoff((r, c)) for c in nf.strategies[1]] for r in nf.strategies[0]] == [
        [(0, 2), (0, 2)], [(-1, -1), (1, 1)]]


def test_reduced_form_merges_plans_ruled_out_by_own_moves():
    game = ExtensiveFormGame(("A", "B"), decision("A", {
        "Stop": leaf(0, 0),
        "Go": decision("B", {"x": decision("A", {"l": leaf(1, 1), "r": leaf(2, 0)}), "y": leaf(-1, 2)})}))
    reduced, full = game.to_normal_form(), game.to_normal_form(reduced=False)
    assert reduced.shape == (3, 2)
    assert full.shape == (4, 2)
    assert reduced.plans["A"]["Stop/*"] == {"root": "Stop"}
    assert reduced.payoff(("Go/r", "x")) == (2, 0)
    assert full.payoff(("Stop/l", "x")) == full.payoff(("Stop/r", "x")) == (0, 0)


def test_chance_payoffs_are_expectations():
    game = ExtensiveFormGame(("A",), decision("A", {
        "safe": leaf(1),
        "gamble": chance({"win": ("1/3", leaf(4)), "lose": ("2/3", leaf(-1))})}))
    nf = game.to_normal_form()
    assert nf.payoff(("gamble",)) == (F(2, 3),)


def test_imperfect_information_strategic_form():
    game = ExtensiveFormGame(("Russia", "Coalition"), decision("Russia", {
        "Test": decision("Coalition", {"Respond": leaf(-2, -2), "Abandon": leaf(2, -1)}, infoset="C"),
        "Hold": decision("Coalition", {"Respond": leaf(0, -1), "Abandon": leaf(0, 0)}, infoset="C"),
    }))
    nf = game.to_normal_form()
    assert nf.strategies == (("Test", "Hold"), ("Respond", "Abandon"))
    assert nf.payoff(("Hold", "Respond")) == (0, -1)
    assert not game.is_perfect_information
    assert game.has_perfect_recall


def test_imperfect_recall_detected():
    game = ExtensiveFormGame(("A",), decision("A", {
        "l": decision("A", {"x": leaf(1), "y": leaf(0)}, infoset="forgot"),
        "r": decision("A", {"x": leaf(0), "y": leaf(1)}, infoset="forgot")}))
    assert not game.has_perfect_recall
    assert game.to_normal_form(reduced=False).shape == (4,)


# --- behaviour profiles ----------------------------------------------------------------------------

def test_outcome_distribution_pools_labels():
    game = ExtensiveFormGame(("A", "B"), decision("A", {
        "x": decision("B", {"l": outcome("war", (0, 0)), "r": outcome("peace", (1, 1))}),
        "y": outcome("war", (-1, -1))}))
    profile = {"root": {"x": "1/2", "y": "1/2"}, "root/x": {"l": "1/4", "r": "3/4"}}
    assert outcome_distribution(game, profile) == {"war": F(5, 8), "peace": F(3, 8)}
    assert expected_payoffs(game, profile) == (F(-1, 8), F(-1, 8))
    with pytest.raises(ProbabilityError, match="information set 'root/x': probabilities do not sum to 1"):
        outcome_distribution(game, {"root": {"x": 1}, "root/x": {"l": "1/2"}})
    with pytest.raises(GameStructureError, match="information set 'root/x': has no behaviour"):
        outcome_distribution(game, {"root": {"x": 1}})


@given(perfect_information_trees(max_depth=3))
def test_kuhn_round_trip_preserves_payoffs(game):
    """Expected payoffs of a pure behaviour profile equal those of its plan in the strategic form."""
    nf = game.to_normal_form()
    behaviour = {h: {a: int(k == 0) for k, a in enumerate(info.actions)} for h, info in game.infosets.items()}
    mixed = mixed_from_behaviour(nf, behaviour)
    chosen = tuple(next(s for s, p in mixed[pl].items() if p == 1) for pl in game.players)
    assert nf.payoff(chosen) == expected_payoffs(game, behaviour)


@given(trees_with_information_sets())
def test_reduced_strategies_cover_every_pure_plan(game):
    """Every unreduced plan agrees with exactly one reduced plan where the reduced one is specified."""
    reduced, full = game.to_normal_form(), game.to_normal_form(reduced=False)
    for player in game.players:
        for plan in full.plans[player].values():
            matches = [r for r in reduced.plans[player].values() if all(plan[h] == a for h, a in r.items())]
            assert len(matches) == 1


def test_equality_and_immutability_of_trees():
    make = lambda: ExtensiveFormGame(("A",), decision("A", {"x": leaf("1/2"), "y": leaf(0)}))  # noqa: E731
    assert make() == make()
    assert make() != ExtensiveFormGame(("A",), decision("A", {"x": leaf(1), "y": leaf(0)}))
    with pytest.raises(AttributeError):
        make().players = ("B",)
