"""The refinement check of one assessment (``escalation.solvers.pbe.audit.refinement_problem``), whole and local.

The solver checks each continuation listed after a deviation nobody makes by substituting it into an assessment
that passes; ``within`` names the sets it changed, and only the blocks at or above them are walked.  On the
two-sided game of ``test_pbe_two_sided_refinement.py``, the "free" equilibrium's continuation after m2 fails D1
at the Sender's set after the answer r2 (the module docstring there explains why): the local check must find the
same problem from any changed set at or below that block, and the whole check finds it without ``within``.
"""

from pathlib import Path

import pytest

from escalation.io import read_efg
from escalation.solvers.evaluation import fraction_profile
from escalation.solvers.pbe import perfect_bayesian
from escalation.solvers.pbe.audit import refinement_problem

GAME = read_efg(Path(__file__).parent / "data" / "two-sided-refinement-bug.efg")
FAILING = "beliefs at off-path information set 'S:t1:m2:r2' fail D1: D1 rules out type 'R:u2:m2'"


@pytest.fixture(scope="module")
def free_pooling():
    (solution,) = perfect_bayesian(GAME, offpath="free")
    return fraction_profile(GAME, solution.behaviour), solution.beliefs


def test_the_whole_check_finds_the_d1_failure_after_m2(free_pooling):
    b, beliefs = free_pooling
    assert refinement_problem(GAME, b, beliefs, "D1").startswith(FAILING)


@pytest.mark.parametrize("changed", ["R:u1:m2", "R:u2:m2", "S:t1:m2:r1", "S:t1:m2:r2", "S:t2:m2:r2"])
def test_a_change_at_or_below_the_deviation_is_checked_where_it_matters(free_pooling, changed):
    b, beliefs = free_pooling
    assert refinement_problem(GAME, b, beliefs, "D1", within={changed}) == refinement_problem(GAME, b, beliefs, "D1")


def test_a_change_above_every_failing_block_skips_them(free_pooling):
    # The contract: the caller vouches that the rest passes, so the walk does not follow a change at the Sender's
    # first move alone into the blocks below it, and the failure after r2 goes unreported.
    b, beliefs = free_pooling
    assert refinement_problem(GAME, b, beliefs, "D1", within={"S:t1"}) is None
