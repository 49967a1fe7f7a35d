"""The package's exception hierarchy.

Every error the package raises on bad input derives from :class:`EscalationError`
and names the parameter, node or file at fault, so that a caller can catch one
base class and a reader can see at once what to fix.

>>> from escalation.errors import ParameterError
>>> err = ParameterError("p_B", "must lie in [0, 1], got 3/2")
>>> str(err)
"parameter 'p_B': must lie in [0, 1], got 3/2"
>>> err.parameter
'p_B'
"""

from __future__ import annotations

__all__ = [
    "EscalationError",
    "GameFileError",
    "GameStructureError",
    "KnifeEdgeError",
    "MissingExtraError",
    "ParameterError",
    "PayoffError",
    "ProbabilityError",
    "SolverError",
    "TooLargeError",
    "VerificationError",
]


class EscalationError(Exception):
    """Base class of every error raised by :mod:`escalation`."""


class ParameterError(EscalationError, ValueError):
    """A parameter is unknown, missing, or outside its domain."""

    def __init__(self, parameter: str, problem: str) -> None:
        self.parameter = parameter
        self.problem = problem
        super().__init__(f"parameter {parameter!r}: {problem}")


class KnifeEdgeError(ParameterError):
    """A point where some mover is indifferent: several subgame-perfect equilibria, no single region.

    ``ties`` describes each indifference; ``parameter`` names the parameters
    whose values put the point there.
    """

    def __init__(self, parameter: str, ties: tuple[str, ...]) -> None:
        self.ties = ties
        super().__init__(parameter, "lies on a knife-edge: " + "; ".join(ties)
                         + "; several subgame-perfect equilibria exist there")


class TooLargeError(ParameterError):
    """A computation too large for memory, refused before anything is allocated.

    ``size`` says how large it is and how much memory it may use; ``chunkable``
    whether a lazy dask sweep, which never holds the whole grid, would avoid
    the limit (so that the command line can name its own option for that).

    >>> err = TooLargeError("over", "the grid of 10 x 10 = 100 points needs about 2.0 GB of memory",
    ...                     ["a coarser grid", "a lazy dask sweep"], chunkable=True)
    >>> err.problem
    'the grid of 10 x 10 = 100 points needs about 2.0 GB of memory; use a coarser grid or a lazy dask sweep'
    """

    def __init__(self, parameter: str, size: str, ways_out: list[str], *, chunkable: bool) -> None:
        self.size = size
        self.chunkable = chunkable
        choices = ", ".join(ways_out[:-1]) + (" or " if len(ways_out) > 1 else "") + ways_out[-1]
        super().__init__(parameter, f"{size}; use {choices}")


class GameStructureError(EscalationError, ValueError):
    """A game is malformed: a node without actions, an inconsistent information set, ...

    ``where`` names the node, information set or strategy at fault.
    """

    def __init__(self, where: str, problem: str) -> None:
        self.where = where
        self.problem = problem
        super().__init__(f"{where}: {problem}")


class ProbabilityError(GameStructureError):
    """Chance probabilities outside [0, 1] or not summing to one."""


class PayoffError(GameStructureError):
    """A payoff is NaN, infinite, not a number, or of the wrong length."""


class GameFileError(EscalationError, ValueError):
    """A Gambit ``.efg``/``.nfg`` (or JSON) file cannot be read.

    The message names the file and, where known, the line.
    """

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.problem = problem
        where = self.path if line is None else f"{self.path}:{line}"
        super().__init__(f"{where}: {problem}")


class SolverError(EscalationError):
    """A solver was asked for something it cannot do (e.g. a game of the wrong kind)."""


class VerificationError(EscalationError, AssertionError):
    """An equilibrium failed exact verification (a profitable deviation was found)."""


class MissingExtraError(EscalationError, ImportError):
    """An optional package is not installed; the message names the extra that installs it.

    >>> print(MissingExtraError("dask", "parallel", "backend='dask'"))
    backend='dask' needs dask, which is not installed: pip install 'escalation[parallel]'
    """

    def __init__(self, package: str, extra: str, purpose: str) -> None:
        self.package = package
        self.extra = extra
        super().__init__(f"{purpose} needs {package}, which is not installed: pip install 'escalation[{extra}]'")
