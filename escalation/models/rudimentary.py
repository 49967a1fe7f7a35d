r"""Rudimentary Asymmetric Deterrence Game (Zagare & Kilgour 2000, section 3.4 and App. 3).

The Challenger (Z&K's A) keeps the status quo (SQ) or challenges; after a
challenge the Defender (B) concedes (DC: the Challenger wins) or resists (DD:
conflict).  The Defender is Hard (prefers DD to DC) with probability
:math:`p_B`, its credibility, and Soft otherwise; only it knows which.
Orderings (App. 3): :math:`a_{DD} < a_{SQ} < a_{DC}` and
:math:`b_{DD}^- < b_{DC} < b_{DD}^+ < b_{SQ}`.

A Hard Defender resists and a Soft one concedes whatever the Challenger
believes, so the Challenger challenges iff
:math:`p_B a_{DD} + (1 - p_B) a_{DC} > a_{SQ}`: deterrence holds iff

.. math:: p_B > C_A = \frac{a_{DC} - a_{SQ}}{a_{DC} - a_{DD}},

the Challenger's threshold (what winning adds to the status quo, relative to
what war costs against winning).  At :math:`p_B = C_A` the Challenger is
indifferent and every mixture is an equilibrium (a knife edge).  The
equilibrium names "Deterrence" and "Attack" are the package's; Z&K's own
labels for this game were not checked against the book.

>>> from escalation.models.rudimentary import MODEL
>>> [s.name for s in MODEL.solve(p_B="3/4")], [s.name for s in MODEL.solve(p_B="1/2")]
(['Deterrence'], ['Attack'])
>>> MODEL.thresholds()["C_A"]
(a_DC - a_SQ)/(a_DC - a_DD)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from ..constraints import increasing
from ..games import ExtensiveFormGame, chance, decision, outcome
from ..parameters import Parameter, ParameterSpace
from ..solvers.pbe import Candidate, Characterisation, characterisation, perfect_bayesian
from . import register
from .base import Model
from .perfect_deterrence import (
    ZK1993,
    ZK2000,
    boundary,
    evaluate,
    is_numeric_point,
    pure,
    require_open_probability,
    require_order,
)

__all__ = ["MODEL", "build", "grid_regions", "thresholds"]

TITLE = "Rudimentary Asymmetric Deterrence Game"
SOURCE = "Zagare & Kilgour (2000), section 3.4 and App. 3"
CHALLENGER, DEFENDER = "Challenger", "Defender"
TYPES = ("Hard Defender", "Soft Defender")
CHALLENGE, RESPONSE = ("Status quo", "Challenge"), ("Concede", "Resist")
CHALLENGER_ORDER = ("a_DD", "a_SQ", "a_DC")
DEFENDER_ORDER = ("b_DD_soft", "b_DC", "b_DD_hard", "b_SQ")


def _utility(name: str, default: int, meaning: str) -> Parameter:
    return Parameter(name, default, unit="utility", description=meaning, source=SOURCE)


PARAMETERS = ParameterSpace([
    _utility("a_DD", 0, "Challenger's utility from conflict (DD)"),
    _utility("a_SQ", 1, "Challenger's utility from the status quo (SQ)"),
    _utility("a_DC", 3, "Challenger's utility when the Defender concedes (DC)"),
    _utility("b_DD_soft", 0, "a Soft Defender's utility from conflict"),
    _utility("b_DC", 1, "Defender's utility from conceding (DC)"),
    _utility("b_DD_hard", 2, "a Hard Defender's utility from conflict"),
    _utility("b_SQ", 3, "Defender's utility from the status quo"),
    Parameter("p_B", "1/2", domain=(0, 1), closed=(False, False), unit="probability", source=SOURCE,
              description="Defender's credibility: the probability that it is Hard"),
], constraints=[*increasing(*CHALLENGER_ORDER, why=TITLE), *increasing(*DEFENDER_ORDER, why=TITLE)])


def thresholds() -> dict[str, Any]:
    """:math:`C_A`, the credibility above which the Defender deters the Challenger."""
    s = PARAMETERS.symbols
    return {"C_A": (s["a_DC"] - s["a_SQ"]) / (s["a_DC"] - s["a_DD"])}


def check(values: Mapping[str, Any]) -> None:
    """Raise ParameterError unless the point satisfies the orderings of App. 3."""
    require_order(values, CHALLENGER_ORDER, TITLE)
    require_order(values, DEFENDER_ORDER, TITLE)
    require_open_probability(values, "p_B", TITLE)


def build(values: Mapping[str, Any]) -> ExtensiveFormGame:
    """The game at ``values`` (symbols give the symbolic game)."""
    if is_numeric_point(values):
        check(values)
    v = values

    def challenger(kind: str, b_dd):
        respond = decision(DEFENDER, {"Concede": outcome("DC", (v["a_DC"], v["b_DC"])),
                                      "Resist": outcome("DD", (v["a_DD"], b_dd))}, infoset=kind)
        return decision(CHALLENGER, {"Status quo": outcome("SQ", (v["a_SQ"], v["b_SQ"])), "Challenge": respond},
                        infoset=CHALLENGER)

    root = chance({TYPES[0]: (v["p_B"], challenger(TYPES[0], v["b_DD_hard"])),
                   TYPES[1]: (1 - v["p_B"], challenger(TYPES[1], v["b_DD_soft"]))})
    return ExtensiveFormGame((CHALLENGER, DEFENDER), root, TITLE)


@characterisation("rudimentary")
def _candidates(values: Mapping[str, Any], offpath: str) -> Characterisation:
    at = {**evaluate(thresholds(), values), "p_B": values["p_B"]}
    defender = {TYPES[0]: pure("Resist", RESPONSE), TYPES[1]: pure("Concede", RESPONSE)}
    return Characterisation(
        candidates=(Candidate("Deterrence", {CHALLENGER: pure("Status quo", CHALLENGE), **defender}),
                    Candidate("Attack", {CHALLENGER: pure("Challenge", CHALLENGE), **defender})),
        knife_edge=boundary("p_B", "C_A", at, "the Challenger is indifferent; Deterrence and Attack meet and "
                            "every mixture of challenging is an equilibrium"),
    )


def grid_regions(values: Mapping[str, Any]):
    r"""The equilibrium on a grid (numpy arrays as ``values``) from the closed form :math:`C_A`.

    **Deterrence** (the Challenger keeps the status quo) where :math:`p_B > C_A`,
    **Attack** (it challenges) where :math:`p_B < C_A`.  In both the Hard
    Defender resists and the Soft one concedes: each type's reply is dominant,
    so no belief -- on or off the path -- changes it.  Off the knife edge the
    equilibrium is unique.  Points within a relative ``1e-9`` of
    :math:`p_B = C_A` (where both equilibria exist), or breaking the orderings
    of App. 3 or :math:`0 < p_B < 1`, are left to the exact solver.

    >>> import numpy as np
    >>> values = {**{k: float(v) for k, v in PARAMETERS.defaults().items()}, "p_B": np.array([0.5, 0.9, 2 / 3])}
    >>> found = grid_regions(values)      # C_A = 2/3 at the defaults: the last point is left to the solver
    >>> [found.names[c] for c in found.codes[:2]], found.undecided.tolist()
    (['Attack', 'Deterrence'], [False, False, True])
    >>> found.profile(1)["Challenger"]
    {'Status quo': 0.0, 'Challenge': 1.0}
    """
    from ..analysis.closed_forms import GridRegions, broken_order, near, on_grid, outside_open_unit

    c_a, p_b = on_grid(thresholds(), values)["C_A"], np.asarray(values["p_B"], dtype=float)
    codes = np.where(p_b > c_a, 0, 1)
    undecided = near(p_b, c_a) | outside_open_unit(p_b) | broken_order(values, CHALLENGER_ORDER, DEFENDER_ORDER)

    def profile(code: int) -> dict[str, dict[str, float]]:
        move = CHALLENGE[code]   # Deterrence keeps the status quo, Attack challenges
        return {CHALLENGER: {a: float(a == move) for a in CHALLENGE},
                TYPES[0]: {a: float(a == "Resist") for a in RESPONSE},
                TYPES[1]: {a: float(a == "Concede") for a in RESPONSE}}

    return GridRegions(("Deterrence", "Attack"), codes, undecided, profile)


def _solve(values: Mapping[str, Any], offpath: str = "D1"):
    return perfect_bayesian(MODEL, values, offpath=offpath)


MODEL = register(Model(
    name="rudimentary",
    title=TITLE,
    claims=("E1", "E3"),
    sources=(ZK2000 + ", section 3.4 and App. 3", ZK1993),
    parameters=PARAMETERS,
    build=build,
    solver=_solve,
    thresholds=thresholds,
    description="One-sided incomplete information: deterrence iff the Defender's credibility p_B exceeds C_A.",
    solver_takes_values=True,
    regions=grid_regions,
))
