"""One Nash equilibrium of a large two-player game: our certified Lemke-Howson against Gambit's lcp, same run.

For square random games (seeded, integer payoffs from 0 .. 999) it times
``lemke_howson(game, initial_label=0)`` (float path, bases certified in exact
arithmetic, the profile verified exactly) against Gambit's
``lcp_solve(game, rational=..., use_strategic=True, stop_after=1)``, the
Lemke-Howson-type path-following of Gambit, in floats and in exact rationals.
Times are CPU seconds of the solving call (``time.process_time``, in the
process that solves, so that other work on a shared machine does not inflate
them), medians over the seeds; each Gambit call runs in a child process
with a limit on its CPU time (``>limit`` when over it).  Building the games is not timed.

Run from the repository root::

    python benchmarks/nash_lemke_howson.py                 # 10, 20, 50, 100 strategies, 3 seeds
    python benchmarks/nash_lemke_howson.py --sizes 200 --seeds 1 --limit 600
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import numpy as np
import pygambit
from cpu_limited import run_with_cpu_limit

from escalation.games import NormalFormGame
from escalation.solvers.lemke_howson import lemke_howson


def payoffs(size: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(7000 + 1000 * size + seed)
    return tuple(rng.integers(0, 1000, (size, size)) for _ in range(2))


def _gambit_child(a, b, rational: bool, sender) -> None:
    g = pygambit.Game.from_arrays(a.astype(object), b.astype(object))
    start = time.process_time()
    pygambit.nash.lcp_solve(g, rational=rational, use_strategic=True, stop_after=1)
    sender.send(time.process_time() - start)


def gambit(a: np.ndarray, b: np.ndarray, rational: bool, limit: float) -> float | None:
    return run_with_cpu_limit(_gambit_child, (a, b, rational), limit)


def ours(a: np.ndarray, b: np.ndarray) -> tuple[float, str]:
    game = NormalFormGame.from_matrices(a.astype(object), b.astype(object))
    start = time.process_time()
    found = lemke_howson(game, initial_label=0)
    elapsed = time.process_time() - start
    return elapsed, "float" if "floats" in found.notes[1] else "exact"


def _median(times: list[float | None], limit: float) -> str:
    over = any(t is None for t in times)
    return (">" if over else "") + f"{statistics.median(limit if t is None else t for t in times):.4f}"


def row(size: int, seeds: int, limit: float) -> str:
    mine, arithmetic, floats, exact = [], [], [], []
    for seed in range(seeds):
        a, b = payoffs(size, seed)
        elapsed, how = ours(a, b)
        mine.append(elapsed)
        arithmetic.append(how)
        floats.append(gambit(a, b, rational=False, limit=limit))
        exact.append(gambit(a, b, rational=True, limit=limit))
    median = statistics.median(mine)
    anchor = statistics.median(limit if t is None else t for t in exact)  # a lower bound when a run is over
    ratio = ("<" if None in exact else "") + f"{median / anchor:.3f}"
    certified = sum(1 for how in arithmetic if how == "float")
    return (f"| {size}x{size} | {median:.4f} | {certified}/{seeds} | {_median(exact, limit)} | {ratio} | "
            f"{_median(floats, limit)} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 20, 50, 100])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--limit", type=float, default=300.0, help="seconds allowed to one Gambit call")
    args = parser.parse_args()
    ours(*payoffs(4, 0))  # warm up
    print(f"load average before: {os.getloadavg()}, pygambit {pygambit.__version__}")
    print("| size | ours (s) | float path certified | Gambit lcp exact (s) | ours / Gambit exact "
          "| Gambit lcp float (s) |")
    print("|---|---|---|---|---|---|")
    for size in args.sizes:
        print(row(size, args.seeds, args.limit), flush=True)
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
