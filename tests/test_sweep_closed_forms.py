"""Closed-form sweeps agree with the models' exact solvers at every grid point, knife edges included.

For every model with a ``regions`` function, hypothesis picks two of its
parameters and a small grid of values around the defaults, including the
values of the model's thresholds (where regions meet); at every point the
vectorised sweep must report the equilibrium ``model.solve`` lists first --
its name, payoffs, outcome and action probabilities -- and the same knife-edge
verdict and number of equilibria.  A grid with a point outside the model's
assumptions must raise the model's own error.
"""

import numpy as np
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from escalation.analysis import sweep
from escalation.analysis.closed_forms import has_closed_form
from escalation.analysis.pointwise import sweep_pointwise
from escalation.analysis.sweep import outcome_names
from escalation.errors import EscalationError
from escalation.models import MODELS, get_model
from escalation.numbers import exact

CLOSED = sorted(name for name in MODELS if has_closed_form(get_model(name)))


def test_the_incomplete_information_models_have_closed_forms():
    assert "unilateral" in CLOSED


def _candidates(model, name):
    """Values of ``name`` worth testing: near its default, and at every threshold that is a value of it."""
    defaults = model.parameters.defaults()
    default = float(defaults[name])
    out = {default, default + 0.1 * max(1.0, abs(default)), default - 0.1 * max(1.0, abs(default)),
           default + 0.37 * max(1.0, abs(default)), default - 0.29 * max(1.0, abs(default))}
    table = {sympy.Symbol(k, real=True): v for k, v in defaults.items()}
    table.update({sympy.Symbol(k): v for k, v in defaults.items()})
    for expression in model.thresholds().values():
        value = sympy.sympify(expression).xreplace(table)
        if value.is_number and value.is_real:
            out.add(float(value))
    return sorted(out)


@st.composite
def grids(draw):
    model = get_model(draw(st.sampled_from(CLOSED)))
    names = list(model.parameters.defaults())
    chosen = draw(st.lists(st.sampled_from(names), min_size=1, max_size=2, unique=True))
    over = {n: draw(st.lists(st.sampled_from(_candidates(model, n)), min_size=1, max_size=3, unique=True))
            for n in chosen}
    return model, over


def _solve_or_error(model, point):
    try:
        return model.solve(**point)
    except EscalationError as error:
        return error


@given(grids())
def test_closed_form_sweep_equals_the_exact_solver_at_every_point(case):
    model, over = case
    points = [dict(zip(over, combo, strict=True)) for combo in np.array(np.meshgrid(*over.values(), indexing="ij"))
              .reshape(len(over), -1).T]
    solved = [_solve_or_error(model, {k: exact(float(v)) for k, v in pt.items()}) for pt in points]
    if any(isinstance(s, EscalationError) for s in solved):
        with pytest.raises(EscalationError):
            sweep(model, over=over)
        return
    ds = sweep(model, over=over)
    assert "closed-form" in ds.attrs["method"]
    for pt, found in zip(points, solved, strict=True):
        cell = ds.sel({k: v for k, v in pt.items()})
        first = found[0]
        assert str(outcome_names(cell).values) == first.name, pt
        assert bool(cell.knife_edge) == bool(found.knife_edge), pt
        assert int(cell.equilibria) == len(found), pt
        for player, value in first.payoffs.items():
            assert float(cell.payoff.sel(player=player)) == pytest.approx(float(value), abs=1e-9), (pt, player)
        for label in ds.label.values:
            expected = float(first.outcomes.get(str(label), 0))
            assert float(cell.outcome_probability.sel(label=label)) == pytest.approx(expected, abs=1e-9), (pt, label)
        for h, actions in first.behaviour.items():
            for a, p in actions.items():
                got = float(cell.action_probability.sel(choice=f"{h}: {a}"))
                assert got == pytest.approx(float(p), abs=1e-9), (pt, h, a)


@pytest.mark.parametrize("name", CLOSED)
def test_closed_form_and_per_point_sweeps_give_the_same_dataset(name):
    from escalation.analysis.inputs import resolve

    model = get_model(name)
    parameter = next(iter(model.parameters.defaults()))
    over = {parameter: _candidates(model, parameter)}
    over = {parameter: [v for v in over[parameter]
                        if not isinstance(_solve_or_error(model, {parameter: exact(v)}), EscalationError)]}
    fast = sweep(model, over=over)
    slow = sweep_pointwise(resolve(model, over))
    assert outcome_names(fast).values.tolist() == outcome_names(slow).values.tolist()
    for variable, dim in (("payoff", "player"), ("outcome_probability", "label"), ("action_probability", "choice")):
        expected = slow[variable].fillna(0.0)
        got = fast[variable].sel({dim: expected[dim].values})
        np.testing.assert_allclose(got.values, expected.values, atol=1e-9, err_msg=variable)
    assert fast.knife_edge.values.tolist() == slow.knife_edge.values.tolist()


@pytest.mark.parametrize("name", CLOSED)
def test_outcome_only_closed_form_sweep_matches_the_full_one(name):
    model = get_model(name)
    parameter = next(iter(model.parameters.defaults()))
    values = [v for v in _candidates(model, parameter)
              if not isinstance(_solve_or_error(model, {parameter: exact(v)}), EscalationError)]
    lean, full = sweep(model, over={parameter: values}, outcome_only=True), sweep(model, over={parameter: values})
    assert outcome_names(lean).values.tolist() == outcome_names(full).values.tolist()
    assert set(lean.data_vars) == {"outcome", "knife_edge", "equilibria"}
