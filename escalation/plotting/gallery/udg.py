r"""The Unilateral Deterrence Game over the two sides' credibility: regions, the risk of war, and its curve.

The grid over :math:`(p_{Ch}, p_{Def})` -- 400 x 400 cell centres -- is solved
by the vectorised sweep (:func:`~escalation.analysis.sweep`), which evaluates
the model's closed-form regions and profiles (D1 beliefs) and hands every
point on or next to a boundary to the model's own exact solver; the
probability of war is that of the outcome W.  The boundaries are the model's
thresholds :math:`\alpha_S, \alpha_H` (horizontal: the Defender's credibility
the Soft and the Hard Challenger need to see before they hold back) and
:math:`\beta` (vertical, only below :math:`\alpha_S`: how likely a Hard
Challenger must be for the Soft Defender to give way).  The war curve is cut
at the thresholds, where the equilibrium changes and the probability jumps.

>>> {k: str(v) for k, v in udg_thresholds().items()}
{'alpha_H': '1/2', 'alpha_S': '1/3', 'beta': '1/2'}
>>> credibility, curves = war_curve(points=4)
>>> credibility.tolist(), curves["P(war), $p_{Ch}$ = 3/4"].round(6).tolist()
([0.125, 0.375, 0.625, 0.875], [0.09375, 0.28125, 0.0, 0.0])
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache

import numpy as np
import sympy
from matplotlib.figure import Figure

from ...analysis import sweep
from ...analysis.sweep import equilibrium_names
from ...models import get_model
from ...models.perfect_deterrence import evaluate
from ..curves import draw_curves, mark_thresholds
from ..regions import Boundary, draw_heat_map, draw_region_map
from ..style import ONE_COLUMN, TWO_COLUMN

__all__ = ["REGIONS", "draw_udg_region_map", "draw_udg_war_curve", "udg_boundaries", "udg_grid", "udg_thresholds",
           "war_curve"]

MODEL = "unilateral"
REGIONS = ("Certain Deterrence", "Separating", "Attack", "Bluff")  # colour order
GRID = 400
CURVE_POINTS = 1200
CURVE_CHALLENGERS = (Fraction(3, 4), Fraction(1, 4))  # p_Ch of the curves: above and below beta


def udg_thresholds() -> dict[str, sympy.Expr]:
    """:math:`\\alpha_H, \\alpha_S, \\beta` at the model's default utilities."""
    model = get_model(MODEL)
    return evaluate(model.thresholds(), model.parameters.validate({}))


def _centres(n: int) -> np.ndarray:
    """``(2k + 1)/(2n)``: cell centres of the unit interval, none on a threshold when ``n`` is not a multiple of 6."""
    return (2 * np.arange(n) + 1) / (2 * n)


@lru_cache(maxsize=2)  # drawn once per run; the tests read the same grid
def udg_grid(n: int = GRID) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``(p_Ch values, p_Def values, equilibrium names, probabilities of war)``, arrays indexed ``[p_Def, p_Ch]``."""
    axis = _centres(n)
    ds = sweep(MODEL, over={"p_Def": axis, "p_Ch": axis})
    return axis, axis, equilibrium_names(ds).values, ds.outcome_probability.sel(label="W").values


def udg_boundaries() -> list[Boundary]:
    """The region boundaries from the thresholds: :math:`p_{Def} = \\alpha_S, \\alpha_H`; :math:`p_{Ch} = \\beta`."""
    th = {k: float(v) for k, v in udg_thresholds().items()}
    return [Boundary(r"$\alpha_H$", y=th["alpha_H"]), Boundary(r"$\alpha_S$", y=th["alpha_S"]),
            Boundary(r"$\beta$", curve=((th["beta"], th["beta"]), (th["alpha_S"], 0)),
                     label_at=(th["beta"], 0.02))]


def draw_udg_region_map() -> Figure:
    """Left: the named D1 equilibria over credibility; right: the probability of war."""
    p_ch, p_def, names, war = udg_grid()
    figure = Figure(figsize=(TWO_COLUMN, 3.2))
    left, right = figure.subplots(1, 2)
    draw_region_map(names, p_ch, p_def, boundaries=udg_boundaries(), order=REGIONS, ax=left)
    draw_heat_map(war, p_ch, p_def, boundaries=udg_boundaries(), vmax=0.5, label="probability of war", ax=right)
    for ax in (left, right):
        ax.set_xlabel("Challenger's credibility $p_{Ch}$")
        ax.set_ylabel("Defender's credibility $p_{Def}$")
        ax.set_aspect("equal")
    return figure


@lru_cache(maxsize=2)  # drawn once per run; the tests read the same grid
def war_curve(points: int = CURVE_POINTS) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """P(war) against the Defender's credibility for each ``CURVE_CHALLENGERS``, and P(Challenger wins).

    The credibility values are cell centres, ``(2k + 1)/(2 points)``, so none
    falls on a threshold when ``points`` is not a multiple of 6.
    """
    credibility = _centres(points)
    ds = sweep(MODEL, over={"p_Def": credibility, "p_Ch": [float(p) for p in CURVE_CHALLENGERS]})
    war, wins = (ds.outcome_probability.sel(label=label) for label in ("W", "CW"))
    curves = {f"P(war), $p_{{Ch}}$ = {p}": war.sel(p_Ch=float(p)).values for p in CURVE_CHALLENGERS}
    first = CURVE_CHALLENGERS[0]
    curves[f"P(Challenger wins uncontested), $p_{{Ch}}$ = {first}"] = wins.sel(p_Ch=float(first)).values
    return credibility, curves


def draw_udg_war_curve() -> Figure:
    """The rising-then-collapsing probability of war against the Defender's credibility, cut at the thresholds."""
    credibility, curves = war_curve()
    th = udg_thresholds()
    figure = Figure(figsize=(ONE_COLUMN + 0.6, 3.5))
    ax = figure.add_subplot()
    draw_curves(credibility, curves, xlabel="Defender's credibility $p_{Def}$", ylabel="probability",
                breaks=[th["alpha_S"], th["alpha_H"]], ax=ax)
    mark_thresholds({r"$\alpha_S$": th["alpha_S"], r"$\alpha_H$": th["alpha_H"]}, ax=ax)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), fontsize=7)
    return figure
