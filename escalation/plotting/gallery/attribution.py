r"""Attribution: how often a ceasefire is violated and investigated, against the attribution probability.

Both curves are the inspection model's equilibrium rates
(:func:`~escalation.models.attribution.violation_rate` and
:func:`~escalation.models.attribution.inspection_probability`, exact at
each point) at the model's defaults.  Below the attribution threshold
:math:`g/(g+s)` the violator violates for sure; with no public attribution at
all (:math:`\pi = 0`, the OSCE monitoring mission) nobody even investigates.
Above it violations fall as :math:`e/(\pi(L - A))`.  The curves are
evaluated at :math:`\pi = 0` and at cell centres that miss both thresholds
(where the rates jump), and are cut at the thresholds, so a jump is drawn as
a jump.

>>> pis, curves = attribution_curves(points=4)
>>> [str(p) for p in pis], [str(v) for v in curves["violation"]]
(['0', '1/8', '3/8', '5/8', '7/8'], ['1', '1', '4/15', '4/25', '4/35'])
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

POINTS = 401  # cell centres (2k + 1)/802: none falls on a threshold g/(g+s) = 1/4 or e/(L-A) = 1/10


def attribution_curves(points: int = POINTS) -> tuple[list[Fraction], dict[str, list]]:
    """``(attribution probabilities, {"violation": rates, "investigation": rates})``, exact.

    The probabilities are 0 (no public attribution) and the centres of ``points`` cells of [0, 1].
    """
    pis = [Fraction(0), *(Fraction(2 * k + 1, 2 * points) for k in range(points))]
    return pis, {"violation": [violation_rate(p) for p in pis],
                 "investigation": [inspection_probability(p) for p in pis]}


def draw_attribution() -> Figure:
    """Violation and investigation rates against the attribution probability, OSCE and threshold marked."""
    pis, curves = attribution_curves()
    model = get_model("attribution")
    th = evaluate(model.thresholds(), model.parameters.validate({}))
    figure = Figure(figsize=(ONE_COLUMN + 0.6, 3.3))
    ax = figure.add_subplot()
    draw_curves([float(p) for p in pis], {"probability of a violation": curves["violation"],
                                          "probability of an investigation": curves["investigation"]},
                xlabel=r"attribution probability $\pi$", ylabel="probability in equilibrium",
                breaks=[th["pi_investigation"], th["pi_deterrence"]], legend=False, ax=ax)
    mark_thresholds({"$g/(g+s)$": th["pi_deterrence"]}, ax=ax)
    ax.plot([0], [1], marker="o", color=INK, markersize=4, clip_on=False, label="_OSCE")
    ax.annotate("OSCE-like monitoring ($\\pi = 0$):\nviolation certain, no investigation", (0, 1),
                xytext=(0.42, 0.86), fontsize=7, color=INK, va="center",
                arrowprops={"arrowstyle": "-", "color": INK, "linewidth": 0.7, "shrinkB": 3})
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.05)
    figure.legend(loc="outside lower center", ncols=2, fontsize=7)
    return figure
