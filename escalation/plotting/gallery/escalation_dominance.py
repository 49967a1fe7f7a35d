r"""Escalation dominance: what a Challenger sure of its escalation dominance does, by the Defender's credibility.

In the one-sided Asymmetric Escalation Game the Challenger is known to be
Hard and the Defender's type is private.  The map's axes are the Defender's
*tactical* credibility :math:`t = p_{HH} + p_{HS}` (it would answer an attack
in kind) and its *strategic share* :math:`\mu_0 = p_{HH}/t` (of those, the
share that would also meet escalation with escalation); :math:`p_{SH}` is held
at ``P_SH``.  The 400 x 400 grid of cell centres is solved by the model's
closed-form regions and profiles (D1 beliefs) evaluated on all points at
once, with every point on or next to a boundary re-solved exactly by the
model's solver (:func:`aeg_grid`).  The boundaries are the model's
thresholds, drawn only where they separate two regions: :math:`t = \tau`
(left of it the Challenger attacks), :math:`\mu_0 = \theta` (below it the
Challenger escalates with positive probability after a limited response) and
the curve :math:`p_{HH} = \theta\tau`, i.e. :math:`\mu_0 = \theta\tau/t`, the
second condition of deterrence.

>>> {k: str(v) for k, v in aeg_thresholds().items()}
{'theta': '2/3', 'tau': '2/5'}
>>> ts, shares, names, conflict = aeg_grid(4)
>>> float(ts[-1]), shares.tolist()   # deterrence iff t > tau and share * t > theta tau = 4/15
(0.7875, [0.125, 0.375, 0.625, 0.875])
>>> names[:, -1].tolist()
['Escalation risk', 'Deterrence', 'Deterrence', 'Deterrence']
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache

import numpy as np
import sympy
from matplotlib.figure import Figure

from ...analysis.closed_forms import closed_form_sweep
from ...analysis.inputs import resolve
from ...analysis.pbe_grid import with_generic_path
from ...analysis.sweep import equilibrium_names
from ...models import get_model
from ...models.perfect_deterrence import evaluate
from ..regions import Boundary, draw_heat_map, draw_region_map
from ..style import TWO_COLUMN

__all__ = ["P_SH", "REGIONS", "aeg_boundaries", "aeg_grid", "aeg_thresholds", "draw_escalation_dominance"]

MODEL = "escalation-one-sided"
P_SH = Fraction(1, 20)
T_MAX = Fraction(9, 10)  # tactical credibility axis: t < 1 - p_SH leaves room for a Soft-Soft type
GRID = 400
REGIONS = ("Deterrence", "Limited conflict", "Escalation risk")
CONFLICT = ("DD", "ED", "EE")  # outcomes with fighting: limited conflict, escalation, all-out war


def aeg_thresholds() -> dict[str, sympy.Expr]:
    """:math:`\\theta` and :math:`\\tau` at the model's default utilities."""
    model = get_model(MODEL)
    th = evaluate(model.thresholds(), model.parameters.validate({}))
    return {"theta": th["theta"], "tau": th["tau"]}


@lru_cache(maxsize=2)  # drawn once per run; the tests read the same grid
def aeg_grid(n: int = GRID) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``(t values, strategic shares, equilibrium names, probabilities of conflict)`` on an ``n`` x ``n`` grid.

    The arrays of names and probabilities are indexed ``[share, t]``.  The grid is not a product of
    the model's parameters, so its points are solved side by side (``p_HH = t share``,
    ``p_HS = t (1 - share)``) by the generic PBE path of the sweep.
    """
    ts = float(T_MAX) * (2 * np.arange(n) + 1) / (2 * n)
    shares = (2 * np.arange(n) + 1) / (2 * n)
    t, share = np.meshgrid(ts, shares)
    job = resolve(MODEL, {"p_HH": (t * share).ravel(), "p_HS": (t * (1 - share)).ravel()}, {"p_SH": P_SH},
                  max_dimensions=None, aligned=True)
    ds = closed_form_sweep(with_generic_path(job), aligned=True)
    names = equilibrium_names(ds).values.reshape(n, n)
    conflict = ds.outcome_probability.sel(label=list(CONFLICT)).sum("label").values.reshape(n, n)
    return ts, shares, names, conflict


def aeg_boundaries() -> list[Boundary]:
    r"""The region boundaries: :math:`t = \tau` above :math:`\theta`, :math:`\mu_0 = \theta` left of :math:`\tau`,
    and the curve :math:`p_{HH} = \theta\tau` right of it (elsewhere the lines separate nothing)."""
    th = aeg_thresholds()
    theta, tau = float(th["theta"]), float(th["tau"])
    t = np.linspace(tau, float(T_MAX), 200)
    return [Boundary(r"$\tau$", curve=((tau, tau), (theta, 1)), label_at=(tau, 1)),
            Boundary(r"$\theta$", curve=((0, tau), (theta, theta)), label_at=(0, theta)),
            Boundary(r"$p_{HH} = \theta\tau$", curve=(t, theta * tau / t))]


def draw_escalation_dominance() -> Figure:
    """Left: the named equilibria over tactical credibility and strategic share; right: P(conflict)."""
    ts, shares, names, conflict = aeg_grid()
    figure = Figure(figsize=(TWO_COLUMN, 3.3))
    left, right = figure.subplots(1, 2)
    draw_region_map(names, ts, shares, boundaries=aeg_boundaries(), order=REGIONS,
                    labels={"Deterrence": "Deterrence", "Limited conflict": "Limited\nconflict",
                            "Escalation risk": "Escalation\nrisk"},
                    label_at={"Escalation risk": (0.2, 0.3), "Deterrence": (0.68, 0.85)}, ax=left)
    draw_heat_map(conflict, ts, shares, boundaries=aeg_boundaries(), vmax=1, label="probability of conflict",
                  ax=right)
    for ax in (left, right):
        ax.set_xlabel("tactical credibility $t = p_{HH} + p_{HS}$")
        ax.set_ylabel("strategic share $p_{HH}/t$")
    return figure
