r"""Exact expectations over a binomial count, written in the sparser of two polynomial bases.

When :math:`n` others each take an action with probability :math:`p`, the
expectation of :math:`f(k)` over the number :math:`k` who take it is the
Bernstein polynomial

.. math:: B_f(p) = \sum_{k=0}^{n} \binom{n}{k} p^k (1-p)^{n-k} f(k)
          = \sum_{j=0}^{n} \binom{n}{j} (\Delta^j f)(0)\, p^j ,

with :math:`\Delta` the forward difference; by symmetry it is also :math:`\sum_j \binom{n}{j} (\Delta^j g)(0)\,q^j`
with :math:`q = 1 - p` and :math:`g(k) = f(n - k)`.  A payoff that changes only
at one count (someone volunteers, a quorum is reached) has few non-zero
differences in one of the two bases: the volunteer's dilemma's gain
:math:`U(1-p)^{n} - K` is two terms in :math:`q` but :math:`n + 1` in :math:`p`.
:func:`sparse_form` picks the basis with fewer terms, which keeps expectations
and their roots exact for a thousand players.

>>> from fractions import Fraction
>>> form = sparse_form([Fraction(3), Fraction(-1), Fraction(-1)])   # U = 4, K = 1, n = 2 others
>>> form.variable, dict(form.terms)
('q', {0: Fraction(-1, 1), 2: Fraction(4, 1)})
>>> roots_in_unit_interval(form)
[1/2]
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy

from ..errors import SolverError

__all__ = ["MAX_DEGREE", "SparseForm", "expectation", "roots_in_unit_interval", "sign", "sparse_form"]

MAX_DEGREE = 200  # degree up to which a polynomial with three or more terms has its real roots isolated exactly
_X = sympy.Symbol("x")


@dataclass(frozen=True)
class SparseForm:
    """:math:`\\sum_j c_j x^j` with ``x`` either ``"p"`` or ``"q" = 1 - p``; ``terms`` maps ``j`` to ``c_j``."""

    variable: str
    terms: tuple[tuple[int, Fraction], ...]

    @property
    def is_zero(self) -> bool:
        return not self.terms

    def at(self, p: Any) -> sympy.Expr:
        """The exact value at ``p`` (a sympy number)."""
        x = p if self.variable == "p" else 1 - p
        return sympy.Add(*(sympy.Rational(c.numerator, c.denominator) * x**j for j, c in self.terms))


def _differences(values: Sequence[Fraction]) -> list[Fraction]:
    """:math:`(\\Delta^j f)(0)` for ``j = 0 .. n``, in integer arithmetic."""
    scale = math.lcm(*(v.denominator for v in values))
    row = [v.numerator * (scale // v.denominator) for v in values]
    out = []
    while row:
        out.append(Fraction(row[0], scale))
        row = [b - a for a, b in itertools.pairwise(row)]
    return out


def _terms(values: Sequence[Fraction]) -> tuple[tuple[int, Fraction], ...]:
    n = len(values) - 1
    return tuple((j, math.comb(n, j) * d) for j, d in enumerate(_differences(values)) if d != 0)


def sparse_form(values: Sequence[Fraction]) -> SparseForm:
    """:math:`B_f` for ``values`` :math:`= (f(0), \\dots, f(n))`, in whichever of ``p``, ``q`` has fewer terms."""
    in_p, in_q = _terms(values), _terms(list(reversed(values)))
    return SparseForm("p", in_p) if len(in_p) <= len(in_q) else SparseForm("q", in_q)


def expectation(values: Sequence[Fraction], p: Any) -> sympy.Expr:
    """:math:`\\mathrm{E}[f(k)]` for :math:`k \\sim \\mathrm{Binomial}(n, p)`, exact.

    >>> from fractions import Fraction
    >>> expectation([Fraction(0), Fraction(1), Fraction(1), Fraction(1)], sympy.Rational(1, 2))  # P(k >= 1)
    7/8
    """
    return sparse_form(values).at(sympy.sympify(p))


def roots_in_unit_interval(form: SparseForm) -> list[sympy.Expr]:
    """Every ``p`` in the open interval (0, 1) where ``form`` vanishes (``form`` must not be zero).

    Two terms :math:`c_a x^a + c_b x^b` give the radical :math:`x = (-c_a/c_b)^{1/(b-a)}`;
    more are isolated exactly by :meth:`sympy.Poly.real_roots` up to degree :data:`MAX_DEGREE`.
    """
    low = form.terms[0][0]
    shifted = [(j - low, c) for j, c in form.terms]
    if len(shifted) == 1:
        roots: list[sympy.Expr] = []
    elif len(shifted) == 2:
        ratio = -shifted[0][1] / shifted[1][1]
        roots = [sympy.Rational(ratio.numerator, ratio.denominator) ** sympy.Rational(1, shifted[1][0])] \
            if 0 < ratio < 1 else []
    else:
        degree = shifted[-1][0]
        if degree > MAX_DEGREE:
            raise SolverError(f"the indifference condition is a polynomial of degree {degree} with {len(shifted)} "
                              f"terms; its roots are isolated exactly up to degree {MAX_DEGREE}")
        scale = math.lcm(*(c.denominator for _, c in shifted))
        coefficients = [0] * (degree + 1)
        for j, c in shifted:
            coefficients[degree - j] = int(c * scale)
        found = sympy.Poly(coefficients, _X).real_roots(multiple=True)
        roots = []
        for r in found:
            if 0 < r < 1 and all(r != s for s in roots):
                roots.append(r)
    return [x if form.variable == "p" else 1 - x for x in roots]


def sign(value: sympy.Expr) -> int:
    """The exact sign of an algebraic number built from rationals, radicals and at most one :class:`~sympy.CRootOf`.

    A polynomial :math:`V` in a root :math:`r` of the irreducible :math:`P` vanishes exactly when
    :math:`P` divides :math:`V`; otherwise its sign is read from a 60-digit evaluation.  Radicals are
    decided numerically when clearly away from zero, and by their minimal polynomial otherwise.
    """
    value = sympy.sympify(value)
    if value.is_Rational:
        return int(bool(value > 0)) - int(bool(value < 0))
    roots = value.atoms(sympy.CRootOf)
    if len(roots) == 1:
        (root,) = roots
        polynomial = sympy.Poly(sympy.expand(value.xreplace({root: _X})), _X)
        if polynomial.rem(sympy.Poly(root.poly.all_coeffs(), _X)).is_zero:
            return 0
        approx = polynomial.as_expr().xreplace({_X: root.evalf(80)}).evalf(60)
        return 1 if approx > 0 else -1
    approx = value.evalf(60)
    if approx.is_Number and abs(approx) > sympy.Float("1e-40"):
        return 1 if approx > 0 else -1
    if sympy.minimal_polynomial(value, _X) == _X:
        return 0
    approx = value.evalf(2000)
    if not approx.is_Number or approx == 0:
        raise SolverError(f"the sign of {value} could not be decided")
    return 1 if approx > 0 else -1
