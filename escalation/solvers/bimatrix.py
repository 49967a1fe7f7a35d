"""The check every two-player solver starts with: a numeric normal form with exactly two players.

>>> from escalation.games import NormalFormGame
>>> require_bimatrix(NormalFormGame.from_matrices([[1]], [[2]]))
>>> require_bimatrix([[1]])
Traceback (most recent call last):
...
escalation.errors.SolverError: expected a NormalFormGame, got list
"""

from __future__ import annotations

from ..errors import SolverError
from ..games.normal_form import NormalFormGame

__all__ = ["require_bimatrix"]


def require_bimatrix(game: NormalFormGame) -> None:
    """Raise unless ``game`` is a numeric two-player normal form."""
    if not isinstance(game, NormalFormGame):
        raise SolverError(f"expected a NormalFormGame, got {type(game).__name__}")
    if game.num_players != 2:
        raise SolverError(f"game {game.title!r} has {game.num_players} players; this solver needs exactly 2")
    game.require_numeric()
