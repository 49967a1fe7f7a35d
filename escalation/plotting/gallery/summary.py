"""The E9 summary: the essay's three dangerous ideas, one panel each.

Top (E1): the tripwire game's regions over force size and the coalition's
cost of war -- deterrence needs a force above F*. Middle (E5): the chance of a
NATO-Russia war under a deterrence posture against a deconfliction posture.
Bottom (E6): the deals Russia and Ukraine both prefer to fighting on, before and
after arming Ukraine and sharper sanctions.  Each panel is drawn by the same
function as its full-size figure.
"""

from __future__ import annotations

from matplotlib.figure import Figure

from ..style import TWO_COLUMN
from .deconfliction import draw_deconfliction_war
from .porcupine import draw_porcupine_on
from .tripwire import DETER, DOMINANCE, TESTED, TOO_SMALL, draw_force_map_on

__all__ = ["PANELS", "draw_e9_summary"]

PANELS = ("E1: few forces do not deter", "E5: deterrence versus deconfliction", "E6: arming Ukraine")

_COMPACT = {
    DETER: "deterrence holds",
    TESTED: "tested; the coalition responds:\nforce overrun or Russia backs down",
    TOO_SMALL: "tested,\nabandoned",
    DOMINANCE: "tested; the coalition abandons Ukraine (escalation dominance)",
}


def draw_e9_summary() -> Figure:
    """Three panels, one above the other, titled by the claim each illustrates."""
    figure = Figure(figsize=(TWO_COLUMN, 9.0), layout="constrained")
    top, middle, bottom = figure.subplots(3, 1, height_ratios=(1.35, 1, 1))
    draw_force_map_on(top, labels=_COMPACT)
    draw_deconfliction_war(middle, legend=False)
    middle.legend(fontsize=7, loc="upper right")
    draw_porcupine_on(bottom)
    for ax, title in zip((top, middle, bottom), PANELS, strict=True):
        ax.set_title("")  # the full-size figures' own titles give way to the claim
        ax.set_title(title, fontsize=9, loc="left", pad=16, fontweight="bold")
    return figure
