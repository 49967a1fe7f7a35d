"""Every registered model can be swept, and the sweep agrees with the model's own solver point by point.

Whatever path a sweep takes (vectorised tree, closed form, or per point),
the equilibrium it reports at each grid point must be the one ``model.solve``
lists first at that point, with the same knife-edge verdict.  On every path
``outcome`` names the outcome labels reached, and ``equilibrium`` (where the
solver names equilibria) the equilibrium's name.
"""

import numpy as np
import pytest

from escalation.analysis import sweep
from escalation.analysis.sweep import equilibrium_names, outcome_names
from escalation.errors import EscalationError
from escalation.models import MODELS, get_model
from escalation.numbers import exact

# The guarantee models are solved by the generic perfect Bayesian solver, 10 to 40 seconds per point: slow, and
# exhaustive (not in CI), since test_model_contract's drawn-point check sweeps every guarantee model in CI.
_HEAVY = (pytest.mark.slow, pytest.mark.exhaustive)
SOLVABLE = [pytest.param(name, marks=_HEAVY) if name.startswith("guarantee") else name for name in sorted(MODELS)]


def _neighbours(model, name):
    """The default of ``name`` and a nearby value inside its domain."""
    default = float(model.parameters.defaults()[name])
    for step in (0.25, -0.25, 0.05, -0.05, 1.0, -1.0):
        other = default + step * max(1.0, abs(default))
        try:
            model.solve(**{name: exact(other)})
        except EscalationError:  # outside the model's assumptions: try another step
            continue
        return [default, other]
    return [default]


def _reached(found):
    """The outcome labels the solver's first equilibrium reaches (what ``outcome`` must name on every path)."""
    reached = frozenset(k for k, v in (found[0].outcomes or {}).items() if v != 0)
    return reached or frozenset({"(no outcome label)"})


@pytest.mark.parametrize("name", SOLVABLE)
def test_sweeping_the_first_parameter_of_every_model_matches_its_solver(name):
    model = get_model(name)
    parameter = next(iter(model.parameters.defaults()))
    values = _neighbours(model, parameter)
    ds = sweep(model, over={parameter: values})
    assert ds.sizes[parameter] == len(values)
    names = outcome_names(ds).values.tolist()
    named = equilibrium_names(ds).values.tolist() if "equilibrium" in ds else [None] * len(values)
    for value, got, name, knife in zip(values, names, named, ds.knife_edge.values, strict=True):
        found = model.solve(**{parameter: exact(value)})
        assert frozenset(got.split(" + ")) == _reached(found)
        assert name is None or name == (found[0].name or got)
        assert bool(knife) == bool(found.knife_edge)


@pytest.mark.parametrize("name", SOLVABLE)
def test_a_model_sweep_records_its_provenance(name):
    model = get_model(name)
    parameter = next(iter(model.parameters.defaults()))
    default = float(model.parameters.defaults()[parameter])
    ds = sweep(model, over={parameter: [default]}, outcome_only=True)
    assert ds.attrs["model"] == name
    assert ds.attrs["method"]
    assert np.all(ds.equilibria.values >= 1)
