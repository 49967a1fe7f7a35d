"""pygambit as the oracle for the guarantee game: the exported .efg and the brief's equilibria.

Gambit reads the game we write (616 leaves, 114 information sets), and each of
the research brief's worked equilibria, played as a behaviour profile in
Gambit, gives the same expected payoffs and leaves no profitable one-shot
deviation at any information set it reaches (Gambit's ``agent_max_regret`` is
zero, from its own beliefs and action values; Gambit counts no regret at sets
the profile does not reach, which ``verify_pbe`` checks instead).  Gambit's strategic ``max_regret`` is out
of reach here: it builds the reduced strategic form (the coalition alone has
4 x 2^24 plans) and runs out of memory.
"""

from __future__ import annotations

import io

import pytest
from guarantee_examples import cases, completed_assessment

from escalation.io import efg_text
from escalation.numbers import as_fraction
from escalation.solvers.beliefs import continuation_values, fraction_profile

pygambit = pytest.importorskip("pygambit")
pytestmark = pytest.mark.gambit

CASES = [pytest.param(cid, id=cid) for cid, _, _ in cases()]


@pytest.mark.parametrize("cid", CASES)
def test_the_brief_s_equilibria_have_no_one_shot_deviation_in_gambit(cid):
    game, behaviour, _ = completed_assessment(cid)
    g = pygambit.read_efg(io.StringIO(efg_text(game)))
    assert len([h for h in g.infosets if not h.is_chance]) == len(game.infosets) == 114
    assert len(list(g.nodes)) == len(game.nodes)
    profile = g.mixed_behavior_profile(rational=True)
    for h in g.infosets:
        if not h.is_chance:
            for action in h.actions:
                profile[action] = pygambit.Rational(as_fraction(behaviour[h.label][action.label]))
    assert profile.agent_max_regret() == 0
    ours = continuation_values(game, fraction_profile(game, behaviour))[0]
    assert [as_fraction(profile.payoff(p)) for p in g.players] == list(ours)
    # Gambit's regret is zero by convention where a set is not reached, so it checks the play on the path; a
    # wrong move there is caught: the revisionist holding without a force in the deal state, where every
    # worked example has it attack (the porcupine deters it only in G5, where it holds anyway)
    h = next(x for x in g.infosets if x.label == "R:attack|Rev|D|0|none")
    if profile.infoset_prob(h) > 0 and behaviour[h.label]["hold"] == 0:
        for action in h.actions:
            profile[action] = pygambit.Rational(int(action.label == "hold"))
        assert profile.infoset_regret(h) > 0
