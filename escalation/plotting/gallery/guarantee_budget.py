r"""Guarantee against porcupine under the priors: what each force level buys with the budget it takes.

Europe's budget :math:`B` is split between the force and arms for Ukraine: a
force of :math:`F` thousand troops costs :math:`kF` and leaves
:math:`(B - kF)^+` for arms; :math:`F = 0` is the porcupine (the whole budget to
arms).  Left: the policy frontier (GUARANTEE.md §7.5), each level's mean
probability that Russia achieves its objective against its mean probability
of a NATO-Russia war, with Monte Carlo standard errors.  Right: per draw,
how much more often deterrence holds with the force than with the porcupine,
:math:`Q_F(\text{hold}) - Q_0(\text{hold})`, against the share of the budget the
force takes, :math:`kF/B` (a vertical segment where the draw's equilibria differ).
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import NullFormatter

from ...claims.summaries import against_porcupine, level_bands
from ..style import INK, MUTED, OKABE_ITO, TWO_COLUMN
from .guarantee_force import OUTCOME_LABELS, prior_dataset

__all__ = ["LEVEL_STYLE", "draw_against_porcupine_on", "draw_frontier_on", "draw_guarantee_budget"]

#: Colour and marker of each menu level.
LEVEL_STYLE = {"0": (OKABE_ITO["bluish green"], "o"), "25": (OKABE_ITO["orange"], "s"),
               "60": (OKABE_ITO["vermillion"], "^"), "150": (OKABE_ITO["reddish purple"], "D")}


def _level_name(level: str) -> str:
    return "$F = 0$ (porcupine)" if level == "0" else f"$F = {level}$"


def draw_frontier_on(ax: Axes, ds) -> Axes:
    """Each level's mean P(success) against its mean P(war): a box of ± one standard error around the means.

    Where a draw's equilibria differ, the box runs from the mean of the lower bounds minus its
    error to the mean of the upper bounds plus its error (it holds the mean under any choice of
    equilibria); the filled marker is the mean of the lower bounds, an open one that of the upper.
    """
    success, war = level_bands(ds, "success"), level_bands(ds, "war")
    for i, level in enumerate(map(str, ds.level.values)):
        colour, marker = LEVEL_STYLE.get(level, (INK, "o"))
        x0 = float(war["mean_low"][i] - war["se_low"][i])
        x1 = float(war["mean_high"][i] + war["se_high"][i])
        y0 = float(success["mean_low"][i] - success["se_low"][i])
        y1 = float(success["mean_high"][i] + success["se_high"][i])
        ax.add_patch(Rectangle((x0, y0), x1 - x0, y1 - y0, facecolor=colour, alpha=0.25, edgecolor=colour,
                               linewidth=0.8, gid=f"frontier {level}", label=f"_{level} box"))
        ax.plot(float(war["mean_low"][i]), float(success["mean_low"][i]), marker, color=colour,
                markeredgecolor=INK, markersize=5.5, linestyle="none", label=_level_name(level))
        if war["mean_high"][i] > war["mean_low"][i] or success["mean_high"][i] > success["mean_low"][i]:
            ax.plot(float(war["mean_high"][i]), float(success["mean_high"][i]), marker, color=colour,
                    markerfacecolor="white", markeredgecolor=INK, markersize=5.5, linestyle="none",
                    label=f"_{level} upper")
    ax.set_xlabel("mean " + OUTCOME_LABELS["war"])
    ax.set_ylabel("mean " + OUTCOME_LABELS["success"])
    ax.autoscale_view()
    ax.margins(0.08)
    return ax


def draw_against_porcupine_on(ax: Axes, ds) -> Axes:
    """Per draw and positive level: Q_F(hold) − Q_0(hold) against the force's share of the budget kF/B."""
    diff = against_porcupine(ds, "deterrence")
    share = ds["budget_share"]
    for level in map(str, diff.level.values):
        colour, marker = LEVEL_STYLE.get(level, (INK, "o"))
        x = share.sel(level=level).values
        low, high = diff.sel(level=level, bound="min").values, diff.sel(level=level, bound="max").values
        ok = np.isfinite(low)
        ax.vlines(x[ok & (high > low)], low[ok & (high > low)], high[ok & (high > low)], color=colour,
                  linewidth=0.8)
        ax.plot(x[ok], low[ok], marker, color=colour, markersize=3, alpha=0.8, markeredgewidth=0,
                linestyle="none", label=_level_name(level))
    ax.axhline(0, color=MUTED, linewidth=0.8, zorder=0, label="_no difference")
    ax.set_xscale("log")
    smallest, largest = np.nanmin(share.values[share.values > 0]), np.nanmax(share.values)
    ticks = [t for t in (0.01, 0.03, 0.1, 0.3, 1, 3, 10) if smallest / 1.5 <= t <= largest * 1.5]
    ax.set_xticks(ticks, [f"{t:g}" for t in ticks])
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_xlabel("share of the budget the force takes, $kF/B$")
    ax.set_ylabel("$Q_F$(hold) − $Q_0$(hold)")
    return ax


def draw_guarantee_budget() -> Figure:
    """Two panels: the policy frontier, and each force's deterrence gain over the porcupine against kF/B."""
    ds = prior_dataset()
    figure = Figure(figsize=(TWO_COLUMN, 3.2), layout="constrained")
    left, right = figure.subplots(1, 2)
    draw_frontier_on(left, ds)
    draw_against_porcupine_on(right, ds)
    handles, labels = left.get_legend_handles_labels()
    figure.legend(handles, labels, loc="outside lower center", ncols=len(labels), fontsize=7, frameon=False)
    return figure
