"""Run a function in a child process, stopping it once it has used ``limit`` seconds of CPU time.

The child sends its answer through a pipe; the parent reads the child's CPU
time from ``/proc`` twice a second and kills it past the limit.  (Setting
``RLIMIT_CPU`` in the child instead coarsens its ``time.process_time`` to
whole ticks on some kernels, which spoils the timings taken there.)
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from typing import Any


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of process ``pid`` so far."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_with_cpu_limit(target: Callable[..., None], args: tuple, limit: float) -> Any:
    """``target(*args, sender)`` in a forked child; what it sent, or None if it ran out of CPU time or died."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=target, args=(*args, sender))
    child.start()
    sender.close()
    while not receiver.poll(0.5):
        if not child.is_alive() or cpu_seconds(child.pid) > limit:
            break
    answer = None
    if receiver.poll():
        try:
            answer = receiver.recv()
        except EOFError:
            answer = None
    child.kill()
    child.join()
    return answer
