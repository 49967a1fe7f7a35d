r"""Readable region conditions: drop what is implied, and write the rest as a reader would.

A region is a conjunction of inequalities :math:`g_1 > 0, \dots, g_k > 0`
inside the domain :math:`D`.  An inequality :math:`g_j > 0` is *redundant* when

.. math:: D \cap \{g_m > 0,\ m \ne j\} \cap \{g_j \le 0\} = \emptyset,

which :class:`~escalation.symbolic.feasibility.Domain` decides (exactly for
linear systems).  Redundant inequalities are dropped one at a time, the most
complicated first, so what remains describes the same region with the
facets that actually bound it.

Each remaining inequality is then written for reading:

* linear: positive terms on the left, the others on the right
  (:math:`a_{DC} - a_{SQ} > 0` becomes :math:`a_{DC} > a_{SQ}`), and a single
  parameter is isolated (:math:`2p - 1 > 0` becomes :math:`p > 1/2`);
* nonlinear: a parameter that enters linearly, with a coefficient whose sign
  is fixed in the region, is isolated as a threshold, a chance probability
  first: :math:`p\,(a_{DC} - a_{DD}) > a_{DC} - a_{SQ}` becomes
  :math:`p > (a_{DC} - a_{SQ})/(a_{DC} - a_{DD})` where :math:`a_{DC} > a_{DD}`.

>>> import sympy
>>> from escalation.symbolic.inequalities import canonical
>>> x, y = sympy.symbols("x y", real=True)
>>> readable(canonical(x - 2 * y + 3))
x + 3 > 2*y
>>> readable(canonical(2 - 4 * x))
x < 1/2
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import sympy

from .feasibility import Domain
from .inequalities import Inequality

__all__ = ["boundary", "drop_redundant", "readable"]


def drop_redundant(inequalities: Iterable[Inequality], domain: Domain,
                   hints: Mapping[sympy.Expr, Sequence[dict]] | None = None) -> tuple[Inequality, ...]:
    """The inequalities left once each one implied by the domain and the others is dropped.

    ``hints`` maps an expression :math:`g` to known admissible points where
    :math:`g > 0`; such a point that also satisfies the other inequalities
    proves at once that :math:`-g > 0` is not redundant.

    >>> import sympy
    >>> from escalation.symbolic.inequalities import canonical
    >>> x, y = sympy.symbols("x y", real=True)
    >>> domain = Domain([canonical(x)], (x, y))                      # x > 0
    >>> drop_redundant([canonical(y - x), canonical(y)], domain)     # y > x > 0 implies y > 0
    (Inequality(expr=-x + y, strict=True),)
    """
    kept = sorted(set(inequalities), key=_simplicity)
    for q in reversed(list(kept)):
        others = [r for r in kept if r != q]
        points = (hints or {}).get(q.opposite, ())
        if domain.check({*others, q.negation()}, [(point, ()) for point in points]).feasible is False:
            kept = others
    return tuple(kept)


def _simplicity(q: Inequality) -> tuple:
    """Sort key: linear before nonlinear, fewer terms and parameters first (ties broken deterministically)."""
    if q.row is not None:  # q.is_linear
        coeffs, constant, _ = q.row
        return (False, len(coeffs) + bool(constant), len(coeffs), q.key)
    return (True, len(sympy.Add.make_args(q.expr)), len(q.symbols), q.key)


def boundary(q: Inequality) -> sympy.Expr:
    """The knife-edge expression of ``q`` with one fixed orientation (positive leading coefficient).

    >>> import sympy
    >>> from escalation.symbolic.inequalities import canonical
    >>> x, y = sympy.symbols("x y", real=True)
    >>> boundary(canonical(y - x)) == boundary(canonical(x - y))
    True
    """
    if q.row is not None:  # q.is_linear
        coeffs = q.row[0]
        return q.expr if coeffs[min(coeffs)] > 0 else q.opposite
    gens = sorted(q.symbols, key=lambda s: s.name)
    return q.expr if sympy.Poly(q.expr, *gens).LC() > 0 else q.opposite


def readable(q: Inequality, domain: Domain | None = None, context: Iterable[Inequality] = ()) -> sympy.Basic:
    """``q`` as a sympy relation in the form a reader expects (see the module docstring).

    ``context`` holds the region's other inequalities; together with the
    domain they fix the sign of a coefficient before it is divided by.
    """
    if len(q.symbols) == 1 and q.is_linear:
        (symbol,) = q.symbols
        return _isolated(q, symbol, 1 if q.expr.coeff(symbol) > 0 else -1)
    if q.is_linear:
        return _split(q)
    if domain is not None:
        for symbol in _isolation_candidates(q, domain):
            coefficient = sympy.Poly(q.expr, symbol).coeff_monomial(symbol)
            sign = _sign(coefficient, domain, context)
            if sign:
                return _isolated(q, symbol, sign, domain.preferred)
    factored = sympy.factor(q.expr)
    return sympy.Gt(factored, 0, evaluate=False) if q.strict else sympy.Ge(factored, 0, evaluate=False)


def _sign(expr: sympy.Expr, domain: Domain, context: Iterable[Inequality]) -> int | None:
    if not expr.free_symbols:
        return 1 if expr > 0 else -1 if expr < 0 else None
    return domain.sign(expr, context)


def _isolation_candidates(q: Inequality, domain: Domain) -> list[sympy.Symbol]:
    """Parameters entering ``q`` linearly: chance probabilities, bounded ones, then constant coefficients."""
    linear = [s for s in q.symbols if sympy.Poly(q.expr, s).degree() == 1]

    def rank(s):
        coefficient = sympy.Poly(q.expr, s).coeff_monomial(s)
        bounded = all(b is not None for b in domain.bounds.get(s, (None, None)))
        return (s not in domain.preferred, not bounded, bool(coefficient.free_symbols),
                len(sympy.Add.make_args(coefficient)), s.name)

    return sorted(linear, key=rank)


def _tidy(expr: sympy.Expr, preferred: Iterable[sympy.Symbol]) -> sympy.Expr:
    """A factored form if there is one, else terms collected by payoff parameter (``a (1 - p) + b p``)."""
    factored = sympy.factor(expr)
    if isinstance(factored, sympy.Mul) or not isinstance(factored, sympy.Add):
        return factored
    payoffs = sorted((s for s in expr.free_symbols if s not in set(preferred)), key=lambda s: s.name)
    return sympy.collect(sympy.expand(expr), payoffs, func=sympy.factor) if payoffs else factored


def _isolated(q: Inequality, symbol: sympy.Symbol, sign: int, preferred: Iterable[sympy.Symbol] = ()) -> sympy.Basic:
    r"""``sign * coefficient * symbol + rest > 0`` as ``symbol > threshold`` (or ``<`` when ``sign < 0``)."""
    coefficient = sympy.Poly(q.expr, symbol).coeff_monomial(symbol)
    rest = sympy.expand(q.expr - coefficient * symbol)
    threshold = _tidy(-sign * rest, preferred) / _tidy(sign * coefficient, preferred)
    if sign > 0:
        return sympy.Gt(symbol, threshold, evaluate=False) if q.strict else sympy.Ge(symbol, threshold, evaluate=False)
    return sympy.Lt(symbol, threshold, evaluate=False) if q.strict else sympy.Le(symbol, threshold, evaluate=False)


def _split(q: Inequality) -> sympy.Basic:
    """A linear inequality with positive coefficients on both sides."""
    positive, negative, constant = [], [], sympy.Integer(0)
    for term in sympy.Add.make_args(q.expr):
        if not term.free_symbols:
            constant += term
        elif term.as_coeff_Mul()[0] > 0:
            positive.append(term)
        else:
            negative.append(-term)
    left, right = sympy.Add(*positive), sympy.Add(*negative)
    if constant > 0:
        left += constant
    else:
        right -= constant
    if not positive:
        return sympy.Lt(right, left, evaluate=False) if q.strict else sympy.Le(right, left, evaluate=False)
    return sympy.Gt(left, right, evaluate=False) if q.strict else sympy.Ge(left, right, evaluate=False)
