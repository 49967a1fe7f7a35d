r"""Which points of a sweep's grid a model admits: the same checks as ``solve``, on the whole grid at once.

**The policy.**  A sweep (or a Monte Carlo sample) is refused, before anything
is solved, when any of its points is one the model's ``solve`` refuses: a
value outside its parameter's domain, a fractional value of a whole-number
parameter, or a point that breaks one of the model's constraints (its payoff
orderings, its probabilities summing below one; see
:mod:`escalation.constraints`).  The error is one line naming the first such
point in grid order and the parameters at fault.  Every path -- vectorised
backward induction, closed forms, point by point -- therefore answers on
exactly the points ``solve`` answers on, and nothing half computed is
returned.  (Narrow the grid, or fix the parameters that break the ordering.)

The checks run in floats on arrays: the domain bounds per coordinate, each
constraint on the broadcast grid of the parameters it involves, and every
point within a relative ``1e-9`` of a boundary is decided again exactly, the
floats read as their shortest decimals.

>>> import numpy as np
>>> from escalation.models import get_model
>>> model = get_model("escalation-complete")
>>> check_grid(model.parameters, {"c_DC": np.array([8.0, 7.0, 5.0]), "c_DD": np.array([3.0, 4.0])},
...            model.parameters.validate(), aligned=False)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
escalation.errors.ParameterError: parameter 'c_SQ, c_DC': at the grid point c_DC = 5, c_DD = 3: ... not below c_DC = 5
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from ..errors import ParameterError
from ..numbers import exact, exact_str
from ..parameters import ParameterSpace

__all__ = ["check_grid", "exact_coordinate"]


def check_grid(space: ParameterSpace, grid: Mapping[str, np.ndarray], fixed: Mapping[str, Any],
               aligned: bool, exact_grid: Mapping[str, Mapping[float, Any]] | None = None) -> None:
    """Raise :class:`~escalation.errors.ParameterError` at the first grid point the model refuses.

    ``grid`` holds one float array per swept parameter (the axes of a product
    grid, or with ``aligned`` arrays read side by side, one point per
    position); ``fixed`` the exact values of every other parameter, already
    validated; ``exact_grid`` the exact value of coordinates given exactly (by float).
    """
    exact_grid = exact_grid or {}
    names = list(grid)
    shape = (len(next(iter(grid.values()))),) if aligned else tuple(len(v) for v in grid.values())
    first: tuple[tuple[int, ...], Any] | None = None
    for axis, name in enumerate(names):
        admitted = space[name].admits_on_grid(grid[name], exact_grid.get(name))
        if not admitted.all():
            k = int(np.argmin(admitted))
            index = (k,) if aligned else tuple(k if a == axis else 0 for a in range(len(names)))
            if first is None or index < first[0]:
                first = (index, name)
    for constraint in space.constraints:
        swept = [n for n in constraint.names if n in grid]
        if not swept:
            continue
        arrays = {n: _axis_view(grid, n, names, aligned) if n in grid else float(fixed[n]) for n in constraint.names}
        broken = constraint.broken_on_grid(arrays, {n: fixed[n] for n in constraint.names if n not in grid},
                                           exact_grid)
        where = np.nonzero(np.broadcast_to(broken, shape) if broken.ndim < len(shape) else broken)
        if where[0].size:
            index = tuple(int(w[0]) for w in where)
            if first is None or index < first[0]:
                first = (index, constraint)
    if first is not None:
        _refuse(space, grid, fixed, aligned, exact_grid, *first)


def _refuse(space: ParameterSpace, grid: Mapping[str, np.ndarray], fixed: Mapping[str, Any], aligned: bool,
            exact_grid: Mapping[str, Mapping[float, Any]], index: tuple[int, ...], fault: Any) -> None:
    """Raise the error for the first refused point: ``fault`` is a parameter's name or a constraint."""
    point = _point(grid, list(grid), index, aligned, exact_grid)
    where = f"draw {index[0]}" if aligned else "the grid point"
    shown = ", ".join(f"{n} = {exact_str(v)}" for n, v in point.items())
    if isinstance(fault, str):
        parameter, value = space[fault], exact(point[fault])
        problem = ("not a whole number" if parameter.integer and not value.is_integer else
                   f"outside its domain {parameter.interval}")
        raise ParameterError(fault, f"at {where} {shown}: {fault} = {exact_str(value)} is {problem}")
    raise ParameterError(", ".join(fault.names), f"at {where} {shown}: {fault.problem({**fixed, **point})}")


def _axis_view(grid: Mapping[str, np.ndarray], name: str, names: list[str], aligned: bool) -> np.ndarray:
    """The coordinate array of ``name`` shaped to broadcast along its own axis (or as is, aligned)."""
    values = np.asarray(grid[name], dtype=float)
    if aligned:
        return values
    shape = [1] * len(names)
    shape[names.index(name)] = values.size
    return values.reshape(shape)


def _point(grid: Mapping[str, np.ndarray], names: list[str], index: tuple[int, ...], aligned: bool,
           exact_grid: Mapping[str, Mapping[float, Any]]) -> dict[str, Any]:
    positions = [index[0]] * len(names) if aligned else list(index)
    return {n: exact_coordinate(exact_grid.get(n), grid[n][i]) for n, i in zip(names, positions, strict=True)}


def exact_coordinate(table: Mapping[float, Any] | None, value: Any) -> Any:
    """A grid coordinate's exact value: as given (``table``), else the float read as its shortest decimal.

    >>> from fractions import Fraction
    >>> exact_coordinate({1 / 3: Fraction(1, 3)}, 1 / 3), exact_coordinate(None, 0.1)
    (Fraction(1, 3), 1/10)
    """
    value = float(value)
    if table and value in table:
        return table[value]
    return exact(value)
