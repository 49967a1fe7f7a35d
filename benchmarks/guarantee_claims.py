"""What the guarantee game's model and claims cost, as ratios to an anchor measured in the same run.

Run ``python benchmarks/guarantee_claims.py`` from the repository (tests/ must
be importable for the worked examples).  Measures, best of three:

* the anchor: building the complete-information ``tripwire`` game at its defaults;
* building the guarantee game (616 leaves) at the defaults, and the symbolic game;
* verifying one worked equilibrium of the research brief (G2, mixed play after
  25k and 60k) with :func:`escalation.solvers.verify_pbe` on the full tree;
* reading every claim in that equilibrium (:func:`escalation.claims.read_claims`);
* drawing 10,000 prior points conditioned on the orderings and type definitions
  (:func:`escalation.claims.draw_points`).

The solver itself (issue 10) is not timed here.  Nothing is asserted; the
numbers go in the closing note with the machine load (``uptime``).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from guarantee_examples import completed_assessment

from escalation import claims
from escalation.models import get_model
from escalation.solvers import verify_pbe


def best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    tripwire, guarantee = get_model("tripwire"), get_model("guarantee")
    game, behaviour, beliefs = completed_assessment("G2")
    anchor = best(lambda: tripwire.game())
    rows = [
        ("build the guarantee game (616 leaves)", best(lambda: guarantee.game())),
        ("build the symbolic guarantee game", best(lambda: guarantee.symbolic_game(), repeat=1)),
        ("verify_pbe of worked equilibrium G2 on the full tree", best(lambda: verify_pbe(game, (behaviour, beliefs)))),
        ("read every claim in G2", best(lambda: claims.read_claims(claims.EquilibriumReading(game, behaviour,
                                                                                                 beliefs)))),
        ("draw 10,000 conditioned prior points", best(lambda: claims.draw_points("guarantee", 10_000, seed=1),
                                                      repeat=1)),
    ]
    print(f"load average {os.getloadavg()[0]:.2f}; anchor (build tripwire) {anchor * 1e3:.2f} ms")
    print(f"{'task':<56} {'seconds':>9} {'x anchor':>10}")
    for name, seconds in rows:
        print(f"{name:<56} {seconds:>9.3f} {seconds / anchor:>10.0f}")


if __name__ == "__main__":
    main()
