r"""Mutual Deterrence Game with incomplete information (Kilgour & Zagare 1991; Zagare & Kilgour 2000, ch. 4).

A waits or initiates.  If A initiates, B concedes (DC: A wins) or retaliates
(DD: conflict).  If A waits, B keeps the status quo (SQ) or initiates, and A
then concedes (CD: B wins) or retaliates (DD).  Each side is Hard (prefers
DD to capitulating) with probability :math:`p_A`, :math:`p_B`, its
credibility, and knows only its own type.  Orderings (mirrored for B):

.. math:: a_{DD}^S < a_{CD} < a_{DD}^H < a_{SQ} < a_{DC}, \qquad
          b_{DD}^S < b_{DC} < b_{DD}^H < b_{SQ} < b_{CD}.

Thresholds:

.. math:: \gamma_A^{H,S} = \frac{a_{DC} - a_{SQ}}{a_{DC} - a_{DD}^{H,S}}, \quad
          \delta_A = \frac{a_{DC} - a_{CD}}{a_{DC} - a_{DD}^S}, \quad
          \gamma_B^{H,S} = \frac{b_{CD} - b_{SQ}}{b_{CD} - b_{DD}^{H,S}}, \quad
          \lambda_A = \frac{a_{DC} - a_{SQ}}{a_{DC} - a_{SQ} + a_{CD} - a_{DD}^S}.

A Hard B retaliates and a Soft one concedes; a B that sees A wait initiates
iff :math:`\pi = \Pr(A \text{ Hard} \mid \text{wait}) \le \gamma_B` of its
type.  With :math:`w` the probability that a waiting A is exploited, A's Hard
type gains more from initiating than its Soft type for every :math:`w`, so
whenever Soft A initiates Hard A does.  Equilibria come in sets
(:math:`s_H, s_S` = probability A's type initiates; :math:`z_H, z_S` =
probability B's type exploits a waiting A):

* **Deterrence** (0, 0; 0, 0): iff :math:`p_A \ge \gamma_B^H` and :math:`p_B \ge \gamma_A^H`;
* **Probing** (:math:`s_H^*`, 0; :math:`z_H^*`, 0) with
  :math:`s_H^* = 1 - \gamma_B^H (1 - p_A)/(p_A (1 - \gamma_B^H))` and
  :math:`p_B z_H^* = (a_{SQ} - a_{DC} + p_B(a_{DC} - a_{DD}^H))/(a_{SQ} - a_{DD}^H)`:
  under the same conditions;
* **Separating** (1, 0; 1, 1): iff :math:`p_B \ge \delta_A`;
* **Attack** (1, 1; off-path replies): iff :math:`p_B \le \delta_A` under D1
  (which attributes an unexpected wait to the Soft type) and ``"free"``;
  under ``"prior"`` iff B's best reply to :math:`\pi = p_A` exploits often
  enough that Soft A prefers initiating.

The derivation is the package's own (re-derived and brute-force checked in
tests/test_model_mutual.py).  *Unverified against the original text*: the
tree layout, the payoff restrictions of Z&K's (Generalized) Mutual
Deterrence Game and the equilibrium names (only "Deterrence Equilibrium" is
recalled from Z&K, [M] in the research brief).

>>> from escalation.models.mutual import MODEL
>>> sorted(s.name for s in MODEL.solve(p_A="4/5", p_B="4/5"))
['Deterrence', 'Probing', 'Separating']
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
    KZ1991,
    ZK2000,
    is_numeric_point,
    mixed,
    pure,
    require_open_probability,
    require_order,
)

__all__ = ["MODEL", "build", "infoset", "names", "profile", "thresholds", "wait_cutoffs"]

TITLE = "Mutual Deterrence Game"
SOURCE = "Zagare & Kilgour (2000), ch. 4 and App. 4 [ordering from the research brief]"
KINDS = ("Hard", "Soft")
MOVE, REPLY = ("Wait", "Initiate"), ("Concede", "Retaliate")
A_ORDER = ("a_DD_soft", "a_CD", "a_DD_hard", "a_SQ", "a_DC")
B_ORDER = ("b_DD_soft", "b_DC", "b_DD_hard", "b_SQ", "b_CD")


def _utility(name: str, default: int, meaning: str) -> Parameter:
    return Parameter(name, default, unit="utility", description=meaning, source=SOURCE)


PARAMETERS = ParameterSpace([
    _utility("a_DC", 4, "A's utility when B concedes to A's initiative (DC)"),
    _utility("a_SQ", 3, "A's utility from the status quo"),
    _utility("a_DD_hard", 2, "a Hard A's utility from conflict (DD)"),
    _utility("a_CD", 1, "A's utility from conceding to B (CD)"),
    _utility("a_DD_soft", 0, "a Soft A's utility from conflict"),
    _utility("b_CD", 4, "B's utility when A concedes to B's initiative (CD)"),
    _utility("b_SQ", 3, "B's utility from the status quo"),
    _utility("b_DD_hard", 2, "a Hard B's utility from conflict"),
    _utility("b_DC", 1, "B's utility from conceding to A (DC)"),
    _utility("b_DD_soft", 0, "a Soft B's utility from conflict"),
    Parameter("p_A", "3/5", domain=(0, 1), closed=(False, False), unit="probability", source=SOURCE,
              description="A's credibility: the probability that A is Hard"),
    Parameter("p_B", "3/5", domain=(0, 1), closed=(False, False), unit="probability", source=SOURCE,
              description="B's credibility: the probability that B is Hard"),
], constraints=[*increasing(*A_ORDER, why=TITLE), *increasing(*B_ORDER, why=TITLE)])


def thresholds() -> dict[str, sympy.Expr]:
    r""":math:`\gamma_A^H, \gamma_A^S, \delta_A, \lambda_A, \gamma_B^H, \gamma_B^S` as sympy expressions.

    :math:`\gamma_A^{H,S}`: B's credibility at which A's type is indifferent between initiating and a
    status quo that B leaves alone; :math:`\delta_A`: ... at which a Soft A is indifferent between
    initiating and being exploited for sure; :math:`\lambda_A`: ... and being exploited by a Hard B only
    (it matters under the ``"prior"`` rule); :math:`\gamma_B^{H,S}`: the probability that a waiting A is
    Hard at which B's type is indifferent about exploiting it.
    """
    s = PARAMETERS.symbols
    a_gain, b_gain = s["a_DC"] - s["a_SQ"], s["b_CD"] - s["b_SQ"]
    return {
        "gamma_A_hard": a_gain / (s["a_DC"] - s["a_DD_hard"]),
        "gamma_A_soft": a_gain / (s["a_DC"] - s["a_DD_soft"]),
        "delta_A": (s["a_DC"] - s["a_CD"]) / (s["a_DC"] - s["a_DD_soft"]),
        "lambda_A": a_gain / (a_gain + s["a_CD"] - s["a_DD_soft"]),
        "gamma_B_hard": b_gain / (s["b_CD"] - s["b_DD_hard"]),
        "gamma_B_soft": b_gain / (s["b_CD"] - s["b_DD_soft"]),
    }


def check(values: Mapping[str, Any]) -> None:
    """Raise ParameterError unless the point satisfies the model's orderings."""
    require_order(values, A_ORDER, TITLE)
    require_order(values, B_ORDER, TITLE)
    require_open_probability(values, "p_A", TITLE)
    require_open_probability(values, "p_B", TITLE)


def infoset(kind: str, player: str, stage: str) -> str:
    """Label of an information set: e.g. ``infoset("Hard", "B", "after waiting")``."""
    return f"{kind} {player} {stage}"


def build(values: Mapping[str, Any]) -> ExtensiveFormGame:
    """The game at ``values`` (symbols give the symbolic game)."""
    if is_numeric_point(values):
        check(values)
    v = values

    def play(ka: str, kb: str):
        dd = outcome("DD", (v[f"a_DD_{ka.lower()}"], v[f"b_DD_{kb.lower()}"]))
        b_reply = decision("B", {"Concede": outcome("DC", (v["a_DC"], v["b_DC"])), "Retaliate": dd},
                           infoset=infoset(kb, "B", "after initiation"))
        a_reply = decision("A", {"Concede": outcome("CD", (v["a_CD"], v["b_CD"])), "Retaliate": dd},
                           infoset=infoset(ka, "A", "after B initiates"))
        b_move = decision("B", {"Wait": outcome("SQ", (v["a_SQ"], v["b_SQ"])), "Initiate": a_reply},
                          infoset=infoset(kb, "B", "after waiting"))
        return decision("A", {"Wait": b_move, "Initiate": b_reply}, infoset=infoset(ka, "A", "at the start"))

    def b_types(ka: str):
        return chance({f"{kb} B": (p, play(ka, kb)) for kb, p in zip(KINDS, (v["p_B"], 1 - v["p_B"]), strict=True)})

    root = chance({f"{ka} A": (p, b_types(ka)) for ka, p in zip(KINDS, (v["p_A"], 1 - v["p_A"]), strict=True)})
    return ExtensiveFormGame(("A", "B"), root, TITLE)


def profile(s_hard: Any, s_soft: Any, z_hard: Any, z_soft: Any) -> dict[str, dict]:
    """Behaviour with A's initiation probabilities ``s_*`` and B's exploitation probabilities ``z_*``.

    Hard types retaliate and Soft types concede when the other side initiates.
    """
    out = {}
    for kind, s, z in (("Hard", s_hard, z_hard), ("Soft", s_soft, z_soft)):
        reply = pure("Retaliate" if kind == "Hard" else "Concede", REPLY)
        out[infoset(kind, "A", "at the start")] = mixed(s, *MOVE)
        out[infoset(kind, "B", "after initiation")] = reply
        out[infoset(kind, "B", "after waiting")] = mixed(z, *MOVE)
        out[infoset(kind, "A", "after B initiates")] = reply
    return out


def _waiting_belief(pi: Any) -> dict[str, dict]:
    """Both B types believe a waiting A is Hard with probability ``pi``."""
    return {infoset(kb, "B", "after waiting"): {f"root/Hard A/{kb} B/Wait": pi, f"root/Soft A/{kb} B/Wait": 1 - pi}
            for kb in KINDS}


def wait_cutoffs() -> dict[str, sympy.Expr]:
    r"""Exploitation probabilities :math:`w_H, w_S` below which A's type would rather wait than Attack.

    In Attack A's type earns :math:`p_B a_{DD}^{H,S} + (1 - p_B) a_{DC}`; waiting instead, it is
    exploited with probability :math:`w` and earns :math:`a_{SQ} - w (a_{SQ} - a_{DD}^H)` (Hard: it
    retaliates) or :math:`a_{SQ} - w (a_{SQ} - a_{CD})` (Soft: it concedes).  D1 compares these
    cutoffs to decide which type an unexpected wait comes from.
    """
    s = PARAMETERS.symbols
    p_b, a_sq, a_dc = s["p_B"], s["a_SQ"], s["a_DC"]
    return {"w_hard": (a_sq - p_b * s["a_DD_hard"] - (1 - p_b) * a_dc) / (a_sq - s["a_DD_hard"]),
            "w_soft": (a_sq - p_b * s["a_DD_soft"] - (1 - p_b) * a_dc) / (a_sq - s["a_CD"])}


def names(solution) -> str | None:
    """The names of the equilibrium sets, read off initiation (s) and exploitation (z) probabilities."""
    b = solution.behaviour
    s_h, s_s = (b[infoset(k, "A", "at the start")]["Initiate"] for k in KINDS)
    z_h, z_s = (b[infoset(k, "B", "after waiting")]["Initiate"] for k in KINDS)
    if (s_h, s_s, z_h, z_s) == (0, 0, 0, 0):
        return "Deterrence"
    if 0 < s_h < 1 and s_s == 0 and z_s == 0:
        return "Probing"
    if (s_h, s_s, z_h, z_s) == (1, 0, 1, 1):
        return "Separating"
    if (s_h, s_s) == (1, 1):
        return "Attack"
    return None

MODEL = register(Model(
    name="mutual",
    title=TITLE,
    claims=("E4", "E5"),
    sources=(ZK2000 + ", ch. 4 and App. 4", KZ1991),
    parameters=PARAMETERS,
    build=build,
    solver=perfect_bayesian,
    thresholds=thresholds,
    description="Two-sided incomplete information and mutual threats: all perfect Bayesian equilibria, as sets.",
    names=names,
))
