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
escalation.errors.ParameterError: parameter 'F': -1 is outside its domain [0, oo]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import ParameterError
from ..games.tree import ExtensiveFormGame
from ..numbers import exact
from .compile import CompiledTree, compile_tree

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


def resolve(model_or_game: Any, over: Mapping[str, Any], fixed: Mapping[str, Any] | None = None,
            max_dimensions: int | None = MAX_DIMENSIONS) -> Job:
    """Check the request and compile the game once (``max_dimensions=None``: no limit on ``over``)."""
    from ..models import Model, get_model

    fixed = dict(fixed or {})
    target = get_model(model_or_game) if isinstance(model_or_game, str) else model_or_game
    grid = _grid(over, max_dimensions)
    clash = sorted(set(grid) & set(fixed))
    if clash:
        raise ParameterError(clash[0], "is both swept (over=) and fixed (fixed=)")
    if isinstance(target, Model):
        space = target.parameters
        for name, values in grid.items():
            space.validate({name: exact(float(values.min()))})
            space.validate({name: exact(float(values.max()))})
        exact_fixed = {k: v for k, v in space.validate(fixed).items() if k not in grid}
        game = _symbolic_game(target)
        tree = compile_tree(game) if _vectorisable(game) else None
        return Job(target.name, target.title, target, game, tree, grid, exact_fixed, fixed)
    if not isinstance(target, ExtensiveFormGame):
        raise ParameterError("model_or_game", f"expected a model, a model name or a game tree, got {type(target)}")
    names = {s.name for s in target.free_symbols}
    for name in [*grid, *fixed]:
        if name not in names:
            raise ParameterError(name, f"is not a parameter of this game (its parameters: {', '.join(sorted(names))})")
    missing = sorted(names - set(grid) - set(fixed))
    if missing:
        raise ParameterError(", ".join(missing), "has no value: sweep it (over=) or fix it (fixed=)")
    tree = compile_tree(target) if target.is_perfect_information else None
    return Job(target.title or "game", target.title, None, target, tree, grid,
               {k: exact(v) for k, v in fixed.items()}, fixed)


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


def _vectorisable(game: Any) -> bool:
    return isinstance(game, ExtensiveFormGame) and game.is_perfect_information


def _grid(over: Mapping[str, Any], max_dimensions: int | None) -> dict[str, np.ndarray]:
    if not over or (max_dimensions is not None and len(over) > max_dimensions):
        raise ParameterError("over", f"sweep one to {max_dimensions} parameters, got {len(over)}")
    grid = {}
    for name, values in over.items():
        array = np.atleast_1d(np.asarray(values, dtype=float))
        if array.ndim != 1 or array.size == 0:
            raise ParameterError(name, "needs a non-empty one-dimensional sequence of values")
        if not np.all(np.isfinite(array)):
            raise ParameterError(name, "has a NaN or infinite value")
        grid[name] = array
    return grid
