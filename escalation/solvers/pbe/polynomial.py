r"""Exact numbers of the PBE search: rationals, and sparse polynomials where unknowns appear.

The perfect Bayesian search works with quantities that are exact rationals
(payoffs, chance probabilities, a known belief) or polynomials in a few
unknowns: the probabilities :math:`\sigma_{h}(a)` with which a player mixes at
an information set, and the weights :math:`\kappa_t` of an off-path belief.  A
number (``Num``) is a :class:`fractions.Fraction` when it is known, and a
:class:`Polynomial` otherwise,

.. math:: p = \sum_{m} c_m \prod_{v} v^{e_{m,v}},

stored as a mapping from monomials (sorted ``(variable, exponent)`` tuples) to
rational coefficients.  Arithmetic between them is exact; a result without
unknowns is returned as a Fraction, so the common, fully known case costs no
more than rational arithmetic.  sympy is used only to solve the rare nonlinear
systems (:meth:`Polynomial.to_sympy`).

>>> s = Polynomial.variable("s")
>>> p = (1 - s) * 3 + s * Fraction(1, 2)
>>> p
3 - 5/2*s
>>> evaluate(p, {"s": Fraction(2, 5)}), p.is_linear
(Fraction(2, 1), True)
>>> s * s - s * s
Fraction(0, 1)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any, TypeGuard

import sympy

__all__ = ["FloatPolynomial", "Monomial", "Num", "Polynomial", "evaluate", "is_constant", "is_zero", "substitute",
           "value", "variables"]

Monomial = tuple[tuple[str, int], ...]
ONE: Monomial = ()
ZERO_F = Fraction(0)


def _times(a: Monomial, b: Monomial) -> Monomial:
    if not a:
        return b
    if not b:
        return a
    powers = dict(a)
    for v, e in b:
        powers[v] = powers.get(v, 0) + e
    return tuple(sorted(powers.items()))


def _normal(terms: dict[Monomial, Fraction]) -> Num:
    """A Fraction when ``terms`` has no unknowns, else a Polynomial (zero coefficients dropped)."""
    terms = {m: c for m, c in terms.items() if c}
    if not terms:
        return ZERO_F
    if len(terms) == 1 and ONE in terms:
        return terms[ONE]
    return Polynomial._of(terms)


class Polynomial:
    """An exact polynomial with at least one unknown (immutable by convention; hashable)."""

    __slots__ = ("_hash", "terms")

    def __init__(self, terms: Mapping[Monomial, Fraction]) -> None:
        self.terms: dict[Monomial, Fraction] = dict(terms)
        self._hash: int | None = None

    @classmethod
    def _of(cls, terms: dict[Monomial, Fraction]) -> Polynomial:
        """A polynomial that takes ``terms`` as they are (no copy, no check: nonzero coefficients, an unknown)."""
        p = cls.__new__(cls)
        p.terms = terms
        p._hash = None
        return p

    @staticmethod
    def variable(name: str) -> Polynomial:
        return Polynomial({((name, 1),): Fraction(1)})

    @staticmethod
    def monomial(m: Monomial, coefficient: Fraction = Fraction(1)) -> Num:
        return _normal({m: coefficient})

    # -- reading ----------------------------------------------------------------------------
    @property
    def variables(self) -> frozenset[str]:
        return frozenset(v for m in self.terms for v, _ in m)

    @property
    def is_linear(self) -> bool:
        """True when every monomial has total degree at most one."""
        return all(len(m) == 0 or (len(m) == 1 and m[0][1] == 1) for m in self.terms)

    def linear_parts(self) -> tuple[dict[str, Fraction], Fraction]:
        """``({variable: coefficient}, constant)`` of a linear polynomial."""
        if not self.is_linear:
            raise ValueError(f"{self} is not linear")
        coefs = {m[0][0]: c for m, c in self.terms.items() if m}
        return coefs, self.terms.get(ONE, Fraction(0))

    # -- arithmetic -------------------------------------------------------------------------
    def __add__(self, other: Any) -> Num:
        if not isinstance(other, Polynomial):
            if not other:
                return self
            terms = {ONE: ZERO_F + other}   # a Fraction, whatever number came in (as before)
        else:
            terms = other.terms
        out = dict(self.terms)
        for m, c in terms.items():
            total = out.get(m)
            if total is None:
                out[m] = c
                continue
            total = total + c
            if total:
                out[m] = total
            else:
                del out[m]
        if not out:
            return ZERO_F
        if len(out) == 1 and ONE in out:
            return out[ONE]
        return Polynomial._of(out)

    __radd__ = __add__

    def __neg__(self) -> Num:
        return Polynomial({m: -c for m, c in self.terms.items()})

    def __sub__(self, other: Any) -> Num:
        return self + (-other)

    def __rsub__(self, other: Any) -> Num:
        return (-self) + other

    def __mul__(self, other: Any) -> Num:
        if not isinstance(other, Polynomial):
            if other == 0:
                return ZERO_F
            if other == 1:
                return self
            return Polynomial._of({m: c * other for m, c in self.terms.items()})
        out: dict[Monomial, Fraction] = {}
        for m1, c1 in self.terms.items():
            for m2, c2 in other.terms.items():
                m = _times(m1, m2)
                out[m] = out.get(m, ZERO_F) + c1 * c2
        return _normal(out)

    __rmul__ = __mul__

    def common_monomial(self) -> Monomial:
        """The largest monomial (coefficient one) dividing every term."""
        terms = iter(self.terms)
        common = dict(next(terms))
        for m in terms:
            powers = dict(m)
            common = {v: min(e, powers[v]) for v, e in common.items() if v in powers}
        return tuple(sorted(common.items()))

    def divide_monomial(self, m: Monomial) -> Num:
        """This polynomial divided by the monomial ``m`` (which must divide every term)."""
        if not m:
            return self
        out = {}
        for term, c in self.terms.items():
            powers = dict(term)
            for v, e in m:
                powers[v] -= e
            out[tuple(sorted((v, e) for v, e in powers.items() if e))] = c
        return _normal(out)

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
        if not isinstance(other, Polynomial):
            return False
        return self.terms == other.terms

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self.terms.items()))
        return self._hash

    def __repr__(self) -> str:
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


Num = Fraction | Polynomial


# -- helpers that accept either kind of number ---------------------------------------------------

def is_constant(x: Num) -> TypeGuard[Fraction]:
    return not isinstance(x, Polynomial)


def is_zero(x: Num) -> bool:
    return not isinstance(x, Polynomial) and x == 0


def value(x: Num) -> Fraction:
    """The value of a known number (raises ValueError for a polynomial)."""
    if isinstance(x, Polynomial):
        raise ValueError(f"{x} is not a known number")
    return x


def variables(x: Num) -> frozenset[str]:
    return x.variables if isinstance(x, Polynomial) else frozenset()


def is_linear(x: Num) -> bool:
    return not isinstance(x, Polynomial) or x.is_linear


def linear_parts(x: Num) -> tuple[dict[str, Fraction], Fraction]:
    return x.linear_parts() if isinstance(x, Polynomial) else ({}, x)


def common_monomial(x: Num) -> Monomial:
    return x.common_monomial() if isinstance(x, Polynomial) else ONE


def divide_monomial(x: Num, m: Monomial) -> Num:
    return x.divide_monomial(m) if isinstance(x, Polynomial) else x


def to_sympy(x: Num, symbols: Mapping[str, sympy.Symbol] | None = None) -> sympy.Expr:
    return x.to_sympy(symbols) if isinstance(x, Polynomial) else sympy.Rational(x.numerator, x.denominator)


def substitute(x: Num, values: Mapping[str, Num]) -> Num:
    """Replace unknowns by numbers or polynomials."""
    if not isinstance(x, Polynomial) or not values:
        return x
    if not (x.variables & values.keys()):
        return x
    out: Num = ZERO_F
    for m, c in x.terms.items():
        term: Num = c
        rest: list[tuple[str, int]] = []
        for v, e in m:
            if v in values:
                for _ in range(e):
                    term = term * values[v]
            else:
                rest.append((v, e))
        out = out + term * Polynomial.monomial(tuple(rest))
    return out


def evaluate(x: Num, point: Mapping[str, Fraction]) -> Fraction:
    """The value at a point that gives every unknown a number."""
    if not isinstance(x, Polynomial):
        return x
    total = ZERO_F
    for m, c in x.terms.items():
        for v, e in m:
            c = c * point[v] ** e
        total += c
    return total


class FloatPolynomial:
    """A floating-point copy of a number or polynomial, to rule out points cheaply and safely.

    :meth:`surely_fails` is True only when the exact value at the point
    certainly breaks the relation: the float value is beyond a margin of
    :math:`10^{-9} \\sum_m |c_m x^m|`, far above the rounding error of the
    few operations involved.  Where it says False nothing is decided.

    >>> s = Polynomial.variable("s")
    >>> screen = FloatPolynomial(3 * s - 1)
    >>> screen.surely_fails(">", {"s": Fraction(1, 4)}), screen.surely_fails(">", {"s": Fraction(1, 3)})
    (True, False)
    """

    __slots__ = ("terms",)

    def __init__(self, x: Num) -> None:
        items = x.terms.items() if isinstance(x, Polynomial) else [(ONE, x)]
        try:
            self.terms = [(float(c), m) for m, c in items]
        except OverflowError:  # a coefficient beyond floats: never rule anything out
            self.terms = [(0.0, ONE)]

    def surely_fails(self, rel: str, point: Mapping[str, Fraction]) -> bool:
        """Whether ``p rel 0`` (rel ``"="``, ``">="`` or ``">"``) is certainly false at ``point``."""
        value = size = 0.0
        try:
            for c, m in self.terms:
                for v, e in m:
                    c *= float(point[v]) ** e
                value += c
                size += abs(c)
        except OverflowError:
            return False
        margin = 1e-9 * size
        return abs(value) > margin if rel == "=" else value < -margin


def total(values: Iterable[Num]) -> Num:
    """The sum of numbers and polynomials."""
    out: Num = ZERO_F
    for v in values:
        out = out + v
    return out
