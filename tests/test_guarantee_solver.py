"""The generic perfect Bayesian solver on the guarantee game: it finds the research brief's worked equilibria.

Skipped until :func:`escalation.solvers.perfect_bayesian` takes a game (issue 10).
Then, at each worked example (GUARANTEE.md §5), under the brief's off-path
rules -- D1 for Russia's belief after a response, for the coalition's belief
after a Russian deviation and (except G11b: prior) after an off-path force
offer -- the solver must return every equilibrium of the JSON: the same offers,
Russia's beliefs after each offer, the same behaviour after no offer and
after the planned force, and the brief's outcome distributions and policy
outcomes.

Caveats to read a failure by: the brief's own solver searched only
equilibria with pure play at the offer, consent and attack stages, so the
package may find more equilibria (mixed at those stages); those are counted
separately.  The brief's D1 was computed on a grid of 21 beliefs; the
package's is exact, so a difference in an off-path belief may be the brief's.
"""

from __future__ import annotations

import inspect

import pytest
from guarantee_examples import F, cases, game, level_part, offer_part, porcupine_part, prior_of, values

from escalation import claims
from escalation.solvers import perfect_bayesian, verify_pbe

# The full search of the guarantee game (mixed supports included) takes minutes to hours per point today
# (issue 10's speed target is not met), so these run only with -m slow.
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif("game" not in inspect.signature(perfect_bayesian).parameters,
                                 reason="needs the generic perfect_bayesian(game, offpath=...) of issue 10")]

EXAMPLES = {}
for _cid, _ex, _eq in cases():
    EXAMPLES.setdefault(_ex["code"], (_ex, []))[1].append(_eq)


def offpath_rules(rules):
    """The brief's three rules (response / Russian deviation / force offer) as information-set patterns."""
    return {"R:threat|*": rules["resp"], "C:respond|*": rules["russia"], "C:stand|*": rules["russia"],
            "R:consent|*": rules["force"], "R:attack|*": rules["force"], "*": "D1"}


def _pure_at_the_top(solution):
    return all(all(p in (0, 1) for p in acts.values()) for h, acts in solution.behaviour.items()
               if h.split("|")[0] in ("C:F", "R:consent", "R:attack"))


def _matches(solution, eq, v) -> bool:
    """Is ``solution`` the JSON equilibrium ``eq`` where the JSON fixes behaviour (offers, no force, 25k)?"""
    expected = {}
    for part in (offer_part(eq, (0, 25, 60, 150), prior_of(v)), porcupine_part(eq), level_part(25, eq["mu"]["25"],
                                                                                                eq["planned"])):
        expected.update(part[0])
    got = solution.behaviour
    return all({a: F(str(p)) for a, p in got[h].items()} == {a: F(p) for a, p in acts.items()}
               for h, acts in expected.items())


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_the_solver_finds_every_worked_equilibrium(code):
    example, equilibria = EXAMPLES[code]
    g, v = game(example), values(example)
    found = perfect_bayesian(g, offpath=offpath_rules(example["rules"]))
    for solution in found:
        verify_pbe(g, solution)
    pure = [s for s in found if _pure_at_the_top(s)]
    assert len(pure) == example["n_equilibria"]
    for eq in equilibria:
        (match,) = [s for s in pure if _matches(s, eq, v)]
        assert {k: F(str(p)) for k, p in match.outcomes.items() if p} == {k: F(p) for k, p in
                                                                          eq["outcomes_on_path"].items()}
        for level, mu in eq["mu"].items():
            belief = claims.EquilibriumReading(g, match.behaviour, match.beliefs).belief_after(level)
            assert belief == F(mu), level


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_claims_at_each_worked_example_end_to_end(code):
    example, equilibria = EXAMPLES[code]
    point = claims.at("guarantee", offpath=offpath_rules(example["rules"]), **example["changes"])
    for claim in ("E1", "E2", "E3", "E4", "E5", "E6", "E7 symbolic", "E9"):
        truth = [eq["claims"][claim] for eq in equilibria]
        expected = "all" if all(truth) else "some" if any(truth) else "none"
        if len(point.equilibria) == len(equilibria):
            assert point[claim].status == expected, claim


def test_defaults_end_to_end():
    # G1: at the defaults neither type offers a force; E1, E4, E5 hold, E2, E3, E6, E9 fail (the brief's table)
    point = claims.at("guarantee")
    assert {c: point[c].status for c in ("E1", "E2", "E3", "E4", "E5", "E6", "E9")} == {
        "E1": "all", "E2": "none", "E3": "none", "E4": "all", "E5": "all", "E6": "none", "E9": "none"}

