r"""Brinkmanship: Schelling's threat that leaves something to chance (Dixit-Skeath form) and Powell's resolve.

**The window.**  A Challenger is *resolute* with probability :math:`\pi_R`
(it attacks whatever the risk) and *irresolute* otherwise (an uncontested
attack gains it :math:`G`, a war costs it :math:`W_{Ch}`).  The Defender loses
:math:`L` if it acquiesces and :math:`W_{Def} > L` in a war, so a threat of war is
not credible; but it can create a risk :math:`\rho` that an attack escalates out
of control (a tripwire fixes :math:`\rho`).  The threat is

* *effective* (the irresolute Challenger refrains) iff :math:`(1-\rho)G - \rho W_{Ch} \le 0`, i.e.
  :math:`\rho \ge \rho_{\min} = G/(G + W_{Ch})`;
* *acceptable* (the Defender prefers it to conceding to both types) iff
  :math:`\pi_R[(1-\rho)(-L) + \rho(-W_{Def})] \ge -L`, i.e.
  :math:`\rho \le \rho_{\max} = L(1-\pi_R)/(\pi_R(W_{Def} - L))`.

Brinkmanship is feasible iff :math:`\rho_{\min} \le \rho_{\max}`; at equality (a knife
edge, reported) the Defender is indifferent between the threat and no threat.

**Representation of a solution.**  The Defender's expected payoff falls as
:math:`\rho` rises once the irresolute type is deterred, and a threat below
:math:`\rho_{\min}` deters nobody, so its best choices are "no threat" or
"threat at rho_min".  ``strategies["Defender"]["risk level"]`` gives the
probabilities of these two; ``strategies["Challenger"]["resolute" | "irresolute"]``
the types' choices ("Attack"/"Refrain").  At :math:`\rho = \rho_{\min}` the
irresolute type is indifferent and refrains (with any :math:`\rho` above it, it
refrains strictly).  ``outcomes`` gives the probabilities of the status quo, of
the Challenger prevailing and of war (loss of control); ``payoffs["Challenger"]``
is the *irresolute* type's expected payoff, ``payoffs["Defender"]`` the Defender's
(status quo = 0 for both).
The window itself is in the notes and in :func:`window`.

**Powell's primitive.**  A state whose prize is :math:`v` and whose disaster cost
is :math:`d` runs an escalation step of risk :math:`r` (if the other then quits)
iff :math:`(1-r)v - rd \ge 0`, i.e. :math:`r \le v/(v + d)`, its *resolve*.
:func:`one_rung_ladder` solves the complete-information ladder by backward
induction: the disaster probability is zero (Powell 2015).

>>> from escalation.models.brinkmanship import MODEL, window
>>> w = window(MODEL.values(pi_R="1/3"))
>>> str(w.rho_min), str(w.rho_max), w.feasible, w.knife_edge
('1/4', '1/2', True, False)
>>> (s,) = MODEL.solve(pi_R="1/3")
>>> s.name, {k: str(v) for k, v in s.outcomes.items()}
('threat that leaves something to chance', {'status quo': '2/3', 'Challenger prevails': '1/4', 'war': '1/12'})
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sympy

from ..constraints import increasing
from ..errors import ParameterError, VerificationError
from ..games import ExtensiveFormGame, chance, decision, outcome
from ..numbers import exact
from ..parameters import Parameter, ParameterSpace
from ..solvers import subgame_perfect
from ..solvers.solution import Computation, Equilibria, Solution
from . import register
from .base import Model
from .perfect_deterrence import is_numeric_point, require_open_probability, require_order

__all__ = ["MODEL", "Window", "build", "ladder_game", "one_rung_ladder", "resolve", "thresholds", "window"]

TITLE = "Brinkmanship: the threat that leaves something to chance"
SCHELLING = ("Schelling, T.C. (1960) The Strategy of Conflict, ch. 8 [M]; (1966) Arms and Influence, "
             "ch. 2-3 [M]")
DIXIT = "Dixit, A., Skeath, S. (& Reiley/McAdams) Games of Strategy, ch. 'Brinkmanship: The Cuban Missile Crisis'"
POWELL = ("Powell, R. (1987) APSR 81(3): 717-735 [M]; (1988) APSR 82(1): 155-178; (2015) International "
          "Organization 69(3): 589-626")
TIE = ("at rho = rho_min the irresolute Challenger is indifferent and refrains",)
METHOD = "closed form (effectiveness and acceptability)"
THREAT, NO_THREAT = "threat at rho_min", "no threat"
EFFECTIVE, CONCEDE = "threat that leaves something to chance", "no effective threat: the Challenger prevails"


def _param(name: str, default: Any, meaning: str, domain=(0, None), unit="utility") -> Parameter:
    return Parameter(name, default, domain=domain, unit=unit, description=meaning, closed=(False, domain[1] is None),
                     source=f"{DIXIT} (effectiveness/acceptability); {SCHELLING}")


PARAMETERS = ParameterSpace([
    _param("G", 1, "irresolute Challenger's gain from an uncontested attack"),
    _param("W_Ch", 3, "Challenger's cost of a war (loss of control)"),
    _param("L", 2, "Defender's loss if it acquiesces"),
    _param("W_Def", 10, "Defender's cost of a war (W_Def > L: a threat of war is not credible)"),
    _param("pi_R", "1/3", "probability that the Challenger is resolute (attacks whatever the risk)", (0, 1),
           "probability"),
], constraints=increasing("L", "W_Def", why=TITLE, meaning="a threat of war is not credible"))


def thresholds() -> dict[str, sympy.Expr]:
    r""":math:`\rho_{\min}` (effectiveness) and :math:`\rho_{\max}` (acceptability)."""
    s = PARAMETERS.symbols
    return {"rho_min": s["G"] / (s["G"] + s["W_Ch"]),
            "rho_max": s["L"] * (1 - s["pi_R"]) / (s["pi_R"] * (s["W_Def"] - s["L"]))}


def _check(values: Mapping[str, Any]) -> None:
    for name in ("G", "W_Ch", "L"):
        if not exact(values[name]) > 0:
            raise ParameterError(name, f"{TITLE} assumes {name} > 0, got {values[name]}")
    require_order(values, ("L", "W_Def"), TITLE)
    require_open_probability(values, "pi_R", TITLE)


@dataclass(frozen=True)
class Window:
    """The risk levels a Defender can use: ``[rho_min, min(rho_max, 1)]`` when ``feasible``."""

    rho_min: sympy.Expr
    rho_max: sympy.Expr
    feasible: bool
    knife_edge: bool


def window(values: Mapping[str, Any]) -> Window:
    """The effectiveness/acceptability window at ``values`` (ParameterError on bad values)."""
    _check(values)
    table = {sympy.Symbol(k, real=True): exact(v) for k, v in values.items()}
    low, high = (sympy.simplify(e.subs(table)) for e in thresholds().values())
    return Window(low, high, bool(low <= high), bool(low == high))


def _solution(values: Mapping[str, Any], rho: sympy.Expr | None) -> Solution:
    """The equilibrium in which the Defender threatens at ``rho`` (``None``: no threat)."""
    v = {k: exact(x) for k, x in values.items()}
    pi = v["pi_R"]
    threat = rho is not None
    irresolute = {"Attack": 0, "Refrain": 1} if threat else {"Attack": 1, "Refrain": 0}
    rho = sympy.Integer(0) if rho is None else rho
    outcomes = {"status quo": (1 - pi) * irresolute["Refrain"],
                "Challenger prevails": pi * (1 - rho) + (1 - pi) * irresolute["Attack"],
                "war": pi * rho}
    defender = -v["L"] * outcomes["Challenger prevails"] - v["W_Def"] * outcomes["war"]
    return Solution(
        ("Challenger", "Defender"),
        {"Defender": {"risk level": {NO_THREAT: int(not threat), THREAT: int(threat)}},
         "Challenger": {"resolute": {"Attack": 1, "Refrain": 0}, "irresolute": irresolute}},
        {"Challenger": irresolute["Attack"] * v["G"], "Defender": defender},
        Computation(METHOD, "perfect Bayesian", exact=True, verified=True, notes=TIE if threat else ()),
        outcomes=outcomes, name=EFFECTIVE if threat else CONCEDE)


def _solve(values: Mapping[str, Any]) -> Equilibria:
    w = window(values)
    solutions = ([_solution(values, w.rho_min)] if w.feasible else []) + ([] if w.rho_min < w.rho_max
                                                                          else [_solution(values, None)])
    shown = f"[{w.rho_min}, {min(w.rho_max, 1)}]" if w.feasible else "empty"
    edge = (f"rho_min = rho_max = {w.rho_min}: the Defender is indifferent between the threat and no threat",
            ) if w.knife_edge else ()
    notes = (f"window of effective and acceptable risk levels: {shown} (rho_min = {w.rho_min}, "
             f"rho_max = {w.rho_max})",)
    for s in solutions:  # the Defender's choice is a best reply: compare with the other option
        other = _solution(values, None if s.name == EFFECTIVE else w.rho_min)
        if s.payoffs["Defender"] < other.payoffs["Defender"]:
            raise VerificationError(f"{s.name!r}: the Defender gains by switching to {other.name!r}")
    return Equilibria(tuple(solutions), method=METHOD,
                      refinement="perfect Bayesian", knife_edge=edge, notes=notes)


def build(values: Mapping[str, Any]) -> Window | None:
    """The model's object at ``values``: the risk window (the model is analytic, not a finite game).

    A :class:`~escalation.models.brinkmanship.Window`, or ``None`` for symbolic
    values: the window is only computed at a numeric point.
    """
    return window(values) if is_numeric_point(values) else None


# -- Powell's primitive -----------------------------------------------------------------------------------------
def resolve(v: Any, d: Any) -> sympy.Expr:
    r"""The largest risk of disaster a state with prize ``v`` and disaster cost ``d`` will run: :math:`v/(v+d)`.

    >>> str(resolve(1, 3)), str(resolve(1, 9)), str(resolve(2, 2))
    ('1/4', '1/10', '1/2')
    """
    v, d = exact(v), exact(d)
    if not (v > 0 and d > 0):
        raise ParameterError("v, d", f"a prize and a disaster cost must be positive, got v = {v}, d = {d}")
    return v / (v + d)


def ladder_game(v_R: Any, d_R: Any, v_C: Any, d_C: Any, r: Any) -> ExtensiveFormGame:
    """Russia challenges or not; the coalition quits or escalates (risk ``r``); Russia quits or counter-escalates.

    Each escalation step ends in disaster with probability ``r``; after a
    counter-escalation there is no further rung and Russia prevails.  The
    winner gets its prize, the side that quits 0, disaster costs each side its
    ``d``; the status quo gives Russia 0 and the coalition its prize.
    """
    r = exact(r)
    if not 0 < r < 1:
        raise ParameterError("r", f"the risk of one escalation step must lie strictly between 0 and 1, got {r}")
    v_R, d_R, v_C, d_C = (exact(x) for x in (v_R, d_R, v_C, d_C))
    disaster = outcome("disaster", (-d_R, -d_C))
    russia_wins = outcome("Russia prevails", (v_R, 0))
    counter = chance({"disaster": (r, disaster), "no disaster": (1 - r, russia_wins)})
    russia = decision("Russia", {"Quit": outcome("coalition prevails", (0, v_C)), "Counter-escalate": counter})
    escalate = chance({"disaster": (r, disaster), "no disaster": (1 - r, russia)})
    coalition = decision("Coalition", {"Quit": russia_wins, "Escalate": escalate})
    root = decision("Russia", {"Status quo": outcome("status quo", (0, v_C)), "Challenge": coalition})
    return ExtensiveFormGame(("Russia", "Coalition"), root, "One-rung escalation ladder (complete information)")


def one_rung_ladder(v_R: Any, d_R: Any, v_C: Any, d_C: Any, r: Any) -> Equilibria:
    """Every subgame-perfect equilibrium of :func:`ladder_game` (ties reported as knife edges).

    >>> (spe,) = one_rung_ladder(1, 3, 1, 9, "1/5")   # Russia's resolve 1/4, the coalition's 1/10
    >>> {k: str(p) for k, p in spe.outcomes.items() if p}
    {'Russia prevails': '1'}
    """
    for name, x in (("v_R", v_R), ("d_R", d_R), ("v_C", v_C), ("d_C", d_C)):
        if not exact(x) > 0:
            raise ParameterError(name, f"must be positive, got {x}")
    return subgame_perfect(ladder_game(v_R, d_R, v_C, d_C, r))


MODEL = register(Model(
    name="brinkmanship",
    title=TITLE,
    claims=("E4", "E5"),
    sources=(SCHELLING, DIXIT, POWELL),
    parameters=PARAMETERS,
    build=build,
    solver=_solve,
    thresholds=thresholds,
    description=("A threat that leaves something to chance deters iff some risk level is both effective "
                 "(rho >= rho_min) and acceptable to the Defender (rho <= rho_max)."),
    analytic=True,
))
