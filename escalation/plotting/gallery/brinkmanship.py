r"""The brinkmanship window: the risks of war a threat may carry, against the chance the Challenger is resolute.

A threat that leaves something to chance works when its risk :math:`\rho` is
at least :math:`\rho_{\min} = G/(G + W_C)` (the irresolute Challenger is
deterred) and the Defender accepts it when :math:`\rho \le \rho_{\max} =
L(1-\pi_R)/(\pi_R(W_D - L))`; between the two lies the window
(:func:`~escalation.models.brinkmanship.window`).  When Russia's perceived
cost of war :math:`W_C` falls, :math:`\rho_{\min}` rises and the window shrinks.

>>> pis, curves = window_curves(points=3)
>>> [str(p) for p in pis], [str(v) for v in curves["ρ_min"]], str(curves["ρ_min, W_C lower"][0])
(['1/20', '1/2', '19/20'], ['1/4', '1/4', '1/4'], '1/2')
"""

from __future__ import annotations

from fractions import Fraction

import sympy
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ...models.brinkmanship import MODEL, window
from ..curves import draw_curves
from ..style import EQUILIBRIUM, ONE_COLUMN

__all__ = ["LOWER_WAR_COST", "draw_brinkmanship_window", "window_curves"]

LOWER_WAR_COST = 1  # Russia's perceived cost of war W_C after it falls (the model's default is 3)
PI_RANGE = (Fraction(1, 20), Fraction(19, 20))
POINTS = 91


def window_curves(points: int = POINTS) -> tuple[list[Fraction], dict[str, list[sympy.Expr]]]:
    """``(pi_R values, {"ρ_max", "ρ_min", "ρ_min, W_C lower": values})``.

    From :func:`~escalation.models.brinkmanship.window` at each pi_R.
    """
    low, high = PI_RANGE
    pis = [low + (high - low) * Fraction(k, points - 1) for k in range(points)]
    now = [window(MODEL.values(pi_R=p)) for p in pis]
    lower = [window(MODEL.values(pi_R=p, W_C=LOWER_WAR_COST)) for p in pis]
    return pis, {"ρ_max": [w.rho_max for w in now], "ρ_min": [w.rho_min for w in now],
                 "ρ_min, W_C lower": [w.rho_min for w in lower]}


def draw_window(ax: Axes) -> Axes:
    """The two bounds, the second lower bound, and the feasible window shaded (risks capped at 1)."""
    pis, curves = window_curves()
    x = [float(p) for p in pis]
    labels = {"ρ_max": "ρ_max (acceptable to the Defender)",
              "ρ_min": f"ρ_min (deters), W_C = {MODEL.values()['W_C']}",
              "ρ_min, W_C lower": f"ρ_min when W_C falls to {LOWER_WAR_COST}"}
    draw_curves(x, {labels[k]: v for k, v in curves.items()}, xlabel="probability that Russia is resolute π_R",
                ylabel="risk of war ρ", legend=False, ax=ax)
    top = [min(float(v), 1.0) for v in curves["ρ_max"]]
    low = [float(v) for v in curves["ρ_min"]]
    ax.fill_between(x, low, top, where=[lo <= hi for lo, hi in zip(low, top, strict=True)], color=EQUILIBRIUM,
                    alpha=0.18, linewidth=0, label="feasible window")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    ax.legend(loc="upper right", fontsize=7)
    return ax


def draw_brinkmanship_window() -> Figure:
    """ρ_min and ρ_max against π_R, the window shaded, and ρ_min after Russia's war cost falls."""
    figure = Figure(figsize=(ONE_COLUMN + 1.0, 3.0))
    draw_window(figure.add_subplot())
    return figure
