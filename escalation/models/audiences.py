r"""Tying hands, sinking costs and cheap talk: how a commitment becomes credible (a partial reading of E7).

A two-type signalling game in the spirit of Fearon (1997) (*the package's own
toy version, not his exact model*).  It has one audience that acts -- the
challenger -- plus a domestic audience cost; the essay's three audiences (the
US, Putin, Ukraine) are not players here, so the model shows when a public
commitment can be credible to an adversary, not that the declaration is
"mostly a symbol" (E7).  Chance makes the Defender High (value of
the stake :math:`v_H`, with probability :math:`\pi`) or Low (:math:`v_L`),
with :math:`v_L < c_D < v_H`, :math:`c_D` the Defender's cost of war: High would
fight a challenge, Low would not.  The Defender commits publicly or stays
quiet.  A committed Defender pays a sunk cost :math:`m` at once and an
audience cost :math:`a` only if it later backs down (Fearon 1994).  Then a
*determined* challenger (probability :math:`\theta_C`) challenges anyway; an
ordinary one backs off (0) or challenges, winning :math:`b_C` if the Defender
concedes and losing :math:`w_C` if it fights.  A challenged Defender fights
(:math:`v - c_D`, less costs) or concedes (0, less costs); unchallenged it keeps
:math:`v`.

* **Cheap talk** (:math:`m = a = 0`): no separating equilibrium -- Low would
  copy High's costless message (Farrell & Gibbons 1989 [M] show how a message
  heard by two audiences can regain credibility; not implemented here).
* **Sinking costs** (:math:`a = 0`, :math:`\theta_C = 0`): separating iff
  :math:`v_L \le m \le c_D`.
* **Tying hands** (:math:`m = 0`): a committed Low fights iff
  :math:`a \ge c_D - v_L`; then Low commits iff :math:`v_L - \theta_C c_D \ge 0`
  (pooling on commitment, deterring the ordinary challenger), else only High commits.

**Plug-in for the Unilateral Deterrence Game.**  An audience cost lowers the
Defender's payoff from conceding, :math:`d_{CW} \to d_{CW} - a`: a Soft
Defender turns Hard iff :math:`a > d_{CW} - d_W`.  If :math:`d_W` is uniform on
:math:`[\ell, h]` across Defenders, its credibility becomes
:math:`p_{Def}(a) = \Pr(d_W \ge d_{CW} - a)` (:func:`committed_credibility`).

:meth:`MODEL.solve <escalation.models.base.Model.solve>` returns the pure perfect Bayesian equilibria and the
semi-separating one in which Low mixes, each verified exactly by
:func:`escalation.solvers.verify_pbe.verify_pbe` (other mixed equilibria are
not enumerated; the notes say so).

>>> from escalation.models.audiences import MODEL
>>> [s.name for s in MODEL.solve(theta_C="1/4")], [s.name for s in MODEL.solve(theta_C="3/4")]
(['Pooling on commitment'], ['Separating'])
>>> [s.name for s in MODEL.solve(a=0, m="3/4", theta_C=0)]
['Separating']
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sympy

from ..constraints import increasing
from ..errors import ParameterError
from ..games import ExtensiveFormGame, chance, decision, outcome
from ..numbers import exact
from ..parameters import Parameter, ParameterSpace
from ..solvers.pbe import perfect_bayesian
from . import register
from .base import Model
from .perfect_deterrence import is_numeric_point, require_order

__all__ = ["MODEL", "becomes_hard", "build", "committed_credibility", "infoset", "names", "thresholds"]

TITLE = "Costly signals and cheap talk: tying hands, sinking costs (one challenger)"
FEARON94 = "Fearon (1994), Domestic Political Audiences, APSR 88(3): 577-592 [M]"
FEARON97 = "Fearon (1997), Signaling Foreign Policy Interests, JCR 41(1): 68-90 [M]; toy version is the package's"
SCHULTZ98 = "Schultz (1998), Domestic Opposition and Signaling, APSR 92(4) [M]"
FARRELL = "Farrell & Gibbons (1989), Cheap Talk with Two Audiences, AER 79(5): 1214-1223 [M] (context only)"
DEFENDER, CHALLENGER = "Defender", "Challenger"
TYPES = ("High", "Low")
SIGNALS = ("Commit", "Stay quiet")
REPLIES, RESPONSES = ("Back off", "Challenge"), ("Concede", "Fight")


def _value(name: str, default: Any, meaning: str, source: str = FEARON97, **kw: Any) -> Parameter:
    return Parameter(name, default, unit=kw.pop("unit", "utility"), description=meaning, source=source, **kw)


PARAMETERS = ParameterSpace([
    _value("prior_high", "1/3", "probability that the Defender is High (would fight)", unit="probability",
           domain=(0, 1), closed=(False, False)),
    _value("v_H", 2, "a High Defender's value of the stake", domain=(0, None)),
    _value("v_L", "1/2", "a Low Defender's value of the stake", domain=(0, None)),
    _value("c_D", 1, "Defender's cost of war", domain=(0, None)),
    _value("m", 0, "sunk cost paid up front by a Defender who commits", domain=(0, None)),
    _value("a", 1, "audience cost paid by a committed Defender who backs down", source=f"{FEARON94}; {SCHULTZ98}",
           domain=(0, None)),
    _value("theta_C", "1/4", "share of determined challengers, who challenge whatever the signal",
           unit="probability", domain=(0, 1), closed=(True, False)),
    _value("b_C", 1, "ordinary Challenger's gain when the Defender concedes", domain=(0, None)),
    _value("w_C", 1, "ordinary Challenger's loss when the Defender fights", domain=(0, None)),
], constraints=increasing("v_L", "c_D", "v_H", why=TITLE))


def thresholds() -> dict[str, sympy.Expr]:
    """The signalling conditions of the toy game as sympy expressions."""
    s = PARAMETERS.symbols
    return {"audience_cost_resolves_low": s["c_D"] - s["v_L"],
            "sunk_cost_low": s["v_L"], "sunk_cost_high": s["c_D"],
            "low_ties_hands": s["v_L"] - s["theta_C"] * s["c_D"],
            "challenger_belief": s["b_C"] / (s["b_C"] + s["w_C"])}


def becomes_hard(a: Any, d_CW: Any, d_W: Any) -> bool:
    """True when an audience cost ``a`` makes a Defender prefer war (``d_W``) to conceding (``d_CW - a``).

    >>> becomes_hard(3, 0, -3), becomes_hard("7/2", 0, -3)
    (False, True)
    """
    return bool(exact(a) > exact(d_CW) - exact(d_W))


def committed_credibility(a: Any, d_CW: Any, low: Any, high: Any) -> sympy.Expr:
    r""":math:`\Pr(d_W \ge d_{CW} - a)` for :math:`d_W` uniform on ``[low, high]``.

    >>> str(committed_credibility(0, 0, -3, 1)), str(committed_credibility("3/2", 0, -3, 1))
    ('1/4', '5/8')
    """
    a, d_cw, lo, hi = (exact(v) for v in (a, d_CW, low, high))
    if a < 0:
        raise ParameterError("a", f"an audience cost cannot be negative, got {a}")
    if not lo < hi:
        raise ParameterError("low, high", f"needs low < high, got [{lo}, {hi}]")
    return sympy.Min(1, sympy.Max(0, (hi - (d_cw - a)) / (hi - lo)))


def infoset(kind: str, signal: str | None = None) -> str:
    """Labels: ``infoset("High")`` (signal choice), ``infoset("High", s)`` (reply to a challenge),
    ``infoset("Challenger", s)`` (the ordinary Challenger after signal ``s``)."""
    if kind == CHALLENGER:
        return f"{CHALLENGER} after {signal}"
    return f"{kind} {DEFENDER}" if signal is None else f"{kind} {DEFENDER} challenged after {signal}"


def check(values: Mapping[str, Any]) -> None:
    """Raise ParameterError unless ``v_L < c_D < v_H``, ``0 < prior_high < 1`` and ``theta_C < 1``."""
    require_order(values, ("v_L", "c_D", "v_H"), TITLE)
    if not 0 < values["prior_high"] < 1:
        raise ParameterError("prior_high", f"needs 0 < prior_high < 1, got {values['prior_high']}")
    if not values["theta_C"] < 1:
        raise ParameterError("theta_C", "some challengers must be ordinary (theta_C < 1)")


def build(values: Mapping[str, Any]) -> ExtensiveFormGame:
    """The signalling game at ``values`` (symbols give the symbolic game)."""
    if is_numeric_point(values):
        check(values)
    v = values

    def challenged(kind: str, signal: str):
        value, sunk = v[f"v_{kind[0]}"], v["m"] if signal == "Commit" else 0
        audience = v["a"] if signal == "Commit" else 0
        return decision(DEFENDER, {"Concede": outcome("Concession", (-sunk - audience, v["b_C"])),
                                   "Fight": outcome("War", (value - v["c_D"] - sunk, -v["w_C"]))},
                        infoset=infoset(kind, signal))

    def after(kind: str, signal: str):
        sunk = v["m"] if signal == "Commit" else 0
        ordinary = decision(CHALLENGER, {"Back off": outcome("Status quo", (v[f"v_{kind[0]}"] - sunk, 0)),
                                         "Challenge": challenged(kind, signal)}, infoset=infoset(CHALLENGER, signal))
        if v["theta_C"] == 0:
            return ordinary
        return chance({"Determined": (v["theta_C"], challenged(kind, signal)),
                       "Ordinary": (1 - v["theta_C"], ordinary)})

    def defender(kind: str):
        return decision(DEFENDER, {s: after(kind, s) for s in SIGNALS}, infoset=infoset(kind))

    root = chance({f"{k} {DEFENDER}": (p, defender(k))
                   for k, p in zip(TYPES, (v["prior_high"], 1 - v["prior_high"]), strict=True)})
    return ExtensiveFormGame((DEFENDER, CHALLENGER), root, TITLE)


def names(solution) -> str | None:
    """Pooling, separating or semi-separating, read off the two Defender types' signals."""
    b = solution.behaviour
    high, low = b[infoset("High")], b[infoset("Low")]
    pure_high = next((s for s in SIGNALS if high[s] == 1), None)
    pure_low = next((s for s in SIGNALS if low[s] == 1), None)
    if pure_high is not None and pure_low is not None:
        if pure_high == pure_low:
            return "Pooling on commitment" if pure_high == "Commit" else "Pooling on silence"
        return "Separating" if pure_high == "Commit" else "Reverse separating"
    if pure_high == "Commit" and pure_low is None:
        return "Semi-separating"
    return None

MODEL = register(Model(
    name="audiences",
    title=TITLE,
    claims=("E7",),
    sources=(FEARON94, FEARON97, SCHULTZ98, FARRELL),
    parameters=PARAMETERS,
    build=build,
    solver=perfect_bayesian,
    thresholds=thresholds,
    description=("A public commitment is credible when it is costly: sunk costs separate iff v_L <= m <= c_D; "
                 "tying hands makes Low fight iff a >= c_D - v_L; costless talk cannot separate."),
    names=names,
))
