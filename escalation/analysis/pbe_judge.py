r"""Whether an equilibrium shape holds at each point of a grid: its conditions judged with a margin.

A strict inequality :math:`g > 0` of :mod:`escalation.symbolic.pbe_conditions`
holds at a point when :math:`g > \tau`, fails when :math:`g < -\tau` and is
undecided in between, with :math:`\tau = 10^{-9} \max(1, \max|u|)` (the
largest payoff at the point); a belief interval must be longer than
:math:`10^{-9}`.  A mixing observer's mixture :math:`y` enters the conditions
affinely, so they are judged at :math:`y = 0` and :math:`y = 1` and some
:math:`y` between must satisfy all.  Under D1 and the intuitive criterion
:mod:`.pbe_refinements` decides the observers' beliefs.  A shape whose
conditions cannot be written is judged only where it fails anyway (a played
action beaten whatever follows).  Used by :mod:`.pbe_grid`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy

from ..games import play
from ..games.records import NodeInfo
from ..games.tree import CHANCE, TERMINAL, ExtensiveFormGame
from ..symbolic.pbe_conditions import BeliefTest, Conditions, Numbers, child, conditions, moves_of, without_own
from ..symbolic.pbe_shapes import Layout, Shape
from .grid_functions import on_grid
from .pbe_refinements import Bounds, refined

__all__ = ["RTOL", "Candidate", "GridNumbers", "pure_profile", "status"]

RTOL = 1e-9


@dataclass(frozen=True)
class Candidate:
    """A shape with one solution of its indifference equations: its behaviour (sympy) and names."""

    layout: Layout
    behaviour: Mapping[str, Mapping[str, sympy.Expr]]
    label: str      # the solver's descriptive label (it orders the solver's equilibria)
    name: str       # the model's name for it (the label where the model has none)
    play: tuple     # the supports at the sets reached: equal plays are one equilibrium of the solver
    rank: tuple = ()  # the first played action's index at each set, in the game's order


def status(game: ExtensiveFormGame, c: Candidate, numbers, rule: str, shape) -> tuple[np.ndarray, np.ndarray]:
    """Where candidate ``c`` holds, and where it is undecided, on the grid.

    With a mixing observer the conditions are affine in its mixture :math:`y`: they are evaluated at
    :math:`y = 0` and :math:`y = 1`, and some :math:`y` strictly between must satisfy them all."""
    never = np.zeros(shape, dtype=bool), np.ones(shape, dtype=bool)
    if c.layout.unreadable is not None or _observer_below_mixing(game, c.layout):
        return never if not c.behaviour else (never[0], ~_fails_surely(game, c, numbers, shape))
    if not c.behaviour:
        return never
    mix = c.layout.mixing_observer
    behaviour = {h: {a: numbers.evaluate(p) for a, p in acts.items()} for h, acts in c.behaviour.items() if h != mix}
    if mix is None:
        found = conditions(game, c.layout, behaviour, numbers.as_numbers(), rule)
        if found.problem is not None:
            return never
        holds, fails = _judge(found, numbers.tolerance, shape)
    else:
        a, b = c.layout.shape.actions(mix)
        ends = [conditions(game, c.layout, {**behaviour, mix: {a: y, b: 1 - y}}, numbers.as_numbers(), rule)
                for y in (0.0, 1.0)]
        if any(f.problem is not None for f in ends):
            return never
        holds, fails = _judge(dataclasses.replace(ends[0], positive=[]), numbers.tolerance, shape)
        rows = tuple((g1, g0) for (_, g0), (_, g1) in zip(ends[0].positive, ends[1].positive, strict=True))
        h, f = _belief(BeliefTest(mix, rows), numbers.tolerance, shape) if rows else (holds, fails)
        holds, fails = holds & h, fails | f
        behaviour = {**behaviour, mix: {a: 0.0, b: 1.0}}
    if rule in ("D1", "intuitive") and c.layout.observers:
        passes, unsure = refined(game, c.layout, behaviour, numbers, shape, rule)
        return holds & passes & ~unsure, ~holds & ~fails | holds & unsure
    return holds, ~holds & ~fails


def pure_profile(game: ExtensiveFormGame, shape: Shape) -> dict:
    """The shape's profile where it is pure, NaN at its mixed sets (a shape that cannot be read)."""
    def probability(a: str, played: tuple[str, ...]) -> sympy.Expr:
        if a not in played:
            return sympy.Integer(0)
        return sympy.Integer(1) if len(played) == 1 else sympy.nan
    return {h: {a: probability(a, played) for a in game.infosets[h].actions} for h, played in shape.support}


def _fails_surely(game: ExtensiveFormGame, c: Candidate, numbers, shape) -> np.ndarray:
    r"""Where a shape that cannot be read fails anyway: at a determined set with one played action, that action
    is worse than another whatever anybody does below (payoff bounds over undominated play, :class:`Bounds`).
    Mixed sets' probabilities are NaN, so a set whose belief depends on them is never judged."""
    bounds = Bounds(game, numbers, shape)
    behaviour = {h: {a: float(p) for a, p in acts.items()} for h, acts in c.behaviour.items()}
    moves = moves_of(behaviour, numbers.as_numbers())
    out = np.zeros(shape, dtype=bool)
    for h in c.layout.determined:
        info = game.infosets[h]
        i = info.player
        rho = play.reach(game, without_own(moves, i, {}), 1.0)
        if len(c.layout.shape.actions(h)) > 1:
            continue
        (a,) = c.layout.shape.actions(h)
        best = sum(rho[n] * bounds.hi(child(game, n, a))[i] for n in info.nodes if rho[n] is not None)
        for b in info.actions:
            if b != a:
                worst = sum(rho[n] * bounds.lo(child(game, n, b))[i] for n in info.nodes if rho[n] is not None)
                out |= np.asarray(worst - best, dtype=float) > numbers.tolerance
    return out


def _observer_below_mixing(game: ExtensiveFormGame, layout: Layout) -> bool:
    """Whether another observer set lies below the mixing observer (the conditions would not be affine)."""
    mix = layout.mixing_observer
    if mix is None:
        return False
    return any(mix in {g for n in game.infosets[o.infoset].nodes for g, _ in game.nodes[n].history}
               for o in layout.observers if o.infoset != mix)


def _judge(found: Conditions, tol: np.ndarray, shape) -> tuple[np.ndarray, np.ndarray]:
    holds, fails = np.ones(shape, dtype=bool), np.zeros(shape, dtype=bool)
    for _, g in found.positive:
        g = np.asarray(g, dtype=float)
        holds &= g > tol
        fails |= g < -tol
    for test in found.beliefs:
        h, f = _belief(test, tol, shape)
        holds &= h
        fails |= f
    for test in found.indifferent:       # some belief with gains of both signs across the nodes
        row = np.stack([np.broadcast_to(np.asarray(d, dtype=float), shape) for d in test.rows[0]])
        low, high = row.min(axis=0), row.max(axis=0)
        holds &= (low < -tol) & (high > tol)
        fails |= (low > tol) | (high < -tol)
    for _, g in found.zero:              # a knife edge at best
        g = np.asarray(g, dtype=float)
        holds &= False
        fails |= np.abs(g) > tol
    return holds, fails


def _belief(test: BeliefTest, tol: np.ndarray, shape) -> tuple[np.ndarray, np.ndarray]:
    """Whether some belief makes the observer's action best (see :class:`BeliefTest`): decided by a margin."""
    rows = [[np.broadcast_to(np.asarray(d, dtype=float), shape) for d in row] for row in test.rows]
    if len(rows) == 1:
        best = np.max(np.stack(rows[0]), axis=0)
        return best > tol, best < -tol
    lo, hi = np.zeros(shape), np.ones(shape)
    unsure, infeasible = np.zeros(shape, dtype=bool), np.zeros(shape, dtype=bool)
    for d1, d2 in rows:        # m * (d1 - d2) + d2 >= 0 on [0, 1]
        slope = d1 - d2
        flat = np.abs(slope) <= tol
        with np.errstate(divide="ignore", invalid="ignore"):
            root = np.where(flat, 0.0, -d2 / np.where(flat, 1.0, slope))
        lo = np.where(~flat & (slope > 0), np.maximum(lo, root), lo)
        hi = np.where(~flat & (slope < 0), np.minimum(hi, root), hi)
        infeasible |= flat & (np.maximum(d1, d2) < -tol)
        unsure |= flat & ~(np.minimum(d1, d2) > tol) & ~(np.maximum(d1, d2) < -tol)
    width = hi - lo
    holds = (width > RTOL) & ~unsure & ~infeasible
    fails = infeasible | (width < -RTOL)
    return holds, fails


class GridNumbers:
    """The game's payoffs and chance probabilities on the grid (lambdified once), and sympy values evaluated."""

    def __init__(self, game: ExtensiveFormGame, values: Mapping[str, Any], shape: tuple[int, ...]) -> None:
        self.symbols = tuple(sorted(game.free_symbols, key=lambda s: s.name))
        self.values = values
        self.shape = shape
        leaves = [n for n in game.nodes if n.kind == TERMINAL]
        chances = [n for n in game.nodes if n.kind == CHANCE]
        pay = on_grid([u for n in leaves for u in n.payoffs], values, self.symbols)
        prob = on_grid([p for n in chances for p in n.probabilities], values, self.symbols)
        width = len(game.players)
        self._payoffs = {n.index: [np.asarray(u, dtype=float) for u in pay[k * width:(k + 1) * width]]
                         for k, n in enumerate(leaves)}
        it = iter(prob)
        self._chance = {n.index: [np.asarray(next(it), dtype=float) for _ in n.children] for n in chances}
        scale = np.ones(shape)
        for us in self._payoffs.values():
            for u in us:
                scale = np.maximum(scale, np.abs(u))
        self.tolerance = RTOL * scale

    def payoffs(self, node: NodeInfo) -> list:
        return self._payoffs[node.index]

    def chance(self, node: NodeInfo) -> list:
        return self._chance[node.index]

    def evaluate(self, expression: Any) -> Any:
        """A sympy expression in the game's parameters on the grid (a float where it is constant)."""
        expression = sympy.sympify(expression)
        if not expression.free_symbols:
            return float(expression)
        return np.asarray(on_grid([expression], self.values, self.symbols)[0], dtype=float)

    def as_numbers(self) -> Numbers:
        return Numbers(self.chance, self.payoffs, 1.0, 0.0)
