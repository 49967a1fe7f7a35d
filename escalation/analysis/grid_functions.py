r"""Expressions of a game's parameters evaluated on a grid, with the bounds of sums substituted first.

:func:`sympy.lambdify` turns a sum whose bounds are parameters -- a quorum of
:math:`k` out of :math:`n` members, :math:`\sum_{j=k}^{n} \binom{n}{j} r^j (1-r)^{n-j}`
-- into a Python loop over ``range(k, n + 1)``, which fails when ``k`` and ``n``
arrive as arrays.  Such bounds must have one whole value on the whole grid; they
are substituted as integers and the sum evaluated, which leaves an ordinary
expression in the other parameters (lambdified as they are, so that a grid
gives the same floats whichever way it is chunked).

>>> import numpy as np, sympy
>>> r, j, n, k = sympy.symbols("r j n k")
>>> quorum = sympy.Sum(sympy.binomial(n, j) * r**j * (1 - r) ** (n - j), (j, k, n))
>>> on_grid([quorum], {"r": np.array([0.5, 1.0]), "n": np.array(3.0), "k": np.array(2.0)})[0].tolist()
[0.5, 1.0]
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import sympy

from ..errors import SolverError

__all__ = ["on_grid", "sum_bounds"]


def sum_bounds(expressions: Sequence[Any], values: Mapping[str, Any]) -> dict[sympy.Symbol, sympy.Integer]:
    """The parameters in the bounds of sums in ``expressions``, each with its one whole value on the grid.

    Raises
    ------
    SolverError
        For a bound that varies on the grid or is not a whole number.
    """
    return {s: _whole(s, values[s.name]) for s in _bound_symbols(tuple(expressions))}


@functools.lru_cache(maxsize=512)
def _bound_symbols(expressions: tuple[Any, ...]) -> tuple[sympy.Symbol, ...]:
    found: set[sympy.Symbol] = set()
    for e in expressions:
        for total in sympy.sympify(e).atoms(sympy.Sum):
            for _, *bounds in total.limits:
                found |= set().union(*(sympy.sympify(b).free_symbols for b in bounds))
    return tuple(sorted(found, key=lambda s: s.name))


def _whole(symbol: sympy.Symbol, value: Any) -> sympy.Integer:
    array = np.asarray(value, dtype=float)
    if array.size != 1 or not float(array.reshape(())).is_integer():
        raise SolverError(f"{symbol.name} bounds a sum in the game's payoffs or chance probabilities, so it cannot be "
                          "swept on the vectorised path and must be a whole number; fix it, or solve point by point")
    return sympy.Integer(int(array.reshape(())))


def on_grid(expressions: Sequence[Any], values: Mapping[str, Any],
            symbols: Sequence[sympy.Symbol] | None = None) -> list[Any]:
    """Each expression evaluated on the broadcast grid of ``values`` (a float where it is constant).

    ``symbols``: the parameters the expressions may contain (default: found in them).
    """
    if symbols is None:
        symbols = sorted(set().union(*(sympy.sympify(e).free_symbols for e in expressions)), key=lambda s: s.name)
    bounds = sum_bounds(expressions, values)
    varying = tuple(s for s in symbols if s not in bounds)
    args = [np.asarray(values[s.name], dtype=float) for s in varying]
    return list(_compiled(tuple(expressions), tuple(sorted(bounds.items(), key=lambda kv: kv[0].name)), varying)(*args))


@functools.lru_cache(maxsize=512)
def _compiled(expressions: tuple[Any, ...], bounds: tuple[tuple[sympy.Symbol, sympy.Integer], ...],
              symbols: tuple[sympy.Symbol, ...]) -> Any:
    table = dict(bounds)
    reduced = [sympy.sympify(e).xreplace(table).doit() if table else e for e in expressions]
    return sympy.lambdify(symbols, reduced, "numpy")
