r"""Global sensitivity of the guarantee game: grouped Sobol indices of its main outcomes.

Read from the Sobol archive (:data:`~escalation.claims.archive.SOBOL_FILE`,
made by ``escalation claims guarantee --sobol N``; :mod:`escalation.claims.sensitivity`),
so drawing needs neither SALib nor a solve.  One panel per output, one row per
group of parameters: the first-order index :math:`S_G` (filled) and the total
index :math:`S_{T,G}` (open), with their bootstrap 95% intervals as error bars.
Estimates below zero or above one are noise of a small design and are drawn
as they come; the axis spans ``LIMITS`` (-0.5 to 1.5), and an estimate beyond it is cut
at the edge and marked with an arrowhead (the archive holds its value).

>>> PANELS[0]
'deterrence at 150 (min)'
"""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ...claims.archive import SOBOL_FILE, load_sobol
from ..style import INK, MUTED, OKABE_ITO, TWO_COLUMN

__all__ = ["PANELS", "draw_guarantee_sensitivity", "draw_indices_on", "sobol_archive"]

#: The span of every panel's axis: estimates beyond it are cut and marked.
LIMITS = (-0.5, 1.5)
#: The outputs drawn, one panel each (keys of :data:`escalation.claims.sensitivity.OUTPUTS`).
PANELS = ("deterrence at 150 (min)", "war at 150 (max)", "deterrence gain of 150 over 0 (min)")
TITLES = {
    "deterrence at 150 (min)": "$P$(deterrence holds)\nwith 150k deployed",
    "war at 150 (max)": "$P$(NATO–Russia war)\nwith 150k deployed",
    "deterrence gain of 150 over 0 (min)": "gain in $P$(deterrence)\n150k over the porcupine",
}


@cache
def sobol_archive() -> dict[str, Any]:
    """The archive shipped with the package, read once."""
    return load_sobol(SOBOL_FILE)


def draw_indices_on(ax: Axes, table: dict[str, Any], groups: list[str]) -> Axes:
    """Horizontal bars of S1 and ST per group with their intervals; an output without variance says so."""
    y = np.arange(len(groups))[::-1].astype(float)
    ax.axvline(0, color=MUTED, linewidth=0.6)
    ax.axvline(1, color=MUTED, linewidth=0.6, linestyle=":")
    if "constant" in table:
        ax.text(0.5, 0.5, f"no variance over the design\n(always {table['constant']:.3g})", ha="center",
                va="center", transform=ax.transAxes, color=MUTED, fontsize=7)
        ax.set_yticks(y, groups)
        ax.set_xlim(*LIMITS)
        return ax
    height = 0.38
    for k, (index, face) in enumerate((("S1", OKABE_ITO["blue"]), ("ST", "white"))):
        values = np.array([table[g][index] for g in groups])
        conf = np.array([table[g][f"{index}_conf"] for g in groups])
        rows = y + (0.5 - k) * height
        ax.barh(rows, values, height=height, color=face, edgecolor=OKABE_ITO["blue"], linewidth=0.8,
                label="first-order $S_G$" if index == "S1" else "total $S_{T,G}$", gid=f"sobol {index}")
        ax.errorbar(values, rows, xerr=conf, fmt="none", ecolor=INK, elinewidth=0.8, capsize=1.8)
        for edge, marker, beyond in ((LIMITS[0], "<", values < LIMITS[0]), (LIMITS[1], ">", values > LIMITS[1])):
            if beyond.any():
                ax.plot(np.full(int(beyond.sum()), edge), rows[beyond], linestyle="none", marker=marker,
                        color=INK, markersize=4, clip_on=False, gid=f"cut {index}")
    ax.set_xlim(*LIMITS)
    ax.set_yticks(y, groups)
    return ax


def draw_guarantee_sensitivity() -> Figure:
    """Three panels: deterrence and war with the 150k force, and the force's deterrence gain over none."""
    archive = sobol_archive()
    groups = list(archive["provenance"]["groups"])
    figure = Figure(figsize=(TWO_COLUMN, 3.3), layout="constrained")
    axes = figure.subplots(1, len(PANELS), sharey=True)
    for ax, panel in zip(axes, PANELS, strict=True):
        draw_indices_on(ax, archive["indices"][panel], groups)
        ax.set_title(TITLES[panel], fontsize=8)
        ax.set_xlabel("share of the variance")
    for ax in axes[1:]:
        ax.tick_params(labelleft=False)
    handles, labels = axes[0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="outside lower center", ncols=2, fontsize=7, frameon=False)
    return figure
