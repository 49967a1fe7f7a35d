r"""The brinkmanship window: the risks of war a threat may carry, against the chance the Challenger is resolute.

A threat that leaves something to chance works when its risk :math:`\rho` is
at least :math:`\rho_{\min} = G/(G + W_{Ch})` (the irresolute Challenger is
deterred) and the Defender accepts it when :math:`\rho \le \rho_{\max} =
L(1-\pi_R)/(\pi_R(W_{Def} - L))`; between the two lies the window
(:func:`~escalation.models.brinkmanship.window`).  When Russia's perceived
cost of war :math:`W_{Ch}` falls, :math:`\rho_{\min}` rises and the window shrinks.

>>> pis, curves = window_curves(points=3)
>>> [str(p) for p in pis], [str(v) for v in curves["rho_min"]], str(curves["rho_min, W_Ch lower"][0])
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

LOWER_WAR_COST = 1  # Russia's perceived cost of war W_Ch after it falls (the model's default is 3)
PI_RANGE = (Fraction(1, 20), Fraction(19, 20))
POINTS = 91


def window_curves(points: int = POINTS) -> tuple[list[Fraction], dict[str, list[sympy.Expr]]]:
    """``(pi_R values, {"rho_max", "rho_min", "rho_min, W_Ch lower": values})``.

    From :func:`~escalation.models.brinkmanship.window` at each pi_R.
    """
    low, high = PI_RANGE
    pis = [low + (high - low) * Fraction(k, points - 1) for k in range(points)]
    now = [window(MODEL.values(pi_R=p)) for p in pis]
    lower = [window(MODEL.values(pi_R=p, W_Ch=LOWER_WAR_COST)) for p in pis]
    return pis, {"rho_max": [w.rho_max for w in now], "rho_min": [w.rho_min for w in now],
                 "rho_min, W_Ch lower": [w.rho_min for w in lower]}


def draw_window(ax: Axes) -> Axes:
    """The two bounds, the second lower bound, and the feasible window shaded (risks capped at 1)."""
    pis, curves = window_curves()
    x = [float(p) for p in pis]
    labels = {"rho_max": r"$\rho_{\max}$ (acceptable to the Defender)",
              "rho_min": rf"$\rho_{{\min}}$ (deters), $W_{{Ch}}$ = {MODEL.values()['W_Ch']}",
              "rho_min, W_Ch lower": rf"$\rho_{{\min}}$ when $W_{{Ch}}$ falls to {LOWER_WAR_COST}"}
    draw_curves(x, {labels[k]: v for k, v in curves.items()}, xlabel=r"probability that Russia is resolute $\pi_R$",
                ylabel=r"risk of war $\rho$", legend=False, ax=ax)
    top = [min(float(v), 1.0) for v in curves["rho_max"]]
    low = [float(v) for v in curves["rho_min"]]
    ax.fill_between(x, low, top, where=[lo <= hi for lo, hi in zip(low, top, strict=True)], color=EQUILIBRIUM,
                    alpha=0.18, linewidth=0, label="feasible window")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    ax.legend(loc="upper right", fontsize=7)
    return ax


def draw_brinkmanship_window() -> Figure:
    """rho_min and rho_max against pi_R, the window shaded, and rho_min after Russia's war cost falls."""
    figure = Figure(figsize=(ONE_COLUMN + 1.0, 3.0))
    draw_window(figure.add_subplot())
    return figure
