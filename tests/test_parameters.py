"""Parameters and parameter spaces."""

from __future__ import annotations

import math

import numpy as np
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
    ({"force": -1}, "parameter 'force': -1 is outside its domain [0, oo)"),
    ({"q": 1}, "parameter 'q': unknown; known parameters: force, p"),
    ({"p": math.nan}, "parameter 'p': nan is not finite"),
    ({"p": "x + 1"}, "parameter 'p': cannot read 'x + 1' as a number: write an integer (-12), a decimal (0.25), "
                     "scientific notation (2.5e3) or a fraction of two integers (3/4)"),
    ({"p": sympy.Symbol("x") + 1}, "parameter 'p': needs a number, got the expression x + 1"),
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


# --- plausible ranges and priors ------------------------------------------------------------------

def test_plausible_range_is_exact_and_inside_the_domain():
    p = Parameter("k", "1/5", domain=(0, None), plausible=("1/20", 0.5))
    assert p.plausible == (sympy.Rational(1, 20), sympy.Rational(1, 2))
    assert Parameter("k", "1/5").plausible is None
    with pytest.raises(ParameterError, match=r"parameter 'k': -1 is outside its domain \[0, oo\)"):
        Parameter("k", "1/5", domain=(0, None), plausible=(-1, 1))
    with pytest.raises(ParameterError, match=r"parameter 'k': empty plausible range \[1, 1/2\]"):
        Parameter("k", "1/5", domain=(0, None), plausible=(1, "1/2"))


def test_prior_from_scipy_draws_with_the_given_generator():
    from scipy import stats

    p = Parameter("q", "1/20", domain=(0, 1), prior=stats.loguniform(0.01, 0.2))
    a, b = p.sample(500, seed=7), p.sample(500, seed=np.random.default_rng(7))
    assert a.shape == (500,)
    assert np.array_equal(a, b)  # an int seed and a Generator with that seed give the same draws
    assert a.min() >= 0.01
    assert a.max() <= 0.2
    assert not np.array_equal(a, p.sample(500, seed=8))
    # log-uniform: the median is the geometric mean of the ends, not their midpoint
    assert abs(np.median(p.sample(20_000, seed=1)) - math.sqrt(0.01 * 0.2)) < 0.005


def test_prior_sampler_function():
    def quorum(rng, size):
        """uniform on {3, 4, 5}"""
        return rng.integers(3, 6, size=size)

    p = Parameter("k_quorum", 5, domain=(1, 5), prior=quorum)
    draws = p.sample(300, seed=0)
    assert set(np.unique(draws)) == {3.0, 4.0, 5.0}
    assert p.prior_text == "uniform on {3, 4, 5}"


@pytest.mark.parametrize(("family", "arguments", "text"), [
    ("uniform", (0, 0.1), "uniform on [0, 0.1]"),
    ("loguniform", (2, 20), "log-uniform on [2, 20]"),
    ("randint", (3, 6), "uniform on the integers 3..5"),
    ("beta", (2, 5), "beta(2, 5)"),
])
def test_prior_text(family, arguments, text):
    from scipy import stats

    dist = getattr(stats, family)(*arguments)
    assert Parameter("x", 0, domain=(0, None), prior=dist).prior_text == text


def test_bad_priors_name_the_parameter():
    from scipy import stats

    with pytest.raises(ParameterError, match=r"parameter 'p': a prior must be a frozen scipy\.stats distribution"):
        Parameter("p", "1/2", domain=(0, 1), prior=[0.1, 0.2])
    with pytest.raises(ParameterError, match=r"parameter 'p': the prior's support reaches 2, outside"):
        Parameter("p", "1/2", domain=(0, 1), prior=stats.uniform(0, 2))
    with pytest.raises(ParameterError, match="parameter 'p': the prior's support is unbounded"):
        Parameter("p", "1/2", domain=(0, 1), prior=stats.norm(0.5, 0.1))
    wild = Parameter("p", "1/2", domain=(0, 1), prior=lambda rng, size: rng.normal(0.5, 1, size))
    with pytest.raises(ParameterError, match=r"parameter 'p': the prior drew .* outside the domain"):
        wild.sample(100, seed=0)
    with pytest.raises(ParameterError, match="parameter 'p': has no prior to draw from"):
        Parameter("p", "1/2").sample(3)
