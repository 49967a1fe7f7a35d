r"""Maximal Nash subsets: the convex sets of equilibria spanned by extreme equilibria.

Extreme equilibria :math:`(x_1, y_1)` and :math:`(x_2, y_2)` are
*interchangeable* when :math:`(x_1, y_2)` and :math:`(x_2, y_1)` are equilibria
too.  A set :math:`X \times Y` of row and column vertices all of whose pairs are
equilibria spans the convex set :math:`\operatorname{conv} X \times
\operatorname{conv} Y` of equilibria, and every equilibrium of a bimatrix game
lies in such a set (Winkels 1979; Jansen 1981).  The maximal sets, maximal
bicliques of the graph whose edges are the extreme equilibria, are what a
degenerate game's continua of equilibria are made of.

>>> maximal_nash_subsets([("Out", "Fight"), ("Out", "mix"), ("In", "Accommodate")])
[(0, 1), (2,)]
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

__all__ = ["maximal_nash_subsets"]


def _closed_column_sets(neighbours: dict[Hashable, frozenset]) -> set[frozenset]:
    """Every nonempty intersection of the rows' neighbourhoods."""
    family = set(neighbours.values())
    frontier = set(family)
    while frontier:
        new = {f & g for f in frontier for g in family if f & g} - family
        family |= new
        frontier = new
    return family


def maximal_nash_subsets(pairs: Sequence[tuple[Hashable, Hashable]]) -> list[tuple[int, ...]]:
    """Maximal sets of mutually interchangeable extreme equilibria, as positions in ``pairs``.

    ``pairs`` lists the extreme equilibria as ``(row vertex, column vertex)``.
    Each set is returned as the sorted positions of its members; the sets are
    sorted too.  An equilibrium may belong to several sets.

    >>> maximal_nash_subsets([("a", 1), ("a", 2), ("b", 1), ("b", 2), ("c", 3)])
    [(0, 1, 2, 3), (4,)]
    """
    neighbours: dict[Hashable, frozenset] = {}
    for x, y in pairs:
        neighbours[x] = neighbours.get(x, frozenset()) | {y}
    bicliques = set()
    for columns in _closed_column_sets(neighbours):
        rows = frozenset(x for x, ys in neighbours.items() if columns <= ys)
        bicliques.add(tuple(k for k, (x, y) in enumerate(pairs) if x in rows and y in columns))
    return sorted(bicliques)
