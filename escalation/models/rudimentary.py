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

from ..constraints import increasing
from ..games import ExtensiveFormGame, chance, decision, outcome
from ..parameters import Parameter, ParameterSpace
from ..solvers.pbe import perfect_bayesian
from . import register
from .base import Model
from .perfect_deterrence import ZK1993, ZK2000, is_numeric_point, require_open_probability, require_order

__all__ = ["MODEL", "build", "names", "thresholds"]

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


def names(solution) -> str | None:
    """"Deterrence" when the Challenger keeps the status quo, "Attack" when it challenges."""
    move = solution.behaviour[CHALLENGER]
    return {1: "Deterrence"}.get(move["Status quo"], "Attack" if move["Challenge"] == 1 else None)


MODEL = register(Model(
    name="rudimentary",
    title=TITLE,
    claims=("E1", "E3"),
    sources=(ZK2000 + ", section 3.4 and App. 3", ZK1993),
    parameters=PARAMETERS,
    build=build,
    solver=perfect_bayesian,
    thresholds=thresholds,
    description="One-sided incomplete information: deterrence iff the Defender's credibility p_B exceeds C_A.",
    names=names,
))
