r"""Attribution: how often a ceasefire is violated and investigated, against the attribution probability.

Both curves are the inspection model's equilibrium rates
(:func:`~escalation.models.attribution.violation_rate` and
:func:`~escalation.models.attribution.inspection_probability`, exact at
each point) at the model's defaults.  Below the attribution threshold
:math:`g/(g+s)` the violator violates for sure; with no public attribution at
all (:math:`\pi = 0`, the OSCE monitoring mission) nobody even investigates.
Above it violations fall as :math:`e/(\pi(L - A))`.

>>> pis, curves = attribution_curves(points=5)
>>> [str(p) for p in pis], [str(v) for v in curves["violation"]]
(['0', '1/4', '1/2', '3/4', '1'], ['1', '1', '1/5', '2/15', '1/10'])
"""

from __future__ import annotations

from fractions import Fraction

from matplotlib.figure import Figure

from ...models import get_model
from ...models.attribution import inspection_probability, violation_rate
from ...models.perfect_deterrence import evaluate
from ..curves import draw_curves, mark_thresholds
from ..style import INK, ONE_COLUMN

__all__ = ["attribution_curves", "draw_attribution"]

POINTS = 201


def attribution_curves(points: int = POINTS) -> tuple[list[Fraction], dict[str, list]]:
    """``(attribution probabilities from 0 to 1, {"violation": rates, "investigation": rates})``, exact."""
    pis = [Fraction(k, points - 1) for k in range(points)]
    return pis, {"violation": [violation_rate(p) for p in pis],
                 "investigation": [inspection_probability(p) for p in pis]}


def draw_attribution() -> Figure:
    """Violation and investigation rates against the attribution probability, OSCE and threshold marked."""
    pis, curves = attribution_curves()
    model = get_model("attribution")
    th = evaluate(model.thresholds(), model.parameters.validate({}))
    figure = Figure(figsize=(ONE_COLUMN + 0.6, 2.8))
    ax = figure.add_subplot()
    draw_curves([float(p) for p in pis], {"probability of a violation": curves["violation"],
                                          "probability of an investigation": curves["investigation"]},
                xlabel="attribution probability π", ylabel="probability in equilibrium", ax=ax)
    mark_thresholds({"g/(g+s)": th["pi_deterrence"]}, ax=ax)
    ax.plot([0], [1], marker="o", color=INK, markersize=4, clip_on=False, label="_OSCE")
    ax.annotate("OSCE-like monitoring (π = 0):\nviolation certain, no investigation", (0, 1), xytext=(12, -28),
                textcoords="offset points", fontsize=7, color=INK, arrowprops={"arrowstyle": "-", "color": INK,
                                                                               "linewidth": 0.7})
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.05)
    ax.legend(loc="upper right", bbox_to_anchor=(1, 0.72), fontsize=7)
    return figure
