r"""Consent as a signal in the guarantee game, and the coalition's response to a test of the force.

Read from the line of the regions archive (:data:`~escalation.claims.regions.REGIONS_FILE`):
the game with the menu :math:`\{0, F\}` at the defaults, solved by the generic
perfect Bayesian solver for forces :math:`F` every 5 thousand troops, the
policy "offer :math:`F`" read in every equilibrium found.

Top: the coalition's posterior that Russia is revisionist once it has
consented, :math:`P(Rev \mid \text{consent})`, and that the United States has
struck a deal, :math:`P(D \mid \text{consent})` -- Bayes' rule (CF7,
:func:`~escalation.models.guarantee.closed_forms.consent_posterior`) at the
equilibrium's consent probabilities -- against their priors.  Consent is bad
news about Russia's aims where the first lies above :math:`\pi_R`.  The limited
type's consent boundary :math:`F_c` is drawn with its prior band.

Bottom: the coalition's equilibrium response once its force is tested: the
probability that each type (resolved H, unresolved L) responds to a probe
and to an offensive, and stands firm under a nuclear threat, in the deal
state.  The dashed line is :math:`F_{tie}(H, P)` (CF2), above which the resolved
type stands firm after a probe; the shaded bands are its 50% and 90% prior
bands.

>>> response_rows()[0]
('respond to a probe', 'H', 'respond', 'probe')
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from ...models.guarantee import PARAMETERS
from ..style import INK, MUTED, OKABE_ITO, TWO_COLUMN
from .guarantee_regions import draw_threshold_rows, region_data, threshold_bands, threshold_lines

__all__ = ["draw_guarantee_consent", "posterior_ranges", "response_ranges", "response_rows"]

POSTURE = "D"
TYPE_WORDS = {"H": "resolved", "L": "unresolved"}
RESPONSE = LinearSegmentedColormap.from_list("response", ["#FFFFFF", OKABE_ITO["blue"]])
F_AXIS = (0, 205)


def response_rows() -> list[tuple[str, str, str, str]]:
    """(row label, coalition type, decision, scale) of the bottom panel, top row first."""
    return [(f"{'respond to' if d == 'respond' else 'stand firm after'} a{'n' if s == 'offensive' else ''} {s}",
             t, d, s) for d in ("respond", "stand") for s in ("probe", "offensive") for t in ("H", "L")]


def _range(values: list[Any]) -> tuple[float, float] | None:
    xs = [Fraction(x) for x in values if x is not None]
    return (float(min(xs)), float(max(xs))) if xs else None


def posterior_ranges(line: list[dict[str, Any]], key: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """F and the least and greatest value of ``key`` in ``consent_posterior`` over the equilibria (nan: no consent)."""
    F, low, high = [], [], []
    for cell in line:
        F.append(float(Fraction(cell["F"])))
        r = _range([p["consent_posterior"][key] for p in cell["signals"]]) if cell["solved"] else None
        low.append(np.nan if r is None else r[0])
        high.append(np.nan if r is None else r[1])
    return np.array(F), np.array(low), np.array(high)


def response_ranges(line: list[dict[str, Any]], t: str, decision: str, scale: str) -> list[tuple[float, float, float]]:
    """(F, least, greatest) probability of ``decision`` by type ``t`` after ``scale`` in the deal state."""
    out = []
    for cell in line:
        r = cell["ranges"][decision][f"{t}|{scale}|{POSTURE}"] if cell["solved"] else None
        if r is not None:
            out.append((float(Fraction(cell["F"])), float(Fraction(r[0])), float(Fraction(r[1]))))
    return out


def _draw_posterior_on(ax: Axes, line: list[dict[str, Any]]) -> None:
    v = PARAMETERS.defaults()
    for key, colour, marker, name, shift in (("P_Rev_given_consent", OKABE_ITO["vermillion"], "o",
                                              r"$P(Rev \mid \mathrm{consent})$", -1.0),
                                             ("P_Deal_given_consent", OKABE_ITO["blue"], "s",
                                              r"$P(D \mid \mathrm{consent})$", 1.0)):
        F, low, high = posterior_ranges(line, key)
        F = F + shift
        ax.vlines(F, low, high, color=colour, linewidth=2.2, alpha=0.6)
        ax.plot(F, low, marker, color=colour, markersize=3.2, linestyle="none", label=name)
        ax.plot(F, high, marker, color=colour, markersize=3.2, markerfacecolor="white", linestyle="none",
                label=f"_{name} upper")
    ax.axhline(float(Fraction(str(v["pi_R"]))), color=INK, linestyle=(0, (4, 2)), linewidth=1,
               label=r"priors $\pi_R = 1 - \beta$")
    ax.set_ylim(-0.04, 1.04)
    ax.set_ylabel("coalition's posterior\nafter consent")


def _draw_responses_on(ax: Axes, line: list[dict[str, Any]]) -> None:
    rows = response_rows()
    for j, (_, t, decision, scale) in enumerate(rows):
        y = len(rows) - 1 - j
        for F, low, high in response_ranges(line, t, decision, scale):
            if low == high:
                ax.add_patch(Rectangle((F - 2.5, y - 0.4), 5, 0.8, facecolor=RESPONSE(low), edgecolor="none"))
            else:
                ax.add_patch(Rectangle((F - 2.5, y - 0.4), 5, 0.4, facecolor=RESPONSE(low), edgecolor="none"))
                ax.add_patch(Rectangle((F - 2.5, y), 5, 0.4, facecolor=RESPONSE(high), edgecolor="none"))
    ax.set_yticks(range(len(rows)), [f"{label}: {t}" for label, t, _, _ in reversed(rows)], fontsize=6.5)
    ax.set_ylim(-0.6, len(rows) - 0.4)


def draw_guarantee_consent() -> Figure:
    """Top: the posterior after consent; middle: the coalition's response to a test; bottom: thresholds' priors."""
    line = region_data()["line"]
    lines, bands = threshold_lines(), threshold_bands()
    figure = Figure(figsize=(TWO_COLUMN, 5.6), layout="constrained")
    top, middle, bottom = figure.subplots(3, 1, sharex=True, height_ratios=(1, 1.25, 0.45))
    top.axvline(lines["F_c_D"], color=OKABE_ITO["bluish green"], linestyle=(0, (1, 1.5)), linewidth=1.2)
    _draw_posterior_on(top, line)
    _draw_responses_on(middle, line)
    middle.axvline(lines["F_tie_H_P"], color=INK, linestyle=(0, (4, 2)), linewidth=1.2)
    draw_threshold_rows(bottom, [(r"$F_c$ (deal)", bands["F_c_D"], lines["F_c_D"], OKABE_ITO["bluish green"]),
                                 (r"$F_{tie}(H, P)$", bands["F_tie_H_P"], lines["F_tie_H_P"], MUTED)], F_AXIS[1])
    bottom.set_xlim(*F_AXIS)
    bottom.set_xlabel("force offered $F$ (thousand troops)")
    handles, labels = top.get_legend_handles_labels()
    handles += [Line2D([], [], color=OKABE_ITO["bluish green"], linestyle=(0, (1, 1.5))),
                Line2D([], [], color=INK, linestyle=(0, (4, 2))),
                Patch(facecolor=RESPONSE(1.0)), Patch(facecolor=RESPONSE(0.0), edgecolor=MUTED),
                Patch(facecolor=MUTED, alpha=0.6), Patch(facecolor=MUTED, alpha=0.3)]
    labels += [r"$F_c$: a limited Russia consents below it (deal)",
               r"$F_{tie}(H, P)$: the resolved type stands firm after a probe above it",
               "probability 1 (respond, stand firm)", "probability 0 (abandon, withdraw)",
               "threshold: 50% of prior draws", "threshold: 90% of prior draws"]
    figure.legend(handles, labels, loc="outside lower center", ncols=3, fontsize=6.5, frameon=False)
    return figure
