r"""The vertices of a polytope's projection, exactly: how a continuum of equilibria is reported.

A continuum of equilibria is a polytope :math:`Q = \{(s, o) \ge 0 : A s + B o \le b\}`
in the free mixing probabilities :math:`s` and the other unknowns :math:`o`
(belief weights, ratios).  Its members differ in play only through :math:`s`,
so the members to report are the vertices of the projection

.. math:: P = \{ s : \exists\, o \ge 0,\ A s + B o \le b \}.

The unknowns :math:`o` are eliminated by Fourier--Motzkin (each pair of rows
with opposite signs in :math:`o_k` gives one row without it); the vertices of
:math:`P \subset \mathbb{R}^d` are then the points where :math:`d` of its rows
bind with a unique solution and every row holds.  Both steps are exact.  The
elimination can multiply the number of rows; beyond ``MAX_ROWS`` it gives
up and the caller falls back to fewer members.

>>> from fractions import Fraction as F
>>> # x <= 1, y <= 1, x - y + o <= 1/2 and o >= 1/4: the unit square cut by y >= x - 1/4
>>> rows = [({"x": F(1)}, F(1)), ({"y": F(1)}, F(1)), ({"x": F(1), "y": F(-1), "o": F(1)}, F(1, 2)),
...         ({"o": F(-1)}, F(-1, 4))]
>>> sorted(tuple(v.values()) for v in projected_vertices(rows, ["x", "y"], ["o"]))  # doctest: +NORMALIZE_WHITESPACE
[(Fraction(0, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(1, 1)), (Fraction(1, 4), Fraction(0, 1)),
 (Fraction(1, 1), Fraction(3, 4)), (Fraction(1, 1), Fraction(1, 1))]
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from fractions import Fraction

from ..exact_linear import solve_exact

__all__ = ["MAX_ROWS", "projected_vertices"]

#: Rows allowed during elimination before the projection is given up.
MAX_ROWS = 400

# a row  sum_v a[v] * z_v <= b
Row = tuple[Mapping[str, Fraction], Fraction]


def projected_vertices(rows: Sequence[Row], keep: Sequence[str],
                       drop: Sequence[str]) -> list[dict[str, Fraction]] | None:
    """The vertices of ``{z_keep : exists z_drop >= 0, rows hold, z_keep >= 0}``; None if too large or unbounded.

    Every unknown is non-negative (as probabilities and weights are).
    """
    current = [_normal(dict(a), b) for a, b in rows]
    current += [_normal({v: Fraction(-1)}, Fraction(0)) for v in keep]
    for v in drop:
        current = _eliminate([*current, _normal({v: Fraction(-1)}, Fraction(0))], v)
        if current is None:
            return None
    return _vertices([r for r in current if r is not None], list(keep))


def _normal(a: dict[str, Fraction], b: Fraction) -> tuple[tuple[tuple[str, Fraction], ...], Fraction]:
    """A row scaled so that its largest coefficient is one in absolute value (rows compare equal when parallel)."""
    a = {v: c for v, c in a.items() if c != 0}
    scale = max((abs(c) for c in a.values()), default=Fraction(1))
    return tuple(sorted((v, c / scale) for v, c in a.items())), b / scale


def _eliminate(rows, v: str):
    """Fourier--Motzkin: the rows without ``v``, and one row per pair with opposite signs in ``v``."""
    pos: list[tuple[dict[str, Fraction], Fraction, Fraction]] = []
    neg: list[tuple[dict[str, Fraction], Fraction, Fraction]] = []
    out = set()
    for a, b in rows:
        c = dict(a).get(v, Fraction(0))
        if c == 0:
            out.add((a, b))
        else:
            (pos if c > 0 else neg).append((dict(a), b, c))
    for (ap, bp, cp), (an, bn, cn) in itertools.product(pos, neg):
        coef = {u: ap.get(u, Fraction(0)) / cp - an.get(u, Fraction(0)) / cn for u in set(ap) | set(an) if u != v}
        out.add(_normal(coef, bp / cp - bn / cn))
        if len(out) > MAX_ROWS:
            return None
    if any(not a and b < 0 for a, b in out):
        return [((), Fraction(-1))]  # infeasible
    return [r for r in out if r[0]]


def _vertices(rows, keep: list[str]) -> list[dict[str, Fraction]] | None:
    if any(not a and b < 0 for a, b in rows):
        return []
    rows = [(dict(a), b) for a, b in rows if a]
    d = len(keep)
    found: list[dict[str, Fraction]] = []
    for subset in itertools.combinations(rows, d):
        point = solve_exact([[a.get(v, Fraction(0)) for v in keep] for a, _ in subset], [b for _, b in subset])
        if point is None:
            continue
        here = dict(zip(keep, point, strict=True))
        if all(sum(c * here[u] for u, c in a.items()) <= b for a, b in rows) and here not in found:
            found.append(here)
    return found or None
