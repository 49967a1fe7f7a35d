r"""The Unilateral Deterrence Game over the two sides' credibility: regions, the risk of war, and its curve.

Each grid point :math:`(p_{Ch}, p_{Def})` is solved by the model's own
solver (``get_model("unilateral")``, D1 beliefs), which names the
equilibrium and gives its outcome distribution; the probability of war is
that of the outcome W.  The boundaries are the model's thresholds
:math:`\alpha_S, \alpha_H` (horizontal: the Defender's credibility the Soft
and the Hard Challenger need to see before they hold back) and :math:`\beta`
(vertical, only below :math:`\alpha_S`: how likely a Hard Challenger must be
for the Soft Defender to give way).

>>> {k: str(v) for k, v in udg_thresholds().items()}
{'alpha_H': '1/2', 'alpha_S': '1/3', 'beta': '1/2'}
>>> credibility, curves = war_curve(points=4)
>>> [str(c) for c in credibility], [str(w) for w in curves["P(war), p_Ch = 3/4"]]
(['1/8', '3/8', '5/8', '7/8'], ['3/32', '9/32', '0', '0'])
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from typing import Any

import numpy as np
import sympy
from matplotlib.figure import Figure

from ...errors import SolverError
from ...models import get_model
from ...models.perfect_deterrence import evaluate
from ..curves import draw_curves, mark_thresholds
from ..regions import Boundary, draw_heat_map, draw_region_map, grid_values
from ..style import ONE_COLUMN, TWO_COLUMN

__all__ = ["REGIONS", "draw_udg_region_map", "draw_udg_war_curve", "udg_boundaries", "udg_grid", "udg_thresholds",
           "war_curve"]

MODEL = "unilateral"
REGIONS = ("Certain Deterrence", "Separating", "Attack", "Bluff")  # colour order
GRID = 20
CURVE_CHALLENGERS = (Fraction(3, 4), Fraction(1, 4))  # p_Ch of the curves: above and below beta


def udg_thresholds() -> dict[str, sympy.Expr]:
    """:math:`\\alpha_H, \\alpha_S, \\beta` at the model's default utilities."""
    model = get_model(MODEL)
    return evaluate(model.thresholds(), model.parameters.validate({}))


def _solve(p_ch: Any, p_def: Any):
    """The unique D1 equilibrium at a point off the boundaries."""
    found = get_model(MODEL).solve(p_Ch=p_ch, p_Def=p_def)
    if len(found) != 1:
        raise SolverError(f"expected one equilibrium at p_Ch = {p_ch}, p_Def = {p_def}, found {len(found)}")
    return found[0]


def _centres(n: int) -> list[Fraction]:
    return [Fraction(2 * k + 1, 2 * n) for k in range(n)]


@lru_cache(maxsize=2)  # drawn once per run; the tests read the same grid
def udg_grid(n: int = GRID) -> tuple[list[Fraction], list[Fraction], np.ndarray, np.ndarray]:
    """``(p_Ch values, p_Def values, equilibrium names, probabilities of war)`` on an ``n`` x ``n`` grid."""
    axis = _centres(n)
    solutions = grid_values(_solve, axis, axis)
    names = np.vectorize(lambda s: s.name, otypes=[object])(solutions)
    war = np.vectorize(lambda s: s.outcomes.get("W", 0), otypes=[object])(solutions)
    return axis, axis, names, war


def udg_boundaries() -> list[Boundary]:
    """The region boundaries from the thresholds: :math:`p_{Def} = \\alpha_S, \\alpha_H`; :math:`p_{Ch} = \\beta`."""
    th = {k: float(v) for k, v in udg_thresholds().items()}
    return [Boundary("α_H", y=th["alpha_H"]), Boundary("α_S", y=th["alpha_S"]),
            Boundary("β", curve=((th["beta"], th["beta"]), (0, th["alpha_S"])))]


def draw_udg_region_map() -> Figure:
    """Left: the named D1 equilibria over credibility; right: the probability of war."""
    p_ch, p_def, names, war = udg_grid()
    figure = Figure(figsize=(TWO_COLUMN, 3.2))
    left, right = figure.subplots(1, 2)
    x, y = [float(v) for v in p_ch], [float(v) for v in p_def]
    draw_region_map(names, x, y, boundaries=udg_boundaries(), order=REGIONS, ax=left)
    draw_heat_map(war.astype(float), x, y, boundaries=udg_boundaries(), vmax=0.5, label="probability of war",
                  ax=right)
    for ax in (left, right):
        ax.set_xlabel("Challenger's credibility p_Ch")
        ax.set_ylabel("Defender's credibility p_Def")
        ax.set_aspect("equal")
    return figure


@lru_cache(maxsize=2)  # drawn once per run; the tests read the same grid
def war_curve(points: int = 60) -> tuple[list[Fraction], dict[str, list]]:
    """P(war) against the Defender's credibility for each ``CURVE_CHALLENGERS``, and P(Challenger wins).

    The credibility values are cell centres, ``(2k + 1)/(2 points)``, so none
    falls on a threshold when ``points`` is not a multiple of 3 or 2 there.
    """
    credibility = _centres(points)
    curves: dict[str, list] = {}
    for p_ch in CURVE_CHALLENGERS:
        solutions = [_solve(p_ch, p) for p in credibility]
        curves[f"P(war), p_Ch = {p_ch}"] = [s.outcomes.get("W", 0) for s in solutions]
        if p_ch == CURVE_CHALLENGERS[0]:
            uncontested = [s.outcomes.get("CW", 0) for s in solutions]
    curves[f"P(Challenger wins uncontested), p_Ch = {CURVE_CHALLENGERS[0]}"] = uncontested
    return credibility, curves


def draw_udg_war_curve() -> Figure:
    """The rising-then-collapsing probability of war against the Defender's credibility."""
    credibility, curves = war_curve()
    figure = Figure(figsize=(ONE_COLUMN + 0.6, 3.5))
    ax = figure.add_subplot()
    draw_curves([float(c) for c in credibility], curves, xlabel="Defender's credibility p_Def",
                ylabel="probability", ax=ax)
    th = udg_thresholds()
    mark_thresholds({"α_S": th["alpha_S"], "α_H": th["alpha_H"]}, ax=ax)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), fontsize=7)
    return figure
