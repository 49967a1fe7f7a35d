"""Checking a sweep's request: which parameters, which values, which game.

:func:`resolve` turns ``sweep``'s arguments into a :class:`Job`: the compiled
tree (``None`` when the model needs its own per-point solver), the grid's
coordinate vectors, and exact values for every parameter not swept.  Bad input
raises :class:`~escalation.errors.ParameterError` naming the parameter.

>>> job = resolve("tripwire", {"F": [50, 100]}, {"g": 2})
>>> list(job.grid), job.fixed_given
(['F'], {'g': 2})
>>> resolve("tripwire", {"F": [-1, 100]})
Traceback (most recent call last):
...
escalation.errors.ParameterError: parameter 'F': at the grid point F = -1: F = -1 is outside its domain [0, oo)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import ParameterError
from ..extras import require
from ..games.tree import ExtensiveFormGame
from ..numbers import NumberError, rational_number
from ..parameters import ParameterSpace
from ..registry import get_model
from ..solvers.pbe import perfect_bayesian
from .admissible import check_grid
from .compile import CompiledTree, compile_tree
from .memory import check_memory

__all__ = ["Job", "resolve"]

MAX_DIMENSIONS = 5


@dataclass(frozen=True)
class Job:
    """A checked sweep request."""

    name: str
    title: str
    model: Any
    game: ExtensiveFormGame | None
    tree: CompiledTree | None
    grid: dict[str, np.ndarray]
    fixed_exact: dict[str, Any]
    fixed_given: dict[str, Any]
    exact_grid: dict[str, dict[float, Any]] = field(default_factory=dict)
    """Per swept parameter given exact values (``"1/3"``, a Fraction): each coordinate's exact value, by float."""


def resolve(model_or_game: Any, over: Mapping[str, Any], fixed: Mapping[str, Any] | None = None,
            max_dimensions: int | None = MAX_DIMENSIONS, aligned: bool = False, *, backend: str = "numpy",
            lazy: bool = False, outcome_only: bool = False) -> Job:
    """Check the request and compile the game once (``max_dimensions=None``: no limit on ``over``).

    Every grid point is checked as ``solve`` would check it (see
    :mod:`.admissible`), and the memory the sweep needs against what is
    available (see :mod:`.memory`; ``backend``, ``lazy`` and ``outcome_only``
    are the sweep's); with ``aligned`` the arrays of ``over`` are read side by
    side (one point per position, the draws of a Monte Carlo sample).
    """
    if backend == "dask":
        require("dask.array", "parallel", "backend='dask'")
        if not lazy:
            require("distributed", "parallel", "backend='dask'")
    fixed = dict(fixed or {})
    target = get_model(model_or_game) if isinstance(model_or_game, str) else model_or_game
    grid, exact_grid = _grid(over, max_dimensions, aligned)
    clash = sorted(set(grid) & set(fixed))
    if clash:
        raise ParameterError(clash[0], "is both swept (over=) and fixed (fixed=)")
    if isinstance(target, ExtensiveFormGame):
        return _game_job(target, grid, fixed, exact_grid, outcome_only=outcome_only, lazy=lazy and backend == "dask")
    space = getattr(target, "parameters", None)
    if not isinstance(space, ParameterSpace):
        raise ParameterError("model_or_game", f"expected a model, a model name or a game tree, got "
                                              f"{type(target).__name__}")
    for name in grid:
        space[name]  # raises ParameterError naming an unknown parameter
    exact_fixed = {k: v for k, v in _validated_fixed(space, fixed, grid).items() if k not in grid}
    game = _symbolic_game(target)
    tree = compile_tree(game) if _vectorisable(game) else None
    per_point = tree is None and getattr(target, "regions", None) is None and not _generic_pbe(target, game)
    _check_memory(grid, aligned, game, outcome_only=outcome_only, lazy=lazy and backend == "dask",
                  per_point=per_point)
    check_grid(space, grid, exact_fixed, aligned, exact_grid)
    return Job(target.name, target.title, target, game, tree, grid, exact_fixed, fixed, exact_grid)


def _check_memory(grid: Mapping[str, np.ndarray], aligned: bool, game: Any, **how: bool) -> None:
    """Refuse a sweep too large for the memory available (see :mod:`.memory`)."""
    shape = (len(next(iter(grid.values()))),) if aligned else tuple(len(v) for v in grid.values())
    points = 1
    for n in shape:
        points *= n
    check_memory(points, shape, _counts(game), **how)


def _counts(game: Any) -> dict[str, int]:
    """The numbers of players, outcome labels and actions a sweep records per point (0 when the game is unknown)."""
    if isinstance(game, ExtensiveFormGame):
        labels = {n.outcome for n in game.nodes if n.payoffs}
        choices = sum(len(h.actions) for h in game.infosets.values())
        nodes = 0 if game.is_perfect_information else len(game.nodes)   # the generic PBE path's working arrays
        return {"players": len(game.players), "labels": len(labels), "choices": choices, "nodes": nodes}
    if game is not None and hasattr(game, "strategies"):
        return {"players": len(game.players), "labels": 0, "choices": sum(len(s) for s in game.strategies)}
    return {"players": 0, "labels": 0, "choices": 0}


def _validated_fixed(space: ParameterSpace, fixed: Mapping[str, Any], grid: Mapping[str, Any]) -> dict[str, Any]:
    """The fixed values and defaults, each checked against its domain; constraints are checked on the grid."""
    for name in fixed:
        space[name]  # raises ParameterError naming an unknown parameter
    values = space.defaults()
    values.update({name: space[name].check(value) for name, value in fixed.items()})
    if not grid:
        space.validate(values)
    return values


def _game_job(target: ExtensiveFormGame, grid: dict[str, np.ndarray], fixed: dict[str, Any],
              exact_grid: dict[str, dict[float, Any]], *, outcome_only: bool, lazy: bool) -> Job:
    names = {s.name for s in target.free_symbols}
    for name in [*grid, *fixed]:
        if name not in names:
            raise ParameterError(name, f"is not a parameter of this game (its parameters: {', '.join(sorted(names))})")
    missing = sorted(names - set(grid) - set(fixed))
    if missing:
        raise ParameterError(", ".join(missing), "has no value: sweep it (over=) or fix it (fixed=)")
    tree = compile_tree(target) if target.is_perfect_information else None
    _check_memory(grid, False, target, outcome_only=outcome_only, lazy=lazy, per_point=False)
    return Job(target.title or "game", target.title, None, target, tree, grid,
               {k: _fixed_number(k, v) for k, v in fixed.items()}, fixed, exact_grid)


def _fixed_number(name: str, value: Any) -> Any:
    try:
        return rational_number(value)
    except NumberError as exc:
        raise ParameterError(name, str(exc)) from None


def _symbolic_game(model: Any) -> Any:
    """The model's game in its symbols, or ``None`` when its shape depends on parameter values.

    Some games change shape with their parameters (the number of members ``N``
    of the volunteer's dilemma, the commitment levels of inspector leadership);
    their models refuse symbolic values with a ParameterError, and the sweep
    then solves them point by point.
    """
    try:
        return model.symbolic_game()
    except ParameterError:
        return None


def _generic_pbe(model: Any, game: Any) -> bool:
    """Whether a model's sweep takes the generic PBE path (its game has information sets, its solver is
    ``perfect_bayesian``)."""
    return (isinstance(game, ExtensiveFormGame) and not game.is_perfect_information
            and model.solver is perfect_bayesian)


def _vectorisable(game: Any) -> bool:
    return isinstance(game, ExtensiveFormGame) and game.is_perfect_information


def _grid(over: Mapping[str, Any], max_dimensions: int | None,
          aligned: bool) -> tuple[dict[str, np.ndarray], dict[str, dict[float, Any]]]:
    """The swept values as float arrays, and the exact value of every coordinate given exactly."""
    if not isinstance(over, Mapping) or not over or (max_dimensions is not None and len(over) > max_dimensions):
        count = len(over) if isinstance(over, Mapping) else "no mapping"
        raise ParameterError("over", f"sweep one to {max_dimensions or 'any number of'} parameters, got {count}")
    grid, exact_grid = {}, {}
    for name, values in over.items():
        grid[str(name)], table = _coordinates(str(name), values)
        if table:
            exact_grid[str(name)] = table
    if aligned and len({v.size for v in grid.values()}) > 1:
        raise ParameterError(", ".join(grid), "the draws of the sampled parameters differ in number")
    return grid, exact_grid


def _coordinates(name: str, values: Any) -> tuple[np.ndarray, dict[float, Any]]:
    """The values of one swept parameter as a one-dimensional float array, and the exact value of each given
    exactly (an int, a Fraction, a sympy number or a string; a float means its shortest decimal)."""
    if isinstance(values, str):
        raise ParameterError(name, f"needs a sequence of numbers, got the text {values!r}")
    if isinstance(values, np.ndarray) and values.dtype.kind == "f":
        array, table = np.atleast_1d(values.astype(float)), {}
    else:
        try:
            given = np.asarray(values, dtype=object)
        except (TypeError, ValueError):
            raise ParameterError(name, "needs a sequence of numbers") from None
        if given.ndim > 1:
            raise ParameterError(name, "needs a non-empty one-dimensional sequence of values")
        items = list(np.atleast_1d(given))
        exacts = [None if isinstance(v, (float, np.floating)) else _exact_coordinate(name, v) for v in items]
        array = np.array([v if e is None else float(e) for e, v in zip(exacts, items, strict=True)], dtype=float)
        table = {float(e): e for e in exacts if e is not None}
    if array.ndim != 1 or array.size == 0:
        raise ParameterError(name, "needs a non-empty one-dimensional sequence of values")
    if not np.all(np.isfinite(array)):
        raise ParameterError(name, "has a NaN or infinite value")
    return array, table


def _exact_coordinate(name: str, value: Any) -> Fraction:
    """An exactly given coordinate as a Fraction (fast for ints and Fractions, checked like any parameter value)."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return Fraction(int(value))
    number = _fixed_number(name, value)
    return Fraction(int(number.p), int(number.q))
