"""Fuzzing every registered model's parameters through the API and the command line (issue 15).

Values are drawn inside and outside each parameter's domain (its ends, open or closed, just inside and
just outside), equal to or crossing the parameters a constraint orders it against, huge and tiny, NaN,
infinities, text (numbers in and out of the accepted syntax, hostile expressions, random strings),
empty strings and other Python objects.  Every point is either solved (a verified ``Equilibria``) or
refused with a ``ParameterError`` naming one of the parameters drawn -- never another exception.
On the command line the same values, as text, end with exit code 0, or 2 and one line naming the
parameter.  The default run draws ``max_examples`` points of the cheap models; the ``slow`` run
draws 1000 (``ESCALATION_FUZZ_EXAMPLES``) over every model and prints its counts (``pytest -s``).
"""

from __future__ import annotations

import collections
import contextlib
import io
import math
import os
from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from escalation.cli import main
from escalation.errors import EscalationError, ParameterError
from escalation.models import MODELS, get_model

HOSTILE_TEXT = ["I", "3j", "sqrt(2)", "pi", "E", "exp(800)", "1e999999", "1e-999999", "factorial(10**5)",
                "10**10**10", "0x10", "1_0", "--1", "", " ", "nan", "inf", "-inf", "1/0", "٣", "５", "1e400",
                "-1e400", "1e-400", "9" * 120, "1/" + "7" * 120, "1e", "e5", "+", "1.2.3", "N", "x+1", "2*3"]
OBJECTS = [None, True, [1], {"a": 1}, 1j, sympy.I, sympy.sqrt(2), sympy.pi, sympy.Symbol("x"), sympy.oo,
           sympy.nan, sympy.Float("0.25"), float("nan"), math.inf, -math.inf, -0.0, 5e-324, 1.7976931348623157e308]
COUNTS: collections.Counter = collections.Counter()


MODEL_NAMES = sorted(MODELS)
CHEAP = [n for n in MODEL_NAMES if not n.startswith("guarantee")]
# Solving a guarantee game takes seconds (every perfect Bayesian equilibrium, exactly): for these models the fuzz
# builds the game instead, through the API (``model.game``) and the command line (``escalation export``).  Every
# check of a parameter value happens before the solver runs; solving is tested in tests/test_guarantee_*.py.
BUILT_ONLY = frozenset(n for n in MODEL_NAMES if n.startswith("guarantee"))


def _neighbours(model, name: str) -> list:
    """The default values of the parameters a constraint ties ``name`` to (equal to them breaks a strict order)."""
    defaults = model.parameters.defaults()
    return [defaults[n] for c in model.parameters.constraints if name in c.names for n in c.names if n != name]


@st.composite
def values(draw, model, name: str):
    """A value for parameter ``name`` of ``model``: admissible, at or beyond a boundary, or hostile."""
    parameter = model.parameters[name]
    low, high = parameter.domain
    centre = Fraction(int(parameter.default.p), int(parameter.default.q))
    ends = [Fraction(int(b.p), int(b.q)) for b in (low, high) if b is not None]
    tiny = Fraction(1, draw(st.sampled_from([10, 10**6, 10**30, 10**99])))
    near = [e + d for e in ends for d in (-tiny, 0, tiny)]
    inside = st.fractions(min_value=ends[0] if low is not None else None,
                          max_value=ends[-1] if high is not None else None, max_denominator=10**6)
    kinds = [
        st.just(centre), inside, st.sampled_from(near) if near else st.just(centre),
        st.sampled_from([Fraction(str(v)) for v in _neighbours(model, name)] or [centre]),
        st.integers(-10**6, 10**6), st.integers(min_value=-(10**120), max_value=10**120),
        st.fractions(max_denominator=10**120), st.floats(allow_nan=True, allow_infinity=True),
        st.sampled_from(HOSTILE_TEXT), st.sampled_from(OBJECTS), st.text(max_size=12),
        st.fractions(max_denominator=50).map(lambda f: f"{f.numerator}/{f.denominator}"),
        st.decimals(allow_nan=True, allow_infinity=True, places=4).map(str),
    ]
    return draw(st.one_of(kinds))


@st.composite
def points(draw, names=tuple(CHEAP)):
    model = get_model(draw(st.sampled_from(list(names))))
    chosen = draw(st.lists(st.sampled_from(list(model.parameters)), min_size=1, max_size=3, unique=True))
    return model, {n: draw(values(model, n)) for n in chosen}


def _names_a_drawn_parameter(error: ParameterError, point: dict) -> bool:
    return any(n in point for n in error.parameter.split(", "))


def check_api(model, point: dict) -> str:
    """``"solved"`` (``"built"`` for the guarantee games) or ``"refused"``; anything else fails the test."""
    refusal: ParameterError | None = None
    try:
        found = model.game(**point) if model.name in BUILT_ONLY else model.solve(**point)
    except ParameterError as error:
        refusal = error
    if refusal is not None:
        assert _names_a_drawn_parameter(refusal, point), (model.name, point, str(refusal))
        assert "\n" not in str(refusal)
        return "refused"
    if model.name in BUILT_ONLY:
        return "built"
    assert found.exact
    return "solved"


def _as_text(value) -> str | None:
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}" if value.denominator != 1 else str(value.numerator)
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return value if isinstance(value, str) else repr(value)
    return None


def check_cli(model, point: dict) -> str:
    settings_ = [f"{n}={t}" for n, v in point.items() if (t := _as_text(v)) is not None]
    if not settings_:
        return "skipped"
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        command = ["export", model.name, "--format", "json"] if model.name in BUILT_ONLY else \
            ["solve", model.name, "--json"]
        code = main([*command, *(a for s in settings_ for a in ("--set", s))])
    if code == 0:
        return "built" if model.name in BUILT_ONLY else "solved"
    text = err.getvalue()
    assert code == 2, (model.name, settings_, text)
    assert text.count("\n") == 1, text
    assert text.startswith("escalation: error: "), text
    assert text.startswith("escalation: error: parameter '"), text
    named = text.split("'")[1].split(", ")
    assert any(n in point or n in {s.partition("=")[0].strip() for s in settings_} for n in named), text
    return "refused"


@given(points())
def test_api_solves_or_refuses_naming_the_parameter(drawn):
    check_api(*drawn)


@given(points())
def test_cli_solves_or_refuses_in_one_line_naming_the_parameter(drawn):
    check_cli(*drawn)


@pytest.mark.slow
@settings(max_examples=int(os.environ.get("ESCALATION_FUZZ_EXAMPLES", "1000")))
@given(points(names=tuple(MODEL_NAMES)))
def test_many_points_of_every_model(drawn):
    model, point = drawn
    COUNTS["api " + check_api(model, point)] += 1
    COUNTS["cli " + check_cli(model, point)] += 1


@pytest.mark.slow
def test_report_counts():
    """Run after the slow fuzz (same module): print its counts for the closing note."""
    if COUNTS:
        print("\nparameter fuzz:", dict(sorted(COUNTS.items())))


def test_every_model_is_drawn():
    assert set(CHEAP) | {n for n in MODEL_NAMES if n.startswith("guarantee")} == set(MODELS)
    assert all(isinstance(get_model(n).parameters["" + next(iter(get_model(n).parameters))].default, sympy.Rational)
               for n in MODEL_NAMES)


def test_escalation_errors_are_the_only_refusals():
    assert issubclass(ParameterError, EscalationError)
