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
   :math:`g < -\tau`, and is *undecided* in between (:mod:`.pbe_judge`).
   Under D1 and the intuitive criterion a shape in which somebody observes a
   deviation is decided on the grid where nobody could gain from the
   deviation or one observer can answer either way (:mod:`.pbe_refinements`).
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
import itertools
from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from ..games.tree import ExtensiveFormGame
from ..solvers.pbe import perfect_bayesian
from ..symbolic.pbe_regions import branches, shapes_of
from ..symbolic.pbe_shapes import Layout, Shape
from .admissible import exact_coordinate
from .closed_forms import GridRegions
from .pbe_judge import Candidate, GridNumbers, pure_profile, status

__all__ = ["AUDIT", "MAX_SEEDS", "ROUNDS", "GenericPBE", "ShapeGrid", "generic_target", "seed_points",
           "takes_generic_path", "with_generic_path"]

MAX_SEEDS = 64
SEEDS_PER_AXIS = 5
AUDIT = 32
ROUNDS = 6
METHOD = "equilibrium shapes from exact solves, conditions evaluated on the grid (numpy)"


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
        found = branches(self.game, layout) if layout.unreadable is None else [pure_profile(self.game, shape)]
        for behaviour in found:
            self.candidates.append(Candidate(layout, behaviour, label, name, play, rank))

    def read(self, values: Mapping[str, Any], shape: tuple[int, ...]) -> tuple[GridRegions, list[np.ndarray]]:
        """The equilibria at every point of the broadcast grid ``values`` from the known shapes, and where each
        candidate holds."""
        numbers = GridNumbers(self.game, values, shape)
        holds, unsure = [], []
        for c in self.candidates:
            h, u = status(self.game, c, numbers, self.rule, shape)
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
    return model is None or model.solver is perfect_bayesian
