"""The local belief check of the PBE solver (``BeliefCheck``) agrees with the full verifier.

When the solver reports the set of off-path beliefs that support an
equilibrium, it checks each extreme point by changing the belief at one
information set only.  ``BeliefCheck.admits`` re-checks just the conditions
that read that belief; here it must give the same verdict as ``is_pbe`` on the
whole changed assessment, for every information set with several nodes, for
the solver's extreme points and for drawn beliefs (most of which fail).
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import signalling_games

from escalation.errors import SolverError
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


def test_the_refinements_are_not_checked_one_belief_at_a_time():
    with pytest.raises(SolverError, match="'D1'"):
        BeliefCheck(None, {}, {}, "D1")
