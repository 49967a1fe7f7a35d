"""Counts for issue 15: the 10,000-mutant fuzz of the Gambit readers and agreement with Gambit on random games.

Runs, in one process and with fixed seeds, the same checks as the seeded
tests (``tests/test_io_fuzz.py``, ``tests/test_gambit_oracle_counts.py``,
``tests/test_gambit_oracle_spe.py``) at full size, but classifies every game
instead of stopping at the first failure:

- ``fuzz``: 10,000 mutants of the valid ``.efg``/``.nfg`` files (seed 15):
  read into a valid game, refused with a ``GameFileError`` naming file and
  line, or anything else;
- ``bimatrix``: two-player normal forms up to 6x6 (seeds 10000..10999, a
  quarter each ternary, digits, distinct integers, fractions): all extreme
  equilibria of ``nash_equilibria`` against ``pygambit.nash.enummixed_solve``
  (rational), exactly;
- ``n-player``: two to four players, payoffs 0..3 (seeds 10000..10999): pure
  equilibria against ``pygambit.nash.enumpure_solve``;
- ``trees``: random trees with chance moves and information sets (seeds
  20000..20999): every subgame-perfect equilibrium checked by Gambit in the
  whole game and every subgame (see ``test_gambit_oracle_spe.py``).

Each game ends as ``agree``, ``disagree`` (a bug to investigate: the seed is
listed), ``gambit failed`` (pygambit raised) or ``refused`` (our solver
refused, e.g. more tied equilibria than it lists).  CPU seconds per family
(``time.process_time``) and the load average are written with the counts.

Run from the repository root, niced, one process::

    nice -n 10 python benchmarks/reliability_counts.py --out benchmarks/results/reliability.md

``--games N`` and ``--mutants N`` shrink the run; ``--budget S`` stops a
family after S CPU seconds and reports how far it got.
"""

from __future__ import annotations

import argparse
import collections
import os
import platform
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import pygambit
import test_gambit_oracle_counts as nf
import test_gambit_oracle_spe as trees
from fuzz_files import SEEDS, mutant, outcome

from escalation.errors import EscalationError
from escalation.solvers.nash import nash_equilibria
from escalation.solvers.pure import pure_equilibria

FUZZ_SEED = 15
BIMATRIX_SEEDS = 10_000
TREE_SEEDS = 20_000


class Family:
    """Counts, disagreeing seeds and CPU time of one family of checks."""

    def __init__(self, name: str, first_seed: int, budget: float) -> None:
        self.name, self.first_seed, self.budget = name, first_seed, budget
        self.counts: collections.Counter[str] = collections.Counter()
        self.seeds: dict[str, list[int]] = collections.defaultdict(list)
        self.start = time.process_time()
        self.stop: float | None = None
        self.done = 0

    def over_budget(self) -> bool:
        return time.process_time() - self.start > self.budget

    def record(self, seed: int, verdict: str) -> None:
        self.counts[verdict] += 1
        self.done += 1
        if verdict != "agree" and verdict not in ("read", "refused cleanly"):
            self.seeds[verdict].append(seed)

    def finish(self) -> Family:
        self.stop = time.process_time()
        return self

    @property
    def cpu(self) -> float:
        return (time.process_time() if self.stop is None else self.stop) - self.start


def fuzz(mutants: int, budget: float) -> Family:
    family = Family("fuzz", FUZZ_SEED, budget)
    rng = random.Random(FUZZ_SEED)
    with tempfile.TemporaryDirectory() as folder:
        for k in range(mutants):
            if family.over_budget():
                break
            source = rng.choice(SEEDS)
            path = Path(folder) / f"mutant{k % 10}{source.suffix}"
            path.write_bytes(mutant(rng, source.read_bytes()))
            result = outcome(path)
            family.record(k, {"read": "read", "refused": "refused cleanly"}.get(result, f"other: {result}"))
    return family


def _verdict(ours, theirs) -> str:
    return "agree" if ours == theirs else "disagree"


def _against_gambit(family: Family, seed: int, game, found, gambit_solver) -> None:
    """Record whether ``found`` equals what ``gambit_solver`` finds on the same game (its failures counted)."""
    try:
        g = nf.gambit_game(game)
        theirs = nf.gambit_profiles(g, gambit_solver(g).equilibria)
    except Exception:  # whatever pygambit raises is counted, not hidden
        family.record(seed, "gambit failed")
        return
    family.record(seed, _verdict(nf.our_profiles(found), theirs))


def bimatrix(games: int, budget: float) -> Family:
    family = Family("bimatrix", BIMATRIX_SEEDS, budget)
    for seed in range(BIMATRIX_SEEDS, BIMATRIX_SEEDS + games):
        if family.over_budget():
            break
        game = nf.bimatrix(seed)
        try:
            found = nash_equilibria(game, cross_check=False)
        except EscalationError:
            family.record(seed, "refused")
            continue
        family.counts["degenerate"] += bool(found.degenerate)
        _against_gambit(family, seed, game, found, lambda g: pygambit.nash.enummixed_solve(g, rational=True))
    return family


def n_player(games: int, budget: float) -> Family:
    family = Family("n-player pure", BIMATRIX_SEEDS, budget)
    for seed in range(BIMATRIX_SEEDS, BIMATRIX_SEEDS + games):
        if family.over_budget():
            break
        game = nf.n_player(seed)
        family.counts[f"{len(game.players)} players"] += 1
        try:
            found = pure_equilibria(game)
        except EscalationError:
            family.record(seed, "refused")
            continue
        _against_gambit(family, seed, game, found, pygambit.nash.enumpure_solve)
    return family


def tree_games(games: int, budget: float) -> Family:
    family = Family("trees", TREE_SEEDS, budget)
    for seed in range(TREE_SEEDS, TREE_SEEDS + games):
        if family.over_budget():
            break
        try:
            wrong, counts = trees.disagreements([seed])
        except Exception as exc:  # pygambit raising while checking
            family.record(seed, "gambit failed" if "pygambit" in traceback.format_exc() else f"error: {exc!r}")
            continue
        for key in ("with chance", "with information sets", "equilibria", "subgames checked"):
            family.counts[key] += counts[key]
        family.record(seed, "disagree" if wrong else "refused" if counts["refused"] else "agree")
    return family


def recheck(seeds: list[int], limit: int) -> Family:
    """Trees our solver refused at 200 equilibria, checked with the limit raised to ``limit``."""
    family = Family(f"trees rechecked (limit {limit})", seeds[0] if seeds else TREE_SEEDS, float("inf"))
    default = trees.subgame_perfect
    trees.subgame_perfect = lambda game, max_equilibria: default(game, max_equilibria=limit)
    try:
        for seed in seeds:
            wrong, counts = trees.disagreements([seed])
            family.counts["equilibria"] += counts["equilibria"]
            family.record(seed, "disagree" if wrong else "refused" if counts["refused"] else "agree")
    finally:
        trees.subgame_perfect = default
    return family


def report(families: list[Family], load_before: tuple, load_after: tuple) -> str:
    lines = ["# Reliability counts (issue 15)", "",
             "Written by `benchmarks/reliability_counts.py` (one process, `nice -n 10`); every count below",
             "can be replayed from its seed.  CPU seconds are `time.process_time()` of this process.", "",
             f"- Python {platform.python_version()}, pygambit {pygambit.__version__}, "
             f"{os.cpu_count()} cores shared with other jobs",
             f"- load average (1, 5, 15 min) before: {', '.join(f'{x:.2f}' for x in load_before)}; "
             f"after: {', '.join(f'{x:.2f}' for x in load_after)}", "",
             "| family | seeds | games | outcome counts | other counts | CPU s | games/CPU s |",
             "|---|---|---|---|---|---|---|"]
    for f in families:
        main = {k: v for k, v in f.counts.items() if k in ("agree", "disagree", "gambit failed", "refused", "read",
                                                            "refused cleanly") or k.startswith(("other", "error"))}
        rest = {k: v for k, v in f.counts.items() if k not in main}
        shown = "; ".join(f"{k} {v}" for k, v in sorted(main.items()))
        extra = "; ".join(f"{k} {v}" for k, v in sorted(rest.items())) or "-"
        seeds = f"{f.first_seed}" if f.name == "fuzz" else f"{f.first_seed}..{f.first_seed + f.done - 1}"
        lines.append(f"| {f.name} | {seeds} | {f.done} | {shown} | {extra} | {f.cpu:.0f} | "
                     f"{f.done / max(f.cpu, 1e-9):.1f} |")
    lines.append("")
    for f in families:
        for verdict, seeds in f.seeds.items():
            lines.append(f"- {f.name}, {verdict}: seeds {seeds[:50]}{' ...' if len(seeds) > 50 else ''}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=1000)
    parser.add_argument("--mutants", type=int, default=10_000)
    parser.add_argument("--budget", type=float, default=900.0, help="CPU seconds per family")
    parser.add_argument("--only", nargs="*", default=["fuzz", "bimatrix", "n-player", "trees"])
    parser.add_argument("--out", type=Path)
    parser.add_argument("--recheck", nargs="*", type=int, default=[],
                        help="only check these tree seeds, with --limit equilibria, and append to --out")
    parser.add_argument("--limit", type=int, default=5000)
    args = parser.parse_args(argv)
    if args.recheck:
        family = recheck(args.recheck, args.limit).finish()
        lines = [f"- {family.name}: seeds {args.recheck}: {dict(family.counts)} in {family.cpu:.0f} CPU s"]
        lines += [f"  - {verdict}: seeds {seeds}" for verdict, seeds in family.seeds.items()]
        text = "\n".join(lines) + "\n"
        if args.out:
            with args.out.open("a", encoding="utf-8") as out:
                out.write(text)
        print(text)
        return 0
    runs = {"fuzz": lambda: fuzz(args.mutants, args.budget), "bimatrix": lambda: bimatrix(args.games, args.budget),
            "n-player": lambda: n_player(args.games, args.budget), "trees": lambda: tree_games(args.games, args.budget)}
    load_before = os.getloadavg()
    families = []
    for name in args.only:
        families.append(runs[name]().finish())
        print(f"{name}: {dict(families[-1].counts)} in {families[-1].cpu:.0f} CPU s", flush=True)
    text = report(families, load_before, os.getloadavg())
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
