r"""Perfect Bayesian equilibria on a whole grid: every shape's conditions evaluated with numpy.

The generic path of :func:`~.sweep.sweep` for a game with information sets
(a tree with private information, or a model solved by
:func:`~escalation.solvers.pbe.perfect_bayesian`); no model supplies regions
or candidates.

1. **Shapes.**  The exact solver runs at a sub-grid of *seed* points (up to
   five values per swept axis, at most :data:`MAX_SEEDS` points); every
   equilibrium it finds, with every alternative continuation after a
   deviation nobody makes, gives a shape (:mod:`escalation.symbolic.pbe_shapes`),
   and sympy solves each shape's mixed probabilities once
   (:func:`~escalation.symbolic.pbe_regions.branches`).
2. **Conditions on the grid.**  The conditions of
   :mod:`escalation.symbolic.pbe_conditions` -- the same code that writes
   them as sympy relations -- are evaluated on numpy arrays.  A strict
   inequality :math:`g > 0` holds at a point when :math:`g > \tau`, fails when
   :math:`g < -\tau`, and is *undecided* in between, with
   :math:`\tau = 10^{-9} \max(1, \max|u|)` (a belief interval must be longer
   than :math:`10^{-9}`).  Under D1 and the intuitive criterion a shape in
   which somebody observes a deviation is decided on the grid only where no
   deviating type could gain from the deviation whatever follows (a bound
   from the payoffs below it after deleting strictly dominated actions);
   there both rules leave the belief free.
3. **Reading a point.**  Where every shape is decided, the equilibria are
   the shapes that hold, grouped by their play on the path (the solver's
   equilibria); the one reported is the solver's first (by its label).  A
   point where some shape is undecided, where no shape holds, or where two
   equilibria share a label is solved exactly.
4. **Learning and audit.**  Where no known shape holds, the exact solver
   runs at up to :data:`AUDIT` such points (drawn with a fixed seed) and
   their shapes are added; then it runs at up to :data:`AUDIT` of the
   decided points, and an equilibrium found there that the shapes miss adds
   its shapes.  The grid is read again after each addition (up to
   :data:`ROUNDS` rounds, after which every point is solved exactly).

What this does not prove: an equilibrium whose region contains no seed, no
exactly solved point and no audit point is missed; and a shape whose
conditions cannot be written on the grid (an observer mixing over three
actions, a belief after several deviations) is assumed to support its
equilibrium nowhere the readable shapes of that equilibrium fail (where it
has none, its points are solved exactly).  The Dataset's
``method`` attribute records how many points of each kind there were.

>>> from escalation.analysis.sweep import sweep, equilibrium_names
>>> ds = sweep("unilateral", over={"p_Def": [0.1, 0.3, 0.45, 0.7, 0.9]}, fixed={"p_Ch": "3/4"}, offpath="prior")
>>> equilibrium_names(ds).values.tolist()
['Attack', 'Attack', 'Separating', 'Certain Deterrence', 'Certain Deterrence']
>>> ds.attrs["method"].split(";")[0]
'equilibrium shapes from exact solves, conditions evaluated on the grid (numpy)'
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy

from ..games import play
from ..games.records import NodeInfo
from ..games.tree import CHANCE, TERMINAL, ExtensiveFormGame
from ..solvers.pbe import perfect_bayesian
from ..symbolic.pbe_conditions import BeliefTest, Conditions, Numbers, conditions, moves_of, without_own
from ..symbolic.pbe_regions import branches, shapes_of
from ..symbolic.pbe_shapes import Layout, Shape
from .admissible import exact_coordinate
from .closed_forms import GridRegions
from .pbe_refinements import Bounds, refined

__all__ = ["AUDIT", "MAX_SEEDS", "ROUNDS", "Candidate", "GenericPBE", "ShapeGrid", "generic_target", "seed_points",
           "takes_generic_path", "with_generic_path"]

RTOL = 1e-9
MAX_SEEDS = 64
SEEDS_PER_AXIS = 5
AUDIT = 32
ROUNDS = 6
METHOD = "equilibrium shapes from exact solves, conditions evaluated on the grid (numpy)"


@dataclass(frozen=True)
class Candidate:
    """A shape with one solution of its indifference equations: its behaviour (sympy) and names."""

    layout: Layout
    behaviour: Mapping[str, Mapping[str, sympy.Expr]]
    label: str      # the solver's descriptive label (it orders the solver's equilibria)
    name: str       # the model's name for it (the label where the model has none)
    play: tuple     # the supports at the sets reached: equal plays are one equilibrium of the solver
    rank: tuple = ()  # the first played action's index at each set, in the game's order


class ShapeGrid:
    """A game solved on grids through its equilibrium shapes (see the module docstring).

    ``raw(point)`` is the exact solver with its own labels, ``named(point)`` the same equilibria as the sweep
    reports them (a model's names); ``name_of(solution)`` the name of one of them.
    """

    def __init__(self, game: ExtensiveFormGame, rule: str, raw: Callable[[dict], Any], named: Callable[[dict], Any],
                 name_of: Callable[[Any], str]) -> None:
        self.game, self.rule, self.raw, self.named, self.name_of = game, rule, raw, named, name_of
        self.candidates: list[Candidate] = []
        self._known: set[Shape] = set()

    def learn(self, found: Any) -> bool:
        """Add the shapes of the exact equilibria ``found``; whether any was new."""
        new = False
        for s in found:
            name = self.name_of(s)
            for shape, label in shapes_of([s]):
                if shape not in self._known:
                    self._known.add(shape)
                    self._add(shape, label, name)
                    new = True
        return new

    def _add(self, shape: Shape, label: str, name: str) -> None:
        """The candidates of a new shape: one per solution of its indifference equations (its pure profile, with
        NaN at mixed sets, where its conditions cannot be read)."""
        layout = Layout.of(self.game, shape)
        reached = layout.reached(self.game)
        play = tuple((h, acts) for h, acts in shape.support if h in reached)
        rank = tuple(self.game.infosets[h].actions.index(shape.actions(h)[0]) for h in self.game.infosets)
        found = branches(self.game, layout) if layout.unreadable is None else [_pure(self.game, shape)]
        for behaviour in found:
            self.candidates.append(Candidate(layout, behaviour, label, name, play, rank))

    def read(self, values: Mapping[str, Any], shape: tuple[int, ...]) -> tuple[GridRegions, list[np.ndarray]]:
        """The equilibria at every point of the broadcast grid ``values`` from the known shapes, and where each
        candidate holds."""
        numbers = _GridNumbers(self.game, values, shape)
        holds, unsure = [], []
        for c in self.candidates:
            h, u = _status(self.game, c, numbers, self.rule, shape)
            holds.append(h)
            unsure.append(u)
        return _assemble(self.candidates, holds, unsure, numbers, shape), holds

    def classes(self, found: Any) -> Counter:
        """The solver's equilibria ``found`` as (label, play) pairs."""
        out: Counter = Counter()
        for s in found:
            layout = Layout.of(self.game, Shape.of(s.behaviour))
            reached = layout.reached(self.game)
            out[(s.name, tuple((h, a) for h, a in layout.shape.support if h in reached))] += 1
        return out

    def classes_at(self, holds: list[np.ndarray], index: tuple[int, ...]) -> Counter:
        """The (label, play) pairs of the candidates that hold at grid point ``index``, one per equilibrium."""
        return Counter({(c.label, c.play) for c, h in zip(self.candidates, holds, strict=True) if h[index]})


def _assemble(candidates: list[Candidate], holds: list[np.ndarray], unsure: list[np.ndarray], numbers,
              shape: tuple[int, ...]) -> GridRegions:
    """Group the holding shapes into the solver's equilibria, count them and pick the first by label (see the
    module docstring).  A point is undecided where an equilibrium might be present (a shape of it undecided, none
    holding), where a shape ranked before the reported one is undecided, where two equilibria share a label, or
    where none holds.  A shape that cannot be read whose equilibrium has a readable shape is set aside: it is
    assumed to support that equilibrium nowhere its readable shapes fail (the audit tests this)."""
    keys = sorted(dict.fromkeys((c.label, c.play) for c in candidates), key=lambda key: key[0])
    code = np.full(shape, -1, dtype=np.int32)
    count = np.zeros(shape, dtype=np.int32)
    undecided = np.zeros(shape, dtype=bool)
    per_label: dict[str, np.ndarray] = {}
    for key in keys:
        present, doubt = np.zeros(shape, dtype=bool), np.zeros(shape, dtype=bool)
        members = sorted((k for k, c in enumerate(candidates) if (c.label, c.play) == key),
                         key=lambda k: candidates[k].rank)
        readable = any(candidates[k].layout.unreadable is None for k in members)
        for k in members:
            if readable and candidates[k].layout.unreadable is not None:
                continue   # assumed to add nothing where its readable siblings fail (the audit checks it)
            if candidates[k].layout.mixing_observer is None:   # a free mixture off the path is not reported
                take = (code == -1) & holds[k]
                undecided |= take & doubt
                code = np.where(take, k, code)
            present |= holds[k]
            doubt |= unsure[k]
        undecided |= doubt & ~present | present & (count == 0) & (code == -1)
        count += present
        per_label[key[0]] = per_label.get(key[0], 0) + present
    for n in per_label.values():
        undecided |= np.asarray(n) >= 2
    undecided |= count == 0
    names = tuple(c.name for c in candidates)
    return GridRegions(names, np.maximum(code, 0), undecided, _profiles(candidates, numbers), count)


def _profiles(candidates: list[Candidate], numbers) -> Callable[[int], Mapping[str, Mapping[str, Any]]]:
    def profile(k: int):
        return {h: {a: numbers.evaluate(p) for a, p in acts.items()} for h, acts in candidates[k].behaviour.items()}
    return profile


def _status(game: ExtensiveFormGame, c: Candidate, numbers, rule: str, shape) -> tuple[np.ndarray, np.ndarray]:
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


def _pure(game: ExtensiveFormGame, shape: Shape) -> dict:
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
        best = sum(rho[n] * bounds.hi(_child(game, n, a))[i] for n in info.nodes if rho[n] is not None)
        for b in info.actions:
            if b != a:
                worst = sum(rho[n] * bounds.lo(_child(game, n, b))[i] for n in info.nodes if rho[n] is not None)
                out |= np.asarray(worst - best, dtype=float) > numbers.tolerance
    return out


def _child(game: ExtensiveFormGame, n: int, action: str) -> int:
    node = game.nodes[n]
    return node.children[node.actions.index(action)]


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


@functools.lru_cache(maxsize=512)
def _compiled(expression: sympy.Expr, symbols: tuple[sympy.Symbol, ...]):
    return sympy.lambdify(symbols, expression, "numpy")


class _GridNumbers:
    """The game's payoffs and chance probabilities on the grid (lambdified once), and sympy values evaluated."""

    def __init__(self, game: ExtensiveFormGame, values: Mapping[str, Any], shape: tuple[int, ...]) -> None:
        self.symbols = sorted(game.free_symbols, key=lambda s: s.name)
        self.args = [np.asarray(values[s.name], dtype=float) for s in self.symbols]
        self.shape = shape
        leaves = [n for n in game.nodes if n.kind == TERMINAL]
        chances = [n for n in game.nodes if n.kind == CHANCE]
        pay = sympy.lambdify(self.symbols, [u for n in leaves for u in n.payoffs], "numpy")(*self.args)
        prob = sympy.lambdify(self.symbols, [p for n in chances for p in n.probabilities], "numpy")(*self.args)
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
        return np.asarray(_compiled(expression, tuple(self.symbols))(*self.args), dtype=float)

    def as_numbers(self) -> Numbers:
        return Numbers(self.chance, self.payoffs, 1.0, 0.0)


def seed_points(shape: tuple[int, ...], limit: int = MAX_SEEDS) -> list[tuple[int, ...]]:
    """Indices of a sub-grid: up to ``SEEDS_PER_AXIS`` evenly spaced values per axis, at most ``limit`` points.

    >>> points = seed_points((401, 1, 3), limit=64)
    >>> len(points), points[:4], points[-1]
    (15, [(0, 0, 0), (0, 0, 1), (0, 0, 2), (100, 0, 0)], (400, 0, 2))
    """
    axes = [n for n in shape if n > 1]
    per = SEEDS_PER_AXIS
    while per > 2 and per ** len(axes) > limit:
        per -= 1
    picks = [sorted({round(k * (n - 1) / (per - 1)) for k in range(per)}) if n > 1 else [0] for n in shape]
    return [tuple(p) for p in itertools.islice(itertools.product(*picks), limit)]


class GenericPBE:
    """The sweep's view of a game with private information: ``regions`` for a grid, ``solve`` for one point.

    ``game`` is the symbolic tree; ``raw(point)`` solves it exactly at a point (exact values) with the solver's
    labels, ``named(point)`` as the sweep reports it; ``name_of(solution)`` names a raw solution; ``exact_of``
    turns a parameter's float on the grid into its exact value.
    """

    def __init__(self, game: ExtensiveFormGame, rule: str, raw: Callable[[dict], Any], named: Callable[[dict], Any],
                 name_of: Callable[[Any], str], exact_of: Callable[[str, float], Any], seed: int = 0) -> None:
        self.shapes = ShapeGrid(game, rule, raw, named, name_of)
        self.exact_of, self.seed = exact_of, seed
        self.name = game.title or "game"
        self.sweep_method = METHOD

    def solve(self, **point: Any) -> Any:
        """The exact equilibria at ``point`` (as the sweep reports them)."""
        return self.shapes.named(point)

    def names_on(self, values: Mapping[str, Any]) -> tuple[str, ...]:
        """The names of the equilibria found at the seed points of the grid ``values`` (for dask's chunks)."""
        shape = np.broadcast_shapes(*(np.shape(v) for v in values.values()))
        for index in seed_points(shape):
            self.shapes.learn(self.shapes.raw(self._point(values, index)))
        return tuple(dict.fromkeys(c.name for c in self.shapes.candidates))

    def regions(self, values: Mapping[str, Any]) -> GridRegions:
        """Seeds, the grid read from the shapes, learning and audits (see the module docstring)."""
        shape = np.broadcast_shapes(*(np.shape(v) for v in values.values()))
        grid = self.shapes
        seeds = seed_points(shape)
        solves = len(seeds)
        for index in seeds:
            grid.learn(grid.raw(self._point(values, index)))
        rng = np.random.default_rng(self.seed)
        rounds = 0
        while rounds < ROUNDS:
            rounds += 1
            found, holds = grid.read(values, shape)
            learned, missed, unknown = self._check(values, shape, found, holds, rng)
            solves += learned + missed[0]
            if not learned and not missed[1]:
                break
            if unknown:
                break
        else:
            unknown = True
        if unknown:   # the conditions disagree with the solver, or never settle: solve every point exactly
            found = GridRegions(found.names, found.codes, np.ones(shape, dtype=bool), found.profile, found.count)
            self.sweep_method = (f"{METHOD}; the audit found equilibria the shapes missed, so every point was "
                                 "solved exactly")
            return found
        undecided = int(np.count_nonzero(np.broadcast_to(found.undecided, shape)))
        self.sweep_method = (f"{METHOD}; {len(grid.candidates)} shapes learned from {solves} exact solves (seeds, "
                             f"points where no known shape held, and audits of decided points; {rounds} round(s), "
                             f"seed {self.seed}); {undecided} points near a boundary or undecided solved exactly "
                             "by perfect_bayesian")
        return found

    def _check(self, values, shape, found: GridRegions, holds, rng) -> tuple[int, tuple[int, int], bool]:
        """One round of learning (points where no known shape holds) or else auditing (decided points).

        Returns how many points were solved to learn, (audited, missed) and whether an audit found an
        equilibrium whose shape was already known (the conditions disagree with the solver).
        """
        grid = self.shapes
        empty = np.argwhere(np.broadcast_to(found.count, shape) == 0)
        if len(empty):   # a region no seed fell in, or a point with no equilibrium
            picks = empty[rng.choice(len(empty), size=min(AUDIT, len(empty)), replace=False)]
            learned = [grid.learn(grid.raw(self._point(values, tuple(index)))) for index in picks]
            if any(learned):
                return len(picks), (0, 0), False
        decided = np.argwhere(~np.broadcast_to(found.undecided, shape))
        picks = decided[rng.choice(len(decided), size=min(AUDIT, len(decided)), replace=False)] \
            if len(decided) else decided
        solved = ((grid.raw(self._point(values, index)), index) for index in map(tuple, picks))
        missed = [exact for exact, index in solved if grid.classes(exact) != grid.classes_at(holds, index)]
        unknown = any([not grid.learn(exact) for exact in missed])
        return 0, (len(picks), len(missed)), unknown

    def _point(self, values: Mapping[str, Any], index: tuple[int, ...]) -> dict[str, Any]:
        shape = np.broadcast_shapes(*(np.shape(v) for v in values.values()))
        return {k: self.exact_of(k, float(np.broadcast_to(v, shape)[index])) for k, v in values.items()}


def generic_target(job: Any, rule: str) -> GenericPBE:
    """The :class:`GenericPBE` of a sweep's job: a model solved by ``perfect_bayesian``, or a tree."""
    model, game = job.model, job.game

    def exact_of(name: str, value: float) -> Any:
        if name in job.grid:
            return exact_coordinate(job.exact_grid.get(name), value)
        return job.fixed_exact[name]

    if model is None:
        def raw(point):
            return perfect_bayesian(game.subs(point), offpath=rule)
        return GenericPBE(game, rule, raw, raw, lambda s: s.name, exact_of)

    def raw_model(point):
        return model.solver(model.build(model.values(**point)), offpath=rule)

    def named(point):
        return model.solve(offpath=rule, **point)

    def name_of(solution):
        return (model.names(solution) if model.names else None) or solution.name

    return GenericPBE(game, rule, raw_model, named, name_of, exact_of)


def with_generic_path(job: Any, rule: str = "D1") -> Any:
    """``job`` with its model replaced by its :class:`GenericPBE` where :func:`takes_generic_path`; else as is."""
    if not takes_generic_path(job):
        return job
    return dataclasses.replace(job, model=generic_target(job, rule))


def takes_generic_path(job: Any) -> bool:
    """Whether a sweep's job is a tree with private information, or a model solved by ``perfect_bayesian``."""
    if not isinstance(job.game, ExtensiveFormGame) or job.game.is_perfect_information:
        return False
    model = job.model
    return model is None or (model.solver is perfect_bayesian and not model.solver_takes_values)
