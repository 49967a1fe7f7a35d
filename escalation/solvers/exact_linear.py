r"""Square linear systems :math:`Mz = b` solved exactly over the rationals.

Each row is first scaled to integers.  Bareiss's fraction-free elimination
(Bareiss 1968, *Math. Comp.* 22: 565-578) then keeps every entry an integer:
after step :math:`k` an entry is a :math:`(k+1) \times (k+1)` minor, so the
division by the previous pivot is exact.  Back-substitution in
:class:`fractions.Fraction` gives the exact answer; a singular matrix is
reported as ``None`` rather than as a least-squares guess.

>>> from fractions import Fraction
>>> solve_exact([[2, 1], [1, 3]], [1, 1])
(Fraction(2, 5), Fraction(1, 5))
>>> solve_exact([[Fraction(1, 2), 1], [1, 2]], [1, 2]) is None
True
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import cast

__all__ = ["solve_exact"]


def _integer_row(row: Sequence[Fraction | int], rhs: Fraction | int) -> list[int]:
    """The row ``[*row, rhs]`` multiplied by the least common multiple of its denominators."""
    if all(isinstance(v, int) for v in row) and isinstance(rhs, int):
        return [*cast("Sequence[int]", row), rhs]
    values = [Fraction(v) for v in row] + [Fraction(rhs)]
    scale = math.lcm(*(v.denominator for v in values))
    return [int(v * scale) for v in values]


def _eliminate(rows: list[list[int]]) -> bool:
    """Bareiss forward elimination in place; False when the matrix is singular."""
    size, previous = len(rows), 1
    for k in range(size):
        pivot = next((r for r in range(k, size) if rows[r][k] != 0), None)
        if pivot is None:
            return False
        rows[k], rows[pivot] = rows[pivot], rows[k]
        lead = rows[k][k]
        for i in range(k + 1, size):
            factor = rows[i][k]
            rows[i] = [0] * (k + 1) + [(lead * rows[i][j] - factor * rows[k][j]) // previous
                                       for j in range(k + 1, size + 1)]
        previous = lead
    return True


def solve_exact(matrix: Sequence[Sequence[Fraction | int]],
                rhs: Sequence[Fraction | int]) -> tuple[Fraction, ...] | None:
    """The unique solution of ``matrix @ z = rhs``, or ``None`` when ``matrix`` is singular.

    >>> solve_exact([[0, 1], [1, 0]], [3, 4])
    (Fraction(4, 1), Fraction(3, 1))
    >>> solve_exact([[1, 1, 0], [0, 1, 1], [1, 0, 1]], [Fraction(1, 3), 1, 2])
    (Fraction(2, 3), Fraction(-1, 3), Fraction(4, 3))
    """
    rows = [_integer_row(row, b) for row, b in zip(matrix, rhs, strict=True)]
    if not _eliminate(rows):
        return None
    size = len(rows)
    solution = [Fraction(0)] * size
    for i in reversed(range(size)):
        tail = sum(rows[i][j] * solution[j] for j in range(i + 1, size))
        solution[i] = (Fraction(rows[i][size]) - tail) / rows[i][i]
    return tuple(solution)
