r"""Every vertex of a bounded polytope by a lexicographic search over bases, in exact integers.

For :math:`\{z \ge 0,\ Cz \le b\}` with a positive matrix :math:`C` and
:math:`b > 0`, the polytope is bounded, so from every basis each entering
variable meets a blocking row.  Under the lexicographic perturbation of
:mod:`escalation.solvers.integer_tableau` the polytope is *simple*: its
vertices are the lexicographically positive bases, each has exactly :math:`d`
neighbours (one per entering variable, the leaving row fixed by the
lexicographic ratio test), and the graph they form is connected.  A
depth-first search over that graph, pivoting forward to an unseen basis and
back again when its neighbours are exhausted, therefore visits every such
basis exactly once with a single tableau in memory.  Every vertex of the
unperturbed polytope is the limit of at least one perturbed vertex, so every
vertex is reached; a degenerate vertex (more than :math:`d` tight
constraints) is reached from several bases and reported once.

This is the graph-search form of Avis and Fukuda's lexicographic reverse
search (``lrs``; Avis, Rosenberg, Savani & von Stengel 2010, *Economic Theory*
42: 9-37): the same bases and pivots, with a set of visited bases in place of
the reverse-search parent test.  All arithmetic is on Python integers, so the
answer is exact whatever the size of the payoffs.

>>> square = [[1, 0], [0, 1]]
>>> sorted(vertex_records(square, [1, 1]).items())
[((0, 0, 1), 3), ((0, 1, 1), 9), ((1, 0, 1), 6), ((1, 1, 1), 12)]

Each key is the vertex :math:`z` as integer numerators over a common positive
denominator (last entry), in lowest terms; each value is the set of
variables that are zero there, as bits (:math:`z_k` is bit :math:`k`, the slack
of row :math:`i` is bit :math:`d + i`).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence

from ..errors import SolverError
from .integer_tableau import IntegerTableau

__all__ = ["MAX_BASES", "lexicographic_bases", "vertex_records"]

MAX_BASES = 2_000_000  # about 200 MB of visited bases and ten minutes of pivoting

Key = tuple[int, ...]


def _next_unseen(tableau: IntegerTableau, start: int, seen: set[int], mask: int, skip: int) -> tuple[int, int] | None:
    """The first nonbasic variable from ``start`` on whose pivot leads to an unseen basis: (variable, row)."""
    for variable in range(start, tableau.variables):
        if mask >> variable & 1 or variable == skip:
            continue
        row = tableau.leaving_row(variable)
        if row is None:
            raise ValueError("the polytope is unbounded; its matrix must be positive")
        neighbour = mask ^ (1 << tableau.basis[row]) ^ (1 << variable)
        if neighbour not in seen:
            seen.add(neighbour)
            return variable, row
    return None


def lexicographic_bases(tableau: IntegerTableau) -> Iterator[IntegerTableau]:
    """Walk ``tableau`` through every lexicographically positive basis, yielding it at each (the start too).

    The tableau is pivoted in place; when the generator is exhausted it is back
    at its starting basis.
    """
    mask = sum(1 << v for v in tableau.basis)
    seen = {mask}
    yield tableau
    # Each frame: (next variable to try, (row, variable) that pivots back to the parent, variable not to try).
    stack: list[tuple[int, tuple[int, int] | None, int]] = [(0, None, -1)]
    while stack:
        start, back, skip = stack[-1]
        step = _next_unseen(tableau, start, seen, mask, skip)
        if step is None:
            stack.pop()
            if back is not None:
                row, variable = back
                entering = tableau.basis[row]
                tableau.pivot(row, variable)
                mask ^= (1 << variable) | (1 << entering)
            continue
        variable, row = step
        stack[-1] = (variable + 1, back, skip)
        leaving = tableau.pivot(row, variable)
        mask ^= (1 << variable) | (1 << leaving)
        stack.append((0, (row, leaving), leaving))
        yield tableau


def _vertex_key(values: list[int], determinant: int, dimension: int) -> Key:
    """The vertex :math:`z` of a basis in lowest terms: numerators, then the denominator."""
    divisor = math.gcd(determinant, *values[:dimension])
    return (*(v // divisor for v in values[:dimension]), determinant // divisor)


def vertex_records(matrix: Sequence[Sequence[int]], rhs: Sequence[int], max_bases: int = MAX_BASES) -> dict[Key, int]:
    """Every vertex of :math:`\\{z \\ge 0,\\ Cz \\le b\\}` (the origin included) with its zero variables.

    ``matrix`` must be a positive integer matrix and ``rhs`` positive integers.
    Raises :class:`~escalation.errors.SolverError` once more than
    ``max_bases`` bases have been visited, before memory runs out.

    >>> vertex_records([[1, 1, 1]] * 3, [1, 2, 3], max_bases=2)
    Traceback (most recent call last):
    ...
    escalation.errors.SolverError: polytope with more than 2 bases: enumerating its vertices is out of reach
    """
    records: dict[Key, int] = {}
    for count, tableau in enumerate(lexicographic_bases(IntegerTableau(matrix, rhs))):
        if count >= max_bases:
            raise SolverError(f"polytope with more than {max_bases} bases: enumerating its vertices is out of reach")
        values = tableau.basic_numerators()
        key = _vertex_key(values, tableau.determinant, tableau.dimension)
        if key not in records:
            records[key] = sum(1 << v for v, value in enumerate(values) if value == 0)
    return records
