"""Points per second of the vectorised tripwire sweep against per-point routes.

Run ``python benchmarks/sweep_throughput.py`` (add ``--big`` for the
10,000 x 10,000 dask sweep and its peak memory).  Measures, in one run on one
machine, on a 1000 x 1000 grid of force size F and cost of abandonment A:

* the vectorised sweep (:func:`escalation.analysis.sweep`, the full Dataset,
  tied points re-solved exactly), its ``outcome_only`` variant, and the core
  passes alone (:func:`~escalation.analysis.vectorised.backward_induction` for
  the outcome, :func:`~escalation.analysis.grid.solve_block` for every field,
  without building the Dataset);
* a hand-written numpy expression of the same region conditions;
* (a) the package's exact per-point solver, (b) nashpy support enumeration on
  the reduced normal form (lambdified once, evaluated per point), (c) pygambit
  (the point's exact tree written as .efg text, parsed, then ``lcp_solve`` in floats) -- each timed
  on a random subsample and scaled.

Vectorised timings are the best of three runs.  Nothing here is asserted;
the numbers go in the closing note.
"""

from __future__ import annotations

import argparse
import io
import resource
import subprocess
import sys
import time

import numpy as np
import sympy

from escalation.analysis import sweep
from escalation.analysis.compile import compile_tree
from escalation.analysis.grid import FIELDS, solve_block
from escalation.analysis.vectorised import backward_induction
from escalation.models import get_model
from escalation.numbers import exact

N = 1000
SUBSAMPLE = 200
F_RANGE, A_RANGE = (1.0, 300.0), (5.0, 45.0)


def grid(n: int = N) -> dict[str, np.ndarray]:
    return {"F": np.linspace(*F_RANGE, n), "A": np.linspace(*A_RANGE, n)}


def rate(points: int, seconds: float) -> float:
    return points / seconds


def timed(fn, *args, repeat: int = 1, **kwargs) -> tuple[float, object]:
    """The best of ``repeat`` wall-clock times, and the last result."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn(*args, **kwargs)
        best = min(best, time.perf_counter() - start)
    return best, out


def hand_written(F: np.ndarray, A: np.ndarray, v: dict[str, float]) -> np.ndarray:
    """The tripwire regions as direct numpy comparisons (outcome codes 0-4), written by hand."""
    p = F**v["m"] / (F**v["m"] + v["K"] ** v["m"])
    gain, nuclear = v["g"] - v["c_T"], v["q"] * v["N"]
    firm = (-v["W_C"] - nuclear) >= (-A - v["c_C"])
    threat_R = np.where(firm, gain - v["W_R"] - nuclear, gain + v["V"])
    threat_C = np.where(firm, -v["W_C"] - nuclear, -A - v["c_C"])
    back = (gain - v["s"] - v["h"]) >= threat_R
    rung_R = np.where(back, gain - v["s"] - v["h"], threat_R)
    rung_C = np.where(back, -v["c_C"], threat_C)
    respond = p * rung_C + (1 - p) * (-A - v["c_C"]) >= -A
    test_R = np.where(respond, p * rung_R + (1 - p) * (gain + v["V"]), gain + v["V"])
    hold = (v["g"] - v["s"]) >= test_R
    consent = np.where(hold, v["g"] - v["s"], test_R) >= 0
    return np.where(~consent, 0, np.where(hold, 1, np.where(~respond, 2, np.where(back, 3, 4))))


def sample_points(rng, k: int) -> list[dict[str, float]]:
    g = grid()
    return [{"F": float(rng.choice(g["F"])), "A": float(rng.choice(g["A"]))} for _ in range(k)]


def per_point_solver(model, points) -> float:
    seconds, _ = timed(lambda: [model.solve(**{k: exact(x) for k, x in pt.items()}) for pt in points])
    return rate(len(points), seconds)


def nashpy_route(model, points) -> float:
    import nashpy

    strategic = model.symbolic_game().to_normal_form(reduced=True)
    symbols = sorted(strategic_symbols(strategic), key=lambda s: s.name)
    fns = [sympy.lambdify(symbols, sympy.Matrix(strategic.payoffs[i]).tolist(), "numpy") for i in range(2)]
    defaults = {k: float(v) for k, v in model.parameters.defaults().items()}

    def solve(pt):
        args = [{**defaults, **pt}[s.name] for s in symbols]
        a, b = (np.array(f(*args), dtype=float) for f in fns)
        return list(nashpy.Game(a, b).support_enumeration())

    seconds, _ = timed(lambda: [solve(pt) for pt in points])
    return rate(len(points), seconds)


def strategic_symbols(strategic):
    out = set()
    for arr in strategic.payoffs:
        for e in np.asarray(arr, dtype=object).ravel():
            out |= sympy.sympify(e).free_symbols
    return out


def pygambit_route(model, points) -> float | None:
    try:
        import pygambit
    except ImportError:
        return None
    from escalation.io.efg import efg_text

    symbolic = model.symbolic_game()
    defaults = model.parameters.defaults()

    def solve(pt):
        game = symbolic.subs({**defaults, **{k: exact(x) for k, x in pt.items()}})
        g = pygambit.read_efg(io.StringIO(efg_text(game)))
        return pygambit.nash.lcp_solve(g, rational=False)

    seconds, _ = timed(lambda: [solve(pt) for pt in points])
    return rate(len(points), seconds)


def big_only(n: int = 10_000, chunk: int = 500) -> None:
    """A lazy dask sweep of n x n points reduced to outcome counts on a LocalCluster (threads)."""
    import dask
    from dask.distributed import Client, LocalCluster

    with LocalCluster(processes=False, n_workers=1, threads_per_worker=2, dashboard_address=":0") as cluster, \
            Client(cluster):
        ds = sweep("tripwire", over=grid(n), backend="dask", chunks=chunk, lazy=True)
        counts = [(ds.outcome == k).sum() for k in range(ds.sizes["play"])]
        start = time.perf_counter()
        totals = dask.compute(*(c.data for c in counts), ds.knife_edge.sum().data)
        seconds = time.perf_counter() - start
    print(f"dask {n}x{n}: {seconds:.1f} s, {n * n / seconds:,.0f} points/s; "
          f"plays {[int(t) for t in totals[:-1]]}, knife edges {int(totals[-1])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big", action="store_true", help="also run the 10,000 x 10,000 dask sweep")
    parser.add_argument("--big-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.big_only:
        big_only()
        return
    model = get_model("tripwire")
    g = grid()
    points = N * N
    sweep(model, over={k: v[:10] for k, v in g.items()})  # warm up (compilation, imports)
    t_sweep, ds = timed(sweep, model, over=g, repeat=3)
    t_lean, _ = timed(sweep, model, over=g, outcome_only=True, repeat=3)
    tree = compile_tree(model.symbolic_game())
    values = {**{k: float(v) for k, v in model.parameters.defaults().items()},
              **dict(zip(g, np.meshgrid(*g.values(), indexing="ij", sparse=True), strict=True))}
    t_block, block = timed(solve_block, tree, values, {}, repeat=3)
    t_core_lean, _ = timed(backward_induction, tree, values, outcome_only=True, repeat=3)
    t_hand, _ = timed(hand_written, values["F"], values["A"], values, repeat=3)
    rng = np.random.default_rng(0)
    pts = sample_points(rng, SUBSAMPLE)
    routes = {"(a) per-point exact solver": per_point_solver(model, pts),
              "(b) nashpy support enumeration": nashpy_route(model, pts),
              "(c) pygambit lcp_solve per point": pygambit_route(model, pts)}
    fast = rate(points, t_sweep)
    floats = sum(len(block[name]) for name in FIELDS)
    print(f"grid {N}x{N} = {points:,} points; knife edges found: {int(ds.knife_edge.sum())}")
    print(f"{'':34s}{'points/s':>14s} {'time':>9s}  vs hand-written numpy (target: within 5x)")
    rows = [("hand-written numpy regions", t_hand),
            ("sweep, outcome_only (Dataset)", t_lean),
            (f"sweep, full Dataset ({floats} floats/pt)", t_sweep),
            ("core pass, outcome_only", t_core_lean),
            ("core pass, all fields (no Dataset)", t_block)]
    for name, seconds in rows:
        print(f"{name:34s}{rate(points, seconds):14,.0f} {seconds * 1e3:7.1f} ms  {seconds / t_hand:5.1f}x")
    for name, r in routes.items():
        if r is None:
            print(f"{name:34s}  skipped (not installed)")
        else:
            print(f"{name:34s}{r:14,.0f} points/s  -> full sweep is {fast / r:,.0f}x faster")
    if args.big:
        child = subprocess.run([sys.executable, __file__, "--big-only"], check=True, capture_output=True, text=True)
        print(child.stdout.strip())
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024**2
        print(f"peak resident memory of the dask run: {peak:.2f} GiB")


if __name__ == "__main__":
    main()
