"""Writing a game tree as an ``.efg`` file, straight from its arrays.

Information sets are numbered per player in order of first appearance,
chance events one per chance node, outcomes one per distinct (label, payoff
vector) in order of first appearance; every payoff is written at its leaf,
exactly (``1/3``).  Labels are written as they are.
"""

from __future__ import annotations

import numpy as np

from ..games.structure import CHANCE_CODE, DECISION_CODE, TERMINAL_CODE
from ..games.tree import ExtensiveFormGame
from ._tokens import format_number, quote

__all__ = ["efg_text"]


def efg_text(game: ExtensiveFormGame) -> str:
    """The ``.efg`` text of ``game``; symbolic payoffs raise :class:`~escalation.errors.ParameterError`."""
    game.require_numeric()
    a = game.arrays
    players = " ".join(quote(p) for p in game.players)
    lines = [f"EFG 2 R {quote(game.title)} {{ {players} }}", ""]
    kind = a.kind.tolist()
    decision = _decision_lines(game)
    chance = _chance_lines(game)
    leaves = _leaf_lines(game)
    d = c = t = 0
    for k in kind:
        if k == DECISION_CODE:
            lines.append(decision[d])
            d += 1
        elif k == CHANCE_CODE:
            lines.append(chance[c])
            c += 1
        else:
            lines.append(leaves[t])
            t += 1
    return "\n".join(lines) + "\n"


def _decision_lines(game: ExtensiveFormGame) -> list[str]:
    a = game.arrays
    nodes = np.flatnonzero(a.kind == DECISION_CODE)
    labels = a.infoset_labels()
    order = a.infoset_order()
    owner = a.player[a.infoset_first()[order]]
    number = np.empty(len(labels), dtype=np.int64)
    for i in range(len(game.players)):  # per player, in order of first appearance, from 1
        mine = order[owner == i]
        number[mine] = np.arange(1, len(mine) + 1)
    quoted_actions: dict[tuple, str] = {}
    out = []
    action = a.action
    for v, player, h in zip(nodes.tolist(), a.player[nodes].tolist(), a.infoset[nodes].tolist(), strict=True):
        kids = a.children[a.child_start[v]:a.child_start[v + 1]].tolist()
        names = tuple(action[c] for c in kids)
        listed = quoted_actions.get(names)
        if listed is None:
            listed = quoted_actions[names] = " ".join(quote(x) for x in names)
        out.append(f'p "" {player + 1} {number[h]} {quote(labels[h])} {{ {listed} }} 0')
    return out


def _chance_lines(game: ExtensiveFormGame) -> list[str]:
    a = game.arrays
    out = []
    for event, v in enumerate(np.flatnonzero(a.kind == CHANCE_CODE).tolist(), start=1):
        moves = " ".join(f"{quote(a.action[c])} {_probability(a, v, c)}" for c in a.children_of(v))
        out.append(f'c "" {event} "" {{ {moves} }} 0')
    return out


def _probability(a, v: int, c: int) -> str:
    return format_number(a.probability[c], f"probability of {a.action[c]!r} at node {a.path_of(v)}")


def _leaf_lines(game: ExtensiveFormGame) -> list[str]:
    a = game.arrays
    leaves = np.flatnonzero(a.kind == TERMINAL_CODE)
    if a.payoff_table.dtype == np.int64:
        rows = [", ".join(map(str, row)) for row in a.payoff_table.tolist()]
    else:
        rows = [", ".join(format_number(x, f"payoff at node {a.path_of(v)}") for x in row)
                for v, row in zip(leaves.tolist(), a.payoffs.tolist(), strict=True)]
    numbers: dict[tuple, int] = {}
    out = []
    for label, row in zip(a.outcomes, rows, strict=True):
        number = numbers.setdefault((label, row), len(numbers) + 1)
        out.append(f't "" {number} {quote(label or "")} {{ {row} }}')
    return out
