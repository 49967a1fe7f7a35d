r"""Comparing nashpy's answers with the exact extreme equilibria.

In a nondegenerate game every equilibrium is extreme and nashpy's support
enumeration, vertex enumeration and Lemke-Howson paths should all land on
members of the exact set.  In a degenerate game equilibria come in convex
sets; nashpy's support enumeration only solves square indifference systems,
so it misses extreme equilibria whose two supports differ in size, and may
return points that are equilibria without being extreme.  Each discrepancy
becomes one sentence for :attr:`Equilibria.notes <escalation.solvers.solution.Equilibria.notes>`.

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

from ..games.normal_form import NormalFormGame
from .nashpy_bridge import NashpyRun, Pair

__all__ = ["compare_with_nashpy", "describe_profile"]


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

    Lemke-Howson follows one path per initial label and is not expected to find
    every equilibrium, so only its answers outside the exact set are noted.
    """
    algorithm = run.algorithm
    name = f"nashpy {run.algorithm}"
    notes = _problems(run)
    inside = [p for p in run.profiles if p not in extreme]
    if inside:
        notes.append(f"{name} returned {len(inside)} equilibria that are not extreme: {_listing(game, inside)}")
    missed = [p for p in extreme if p not in run.profiles]
    if missed and algorithm != "Lemke-Howson" and not run.error:
        notes.append(f"{name} missed {len(missed)} of {len(extreme)} extreme equilibria: {_listing(game, missed)}")
    if not notes:
        found = "all" if algorithm != "Lemke-Howson" else "only"
        notes.append(f"{name} agrees: it found {found} exact extreme equilibria")
    return notes
