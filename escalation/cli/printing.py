"""What the command line prints: JSON (indented UTF-8, exact numbers as strings) and readable tables.

This module imports nothing heavy: ``escalation models`` prints through it.

>>> print(_table([("payoff", "Row", "2/3"), ("payoff", "Column", "1")]))
['  payoff  Row     2/3', '  payoff  Column  1']
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["GAME_KEYS", "MODEL_KEYS", "RESULT_KEYS", "format_result", "print_json"]

RESULT_KEYS = ("players", "solver", "method", "refinement", "exact", "rational", "degenerate", "knife_edge", "notes",
               "options", "complete", "count", "version", "equilibria")
"""The keys of every ``solve --json`` result, after the keys naming what was solved."""
GAME_KEYS = ("game",)
"""What names a game file's result (``solve --game FILE``)."""
MODEL_KEYS = ("model", "title", "claims", "parameters")
"""What names a model's result (``solve MODEL``)."""


MANY = 8  # players from which a list or a run of equal rows is shortened


def print_json(value: Any) -> None:
    """``value`` as indented UTF-8 JSON on standard output."""
    print(json.dumps(value, indent=2, ensure_ascii=False))


def format_result(result: Mapping[str, Any]) -> str:
    """A readable text table of a ``solve`` result (game file or model)."""
    count = len(result["equilibria"])
    head = ([f"game:        {result['game']}"] if "game" in result else
            [f"model:       {result['model']} ({result['title']}; claims {', '.join(result['claims'])})",
             "parameters:  " + ", ".join(f"{k}={v}" for k, v in result["parameters"].items())])
    solver = (f"{result['solver']} ({result['refinement']}, {result['method']})" if result["solver"] != "model"
              else f"{result['refinement']} ({result['method']})")
    lines = [
        *head,
        f"players:     {_players(result['players'])}",
        f"solver:      {solver}",
        f"degenerate:  {'yes' if result['degenerate'] else 'no'}",
        f"equilibria:  {count}",
    ]
    lines += [f"knife edge:  {k}" for k in result["knife_edge"]]
    lines += [f"note:        {n}" for n in result["notes"]]
    for number, eq in enumerate(result["equilibria"], start=1):
        lines += ["", f"equilibrium {number}" + (f": {eq['name']}" if eq.get("name") else "")]
        lines += _table(_merged(_equilibrium_rows(eq, result["players"])))
    return "\n".join(lines)


def _players(players: Sequence[str]) -> str:
    """The players, or for many of them the first three and the last (``Member 1, ..., Member 1000 (1000)``)."""
    if len(players) <= MANY:
        return ", ".join(players)
    return f"{', '.join(players[:3])}, ..., {players[-1]} ({len(players)})"


def _merged(rows: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Runs of at least :data:`MANY` consecutive rows of one kind with one entry become one row (``A ... B``)."""
    out: list[tuple[str, str, str]] = []
    for (kind, entry), group in itertools.groupby(rows, key=lambda row: (row[0], row[2])):
        run = list(group)
        out += [(kind, f"{run[0][1]} ... {run[-1][1]}", entry)] if len(run) >= MANY else run
    return out


def _equilibrium_rows(eq: Mapping[str, Any], players: Sequence[str]) -> list[tuple[str, str, str]]:
    near = eq.get("approximate", {})
    rows = []
    for player in players:
        for where, choice in _strategy_cells(eq["strategies"][player], near.get("strategies", {}).get(player)):
            rows.append(("strategy", player, f"{where}{choice}"))
    for label, prob in (eq.get("outcomes") or {}).items():
        if prob != "0":
            rows.append(("outcome", label, _shown(prob, near.get("outcomes", {}).get(label))))
    rows += [("payoff", player, _shown(eq["payoffs"][player], near.get("payoffs", {}).get(player)))
             for player in players]
    return rows


def _shown(exact: str, decimal: str | None) -> str:
    """An exact number, with its decimal value when it is irrational (``2**(1/3)/8 (~0.1575)``)."""
    if decimal is None or ("/" not in exact and "*" not in exact and "(" not in exact) or exact == decimal:
        return exact
    try:
        return f"{exact} (~{float(decimal):.4g})"
    except ValueError:
        return exact


def _strategy_cells(strategy: Mapping[str, Any], near: Any) -> list[tuple[str, str]]:
    """``[(where, choice)]``: one row per information set for a tree, one row for a normal form."""
    near = near or {}
    if any(isinstance(v, Mapping) for v in strategy.values()):
        return [(f"{infoset}: ", _mixture(actions, near.get(infoset))) for infoset, actions in strategy.items()]
    return [("", _mixture(strategy, near))]


def _mixture(probabilities: Mapping[str, str], near: Any) -> str:
    near = near or {}
    support = [(s, p) for s, p in probabilities.items() if p != "0"]
    if len(support) == 1 and support[0][1] == "1":
        return support[0][0]
    return ", ".join(f"{s} {_shown(p, near.get(s))}" for s, p in support)


def _table(rows: list[tuple[str, str, str]]) -> list[str]:
    widths = [max((len(r[k]) for r in rows), default=0) for k in range(2)]
    return [f"  {a:<{widths[0]}}  {b:<{widths[1]}}  {c}" for a, b, c in rows]
