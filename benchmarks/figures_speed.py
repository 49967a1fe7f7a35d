"""How long ``escalation figures`` takes, and what the sweeps gained over solving each grid point exactly.

Run ``python benchmarks/figures_speed.py``.  In one run on one machine it measures

* ``escalation figures --out <tmp>`` as a fresh process (what a user waits for): wall time and the CPU
  time of the process (wall time alone is unreliable when other work shares the machine);
* the anchor: the UDG map as the figures drew it before issue 12, the model's exact solver at each
  point of a 20 x 20 grid, against the vectorised sweep on the 400 x 400 grid drawn now (400 times the
  points); the ratio is sweep time over anchor time.

The machine's load average is printed with the numbers.  Nothing is asserted.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from fractions import Fraction

import numpy as np

from escalation.analysis import sweep
from escalation.models import get_model


def _cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_command() -> tuple[float, float]:
    """``(wall seconds, CPU seconds)`` of ``escalation figures`` in a fresh process."""
    with tempfile.TemporaryDirectory() as out:
        cpu, start = _cpu_children(), time.perf_counter()
        subprocess.run([sys.executable, "-m", "escalation", "figures", "--out", out, "--no-progress"], check=True,
                       capture_output=True)
        return time.perf_counter() - start, _cpu_children() - cpu


def time_anchor(n: int = 20) -> float:
    """The old way: the UDG's exact solver at each point of an ``n`` x ``n`` grid of cell centres."""
    udg = get_model("unilateral")
    axis = [Fraction(2 * k + 1, 2 * n) for k in range(n)]
    start = time.perf_counter()
    for p_def in axis:
        for p_ch in axis:
            udg.solve(p_Ch=p_ch, p_Def=p_def)
    return time.perf_counter() - start


def time_sweep(n: int = 400) -> float:
    """The new way: the vectorised sweep of the UDG on an ``n`` x ``n`` grid (best of three)."""
    axis = (2 * np.arange(n) + 1) / (2 * n)
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        sweep("unilateral", over={"p_Def": axis, "p_Ch": axis})
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    print(f"load average before: {os.getloadavg()}")
    wall, cpu = time_command()
    anchor, swept = time_anchor(), time_sweep()
    print(f"load average after:  {os.getloadavg()}")
    print("| measurement | seconds |")
    print("|---|---|")
    print(f"| `escalation figures` (fresh process), wall | {wall:.1f} |")
    print(f"| `escalation figures` (fresh process), CPU | {cpu:.1f} |")
    print(f"| anchor: UDG exact solver on 20 x 20 points | {anchor:.2f} |")
    print(f"| UDG vectorised sweep on 400 x 400 points | {swept:.2f} |")
    print(f"| ratio sweep / anchor (400 times the points) | {swept / anchor:.3f} |")


if __name__ == "__main__":
    main()
