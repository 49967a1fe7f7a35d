r"""Sparse polynomials with exact rational coefficients: the numbers of the PBE search.

The perfect Bayesian search works with quantities that are exact rationals
(payoffs, chance probabilities, a known belief) or polynomials in a few
unknowns: the probabilities :math:`\sigma_{h}(a)` with which a player mixes at
an information set, and the weights :math:`\kappa_t` of an off-path belief.  A
polynomial is stored as a mapping from monomials to :class:`fractions.Fraction`
coefficients,

.. math:: p = \sum_{m} c_m \prod_{v} v^{e_{m,v}},

with a monomial written as a sorted tuple of ``(variable, exponent)`` pairs.
Arithmetic stays exact and is much faster than general symbolic algebra; sympy
is used only to solve the rare nonlinear systems (:meth:`Polynomial.to_sympy`).

>>> s = Polynomial.variable("s")
>>> p = (1 - s) * 3 + s * Fraction(1, 2)
>>> p
3 - 5/2*s
>>> p.evaluate({"s": Fraction(2, 5)}), p.is_linear
(Fraction(2, 1), True)
>>> (s * s - 1).substitute({"s": Polynomial.constant(1)}).is_zero
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any, Union

import sympy

__all__ = ["Monomial", "Polynomial", "as_polynomial"]

Monomial = tuple[tuple[str, int], ...]
Number = Union[int, Fraction]
ONE: Monomial = ()


def _times(a: Monomial, b: Monomial) -> Monomial:
    if not a:
        return b
    if not b:
        return a
    powers = dict(a)
    for v, e in b:
        powers[v] = powers.get(v, 0) + e
    return tuple(sorted(powers.items()))


class Polynomial:
    """An exact polynomial :math:`\\sum_m c_m\\, m` (immutable by convention; hashable)."""

    __slots__ = ("_hash", "terms")

    def __init__(self, terms: Mapping[Monomial, Fraction] | None = None) -> None:
        self.terms: dict[Monomial, Fraction] = {m: c for m, c in (terms or {}).items() if c != 0}
        self._hash: int | None = None

    # -- construction -----------------------------------------------------------------------
    @staticmethod
    def constant(value: Number) -> Polynomial:
        return Polynomial({ONE: Fraction(value)})

    @staticmethod
    def variable(name: str) -> Polynomial:
        return Polynomial({((name, 1),): Fraction(1)})

    # -- reading ----------------------------------------------------------------------------
    @property
    def is_zero(self) -> bool:
        return not self.terms

    @property
    def is_constant(self) -> bool:
        return not self.terms or (len(self.terms) == 1 and ONE in self.terms)

    @property
    def value(self) -> Fraction:
        """The constant value (raises ValueError if the polynomial has variables)."""
        if not self.is_constant:
            raise ValueError(f"{self} is not a constant")
        return self.terms.get(ONE, Fraction(0))

    @property
    def variables(self) -> frozenset[str]:
        return frozenset(v for m in self.terms for v, _ in m)

    @property
    def is_linear(self) -> bool:
        """True when every monomial has total degree at most one."""
        return all(len(m) == 0 or (len(m) == 1 and m[0][1] == 1) for m in self.terms)

    @property
    def is_monomial(self) -> bool:
        return len(self.terms) == 1

    def linear_parts(self) -> tuple[dict[str, Fraction], Fraction]:
        """``({variable: coefficient}, constant)`` of a linear polynomial."""
        if not self.is_linear:
            raise ValueError(f"{self} is not linear")
        coefs = {m[0][0]: c for m, c in self.terms.items() if m}
        return coefs, self.terms.get(ONE, Fraction(0))

    # -- arithmetic -------------------------------------------------------------------------
    def __add__(self, other: Any) -> Polynomial:
        other = as_polynomial(other)
        out = dict(self.terms)
        for m, c in other.terms.items():
            out[m] = out.get(m, Fraction(0)) + c
        return Polynomial(out)

    __radd__ = __add__

    def __neg__(self) -> Polynomial:
        return Polynomial({m: -c for m, c in self.terms.items()})

    def __sub__(self, other: Any) -> Polynomial:
        return self + (-as_polynomial(other))

    def __rsub__(self, other: Any) -> Polynomial:
        return as_polynomial(other) + (-self)

    def __mul__(self, other: Any) -> Polynomial:
        if isinstance(other, (int, Fraction)):
            if other == 0:
                return Polynomial()
            return Polynomial({m: c * other for m, c in self.terms.items()})
        other = as_polynomial(other)
        out: dict[Monomial, Fraction] = {}
        for m1, c1 in self.terms.items():
            for m2, c2 in other.terms.items():
                m = _times(m1, m2)
                out[m] = out.get(m, Fraction(0)) + c1 * c2
        return Polynomial(out)

    __rmul__ = __mul__

    def substitute(self, values: Mapping[str, Any]) -> Polynomial:
        """Replace variables by numbers or polynomials."""
        if not values or not (self.variables & values.keys()):
            return self
        out = Polynomial()
        for m, c in self.terms.items():
            term = Polynomial({ONE: c})
            rest: list[tuple[str, int]] = []
            for v, e in m:
                if v in values:
                    factor = as_polynomial(values[v])
                    for _ in range(e):
                        term = term * factor
                else:
                    rest.append((v, e))
            out = out + term * Polynomial({tuple(rest): Fraction(1)})
        return out

    def evaluate(self, values: Mapping[str, Fraction]) -> Fraction:
        """The value at a point that gives every variable a number."""
        total = Fraction(0)
        for m, c in self.terms.items():
            for v, e in m:
                c = c * values[v] ** e
            total += c
        return total

    def evaluate_float(self, values: Mapping[str, float]) -> float:
        total = 0.0
        for m, c in self.terms.items():
            term = float(c)
            for v, e in m:
                term *= values[v] ** e
            total += term
        return total

    def to_sympy(self, symbols: Mapping[str, sympy.Symbol] | None = None) -> sympy.Expr:
        symbols = symbols or {}
        out = sympy.Integer(0)
        for m, c in self.terms.items():
            term: sympy.Expr = sympy.Rational(c.numerator, c.denominator)
            for v, e in m:
                term = term * symbols.get(v, sympy.Symbol(v)) ** e
            out = out + term
        return out

    # -- comparison and display ---------------------------------------------------------------
    def __eq__(self, other: object) -> bool:
        if isinstance(other, (int, Fraction)):
            other = Polynomial.constant(other)
        if not isinstance(other, Polynomial):
            return NotImplemented
        return self.terms == other.terms

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self.terms.items()))
        return self._hash

    def __repr__(self) -> str:
        if not self.terms:
            return "0"
        parts = []
        for m, c in sorted(self.terms.items(), key=lambda mc: (len(mc[0]), mc[0])):
            body = "*".join(v if e == 1 else f"{v}**{e}" for v, e in m)
            if not body:
                parts.append(str(c))
            elif c == 1:
                parts.append(body)
            elif c == -1:
                parts.append(f"-{body}")
            else:
                parts.append(f"{c}*{body}")
        return " + ".join(parts).replace("+ -", "- ")


def as_polynomial(value: Any) -> Polynomial:
    """``value`` (an int, Fraction or Polynomial) as a :class:`Polynomial`."""
    if isinstance(value, Polynomial):
        return value
    if isinstance(value, (int, Fraction)):
        return Polynomial.constant(value)
    raise TypeError(f"not a number or polynomial: {value!r}")


def total(values: Iterable[Any]) -> Polynomial:
    """The sum of numbers and polynomials."""
    out = Polynomial()
    for v in values:
        out = out + v
    return out
