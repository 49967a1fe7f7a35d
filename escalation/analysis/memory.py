r"""How much memory a sweep needs, estimated before anything is allocated, and the limit it must respect.

A sweep over a grid of :math:`n` points holds, per point, the play index
(2 bytes), the knife-edge flag (1), the number of equilibria (4) and one
float (8 bytes) per player, per outcome label and per action (per player
only with ``outcome_only``: the values backward induction carries up the
tree); the vectorised and closed-form passes need working arrays of up to
three times that size again, and the generic PBE path (a game with
information sets) :data:`GENERIC_PBE_ARRAYS` floats per node and player on
top (:data:`WORKING_FACTOR`; measured peaks with
``tracemalloc`` were 0.5 to 1.8 times the results for the tripwire,
escalation and Unilateral Deterrence sweeps), the per-point solver about
:data:`PER_POINT_OVERHEAD` bytes of Python objects per point.  A
request whose estimate exceeds :data:`SHARE` of the memory available now
(``psutil`` if installed, else ``/proc/meminfo``; but at least :data:`FLOOR`) is refused with a
:class:`~escalation.errors.ParameterError` naming the grid's size and the way
out: a coarser grid, or a lazy dask sweep (``backend="dask", lazy=True``;
``--backend dask`` on the command line), which computes the grid chunk by
chunk and never holds it whole.

>>> estimate_bytes(10**6, players=2, labels=4, choices=6, outcome_only=False, per_point=False)
412000000
>>> format_bytes(3.7e9)
'3.7 GB'
"""

from __future__ import annotations

import os
from typing import Any

from ..errors import ParameterError, TooLargeError

__all__ = ["FLOOR", "GENERIC_PBE_ARRAYS", "PER_POINT_OVERHEAD", "SHARE", "WORKING_FACTOR", "available_memory",
           "check_memory", "estimate_bytes", "format_bytes"]

SHARE = 0.5
"""The share of the available memory a sweep may plan to use."""

FLOOR = 256 * 10**6
"""A sweep may always plan this much (bytes), however busy the machine: small sweeps are never refused."""

WORKING_FACTOR = 4
"""Peak memory of the vectorised and closed-form passes over the size of their results (an upper bound)."""

GENERIC_PBE_ARRAYS = 6
"""Float arrays per node and player that the generic PBE path holds at once (``nodes`` given for a game with
information sets): continuation values, the others' reach, and payoff bounds for the refinements."""

PER_POINT_OVERHEAD = 4000
"""Bytes of Python objects per point of a point-by-point sweep (solutions and rows kept until the end)."""

_INDEX_BYTES = 2 + 1 + 4  # play index (int16), knife-edge flag (bool), number of equilibria (int32)


def estimate_bytes(points: int, *, players: int, labels: int, choices: int, outcome_only: bool,
                   per_point: bool, nodes: int = 0) -> int:
    """The memory a sweep of ``points`` points needs at its peak, in bytes (see the module docstring)."""
    fields = 8 * (players if outcome_only else players + labels + choices)
    result = points * (_INDEX_BYTES + fields)
    if per_point:
        return result + points * PER_POINT_OVERHEAD
    return WORKING_FACTOR * result + points * GENERIC_PBE_ARRAYS * 8 * nodes * players


def available_memory() -> int | None:
    """The memory available to a new allocation now, in bytes (``None`` if the system does not say)."""
    try:
        import psutil
    except ImportError:
        pass
    else:
        return int(psutil.virtual_memory().available)
    try:
        with open("/proc/meminfo", encoding="ascii") as info:
            for line in info:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def format_bytes(size: float) -> str:
    """``size`` bytes in decimal units, e.g. ``'3.7 GB'``."""
    for unit, scale in (("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{int(size)} bytes"


def check_memory(points: int, shape: tuple[int, ...], counts: dict[str, int], *, outcome_only: bool, per_point: bool,
                 lazy: bool, limit: int | None = None) -> None:
    """Refuse (:class:`~escalation.errors.TooLargeError`, naming the size and the way out) a sweep that would not
    fit in memory.

    ``counts`` gives the numbers of ``players``, ``labels`` and ``choices``;
    ``limit`` overrides :data:`SHARE` of :func:`available_memory` (the
    environment variable ``ESCALATION_MEMORY_LIMIT``, in bytes, does too).
    """
    if lazy and not per_point:
        return
    needed = estimate_bytes(points, outcome_only=outcome_only, per_point=per_point, **counts)
    allowed = _limit(limit)
    if allowed is None or needed <= allowed:
        return
    grid = " x ".join(f"{n:,}" for n in shape)
    size = (f"the grid of {grid} = {points:,} points needs about {format_bytes(needed)} of memory, more than the "
            f"{format_bytes(allowed)} this sweep may use ({_source(limit)})")
    ways_out = ["a coarser grid"]
    if not per_point:
        ways_out += ["outcome_only=True", "a lazy dask sweep (backend='dask', lazy=True), which computes the grid "
                                          "chunk by chunk"]
    raise TooLargeError("over", size, ways_out, chunkable=not per_point)


def _source(limit: Any) -> str:
    """Where the memory limit came from, in words."""
    if limit is not None:
        return "the limit given"
    if os.environ.get("ESCALATION_MEMORY_LIMIT"):
        return "set by ESCALATION_MEMORY_LIMIT"
    return "half the memory available now"


def _limit(limit: Any) -> int | None:
    if limit is not None:
        return int(limit)
    configured = os.environ.get("ESCALATION_MEMORY_LIMIT")
    if configured:
        try:
            return int(float(configured))
        except ValueError:
            raise ParameterError("ESCALATION_MEMORY_LIMIT", f"must be a number of bytes, got {configured!r}") from None
    available = available_memory()
    return None if available is None else max(FLOOR, int(SHARE * available))
