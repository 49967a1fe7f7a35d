"""``escalation solve``: a registered model at a parameter point, or a game read from a Gambit file.

``escalation solve NAME --set p_Def=1/4 ...`` solves a model at a point and
``escalation solve --game FILE --solver spe|nash`` a game file; both print the
same JSON shape (:mod:`.printing` lists the keys), a model's result naming the
model, its claims and parameter values, a file's the file.

>>> parse_settings(["p_Ch=1/4", "p_Def = 0.1"])
{'p_Ch': '1/4', 'p_Def': '0.1'}
"""

from __future__ import annotations

import argparse
import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import ParameterError, SolverError
from .printing import format_result, print_json

__all__ = ["OFFPATH_RULES", "SOLVERS", "add", "parse_settings", "run", "solve_file", "solve_model"]

OFFPATH_RULES = ("D1", "intuitive", "prior", "free")
SOLVERS = ("spe", "nash")


def add(commands: Any) -> None:
    """Declare ``escalation solve``."""
    p = commands.add_parser("solve", help="solve a model at a parameter point, or a Gambit .efg/.nfg game",
                            description="Solve a registered model (see 'escalation models') at a parameter point, "
                                        "or a game read from a Gambit .efg (tree) or .nfg (normal form) file.")
    p.add_argument("model", nargs="?", metavar="MODEL", help="a registered model, e.g. unilateral")
    add_settings(p)
    p.add_argument("--offpath", choices=OFFPATH_RULES, default=None,
                   help="off-path belief rule for the perfect Bayesian models (default D1)")
    p.add_argument("--game", type=Path, metavar="FILE", help="a Gambit .efg or .nfg file (instead of MODEL)")
    p.add_argument("--solver", choices=SOLVERS,
                   help="with --game: spe, subgame-perfect equilibria (trees only); nash, every extreme Nash "
                        "equilibrium (two players; pure equilibria only for more)")
    p.add_argument("--json", action="store_true", help="print the result as JSON (exact numbers as strings)")
    p.set_defaults(run=run)


def add_settings(parser: argparse.ArgumentParser) -> None:
    """The repeatable ``--set NAME=VALUE`` option."""
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", dest="settings",
                        help="a parameter value, exact: an integer, a decimal, 2.5e3 or a fraction such as 1/4 "
                             "(repeatable, once per parameter)")


def parse_settings(settings: Sequence[str] | None) -> dict[str, str]:
    """``["name=value", ...]`` as a dict; a malformed or repeated setting raises ParameterError."""
    out: dict[str, str] = {}
    for item in settings or ():
        name, sep, value = item.partition("=")
        if sep and name.strip() and not value.strip():
            raise ParameterError(name.strip(), "is given no value; write name=value, e.g. p_Def=1/4")
        if not sep or not name.strip():
            raise ParameterError(item, "a setting must look like name=value, e.g. p_Def=1/4")
        if name.strip() in out:
            raise ParameterError(name.strip(), f"is set twice ({out[name.strip()]} and {value.strip()}); give it once")
        out[name.strip()] = value.strip()
    return out


def run(args: argparse.Namespace) -> int:
    """Solve what was asked and print it."""
    if (args.model is None) == (args.game is None):
        raise ParameterError("solve", "name a MODEL or give --game FILE (one of the two)")
    if args.game is not None:
        if args.solver is None:
            raise ParameterError("solver", "--game needs --solver spe or --solver nash")
        if args.settings or args.offpath:
            raise ParameterError("set" if args.settings else "offpath", "goes with a MODEL, not with --game")
        result = solve_file(args.game, args.solver)
    else:
        if args.solver is not None:
            raise ParameterError("solver", "--solver goes with --game; a model chooses its own solver")
        result = solve_model(args.model, parse_settings(args.settings), args.offpath)
    if args.json:
        print_json(result)
    else:
        print(format_result(result))
    return 0


def solve_model(name: str, settings: dict[str, str], offpath: str | None = None) -> dict[str, Any]:
    """Solve model ``name`` at ``settings`` (defaults elsewhere); the JSON-ready result.

    ``offpath`` chooses the off-path belief rule of the perfect Bayesian
    models (``D1`` by default there); other models refuse it.
    """
    from ..numbers import exact_str
    from ..registry import get_model
    from .results import equilibria_json

    model = get_model(name)
    values = model.values(**settings)
    if offpath is not None:
        from ..solvers.pbe import perfect_bayesian  # only the perfect Bayesian models load it otherwise

        if model.solver is not perfect_bayesian:
            raise ParameterError("offpath", f"model {model.name!r} has no off-path beliefs to choose")
    found = model.solve(offpath=offpath, **settings)
    players = list(found[0].players) if len(found) else []
    return {"model": model.name, "title": model.title, "claims": list(model.claims),
            "parameters": {k: exact_str(v) for k, v in values.items()}, "players": players, "solver": "model",
            **equilibria_json(found)}


def solve_file(path: str | Path, solver: str) -> dict[str, Any]:
    """Read the game in ``path``, solve it with ``solver`` and return the JSON-ready result."""
    from ..games import ExtensiveFormGame
    from ..io import read_game
    from .results import equilibria_json

    if solver not in SOLVERS:
        raise ParameterError("solver", f"must be one of {', '.join(SOLVERS)}, got {solver!r}")
    game = read_game(path)
    solve = _TREE_SOLVERS[solver] if isinstance(game, ExtensiveFormGame) else _NORMAL_FORM_SOLVERS[solver]
    found = solve(game)
    return {"game": str(path), "players": list(game.players), "solver": solver, **equilibria_json(found)}


def _spe_of_tree(game):
    from ..solvers.backward_induction import subgame_perfect

    return subgame_perfect(game)


def _nash_of_tree(game):
    reduced = game.has_perfect_recall  # the reduced form needs perfect recall; the full one does not
    strategic = game.to_normal_form(reduced=reduced)
    found = _nash_of_normal_form(strategic)
    solutions = [replace(s, outcomes=_outcomes_of_plans(game, strategic, s)) for s in found]
    note = ("equilibria of the reduced strategic form; a strategy lists the player's actions at its "
            "information sets in tree order, '*' where its own earlier moves rule the set out" if reduced else
            "equilibria of the full strategic form (a player forgets its own earlier moves, so plans are not "
            "reduced); a strategy lists the player's actions at its information sets in tree order")
    return replace(found, solutions=tuple(solutions), notes=(*found.notes, note))


def _outcomes_of_plans(game, strategic, solution) -> dict[str, Any]:
    """The outcome distribution when each player mixes over reduced plans as in ``solution``."""
    from ..games import outcome_distribution

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
        from ..solvers.nash import nash_equilibria

        return nash_equilibria(game)
    from ..solvers.pure import pure_equilibria

    found = pure_equilibria(game)
    note = f"{game.num_players} players: only pure-strategy Nash equilibria are listed"
    return replace(found, notes=(*found.notes, note))


_TREE_SOLVERS: Mapping[str, Callable] = {"spe": _spe_of_tree, "nash": _nash_of_tree}
_NORMAL_FORM_SOLVERS: Mapping[str, Callable] = {"spe": _spe_of_normal_form, "nash": _nash_of_normal_form}
