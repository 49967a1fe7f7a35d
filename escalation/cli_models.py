"""The model commands of the command line: ``escalation models`` and ``escalation solve MODEL``.

``escalation models`` lists the registered models with the essay claims they
encode; ``escalation models NAME`` describes one (parameters with defaults,
domains, units and sources; closed-form thresholds).  ``escalation solve NAME
--set p_Def=1/4 ...`` solves a model at a parameter point and prints the same
JSON shape as for game files, plus the parameter values and each equilibrium's
name where the literature names it.

>>> parse_settings(["p_Ch=1/4", "p_Def = 0.1"])
{'p_Ch': '1/4', 'p_Def': '0.1'}
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .errors import ParameterError
from .numbers import exact_str

__all__ = ["describe_model", "list_models", "parse_settings", "solve_model"]

OFFPATH_RULES = ("D1", "prior", "free")


def parse_settings(settings: Sequence[str] | None) -> dict[str, str]:
    """``["name=value", ...]`` as a dict; a malformed or repeated setting raises ParameterError."""
    out: dict[str, str] = {}
    for item in settings or ():
        name, sep, value = item.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise ParameterError(item, "a setting must look like name=value, e.g. p_Def=1/4")
        if name.strip() in out:
            raise ParameterError(name.strip(), f"is set twice ({out[name.strip()]} and {value.strip()}); give it once")
        out[name.strip()] = value.strip()
    return out


def list_models() -> list[dict[str, Any]]:
    """One record per registered model: name, title, claims, number of parameters."""
    from .models import MODELS

    return [{"name": m.name, "title": m.title, "claims": list(m.claims), "parameters": len(m.parameters)}
            for m in MODELS.values()]


def describe_model(name: str) -> dict[str, Any]:
    """A model's parameters (default, domain, plausible range, prior, unit, description, source), thresholds (LaTeX)
    and sources."""
    import sympy

    from .models import get_model

    model = get_model(name)
    parameters = {
        p.name: {"default": exact_str(p.default), "domain": [None if b is None else exact_str(b) for b in p.domain],
                 "closed": list(p.closed), "interval": p.interval, "integer": p.integer,
                 "plausible": None if p.plausible is None else [exact_str(b) for b in p.plausible],
                 "prior": p.prior_text or None, "unit": p.unit, "description": p.description, "source": p.source}
        for p in model.parameters.values()
    }
    thresholds = {k: sympy.latex(v) for k, v in model.thresholds().items()}
    constraints = [f"{c.relation}: {c.why}" + (f" ({c.meaning})" if c.meaning else "")
                   for c in model.parameters.constraints]
    return {"name": model.name, "title": model.title, "claims": list(model.claims), "sources": list(model.sources),
            "description": model.description, "parameters": parameters, "constraints": constraints,
            "thresholds": thresholds}


def solve_model(name: str, settings: dict[str, str], offpath: str | None = None) -> dict[str, Any]:
    """Solve model ``name`` at ``settings`` (defaults elsewhere); the JSON-ready result.

    ``offpath`` chooses the off-path belief rule of the perfect Bayesian
    models (``D1`` by default there); other models refuse it.
    """
    from .models import get_model
    from .solvers.pbe import perfect_bayesian

    model = get_model(name)
    values = model.values(**settings)
    if offpath is not None and model.solver is not perfect_bayesian:
        raise ParameterError("offpath", f"model {model.name!r} has no off-path beliefs to choose")
    found = model.solve(offpath=offpath, **settings)
    players = list(found[0].players) if len(found) else []
    return {"model": model.name, "title": model.title, "claims": list(model.claims),
            "parameters": {k: exact_str(v) for k, v in values.items()}, "players": players, **found.to_dict()}
