"""Monte Carlo samples: reproducibility, standard errors, agreement with the per-point solver, bad input."""

import numpy as np
import pytest
from scipy import stats

from escalation.analysis import sample
from escalation.analysis.sweep import equilibrium_names, outcome_names
from escalation.errors import ParameterError
from escalation.models import get_model
from escalation.numbers import exact


def test_the_same_seed_gives_the_same_sample():
    prior = {"A": stats.uniform(5, 40), "F": stats.uniform(50, 150)}
    a = sample("tripwire", priors=prior, n=500, seed=7)
    b = sample("tripwire", priors=prior, n=500, seed=7)
    c = sample("tripwire", priors=prior, n=500, seed=8)
    assert np.array_equal(a.A.values, b.A.values)
    assert np.array_equal(a.outcome.values, b.outcome.values)
    assert not np.array_equal(a.A.values, c.A.values)


def test_a_generator_is_accepted_and_advanced():
    rng = np.random.default_rng(3)
    first = sample("tripwire", priors={"A": stats.uniform(5, 40)}, n=50, seed=rng)
    second = sample("tripwire", priors={"A": stats.uniform(5, 40)}, n=50, seed=rng)
    assert not np.array_equal(first.A.values, second.A.values)


def test_frequencies_and_standard_errors():
    mc = sample("tripwire", priors={"A": stats.uniform(5, 40)}, fixed={"F": 120}, n=1000, seed=1)
    names = [str(x) for x in outcome_names(mc).values]
    for play in mc.play.values:
        p = names.count(str(play)) / 1000
        assert float(mc.frequency.sel(play=play)) == p
        assert float(mc.standard_error.sel(play=play)) == pytest.approx(np.sqrt(p * (1 - p) / 1000))
    assert float(mc.frequency.sum()) == pytest.approx(1.0)


def test_each_draw_is_solved_as_the_model_solver_would():
    model = get_model("tripwire")
    mc = sample(model, priors={"A": [10.0, 25.0, 40.0], "q": stats.uniform(0, 0.4)}, n=12, seed=2)
    for k in range(12):
        point = {"A": exact(float(mc.A[k])), "q": exact(float(mc.q[k]))}
        found = model.solve(**point)
        expected = " + ".join(label for label, v in found[0].outcomes.items() if v > 0)
        assert sorted(str(outcome_names(mc.isel(draw=k)).values).split(" + ")) == sorted(expected.split(" + "))
        assert float(mc.payoff.isel(draw=k).sel(player="Coalition")) == pytest.approx(
            float(found[0].payoffs["Coalition"]))


def test_an_empirical_prior_is_resampled_from_its_values():
    mc = sample("tripwire", priors={"A": [10.0, 30.0]}, n=200, seed=5)
    assert set(mc.A.values) <= {10.0, 30.0}


def test_models_with_closed_forms_are_sampled_as_their_solver_would():
    model = get_model("unilateral")
    mc = sample(model, priors={"p_Def": stats.uniform(0, 1)}, fixed={"p_Ch": "3/4"}, n=40, seed=0)
    for k, value in enumerate(mc.p_Def.values):
        first = model.solve(p_Def=exact(float(value)), p_Ch=exact("3/4"))[0]
        assert str(equilibrium_names(mc).values[k]) == first.name
        assert str(outcome_names(mc).values[k]) == " + ".join(k for k, v in first.outcomes.items() if v > 0)
        assert float(mc.payoff.isel(draw=k).sel(player="Defender")) == pytest.approx(float(first.payoffs["Defender"]))


def test_certain_deterrence_frequency_covers_its_probability():
    # Certain Deterrence iff p_Def > alpha_H = 1/2 (defaults): probability 1/2 under a uniform prior
    mc = sample("unilateral", priors={"p_Def": stats.uniform(0, 1)}, fixed={"p_Ch": "3/4"}, n=20_000, seed=5)
    p, se = (float(mc[v].sel(equilibrium_name="Certain Deterrence"))
             for v in ("equilibrium_frequency", "equilibrium_standard_error"))
    assert abs(p - 0.5) < 4 * se
    assert se == pytest.approx(np.sqrt(0.25 / 20_000), rel=0.01)


@pytest.mark.parametrize(("kwargs", "parameter"), [
    pytest.param({"priors": {"F": stats.norm(0, 10)}}, "F", id="draws outside the domain"),
    pytest.param({"priors": {"Z": stats.uniform()}}, "Z", id="unknown parameter"),
    pytest.param({"priors": {"A": []}}, "A", id="empty array"),
    pytest.param({"priors": {}}, "priors", id="no prior"),
    pytest.param({"priors": {"A": stats.uniform(5, 40)}, "n": 1}, "n", id="one draw"),
])
def test_bad_input_names_the_parameter(kwargs, parameter):
    with pytest.raises(ParameterError) as err:
        sample("tripwire", **{"n": 100, "seed": 0, **kwargs})
    assert err.value.parameter == parameter


def test_the_estimate_covers_the_closed_form_probability():
    # deterrence holds at F = 200, g = 2 iff the coalition stands firm: A + c_C > W_C + qN, i.e. A > 24
    mc = sample("tripwire", priors={"A": stats.uniform(10, 30)}, fixed={"F": 200, "g": 2}, n=4000, seed=11)
    p, se = float(mc.frequency.sel(play="deterrence holds")), float(mc.standard_error.sel(play="deterrence holds"))
    assert abs(p - 16 / 30) < 4 * se
    assert np.array_equal(mc.outcome.values == list(mc.play.values).index("deterrence holds"), mc.A.values > 24)


def test_knife_edge_draws_are_counted():
    # the defaults put the deterrence threshold exactly at F = 150: every draw there with a responding coalition ties
    mc = sample("tripwire", priors={"A": [10.0, 30.0]}, fixed={"F": 150}, n=40, seed=4)
    assert np.array_equal(mc.knife_edge.values, mc.A.values == 30.0)
    assert float(mc.knife_edge_frequency) == float(np.mean(mc.A.values == 30.0))
