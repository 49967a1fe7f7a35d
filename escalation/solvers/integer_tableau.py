r"""Fraction-free simplex tableaux with a lexicographic ratio test.

The polyhedron :math:`\{z \in \mathbb{R}^d : z \ge 0,\ Cz \le b\}` with an
integer :math:`r \times d` matrix :math:`C` and a positive integer vector
:math:`b` is written with slack variables :math:`s = b - Cz \ge 0` as the
system :math:`[C \mid I]\,w = b`, :math:`w = (z, s) \ge 0`.  A *basis* is a set
of :math:`r` variables whose columns :math:`M_\beta` of :math:`[C \mid I]` are
nonsingular; its basic solution is :math:`w_\beta = M_\beta^{-1} b`.

The tableau is kept in *integer* (fraction-free) form, as in Avis's ``lrs``
and the integer pivoting of von Stengel (2002, *Handbook of Game Theory* 3,
ch. 45, sec. 2.7): the stored matrix is :math:`D\,M_\beta^{-1}[C \mid I \mid b]`
with :math:`D = |\det M_\beta|`, every entry an integer (a minor of
:math:`[C \mid I \mid b]`).  Pivoting on row :math:`p` and column :math:`q`
replaces each other row :math:`i` by
:math:`(T_{iq'}T_{pq} - T_{iq}T_{pq'}) / D`, a division that is always exact,
and the new determinant is :math:`T_{pq}`.  No fraction is ever formed, and the
entries stay as small as the minors they are.

Degenerate bases (a basic variable equal to zero) are handled by the
*lexicographic* ratio test: the right-hand side is perturbed to
:math:`b + (\varepsilon, \varepsilon^2, \dots, \varepsilon^r)`, whose basic
solution is :math:`M_\beta^{-1}b` followed by the columns of
:math:`M_\beta^{-1}`, i.e. the slack columns of the tableau.  Starting from the
slack basis, which is lexicographically positive, the test keeps every basis
lexicographically positive and picks a unique leaving row, so a path of pivots
never cycles and every basis is a vertex of the (simple) perturbed polyhedron.

>>> t = IntegerTableau([[1, 2], [3, 1]], [1, 1])
>>> t.leaving_row(0), t.leaving_row(1)
(1, 0)
>>> t.pivot(1, 0)
3
>>> t.basis, t.determinant, [str(v) for v in t.basic_solution()]
([2, 0], 3, ['1/3', '0', '2/3', '0'])
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np

__all__ = ["IntegerTableau"]


class IntegerTableau:
    """The integer tableau of :math:`[C \\mid I]\\,w = b,\\ w \\ge 0`, starting from the slack basis.

    Parameters
    ----------
    matrix : r x d integers
        The constraint matrix :math:`C`.
    rhs : r positive integers
        The right-hand side :math:`b`.

    Attributes
    ----------
    entries : numpy object array, r x (d + r + 1)
        :math:`D\\,M_\\beta^{-1}[C \\mid I \\mid b]`.
    basis : list of int
        ``basis[i]`` is the variable basic in row ``i`` (``0 .. d-1`` for
        :math:`z`, ``d .. d+r-1`` for the slacks).
    determinant : int
        :math:`D`, positive.
    """

    def __init__(self, matrix: Sequence[Sequence[int]], rhs: Sequence[int]) -> None:
        constraints = np.array(matrix, dtype=object)
        rows, dimension = constraints.shape
        self.rows, self.dimension = rows, dimension
        self.entries = np.zeros((rows, dimension + rows + 1), dtype=object)
        self.entries[:, :dimension] = constraints
        self.entries[range(rows), range(dimension, dimension + rows)] = 1
        self.entries[:, -1] = list(rhs)
        self.basis = list(range(dimension, dimension + rows))
        self.determinant = 1

    @property
    def variables(self) -> int:
        """Number of variables, :math:`d + r`."""
        return self.dimension + self.rows

    def leaving_row(self, column: int) -> int | None:
        """The row that leaves when variable ``column`` enters: the lexicographic minimum ratio.

        ``None`` when no entry of the column is positive (the edge is unbounded).
        """
        entries, rhs = self.entries, self.variables
        best = None
        for i, a in enumerate(entries[:, column]):
            if a <= 0:
                continue
            if best is None:
                best, b = i, a
                continue
            difference = entries[i, rhs] * b - entries[best, rhs] * a
            if difference == 0:
                difference = self._lexicographic_tie(i, a, best, b)
            if difference < 0:
                best, b = i, a
        return best

    def _lexicographic_tie(self, i: int, a: int, best: int, b: int) -> int:
        """Sign of row i / a minus row best / b on the slack columns (never 0: they are independent)."""
        entries = self.entries
        for k in range(self.dimension, self.variables):
            difference = entries[i, k] * b - entries[best, k] * a
            if difference != 0:
                return difference
        return 0

    def pivot(self, row: int, column: int) -> int:
        """Bring variable ``column`` into the basis in place of the one in ``row``; return the one that left."""
        entries = self.entries
        lead = entries[row, column]
        pivot_row = entries[row].copy()
        updated = (entries * lead - np.outer(entries[:, column], pivot_row)) // self.determinant
        updated[row] = pivot_row
        self.entries = updated
        self.determinant = lead
        leaving, self.basis[row] = self.basis[row], column
        return leaving

    def basic_numerators(self) -> list[int]:
        """:math:`D w` for the basic solution :math:`w` (zero for nonbasic variables)."""
        values = [0] * self.variables
        for i, variable in enumerate(self.basis):
            values[variable] = self.entries[i, -1]
        return values

    def basic_solution(self) -> tuple[Fraction, ...]:
        """The basic solution :math:`w = (z, s)` in exact fractions."""
        return tuple(Fraction(v, self.determinant) for v in self.basic_numerators())
