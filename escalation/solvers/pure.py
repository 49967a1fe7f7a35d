r"""Pure-strategy Nash equilibria of N-player normal forms.

A pure profile :math:`s = (s_1, \dots, s_N)` is a Nash equilibrium when each
:math:`s_i` is a best response to the others:

.. math:: u_i(s_i, s_{-i}) = \max_{t_i \in S_i} u_i(t_i, s_{-i}) \quad \text{for all } i.

For player :math:`i` the maximum over axis :math:`i` of its payoff array marks,
in one array operation, every profile at which :math:`i` best-responds; the
equilibria are the profiles marked for every player.  Where a player has
another best response at an equilibrium, the equilibrium rests on a tie: it is
reported as knife-edge, since a slight change of payoffs could remove it.

>>> from escalation.games import NormalFormGame
>>> entry = NormalFormGame.from_matrices(
...     [[0, 0], [-1, 1]], [[2, 2], [-1, 1]], players=("Entrant", "Incumbent"),
...     strategies=(("Out", "In"), ("Fight", "Accommodate")))
>>> result = pure_equilibria(entry)
>>> [(s.support("Entrant"), s.support("Incumbent")) for s in result]
[(('Out',), ('Fight',)), (('In',), ('Accommodate',))]
>>> print(result.knife_edge[0])
at (Out, Fight): Incumbent is indifferent between Fight and Accommodate
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from ..errors import SolverError
from ..games.normal_form import NormalFormGame
from .mixed_profiles import mixed_solution
from .solution import Computation, Equilibria, Solution
from .verify_normal_form import verify_against

__all__ = ["best_response_masks", "pure_equilibria"]

METHOD = "pure-strategy enumeration (exact)"


def best_response_masks(arrays: tuple[np.ndarray, ...]) -> tuple[np.ndarray, ...]:
    """For each player, the boolean array of profiles at which that player best-responds.

    >>> import numpy as np
    >>> a = np.array([[3, 0], [5, 1]], dtype=object)
    >>> best_response_masks((a, a.T))[0].tolist()
    [[False, False], [True, True]]
    """
    return tuple(a == a.max(axis=i, keepdims=True) for i, a in enumerate(arrays))


def _ties(game: NormalFormGame, masks: tuple[np.ndarray, ...], profile: tuple[int, ...]) -> list[str]:
    """Sentences naming each player's other best responses at ``profile``."""
    labels = ", ".join(s[k] for s, k in zip(game.strategies, profile, strict=True))
    notes = []
    for i, player in enumerate(game.players):
        index: tuple[int | slice, ...] = (*profile[:i], slice(None), *profile[i + 1:])  # player i's strategies
        line = masks[i][index]
        others = [game.strategies[i][k] for k in np.flatnonzero(line) if k != profile[i]]
        if others:
            alternatives = " or ".join(others)
            notes.append(f"at ({labels}): {player} is indifferent between {game.strategies[i][profile[i]]} and "
                         f"{alternatives}")
    return notes


def _solution(game: NormalFormGame, arrays: tuple[np.ndarray, ...], profile: tuple[int, ...],
              notes: list[str]) -> Solution:
    vectors = [[Fraction(int(k == s)) for k in range(n)] for s, n in zip(profile, game.shape, strict=True)]
    computation = Computation(METHOD, "Nash", exact=True, verified=True, notes=tuple(notes))
    solution = mixed_solution(game, vectors, computation, arrays=arrays)
    verify_against(game, arrays, solution)
    return solution


def pure_equilibria(game: NormalFormGame) -> Equilibria:
    """All pure-strategy Nash equilibria of a numeric N-player normal form, exact and verified.

    Equilibria come in profile order (the last player's strategy varying
    fastest).  ``knife_edge`` lists every tie at an equilibrium; ``degenerate``
    is True when some player has several best responses to some pure profile
    of the others (for two players this makes the game degenerate; the full
    test, which also looks at mixed strategies, is
    :func:`~escalation.solvers.degeneracy.is_degenerate`).

    >>> from escalation.games import NormalFormGame
    >>> pennies = NormalFormGame.from_matrices([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> len(pure_equilibria(pennies)), pure_equilibria(pennies).degenerate
    (0, False)
    """
    if not isinstance(game, NormalFormGame):
        raise SolverError(f"expected a NormalFormGame, got {type(game).__name__}")
    game.require_numeric()
    arrays = game.fraction_arrays()
    masks = best_response_masks(arrays)
    equilibria = [tuple(int(k) for k in index) for index in np.argwhere(np.logical_and.reduce(masks))]
    ties = {profile: _ties(game, masks, profile) for profile in equilibria}
    solutions = tuple(_solution(game, arrays, profile, ties[profile]) for profile in equilibria)
    degenerate = any(bool((m.sum(axis=i) > 1).any()) for i, m in enumerate(masks))
    knife_edge = tuple(note for profile in equilibria for note in ties[profile])
    return Equilibria(solutions, METHOD, "Nash", degenerate=degenerate, knife_edge=knife_edge)
