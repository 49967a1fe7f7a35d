"""The ``escalation sweep`` command: a model solved over a grid of parameter values.

``escalation sweep tripwire --over F=0:300:301 --over g=0:3:31 --set q=1/20 --out regions.nc``
solves the model at every grid point (:func:`escalation.analysis.sweep`) and
writes the Dataset as netCDF (``.nc``, through scipy's netCDF writer) or as a
flat table (``.csv``: one row per point, with the outcome's label, the
knife-edge flag, expected payoffs and outcome probabilities).  Without
``--out`` it prints how often each equilibrium play occurs on the grid.

>>> parse_range("F=0:300:4")
('F', array([  0., 100., 200., 300.]))
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .cli_models import parse_settings
from .errors import ParameterError
from .numbers import parse_exact

__all__ = ["parse_range", "sweep_table"]

FORMATS = (".nc", ".csv")


def _add_sweep(commands) -> None:
    p = commands.add_parser("sweep", help="solve a model over a grid of parameter values",
                            description="Solve a registered model at every point of a grid (one to five "
                                        "parameters) and write the result as netCDF (.nc) or CSV (.csv).")
    p.add_argument("model", metavar="MODEL", help="a registered model, e.g. tripwire")
    p.add_argument("--over", action="append", default=[], metavar="NAME=LO:HI:N", required=True,
                   help="sweep NAME over N evenly spaced values from LO to HI (repeatable, up to five)")
    p.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", dest="settings",
                   help="a fixed parameter value, exact values such as 1/4 accepted (repeatable)")
    p.add_argument("--out", type=Path, metavar="FILE", help="write the results to FILE.nc or FILE.csv")
    p.add_argument("--backend", choices=("numpy", "dask"), default="numpy", help="numpy (default) or dask")
    p.add_argument("--progress", action="store_true", help="show a progress bar (needs tqdm)")
    p.set_defaults(run=_run_sweep)


def _run_sweep(args: argparse.Namespace) -> int:
    from .analysis import sweep

    over: dict[str, np.ndarray] = {}
    for item in args.over:
        name, values = parse_range(item)
        if name in over:
            raise ParameterError(name, "is swept twice (--over); give one range per parameter")
        over[name] = values
    if args.out is not None and args.out.suffix not in FORMATS:
        raise ParameterError("out", f"write .nc (netCDF) or .csv, got {args.out.name!r}")
    ds = sweep(args.model, over=over, fixed=parse_settings(args.settings), backend=args.backend,
               progress=args.progress)
    if args.out is None:
        print(summary(ds))
    elif args.out.suffix == ".nc":
        ds.to_netcdf(args.out, engine="scipy")
        print(f"{ds.outcome.size} points written to {args.out}")
    else:
        sweep_table(ds).to_csv(args.out, index=False)
        print(f"{ds.outcome.size} points written to {args.out}")
    return 0


def parse_range(text: str) -> tuple[str, np.ndarray]:
    """``"name=lo:hi:n"`` as ``(name, n evenly spaced values)``."""
    name, sep, spec = text.partition("=")
    parts = spec.split(":")
    if not sep or not name.strip() or len(parts) != 3:
        raise ParameterError(text, "a sweep range must look like name=lo:hi:n, e.g. F=0:300:301")
    try:
        lo, hi = (float(parse_exact(x.strip())) for x in parts[:2])
        n = int(parts[2])
    except (ValueError, TypeError, ParameterError) as err:
        raise ParameterError(name.strip(), f"cannot read the range {spec!r}: {err}") from None
    if n < 1:
        raise ParameterError(name.strip(), f"needs at least one point, got n={n}")
    return name.strip(), np.linspace(lo, hi, n)


def summary(ds) -> str:
    """How many grid points fall to each equilibrium play, and the knife edges."""
    counts = np.bincount(np.asarray(ds.outcome).ravel(), minlength=ds.sizes["play"])
    total = int(ds.outcome.size)
    dims = " x ".join(f"{d} ({ds.sizes[d]})" for d in ds.outcome.dims)
    lines = [f"model:       {ds.attrs['model']}", f"grid:        {dims} = {total} points",
             f"fixed:       {ds.attrs['fixed'] or '-'}", f"method:      {ds.attrs['method']}", ""]
    width = max(len(str(p)) for p in ds.play.values)
    lines += [f"  {p!s:<{width}}  {c:>9}  {c / total:7.2%}" for p, c in zip(ds.play.values, counts, strict=True)
              if c]
    lines += ["", f"knife edges: {int(ds.knife_edge.sum())} points (a mover indifferent; decided exactly)"]
    return "\n".join(lines)


def sweep_table(ds):
    """One row per grid point: parameters, outcome label, knife edge, payoffs, outcome probabilities."""
    import pandas as pd

    dims: Sequence[str] = ds.outcome.dims
    index = pd.MultiIndex.from_product([ds[d].values for d in dims], names=list(dims)).to_frame(index=False)
    columns = {"outcome": np.asarray(ds.play.values)[np.asarray(ds.outcome).ravel()],
               "knife_edge": np.asarray(ds.knife_edge).ravel(), "equilibria": np.asarray(ds.equilibria).ravel()}
    for k, player in enumerate(ds.player.values):
        columns[f"payoff {player}"] = np.asarray(ds.payoff)[..., k].ravel()
    for k, label in enumerate(ds.label.values):
        columns[f"P({label})"] = np.asarray(ds.outcome_probability)[..., k].ravel()
    return pd.concat([index, pd.DataFrame(columns)], axis=1)
