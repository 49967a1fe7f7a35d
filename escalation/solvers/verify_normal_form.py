r"""Exact verification of Nash equilibria of a normal form.

A mixed profile :math:`\sigma` is a Nash equilibrium when no player has a
profitable deviation:

.. math:: u_i(\sigma) \ge u_i(s_i, \sigma_{-i}) \quad \text{for every player } i
          \text{ and every pure strategy } s_i \in S_i .

Checking pure deviations suffices, because a mixed deviation pays a weighted
average of pure ones.  All arithmetic is rational, so the check is exact: a
deviation gaining :math:`10^{-20}` is found.

>>> from escalation.games import NormalFormGame
>>> pd = NormalFormGame.from_matrices(
...     [[3, 0], [5, 1]], [[3, 5], [0, 1]],
...     players=("A", "B"), strategies=(("Cooperate", "Defect"),) * 2,
... )
>>> is_nash(pd, {"A": {"Defect": 1}, "B": {"Defect": 1}})
True
>>> verify_nash(pd, {"A": {"Cooperate": 1}, "B": {"Cooperate": 1}})
Traceback (most recent call last):
...
escalation.errors.VerificationError: player 'A' gains by deviating to 'Defect': payoff 5 instead of 3
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import ProbabilityError, VerificationError
from ..games.normal_form import NormalFormGame
from .mixed_profiles import mixed_vectors, pure_strategy_payoffs
from .solution import Solution

__all__ = ["is_nash", "verify_against", "verify_nash", "verify_vectors"]

Profile = Mapping[str, Mapping[str, Any]] | Solution


def verify_nash(game: NormalFormGame, profile: Profile) -> None:
    """Raise :class:`~escalation.errors.VerificationError` unless ``profile`` is a Nash equilibrium.

    The error names the player and its most profitable pure deviation.  The
    game must be numeric (:class:`~escalation.errors.ParameterError`
    otherwise) and each mixture a probability distribution
    (:class:`~escalation.errors.ProbabilityError` otherwise).

    >>> from escalation.games import NormalFormGame
    >>> pennies = NormalFormGame.from_matrices([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> verify_nash(pennies, {"Row": {"r1": "1/2", "r2": "1/2"}, "Column": {"c1": "1/2", "c2": "1/2"}})
    >>> verify_nash(pennies, {"Row": {"r1": "1/2", "r2": "1/2"}, "Column": {"c1": "2/3", "c2": "1/3"}})
    Traceback (most recent call last):
    ...
    escalation.errors.VerificationError: player 'Row' gains by deviating to 'r1': payoff 1/3 instead of 0
    """
    game.require_numeric()
    verify_against(game, game.fraction_arrays(), profile)


def verify_against(game: NormalFormGame, arrays: Sequence[np.ndarray], profile: Profile) -> None:
    """:func:`verify_nash` with the payoff arrays already in exact form (``game.fraction_arrays()``).

    Solvers that check many profiles of one game use it to convert the payoffs once.
    """
    verify_vectors(game, arrays, mixed_vectors(game, profile))


def verify_vectors(game: NormalFormGame, arrays: Sequence[np.ndarray],
                   vectors: Sequence[Sequence[Fraction] | np.ndarray]) -> tuple[Fraction, ...]:
    """:func:`verify_against` for a profile given as one exact probability vector per player, in strategy order.

    Returns each player's expected payoff, computed on the way.  Solvers that
    hold their answers as fraction vectors check them here before building a
    :class:`Solution`.  A vector that is not a probability distribution raises
    :class:`~escalation.errors.ProbabilityError`.

    >>> from fractions import Fraction
    >>> from escalation.games import NormalFormGame
    >>> pd = NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> verify_vectors(pd, pd.fraction_arrays(), [(Fraction(0), Fraction(1)), (Fraction(0), Fraction(1))])
    (Fraction(1, 1), Fraction(1, 1))
    >>> verify_vectors(pd, pd.fraction_arrays(), [(Fraction(1, 2), Fraction(1, 3)), (Fraction(0), Fraction(1))])
    Traceback (most recent call last):
    ...
    escalation.errors.ProbabilityError: player 'Row': probabilities sum to 5/6, not 1
    """
    exact = [np.array(v, dtype=object) for v in vectors]
    for player, vector in zip(game.players, exact, strict=True):
        if min(vector) < 0 or sum(vector) != 1:
            raise ProbabilityError(f"player {player!r}", f"probabilities sum to {sum(vector)}, not 1"
                                   if sum(vector) != 1 else f"a probability is negative: {min(vector)}")
    values = []
    for i, player in enumerate(game.players):
        payoffs = pure_strategy_payoffs(arrays, exact, i)
        value = Fraction(np.dot(exact[i], payoffs))
        best = int(np.argmax(payoffs))
        if payoffs[best] > value:
            strategy = game.strategies[i][best]
            raise VerificationError(
                f"player {player!r} gains by deviating to {strategy!r}: payoff {payoffs[best]} instead of {value}"
            )
        values.append(value)
    return tuple(values)


def is_nash(game: NormalFormGame, profile: Profile) -> bool:
    """True when ``profile`` is a Nash equilibrium of ``game`` (exact check).

    Malformed profiles still raise, as in :func:`verify_nash`.

    >>> from escalation.games import NormalFormGame
    >>> coordination = NormalFormGame.from_matrices([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    >>> is_nash(coordination, {"Row": {"r2": 1}, "Column": {"c2": 1}})
    True
    >>> is_nash(coordination, {"Row": {"r2": 1}, "Column": {"c1": 1}})
    False
    """
    try:
        verify_nash(game, profile)
    except VerificationError:
        return False
    return True
