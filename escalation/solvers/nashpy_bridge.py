r"""Running nashpy's floating-point algorithms and bringing their answers back exactly.

nashpy (Knight & Campbell 2018, *JOSS* 3(30): 904) is the field's standard
Python solver for bimatrix games.  It works in floating point, so each profile
it returns is *rationalised* here: every probability :math:`p` becomes the
closest fraction with denominator at most :math:`10^6`
(:meth:`fractions.Fraction.limit_denominator`).  If that is not a probability
vector or not an equilibrium, the indifference equations on nashpy's supports
are solved again in exact arithmetic.  A profile that still fails the exact
check of :func:`~escalation.solvers.verify_normal_form.verify_nash` is rejected and
reported, never returned.

nashpy receives each player's payoffs mapped affinely onto :math:`[1, 2]`
(a positive affine change of a player's payoffs changes no equilibrium), which
keeps its best-response polytopes bounded and its floats far from overflow,
however large the payoffs.  Its warnings (for example the even number of equilibria
that support enumeration finds in a degenerate game) are recorded, not raised.
Callers run vertex enumeration only when both players have at least two
strategies (qhull needs two dimensions).  nashpy's Lemke-Howson is not run at
all: it has no iteration limit, and nashpy 0.0.43 loops forever on an
:math:`m \times 1` game and on some nondegenerate games with large payoffs
(the package's own :mod:`~escalation.solvers.lemke_howson` is bounded).
Only the failures nashpy's algorithms are known to raise on awkward input
(:data:`NASHPY_FAILURES`), and only around nashpy's own calls, are caught and
reported; anything else, a caller's timeout or an interrupt included,
propagates.

>>> from escalation.games import NormalFormGame
>>> sexes = NormalFormGame.from_matrices([[2, 0], [0, 1]], [[1, 0], [0, 2]])
>>> run = run_nashpy(sexes, "support enumeration")
>>> [tuple(map(str, x + y)) for x, y in run.profiles]
[('1', '0', '1', '0'), ('0', '1', '0', '1'), ('2/3', '1/3', '1/3', '2/3')]
>>> run.rejected, run.warnings, run.error
((), (), None)
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from ..errors import SolverError, VerificationError
from ..games.normal_form import NormalFormGame
from .best_response_polytopes import unit_interval_payoffs
from .exact_linear import solve_exact
from .mixed_profiles import profile_mapping
from .verify_normal_form import verify_against

__all__ = ["ALGORITHMS", "MAX_DENOMINATOR", "NASHPY_FAILURES", "NashpyRun", "rationalise", "run_nashpy"]

MAX_DENOMINATOR = 10**6
ALGORITHMS = ("support enumeration", "vertex enumeration")
# What nashpy, numpy, scipy's linprog and qhull (a RuntimeError) raise on singular, flat or badly scaled input
# (nashpy 0.0.43 indexes a failed linprog result: a TypeError); caught only around nashpy's own calls.
NASHPY_FAILURES = (ValueError, TypeError, ArithmeticError, RuntimeError)

Vector = tuple[Fraction, ...]
Pair = tuple[Vector, Vector]


@dataclass(frozen=True)
class NashpyRun:
    """What one nashpy algorithm returned, brought back to exact arithmetic.

    Attributes
    ----------
    algorithm : str
        One of :data:`ALGORITHMS`.
    profiles : tuple of (x, y)
        Distinct rationalised profiles that passed the exact Nash check, in the order found.
    rejected : tuple of str
        nashpy answers that are not Nash equilibria even after exact re-solving.
    warnings : tuple of str
        Warnings nashpy issued.
    error : str or None
        The exception nashpy raised, if it failed.
    """

    algorithm: str
    profiles: tuple[Pair, ...]
    rejected: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    error: str | None = None


def rationalise(vector: Iterable[float], max_denominator: int = MAX_DENOMINATOR) -> Vector | None:
    """The nearest fractions with small denominators, or ``None`` if they do not form a distribution.

    >>> rationalise([0.3333333333333333, 0.6666666666666667])
    (Fraction(1, 3), Fraction(2, 3))
    >>> rationalise([0.5, 0.4]) is None
    True
    """
    values = tuple(Fraction(float(v)).limit_denominator(max_denominator) for v in vector)
    if any(v < 0 for v in values) or sum(values) != 1:
        return None
    return values


def _indifferent_mixture(payoffs: np.ndarray, rows: list[int], columns: list[int]) -> Vector | None:
    """The mixture on ``columns`` leaving the opponent indifferent over ``rows`` (square systems only)."""
    k = len(columns)
    if len(rows) != k or k == 0:
        return None
    block = payoffs[np.ix_(rows, columns)]
    system = [[*block[r], Fraction(-1)] for r in range(k)] + [[Fraction(1)] * k + [Fraction(0)]]
    solution = solve_exact(system, [0] * k + [1])
    if solution is None or min(solution[:k]) < 0:
        return None
    vector = [Fraction(0)] * payoffs.shape[1]
    for j, p in zip(columns, solution, strict=False):
        vector[j] = p
    return tuple(vector)


def _resolve_exactly(arrays: Sequence[np.ndarray], x: np.ndarray, y: np.ndarray) -> Pair | None:
    """Solve the indifference equations exactly on the supports of the float profile ``(x, y)``."""
    a, b = arrays
    rows = [i for i, p in enumerate(x) if p > 1e-9]
    columns = [j for j, p in enumerate(y) if p > 1e-9]
    exact_y = _indifferent_mixture(a, rows, columns)
    exact_x = _indifferent_mixture(b.T, columns, rows)
    return None if exact_x is None or exact_y is None else (exact_x, exact_y)


def _is_equilibrium(game: NormalFormGame, arrays: Sequence[np.ndarray], pair: Pair) -> bool:
    try:
        verify_against(game, arrays, profile_mapping(game, pair))
    except VerificationError:
        return False
    return True


def _exact_profile(game: NormalFormGame, arrays: Sequence[np.ndarray], x: np.ndarray, y: np.ndarray) -> Pair | None:
    """The exact equilibrium a float profile stands for, if it stands for one."""
    rounded_x, rounded_y = rationalise(x), rationalise(y)
    candidates: list[Pair | None] = [None if rounded_x is None or rounded_y is None else (rounded_x, rounded_y),
                                     _resolve_exactly(arrays, x, y)]
    return next((pair for pair in candidates if pair is not None and _is_equilibrium(game, arrays, pair)), None)


def _nashpy_answers(game: NormalFormGame, algorithm: str) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    import nashpy  # about a second to import (scipy): only when a nashpy algorithm is asked for
    as_float = np.vectorize(float, otypes=[float])
    a, b = (as_float(unit_interval_payoffs(matrix)) for matrix in game.fraction_arrays())
    solver = nashpy.Game(a, b)
    if algorithm == "support enumeration":
        yield from solver.support_enumeration()
    else:
        yield from solver.vertex_enumeration()


def _next_answer(answers: Iterator[tuple[np.ndarray, np.ndarray]]) -> tuple[tuple | None, str | None]:
    """nashpy's next answer, or ``None`` with the failure nashpy raised (``None`` when it has no more)."""
    try:
        return next(answers), None
    except StopIteration:
        return None, None
    except NASHPY_FAILURES as exc:  # nashpy's own failures are reported, not hidden
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"


def _describe(x: np.ndarray, y: np.ndarray) -> str:
    def rounded(v: np.ndarray) -> list[float]:
        return np.round(np.asarray(v, dtype=float), 6).tolist()

    return f"x = {rounded(x)}, y = {rounded(y)}"


def run_nashpy(game: NormalFormGame, algorithm: str) -> NashpyRun:
    """Run one nashpy algorithm on a two-player numeric game and check every answer exactly.

    ``algorithm`` is ``"support enumeration"`` or ``"vertex enumeration"``.
    """
    if algorithm not in ALGORITHMS:
        raise SolverError(f"unknown nashpy algorithm {algorithm!r}; choose one of {list(ALGORITHMS)}")
    arrays = game.fraction_arrays()
    profiles: list[Pair] = []
    rejected: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        answers = _nashpy_answers(game, algorithm)
        answer, error = _next_answer(answers)
        while answer is not None:
            pair = _exact_profile(game, arrays, *answer)
            if pair is None:
                rejected.append(_describe(*answer))
            elif pair not in profiles:
                profiles.append(pair)
            answer, error = _next_answer(answers)
    messages = tuple(dict.fromkeys(" ".join(str(w.message).split()) for w in caught))
    return NashpyRun(algorithm, tuple(profiles), tuple(rejected), messages, error)
