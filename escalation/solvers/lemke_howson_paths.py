r"""Lemke-Howson paths: float pivoting to find a basis, exact arithmetic to certify it.

Lemke and Howson (1964) follow a path of *almost completely labelled* pairs
of the best-response polytopes :math:`P` and :math:`Q`
(:mod:`escalation.solvers.best_response_polytopes`).  Start at the artificial
equilibrium :math:`(0, 0)`, which carries every label, and drop label
:math:`k`: the variable carrying :math:`k` enters its polytope's tableau.
The variable that leaves brings a label that the pair now has twice, so the
variable carrying that label in the *other* polytope enters next, and so on
until label :math:`k` itself is picked up again.  The pair is then
completely labelled: a Nash equilibrium (von Stengel 2002, *Handbook of Game
Theory* 3, ch. 45, sec. 3).  With the lexicographic ratio test the path
never cycles, in degenerate games too.

Pivoting in floats is fast but can take a wrong turn when ratios are close.
So the path only proposes the final pair of bases; :func:`certify_bases`
solves for their basic solutions again in exact arithmetic and accepts them
only if they are feasible and complementary.  :func:`certified_path` falls
back to the same path in exact integer pivoting
(:class:`~escalation.solvers.integer_tableau.IntegerTableau`) when the float
bases fail, and gives up with a :class:`~escalation.errors.SolverError` after
``max_pivots`` pivots on either path: nothing hangs.

>>> from fractions import Fraction
>>> pair, arithmetic = certified_path([[2, 0], [0, 1]], [[1, 0], [0, 2]], label=0)
>>> [str(p) for p in pair[0] + pair[1]], arithmetic
(['1', '0', '1', '0'], 'float')
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from fractions import Fraction
from typing import Protocol

import numpy as np

from ..errors import SolverError
from .best_response_polytopes import Matrix, integer_constraints, q_label, q_variable, unit_interval_payoffs
from .exact_linear import solve_exact
from .float_tableau import FloatTableau
from .integer_tableau import IntegerTableau

__all__ = ["DEFAULT_MAX_PIVOTS", "certified_path", "certified_paths", "certify_bases", "follow_path"]

DEFAULT_MAX_PIVOTS = 100_000

Vector = tuple[Fraction, ...]
Pair = tuple[Vector, Vector]


class Tableau(Protocol):
    basis: list[int]

    def leaving_row(self, column: int) -> int | None: ...

    def pivot(self, row: int, column: int) -> int: ...


def follow_path(p: Tableau, q: Tableau, m: int, n: int, label: int, max_pivots: int) -> bool:
    """Pivot ``p`` and ``q`` along the path that drops ``label``; False if ``max_pivots`` run out first."""
    entering, in_p = label, label < m
    for _ in range(max_pivots):
        tableau = p if in_p else q
        variable = entering if in_p else q_variable(entering, m, n)
        row = tableau.leaving_row(variable)
        if row is None:
            return False
        leaving = tableau.pivot(row, variable)
        entering = leaving if in_p else q_label(leaving, m, n)
        if entering == label:
            return True
        in_p = not in_p
    return False


def _basic_values(constraints: np.ndarray, basis: Sequence[int]) -> list[Fraction] | None:
    """Values of all variables of ``[C | I] w = 1`` at ``basis``, or None if singular or infeasible.

    Only the square block of basic :math:`z` columns and tight rows (nonbasic
    slacks) is solved; the basic slacks follow from it.
    """
    rows, dimension = constraints.shape
    support = [v for v in basis if v < dimension]
    tight = [r for r in range(rows) if dimension + r not in basis]
    solution = solve_exact(constraints[np.ix_(tight, support)].tolist(), [1] * len(tight)) if tight else ()
    if solution is None:
        return None
    values = [Fraction(0)] * (dimension + rows)
    for variable, value in zip(support, solution, strict=True):
        values[variable] = value
    for r in range(rows):
        if dimension + r in basis:
            values[dimension + r] = 1 - sum(constraints[r, k] * values[k] for k in support)
    return None if min(values) < 0 else values


def _normalised(values: Sequence[Fraction]) -> Vector | None:
    total = sum(values)
    return None if total == 0 else tuple(v / total for v in values)


def certify_bases(a: np.ndarray, b: np.ndarray, p_basis: Sequence[int], q_basis: Sequence[int]) -> Pair | None:
    """The equilibrium at a pair of bases of ``P`` and ``Q``, if their exact solutions are feasible and complementary.

    ``a`` and ``b`` are the positive payoff matrices (fractions) the polytopes were built from.
    """
    m, n = a.shape
    x_values, y_values = _basic_values(b.T, p_basis), _basic_values(a, q_basis)
    if x_values is None or y_values is None:
        return None
    if any(x_values[k] != 0 and y_values[q_variable(k, m, n)] != 0 for k in range(m + n)):
        return None
    x, y = _normalised(x_values[:m]), _normalised(y_values[:n])
    return None if x is None or y is None else (x, y)


class _Game:
    """One game's payoffs prepared for many paths: exact on [1, 2], their floats, and certified bases so far."""

    def __init__(self, row_payoffs: Matrix, column_payoffs: Matrix) -> None:
        self.a, self.b = unit_interval_payoffs(row_payoffs), unit_interval_payoffs(column_payoffs)
        as_float = np.vectorize(float, otypes=[float])
        self.float_p = FloatTableau(as_float(self.b.T), np.ones(self.b.shape[1]))
        self.float_q = FloatTableau(as_float(self.a), np.ones(self.a.shape[0]))
        self.certified: dict[tuple[frozenset[int], frozenset[int]], Pair | None] = {}

    def tableaux(self, arithmetic: str) -> tuple[Tableau, Tableau]:
        if arithmetic == "float":
            return self.float_p.copy(), self.float_q.copy()
        return IntegerTableau(*integer_constraints(self.b.T)), IntegerTableau(*integer_constraints(self.a))

    def certify(self, p_basis: Sequence[int], q_basis: Sequence[int]) -> Pair | None:
        key = (frozenset(p_basis), frozenset(q_basis))
        if key not in self.certified:
            self.certified[key] = certify_bases(self.a, self.b, p_basis, q_basis)
        return self.certified[key]

    def path(self, label: int, max_pivots: int) -> tuple[Pair, str] | None:
        m, n = self.a.shape
        for arithmetic in ("float", "exact"):
            p, q = self.tableaux(arithmetic)
            if follow_path(p, q, m, n, label, max_pivots):
                pair = self.certify(p.basis, q.basis)
                if pair is not None:
                    return pair, arithmetic
        return None


def certified_paths(row_payoffs: Matrix, column_payoffs: Matrix,
                    labels: Iterable[int], max_pivots: int = DEFAULT_MAX_PIVOTS) -> Iterator[tuple[Pair, str] | None]:
    """:func:`certified_path` for each of ``labels`` in turn, with ``None`` for a path that ran out of pivots.

    Paths that end at the same pair of bases are certified once.
    """
    game = _Game(row_payoffs, column_payoffs)
    for label in labels:
        yield game.path(label, max_pivots)


def certified_path(row_payoffs: Matrix, column_payoffs: Matrix,
                   label: int, max_pivots: int = DEFAULT_MAX_PIVOTS) -> tuple[Pair, str]:
    """The equilibrium at the end of the Lemke-Howson path dropping ``label``, and the arithmetic that found it.

    The path is followed in floats first; if its bases are not certified
    exactly it is followed again in exact integer pivoting.  Returns
    ``(pair, "float")`` or ``(pair, "exact")``.  Raises
    :class:`~escalation.errors.SolverError` when a path needs more than
    ``max_pivots`` pivots.
    """
    found = next(certified_paths(row_payoffs, column_payoffs, [label], max_pivots))
    if found is None:
        raise SolverError(f"the Lemke-Howson path dropping label {label} did not end within {max_pivots} pivots")
    return found
