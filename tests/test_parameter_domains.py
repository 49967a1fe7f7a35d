"""Declared domains and what each model accepts agree (issue 15).

A parameter's domain (``Parameter.domain``, ``closed``, ``integer``) and its
model's declared joint constraints (``ParameterSpace.constraints``) are the
whole of what the model assumes: at every finite end of every parameter's
domain, and just inside and just outside it (others at their defaults),

- a value the domain admits either passes validation and is then solved
  (built, for the guarantee games, whose exact solve takes minutes) without
  any error, or is refused by a declared constraint naming it;
- a value outside the domain is refused by validation with a
  ``ParameterError`` naming the parameter.

Before this test, the guarantee game listed ``pi_R``, ``beta`` and
``rho_member`` on ``[0, 1]`` and ``m``, ``N_members`` and ``k_quorum`` as any
number, and refused the ends and fractions only once the tree was built;
porcupine's ``risk_exponent`` on ``(0, 1]`` raised a bare ``ValueError`` at
``1/100000`` (deals with more than 4,300 digits).
"""

from __future__ import annotations

import contextlib
import io
import json
from fractions import Fraction

import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from escalation.analysis import sweep
from escalation.cli import main
from escalation.errors import ParameterError
from escalation.models import MODELS, get_model

ENDS = [(name, p.name, side) for name in sorted(MODELS) for p in get_model(name).parameters.values()
        for side, end in enumerate(p.domain) if end is not None]
CHEAP_ENDS = [e for e in ENDS if not e[0].startswith("guarantee")]
OFFSETS = [Fraction(0), Fraction(1, 10), Fraction(1, 10**6), Fraction(1, 10**30), Fraction(-1, 10**6),
           Fraction(-1, 10**30), Fraction(-1, 10), Fraction(1, 2), Fraction(1), Fraction(-1)]


def point_at_end(model, name: str, side: int, offset: Fraction) -> sympy.Rational:
    """The end ``side`` (0 low, 1 high) of ``name``'s domain, moved inward by ``offset`` (outward if negative)."""
    end = model.parameters[name].domain[side]
    inward = 1 if side == 0 else -1
    return end + inward * sympy.Rational(offset.numerator, offset.denominator)


def _refusal(space, name: str, value) -> ParameterError | None:
    try:
        space.validate({name: value})
    except ParameterError as error:
        return error
    return None


def check_end(model, name: str, value: sympy.Rational) -> str:
    parameter, space = model.parameters[name], model.parameters
    admitted = parameter.admits(value)
    refusal = _refusal(space, name, value)
    if refusal is not None:
        named = set(refusal.parameter.split(", "))
        if not admitted:
            assert named == {name}, str(refusal)
            return "outside: refused"
        assert name in named, str(refusal)
        assert named in [set(c.names) for c in space.constraints], str(refusal)
        return "inside: refused by a declared constraint"
    assert admitted, f"{model.name}: {name} = {value} passed validation outside {parameter.interval}"
    if model.name.startswith("guarantee"):
        model.game(**{name: value})
        return "inside: built"
    found = model.solve(**{name: value})
    assert found.exact
    return "inside: solved"


@given(st.sampled_from(CHEAP_ENDS), st.sampled_from(OFFSETS))
def test_domain_ends_of_every_model_are_solved_inside_and_refused_outside(end, offset):
    name, parameter, side = end
    model = get_model(name)
    check_end(model, parameter, point_at_end(model, parameter, side, offset))


@pytest.mark.parametrize("model_name", sorted(n for n in MODELS if n.startswith("guarantee")))
def test_domain_ends_of_the_guarantee_probabilities_and_counts(model_name):
    model = get_model(model_name)
    for name in ("pi_R", "beta", "rho_member"):
        for side in (0, 1):
            assert check_end(model, name, point_at_end(model, name, side, Fraction(0))) == "outside: refused"
            assert check_end(model, name, point_at_end(model, name, side, Fraction(1, 10**6))) == "inside: built"
    for name in ("m", "N_members", "k_quorum"):
        assert check_end(model, name, point_at_end(model, name, 0, Fraction(1, 2))) == "outside: refused"
    assert check_end(model, "k_quorum", sympy.Integer(6)) == "inside: refused by a declared constraint"


@pytest.mark.slow
@given(st.sampled_from(ENDS), st.sampled_from(OFFSETS))
def test_domain_ends_of_every_model_including_the_guarantee_games(end, offset):
    name, parameter, side = end
    model = get_model(name)
    check_end(model, parameter, point_at_end(model, parameter, side, offset))


def test_the_guarantee_orderings_are_declared_constraints():
    """A sweep or Monte Carlo draw now refuses a broken ordering up front, like ``solve``."""
    space = get_model("guarantee").parameters
    declared = {c.relation for c in space.constraints}
    assert {"W_H < W_L", "V_Lim < V_Rev", "phi_P < phi_O", "x_P < x_O", "c_P < c_O", "rho_P <= rho_O",
            "k_quorum <= N_members"} <= declared
    with pytest.raises(ParameterError, match=r"parameter 'W_H, W_L'"):
        space.validate({"W_L": "1/2"})


@pytest.mark.parametrize("value", ["1/100000", "1/11", "0"])
def test_porcupine_refuses_a_risk_exponent_below_one_tenth(value):
    """At 1/100000 the deals are powers with more than 4,300 digits: a bare ValueError before."""
    with pytest.raises(ParameterError, match=r"parameter 'risk_exponent': .* outside its domain \[1/10, 1\]"):
        get_model("porcupine").solve(risk_exponent=value)


def test_porcupine_at_the_lowest_risk_exponent_with_long_values_is_exact_on_the_command_line():
    """The bargaining range's ends are tenth powers of rationals with 100-digit parts, written exactly in the JSON."""
    values = {"p_R": "7" * 100 + "/" + "9" * 100, "delta_p": "1/" + "3" * 100, "c_R": "1/" + "7" * 100,
              "c_U": "1/" + "1" * 100, "risk_exponent": "1/10"}
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["solve", "porcupine", *(a for k, v in values.items() for a in ("--set", f"{k}={v}")), "--json"])
    assert (code, err.getvalue()) == (0, "")
    p = Fraction(values["p_R"]) - Fraction(values["delta_p"])
    c_a, c_b = Fraction(values["c_R"]) + Fraction(1, 10), Fraction(values["c_U"])
    low, high = (p - c_a) ** 10, 1 - (1 - p - c_b) ** 10
    assert len(str(low.denominator)) > 1000
    notes = json.loads(out.getvalue())["notes"]
    assert f"bargaining range (complete information, known costs): [{low}, {high}]" in notes


@pytest.mark.parametrize(("model", "over", "message"), [
    ("porcupine", {"risk_exponent": [0.5, 0.05]}, "parameter 'risk_exponent': at the grid point risk_exponent = 1/20"),
    ("guarantee", {"pi_R": [0.5, 1.0]}, "parameter 'pi_R': at the grid point pi_R = 1: pi_R = 1 is outside its domain"),
    ("guarantee", {"m": [1.0, 1.5]}, "parameter 'm': at the grid point m = 3/2: m = 3/2 is not a whole number"),
    ("guarantee", {"W_L": [2.0, 0.5]}, "parameter 'W_H, W_L': at the grid point W_L = 1/2: the guarantee game assumes"),
])
def test_a_sweep_through_a_newly_declared_limit_is_refused_before_solving(model, over, message):
    """The guarantee game used to refuse these only when building the tree at that point, after solving the others."""
    with pytest.raises(ParameterError) as refused:
        sweep(model, over=over)
    assert str(refused.value).startswith(message)
