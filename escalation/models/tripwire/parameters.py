r"""The tripwire model's parameters and the battlefield contest.

Every payoff of the tripwire game is built from the named parameters below.
Utilities are on one interval scale for each player; the defaults are
illustrative and chosen so that the essay's reference forces fall into
different regions -- in particular :math:`K` is set so that the deterrence
threshold is exactly the essay's 150k (see :mod:`escalation.models.tripwire`).

The force's military weight enters through a ratio-form contest (Tullock
1980; Hirshleifer 1989): a force of :math:`F` thousand troops, backed by the
coalition, defeats an attacking formation of strength :math:`K` with
probability

.. math:: p(F) = \frac{F^m}{F^m + K^m},

where :math:`m` is the contest's decisiveness (:math:`m = 2` mirrors
Lanchester's square law).  Below :math:`F = K` the force defeats the attack
with probability under one half: it can shoot back but cannot seek a
decision in battle (essay E1).

>>> contest_probability(70, 100, 2)
49/149
>>> contest_probability(REFERENCE_FORCES["robust force (essay E1)"], 100, 2)
9/13
>>> TRIPWIRE_PARAMETERS["F"].default, TRIPWIRE_PARAMETERS["F"].unit
(70, 'thousand troops')
"""

from __future__ import annotations

from typing import Any

import sympy

from ...errors import ParameterError
from ...parameters import Parameter, ParameterSpace

__all__ = [
    "CONSENT_PARAMETERS",
    "CONTEST",
    "REFERENCE_FORCES",
    "TRIPWIRE_PARAMETERS",
    "contest_probability",
]

#: Force sizes (thousand troops) that the essay uses as reference marks.
REFERENCE_FORCES = {"robust force (essay E1)": 150, "British Army (essay E1)": 70}

#: The contest probability as an intermediate symbol (region conditions stay polynomial in it).
CONTEST = sympy.Symbol("p", real=True)

_UTILITY = "utility"


def contest_probability(F: Any, K: Any, m: Any) -> sympy.Expr:
    r"""Probability :math:`F^m / (F^m + K^m)` that the force defeats an attack of strength :math:`K`.

    With numbers the exponent must be a whole number, so that the probability
    stays an exact rational; with symbols the expression is returned as is.

    >>> contest_probability(150, 100, 1)
    3/5
    >>> contest_probability(50, 100, "3/2")
    Traceback (most recent call last):
    ...
    escalation.errors.ParameterError: parameter 'm': must be a whole number to keep probabilities exact, got 3/2
    """
    F, K, m = (sympy.sympify(x) for x in (F, K, m))
    if not m.free_symbols and not m.is_integer:
        raise ParameterError("m", f"must be a whole number to keep probabilities exact, got {m}")
    return F**m / (F**m + K**m)


def _force_parameters() -> list[Parameter]:
    marks = ", ".join(f"{v} = {k}" for k, v in REFERENCE_FORCES.items())
    return [
        Parameter("F", 70, domain=(0, None), unit="thousand troops", plausible=(0, 300),
                  description=f"size of the deployed force (reference marks: {marks})",
                  source="essay E1"),
        Parameter("K", 100, domain=(1, None), unit="thousand troops",
                  description="strength of the formation Russia can throw at the force; "
                              "at F = K the force defeats the attack with probability 1/2",
                  source="calibrated, not measured: chosen so that the deterrence threshold F* = 1.5 K equals the "
                         "essay's 150k at the defaults (p(150) = 9/13, p(70) = 49/149 at m = 2); F* is "
                         "proportional to K, so K +/- 50% puts it anywhere between 75k and 225k; "
                         "Reiter & Poast 2021 (a force deters only if it shifts the local balance)"),
        Parameter("m", 2, domain=(1, 4), integer=True, unit="exponent (whole number)",
                  description="decisiveness of the battlefield contest p = F^m/(F^m + K^m)",
                  source="Tullock 1980; Hirshleifer 1989; m = 2: Lanchester 1916 square law"),
    ]


def _russia_parameters() -> list[Parameter]:
    return [
        Parameter("V", 10, domain=(0, None), unit=_UTILITY,
                  description="Russia's revisionist stake: the value of a Ukraine that is not sovereign",
                  source="essay E3"),
        Parameter("s", 1, domain=(0, None), unit=_UTILITY,
                  description="Russia's cost of a Western force remaining in Ukraine",
                  source="essay E2 (Moscow's stated objection to foreign troops); assumption"),
        Parameter("g", "1/2", domain=(0, None), unit=_UTILITY,
                  description="Russia's domestic gain from presenting the deployment as its own move "
                              "(earned when it consents)",
                  source="essay E2"),
        Parameter("c_T", 2, domain=(0, None), unit=_UTILITY,
                  description="Russia's cost of testing the force (losses to a force that shoots back, sanctions)",
                  source="essay E1 (a small force can still shoot back); assumption"),
        Parameter("h", 2, domain=(0, None), unit=_UTILITY,
                  description="Russia's further cost of backing down after its attack is defeated",
                  source="Zagare & Kilgour 2000 (cost of capitulation); assumption"),
        Parameter("W_R", 20, domain=(0, None), unit=_UTILITY,
                  description="cost to Russia of a NATO-Russia war", source="essay E4"),
    ]


def _coalition_parameters() -> list[Parameter]:
    return [
        Parameter("W_C", 20, domain=(0, None), unit=_UTILITY,
                  description="cost to the coalition of a NATO-Russia war", source="essay E4"),
        Parameter("q", "1/20", domain=(0, 1), unit="probability",
                  description="nuclear escalation risk: probability that a nuclear threat met by a firm "
                              "stand ends in nuclear use",
                  source="Schelling 1960, 1966 (the threat that leaves something to chance); Powell 1988"),
        Parameter("N", 100, domain=(0, None), unit=_UTILITY,
                  description="cost of nuclear use to each side", source="essay E4; assumption"),
        Parameter("A", 25, domain=(0, None), unit=_UTILITY,
                  description="the coalition's credibility and cohesion cost of abandoning Ukraine",
                  source="essay E4"),
        Parameter("c_C", 1, domain=(0, None), unit=_UTILITY,
                  description="the coalition's cost of fighting for the force's sector (a limited war)",
                  source="assumption"),
    ]


def _type_parameters() -> list[Parameter]:
    return [
        Parameter("V_L", "1/2", domain=(0, None), unit=_UTILITY,
                  description="the revisionist stake of a limited Russia (lower than V)",
                  source="essay E2, E3; Zagare & Kilgour 2000 (two challenger types)"),
        Parameter("pi_R", "1/2", domain=(0, 1), unit="probability",
                  description="prior probability that Russia is revisionist (stake V) rather than limited",
                  source="assumption"),
        Parameter("delta", "1/4", domain=(0, 1), unit="probability",
                  description="probability that Russia's consent is part of a deal with Washington, "
                              "given whatever the force's size",
                  source="essay E2 (a deal with the US president); assumption"),
    ]


#: The complete-information tripwire game's parameters.
TRIPWIRE_PARAMETERS = ParameterSpace([*_force_parameters(), *_russia_parameters(), *_coalition_parameters()])

#: The consent (E2) game's parameters: the above plus Russia's private type.
CONSENT_PARAMETERS = ParameterSpace([*TRIPWIRE_PARAMETERS.values(), *_type_parameters()])
