"""The research brief's worked examples (GUARANTEE.md §5) are perfect Bayesian equilibria of the package's tree.

Each example's assessment is read from the brief's JSON (``data/guarantee-examples.json``)
and checked with the package's exact verifier, :func:`escalation.solvers.verify_pbe`
(sequential rationality at every information set, Bayes' rule on the path).
Every expected number -- outcome distributions, policy outcomes, coalition
payoffs -- is the JSON's; none is computed by the model under test.  That
the verifier accepts the brief's strategies and that they give the brief's
numbers on this tree confirms independently that the tree is the brief's.

Two checks per equilibrium:

* on the game with the menu {0, 25} the JSON gives the whole assessment
  (offers, the attack without a force, everything after 25k), so nothing is
  filled in;
* on the full game the JSON summarises what follows 60k and 150k only by its
  outcomes and payoffs; :func:`guarantee_examples.matching_completion`
  finds a continuation reproducing those numbers exactly, and the assembled
  assessment is verified on all 616 leaves.
"""

from __future__ import annotations

import pytest
from guarantee_examples import (
    COALITION_TYPES,
    F,
    _behaviour_key,
    assessment,
    cases,
    coalition_value,
    complete_level,
    game,
    matching_completion,
    outcome_distribution,
    policy,
    values,
)

from escalation.errors import VerificationError
from escalation.solvers.verify_pbe import verify_pbe

CASES = [pytest.param(ex, eq, id=cid) for cid, ex, eq in cases()]
LEVELS = (0, 25, 60, 150)


def _exact(mapping):
    return {k: F(x) for k, x in mapping.items()}


def _offers_planned_or_none(eq):
    return {eq["F"]["H"], eq["F"]["L"]} <= {0, 25}


@pytest.mark.parametrize(("example", "eq"), CASES)
def test_the_json_assessment_is_a_pbe_of_the_game_with_menu_0_and_25(example, eq):
    if not _offers_planned_or_none(eq):
        pytest.skip("the equilibrium offers 150k, whose continuation the JSON does not list")
    g = game(example, menu=(0, 25))
    behaviour, beliefs = assessment(eq, values(example), (0, 25), {})
    verify_pbe(g, (behaviour, beliefs))
    assert outcome_distribution(g, behaviour) == _exact(eq["outcomes_on_path"])
    for level in (0, 25):
        assert policy(g, behaviour, level, (0, 25)) == _exact(eq["policy"][str(level)])


@pytest.mark.parametrize(("example", "eq"), CASES)
def test_the_completed_assessment_is_a_pbe_of_the_full_game(example, eq):
    g, v = game(example), values(example)
    completed = {level: matching_completion(g, v, eq, level) for level in (60, 150)}
    assert all(c is not None for c in completed.values()), "no continuation reproduces the brief's numbers"
    behaviour, beliefs = assessment(eq, v, LEVELS, completed)
    verify_pbe(g, (behaviour, beliefs))
    assert outcome_distribution(g, behaviour) == _exact(eq["outcomes_on_path"])
    wars = sum((p for o, p in outcome_distribution(g, behaviour).items() if o.startswith("NATO-Russia war")), F(0))
    assert wars == F(eq["P_war_on_path"])
    for level in LEVELS:
        assert policy(g, behaviour, level, LEVELS) == _exact(eq["policy"][str(level)])
        for t in COALITION_TYPES:
            assert coalition_value(g, behaviour, v, t, level) == F(eq["coalition_values"][t][str(level)])


@pytest.mark.parametrize(("example", "eq"), CASES[:1] + CASES[1:2] + CASES[9:10])
def test_the_completion_search_finds_the_brief_s_continuation_after_25k(example, eq):
    # The search that fills in 60k and 150k is trusted only because it finds what the JSON lists for 25k.
    g, v = game(example), values(example)
    found = {_behaviour_key(data) for data in complete_level(g, v, 25, eq["mu"]["25"])}
    assert _behaviour_key(eq["planned"]) in found


def test_a_wrong_response_in_the_json_assessment_is_caught():
    (_, example, eq), *_ = cases()  # G1
    g = game(example, menu=(0, 25))
    behaviour, beliefs = assessment(eq, values(example), (0, 25), {})
    # after a probe on 25k in the deal state neither type responds (F < F_tie(H, P) = 110); forcing H to respond
    # must fail at that information set
    behaviour["C:respond|H|25|probe|D"] = {"respond": F(1), "abandon": F(0)}
    with pytest.raises(VerificationError, match=r"C:respond\|H\|25\|probe\|D"):
        verify_pbe(g, (behaviour, beliefs))
