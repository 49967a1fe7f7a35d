r"""Asymmetric Escalation Game (Zagare & Kilgour 1995; 2000, ch. 6-9 and App. 8; Kilgour & Zagare 2007).

The Challenger accepts the status quo (SQ) or initiates.  The Defender
concedes (DC), responds in kind or escalates.  After a response in kind the
Challenger holds (DD: limited conflict) or escalates, and the Defender then
holds (ED: the Challenger wins after escalating) or counter-escalates (EE:
all-out war); after the Defender escalates the Challenger holds (DE: the
Defender wins) or counter-escalates (EE).  Outcome labels give the
Challenger's and the Defender's final level.  Orderings (App. 8):

.. math:: c_{EE}^- < c_{DE} < c_{EE}^+ < c_{DD} < c_{ED} < c_{SQ} < c_{DC},

.. math:: d_{EE}^- < d_{ED} < d_{EE}^+ < d_{DD}^- < d_{DC} < d_{DD}^+ < d_{DE} < d_{SQ}.

The Challenger is *strategically Hard* (:math:`c_{EE}^+`) if it prefers EE to
DE; the Defender is *tactically Hard* (:math:`d_{DD}^+`) if it prefers limited
conflict to conceding and *strategically Hard* (:math:`d_{EE}^+`) if it
prefers all-out war to losing after the Challenger escalates.  Even a
strategically Hard Defender prefers conceding at once to all-out war.

Two models live here.  ``"escalation-complete"``: every type known, solved by
backward induction; the outcome is SQ when the Challenger is Soft or the
Defender is Hard at both rungs, DC otherwise, so conflict never happens with
complete information.  ``"escalation-one-sided"``: the Challenger is known
to be Hard (Russia confident of escalation dominance) and the Defender's type
(HH, HS, SH, SS: tactical then strategic) is private.  With

.. math:: \theta = \frac{c_{ED} - c_{DD}}{c_{ED} - c_{EE}}, \quad
          \tau = \frac{c_{DC} - c_{SQ}}{c_{DC} - c_{DD}}, \quad
          e^* = \frac{d_{DD}^+ - d_{DC}}{d_{DD}^+ - d_{ED}}, \quad t = p_{HH} + p_{HS},

the Challenger escalates after a limited response iff the posterior that
the Defender is strategically Hard is at most :math:`\theta`, and initiates
iff the probability of a limited response is below :math:`\tau`.  Under D1:
if :math:`p_{HH}/t > \theta` both tactically Hard types respond and the
Challenger never escalates (response probability :math:`t`); if
:math:`p_{HH}/t < \theta` the HS type responds with probability
:math:`h = p_{HH}(1-\theta)/(\theta p_{HS})` and the Challenger escalates with
probability :math:`e^*` (response probability :math:`p_{HH}/\theta`).
Deterrence holds iff :math:`\min(t, p_{HH}/\theta) > \tau`.  Under
``"prior"`` and ``"free"`` a further equilibrium appears in which the
Challenger's off-path threat to escalate makes every type concede (here
called "Fait accompli"; under ``"prior"`` only if :math:`p_{HH} + p_{SH} \le \theta`).

The one-sided case and every equilibrium name here are the package's own
derivation (re-derived in tests/test_model_escalation_game.py), not Z&K's.
*Unverified against the original text*: the node layout, and Z&K's App. 8
characterisation and names for the general game (Escalatory and De-Escalatory
Deterrence, Constrained and Unconstrained Limited-Response Equilibria, [M] in
the research brief), which this module does not implement.

>>> from escalation.models.escalation_game import MODEL, ONE_SIDED_MODEL
>>> [dict(s.outcomes)["SQ"] for s in MODEL.solve()]
[1]
>>> [s.name for s in ONE_SIDED_MODEL.solve(p_HH="1/10", p_HS="1/5", p_SH="1/5")]
['Escalation risk']
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy

from ..constraints import Constraint, increasing
from ..errors import ParameterError
from ..games import ExtensiveFormGame, chance, decision, outcome
from ..numbers import exact
from ..parameters import Parameter, ParameterSpace
from ..solvers.backward_induction import subgame_perfect
from ..solvers.pbe import perfect_bayesian
from . import register
from .base import Model
from .perfect_deterrence import (
    KZ2007,
    ZK1995,
    ZK2000,
    is_numeric_point,
    mixed,
    pure,
    require_order,
)

__all__ = ["MODEL", "ONE_SIDED_MODEL", "build", "build_one_sided", "deterrence_condition",
           "names", "profile", "thresholds"]

TITLE = "Asymmetric Escalation Game"
SOURCE = "Zagare & Kilgour (2000), App. 8 [ordering]"
CHALLENGER, DEFENDER = "Challenger", "Defender"
TYPES = ("HH", "HS", "SH", "SS")
START, RESPONSE, RUNG = ("Status quo", "Initiate"), ("Concede", "Respond in kind", "Escalate"), \
    ("Hold", "Escalate")
LAST = ("Hold", "Counter-escalate")
CH1, CH3A, CH3B = "Challenger, node 1", "Challenger after a limited response", "Challenger after the Defender escalates"


def _utility(name: str, default: int, meaning: str) -> Parameter:
    return Parameter(name, default, unit="utility", description=meaning, source=SOURCE)


CHALLENGER_PARAMETERS = [
    _utility("c_DE", 1, "Challenger's utility when it holds after the Defender escalates (DE)"),
    _utility("c_EE", 2, "Challenger's utility from all-out war (EE); above c_DE: strategically Hard"),
    _utility("c_DD", 3, "Challenger's utility from limited conflict (DD)"),
    _utility("c_ED", 5, "Challenger's utility when it escalates and the Defender holds (ED)"),
    _utility("c_SQ", 6, "Challenger's utility from the status quo"),
    _utility("c_DC", 8, "Challenger's utility when the Defender concedes at once (DC)"),
]


def _tree(v: Mapping[str, Any], d_dd, d_ee, defender_infoset=lambda node: node):
    """The AEG tree below the Challenger's first move, for one Defender type."""
    n4 = decision(DEFENDER, {"Hold": outcome("ED", (v["c_ED"], v["d_ED"])),
                             "Counter-escalate": outcome("EE", (v["c_EE"], d_ee))},
                  infoset=defender_infoset("after escalation"))
    n3a = decision(CHALLENGER, {"Hold": outcome("DD", (v["c_DD"], d_dd)), "Escalate": n4}, infoset=CH3A)
    n3b = decision(CHALLENGER, {"Hold": outcome("DE", (v["c_DE"], v["d_DE"])),
                                "Counter-escalate": outcome("EE", (v["c_EE"], d_ee))}, infoset=CH3B)
    n2 = decision(DEFENDER, {"Concede": outcome("DC", (v["c_DC"], v["d_DC"])), "Respond in kind": n3a,
                             "Escalate": n3b}, infoset=defender_infoset("node 2"))
    return decision(CHALLENGER, {"Status quo": outcome("SQ", (v["c_SQ"], v["d_SQ"])), "Initiate": n2},
                    infoset=CH1)


# --- complete information -----------------------------------------------------------------------

_COMPLETE_PAIRS = [("c_DE", "c_DD"), ("c_EE", "c_DD"), ("c_DD", "c_ED"), ("c_ED", "c_SQ"), ("c_SQ", "c_DC"),
                   ("d_EE", "d_DD"), ("d_EE", "d_DC"), ("d_ED", "d_DD"), ("d_ED", "d_DC"), ("d_DD", "d_DE"),
                   ("d_DC", "d_DE"), ("d_DE", "d_SQ")]
_COMPLETE_TYPES = (("c_EE", "c_DE", "the Challenger strategically Hard or Soft"),
                   ("d_EE", "d_ED", "the Defender strategically Hard or Soft"),
                   ("d_DD", "d_DC", "the Defender tactically Hard or Soft"))

COMPLETE_PARAMETERS = ParameterSpace([
    *CHALLENGER_PARAMETERS,
    _utility("d_EE", 2, "Defender's utility from all-out war; above d_ED: strategically Hard"),
    _utility("d_ED", 1, "Defender's utility from holding after the Challenger escalates (ED)"),
    _utility("d_DD", 5, "Defender's utility from limited conflict; above d_DC: tactically Hard"),
    _utility("d_DC", 4, "Defender's utility from conceding at once (DC)"),
    _utility("d_DE", 6, "Defender's utility when the Challenger holds after it escalates (DE)"),
    _utility("d_SQ", 8, "Defender's utility from the status quo"),
], constraints=[*(Constraint(f"{a} < {b}", f"the {TITLE} (App. 8 orderings)") for a, b in _COMPLETE_PAIRS),
                *(Constraint(f"{a} != {b}", f"the {TITLE}", what) for a, b, what in _COMPLETE_TYPES)])


def check_complete(values: Mapping[str, Any]) -> None:
    """Raise ParameterError unless the point is one type profile of the App. 8 orderings."""
    for pair in _COMPLETE_PAIRS:
        require_order(values, pair, f"the {TITLE} (App. 8 orderings)")
    for a, b, what in _COMPLETE_TYPES:
        if exact(values[a]) == exact(values[b]):
            raise ParameterError(f"{a}, {b}", f"the {TITLE} needs {a} != {b} ({what}); got both = {values[a]}")


def build(values: Mapping[str, Any]) -> ExtensiveFormGame:
    """The complete-information game at ``values`` (the types follow from the utilities)."""
    if is_numeric_point(values):
        check_complete(values)
    root = _tree(values, values["d_DD"], values["d_EE"], lambda node: f"{DEFENDER}, {node}")
    return ExtensiveFormGame((CHALLENGER, DEFENDER), root, TITLE + " (complete information)")


MODEL = register(Model(
    name="escalation-complete",
    title=TITLE + " (complete information)",
    claims=("E4",),
    sources=(ZK2000 + ", ch. 6-9 and App. 8", ZK1995, KZ2007),
    parameters=COMPLETE_PARAMETERS,
    build=build,
    solver=subgame_perfect,
    description="Every type known: the outcome is the status quo or an immediate concession, never conflict.",
))


# --- one-sided incomplete information: a Hard Challenger ----------------------------------------

def _probability(name: str, default: str, meaning: str) -> Parameter:
    return Parameter(name, default, domain=(0, 1), closed=(False, False), unit="probability", description=meaning,
                     source=SOURCE)


ONE_SIDED_PARAMETERS = ParameterSpace([
    *CHALLENGER_PARAMETERS,
    _utility("d_EE_soft", 0, "a strategically Soft Defender's utility from all-out war"),
    _utility("d_ED", 1, "Defender's utility from holding after the Challenger escalates (ED)"),
    _utility("d_EE_hard", 2, "a strategically Hard Defender's utility from all-out war"),
    _utility("d_DD_soft", 3, "a tactically Soft Defender's utility from limited conflict"),
    _utility("d_DC", 4, "Defender's utility from conceding at once (DC)"),
    _utility("d_DD_hard", 5, "a tactically Hard Defender's utility from limited conflict"),
    _utility("d_DE", 6, "Defender's utility when the Challenger holds after it escalates (DE)"),
    _utility("d_SQ", 8, "Defender's utility from the status quo"),
    _probability("p_HH", "1/2", "probability the Defender is tactically and strategically Hard"),
    _probability("p_HS", "1/10", "probability the Defender is tactically Hard, strategically Soft"),
    _probability("p_SH", "1/5", "probability the Defender is tactically Soft, strategically Hard "
                 "(p_SS = 1 - p_HH - p_HS - p_SH)"),
], constraints=[*increasing("c_DE", "c_EE", "c_DD", "c_ED", "c_SQ", "c_DC", why=f"the {TITLE} with a Hard Challenger"),
                *increasing("d_EE_soft", "d_ED", "d_EE_hard", "d_DD_soft", "d_DC", "d_DD_hard", "d_DE", "d_SQ",
                            why=f"the {TITLE}"),
                Constraint("p_HH + p_HS + p_SH < 1", f"the {TITLE}", "every Defender type is possible: p_SS > 0")])

C_ORDER = ("c_DE", "c_EE", "c_DD", "c_ED", "c_SQ", "c_DC")
D_ORDER = ("d_EE_soft", "d_ED", "d_EE_hard", "d_DD_soft", "d_DC", "d_DD_hard", "d_DE", "d_SQ")


def check_one_sided(values: Mapping[str, Any]) -> None:
    """Raise ParameterError unless the point satisfies App. 8's orderings with a Hard Challenger."""
    require_order(values, C_ORDER, f"the {TITLE} with a Hard Challenger")
    require_order(values, D_ORDER, f"the {TITLE}")
    priors = [exact(values[f"p_{t}"]) for t in TYPES[:3]]
    for t, p in zip(TYPES, priors, strict=False):
        if p <= 0:
            raise ParameterError(f"p_{t}", f"the {TITLE} assumes every Defender type is possible (p_{t} > 0)")
    if sum(priors) >= 1:
        raise ParameterError("p_HH, p_HS, p_SH", f"sum to {sum(priors)}; they must leave p_SS = 1 - p_HH - p_HS - "
                             "p_SH > 0")


def _prior(v: Mapping[str, Any], kind: str):
    return 1 - v["p_HH"] - v["p_HS"] - v["p_SH"] if kind == "SS" else v[f"p_{kind}"]


def build_one_sided(values: Mapping[str, Any]) -> ExtensiveFormGame:
    """The game with a known Hard Challenger and the Defender's type drawn by chance."""
    if is_numeric_point(values):
        check_one_sided(values)
    v = values

    def branch(kind: str):
        d_dd = v["d_DD_hard"] if kind[0] == "H" else v["d_DD_soft"]
        d_ee = v["d_EE_hard"] if kind[1] == "H" else v["d_EE_soft"]
        return _tree(v, d_dd, d_ee, lambda node: f"{kind} {DEFENDER}, {node}")

    root = chance({f"{kind} {DEFENDER}": (_prior(v, kind), branch(kind)) for kind in TYPES})
    return ExtensiveFormGame((CHALLENGER, DEFENDER), root, TITLE + " (Hard Challenger, private Defender type)")


def thresholds() -> dict[str, sympy.Expr]:
    r""":math:`\theta, \tau, e^*` and :math:`\bar e` (the escalation probability that makes HH indifferent)."""
    s = ONE_SIDED_PARAMETERS.symbols
    return {
        "theta": (s["c_ED"] - s["c_DD"]) / (s["c_ED"] - s["c_EE"]),
        "tau": (s["c_DC"] - s["c_SQ"]) / (s["c_DC"] - s["c_DD"]),
        "e_star": (s["d_DD_hard"] - s["d_DC"]) / (s["d_DD_hard"] - s["d_ED"]),
        "e_bar": (s["d_DD_hard"] - s["d_DC"]) / (s["d_DD_hard"] - s["d_EE_hard"]),
    }


def deterrence_condition() -> sympy.Expr:
    r"""Deterrence under D1 as a sympy relation: :math:`t > \tau` and :math:`p_{HH} > \theta\tau`."""
    s, th = ONE_SIDED_PARAMETERS.symbols, thresholds()
    return sympy.And(s["p_HH"] + s["p_HS"] > th["tau"], s["p_HH"] > th["theta"] * th["tau"])


def profile(initiate: Any, respond_hh: Any, respond_hs: Any, escalate: Any) -> dict[str, dict]:
    """Behaviour: initiation, the HH and HS types' limited responses, the Challenger's escalation.

    Tactically Soft types concede; strategically Hard types counter-escalate,
    Soft ones hold; the Challenger counter-escalates if the Defender escalates.
    """
    out = {CH1: mixed(initiate, *START), CH3A: mixed(escalate, *RUNG), CH3B: pure("Counter-escalate", LAST)}
    for kind, r in zip(TYPES, (respond_hh, respond_hs, 0, 0), strict=True):
        r = r if isinstance(r, np.ndarray) else exact(r)
        out[f"{kind} {DEFENDER}, node 2"] = {"Concede": 1 - r, "Respond in kind": r, "Escalate": 0}
        out[f"{kind} {DEFENDER}, after escalation"] = pure("Counter-escalate" if kind[1] == "H" else "Hold", LAST)
    return out


def names(solution) -> str | None:
    """Deterrence, Limited conflict, Escalation risk or Fait accompli, read off the profile."""
    b = solution.behaviour
    if b[CH1]["Initiate"] == 0:
        return "Deterrence"
    if b[CH1]["Initiate"] != 1:
        return None
    hh, hs = (b[f"{k} {DEFENDER}, node 2"]["Respond in kind"] for k in ("HH", "HS"))
    if hh == hs == 1 and b[CH3A]["Escalate"] == 0:
        return "Limited conflict"
    if hh == 1 and 0 < hs < 1:
        return "Escalation risk"
    if hh == hs == 0:
        return "Fait accompli"
    return None


ONE_SIDED_MODEL = register(Model(
    name="escalation-one-sided",
    title=TITLE + " (Hard Challenger, private Defender type)",
    claims=("E1", "E4"),
    sources=(ZK2000 + ", ch. 6-9 and App. 8", ZK1995, KZ2007),
    parameters=ONE_SIDED_PARAMETERS,
    build=build_one_sided,
    solver=perfect_bayesian,
    thresholds=thresholds,
    description=("A Challenger sure of its escalation dominance: deterrence needs tactical credibility above tau "
                 "and enough strategic credibility (p_HH > theta * tau)."),
    names=names,
))
