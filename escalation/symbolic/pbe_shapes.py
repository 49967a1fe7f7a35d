r"""The shape of a perfect Bayesian equilibrium, and how its information sets are read.

A *shape* fixes, at every information set :math:`h`, the *support*
:math:`S_h` of the behaviour there (the actions played with positive
probability).  A pure shape is a pure profile; a mixed one leaves the
probabilities at its mixed sets to be solved from indifference.  Given a
shape, every information set of player :math:`i` is one of two kinds:

* **determined** when some node :math:`n \in h` is reached with positive
  probability by the moves of nature and of the *other* players,
  :math:`\rho_{-i}(n) > 0` (every such move lies in its support).  The belief
  there is Bayes' rule on :math:`\rho_{-i}`; this covers the sets on the path
  and those a player reaches only after a move of its own that it does not
  make.  A set with a single node is determined too (its belief is certain);
* an **observer** set otherwise: every node is reached only after another
  player's move of probability zero (a *deviation*), so the belief is set by
  the off-path rule.

A shape is *readable* (its conditions can be written down without a search
over beliefs) when each observer set answers one deviation by one player,
each of its nodes follows exactly one such move, it has no later observer
set of its own below, and at most one observer set mixes, between two
actions (its mixture is then a free parameter of the shape); otherwise
:attr:`Layout.unreadable` says why and such a shape is left to the exact
solver.

>>> from escalation.games import ExtensiveFormGame, chance, decision, outcome
>>> def sender(kind, u):
...     reply = lambda base: decision("Receiver", {"Yield": outcome("yield", (base + 2, 0)),
...                                                "Fight": outcome("fight", (base, -1 if kind == "strong" else 1))},
...                                   infoset=f"after {base}")
...     return decision("Sender", {"Quiet": outcome("quiet", (u, 0)), "Loud": reply(1)}, infoset=kind)
>>> game = ExtensiveFormGame(("Sender", "Receiver"), chance({"strong": ("1/2", sender("strong", 2)),
...                                                          "weak": ("1/2", sender("weak", 2))}))
>>> pooling_quiet = Shape.of({"strong": {"Quiet": 1, "Loud": 0}, "weak": {"Quiet": 1, "Loud": 0},
...                           "after 1": {"Yield": 0, "Fight": 1}})
>>> layout = Layout.of(game, pooling_quiet)
>>> layout.determined, [o.infoset for o in layout.observers], layout.unreadable
(('strong', 'weak'), ['after 1'], None)
>>> layout.observers[0].deviations
(('strong', 'Loud'), ('weak', 'Loud'))
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..games.tree import ExtensiveFormGame

__all__ = ["Layout", "Observer", "Shape"]


@dataclass(frozen=True)
class Shape:
    """The supports of a behaviour profile: ``support`` pairs every information set with its played actions."""

    support: tuple[tuple[str, tuple[str, ...]], ...]

    @classmethod
    def of(cls, behaviour: Mapping[str, Mapping[str, Any]]) -> Shape:
        """The shape of ``behaviour`` ({information set: {action: probability}}), sets in sorted order."""
        return cls(tuple((h, tuple(a for a, p in acts.items() if p != 0)) for h, acts in sorted(behaviour.items())))

    def actions(self, infoset: str) -> tuple[str, ...]:
        """The actions played at ``infoset``."""
        return dict(self.support)[infoset]

    @property
    def mixed(self) -> tuple[str, ...]:
        """The information sets with more than one action played."""
        return tuple(h for h, acts in self.support if len(acts) > 1)


@dataclass(frozen=True)
class Observer:
    """An observer set: who deviated, and the deviation (deviator's set, action) before each of its nodes."""

    infoset: str
    deviator: int
    deviations: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Layout:
    """A shape's information sets, read as determined or observer sets (see the module docstring)."""

    shape: Shape
    determined: tuple[str, ...]
    observers: tuple[Observer, ...]
    unreadable: str | None

    @classmethod
    def of(cls, game: ExtensiveFormGame, shape: Shape) -> Layout:
        """Classify every information set of ``game`` under ``shape``."""
        support = dict(shape.support)
        owner = {h: info.player for h, info in game.infosets.items()}
        determined, observers, problems = [], [], []
        for h, info in game.infosets.items():
            zero = [[(g, a) for g, a in game.nodes[n].history if owner[g] != info.player and a not in support[g]]
                    for n in info.nodes]
            if any(not z for z in zero) or len(info.nodes) == 1:   # Bayes' rule, or a belief that is certain
                determined.append(h)
                continue
            observer, problem = _observer(h, zero, owner)
            if problem is None and len(support[h]) > 1 and len(info.actions) > 2:
                problem = f"the observer at {h!r} mixes over more than two actions"
            observers.append(observer)
            if problem:
                problems.append(problem)
        problems.extend(_chains(game, observers))
        mixing = [o.infoset for o in observers if len(support[o.infoset]) > 1]
        if len(mixing) > 1:
            problems.append(f"several observers mix ({', '.join(map(repr, mixing))})")
        return cls(shape, tuple(determined), tuple(observers), problems[0] if problems else None)

    @property
    def mixing_observer(self) -> str | None:
        """The observer set that mixes (a readable shape has at most one, with two actions), or None."""
        support = dict(self.shape.support)
        return next((o.infoset for o in self.observers if len(support[o.infoset]) > 1), None)

    def reached(self, game: ExtensiveFormGame) -> frozenset[str]:
        """The information sets reached with positive probability under the shape (chance moves positive)."""
        support = dict(self.shape.support)
        return frozenset(h for h, info in game.infosets.items()
                         if any(all(a in support[g] for g, a in game.nodes[n].history) for n in info.nodes))


def _observer(h: str, zero: list[list[tuple[str, str]]], owner: Mapping[str, int]) -> tuple[Observer, str | None]:
    """The observer record of set ``h`` from the zero-probability moves before each of its nodes."""
    firsts = tuple(z[0] for z in zero)
    deviators = {owner[g] for g, _ in firsts}
    observer = Observer(h, min(deviators), firsts)
    if any(len(z) > 1 for z in zero):
        return observer, f"a node of {h!r} follows several moves of probability zero"
    if len(deviators) > 1:
        return observer, f"{h!r} answers deviations by several players"
    if len({g for g, _ in firsts}) < len(firsts):
        return observer, f"two nodes of {h!r} follow the same deviating type"
    return observer, None


def _chains(game: ExtensiveFormGame, observers: list[Observer]) -> list[str]:
    """A problem for each observer set that lies below another observer set of the same player."""
    sets = {o.infoset for o in observers}
    owner = {h: info.player for h, info in game.infosets.items()}
    problems = []
    for o in observers:
        above = {g for n in game.infosets[o.infoset].nodes for g, _ in game.nodes[n].history}
        if any(g in sets and owner[g] == owner[o.infoset] for g in above):
            problems.append(f"{o.infoset!r} lies below another off-path set of the same player")
    return problems
