"""Building one tree and reading and writing it as a Gambit ``.efg`` file, against OpenSpiel's and Gambit's loaders.

Claims (issue 13): on random perfect-information binary trees (``random_trees.py``),
a tree of 2^18 leaves is built in under one second, through the builder
(``ExtensiveFormGame(players, root)`` from :func:`~escalation.games.decision` and
:func:`~escalation.games.outcome` nodes; making the node objects is not timed) and
through ``ExtensiveFormGame.from_arrays``; its ``.efg`` text is read
(``parse_efg``) and written (``efg_text``) in under two seconds each.

Anchors, timed on the same text in the same run: OpenSpiel's ``load_efg_game``
(if installed), which parses the file and builds its game, and pygambit's
``read_efg``; each runs in a child process limited in CPU time (``>limit`` when
over it).  The ratios are our reading time over each anchor's.

Times are CPU seconds (``time.process_time``), best of at least three runs
(one for the anchors), so that other work on a shared machine inflates them
least; the machine's load average is printed with them.  Run from the
repository root::

    python benchmarks/tree_build_io.py                   # 2^10 .. 2^18 leaves
    python benchmarks/tree_build_io.py --depths 14 18 --anchor-limit 30
"""

from __future__ import annotations

import argparse
import io
import time

from cpu_limited import run_with_cpu_limit
from random_trees import binary_tree, cpu_time, machine_load, seconds

from escalation.games import ExtensiveFormGame, decision, outcome
from escalation.io import efg_text, parse_efg

PLAYERS = ("A", "B")


def node_tree(parents, movers, payoffs):
    """The same tree as builder nodes, actions labelled as ``from_arrays`` labels them (``"1"``, ``"2"``)."""
    rows = payoffs.tolist()
    first_leaf = len(parents) - len(rows)
    nodes: list = [None] * len(parents)
    for k in range(len(parents) - 1, -1, -1):
        if k >= first_leaf:
            nodes[k] = outcome(None, tuple(rows[k - first_leaf]))
        else:
            nodes[k] = decision(PLAYERS[movers[k]], (("1", nodes[2 * k + 1]), ("2", nodes[2 * k + 2])))
    return nodes[0]


def openspiel_child(text: str, sender) -> None:
    import pyspiel

    start = time.process_time()
    pyspiel.load_efg_game(text)
    sender.send(time.process_time() - start)


def gambit_child(text: str, sender) -> None:
    import pygambit

    start = time.process_time()
    pygambit.read_efg(io.StringIO(text))
    sender.send(time.process_time() - start)


def anchor_time(child, module: str, text: str, limit: float) -> float | str:
    """CPU seconds of ``child`` on ``text``; ``'-'`` if ``module`` is not installed, ``'>limit'`` if over it."""
    try:
        __import__(module)
    except ImportError:
        return "-"
    answer = run_with_cpu_limit(child, (text,), limit)
    return ">limit" if answer is None else answer


def shown(x: float | str) -> str:
    return x if isinstance(x, str) else seconds(x)


def ratio(ours: float, anchor: float | str) -> str:
    return "-" if isinstance(anchor, str) else f"{ours / anchor:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--depths", type=int, nargs="+", default=list(range(10, 19, 2)))
    parser.add_argument("--anchor-limit", type=float, default=30.0, help="CPU seconds per anchor run")
    args = parser.parse_args()
    print(machine_load())
    print(f"{'leaves':>7} | {'builder':>9} | {'from_arrays':>11} | {'efg_text':>9} | {'parse_efg':>9} | "
          f"{'OpenSpiel load':>14} | {'ratio':>5} | {'pygambit read':>13} | {'ratio':>5}")
    for depth in args.depths:
        parents, movers, payoffs = binary_tree(depth)
        root = node_tree(parents, movers, payoffs)
        builder, game = cpu_time(ExtensiveFormGame, PLAYERS, root)
        arrays, same = cpu_time(ExtensiveFormGame.from_arrays, PLAYERS, parents, movers, payoffs)
        assert game == same, "the builder and from_arrays built different games"
        write, text = cpu_time(efg_text, game)
        read, back = cpu_time(parse_efg, text)
        assert back == game, "the file read back is not the game written"
        spiel = anchor_time(openspiel_child, "pyspiel", text, args.anchor_limit)
        gambit = anchor_time(gambit_child, "pygambit", text, args.anchor_limit)
        print(f"  2^{depth:<4} | {seconds(builder):>9} | {seconds(arrays):>11} | {seconds(write):>9} | "
              f"{seconds(read):>9} | {shown(spiel):>14} | {ratio(read, spiel):>5} | {shown(gambit):>13} | "
              f"{ratio(read, gambit):>5}", flush=True)
    print(machine_load())


if __name__ == "__main__":
    main()
