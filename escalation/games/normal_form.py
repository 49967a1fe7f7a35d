r"""Normal-form (strategic) games with N players and labelled strategies.

A normal-form game assigns to every pure-strategy profile
:math:`s = (s_1, \dots, s_N) \in S_1 \times \dots \times S_N` a payoff
:math:`u_i(s)` for each player :math:`i`.  Entries are exact sympy numbers or
expressions in named parameters.

>>> from escalation.games import NormalFormGame
>>> chicken = NormalFormGame.from_matrices(
...     [[0, -1], [1, -10]], [[0, 1], [-1, -10]],
...     players=("USA", "Russia"), strategies=(("Swerve", "Straight"),) * 2,
... )
>>> chicken.payoff(("Straight", "Swerve"))
(1, -1)
>>> chicken.shape
(2, 2)
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sympy

from ..errors import GameStructureError, PayoffError
from ..numbers import as_fraction
from ._payoffs import free_symbols, payoff_entry, require_no_symbols, resolve_symbols, substitute, unique_labels

__all__ = ["NormalFormGame"]


def _frozen(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array


@dataclass(frozen=True, eq=False)
class NormalFormGame:
    """An immutable N-player normal-form game.

    Parameters
    ----------
    players : sequence of str
        Player names, in order.
    strategies : sequence of sequences of str
        Each player's pure-strategy labels.
    payoffs : sequence of array-likes
        One array per player, of shape ``tuple(len(s) for s in strategies)``;
        entries are numbers, strings such as ``"1/3"`` or sympy expressions.
    title : str
        A name for the game.
    plans : mapping, optional
        For a strategic form derived from a tree: ``plans[player][strategy]``
        is the ``{information set: action}`` plan the strategy stands for.
    """

    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    payoffs: tuple[np.ndarray, ...]
    title: str = ""
    plans: Mapping[str, Mapping[str, Mapping[str, str]]] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        players = unique_labels(self.players, "player", "game")
        if not players:
            raise GameStructureError("game", "a game needs at least one player")
        strategies = tuple(
            unique_labels(s, "strategy", f"player {p!r}") for p, s in zip(players, self.strategies, strict=False)
        )
        if len(strategies) != len(players) or len(tuple(self.strategies)) != len(players):
            raise GameStructureError("game", f"{len(players)} players but {len(tuple(self.strategies))} strategy lists")
        for p, s in zip(players, strategies, strict=True):
            if not s:
                raise GameStructureError(f"player {p!r}", "has no strategies")
        shape = tuple(len(s) for s in strategies)
        if len(tuple(self.payoffs)) != len(players):
            raise PayoffError("game", f"{len(players)} players but {len(tuple(self.payoffs))} payoff arrays")
        arrays = tuple(self._payoff_array(a, p, shape, strategies) for p, a in zip(players, self.payoffs, strict=True))
        object.__setattr__(self, "players", players)
        object.__setattr__(self, "strategies", strategies)
        object.__setattr__(self, "payoffs", arrays)

    @staticmethod
    def _payoff_array(values: Any, player: str, shape: tuple[int, ...], strategies) -> np.ndarray:
        raw = np.asarray(values, dtype=object)
        if raw.shape != shape:
            raise PayoffError(f"payoffs of {player!r}", f"shape {raw.shape} does not match strategies {shape}")
        out = np.empty(shape, dtype=object)
        for index in np.ndindex(*shape) if shape else [()]:
            where = f"payoff of {player!r} at ({', '.join(s[i] for s, i in zip(strategies, index, strict=True))})"
            out[index] = payoff_entry(raw[index], where)
        return _frozen(out)

    # -- construction helpers ------------------------------------------------------------
    @classmethod
    def from_matrices(
        cls,
        row: Any,
        column: Any,
        *,
        players: Sequence[str] = ("Row", "Column"),
        strategies: Sequence[Sequence[str]] | None = None,
        title: str = "",
    ) -> NormalFormGame:
        """A two-player game from the row player's and the column player's matrices."""
        shape = np.asarray(row, dtype=object).shape
        if len(shape) != 2:
            raise PayoffError("row matrix", f"must be two-dimensional, got shape {shape}")
        if strategies is None:
            strategies = (
                tuple(f"r{i + 1}" for i in range(shape[0])),
                tuple(f"c{j + 1}" for j in range(shape[1])),
            )
        return cls(tuple(players), tuple(map(tuple, strategies)), (row, column), title)

    @classmethod
    def from_profiles(
        cls,
        players: Sequence[str],
        strategies: Sequence[Sequence[str]],
        table: Mapping[tuple[str, ...], Sequence[Any]],
        title: str = "",
    ) -> NormalFormGame:
        """A game from ``{(s_1, ..., s_N): (u_1, ..., u_N)}``; every profile must be listed."""
        names = tuple(tuple(s) for s in strategies)
        shape = tuple(len(s) for s in names)
        arrays = [np.empty(shape, dtype=object) for _ in players]
        for index in np.ndindex(*shape):
            profile = tuple(s[i] for s, i in zip(names, index, strict=True))
            if profile not in table:
                raise PayoffError(f"profile {profile}", "has no payoffs in the table")
            entry = tuple(table[profile])
            if len(entry) != len(players):
                raise PayoffError(f"profile {profile}", f"needs {len(players)} payoffs, got {len(entry)}")
            for a, value in zip(arrays, entry, strict=True):
                a[index] = value
        extra = set(table) - {
            tuple(s[i] for s, i in zip(names, idx, strict=True)) for idx in np.ndindex(*shape)
        }
        if extra:
            raise GameStructureError(f"profile {sorted(extra)[0]}", "names a strategy the game does not have")
        return cls(tuple(players), names, tuple(arrays), title)

    # -- reading ---------------------------------------------------------------------------
    @property
    def shape(self) -> tuple[int, ...]:
        """Number of pure strategies of each player."""
        return tuple(len(s) for s in self.strategies)

    @property
    def num_players(self) -> int:
        return len(self.players)

    def profiles(self) -> Iterator[tuple[int, ...]]:
        """All pure-strategy profiles as index tuples, the last player's index varying fastest."""
        return itertools.product(*(range(n) for n in self.shape))

    def strategy_index(self, player: int | str, strategy: str) -> int:
        """Position of ``strategy`` among ``player``'s strategies."""
        i = self.player_index(player)
        try:
            return self.strategies[i].index(strategy)
        except ValueError:
            raise GameStructureError(f"player {self.players[i]!r}", f"has no strategy {strategy!r}") from None

    def player_index(self, player: int | str) -> int:
        if isinstance(player, int):
            if not 0 <= player < self.num_players:
                raise GameStructureError("game", f"no player number {player}")
            return player
        try:
            return self.players.index(player)
        except ValueError:
            raise GameStructureError("game", f"no player {player!r}") from None

    def payoff(self, profile: Sequence[str | int]) -> tuple[sympy.Expr, ...]:
        """Payoffs at a pure profile given by labels or indices."""
        index = tuple(
            s if isinstance(s, int) else self.strategy_index(i, s) for i, s in enumerate(profile)
        )
        return tuple(a[index] for a in self.payoffs)

    @property
    def free_symbols(self) -> frozenset[sympy.Symbol]:
        """Parameters the payoffs still depend on."""
        return free_symbols([e for a in self.payoffs for e in a.flat])

    @property
    def is_numeric(self) -> bool:
        return not self.free_symbols

    def subs(self, values: Mapping[Any, Any] | None = None, *, floats: bool = False) -> NormalFormGame:
        """The same game with parameter ``values`` substituted (exact unless ``floats``).

        Names that are not parameters of the game raise
        :class:`~escalation.errors.ParameterError`.
        """
        table = resolve_symbols(self.free_symbols, values)
        arrays = []
        for a in self.payoffs:
            out = np.empty(a.shape, dtype=object)
            for index in np.ndindex(*a.shape):
                out[index] = substitute(a[index], table, floats)
            arrays.append(out)
        return NormalFormGame(self.players, self.strategies, tuple(arrays), self.title, self.plans)

    def fraction_arrays(self) -> tuple[np.ndarray, ...]:
        """Payoff arrays of :class:`fractions.Fraction` (exact, fast); the game must be numeric."""
        self.require_numeric()
        return tuple(np.vectorize(as_fraction, otypes=[object])(a) for a in self.payoffs)

    def float_arrays(self) -> tuple[np.ndarray, ...]:
        """Payoff arrays as float64; the game must be numeric."""
        self.require_numeric()
        return tuple(np.asarray(a, dtype=float) for a in self.payoffs)

    def require_numeric(self) -> None:
        require_no_symbols(self.free_symbols)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NormalFormGame):
            return NotImplemented
        return (
            self.players == other.players
            and self.strategies == other.strategies
            and all(
                sympy.simplify(x - y) == 0
                for a, b in zip(self.payoffs, other.payoffs, strict=True)
                for x, y in zip(a.flat, b.flat, strict=True)
            )
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        dims = "x".join(map(str, self.shape))
        return f"<NormalFormGame {self.title!r}: {dims}, players {', '.join(self.players)}>"
