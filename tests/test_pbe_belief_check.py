"""The local checks of the PBE solver (``BeliefCheck``) agree with the full verifier.

When the solver reports the set of off-path beliefs that support an
equilibrium, it checks each extreme point by changing the belief at one
information set only.  ``BeliefCheck.admits`` re-checks just the conditions
that read that belief; here it must give the same verdict as ``is_pbe`` on the
whole changed assessment, for every information set with several nodes, for
the solver's extreme points and for drawn beliefs (most of which fail).
``BeliefCheck.change_problem`` re-checks an assessment with behaviour and
beliefs changed at several information sets (the solver checks each
continuation after a deviation nobody makes this way): its verdict must equal
``is_pbe`` on the changed assessment, for the solver's own alternatives (which
pass) and for drawn changes (most of which fail).
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import signalling_games

from escalation.errors import SolverError
from escalation.games import ExtensiveFormGame, chance, decision, outcome
from escalation.solvers.pbe import perfect_bayesian
from escalation.solvers.pbe.verify import BeliefCheck, is_pbe


def _beliefs_to_try(game, label, solution, draw):
    paths = [game.nodes[x].path for x in game.infosets[label].nodes]
    tried = [dict(e) for e in (solution.belief_sets or {}).get(label, ())]
    tried += [{p: Fraction(int(p == q)) for p in paths} for q in paths]  # point masses
    weights = draw(st.lists(st.integers(0, 4), min_size=len(paths), max_size=len(paths)).filter(any))
    tried.append({p: Fraction(w, sum(weights)) for p, w in zip(paths, weights, strict=True)})
    tried.append(dict(solution.beliefs[label]))
    return tried


@settings(max_examples=60, deadline=None)
@given(signalling_games(), st.sampled_from(["free", "prior"]), st.data())
def test_the_local_check_agrees_with_the_full_verifier(game, rule, data):
    found = perfect_bayesian(game, offpath=rule)
    for solution in found:
        check = BeliefCheck(game, solution.behaviour, solution.beliefs, rule)
        for label, h in game.infosets.items():
            if len(h.nodes) < 2:
                continue
            for belief in _beliefs_to_try(game, label, solution, data.draw):
                changed = (solution.behaviour, {**solution.beliefs, label: belief})
                assert check.admits(label, belief) == is_pbe(game, changed, offpath=rule), (label, belief)


def _drawn_change(game, solution, draw):
    """Behaviour at some information sets (a pure action or a drawn mixture) and beliefs at some with several
    nodes."""
    labels = sorted(game.infosets)
    behaviour = {}
    for label in draw(st.lists(st.sampled_from(labels), max_size=3, unique=True)):
        actions = game.infosets[label].actions
        weights = draw(st.lists(st.integers(0, 3), min_size=len(actions), max_size=len(actions)).filter(any))
        behaviour[label] = {a: Fraction(w, sum(weights)) for a, w in zip(actions, weights, strict=True)}
    several = [label for label in labels if len(game.infosets[label].nodes) > 1]
    beliefs = {}
    for label in draw(st.lists(st.sampled_from(several), max_size=2, unique=True)) if several else []:
        paths = [game.nodes[x].path for x in game.infosets[label].nodes]
        weights = draw(st.lists(st.integers(0, 3), min_size=len(paths), max_size=len(paths)).filter(any))
        beliefs[label] = {p: Fraction(w, sum(weights)) for p, w in zip(paths, weights, strict=True)}
    return behaviour, beliefs


def _solver_alternatives(solution):
    for d, options in (solution.alternatives or {}).items():
        yield from zip(options, solution.alternative_beliefs[d], strict=True)


# small games, generic or with ties (ties give continua and alternatives), so that every draw solves quickly
changed_games = st.one_of(signalling_games(generic=True, max_pure_profiles=256),
                          signalling_games(low=-2, high=2, max_types=2, max_actions=2, max_pure_profiles=64))


@settings(max_examples=60, deadline=None)
@given(changed_games, st.sampled_from([None, "free", "prior"]), st.data())
def test_the_check_of_a_changed_assessment_agrees_with_the_full_verifier(game, rule, data):
    found = perfect_bayesian(game, offpath=rule or "free")
    for solution in found:
        check = BeliefCheck(game, solution.behaviour, solution.beliefs, rule)
        changes = [*_solver_alternatives(solution), *(_drawn_change(game, solution, data.draw) for _ in range(4))]
        for behaviour, beliefs in changes:
            changed = ({**solution.behaviour, **behaviour}, {**solution.beliefs, **beliefs})
            verdict = check.change_problem(behaviour, beliefs) is None
            assert verdict == is_pbe(game, changed, offpath=rule), (behaviour, beliefs)


def test_a_changed_belief_is_checked_where_bayes_rule_carries_it_on():
    """The Receiver moves twice after a message nobody sends; Bayes' rule where possible carries its off-path
    belief at the first set to the second, so changing the first belief alone breaks the equilibrium."""
    def sender(t):
        again = decision("Receiver", {"y": outcome(None, (0, 0)), "z": outcome(None, (0, 0))}, infoset="R:m2:x")
        first = decision("Receiver", {"x": again, "w": outcome(None, (0, 0))}, infoset="R:m2")
        return decision("Sender", {"m1": outcome(None, (1, 0)), "m2": first}, infoset=f"S:{t}")

    game = ExtensiveFormGame(("Sender", "Receiver"), chance({"t1": ("1/2", sender("t1")), "t2": ("1/2", sender("t2"))}))
    behaviour = {"S:t1": {"m1": 1}, "S:t2": {"m1": 1}, "R:m2": {"x": 1}, "R:m2:x": {"y": 1}}
    half = {"R:m2": {"root/t1/m2": Fraction(1, 2), "root/t2/m2": Fraction(1, 2)},
            "R:m2:x": {"root/t1/m2/x": Fraction(1, 2), "root/t2/m2/x": Fraction(1, 2)}}
    check = BeliefCheck(game, behaviour, half, "free")
    moved = {"R:m2": {"root/t1/m2": Fraction(1), "root/t2/m2": Fraction(0)}}
    assert not is_pbe(game, (behaviour, {**half, **moved}), offpath="free")
    assert "R:m2:x" in check.change_problem({}, moved)
    assert check.change_problem({}, {**half, **moved, "R:m2:x": {"root/t1/m2/x": 1, "root/t2/m2/x": 0}}) is None


def test_the_refinements_are_not_checked_one_belief_at_a_time():
    with pytest.raises(SolverError, match="'D1'"):
        BeliefCheck(None, {}, {}, "D1")
