"""The generic perfect Bayesian solver on the guarantee game: it reaches the research brief's worked equilibria.

The guarantee game is solved with pure play at every information set
(``max_mixed_infosets=0``, :func:`escalation.models.guarantee.solve_guarantee`'s
default: a search admitting one mixing information set per stage already
takes minutes at one point).  Under the brief's off-path rules -- D1 for
Russia's belief after a response, for the coalition's belief after a Russian
deviation and (except G11b: prior) after an off-path force offer -- the
solver must return each of the brief's equilibria: one of its solutions, in
one of the continuations it admits after offers nobody makes
(``Solution.alternatives``), plays as the brief's JSON says at the offers,
with no force and after the planned force, with the brief's outcomes on the
path.  G2's equilibrium mixes after the planned force, off the path, so a
pure search can match it on the path only.

Each point is one search of about ten seconds of CPU, shared by the equilibria
and the claims checks, run with ``-m slow``; the default run solves the
defaults (G1) in ``test_defaults_end_to_end``.

Caveats to read a failure by: the brief's D1 was computed on a grid of 21
beliefs; the package's is exact, so a difference in an off-path belief may be
the brief's.
"""

from __future__ import annotations

import itertools

import pytest
from guarantee_examples import F, cases, game, level_part, offer_part, porcupine_part, prior_of, values

from escalation import claims
from escalation.claims.continuations import offer_level
from escalation.io import efg_text
from escalation.models.guarantee import solve_guarantee
from escalation.solvers import verify_pbe

EXAMPLES = {}
for _cid, _ex, _eq in cases():
    EXAMPLES.setdefault(_ex["code"], (_ex, []))[1].append(_eq)
FAST = ()  # the defaults (G1) are solved in the default run by test_defaults_end_to_end
MIXED_OFF_PATH = ("G2",)  # the brief's equilibrium mixes after 25k, which nobody offers
CLAIMS = ("E1", "E2", "E3", "E4", "E5", "E6", "E7 symbolic", "E9")


# Unresolved: the pure search returns no solution playing these examples' equilibria (G10, G11b), and no
# equilibrium at all at G11b (prior belief after an off-path force offer).  The test asserts the gap, so that a
# fix is noticed (G12 is reached since the fixes to continuations after nested deviations).
NOT_REACHED = ("G10", "G11b")
NO_EQUILIBRIUM = ("G11b",)


def _speed(codes, fast=FAST):
    return [pytest.param(c, marks=() if c in fast else (pytest.mark.slow,)) for c in codes]


def offpath_rules(rules):
    """The brief's three rules (response / Russian deviation / force offer) as information-set patterns."""
    return {"R:threat|*": rules["resp"], "C:respond|*": rules["russia"], "C:stand|*": rules["russia"],
            "R:consent|*": rules["force"], "R:attack|*": rules["force"], "*": "D1"}


def _expected(eq, v, with_planned=True):
    """The behaviour the JSON fixes: offers, play without a force and (optionally) after the planned force."""
    expected = {}
    parts = [offer_part(eq, (0, 25, 60, 150), prior_of(v)), porcupine_part(eq)]
    if with_planned:
        parts.append(level_part(25, eq["mu"]["25"], eq["planned"]))
    for part in parts:
        expected.update(part[0])
    return expected


def _variants(g, solution, levels=("0", "25")):
    """The solution's behaviour with every combination of its alternative continuations after ``levels``."""
    alternatives = solution.alternatives or {}
    groups = [d for d, options in alternatives.items()
              if {offer_level(g, h) for option in options for h in option} & set(levels)]
    for combo in itertools.product(*(alternatives[d] for d in groups)):
        merged = dict(solution.behaviour)
        for option in combo:
            merged.update(option)
        yield merged


def _plays(behaviour, expected) -> bool:
    return all({a: F(str(p)) for a, p in behaviour[h].items()} == {a: F(p) for a, p in acts.items()}
               for h, acts in expected.items())


def _reached(g, found, eq, v, code) -> bool:
    """Whether some solution (in some continuation after offers nobody makes) plays ``eq`` with its outcomes."""
    expected = _expected(eq, v, with_planned=code not in MIXED_OFF_PATH)
    matches = [s for s in found if any(_plays(b, expected) for b in _variants(g, s))]
    outcomes = {k: F(p) for k, p in eq["outcomes_on_path"].items()}
    return any({k: F(str(p)) for k, p in s.outcomes.items() if p} == outcomes for s in matches)


def _solved_with_claims(example):
    """``claims.at`` at the example's point under its rules, and the game it solved (one search for both)."""
    solved = {}

    def solver(g, offpath):
        solved["game"] = g
        return solve_guarantee(g, offpath=offpath)

    point = claims.at("guarantee", offpath=offpath_rules(example["rules"]), solver=solver, **example["changes"])
    return solved["game"], point


# the defaults are also test_defaults_end_to_end
@pytest.mark.parametrize("code", _speed(sorted(EXAMPLES)))
def test_the_solver_reaches_each_worked_equilibrium_and_the_brief_s_claims(code):
    """One search per example: every equilibrium of the brief is among the solver's (each verified again), and
    every truth value the brief read in its equilibria is attained in some equilibrium the solver returns."""
    example, equilibria = EXAMPLES[code]
    g, point = _solved_with_claims(example)
    assert efg_text(g) == efg_text(game(example))  # the point claims.at solved is the example's
    found = point.equilibria
    assert not found.complete  # a pure search says so
    for solution in found:
        verify_pbe(g, solution)
    reached = [_reached(g, found, eq, values(example), code) for eq in equilibria]
    if code in NOT_REACHED:
        assert not all(reached), f"{code} is reached now: take it out of NOT_REACHED"
    else:
        assert all(reached), [eq for eq, r in zip(equilibria, reached, strict=True) if not r]
    if code in NO_EQUILIBRIUM:
        assert len(found) == 0, f"{code} has equilibria now: take it out of NO_EQUILIBRIUM"
        return
    for claim in CLAIMS:
        status = point[claim].status
        for eq in equilibria:
            assert status in (("all", "some") if eq["claims"][claim] else ("none", "some")), (claim, status)


def test_defaults_end_to_end():
    # G1: nobody offers a force. Against even a known resolved coalition a revisionist gains from an offensive on
    # any deployed force of the menu (CF6: no deterrence force within the budget), so E1 and E4 hold in every
    # equilibrium, and a deployed force brings a risk of war that no force does not (E5); no coalition type offers
    # a force, so the 'symbolic' claim E7 fails everywhere
    point = claims.at("guarantee")
    assert {c: point[c].status for c in ("E1", "E4", "E5", "E7 symbolic")} == {
        "E1": "all", "E4": "all", "E5": "all", "E7 symbolic": "none"}
    assert "pure" in " ".join(point.equilibria.notes) or not point.equilibria.complete
