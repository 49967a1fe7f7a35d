r"""Unilateral Deterrence Game with two-sided incomplete information (Zagare & Kilgour 1993; 2000, ch. 5).

The Challenger accepts the status quo (SQ) or initiates; the Defender then
concedes (CW: the Challenger wins) or resists; after resistance the
Challenger backs down (DW: the Defender wins) or fights (W: conflict).
Nature first draws the Challenger's type (Hard with probability
:math:`p_{Ch}`: prefers W to DW) and the Defender's (Hard with probability
:math:`p_{Def}`: prefers W to CW); each side knows only its own.  Orderings:

.. math:: c_W^S < c_{DW} < c_W^H < c_{SQ} < c_{CW}, \qquad d_W^S < d_{CW} < d_W^H < d_{DW}

(:math:`d_{SQ}` does not affect strategies).  Thresholds:

.. math:: \alpha_H = \frac{c_{CW} - c_{SQ}}{c_{CW} - c_W^H}, \quad
          \alpha_S = \frac{c_{CW} - c_{SQ}}{c_{CW} - c_{DW}}, \quad
          \beta = \frac{d_{DW} - d_{CW}}{d_{DW} - d_W^S}.

A Hard Challenger initiates iff the total probability of resistance is
:math:`q \le \alpha_H`, a Soft one iff :math:`q \le \alpha_S < \alpha_H`; a
Hard Defender always resists; a Soft one resists iff the posterior
:math:`r = \Pr(\text{Hard Challenger} \mid \text{initiation}) \le \beta`.
Under D1 the perfect Bayesian equilibrium is unique in each open region:

* **Certain Deterrence**, :math:`p_{Def} > \alpha_H`: nobody initiates;
* **Separating**, :math:`\alpha_S < p_{Def} < \alpha_H`: the Hard Challenger initiates, the Soft one
  does not, and the Soft Defender concedes;
* **Attack**, :math:`p_{Def} < \alpha_S` and :math:`p_{Ch} > \beta`: both types initiate, the Soft
  Defender concedes;
* **Bluff**, :math:`p_{Def} < \alpha_S` and :math:`p_{Ch} < \beta`: the Hard Challenger initiates, the
  Soft one with probability :math:`x_S^*`, and the Soft Defender resists with probability :math:`y_S^*`,

with :math:`x_S^* = p_{Ch}(1-\beta)/((1-p_{Ch})\beta)` (so :math:`r = \beta`) and
:math:`y_S^* = (\alpha_S - p_{Def})/(1 - p_{Def})` (so :math:`q = \alpha_S`).
Under ``"prior"`` Certain Deterrence also exists when :math:`p_{Ch} \le \beta`;
under ``"free"`` everywhere.  The derivation is the package's own
(tests/test_model_unilateral.py re-derives the thresholds from the game and
checks the regions by brute force).  *Unverified against the original text*:
the node layout, the equilibrium names and whether Z&K's App. 5 existence
conditions read exactly so (items marked [M] in the research brief).

>>> from escalation.models.unilateral import MODEL
>>> (bluff,) = MODEL.solve(p_Ch="1/4", p_Def="1/4")
>>> bluff.name, {k: str(v) for k, v in bluff.outcomes.items()}
('Bluff', {'SQ': '1/2', 'CW': '1/3', 'DW': '1/12', 'W': '1/12'})
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sympy

from ..constraints import increasing
from ..games import ExtensiveFormGame, chance, decision, outcome
from ..parameters import Parameter, ParameterSpace
from ..solvers.pbe import perfect_bayesian
from . import register
from .base import Model
from .perfect_deterrence import (
    ZK1993,
    ZK2000,
    is_numeric_point,
    mixed,
    pure,
    require_open_probability,
    require_order,
)

__all__ = ["MODEL", "build", "infoset", "names", "profile", "thresholds"]

TITLE = "Unilateral Deterrence Game"
SOURCE = "Zagare & Kilgour (2000), ch. 5 and App. 5 [ordering from the research brief]"
CHALLENGER, DEFENDER = "Challenger", "Defender"
KINDS = ("Hard", "Soft")
CHALLENGER_ORDER = ("c_W_soft", "c_DW", "c_W_hard", "c_SQ", "c_CW")
DEFENDER_ORDER = ("d_W_soft", "d_CW", "d_W_hard", "d_DW")
NODE1, NODE2, NODE3 = ("Status quo", "Initiate"), ("Concede", "Resist"), ("Back down", "Fight")


def _utility(name: str, default: int, meaning: str) -> Parameter:
    return Parameter(name, default, unit="utility", description=meaning, source=SOURCE)


PARAMETERS = ParameterSpace([
    _utility("c_CW", 4, "Challenger's utility when the Defender concedes (CW)"),
    _utility("c_SQ", 2, "Challenger's utility from the status quo"),
    _utility("c_W_hard", 0, "a Hard Challenger's utility from conflict (W)"),
    _utility("c_DW", -2, "Challenger's utility from backing down (DW)"),
    _utility("c_W_soft", -4, "a Soft Challenger's utility from conflict"),
    _utility("d_DW", 3, "Defender's utility when the Challenger backs down (DW)"),
    _utility("d_W_hard", 1, "a Hard Defender's utility from conflict"),
    _utility("d_CW", 0, "Defender's utility from conceding (CW)"),
    _utility("d_W_soft", -3, "a Soft Defender's utility from conflict"),
    _utility("d_SQ", 4, "Defender's utility from the status quo (does not affect strategies)"),
    Parameter("p_Ch", "1/2", domain=(0, 1), closed=(False, False), unit="probability", source=SOURCE,
              description="Challenger's credibility: the probability that it is Hard"),
    Parameter("p_Def", "2/5", domain=(0, 1), closed=(False, False), unit="probability", source=SOURCE,
              description="Defender's credibility: the probability that it is Hard (e.g. a tripwire's effect)"),
], constraints=[*increasing(*CHALLENGER_ORDER, why=TITLE), *increasing(*DEFENDER_ORDER, why=TITLE)])


def thresholds() -> dict[str, sympy.Expr]:
    r""":math:`\alpha_H`, :math:`\alpha_S` (Challenger's) and :math:`\beta` (Defender's) as sympy expressions."""
    s = PARAMETERS.symbols
    gain = s["c_CW"] - s["c_SQ"]
    return {"alpha_H": gain / (s["c_CW"] - s["c_W_hard"]),
            "alpha_S": gain / (s["c_CW"] - s["c_DW"]),
            "beta": (s["d_DW"] - s["d_CW"]) / (s["d_DW"] - s["d_W_soft"])}


def check(values: Mapping[str, Any]) -> None:
    """Raise ParameterError unless the point satisfies the model's orderings."""
    require_order(values, CHALLENGER_ORDER, TITLE)
    require_order(values, DEFENDER_ORDER, TITLE)
    require_open_probability(values, "p_Ch", TITLE)
    require_open_probability(values, "p_Def", TITLE)


def infoset(kind: str, player: str, node: int) -> str:
    """Label of the information set of a ``kind`` ("Hard"/"Soft") ``player`` at node 1, 2 or 3."""
    return f"{kind} {player}, node {node}"


def build(values: Mapping[str, Any]) -> ExtensiveFormGame:
    """The game at ``values`` (symbols give the symbolic game)."""
    if is_numeric_point(values):
        check(values)
    v = values

    def play(ch: str, de: str):
        c_w, d_w = v[f"c_W_{ch.lower()}"], v[f"d_W_{de.lower()}"]
        node3 = decision(CHALLENGER, {"Back down": outcome("DW", (v["c_DW"], v["d_DW"])),
                                      "Fight": outcome("W", (c_w, d_w))}, infoset=infoset(ch, CHALLENGER, 3))
        node2 = decision(DEFENDER, {"Concede": outcome("CW", (v["c_CW"], v["d_CW"])), "Resist": node3},
                         infoset=infoset(de, DEFENDER, 2))
        return decision(CHALLENGER, {"Status quo": outcome("SQ", (v["c_SQ"], v["d_SQ"])), "Initiate": node2},
                        infoset=infoset(ch, CHALLENGER, 1))

    def defender_types(ch: str):
        return chance({f"{de} {DEFENDER}": (p, play(ch, de))
                       for de, p in zip(KINDS, (v["p_Def"], 1 - v["p_Def"]), strict=True)})

    root = chance({f"{ch} {CHALLENGER}": (p, defender_types(ch))
                   for ch, p in zip(KINDS, (v["p_Ch"], 1 - v["p_Ch"]), strict=True)})
    return ExtensiveFormGame((CHALLENGER, DEFENDER), root, TITLE)


def profile(x_hard: Any, x_soft: Any, y_soft: Any) -> dict[str, dict]:
    """The behaviour profile with initiation probabilities ``x_*`` and the Soft Defender's resistance ``y_soft``.

    The Hard Defender resists; at node 3 the Hard Challenger fights and the Soft one backs down.
    """
    return {
        infoset("Hard", CHALLENGER, 1): mixed(x_hard, *NODE1),
        infoset("Soft", CHALLENGER, 1): mixed(x_soft, *NODE1),
        infoset("Hard", DEFENDER, 2): pure("Resist", NODE2),
        infoset("Soft", DEFENDER, 2): mixed(y_soft, *NODE2),
        infoset("Hard", CHALLENGER, 3): pure("Fight", NODE3),
        infoset("Soft", CHALLENGER, 3): pure("Back down", NODE3),
    }


def _defender_belief(r: Any) -> dict[str, dict]:
    """Both Defender types believe the initiator is Hard with probability ``r``."""
    return {infoset(de, DEFENDER, 2): {f"root/Hard {CHALLENGER}/{de} {DEFENDER}/Initiate": r,
                                       f"root/Soft {CHALLENGER}/{de} {DEFENDER}/Initiate": 1 - r}
            for de in KINDS}


def names(solution) -> str | None:
    """The literature's names, read off the Challenger types' initiation probabilities."""
    b = solution.behaviour
    x_hard = b[infoset("Hard", CHALLENGER, 1)]["Initiate"]
    x_soft = b[infoset("Soft", CHALLENGER, 1)]["Initiate"]
    return {(0, 0): "Certain Deterrence", (1, 0): "Separating", (1, 1): "Attack"}.get(
        (x_hard, x_soft), "Bluff" if x_hard == 1 and 0 < x_soft < 1 else None)

MODEL = register(Model(
    name="unilateral",
    title=TITLE,
    claims=("E1", "E3", "E4"),
    sources=(ZK2000 + ", ch. 5 and App. 5", ZK1993),
    parameters=PARAMETERS,
    build=build,
    solver=perfect_bayesian,
    thresholds=thresholds,
    description=("Two-sided incomplete information: Certain Deterrence iff p_Def > alpha_H; below it the "
                 "probability of war rises with the Defender's credibility."),
    names=names,
))
