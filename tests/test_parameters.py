"""Parameters and parameter spaces."""

from __future__ import annotations

import math

import pytest
import sympy

from escalation.errors import ParameterError
from escalation.numbers import as_fraction, exact, exact_str
from escalation.parameters import Parameter, ParameterSpace


def space():
    return ParameterSpace([
        Parameter("force", 70, domain=(0, None), unit="thousand troops", description="deployed force",
                  source="essay E1: British Army about 70,000"),
        Parameter("p", "1/2", domain=(0, 1), unit="probability"),
    ])


def test_defaults_are_exact():
    s = space()
    assert s.defaults() == {"force": 70, "p": sympy.Rational(1, 2)}
    assert isinstance(s["p"].default, sympy.Rational)
    assert s["force"].symbol == sympy.Symbol("force", real=True)


@pytest.mark.parametrize(("values", "message"), [
    ({"p": "3/2"}, "parameter 'p': 3/2 is outside its domain [0, 1]"),
    ({"force": -1}, "parameter 'force': -1 is outside its domain [0, oo]"),
    ({"q": 1}, "parameter 'q': unknown; known parameters: force, p"),
    ({"p": math.nan}, "parameter 'p': nan is not finite"),
    ({"p": "x + 1"}, "parameter 'p': needs a number, got the expression x + 1"),
])
def test_validate_rejects_bad_values(values, message):
    with pytest.raises(ParameterError) as info:
        space().validate(values)
    assert str(info.value) == message


def test_validate_overrides_and_substitutions():
    s = space()
    assert s.validate({"p": 0.25}) == {"force": 70, "p": sympy.Rational(1, 4)}
    subs = s.substitutions({"force": 150})
    expr = s["force"].symbol * s["p"].symbol
    assert expr.subs(subs) == 75


def test_bad_definitions():
    with pytest.raises(ParameterError, match="outside its domain"):
        Parameter("p", 2, domain=(0, 1))
    with pytest.raises(ParameterError, match="empty domain"):
        Parameter("p", 0, domain=(1, 0))
    with pytest.raises(ParameterError, match="must be a Python identifier"):
        Parameter("force size", 1)
    with pytest.raises(ParameterError, match="defined twice"):
        ParameterSpace([Parameter("p", 0), Parameter("p", 1)])


@pytest.mark.parametrize(("value", "expected"), [
    (0.1, "1/10"), ("2/6", "1/3"), (-3, "-3"), ("0.25", "1/4"), (sympy.Rational(5, 7), "5/7"),
])
def test_exact_numbers(value, expected):
    assert exact_str(exact(value)) == expected
    assert str(as_fraction(exact(value))) == expected


def test_exact_rejects_non_numbers():
    with pytest.raises(TypeError):
        exact(True)
    with pytest.raises(TypeError):
        exact(object())
