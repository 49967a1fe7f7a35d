r"""Deterrence versus deconfliction: Chicken after a test, and a public recommender (Aumann 1974).

After a probe, NATO and Russia each swerve (back off) or go straight
(escalate).  Payoffs are Chicken's (Rapoport & Chammah 1966): :math:`R` when both
swerve, :math:`S` for swerving against straight, :math:`T` for straight against
swerving, :math:`P` when both go straight -- a NATO-Russia war -- with
:math:`T > R > S > P`.

*Deterrence posture*: each side keeps the other guessing.  In the symmetric
mixed equilibrium each is indifferent, :math:`(1-q)R + qS = (1-q)T + qP`, so

.. math:: q^* = \Pr(\text{Straight}) = \frac{T - R}{(T - R) + (S - P)}, \qquad
          \Pr(\text{war}) = q^{*2},

which falls to zero as the cost of war :math:`-P` grows, while the two pure
equilibria (one side backs down) remain whatever :math:`P`.

*Deconfliction posture*: a public recommender (a hotline, a deconfliction
memorandum) draws a profile and tells each side only its own part.  Its
recommendations form a correlated equilibrium.  The package's deconfliction
equilibrium is the welfare-maximising *symmetric* one: weight :math:`a` on
"both swerve", :math:`b` on each "one goes straight", none on war.  Told
"swerve", a side obeys iff :math:`a(R - T) + b(S - P) \ge 0`; so when
:math:`2R > S + T` the recommender says "both swerve" as often as it can,

.. math:: a^* = \frac{S - P}{(S - P) + 2(T - R)}, \qquad b^* = \frac{T - R}{(S - P) + 2(T - R)},

and when :math:`2R < S + T` it never does (:math:`a^* = 0, b^* = 1/2`).  At
:math:`2R = S + T` every :math:`a \in [0, a^*]` gives the same welfare: a knife
edge, reported; the package then shows :math:`a^*`.  The war probabilities on
the path are :math:`q^{*2}` versus 0.  The solver checks the deconfliction
equilibrium exactly and checks that its welfare equals the optimum of the
correlated-equilibrium linear programme.

**What this compares.**  The two "postures" are two equilibria of *one* game,
not two policies: the same Chicken has the mixed Nash equilibrium, two pure
ones without war, and a polytope of correlated equilibria.  At the defaults
those correlated equilibria range from no war to a war probability of 1/5
(:func:`war_probability_range`) -- more than the mixed equilibrium's 1/9.  A
recommender removes war only if it recommends the welfare-maximising
distribution; that selection, not the game, carries E5's contrast.

>>> from escalation.models.deconfliction import MODEL, war_probability
>>> [s.name for s in MODEL.solve()]
['NATO backs down', 'mixed equilibrium (deterrence posture)', 'Russia backs down', 'deconfliction (correlated)']
>>> {k: str(v) for k, v in war_probability(MODEL.values()).items()}
{'mixed equilibrium (deterrence posture)': '1/9', 'deconfliction (correlated)': '0'}
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sympy

from ..constraints import increasing
from ..errors import VerificationError
from ..games import NormalFormGame
from ..numbers import exact
from ..parameters import Parameter, ParameterSpace
from ..solvers import nash_equilibria
from ..solvers.correlated import METHOD as LP_METHOD
from ..solvers.correlated import correlated_equilibria, correlated_payoff_ranges, is_correlated_equilibrium
from ..solvers.solution import Computation, Equilibria, Solution
from . import register
from .base import Model
from .perfect_deterrence import is_numeric_point, require_order

__all__ = ["MODEL", "OUTCOMES", "build", "deconfliction", "thresholds", "war_probability", "war_probability_range"]

TITLE = "Chicken after a test: deterrence versus deconfliction"
RAPOPORT = "Rapoport, A. & Chammah, A.M. (1966) The Game of Chicken, American Behavioral Scientist 10(3): 10-28 [M]"
AUMANN = ("Aumann, R.J. (1974) Subjectivity and Correlation in Randomized Strategies, Journal of Mathematical "
          "Economics 1(1): 67-96")
CARSON = "Carson, A. (2016) Facing Off and Saving Face, International Organization 70(1): 103-131 [M]"
PLAYERS = ("NATO", "Russia")
ACTIONS = ("Swerve", "Straight")
MIXED, DECONFLICTION = "mixed equilibrium (deterrence posture)", "deconfliction (correlated)"
WAR = "war (both straight)"
OUTCOMES = {("Swerve", "Swerve"): "both swerve", ("Swerve", "Straight"): "NATO backs down",
            ("Straight", "Swerve"): "Russia backs down", ("Straight", "Straight"): WAR}
ORDER = ("P", "S", "R", "T")


def _utility(name: str, default: int, meaning: str) -> Parameter:
    return Parameter(name, default, unit="utility", description=meaning,
                     source=f"{AUMANN} (default values: his Chicken); ordering from {RAPOPORT}")


PARAMETERS = ParameterSpace([
    _utility("R", 6, "each side's utility when both swerve (the crisis is defused)"),
    _utility("S", 2, "utility from swerving while the other goes straight (backing down)"),
    _utility("T", 7, "utility from going straight while the other swerves (prevailing)"),
    _utility("P", 0, "utility when both go straight: a NATO-Russia war (-P is the cost of war)"),
], constraints=increasing(*ORDER, why=TITLE, meaning="the order of Chicken"))


def thresholds() -> dict[str, sympy.Expr]:
    r""":math:`q^*`, :math:`\Pr(\text{war})`, the mixed payoff, and the deconfliction weight and payoff."""
    s = PARAMETERS.symbols
    r, sw, t, p = (s[k] for k in ("R", "S", "T", "P"))
    q = (t - r) / ((t - r) + (sw - p))
    a = (sw - p) / ((sw - p) + 2 * (t - r))
    return {"p_straight": q, "p_war": q**2, "mixed_payoff": sympy.simplify((1 - q) * r + q * sw),
            "deconfliction_both_swerve": sympy.Piecewise((a, 2 * r >= sw + t), (0, True)),
            "deconfliction_payoff": sympy.Piecewise((sympy.simplify(a * r + (1 - a) * (sw + t) / 2), 2 * r >= sw + t),
                                                    ((sw + t) / 2, True))}


def build(values: Mapping[str, Any]) -> NormalFormGame:
    """Chicken at ``values``; a numeric point must satisfy :math:`T > R > S > P` (else ParameterError)."""
    if is_numeric_point(values):
        require_order(values, ORDER, TITLE)
    r, s, t, p = (exact(values[k]) for k in ("R", "S", "T", "P"))
    return NormalFormGame.from_matrices([[r, s], [t, p]], [[r, t], [s, p]], players=PLAYERS,
                                        strategies=(ACTIONS, ACTIONS), title=TITLE)


def _with_outcomes(solution: Solution, name: str) -> Solution:
    """A Nash equilibrium with its outcome distribution (independent mixing) and a name."""
    nato, russia = (solution.strategies[p] for p in PLAYERS)
    outcomes = {label: nato[a] * russia[b] for (a, b), label in OUTCOMES.items()}
    return Solution(PLAYERS, solution.strategies, solution.payoffs, solution.computation, outcomes=outcomes, name=name)


def _war(solution: Solution) -> Any:
    """P(NATO-Russia war) under ``solution`` (one with its outcome distribution)."""
    assert solution.outcomes is not None  # given by _with_outcomes and deconfliction
    return solution.outcomes[WAR]


def _nash_name(solution: Solution) -> str:
    if not solution.is_pure:
        return MIXED
    return "NATO backs down" if solution.strategies["NATO"]["Swerve"] == 1 else "Russia backs down"


def deconfliction(game: NormalFormGame) -> tuple[Solution, tuple[str, ...]]:
    """The welfare-maximising symmetric correlated equilibrium of Chicken, verified; and any knife-edge note."""
    r, s, t, p = (exact(game.payoff(profile)[0]) for profile in ((0, 0), (0, 1), (1, 0), (1, 1)))
    a_max = (s - p) / ((s - p) + 2 * (t - r))
    both = a_max if 2 * r >= s + t else sympy.Integer(0)
    one = (1 - both) / 2
    mu = {("Swerve", "Swerve"): both, ("Swerve", "Straight"): one, ("Straight", "Swerve"): one,
          ("Straight", "Straight"): 0}
    if not is_correlated_equilibrium(game, mu):
        raise VerificationError(f"the deconfliction distribution {mu} is not a correlated equilibrium")
    payoff = both * r + one * (s + t)
    optimum = sum(correlated_equilibria(game)[0].payoffs.values())
    if 2 * payoff != optimum:
        raise VerificationError(f"deconfliction welfare {2 * payoff} differs from the LP optimum {optimum}")
    edge: tuple[str, ...] = ()
    if 2 * r == s + t:
        edge = (f"2R = S + T = {s + t}: every symmetric recommender with Pr(both swerve) in [0, {a_max}] and no war "
                f"gives the same welfare; shown: Pr(both swerve) = {a_max}",)
    marginal = {"Swerve": both + one, "Straight": one}
    notes = ("welfare-maximising symmetric correlated equilibrium (closed form), checked exactly and against the "
             "optimum of the correlated-equilibrium linear programme",)
    solution = Solution(PLAYERS, {"NATO": marginal, "Russia": marginal}, {"NATO": payoff, "Russia": payoff},
                        Computation(LP_METHOD, "correlated", exact=True, verified=True, notes=notes),
                        outcomes={OUTCOMES[k]: v for k, v in mu.items()}, name=DECONFLICTION,
                        distribution={tuple(k): v for k, v in mu.items()})
    return solution, edge


def _solve(game: NormalFormGame) -> Equilibria:
    nash = nash_equilibria(game)
    solutions = [_with_outcomes(s, _nash_name(s)) for s in nash]
    ce, edge = deconfliction(game)
    war = {s.name: _war(s) for s in solutions if s.name == MIXED}
    notes = (f"P(NATO-Russia war): deterrence posture (mixed equilibrium) {war[MIXED]}, deconfliction posture 0",
             "strategies of the correlated equilibrium are each side's marginal; outcomes give the joint distribution")
    return Equilibria((*solutions, ce), method=f"{nash.method}; {LP_METHOD}", refinement="Nash and correlated",
                      degenerate=nash.degenerate, knife_edge=nash.knife_edge + edge, notes=nash.notes + notes)


def war_probability(values: Mapping[str, Any]) -> dict[str, sympy.Expr]:
    """P(NATO-Russia war) on the path of play under each posture, at ``values``.

    >>> {k: str(v) for k, v in war_probability({"R": 0, "S": -1, "T": 1, "P": -10}).items()}
    {'mixed equilibrium (deterrence posture)': '1/100', 'deconfliction (correlated)': '0'}
    """
    found = _solve(build(values))
    return {s.name: _war(s) for s in found if s.name in (MIXED, DECONFLICTION)}


def war_probability_range(values: Mapping[str, Any]) -> tuple[sympy.Expr, sympy.Expr]:
    """Least and greatest P(war) over all correlated equilibria of the game at ``values`` (exact LPs).

    A third player who has one strategy and is paid 1 at war adds no incentive
    constraint; maximising and minimising its payoff over the correlated
    equilibria gives the range.

    >>> [str(x) for x in war_probability_range(MODEL.values())]
    ['0', '1/5']
    """
    game = build(values)
    table: dict[tuple[str, ...], tuple[Any, ...]] = {
        (*profile, "watch"): (*game.payoff(tuple(ACTIONS.index(a) for a in profile)), int(OUTCOMES[profile] == WAR))
        for profile in OUTCOMES}
    watched = NormalFormGame.from_profiles((*PLAYERS, "war"), (ACTIONS, ACTIONS, ("watch",)), table)
    low, high = correlated_payoff_ranges(watched)["war"]
    return exact(low), exact(high)


MODEL = register(Model(
    name="deconfliction",
    title=TITLE,
    claims=("E5",),
    sources=(RAPOPORT, AUMANN, CARSON, "Snyder, G.H. & Diesing, P. (1977) Conflict Among Nations [M]"),
    parameters=PARAMETERS,
    build=build,
    solver=_solve,
    thresholds=thresholds,
    description=("Chicken after a test: two equilibria of one game compared -- the mixed equilibrium risks war "
                 "with probability q*^2, the welfare-maximising correlated equilibrium has none; other correlated "
                 "equilibria risk war up to 1/5 at the defaults."),
))
