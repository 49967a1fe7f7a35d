r"""Exact linear programming over the rationals, for deciding whether a region is empty.

A region of parameter space cut out by linear inequalities

.. math:: f_j(\theta) = a_j \cdot \theta + b_j > 0 \;(j \in S), \qquad f_j(\theta) \ge 0 \;(j \in W)

is non-empty iff the linear programme

.. math:: \max\; t \quad \text{s.t.} \quad f_j(\theta) \ge t \;(j \in S),\;
          f_j(\theta) \ge 0 \;(j \in W),\; t \le 1

is feasible with optimum :math:`t^* > 0`; the maximiser :math:`\theta^*` is then
a witness inside the region.  The programme is solved by the two-phase simplex
method with Bland's rule on :class:`fractions.Fraction` entries, so the answer
is exact and the method terminates.

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

__all__ = ["LinearConstraint", "maximize", "strictly_feasible"]

# (coefficients {variable: a_j}, constant b_j, strict): a_j . x + b_j > 0 (strict) or >= 0.
LinearConstraint = tuple[Mapping[str, Fraction], Fraction, bool]

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
    strict = any(s for _, _, s in constraints)
    # columns: x+ (k), x- (k), t+, t- ; every row reads  -a.x + [strict] t <= b
    k = len(names)
    rows, rhs = [], []
    for coeffs, constant, is_strict in constraints:
        row = [ZERO] * (2 * k + 2)
        for v, c in coeffs.items():
            i = names.index(v)
            row[i], row[k + i] = -Fraction(c), Fraction(c)
        if is_strict:
            row[2 * k], row[2 * k + 1] = Fraction(1), Fraction(-1)
        rows.append(row)
        rhs.append(Fraction(constant))
    objective = [ZERO] * (2 * k + 2)
    if strict:
        rows.append([ZERO] * (2 * k) + [Fraction(1), Fraction(-1)])
        rhs.append(Fraction(1))
        objective[2 * k], objective[2 * k + 1] = Fraction(1), Fraction(-1)
    result = maximize(objective, rows, rhs)
    if result is None:
        return None
    value, z = result
    if strict and value <= 0:
        return None
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
    tableau = _Tableau(c, a, b)
    if not tableau.phase_one():
        return None
    return tableau.phase_two()


class _Tableau:
    """A simplex tableau: rows ``[coefficients..., rhs]`` and the basic column of each row."""

    def __init__(self, c, a, b) -> None:
        m, n = len(a), len(c)
        negative = [i for i in range(m) if b[i] < 0]
        self.n, self.m = n, m
        self.width = n + m + len(negative)
        self.c = [Fraction(x) for x in c]
        self.rows, self.basis = [], []
        for i in range(m):
            sign = -1 if b[i] < 0 else 1
            row = [sign * Fraction(x) for x in a[i]] + [ZERO] * (self.width - n) + [sign * Fraction(b[i])]
            row[n + i] = Fraction(sign)
            self.rows.append(row)
            self.basis.append(n + i)
        for k, i in enumerate(negative):
            self.rows[i][n + m + k] = Fraction(1)
            self.basis[i] = n + m + k

    def _objective(self, costs: Sequence[Fraction]) -> list[Fraction]:
        """The row ``z - c.x`` expressed in the current basis (reduced costs, value last)."""
        obj = [-x for x in costs] + [ZERO] * (self.width + 1 - len(costs))
        for row, col in zip(self.rows, self.basis, strict=True):
            weight = costs[col] if col < len(costs) else ZERO
            if weight:
                obj = [o + weight * r for o, r in zip(obj, row, strict=True)]
        return obj

    def _pivot(self, obj: list[Fraction], r: int, col: int) -> None:
        lead = self.rows[r][col]
        pivot_row = [x / lead for x in self.rows[r]]
        self.rows[r] = pivot_row
        nonzero = [(j, x) for j, x in enumerate(pivot_row) if x]
        for row in (*self.rows[:r], *self.rows[r + 1:], obj):
            factor = row[col]
            if factor:
                for j, x in nonzero:
                    row[j] -= factor * x
        self.basis[r] = col

    def _run(self, obj: list[Fraction], columns: int) -> None:
        """Pivot with Bland's rule until optimal over the first ``columns`` columns."""
        while True:
            col = next((j for j in range(columns) if obj[j] < 0), None)
            if col is None:
                return
            best = None
            for i, row in enumerate(self.rows):
                if row[col] > 0:
                    key = (row[-1] / row[col], self.basis[i])
                    if best is None or key < best[0]:
                        best = (key, i)
            if best is None:
                raise ArithmeticError("unbounded linear programme")
            self._pivot(obj, best[1], col)

    def phase_one(self) -> bool:
        """Find a basic feasible solution; False when there is none."""
        if self.width == self.n + self.m:
            return True
        costs = [ZERO] * (self.n + self.m) + [Fraction(-1)] * (self.width - self.n - self.m)
        obj = self._objective(costs)
        self._run(obj, self.width)
        if obj[-1] < 0:
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
                self._pivot([ZERO] * (self.width + 1), i, col)
            keep.append(i)
        self.rows = [self.rows[i] for i in keep]
        self.basis = [self.basis[i] for i in keep]

    def phase_two(self) -> tuple[Fraction, list[Fraction]]:
        obj = self._objective(self.c)
        self._run(obj, self.n + self.m)
        z = [ZERO] * self.n
        for row, col in zip(self.rows, self.basis, strict=True):
            if col < self.n:
                z[col] = row[-1]
        return obj[-1], z
