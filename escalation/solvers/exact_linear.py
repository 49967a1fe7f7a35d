r"""Square linear systems :math:`Mz = b` solved exactly over the rationals.

Gauss-Jordan elimination on :class:`fractions.Fraction` entries: the answer is
exact, and a singular matrix is reported as ``None`` rather than as a
least-squares guess.

>>> from fractions import Fraction
>>> solve_exact([[2, 1], [1, 3]], [1, 1])
(Fraction(2, 5), Fraction(1, 5))
>>> solve_exact([[1, 2], [2, 4]], [1, 2]) is None
True
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

__all__ = ["solve_exact"]


def _pivot_row(rows: list[list[Fraction]], column: int) -> int | None:
    return next((r for r in range(column, len(rows)) if rows[r][column] != 0), None)


def solve_exact(matrix: Sequence[Sequence[Fraction | int]],
                rhs: Sequence[Fraction | int]) -> tuple[Fraction, ...] | None:
    """The unique solution of ``matrix @ z = rhs``, or ``None`` when ``matrix`` is singular.

    >>> solve_exact([[0, 1], [1, 0]], [3, 4])
    (Fraction(4, 1), Fraction(3, 1))
    """
    rows = [[Fraction(v) for v in row] + [Fraction(b)] for row, b in zip(matrix, rhs, strict=True)]
    size = len(rows)
    for column in range(size):
        pivot = _pivot_row(rows, column)
        if pivot is None:
            return None
        rows[column], rows[pivot] = rows[pivot], rows[column]
        lead = rows[column][column]
        rows[column] = [v / lead for v in rows[column]]
        for r in range(size):
            factor = rows[r][column]
            if r != column and factor != 0:
                rows[r] = [v - factor * w for v, w in zip(rows[r], rows[column], strict=True)]
    return tuple(row[-1] for row in rows)
