"""The guarantee game can contradict the essay (issue 11): points where each claim's opposite happens.

Each case is an equilibrium of the research brief (GUARANTEE.md §5), assembled
on the package's tree and verified there as a perfect Bayesian equilibrium
(``test_guarantee_examples.py``); the claims are read by the package
(:mod:`escalation.claims`), the coalition's values computed on the tree.  The
solver-backed versions (the solver reaching these equilibria itself) are in
``test_guarantee_solver.py``.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from guarantee_examples import cases, coalition_value, completed_assessment, values

from escalation.claims import EquilibriumReading, read_claims

EXAMPLES = {cid: ex for cid, ex, _ in cases()}


def _read(cid):
    game, behaviour, beliefs = completed_assessment(cid)
    return game, behaviour, EquilibriumReading(game, behaviour, beliefs)


def test_a_small_force_deters():
    # G12 (strong automatic escalation, a Russia that fears war): no revisionist tests a deployed 25k force
    _, _, r = _read("G12")
    got = read_claims(r)
    assert got.holds["E1"] is False
    assert got.diagnostics["deterrence threshold (menu)"] == "25"
    assert all(r.tests("Rev", u, "25") == 0 for u in ("B", "D"))


def test_consent_signals_a_limited_russia():
    # G12: only the limited type consents to the planned force, so consent lowers the belief in a revisionist
    _, _, r = _read("G12")
    stats = r.consent_stats()
    assert stats["P_consent"] > 0
    assert stats["P_Rev_given_consent"] == 0 < r.prior["Rev"]


@pytest.mark.parametrize("cid", ["G9", "G10", "G12"])
def test_a_guarantee_is_worth_more_to_the_coalition_than_none(cid):
    game, behaviour, r = _read(cid)
    v = values(EXAMPLES[cid])
    gains = {t: coalition_value(game, behaviour, v, t, 25) - coalition_value(game, behaviour, v, t, 0)
             for t in ("H", "L")}
    assert gains["H"] > 0
    assert r.offers()["C:F|H"]["25"] == 1  # and the resolved coalition offers it


def test_arming_beats_deploying():
    # G2 (escalation dominance): the porcupine is at least as safe on success and war and safer on one (E6)
    _, _, r = _read("G2")
    none, planned = r.policy("0"), r.policy("25")
    assert read_claims(r).holds["E6"] is True
    assert none["P_succ"] < planned["P_succ"]
    assert none["P_war"] < planned["P_war"]


@pytest.mark.parametrize("cid", ["G1", "G4", "G9"])
def test_deploying_beats_arming_on_russia_s_success(cid):
    # the planned force makes Russia's success less likely than the porcupine (at a positive risk of war): E6 fails
    _, _, r = _read(cid)
    none, planned = r.policy("0"), r.policy("25")
    assert read_claims(r).holds["E6"] is False
    assert planned["P_succ"] < none["P_succ"]


@pytest.mark.parametrize("cid", ["G9", "G10", "G11"])
def test_war_happens_on_the_equilibrium_path(cid):
    _, _, r = _read(cid)
    assert r.summary(r.on_path)["P_war"] > 0


def test_at_the_defaults_no_force_is_offered_and_the_porcupine_does_not_deter_alone():
    # G1: what the default calibration says (GUARANTEE.md §5, G1), read by the package
    _, _, r = _read("G1")
    got = read_claims(r)
    assert r.offers() == {"C:F|H": {"0": 1, "25": 0, "60": 0, "150": 0},
                          "C:F|L": {"0": 1, "25": 0, "60": 0, "150": 0}}
    assert r.policy("0")["P_attack"] == Fraction(1, 2)
    assert {c: got.holds[c] for c in ("E1", "E4", "E5", "E6", "E9")} == {
        "E1": True, "E4": True, "E5": True, "E6": False, "E9": False}
