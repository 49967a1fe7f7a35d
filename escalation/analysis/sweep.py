r"""Solve a model or a game over a grid of parameter values: ``sweep`` returns an ``xarray.Dataset``.

A sweep over :math:`d \le 5` parameters evaluates the equilibrium at every
point of the product grid :math:`x_1 \times \dots \times x_d`.
Perfect-information trees take the vectorised path (:mod:`.vectorised`:
backward induction with an array at every node, exact re-solve of tied
points); games with private information (trees with information sets, and
models solved by ``perfect_bayesian``) take the generic PBE path
(:mod:`.pbe_grid`: the conditions of every equilibrium shape found by exact
solves, evaluated on the grid, points near a boundary re-solved exactly);
other models are solved point by point with their own solver
(``attrs["method"]`` says which path was taken).

The Dataset has one dimension per swept parameter, with its values as
coordinates, and the same variables, with the same meaning, on every path
(:mod:`.dataset`):

* ``outcome``: what happens, an index into the ``play`` coordinate (the outcome
  labels reached with positive probability, joined by " + ");
* ``equilibrium``: the solver's name for the equilibrium, an index into
  ``equilibrium_name`` (closed-form and per-point paths, whose solvers name
  equilibria);
* ``payoff`` (dimension ``player``): expected payoffs;
* ``outcome_probability`` (dimension ``label``): the probability of every terminal outcome;
* ``action_probability`` (dimension ``choice``, "information set: action"): behaviour strategies;
* ``knife_edge``: a tie or a boundary at the point (decided exactly), and ``equilibria``: how many
  equilibria the solver lists there (on the vectorised path, pure subgame-perfect equilibria;
  the reported one picks the lowest-numbered tied action).

>>> ds = sweep("tripwire", over={"F": [70, 150, 200]}, fixed={"g": 2})
>>> [str(ds.play.values[k]) for k in ds.outcome.values]
['Russia backs down + force overrun', 'deterrence holds', 'deterrence holds']
>>> ds.knife_edge.values.tolist()    # at F = 150 Russia is indifferent between holding and testing
[False, True, False]
>>> ds.attrs["model"], ds.attrs["fixed"]
('tripwire', 'g=2')
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import xarray as xr

from ..errors import ParameterError
from ..solvers.pbe import OFFPATH_RULES
from .closed_forms import closed_form_sweep, has_closed_form
from .compile import CompiledTree
from .dataset import sweep_dataset
from .grid import FIELDS, solve_block
from .pbe_grid import generic_target, takes_generic_path
from .provenance import attributes

__all__ = ["equilibrium_names", "outcome_names", "sweep"]

BACKENDS = ("numpy", "dask")
VECTORISED = "vectorised backward induction (numpy), tied points re-solved exactly by subgame_perfect"


def sweep(model_or_game: Any, over: Mapping[str, Sequence[Any] | np.ndarray], fixed: Mapping[str, Any] | None = None, *,
          backend: str = "numpy", progress: bool = False, chunks: int | Sequence[int] | None = None,
          client: Any = None, lazy: bool = False, outcome_only: bool = False, offpath: str | None = None) -> xr.Dataset:
    """Solve ``model_or_game`` at every point of the grid spanned by ``over``.

    Parameters
    ----------
    model_or_game : Model, str or ExtensiveFormGame
        A registered model (or its name), or a tree with symbolic payoffs.
    over : mapping of str to sequence of float
        One to five parameters and the values each takes.
    fixed : mapping, optional
        Values of other parameters (a model's defaults fill in the rest).
    backend : {"numpy", "dask"}
        ``"dask"`` chunks the grid (``chunks`` points per dimension) and computes
        on ``client`` or a ``dask.distributed.LocalCluster``; same results.
    progress : bool
        Show a tqdm progress bar (per-point fallback and dask), if tqdm is installed.
    lazy : bool
        With ``backend="dask"``: return the Dataset backed by dask arrays,
        uncomputed, for grids larger than memory (reduce it or write it out
        chunk by chunk; it runs on whatever dask scheduler is active then).
    outcome_only : bool
        Compute only ``outcome``, ``knife_edge`` and ``equilibria`` (the lean
        path for region maps).
    offpath : {"D1", "intuitive", "prior", "free"}, optional
        The off-path rule for a game with private information (default: the
        solver's, D1); see :mod:`.pbe_grid`.

    Raises
    ------
    ParameterError
        Before anything is solved: for a grid point the model's ``solve``
        would refuse (see :mod:`.admissible`), or a grid too large for the
        memory available (see :mod:`.memory`).
    MissingExtraError
        For ``backend="dask"`` without dask installed (the ``parallel`` extra).

    Returns
    -------
    xarray.Dataset
        See the module docstring.
    """
    from .inputs import resolve

    if backend not in BACKENDS:
        raise ParameterError("backend", f"must be one of {', '.join(BACKENDS)}, got {backend!r}")
    job = resolve(model_or_game, over, fixed, backend=backend, lazy=lazy, outcome_only=outcome_only)
    if job.tree is None and takes_generic_path(job):
        _check_rule(offpath)
        if offpath is not None or not has_closed_form(job.model):
            job = dataclasses.replace(job, model=generic_target(job, offpath or "D1"))
    elif offpath is not None:
        raise ParameterError("offpath", "applies only to games with private information (solved by "
                                        "perfect_bayesian)")
    if job.tree is None:
        from .closed_form_chunks import chunked_sweep
        from .pointwise import sweep_pointwise

        if has_closed_form(job.model) and backend == "dask":
            return chunked_sweep(job, outcome_only=outcome_only, chunks=chunks, client=client, progress=progress,
                                 lazy=lazy)
        if has_closed_form(job.model):
            return closed_form_sweep(job, outcome_only=outcome_only, progress=progress)
        return sweep_pointwise(job, progress=progress)
    if backend == "dask" and lazy:
        from .dask_backend import lazy_block

        block = lazy_block(job.tree, job.grid, job.fixed_exact, chunks, outcome_only, job.exact_grid)
    elif backend == "dask":
        from .dask_backend import solve_chunked

        block = solve_chunked(job.tree, job.grid, job.fixed_exact, chunks=chunks, client=client, progress=progress,
                              outcome_only=outcome_only, exact_grid=job.exact_grid)
    else:
        block = solve_block(job.tree, _broadcast(job.grid), job.fixed_exact, outcome_only, job.exact_grid)
    return tree_dataset(job, block, method=VECTORISED, backend=backend, outcome_only=outcome_only)


def _check_rule(offpath: str | None) -> None:
    if offpath is not None and offpath not in OFFPATH_RULES:
        raise ParameterError("offpath", f"must be one of {', '.join(OFFPATH_RULES)}, got {offpath!r}")


def _broadcast(grid: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Open-mesh views of the coordinate vectors: each varies along its own axis only."""
    return dict(zip(grid, np.meshgrid(*grid.values(), indexing="ij", sparse=True), strict=True))


def tree_dataset(job, block: Mapping[str, Any], *, method: str, backend: str,
                 outcome_only: bool = False) -> xr.Dataset:
    """The Dataset of a solved block: the named (numpy or dask) arrays of :func:`~.grid.solve_block`.

    The float fields keep their leading axis in memory (each is one contiguous
    grid) and appear with it last, as a transposed view.
    """
    tree: CompiledTree = job.tree
    dims = tuple(job.grid)

    def last(part):  # the field axis moved last: a view, not a copy
        return part.transpose(*range(1, part.ndim), 0)

    arrays = {name: last(part) if name in FIELDS else part for name, part in block.items()}
    coords = {**job.grid, "player": list(tree.game.players), "label": list(tree.labels),
              "choice": [f"{h}: {a}" for _, h, a in tree.choices], "play": list(tree.play_names)}
    if outcome_only:
        coords = {**job.grid, "play": coords["play"]}
    return sweep_dataset(arrays, coords, dims, attributes(job, method, backend))


def outcome_names(ds: xr.Dataset) -> xr.DataArray:
    """The ``outcome`` codes of a sweep as their labels (strings).

    >>> ds = sweep("tripwire", over={"F": [70, 200]})
    >>> outcome_names(ds).values.tolist()
    ['Russia backs down + force overrun', 'no deployment']
    """
    return ds["play"].isel(play=ds["outcome"]).drop_vars("play")


def equilibrium_names(ds: xr.Dataset) -> xr.DataArray:
    """The ``equilibrium`` codes of a sweep as the solver's names (strings).

    Only sweeps whose solver names its equilibria have them (closed forms,
    per-point solvers); see :mod:`.dataset`.

    >>> ds = sweep("unilateral", over={"p_Def": [0.1, 0.9]}, fixed={"p_Ch": 0.75})
    >>> equilibrium_names(ds).values.tolist()
    ['Attack', 'Certain Deterrence']
    >>> outcome_names(ds).values.tolist()   # the Defender concedes (CW) or resists: war (W) or a climb-down (DW)
    ['CW + DW + W', 'SQ']

    Raises
    ------
    ParameterError
        For a sweep without named equilibria.
    """
    if "equilibrium" not in ds:
        raise ParameterError("equilibrium", "this sweep's solver does not name its equilibria (subgame-perfect "
                                            "equilibria of a tree); use outcome_names")
    return ds["equilibrium_name"].isel(equilibrium_name=ds["equilibrium"]).drop_vars("equilibrium_name")
