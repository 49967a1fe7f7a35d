r"""Tying hands: how an audience cost raises the defender's credibility, and which UDG equilibrium follows.

An audience cost :math:`a` lowers a Defender's payoff from conceding,
:math:`d_{CW} \to d_{CW} - a`, so a Defender turns Hard iff
:math:`a > d_{CW} - d_W` (:func:`~escalation.models.audiences.becomes_hard`).
With :math:`d_W` spread uniformly between the Unilateral Deterrence Game's Soft
and Hard values, credibility is
:math:`p_{Def}(a) = \Pr(d_W \ge d_{CW} - a)`
(:func:`~escalation.models.audiences.committed_credibility`); every Defender is
Hard once :math:`a` passes :math:`d_{CW} - d_W` for the Soft one.  Along the
curve the colour bands name the UDG's equilibria at that credibility
(``get_model("unilateral").solve(p_Def=...)``).

>>> costs, credibility, names = audience_curve(points=3)
>>> [str(a) for a in costs], [str(p) for p in credibility], names
(['0', '7/4', '7/2'], ['1/4', '11/16', '1'], ['Attack / Bluff', 'Certain Deterrence', 'every Defender Hard'])
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import sympy
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ...models import get_model
from ...models.audiences import committed_credibility
from ..curves import draw_curves, mark_thresholds
from ..style import OKABE_ITO, ONE_COLUMN

__all__ = ["ALL_HARD", "audience_curve", "audience_threshold", "draw_audiences"]

ALL_HARD = "every Defender Hard"
MAX_COST = Fraction(7, 2)
POINTS = 57
_BANDS = [OKABE_ITO[k] for k in ("orange", "yellow", "sky blue", "bluish green", "reddish purple")]


def _udg() -> dict[str, sympy.Expr]:
    return get_model("unilateral").parameters.validate({})


def audience_threshold() -> sympy.Expr:
    """:math:`d_{CW} - d_W` for the UDG's Soft Defender: the audience cost that makes it Hard."""
    v = _udg()
    return v["d_CW"] - v["d_W_soft"]


def audience_curve(points: int = POINTS) -> tuple[list[Fraction], list[sympy.Expr], list[str]]:
    """``(audience costs a, credibility p_Def(a), UDG equilibrium names)`` on a grid from 0 to 7/2."""
    v, udg = _udg(), get_model("unilateral")
    costs = [MAX_COST * Fraction(k, points - 1) for k in range(points)]
    credibility = [committed_credibility(a, v["d_CW"], v["d_W_soft"], v["d_W_hard"]) for a in costs]
    names = [ALL_HARD if p >= 1 else " / ".join(s.name for s in udg.solve(p_Def=p)) for p in credibility]
    return costs, credibility, names


def draw_audience_curve(ax: Axes) -> Axes:
    """p_Def against a, threshold marked, background bands named by the UDG equilibrium."""
    costs, credibility, names = audience_curve()
    x = [float(a) for a in costs]
    edges = [x[0], *((a + b) / 2 for a, b in itertools.pairwise(x)), x[-1]]
    colours: dict[str, str] = {}
    start = 0
    for k in range(1, len(names) + 1):
        if k == len(names) or names[k] != names[start]:
            colour = colours.setdefault(names[start], _BANDS[len(colours) % len(_BANDS)])
            ax.axvspan(edges[start], edges[k], color=colour, alpha=0.3, linewidth=0, label=f"_band:{names[start]}")
            start = k
    draw_curves(x, {"credibility p_Def": credibility}, xlabel="audience cost a", ylabel="defender's credibility",
                ax=ax)
    mark_thresholds({"a = d_CW − d_W": audience_threshold()}, ax=ax)
    handles = [Patch(facecolor=c, alpha=0.3, linewidth=0, label=n) for n, c in colours.items()]
    ax.figure.legend(handles=handles, title="UDG equilibrium at that credibility", loc="outside lower center",
                     ncols=3, fontsize=7)
    ax.set_xlim(0, float(MAX_COST))
    ax.set_ylim(0, 1.05)
    return ax


def draw_audiences() -> Figure:
    """The defender's credibility against its audience cost, with the UDG equilibrium along the curve."""
    figure = Figure(figsize=(ONE_COLUMN + 2.0, 3.6))
    draw_audience_curve(figure.add_subplot())
    return figure
