"""The dask backend of :func:`~.sweep.sweep`: the same block computation, chunk by chunk.

The grid is cut into chunks of ``chunks`` points per dimension; every chunk
runs :func:`~.grid.solve_block` (vectorised pass plus exact re-solve of its
tied points) as one task of a ``dask.array``; the task packs the block's named
arrays into one float array with a leading *field* axis (:class:`Layout`),
and the named arrays are sliced back out of it, with their own dtypes.  With ``compute=True`` (what
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
from .grid import FIELDS, solve_block

__all__ = ["Layout", "chunk_sizes", "compute_on_cluster", "lazy_block", "solve_chunked"]

DEFAULT_CHUNK = 250
DTYPES = {"outcome": np.int16, "knife_edge": bool, "equilibria": np.int32}


class Layout:
    """Where each named array of a solved block sits on the field axis of its packed float form.

    >>> import sympy
    >>> from escalation.games import ExtensiveFormGame, decision, outcome
    >>> from escalation.analysis.compile import compile_tree
    >>> x = sympy.Symbol("x")
    >>> game = ExtensiveFormGame(("A",), decision("A", {"l": outcome("a", (x,)), "r": outcome("b", (1,))}))
    >>> tree = compile_tree(game)
    >>> layout = Layout(tree)
    >>> layout.slots["action_probability"], layout.size
    (slice(3, 5, None), 8)
    >>> block = solve_block(tree, {"x": np.array([0.0, 1.0, 2.0])}, {})
    >>> unpacked = layout.unpack(layout.pack(block))
    >>> all(np.array_equal(unpacked[k], block[k]) and unpacked[k].dtype == block[k].dtype for k in block)
    True
    """

    def __init__(self, tree: CompiledTree, outcome_only: bool = False) -> None:
        counts = {"payoff": len(tree.game.players), "outcome_probability": len(tree.labels),
                  "action_probability": len(tree.choices)}
        names = [*([] if outcome_only else FIELDS), *DTYPES]
        self.slots: dict[str, slice | int] = {}
        start = 0
        for name in names:
            width = counts.get(name, 1)
            self.slots[name] = slice(start, start + width) if name in FIELDS else start
            start += width
        self.size = start

    def pack(self, block: Mapping[str, np.ndarray]) -> np.ndarray:
        """The named arrays as one float array of shape ``(size, *grid)``."""
        shape = block["outcome"].shape
        out = np.empty((self.size, *shape))
        for name, slot in self.slots.items():
            out[slot] = block[name]
        return out

    def unpack(self, packed) -> dict[str, Any]:
        """The named arrays back from a packed (numpy or dask) array."""
        return {name: packed[slot] if name in FIELDS else packed[slot].astype(DTYPES[name])
                for name, slot in self.slots.items()}


def lazy_block(tree: CompiledTree, grid: Mapping[str, np.ndarray], fixed: Mapping[str, Any],
               chunks: int | Sequence[int] | None = None, outcome_only: bool = False,
               exact_grid: Mapping[str, Mapping[float, Any]] | None = None) -> dict[str, Any]:
    """The named arrays of :func:`~.grid.solve_block` for the whole grid, as lazy ``dask.array`` s."""
    return Layout(tree, outcome_only).unpack(_packed(tree, grid, fixed, chunks, outcome_only, exact_grid))


def _packed(tree: CompiledTree, grid: Mapping[str, np.ndarray], fixed: Mapping[str, Any],
            chunks: int | Sequence[int] | None, outcome_only: bool,
            exact_grid: Mapping[str, Mapping[float, Any]] | None = None):
    """A ``dask.array`` of shape ``(fields, *grid)`` whose blocks are packed solved grids."""
    import dask.array as da

    shape = tuple(len(v) for v in grid.values())
    sizes = chunk_sizes(chunks, len(shape))
    names = list(grid)
    layout = Layout(tree, outcome_only)
    template = da.zeros(shape, chunks=sizes, dtype=np.int8)

    def block(x, block_info=None):
        where = block_info[None]["array-location"][1:]
        axes = [grid[n][a:b] for n, (a, b) in zip(names, where, strict=True)]
        values = dict(zip(names, np.meshgrid(*axes, indexing="ij", sparse=True), strict=True))
        return layout.pack(solve_block(tree, values, fixed, outcome_only, exact_grid))

    return template.map_blocks(block, dtype=float, new_axis=0, chunks=((layout.size,), *template.chunks))


def solve_chunked(tree: CompiledTree, grid: Mapping[str, np.ndarray], fixed: Mapping[str, Any], *,
                  chunks: int | Sequence[int] | None = None, client: Any = None, progress: bool = False,
                  outcome_only: bool = False,
                  exact_grid: Mapping[str, Mapping[float, Any]] | None = None) -> dict[str, np.ndarray]:
    """Compute :func:`lazy_block` on a distributed client and return the named numpy arrays."""
    lazy = _packed(tree, grid, fixed, chunks, outcome_only, exact_grid)
    return Layout(tree, outcome_only).unpack(compute_on_cluster(lazy, client, progress))


def compute_on_cluster(lazy, client: Any = None, progress: bool = False) -> np.ndarray:
    """Compute a ``dask.array`` on ``client``, the active client, or a temporary threaded ``LocalCluster``."""
    from dask.distributed import Client, LocalCluster

    with ExitStack() as stack:
        if client is None:
            try:
                client = Client.current()
            except ValueError:
                cluster = stack.enter_context(LocalCluster(processes=False, n_workers=1, dashboard_address=":0"))
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


def chunk_sizes(chunks: int | Sequence[int] | None, ndim: int) -> tuple[int, ...]:
    if chunks is None:
        chunks = DEFAULT_CHUNK
    sizes = (chunks,) * ndim if isinstance(chunks, int) else tuple(chunks)
    if len(sizes) != ndim or any(int(c) < 1 for c in sizes):
        raise ParameterError("chunks", f"give one positive chunk size, or one per swept parameter ({ndim})")
    return tuple(int(c) for c in sizes)
