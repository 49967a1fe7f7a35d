r"""The claims ledger: in what share of the prior each of the essay's claims holds in the guarantee game.

For each claim (E1-E6 and E9 = E1 ∧ E5 ∧ E6; definitions in
:mod:`escalation.claims.guarantee`) and each verdict -- it holds in *all* the
equilibria found at a draw, in *some*, or in *none* -- the share of the
prior draws, with 95% Wilson intervals, read with the planned force
:math:`F_s` = 25 thousand (the smallest positive level of the menu).
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ...claims.summaries import LEDGER, claim_shares
from ..style import INK, MUTED, OKABE_ITO, ONE_COLUMN
from .guarantee_force import prior_dataset

__all__ = ["CLAIM_NAMES", "PLANNED", "VERDICT_COLOURS", "draw_claims_ledger", "draw_ledger_on"]

PLANNED = "25"
VERDICT_COLOURS = {"all": OKABE_ITO["blue"], "some": OKABE_ITO["sky blue"], "none": MUTED}
CLAIM_NAMES = {
    "E1": "E1  a small force does not deter",
    "E2": "E2  consent is the danger",
    "E3": "E3  Russia would likely test the force",
    "E4": "E4  even the largest force may be tested",
    "E5": "E5  war becomes conceivable",
    "E6": "E6  the porcupine is at least as safe",
    "E9": "E9  E1, E5 and E6 together",
}


def draw_ledger_on(ax: Axes, ds, planned: str = PLANNED) -> Axes:
    """Grouped horizontal bars: per claim, the share of draws in each verdict with Wilson 95% error bars."""
    shares = claim_shares(ds, planned, LEDGER)
    y = np.arange(len(LEDGER))[::-1].astype(float)
    height = 0.26
    for k, verdict in enumerate(("all", "some", "none")):
        row = shares.sel(verdict=verdict)
        share = row["share"].values
        err = np.clip([share - row["wilson_low"].values, row["wilson_high"].values - share], 0, None)
        ax.barh(y + (1 - k) * height, share, height=height, color=VERDICT_COLOURS[verdict],
                label=f"holds in {verdict} of the equilibria", gid=f"ledger {verdict}")
        ax.errorbar(share, y + (1 - k) * height, xerr=err, fmt="none", ecolor=INK, elinewidth=0.8, capsize=1.8)
    ax.set_yticks(y, [CLAIM_NAMES[c] for c in LEDGER])
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of prior draws")
    return ax


def draw_claims_ledger() -> Figure:
    """One panel: the ledger at the planned force of 25 thousand."""
    ds = prior_dataset()
    figure = Figure(figsize=(ONE_COLUMN + 1.9, 3.6), layout="constrained")
    ax = figure.add_subplot()
    draw_ledger_on(ax, ds)
    handles, labels = ax.get_legend_handles_labels()
    figure.legend(handles, labels, loc="outside lower center", ncols=3, fontsize=7, frameon=False)
    return figure
