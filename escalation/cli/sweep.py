"""``escalation sweep``: a model solved over a grid of parameter values.

``escalation sweep tripwire --over F=0:300:301 --over g=0:3:31 --set q=1/20 --out regions.nc``
solves the model at every grid point (:func:`escalation.analysis.sweep`) and
writes the Dataset as netCDF (``.nc``, through scipy's netCDF writer) or as a
flat table (``.csv``: one row per point, with the outcome's label, the
knife-edge flag, expected payoffs and outcome probabilities).  Without
``--out`` it prints how often each equilibrium play occurs on the grid.
``--backend dask`` computes the grid chunk by chunk and writes or counts it
the same way, never holding the whole grid in memory (the ``parallel`` extra).

>>> parse_range("F=0:300:4")
('F', [Fraction(0, 1), Fraction(100, 1), Fraction(200, 1), Fraction(300, 1)])
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..errors import MissingExtraError, ParameterError, TooLargeError
from .solve import add_settings, parse_settings

__all__ = ["FORMATS", "add", "parse_range", "run", "summary", "sweep_table"]

FORMATS = (".nc", ".csv")
MAX_POINTS_PER_AXIS = 10**8


def add(commands: Any) -> None:
    """Declare ``escalation sweep``."""
    p = commands.add_parser("sweep", help="solve a model over a grid of parameter values",
                            description="Solve a registered model at every point of a grid (one to five "
                                        "parameters) and write the result as netCDF (.nc) or CSV (.csv).")
    p.add_argument("model", metavar="MODEL", help="a registered model, e.g. tripwire")
    p.add_argument("--over", action="append", default=[], metavar="NAME=LO:HI:N", required=True,
                   help="sweep NAME over N evenly spaced values from LO to HI (repeatable, up to five)")
    add_settings(p)
    p.add_argument("--out", type=Path, metavar="FILE", help="write the results to FILE.nc or FILE.csv")
    p.add_argument("--backend", choices=("numpy", "dask"), default="numpy",
                   help="numpy (default), or dask: chunk by chunk, for grids larger than memory")
    p.add_argument("--progress", action="store_true", help="show a progress bar")
    p.set_defaults(run=run)


def parse_range(text: str) -> tuple[str, Any]:
    """``"name=lo:hi:n"`` as ``(name, n evenly spaced values from lo to hi)``; ParameterError if malformed.

    ``lo`` and ``hi`` are exact numbers (see :mod:`escalation.numbers`), ``n`` a whole number; the values
    are exact (Fractions) up to ``EXACT_POINTS`` of them, floats beyond.
    """
    name, low, high, n = _split_range(text)
    return name, _values(name, low, high, n)


def _split_range(text: str) -> tuple[str, str, str, int]:
    name, sep, spec = text.partition("=")
    parts = [x.strip() for x in spec.split(":")]
    name = name.strip()
    if not sep or not name or len(parts) != 3:
        raise ParameterError(text, "a sweep range must look like name=lo:hi:n, e.g. F=0:300:301")
    count = parts[2]
    if not count.isascii() or not count.isdigit():
        raise ParameterError(name, f"the number of points in {spec!r} must be a whole number such as 301, "
                                   f"got {count!r}")
    n = int(count) if len(count) <= 9 else MAX_POINTS_PER_AXIS + 1
    if n < 1 or n > MAX_POINTS_PER_AXIS:
        raise ParameterError(name, f"needs from 1 to {MAX_POINTS_PER_AXIS:,} points, got n={count}")
    return name, parts[0], parts[1], n


EXACT_POINTS = 100_000
"""Up to this many points per range, the sweep gets each point's exact value (``0:1:4`` has 1/3 exactly)."""


def _values(name: str, low: str, high: str, n: int):
    """``n`` evenly spaced values from ``low`` to ``high``: exact Fractions, or floats for very long ranges."""
    from fractions import Fraction

    import numpy as np

    from ..numbers import NumberError, rational_number

    try:
        lo, hi = (Fraction(int(x.p), int(x.q)) for x in (rational_number(low), rational_number(high)))
    except NumberError as exc:
        raise ParameterError(name, f"cannot read the range {low}:{high}:{n}: {exc}") from None
    if n > EXACT_POINTS:
        return np.linspace(float(lo), float(hi), n)
    step = (hi - lo) / (n - 1) if n > 1 else Fraction(0)
    return [lo + k * step for k in range(n)]


def run(args: argparse.Namespace) -> int:
    """Sweep, then print a summary or write the file."""
    grid: dict[str, Any] = {}
    for item in args.over:
        name, values = parse_range(item)
        if name in grid:
            raise ParameterError(name, "is swept twice (--over); give one range per parameter")
        grid[name] = values
    if args.out is not None and args.out.suffix not in FORMATS:
        raise ParameterError("out", f"write .nc (netCDF) or .csv, got {args.out.name!r}")
    fixed = parse_settings(args.settings)
    both = sorted(set(grid) & set(fixed))
    if both:
        raise ParameterError(both[0], "is both swept (--over) and set (--set); give one or the other")
    ds = _swept(args, grid, fixed)
    if args.out is None:
        print(summary(ds))
    elif args.out.suffix == ".nc":
        ds.to_netcdf(args.out, engine="scipy")
        print(f"{ds.outcome.size} points written to {args.out}")
    else:
        _check_table_memory(ds)
        sweep_table(ds).to_csv(args.out, index=False)
        print(f"{ds.outcome.size} points written to {args.out}")
    return 0


def _swept(args: argparse.Namespace, grid: dict[str, Any], fixed: dict[str, Any]):
    """The sweep's Dataset; a grid too large for memory or a missing dask is refused naming this command's options."""
    from ..analysis import sweep

    lazy = args.backend == "dask"
    try:
        return sweep(args.model, over=grid, fixed=fixed, backend=args.backend, progress=args.progress, lazy=lazy)
    except TooLargeError as err:
        way_out = "a coarser grid (a smaller N in --over)"
        if err.chunkable and not lazy:
            way_out += " or --backend dask, which computes the grid chunk by chunk"
        raise ParameterError("--over", f"{err.size}; use {way_out}") from None
    except MissingExtraError as err:
        if lazy and err.extra == "parallel":
            raise MissingExtraError(err.package, err.extra, "--backend dask") from None
        raise


def summary(ds) -> str:
    """How many grid points fall to each play (and each named equilibrium), and the knife edges.

    Counted chunk by chunk if the sweep is lazy.
    """
    tallies = [("play", "outcome")] + ([("equilibrium_name", "equilibrium")] if "equilibrium" in ds else [])
    sums = [(ds[variable] == k).sum() for coordinate, variable in tallies for k in range(ds.sizes[coordinate])]
    computed = iter(int(c) for c in _computed([*sums, ds.knife_edge.sum()]))
    total = int(ds.outcome.size)
    dims = " x ".join(f"{d} ({ds.sizes[d]})" for d in ds.outcome.dims)
    lines = [f"model:       {ds.attrs['model']}", f"grid:        {dims} = {total} points",
             f"fixed:       {ds.attrs['fixed'] or '-'}", f"method:      {ds.attrs['method']}"]
    for coordinate, _ in tallies:
        names = [str(p) for p in ds[coordinate].values]
        counts = [next(computed) for _ in names]
        width = max(len(p) for p in names)
        lines += ["", "outcome (labels reached):" if coordinate == "play" else "equilibrium (the solver's name):"]
        lines += [f"  {p:<{width}}  {c:>9}  {c / total:7.2%}" for p, c in zip(names, counts, strict=True) if c]
    lines += ["", f"knife edges: {next(computed)} points (a tie or a boundary; decided exactly)"]
    return "\n".join(lines)


def _computed(arrays: list) -> list:
    """The values of xarray reductions, computed together (one pass over a lazy grid)."""
    if any(a.chunks for a in arrays):
        import dask

        return [a.values for a in dask.compute(*arrays)]
    return [a.values for a in arrays]


def _check_table_memory(ds) -> None:
    """Refuse a CSV table that would not fit in memory (it is built whole before it is written)."""
    from ..analysis.memory import available_memory, format_bytes

    columns = len(ds.outcome.dims) + 3 + ds.sizes.get("player", 0) + ds.sizes.get("label", 0)
    needed = 3 * 8 * columns * int(ds.outcome.size)
    allowed = available_memory()
    if allowed is not None and needed > allowed // 2:
        raise ParameterError("out", f"a CSV table of {int(ds.outcome.size):,} rows needs about "
                                    f"{format_bytes(needed)} of memory to build; write .nc instead, or sweep a "
                                    "coarser grid")


def sweep_table(ds):
    """One row per grid point: parameters, outcome (labels reached), knife edge, equilibrium, payoffs, P(label)."""
    import numpy as np
    import pandas as pd

    dims = ds.outcome.dims
    index = pd.MultiIndex.from_product([ds[d].values for d in dims], names=list(dims)).to_frame(index=False)
    columns = {"outcome": np.asarray(ds.play.values)[np.asarray(ds.outcome).ravel()],
               "knife_edge": np.asarray(ds.knife_edge).ravel(), "equilibria": np.asarray(ds.equilibria).ravel()}
    if "equilibrium" in ds:
        columns["equilibrium"] = np.asarray(ds.equilibrium_name.values)[np.asarray(ds.equilibrium).ravel()]
    for k, player in enumerate(ds.player.values):
        columns[f"payoff {player}"] = np.asarray(ds.payoff)[..., k].ravel()
    for k, label in enumerate(ds.label.values):
        columns[f"P({label})"] = np.asarray(ds.outcome_probability)[..., k].ravel()
    return pd.concat([index, pd.DataFrame(columns)], axis=1)
