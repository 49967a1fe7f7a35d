"""Random perfect-information binary trees for the tree benchmarks, and the numpy pass they are timed against.

``binary_tree(depth, seed)`` gives the arrays of a complete binary tree with
``2**depth`` leaves in level order (node ``k`` has children ``2k+1`` and
``2k+2``), the players alternating by level, integer payoffs drawn from
``[-10**9, 10**9)`` (ties at a maximum are then practically impossible, so the
subgame-perfect equilibrium is unique).  ``numpy_pass`` is backward induction
on exactly that layout written directly in numpy: at every level the two
children of each node sit side by side, and the mover keeps the better one.
It is the limit a general solver on the same hardware can approach.
"""

from __future__ import annotations

import time

import numpy as np


def binary_tree(depth: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(parents, movers, payoffs)`` of a complete binary tree with ``2**depth`` leaves (level order)."""
    n = 2 ** (depth + 1) - 1
    parents = np.r_[-1, (np.arange(1, n) - 1) // 2]
    movers = np.floor(np.log2(np.arange(n) + 1)).astype(np.int64) % 2
    payoffs = np.random.default_rng(seed).integers(-10**9, 10**9, size=(2**depth, 2))
    return parents, movers, payoffs


def numpy_pass(payoffs: np.ndarray, depth: int) -> np.ndarray:
    """The subgame-perfect payoffs at the root, level by level (the mover at depth ``d`` is ``d % 2``)."""
    value = payoffs
    for d in range(depth - 1, -1, -1):
        left, right = value[0::2], value[1::2]
        value = np.where((right[:, d % 2] > left[:, d % 2])[:, None], right, left)
    return value[0]


def cpu_time(fn, *args, repeat: int = 3, budget: float = 1.0):
    """The best CPU time (``time.process_time``) over at least ``repeat`` calls, and the last result.

    Calls are repeated until ``budget`` CPU seconds are spent (at most 500 calls), so that short
    calls are measured as often as long ones can be; the minimum is the least disturbed run.  CPU
    time of this process is what other work on a shared machine inflates least.
    """
    best, out, spent, calls = float("inf"), None, 0.0, 0
    while calls < repeat or (spent < budget and calls < 500):
        start = time.process_time()
        out = fn(*args)
        took = time.process_time() - start
        best, spent, calls = min(best, took), spent + took, calls + 1
    return best, out


def machine_load() -> str:
    with open("/proc/loadavg") as handle:
        return "load average " + " ".join(handle.read().split()[:3])


def seconds(x: float | None) -> str:
    if x is None:
        return "-"
    if x < 1e-3:
        return f"{x * 1e6:.0f} us"
    return f"{x * 1000:.1f} ms" if x < 1 else f"{x:.2f} s"
