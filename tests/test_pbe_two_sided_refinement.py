"""A two-sided game in which the search cannot apply D1 where the deviation happens.

``two-sided-refinement-bug.efg`` was drawn by hypothesis (``test_pbe_properties.py``,
``test_two_sided_private_information``, 2026-12-07): chance draws the Sender's type and then the
Receiver's; after the message m2 the Receiver's two types answer, and both Sender types observe the answer
r2 that neither Receiver type gives.  When the search meets r2, the Receiver's equilibrium payoffs still
depend on its own off-path belief after m2, so D1 and the intuitive criterion cannot be applied there; the
search lists every continuation after m2, and the exact check picks one that passes.

Under "free" the Sender pools on m1 and, after m2, both Receiver types answer r1 and the Sender answers r2
with b (belief 1 on the Receiver type u2).  D1 rejects that continuation: at the Receiver's belief after m2
that the search chose, type u1 gains from r2 whenever u2 does.  The continuation returned instead has the
Receiver of type u1 indifferent between r1 and r2 (checked by hand below), so D1 rules out neither type.
Until 2026-12-07 this raised ``VerificationError`` (the representative continuation failed and no other was
tried).
"""

from fractions import Fraction
from pathlib import Path

import pytest

from escalation.io import read_efg
from escalation.solvers.pbe import perfect_bayesian

GAME = Path(__file__).parent / "data" / "two-sided-refinement-bug.efg"

#: The Receiver's payoffs at the leaves after m2, by (Sender type, Receiver type, answer, Sender's reply).
RECEIVER = {("t1", "u1", "r1", "a"): -16, ("t1", "u1", "r2", "a"): 7, ("t1", "u1", "r2", "b"): -15,
            ("t2", "u1", "r1", "a"): 12, ("t2", "u1", "r2", "b"): 3}


@pytest.mark.parametrize("rule", ["free", "prior"])
def test_the_unrefined_rules_solve_the_game(rule):
    found = perfect_bayesian(read_efg(GAME), offpath=rule)
    assert len(found) == {"free": 1, "prior": 0}[rule]


@pytest.mark.parametrize("rule", ["D1", "intuitive"])
def test_the_refinements_keep_pooling_on_m1_with_a_continuation_that_passes(rule):
    found = perfect_bayesian(read_efg(GAME), offpath=rule)
    assert [s.name for s in found] == ["Sender: pooling on 'm1'"]
    assert any("fails " + rule in note and "dropped" in note for note in found.notes)
    solution = found[0]
    sender, mu = solution.strategies["Sender"], solution.beliefs["R:u1:m2"]
    # The representative rejected under "free" is not the one returned: after r2 Sender type t1 no longer plays b.
    assert sender["S:t1:m2:r2"]["b"] != 1

    # Receiver type u1 at its off-path set after m2: r1 is answered with a by both Sender types, r2 with t1's
    # mixture and with t2's b; under the returned belief it is indifferent (so D1 cannot rule u2 out).
    def value(answer):
        t1 = sum(Fraction(p) * RECEIVER[("t1", "u1", answer, reply)]
                 for reply, p in sender[f"S:t1:m2:{answer}"].items() if p)
        t2 = sum(Fraction(p) * RECEIVER[("t2", "u1", answer, reply)]
                 for reply, p in sender[f"S:t2:m2:{answer}"].items() if p)
        return mu["root/t1/u1/m2"] * t1 + mu["root/t2/u1/m2"] * t2

    assert value("r1") == value("r2")
