r"""Vectorised region maps from a model's closed-form thresholds (incomplete-information models).

Some models are solved by closed forms rather than by backward induction:
the perfect Bayesian equilibrium of the Unilateral Deterrence Game
(:mod:`escalation.models.unilateral`) is unique in each open region cut out
by its thresholds :math:`\alpha_H, \alpha_S, \beta` (under D1):

* *Certain Deterrence* where :math:`p_{Def} > \alpha_H`;
* *Separating* where :math:`\alpha_S < p_{Def} < \alpha_H`;
* *Attack* where :math:`p_{Def} < \alpha_S` and :math:`p_{Ch} > \beta`;
* *Bluff* where :math:`p_{Def} < \alpha_S` and :math:`p_{Ch} < \beta`.

The thresholds are lambdified once and the conditions evaluated on the
whole grid; points within a relative ``1e-9`` of a boundary, and any point
where the model's assumptions (type probabilities in (0, 1), payoff
orderings) are not met, are handed to the model's own exact solver, which
decides the knife edge or raises the model's error.  Only the outcome,
``knife_edge`` and ``equilibria`` are computed (``sweep(..., outcome_only=True)``).

>>> from escalation.analysis import sweep
>>> ds = sweep("unilateral", over={"p_Def": [0.1, 0.4, 0.5, 0.9], "p_Ch": [0.25, 0.75]}, outcome_only=True)
>>> [[str(ds.play.values[k]) for k in row] for row in ds.outcome.values]
... # doctest: +NORMALIZE_WHITESPACE
[['Bluff', 'Attack'], ['Separating', 'Separating'],
 ['Certain Deterrence', 'Certain Deterrence'], ['Certain Deterrence', 'Certain Deterrence']]
>>> ds.knife_edge.values[2].tolist()     # p_Def = alpha_H = 1/2
[True, True]
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import sympy
import xarray as xr

from ..numbers import exact
from .sweep import attributes

__all__ = ["CLOSED_FORMS", "closed_form_sweep"]

RTOL = 1e-9
METHOD = ("closed-form regions (lambdified thresholds) on the grid; points on or near a boundary re-solved "
          "exactly by the model's solver")


def _unilateral(model, values: Mapping[str, np.ndarray]):
    """Region codes, names, and the points the closed form cannot decide alone."""
    from ..models.unilateral import CHALLENGER_ORDER, DEFENDER_ORDER

    t = model.thresholds()
    names = sorted({s.name for e in t.values() for s in e.free_symbols})
    a_h, a_s, beta = (sympy.lambdify([sympy.Symbol(n) for n in names], t[k], "numpy")(*(values[n] for n in names))
                      for k in ("alpha_H", "alpha_S", "beta"))
    p_def, p_ch = values["p_Def"], values["p_Ch"]
    codes = np.where(p_def > a_h, 0, np.where(p_def > a_s, 1, np.where(p_ch > beta, 2, 3)))
    near = np.zeros((), dtype=bool)
    for x, bound in ((p_def, a_h), (p_def, a_s), (p_ch, beta)):
        near = near | (np.abs(x - bound) <= RTOL * np.maximum(1.0, np.abs(bound)))
    for order in (CHALLENGER_ORDER, DEFENDER_ORDER):
        for low, high in itertools.pairwise(order):
            near = near | ~(values[low] < values[high])
    for p in (p_def, p_ch):
        near = near | ~((p > 0) & (p < 1))
    return codes, ("Certain Deterrence", "Separating", "Attack", "Bluff"), near


#: Models with a vectorised closed form: name -> function(model, float values) -> (codes, names, undecided).
CLOSED_FORMS: dict[str, Callable] = {"unilateral": _unilateral}


def closed_form_sweep(job, outcome_only: bool = True, **options) -> xr.Dataset:
    """The lean (outcome-only) sweep of a model listed in :data:`CLOSED_FORMS`."""
    if not outcome_only:
        from .pointwise import sweep_pointwise

        return sweep_pointwise(job, progress=options.get("progress", False))
    model = job.model
    grid = dict(zip(job.grid, np.meshgrid(*job.grid.values(), indexing="ij", sparse=True), strict=True))
    shape = tuple(len(v) for v in job.grid.values())
    values = {**{k: float(v) for k, v in job.fixed_exact.items()}, **grid}
    codes, names, undecided = CLOSED_FORMS[model.name](model, values)
    codes = np.array(np.broadcast_to(codes, shape), dtype=np.int16)
    knife = np.zeros(shape, dtype=bool)
    count = np.ones(shape, dtype=np.int32)
    names = list(names)
    for index in zip(*np.nonzero(np.broadcast_to(undecided, shape)), strict=True):
        point = {**job.fixed_exact, **{k: exact(float(v[i])) for (k, v), i in zip(job.grid.items(), index,
                                                                                   strict=True)}}
        found = model.solve(**point)
        if found[0].name not in names:
            names.append(found[0].name)
        codes[index], knife[index], count[index] = names.index(found[0].name), bool(found.knife_edge), len(found)
    dims = tuple(job.grid)
    return xr.Dataset({"outcome": (dims, codes), "knife_edge": (dims, knife), "equilibria": (dims, count)},
                      coords={**job.grid, "play": names}, attrs=attributes(job, METHOD, "numpy"))


def has_closed_form(model: Any) -> bool:
    return model is not None and getattr(model, "name", None) in CLOSED_FORMS
