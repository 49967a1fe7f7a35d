"""One look for every figure: the style file, the palette, paper sizes and number labels.

Every figure is drawn inside :func:`style_context`, which starts from
matplotlib's defaults and applies ``escalation.mplstyle``; a user's own
``matplotlibrc`` therefore cannot change what ``escalation figures`` writes.
The palette is Okabe and Ito's, which stays distinguishable under the common
colour-vision deficiencies; sizes are the usual text widths of one- and
two-column journal pages, in inches.

>>> from escalation.plotting.style import style_context
>>> import matplotlib
>>> with style_context():
...     matplotlib.rcParams["svg.hashsalt"], matplotlib.rcParams["font.sans-serif"][0]
('escalation', 'DejaVu Sans')
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import matplotlib
import matplotlib.style
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..numbers import exact_str

__all__ = [
    "DPI",
    "EQUILIBRIUM",
    "INK",
    "MUTED",
    "OKABE_ITO",
    "ONE_COLUMN",
    "STYLE_FILE",
    "THREAT",
    "TWO_COLUMN",
    "new_axes",
    "number_label",
    "style_context",
]

STYLE_FILE = Path(__file__).with_name("escalation.mplstyle")

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
}

EQUILIBRIUM = OKABE_ITO["blue"]  # what the players do in equilibrium
THREAT = OKABE_ITO["vermillion"]  # a threat that would not be carried out
INK = "#222222"  # ordinary lines and text
MUTED = "#6B6B6B"  # secondary text: outcome labels, notes

ONE_COLUMN = 3.5  # inches: the text width of one column of a two-column page
TWO_COLUMN = 7.2  # inches: the full text width of a two-column page
DPI = 200  # dots per inch of every raster file


@contextmanager
def style_context() -> Iterator[None]:
    """Matplotlib's defaults plus ``escalation.mplstyle``, undone on exit.

    Draw *and* save inside the context: some settings (the SVG id salt, the
    resolution) are read only when a file is written.
    """
    with matplotlib.rc_context():
        matplotlib.style.use(["default", STYLE_FILE])
        yield


def new_axes(width: float = ONE_COLUMN, height: float | None = None) -> Axes:
    """A fresh figure with one Axes, made without pyplot (no global state), laid out by the constrained engine.

    ``height`` defaults to three quarters of ``width``.  The layout engine keeps labels on the page
    whatever the user's matplotlib settings.

    >>> ax = new_axes(TWO_COLUMN, 3)
    >>> [float(x) for x in ax.figure.get_size_inches()]
    [7.2, 3.0]
    """
    figure = Figure(figsize=(width, 0.75 * width if height is None else height), layout="constrained")
    return figure.add_subplot()


def number_label(value: Any) -> str:
    """An exact number or expression as a figure shows it, with a true minus sign.

    >>> number_label(-1), number_label("2/3"), number_label("p - 1")
    ('\u22121', '2/3', 'p \u2212 1')
    """
    return exact_str(value).replace("-", "\u2212")
