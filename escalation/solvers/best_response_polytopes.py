r"""The two best-response polytopes of a bimatrix game, as integer constraint systems with labels.

For payoff matrices :math:`A, B` (:math:`m \times n`) made positive, the
polytopes are :math:`P = \{x \ge 0,\ B^\top x \le 1\}` and
:math:`Q = \{y \ge 0,\ A y \le 1\}`.  Labels :math:`0, \dots, m-1` name the
row player's strategies and :math:`m, \dots, m+n-1` the column player's:
:math:`x_i = 0` or :math:`(Ay)_i = 1` carries label :math:`i`;
:math:`(B^\top x)_j = 1` or :math:`y_j = 0` carries label :math:`m + j`.

In the tableau of :math:`P` the variables are :math:`x_0, \dots, x_{m-1}` and
then the slacks of the :math:`n` columns, so variable :math:`v` carries label
:math:`v`.  In the tableau of :math:`Q` they are :math:`y_0, \dots, y_{n-1}`
and then the slacks of the :math:`m` rows: variable :math:`v < n` carries label
:math:`m + v` and variable :math:`n + i` label :math:`i`.

Adding a constant to a player's payoffs, or multiplying them by a positive
number, changes no best response and so no equilibrium.

>>> a = positive_payoffs([[0, 3], [-1, 2]])
>>> [[str(v) for v in row] for row in a]
[['2', '5'], ['1', '4']]
>>> integer_constraints([[Fraction(1, 2), Fraction(3, 4)]])
([[2, 3]], [4])
>>> [q_label(v, 2, 3) for v in range(5)], [q_variable(label, 2, 3) for label in range(5)]
([2, 3, 4, 0, 1], [3, 4, 0, 1, 2])
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

import numpy as np

from ..numbers import as_fraction

Matrix = Sequence[Sequence[object]] | np.ndarray

__all__ = ["Matrix", "integer_constraints", "positive_payoffs", "q_label", "q_variable", "unit_interval_payoffs"]


def _fractions(payoffs: Matrix) -> np.ndarray:
    """The payoffs as an object array of fractions (fractions already are passed through)."""
    matrix = np.array(payoffs, dtype=object)
    values = [v if type(v) is Fraction else as_fraction(v) for v in matrix.flat]
    return np.array(values, dtype=object).reshape(matrix.shape)


def positive_payoffs(payoffs: Matrix) -> np.ndarray:
    """The payoffs as fractions, shifted so that every entry is at least 1."""
    matrix = _fractions(payoffs)
    return matrix - min(matrix.flat) + 1


def unit_interval_payoffs(payoffs: Matrix) -> np.ndarray:
    """The payoffs as fractions mapped affinely onto [1, 2] (all 1 if they are constant).

    Safe to turn into floats, however large or small the original payoffs are.

    >>> [[str(v) for v in row] for row in unit_interval_payoffs([[10**40, 0], [5 * 10**39, 10**40]])]
    [['2', '1'], ['3/2', '2']]
    """
    matrix = _fractions(payoffs)
    scale = math.lcm(*(v.denominator for v in matrix.flat))
    integers = [v.numerator * (scale // v.denominator) for v in matrix.flat]
    low, spread = min(integers), max(integers) - min(integers)
    if spread == 0:
        return np.full(matrix.shape, Fraction(1), dtype=object)
    values = [Fraction(v - low + spread, spread) for v in integers]
    return np.array(values, dtype=object).reshape(matrix.shape)


def integer_constraints(rows: np.ndarray) -> tuple[list[list[int]], list[int]]:
    """Each constraint ``row @ z <= 1`` (rows of fractions) as integers ``c @ z <= b`` in lowest terms.

    Each row is scaled on its own, so denominators in one row do not inflate another.
    """
    matrix, rhs = [], []
    for row in rows:
        scale = math.lcm(*(Fraction(v).denominator for v in row))
        integers = [int(v * scale) for v in row]
        divisor = math.gcd(scale, *integers)
        matrix.append([v // divisor for v in integers])
        rhs.append(scale // divisor)
    return matrix, rhs


def q_label(variable: int, m: int, n: int) -> int:
    """The label carried by variable ``variable`` of the tableau of :math:`Q` when it is zero."""
    return m + variable if variable < n else variable - n


def q_variable(label: int, m: int, n: int) -> int:
    """The variable of the tableau of :math:`Q` that carries ``label``."""
    return label - m if label >= m else n + label
