r"""The guarantee game solved on a grid of force sizes and one other parameter: the equilibrium play per cell.

A force :math:`F` of any size is offered by building the game with the menu
:math:`\{0, F\}` (no force, or :math:`F`) and solving it with the package's
generic perfect Bayesian solver; the policy "offer :math:`F`" (both coalition
types offer it, all later play as in the equilibrium; :mod:`.reading`) is
read from *every* equilibrium found: every solution, and within a solution
every admissible continuation after the offer (:mod:`.continuations`).  Per
cell the record keeps, for each distinct play after the offer,

* ``consent`` (Russia's type, US posture): the probability of consenting;
* ``attack`` (type, posture, ``deployed``/``refused``): hold, probe, offensive;
* ``respond`` and ``stand`` (coalition type, scale, posture): the probability of
  responding to an attack on the force, and of standing firm under a nuclear threat;
* ``threat`` (Russia's type, posture, scale): the probability of a nuclear threat after a failed attack;
* ``belief_Rev`` (coalition type, scale, posture): the coalition's belief that
  Russia is revisionist at its response (the representative solution's beliefs);
* ``policy``: :math:`Q_F` of attack, war, success; ``consent_posterior``: P(consent) and
  P(Rev | consent), P(Deal | consent) by Bayes' rule from the consent probabilities,

all as exact fractions (on the line at the defaults the plays are summarised by
:func:`summarise_line`).  :func:`region_records` computes the records,
:func:`save_regions` writes them with their provenance to a JSON file whose bytes
depend only on the records, :func:`read_regions` reads them back.  The file
the figures read (:data:`REGIONS_FILE`) is made by::

    python -m escalation.claims.regions escalation/data/guarantee-regions.json

>>> GRID["F"][:3], GRID["W_R"][:3]
(('10', '20', '30'), ('1/2', '3/4', '1'))
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

from .._version import __version__
from ..errors import EscalationError, ParameterError
from ..games.tree import ExtensiveFormGame
from ..models.guarantee import PARAMETERS, build, solve_guarantee
from ..models.guarantee.variants import Variant
from ..numbers import as_fraction
from ..solvers.solution import Equilibria
from .archive import read_json_archive
from .continuations import _levels_of_groups, _variants
from .reading import POSTURES, RUSSIA_TYPES, EquilibriumReading

__all__ = ["FORMAT", "GRID", "LINE", "REGIONS_FILE", "cell_record", "main", "read_regions", "region_records",
           "save_regions", "summarise_line"]

FORMAT = "escalation guarantee regions, version 1"
#: The archive the figures read (made by ``python -m escalation.claims.regions FILE``).
REGIONS_FILE = Path(__file__).parents[1] / "data" / "guarantee-regions.json"
#: The map's grid: force sizes (thousand troops) and Russia's cost of a NATO-Russia war (R-units).
GRID = {"F": tuple(str(F) for F in range(10, 201, 10)),
        "W_R": ("1/2", "3/4", "1", "3/2", "2", "3", "4", "6", "10")}
#: The finer line at the defaults (every 5k) for the consent figure.
LINE = {"F": tuple(str(F) for F in range(5, 201, 5))}
SCALES = {"P": "probe", "O": "offensive"}
COALITION_TYPES = ("H", "L")


def _s(x: Any) -> str:
    return str(as_fraction(x))


def _play(reading: EquilibriumReading, level: str, beliefs: Mapping | None, full: bool = True) -> dict[str, Any]:
    """The play after offer ``level`` in one equilibrium (exact strings).

    Without ``full`` the numbers that vary continuously with the parameters
    (beliefs, outcome probabilities) are left out and only whether a
    NATO-Russia war and an attack have positive probability is kept.
    """
    b = reading.behaviour
    out: dict[str, Any] = {"consent": {}, "attack": {}, "threat": {}, "respond": {}, "stand": {}, "belief_Rev": {}}
    for r in RUSSIA_TYPES:
        for u in POSTURES:
            out["consent"][f"{r}|{u}"] = _s(reading.consent(r, u, level))
            for status in ("deployed", "refused"):
                acts = b[f"R:attack|{r}|{u}|{level}|{status}"]
                out["attack"][f"{r}|{u}|{status}"] = {a: _s(p) for a, p in acts.items()}
            for scale in SCALES.values():
                out["threat"][f"{r}|{u}|{scale}"] = _s(b[f"R:threat|{r}|{u}|{level}|{scale}"]["threaten"])
    for t in COALITION_TYPES:
        for scale in SCALES.values():
            for u in POSTURES:
                key = f"{t}|{scale}|{u}"
                out["respond"][key] = _s(b[f"C:respond|{t}|{level}|{scale}|{u}"]["respond"])
                out["stand"][key] = _s(b[f"C:stand|{t}|{level}|{scale}|{u}"]["stand firm"])
                held = (beliefs or {}).get(f"C:respond|{t}|{level}|{scale}|{u}")
                out["belief_Rev"][key] = None if held is None else _s(sum(
                    (as_fraction(p) for x, p in held.items() if "/Rev/" in f"/{x}/"), Fraction(0)))
    policy = reading.policy(level)
    if not full:
        del out["belief_Rev"]
        return {**out, "attacked": bool(policy["P_attack"]), "war": bool(policy["P_war"])}
    out["policy"] = {k: _s(v) for k, v in policy.items() if k != "P_nuclear"}
    stats = reading.consent_stats(level)
    out["consent_posterior"] = {k: None if stats[k] is None else _s(stats[k])
                                for k in ("P_consent", "P_Rev_given_consent", "P_Deal_given_consent")}
    return out


def plays(game: ExtensiveFormGame, found: Equilibria, level: str, full: bool = True) -> list[dict[str, Any]]:
    """Every distinct play after offer ``level`` over the equilibria ``found`` stands for, in a fixed order."""
    seen: dict[str, dict[str, Any]] = {}
    for solution in found:
        alternatives = dict(getattr(solution, "alternatives", None) or {})
        groups = sorted(d for d, lv in _levels_of_groups(game, alternatives).items() if level in lv)
        for behaviour in _variants(solution.behaviour, alternatives, groups):
            play = _play(EquilibriumReading(game, behaviour), level, solution.beliefs, full)
            seen.setdefault(json.dumps(play, sort_keys=True), play)
    return [seen[k] for k in sorted(seen)]


def cell_record(values: Mapping[str, Any], F: str, offpath: str = "D1",
                solver: Callable[..., Equilibria] | None = None, full: bool = True) -> dict[str, Any]:
    """Solve the game with the menu ``{0, F}`` at ``values`` and record the play after the offer ``F``."""
    record: dict[str, Any] = {"F": F}
    try:
        game = build(values, Variant(menu=(0, Fraction(F))))
        found = (solver or solve_guarantee)(game, offpath=offpath)
        if not len(found):
            raise EscalationError("the solver found no equilibrium")
        level = str(Variant(menu=(0, Fraction(F))).menu[1])
        found_plays = plays(game, found, level, full)
    except EscalationError as err:
        return {**record, "solved": False, "error": str(err)}
    return {**record, "solved": True, "solutions": len(found), "complete": bool(found.complete),
            "knife_edge": list(found.knife_edge), "plays": found_plays}


SIGNALS = ("consent", "attack", "consent_posterior", "policy")
RANGES = ("respond", "stand", "threat", "belief_Rev")


def summarise_line(record: Mapping[str, Any]) -> dict[str, Any]:
    """A cell of the line with its plays summarised: the distinct consent-and-attack plays, and ranges.

    ``signals`` lists each distinct combination of consent, attack, the
    posterior after consent and the outcome probabilities; ``ranges`` holds,
    for every response, stand, threat and belief, its least and greatest value
    over the plays (they differ mostly after attacks nobody makes).
    """
    if not record["solved"]:
        return dict(record)
    out = {k: v for k, v in record.items() if k != "plays"}
    found = record["plays"]
    signals = {json.dumps({k: p[k] for k in SIGNALS}, sort_keys=True) for p in found}
    out["variants"] = len(found)
    out["signals"] = [json.loads(x) for x in sorted(signals)]
    out["ranges"] = {}
    for field in RANGES:
        out["ranges"][field] = {}
        for key in found[0][field]:
            xs = [Fraction(p[field][key]) for p in found if p[field][key] is not None]
            out["ranges"][field][key] = [str(min(xs)), str(max(xs))] if xs else None
    return out


def region_records(grid: Mapping[str, Sequence[str]] = GRID, line: Mapping[str, Sequence[str]] = LINE,
                   offpath: str = "D1", progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """The map (``grid``: F against one other parameter, others at their defaults) and the line at the defaults."""
    (other,) = [k for k in grid if k != "F"]
    defaults = PARAMETERS.defaults()
    cells = []
    for y in grid[other]:
        for F in grid["F"]:
            cells.append({other: y, **cell_record({**defaults, other: Fraction(y)}, F, offpath, full=False)})
            if progress:
                progress(f"{other}={y} F={F}")
    line_cells = [summarise_line(cell_record(defaults, F, offpath)) for F in line["F"]]
    provenance = {"format": FORMAT, "model": "guarantee", "variable": other, "grid": {k: list(v) for k, v in
                                                                                       grid.items()},
                  "line": {k: list(v) for k, v in line.items()}, "offpath": offpath, "version": __version__,
                  "solver": "escalation.models.guarantee.solve_guarantee (generic perfect Bayesian solver, "
                            "its defaults for this game)",
                  "method": "each cell: the game built with the menu {0, F} at the defaults with the grid's "
                            "value, solved once; the play after the offer F read in every equilibrium found "
                            "(every solution and every admissible continuation after the offer)",
                  "command": "python -m escalation.claims.regions FILE"}
    table: dict[str, int] = {}
    for cell in cells:
        if cell["solved"]:
            keys = [json.dumps(p, sort_keys=True) for p in cell.pop("plays")]
            cell["plays"] = sorted({table.setdefault(k, len(table)) for k in keys})
    distinct = [json.loads(k) for k in table]
    return {"provenance": provenance, "plays": distinct, "map": cells, "line": line_cells}


def regions_text(data: Mapping[str, Any]) -> str:
    """The archive's text: the provenance, then one line per cell."""
    def rows(cells):
        return ",\n".join(json.dumps(c, sort_keys=True, separators=(",", ":")) for c in cells)
    return ("{\"provenance\": " + json.dumps(data["provenance"], sort_keys=True) + ",\n\"map\": [\n"
            + rows(data["map"]) + "\n],\n\"plays\": [\n" + rows(data["plays"]) + "\n],\n\"line\": [\n"
            + rows(data["line"]) + "\n]}\n")


def save_regions(path: str | Path, data: Mapping[str, Any]) -> Path:
    """Write the archive to ``path`` (a missing folder is an error naming it)."""
    path = Path(path)
    if not path.parent.is_dir():
        raise ParameterError("path", f"folder {str(path.parent)!r} does not exist")
    path.write_text(regions_text(data), encoding="utf-8")
    return path


def read_regions(path: str | Path = REGIONS_FILE) -> dict[str, Any]:
    """The archive at ``path`` (provenance, map cells, line cells)."""
    return read_json_archive(path, FORMAT, "regions archive")


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m escalation.claims.regions FILE``: solve the grid and the line, write the archive."""
    parser = argparse.ArgumentParser(prog="python -m escalation.claims.regions",
                                     description="Solve the guarantee game on the region map's grid and save it.")
    parser.add_argument("file", help="where to write the archive (JSON)")
    args = parser.parse_args(argv)
    if not Path(args.file).parent.is_dir():
        print(f"error: parameter 'path': folder {str(Path(args.file).parent)!r} does not exist", file=sys.stderr)
        return 2
    try:
        path = save_regions(args.file, region_records(progress=lambda s: print(s, file=sys.stderr, flush=True)))
    except ParameterError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
