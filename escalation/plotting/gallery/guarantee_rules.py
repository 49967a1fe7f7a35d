r"""The claims ledger under each off-path rule: how much the shares depend on what players believe off the path.

For each claim of the ledger and each run of :data:`~escalation.claims.archive.RULES_FILE`
(100 prior draws, seed 12, solved under D1, the intuitive criterion and prior beliefs,
and under D1 with a refused force's budget lost, :math:`\omega = 0`, or wholly redirected
to arms, :math:`\omega = 1`), the share of
draws in which the claim holds in all the equilibria found (filled) and in at least
one (open, joined to it by a thin line), with 95% Wilson intervals of the first.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ...claims.archive import load_rules
from ...claims.summaries import LEDGER, run_shares
from ..style import INK, OKABE_ITO, ONE_COLUMN
from .guarantee_claims import CLAIM_NAMES

__all__ = ["RUN_COLOURS", "draw_guarantee_rules"]

RUN_COLOURS = {"D1": OKABE_ITO["blue"], "intuitive": OKABE_ITO["sky blue"], "prior": OKABE_ITO["vermillion"],
               "omega0": OKABE_ITO["bluish green"], "omega1": OKABE_ITO["orange"]}
RUN_MARKERS = {"D1": "o", "intuitive": "D", "prior": "s", "omega0": "^", "omega1": "v"}


def draw_guarantee_rules() -> Figure:
    """One panel: per claim, one row of markers per run (filled: in all equilibria; open: in at least one)."""
    data = load_rules()
    runs = data["runs"]
    ds = run_shares(runs)
    figure = Figure(figsize=(ONE_COLUMN + 1.9, 4.2), layout="constrained")
    ax = figure.add_subplot()
    y = np.arange(len(LEDGER))[::-1].astype(float)
    step = 0.8 / len(runs)
    for k, run in enumerate(runs):
        at = y + 0.4 - step / 2 - k * step
        colour, marker = RUN_COLOURS[run["id"]], RUN_MARKERS[run["id"]]
        every = ds.sel(run=run["id"], verdict="all")
        some = ds.sel(run=run["id"], verdict="all or some")["share"].values
        share = every["share"].values
        ax.hlines(at, share, some, color=colour, lw=0.6, zorder=1)
        ax.plot(some, at, marker, ms=4, mfc="white", mec=colour, ls="none", zorder=2, gid=f"rules {run['id']} some")
        err = np.clip([share - every["wilson_low"].values, every["wilson_high"].values - share], 0, None)
        bars = ax.errorbar(share, at, xerr=err, fmt=marker, ms=4, color=colour, elinewidth=0.8, capsize=1.5,
                           zorder=3, label=run["label"])
        bars.lines[0].set_gid(f"rules {run['id']} all")
    for edge in y[:-1] - 0.5:
        ax.axhline(edge, color=INK, lw=0.3, alpha=0.3)
    ax.set_yticks(y, [CLAIM_NAMES[c] for c in LEDGER])
    ax.set_ylim(y[-1] - 0.5, y[0] + 0.5)
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of prior draws in which the claim holds")
    handles, labels = ax.get_legend_handles_labels()
    handles += [Line2D([], [], marker="o", color=INK, ls="none", ms=4),
                Line2D([], [], marker="o", mfc="white", mec=INK, ls="none", ms=4)]
    labels += ["in all equilibria (95% interval)", "in at least one"]
    figure.legend(handles, labels, loc="outside lower center", ncols=3, fontsize=7, frameon=False)
    return figure
