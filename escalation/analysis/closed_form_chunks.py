"""The dask backend for closed-form sweeps: the same closed forms, chunk by chunk.

Each chunk of the grid runs :func:`~.closed_forms.solve_table` (region codes,
profiles evaluated on the chunk, undecided points re-solved exactly) as one
task of a ``dask.array`` and packs its arrays into one float array with a
leading field axis: equilibrium code, the outcome labels reached (a bit
mask), knife edge, number of equilibria, then the payoffs, outcome
probabilities and action probabilities.  The ``equilibrium_name`` coordinate
must be known before any chunk is computed, so it is the list of region
names of the model's closed form; an undecided point whose exact solution has
another name raises :class:`~escalation.errors.SolverError` (the numpy
backend, which learns names as it goes, handles such grids).  The ``play``
coordinate lists the sets of labels reached once the chunks are computed; a
lazy sweep lists every set of labels (the code of a play is its bit mask).

>>> from escalation.analysis import sweep
>>> lazy = sweep("unilateral", over={"p_Def": [0.1, 0.4, 0.5, 0.9]}, fixed={"p_Ch": 0.75},
...              backend="dask", chunks=2, lazy=True)
>>> type(lazy.outcome.data).__name__
'Array'
>>> [str(lazy.equilibrium_name.values[k]) for k in lazy.equilibrium.values]      # computed on first use
['Attack', 'Separating', 'Certain Deterrence', 'Certain Deterrence']
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import xarray as xr

from ..errors import ParameterError, SolverError
from .closed_forms import METHOD, solve_table
from .dask_backend import chunk_sizes, compute_on_cluster
from .dataset import VARIABLES, label_masks, mask_name, plays_from_masks, sweep_dataset
from .profile_grid import ProfileGrid
from .provenance import attributes

__all__ = ["chunked_sweep"]

HEAD = ("equilibrium", "mask", "knife_edge", "equilibria")
MAX_LAZY_LABELS = 12
"""A lazy sweep lists every set of outcome labels as a possible play: at most ``2**12`` of them."""


def chunked_sweep(job, *, outcome_only: bool = False, chunks: Any = None, client: Any = None,
                  progress: bool = False, lazy: bool = False) -> xr.Dataset:
    """A closed-form sweep of ``job`` computed (or, with ``lazy``, described) chunk by chunk with dask."""
    import dask.array as da

    names = _region_names(job)
    labels = list(ProfileGrid(job.game).labels)
    if lazy and len(labels) > MAX_LAZY_LABELS:
        raise ParameterError("lazy", f"model {job.model.name!r} has {len(labels)} outcome labels, too many to list "
                                     f"every possible play before computing (at most {MAX_LAZY_LABELS}); "
                                     "sweep without lazy=True")
    columns = _columns(job, outcome_only)
    size = len(HEAD) + sum(len(c) for c in columns.values())
    grid, dims = job.grid, tuple(job.grid)
    shape = tuple(len(v) for v in grid.values())
    template = da.zeros(shape, chunks=chunk_sizes(chunks, len(shape)), dtype=np.int8)

    def block(x, block_info=None):
        where = block_info[None]["array-location"][1:]
        part = {n: grid[n][a:b] for n, (a, b) in zip(dims, where, strict=True)}
        table = solve_table(dataclasses.replace(job, grid=part), part, outcome_only)
        return _pack(table, names, size)

    packed = template.map_blocks(block, dtype=float, new_axis=0, chunks=((size,), *template.chunks))
    if not lazy:
        packed = compute_on_cluster(packed, client, progress)
    return _dataset(job, packed, names, labels, columns, dims, "dask (lazy)" if lazy else "dask")


def _region_names(job) -> tuple[str, ...]:
    """The model's region names, read from its closed form at one point of the grid."""
    fixed = {k: float(v) for k, v in job.fixed_exact.items()}
    if hasattr(job.model, "names_on"):   # the generic PBE path: the shapes found at seeds over the whole grid
        mesh = np.meshgrid(*job.grid.values(), indexing="ij", sparse=True)
        return tuple(job.model.names_on({**fixed, **dict(zip(job.grid, mesh, strict=True))}))
    first = {**fixed, **{k: float(v[0]) for k, v in job.grid.items()}}
    with np.errstate(divide="ignore", invalid="ignore"):
        return tuple(job.model.regions(first).names)


def _columns(job, outcome_only: bool) -> dict[str, list[str]]:
    if outcome_only:
        return {}
    grid = ProfileGrid(job.game)
    return {"payoff": list(job.game.players), "outcome_probability": list(grid.labels),
            "action_probability": [f"{h}: {a}" for h, a in grid.choices]}


def _pack(table, names: tuple[str, ...], size: int) -> np.ndarray:
    extra = [n for n in table.names if n not in names]
    if extra:
        raise SolverError(f"the exact solver of model {table.job.model.name!r} found the equilibrium {extra[0]!r}, "
                          "which its closed form does not list; sweep with backend='numpy'")
    out = np.empty((size, *table.shape))
    out[0], out[1] = table.codes, label_masks(table.outcomes > 0)
    out[2], out[3] = table.knife, table.count
    if not table.outcome_only:
        stacked = np.concatenate([table.payoffs, table.outcomes, table.actions], axis=-1)
        out[len(HEAD):] = np.moveaxis(stacked, -1, 0)
    return out


def _dataset(job, packed, names, labels, columns, dims, backend: str) -> xr.Dataset:
    masks = packed[1].astype(np.int64)
    if isinstance(masks, np.ndarray):
        outcome, plays = plays_from_masks(masks, labels)
    else:  # lazy: every set of labels is a possible play, its code the mask itself
        outcome, plays = masks.astype(np.int16), [mask_name(m, labels) for m in range(1 << len(labels))]
    arrays = {"outcome": outcome, "equilibrium": packed[0].astype(np.int16), "knife_edge": packed[2] > 0.5,
              "equilibria": packed[3].astype(np.int32)}
    start = len(HEAD)
    for name, column in columns.items():
        part = packed[start:start + len(column)]
        arrays[name] = part.transpose(*range(1, part.ndim), 0)
        start += len(column)
    coords = {**job.grid, "play": plays, "equilibrium_name": list(names)}
    coords.update({VARIABLES[name][0]: column for name, column in columns.items()})
    return sweep_dataset(arrays, coords, dims, attributes(job, getattr(job.model, "sweep_method", METHOD), backend))
