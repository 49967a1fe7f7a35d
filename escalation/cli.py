"""The ``escalation`` command line.

One subparser per command, each with a ``_add_<command>`` function that
declares its arguments and a ``_run_<command>`` function that does the work:

- ``escalation models [NAME] [--json]``
- ``escalation solve MODEL [--set name=value ...] [--offpath D1|prior|free] [--json]``
- ``escalation solve --game FILE.efg|FILE.nfg --solver spe|nash [--json]``
- ``escalation figures [--out DIR] [--format png svg pdf] [--only ID ...]``
- ``escalation --version``

Any :class:`~escalation.errors.EscalationError` (a malformed game file, a
solver asked for something it cannot do) and any file-system error ends the
program with exit code 2 and one line on standard error, never a traceback.

>>> args = build_parser().parse_args(["solve", "--game", "entry.efg", "--solver", "spe"])
>>> args.game.name, args.solver, args.json
('entry.efg', 'spe', False)
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ._version import __version__
from .cli_models import OFFPATH_RULES, describe_model, list_models, parse_settings, solve_model
from .cli_sweep import _add_sweep
from .errors import EscalationError, ParameterError, SolverError

__all__ = ["build_parser", "format_result", "main", "solve_file"]

PROG = "escalation"
SOLVERS = ("spe", "nash")


# -- entry point ------------------------------------------------------------------------------
def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.version:
        print(f"{PROG} {__version__}")
        return 0
    if args.run is None:
        parser.print_usage(sys.stderr)
        print(f"{PROG}: error: name a command, e.g. '{PROG} solve --help'", file=sys.stderr)
        return 2
    try:
        return args.run(args)
    except BrokenPipeError:  # e.g. piped into `head`: stop quietly
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0
    except (EscalationError, OSError) as err:
        print(f"{PROG}: error: {_one_line(err)}", file=sys.stderr)
        return 2


def build_parser() -> argparse.ArgumentParser:
    """The argument parser: one subparser per command."""
    parser = argparse.ArgumentParser(
        prog=PROG, description="Game-theoretic models of deterrence and escalation, solved exactly."
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.set_defaults(run=None)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for add in (_add_models, _add_solve, _add_figures, _add_sweep):
        add(commands)
    return parser


def _one_line(err: BaseException) -> str:
    if isinstance(err, OSError) and err.filename is not None:
        text = f"{err.filename}: {err.strerror or err}"
    else:
        text = str(err)
    return " ".join(text.split())


# -- solve --------------------------------------------------------------------------------------
def _add_solve(commands) -> None:
    p = commands.add_parser("solve", help="solve a model at a parameter point, or a Gambit .efg/.nfg game",
                            description="Solve a registered model (see 'escalation models') at a parameter point, "
                                        "or a game read from a Gambit .efg (tree) or .nfg (normal form) file.")
    p.add_argument("model", nargs="?", metavar="MODEL", help="a registered model, e.g. unilateral")
    p.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", dest="settings",
                   help="a parameter value for MODEL, exact values such as 1/4 accepted (repeatable)")
    p.add_argument("--offpath", choices=OFFPATH_RULES, default=None,
                   help="off-path belief rule for the perfect Bayesian models (default D1)")
    p.add_argument("--game", type=Path, metavar="FILE", help="a Gambit .efg or .nfg file (instead of MODEL)")
    p.add_argument("--solver", choices=SOLVERS,
                   help="with --game: spe, subgame-perfect equilibria (trees only); nash, every extreme Nash "
                        "equilibrium (two players; pure equilibria only for more)")
    p.add_argument("--json", action="store_true", help="print the result as JSON (exact numbers as strings)")
    p.set_defaults(run=_run_solve)


def _run_solve(args: argparse.Namespace) -> int:
    if (args.model is None) == (args.game is None):
        raise ParameterError("solve", "name a MODEL or give --game FILE (one of the two)")
    if args.game is not None:
        if args.solver is None:
            raise ParameterError("solver", "--game needs --solver spe or --solver nash")
        result = solve_file(args.game, args.solver)
    else:
        if args.solver is not None:
            raise ParameterError("solver", "--solver goes with --game; a model chooses its own solver")
        result = solve_model(args.model, parse_settings(args.settings), args.offpath)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(format_result(result))
    return 0


def solve_file(path: str | Path, solver: str) -> dict[str, Any]:
    """Read the game in ``path``, solve it with ``solver`` and return the JSON-ready result.

    The schema is documented in the README: the game file, the players, the
    solver, what :meth:`Equilibria.to_dict` gives (method, refinement,
    degenerate, knife_edge, notes, version, equilibria) and, for trees, the
    outcome distribution of every equilibrium.
    """
    from .games import ExtensiveFormGame
    from .io import read_game

    game = read_game(path)
    solve = _TREE_SOLVERS[solver] if isinstance(game, ExtensiveFormGame) else _NORMAL_FORM_SOLVERS[solver]
    found = solve(game)
    return {"game": str(path), "players": list(game.players), "solver": solver, **found.to_dict()}


def _spe_of_tree(game):
    from .solvers.backward_induction import subgame_perfect

    return subgame_perfect(game)


def _nash_of_tree(game):
    strategic = game.to_normal_form(reduced=True)
    found = _nash_of_normal_form(strategic)
    solutions = [replace(s, outcomes=_outcomes_of_plans(game, strategic, s)) for s in found]
    note = ("equilibria of the reduced strategic form; a strategy lists the player's actions at its "
            "information sets in tree order, '*' where its own earlier moves rule the set out")
    return replace(found, solutions=tuple(solutions), notes=(*found.notes, note))


def _outcomes_of_plans(game, strategic, solution) -> dict[str, Any]:
    """The outcome distribution when each player mixes over reduced plans as in ``solution``."""
    from .games import outcome_distribution

    total: dict[str, Any] = {}
    supports = [[(s, p) for s, p in solution.strategies[player].items() if p != 0] for player in game.players]
    for combo in itertools.product(*supports):
        weight = 1
        plan: dict[str, str] = {}
        for player, (strategy, prob) in zip(game.players, combo, strict=True):
            weight *= prob
            plan.update(strategic.plans[player][strategy])
        pure = {label: {plan.get(label, h.actions[0]): 1} for label, h in game.infosets.items()}
        for label, prob in outcome_distribution(game, pure).items():
            total[label] = total.get(label, 0) + weight * prob
    return total


def _spe_of_normal_form(game):
    raise SolverError("--solver spe needs a game tree (.efg); this is a normal form: use --solver nash")


def _nash_of_normal_form(game):
    if game.num_players == 2:
        from .solvers.nash import nash_equilibria

        return nash_equilibria(game)
    from .solvers.pure import pure_equilibria

    found = pure_equilibria(game)
    note = f"{game.num_players} players: only pure-strategy Nash equilibria are listed"
    return replace(found, notes=(*found.notes, note))


_TREE_SOLVERS: Mapping[str, Callable] = {"spe": _spe_of_tree, "nash": _nash_of_tree}
_NORMAL_FORM_SOLVERS: Mapping[str, Callable] = {"spe": _spe_of_normal_form, "nash": _nash_of_normal_form}


def format_result(result: Mapping[str, Any]) -> str:
    """A readable text table of a :func:`solve_file` or :func:`~escalation.cli_models.solve_model` result."""
    count = len(result["equilibria"])
    head = ([f"game:        {result['game']}"] if "game" in result else
            [f"model:       {result['model']} ({result['title']}; claims {', '.join(result['claims'])})",
             "parameters:  " + ", ".join(f"{k}={v}" for k, v in result["parameters"].items())])
    lines = [
        *head,
        f"players:     {', '.join(result['players'])}",
        f"solver:      {result.get('solver', result['refinement'])} ({result['refinement']}, {result['method']})"
        if "solver" in result else f"solver:      {result['refinement']} ({result['method']})",
        f"degenerate:  {'yes' if result['degenerate'] else 'no'}",
        f"equilibria:  {count}",
    ]
    lines += [f"knife edge:  {k}" for k in result["knife_edge"]]
    lines += [f"note:        {n}" for n in result["notes"]]
    for number, eq in enumerate(result["equilibria"], start=1):
        lines += ["", f"equilibrium {number}" + (f": {eq['name']}" if eq.get("name") else "")]
        lines += _table(_equilibrium_rows(eq, result["players"]))
    return "\n".join(lines)


def _equilibrium_rows(eq: Mapping[str, Any], players: Sequence[str]) -> list[tuple[str, str, str]]:
    rows = []
    for player in players:
        for where, choice in _strategy_cells(eq["strategies"][player]):
            rows.append(("strategy", player, f"{where}{choice}"))
    for label, prob in (eq.get("outcomes") or {}).items():
        if prob != "0":
            rows.append(("outcome", label, prob))
    rows += [("payoff", player, eq["payoffs"][player]) for player in players]
    return rows


def _strategy_cells(strategy: Mapping[str, Any]) -> list[tuple[str, str]]:
    """``[(where, choice)]``: one row per information set for a tree, one row for a normal form."""
    if any(isinstance(v, Mapping) for v in strategy.values()):
        return [(f"{infoset}: ", _mixture(actions)) for infoset, actions in strategy.items()]
    return [("", _mixture(strategy))]


def _mixture(probabilities: Mapping[str, str]) -> str:
    support = [(s, p) for s, p in probabilities.items() if p != "0"]
    if len(support) == 1 and support[0][1] == "1":
        return support[0][0]
    return ", ".join(f"{s} {p}" for s, p in support)


def _table(rows: list[tuple[str, str, str]]) -> list[str]:
    widths = [max((len(r[k]) for r in rows), default=0) for k in range(2)]
    return [f"  {a:<{widths[0]}}  {b:<{widths[1]}}  {c}" for a, b, c in rows]


# -- models -------------------------------------------------------------------------------------
def _add_models(commands) -> None:
    p = commands.add_parser("models", help="list the models and the essay claims they encode",
                            description="List the registered models, or describe one: parameters and thresholds.")
    p.add_argument("name", nargs="?", metavar="NAME", help="describe this model")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=_run_models)


def _run_models(args: argparse.Namespace) -> int:
    result: Any = describe_model(args.name) if args.name else list_models()
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    elif args.name:
        print(_format_model(result))
    else:
        width = max(len(m["name"]) for m in result)
        for m in result:
            print(f"{m['name']:<{width}}  {','.join(m['claims']):<12}  {m['title']}")
    return 0


def _format_model(info: Mapping[str, Any]) -> str:
    lines = [f"{info['name']}: {info['title']}", f"claims:  {', '.join(info['claims'])}",
             f"sources: {'; '.join(info['sources'])}", "", "parameters:"]
    rows = [(name, p["default"], p["interval"] + (" whole" if p["integer"] else ""),
             f"{p['description']}" + (f" ({p['unit']})" if p["unit"] else "")
             + (f"; plausible [{', '.join(p['plausible'])}]" if p.get("plausible") else "")
             + (f"; prior {p['prior']}" if p.get("prior") else "") + (f"; {p['source']}" if p["source"] else ""))
            for name, p in info["parameters"].items()]
    widths = [max(len(r[k]) for r in rows) for k in range(3)] if rows else [0, 0, 0]
    lines += [f"  {a:<{widths[0]}}  {b:<{widths[1]}}  {c:<{widths[2]}}  {d}" for a, b, c, d in rows]
    if info["constraints"]:
        lines += ["", "constraints:"] + [f"  {c}" for c in info["constraints"]]
    if info["thresholds"]:
        lines += ["", "thresholds (LaTeX):"] + [f"  {k} = {v}" for k, v in info["thresholds"].items()]
    return "\n".join(lines)


# -- figures ------------------------------------------------------------------------------------
def _add_figures(commands) -> None:
    p = commands.add_parser("figures", help="write the paper figures (PNG and SVG) and their captions",
                            description="Regenerate the registered figures, byte for byte.")
    p.add_argument("--out", type=Path, default=Path("figures"), metavar="DIR", help="output folder (default: figures)")
    p.add_argument("--format", nargs="+", default=["png", "svg"], dest="formats", metavar="FMT",
                   help="file formats, any of png, svg, pdf (default: png svg)")
    p.add_argument("--only", nargs="+", default=None, metavar="ID", help="write only these figure ids")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="show a progress bar (needs tqdm; default: when standard error is a terminal)")
    p.set_defaults(run=_run_figures)


def _run_figures(args: argparse.Namespace) -> int:
    from .figures import write_figures

    progress = sys.stderr.isatty() if args.progress is None else args.progress
    written = write_figures(args.out, formats=tuple(args.formats), only=args.only, progress=progress)
    for path in written:
        print(path)
    print(f"{len(written)} files written to {args.out}", file=sys.stderr)
    return 0

