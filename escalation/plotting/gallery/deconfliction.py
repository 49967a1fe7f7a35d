r"""Deterrence versus deconfliction: Aumann's Chicken, its equilibrium payoffs, and the chance of war.

Left panel: the payoffs NATO and Russia can reach in Chicken (the convex hull
of the four outcomes), the two pure equilibria (one side backs down), the
mixed equilibrium -- the deterrence posture, each side keeping the other
guessing -- and the set of payoffs of all correlated equilibria, which a
public recommender (a deconfliction line) can reach.  The set is the image of
the correlated-equilibrium polytope, whose vertices
:func:`~escalation.solvers.correlated.correlated_vertices` finds exactly from
the incentive constraints.

Right panel: the probability of a NATO-Russia war on the path of play as the
cost of war :math:`-P` grows: :math:`q^{*2}` with
:math:`q^* = (T-R)/((T-R)+(S-P))` in the mixed equilibrium (the model's closed
form), zero in the welfare-maximising correlated equilibrium (the model's
deconfliction solution at each point), and shaded, the whole range over all
correlated equilibria, from zero up to the largest probability of war at a
vertex of the polytope (the model's
:func:`~escalation.models.deconfliction.war_probability_range`): a recommender can also
coordinate the two sides on a correlated equilibrium with war.

>>> [tuple(str(x) for x in p) for p in ce_payoff_polygon()]
[('2', '7'), ('18/5', '18/5'), ('7', '2'), ('21/4', '21/4')]
>>> costs, curves = war_curves(points=3)
>>> [str(c) for c in costs], [str(v) for v in curves[DETERRENCE]], [str(v) for v in curves[WORST]]
(['0', '10', '20'], ['1/9', '1/169', '1/529'], ['1/5', '1/25', '1/45'])
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from typing import TypeVar

import sympy
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Polygon

from ...models.deconfliction import (
    DECONFLICTION,
    MIXED,
    MODEL,
    PLAYERS,
    build,
    thresholds,
    war_probability,
    war_probability_range,
)
from ...solvers.correlated import correlated_vertices
from ..curves import draw_curves
from ..style import EQUILIBRIUM, INK, MUTED, OKABE_ITO, TWO_COLUMN, number_label

__all__ = ["DECONFLICTION_LABEL", "DETERRENCE", "WORST", "ce_payoff_polygon", "draw_deconfliction",
           "draw_deconfliction_payoffs", "draw_deconfliction_war", "war_curves"]

DETERRENCE = "deterrence posture (mixed equilibrium)"
DECONFLICTION_LABEL = "deconfliction posture (best correlated equilibrium)"
WORST = "worst correlated equilibrium"
MAX_COST = 20  # the largest cost of war -P on the right panel
Number = TypeVar("Number", Fraction, float)  # exact vertices, or floats for drawing
POINTS = 41


def ce_payoff_polygon(values=None) -> list[tuple[Fraction, Fraction]]:
    """The corners of the set of correlated-equilibrium payoffs (NATO, Russia), anticlockwise from the lowest."""
    game = build(MODEL.values(**(values or {})))
    points = {(Fraction(str(vertex.payoffs[PLAYERS[0]])), Fraction(str(vertex.payoffs[PLAYERS[1]])))
              for vertex in correlated_vertices(game)}
    return _hull(sorted(points))


def _hull(points: list[tuple[Number, Number]]) -> list[tuple[Number, Number]]:
    """Convex hull (monotone chain, exact), anticlockwise, collinear points dropped."""
    def cross(o: tuple[Number, Number], a: tuple[Number, Number], b: tuple[Number, Number]) -> Number:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    def half(seq: list[tuple[Number, Number]]) -> list[tuple[Number, Number]]:
        out: list[tuple[Number, Number]] = []
        for p in seq:
            while len(out) >= 2 and cross(out[-2], out[-1], p) <= 0:
                out.pop()
            out.append(p)
        return out

    lower, upper = half(points), half(points[::-1])
    return lower[:-1] + upper[:-1]


@lru_cache(maxsize=2)  # drawn twice per run (the figure and the E9 summary)
def war_curves(points: int = POINTS) -> tuple[list[Fraction], dict[str, list[sympy.Expr]]]:
    """``(costs of war -P, {posture: P(war)})``: the closed form q*^2, the deconfliction solution, and the
    largest probability of war among all correlated equilibria (the model's ``war_probability_range``)."""
    costs = [Fraction(MAX_COST * k, points - 1) for k in range(points)]
    symbols = MODEL.parameters.symbols
    p_war = thresholds()["p_war"]
    deterrence, deconfliction, worst = [], [], []
    for cost in costs:
        values = MODEL.values(P=-cost)
        deterrence.append(p_war.subs({symbols[k]: v for k, v in values.items()}))
        deconfliction.append(war_probability(values)[DECONFLICTION])
        worst.append(war_probability_range(values)[1])
    return costs, {DETERRENCE: deterrence, DECONFLICTION_LABEL: deconfliction, WORST: worst}


def draw_deconfliction_payoffs(ax: Axes) -> Axes:
    """The feasible payoffs, the Nash equilibria and the correlated-equilibrium payoff set of Chicken."""
    game = build(MODEL.values())
    outcomes = [(float(u[0]), float(u[1])) for u in map(game.payoff, ((0, 0), (0, 1), (1, 1), (1, 0)))]
    ax.add_patch(Polygon(_hull(sorted(set(outcomes))), closed=True, facecolor="#EEEEEE", edgecolor=MUTED,
                         linewidth=0.8, label="_feasible"))
    ce = [(float(x), float(y)) for x, y in ce_payoff_polygon()]
    ax.add_patch(Polygon(ce, closed=True, facecolor=OKABE_ITO["sky blue"], alpha=0.5, edgecolor=EQUILIBRIUM,
                         linewidth=1, label="correlated equilibria"))
    for solution in MODEL.solve():
        x, y = (float(solution.payoffs[p]) for p in PLAYERS)
        marker = {MIXED: "s", DECONFLICTION: "D"}.get(solution.name, "o")
        colour = {MIXED: OKABE_ITO["vermillion"], DECONFLICTION: EQUILIBRIUM}.get(solution.name, INK)
        ax.plot([x], [y], marker=marker, color=colour, linestyle="none", markersize=5, label=f"_eq:{solution.name}")
        nato, russia = (number_label(solution.payoffs[p]) for p in PLAYERS)
        name = solution.name.replace(" (", "\n(") if solution.name == MIXED else solution.name
        text = f"{name}\n({nato}, {russia})"
        where = {MIXED: (4.8, -0.4), DECONFLICTION: (4.6, 7.8)}.get(solution.name)
        if where is None and x > y:  # the pure equilibrium low on the right: its label to the right of the point
            ax.annotate(text.replace(" ", "\n", 1), (x, y), xytext=(6, 0), textcoords="offset points", ha="left",
                        va="center", fontsize=6.5, color=INK)
        elif where is None:
            ax.annotate(text, (x, y), xytext=(0, 6), textcoords="offset points", ha="center", va="bottom",
                        fontsize=6.5, color=INK)
        else:
            ax.annotate(text, (x, y), xytext=where, fontsize=6.5, color=INK,
                        va="bottom" if solution.name == MIXED else "center",
                        arrowprops={"arrowstyle": "-", "color": INK, "linewidth": 0.6})
    ax.annotate("war (0, 0)", (0, 0), xytext=(6, -2), textcoords="offset points", ha="left", va="top", fontsize=6.5,
                color=MUTED)
    ax.set_xlim(-0.5, 9.3)
    ax.set_ylim(-0.5, 9.5)
    ax.set_aspect("equal")
    ax.set_xlabel("NATO's payoff")
    ax.set_ylabel("Russia's payoff")
    ax.legend(loc="upper left", fontsize=6.5)
    ax.set_title("Payoffs in Chicken", fontsize=9)
    return ax


def draw_deconfliction_war(ax: Axes, legend: bool = True) -> Axes:
    """P(NATO-Russia war) under each posture against the cost of war -P; shaded: every correlated equilibrium."""
    costs, curves = war_curves()
    curves = dict(curves)  # the cached result stays whole
    worst = curves.pop(WORST)
    ax.fill_between([float(c) for c in costs], 0, [float(w) for w in worst], color=OKABE_ITO["sky blue"], alpha=0.3,
                    linewidth=0, label="any correlated equilibrium")
    draw_curves(costs, curves, xlabel="cost of a NATO–Russia war, $-P$", ylabel="P(war)", legend=legend, ax=ax)
    ax.set_xlim(0, MAX_COST)
    ax.set_ylim(-0.005, 0.3)
    ax.set_title("Probability of war", fontsize=9)
    return ax


def draw_deconfliction() -> Figure:
    """Left: Chicken's payoffs and equilibria; right: P(war) in each posture against the cost of war."""
    figure = Figure(figsize=(TWO_COLUMN, 3.4), layout="constrained")
    left, right = figure.subplots(1, 2, width_ratios=(1, 1.15))
    draw_deconfliction_payoffs(left)
    draw_deconfliction_war(right)
    right.legend(fontsize=7, loc="upper right")
    return figure
