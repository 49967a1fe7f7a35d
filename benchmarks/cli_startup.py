"""Wall-clock time of the light command-line calls, against ``python -c pass`` measured in the same run.

Run ``python benchmarks/cli_startup.py`` (``--runs N`` for more repetitions,
``--hyperfine`` to use hyperfine when it is installed).  Each command runs as
a fresh process, as a user types it; the table gives the median and the
fastest of the runs, and the median's ratio to the anchor.  The targets
(issue 13): ``--version`` and ``models`` under 0.3 s, ``solve tripwire``
under 1 s.  ``import numpy`` and ``import sympy`` are timed alongside: a command
that solves a model needs both (its numbers are sympy's), so ``solve`` can
approach ``import sympy`` but not ``python -c pass``.  Nothing is asserted;
note the machine's load (printed) with the numbers.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

COMMANDS = {
    "python -c pass (anchor)": [sys.executable, "-c", "pass"],
    "python -c 'import numpy'": [sys.executable, "-c", "import numpy"],
    "python -c 'import sympy'": [sys.executable, "-c", "import sympy"],
    "escalation --version": [sys.executable, "-m", "escalation", "--version"],
    "escalation models": [sys.executable, "-m", "escalation", "models"],
    "escalation models tripwire": [sys.executable, "-m", "escalation", "models", "tripwire"],
    "escalation solve tripwire": [sys.executable, "-m", "escalation", "solve", "tripwire"],
    "escalation solve unilateral": [sys.executable, "-m", "escalation", "solve", "unilateral"],
}


def timed(command: list[str], runs: int) -> list[float]:
    """Wall-clock seconds of ``runs`` fresh runs of ``command`` (after one warm-up run)."""
    subprocess.run(command, capture_output=True, check=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return times


def with_hyperfine(command: list[str], runs: int) -> list[float]:
    """The same through hyperfine (its JSON export), when installed."""
    import json
    import shlex
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run(["hyperfine", "--warmup", "1", "--runs", str(runs), "--export-json", out.name,
                        shlex.join(command)], capture_output=True, check=True)
        return json.load(open(out.name))["results"][0]["times"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--hyperfine", action="store_true")
    args = parser.parse_args()
    measure = with_hyperfine if args.hyperfine and shutil.which("hyperfine") else timed
    load = os.getloadavg() if hasattr(os, "getloadavg") else ("?",)
    print(f"load average before: {' '.join(f'{x:.2f}' for x in load)}; {args.runs} runs each "
          f"({'hyperfine' if measure is with_hyperfine else 'subprocess + perf_counter'})")
    results = {name: measure(command, args.runs) for name, command in COMMANDS.items()}
    anchor = statistics.median(results["python -c pass (anchor)"])
    print(f"{'command':<30} {'median s':>9} {'fastest s':>10} {'x anchor':>9}")
    for name, times in results.items():
        median = statistics.median(times)
        print(f"{name:<30} {median:9.3f} {min(times):10.3f} {median / anchor:9.1f}")
    load = os.getloadavg() if hasattr(os, "getloadavg") else ("?",)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in load)}")


if __name__ == "__main__":
    main()
