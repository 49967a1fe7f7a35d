r"""The E9 summary from the guarantee game alone: the essay's three dangerous ideas over the prior.

One game, one prior, one set of draws (the archive of
:mod:`escalation.claims.archive`).  Each panel shows, for the force planned
at each positive level of the menu, the share of prior draws in which a claim
holds in all the equilibria found (dark) and in some but not all (light, on
top), with 95% Wilson intervals for "all" and for "all or some":
E1 (a revisionist Russia would test the planned force), E5 (the planned
force brings a risk of a NATO-Russia war that the porcupine does not), E6
(the porcupine is at least as safe for Ukraine) and E9, the three together.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ...claims.monte_carlo import wilson
from ..style import INK, TWO_COLUMN
from .guarantee_claims import VERDICT_COLOURS
from .guarantee_force import prior_dataset

__all__ = ["PANELS", "draw_e9_summary", "draw_summary_panel", "summary_shares"]

PANELS = ("E1: Russia would test the planned force", "E5: the force brings a risk of war",
          "E6: the porcupine is at least as safe", "E9: all three together")


def summary_shares(ds, claim: str) -> dict[str, np.ndarray]:
    """Per planned level: the share of draws (where defined) with the claim in all, and in all or some, equilibria.

    With Wilson 95% bounds (``all_low``, ``all_high``, ``any_low``, ``any_high``) and ``defined`` counts.
    """
    status = ds["status"].sel(claim=claim).values  # draw, planned
    defined = (status >= 0).sum(axis=0)
    every = (status == 2).sum(axis=0)
    anyone = (status >= 1).sum(axis=0)
    out = {"defined": defined, "all": every / np.maximum(defined, 1), "any": anyone / np.maximum(defined, 1)}
    for name, counts in (("all", every), ("any", anyone)):
        bounds = np.array([wilson(int(c), int(m)) for c, m in zip(counts, defined, strict=True)])
        out[f"{name}_low"], out[f"{name}_high"] = bounds[:, 0], bounds[:, 1]
    return out


def draw_summary_panel(ax: Axes, ds, claim: str) -> Axes:
    """Stacked bars (all; some on top) per planned force, Wilson 95% error bars on both levels."""
    s = summary_shares(ds, claim)
    x = np.arange(len(ds.planned))
    ax.bar(x, s["all"], width=0.6, color=VERDICT_COLOURS["all"], label="in all equilibria", gid=f"{claim} all")
    ax.bar(x, s["any"] - s["all"], bottom=s["all"], width=0.6, color=VERDICT_COLOURS["some"],
           label="in some, not all", gid=f"{claim} some")
    for key, dx in (("all", -0.12), ("any", 0.12)):
        err = np.clip([s[key] - s[f"{key}_low"], s[f"{key}_high"] - s[key]], 0, None)  # rounding at 0 and 1
        ax.errorbar(x + dx, s[key], yerr=err, fmt="none",
                    ecolor=INK, elinewidth=0.8, capsize=2)
    ax.set_xticks(x, [str(lv) for lv in ds.planned.values])
    ax.set_ylim(0, 1.06)
    ax.set_yticks([0, 0.2, 0.4, 0.6, 0.8, 1])
    return ax


def draw_e9_summary() -> Figure:
    """Four panels (two by two), titled by the claim each shows."""
    ds = prior_dataset()
    figure = Figure(figsize=(TWO_COLUMN, 4.8), layout="constrained")
    axes = figure.subplots(2, 2, sharey=True).ravel()
    for ax, title in zip(axes, PANELS, strict=True):
        draw_summary_panel(ax, ds, title.split(":")[0])
        ax.set_title(title, fontsize=9, loc="left", fontweight="bold")
    for ax in axes[::2]:
        ax.set_ylabel("share of prior draws")
    for ax in axes[2:]:
        ax.set_xlabel("planned force $F_s$ (thousand troops)")
    handles, labels = axes[0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="outside lower center", ncols=2, fontsize=7, frameon=False)
    return figure
