"""Shared checks for sweeps of the perfect Bayesian models: grids through the models' thresholds, and the
point-by-point comparison of ``escalation.sweep`` with ``model.solve``.

Model test files use them as ``from sweep_checks import assert_sweep_matches_solver, grids``.  These models
are swept by the generic vectorised PBE path (``escalation.analysis.pbe_grid``), which must report at every
point what the exact solver lists first -- name, payoffs, outcome and action probabilities -- and the same
knife-edge verdict and number of equilibria.
"""

import numpy as np
import pytest
import sympy
from hypothesis import strategies as st

from escalation.analysis import sweep
from escalation.analysis.sweep import equilibrium_names, outcome_names
from escalation.errors import EscalationError
from escalation.models import MODELS, get_model
from escalation.numbers import exact
from escalation.solvers.pbe import perfect_bayesian

PBE_MODELS = sorted(name for name in MODELS if get_model(name).solver is perfect_bayesian)


def candidates(model, name):
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
def grids(draw, models=None):
    """A perfect Bayesian model (one of ``models`` if given) and a grid of one or two of its parameters."""
    model = get_model(draw(st.sampled_from(sorted(models or PBE_MODELS))))
    names = list(model.parameters.defaults())
    chosen = draw(st.lists(st.sampled_from(names), min_size=1, max_size=2, unique=True))
    over = {n: draw(st.lists(st.sampled_from(candidates(model, n)), min_size=1, max_size=3, unique=True))
            for n in chosen}
    return model, over


def solve_or_error(model, point):
    try:
        return model.solve(**point)
    except EscalationError as error:
        return error


def assert_sweep_matches_solver(model, over):
    """At every point of the grid ``over``: the sweep reports what ``model.solve`` lists first, and its tie verdict."""
    points = [dict(zip(over, combo, strict=True)) for combo in np.array(np.meshgrid(*over.values(), indexing="ij"))
              .reshape(len(over), -1).T]
    solved = [solve_or_error(model, {k: exact(float(v)) for k, v in pt.items()}) for pt in points]
    if any(isinstance(s, EscalationError) for s in solved):
        with pytest.raises(EscalationError):
            sweep(model, over=over)
        return
    ds = sweep(model, over=over)
    for pt, found in zip(points, solved, strict=True):
        cell = ds.sel({k: v for k, v in pt.items()})
        first = found[0]
        assert str(equilibrium_names(cell).values) == first.name, pt
        reached = {label for label, p in (first.outcomes or {}).items() if p != 0}
        assert set(str(outcome_names(cell).values).split(" + ")) == (reached or {"(no outcome label)"}), pt
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
