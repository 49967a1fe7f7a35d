r"""Exact linear programming over the rationals, for deciding whether a region is empty.

A region of parameter space cut out by linear inequalities

.. math:: f_j(\theta) = a_j \cdot \theta + b_j > 0 \;(j \in S), \qquad f_j(\theta) \ge 0 \;(j \in W)

is non-empty iff the linear programme

.. math:: \max\; t \quad \text{s.t.} \quad f_j(\theta) \ge t \;(j \in S),\;
          f_j(\theta) \ge 0 \;(j \in W),\; t \le 1

is feasible with optimum :math:`t^* > 0`; a feasible :math:`\theta` with
:math:`t > 0` is a witness inside the region.  The programme is solved by the
two-phase simplex method with Bland's rule in exact integer arithmetic (a
fraction-free tableau), so the answer is exact and the method terminates.
The simplex starts from :math:`t = \min_j b_j`, where every strict row is
satisfied, and stops as soon as :math:`t > 0`.

>>> from fractions import Fraction
>>> # x > 0, y > x, 1 - y >= 0: a triangle
>>> point = strictly_feasible([({"x": 1}, 0, True), ({"x": -1, "y": 1}, 0, True), ({"y": -1}, 1, False)])
>>> 0 < point["x"] < point["y"] <= 1
True
>>> strictly_feasible([({"x": 1}, 0, True), ({"x": -1}, 0, True)]) is None   # x > 0 and x < 0
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from functools import reduce
from math import gcd

__all__ = ["LinearConstraint", "maximize", "strictly_feasible"]

# (coefficients {variable: a_j}, constant b_j, strict): a_j . x + b_j > 0 (strict) or >= 0.
LinearConstraint = tuple[Mapping[str, Fraction | int], Fraction | int, bool]

ZERO = Fraction(0)


def strictly_feasible(constraints: Sequence[LinearConstraint]) -> dict[str, Fraction] | None:
    """A point satisfying every constraint, or ``None`` when there is none.

    Each constraint ``(coefficients, constant, strict)`` reads
    ``sum(c * x[v] for v, c in coefficients.items()) + constant > 0`` (strict)
    or ``>= 0``.  Variables missing from the returned point may take any value
    (they appear in no constraint).

    >>> strictly_feasible([({"p": 2}, -1, True), ({"p": -1}, 1, True)])  # 1/2 < p < 1
    {'p': Fraction(2, 3)}
    """
    names = sorted({v for coeffs, _, _ in constraints for v in coeffs})
    position = {v: i for i, v in enumerate(names)}
    # columns: x+ (k), x- (k), u+, u- with t = u + shift; every row reads  -a.x + [strict] u <= b - [strict] shift
    k = len(names)
    rows = []
    for coeffs, constant, is_strict in constraints:
        scale = _common_denominator([*coeffs.values(), constant])
        row = [0] * (2 * k + 3)
        for v, c in coeffs.items():
            scaled = int(c * scale)
            row[position[v]], row[k + position[v]] = -scaled, scaled
        if is_strict:
            row[2 * k], row[2 * k + 1] = 1, -1
        row[-1] = int(constant * scale)
        rows.append(row)
    strict_rows = [row for row, (_, _, is_strict) in zip(rows, constraints, strict=True) if is_strict]
    if not strict_rows:
        tableau = _Tableau([0] * (2 * k + 2), rows)
        return _point(names, tableau.solution()) if tableau.phase_one() else None
    # Start from t = shift, the smallest right-hand side, so that no strict row needs an artificial variable.
    shift = min(0, *(row[-1] for row in strict_rows))
    for row in strict_rows:
        row[-1] -= shift
    rows.append([0] * (2 * k) + [1, -1, 1 - shift])  # t <= 1
    tableau = _Tableau([0] * (2 * k) + [1, -1], rows)
    if not tableau.phase_one():
        return None
    value, z = tableau.phase_two(stop_above=-shift)  # stop as soon as t = u + shift > 0
    return _point(names, z) if value > -shift else None


def _point(names: list[str], z: list[Fraction]) -> dict[str, Fraction]:
    k = len(names)
    return {v: z[i] - z[k + i] for i, v in enumerate(names)}


def maximize(c: Sequence[Fraction], a: Sequence[Sequence[Fraction]],
             b: Sequence[Fraction]) -> tuple[Fraction, list[Fraction]] | None:
    r"""Maximise :math:`c \cdot z` subject to :math:`A z \le b,\ z \ge 0`, exactly.

    Returns ``(optimum, z)``, or ``None`` when the constraints are infeasible.
    An unbounded programme raises :class:`ArithmeticError` (the callers in this
    package always bound their objective).

    >>> F = Fraction
    >>> maximize([F(1), F(1)], [[F(1), F(2)], [F(3), F(1)]], [F(4), F(6)])
    (Fraction(14, 5), [Fraction(8, 5), Fraction(6, 5)])
    >>> maximize([F(-1)], [[F(-1)]], [F(-2)])  # max -z with z >= 2
    (Fraction(-2, 1), [Fraction(2, 1)])
    >>> maximize([F(0)], [[F(1)]], [F(-1)]) is None  # z <= -1 is infeasible
    True
    """
    scale = _common_denominator(c)
    rows = [_integers([*row, rhs]) for row, rhs in zip(a, b, strict=True)]
    tableau = _Tableau([int(x * scale) for x in c], rows)
    if not tableau.phase_one():
        return None
    value, z = tableau.phase_two()
    return value / scale, z


def _common_denominator(values) -> int:
    """The least common denominator of ints and Fractions."""
    scale = 1
    for v in values:
        if not isinstance(v, int):
            d = Fraction(v).denominator
            scale = scale * d // gcd(scale, d)
    return scale


def _integers(values) -> list[int]:
    """The row ``values`` times its least common denominator: a positive multiple in integers."""
    scale = _common_denominator(values)
    return [int(v * scale) for v in values]


def _primitive(row: list[int]) -> list[int]:
    g = reduce(gcd, row, 0)
    return row if g in (0, 1) else [x // g for x in row]


class _Tableau:
    """A fraction-free simplex tableau.

    Each row is a list of integers ``[coefficients..., rhs]`` standing for an
    equation, which any positive multiple represents equally well; the basic
    column of row ``i`` has a positive (not necessarily unit) coefficient, so
    its value is ``rhs / coefficient``.  Rows are kept primitive (their gcd
    divided out), which keeps the integers small.  The objective row carries
    one extra entry, the coefficient of the objective itself.
    """

    def __init__(self, c: list[int], rows: list[list[int]]) -> None:
        """``c`` the integer costs; each of ``rows`` is ``[a_i..., b_i]`` in integers for ``a_i.z <= b_i``."""
        m, n = len(rows), len(c)
        negative = [i for i in range(m) if rows[i][-1] < 0]
        self.n, self.m = n, m
        self.width = n + m + len(negative)
        self.c = c
        self.rows, self.basis = [], []
        for i, source in enumerate(rows):
            sign = -1 if source[-1] < 0 else 1
            row = [sign * x for x in source[:-1]] + [0] * (self.width - n) + [sign * source[-1]]
            row[n + i] = sign
            if sign < 0:
                row[n + m + negative.index(i)] = 1
            self.rows.append(_primitive(row))
            self.basis.append(n + m + negative.index(i) if sign < 0 else n + i)

    def _objective(self, costs: Sequence[int]) -> list[int]:
        """The row ``z - c.x`` in the current basis: reduced costs, value, then the coefficient of z."""
        obj = [-x for x in costs] + [0] * (self.width + 1 - len(costs)) + [1]
        for row, col in zip(self.rows, self.basis, strict=True):
            if col < len(costs) and obj[col]:
                obj = self._eliminate(obj, row, col)
        return obj

    @staticmethod
    def _eliminate(target: list[int], pivot_row: list[int], col: int) -> list[int]:
        """``target`` with column ``col`` cleared by a positive multiple of itself minus one of ``pivot_row``."""
        p, e = pivot_row[col], target[col]
        extra = target[len(pivot_row):]
        head = [p * t - e * r for t, r in zip(target, pivot_row)]  # noqa: B905 - target may be longer
        return _primitive(head + [p * x for x in extra])

    def _pivot(self, obj: list[int], r: int, col: int) -> list[int]:
        pivot_row = self.rows[r]
        if pivot_row[col] < 0:
            pivot_row = self.rows[r] = [-x for x in pivot_row]
        for i, row in enumerate(self.rows):
            if i != r and row[col]:
                self.rows[i] = self._eliminate(row, pivot_row, col)
        self.basis[r] = col
        return self._eliminate(obj, pivot_row, col) if obj[col] else obj

    def _run(self, obj: list[int], columns: int, stop_above: int | None = None) -> list[int]:
        """Pivot with Bland's rule until optimal over the first ``columns`` columns (or good enough)."""
        while True:
            if stop_above is not None and obj[-2] > stop_above * obj[-1]:
                return obj
            col = next((j for j in range(columns) if obj[j] < 0), None)
            if col is None:
                return obj
            best = None
            for i, row in enumerate(self.rows):
                if row[col] > 0:
                    if best is None:
                        best = i
                        continue
                    here, there = row[-1] * self.rows[best][col], self.rows[best][-1] * row[col]
                    if here < there or (here == there and self.basis[i] < self.basis[best]):
                        best = i
            if best is None:
                raise ArithmeticError("unbounded linear programme")
            obj = self._pivot(obj, best, col)

    def phase_one(self) -> bool:
        """Find a basic feasible solution; False when there is none."""
        if self.width == self.n + self.m:
            return True
        costs = [0] * (self.n + self.m) + [-1] * (self.width - self.n - self.m)
        obj = self._run(self._objective(costs), self.width)
        if obj[-2] < 0:
            return False
        self._drive_out_artificials()
        return True

    def _drive_out_artificials(self) -> None:
        real = self.n + self.m
        keep = []
        for i in range(len(self.rows)):
            if self.basis[i] >= real:
                col = next((j for j in range(real) if self.rows[i][j] != 0), None)
                if col is None:
                    continue  # a redundant equality row
                self._pivot([0] * (self.width + 2), i, col)
            keep.append(i)
        self.rows = [self.rows[i] for i in keep]
        self.basis = [self.basis[i] for i in keep]

    def phase_two(self, stop_above: int | None = None) -> tuple[Fraction, list[Fraction]]:
        """Optimise (or stop once the objective exceeds ``stop_above``); the value and the solution."""
        obj = self._run(self._objective(self.c), self.n + self.m, stop_above)
        return Fraction(obj[-2], obj[-1]), self.solution()

    def solution(self) -> list[Fraction]:
        """The current basic solution's original variables."""
        z = [ZERO] * self.n
        for row, col in zip(self.rows, self.basis, strict=True):
            if col < self.n:
                z[col] = Fraction(row[-1], row[col])
        return z
