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
(``get_model("unilateral").solve(p_Ch=3/4, p_Def=...)``).  The bands are
exact intervals of :math:`a`: their ends are the audience costs at which
:math:`p_{Def}(a)` reaches a threshold of the UDG (:func:`knife_edges`), and
at each such cost two equilibria meet -- a knife edge, drawn as a line.  The
Challenger's credibility is set to ``P_CH`` = 3/4: at the UDG's default
:math:`p_{Ch} = 1/2 = \beta` the Challenger would itself sit on a knife edge
whenever :math:`p_{Def} < \alpha_S`.

>>> {str(a): names for a, names in knife_edges().items()}
{'1/3': 'Attack / Separating', '1': 'Certain Deterrence / Separating'}
>>> costs, credibility, names = audience_curve(points=3)
>>> [str(a) for a in costs], [str(p) for p in credibility], names
(['0', '7/4', '7/2'], ['1/4', '11/16', '1'], ['Attack', 'Certain Deterrence', 'every Defender Hard'])
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

import sympy
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ...models import get_model
from ...models.audiences import committed_credibility
from ...models.perfect_deterrence import evaluate
from ..curves import draw_curves, mark_thresholds
from ..style import INK, OKABE_ITO, ONE_COLUMN

__all__ = ["ALL_HARD", "P_CH", "audience_curve", "audience_threshold", "credibility", "draw_audiences", "knife_edges"]

ALL_HARD = "every Defender Hard"
P_CH = Fraction(3, 4)  # the Challenger's credibility: off the UDG's knife edge p_Ch = beta = 1/2
MAX_COST = Fraction(7, 2)
POINTS = 57
_BANDS = [OKABE_ITO[k] for k in ("orange", "yellow", "bluish green", "reddish purple", "sky blue")]


def _udg() -> dict[str, sympy.Expr]:
    return get_model("unilateral").parameters.validate({})


def credibility(a: Any) -> sympy.Expr:
    """:math:`p_{Def}(a)` with :math:`d_W` uniform between the UDG's Soft and Hard values."""
    v = _udg()
    return committed_credibility(a, v["d_CW"], v["d_W_soft"], v["d_W_hard"])


def audience_threshold() -> sympy.Expr:
    """:math:`d_{CW} - d_W` for the UDG's Soft Defender: the audience cost that makes it Hard."""
    v = _udg()
    return v["d_CW"] - v["d_W_soft"]


def _names(p_def: Any) -> str:
    """The UDG's equilibria at credibility ``p_def`` (and ``P_CH``), joined by " / "."""
    if p_def >= 1:
        return ALL_HARD
    return " / ".join(s.name for s in get_model("unilateral").solve(p_Ch=P_CH, p_Def=p_def))


def knife_edges() -> dict[sympy.Expr, str]:
    """``{audience cost: equilibria that meet there}`` where :math:`p_{Def}(a)` equals a UDG threshold.

    :math:`p_{Def}` rises linearly from :math:`a = 0` to :math:`d_{CW} - d_W`; each cost is found on that line and
    checked exactly against :func:`credibility`.
    """
    udg, v = get_model("unilateral"), _udg()
    levels = evaluate(udg.thresholds(), v)
    start, top = credibility(0), audience_threshold()
    edges = {}
    for name in ("alpha_S", "alpha_H"):
        a = top * (levels[name] - start) / (1 - start)
        assert credibility(a) == levels[name], f"p_Def is not linear in a up to {top}"
        if 0 < a < MAX_COST:
            edges[a] = _names(levels[name])
    return dict(sorted(edges.items()))


def audience_curve(points: int = POINTS) -> tuple[list[Fraction], list[sympy.Expr], list[str]]:
    """``(audience costs a, credibility p_Def(a), UDG equilibrium names)`` on a grid from 0 to 7/2."""
    costs = [MAX_COST * Fraction(k, points - 1) for k in range(points)]
    values = [credibility(a) for a in costs]
    return costs, values, [_names(p) for p in values]


def _bands() -> list[tuple[float, float, str]]:
    """``(from, to, equilibrium names)`` for each open interval of costs between knife edges and full credibility."""
    ends = [sympy.Integer(0), *knife_edges(), audience_threshold(), sympy.Rational(MAX_COST)]
    return [(float(lo), float(hi), _names(credibility((lo + hi) / 2))) for lo, hi in itertools.pairwise(ends)
            if lo < hi]


def draw_audience_curve(ax: Axes) -> Axes:
    """p_Def against a, threshold marked, background bands named by the UDG equilibrium, knife edges as lines."""
    colours: dict[str, str] = {}
    for lo, hi, names in _bands():
        colour = colours.setdefault(names, _BANDS[len(colours) % len(_BANDS)])
        ax.axvspan(lo, hi, color=colour, alpha=0.3, linewidth=0, label=f"_band:{names}")
    for a, names in knife_edges().items():
        ax.axvline(float(a), color=INK, linewidth=1.0, linestyle=(0, (1, 1.5)), label=f"_knife edge:{names}")
    costs, values, _ = audience_curve()
    draw_curves([float(a) for a in costs], {"credibility $p_{Def}$": values}, xlabel="audience cost $a$",
                ylabel="defender's credibility $p_{Def}$", ax=ax)
    mark_thresholds({"$a = d_{CW} - d_W$": audience_threshold()}, ax=ax)
    handles: list[Artist] = [Patch(facecolor=c, alpha=0.3, linewidth=0, label=n) for n, c in colours.items()]
    handles.append(Line2D([], [], color=INK, linewidth=1.0, linestyle=(0, (1, 1.5)),
                          label="knife edge: the two neighbours' equilibria meet"))
    ax.figure.legend(handles=handles, title=f"UDG equilibrium at that credibility ($p_{{Ch}}$ = {P_CH})",
                     loc="outside lower center", ncols=2, fontsize=7)
    ax.set_xlim(0, float(MAX_COST))
    ax.set_ylim(0, 1.05)
    return ax


def draw_audiences() -> Figure:
    """The defender's credibility against its audience cost, with the UDG equilibrium along the curve."""
    figure = Figure(figsize=(ONE_COLUMN + 2.0, 3.8))
    draw_audience_curve(figure.add_subplot())
    return figure
