"""escalation: game-theoretic models of deterrence and escalation.

The public face of the package: games (:class:`NormalFormGame`,
:class:`ExtensiveFormGame` and the builder functions :func:`decision`,
:func:`chance`, :func:`outcome`), parameters, solvers and the error classes.
Models of the essay's claims live in :mod:`escalation.models`, Gambit files in
:mod:`escalation.io`, symbolic region conditions in :mod:`escalation.symbolic`,
plots in :mod:`escalation.plotting` (imported on demand: it loads matplotlib).
"""

from ._version import __version__
from .errors import (
    EscalationError,
    GameFileError,
    GameStructureError,
    KnifeEdgeError,
    ParameterError,
    PayoffError,
    ProbabilityError,
    SolverError,
    VerificationError,
)
from .games import ExtensiveFormGame, NormalFormGame, chance, decision, outcome
from .parameters import Parameter, ParameterSpace
from .solvers import (
    Equilibria,
    Solution,
    nash_equilibria,
    perfect_bayesian,
    pure_equilibria,
    subgame_perfect,
)

__all__ = [
    "Equilibria",
    "EscalationError",
    "ExtensiveFormGame",
    "GameFileError",
    "GameStructureError",
    "KnifeEdgeError",
    "NormalFormGame",
    "Parameter",
    "ParameterError",
    "ParameterSpace",
    "PayoffError",
    "ProbabilityError",
    "Solution",
    "SolverError",
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


def __getattr__(name: str):
    """``explore`` (matplotlib, ipywidgets), ``sweep`` and ``sample`` (xarray) are imported on first use."""
    if name == "explore":
        from .explorer import explore

        globals()["explore"] = explore
        return explore
    if name in ("sweep", "sample"):
        from . import analysis

        globals().update(sweep=analysis.sweep, sample=analysis.sample)
        return globals()[name]
    raise AttributeError(f"module 'escalation' has no attribute {name!r}")
