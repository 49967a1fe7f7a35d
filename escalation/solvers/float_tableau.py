r"""Floating-point simplex tableaux with a lexicographic ratio test, for fast pivoting paths.

The same system as :class:`~escalation.solvers.integer_tableau.IntegerTableau`,
:math:`[C \mid I]\,w = b,\ w \ge 0` started from the slack basis, held as
:math:`M_\beta^{-1}[C \mid I \mid b]` in float64.  Pivoting costs one rank-one
update with numpy.  Nothing computed here is trusted: a path followed in
floats only proposes a basis, whose solution is then recomputed and checked
in exact arithmetic (:func:`~escalation.solvers.lemke_howson_paths.certify_bases`).

Ratios within a relative ``tolerance`` of the minimum count as ties and are
broken lexicographically on the slack columns, which mimics the exact rule
on degenerate bases.

>>> t = FloatTableau([[1.0, 2.0], [3.0, 1.0]], [1.0, 1.0])
>>> t.leaving_row(0), t.pivot(1, 0), t.basis
(1, 3, [2, 0])
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["FloatTableau"]


class FloatTableau:
    """The float tableau of :math:`[C \\mid I]\\,w = b,\\ w \\ge 0`, starting from the slack basis.

    ``basis[i]`` is the variable basic in row ``i``: ``0 .. d-1`` for
    :math:`z`, ``d .. d+r-1`` for the slacks, as in the integer tableau.
    """

    def __init__(self, matrix: Sequence[Sequence[float]] | np.ndarray, rhs: Sequence[float] | np.ndarray,
                 tolerance: float = 1e-9) -> None:
        constraints = np.asarray(matrix, dtype=float)
        rows, dimension = constraints.shape
        self.rows, self.dimension, self.tolerance = rows, dimension, tolerance
        self.entries = np.zeros((rows, dimension + rows + 1))
        self.entries[:, :dimension] = constraints
        self.entries[range(rows), range(dimension, dimension + rows)] = 1.0
        self.entries[:, -1] = rhs
        self.basis = list(range(dimension, dimension + rows))

    def copy(self) -> FloatTableau:
        """An independent tableau in the same state."""
        twin = object.__new__(FloatTableau)
        twin.__dict__.update(self.__dict__, entries=self.entries.copy(), basis=list(self.basis))
        return twin

    @property
    def variables(self) -> int:
        return self.dimension + self.rows

    def leaving_row(self, column: int) -> int | None:
        """The row whose variable leaves when ``column`` enters (lexicographic minimum ratio, in floats)."""
        entries = self.entries
        candidates = np.flatnonzero(entries[:, column] > self.tolerance)
        if candidates.size <= 1:
            return int(candidates[0]) if candidates.size else None
        pivots = entries[candidates, column]
        for k in [-1, *range(self.dimension, self.variables)]:
            ratios = entries[candidates, k] / pivots
            keep = ratios <= ratios.min() + self.tolerance * max(1.0, abs(ratios.min()))
            candidates, pivots = candidates[keep], pivots[keep]
            if candidates.size == 1:
                break
        return int(candidates[0])

    def pivot(self, row: int, column: int) -> int:
        """Bring variable ``column`` into the basis in place of the one in ``row``; return the one that left."""
        entries = self.entries
        pivot_row = entries[row] / entries[row, column]
        entries -= np.outer(entries[:, column], pivot_row)
        entries[row] = pivot_row
        leaving, self.basis[row] = self.basis[row], column
        return leaving
