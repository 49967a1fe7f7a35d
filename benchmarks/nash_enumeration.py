"""All extreme Nash equilibria of two-player games: ours against Gambit's enummixed, timed in the same run.

For every size from 4x4 to 12x12 and two kinds of random game (seeded):

- ``nondegenerate``: distinct integer payoffs drawn from 0 .. 10^6;
- ``degenerate``: payoffs from {0, 1, 2, 3}, so that ties abound (the table
  says how many of the drawn games really are degenerate);

it times ``nash_equilibria(game)`` (the default, with its Lemke-Howson
cross-check), ``nash_equilibria(game, cross_check=False)``, and Gambit's
``enummixed_solve(game, rational=True)`` (exact, the anchor) and
``rational=False`` (floats).  Times are CPU seconds of the solving call
(``time.process_time``, in the process that solves), so that other work on a
shared machine does not inflate them; they are medians over the seeds of each
solver's best of five runs (one run from 8x8 up).  Each Gambit call runs in a
child process with a limit on its CPU time; a call over the limit counts as
the limit and is shown as ``>limit`` (the ratio is then an upper bound).  The last column says
whether our equilibria equal Gambit's exact ones on every game where Gambit
finished.

Run from the repository root (pygambit is in the ``test`` extra)::

    python benchmarks/nash_enumeration.py              # 4x4 .. 12x12, 3 seeds, Gambit limited to 300 s
    python benchmarks/nash_enumeration.py --sizes 4 6 8 --seeds 5 --limit 60
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from fractions import Fraction

import numpy as np
import pygambit
from cpu_limited import run_with_cpu_limit

from escalation.games import NormalFormGame
from escalation.solvers.nash import nash_equilibria

KINDS = ("nondegenerate", "degenerate")


def payoffs(size: int, kind: str, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(1000 * size + seed + (0 if kind == "nondegenerate" else 500))
    if kind == "nondegenerate":
        return tuple(rng.choice(10**6, size * size, replace=False).reshape(size, size) for _ in range(2))
    return tuple(rng.integers(0, 4, (size, size)) for _ in range(2))


def _profiles_of(g, equilibria) -> list[tuple]:
    return sorted(tuple(tuple(str(Fraction(eq[s])) for s in player.strategies) for player in g.players)
                  for eq in equilibria)


def _gambit_child(a, b, rational: bool, repeats: int, sender) -> None:
    g = pygambit.Game.from_arrays(a.astype(object), b.astype(object))
    times = []
    for _ in range(repeats):
        start = time.process_time()
        result = pygambit.nash.enummixed_solve(g, rational=rational)
        times.append(time.process_time() - start)
    sender.send((min(times), _profiles_of(g, result.equilibria) if rational else None))


def gambit(a: np.ndarray, b: np.ndarray, rational: bool, limit: float,
           repeats: int) -> tuple[float | None, list | None]:
    """Gambit's best time of ``repeats`` (None when over ``limit``) and, when exact, its equilibria as strings."""
    found = run_with_cpu_limit(_gambit_child, (a, b, rational, repeats), limit)
    return (None, None) if found is None else found


def ours(a: np.ndarray, b: np.ndarray, cross_check: bool, repeats: int) -> tuple[float, list, bool]:
    """Our best time of ``repeats``, our equilibria as strings, and whether the game is degenerate."""
    game = NormalFormGame.from_matrices(a.astype(object), b.astype(object))
    times = []
    for _ in range(repeats):
        start = time.process_time()
        result = nash_equilibria(game, cross_check=cross_check)
        times.append(time.process_time() - start)
    elapsed = min(times)
    found = sorted(tuple(tuple(str(p) for p in s.strategies[player].values()) for player in s.players)
                   for s in result)
    return elapsed, found, result.degenerate


def _median(times: list[float | None], limit: float) -> tuple[float, bool]:
    """The median, counting runs over the limit as the limit; and whether any was over."""
    return statistics.median(limit if t is None else t for t in times), any(t is None for t in times)


def _cell(value: float, over: bool) -> str:
    return (">" if over else "") + f"{value:.4f}"


def row(size: int, kind: str, seeds: int, limit: float) -> str:
    timings: dict[str, list] = {"ours": [], "ours_no_check": [], "exact": [], "float": []}
    degenerate = agree = finished = 0
    repeats = 5 if size <= 7 else 1
    for seed in range(seeds):
        a, b = payoffs(size, kind, seed)
        elapsed, found, is_degenerate = ours(a, b, cross_check=True, repeats=repeats)
        timings["ours"].append(elapsed)
        timings["ours_no_check"].append(ours(a, b, cross_check=False, repeats=repeats)[0])
        exact_time, theirs = gambit(a, b, rational=True, limit=limit, repeats=repeats)
        timings["exact"].append(exact_time)
        timings["float"].append(gambit(a, b, rational=False, limit=limit, repeats=repeats)[0])
        degenerate += is_degenerate
        if theirs is not None:
            finished += 1
            agree += sorted(set(theirs)) == found  # Gambit may list an equilibrium twice
    ours_time, ours_check = statistics.median(timings["ours"]), statistics.median(timings["ours_no_check"])
    exact, exact_over = _median(timings["exact"], limit)
    floats, float_over = _median(timings["float"], limit)
    ratio = ("<" if exact_over else "") + f"{ours_time / exact:.3f}"
    return (f"| {size}x{size} | {kind} | {degenerate}/{seeds} | {ours_time:.4f} | {ours_check:.4f} | "
            f"{_cell(exact, exact_over)} | {ratio} | {_cell(floats, float_over)} | {ours_time / floats:.2f} | "
            f"{agree}/{finished} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(range(4, 13)))
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--limit", type=float, default=300.0, help="seconds allowed to one Gambit call")
    args = parser.parse_args()
    ours(*payoffs(4, "degenerate", 0), cross_check=True, repeats=1)  # warm up: imports and first-call caches
    print(f"load average before: {os.getloadavg()}, pygambit {pygambit.__version__}")
    print("| size | kind | degenerate | ours (s) | ours, no cross-check (s) | Gambit exact (s) | ours / Gambit exact "
          "| Gambit float (s) | ours / Gambit float | same equilibria |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for size in args.sizes:
        for kind in KINDS:
            print(row(size, kind, args.seeds, args.limit), flush=True)
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
