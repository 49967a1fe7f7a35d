"""escalation: game-theoretic models of deterrence and escalation."""

from ._version import __version__
from .errors import (
    EscalationError,
    GameFileError,
    GameStructureError,
    ParameterError,
    PayoffError,
    ProbabilityError,
    SolverError,
    VerificationError,
)
from .games import ExtensiveFormGame, NormalFormGame, chance, decision, outcome
from .parameters import Parameter, ParameterSpace

__all__ = [
    "EscalationError",
    "ExtensiveFormGame",
    "GameFileError",
    "GameStructureError",
    "NormalFormGame",
    "Parameter",
    "ParameterError",
    "ParameterSpace",
    "PayoffError",
    "ProbabilityError",
    "SolverError",
    "VerificationError",
    "__version__",
    "chance",
    "decision",
    "outcome",
]
