"""The guarantee game at the defaults with the redirected share omega at 0, 1/2 and 1 (GUARANTEE.md §7.5).

The table in docs/explanation/claims-ledger.md ("What a refused force's budget buys") states these results;
each test solves the game afresh and checks one statement of that section.  The structural fact behind the
omega = 1 row is checked on its own: when every Russian type refuses a force, its budget goes to arms in
full at omega = 1, so offering it must give exactly the porcupine's outcomes.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from escalation import claims

pytestmark = pytest.mark.slow

LEVELS = ("0", "25", "60", "150")
# omega -> (P(Russia succeeds), P(war)) per policy, as the docs' table gives them (exact).
TABLE = {
    "0": ({"0": "7/62", "25": "40741/389400", "60": "35/274", "150": "7/44"},
          {"0": "0", "25": "1/1200", "60": "0", "150": "0"}),
    "1/2": ({"0": "7/62", "25": "7489/72600", "60": "35/292", "150": "7/53"},
            {"0": "0", "25": "1/1200", "60": "0", "150": "0"}),
    "1": ({"0": "7/62", "25": "20819/204600", "60": "36515/346456", "150": "7/62"},
          {"0": "0", "25": "1/1200", "60": "3/2200", "150": "0"}),
}


@pytest.fixture(scope="module")
def points():
    return {omega: claims.at("guarantee", omega=omega) for omega in TABLE}


def _policies(point):
    return [r.diagnostics["policy"] for r in point.readings]


def _offers(point):
    return [{s: {f: Fraction(p) for f, p in offer.items()} for s, offer in r.diagnostics["offers"].items()}
            for r in point.readings]


@pytest.mark.parametrize("omega", TABLE)
def test_every_equilibrium_gives_the_tabled_policy_outcomes(points, omega):
    success, war = TABLE[omega]
    for policy in _policies(points[omega]):
        assert {lv: Fraction(policy[lv]["P_succ"]) for lv in LEVELS} == {k: Fraction(v) for k, v in success.items()}
        assert {lv: Fraction(policy[lv]["P_war"]) for lv in LEVELS} == {k: Fraction(v) for k, v in war.items()}
        assert {Fraction(policy[lv]["P_attack"]) for lv in LEVELS} == {Fraction(1, 2)}


@pytest.mark.parametrize("omega", ["0", "1/2"])
def test_below_one_the_coalition_offers_nothing_in_its_only_equilibrium(points, omega):
    point = points[omega]
    assert len(point.equilibria) == 1
    assert not point.knife_edge
    (offers,) = _offers(point)
    assert all(offer["0"] == 1 for offer in offers.values())
    assert point["E6 coalition still chooses a force"].status == "none"
    assert point["E7 symbolic"].status == "none"


def test_at_one_the_tie_between_porcupine_and_the_refused_force_is_reported_not_resolved(points):
    point = points["1"]
    assert len(point.knife_edge) == 2
    assert all("'F=0' and 'F=150'" in edge for edge in point.knife_edge)
    chosen = {tuple(tuple(sorted(f for f, p in offer.items() if p == 1)) for offer in offers.values())
              for offers in _offers(point)}
    assert chosen == {(("0",), ("0",)), (("0",), ("150",)), (("150",), ("0",)), (("150",), ("150",))}
    assert point["E6 coalition still chooses a force"].status == "some"
    assert point["E7 symbolic"].status == "some"


@pytest.mark.parametrize("omega", TABLE)
def test_every_russian_type_refuses_the_largest_force(points, omega):
    for solution in points[omega].equilibria:
        consent = {k: v for k, v in solution.strategies["Russia"].items() if k.startswith("R:consent|")
                   and k.endswith("|150")}
        assert len(consent) == 4
        assert all(v["refuse"] == 1 for v in consent.values())


def test_a_refused_force_at_omega_one_is_the_porcupine(points):
    for policy in _policies(points["1"]):
        assert policy["150"] == policy["0"]
    for omega in ("0", "1/2"):
        for policy in _policies(points[omega]):
            assert Fraction(policy["150"]["P_succ"]) > Fraction(policy["0"]["P_succ"])


@pytest.mark.parametrize("omega", ["0", "1/2"])
def test_other_verdicts_do_not_move_with_omega(points, omega):
    moving = {"E6 coalition still chooses a force", "E7 symbolic"}
    here, at_one = points[omega].verdicts, points["1"].verdicts
    assert {c: v.status for c, v in here.items() if c not in moving} == \
        {c: v.status for c, v in at_one.items() if c not in moving}
