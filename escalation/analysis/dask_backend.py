"""The dask backend of :func:`~.sweep.sweep`: the same block computation, chunk by chunk.

The grid is cut into chunks of ``chunks`` points per dimension; every chunk
runs :func:`~.grid.solve_block` (vectorised pass plus exact re-solve of its
tied points) as one task of a ``dask.array``.  With ``compute=True`` (what
``sweep`` does) the tasks run on ``client`` -- a ``dask.distributed.Client``
-- or, when none is given and none is active, on a temporary
``LocalCluster`` (threads in this process); with ``compute=False`` the lazy
array is returned, so that a grid larger than memory can be reduced or
written out chunk by chunk (e.g. ``ds.to_zarr`` or ``ds.outcome.mean()``).

dask and distributed come with the ``parallel`` extra.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from typing import Any

import numpy as np

from ..errors import ParameterError
from .compile import CompiledTree
from .grid import Fields, solve_block

__all__ = ["lazy_block", "solve_chunked"]

DEFAULT_CHUNK = 250


def lazy_block(tree: CompiledTree, grid: Mapping[str, np.ndarray], fixed: Mapping[str, Any],
               chunks: int | Sequence[int] | None = None, outcome_only: bool = False):
    """A ``dask.array`` of shape ``(fields, *grid)`` whose blocks are solved grids."""
    import dask.array as da

    shape = tuple(len(v) for v in grid.values())
    sizes = _chunk_sizes(chunks, len(shape))
    names = list(grid)
    size = Fields(tree, outcome_only).size
    template = da.zeros(shape, chunks=sizes, dtype=np.int8)

    def block(x, block_info=None):
        where = block_info[None]["array-location"][1:]
        axes = [grid[n][a:b] for n, (a, b) in zip(names, where, strict=True)]
        values = dict(zip(names, np.meshgrid(*axes, indexing="ij", sparse=True), strict=True))
        return solve_block(tree, values, fixed, outcome_only)

    return template.map_blocks(block, dtype=float, new_axis=0, chunks=((size,), *template.chunks))


def solve_chunked(tree: CompiledTree, grid: Mapping[str, np.ndarray], fixed: Mapping[str, Any], *,
                  chunks: int | Sequence[int] | None = None, client: Any = None, progress: bool = False,
                  outcome_only: bool = False) -> np.ndarray:
    """Compute :func:`lazy_block` on a distributed client and return the numpy result."""
    from dask.distributed import Client, LocalCluster

    lazy = lazy_block(tree, grid, fixed, chunks, outcome_only)
    with ExitStack() as stack:
        if client is None:
            try:
                client = Client.current()
            except ValueError:
                cluster = stack.enter_context(LocalCluster(processes=False, n_workers=1, dashboard_address=None))
                client = stack.enter_context(Client(cluster))
        persisted = client.persist(lazy)
        if progress:
            _show_progress(persisted)
        return client.compute(persisted).result()


def _show_progress(persisted) -> None:
    """A tqdm bar advancing as each chunk finishes (nothing if tqdm is not installed)."""
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return
    from dask.distributed import as_completed, futures_of

    futures = futures_of(persisted)
    for _ in tqdm(as_completed(futures), total=len(futures), desc="sweep (dask chunks)"):
        pass


def _chunk_sizes(chunks: int | Sequence[int] | None, ndim: int) -> tuple[int, ...]:
    if chunks is None:
        chunks = DEFAULT_CHUNK
    sizes = (chunks,) * ndim if isinstance(chunks, int) else tuple(chunks)
    if len(sizes) != ndim or any(int(c) < 1 for c in sizes):
        raise ParameterError("chunks", f"give one positive chunk size, or one per swept parameter ({ndim})")
    return tuple(int(c) for c in sizes)
