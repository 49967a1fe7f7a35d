r"""Region maps over two parameters, and heat maps of the probability of war.

A *region map* colours each point :math:`(x, y)` of a grid by the name of the
equilibrium found there, writes each name inside its region, and draws the
region boundaries as exact lines taken from the model's closed-form
conditions (so a boundary never depends on the grid's resolution).  A *heat
map* shades the same grid by a number, such as the probability of war.

:func:`grid_values` is the one place where a map's grid is computed, point by
point with a model's own solver; the drawing functions take its result.

>>> import numpy as np
>>> xs, ys = np.linspace(0, 1, 5), np.linspace(0, 1, 4)
>>> names = grid_values(lambda x, y: "high" if x > 0.5 else "low", xs, ys)
>>> names.shape, names[0, 0], names[0, -1]
((4, 5), 'low', 'high')
>>> ax = draw_region_map(names, xs, ys, boundaries=[Boundary("x = 1/2", x=0.5)])
>>> sorted(region_labels(ax)), drawn_boundaries(ax)["x = 1/2"].tolist()
(['high', 'low'], [[0.5, 0.0], [0.5, 1.0]])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap

from ..errors import ParameterError
from .style import INK, ONE_COLUMN, new_axes

__all__ = [
    "REGION_COLOURS",
    "Boundary",
    "draw_heat_map",
    "draw_region_map",
    "drawn_boundaries",
    "grid_values",
    "region_labels",
]

# Light tints of the Okabe-Ito colours, so that labels and boundaries stay readable on top.
REGION_COLOURS = ("#BFDCEF", "#F5DCC0", "#B8E3D5", "#F6E0A9", "#F0D4E4", "#CDE9F8", "#FAF5C6", "#DDDDDD")


@dataclass(frozen=True)
class Boundary:
    """A region boundary: the vertical line ``x``, the horizontal line ``y``, or a ``curve`` of points.

    ``label`` names it on the map (e.g. ``"$\\alpha_H$"``); ``curve`` is a pair
    ``(xs, ys)`` of equal-length sequences.  The label sits above a vertical
    line, right of a horizontal one and right of a curve's last point, or at
    ``label_at`` (data coordinates, written to its upper right) when given.
    """

    label: str
    x: float | None = None
    y: float | None = None
    curve: tuple[npt.ArrayLike, npt.ArrayLike] | None = None
    label_at: tuple[float, float] | None = None

    def __post_init__(self) -> None:
        given = [k for k in ("x", "y", "curve") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ParameterError("boundary", f"{self.label!r}: give exactly one of x, y and curve, not {given}")


def grid_values(function: Callable[[Any, Any], Any], xs: Sequence[Any], ys: Sequence[Any]) -> np.ndarray:
    """``function(x, y)`` at every grid point, as an array indexed ``[row for y, column for x]``.

    Values are kept as given (names stay strings, numbers stay exact), in an
    object array; convert with ``.astype(float)`` for a heat map.
    """
    out = np.empty((len(ys), len(xs)), dtype=object)
    for i, y in enumerate(ys):
        for j, x in enumerate(xs):
            out[i, j] = function(x, y)
    return out


def draw_region_map(
    names: np.ndarray,
    xs: npt.ArrayLike,
    ys: npt.ArrayLike,
    *,
    boundaries: Iterable[Boundary] = (),
    order: Sequence[str] | None = None,
    labels: Mapping[str, str] | None = None,
    label_at: Mapping[str, tuple[float, float]] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Colour the grid by region name, label each region, and draw the exact boundaries.

    Parameters
    ----------
    names : array of str, shape ``(len(ys), len(xs))``
        The region (equilibrium) name at each grid point, as from :func:`grid_values`.
    xs, ys : sequences of float
        The grid's coordinates (points are the centres of the coloured cells).
    boundaries : iterable of Boundary
        Lines drawn from the model's closed-form conditions, labelled by name.
    order : sequence of str, optional
        The region names in colour order (those present by default, sorted).
    labels : mapping, optional
        Text written for a region instead of its name (e.g. with line breaks).
    label_at : mapping, optional
        Where to write a region's label, in data coordinates (by default the
        middle of its cells).
    ax : Axes, optional

    Returns
    -------
    Axes
        :func:`region_labels` and :func:`drawn_boundaries` read back what was drawn.
    """
    names = np.asarray(names, dtype=object)
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    if names.shape != (len(ys), len(xs)):
        raise ParameterError("names", f"shape {names.shape} does not match the grid ({len(ys)}, {len(xs)})")
    present = sorted(set(names.flat))
    order = list(order) if order is not None else present
    missing = [n for n in present if n not in order]
    if missing:
        raise ParameterError("order", f"leaves out region(s) {', '.join(map(repr, missing))}")
    if len(order) > len(REGION_COLOURS):
        raise ParameterError("names", f"{len(order)} regions, but only {len(REGION_COLOURS)} colours")
    if ax is None:
        ax = new_axes(ONE_COLUMN)
    index = np.vectorize(order.index, otypes=[int])(names)
    cmap = ListedColormap(REGION_COLOURS[: len(order)])
    ax.pcolormesh(_edges(xs), _edges(ys), index, cmap=cmap, vmin=-0.5, vmax=len(order) - 0.5, shading="flat",
                  rasterized=True)
    for name in present:
        rows, cols = np.nonzero(names == name)
        x, y = (label_at or {}).get(name, (xs[cols].mean(), ys[rows].mean()))
        ax.text(x, y, (labels or {}).get(name, name), ha="center", va="center", fontsize=7.5, color=INK,
                label=f"_region:{name}", zorder=4)
    for boundary in boundaries:
        draw_boundary(boundary, ax=ax)
    ax.set_xlim(*_edges(xs)[[0, -1]])
    ax.set_ylim(*_edges(ys)[[0, -1]])
    return ax


def draw_boundary(boundary: Boundary, *, ax: Axes, color: str = INK, outside: str = INK) -> Axes:
    """Draw one :class:`Boundary` across ``ax`` (a full-height or full-width line, or its curve).

    The line and a label placed inside the plot (``label_at``) take ``color``; a label
    beside the plot, on the page, takes ``outside``.
    """
    style: dict[str, Any] = {"color": color, "linewidth": 1.2, "linestyle": (0, (5, 2)), "zorder": 3,
             "label": f"_boundary:{boundary.label}"}
    if boundary.label_at is not None:
        ax.annotate(boundary.label, boundary.label_at, xytext=(3, 2), textcoords="offset points", ha="left",
                    va="bottom", fontsize=8, color=color, zorder=4)
    own_label = boundary.label_at is None
    if boundary.x is not None:
        ax.axvline(boundary.x, **style)
        if own_label:
            ax.annotate(boundary.label, (boundary.x, 1), xycoords=("data", "axes fraction"), xytext=(0, 2),
                        textcoords="offset points", ha="center", va="bottom", fontsize=8, color=outside)
    elif boundary.y is not None:
        ax.axhline(boundary.y, **style)
        if own_label:
            ax.annotate(boundary.label, (1, boundary.y), xycoords=("axes fraction", "data"), xytext=(2, 0),
                        textcoords="offset points", ha="left", va="center", fontsize=8, color=outside)
    else:
        assert boundary.curve is not None  # exactly one of x, y and curve is given
        bx, by = (np.asarray(v, dtype=float) for v in boundary.curve)
        ax.plot(bx, by, **style)
        if own_label:
            ax.annotate(boundary.label, (bx[-1], by[-1]), xytext=(2, 0), textcoords="offset points", ha="left",
                        va="center", fontsize=8, color=outside, annotation_clip=False)
    return ax


def draw_heat_map(
    values: np.ndarray,
    xs: npt.ArrayLike,
    ys: npt.ArrayLike,
    *,
    label: str = "probability of war",
    vmax: float = 1.0,
    boundaries: Iterable[Boundary] = (),
    ax: Axes | None = None,
) -> Axes:
    """Shade the grid by ``values`` (e.g. the probability of war) with a colour bar, and draw ``boundaries``.

    Returns the Axes; the colour bar's label is ``label`` and the mesh keeps
    the values (``ax.collections[0].get_array()``).
    """
    values = np.asarray(values, dtype=float)
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    if values.shape != (len(ys), len(xs)):
        raise ParameterError("values", f"shape {values.shape} does not match the grid ({len(ys)}, {len(xs)})")
    if ax is None:
        ax = new_axes(ONE_COLUMN)
    mesh = ax.pcolormesh(_edges(xs), _edges(ys), values, cmap="cividis", vmin=0, vmax=vmax, shading="flat",
                         rasterized=True)
    bar = ax.figure.colorbar(mesh, ax=ax, shrink=0.9)
    bar.set_label(label)
    for boundary in boundaries:
        draw_boundary(boundary, ax=ax, color="white", outside=INK)
    ax.set_xlim(*_edges(xs)[[0, -1]])
    ax.set_ylim(*_edges(ys)[[0, -1]])
    return ax


def region_labels(ax: Axes) -> dict[str, str]:
    """The regions :func:`draw_region_map` labelled on ``ax``: ``{region name: text written}``."""
    prefix = "_region:"
    return {str(t.get_label())[len(prefix):]: t.get_text() for t in ax.texts if str(t.get_label()).startswith(prefix)}


def drawn_boundaries(ax: Axes) -> dict[str, np.ndarray]:
    """The boundaries drawn on ``ax``: ``{label: array of the line's (x, y) points in data coordinates}``.

    A vertical boundary at :math:`x = a` reads back as ``[[a, 0], [a, 1]]``
    (its y runs over the axes' height, in axes fractions).
    """
    prefix = "_boundary:"
    return {str(line.get_label())[len(prefix):]: np.asarray(line.get_xydata(), dtype=float)
            for line in ax.lines if str(line.get_label()).startswith(prefix)}


def _edges(centres: np.ndarray) -> np.ndarray:
    """Cell edges around evenly or unevenly spaced centres (half-way between neighbours)."""
    if len(centres) == 1:
        return np.array([centres[0] - 0.5, centres[0] + 0.5])
    middle = (centres[1:] + centres[:-1]) / 2
    return np.concatenate([[2 * centres[0] - middle[0]], middle, [2 * centres[-1] - middle[-1]]])
