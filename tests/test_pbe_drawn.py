"""Drawn games on which the perfect Bayesian solver once reported the wrong set of pure equilibria.

Each file in ``tests/data/pbe-drawn`` is a game drawn by hypothesis
(``strategies.signalling_games``, two-sided private information with the Sender
moving again after some (message, reply) pairs; hypothesis seeds 1-4 of the
default profile, and the draws of
``test_deviations_nested_in_deviations``) on which the solver's pure members
differed from the independent brute-force oracle (``pbe_brute_force.pure_pbe``)
while the result said the search was exhaustive.  Each has a deviation nobody
makes inside the continuation after another one (an unused reply to an unused
message):

* the continuations after the inner deviation were reported as a group of their
  own and multiplied with those after the outer one, overwriting each outer
  option's own play after the inner deviation: under free beliefs pure
  equilibria were lost (games 1-5, 7-10) and pure profiles that are no
  equilibrium were reported (games 4, 6, 9);
* a continuation that is a continuum (the Receiver mixing after the unused
  message) was reported at its end where the inner deviation's last path of
  play vanishes, with the limit's play after it although the off-path rule
  then sets the belief there: under ``"prior"`` game 10 reported a profile
  that is no equilibrium.

The expected answer is the oracle's, which shares no code with the solver.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pbe_brute_force import pure_pbe
from pbe_results import independent_groups, pure_profiles

from escalation.io import parse_efg
from escalation.solvers.pbe import perfect_bayesian, verify_pbe

DRAWN = sorted((Path(__file__).parent / "data" / "pbe-drawn").glob("*.efg"))


def test_the_table_is_there():
    assert len(DRAWN) == 10


@pytest.mark.parametrize("rule", ["free", "prior"])
@pytest.mark.parametrize("path", DRAWN, ids=lambda p: p.stem)
def test_pure_equilibria_of_drawn_games_equal_brute_force(path, rule):
    game = parse_efg(path.read_text(), source=path.name)
    found = perfect_bayesian(game, offpath=rule)
    for solution in found:
        verify_pbe(game, solution, offpath=rule)
    assert independent_groups(found)
    assert pure_profiles(found) == {frozenset(p.items()) for p in pure_pbe(game, rule)}


# A draw of ``test_slow_larger_games_every_invariant`` (hypothesis, 2026-12-07): after the unused reply 'r1' to
# 'm1' only the Sender moves, at information sets of one node each, so a continuation there needs no belief.  The
# search recorded each such continuation with the empty belief, which was then never kept (it adds no
# (information set, belief) pair), so every one of the 8 continuations was dropped as "a solver bug" and the
# continuations after the unused message 'm1' that contain them went with them.
SINGLETON = Path(__file__).parent / "data" / "pbe-singleton-continuation.efg"


@pytest.mark.slow  # about 30 s per rule: 136 equilibria, most of them ends of continua
@pytest.mark.parametrize("rule", ["D1", pytest.param("free", marks=pytest.mark.exhaustive)])
def test_continuations_needing_no_belief_are_kept(rule):
    game = parse_efg(SINGLETON.read_text(), source=SINGLETON.name)
    found = perfect_bayesian(game, offpath=rule)
    assert not [n for n in found.notes if "dropped" in n]
    # The Sender's payoff after ('m1', 'r1') does not depend on 'a' or 'b' for any type: 2 x 2 x 2 continuations.
    after_r1 = [options for s in found for d, options in (s.alternatives or {}).items()
                if d == "after Receiver plays 'r1' at 'R:m1'"]
    assert after_r1
    assert all(len(options) == 8 for options in after_r1)
    for solution in found:
        verify_pbe(game, solution, offpath=rule)
