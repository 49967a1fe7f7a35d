r"""Uncertainty across prior draws at a few discrete choices: quantile bands, medians and means with errors.

:func:`draw_bands` draws, at each position of a categorical axis (e.g. the
force levels of a menu), a light box for the 90% band and a darker one for
the 50% band of a quantity over Monte Carlo draws, a line through the
medians and, beside the boxes, the mean with its standard error.  Every
statistic is an interval ``[low, high]`` (the quantile of the lower and of
the upper bound over equilibria, :mod:`escalation.claims.summaries`); a box
spans the lower bound's lower quantile to the upper bound's upper one, and
a median or mean that differs between the bounds is drawn twice.
:func:`drawn_bands` reads the boxes back.

>>> import numpy as np
>>> stats = {k: np.array([0.1, 0.2]) for k in ("q05_low", "q25_low", "median_low", "median_high", "mean_low",
...                                              "mean_high")}
>>> stats.update({k: np.array([0.5, 0.6]) for k in ("q75_high", "q95_high")})
>>> stats.update({k: np.array([0.01, 0.01]) for k in ("se_low", "se_high")})
>>> ax = draw_bands(stats, colour="#0072B2")
>>> [round(x, 2) for x in drawn_bands(ax)["90%"][1]]
[1.0, 0.2, 0.6]
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from .style import INK, MUTED, new_axes

__all__ = ["BAND_WIDTH", "band_legend", "draw_bands", "drawn_bands"]

BAND_WIDTH = 0.36  # of the distance between two positions
MEAN_OFFSET = 0.3  # the mean's error bar sits this far right of its boxes


def draw_bands(stats: Mapping[str, Any], *, colour: str, ax: Axes | None = None, offset: float = 0.0,
               name: str = "") -> Axes:
    """Boxes for the 90% and 50% bands, the medians joined by a line and the mean ± one standard error.

    ``stats`` maps ``q05_low``, ``q25_low``, ``median_low``, ``median_high``,
    ``q75_high``, ``q95_high``, ``mean_low``, ``mean_high``, ``se_low`` and
    ``se_high`` to one value per position (positions 0, 1, ...; ``offset``
    shifts them, to put two quantities side by side).  ``name`` prefixes the
    legend labels.
    """
    ax = ax if ax is not None else new_axes()
    s = {k: np.asarray(v, dtype=float) for k, v in stats.items()}
    x = np.arange(len(s["median_low"])) + offset
    prefix = f"{name}: " if name else ""
    for i, xi in enumerate(x):
        for band, low, high, width, alpha in (("90%", "q05_low", "q95_high", BAND_WIDTH, 0.25),
                                              ("50%", "q25_low", "q75_high", BAND_WIDTH * 0.6, 0.55)):
            label = f"{prefix}{band} of draws" if i == 0 else f"_{prefix}{band} of draws"
            ax.add_patch(Rectangle((xi - width / 2, s[low][i]), width, s[high][i] - s[low][i], facecolor=colour,
                                   alpha=alpha, edgecolor="none", label=label, gid=f"band {band} {i}"))
    ax.plot(x, s["median_low"], color=colour, linewidth=1.4, marker="_", markersize=14,
            label=f"{prefix}median")
    if np.any(s["median_high"] > s["median_low"]):
        ax.plot(x, s["median_high"], color=colour, linewidth=1.0, linestyle=(0, (3, 1.5)), marker="_",
                markersize=14, label=f"{prefix}median, upper bound over equilibria")
    xm = x + MEAN_OFFSET
    low, high = s["mean_low"] - s["se_low"], s["mean_high"] + s["se_high"]
    ax.errorbar(xm, s["mean_low"], yerr=[s["mean_low"] - low, high - s["mean_low"]], fmt="D", markersize=3.5,
                color=INK, markerfacecolor=colour, elinewidth=1, capsize=2.5, linestyle="none",
                label=f"{prefix}mean ± standard error")
    if np.any(s["mean_high"] > s["mean_low"]):
        ax.plot(xm, s["mean_high"], "D", markersize=3.5, color=INK, markerfacecolor="white", linestyle="none",
                label=f"{prefix}mean, upper bound over equilibria")
    ax.set_xlim(-0.5 + min(0.0, offset), len(x) - 0.5 + max(0.0, offset) + MEAN_OFFSET / 2)
    return ax


def drawn_bands(ax: Axes) -> dict[str, list[tuple[float, float, float]]]:
    """``{"90%": [(x, low, high), ...], "50%": [...]}``: the boxes :func:`draw_bands` drew, by position."""
    out: dict[str, list[tuple[float, float, float]]] = {}
    for patch in ax.patches:
        gid = patch.get_gid() or ""
        if isinstance(patch, Rectangle) and gid.startswith("band "):
            band = gid.split()[1]
            x0, y0 = patch.get_xy()
            out.setdefault(band, []).append((float(x0 + patch.get_width() / 2), float(y0),
                                             float(y0 + patch.get_height())))
    return out


def band_legend(upper: bool = False) -> tuple[list[Any], list[str]]:
    """Handles and labels, in grey, for a legend of :func:`draw_bands` shared by panels of different colours.

    ``upper`` adds the markers of upper bounds over equilibria.
    """
    handles: list[Any] = [Patch(facecolor=MUTED, alpha=0.25), Patch(facecolor=MUTED, alpha=0.55),
                          Line2D([], [], color=MUTED, linewidth=1.4, marker="_", markersize=14),
                          Line2D([], [], color=INK, marker="D", markersize=3.5, markerfacecolor=MUTED,
                                 linestyle="none")]
    labels = ["90% of draws", "50% of draws", "median", "mean ± standard error"]
    if upper:
        handles += [Line2D([], [], color=MUTED, linestyle=(0, (3, 1.5))),
                    Line2D([], [], color=INK, marker="D", markersize=3.5, markerfacecolor="white", linestyle="none")]
        labels += ["median, upper bound", "mean, upper bound"]
    return handles, labels
