r"""Mixed-strategy profiles of a normal form, in exact arithmetic.

A mixed profile :math:`\sigma = (\sigma_1, \dots, \sigma_N)` gives each player
:math:`i` a probability distribution :math:`\sigma_i \in \Delta(S_i)`.  The
expected payoff of a pure strategy :math:`s_i` against the others' mixtures is

.. math:: u_i(s_i, \sigma_{-i}) = \sum_{s_{-i}} u_i(s_i, s_{-i}) \prod_{j \ne i} \sigma_j(s_j),

and :math:`u_i(\sigma) = \sum_{s_i} \sigma_i(s_i)\, u_i(s_i, \sigma_{-i})`.
Profiles are read from ``{player: {strategy: probability}}`` (strategies left
out have probability zero) or from a :class:`~escalation.solvers.solution.Solution`,
and held as :class:`fractions.Fraction` vectors in the game's strategy order.

>>> from escalation.games import NormalFormGame
>>> pennies = NormalFormGame.from_matrices([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
>>> sigma = mixed_vectors(pennies, {"Row": {"r1": "1/2", "r2": "1/2"}, "Column": {"c1": 1}})
>>> [list(map(str, v)) for v in sigma]
[['1/2', '1/2'], ['1', '0']]
>>> [str(v) for v in pure_strategy_payoffs(pennies.fraction_arrays(), sigma, 1)]
['0', '0']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import ProbabilityError
from ..games.normal_form import NormalFormGame
from ..numbers import as_fraction
from .solution import Computation, Solution

__all__ = ["expected_payoffs", "mixed_solution", "mixed_vectors", "profile_mapping", "pure_strategy_payoffs"]


def _probability(value: Any, where: str) -> Fraction:
    """One probability as a Fraction in [0, 1]; anything else raises ProbabilityError."""
    try:
        p = as_fraction(value)
    except (TypeError, ValueError):
        raise ProbabilityError(where, f"probability {value!r} is not a rational number") from None
    if not 0 <= p <= 1:
        raise ProbabilityError(where, f"probability {p} lies outside [0, 1]")
    return p


def _player_vector(game: NormalFormGame, i: int, mixture: Any) -> np.ndarray:
    player = game.players[i]
    if not isinstance(mixture, Mapping):
        raise ProbabilityError(f"player {player!r}", f"needs {{strategy: probability}}, got {mixture!r}")
    vector = np.array([Fraction(0)] * len(game.strategies[i]), dtype=object)
    for strategy, value in mixture.items():
        where = f"player {player!r}, strategy {strategy!r}"
        vector[game.strategy_index(i, strategy)] = _probability(value, where)
    if sum(vector) != 1:
        raise ProbabilityError(f"player {player!r}", f"probabilities sum to {sum(vector)}, not 1")
    return vector


def mixed_vectors(game: NormalFormGame, profile: Mapping[str, Mapping[str, Any]] | Solution) -> tuple[np.ndarray, ...]:
    """The profile as one exact probability vector per player, in strategy order.

    Raises :class:`~escalation.errors.ProbabilityError` when a player is
    missing or a mixture is not a probability distribution, and
    :class:`~escalation.errors.GameStructureError` for an unknown player or strategy.

    >>> from escalation.games import NormalFormGame
    >>> g = NormalFormGame.from_matrices([[1, 0]], [[0, 1]])
    >>> mixed_vectors(g, {"Row": {"r1": 1}, "Column": {"c1": "3/4", "c2": "1/2"}})
    Traceback (most recent call last):
    ...
    escalation.errors.ProbabilityError: player 'Column': probabilities sum to 5/4, not 1
    """
    strategies = profile.strategies if isinstance(profile, Solution) else profile
    for name in strategies:
        game.player_index(name)
    missing = [p for p in game.players if p not in strategies]
    if missing:
        raise ProbabilityError(f"player {missing[0]!r}", "has no mixed strategy in the profile")
    return tuple(_player_vector(game, i, strategies[p]) for i, p in enumerate(game.players))


def profile_mapping(game: NormalFormGame, vectors: Sequence[Iterable[Any]]) -> dict[str, dict[str, Any]]:
    """The profile ``{player: {strategy: probability}}`` given by one vector per player.

    >>> from escalation.games import NormalFormGame
    >>> g = NormalFormGame.from_matrices([[1, 0]], [[0, 1]])
    >>> profile_mapping(g, [[1], [0, 1]])
    {'Row': {'r1': 1}, 'Column': {'c1': 0, 'c2': 1}}
    """
    return {
        player: dict(zip(labels, vector, strict=True))
        for player, labels, vector in zip(game.players, game.strategies, vectors, strict=True)
    }


def pure_strategy_payoffs(arrays: Sequence[np.ndarray], vectors: Sequence[np.ndarray], player: int) -> np.ndarray:
    r"""The vector :math:`(u_i(s_i, \sigma_{-i}))_{s_i \in S_i}` for player ``player``.

    >>> import numpy as np
    >>> from fractions import Fraction
    >>> a = np.array([[3, 0], [5, 1]], dtype=object)
    >>> half = np.array([Fraction(1, 2)] * 2, dtype=object)
    >>> [str(v) for v in pure_strategy_payoffs([a, a], [half, half], 0)]
    ['3/2', '3']
    """
    table = arrays[player]
    for j in reversed(range(len(vectors))):
        if j != player:
            table = np.tensordot(table, vectors[j], axes=([j], [0]))
    return table


def expected_payoffs(arrays: Sequence[np.ndarray], vectors: Sequence[np.ndarray]) -> tuple[Fraction, ...]:
    r"""Each player's expected payoff :math:`u_i(\sigma)`.

    >>> import numpy as np
    >>> from fractions import Fraction
    >>> a = np.array([[3, 0], [5, 1]], dtype=object)
    >>> half = np.array([Fraction(1, 2)] * 2, dtype=object)
    >>> [str(v) for v in expected_payoffs([a, a.T], [half, half])]
    ['9/4', '9/4']
    """
    return tuple(
        Fraction(np.dot(vectors[i], pure_strategy_payoffs(arrays, vectors, i))) for i in range(len(vectors))
    )


def mixed_solution(game: NormalFormGame, vectors: Sequence[Sequence[Fraction]], computation: Computation,
                   name: str | None = None, arrays: Sequence[np.ndarray] | None = None) -> Solution:
    """A :class:`Solution` listing every strategy's probability and each player's expected payoff.

    ``arrays`` may pass ``game.fraction_arrays()`` when already computed.

    >>> from escalation.games import NormalFormGame
    >>> g = NormalFormGame.from_matrices([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> s = mixed_solution(g, [[1, 0], [1, 0]], Computation("example", "Nash"))
    >>> s.to_dict()["strategies"]
    {'Row': {'r1': '1', 'r2': '0'}, 'Column': {'c1': '1', 'c2': '0'}}
    >>> s.to_dict()["payoffs"]
    {'Row': '2', 'Column': '1'}
    """
    mixed = tuple(np.array([Fraction(p) for p in v], dtype=object) for v in vectors)
    values = expected_payoffs(game.fraction_arrays() if arrays is None else arrays, mixed)
    payoffs = dict(zip(game.players, values, strict=True))
    return Solution(game.players, profile_mapping(game, mixed), payoffs, computation, name=name)
