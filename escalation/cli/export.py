"""``escalation export``: a model's game, or a game file, as Gambit .efg/.nfg, JSON or LaTeX.

- ``--format efg``: a tree in Gambit's extensive-form format (opens in Gambit);
- ``--format nfg``: a normal form in Gambit's strategic format; a tree is written
  as its reduced strategic form;
- ``--format json``: the game in the package's JSON description
  (:mod:`escalation.io.game_json`, exact numbers as strings);
- ``--format latex``: the model's equilibrium regions or closed forms in LaTeX --
  the named regions where the model has them (the tripwire game), the regions
  of its symbolic tree where backward induction can split parameter space
  (:func:`escalation.symbolic.spe_regions`), else its closed-form thresholds;
  ``--set`` values are substituted first.

A model's game is built at its defaults overridden by ``--set``.  The text goes to
standard output, or to ``--out FILE``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ..errors import ParameterError, SolverError
from .solve import add_settings, parse_settings

__all__ = ["FORMATS", "add", "export_text", "run"]

FORMATS = ("efg", "nfg", "json", "latex")


def add(commands: Any) -> None:
    """Declare ``escalation export``."""
    p = commands.add_parser("export", help="write a model's game (or a game file) as .efg, .nfg, JSON or LaTeX",
                            description="Write a registered model's game at a parameter point, or a game read from "
                                        "a Gambit file, as Gambit .efg or .nfg, as JSON, or a model's equilibrium "
                                        "regions and closed forms as LaTeX.")
    p.add_argument("model", nargs="?", metavar="MODEL", help="a registered model, e.g. tripwire")
    p.add_argument("--game", type=Path, metavar="FILE", help="a Gambit .efg or .nfg file (instead of MODEL)")
    p.add_argument("--format", choices=FORMATS, required=True, dest="fmt", help="efg, nfg, json or latex")
    add_settings(p)
    p.add_argument("--out", type=Path, metavar="FILE", help="write to FILE instead of standard output")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Export what was asked."""
    if (args.model is None) == (args.game is None):
        raise ParameterError("export", "name a MODEL or give --game FILE (one of the two)")
    if args.game is not None and args.settings:
        raise ParameterError("set", "goes with a MODEL, not with --game")
    text = export_text(args.model, args.game, args.fmt, parse_settings(args.settings))
    if args.out is None:
        print(text, end="" if text.endswith("\n") else "\n")
    else:
        args.out.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
        print(f"{args.fmt} written to {args.out}")
    return 0


def export_text(model: str | None, path: Path | None, fmt: str, settings: dict[str, str]) -> str:
    """The text of the export (see the module docstring)."""
    if fmt == "latex":
        if path is not None:
            raise SolverError(f"{path}: a game file has numbers for payoffs; LaTeX regions come from a model's "
                              "symbolic game (escalation export MODEL --format latex)")
        return _latex(model or "", settings)
    game = _game(model, path, settings)
    if fmt == "json":
        from ..io.game_json import game_to_json

        return json.dumps(game_to_json(game), indent=2, ensure_ascii=False)
    from ..games import ExtensiveFormGame

    if fmt == "efg":
        if not isinstance(game, ExtensiveFormGame):
            raise SolverError("this game is a normal form; write it with --format nfg (or json)")
        from ..io.efg import efg_text

        return efg_text(game)
    from ..io.nfg import nfg_text

    return nfg_text(game)


def _game(model: str | None, path: Path | None, settings: dict[str, str]) -> Any:
    from ..games import AnonymousGame, ExtensiveFormGame, NormalFormGame

    if path is not None:
        from ..io import read_game

        return read_game(path)
    from ..registry import get_model

    found = get_model(model or "")
    game = found.game(**settings)
    if isinstance(game, AnonymousGame):
        return game.to_normal_form()
    if not isinstance(game, (ExtensiveFormGame, NormalFormGame)):
        raise SolverError(f"model {found.name!r} is solved in closed form and has no game to export; "
                          "--format latex writes its closed forms")
    return game


def _latex(name: str, settings: dict[str, str]) -> str:
    from ..registry import get_model

    model = get_model(name)
    values = {k: model.parameters[k].check(v) for k, v in settings.items()}
    if model.latex is not None:
        if values:
            raise ParameterError(", ".join(values), f"model {model.name!r} writes its named regions in all "
                                                    "parameters; --set does not apply to them")
        return model.latex()
    regions = _symbolic_regions(model, values)
    if regions is not None:
        return regions
    thresholds = {k: v.subs({model.parameters[n].symbol: x for n, x in values.items()})
                  for k, v in model.thresholds().items()}
    if not thresholds:
        raise SolverError(f"model {model.name!r} has no symbolic regions or closed forms to write as LaTeX")
    import sympy

    rows = " \\\\\n".join(f"\\mathrm{{{_tex_name(k)}}} &= {sympy.latex(v)}" for k, v in thresholds.items())
    return f"\\begin{{aligned}}\n{rows}\n\\end{{aligned}}"


def _tex_name(name: str) -> str:
    return name.replace("_", r"\_")


def _symbolic_regions(model: Any, values: dict[str, Any]) -> str | None:
    """The LaTeX of the regions of the model's symbolic tree, or ``None`` where backward induction cannot split it."""
    from ..games import ExtensiveFormGame
    from ..symbolic import spe_regions

    try:
        game = model.symbolic_game()
    except ParameterError:
        return None
    if not isinstance(game, ExtensiveFormGame) or not game.is_perfect_information:
        return None
    if values:
        game = game.subs(values)
    try:
        return spe_regions(game, model.parameters).to_latex()
    except SolverError:
        return None
