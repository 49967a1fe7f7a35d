"""The volunteer's dilemma of N members: the anonymous-game solver against Gambit on the full normal form.

For N = 3 .. ``--largest`` members (K = 1, U = 4), CPU seconds (``time.process_time``, best of ``--repeats``) of

- **ours, classes**: ``anonymous_equilibria(game, within="classes")``, every equilibrium whose members split into
  responders, abstainers and mixers at one probability, each verified exactly;
- **ours, symmetric**: ``anonymous_equilibria(game)`` (the model's own call);
- **anchor**: pygambit's ``enumpoly_solve`` on the 2^N-cell normal form (floating point, every isolated
  equilibrium), measured in the same run.

Printed as ratios anchor / ours.  Ours alone is also timed at N = 100 and 1,000, where the normal form does not
exist.  Needs the ``test`` extra (pygambit).  Run from the repository root::

    python benchmarks/anonymous_games.py [--largest 6] [--repeats 3]
"""

from __future__ import annotations

import argparse
import os
import time
from fractions import Fraction

import numpy as np
import pygambit

from escalation.models.unity import volunteers_game
from escalation.solvers.anonymous import anonymous_equilibria


def best_of(repeats: int, job) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        job()
        best = min(best, time.process_time() - start)
    return best


def gambit_game(members: int):
    normal_form = volunteers_game(members, 1, 4).to_normal_form()
    exact = np.vectorize(lambda v: Fraction(str(v)), otypes=[object])
    return pygambit.Game.from_arrays(*(exact(a) for a in normal_form.payoffs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--largest", type=int, default=6)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f}, {os.cpu_count()} CPUs")
    print(f"{'N':>5} {'classes s':>10} {'symmetric s':>12} {'gambit s':>9} {'gambit/classes':>15} {'gambit/symm':>12}")
    for members in range(3, args.largest + 1):
        game, g = volunteers_game(members, 1, 4), gambit_game(members)
        classes = best_of(args.repeats, lambda: anonymous_equilibria(game, within="classes"))  # noqa: B023
        symmetric = best_of(args.repeats, lambda: anonymous_equilibria(game))  # noqa: B023
        anchor = best_of(args.repeats, lambda: pygambit.nash.enumpoly_solve(g))  # noqa: B023
        print(f"{members:>5} {classes:>10.4f} {symmetric:>12.4f} {anchor:>9.4f} {anchor / classes:>15.1f} "
              f"{anchor / symmetric:>12.1f}")
    for members in (100, 1000):
        game = volunteers_game(members, 1, 4)
        print(f"{members:>5} {'':>10} {best_of(args.repeats, lambda: anonymous_equilibria(game)):>12.4f}")  # noqa: B023


if __name__ == "__main__":
    main()
