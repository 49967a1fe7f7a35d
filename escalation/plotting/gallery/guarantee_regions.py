r"""Region map of the guarantee game: what a revisionist Russia does against a force of size :math:`F`.

The map is read from the archive :data:`~escalation.claims.regions.REGIONS_FILE`
(made by ``python -m escalation.claims.regions FILE``): at each cell of a grid
of force sizes :math:`F` and Russia's cost of a NATO-Russia war :math:`W_R`
(the model's form of a belief in escalation dominance; everything else at its
default) the game with the menu :math:`\{0, F\}` is solved by the generic
perfect Bayesian solver, and the policy "offer :math:`F`" is read in every
equilibrium found.  A cell is coloured by the revisionist's play in each US
posture (backstop and deal); where the equilibria differ, the cell is split
into one stripe per play.

On the map, the closed-form thresholds at the defaults
(:mod:`escalation.models.guarantee.closed_forms`): the consent boundary of a
limited Russia, :math:`F_c(u) = (g_0 + g_D 1[u = D])/s`; the force above which
the resolved coalition stands firm after a probe, :math:`F_{tie}(H, P)` (CF2);
the war cost below which a revisionist threatens after a failed offensive
that both coalition types resisted, :math:`\tau_{Rev}(O) = \pi_C` (CF3); and
the complete-information deterrence force :math:`\hat F_{O}(W_R)` (CF6).  The
second panel shows where each of them falls over the prior: the 50% and 90%
bands of its location across seeded draws (:func:`threshold_bands`).

>>> posture_play({"consent": {"Rev|B": "0"}, "attack": {"Rev|B|refused": {"hold": "0", "probe": "0",
...               "offensive": "1"}}}, "B")
'refuses, attacks Ukraine alone'
"""

from __future__ import annotations

from fractions import Fraction
from functools import cache
from typing import Any

import numpy as np
import sympy
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from scipy import stats

from ...claims.calibration import deterrence_forces, evaluate, prior_columns
from ...claims.regions import REGIONS_FILE, read_regions
from ...models.guarantee import PARAMETERS
from ...models.guarantee import closed_forms as cf
from ..style import INK, MUTED, OKABE_ITO, TWO_COLUMN

__all__ = ["BAND_DRAWS", "BAND_SEED", "cell_classes", "draw_guarantee_regions", "draw_threshold_rows",
           "posture_play", "region_data", "threshold_bands", "threshold_lines"]

#: Draws and seed of the thresholds' prior bands.
BAND_DRAWS, BAND_SEED = 2000, 12
POSTURE_WORDS = {"B": "US backstop", "D": "US-Russia deal"}


@cache
def region_data() -> dict[str, Any]:
    """The archive shipped with the package, read once."""
    return read_regions(REGIONS_FILE)


def _fr(x: str) -> Fraction:
    return Fraction(x)


def posture_play(play: dict[str, Any], u: str) -> str:
    """What the revisionist does in posture ``u`` in one play: hold, refuse and attack Ukraine, or test the force.

    A test is "resisted" when both coalition types respond to it, "abandoned" when neither does.
    """
    consent = _fr(play["consent"][f"Rev|{u}"])
    if consent not in (0, 1):
        return "mixes consent and refusal"
    status = "deployed" if consent == 1 else "refused"
    attack = {a: _fr(p) for a, p in play["attack"][f"Rev|{u}|{status}"].items()}
    if attack["hold"] == 1:
        return "holds"
    pure = [a for a, p in attack.items() if p == 1]
    if not pure:
        return "mixes attacks"
    if consent == 0:
        return "refuses, attacks Ukraine alone"
    responses = {t: _fr(play["respond"][f"{t}|{pure[0]}|{u}"]) for t in ("H", "L")}
    if responses["H"] == responses["L"] == 1:
        return "tests the force, resisted"
    if responses["H"] == responses["L"] == 0:
        return "tests the force, abandoned"
    return "tests the force, partly resisted"


def cell_classes(cell: dict[str, Any], plays: list[dict[str, Any]]) -> tuple[tuple[str, str], ...]:
    """The distinct (backstop, deal) plays of the revisionist in a map cell, in a fixed order."""
    return tuple(sorted({(posture_play(plays[i], "B"), posture_play(plays[i], "D")) for i in cell["plays"]}))


def _edges(values: np.ndarray, log: bool) -> np.ndarray:
    x = np.log(values) if log else values
    mid = (x[1:] + x[:-1]) / 2
    edges = np.concatenate([[x[0] - (mid[0] - x[0])], mid, [x[-1] + (x[-1] - mid[-1])]])
    return np.exp(edges) if log else edges


def _class_label(c: tuple[str, str]) -> str:
    if c[0] == c[1]:
        return c[0]
    return f"backstop: {c[0]}; deal: {c[1]}"


CLASS_COLOURS = (OKABE_ITO["sky blue"], OKABE_ITO["orange"], OKABE_ITO["bluish green"], OKABE_ITO["yellow"],
                 OKABE_ITO["reddish purple"], OKABE_ITO["vermillion"], "#BBBBBB", OKABE_ITO["blue"], "#8C6D31",
                 "#E7CBA9")


def draw_regions_on(ax: Axes, data: dict[str, Any]) -> list[tuple[str, str]]:
    """The solver's regions (one stripe per distinct play where equilibria differ); returns the classes drawn."""
    variable = data["provenance"]["variable"]
    Fs = np.array([float(_fr(x)) for x in data["provenance"]["grid"]["F"]])
    ys = np.array([float(_fr(x)) for x in data["provenance"]["grid"][variable]])
    fe, ye = _edges(Fs, False), _edges(ys, True)
    classes = sorted({c for cell in data["map"] if cell["solved"] for c in cell_classes(cell, data["plays"])},
                     key=lambda c: (c[0] != c[1], c))
    colour = {c: CLASS_COLOURS[i % len(CLASS_COLOURS)] for i, c in enumerate(classes)}
    for cell in data["map"]:
        i, j = list(Fs).index(float(_fr(cell["F"]))), list(ys).index(float(_fr(cell[variable])))
        if not cell["solved"]:
            ax.add_patch(Rectangle((fe[i], ye[j]), fe[i + 1] - fe[i], ye[j + 1] - ye[j], facecolor="white",
                                   edgecolor=MUTED, hatch="xx", linewidth=0))
            continue
        found = cell_classes(cell, data["plays"])
        width = (fe[i + 1] - fe[i]) / len(found)
        for k, c in enumerate(found):
            ax.add_patch(Rectangle((fe[i] + k * width, ye[j]), width, ye[j + 1] - ye[j], facecolor=colour[c],
                                   edgecolor="none", gid=f"region {cell['F']} {cell[variable]} {k}"))
    ax.set_xlim(fe[0], fe[-1])
    ax.set_ylim(ye[0], ye[-1])
    return classes


def threshold_lines(values: dict[str, Any] | None = None) -> dict[str, Any]:
    """The closed-form thresholds at ``values`` (defaults): the vertical ones as numbers, CF6 as a function of W_R."""
    v = dict(values or PARAMETERS.defaults())
    pi_C = cf.coalition_prior(v["N_members"], v["k_quorum"], v["rho_member"])
    return {"F_c_D": float(cf.at(cf.consent_force("D"), v)),
            "F_tie_H_P": float(cf.at(cf.tie_force("H", "P"), v)),
            "W_threat_O": float(cf.at(cf.threat_war_cost("Rev", "O", pi_C), v))}


@cache
def _columns() -> dict[str, np.ndarray]:
    return prior_columns("guarantee", BAND_DRAWS, BAND_SEED)


def _quantiles(x: np.ndarray) -> dict[str, float]:
    """5%, 25%, 50%, 75% and 95% quantiles, and the share of draws with no such threshold (``none``).

    No value (``nan`` or infinite: e.g. no deterring force within the budget) counts as beyond every force.
    """
    none = ~np.isfinite(x)
    x = np.where(none, np.inf, x)
    out = {f"q{q:02d}": float(np.quantile(x, q / 100, method="inverted_cdf")) for q in (5, 25, 50, 75, 95)}
    return {**out, "none": float(np.mean(none))}


@cache
def threshold_bands() -> dict[str, dict[str, float]]:
    """Quantiles of each threshold's location over seeded prior draws (closed forms at every draw, floats).

    ``F_c_D`` (consent, deal), ``F_tie_H_P`` (CF2), ``W_threat_O`` (CF3 with :math:`\\pi_C`), and
    ``F_hat_O_B``, ``F_hat_O_D`` (CF6, within the budget).
    """
    columns = _columns()
    pi_C = sympy.Symbol("pi_C")
    firm = stats.binom.sf(columns["k_quorum"] - 1, columns["N_members"], columns["rho_member"])
    w_expr = cf.threat_war_cost("Rev", "O", pi_C)
    names = sorted(str(s) for s in w_expr.free_symbols if str(s) != "pi_C")
    f = sympy.lambdify([pi_C, *(cf.S[n] for n in names)], w_expr, "numpy")
    out = {"F_c_D": _quantiles(evaluate(cf.consent_force("D"), columns)),
           "F_tie_H_P": _quantiles(evaluate(cf.tie_force("H", "P"), columns)),
           "W_threat_O": _quantiles(np.asarray(f(firm, *(columns[n] for n in names)), dtype=float))}
    for u in ("B", "D"):
        out[f"F_hat_O_{u}"] = _quantiles(deterrence_forces("O", u, columns))
    return out


def draw_threshold_rows(ax: Axes, rows: list[tuple[str, dict[str, float], float | None, str]],
                        limit: float) -> None:
    """One row per threshold: its 90% and 50% prior bands (boxes), the median (bar) and the default (diamond).

    ``rows`` holds (label, quantiles, value at the defaults or None, colour); a band running past
    ``limit`` is cut there and ends in an arrow head.
    """
    for j, (_, q, default, colour) in enumerate(rows):
        y = len(rows) - 1 - j
        for low, high, height, alpha in (("q05", "q95", 0.5, 0.3), ("q25", "q75", 0.5, 0.6)):
            lo, hi = max(q[low], 0.0), min(q[high], limit)
            if hi > lo:
                ax.add_patch(Rectangle((lo, y - height / 2), hi - lo, height, facecolor=colour, alpha=alpha,
                                       edgecolor="none", gid=f"band {low}-{high} {j}"))
        if q["q95"] > limit:
            ax.plot(limit, y, ">", color=colour, markersize=4, clip_on=False)
        if 0 <= q["q50"] <= limit:
            ax.plot([q["q50"]] * 2, [y - 0.3, y + 0.3], color=INK, linewidth=1.4)
        if default is not None and 0 <= default <= limit:
            ax.plot(default, y, "D", color=INK, markerfacecolor="white", markersize=3.5)
    ax.set_yticks(range(len(rows)), [label for label, *_ in reversed(rows)], fontsize=6.5)
    ax.set_ylim(-0.6, len(rows) - 0.4)


def _draw_margin_band(ax: Axes, q: dict[str, float]) -> None:
    """The prior bands of a threshold in the map's vertical units, as a strip at the map's right edge."""
    low = ax.get_ylim()[0]
    for a, b, alpha in (("q05", "q95", 0.3), ("q25", "q75", 0.6)):
        top = q[b]
        if top > low:
            ax.add_patch(Rectangle((0.975, max(q[a], low)), 0.025, top - max(q[a], low), facecolor=INK, alpha=alpha,
                                   edgecolor="none", transform=ax.get_yaxis_transform(), gid=f"margin {a}-{b}"))
    if q["q50"] > low:
        ax.plot([0.965, 1.0], [q["q50"]] * 2, color=INK, linewidth=1.4, transform=ax.get_yaxis_transform())


def _share_none(q: dict[str, float]) -> str:
    return "" if q["none"] == 0 else f"\n(none in {q['none']:.0%} of draws)"


def draw_guarantee_regions() -> Figure:
    """Top: the solver's regions and the thresholds at the defaults; bottom: the thresholds over the prior."""
    data = region_data()
    figure = Figure(figsize=(TWO_COLUMN, 6.0), layout="constrained")
    top, bottom = figure.subplots(2, 1, sharex=True, height_ratios=(3, 1.3))
    classes = draw_regions_on(top, data)
    colours = {c: CLASS_COLOURS[i % len(CLASS_COLOURS)] for i, c in enumerate(classes)}
    lines, bands = threshold_lines(), threshold_bands()
    top.set_yscale("log")
    top.set_ylabel("Russia's cost of a NATO–Russia war $W_R$")
    top.axvline(lines["F_c_D"], color=INK, linestyle=(0, (4, 2)), linewidth=1.2)
    top.axvline(lines["F_tie_H_P"], color=INK, linestyle="-", linewidth=1.2)
    top.axhline(lines["W_threat_O"], color=INK, linestyle=(0, (1, 1.5)), linewidth=1.4)
    low, high = top.get_ylim()
    w = np.geomspace(low, high, 200)
    columns = {k: np.full(len(w), float(x)) for k, x in PARAMETERS.defaults().items()}
    columns["W_R"] = w
    for u, dash in (("B", "-"), ("D", (0, (5, 1.5)))):
        top.plot(deterrence_forces("O", u, columns), w, color=OKABE_ITO["vermillion"], linestyle=dash, linewidth=1.6)
    limit = float(top.get_xlim()[1])
    rows = [(r"$F_c$ (deal)" + _share_none(bands["F_c_D"]), bands["F_c_D"], lines["F_c_D"], OKABE_ITO["bluish green"]),
            (r"$F_{tie}(H, P)$" + _share_none(bands["F_tie_H_P"]), bands["F_tie_H_P"], lines["F_tie_H_P"],
             OKABE_ITO["blue"])]
    for u, word in (("B", "backstop"), ("D", "deal")):
        q = bands[f"F_hat_O_{u}"]
        rows.append((rf"$\hat F_O$ ({word})" + _share_none(q), q, None, OKABE_ITO["vermillion"]))
    draw_threshold_rows(bottom, rows, limit)
    bottom.set_xlim(0, limit)
    bottom.set_xlabel("force offered $F$ (thousand troops)")
    bottom.set_title("thresholds over the prior: 90% and 50% of draws, median (bar), defaults (diamond)",
                     fontsize=7)
    q = bands["W_threat_O"]
    handles: list[Any] = [Patch(facecolor=colours[c]) for c in classes]
    labels = [_class_label(c) for c in classes]
    handles += [Line2D([], [], color=INK, linestyle=(0, (4, 2))), Line2D([], [], color=INK),
                Line2D([], [], color=INK, linestyle=(0, (1, 1.5))),
                Line2D([], [], color=OKABE_ITO["vermillion"]),
                Line2D([], [], color=OKABE_ITO["vermillion"], linestyle=(0, (5, 1.5)))]
    labels += ["$F_c$: a limited Russia consents below it (deal)",
               r"$F_{tie}(H, P)$: resolved type firm after a probe above it",
               r"$\tau_{Rev}(O) = \pi_C$: revisionist threatens below it (prior belief)",
               r"$\hat F_O$ (backstop): known resolve deters above it", r"$\hat F_O$ (deal)",
               r"right edge: $\tau_{Rev}(O) = \pi_C$ over the prior (50%, 90%)"]
    handles.append(Patch(facecolor=INK, alpha=0.45))
    _draw_margin_band(top, q)
    figure.legend(handles, labels, loc="outside lower center", ncols=2, fontsize=6.5, frameon=False)
    return figure
