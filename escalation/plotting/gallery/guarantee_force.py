r"""The guarantee game under its priors: deterrence and war against the force offered.

Read from the replication archive of :mod:`escalation.claims.archive` (each
prior draw solved once; every menu level read as the policy "offer
:math:`F`", :math:`F = 0` the porcupine).  Left: :math:`Q_F(\text{hold})`, the
probability that Russia does not attack; right: :math:`Q_F(\text{war})`, the
probability of a NATO-Russia war.  Boxes are the 50% and 90% bands across
draws, the line joins the medians, diamonds are the means with one Monte
Carlo standard error (:mod:`escalation.plotting.bands`).

>>> [level_label(lv) for lv in ("0", "25")]
['0\n(porcupine)', '25']
"""

from __future__ import annotations

from functools import cache

import xarray as xr
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ...claims.archive import PRIOR_FILE, load_outcomes
from ...claims.summaries import level_bands
from ..bands import band_legend, draw_bands
from ..style import OKABE_ITO, TWO_COLUMN

__all__ = ["OUTCOME_LABELS", "draw_guarantee_force", "draw_outcome_on", "level_label", "prior_dataset"]

OUTCOME_LABELS = {"deterrence": "$P$(deterrence holds)", "war": "$P$(NATO–Russia war)",
                  "success": "$P$(Russia achieves its objective)", "nuclear": "$P$(nuclear use)",
                  "coalition_payoff": "coalition's expected payoff"}
COLOURS = {"deterrence": OKABE_ITO["blue"], "war": OKABE_ITO["vermillion"], "success": OKABE_ITO["orange"]}


@cache
def prior_dataset() -> xr.Dataset:
    """The archive shipped with the package (:data:`~escalation.claims.archive.PRIOR_FILE`), read once."""
    return load_outcomes(PRIOR_FILE)


def level_label(level: str) -> str:
    return "0\n(porcupine)" if level == "0" else level


def draw_outcome_on(ax: Axes, ds: xr.Dataset, outcome: str) -> Axes:
    """Bands of ``outcome`` at each force level of ``ds`` on ``ax``."""
    bands = level_bands(ds, outcome)
    stats = {str(k): v.values for k, v in bands.data_vars.items()}
    draw_bands(stats, colour=COLOURS.get(outcome, OKABE_ITO["blue"]), ax=ax)
    ax.set_xticks(range(len(ds.level)), [level_label(str(lv)) for lv in ds.level.values])
    ax.set_xlabel("force offered $F$ (thousand troops)")
    ax.set_ylabel(OUTCOME_LABELS[outcome])
    return ax


def draw_guarantee_force() -> Figure:
    """Two panels: the probability that deterrence holds and of a NATO-Russia war, per force level."""
    ds = prior_dataset()
    figure = Figure(figsize=(TWO_COLUMN, 3.1), layout="constrained")
    left, right = figure.subplots(1, 2)
    draw_outcome_on(left, ds, "deterrence")
    draw_outcome_on(right, ds, "war")
    left.set_ylim(0, 1.02)
    right.set_ylim(bottom=0)
    upper = any("upper bound" in t for ax in (left, right) for t in ax.get_legend_handles_labels()[1])
    handles, labels = band_legend(upper)
    figure.legend(handles, labels, loc="outside lower center", ncols=min(4, len(labels)), fontsize=7,
                  frameon=False)
    return figure
