"""escalation: game-theoretic models of deterrence and escalation.

The public face of the package: games (:class:`NormalFormGame`,
:class:`ExtensiveFormGame` and the builder functions :func:`decision`,
:func:`chance`, :func:`outcome`), parameters, solvers and the error classes.
Models of the essay's claims live in :mod:`escalation.models`, Gambit files in
:mod:`escalation.io`, symbolic region conditions in :mod:`escalation.symbolic`,
plots in :mod:`escalation.plotting`.

Only the version and the error classes are loaded with the package; every
other name is imported on first use (``escalation.subgame_perfect`` loads the
solvers and sympy then), so that the command line starts quickly.
"""

from __future__ import annotations

import importlib
from typing import Any

from ._version import __version__
from .errors import (
    EscalationError,
    GameFileError,
    GameStructureError,
    KnifeEdgeError,
    MissingExtraError,
    ParameterError,
    PayoffError,
    ProbabilityError,
    SolverError,
    TooLargeError,
    VerificationError,
)

__all__ = [
    "Equilibria",
    "EscalationError",
    "ExtensiveFormGame",
    "GameFileError",
    "GameStructureError",
    "KnifeEdgeError",
    "MissingExtraError",
    "NormalFormGame",
    "Parameter",
    "ParameterError",
    "ParameterSpace",
    "PayoffError",
    "ProbabilityError",
    "Solution",
    "SolverError",
    "TooLargeError",
    "VerificationError",
    "__version__",
    "chance",
    "decision",
    "explore",
    "nash_equilibria",
    "outcome",
    "perfect_bayesian",
    "pure_equilibria",
    "sample",
    "subgame_perfect",
    "sweep",
]

#: Where each public name lives; imported when first asked for.
_LAZY = {
    **dict.fromkeys(("ExtensiveFormGame", "NormalFormGame", "chance", "decision", "outcome"), "games"),
    **dict.fromkeys(("Parameter", "ParameterSpace"), "parameters"),
    **dict.fromkeys(("Equilibria", "Solution", "nash_equilibria", "perfect_bayesian", "pure_equilibria",
                     "subgame_perfect"), "solvers"),
    "explore": "explorer",
    **dict.fromkeys(("sweep", "sample"), "analysis"),
}


def __getattr__(name: str) -> Any:
    """Import a public name (or a subpackage such as ``escalation.games``) on first use."""
    if name in _LAZY:
        value = getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    else:
        try:
            value = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
