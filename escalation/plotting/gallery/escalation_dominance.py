r"""Escalation dominance: what a Challenger sure of its escalation dominance does, by the Defender's credibility.

In the one-sided Asymmetric Escalation Game the Challenger is known to be
Hard and the Defender's type is private.  The map's axes are the Defender's
*tactical* credibility :math:`t = p_{HH} + p_{HS}` (it would answer an attack
in kind) and its *strategic share* :math:`\mu_0 = p_{HH}/t` (of those, the
share that would also meet escalation with escalation); :math:`p_{SH}` is held
at :data:`P_SH`.  Each grid point is solved by the model (D1 beliefs).  The
boundaries are the model's thresholds: :math:`t = \tau` (below it the
Challenger attacks), :math:`\mu_0 = \theta` (below it the Challenger escalates
with positive probability after a limited response) and the curve
:math:`p_{HH} = \theta\tau`, i.e. :math:`\mu_0 = \theta\tau/t`, the second
condition of deterrence.

>>> {k: str(v) for k, v in aeg_thresholds().items()}
{'theta': '2/3', 'tau': '2/5'}
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from typing import Any

import numpy as np
import sympy
from matplotlib.figure import Figure

from ...errors import SolverError
from ...models import get_model
from ...models.perfect_deterrence import evaluate
from ..regions import Boundary, draw_heat_map, draw_region_map, grid_values
from ..style import TWO_COLUMN

__all__ = ["P_SH", "REGIONS", "aeg_boundaries", "aeg_grid", "aeg_thresholds", "draw_escalation_dominance"]

MODEL = "escalation-one-sided"
P_SH = Fraction(1, 20)
T_MAX = Fraction(9, 10)  # tactical credibility axis: t < 1 - p_SH leaves room for a Soft-Soft type
GRID = 16
REGIONS = ("Deterrence", "Limited conflict", "Escalation risk")
CONFLICT = ("DD", "ED", "EE")  # outcomes with fighting: limited conflict, escalation, all-out war


def aeg_thresholds() -> dict[str, sympy.Expr]:
    """:math:`\\theta` and :math:`\\tau` at the model's default utilities."""
    model = get_model(MODEL)
    th = evaluate(model.thresholds(), model.parameters.validate({}))
    return {"theta": th["theta"], "tau": th["tau"]}


def _solve(t: Any, share: Any):
    found = get_model(MODEL).solve(p_HH=t * share, p_HS=t * (1 - share), p_SH=P_SH)
    if len(found) != 1:
        raise SolverError(f"expected one equilibrium at t = {t}, share = {share}, found {len(found)}")
    return found[0]


@lru_cache(maxsize=2)  # drawn once per run; the tests read the same grid
def aeg_grid(n: int = GRID) -> tuple[list[Fraction], list[Fraction], np.ndarray, np.ndarray]:
    """``(t values, strategic shares, equilibrium names, probabilities of conflict)`` on an ``n`` x ``n`` grid."""
    ts = [T_MAX * Fraction(2 * k + 1, 2 * n) for k in range(n)]
    shares = [Fraction(2 * k + 1, 2 * n) for k in range(n)]
    solutions = grid_values(_solve, ts, shares)
    names = np.vectorize(lambda s: s.name, otypes=[object])(solutions)
    conflict = np.vectorize(lambda s: sum(s.outcomes.get(o, 0) for o in CONFLICT), otypes=[object])(solutions)
    return ts, shares, names, conflict


def aeg_boundaries() -> list[Boundary]:
    """Boundaries :math:`t = \\tau`, :math:`\\mu_0 = \\theta`, and the curve :math:`p_{HH} = \\theta\\tau`."""
    th = aeg_thresholds()
    theta, tau = float(th["theta"]), float(th["tau"])
    t = np.linspace(tau, float(T_MAX), 60)
    return [Boundary("τ", x=tau), Boundary("θ", y=theta), Boundary("p_HH = θτ", curve=(t, theta * tau / t))]


def draw_escalation_dominance() -> Figure:
    """Left: the named equilibria over tactical credibility and strategic share; right: P(conflict)."""
    ts, shares, names, conflict = aeg_grid()
    figure = Figure(figsize=(TWO_COLUMN, 3.3))
    left, right = figure.subplots(1, 2)
    x, y = [float(v) for v in ts], [float(v) for v in shares]
    draw_region_map(names, x, y, boundaries=aeg_boundaries(), order=REGIONS,
                    labels={"Deterrence": "Deterrence", "Limited conflict": "Limited\nconflict",
                            "Escalation risk": "Escalation\nrisk"},
                    label_at={"Escalation risk": (0.2, 0.3), "Deterrence": (0.68, 0.85)}, ax=left)
    draw_heat_map(conflict.astype(float), x, y, boundaries=aeg_boundaries(), vmax=1,
                  label="probability of conflict", ax=right)
    for ax in (left, right):
        ax.set_xlabel("tactical credibility t = p_HH + p_HS")
        ax.set_ylabel("strategic share p_HH / t")
    return figure
