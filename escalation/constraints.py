r"""Joint assumptions on a model's parameters: strict orderings, sums below one, distinct values.

A single parameter's range is its domain (:class:`~escalation.parameters.Parameter`);
what ties several parameters together is a :class:`Constraint`: a relation
such as ``c_DE < c_DD`` or ``p_HH + p_HS + p_SH < 1`` that every admissible
point satisfies, with the reason a model assumes it.  A
:class:`~escalation.parameters.ParameterSpace` checks its constraints at every
numeric point it validates, so ``solve`` refuses a point that breaks one, and
:meth:`Constraint.broken_on_grid` checks a whole sweep grid at once (in floats,
with every point near the boundary decided again in exact arithmetic), so a
sweep refuses the same points on every path.

>>> order = Constraint("c_DE < c_DD", "a game")
>>> order.names
('c_DE', 'c_DD')
>>> order.check({"c_DE": 1, "c_DD": 3})
>>> order.check({"c_DE": 3, "c_DD": 3})
Traceback (most recent call last):
...
escalation.errors.ParameterError: parameter 'c_DE, c_DD': a game assumes c_DE < c_DD, but c_DE = 3 is not below c_DD = 3
>>> import numpy as np
>>> order.broken_on_grid({"c_DE": np.array([[1.0], [3.0]]), "c_DD": np.array([[2.0, 3.0]])}).tolist()
[[False, False], [True, True]]
>>> increasing("a", "b", "c", why="a toy model")
(Constraint('a < b', 'a toy model'), Constraint('b < c', 'a toy model'))
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy

from .errors import ParameterError
from .numbers import exact, parse_exact

__all__ = ["RTOL", "Constraint", "distinct", "increasing"]

RTOL = 1e-9
"""Relative distance from a constraint's boundary within which a grid point is decided exactly."""

_RELATION = re.compile(r"^(?P<left>[^<>!=]+?)\s*(?P<op><=|>=|<|>|!=)\s*(?P<right>[^<>!=]+)$")
_EXACT = {"<": lambda g: g < 0, "<=": lambda g: g <= 0, ">": lambda g: g > 0, ">=": lambda g: g >= 0,
          "!=": lambda g: g != 0}
_OPERATORS = {"<": np.less, "<=": np.less_equal, ">": np.greater, ">=": np.greater_equal, "!=": np.not_equal}


class Constraint:
    """A relation between parameters that every admissible point satisfies.

    Parameters
    ----------
    relation : str
        ``"left OP right"`` with ``OP`` one of ``<``, ``<=``, ``>``, ``>=``,
        ``!=`` and both sides expressions in the parameters' names (see
        :func:`~escalation.numbers.parse_exact`), e.g. ``"p_HH + p_HS < 1"``.
    why : str
        Who assumes it, for the error message (``"the chain store"``).
    meaning : str, optional
        What the relation says, appended to the message in parentheses.
    assumes : str, optional
        The assumption as the model states it, if wider than ``relation``
        (the whole chain ``a < b < c`` of which ``relation`` is one link).
    """

    def __init__(self, relation: str, why: str, meaning: str = "", assumes: str = "") -> None:
        match = _RELATION.match(relation.strip())
        if match is None:
            raise ParameterError("constraint", f"cannot read {relation!r}: write e.g. 'a < b' or 'p + q <= 1'")
        self.relation, self.why, self.meaning = relation.strip(), why, meaning
        self.assumes = assumes or self.relation
        self.operator = match["op"]
        left, right = _real(parse_exact(match["left"])), _real(parse_exact(match["right"]))
        self.difference = sympy.expand(left - right)
        known = {s.name for s in (left - right).free_symbols} | {s.name for s in left.free_symbols | right.free_symbols}
        order = [n for n in re.findall(r"[A-Za-z_][A-Za-z_0-9]*", self.relation) if n in known]
        self.names: tuple[str, ...] = tuple(dict.fromkeys(order))

    def __repr__(self) -> str:
        return f"Constraint({self.relation!r}, {self.why!r})"

    def as_relation(self) -> sympy.Basic | None:
        """The constraint as a sympy inequality in the parameters' real symbols (``None`` for ``!=``)."""
        make = {"<": sympy.Lt, "<=": sympy.Le, ">": sympy.Gt, ">=": sympy.Ge}.get(self.operator)
        return None if make is None else make(self.difference, 0)

    def holds(self, values: Mapping[str, Any]) -> bool:
        """Whether the relation holds at the exact point ``values`` (keyed by name)."""
        gap = self.difference.xreplace({sympy.Symbol(n, real=True): exact(values[n]) for n in self.names})
        return bool(_EXACT[self.operator](gap))

    def check(self, values: Mapping[str, Any]) -> None:
        """Raise :class:`~escalation.errors.ParameterError` naming the parameters unless the relation holds."""
        if not self.holds(values):
            raise ParameterError(", ".join(self.names), self.problem(values))

    def problem(self, values: Mapping[str, Any]) -> str:
        """What the message says when the relation fails at ``values``."""
        left, _, right = self.relation.partition(f" {self.operator} ")
        if self.operator == "<" and (left, right) == self.names:
            shown = f"{left} = {values[left]} is not below {right} = {values[right]}"
        elif self.operator == "!=" and (left, right) == self.names:
            shown = f"both are {values[left]}"
        else:
            shown = " and ".join(f"{n} = {values[n]}" for n in self.names)
        return f"{self.why} assumes {self.assumes}{f' ({self.meaning})' if self.meaning else ''}, but {shown}"

    def broken_on_grid(self, values: Mapping[str, Any], exact_values: Mapping[str, Any] | None = None,
                       exact_grid: Mapping[str, Mapping[float, Any]] | None = None) -> np.ndarray:
        """Where the relation fails on a grid of floats (arrays broadcast against each other).

        ``exact_values`` holds the exact value of each parameter given as a
        number (not an array); points within :data:`RTOL` of the boundary are
        decided again in exact arithmetic, each float as its exact value in
        ``exact_grid[name]`` where given, else read as its shortest decimal.
        """
        exact_grid = exact_grid or {}
        exact_values = dict(exact_values or {})
        arrays = [np.asarray(values[n], dtype=float) for n in self.names]
        with np.errstate(all="ignore"):
            gap = np.asarray(_lambdified(self.difference, self.names)(*arrays), dtype=float)
            scale = np.maximum(1.0, _lambdified(_size(self.difference), self.names)(*arrays))
        broken = ~_OPERATORS[self.operator](gap, 0.0)
        close = ~(np.abs(gap) > RTOL * scale)  # NaN counts as close: decided exactly
        if close.any():
            shape = np.broadcast_shapes(*(a.shape for a in arrays), gap.shape)
            broken = np.array(np.broadcast_to(broken, shape))
            grids = [np.broadcast_to(a, shape) for a in arrays]
            for index in zip(*np.nonzero(np.broadcast_to(close, shape)), strict=True):
                point = {n: exact_values[n] if n in exact_values else _exact(exact_grid.get(n), float(g[index]))
                         for n, g in zip(self.names, grids, strict=True)}
                broken[index] = not self.holds(point)
        return broken


def _exact(table: Mapping[float, Any] | None, value: float) -> Any:
    return table[value] if table and value in table else exact(value)


def _real(expr: sympy.Expr) -> sympy.Expr:
    """``expr`` with each symbol replaced by the real symbol of the same name (as parameters have)."""
    return expr.xreplace({s: sympy.Symbol(s.name, real=True) for s in expr.free_symbols})


def _size(expr: sympy.Expr) -> sympy.Expr:
    """The sum of the absolute values of the terms of ``expr``: the scale of its rounding error."""
    return sympy.Add(*(sympy.Abs(term) for term in sympy.Add.make_args(expr)))


@functools.lru_cache(maxsize=256)
def _lambdified(expr: sympy.Expr, names: tuple[str, ...]):
    return sympy.lambdify([sympy.Symbol(n, real=True) for n in names], expr, "numpy")


def increasing(*names: str, why: str, meaning: str = "") -> tuple[Constraint, ...]:
    """The strict ordering ``names[0] < names[1] < ...``, one constraint per neighbouring pair."""
    chain = " < ".join(names)
    return tuple(Constraint(f"{low} < {high}", why, meaning, assumes=chain)
                 for low, high in itertools.pairwise(names))


def distinct(first: str, second: str, why: str, meaning: str = "") -> Constraint:
    """``first != second``."""
    return Constraint(f"{first} != {second}", why, meaning)
