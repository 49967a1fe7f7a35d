"""Solving one tree: ``ExtensiveFormGame.from_arrays`` + ``subgame_perfect`` against a plain numpy level-wise pass.

Claim (issue 13): on random perfect-information binary trees (``random_trees.py``:
integer payoffs, unique subgame-perfect equilibrium), building plus solving
takes under one second at 2^18 leaves and stays within 50x of the numpy
level-wise pass -- backward induction written directly in numpy for exactly
this layout, the anchor -- at every size from 2^10 leaves up.  Our time
includes everything ``subgame_perfect`` does: compiling the tree, the pass,
exact verification of the equilibrium, the ``Solution``.  A second anchor is
OpenSpiel (if installed): loading the same tree from its ``.efg`` text and a
plain recursive backward induction in Python over its states, run in a child
process limited in CPU time.

Times are CPU seconds (``time.process_time``), best of three runs (one for
OpenSpiel), so that other work on a shared machine inflates them least; the
machine's load average is printed with them.  Run from the repository root::

    python benchmarks/tree_solve.py                  # 2^10 .. 2^18 leaves
    python benchmarks/tree_solve.py --depths 10 14 18 --openspiel-limit 60
"""

from __future__ import annotations

import argparse
import time

from cpu_limited import run_with_cpu_limit
from random_trees import binary_tree, cpu_time, machine_load, numpy_pass, seconds

from escalation.games import ExtensiveFormGame
from escalation.io import efg_text
from escalation.solvers import subgame_perfect


def build_and_solve(parents, movers, payoffs):
    game = ExtensiveFormGame.from_arrays(("A", "B"), parents, movers, payoffs)
    return subgame_perfect(game)


def openspiel_child(text: str, sender) -> None:
    import pyspiel

    start = time.process_time()
    game = pyspiel.load_efg_game(text)

    def value(state):
        if state.is_terminal():
            return state.returns()
        player = state.current_player()
        return max((value(state.child(a)) for a in state.legal_actions()), key=lambda v: v[player])

    root = value(game.new_initial_state())
    sender.send((time.process_time() - start, root))


def openspiel_time(parents, movers, payoffs, limit: float) -> float | None:
    try:
        import pyspiel  # noqa: F401
    except ImportError:
        return None
    text = efg_text(ExtensiveFormGame.from_arrays(("A", "B"), parents, movers, payoffs))
    answer = run_with_cpu_limit(openspiel_child, (text,), limit)
    return None if answer is None else answer[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--depths", type=int, nargs="+", default=list(range(10, 19, 2)))
    parser.add_argument("--openspiel-limit", type=float, default=60.0, help="CPU seconds per OpenSpiel run")
    args = parser.parse_args()
    print(machine_load())
    print(f"{'leaves':>7} | {'numpy pass':>10} | {'ours':>9} | {'ratio':>6} | {'of which build':>14} | "
          f"{'OpenSpiel':>9} | {'ours/OpenSpiel':>14}")
    for depth in args.depths:
        parents, movers, payoffs = binary_tree(depth)
        anchor, root = cpu_time(numpy_pass, payoffs, depth)
        ours, found = cpu_time(build_and_solve, parents, movers, payoffs)
        assert len(found) == 1, "ties: the drawn tree should have one equilibrium"
        assert tuple(found[0].payoffs.values()) == tuple(root), "not the numpy pass's answer"
        build, _ = cpu_time(ExtensiveFormGame.from_arrays, ("A", "B"), parents, movers, payoffs)
        spiel = openspiel_time(parents, movers, payoffs, args.openspiel_limit)
        versus = "-" if spiel is None else f"{ours / spiel:.2f}"
        print(f"  2^{depth:<4} | {seconds(anchor):>10} | {seconds(ours):>9} | {ours / anchor:>5.0f}x | "
              f"{seconds(build):>14} | {seconds(spiel) if spiel else '>limit':>9} | {versus:>14}", flush=True)
    print(machine_load())


if __name__ == "__main__":
    main()
