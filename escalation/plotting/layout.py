r"""Layout checks: the text a figure draws, where the renderer puts it, and what collides.

A figure is legible when no two of its texts cover each other and none runs
off the page.  :func:`drawn_texts` draws a figure with the Agg renderer and
records every text artist that is actually drawn (tick labels outside the
view, empty strings and hidden texts are not), with its bounding box in
pixels; :func:`layout_problems` lists the pairs whose boxes overlap, the texts
that leave the figure, and the labels inside an Axes that a line runs through
or that run over the Axes' edge.

>>> from matplotlib.figure import Figure
>>> figure = Figure(figsize=(2, 1))
>>> _ = figure.text(0.1, 0.5, "left"), figure.text(0.15, 0.5, "on top"), figure.text(0.9, 0.5, "off the page")
>>> for problem in layout_problems(figure):
...     print(problem)
texts overlap: 'left' and 'on top'
text leaves the figure: 'off the page'
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.transforms import Bbox, BboxBase

__all__ = ["DrawnText", "drawn_texts", "layout_problems"]

TOLERANCE = 0.5  # pixels: boxes that merely touch do not overlap


@dataclass(frozen=True)
class DrawnText:
    """A text as drawn: the artist, its string and its bounding box in display pixels."""

    artist: Text
    text: str
    box: Bbox


@contextmanager
def _recording(found: list[DrawnText]) -> Iterator[None]:
    """Record every text whose ``draw`` reaches the renderer while the context is open."""
    original = Text.draw

    def draw(self: Text, renderer) -> None:
        original(self, renderer)
        if self.get_visible() and self.get_text().strip() and self.get_alpha() != 0:
            found.append(DrawnText(self, self.get_text(), Text.get_window_extent(self, renderer)))

    Text.draw = draw  # type: ignore[method-assign, assignment]  # patched on purpose, restored below
    try:
        yield
    finally:
        Text.draw = original  # type: ignore[method-assign]


def drawn_texts(figure: Figure, dpi: float | None = None) -> list[DrawnText]:
    """Draw ``figure`` with Agg (at ``dpi``, default the figure's) and return the texts drawn, in drawing order."""
    if dpi is not None:
        figure.set_dpi(dpi)
    canvas = FigureCanvasAgg(figure)
    found: list[DrawnText] = []
    with _recording(found):
        canvas.draw()
    return found


def _overlap(a: Bbox, b: Bbox, tolerance: float = TOLERANCE) -> bool:
    width = min(a.x1, b.x1) - max(a.x0, b.x0)
    height = min(a.y1, b.y1) - max(a.y0, b.y0)
    return width > tolerance and height > tolerance


def _inside(box: Bbox, page: BboxBase, tolerance: float = TOLERANCE) -> bool:
    return (box.x0 >= page.x0 - tolerance and box.y0 >= page.y0 - tolerance
            and box.x1 <= page.x1 + tolerance and box.y1 <= page.y1 + tolerance)


def layout_problems(figure: Figure, dpi: float | None = None) -> list[str]:
    """Everything that makes ``figure`` hard to read, one sentence each (an empty list when it is clean).

    * two drawn texts whose boxes overlap;
    * a text not wholly inside the figure;
    * a text written in an Axes (``ax.texts``: labels, annotations) that a line of the same Axes runs
      through -- a curve, a boundary or a threshold;
    * such a text that straddles the edge of its Axes' plotting area (where an Axes shows its frame).
    """
    texts = drawn_texts(figure, dpi)
    page = figure.bbox
    problems = []
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            if _overlap(a.box, b.box):
                problems.append(f"texts overlap: {a.text!r} and {b.text!r}")
    problems += [f"text leaves the figure: {t.text!r}" for t in texts if not _inside(t.box, page)]
    for ax in figure.axes:
        inner = [t for t in texts if t.artist in ax.texts]
        problems += _lines_through(ax, inner)
        if ax.axison:
            problems += [f"text runs over the edge of its axes: {t.text!r}" for t in inner
                         if _straddles(t.box, ax.bbox)]
    return problems


def _lines_through(ax: Axes, texts: list[DrawnText]) -> list[str]:
    problems = []
    for line in ax.lines:
        if not line.get_visible():
            continue
        points = _line_pixels(line)
        name = str(line.get_label()).removeprefix("_")
        problems += [f"line {name!r} runs through the text {t.text!r}" for t in texts if _crosses(points, t.box)]
    return problems


def _straddles(box: Bbox, area: Bbox) -> bool:
    outside = box.x1 <= area.x0 or box.x0 >= area.x1 or box.y1 <= area.y0 or box.y0 >= area.y1
    return not outside and not _inside(box, area)


def _line_pixels(line: Line2D) -> np.ndarray:
    """The line's segments in display pixels, densified so that a segment crossing a box is caught (gaps kept)."""
    xy = line.get_transform().transform(np.asarray(line.get_xydata(), dtype=float).reshape(-1, 2))
    pieces = [np.linspace(a, b, max(2, int(np.hypot(*(b - a))) + 1)) for a, b in itertools.pairwise(xy)
              if np.all(np.isfinite(a)) and np.all(np.isfinite(b))]
    return np.concatenate(pieces) if pieces else np.empty((0, 2))


def _crosses(points: np.ndarray, box: Bbox) -> bool:
    if len(points) == 0:
        return False
    inside = ((points[:, 0] > box.x0) & (points[:, 0] < box.x1) & (points[:, 1] > box.y0) & (points[:, 1] < box.y1))
    return bool(inside.any())
