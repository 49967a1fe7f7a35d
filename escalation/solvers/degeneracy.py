r"""Degenerate two-player games.

A bimatrix game is *nondegenerate* when no mixed strategy with a support of
:math:`k` strategies has more than :math:`k` pure best responses (von Stengel
2002, Def. 2.5).  Equivalently, no point of a best-response polytope carries
more labels than its dimension, and it suffices to look at the vertices.  In a
nondegenerate game the equilibria are isolated and odd in number; in a
degenerate one they may form convex sets, and a solver must say so.

>>> from escalation.games import NormalFormGame
>>> is_degenerate(NormalFormGame.from_matrices([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]))
False

Entry deterrence is degenerate: when the entrant stays out, the incumbent is
indifferent between fighting and accommodating.

>>> is_degenerate(NormalFormGame.from_matrices([[0, 0], [-1, 1]], [[2, 2], [-1, 1]]))
True
"""

from __future__ import annotations

from ..games.normal_form import NormalFormGame
from .bimatrix import require_bimatrix
from .vertex_enumeration import enumerate_vertices

__all__ = ["is_degenerate"]


def is_degenerate(game: NormalFormGame) -> bool:
    """True when the two-player numeric ``game`` is degenerate (exact test).

    Raises :class:`~escalation.errors.SolverError` for games that do not have
    two players and :class:`~escalation.errors.ParameterError` for symbolic payoffs.
    """
    require_bimatrix(game)
    a, b = game.fraction_arrays()
    return enumerate_vertices(a, b).degenerate
