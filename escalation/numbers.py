"""Exact numbers: the one place where user input becomes sympy and back.

Payoffs and probabilities are kept as sympy ``Rational`` (or symbolic
expressions) until the caller asks for floats.  Floats given by a user are
read through their shortest decimal representation, so ``0.1`` becomes
``1/10`` rather than the binary fraction closest to it.

>>> from escalation.numbers import exact, exact_str
>>> exact("1/3") + exact(0.1)
13/30
>>> exact_str(exact("-6/4"))
'-3/2'
"""

from __future__ import annotations

import math
from fractions import Fraction
from numbers import Number
from typing import Any

import sympy

__all__ = ["Exact", "as_fraction", "exact", "exact_str", "is_numeric", "parse_exact"]

Exact = sympy.Expr


class NotFiniteError(ValueError):
    """Raised by :func:`exact` for NaN or infinite values; callers rewrap it."""


def exact(value: Any) -> sympy.Expr:
    """Convert ``value`` to an exact sympy expression.

    Accepts ints, :class:`fractions.Fraction`, floats (read as their shortest
    decimal), strings such as ``"3/4"`` or ``"p_B - 1"``, and sympy expressions.
    NaN and infinities raise :class:`NotFiniteError`; anything else that is not
    a number raises :class:`TypeError`.

    >>> exact(Fraction(2, 4)), exact(2.5), exact("x/2")
    (1/2, 5/2, x/2)
    """
    if isinstance(value, sympy.Basic):
        expr = value
    elif isinstance(value, bool):
        raise TypeError(f"a boolean is not a number: {value!r}")
    elif isinstance(value, int):
        expr = sympy.Integer(value)
    elif isinstance(value, Fraction):
        expr = sympy.Rational(value.numerator, value.denominator)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise NotFiniteError(f"{value!r} is not finite")
        expr = sympy.Rational(repr(float(value)))  # float(): numpy 2 scalars repr as "np.float64(...)"
    elif isinstance(value, str):
        expr = parse_exact(value)
    elif isinstance(value, Number):  # numpy scalars and the like
        return exact(value.item() if hasattr(value, "item") else float(value))
    else:
        raise TypeError(f"not a number or expression: {value!r}")
    if expr.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo):
        raise NotFiniteError(f"{value!r} is not finite")
    if not isinstance(expr, sympy.Expr):
        raise TypeError(f"not a number or expression: {value!r}")
    return expr


def parse_exact(text: str) -> sympy.Expr:
    """Parse ``"1/3"``, ``"-2"``, ``"0.25"`` or a sympy expression string exactly.

    >>> parse_exact("0.25"), parse_exact(" -7/3 ")
    (1/4, -7/3)
    """
    text = text.strip()
    try:
        return sympy.Rational(Fraction(text))
    except (ValueError, ZeroDivisionError):
        pass
    try:
        expr = sympy.sympify(text, rational=True)
    except (sympy.SympifyError, SyntaxError, TypeError) as exc:
        raise TypeError(f"cannot read {text!r} as a number or expression") from exc
    if not isinstance(expr, sympy.Expr):
        raise TypeError(f"cannot read {text!r} as a number or expression")
    return expr


def is_numeric(expr: sympy.Expr) -> bool:
    """True when ``expr`` has no free symbols (it is a plain number)."""
    return not expr.free_symbols


def as_fraction(expr: Any) -> Fraction:
    """An exact rational number as a :class:`fractions.Fraction` (fast arithmetic).

    >>> as_fraction(exact("2/6"))
    Fraction(1, 3)
    """
    if isinstance(expr, Fraction):
        return expr
    if isinstance(expr, int) and not isinstance(expr, bool):
        return Fraction(expr)
    expr = exact(expr)
    if expr.is_Float:
        return Fraction(repr(float(expr)))
    if not expr.is_Rational:
        raise TypeError(f"{expr} is not a rational number")
    return Fraction(int(expr.p), int(expr.q))


def exact_str(value: Any) -> str:
    """The exact string form used in JSON and Gambit files: ``"1/3"``, ``"-2"``.

    >>> exact_str(Fraction(1, 3)), exact_str(4)
    ('1/3', '4')
    """
    if isinstance(value, Fraction):
        return str(value)
    return str(exact(value))
