r"""Exact vertex enumeration of the best-response polytopes of a bimatrix game.

Let the row player have payoff matrix :math:`A` and the column player
:math:`B`, both :math:`m \times n` and (after adding a constant, which changes
no equilibrium) positive.  The best-response polytopes are

.. math:: P = \{x \in \mathbb{R}^m : x \ge 0,\ B^\top x \le 1\}, \qquad
          Q = \{y \in \mathbb{R}^n : A y \le 1,\ y \ge 0\}.

A point carries label :math:`i` (a row, :math:`0 \le i < m`) when :math:`x_i = 0`
in :math:`P`, or :math:`(Ay)_i = 1` in :math:`Q`; it carries label :math:`m + j`
(a column) when :math:`(B^\top x)_j = 1` in :math:`P`, or :math:`y_j = 0` in
:math:`Q`.  A pair :math:`(x, y) \ne (0, 0)` that together carries every label is
*completely labelled*, and rescaled to sum to one it is a Nash equilibrium:
every pure strategy is either unused or a best response.  The extreme
equilibria are exactly the completely labelled pairs of vertices (von Stengel
2002, *Handbook of Game Theory* 3, ch. 45, Thm 2.4 and sec. 3.2).

Each vertex of :math:`P` solves some :math:`m` tight constraints with full rank;
writing :math:`S` for its support and :math:`T` for a set of :math:`|S|` tight
columns, :math:`B_{S T}^\top x_S = 1` with :math:`B_{ST}` nonsingular.  We try
every pair :math:`(S, T)` of equal size, solve exactly, keep the feasible
points and merge duplicates, so degenerate vertices (more labels than
dimensions, reached from several :math:`T`) are found too.  The game is
*degenerate* exactly when some vertex has more labels than its dimension.

The payoffs are shifted and scaled to positive integers first, and each
system is solved without fractions (:mod:`escalation.solvers.exact_linear`).
The cost is :math:`\binom{m+n}{m}` small solves per polytope: a 6x6 game takes
a fraction of a second, an 8x8 game a few seconds.

>>> from fractions import Fraction
>>> sexes = enumerate_vertices([[2, 0], [0, 1]], [[1, 0], [0, 2]])
>>> [tuple(map(str, x + y)) for x, y in sexes.equilibria]
[('1', '0', '1', '0'), ('2/3', '1/3', '1/3', '2/3'), ('0', '1', '0', '1')]
>>> sexes.degenerate
False
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations

import numpy as np

from .exact_linear import solve_exact

__all__ = ["Vertex", "VertexEnumeration", "enumerate_vertices", "polytope_vertices"]

Vector = tuple[Fraction, ...]


@dataclass(frozen=True)
class Vertex:
    """A vertex of a best-response polytope and the labels (tight constraints) it carries."""

    point: Vector
    labels: frozenset[int]

    @property
    def strategy(self) -> Vector:
        """The vertex rescaled to a probability vector."""
        total = sum(self.point)
        return tuple(v / total for v in self.point)


@dataclass(frozen=True)
class VertexEnumeration:
    """Vertices of both best-response polytopes and the extreme equilibria they give."""

    row_vertices: tuple[Vertex, ...]
    column_vertices: tuple[Vertex, ...]
    equilibria: tuple[tuple[Vector, Vector], ...]
    degenerate: bool


def _positive_integers(matrix: np.ndarray) -> np.ndarray:
    """Add a constant so that every entry is at least 1, then scale to integers.

    Neither step changes the best responses, so neither changes an equilibrium.
    """
    shifted = [Fraction(v) - min(matrix.flat) + 1 for v in matrix.flat]
    scale = math.lcm(*(v.denominator for v in shifted))
    return np.array([int(v * scale) for v in shifted], dtype=object).reshape(matrix.shape)


def _vertex(constraints: np.ndarray, support: tuple[int, ...], tight: tuple[int, ...]) -> Vector | None:
    """The point of ``{z >= 0, C z <= 1}`` with support ``support`` and rows ``tight`` binding, if any."""
    block = constraints[np.ix_(tight, support)].tolist()
    solution = solve_exact(block, [1] * len(support))
    if solution is None or min(solution) <= 0:
        return None
    denominator = math.lcm(*(v.denominator for v in solution))
    scaled = np.zeros(constraints.shape[1], dtype=object)
    for k, value in zip(support, solution, strict=True):
        scaled[k] = value.numerator * (denominator // value.denominator)
    if any(v > denominator for v in constraints[:, list(support)].dot(scaled[list(support)])):
        return None
    return tuple(Fraction(int(v), denominator) for v in scaled)


def polytope_vertices(constraints: np.ndarray, zero_labels: Sequence[int],
                      row_labels: Sequence[int]) -> tuple[Vertex, ...]:
    r"""Vertices other than the origin of :math:`\{z \ge 0,\ Cz \le 1\}` for a positive matrix :math:`C`.

    ``zero_labels[k]`` labels :math:`z_k = 0` and ``row_labels[r]`` labels
    :math:`(Cz)_r = 1`.  Vertices come sorted by their coordinates.

    >>> import numpy as np
    >>> square = np.array([[1, 0], [0, 1]], dtype=object)
    >>> [(tuple(map(str, v.point)), sorted(v.labels)) for v in polytope_vertices(square, (0, 1), (2, 3))]
    [(('0', '1'), [0, 3]), (('1', '0'), [1, 2]), (('1', '1'), [2, 3])]
    """
    constraints = np.asarray(constraints, dtype=object)
    rows, dimension = constraints.shape
    found: dict[Vector, Vertex] = {}
    for size in range(1, min(rows, dimension) + 1):
        for support in combinations(range(dimension), size):
            for tight in combinations(range(rows), size):
                point = _vertex(constraints, support, tight)
                if point is not None and point not in found:
                    slack = constraints.dot(np.array(point, dtype=object))
                    labels = {zero_labels[k] for k, v in enumerate(point) if v == 0}
                    labels |= {row_labels[r] for r, v in enumerate(slack) if v == 1}
                    found[point] = Vertex(point, frozenset(labels))
    return tuple(found[p] for p in sorted(found))


def _order(pair: tuple[Vector, Vector]) -> tuple[Fraction, ...]:
    """Sort key: decreasing probability of the first strategy, then the second, ..."""
    return tuple(-p for p in pair[0] + pair[1])


def enumerate_vertices(row_payoffs: Sequence[Sequence[object]],
                       column_payoffs: Sequence[Sequence[object]]) -> VertexEnumeration:
    """All extreme equilibria of the bimatrix game ``(A, B)``, exact, and whether it is degenerate.

    Equilibria are ``(x, y)`` pairs of Fraction tuples, sorted by decreasing
    probability of the row player's first strategy, then its second, ..., then
    the column player's.

    >>> entry = enumerate_vertices([[0, 0], [-1, 1]], [[2, 2], [-1, 1]])
    >>> [tuple(map(str, x + y)) for x, y in entry.equilibria]
    [('1', '0', '1', '0'), ('1', '0', '1/2', '1/2'), ('0', '1', '0', '1')]
    >>> entry.degenerate
    True
    """
    a = _positive_integers(np.array(row_payoffs, dtype=object))
    b = _positive_integers(np.array(column_payoffs, dtype=object))
    m, n = a.shape
    rows = polytope_vertices(b.T, zero_labels=range(m), row_labels=range(m, m + n))
    columns = polytope_vertices(a, zero_labels=range(m, m + n), row_labels=range(m))
    every = frozenset(range(m + n))
    pairs = [(p.strategy, q.strategy) for p in rows for q in columns if p.labels | q.labels == every]
    degenerate = any(len(v.labels) > m for v in rows) or any(len(v.labels) > n for v in columns)
    return VertexEnumeration(rows, columns, tuple(sorted(pairs, key=_order)), degenerate)
