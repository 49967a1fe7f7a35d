r"""Where each outcome of the tripwire game is the subgame-perfect one: named regions.

The regions are derived by the package's symbolic solver
(:func:`escalation.symbolic.spe_regions`) on the *stage game*: the tripwire
tree with the battlefield contest probability kept as one symbol :math:`p`,
so that every condition is a polynomial inequality in :math:`p` and the
payoff parameters.  Substituting :math:`p = F^m/(F^m + K^m)` gives the
conditions in the named parameters; since :math:`p` rises with :math:`F`,
each bound :math:`p > p^*` is a force-size bound
:math:`F > K\,(p^*/(1 - p^*))^{1/m}` (see :func:`tripwire_thresholds`).

Each region is named after the path of play of its equilibrium
(:func:`region_name`): *deterrence holds*, *Russia tests and the coalition
abandons* (marked *escalation dominance* when the coalition would withdraw
under a nuclear threat), *the coalition responds and Russia backs down*,
*escalation to the nuclear rung*, and *no deployment* (Russia refuses).

>>> region_name({"root": "Consent", "root/Consent": "Test", "root/Consent/Test": "Abandon",
...              "root/Consent/Test/Respond/Attack defeated/Nuclear threat": "Withdraw"})
'Russia tests and the coalition abandons (escalation dominance)'
>>> tripwire_thresholds()["F_deter"]
K*((V - c_T + s)/(c_T + h))**(1/m)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import sympy

from ...symbolic import Region, RegionPartition, spe_regions
from ...symbolic.latex import cases
from .game import build
from .parameters import CONTEST, TRIPWIRE_PARAMETERS, contest_probability

__all__ = [
    "ABANDON",
    "BACK_DOWN",
    "DETER",
    "NUCLEAR",
    "condition_in_parameters",
    "region_at",
    "region_name",
    "regions_latex",
    "stage_game",
    "tripwire_regions",
    "tripwire_thresholds",
]

DETER = "deterrence holds"
ABANDON = "Russia tests and the coalition abandons"
BACK_DOWN = "the coalition responds and Russia backs down"
NUCLEAR = "escalation to the nuclear rung"

CONSENT, TEST, RESPOND = "root", "root/Consent", "root/Consent/Test"
RUNG = "root/Consent/Test/Respond/Attack defeated"
FIRM = RUNG + "/Nuclear threat"


def region_name(choices: Mapping[str, str]) -> str:
    """The name of the equilibrium with actions ``choices`` ({information set: action}).

    >>> region_name({"root": "Refuse", "root/Consent": "Hold"})
    'no deployment (Russia would be deterred)'
    """
    if choices[CONSENT] == "Refuse":
        would = "be deterred" if choices[TEST] == "Hold" else "test the force"
        return f"no deployment (Russia would {would})"
    if choices[TEST] == "Hold":
        return DETER
    if choices[RESPOND] == "Abandon":
        return ABANDON + (" (escalation dominance)" if choices[FIRM] == "Withdraw" else "")
    return BACK_DOWN if choices[RUNG] == "Back down" else NUCLEAR


def stage_game():
    """The tripwire tree in symbols, with the contest probability as the symbol ``p``."""
    return build(TRIPWIRE_PARAMETERS.symbols, CONTEST)


@lru_cache(maxsize=1)
def tripwire_regions() -> RegionPartition:
    r"""The named region partition of the stage game (derived once, then cached).

    The domain is the parameters' own (closed) domains and :math:`0 \le p \le 1`.
    """
    partition = spe_regions(stage_game(), assumptions=TRIPWIRE_PARAMETERS)
    named = tuple(dataclasses.replace(r, name=region_name(_choices(r))) for r in partition)
    return dataclasses.replace(partition, regions=named)


def _choices(region: Region) -> dict[str, str]:
    return {h: a for per_player in region.strategies.values() for h, a in per_player.items()}


def _contest() -> sympy.Expr:
    s = TRIPWIRE_PARAMETERS.symbols
    return contest_probability(s["F"], s["K"], s["m"])


def condition_in_parameters(region: Region) -> sympy.Basic:
    """The region's condition with :math:`p` replaced by :math:`F^m/(F^m + K^m)`."""
    return region.condition.xreplace({CONTEST: _contest()})


def region_at(values: Mapping[str, Any] | None = None) -> Region:
    """The named region at a point of the tripwire parameters (defaults for those not given).

    Raises :class:`~escalation.symbolic.KnifeEdgeError` on a boundary, e.g. at
    the force size where Russia is indifferent between holding and testing.

    >>> region_at().name
    'the coalition responds and Russia backs down'
    >>> from escalation.symbolic import KnifeEdgeError
    >>> try:
    ...     region_at({"F": 150, "g": 2})
    ... except KnifeEdgeError as err:
    ...     print(err.ties)
    ("Russia is indifferent at node root/Consent between 'Hold' and 'Test' (payoff 1)",)
    """
    point = TRIPWIRE_PARAMETERS.validate(values)
    point["p"] = contest_probability(point["F"], point["K"], point["m"])
    partition = tripwire_regions()
    return partition.region_at({s.name: point[s.name] for s in partition.parameters})


def regions_latex(in_parameters: bool = False) -> str:
    r"""A LaTeX ``cases`` listing of the named regions.

    With ``in_parameters`` the conditions are written in :math:`F, K, m`
    instead of the contest probability :math:`p`.
    """
    partition = tripwire_regions()
    regions = partition.regions
    if in_parameters:
        regions = tuple(dataclasses.replace(r, condition=condition_in_parameters(r)) for r in regions)
    where = r"\quad\text{where } p = " + sympy.latex(_contest())
    return cases(partition.game, regions) + where


def tripwire_thresholds() -> dict[str, sympy.Expr]:
    r"""The closed forms behind the regions (hand-derived; the tests check them against the solver).

    * ``p``: the contest probability; ``F_decision = K``: below it the force
      defeats the attack with probability under 1/2 (it can shoot back but
      cannot seek a decision).
    * ``resolve``: the coalition stands firm against a nuclear threat iff
      :math:`A + c_C - W_C - qN > 0`; ``q_escalation_dominance`` is the
      nuclear risk above which it would withdraw, so that it abandons Ukraine
      at every force size.
    * ``backdown``: facing a firm coalition, Russia backs down iff
      :math:`W_R + qN - h - s > 0`.
    * ``p_respond`` / ``F_respond``: the coalition responds iff :math:`pA > c_C`.
    * ``p_deter`` / ``F_deter``: then Russia holds iff
      :math:`p > (V + s - c_T)/(V + s + h)`.
    * ``p_consent`` / ``F_consent``: Russia prefers testing a deployed force to
      no deployment iff :math:`p < (V + g - c_T)/(V + s + h)`.
    * ``p_respond_war`` / ``p_deter_war`` / ``p_consent_war``: the same three
      bounds when Russia would rather fight a NATO-Russia war than back down
      (``backdown < 0``).
    """
    S = TRIPWIRE_PARAMETERS.symbols
    V, s, g, c_T, h = S["V"], S["s"], S["g"], S["c_T"], S["h"]
    A, c_C, W_C, W_R, q, N, K, m = S["A"], S["c_C"], S["W_C"], S["W_R"], S["q"], S["N"], S["K"], S["m"]

    def force(odds):
        """The force size at which p(F) reaches the bound with odds p/(1 - p) = ``odds``."""
        return K * odds ** (1 / m)

    p_respond, p_deter, p_consent = c_C / A, (V + s - c_T) / (V + s + h), (V + g - c_T) / (V + s + h)
    return {
        "p": _contest(), "F_decision": K,
        "resolve": A + c_C - W_C - q * N, "q_escalation_dominance": (A + c_C - W_C) / N,
        "backdown": W_R + q * N - h - s,
        "p_respond": p_respond, "F_respond": force(c_C / (A - c_C)),
        "p_deter": p_deter, "F_deter": force((V + s - c_T) / (c_T + h)),
        "p_consent": p_consent, "F_consent": force((V + g - c_T) / (s + h + c_T - g)),
        "p_respond_war": c_C / (A + c_C - W_C - q * N), "p_deter_war": (V + s - c_T) / (V + W_R + q * N),
        "p_consent_war": (V + g - c_T) / (V + W_R + q * N),
    }
