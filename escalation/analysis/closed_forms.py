r"""Sweeps of models solved by closed forms: regions from lambdified thresholds, profiles evaluated on the grid.

Models with incomplete information are solved by characterisation, not by
backward induction: their equilibrium is unique in each open region cut out
by closed-form thresholds, and within a region it is a behaviour profile
whose mixing probabilities are closed forms too.  Such a model lists a
``regions`` function (see :class:`~escalation.models.base.Model`) that, given
numpy arrays of parameter values, returns :class:`GridRegions`:

* ``codes``: the region of every point, an index into ``names``;
* ``undecided``: points the closed form must not decide alone -- within a
  relative ``1e-9`` of a boundary, or outside the model's assumptions;
* ``profile(code)``: the behaviour profile played in that region, as arrays.

The sweep then evaluates the profiles on the whole grid with
:class:`~.profile_grid.ProfileGrid` (reach probabilities, outcome
probabilities, expected payoffs) and hands every undecided point to the
model's own exact solver, whose answer replaces the closed form's there --
so knife edges are decided exactly, and a point that breaks the model's
assumptions raises the model's own error (nothing half computed is returned).
The variables and coordinates are those of the per-point sweep.

>>> from escalation.analysis import sweep
>>> ds = sweep("unilateral", over={"p_Def": [0.1, 0.4, 0.5, 0.9], "p_Ch": [0.25, 0.75]})
>>> [[str(ds.equilibrium_name.values[k]) for k in row] for row in ds.equilibrium.values]
... # doctest: +NORMALIZE_WHITESPACE
[['Bluff', 'Attack'], ['Separating', 'Separating'],
 ['Certain Deterrence', 'Certain Deterrence'], ['Certain Deterrence', 'Certain Deterrence']]
>>> ds.knife_edge.values[2].tolist()     # p_Def = alpha_H = 1/2
[True, True]
>>> round(float(ds.outcome_probability.sel(p_Def=0.4, p_Ch=0.75, label="W")), 4)   # Hard meets Hard
0.3
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy
import xarray as xr

from .admissible import exact_coordinate
from .dataset import NO_EQUILIBRIUM, reached_plays, sweep_dataset
from .profile_grid import ProfileGrid
from .provenance import attributes

__all__ = ["RTOL", "GridRegions", "broken_order", "closed_form_sweep", "has_closed_form", "near", "on_grid",
           "outside_open_unit", "solve_table"]

RTOL = 1e-9
METHOD = ("closed-form regions and profiles (lambdified) on the grid; points on or near a boundary, or outside "
          "the model's assumptions, re-solved exactly by the model's solver")


@dataclass(frozen=True)
class GridRegions:
    """A model's equilibrium on a grid, from its closed forms (arrays broadcastable to the grid).

    Attributes
    ----------
    names : tuple of str
        The equilibrium of each region (``codes`` index into it).
    codes : numpy.ndarray of int
        The region of every grid point.
    undecided : numpy.ndarray of bool
        Points left to the model's exact solver (near a boundary, or outside the model's assumptions).
    profile : callable, optional
        ``profile(code) -> {information set: {action: probability}}`` with
        arrays or numbers (exact sympy numbers too; they are read as floats):
        the behaviour profile played in region ``code``.
    count : int or numpy.ndarray
        How many equilibria the model's solver lists at each point (it reports the first).

    Several codes may share a name (one equilibrium, played differently off the path); the sweep reports names.
    """

    names: tuple[str, ...]
    codes: np.ndarray
    undecided: np.ndarray
    profile: Callable[[int], Mapping[str, Mapping[str, Any]]] | None = None
    count: Any = 1


def near(x: Any, boundary: Any, rtol: float = RTOL) -> np.ndarray:
    r"""Where :math:`|x - b| \le r \max(1, |b|)`: too close to a boundary for floating point to decide."""
    return np.abs(np.subtract(x, boundary)) <= rtol * np.maximum(1.0, np.abs(boundary))


def broken_order(values: Mapping[str, Any], *chains: Sequence[str]) -> np.ndarray:
    """Where some chain of parameters fails to increase strictly (the grid form of ``require_order``).

    >>> broken_order({"a": np.array([0.0, 2.0]), "b": 1.0, "c": 3.0}, ("a", "b", "c")).tolist()
    [False, True]
    """
    out = np.zeros((), dtype=bool)
    for chain in chains:
        for low, high in itertools.pairwise(chain):
            out = out | ~(np.asarray(values[low], dtype=float) < np.asarray(values[high], dtype=float))
    return out


def outside_open_unit(*probabilities: Any) -> np.ndarray:
    """Where some probability is not strictly between 0 and 1 (both types possible)."""
    out = np.zeros((), dtype=bool)
    for p in probabilities:
        p = np.asarray(p, dtype=float)
        out = out | ~((p > 0) & (p < 1))
    return out


def on_grid(expressions: Mapping[str, sympy.Expr], values: Mapping[str, Any]) -> dict[str, np.ndarray]:
    """Each sympy expression evaluated (lambdified) at the grid ``values`` ({parameter name: array})."""
    out = {}
    for name, expression in expressions.items():
        symbols = sorted(expression.free_symbols, key=lambda s: s.name)
        out[name] = _lambdified(expression, tuple(symbols))(*(values[s.name] for s in symbols))
    return out


@functools.lru_cache(maxsize=256)
def _lambdified(expression: sympy.Expr, symbols: tuple[sympy.Symbol, ...]):
    return sympy.lambdify(symbols, expression, "numpy")


def has_closed_form(model: Any) -> bool:
    """True for a model that provides a ``regions`` function."""
    return getattr(model, "regions", None) is not None


def closed_form_sweep(job, outcome_only: bool = False, progress: bool = False, aligned: bool = False) -> xr.Dataset:
    """The sweep of a model with closed forms (see the module docstring), the whole grid at once.

    With ``aligned`` the arrays of ``job.grid`` are read side by side (one
    point per position: Monte Carlo draws) along a dimension ``draw``.
    :func:`~.closed_form_chunks.chunked_sweep` computes the same chunk by chunk with dask.
    """
    table = solve_table(job, job.grid, outcome_only, progress, aligned)
    dims = ("draw",) if aligned else tuple(job.grid)
    coords = {"draw": np.arange(table.shape[0])} if aligned else job.grid
    return table.dataset(dims, coords, attributes(job, getattr(job.model, "sweep_method", METHOD), "numpy"))


def solve_table(job, grid: Mapping[str, np.ndarray], outcome_only: bool, progress: bool = False,
                aligned: bool = False) -> _Table:
    """The closed forms on ``grid`` (all of ``job.grid`` or a chunk of it), undecided points re-solved exactly."""
    shape: tuple[int, ...]
    values: dict[str, Any]
    if aligned:
        shape, values = (len(next(iter(grid.values()))),), dict(grid)
    else:
        shape = tuple(len(v) for v in grid.values())
        values = dict(zip(grid, np.meshgrid(*grid.values(), indexing="ij", sparse=True), strict=True))
    values = {**{k: float(v) for k, v in job.fixed_exact.items()}, **values}
    with np.errstate(divide="ignore", invalid="ignore"):  # only at undecided points, which are re-solved below
        regions = job.model.regions(values)
        table = _Table(job, shape, regions, outcome_only)
        table.fill_profiles(regions, values)
    undecided = np.broadcast_to(np.asarray(regions.undecided, dtype=bool), shape)   # nonzero counts as undecided
    table.resolve_undecided(grid, undecided, progress, aligned)
    return table


class _Table:
    """The arrays of a closed-form sweep, filled region by region and then point by point.

    The outcome probabilities are computed even with ``outcome_only`` (the
    ``outcome`` variable is the set of labels they reach); only the lean
    variables are kept then.
    """

    def __init__(self, job, shape: tuple[int, ...], regions: GridRegions, outcome_only: bool) -> None:
        self.job, self.shape, self.outcome_only = job, shape, outcome_only
        self.names = list(regions.names)
        self.codes = np.array(np.broadcast_to(regions.codes, shape), dtype=np.int16)
        self.knife = np.zeros(shape, dtype=bool)
        self.count = np.array(np.broadcast_to(regions.count, shape), dtype=np.int32)
        self.grid = ProfileGrid(job.game)
        self.players = list(job.game.players)
        self.labels = list(self.grid.labels)
        self.choices = [f"{h}: {a}" for h, a in self.grid.choices]
        self.outcomes = np.zeros((*shape, len(self.labels)))
        self.payoffs = np.zeros((*shape, len(self.players)))
        self.actions = np.zeros((*shape, 0 if outcome_only else len(self.choices)))

    def fill_profiles(self, regions: GridRegions, values: Mapping[str, Any]) -> None:
        """Action probabilities region by region, then outcome probabilities and payoffs in one pass."""
        present = [int(c) for c in np.unique(self.codes)]
        masks = [self.codes == c for c in present]
        profile = regions.profile
        assert profile is not None  # a model with closed-form regions gives its profiles
        profiles = [profile(c) for c in present]
        behaviour: dict[str, dict[str, np.ndarray]] = {}
        for k, (h, a) in enumerate(self.grid.choices):
            column = np.select(masks, [np.broadcast_to(np.asarray(p[h][a], dtype=float), self.shape)
                                       for p in profiles])
            behaviour.setdefault(h, {})[a] = column
            if not self.outcome_only:
                self.actions[..., k] = column
        evaluated = self.grid.evaluate(behaviour, values)
        for k, label in enumerate(self.labels):
            self.outcomes[..., k] = evaluated.outcome_probabilities[label]
        for k, player in enumerate(self.players):
            self.payoffs[..., k] = evaluated.payoffs[player]

    def resolve_undecided(self, grid: Mapping[str, np.ndarray], undecided: np.ndarray, progress: bool,
                          aligned: bool = False) -> None:
        """The model's exact solver at every undecided point; its first equilibrium replaces the closed form."""
        points = np.argwhere(undecided)
        for index in _maybe_progress(points, progress):
            index = tuple(int(i) for i in index)
            at = index * len(grid) if aligned else index
            point = {**self.job.fixed_exact, **{k: exact_coordinate(self.job.exact_grid.get(k), v[i])
                                                for (k, v), i in zip(grid.items(), at, strict=True)}}
            found = self.job.model.solve(**point)
            self._record(index, found)

    def _record(self, index: tuple[int, ...], found) -> None:
        if len(found) == 0:   # no equilibrium under the rule (e.g. off-path beliefs fixed at the prior)
            self._record_none(index)
            return
        first = found[0]
        if first.name not in self.names:
            self.names.append(first.name)
        self.codes[index], self.knife[index], self.count[index] = (self.names.index(first.name),
                                                                   bool(found.knife_edge), len(found))
        self.payoffs[index] = [float(first.payoffs[p]) for p in self.players]
        self.outcomes[index] = [float(first.outcomes.get(label, 0)) for label in self.labels]
        if not self.outcome_only:
            behaviour = first.behaviour
            self.actions[index] = [float(behaviour[h][a]) for h, a in self.grid.choices]

    def _record_none(self, index: tuple[int, ...]) -> None:
        if NO_EQUILIBRIUM not in self.names:
            self.names.append(NO_EQUILIBRIUM)
        self.codes[index], self.knife[index], self.count[index] = self.names.index(NO_EQUILIBRIUM), False, 0
        self.payoffs[index] = np.nan
        self.outcomes[index] = np.nan
        if not self.outcome_only:
            self.actions[index] = np.nan

    def dataset(self, dims: tuple[str, ...], grid: Mapping[str, Any], attrs: dict[str, str]) -> xr.Dataset:
        """The sweep's variables (see :mod:`.dataset`); ``outcome`` from the labels reached."""
        plays, names = reached_plays(self.outcomes > 0, self.labels)
        unique = list(dict.fromkeys(self.names))
        codes = np.array([unique.index(n) for n in self.names], dtype=np.int16)[self.codes]
        arrays = {"outcome": plays, "equilibrium": codes, "knife_edge": self.knife, "equilibria": self.count}
        if not self.outcome_only:
            arrays.update(payoff=self.payoffs, outcome_probability=self.outcomes, action_probability=self.actions)
        coords = {**grid, "play": names, "equilibrium_name": unique}
        if not self.outcome_only:
            coords.update(player=self.players, label=self.labels, choice=self.choices)
        return sweep_dataset(arrays, coords, dims, attrs)


def _maybe_progress(items, show: bool):
    if not show or len(items) == 0:
        return items
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return items
    return tqdm(items, desc="sweep (exact re-solve of undecided points)")
