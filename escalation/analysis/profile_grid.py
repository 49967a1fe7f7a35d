r"""A behaviour profile evaluated on a whole parameter grid: reach, outcome probabilities, expected payoffs.

For a tree with information sets, a behaviour profile :math:`b` gives every
action :math:`a` at every information set :math:`h` a probability
:math:`b_h(a)`.  The probability of reaching a node is the product of the
move probabilities on its path,

.. math::  \rho(\text{root}) = 1, \qquad
           \rho(\text{child}(v, a)) = \rho(v)\,
           \begin{cases} b_{h(v)}(a) & v \text{ a decision node} \\ \pi_v(a) & v \text{ a chance node,}\end{cases}

the probability of an outcome label is the sum of :math:`\rho` over its
leaves, and player :math:`i`'s expected payoff is
:math:`\sum_{\text{leaves } z} \rho(z)\,u_i(z)`.  Here every :math:`b_h(a)`,
:math:`\pi_v(a)` and :math:`u_i(z)` is a numpy array over the grid (or a
number), so one top-down pass evaluates the profile at every point at once.
Payoffs and chance probabilities of the symbolic tree are lambdified once.

>>> import sympy
>>> from escalation.games import ExtensiveFormGame, chance, decision, outcome
>>> p, w = sympy.symbols("p w")
>>> game = ExtensiveFormGame(("A", "B"), chance({
...     "Hard": (p, decision("A", {"Fight": outcome("war", (w, -1)), "Yield": outcome("peace", (0, 1))}, infoset="A")),
...     "Soft": (1 - p, decision("A", {"Fight": outcome("war", (-1, -1)), "Yield": outcome("peace", (0, 1))},
...                              infoset="A")),
... }))
>>> grid = ProfileGrid(game)
>>> values = {"p": np.array([0.25, 0.5]), "w": np.array([2.0, 2.0])}
>>> result = grid.evaluate({"A": {"Fight": np.array([1.0, 0.5]), "Yield": np.array([0.0, 0.5])}}, values)
>>> result.outcome_probabilities["war"]
array([1. , 0.5])
>>> result.payoffs["A"]          # 0.25 * 2 + 0.75 * (-1), then half of 0.5 * 2 + 0.5 * (-1)
array([-0.25,  0.25])
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import GameStructureError, ParameterError
from ..games import play
from ..games.tree import CHANCE, TERMINAL, ExtensiveFormGame, NodeInfo
from .grid_functions import on_grid

__all__ = ["ProfileGrid", "ProfileValues"]


@dataclass(frozen=True)
class ProfileValues:
    """A profile's consequences at every grid point (arrays broadcast to the grid's shape)."""

    outcome_probabilities: dict[str, np.ndarray]
    payoffs: dict[str, np.ndarray]


class ProfileGrid:
    """A tree prepared for evaluating behaviour profiles on parameter grids (lambdified once per value of the
    parameters that bound sums, see :mod:`.grid_functions`)."""

    def __init__(self, game: ExtensiveFormGame) -> None:
        self.game = game
        self.symbols = symbols = sorted(game.free_symbols, key=lambda s: s.name)
        self.parameters = tuple(s.name for s in symbols)
        leaves = [n for n in game.nodes if n.kind == TERMINAL]
        self.labels = tuple(dict.fromkeys(n.outcome or n.path for n in leaves))
        self._payoffs = [u for n in leaves for u in n.payoffs]
        self._chance = [p for n in game.nodes if n.kind == CHANCE for p in n.probabilities]
        self.choices = tuple((h, a) for h, info in game.infosets.items() for a in info.actions)

    def evaluate(self, behaviour: Mapping[str, Mapping[str, Any]], values: Mapping[str, Any]) -> ProfileValues:
        """Outcome probabilities and expected payoffs of ``behaviour`` at the broadcast grid of ``values``."""
        args = self._arguments(values)
        shape = np.broadcast_shapes(*(np.shape(a) for a in args.values()),
                                    *(np.shape(p) for acts in behaviour.values() for p in acts.values()))
        reach = self._reach(behaviour, args)
        players = self.game.players
        payoff_rows = iter(on_grid(self._payoffs, args, self.symbols))
        outcomes = {label: np.zeros(shape) for label in self.labels}
        payoffs = {p: np.zeros(shape) for p in players}
        for node in self.game.nodes:
            if node.kind != TERMINAL:
                continue
            rho = reach[node.index]
            outcomes[node.outcome or node.path] += rho
            for p in players:
                payoffs[p] += rho * next(payoff_rows)
        return ProfileValues(outcomes, payoffs)

    def _arguments(self, values: Mapping[str, Any]) -> dict[str, Any]:
        missing = [n for n in self.parameters if n not in values]
        if missing:
            raise ParameterError(", ".join(missing), "has no value on the grid")
        return {n: np.asarray(values[n], dtype=float) for n in self.parameters}

    def _reach(self, behaviour: Mapping[str, Mapping[str, Any]], args: Mapping[str, Any]) -> list[Any]:
        """Reach probability of every node, top-down, with :func:`escalation.games.play.reach`."""
        chance_values = iter(on_grid(self._chance, args, self.symbols))
        chance = {node.index: [next(chance_values) for _ in node.children]
                  for node in self.game.nodes if node.kind == CHANCE}

        def moves(node: NodeInfo) -> list[Any]:
            if node.kind == CHANCE:
                return chance[node.index]
            assert node.infoset is not None  # a decision node
            given = behaviour.get(node.infoset)
            if given is None:
                raise GameStructureError(node.infoset, "the profile gives no probabilities at this "
                                                       "information set")
            return [given.get(action, 0.0) for action in node.actions]

        return play.reach(self.game, moves, 1.0)
