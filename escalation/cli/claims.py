"""The ``escalation claims`` command: the essay's claims read from a model's equilibria.

``escalation claims guarantee --set W_R=1/2`` solves the model at the point
(every perfect Bayesian equilibrium) and prints, per claim, whether it holds
in all, some or none of them.  ``--samples N --seed S`` draws N points from
the parameters' priors instead and prints the share of draws in each verdict
with its Monte Carlo standard error.  ``--offpath`` takes a rule (D1,
intuitive, prior, free) or ``PATTERN=RULE`` pairs for information-set label
patterns (repeatable; ``*=RULE`` sets the default).  ``--json`` prints JSON.
``--outcomes --save FILE`` (with ``--samples N --seed S`` and one off-path
rule) solves each draw once and writes what every force level brings --
deterrence, war, Russia's success, nuclear use, the coalition's payoff, as
exact minima and maxima over all equilibria found -- and each claim's verdict
per planned force to a JSON archive (:mod:`escalation.claims.archive`); the
figures read the one shipped in ``escalation/data``.
``--sobol N --seed S --save FILE`` solves the game on a Saltelli design of N
base samples (a power of two; N (G + 2) solves for G groups of parameters)
and writes the design's outcomes and the grouped Sobol indices with bootstrap
intervals to a JSON archive (:mod:`escalation.claims.sensitivity`; needs
SALib, the ``sensitivity`` extra); the sensitivity figure reads the one
shipped in ``escalation/data``.  A base sample with a point that stays
unsolved (even nudged off a tie) is left out of the indices, and the command
and the archive (``left_out``) say which rows and why; if every base sample
is left out there are no indices, every point's record is still written to
FILE, and the error names the rows.
``--delta`` reads the prior archive (the shipped one, or ``--archive FILE``)
and prints, per claim and outcome, the parameters with the largest
Borgonovo's delta, each with its bias-reduced value, bootstrap interval,
the null's 95% quantile and whether it is a finding
(:mod:`escalation.claims.delta`; ``--seed S`` seeds the resamples, ``--top K``
how many parameters are printed, ``--json`` prints every one).
``--calibration`` prints the calibration report instead (every parameter's
source and prior; the thresholds at the point and, with ``--samples N --seed
S``, over the prior; :mod:`escalation.claims.calibration`), which needs no
solver.

>>> parse_offpath(["D1"]), parse_offpath(["C:respond|*=prior", "*=D1"])
('D1', {'C:respond|*': 'prior', '*': 'D1'})
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import ParameterError, SolverError
from .solve import add_settings, parse_settings

__all__ = ["add", "parse_offpath", "run"]

RULES = ("D1", "intuitive", "prior", "free")


def parse_offpath(items: Sequence[str] | None) -> Any:
    """One rule, or ``PATTERN=RULE`` items as a mapping."""
    items = list(items or ["D1"])
    if len(items) == 1 and "=" not in items[0]:
        rule = items[0]
        if rule not in RULES:
            raise ParameterError("offpath", f"unknown rule {rule!r}; use one of {', '.join(RULES)}")
        return rule
    out = {}
    for item in items:
        pattern, sep, rule = item.rpartition("=")
        if not sep or not pattern or rule not in RULES:
            raise ParameterError("offpath", f"{item!r} must be a rule ({', '.join(RULES)}) or PATTERN=RULE")
        out[pattern] = rule
    return out


def add(commands: Any) -> None:
    """Declare ``escalation claims``."""
    p = commands.add_parser("claims", help="read the essay's claims from a model's equilibria",
                            description="Solve MODEL at a point and say, per claim, whether it holds in all, some "
                                        "or none of the equilibria; or, with --samples, the share of prior draws.")
    p.add_argument("model", metavar="MODEL", help="guarantee or one of its variants")
    add_settings(p)
    p.add_argument("--offpath", action="append", default=None, metavar="RULE or PATTERN=RULE",
                   help="off-path belief rule (default D1), or a rule per information-set pattern (repeatable)")
    p.add_argument("--planned", default=None, metavar="F", help="the force read as the planned one (default: "
                                                                "the smallest positive level)")
    p.add_argument("--samples", type=int, default=None, metavar="N", help="draw N points from the priors")
    p.add_argument("--seed", type=int, default=None, metavar="S", help="seed of the draws")
    p.add_argument("--max-solves", type=int, default=100, metavar="K",
                   help="refuse more than K exact solves (each seconds of CPU; default 100)")
    p.add_argument("--calibration", action="store_true",
                   help="print the calibration report: every parameter's source and prior, and where the "
                        "thresholds fall at the point (and over the prior with --samples N --seed S)")
    p.add_argument("--outcomes", action="store_true",
                   help="with --samples N --seed S --save FILE: record every force level's outcomes and the claims "
                        "per planned force, per draw (each draw solved once), in a JSON archive")
    p.add_argument("--sobol", type=int, default=None, metavar="N",
                   help="with --seed S --save FILE: grouped Sobol indices of the outcomes on a Saltelli design of N "
                        "base samples (a power of two; N (G + 2) solves), with the design's outcomes, in a JSON "
                        "archive (needs SALib)")
    p.add_argument("--save", default=None, metavar="FILE", help="where --outcomes or --sobol writes its archive")
    p.add_argument("--delta", action="store_true",
                   help="Borgonovo's moment-independent delta of each claim and outcome for each parameter, from the "
                        "prior archive, with bootstrap intervals and a permutation null (--seed S seeds them; "
                        "default 0)")
    p.add_argument("--archive", default=None, metavar="FILE",
                   help="the prior-outcomes archive --delta reads (default: the one shipped with the package)")
    p.add_argument("--top", type=int, default=5, metavar="K",
                   help="with --delta: print the K parameters with the largest delta per output (default 5)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Read the claims at a point, or their shares over the prior, and print them."""
    from .. import claims

    settings = parse_settings(args.settings)
    if args.samples is not None and args.seed is None:
        raise ParameterError("seed", "--samples needs --seed S (draws are reproducible)")
    if args.calibration:
        report = claims.calibration.calibration_report(args.model, n=args.samples, seed=args.seed, **settings)
        print(json.dumps(report, indent=2, ensure_ascii=False) if args.json else
              claims.calibration.report_text(report))
        return 0
    if args.delta or args.archive is not None:
        return _delta(args, settings)
    offpath = parse_offpath(args.offpath)
    if args.sobol is not None:
        return _sobol(args, offpath, settings)
    if args.outcomes or args.save is not None:
        return _outcomes(args, offpath, settings)
    if args.samples is None:
        point = claims.at(args.model, offpath=offpath, planned=args.planned, solver=None, **settings)
        result = point.to_dict()
        print(json.dumps(result, indent=2, ensure_ascii=False) if args.json else _point_table(result))
        return 0
    over = None if args.planned is None else {"planned": [args.planned]}
    ds = claims.share(args.model, n=args.samples, seed=args.seed, offpath=offpath, fixed=settings, over=over,
                      max_solves=args.max_solves)
    if over is not None:
        ds = ds.squeeze("planned", drop=True)
    table = _share_records(ds)
    print(json.dumps(table, indent=2) if args.json else _share_table(table))
    return 0


def _outcomes(args: argparse.Namespace, offpath: Any, settings: dict[str, Any]) -> int:
    """``--outcomes --save FILE``: solve every draw once, write the archive, print what was written."""
    from ..claims.archive import save_outcomes
    from ..claims.outcomes import outcome_records

    if not args.outcomes or args.save is None or args.samples is None:
        raise ParameterError("outcomes", "--outcomes and --save FILE go together, with --samples N --seed S")
    if not isinstance(offpath, str) or settings or args.planned is not None:
        raise ParameterError("outcomes", "records the prior as drawn under one off-path rule: no --set, --planned "
                                         "or per-pattern --offpath")
    if not Path(args.save).parent.is_dir():
        raise ParameterError("save", f"folder {str(Path(args.save).parent)!r} does not exist")
    records, attrs = outcome_records(args.model, args.samples, args.seed, offpath, max_solves=args.max_solves)
    path = save_outcomes(args.save, records, attrs)
    solved = sum(r["solved"] for r in records)
    print(f"{path}: {len(records)} draws (seed {args.seed}, off-path rule {offpath}), {solved} solved, "
          f"{len(records) - solved} unsolved")
    return 0


def _sobol(args: argparse.Namespace, offpath: Any, settings: dict[str, Any]) -> int:
    """``--sobol N --seed S --save FILE``: solve the design, estimate the indices, write the archive."""
    from ..claims.archive import save_sobol
    from ..claims.sensitivity import sobol_indices, sobol_records

    if args.save is None or args.seed is None or args.samples is not None or args.outcomes:
        raise ParameterError("sobol", "--sobol N goes with --seed S and --save FILE (not --samples or --outcomes)")
    if not isinstance(offpath, str) or settings or args.planned is not None:
        raise ParameterError("sobol", "samples the priors under one off-path rule: no --set, --planned or "
                                      "per-pattern --offpath")
    if not Path(args.save).parent.is_dir():
        raise ParameterError("save", f"folder {str(Path(args.save).parent)!r} does not exist")
    records, attrs = sobol_records(args.model, args.sobol, args.seed, offpath, max_solves=args.max_solves)
    unsolved = [r for r in records if not r.get("solved")]
    if unsolved:
        attrs = {**attrs, "left_out": _left_out(records, args.sobol)}
    if unsolved and len(attrs["left_out"]["base_samples"]) == args.sobol:
        path = save_sobol(args.save, records, attrs, {})   # keep the hours of solves: the points, without indices
        raise SolverError(f"every base sample has an unsolved point ({_rows(unsolved)}), so there are no indices; "
                          f"every point's record is saved in {path}")
    path = save_sobol(args.save, records, attrs, sobol_indices(records, args.sobol, args.seed,
                                                               leave_out_unsolved=True))
    print(f"{path}: {len(records)} design points ({args.sobol} base samples, seed {args.seed}, off-path rule "
          f"{offpath}), {sum(bool(r.get('nudged')) for r in records)} nudged off a tie")
    if unsolved:
        left = attrs["left_out"]["base_samples"]
        print(f"{len(unsolved)} unsolved even nudged off a tie ({_rows(unsolved)}): base sample(s) "
              f"{', '.join(map(str, left))} left out, the indices use the other {args.sobol - len(left)}")
    return 0


def _left_out(records: list[dict[str, Any]], n: int) -> dict[str, Any]:
    """Which base samples the indices leave out, and the unsolved rows with their reasons (for the archive)."""
    from ..claims.sensitivity import complete_base_samples

    _, left_out = complete_base_samples(records, n)
    return {"base_samples": left_out,
            "unsolved": {str(r["row"]): str(r.get("error") or "no error recorded") for r in records
                         if not r.get("solved")}}


def _rows(unsolved: list[dict[str, Any]]) -> str:
    rows = ", ".join(str(r["row"]) for r in unsolved[:5]) + (", ..." if len(unsolved) > 5 else "")
    first = (str(unsolved[0].get("error") or "no error recorded").splitlines() or [""])[0]
    return f"rows {rows}; first: {first}"


def _delta(args: argparse.Namespace, settings: dict[str, Any]) -> int:
    """``--delta``: Borgonovo's delta of the archive's claims and outcomes, per parameter."""
    from ..claims.archive import PRIOR_FILE
    from ..claims.delta import prior_deltas

    if not args.delta:
        raise ParameterError("archive", "--archive FILE goes with --delta")
    if (settings or args.samples is not None or args.outcomes or args.sobol is not None or args.save is not None
            or args.planned is not None or args.offpath is not None or args.calibration):
        raise ParameterError("delta", "--delta reads the prior archive as it is: no --set, --samples, --outcomes, "
                                      "--sobol, --save, --planned, --offpath or --calibration")
    if args.top < 1:
        raise ParameterError("top", f"must be at least 1, got {args.top}")
    seed = 0 if args.seed is None else args.seed
    result = prior_deltas(PRIOR_FILE if args.archive is None else args.archive, seed=seed)
    print(json.dumps(result, indent=2, ensure_ascii=False) if args.json else _delta_table(result, args.top))
    return 0


def _delta_table(result: dict[str, Any], top: int) -> str:
    archive = result["archive"]
    outputs = result["outputs"]
    findings = sum(d["finding"] for out in outputs.values() for d in out["indices"])
    total = sum(len(out["indices"]) for out in outputs.values())
    lines = [f"{archive.get('model', '?')} prior archive: {archive.get('draws', '?')} draws (seed "
             f"{archive.get('seed', '?')}, off-path rule {archive.get('offpath', '?')}); {findings} of {total} "
             "indices are findings", f"method: {result['method']}", ""]
    for name, out in outputs.items():
        values = ", ".join(f"{v} {c}" for v, c in out["values"].items())
        lines.append(f"{name}: {out['draws']} draws ({values})")
        if out["constant"]:
            lines += ["    constant: delta 0 for every parameter", ""]
            continue
        lines.append(f"    {'parameter':<11} {'delta':>6} {'reduced':>8}  {'95% interval':<16} {'null':>6}")
        for d in out["indices"][:top]:
            interval = f"[{d['low']:.3f}, {d['high']:.3f}]"
            lines.append(f"    {d['parameter']:<11} {d['delta']:>6.3f} {d['corrected']:>8.3f}  {interval:<16} "
                         f"{d['null']:>6.3f}  {'finding' if d['finding'] else ''}".rstrip())
        lines.append("")
    return "\n".join(lines).rstrip()


def _point_table(result: dict[str, Any]) -> str:
    n = len(result["equilibria"])
    lines = [f"{result['model']}: {n} equilibri{'um' if n == 1 else 'a'} (off-path rule {result['offpath']}, "
             f"planned force {result['planned force']})"]
    if result["notes"]:
        lines.append(f"search: {result['notes'][0]}")
    if result["knife_edge"]:
        lines.append("knife edge: " + "; ".join(result["knife_edge"]))
    width = max(len(c) for c in result["claims"])
    for claim, verdict in result["claims"].items():
        lines.append(f"  {claim:<{width}}  {_verdict_text(verdict)}")
    return "\n".join(lines)


def _verdict_text(verdict: dict[str, Any]) -> str:
    """``holds in all``, ``holds in some (equilibria 1, 3; partly in 2)``, ``undefined in this game``."""
    status = verdict["status"]
    if status not in ("all", "some", "none"):
        return f"{status} in this game"
    which = []
    if status == "some" and verdict["holds_in"]:
        which.append("equilibria " + ", ".join(str(i + 1) for i in verdict["holds_in"]))
    if status == "some" and verdict["partly_in"]:
        which.append("in some off-path variants of equilibri" + ("um " if len(verdict["partly_in"]) == 1 else "a ")
                     + ", ".join(str(i + 1) for i in verdict["partly_in"]))
    return f"holds in {status}" + (f"  ({'; '.join(which)})" if which else "")


def _share_records(ds) -> dict[str, Any]:
    out: dict[str, Any] = {"model": ds.attrs["model"], "draws": ds.attrs["draws"], "seed": ds.attrs["seed"],
                           "offpath": ds.attrs["offpath"], "solved": int(ds.solved), "unsolved": int(ds.unsolved),
                           "knife_edge": int(ds.knife_edge), "rejected": ds.attrs["rejected"], "claims": {}}
    for claim in ds.claim.values:
        out["claims"][str(claim)] = {
            str(v): {"count": int(ds["count"].sel(claim=claim, verdict=v)),
                     "share": float(ds["share"].sel(claim=claim, verdict=v)),
                     "standard_error": float(ds["standard_error"].sel(claim=claim, verdict=v)),
                     "wilson_95": [float(ds["wilson_low"].sel(claim=claim, verdict=v)),
                                   float(ds["wilson_high"].sel(claim=claim, verdict=v))]}
            for v in ds.verdict.values}
    return out


def _share_table(table: dict[str, Any]) -> str:
    lines = [f"{table['model']}: {table['draws']} draws (seed {table['seed']}), {table['solved']} solved, "
             f"{table['unsolved']} unsolved, {table['knife_edge']} on a knife edge; off-path rule {table['offpath']}",
             f"  {'claim':<36}  {'all':>15}  {'some':>15}  {'none':>15}"]
    for claim, row in table["claims"].items():
        cells = [f"{row[v]['share']:.3f} ± {row[v]['standard_error']:.3f}" for v in ("all", "some", "none")]
        lines.append(f"  {claim:<36}  {cells[0]:>15}  {cells[1]:>15}  {cells[2]:>15}")
    return "\n".join(lines)
