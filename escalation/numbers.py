r"""Exact numbers: the one place where user input becomes sympy and back.

Payoffs and probabilities are kept as sympy ``Rational`` (or symbolic
expressions) until the caller asks for floats.  Floats given by a user are
read through their shortest decimal representation, so ``0.1`` becomes
``1/10`` rather than the binary fraction closest to it.

**What a number may look like** (in a string: on the command line, in a
``--set``, in ``exact("...")``): an integer ``-12``, a decimal ``0.25`` or
``.5``, scientific notation ``2.5e3`` or ``1E-6`` (exponent at most
:data:`MAX_EXPONENT` in size), or a fraction of two integers ``-3/4``; ASCII
digits only, one optional sign, no spaces inside.  Refused: hexadecimal
(``0x10``), digit separators (``1_0``), repeated signs (``--1``), digits of
other scripts, ``nan``, ``inf``, complex numbers and function calls
(``sqrt(2)``, ``exp(800)``): a payoff or a parameter is a rational number.
Strings that are not a number may be an *expression* in named symbols
(``"p_B - 1"``, ``"x**2/2"``): names, numbers, ``+ - * /``, parentheses and
``**`` with a whole exponent of at most three digits; every name is a plain
symbol (``"E"`` and ``"I"`` are symbols, not Euler's number or the imaginary
unit).  A parameter value must be a number (:func:`rational_number`), with at
most :data:`MAX_DIGITS` digits in its numerator and its denominator.

>>> from escalation.numbers import exact, exact_str
>>> exact("1/3") + exact(0.1)
13/30
>>> exact_str(exact("-6/4"))
'-3/2'
>>> exact("2.5e-3"), exact("x/2")
(1/400, x/2)
"""

from __future__ import annotations

import decimal
import math
import re
from fractions import Fraction
from numbers import Number
from typing import Any

import sympy

__all__ = [
    "MAX_DIGITS",
    "MAX_EXPONENT",
    "Exact",
    "NotFiniteError",
    "NumberError",
    "as_fraction",
    "exact",
    "exact_str",
    "is_numeric",
    "parse_exact",
    "parse_number",
    "rational_number",
]

Exact = sympy.Expr

MAX_EXPONENT = 400
"""The largest exponent accepted in scientific notation (``1e400``, ``1e-400``)."""

MAX_DIGITS = 100
"""The most digits a parameter value's numerator or denominator may have (:func:`rational_number`)."""

NUMBER_SYNTAX = ("an integer (-12), a decimal (0.25), scientific notation (2.5e3) or a fraction of two "
                 "integers (3/4)")

_DIGITS = "[0-9]"
_NUMBER = re.compile(rf"""
    (?P<sign>[+-]?)
    (?:
        (?P<numerator>{_DIGITS}+)/(?P<denominator>{_DIGITS}+)
      | (?P<mantissa>{_DIGITS}+\.?{_DIGITS}*|\.{_DIGITS}+)(?:[eE](?P<exponent>[+-]?{_DIGITS}+))?
    )""", re.VERBOSE)
_TOKEN = re.compile(r"\s*(?:(?P<number>(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)"
                    r"|(?P<name>[A-Za-z_][A-Za-z_0-9]*)|(?P<op>\*\*|[-+*/()]))")
_MAX_EXPRESSION = 1000  # characters


class NotFiniteError(ValueError):
    """Raised by :func:`exact` for NaN or infinite values; callers rewrap it."""


class NumberError(TypeError):
    """A value that is not an acceptable exact number; the message speaks of the value, for the user.

    Callers rewrap it in the package's own error naming the parameter, payoff or file at fault.
    """


def exact(value: Any) -> sympy.Expr:
    """Convert ``value`` to an exact sympy expression.

    Accepts ints, :class:`fractions.Fraction`, :class:`decimal.Decimal`,
    floats (read as their shortest decimal), strings (see the module
    docstring for the syntax), and sympy expressions.  NaN and infinities
    raise :class:`NotFiniteError`; anything else that is not a number raises
    :class:`NumberError` (a ``TypeError``).

    >>> exact(Fraction(2, 4)), exact(2.5), exact("x/2")
    (1/2, 5/2, x/2)
    >>> exact("0x10")
    Traceback (most recent call last):
    ...
    escalation.numbers.NumberError: cannot read '0x10': unexpected 'x10' (write * between factors)
    """
    if isinstance(value, sympy.Basic):
        expr = value
    elif isinstance(value, bool):
        raise NumberError(f"a true/false value is not a number: {value!r}")
    elif isinstance(value, int):
        expr = sympy.Integer(value)
    elif isinstance(value, Fraction):
        expr = sympy.Rational(value.numerator, value.denominator)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise NotFiniteError(f"{value!r} is not finite")
        expr = parse_number(repr(float(value)))  # float(): numpy 2 scalars repr as "np.float64(...)"
    elif isinstance(value, decimal.Decimal):
        if not value.is_finite():
            raise NotFiniteError(f"{value} is not finite")
        expr = parse_number(str(value))
    elif isinstance(value, str):
        expr = parse_exact(value)
    elif isinstance(value, complex):
        raise NumberError(f"{value!r} is a complex number; payoffs and parameters are real")
    elif isinstance(value, Number):  # numpy scalars and the like
        item = value.item() if hasattr(value, "item") else value
        if isinstance(item, Number) and not isinstance(item, complex) and type(item) is not type(value):
            return exact(item)
        raise NumberError(f"not a number this package can read exactly: {value!r}")
    else:
        raise NumberError(f"not a number or expression: {_shown(value)}")
    if expr.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo):
        raise NotFiniteError(f"{_shown(value)} is not finite")
    if not isinstance(expr, sympy.Expr):
        raise NumberError(f"not a number or expression: {_shown(value)}")
    return expr


def _shown(value: Any) -> str:
    """``value`` for a message, shortened (and never a thousand-digit number written out)."""
    if isinstance(value, int | sympy.Rational) and not isinstance(value, bool):
        size = max(abs(int(getattr(value, "p", value))), int(getattr(value, "q", 1)))
        if size >= 10**40:
            return f"a number of {len(str(size)) if size < 10**4000 else 'more than 4000'} digits"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def parse_number(text: str) -> sympy.Rational:
    """A number written in the accepted syntax (see the module docstring), exactly.

    >>> parse_number("-7/3"), parse_number(" 1.5e2 "), parse_number(".25")
    (-7/3, 150, 1/4)
    >>> parse_number("1e999999")
    Traceback (most recent call last):
    ...
    escalation.numbers.NumberError: '1e999999' is too large or too small: exponents go up to 400
    """
    stripped = text.strip()
    if not stripped:
        raise NumberError("an empty value is not a number")
    match = _NUMBER.fullmatch(stripped)
    if match is None:
        raise NumberError(f"cannot read {_shown(stripped)} as a number: write {NUMBER_SYNTAX}")
    if match["numerator"] is not None:
        _check_length(stripped)
        if int(match["denominator"]) == 0:
            raise NumberError(f"{stripped!r} divides by zero")
        value = sympy.Rational(int(match["numerator"]), int(match["denominator"]))
    else:
        exponent = int(match["exponent"] or 0) if len(match["exponent"] or "") <= 8 else MAX_EXPONENT + 1
        if abs(exponent) > MAX_EXPONENT:
            raise NumberError(f"{stripped!r} is too large or too small: exponents go up to {MAX_EXPONENT}")
        _check_length(match["mantissa"])
        whole, _, fraction = match["mantissa"].partition(".")
        value = sympy.Rational(int(whole + fraction or "0"), 10 ** len(fraction)) * sympy.Rational(10) ** exponent
    return -value if match["sign"] == "-" else value


def _check_length(digits: str) -> None:
    if len(digits) > 2 * MAX_EXPONENT:
        raise NumberError(f"a number of {len(digits)} characters is too long: write at most {2 * MAX_EXPONENT}")


def parse_exact(text: str) -> sympy.Expr:
    """Parse a number (``"1/3"``, ``"-2"``, ``"0.25"``) or an expression in named symbols exactly.

    Expressions may use names, numbers, ``+ - * /``, parentheses and ``**``
    with a whole exponent of at most three digits.  The text is parsed here,
    token by token (never evaluated as Python or handed to sympy's parser),
    so no input can call a function or run for long.

    >>> parse_exact("0.25"), parse_exact(" -7/3 "), parse_exact("-(p_B - 1)**2/2")
    (1/4, -7/3, -(p_B - 1)**2/2)
    >>> parse_exact("sqrt(2)")
    Traceback (most recent call last):
    ...
    escalation.numbers.NumberError: cannot read 'sqrt(2)': functions such as sqrt( are not accepted
    """
    stripped = text.strip()
    if _NUMBER.fullmatch(stripped):
        return parse_number(stripped)
    return _Expression(stripped).parse()


class _Expression:
    """A recursive-descent reader of the expression syntax (see :func:`parse_exact`)."""

    MAX_DEPTH = 50

    def __init__(self, text: str) -> None:
        if not text:
            raise NumberError("an empty value is not a number")
        if len(text) > _MAX_EXPRESSION:
            raise NumberError(f"an expression of {len(text)} characters is too long")
        self.text = text
        self.tokens = self._tokens(text)
        self.at = 0
        self.depth = 0

    def _tokens(self, text: str) -> list[tuple[str, str]]:
        tokens: list[tuple[str, str]] = []
        position, end = 0, len(text.rstrip())
        while position < end:
            match = _TOKEN.match(text, position)
            if match is None:
                raise self.error(f"write {NUMBER_SYNTAX}, or an expression of names with + - * / **")
            kind = match.lastgroup or ""
            tokens.append((kind, match[kind]))
            position = match.end()
        return tokens

    def error(self, problem: str) -> NumberError:
        return NumberError(f"cannot read {_shown(self.text)}: {problem}")

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.at] if self.at < len(self.tokens) else ("end", "")

    def take(self) -> tuple[str, str]:
        token = self.peek()
        self.at += 1
        return token

    def parse(self) -> sympy.Expr:
        expr = self.sum()
        if self.peek()[0] != "end":
            raise self.error(f"unexpected {self.peek()[1]!r} (write * between factors)")
        return expr

    def sum(self) -> sympy.Expr:
        expr = self.product()
        while self.peek()[1] in ("+", "-"):
            sign = self.take()[1]
            term = self.product()
            expr = expr + term if sign == "+" else expr - term
        return expr

    def product(self) -> sympy.Expr:
        expr = self.signed()
        while self.peek()[1] in ("*", "/"):
            operator = self.take()[1]
            factor = self.signed()
            expr = expr * factor if operator == "*" else expr / factor
        return expr

    def signed(self) -> sympy.Expr:
        if self.peek()[1] in ("+", "-"):
            sign = self.take()[1]
            if self.peek()[1] in ("+", "-"):
                raise self.error("a sign may not follow another sign")
            value = self.power()
            return -value if sign == "-" else value
        return self.power()

    def power(self) -> sympy.Expr:
        base = self.atom()
        if self.peek()[1] != "**":
            return base
        self.take()
        sign = self.take()[1] if self.peek()[1] == "-" else ""
        kind, digits = self.take()
        if kind != "number" or not digits.isdigit() or len(digits) > 3:
            raise self.error("a power needs a whole exponent of at most three digits")
        return base ** sympy.Integer(int(sign + digits))

    def atom(self) -> sympy.Expr:
        kind, token = self.take()
        if kind == "number":
            return parse_number(token)
        if kind == "name":
            if self.peek()[1] == "(":
                raise self.error(f"functions such as {token}( are not accepted")
            return sympy.Symbol(token)
        if token == "(":
            self.depth += 1
            if self.depth > self.MAX_DEPTH:
                raise self.error(f"more than {self.MAX_DEPTH} nested parentheses")
            expr = self.sum()
            if self.take()[1] != ")":
                raise self.error("a parenthesis is not closed")
            self.depth -= 1
            return expr
        raise self.error("it ends too early" if kind == "end" else f"unexpected {token!r}")


def rational_number(value: Any) -> sympy.Rational:
    """``value`` as an exact rational number of moderate size, or :class:`NumberError` saying why not.

    The number must be finite, real and rational (no symbols, no ``sqrt(2)``
    or ``pi``), with at most :data:`MAX_DIGITS` digits in its numerator and
    its denominator.  A string must be a number in the accepted syntax (see
    the module docstring), not an expression.

    >>> rational_number("3/4"), rational_number(0.1)
    (3/4, 1/10)
    >>> rational_number(sympy.sqrt(2))
    Traceback (most recent call last):
    ...
    escalation.numbers.NumberError: needs a rational number (an integer, a decimal or a fraction), got sqrt(2)
    """
    try:
        number = parse_number(value) if isinstance(value, str) else exact(value)
    except NotFiniteError as exc:
        raise NumberError(str(exc)) from None
    if isinstance(number, sympy.Float):
        number = parse_number(str(number))
    if not isinstance(number, sympy.Rational):
        if number.free_symbols:
            raise NumberError(f"needs a number, got the expression {_shown(number)}")
        if number.has(sympy.I):
            raise NumberError(f"needs a real number, got the complex number {_shown(number)}")
        raise NumberError(f"needs a rational number (an integer, a decimal or a fraction), got {_shown(number)}")
    limit = 10**MAX_DIGITS
    if abs(number.p) >= limit or number.q >= limit:
        raise NumberError(f"{_shown(number)} has more than {MAX_DIGITS} digits in its numerator or denominator: "
                          "too large to compute with exactly")
    return number


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
        expr = parse_number(str(expr))
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
