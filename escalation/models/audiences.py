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

import itertools
from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy

from ..constraints import increasing
from ..errors import ParameterError
from ..games import ExtensiveFormGame, chance, decision, outcome
from ..numbers import exact
from ..parameters import Parameter, ParameterSpace
from ..solvers.pbe import Candidate, Characterisation, characterisation, perfect_bayesian
from . import register
from .base import Model
from .perfect_deterrence import is_numeric_point, mixed, pure, require_order

__all__ = ["MODEL", "becomes_hard", "build", "committed_credibility", "grid_regions", "infoset", "thresholds"]

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


def _responses(values: Mapping[str, Any]) -> list[dict[str, dict]]:
    """The challenged Defender's best replies (both, where a type is indifferent)."""
    options = []
    for kind, signal in itertools.product(TYPES, SIGNALS):
        fight = values[f"v_{kind[0]}"] - values["c_D"]
        concede = -values["a"] if signal == "Commit" else 0
        best = ["Fight"] if fight > concede else ["Concede"] if fight < concede else ["Concede", "Fight"]
        options.append([(infoset(kind, signal), pure(b, RESPONSES)) for b in best])
    return [dict(choice) for choice in itertools.product(*options)]


def _name(high: str, low: str) -> str:
    if high == low:
        return "Pooling on commitment" if high == "Commit" else "Pooling on silence"
    return "Separating" if high == "Commit" else "Reverse separating"


def _semi_separating(v: Mapping[str, Any], responses: dict) -> Candidate | None:
    """High commits; Low commits with probability sigma; the ordinary Challenger backs off with probability rho."""
    low_after = v["v_L"] - v["c_D"] if responses[infoset("Low", "Commit")]["Fight"] else -v["a"]
    if responses[infoset("Low", "Commit")]["Fight"]:
        return None  # the Challenger is not indifferent after a commitment that Low backs
    rho = (v["m"] - low_after) / ((1 - v["theta_C"]) * (v["v_L"] - low_after))
    mu = v["b_C"] / (v["b_C"] + v["w_C"])
    sigma = v["prior_high"] * (1 - mu) / ((1 - v["prior_high"]) * mu)
    if not (0 < rho < 1 and 0 < sigma < 1):
        return None
    behaviour = {infoset("High"): pure("Commit", SIGNALS), infoset("Low"): mixed(1 - sigma, *SIGNALS),
                 infoset(CHALLENGER, "Commit"): mixed(1 - rho, *REPLIES),
                 infoset(CHALLENGER, "Stay quiet"): pure("Challenge", REPLIES), **responses}
    return Candidate("Semi-separating", behaviour)


@characterisation("audiences")
def _candidates(values: Mapping[str, Any], offpath: str) -> Characterisation:
    cands = []
    beliefs = [None, *([_challenger_belief(values, kind) for kind in TYPES] if offpath == "free" else [])]
    for responses in _responses(values):
        for high, low, after_commit, after_quiet in itertools.product(SIGNALS, SIGNALS, REPLIES, REPLIES):
            behaviour = {infoset("High"): pure(high, SIGNALS), infoset("Low"): pure(low, SIGNALS),
                         infoset(CHALLENGER, "Commit"): pure(after_commit, REPLIES),
                         infoset(CHALLENGER, "Stay quiet"): pure(after_quiet, REPLIES), **responses}
            name = _name(high, low)
            on_path = [r for sig, r in zip(SIGNALS, (after_commit, after_quiet), strict=True) if sig in (high, low)]
            group = f"{name}: {on_path}"  # under free beliefs: one supporting off-path reply per class
            cands += [Candidate(name, behaviour, beliefs=mu, group=group if offpath == "free" else None)
                      for mu in beliefs]
        semi = _semi_separating(values, responses)
        cands += [semi] if semi is not None else []
    edges = _knife_edges(values)
    return Characterisation(tuple(cands), knife_edge=edges, notes=(
        "pure equilibria and the semi-separating one (Low mixes) are enumerated; other mixed equilibria are not",))


def _challenger_belief(v: Mapping[str, Any], kind: str) -> dict[str, dict]:
    """The ordinary Challenger is sure the Defender is ``kind`` after either signal (used where off the path)."""
    where = "" if v["theta_C"] == 0 else "/Ordinary"
    return {infoset(CHALLENGER, s): {f"root/{t} {DEFENDER}/{s}{where}": int(t == kind) for t in TYPES}
            for s in SIGNALS}


def _knife_edges(v: Mapping[str, Any]) -> tuple[str, ...]:
    edges = []
    if v["a"] == v["c_D"] - v["v_L"]:
        edges.append("a = c_D - v_L: a committed Low Defender is indifferent between fighting and backing down")
    if v["m"] in (v["v_L"], v["c_D"]) and v["m"] > 0:
        edges.append("m = v_L or m = c_D: a Defender type is indifferent about sinking the cost")
    if v["prior_high"] == v["b_C"] / (v["b_C"] + v["w_C"]):
        edges.append("prior_high = b_C/(b_C + w_C): the ordinary Challenger is indifferent at the prior")
    return tuple(edges)


def grid_regions(values: Mapping[str, Any]):
    r"""The first D1 equilibrium the solver lists, on a grid (numpy arrays as ``values``), where hands are tied.

    With :math:`a > c_D - v_L` both types fight once committed, so the
    ordinary Challenger backs off after a commitment whatever it believes.
    Committing is then worth :math:`v - m - \theta_C c_D` to a type of value
    :math:`v`.  Staying quiet is worth :math:`v_H - c_D` to High and 0 to Low
    if the Challenger then challenges -- as it does when silence comes from
    Low, which is what D1 says silence means (Low gains more from it) and
    what Bayes' rule says under separation.  With
    :math:`L = v_L - \theta_C c_D - m` (Low's gain from tying hands) and
    :math:`H = (1 - \theta_C) c_D - m` (High's), in the solver's order:

    * **Pooling on commitment** where :math:`L > 0` (then :math:`H > 0` too);
    * **Separating** (only High commits) where :math:`L < 0 < H`;
    * **Pooling on silence** where :math:`H < 0`; the Challenger challenges
      silence iff :math:`\pi < b_C/(b_C + w_C)`.

    Where :math:`\pi > b_C/(b_C + w_C)` pooling on silence with the
    Challenger backing off is a second equilibrium in the first two regions.
    The defender's replies when challenged are its strict best replies (High
    fights, Low fights only once committed).  Left to the exact solver:
    points with :math:`a \le c_D - v_L` (sinking costs and cheap talk, where
    the semi-separating equilibrium and off-path replies under D1 are not
    reproduced here), points near any boundary above or near the model's
    knife edges (:math:`m = v_L`, :math:`m = c_D`), :math:`\theta_C = 0` (a
    different tree), and points breaking :math:`v_L < c_D < v_H`,
    :math:`0 < \pi < 1`, :math:`\theta_C < 1`.

    >>> import numpy as np
    >>> values = {**{k: float(v) for k, v in PARAMETERS.defaults().items()}, "theta_C": np.array([0.25, 0.75]),
    ...           "m": np.array([[0.0], [0.9]])}
    >>> found = grid_regions(values)
    >>> [[found.names[c] for c in row] for row in found.codes], found.undecided.any()
    ([['Pooling on commitment', 'Separating'], ['Pooling on silence', 'Pooling on silence']], np.False_)
    """
    from ..analysis.closed_forms import GridRegions, broken_order, near, on_grid, outside_open_unit

    t = on_grid(thresholds(), values)
    m, theta, prior = (np.asarray(values[k], dtype=float) for k in ("m", "theta_C", "prior_high"))
    resolves_low, mu = t["audience_cost_resolves_low"], t["challenger_belief"]
    low_gain = t["low_ties_hands"] - m
    high_gain = resolves_low + t["low_ties_hands"] - m      # (1 - theta_C) c_D - m
    codes = np.where(low_gain > 0, 0, np.where(high_gain > 0, 1, 2))
    deterred_by_silence = prior > mu
    count = np.where(codes < 2, 1 + deterred_by_silence, 1)
    undecided = ~(np.asarray(values["a"]) > resolves_low) | near(values["a"], resolves_low)
    for x, edge in ((low_gain, 0.0), (high_gain, 0.0), (prior, mu), (m, values["v_L"]), (m, values["c_D"]),
                    (theta, 0.0)):
        undecided = undecided | near(x, edge)
    undecided = undecided | broken_order(values, ("v_L", "c_D", "v_H")) | outside_open_unit(prior) | ~(theta < 1)

    def profile(code: int) -> dict[str, dict[str, Any]]:
        high, low = (("Commit", "Commit"), ("Commit", "Stay quiet"), ("Stay quiet", "Stay quiet"))[code]
        challenge_silence = np.asarray(1.0) if code < 2 else np.where(deterred_by_silence, 0.0, 1.0)
        return {infoset("High"): _pure_floats(high, SIGNALS), infoset("Low"): _pure_floats(low, SIGNALS),
                infoset(CHALLENGER, "Commit"): _pure_floats("Back off", REPLIES),
                infoset(CHALLENGER, "Stay quiet"): {"Back off": 1 - challenge_silence, "Challenge": challenge_silence},
                infoset("High", "Commit"): _pure_floats("Fight", RESPONSES),
                infoset("High", "Stay quiet"): _pure_floats("Fight", RESPONSES),
                infoset("Low", "Commit"): _pure_floats("Fight", RESPONSES),
                infoset("Low", "Stay quiet"): _pure_floats("Concede", RESPONSES)}

    names = ("Pooling on commitment", "Separating", "Pooling on silence")
    return GridRegions(names, codes, undecided, profile, count=count)


def _pure_floats(action: str, actions: tuple[str, ...]) -> dict[str, float]:
    return {a: float(a == action) for a in actions}


def _solve(values: Mapping[str, Any], offpath: str = "D1"):
    return perfect_bayesian(MODEL, values, offpath=offpath)


MODEL = register(Model(
    name="audiences",
    title=TITLE,
    claims=("E7",),
    sources=(FEARON94, FEARON97, SCHULTZ98, FARRELL),
    parameters=PARAMETERS,
    build=build,
    solver=_solve,
    thresholds=thresholds,
    description=("A public commitment is credible when it is costly: sunk costs separate iff v_L <= m <= c_D; "
                 "tying hands makes Low fight iff a >= c_D - v_L; costless talk cannot separate."),
    solver_takes_values=True,
    regions=grid_regions,
))
