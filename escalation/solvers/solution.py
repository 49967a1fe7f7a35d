r"""Frozen records of equilibria and of how they were computed.

A :class:`Solution` is one equilibrium: the strategies, the outcome distribution
(for trees), each player's expected payoff, beliefs where the concept has them,
and a :class:`Computation` saying how it was found.  A solver returns an
:class:`Equilibria` record: the sequence of solutions plus what is true of the
whole set (degenerate game, knife-edge ties).

Strategies are nested mappings.  In a normal form,
``strategies[player][strategy] = probability``; in a tree,
``strategies[player][information set][action] = probability``.

>>> from escalation.solvers.solution import Computation, Solution
>>> s = Solution(
...     players=("Row", "Column"),
...     strategies={"Row": {"U": "1/2", "D": "1/2"}, "Column": {"L": 1, "R": 0}},
...     payoffs={"Row": "3/2", "Column": 2},
...     computation=Computation(method="example", refinement="Nash"),
... )
>>> s.to_dict()["strategies"]["Row"]
{'U': '1/2', 'D': '1/2'}
>>> s.support("Row")
('U', 'D')
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import sympy

from .._version import __version__
from ..numbers import exact, exact_str

__all__ = ["Computation", "Equilibria", "ExactView", "Solution"]


class ExactView(Mapping):
    """A read-only mapping whose entries are made on demand and are already exact (sympy numbers or views).

    Solvers on large trees return their strategies as such views (see
    :mod:`~escalation.solvers.tree_views`); a :class:`Solution` keeps them as
    they are instead of copying every entry.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({dict(self.items())!r})"


def _freeze(value: Any) -> Any:
    """Nested mappings become read-only, leaves exact sympy numbers."""
    if isinstance(value, ExactView):
        return value
    if isinstance(value, Mapping):
        return MappingProxyType({k: _freeze(v) for k, v in value.items()})
    return exact(value)


def _plain(value: Any) -> Any:
    """Nested mappings as dicts of exact strings, for JSON."""
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    return exact_str(value)


@dataclass(frozen=True)
class Computation:
    """How an equilibrium was computed.

    Attributes
    ----------
    method : str
        The algorithm, e.g. ``"backward induction"`` or ``"vertex enumeration"``.
    refinement : str
        The solution concept: ``"Nash"``, ``"subgame perfect"``, ``"perfect Bayesian"``.
    exact : bool
        True when computed and verified in exact rational arithmetic.
    tolerance : str or None
        Numerical tolerance of a floating-point step, if one was used.
    verified : bool
        True once an exact check found no profitable deviation.
    notes : tuple of str
        Anything a reader should know (ties, arbitrary choices off the path).
    version : str
        The package version that computed it.
    options : mapping
        The solver's options as given (e.g. ``{"offpath": "D1"}``).
    """

    method: str
    refinement: str
    exact: bool = True
    tolerance: str | None = None
    verified: bool = False
    notes: tuple[str, ...] = ()
    version: str = __version__
    options: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Solution:
    """One equilibrium, with exact probabilities and payoffs."""

    players: tuple[str, ...]
    strategies: Mapping[str, Mapping[str, Any]]
    payoffs: Mapping[str, Any]
    computation: Computation
    outcomes: Mapping[str, Any] | None = None
    beliefs: Mapping[str, Mapping[str, Any]] | None = None
    name: str | None = None
    belief_sets: Mapping[str, tuple[Mapping[str, Any], ...]] | None = None
    """Off-path information sets whose supporting beliefs are not unique: the extreme points of that set."""
    alternatives: Mapping[str, tuple[Mapping[str, Mapping[str, Any]], ...]] | None = None
    """For each deviation nobody makes (described in words): the behaviour after it in every admissible
    continuation, the first being the one in ``strategies``; each gives an equilibrium."""
    alternative_beliefs: Mapping[str, tuple[Mapping[str, Mapping[str, Any]], ...]] | None = None
    """For each deviation in ``alternatives``, one entry per continuation: beliefs at its information sets with
    several nodes that, with ``beliefs`` elsewhere, make it an equilibrium (verified exactly)."""
    distribution: Mapping[tuple[str, ...], Any] | None = None
    """For a correlated equilibrium: the probability of each pure profile (strategy labels in player order);
    ``strategies`` then holds each player's marginal."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "players", tuple(self.players))
        object.__setattr__(self, "strategies", _freeze(self.strategies))
        object.__setattr__(self, "payoffs", _freeze(self.payoffs))
        if self.outcomes is not None:
            object.__setattr__(self, "outcomes", _freeze(self.outcomes))
        if self.beliefs is not None:
            object.__setattr__(self, "beliefs", _freeze(self.beliefs))
        if self.belief_sets is not None:
            object.__setattr__(self, "belief_sets", MappingProxyType(
                {h: tuple(_freeze(b) for b in extremes) for h, extremes in self.belief_sets.items()}))
        if self.alternatives is not None:
            object.__setattr__(self, "alternatives", MappingProxyType(
                {d: tuple(_freeze(b) for b in options) for d, options in self.alternatives.items()}))
        if self.alternative_beliefs is not None:
            object.__setattr__(self, "alternative_beliefs", MappingProxyType(
                {d: tuple(_freeze(b) for b in options) for d, options in self.alternative_beliefs.items()}))
        if self.distribution is not None:
            object.__setattr__(self, "distribution", MappingProxyType(
                {tuple(profile): exact(p) for profile, p in self.distribution.items()}))

    @property
    def behaviour(self) -> dict[str, Mapping[str, sympy.Expr]]:
        """For a tree: ``{information set: {action: probability}}`` over all players."""
        return {h: acts for per_player in self.strategies.values() for h, acts in per_player.items()}

    def support(self, player: str) -> tuple[str, ...]:
        """Strategies (normal form) played with positive probability by ``player``."""
        return tuple(s for s, p in self.strategies[player].items() if not isinstance(p, Mapping) and p != 0)

    @property
    def is_pure(self) -> bool:
        def leaves(v):
            return [x for w in v.values() for x in leaves(w)] if isinstance(v, Mapping) else [v]

        return all(p in (0, 1) for p in leaves(self.strategies))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; numbers as exact strings such as ``"1/3"``."""
        out: dict[str, Any] = {}
        if self.name:
            out["name"] = self.name
        out["strategies"] = _plain(self.strategies)
        if self.outcomes is not None:
            out["outcomes"] = _plain(self.outcomes)
        out["payoffs"] = _plain(self.payoffs)
        if self.beliefs is not None:
            out["beliefs"] = _plain(self.beliefs)
        if self.belief_sets is not None:
            out["belief_sets"] = {h: [_plain(b) for b in extremes] for h, extremes in self.belief_sets.items()}
        if self.alternatives is not None:
            out["alternatives"] = {d: [_plain(b) for b in options] for d, options in self.alternatives.items()}
        if self.distribution is not None:
            out["distribution"] = [{"profile": list(profile), "probability": exact_str(p)}
                                   for profile, p in self.distribution.items()]
        return out


@dataclass(frozen=True)
class Equilibria(Sequence[Solution]):
    """What a solver found: the equilibria and what holds for the set as a whole.

    Attributes
    ----------
    solutions : tuple of Solution
    method, refinement : str
        As in :class:`Computation`.
    degenerate : bool
        The game is degenerate (some mixed strategy has more pure best
        responses than the size of its support): equilibria may come in
        continua, and ``solutions`` lists the extreme ones.
    knife_edge : tuple of str
        Where a player is indifferent between actions that lead to different
        outcomes: every equilibrium is listed, none picked silently.
    notes : tuple of str
    options : mapping
        The solver's options as given (e.g. ``{"offpath": "D1", "max_mixed_infosets": None}``).
    complete : bool
        True when the search was exhaustive (every equilibrium of the concept is listed).
    """

    solutions: tuple[Solution, ...]
    method: str
    refinement: str
    degenerate: bool = False
    knife_edge: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    exact: bool = True
    version: str = field(default=__version__)
    options: Mapping[str, Any] = field(default_factory=dict)
    complete: bool = True
    count: int | None = None  # type: ignore[assignment]  # shadows Sequence.count on purpose (a field, not the method)
    """How many equilibria the solutions stand for, where some differ only after deviations nobody makes."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "solutions", tuple(self.solutions))

    def __getitem__(self, index):  # type: ignore[override]
        return self.solutions[index]

    def __len__(self) -> int:
        return len(self.solutions)

    def __iter__(self) -> Iterator[Solution]:
        return iter(self.solutions)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of the whole result (see the README for the schema)."""
        return {
            "method": self.method,
            "refinement": self.refinement,
            "exact": self.exact,
            "degenerate": self.degenerate,
            "knife_edge": list(self.knife_edge),
            "notes": list(self.notes),
            "options": {k: (v if isinstance(v, (str, int, float, bool)) or v is None else str(v))
                        for k, v in self.options.items()},
            "complete": self.complete,
            "count": self.count,
            "version": self.version,
            "equilibria": [s.to_dict() for s in self.solutions],
        }
