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

The vertices of both polytopes are enumerated exactly by a lexicographic
search over bases with integer pivoting
(:mod:`escalation.solvers.lexicographic_search`), which also reaches every
degenerate vertex (more labels than dimensions).  The pairs are then matched
by their labels, and the game is *degenerate* exactly when some vertex has
more labels than its dimension.  The payoffs are first shifted to be positive
and each constraint scaled to integers on its own, which changes neither
polytope.  The work grows with the number of bases of the two polytopes:
hundreds for a 6x6 game, a few thousand for a 12x12 one.

>>> from fractions import Fraction
>>> sexes = enumerate_vertices([[2, 0], [0, 1]], [[1, 0], [0, 2]])
>>> [tuple(map(str, x + y)) for x, y in sexes.equilibria]
[('1', '0', '1', '0'), ('2/3', '1/3', '1/3', '2/3'), ('0', '1', '0', '1')]
>>> sexes.degenerate
False
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from ..numbers import as_fraction
from .best_response_polytopes import Matrix, integer_constraints, positive_payoffs, q_label
from .lexicographic_search import Key, vertex_records

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
    """The extreme equilibria found from both best-response polytopes, and whether the game is degenerate.

    ``row_vertices`` and ``column_vertices`` count the vertices of :math:`P`
    and :math:`Q` other than the origin.
    """

    equilibria: tuple[tuple[Vector, Vector], ...]
    degenerate: bool
    row_vertices: int
    column_vertices: int


def _bits(mask: int) -> Iterator[int]:
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


def _labelled_vertices(constraints: np.ndarray, label_of: Sequence[int]) -> dict[Key, int]:
    """Vertices other than the origin of ``{z >= 0, C z <= 1}``, each with its labels as bits."""
    records = vertex_records(*integer_constraints(constraints))
    labelled = {}
    for key, zeros in records.items():
        if any(key[:-1]):
            labelled[key] = sum(1 << label_of[v] for v in _bits(zeros))
    return labelled


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
    rows = np.vectorize(as_fraction, otypes=[object])(np.asarray(constraints, dtype=object))
    labelled = _labelled_vertices(rows, [*zero_labels, *row_labels])
    vertices = [Vertex(_point(key), frozenset(_bits(mask))) for key, mask in labelled.items()]
    return tuple(sorted(vertices, key=lambda v: v.point))


def _point(key: Key) -> Vector:
    return tuple(Fraction(v, key[-1]) for v in key[:-1])


def _strategy(key: Key) -> Vector:
    total = sum(key[:-1])
    return tuple(Fraction(v, total) for v in key[:-1])


def _completely_labelled(rows: dict[Key, int], columns: dict[Key, int], labels: int) -> Iterator[tuple[Key, Key]]:
    """Every pair of a row and a column vertex that together carry all ``labels`` labels."""
    keys = list(columns)
    holders = [0] * labels  # holders[l]: the column vertices carrying label l, as bits
    for k, key in enumerate(keys):
        for label in _bits(columns[key]):
            holders[label] |= 1 << k
    everything = (1 << labels) - 1
    for key, mask in rows.items():
        candidates = (1 << len(keys)) - 1
        for label in _bits(everything & ~mask):
            candidates &= holders[label]
            if not candidates:
                break
        for k in _bits(candidates):
            yield key, keys[k]


def _order(pair: tuple[Vector, Vector]) -> tuple[Fraction, ...]:
    """Sort key: decreasing probability of the first strategy, then the second, ..."""
    return tuple(-p for p in pair[0] + pair[1])


def enumerate_vertices(row_payoffs: Matrix,
                       column_payoffs: Matrix) -> VertexEnumeration:
    """All extreme equilibria of the bimatrix game ``(A, B)``, exact, and whether it is degenerate.

    Equilibria are ``(x, y)`` pairs of Fraction tuples, sorted by decreasing
    probability of the row player's first strategy, then its second, ..., then
    the column player's.

    >>> entry = enumerate_vertices([[0, 0], [-1, 1]], [[2, 2], [-1, 1]])
    >>> [tuple(map(str, x + y)) for x, y in entry.equilibria]
    [('1', '0', '1', '0'), ('1', '0', '1/2', '1/2'), ('0', '1', '0', '1')]
    >>> entry.degenerate, entry.row_vertices, entry.column_vertices
    (True, 2, 3)
    """
    a, b = positive_payoffs(row_payoffs), positive_payoffs(column_payoffs)
    m, n = a.shape
    rows = _labelled_vertices(b.T, range(m + n))
    columns = _labelled_vertices(a, [q_label(v, m, n) for v in range(m + n)])
    pairs = [(_strategy(p), _strategy(q)) for p, q in _completely_labelled(rows, columns, m + n)]
    degenerate = (any(mask.bit_count() > m for mask in rows.values())
                  or any(mask.bit_count() > n for mask in columns.values()))
    return VertexEnumeration(tuple(sorted(pairs, key=_order)), degenerate, len(rows), len(columns))
