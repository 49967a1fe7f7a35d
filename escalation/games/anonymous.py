r"""Anonymous (symmetric) games of many players with two actions each.

In an anonymous game of :math:`N` players every player has the same two actions
:math:`a_0, a_1`, and a player's payoff depends only on its own action and on
*how many* of the other :math:`N - 1` players take :math:`a_0`:
:math:`u(a, k)` for :math:`k = 0, \dots, N-1`.  The game is stored as these
:math:`2N` numbers rather than as the :math:`2^N` cells of its normal form, so
games of a thousand players (an alliance's members, a crowd) stay small;
:meth:`AnonymousGame.to_normal_form` writes the full normal form for at most
:data:`MAX_NORMAL_FORM` players.

The volunteer's dilemma (Diekmann 1985) with cost :math:`K` and value :math:`U`:

>>> from escalation.games.anonymous import AnonymousGame
>>> game = AnonymousGame.from_function(
...     3, ("Respond", "Abstain"), lambda a, k: 3 if a == "Respond" else (4 if k > 0 else 0),
...     outcome=lambda k: "nobody responds" if k == 0 else "someone responds")
>>> [str(g) for g in game.gains]      # u(Respond, k) - u(Abstain, k)
['3', '-1', '-1']
>>> game.to_normal_form().payoff(("Abstain", "Abstain", "Respond"))
(4, 4, 3)
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sympy

from ..errors import GameStructureError, TooLargeError
from ._payoffs import free_symbols, payoff_entry, require_no_symbols, resolve_symbols, substitute, unique_labels
from .normal_form import NormalFormGame

__all__ = ["MAX_NORMAL_FORM", "MAX_PLAYERS", "AnonymousGame"]

MAX_NORMAL_FORM = 12  # players up to which the 2^N-cell normal form is written
MAX_PLAYERS = 100_000  # the table holds 2N payoffs


def _check_size(size: Any) -> None:
    if not isinstance(size, int) or isinstance(size, bool) or size < 2:
        raise GameStructureError("size", f"an anonymous game needs at least 2 players, got {size!r}")
    if size > MAX_PLAYERS:
        raise TooLargeError("size", f"{size} players exceed the {MAX_PLAYERS} an anonymous game holds",
                            ["fewer players"], chunkable=False)


@dataclass(frozen=True)
class AnonymousGame:
    """An anonymous game: ``payoffs[a][k]`` is a player's payoff for action ``a`` when ``k`` others take the first.

    Attributes
    ----------
    size : int
        The number of players :math:`N \\ge 2`.
    actions : tuple of two str
        Every player's actions; counts ``k`` refer to the first.
    payoffs : tuple of two tuples of sympy expressions
        ``payoffs[i][k]`` for action ``i`` and ``k = 0 .. N-1`` others taking ``actions[0]``.
    outcomes : tuple of str or None
        The outcome's label when ``k = 0 .. N`` players in all take ``actions[0]``.
    title : str
    player : str
        Players are named ``f"{player} {i}"``, ``i = 1 .. N``.
    """

    size: int
    actions: tuple[str, str]
    payoffs: tuple[tuple[Any, ...], tuple[Any, ...]]
    outcomes: tuple[str, ...] | None = None
    title: str = ""
    player: str = "Player"

    def __post_init__(self) -> None:
        _check_size(self.size)
        actions = unique_labels(self.actions, "action", "actions")
        if len(actions) != 2:
            raise GameStructureError("actions", f"an anonymous game here has exactly two actions, got {len(actions)}")
        object.__setattr__(self, "actions", actions)
        if len(self.payoffs) != 2 or any(len(row) != self.size for row in self.payoffs):
            raise GameStructureError("payoffs", f"needs two rows of {self.size} payoffs (k = 0 .. {self.size - 1} "
                                                "others taking the first action)")
        object.__setattr__(self, "payoffs", tuple(
            tuple(payoff_entry(v, f"payoff of {a} with {k} others on {actions[0]}") for k, v in enumerate(row))
            for a, row in zip(actions, self.payoffs, strict=True)))
        if self.outcomes is not None and len(self.outcomes) != self.size + 1:
            raise GameStructureError("outcomes", f"needs one label for each of 0 .. {self.size} players on "
                                                 f"{actions[0]}, got {len(self.outcomes)}")

    @classmethod
    def from_function(cls, size: int, actions: Sequence[str], payoff: Callable[[str, int], Any], *,
                      outcome: Callable[[int], str] | None = None, title: str = "",
                      player: str = "Player") -> AnonymousGame:
        """The game whose payoffs are ``payoff(action, k)`` and outcome labels ``outcome(k)``."""
        _check_size(size)  # before the table is allocated
        rows = tuple(tuple(payoff(a, k) for k in range(size)) for a in actions)
        labels = None if outcome is None else tuple(outcome(k) for k in range(size + 1))
        return cls(size, tuple(actions), rows, labels, title, player)  # type: ignore[arg-type]

    @property
    def players(self) -> tuple[str, ...]:
        return tuple(f"{self.player} {i}" for i in range(1, self.size + 1))

    @property
    def gains(self) -> tuple[Any, ...]:
        """:math:`u(a_0, k) - u(a_1, k)`, the gain from the first action when ``k`` others take it."""
        return tuple(x - y for x, y in zip(*self.payoffs, strict=True))

    @property
    def free_symbols(self) -> frozenset[sympy.Symbol]:
        return free_symbols([e for row in self.payoffs for e in row])

    @property
    def is_numeric(self) -> bool:
        return not self.free_symbols

    def require_numeric(self) -> None:
        require_no_symbols(self.free_symbols)

    def subs(self, values: Mapping[Any, Any] | None = None, *, floats: bool = False) -> AnonymousGame:
        """The same game with parameter ``values`` substituted."""
        table = resolve_symbols(self.free_symbols, values)
        rows = tuple(tuple(substitute(e, table, floats) for e in row) for row in self.payoffs)
        return AnonymousGame(self.size, self.actions, rows, self.outcomes, self.title, self.player)  # type: ignore[arg-type]

    def to_normal_form(self) -> NormalFormGame:
        """The :math:`2^N`-cell normal form (at most :data:`MAX_NORMAL_FORM` players)."""
        n = self.size
        if n > MAX_NORMAL_FORM:
            raise TooLargeError("size", f"the normal form of {n} players has 2^{n} cells",
                                [f"at most {MAX_NORMAL_FORM} players", "the anonymous game itself"], chunkable=False)
        first = self.actions[0]
        table = {}
        for profile in itertools.product(self.actions, repeat=n):
            on_first = profile.count(first)
            table[profile] = [self.payoffs[self.actions.index(a)][on_first - (a == first)] for a in profile]
        return NormalFormGame.from_profiles(self.players, [self.actions] * n, table, title=self.title)

    def __repr__(self) -> str:
        return f"<AnonymousGame {self.title!r}: {self.size} players, actions {', '.join(self.actions)}>"
