"""Closed-form sweeps agree with the models' exact solvers at every grid point, knife edges included.

For every model with a ``regions`` function, hypothesis picks one or two of
its parameters and a small grid of values around the defaults, including the
values of the model's thresholds (where regions meet); at every point the
vectorised sweep must report the equilibrium ``model.solve`` lists first --
its name, payoffs, outcome and action probabilities -- and the same knife-edge
verdict and number of equilibria.  A grid with a point outside the model's
assumptions must raise the model's own error.
"""

import numpy as np
import pytest
from closed_form_checks import CLOSED, assert_sweep_matches_solver, candidates, grids, solve_or_error
from hypothesis import given

from escalation.analysis import sweep
from escalation.analysis.pointwise import sweep_pointwise
from escalation.analysis.sweep import outcome_names
from escalation.errors import EscalationError
from escalation.models import get_model
from escalation.numbers import exact


def test_the_incomplete_information_models_have_closed_forms():
    assert "unilateral" in CLOSED


@given(grids())
def test_closed_form_sweep_equals_the_exact_solver_at_every_point(case):
    assert_sweep_matches_solver(*case)


@pytest.mark.parametrize("name", CLOSED)
def test_closed_form_and_per_point_sweeps_give_the_same_dataset(name):
    from escalation.analysis.inputs import resolve

    model = get_model(name)
    parameter = next(iter(model.parameters.defaults()))
    over = {parameter: candidates(model, parameter)}
    over = {parameter: [v for v in over[parameter]
                        if not isinstance(solve_or_error(model, {parameter: exact(v)}), EscalationError)]}
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
    values = [v for v in candidates(model, parameter)
              if not isinstance(solve_or_error(model, {parameter: exact(v)}), EscalationError)]
    lean, full = sweep(model, over={parameter: values}, outcome_only=True), sweep(model, over={parameter: values})
    assert outcome_names(lean).values.tolist() == outcome_names(full).values.tolist()
    assert set(lean.data_vars) == {"outcome", "knife_edge", "equilibria"}
