"""A brute-force exact enumeration of extreme equilibria, written with plain fractions for the tests.

It tries every square subsystem of a polytope {z >= 0, C z <= 1} (a support S
of z and as many constraints T held tight), solves C[T, S] z_S = 1 by
Gauss-Jordan elimination over Fractions, keeps the feasible points and reads
off their labels; extreme equilibria are the completely labelled pairs of
vertices of P = {x >= 0, B^T x <= 1} and Q = {y >= 0, A y <= 1}.  It shares no
code with the package's solver (different algorithm, different arithmetic),
and it is exponential, so the tests use it on small games only.

>>> sorted(brute_force_extreme_equilibria([[1, 0], [0, 1]], [[1, 0], [0, 1]])[0])[0]
((Fraction(0, 1), Fraction(1, 1)), (Fraction(0, 1), Fraction(1, 1)))
"""

from __future__ import annotations

import itertools
from fractions import Fraction

F = Fraction


def gauss_jordan(matrix: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction] | None:
    """The unique solution of a square system, or None if it is singular."""
    k = len(matrix)
    rows = [[*row, b] for row, b in zip(matrix, rhs, strict=True)]
    for col in range(k):
        pivot = next((r for r in range(col, k) if rows[r][col] != 0), None)
        if pivot is None:
            return None
        rows[col], rows[pivot] = rows[pivot], rows[col]
        lead = rows[col][col]
        rows[col] = [v / lead for v in rows[col]]
        for r in range(k):
            if r != col and rows[r][col] != 0:
                factor = rows[r][col]
                rows[r] = [v - factor * w for v, w in zip(rows[r], rows[col], strict=True)]
    return [row[k] for row in rows]


def brute_force_vertices(constraints: list[list[Fraction]]) -> dict[tuple[Fraction, ...], frozenset[int]]:
    """Vertices other than the origin of {z >= 0, C z <= 1}; labels: k for z_k = 0, d + r for row r tight."""
    r_count, d = len(constraints), len(constraints[0])
    found: dict[tuple[Fraction, ...], frozenset[int]] = {}
    for size in range(1, min(r_count, d) + 1):
        for support in itertools.combinations(range(d), size):
            for tight in itertools.combinations(range(r_count), size):
                block = [[constraints[t][s] for s in support] for t in tight]
                solution = gauss_jordan(block, [F(1)] * size)
                if solution is None or min(solution) <= 0:
                    continue
                z = [F(0)] * d
                for s, v in zip(support, solution, strict=True):
                    z[s] = v
                slack = [sum(c * v for c, v in zip(row, z, strict=True)) for row in constraints]
                if max(slack) > 1:
                    continue
                labels = {k for k in range(d) if z[k] == 0} | {d + r for r in range(r_count) if slack[r] == 1}
                found[tuple(z)] = frozenset(labels)
    return found


def brute_force_extreme_equilibria(a, b) -> tuple[set[tuple], bool]:
    """Completely labelled vertex pairs of P = {x >= 0, B^T x <= 1} and Q = {y >= 0, A y <= 1}."""
    a, b = ([[F(str(v)) for v in row] for row in matrix] for matrix in (a, b))  # str: numpy and sympy numbers too
    m, n = len(a), len(a[0])
    low_a, low_b = min(map(min, a)), min(map(min, b))
    a = [[v - low_a + 1 for v in row] for row in a]
    b = [[v - low_b + 1 for v in row] for row in b]
    p = brute_force_vertices([[b[i][j] for i in range(m)] for j in range(n)])  # x_i label i, column j label m + j
    q_raw = brute_force_vertices(a)  # y_j is variable j (label m + j), row i is variable n + i (label i)
    q = {y: frozenset(m + v if v < n else v - n for v in labels) for y, labels in q_raw.items()}
    everything = frozenset(range(m + n))
    pairs = {(normalise(x), normalise(y)) for x, lx in p.items() for y, ly in q.items() if lx | ly == everything}
    degenerate = any(len(lx) > m for lx in p.values()) or any(len(ly) > n for ly in q.values())
    return pairs, degenerate


def normalise(v: tuple[Fraction, ...]) -> tuple[Fraction, ...]:
    return tuple(p / sum(v) for p in v)
