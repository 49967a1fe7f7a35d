r"""Monte Carlo: parameters drawn from distributions, outcome frequencies with standard errors.

When a parameter is uncertain -- the coalition's cost of abandoning Ukraine,
say -- :func:`sample` draws :math:`n` parameter points independently from the
priors, solves the model at each (vectorised for perfect-information trees and
models with closed forms, per point otherwise) and estimates the probability of each equilibrium play by
its frequency :math:`\hat p`, with the Monte Carlo standard error
:math:`\sqrt{\hat p(1 - \hat p)/n}`.  Mean payoffs and outcome probabilities
come with standard errors :math:`s/\sqrt n` (sample standard deviation
:math:`s`).  The same ``seed`` gives the same draws.

A prior is a frozen ``scipy.stats`` distribution (drawn with the sample's
generator) or an array of values (an empirical distribution, resampled with
replacement).

Does a large force deter when the coalition's cost of abandoning Ukraine is
uncertain, uniform between 10 and 40?  It does iff the coalition would stand
firm under a nuclear threat, :math:`A + c_C > W_C + qN`, i.e. :math:`A > 24`
with the defaults: probability 16/30.

>>> from scipy import stats
>>> mc = sample("tripwire", priors={"A": stats.uniform(10, 30)}, fixed={"F": 200, "g": 2}, n=2000, seed=1)
>>> p = mc.frequency.sel(play="deterrence holds")
>>> round(float(p), 4), round(float(mc.standard_error.sel(play="deterrence holds")), 4)
(0.5335, 0.0112)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

import numpy as np
import xarray as xr

from ..errors import ParameterError
from .grid import solve_block
from .inputs import resolve
from .pbe_grid import with_generic_path
from .sweep import tree_dataset

__all__ = ["sample"]

METHOD = "Monte Carlo: independent draws from the priors, each point solved as in sweep"


def sample(model_or_game: Any, priors: Mapping[str, Any], n: int = 10_000, seed: Any = None,
           fixed: Mapping[str, Any] | None = None, progress: bool = False) -> xr.Dataset:
    """Draw ``n`` parameter points from ``priors`` and solve the model at each.

    Parameters
    ----------
    model_or_game : Model, str or ExtensiveFormGame
    priors : mapping of str to distribution or array
        ``scipy.stats`` frozen distributions or arrays of values, one per uncertain parameter.
    n : int
        Number of draws.
    seed : int, numpy.random.Generator or None
        The source of randomness (no global state is used).
    fixed : mapping, optional
        Values of other parameters (a model's defaults fill in the rest).

    Returns
    -------
    xarray.Dataset
        Per draw (dimension ``draw``, the drawn parameters as coordinates) the
        variables of :func:`~.sweep.sweep`; and the estimates ``frequency`` and
        ``standard_error`` (dimension ``play``), ``mean_payoff`` and
        ``payoff_standard_error`` (``player``), ``mean_outcome_probability`` and
        ``outcome_standard_error`` (``label``), ``knife_edge_frequency``; where
        the solver names its equilibria, also ``equilibrium_frequency`` and
        ``equilibrium_standard_error`` (dimension ``equilibrium_name``).
    """
    if not isinstance(n, int | np.integer) or n < 2:
        raise ParameterError("n", f"needs at least two draws, got {n!r}")
    if not priors:
        raise ParameterError("priors", "give at least one uncertain parameter")
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    draws = {name: _draw(name, prior, n, rng) for name, prior in priors.items()}
    job = resolve(model_or_game, draws, fixed, max_dimensions=None, aligned=True)
    if job.tree is None:
        from .closed_forms import closed_form_sweep, has_closed_form
        from .pointwise import sweep_pointwise

        job = with_generic_path(job)
        if has_closed_form(job.model):
            ds = closed_form_sweep(job, progress=progress, aligned=True)
        else:
            ds = sweep_pointwise(job, progress=progress, aligned=True)
    else:
        block = solve_block(job.tree, job.grid, job.fixed_exact, exact_grid=job.exact_grid)
        ds = tree_dataset(dataclasses.replace(job, grid={"draw": np.arange(n)}), block, method="", backend="numpy")
    ds = ds.assign_coords({name: ("draw", values) for name, values in job.grid.items()})
    shown_seed = "a numpy Generator" if isinstance(seed, np.random.Generator) else repr(seed)
    ds.attrs.update(method=METHOD, swept=", ".join(priors), seed=shown_seed, draws=n,
                    priors="; ".join(f"{k}~{_describe(p)}" for k, p in priors.items()))
    return _estimates(ds, n)


def _draw(name: str, prior: Any, n: int, rng: np.random.Generator) -> np.ndarray:
    if hasattr(prior, "rvs"):
        values = np.asarray(prior.rvs(size=n, random_state=rng), dtype=float)
    else:
        pool = np.asarray(prior, dtype=float).ravel()
        if pool.size == 0:
            raise ParameterError(name, "its prior is an empty array")
        values = rng.choice(pool, size=n, replace=True)
    if not np.all(np.isfinite(values)):
        raise ParameterError(name, "its prior produced a NaN or infinite value")
    return values


def _describe(prior: Any) -> str:
    dist = getattr(prior, "dist", None)
    if dist is not None:
        args = ", ".join(map(repr, getattr(prior, "args", ()))) + "".join(
            f", {k}={v!r}" for k, v in getattr(prior, "kwds", {}).items())
        return f"{dist.name}({args.lstrip(', ')})"
    return f"empirical({np.asarray(prior).size} values)"


def _estimates(ds: xr.Dataset, n: int) -> xr.Dataset:
    """Frequencies of the plays (and of the named equilibria) and means, each with its Monte Carlo standard error."""
    p = _shares(ds.outcome.values, ds.sizes["play"])
    payoff, outcomes = ds.payoff, ds.outcome_probability
    out = ds.assign(
        frequency=("play", p, {"description": "share of draws with this equilibrium play"}),
        standard_error=("play", np.sqrt(p * (1 - p) / n), {"description": "sqrt(p(1 - p)/n)"}),
        mean_payoff=payoff.mean("draw"),
        payoff_standard_error=payoff.std("draw", ddof=1) / np.sqrt(n),
        mean_outcome_probability=outcomes.mean("draw"),
        outcome_standard_error=outcomes.std("draw", ddof=1) / np.sqrt(n),
        knife_edge_frequency=ds.knife_edge.mean("draw"),
    )
    if "equilibrium" in ds:
        q = _shares(ds.equilibrium.values, ds.sizes["equilibrium_name"])
        out = out.assign(
            equilibrium_frequency=("equilibrium_name", q, {"description": "share of draws with this equilibrium"}),
            equilibrium_standard_error=("equilibrium_name", np.sqrt(q * (1 - q) / n),
                                        {"description": "sqrt(p(1 - p)/n)"}),
        )
    return out


def _shares(codes: np.ndarray, count: int) -> np.ndarray:
    """The share of ``codes`` equal to each of ``0, ..., count - 1``."""
    return np.bincount(np.asarray(codes, dtype=np.int64).ravel(), minlength=count) / max(np.size(codes), 1)
