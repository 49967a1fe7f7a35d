"""Every perfect Bayesian equilibrium, timed against Gambit finding one Nash equilibrium of the same tree.

For each game the table gives the CPU seconds (``time.process_time``, best of
``--repeats``) of ``perfect_bayesian(game, offpath=rule)`` and of the anchor,
pygambit's ``lcp_solve`` (sequence form, floats) on the same tree exported as
``.efg``, measured in the same run, and their ratio.  The anchor solves a smaller
problem (one Nash equilibrium, no beliefs, no refinement, no exactness), so the
ratio says what the exhaustive exact search costs in units of the cheapest thing
a user of Gambit would run on the same tree; it is stable under machine load,
the seconds are not.

Games:

- ``beer-quiche``: Cho and Kreps' game (2 types, 2 messages, 2 replies);
- ``sender-receiver 3x3x3``: seeded random games with 3 types, 3 messages and
  3 replies and distinct integer payoffs (generic: no ties);
- ``unilateral``: the package's unilateral deterrence model at its defaults;
- ``guarantee (pure)``: the guarantee game at its defaults, pure assessments only
  (``max_mixed_infosets=0``): the full search does not finish in minutes yet.

Run from the repository root (pygambit is in the ``test`` extra)::

    python benchmarks/pbe_speed.py                 # every game, D1
    python benchmarks/pbe_speed.py --rule free --seeds 5 --skip-guarantee
"""

from __future__ import annotations

import argparse
import os
import time
from fractions import Fraction

import numpy as np
import pygambit

from escalation.games import ExtensiveFormGame, chance, decision, outcome
from escalation.io import efg_text
from escalation.models import get_model
from escalation.solvers.pbe import perfect_bayesian


def beer_quiche() -> ExtensiveFormGame:
    def sender(kind, beer, quiche):
        def respond(food, base):
            duel = int(kind == "weak")
            return decision("Receiver", {"Duel": outcome("duel", (base, duel)),
                                         "Not": outcome("peace", (base + 2, 1 - duel))}, infoset=f"after {food}")
        return decision("Sender", {"Beer": respond("beer", beer), "Quiche": respond("quiche", quiche)},
                        infoset=f"{kind} sender")
    return ExtensiveFormGame(("Sender", "Receiver"), chance({
        "strong": (Fraction(9, 10), sender("strong", 1, 0)), "weak": (Fraction(1, 10), sender("weak", 0, 1))}),
        "beer-quiche")


def sender_receiver(seed: int, types: int = 3, messages: int = 3, replies: int = 3) -> ExtensiveFormGame:
    """Chance draws one of ``types`` (prior from a seeded Dirichlet, rounded to hundredths), the Sender
    sends a message, the Receiver replies knowing only the message; payoffs are distinct integers."""
    rng = np.random.default_rng(seed)
    leaves = types * messages * replies
    pay = [rng.permutation(leaves) for _ in range(2)]
    cuts = np.sort(rng.choice(np.arange(1, 100), types - 1, replace=False))
    prior = np.diff(np.concatenate([[0], cuts, [100]]))
    branches = {}
    for t in range(types):
        moves = {}
        for m in range(messages):
            ends = {f"r{r + 1}": outcome("", (int(pay[0][(t * messages + m) * replies + r]),
                                              int(pay[1][(t * messages + m) * replies + r])))
                    for r in range(replies)}
            moves[f"m{m + 1}"] = decision("Receiver", ends, infoset=f"R:m{m + 1}")
        branches[f"t{t + 1}"] = (Fraction(int(prior[t]), 100), decision("Sender", moves, infoset=f"S:t{t + 1}"))
    return ExtensiveFormGame(("Sender", "Receiver"), chance(branches), f"sender-receiver {seed}")


def _model_game(name: str) -> ExtensiveFormGame:
    model = get_model(name)
    return model.build(model.values())


def cpu(call, repeats: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.process_time()
        result = call()
        best = min(best, time.process_time() - start)
    return best, result


def gambit_lcp(game: ExtensiveFormGame, repeats: int) -> float:
    g = pygambit.read_efg(_efg_file(game))
    return cpu(lambda: pygambit.nash.lcp_solve(g, rational=False), repeats)[0]


def _efg_file(game: ExtensiveFormGame) -> str:
    path = f"/tmp/pbe_speed_{os.getpid()}.efg"
    with open(path, "w") as handle:
        handle.write(efg_text(game))
    return path


def row(name: str, game: ExtensiveFormGame, rule: str, repeats: int, **options) -> None:
    ours, found = cpu(lambda: perfect_bayesian(game, offpath=rule, **options), repeats)
    anchor = gambit_lcp(game, repeats)
    print(f"| {name:<28} | {len(found):>3} | {'yes' if found.complete else 'no':>8} | {ours:>9.3f} | "
          f"{anchor:>9.4f} | {_ratio(ours / anchor):>9} |", flush=True)


def _ratio(r: float) -> str:
    """Whole numbers from 10 up, two significant figures below (a ratio under 1 must not print as 1)."""
    return f"{r:.0f}" if r >= 10 else f"{r:.2g}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rule", default="D1", choices=["D1", "intuitive", "prior", "free"])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--skip-guarantee", action="store_true")
    args = parser.parse_args()
    print(f"perfect_bayesian(offpath={args.rule!r}) against pygambit lcp_solve; load average {os.getloadavg()}")
    print("| game                         | PBE | complete | ours CPU s | Gambit s  | ratio     |")
    print("|------------------------------|-----|----------|-----------|-----------|-----------|")
    row("beer-quiche", beer_quiche(), args.rule, args.repeats)
    for seed in range(args.seeds):
        row(f"sender-receiver 3x3x3 #{seed}", sender_receiver(seed), args.rule, args.repeats)
    row("unilateral (defaults)", _model_game("unilateral"), args.rule, args.repeats)
    if not args.skip_guarantee:
        row("guarantee (defaults, pure)", _model_game("guarantee"), args.rule, 1, max_mixed_infosets=0)


if __name__ == "__main__":
    main()
