"""``escalation models [NAME] [--json]``: the registered models, or one model's parameters and thresholds.

The list comes from :data:`escalation.registry.CATALOGUE` without importing a
model; describing one imports it (and sympy, for the thresholds in LaTeX).

>>> [m["name"] for m in list_models()][:2]
['attribution', 'attribution-leadership']
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import Any

from ..registry import CATALOGUE
from .printing import print_json

__all__ = ["add", "describe_model", "format_model", "list_models", "run"]


def add(commands: Any) -> None:
    """Declare ``escalation models``."""
    p = commands.add_parser("models", help="list the models and the essay claims they encode",
                            description="List the registered models, or describe one: parameters, constraints and "
                                        "thresholds.")
    p.add_argument("name", nargs="?", metavar="NAME", help="describe this model")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """List or describe, as text or JSON."""
    result: Any = describe_model(args.name) if args.name else list_models()
    if args.json:
        print_json(result)
    elif args.name:
        print(format_model(result))
    else:
        width = max(len(m["name"]) for m in result)
        for m in result:
            print(f"{m['name']:<{width}}  {','.join(m['claims']):<12}  {m['title']}")
    return 0


def list_models() -> list[dict[str, Any]]:
    """One record per model of the catalogue: name, title, claims, number of parameters."""
    return [{"name": e.name, "title": e.title, "claims": list(e.claims), "parameters": e.parameters}
            for e in CATALOGUE]


def describe_model(name: str) -> dict[str, Any]:
    """A model's parameters (default, domain, plausible range, prior, unit, description, source), its constraints,
    thresholds (LaTeX) and sources."""
    import sympy

    from ..numbers import exact_str
    from ..registry import get_model

    model = get_model(name)
    parameters = {
        p.name: {"default": exact_str(p.default), "domain": [None if b is None else exact_str(b) for b in p.domain],
                 "closed": list(p.closed), "interval": p.interval, "integer": p.integer,
                 "plausible": None if p.plausible is None else [exact_str(b) for b in p.plausible],
                 "prior": p.prior_text or None, "unit": p.unit, "description": p.description, "source": p.source}
        for p in model.parameters.values()
    }
    constraints = [f"{c.relation}: {c.why}" + (f" ({c.meaning})" if c.meaning else "")
                   for c in model.parameters.constraints]
    thresholds = {k: sympy.latex(v) for k, v in model.thresholds().items()}
    return {"name": model.name, "title": model.title, "claims": list(model.claims), "sources": list(model.sources),
            "description": model.description, "parameters": parameters, "constraints": constraints,
            "thresholds": thresholds}


def format_model(info: Mapping[str, Any]) -> str:
    """The text form of :func:`describe_model`."""
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
