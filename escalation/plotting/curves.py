r"""Curves of the essay's arguments: a quantity against one parameter, with its thresholds marked.

* :func:`draw_curves` -- one or more curves against a common x-axis, e.g. the
  probability of war against the defender's credibility, the probability
  that nobody in a coalition responds against its size, or the violation
  and inspection rates against the attribution probability.
* :func:`mark_thresholds` -- vertical lines at named threshold values
  (credibility thresholds, reference force sizes, the OSCE's :math:`\pi = 0`).
* :func:`draw_bargaining_ranges` -- intervals of acceptable deals, one row per
  scenario (before and after arming, after sanctions).

Every function takes ``ax=`` and returns the Axes; :func:`drawn_curves` and
:func:`drawn_thresholds` read back the data that was drawn.

>>> ax = draw_curves([0, 1, 2], {"war": [0, 0.5, 0]}, xlabel="credibility", ylabel="P(war)")
>>> ax = mark_thresholds({"α_H": 1.5}, ax=ax)
>>> drawn_curves(ax)["war"].tolist(), drawn_thresholds(ax)
([[0.0, 0.0], [1.0, 0.5], [2.0, 0.0]], {'α_H': 1.5})
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.container import BarContainer

from ..errors import ParameterError
from ..numbers import exact
from .style import INK, MUTED, OKABE_ITO, ONE_COLUMN, new_axes

__all__ = ["draw_bargaining_ranges", "draw_curves", "drawn_breaks", "drawn_curves", "drawn_ranges",
           "drawn_thresholds", "mark_thresholds"]

_COLOURS = [OKABE_ITO[k] for k in ("blue", "vermillion", "bluish green", "orange", "reddish purple", "sky blue")]
_STYLES = ["-", (0, (5, 2)), (0, (1, 1.5)), "-.", (0, (3, 1, 1, 1, 1, 1))]


def draw_curves(
    x: Sequence[Any] | np.ndarray,
    curves: Mapping[str, Sequence[Any] | np.ndarray],
    *,
    xlabel: str = "",
    ylabel: str = "",
    markers: bool = False,
    legend: bool = True,
    breaks: Sequence[Any] = (),
    ax: Axes | None = None,
) -> Axes:
    """Plot each ``curves[label]`` against ``x``, in the palette's colours and distinct line styles.

    Values may be exact (sympy, Fraction); they are drawn as floats.  A
    curve's line is labelled with its key, so the legend shows it.  At each
    x-value in ``breaks`` (thresholds where the solution changes) the line is
    cut, so that a jump is drawn as a jump and not as a steep slope; the
    points themselves are kept (:func:`drawn_curves` reads them back).
    """
    xs = _floats(x)
    if ax is None:
        ax = new_axes(ONE_COLUMN)
    cuts = np.searchsorted(xs, _floats(list(breaks))) if len(breaks) else np.array([], dtype=int)
    for k, (label, y) in enumerate(curves.items()):
        ys = _floats(y)
        if ys.shape != xs.shape:
            raise ParameterError("curves", f"curve {label!r} has {ys.size} values for {xs.size} x-values")
        ax.plot(*_cut(xs, ys, cuts), color=_COLOURS[k % len(_COLOURS)], linestyle=_STYLES[k % len(_STYLES)],
                label=label, marker="o" if markers else None, markersize=3)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if legend and len(curves) > 1:
        ax.legend()
    return ax


def mark_thresholds(thresholds: Mapping[str, Any], *, ax: Axes, color: str = MUTED, top: bool = True) -> Axes:
    """Vertical dashed lines at each threshold value, labelled with its name above the plot (or inside it)."""
    for name, value in thresholds.items():
        value = float(exact(value))
        ax.axvline(value, color=color, linewidth=1, linestyle=(0, (4, 2)), zorder=1, label=f"_threshold:{name}")
        where = (value, 1.0) if top else (value, 0.97)
        ax.annotate(name, where, xycoords=("data", "axes fraction"), xytext=(0, 2) if top else (3, 0),
                    textcoords="offset points", ha="center" if top else "left", va="bottom" if top else "top",
                    fontsize=7.5, color=INK)
    return ax


def draw_bargaining_ranges(
    ranges: Mapping[str, tuple[Any, Any]],
    *,
    marks: Mapping[str, Mapping[str, Any]] | None = None,
    xlabel: str = "Russia's share of the issue",
    ax: Axes | None = None,
) -> Axes:
    """One horizontal bar per scenario from ``low`` to ``high`` (the deals both sides prefer to war).

    ``marks[scenario]`` adds labelled ticks on a bar, e.g. Russia's expected
    battlefield share.  Bars run top to bottom in the order given.
    """
    if ax is None:
        ax = new_axes(ONE_COLUMN)
    for k, (scenario, (low, high)) in enumerate(ranges.items()):
        low, high = float(exact(low)), float(exact(high))
        if low > high:
            raise ParameterError("ranges", f"{scenario!r}: low end {low} is above the high end {high}")
        row = -k
        ax.barh(row, high - low, left=low, height=0.45, color=_COLOURS[k % len(_COLOURS)], alpha=0.85,
                label=f"_range:{scenario}")
        ax.annotate(f"{low:.2f}", (low, row), xytext=(-3, 0), textcoords="offset points", ha="right", va="center",
                    fontsize=7, color=INK)
        ax.annotate(f"{high:.2f}", (high, row), xytext=(3, 0), textcoords="offset points", ha="left", va="center",
                    fontsize=7, color=INK)
        for name, value in (marks or {}).get(scenario, {}).items():
            value = float(exact(value))
            ax.plot([value] * 2, [row - 0.3, row + 0.3], color=INK, linewidth=1.2)
            ax.text(value, row - 0.33, name, ha="center", va="top", fontsize=7, color=INK)
    ax.set_yticks([-k for k in range(len(ranges))], list(ranges))
    ax.set_ylim(-len(ranges) + 0.35, 0.75)
    ax.set_xlim(0, 1)
    ax.set_xlabel(xlabel)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    return ax


def _cut(x: np.ndarray, y: np.ndarray, cuts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``x, y`` with a NaN point inserted before each index in ``cuts`` (inside the range), breaking the line."""
    inside = np.unique(cuts[(cuts > 0) & (cuts < len(x))])
    return np.insert(x, inside, np.nan), np.insert(y, inside, np.nan)


def _floats(values: Sequence[Any] | np.ndarray) -> np.ndarray:
    """Exact numbers, strings like ``"1/2"`` or floats, as a float array."""
    if isinstance(values, np.ndarray) and values.dtype.kind == "f":
        return values
    return np.array([float(exact(v)) for v in values], dtype=float)


def drawn_curves(ax: Axes) -> dict[str, np.ndarray]:
    """The curves :func:`draw_curves` drew on ``ax``: ``{label: array of (x, y) points}`` (breaks left out)."""
    out = {}
    for line in ax.lines:
        label = str(line.get_label())
        if not label.startswith("_"):
            points = np.asarray(line.get_xydata(), dtype=float)
            out[label] = points[~np.isnan(points[:, 0])]
    return out


def drawn_breaks(ax: Axes) -> dict[str, list[float]]:
    """Where each curve :func:`draw_curves` drew on ``ax`` is cut: ``{label: [x before each cut]}``."""
    out = {}
    for line in ax.lines:
        label = str(line.get_label())
        if not label.startswith("_"):
            points = np.asarray(line.get_xydata(), dtype=float)
            gaps = np.flatnonzero(np.isnan(points[:, 0]))
            out[label] = [float(points[g - 1, 0]) for g in gaps]
    return out


def drawn_thresholds(ax: Axes) -> dict[str, float]:
    """The thresholds :func:`mark_thresholds` drew on ``ax``: ``{name: x value}``."""
    prefix = "_threshold:"
    return {str(line.get_label())[len(prefix):]: float(np.asarray(line.get_xdata())[0])
            for line in ax.lines if str(line.get_label()).startswith(prefix)}


def drawn_ranges(ax: Axes) -> dict[str, tuple[float, float]]:
    """The bargaining ranges :func:`draw_bargaining_ranges` drew on ``ax``: ``{scenario: (low, high)}``."""
    prefix = "_range:"
    out = {}
    for container in ax.containers:
        label = str(container.get_label())
        if label.startswith(prefix) and isinstance(container, BarContainer):
            (bar,) = container.patches
            out[label[len(prefix):]] = (bar.get_x(), bar.get_x() + bar.get_width())
    return out
