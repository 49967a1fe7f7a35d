r"""Inequalities between payoffs in one canonical form.

Backward induction compares payoffs: action :math:`a` is strictly better than
:math:`b` for the mover :math:`i` where :math:`u_i(a) - u_i(b) > 0`.  The same
condition can be written in many ways (:math:`2x - 2y > 0`, :math:`x > y`,
:math:`p\,(x - y) > 0` when :math:`p > 0`), so every comparison is put in one
form before regions are compared:

* a rational function :math:`n/d > 0` becomes the polynomial :math:`n\,d > 0`;
* factors whose sign is fixed on the admissible domain are cancelled (with a
  sign flip for negative ones), and so are positive constants;
* what is left is expanded into a primitive polynomial with integer
  coefficients.

So :math:`x - y > 0` and :math:`y - x > 0` are recognised as contradictory
because one expression is exactly the negative of the other.

>>> import sympy
>>> x, y = sympy.symbols("x y", real=True)
>>> canonical(sympy.Rational(4, 3) * (x - y))
Inequality(expr=x - y, strict=True)
>>> canonical(3 * y - 3 * x).expr == -canonical(x - y).expr
True
>>> canonical(sympy.Integer(-2)), canonical(sympy.Integer(0))
(False, False)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from math import gcd
from typing import Any

import sympy

from .lp import LinearConstraint

__all__ = ["Inequality", "Point", "SignOracle", "canonical", "relation_to_inequalities"]

# Sign of an expression on the admissible domain: +1, -1, or None when it is not fixed.
SignOracle = Callable[[sympy.Expr], int | None]


class Point(dict):
    """A parameter point ``{name: Fraction}`` that also keeps its coordinates over a common denominator.

    Linear inequalities with integer coefficients are then checked in integer
    arithmetic, which is what makes trying many candidate points cheap.

    >>> from fractions import Fraction
    >>> Point({"x": Fraction(1, 2), "y": Fraction(1, 3)}).scaled
    (6, {'x': 3, 'y': 2})
    """

    @cached_property
    def scaled(self) -> tuple[int, dict[str, int]]:
        denominator = 1
        for v in self.values():
            d = Fraction(v).denominator
            denominator = denominator * d // gcd(denominator, d)
        return denominator, {k: int(Fraction(v) * denominator) for k, v in self.items()}


@dataclass(frozen=True)
class Inequality:
    """``expr > 0`` (``strict``) or ``expr >= 0`` with ``expr`` a primitive integer polynomial.

    Attributes
    ----------
    expr : sympy.Expr
        Expanded, integer coefficients without common factor.
    strict : bool
    """

    expr: sympy.Expr
    strict: bool = True
    symbols: frozenset[sympy.Symbol] = field(init=False, repr=False, compare=False)
    row: LinearConstraint | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "symbols", frozenset(self.expr.free_symbols))
        object.__setattr__(self, "row", _linear_row(self.expr, self.strict))

    @property
    def is_linear(self) -> bool:
        return self.row is not None

    @cached_property
    def text(self) -> str:
        """``str(expr)``, computed once."""
        return str(self.expr)

    @cached_property
    def key(self) -> tuple:
        """A deterministic sort key (sympy's own hashes change between runs)."""
        if self.row is not None:
            coeffs, constant, _ = self.row
            return (0, sorted(coeffs.items()), constant, self.strict)
        return (1, self.text, self.strict)

    @cached_property
    def opposite(self) -> sympy.Expr:
        """The expression whose positivity contradicts this inequality."""
        return -self.expr

    def holds_at(self, point: Mapping[str, Any]) -> bool:
        """Exact truth value at ``point`` (parameter name -> int, Fraction or sympy number)."""
        if self.row is not None and isinstance(point, Point):
            denominator, numerators = point.scaled
            coeffs, value, _ = self.row
            value = value * denominator
            for name, c in coeffs.items():
                value += c * numerators[name]
        elif self.row is not None:
            coeffs, value, _ = self.row
            for name, c in coeffs.items():
                value = value + c * point[name]
        else:
            value = self.expr.xreplace({s: sympy.sympify(point[s.name]) for s in self.symbols})
        return bool(value > 0) if self.strict else bool(value >= 0)

    def negation(self) -> Inequality:
        """The complement: ``-expr >= 0`` for a strict inequality, ``-expr > 0`` otherwise."""
        return Inequality(-self.expr, not self.strict)

    def relation(self) -> sympy.core.relational.Relational:
        """The plain sympy relation ``expr > 0`` (or ``>=``)."""
        return sympy.Gt(self.expr, 0, evaluate=False) if self.strict else sympy.Ge(self.expr, 0, evaluate=False)


def _linear_row(expr: sympy.Expr, strict: bool) -> LinearConstraint | None:
    """``(coefficients by name, constant, strict)`` when ``expr`` has degree at most one."""
    coeffs: dict[str, Fraction | int] = {}
    constant: Fraction | int = 0
    for term in sympy.Add.make_args(expr):
        c, rest = term.as_coeff_Mul()
        if not c.is_Rational:
            return None
        value = int(c) if c.is_Integer else Fraction(int(c.p), int(c.q))
        if rest == 1:
            constant += value
        elif isinstance(rest, sympy.Symbol):
            coeffs[rest.name] = coeffs.get(rest.name, 0) + value
        else:
            return None
    return coeffs, constant, strict


def _primitive(expr: sympy.Expr) -> sympy.Expr:
    """The primitive integer polynomial that ``expr`` is a positive multiple of."""
    row = _linear_row(expr, True)
    if row is not None:
        return _primitive_linear(expr, row)
    gens = sorted(expr.free_symbols, key=lambda s: s.name)
    _, poly = sympy.Poly(expr, *gens).clear_denoms(convert=True)
    _, poly = poly.primitive()
    return poly.as_expr()


def _primitive_linear(expr: sympy.Expr, row: LinearConstraint) -> sympy.Expr:
    values = [*row[0].values(), row[1]]
    scale = 1
    for v in values:
        if isinstance(v, Fraction):
            scale = scale * v.denominator // gcd(scale, v.denominator)
    common = 0
    for v in values:
        common = gcd(common, int(v * scale))
    factor = sympy.Rational(scale, common)
    return expr if factor == 1 else sympy.expand(factor * expr)


def canonical(expr: sympy.Expr, sign_of: SignOracle | None = None, strict: bool = True) -> Inequality | bool:
    """``expr > 0`` (or ``>= 0``) in canonical form, or a bool when it is decided outright.

    ``sign_of`` tells the sign of a factor on the admissible domain (``None``
    when unknown); factors with a known sign are cancelled.

    >>> import sympy
    >>> p, x, y = sympy.symbols("p x y", real=True)
    >>> canonical(p * x - p * y, lambda f: 1 if f == p else None)
    Inequality(expr=x - y, strict=True)
    >>> canonical((x - y) / (1 + x**2), lambda f: 1 if f == 1 + x**2 else None)
    Inequality(expr=x - y, strict=True)
    """
    expr = sympy.expand(sympy.sympify(expr))
    if not expr.free_symbols:
        return bool(expr > 0) if strict else bool(expr >= 0)
    if _linear_row(expr, strict) is not None:
        return Inequality(_primitive(expr), strict)
    numerator, denominator = sympy.fraction(sympy.together(expr))
    product = sympy.expand(numerator * denominator)
    if _linear_row(product, strict) is not None:
        return Inequality(_primitive(product), strict)
    kept = []
    constant, factors = sympy.factor_list(product)
    sign = 1 if constant > 0 else -1
    for factor, multiplicity in factors:
        known = sign_of(factor) if sign_of is not None else None
        if known is None:
            kept.append(factor**multiplicity)
        elif known < 0 and multiplicity % 2:
            sign = -sign
    if not kept:
        return sign > 0
    return Inequality(_primitive(sympy.expand(sign * sympy.Mul(*kept))), strict)


def relation_to_inequalities(relation: sympy.Basic, where: str = "assumption") -> list[Inequality | bool]:
    """An assumption (a relation, or a conjunction of them) as canonical inequalities.

    Equalities become two weak inequalities.  Anything else (``Or``, ``Ne``,
    non-relations) raises :class:`ValueError`.

    >>> import sympy
    >>> a, b = sympy.symbols("a b", real=True)
    >>> relation_to_inequalities(sympy.And(a < b, b <= 1))
    [Inequality(expr=1 - b, strict=False), Inequality(expr=-a + b, strict=True)]
    """
    if relation is sympy.true:
        return []
    if relation is sympy.false:
        return [False]
    if isinstance(relation, sympy.And):
        return [q for arg in relation.args for q in relation_to_inequalities(arg, where)]
    if isinstance(relation, (sympy.StrictGreaterThan, sympy.GreaterThan)):
        return [canonical(relation.lhs - relation.rhs, strict=isinstance(relation, sympy.StrictGreaterThan))]
    if isinstance(relation, (sympy.StrictLessThan, sympy.LessThan)):
        return [canonical(relation.rhs - relation.lhs, strict=isinstance(relation, sympy.StrictLessThan))]
    if isinstance(relation, sympy.Eq):
        difference = relation.lhs - relation.rhs
        return [canonical(difference, strict=False), canonical(-difference, strict=False)]
    raise ValueError(f"{where} {relation} is not an inequality or a conjunction of inequalities")
