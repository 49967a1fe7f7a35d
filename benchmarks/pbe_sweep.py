"""A 401x401 sweep of the unilateral deterrence game through the generic PBE path, against two anchors.

The sweep under test is ``sweep("unilateral", over={"p_Def": x, "p_Ch": x}, offpath=RULE)`` on the cell
centres ``x = (2k + 1) / 802`` (no grid point on a threshold), timed in CPU seconds (``time.process_time``,
best of ``--repeats``).  Anchors, measured in the same run:

- **point by point**: ``model.solve`` at ``--sample`` grid points drawn with a fixed seed, scaled to the whole
  grid (a full per-point sweep takes about half an hour);
- **hand-written regions** (optional, ``--old PATH``): the same sweep run in a subprocess on an older checkout
  whose ``unilateral`` model still supplied its closed-form ``grid_regions`` (the D1 path the generic one
  replaces; e.g. a worktree of commit 043f9b5).  Only D1 is comparable: the old regions knew no other rule.

Ratios are what the issue's targets read: generic / hand-written (target: at most 3) and point by point /
generic (target: at least 1,000).

Run from the repository root::

    python benchmarks/pbe_sweep.py --old /tmp/old-checkout [--shifted]
    python benchmarks/pbe_sweep.py --rule free --repeats 1
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

import numpy as np

from escalation.analysis.sweep import sweep
from escalation.models import get_model
from escalation.numbers import exact

N = 401


def axis(n: int = N, shifted: bool = False) -> np.ndarray:
    """Cell centres of [0, 1] (the middle one is 1/2 = alpha_H = beta at the defaults: a line of knife edges), or
    the same squeezed so that no point lies on a threshold."""
    x = (2 * np.arange(n) + 1) / (2 * n)
    return x * 0.999 + 0.0003 if shifted else x


def time_generic(rule: str | None, repeats: int, shifted: bool) -> tuple[float, str]:
    best, method = float("inf"), ""
    for _ in range(repeats):
        start = time.process_time()
        ds = sweep("unilateral", over={"p_Def": axis(shifted=shifted), "p_Ch": axis(shifted=shifted)}, offpath=rule)
        best = min(best, time.process_time() - start)
        method = ds.attrs["method"]
    return best, method


def time_pointwise(rule: str | None, sample: int, shifted: bool) -> float:
    model = get_model("unilateral")
    rng = np.random.default_rng(0)
    x = axis(shifted=shifted)
    picks = rng.integers(0, N, size=(sample, 2))
    options = {} if rule is None else {"offpath": rule}
    start = time.process_time()
    for i, j in picks:
        model.solve(p_Def=exact(float(x[i])), p_Ch=exact(float(x[j])), **options)
    return (time.process_time() - start) / sample * N * N


OLD_SCRIPT = """
import time, numpy as np
from escalation.analysis.sweep import sweep
x = (2 * np.arange({n}) + 1) / (2 * {n})
x = x * 0.999 + 0.0003 if {shifted} else x
best = float("inf")
for _ in range({repeats}):
    start = time.process_time()
    sweep("unilateral", over={{"p_Def": x, "p_Ch": x}})
    best = min(best, time.process_time() - start)
print(best)
"""


def time_old(path: str, repeats: int, shifted: bool) -> float:
    env = {**os.environ, "PYTHONPATH": path}
    out = subprocess.run([sys.executable, "-c", OLD_SCRIPT.format(n=N, repeats=repeats, shifted=shifted)], env=env,
                         cwd=path,
                         capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rule", default="D1", help="off-path rule of the generic sweep (default D1)")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--sample", type=int, default=400, help="points solved one by one for the per-point anchor")
    parser.add_argument("--old", help="checkout whose unilateral model has grid_regions (anchor for D1)")
    parser.add_argument("--shifted", action="store_true", help="a grid with no point on a threshold")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    generic, method = time_generic(args.rule, args.repeats, args.shifted)
    grid = "shifted: no point on a threshold" if args.shifted else "cell centres: the lines p = 1/2 are knife edges"
    print(f"machine: {os.cpu_count()} CPUs, load average {load:.2f}; rule {args.rule}; grid {N}x{N} ({grid})")
    print(f"generic PBE sweep         {generic:8.2f} s   ({method})")
    pointwise = time_pointwise(args.rule, args.sample, args.shifted)
    print(f"point by point (scaled)   {pointwise:8.0f} s   ratio point-by-point / generic = {pointwise / generic:,.0f}")
    if args.old:
        old = time_old(args.old, args.repeats, args.shifted)
        print(f"hand-written grid_regions {old:8.2f} s   ratio generic / hand-written = {generic / old:.2f}")


if __name__ == "__main__":
    main()
