r"""D1 and the intuitive criterion on a grid, for shapes in which somebody observes a deviation.

The exact definitions are those of :mod:`escalation.solvers.pbe.offpath`:
for the types :math:`t` that could have made a deviation nobody makes, with
:math:`f_t(r) = u_t(r) - u^*_t` their gain under a continuation :math:`r` in
the set :math:`R` of continuations that are equilibria after some belief,
D1 rules :math:`t` out when some other type gains strictly wherever
:math:`t` gains weakly, and the intuitive criterion fails when a type that
is not equilibrium-dominated gains strictly under every response to
beliefs on such types.

On the grid the set :math:`R` is known in two cases, and a point is decided
only there (elsewhere the exact solver decides):

* **nobody can gain**: after deleting strictly dominated actions below the
  deviation (payoff bounds :class:`Bounds`), every type's best payoff from
  deviating is below its equilibrium payoff.  D1 then rules out every type
  and says nothing, the intuitive criterion finds every type
  equilibrium-dominated, and both leave the belief free;
* **one observer can answer either way**: every other information set
  below the deviation has a single undominated action, every observer has
  two actions, and at most one observer has a belief for each (its gain
  from one over the other changes sign across its nodes).  The
  continuations are then that observer's mixtures :math:`y \in [0, 1]` and
  each :math:`f_t` is affine in :math:`y`, so the sets D1 compares are
  intervals.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from ..games import play
from ..games.tree import CHANCE, TERMINAL, ExtensiveFormGame
from ..symbolic.pbe_conditions import child, gain, moves_of, without_own
from ..symbolic.pbe_shapes import Layout, Observer

__all__ = ["Bounds", "refined"]

EPS = 1e-9


def refined(game: ExtensiveFormGame, layout: Layout, behaviour: Mapping[str, Mapping[str, Any]], numbers,
            shape: tuple[int, ...], rule: str) -> tuple[np.ndarray, np.ndarray]:
    """Where the shape passes ``rule`` at its observers' sets, and where that is undecided on the grid
    (``behaviour`` plays a mixing observer's first action)."""
    bounds = Bounds(game, numbers, shape)
    passes, unsure = np.ones(shape, dtype=bool), np.zeros(shape, dtype=bool)
    groups: dict[tuple, list[Observer]] = {}
    for o in layout.observers:
        groups.setdefault(tuple(sorted(set(o.deviations))), []).append(o)
    for types, observers in groups.items():
        p, u = _group(game, layout, behaviour, numbers, bounds, shape, rule, types, observers)
        passes &= p
        unsure |= u
    return passes, unsure


def _group(game, layout, behaviour, numbers, bounds, shape, rule, types, observers) -> tuple[np.ndarray, ...]:
    tol = numbers.tolerance
    star, best = _stakes(game, layout, behaviour, numbers, bounds, types)
    nobody = np.ones(shape, dtype=bool)
    for t in types:
        nobody &= np.asarray(star[t] - best[t], dtype=float) > tol
    passes, unsure = np.zeros(shape, dtype=bool), ~nobody
    passes |= nobody
    if any(len(game.infosets[o.infoset].actions) != 2 for o in observers):
        return passes, unsure
    answer = _one_observer(game, layout, behaviour, numbers, bounds, shape, rule, types, observers, star)
    if answer is None:
        return passes, unsure
    ok, undecided = answer
    return passes | (~nobody & ok), ~nobody & undecided


def _stakes(game, layout, behaviour, numbers, bounds, types) -> tuple[dict, dict]:
    """Each type's equilibrium payoff :math:`u^*_t` and its bound from deviating (weighted by
    :math:`\\rho_{-j}`)."""
    moves = moves_of(behaviour, numbers)
    values = play.continuation(game, moves, numbers.payoffs, 0.0)
    star, best = {}, {}
    for g, d in types:
        info = game.infosets[g]
        rho = play.reach(game, without_own(moves, info.player, _upstream(game, g, behaviour)), 1.0)
        played = layout.shape.actions(g)[0]
        star[(g, d)] = sum(rho[n] * _at(values, child(game, n, played))[info.player] for n in info.nodes)
        best[(g, d)] = sum(rho[n] * bounds.hi(child(game, n, d))[info.player] for n in info.nodes)
    return star, best


def _upstream(game: ExtensiveFormGame, g: str, behaviour) -> dict[str, str]:
    """The moves of probability zero by others before the deviator's set ``g`` (a deviation inside a continuation
    nobody reaches): the types are weighed as if those moves were made."""
    j = game.infosets[g].player
    out = {}
    for n in game.infosets[g].nodes:
        for h, a in game.nodes[n].history:
            if game.infosets[h].player != j and not np.any(behaviour[h][a]):
                out[h] = a
    return out


def _one_observer(game, layout, behaviour, numbers, bounds, shape, rule, types, observers, star):
    """The case of one observer that can answer either way (module docstring); None where it does not apply."""
    tol = numbers.tolerance
    unsure = _later_choices_open(game, layout, bounds, types, observers, shape)
    moves = moves_of(behaviour, numbers)
    values = play.continuation(game, moves, numbers.payoffs, 0.0)
    gains = {o.infoset: _observer_gains(game, o, values) for o in observers}
    both = {}
    for o in observers:
        low, high = gains[o.infoset]
        both[o.infoset] = (low < -tol) & (high > tol)
        unsure |= ~both[o.infoset] & ~(low > tol) & ~(high < -tol)
    free_count = sum(b.astype(int) for b in both.values())
    unsure |= free_count > 1
    ok = np.zeros(shape, dtype=bool)
    for o in observers:       # the case in which o is the observer that can answer either way
        here = both[o.infoset] & (free_count == 1)
        if not here.any():
            continue
        f = _affine_gains(game, behaviour, numbers, types, o, star)
        verdict, doubt = _judge_rule(game, layout, values, shape, rule, types, observers, f, tol, o)
        ok |= here & verdict
        unsure |= here & doubt
    fixed = free_count == 0
    if fixed.any():
        f = {t: (np.asarray(_deviation_payoff(game, behaviour, numbers, t) - star[t], dtype=float),) * 2
             for t in types}
        verdict, doubt = _judge_rule(game, layout, values, shape, rule, types, observers, f, tol)
        ok |= fixed & verdict
        unsure |= fixed & doubt
    return ok & ~unsure, unsure


def _later_choices_open(game, layout, bounds, types, observers, shape) -> np.ndarray:
    """Where some non-observer set below the deviation keeps more than one undominated action."""
    watched = {o.infoset for o in observers}
    out = np.zeros(shape, dtype=bool)
    for h, info in game.infosets.items():
        if h in watched:
            continue
        if all(any(step in types for step in game.nodes[n].history) for n in info.nodes):
            kept = sum(k.astype(int) for k in bounds.kept_at(h))
            out |= kept > 1
    return out


def _observer_gains(game, o: Observer, values) -> tuple[np.ndarray, np.ndarray]:
    """The lowest and highest gain of the observer's first action over its second across its nodes."""
    d = np.stack(_observer_rows(game, o, values))
    return d.min(axis=0), d.max(axis=0)


def _affine_gains(game, behaviour, numbers, types, o: Observer, star) -> dict:
    """Each type's gain :math:`f_t(y)` at :math:`y = 0` and :math:`y = 1` (o plays its first action w.p. y)."""
    a, b = game.infosets[o.infoset].actions
    out = {}
    for t in types:
        ends = []
        for y in (0.0, 1.0):
            changed = {**behaviour, o.infoset: {a: y, b: 1 - y}}
            ends.append(np.asarray(_deviation_payoff(game, changed, numbers, t) - star[t], dtype=float))
        out[t] = tuple(ends)
    return out


def _deviation_payoff(game, behaviour, numbers, t) -> Any:
    g, d = t
    moves = moves_of(behaviour, numbers)
    values = play.continuation(game, moves, numbers.payoffs, 0.0)
    info = game.infosets[g]
    rho = play.reach(game, without_own(moves, info.player, _upstream(game, g, behaviour)), 1.0)
    return sum(rho[n] * _at(values, child(game, n, d))[info.player] for n in info.nodes)


def _judge_rule(game, layout, values, shape, rule, types, observers, f, tol, answering: Observer | None = None):
    """Whether the shape's observers' actions pass ``rule`` given the gains ``f[t] = (f_t(0), f_t(1))`` (the
    answering observer's mixture y at its ends; None: one continuation)."""
    point = answering is None
    if rule == "D1":
        survivors, doubt = _d1_survivors(types, f, tol, shape, point)
        ok = np.ones(shape, dtype=bool)
        for o in observers:
            o_ok, o_doubt = _supported(game, layout, values, o, survivors, tol)
            ok &= o_ok
            doubt |= o_doubt
        return ok, doubt
    return _intuitive(game, values, types, answering, f, tol, shape)


def _interval(e0, e1, tol, sign: int):
    """``[lo, hi]`` of the y in [0, 1] with ``sign * f(y) >= 0`` for f affine from e0 to e1; ``doubt`` where a
    tie makes it unclear."""
    e0, e1 = sign * e0, sign * e1
    slope = e1 - e0
    flat = np.abs(slope) <= tol
    with np.errstate(divide="ignore", invalid="ignore"):
        root = np.where(flat, 0.0, -e0 / np.where(flat, 1.0, slope))
    lo = np.where(flat, np.where(e0 > tol, 0.0, 2.0), np.where(slope > 0, np.maximum(0.0, root), 0.0))
    hi = np.where(flat, np.where(e0 > tol, 1.0, -1.0), np.where(slope > 0, 1.0, np.minimum(1.0, root)))
    doubt = flat & (np.abs(e0) <= tol)
    return lo, hi, doubt


def _d1_survivors(types, f, tol, shape, point: bool):
    r"""D1: t is ruled out when :math:`\{f_t \ge 0\} \subseteq \{f_{t'} > 0\}` for some other t'; if every type is
    ruled out, all survive."""
    doubt = np.zeros(shape, dtype=bool)
    out = {t: np.ones(shape, dtype=bool) for t in types}
    for t in types:
        for s in types:
            if s == t:
                continue
            if point:   # one continuation: the sets are that point or empty
                ft, fs = f[t][0], f[s][0]
                ruled = (ft < -tol) | (fs > tol)
                doubt |= ~ruled & ~((ft > tol) & (fs < -tol))
            else:
                lo1, hi1, d1 = _interval(f[t][0], f[t][1], tol, 1)
                lo2, hi2, d2 = _interval(f[s][0], f[s][1], tol, -1)
                lo, hi = np.maximum(lo1, lo2), np.minimum(hi1, hi2)
                ruled = hi < lo - EPS
                doubt |= d1 | d2 | (np.abs(hi - lo) <= EPS)
            out[t] &= ~ruled
    anyone = np.zeros(shape, dtype=bool)
    for t in types:
        anyone |= out[t]
    return {t: out[t] | ~anyone for t in types}, doubt


def _supported(game, layout, values, o: Observer, survivors, tol):
    """Whether some belief on the surviving types makes the observer's action(s) best."""
    a = game.infosets[o.infoset].actions[0]
    played = layout.shape.actions(o.infoset)
    low, high = _extremes(_observer_rows(game, o, values), [survivors[t] for t in o.deviations])
    if len(played) == 2:
        return (low < -tol) & (high > tol), (np.abs(low) <= tol) | (np.abs(high) <= tol)
    if played[0] == a:
        return high > tol, np.abs(high) <= tol
    return low < -tol, np.abs(low) <= tol


def _intuitive(game, values, types, answering: Observer | None, f, tol, shape):
    """The intuitive criterion: it fails where a type that is not equilibrium-dominated gains under every
    response to beliefs on such types (the answering observer's mixtures y; its ends suffice, f_t is affine)."""
    doubt = np.zeros(shape, dtype=bool)
    alive = {}
    for t in types:
        best = np.maximum(f[t][0], f[t][1])
        alive[t] = best > tol
        doubt |= np.abs(best) <= tol
    ylo, yhi = np.zeros(shape), np.zeros(shape)
    if answering is not None:
        low, high = _extremes(_observer_rows(game, answering, values), [alive[t] for t in answering.deviations])
        doubt |= (np.abs(high) <= tol) | (np.abs(low) <= tol)
        ylo, yhi = np.where(low < -tol, 0.0, 1.0), np.where(high > tol, 1.0, 0.0)
    fails = np.zeros(shape, dtype=bool)
    for t in types:
        worst = np.minimum(*(f[t][0] + y * (f[t][1] - f[t][0]) for y in (ylo, yhi)))
        fails |= alive[t] & (worst > tol)
        doubt |= alive[t] & (np.abs(worst) <= tol)
    return ~fails, doubt


def _observer_rows(game: ExtensiveFormGame, o: Observer, values) -> list[np.ndarray]:
    """The gain of the observer's first action over its second at each of its nodes."""
    info = game.infosets[o.infoset]
    a, b = info.actions
    return [np.asarray(gain(game, n, a, b, values, info.player), dtype=float) for n in info.nodes]


def _extremes(rows: list[np.ndarray], alive: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """The lowest and highest of ``rows`` over the nodes whose type is ``alive`` (inf and -inf where none is)."""
    low = np.min(np.stack([np.where(s, x, np.inf) for s, x in zip(alive, rows, strict=True)]), axis=0)
    high = np.max(np.stack([np.where(s, x, -np.inf) for s, x in zip(alive, rows, strict=True)]), axis=0)
    return low, high


def _at(values: list, n: int) -> tuple:
    """Node ``n``'s continuation values (every node has them: the profile gives every move)."""
    v = values[n]
    assert v is not None
    return v


class Bounds:
    """Lower and upper bounds of every player's payoff below each node, over every behaviour that plays no
    strictly dominated action (one that another action beats at each node of its set whatever follows)."""

    def __init__(self, game: ExtensiveFormGame, numbers, shape: tuple[int, ...]) -> None:
        self.game, self.numbers, self.shape = game, numbers, shape
        self._node: dict[int, tuple[list, list]] = {}
        self._kept: dict[str, list[np.ndarray]] = {}

    def hi(self, n: int) -> list:
        """Each player's upper bound below node ``n``."""
        return self._of(n)[1]

    def lo(self, n: int) -> list:
        """Each player's lower bound below node ``n``."""
        return self._of(n)[0]

    def kept_at(self, h: str) -> list[np.ndarray]:
        """Per action of set ``h``, where it is not strictly dominated."""
        if h not in self._kept:
            info = self.game.infosets[h]
            i, tol = info.player, self.numbers.tolerance
            kids = [[self._of(c) for c in self.game.nodes[n].children] for n in info.nodes]
            kept = []
            for a in range(len(info.actions)):
                beaten = np.zeros(self.shape, dtype=bool)
                for b in range(len(info.actions)):
                    if b != a:
                        here = np.ones(self.shape, dtype=bool)
                        for k in kids:
                            here &= k[b][0][i] > k[a][1][i] + tol
                        beaten |= here
                kept.append(~beaten)
            self._kept[h] = kept
        return self._kept[h]

    def _of(self, n: int) -> tuple[list, list]:
        if n not in self._node:
            self._node[n] = self._compute(n)
        return self._node[n]

    def _compute(self, n: int) -> tuple[list, list]:
        node = self.game.nodes[n]
        players = range(len(self.game.players))
        if node.kind == TERMINAL:
            u = [np.broadcast_to(np.asarray(x, dtype=float), self.shape) for x in self.numbers.payoffs(node)]
            return u, u
        below = [self._of(c) for c in node.children]
        if node.kind == CHANCE:
            ps = self.numbers.chance(node)
            return ([sum(p * b[0][k] for p, b in zip(ps, below, strict=True)) for k in players],
                    [sum(p * b[1][k] for p, b in zip(ps, below, strict=True)) for k in players])
        assert node.infoset is not None  # a decision node
        kept = self.kept_at(node.infoset)
        lo = [np.min(np.stack([np.where(m, b[0][k], np.inf) for m, b in zip(kept, below, strict=True)]), axis=0)
              for k in players]
        hi = [np.max(np.stack([np.where(m, b[1][k], -np.inf) for m, b in zip(kept, below, strict=True)]), axis=0)
              for k in players]
        return lo, hi
