r"""Comparing independent algorithms' answers with the exact extreme equilibria.

The default check follows the Lemke-Howson path from every initial label
(:mod:`escalation.solvers.lemke_howson_paths`: float pivoting, bases
certified exactly, bounded): each path ends at an extreme equilibrium, so
each answer must be in the enumerated set, and in a nondegenerate game the
set must have an odd number of members.

On request nashpy runs too.  In a nondegenerate game every equilibrium is
extreme and nashpy's support and vertex enumeration should both find the
whole exact set.  In a degenerate game equilibria come in convex
sets; nashpy's support enumeration only solves square indifference systems,
so it misses extreme equilibria whose two supports differ in size, and may
return points that are equilibria without being extreme.  Each discrepancy
becomes one sentence for the ``notes`` of :class:`~escalation.solvers.solution.Equilibria`.

>>> from escalation.games import NormalFormGame
>>> from escalation.solvers.nashpy_bridge import run_nashpy
>>> from escalation.solvers.vertex_enumeration import enumerate_vertices
>>> entry = NormalFormGame.from_matrices([[0, 0], [-1, 1]], [[2, 2], [-1, 1]],
...     players=("Entrant", "Incumbent"), strategies=(("Out", "In"), ("Fight", "Accommodate")))
>>> extreme = enumerate_vertices(*entry.fraction_arrays()).equilibria
>>> run = run_nashpy(entry, "support enumeration")
>>> print(compare_with_nashpy(entry, extreme, run)[-1])
nashpy support enumeration missed 1 of 3 extreme equilibria: Entrant: Out 1; Incumbent: Fight 1/2, Accommodate 1/2
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..games.normal_form import NormalFormGame
from .lemke_howson_paths import certified_paths
from .nashpy_bridge import NashpyRun, Pair

__all__ = ["CROSS_CHECK_PIVOTS", "compare_with_lemke_howson", "compare_with_nashpy", "describe_profile"]

CROSS_CHECK_PIVOTS = 10_000


def describe_profile(game: NormalFormGame, pair: Pair) -> str:
    """The supports and probabilities of a profile, e.g. ``Row: r1 1/2, r2 1/2; Column: c1 1``.

    >>> from fractions import Fraction
    >>> from escalation.games import NormalFormGame
    >>> g = NormalFormGame.from_matrices([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    >>> describe_profile(g, ((Fraction(1, 2), Fraction(1, 2)), (Fraction(1), Fraction(0))))
    'Row: r1 1/2, r2 1/2; Column: c1 1'
    """
    parts = []
    for player, labels, vector in zip(game.players, game.strategies, pair, strict=True):
        support = ", ".join(f"{s} {p}" for s, p in zip(labels, vector, strict=True) if p != 0)
        parts.append(f"{player}: {support}")
    return "; ".join(parts)


def _listing(game: NormalFormGame, pairs: Sequence[Pair]) -> str:
    return " | ".join(describe_profile(game, p) for p in pairs)


def _problems(run: NashpyRun) -> list[str]:
    name = f"nashpy {run.algorithm}"
    notes = [f"{name} warned: {w}" for w in run.warnings]
    if run.error:
        notes.append(f"{name} failed ({run.error}); its answers so far were checked")
    notes += [f"{name} returned a profile that is not a Nash equilibrium (dropped): {r}" for r in run.rejected]
    return notes


def compare_with_nashpy(game: NormalFormGame, extreme: Sequence[Pair], run: NashpyRun) -> list[str]:
    """Notes on how the nashpy ``run`` compares with the exact ``extreme`` equilibria.

    """
    name = f"nashpy {run.algorithm}"
    notes = _problems(run)
    inside = [p for p in run.profiles if p not in extreme]
    if inside:
        notes.append(f"{name} returned {len(inside)} equilibria that are not extreme: {_listing(game, inside)}")
    missed = [p for p in extreme if p not in run.profiles]
    if missed and not run.error:
        notes.append(f"{name} missed {len(missed)} of {len(extreme)} extreme equilibria: {_listing(game, missed)}")
    if not notes:
        notes.append(f"{name} agrees: it found all exact extreme equilibria")
    return notes


def compare_with_lemke_howson(game: NormalFormGame, extreme: Sequence[Pair], degenerate: bool,
                              arrays: Sequence[np.ndarray] | None = None) -> list[str]:
    """Notes on the Lemke-Howson paths from every label against the exact ``extreme`` equilibria.

    A path is not expected to reach every equilibrium, so only answers outside
    the exact set, paths cut off after :data:`CROSS_CHECK_PIVOTS` pivots and an
    even count in a nondegenerate game are noted as problems.  ``arrays`` may
    pass ``game.fraction_arrays()`` when already computed.

    >>> from escalation.games import NormalFormGame
    >>> from escalation.solvers.vertex_enumeration import enumerate_vertices
    >>> pennies = NormalFormGame.from_matrices([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> print(compare_with_lemke_howson(pennies, enumerate_vertices(*pennies.payoffs).equilibria, False)[0])
    Lemke-Howson agrees: the paths from all 4 labels end at 1 of the extreme equilibria (float paths, certified exactly)
    """
    labels = range(sum(game.shape))
    a, b = game.fraction_arrays() if arrays is None else arrays
    runs = list(certified_paths(a, b, labels, max_pivots=CROSS_CHECK_PIVOTS))
    notes = [f"Lemke-Howson from label {k} stopped after {CROSS_CHECK_PIVOTS} pivots" for k, r in zip(labels, runs,
                                                                                                       strict=True)
             if r is None]
    found = list(dict.fromkeys(r[0] for r in runs if r is not None))
    outside = [p for p in found if p not in extreme]
    if outside:
        notes.append(f"Lemke-Howson reached {len(outside)} equilibria that are not among the extreme ones (a solver "
                     f"fault): {_listing(game, outside)}")
    if not degenerate and len(extreme) % 2 == 0:
        notes.append(f"a nondegenerate game has an odd number of equilibria, but {len(extreme)} were found "
                     "(a solver fault)")
    if not notes:
        exact = sum(1 for r in runs if r is not None and r[1] == "exact")
        how = "float paths, certified exactly" + (f"; {exact} refollowed in exact arithmetic" if exact else "")
        notes.append(f"Lemke-Howson agrees: the paths from all {len(runs)} labels end at {len(found)} of the extreme "
                     f"equilibria ({how})")
    return notes
