r"""The porcupine: how arming Ukraine and sanctioning Russia move the bargaining range.

Fearon's range of deals both sides prefer to war is :math:`[p - c_A, p + c_B]`
(:func:`~escalation.models.porcupine.bargaining_range`), with :math:`p`
Russia's expected battlefield share and :math:`c_A, c_B` the two sides'
costs of fighting on.  Arming lowers :math:`p` by :math:`\Delta p`; sanctions
raise Russia's cost by :math:`\Delta c`.  The bars are the ranges at the
model's defaults; the tick marks Russia's expected share.

>>> {k: [str(v) for v in r] for k, r in porcupine_ranges().items()}["before"]
['1/2', '7/10']
"""

from __future__ import annotations

from typing import Any

import sympy
from matplotlib.figure import Figure

from ...models import get_model
from ...models.porcupine import bargaining_range
from ..curves import draw_bargaining_ranges
from ..style import ONE_COLUMN

__all__ = ["draw_porcupine", "porcupine_ranges", "porcupine_shares"]


def porcupine_shares() -> dict[str, tuple[sympy.Expr, sympy.Expr]]:
    """``{scenario: (Russia's expected share p, Russia's cost c_A)}`` at the model's defaults."""
    v = get_model("porcupine").parameters.validate({})
    p, dp, c, dc = v["p_R"], v["delta_p"], v["c_R"], v["delta_c"]
    return {"before": (p, c), "after arming": (p - dp, c), "after sanctions": (p, c + dc),
            "arming and sanctions": (p - dp, c + dc)}


def porcupine_ranges() -> dict[str, tuple[sympy.Expr, sympy.Expr]]:
    """The bargaining range in each scenario of :func:`porcupine_shares` (Ukraine's cost ``c_U``)."""
    c_u = get_model("porcupine").parameters.validate({})["c_U"]
    return {k: bargaining_range(p, c, c_u) for k, (p, c) in porcupine_shares().items()}


def draw_porcupine() -> Figure:
    """One bar per scenario: the deals Russia and Ukraine both prefer to fighting on."""
    figure = Figure(figsize=(ONE_COLUMN + 0.6, 3.3))
    draw_porcupine_on(figure.add_subplot())
    return figure


def draw_porcupine_on(ax: Any) -> Any:
    """The bargaining ranges of every scenario drawn on ``ax``."""
    marks = {k: {"p": p} for k, (p, _) in porcupine_shares().items()}
    draw_bargaining_ranges(porcupine_ranges(), marks=marks, ax=ax)
    ax.set_title("Deals both sides prefer to war", fontsize=9)
    return ax
