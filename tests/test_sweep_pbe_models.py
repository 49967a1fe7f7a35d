"""Sweeps of the perfect Bayesian models agree with the exact solver at every grid point, knife edges included.

For every model solved by ``perfect_bayesian``, hypothesis picks one or two of its parameters and a small grid
of values around the defaults, including the values of the model's thresholds (where regions meet); at every
point the sweep must report the equilibrium ``model.solve`` lists first -- its name, payoffs, outcome and action
probabilities -- and the same knife-edge verdict and number of equilibria.  A grid with a point outside the
model's assumptions must raise the model's own error.  The sweep takes the generic vectorised PBE path.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from sweep_checks import PBE_MODELS, assert_sweep_matches_solver, candidates, grids, solve_or_error

from escalation.analysis import sweep
from escalation.analysis.pointwise import sweep_pointwise
from escalation.analysis.sweep import equilibrium_names, outcome_names
from escalation.errors import EscalationError
from escalation.models import get_model
from escalation.numbers import exact


def test_the_incomplete_information_models_are_solved_by_the_generic_solver():
    assert set(PBE_MODELS) >= {"audiences", "escalation-one-sided", "mutual", "rudimentary", "unilateral"}


@pytest.mark.parametrize("name", PBE_MODELS)
def test_no_model_supplies_its_own_regions_and_the_sweep_takes_the_generic_path(name):
    model = get_model(name)
    assert model.regions is None
    parameter, default = next(iter(model.parameters.defaults().items()))
    ds = sweep(model, over={parameter: [default]})
    try:
        model.symbolic_game()
    except EscalationError:   # a game whose shape changes with its parameters (reputation's N) goes point by point
        assert ds.attrs["method"].startswith("per-point solver")
    else:
        assert ds.attrs["method"].startswith("equilibrium shapes from exact solves")


@settings(max_examples=50)  # each draw solves every grid point exactly
@given(grids())
def test_sweep_equals_the_exact_solver_at_every_point(case):
    assert_sweep_matches_solver(*case)


@pytest.mark.parametrize("name", PBE_MODELS)
def test_sweep_and_per_point_sweep_give_the_same_dataset(name):
    from escalation.analysis.inputs import resolve

    model = get_model(name)
    parameter = next(iter(model.parameters.defaults()))
    over = {parameter: candidates(model, parameter)}
    over = {parameter: [v for v in over[parameter]
                        if not isinstance(solve_or_error(model, {parameter: exact(v)}), EscalationError)]}
    fast = sweep(model, over=over)
    slow = sweep_pointwise(resolve(model, over))
    assert outcome_names(fast).values.tolist() == outcome_names(slow).values.tolist()
    assert equilibrium_names(fast).values.tolist() == equilibrium_names(slow).values.tolist()
    for variable, dim in (("payoff", "player"), ("outcome_probability", "label"), ("action_probability", "choice")):
        expected = slow[variable].fillna(0.0)
        got = fast[variable].sel({dim: expected[dim].values})
        np.testing.assert_allclose(got.values, expected.values, atol=1e-9, err_msg=variable)
    assert fast.knife_edge.values.tolist() == slow.knife_edge.values.tolist()


@pytest.mark.parametrize("name", PBE_MODELS)
def test_outcome_only_sweep_matches_the_full_one(name):
    model = get_model(name)
    parameter = next(iter(model.parameters.defaults()))
    values = [v for v in candidates(model, parameter)
              if not isinstance(solve_or_error(model, {parameter: exact(v)}), EscalationError)]
    lean, full = sweep(model, over={parameter: values}, outcome_only=True), sweep(model, over={parameter: values})
    assert outcome_names(lean).values.tolist() == outcome_names(full).values.tolist()
    assert equilibrium_names(lean).values.tolist() == equilibrium_names(full).values.tolist()
    assert lean.knife_edge.values.tolist() == full.knife_edge.values.tolist()
    assert lean.equilibria.values.tolist() == full.equilibria.values.tolist()
    # the per-point path computes every variable even when asked for the outcome only (a vectorised path may not)
    assert set(lean.data_vars) >= {"outcome", "knife_edge", "equilibria"}
