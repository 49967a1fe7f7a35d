r"""Ceasefire violations as an inspection game with public attribution (essay claim E8).

A Violator V complies or violates a ceasefire; a Monitor M investigates at
cost :math:`e` or not.  An investigation names the violator publicly with
probability :math:`\pi` (the attribution probability; an uninvestigated
violation is never attributed).  V gets 0 from complying, :math:`g > 0` from
an unattributed violation and :math:`-s \le 0` from an attributed one; M
loses :math:`L` to an unattributed violation and :math:`A < L` to an
attributed one.  Expected over attribution, the bimatrix (V's payoff, M's) is

=========  ==========================================  ==============
           Investigate                                 Not investigate
=========  ==========================================  ==============
Comply     :math:`0,\ -e`                              :math:`0,\ 0`
Violate    :math:`g - \pi(g+s),\ -L + \pi(L-A) - e`    :math:`g,\ -L`
=========  ==========================================  ==============

(structure as in Avenhaus, von Stengel & Zamir 2002; the parameterisation is
the research brief's).  Indifference gives the closed forms

.. math:: p^* = \Pr(\text{investigate}) = \frac{g}{\pi(g+s)}, \qquad
          q^* = \Pr(\text{violate}) = \frac{e}{\pi(L-A)},

an interior ("inspection equilibrium (mixed)") iff :math:`\pi > g/(g+s)` and
:math:`\pi(L-A) > e`.  Below the attribution threshold :math:`g/(g+s)` V
violates for sure and M investigates iff :math:`\pi(L-A) > e`; with no public
attribution (:math:`\pi = 0`, the OSCE-like case) violations are certain and
nobody investigates.  :math:`q^*` does not contain :math:`s` (Tsebelis 1989):
a harsher sanction lowers monitoring, not violations.  Under inspector
leadership (:func:`inspector_leadership`) M commits to :math:`p` first and can
deter completely iff :math:`\pi \ge g/(g+s)`.  On the boundaries
:math:`\pi = g/(g+s)` and :math:`\pi(L-A) = e` equilibria form intervals; the
solver reports them as knife edges.

>>> from escalation.models.attribution import MODEL
>>> (mixed,) = MODEL.solve(pi="1/2")
>>> mixed.name, dict(mixed.strategies["Monitor"]), dict(mixed.strategies["Violator"])
('inspection equilibrium (mixed)', {'Investigate': 1/2, 'Not investigate': 1/2}, {'Comply': 4/5, 'Violate': 1/5})
>>> [s.name for s in MODEL.solve(pi=0)]       # the OSCE-like case: no public attribution
['violation for sure, not investigated']
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy

from ..constraints import Constraint
from ..errors import ParameterError
from ..games import ExtensiveFormGame, NormalFormGame, decision, outcome
from ..numbers import exact, exact_str
from ..parameters import Parameter, ParameterSpace
from ..solvers import Equilibria, Solution, nash_equilibria, subgame_perfect
from . import register
from .base import Model

__all__ = [
    "LEADERSHIP_MODEL",
    "MODEL",
    "build",
    "build_leadership",
    "commitment",
    "commitment_levels",
    "inspection_probability",
    "inspector_leadership",
    "leadership_names",
    "names",
    "thresholds",
    "violation_rate",
]

TITLE = "Inspection game with public attribution"
VIOLATOR, MONITOR = "Violator", "Monitor"
V_ACTIONS, M_ACTIONS = ("Comply", "Violate"), ("Investigate", "Not investigate")
BRIEF = "research brief, section 6 (parameterisation after Avenhaus, von Stengel & Zamir 2002)"
SOURCES = (
    "Dresher (1962), RAND research memorandum on inspection [M: unverified]",
    "Maschler (1966), Naval Research Logistics Quarterly 13: 11-33 [M: unverified]",
    "Avenhaus, von Stengel & Zamir (2002), 'Inspection Games', Handbook of Game Theory 3, ch. 51",
    "Tsebelis (1989), APSR 83(1): 77-91 [M: unverified]",
    "Baliga, Bueno de Mesquita & Wolitzky (2020), 'Deterrence with Imperfect Attribution', APSR 114(4)",
    "Fortna (2003), International Organization 57(2) [M: unverified]",
)

PARAMETERS = ParameterSpace([
    Parameter("g", 1, domain=(0, None), closed=(False, True), unit="utility", source=BRIEF,
              description="Violator's gain from a violation that is not attributed (must be > 0)"),
    Parameter("s", 3, domain=(0, None), unit="utility", source=BRIEF,
              description="Violator's loss (sanctions, reputation) from a publicly attributed violation"),
    Parameter("pi", "1/2", domain=(0, 1), unit="probability", source="essay E8",
              description="probability that an investigation publicly attributes a violation (OSCE-like: 0)"),
    Parameter("e", "1/10", domain=(0, None), unit="utility", source=BRIEF,
              description="Monitor's cost of investigating"),
    Parameter("L", 1, domain=(0, None), unit="utility", source=BRIEF,
              description="Monitor's loss from a violation that is not attributed"),
    Parameter("A", 0, domain=(0, None), unit="utility", source=BRIEF,
              description="Monitor's loss from an attributed violation (A < L)"),
], constraints=[Constraint("A < L", "the inspection game", "an attributed violation costs the Monitor less than an "
                                                            "unattributed one")])


def thresholds() -> dict[str, sympy.Expr]:
    r"""The closed forms: attribution thresholds and the mixed equilibrium's probabilities.

    ``pi_deterrence`` :math:`= g/(g+s)` (V's threshold), ``pi_investigation``
    :math:`= e/(L-A)` (above it an investigation pays if V violates for sure),
    ``p_star`` and ``q_star`` as in the module docstring.

    >>> thresholds()["q_star"]
    e/(pi*(-A + L))
    """
    g, s, pi, e, L, A = (PARAMETERS.symbols[k] for k in ("g", "s", "pi", "e", "L", "A"))
    return {"pi_deterrence": g / (g + s), "pi_investigation": e / (L - A),
            "p_star": g / (pi * (g + s)), "q_star": e / (pi * (L - A))}


def check(values: Mapping[str, Any]) -> None:
    """Raise ParameterError unless ``g > 0`` and ``A < L`` (the domains check the rest)."""
    if not values["g"] > 0:
        raise ParameterError("g", f"the gain from an unattributed violation must be positive, got {values['g']}")
    if not values["A"] < values["L"]:
        raise ParameterError("A", f"an attributed violation must cost the Monitor less than an unattributed one "
                             f"(A < L), got A = {values['A']} and L = {values['L']}")


def _is_numeric(values: Mapping[str, Any]) -> bool:
    return not any(getattr(exact(v), "free_symbols", None) for v in values.values())


def build(values: Mapping[str, Any]) -> NormalFormGame:
    """The 2x2 game at ``values``, payoffs expected over attribution (symbols give the symbolic game)."""
    if _is_numeric(values):
        check(values)
    g, s, pi, e, L, A = (exact(values[k]) for k in ("g", "s", "pi", "e", "L", "A"))
    violator = [[0, 0], [g - pi * (g + s), g]]
    monitor = [[-e, 0], [-L + pi * (L - A) - e, -L]]
    return NormalFormGame.from_matrices(violator, monitor, players=(VIOLATOR, MONITOR),
                                        strategies=(V_ACTIONS, M_ACTIONS), title=TITLE)


def names(solution: Solution) -> str:
    """The regime, read off the violation probability ``q`` and the inspection probability ``p``.

    >>> (mixed,) = MODEL.solve(pi="1/2")
    >>> names(mixed)
    'inspection equilibrium (mixed)'
    """
    q, p = solution.strategies[VIOLATOR]["Violate"], solution.strategies[MONITOR]["Investigate"]
    if q == 0:
        return "compliance (deterred)"
    if q != 1:
        return "inspection equilibrium (mixed)" if p != 1 else "partial violation, certain investigation"
    watched = {1: "investigated", 0: "not investigated"}.get(p, "investigated with some probability")
    return f"violation for sure, {watched}"


# -- closed forms for plotting -----------------------------------------------------------------
def _point(values: Mapping[str, Any] | None) -> dict[str, sympy.Expr]:
    v = PARAMETERS.validate({k: x for k, x in (values or {}).items() if k != "pi"})
    check(v)
    return v


def _is_float(pi: Any) -> bool:
    return isinstance(pi, (float, np.floating, np.ndarray, list, tuple))


def _float_rates(pi: Any, v: Mapping[str, sympy.Expr]) -> tuple[np.ndarray, np.ndarray]:
    g, s, e, loss = (float(x) for x in (v["g"], v["s"], v["e"], v["L"] - v["A"]))
    pi = np.asarray(pi, dtype=float)
    if np.any((pi < 0) | (pi > 1)):
        raise ParameterError("pi", "an attribution probability must lie in [0, 1]")
    above, pays = pi * (g + s) > g, pi * loss > e
    q = np.divide(e, pi * loss, out=np.ones_like(pi), where=above & pays)
    p_star = np.divide(g, pi * (g + s), out=np.ones_like(pi), where=above)
    p = np.where(pi * loss < e, 0.0, p_star)
    return q, p


def _exact_rates(pi: Any, v: Mapping[str, sympy.Expr]) -> tuple[sympy.Expr, sympy.Expr]:
    pi = PARAMETERS["pi"].check(pi)
    g, s, e, loss = v["g"], v["s"], v["e"], v["L"] - v["A"]
    above, pays = pi * (g + s) > g, pi * loss > e
    q = e / (pi * loss) if above and pays else sympy.Integer(1)
    p = sympy.Integer(0) if pi * loss < e else (g / (pi * (g + s)) if above else sympy.Integer(1))
    return q, p


def violation_rate(pi: Any, values: Mapping[str, Any] | None = None):
    r"""Equilibrium probability of a violation as a function of the attribution probability ``pi``.

    :math:`q = e/(\pi(L-A))` in the mixed region (:math:`\pi > g/(g+s)` and
    :math:`\pi(L-A) > e`), 1 elsewhere.  Exact for exact ``pi`` (int, str,
    Fraction, sympy); floats and arrays go through numpy.  The other
    parameters come from ``values`` (defaults otherwise).  On a knife edge,
    where the equilibrium rates form an interval, the interval's upper end is
    returned (:meth:`MODEL.solve <escalation.models.base.Model.solve>` lists
    the extreme equilibria there).

    >>> violation_rate("1/2"), violation_rate(0), violation_rate("1/2", {"s": 9})
    (1/5, 1, 1/5)
    >>> violation_rate([0.0, 0.5, 1.0]).tolist()
    [1.0, 0.2, 0.1]
    """
    v = _point(values)
    return _float_rates(pi, v)[0] if _is_float(pi) else _exact_rates(pi, v)[0]


def inspection_probability(pi: Any, values: Mapping[str, Any] | None = None):
    r"""Equilibrium probability that the Monitor investigates, as a function of ``pi``.

    :math:`p = g/(\pi(g+s))` in the mixed region, 1 when :math:`\pi \le
    g/(g+s)` and an investigation pays (:math:`\pi(L-A) > e`), 0 when it does
    not; upper end of the interval on a knife edge.  Exact or numpy, as
    :func:`violation_rate`.

    >>> inspection_probability("1/2"), inspection_probability("1/5"), inspection_probability(0)
    (1/2, 1, 0)
    """
    v = _point(values)
    return _float_rates(pi, v)[1] if _is_float(pi) else _exact_rates(pi, v)[1]


# -- inspector leadership --------------------------------------------------------------------------
COMMITMENT = "commitment"
LEADERSHIP_STEPS = 10


def commitment_levels(values: Mapping[str, Any], steps: int = LEADERSHIP_STEPS) -> list[sympy.Expr]:
    r"""The Monitor's commitment levels: :math:`k/\text{steps}` for :math:`k = 0..\text{steps}`, plus
    :math:`p_d = g/(\pi(g+s))` when it lies in [0, 1].

    >>> [str(p) for p in commitment_levels({"g": 1, "s": 3, "pi": "1/2"}, steps=4)]
    ['0', '1/4', '1/2', '3/4', '1']
    """
    g, s, pi = (exact(values[k]) for k in ("g", "s", "pi"))
    levels = {sympy.Rational(k, steps) for k in range(steps + 1)}
    if pi > 0 and g / (pi * (g + s)) <= 1:
        levels.add(g / (pi * (g + s)))
    return sorted(levels)


def _label(level: sympy.Expr) -> str:
    return f"p = {exact_str(level)}"


def build_leadership(values: Mapping[str, Any], steps: int = LEADERSHIP_STEPS) -> ExtensiveFormGame:
    """The leadership tree: M commits to an inspection probability, V sees it and complies or violates."""
    v = {k: exact(x) for k, x in values.items()}
    if not _is_numeric(v):
        raise ParameterError("g, s, pi", "the leadership tree has no symbolic form: its commitment levels "
                             "(which include g/(pi*(g + s))) are chosen from the parameter values")
    check(v)
    g, s, pi, e, L, A = (v[k] for k in ("g", "s", "pi", "e", "L", "A"))

    def reply(p: sympy.Expr):
        return decision(VIOLATOR, {
            "Comply": outcome("compliance", (0, -e * p)),
            "Violate": outcome("violation", (g - p * pi * (g + s), -L + p * (pi * (L - A) - e))),
        }, infoset=f"after {_label(p)}")

    root = decision(MONITOR, {_label(p): reply(p) for p in commitment_levels(v, steps)}, infoset=COMMITMENT)
    return ExtensiveFormGame((VIOLATOR, MONITOR), root, TITLE + " (inspector leadership)")


DETERRENCE = "deterrence by verification (leadership)"


def leadership_names(solution: Solution) -> str:
    r"""Deterrence by verification when the Violator complies for sure, else violation under leadership.

    At the smallest deterring level :math:`g/(\pi(g+s))` the Violator is indifferent; the solver lists the
    equilibrium in which it complies there (Maschler's inspector leadership) and the one in which it violates
    there and the Monitor commits to the next level of the grid, and reports the tie as a knife edge.
    """
    return DETERRENCE if (solution.outcomes or {}).get("compliance") == 1 else "violation under leadership"


def commitment(solution: Solution) -> sympy.Expr:
    """The inspection probability the Monitor commits to in ``solution``."""
    chosen = next(a for a, x in solution.strategies[MONITOR][COMMITMENT].items() if x == 1)
    return exact(chosen.rsplit("= ", 1)[1])


def inspector_leadership(values: Mapping[str, Any] | None = None, steps: int = LEADERSHIP_STEPS) -> Equilibria:
    r"""Subgame-perfect equilibria when the Monitor commits to an inspection probability first.

    The Monitor chooses :math:`p` from :func:`commitment_levels`; the
    Violator, seeing :math:`p`, violates iff :math:`g - p\pi(g+s) > 0`.  Full
    deterrence is available iff :math:`\pi \ge g/(g+s)`, at
    :math:`p = g/(\pi(g+s))`; the Violator is then indifferent, so the
    solver reports a knife edge and lists both replies.  The same as
    ``LEADERSHIP_MODEL.solve(**values)`` with ``steps`` levels on the grid.

    The grid is exact for the continuous commitment game: given violation the
    Monitor's payoff is linear in :math:`p` (best at 0 or 1), given compliance
    it is :math:`-ep` (best at the smallest deterring level), and all three
    levels are on the grid.  Inspector leadership (Maschler 1966) lets the
    Violator's tie at the deterring level go to compliance: that equilibrium
    is named "deterrence by verification".

    >>> sorted((str(commitment(s)), s.name) for s in inspector_leadership({"pi": "1/2"}))
    [('1/2', 'deterrence by verification (leadership)'), ('3/5', 'deterrence by verification (leadership)')]
    >>> [s.name for s in inspector_leadership({"pi": "1/5"})]
    ['violation under leadership']
    """
    return LEADERSHIP_MODEL.named(subgame_perfect(build_leadership(PARAMETERS.validate(values), steps)))


MODEL = register(Model(
    name="attribution",
    title=TITLE,
    claims=("E8",),
    sources=SOURCES,
    parameters=PARAMETERS,
    build=build,
    solver=nash_equilibria,
    thresholds=thresholds,
    description=("Violator against Monitor: the violation rate e/(pi(L-A)) falls with the attribution probability "
                 "pi above g/(g+s); below it (and with no public attribution) violations are certain."),
    names=names,
))


LEADERSHIP_MODEL = register(Model(
    name="attribution-leadership",
    title=TITLE + " (inspector leadership)",
    claims=("E8",),
    sources=(*SOURCES[1:3], "Avenhaus & Canty (1996), Compliance Quantified, ch. 9"),
    parameters=PARAMETERS,
    build=build_leadership,
    solver=subgame_perfect,
    thresholds=lambda: {"pi_deterrence": thresholds()["pi_deterrence"], "p_deterrence": thresholds()["p_star"]},
    description=("The Monitor commits to an inspection probability first: full deterrence iff pi >= g/(g+s) "
                 "(the grid of levels holds every level that can be optimal)."),
    names=leadership_names,
))
