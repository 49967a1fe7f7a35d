"""Hostile parameter values (issue 15): every one is solved or refused with one line naming the parameter.

Each case was a traceback, a hang or a silent misreading before: ``I``, ``3j``,
``sqrt(2)``, ``pi``, ``E``, ``exp(800)``, ``1e999999``, ``1e-999999``,
``factorial(10**5)`` and ``10**10**10`` on the command line; ``sympy.I``
through the API; ``unity`` with ``N = 10**400``; ``0x10``, ``1_0`` and ``--1``
read as 16, 10 and 1; a parameter given twice keeping the last value.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy

from escalation.cli import main
from escalation.errors import ParameterError
from escalation.models import get_model
from escalation.numbers import NumberError, parse_number, rational_number

HOSTILE_TEXT = ["I", "3j", "sqrt(2)", "pi", "E", "exp(800)", "1e999999", "1e-999999", "factorial(10**5)",
                "10**10**10", "0x10", "1_0", "--1", "+-1", "1e", ".", "1/0", "nan", "inf", "-inf", "٣", "５",
                "1 000", "1,5", "x", "2*3", "1/2/3", "0.5.1", "'1'", "1" * 500]
class Opaque:
    def __repr__(self) -> str:
        return "Opaque()"


HOSTILE_OBJECTS = [sympy.I, 3j, sympy.sqrt(2), sympy.pi, sympy.E, sympy.exp(800), sympy.Symbol("x"), 10**400,
                   Fraction(1, 10**200), float("nan"), float("inf"), None, [1], {"a": 1}, True, Opaque()]


def cli(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("text", HOSTILE_TEXT)
def test_cli_refuses_hostile_text_naming_the_parameter(capsys, text):
    code, out, err = cli(capsys, "solve", "tripwire", "--set", f"g={text}")
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("escalation: error: parameter 'g': ")


@pytest.mark.parametrize("value", HOSTILE_TEXT + HOSTILE_OBJECTS, ids=lambda v: repr(v)[:30])
def test_api_refuses_hostile_values_naming_the_parameter(value):
    with pytest.raises(ParameterError) as info:
        get_model("unilateral").solve(p_Def=value)
    assert info.value.parameter == "p_Def"
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(("text", "was_read_as"), [("0x10", 16), ("1_0", 10), ("--1", 1), ("٣", 3), ("５", 5)])
def test_no_silent_misreading(text, was_read_as):
    with pytest.raises(NumberError):
        parse_number(text)
    with pytest.raises(ParameterError, match="cannot read"):
        get_model("tripwire").solve(F=text)


@pytest.mark.parametrize(("text", "value"), [
    ("12", 12), ("-12", -12), ("+3", 3), ("0.25", Fraction(1, 4)), (".5", Fraction(1, 2)), ("5.", 5),
    ("2.5e3", 2500), ("1E-6", Fraction(1, 10**6)), ("-3/4", Fraction(-3, 4)), ("6/4", Fraction(3, 2)),
    (" 7 ", 7), ("1e400", 10**400), ("0e400", 0),
])
def test_accepted_number_syntax(text, value):
    assert parse_number(text) == sympy.Rational(value.numerator, value.denominator) if isinstance(value, Fraction) \
        else parse_number(text) == value


def test_sizes_are_bounded_before_anything_is_computed():
    with pytest.raises(NumberError, match="exponents go up to 400"):
        parse_number("1e401")
    with pytest.raises(NumberError, match="more than 100 digits"):
        rational_number("1e100")
    assert rational_number("1e99") == 10**99
    with pytest.raises(NumberError, match="more than 100 digits"):
        rational_number(Fraction(1, 10**100))


def test_unity_with_a_huge_membership_is_refused():
    with pytest.raises(ParameterError, match=r"parameter 'N': 1000\d+ is outside its domain|parameter 'N': a number"):
        get_model("unity").solve(N=10**60)
    with pytest.raises(ParameterError) as info:
        get_model("unity").solve(N=10**400)
    assert info.value.parameter == "N"
    with pytest.raises(ParameterError, match="whole number"):
        get_model("unity").solve(N="5/2")


def test_a_parameter_given_twice_is_an_error(capsys):
    code, _, err = cli(capsys, "solve", "tripwire", "--set", "g=1", "--set", "g=2")
    assert code == 2
    assert "parameter 'g': is set twice (1 and 2)" in err


def test_probability_domains_say_what_the_model_accepts(capsys):
    """unilateral needs both types possible: its domain is open, and the listing says so."""
    with pytest.raises(ParameterError, match=r"parameter 'p_Def': 0 is outside its domain \(0, 1\)"):
        get_model("unilateral").solve(p_Def=0)
    code, out, _ = cli(capsys, "models", "unilateral")
    assert code == 0
    (line,) = [x for x in out.splitlines() if x.strip().startswith("p_Def ")]
    assert "(0, 1)" in line
    assert get_model("tripwire").parameters["q"].interval == "[0, 1]"


def test_every_domain_is_what_solve_accepts():
    """At each end of every bounded domain: the model refuses an open end, and a closed end only if the point
    breaks a joint constraint (an ordering with another parameter at its default)."""
    for name in ("unilateral", "rudimentary", "tripwire", "reputation", "attribution", "unity", "brinkmanship"):
        model = get_model(name)
        for parameter in model.parameters.values():
            for end, closed in zip(parameter.domain, parameter.closed, strict=True):
                if end is None:
                    continue
                if closed:
                    assert _solved_or_joint(model, parameter.name, end), (name, parameter.name, end)
                else:
                    with pytest.raises(ParameterError) as info:
                        model.solve(**{parameter.name: end})
                    assert info.value.parameter == parameter.name


def _solved_or_joint(model, name, value) -> bool:
    """Solved at ``name = value``, or refused for a joint constraint involving ``name`` (not its domain)."""
    try:
        return len(model.solve(**{name: value})) >= 1
    except ParameterError as error:
        return name in error.parameter.split(", ") and ", " in error.parameter
