"""The contract every registered model keeps (issue 14, "the house").

Each test is parametrised over every model of the registry, so a new model (one line in
``escalation.registry.CATALOGUE``, which ``test_cli_models`` keeps equal to what the model modules
register) is held to the contract without touching this file:

- its parameters say where their values come from and which values are admissible: a source and a
  description, the default inside the domain (and inside the plausible range where there is one), a
  plausible range inside the domain, and a prior whose draws the domain admits;
- its module follows the naming scheme: ``MODEL`` (the module's main model) and ``build`` (that model's
  builder), and every model the module registers is one of its attributes;
- ``build`` returns a game (an ``ExtensiveFormGame``, a ``NormalFormGame`` or an ``AnonymousGame``), or the
  model declares itself ``analytic`` (no finite game; its solver works from the values);
- solving at the defaults returns a non-empty, exact ``Equilibria`` in which every equilibrium is marked
  verified -- and, where a generic verifier exists for the concept, the verifier accepts it again;
- the sweep reports, at a few drawn points, what the per-point solver lists first;
- the command line lists the model and solves it at the defaults (exit 0, no traceback).

The guarantee models take about ten seconds per solve: their solving, sweeping and command-line parts
are marked ``slow``.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
from collections.abc import Mapping

import numpy as np
import pytest
from sweep_checks import candidates, solve_or_error

from escalation.analysis import sweep
from escalation.cli import main
from escalation.errors import EscalationError
from escalation.games import AnonymousGame, ExtensiveFormGame, NormalFormGame
from escalation.models import MODELS, Model, get_model
from escalation.numbers import exact
from escalation.registry import entry
from escalation.solvers import verify_nash, verify_pbe, verify_subgame_perfect
from escalation.solvers.solution import Equilibria

NAMES = sorted(MODELS)
SLOW_MODULES = {"escalation.models.guarantee"}  # about ten seconds per solve at the defaults


def slow_if_heavy(names):
    """``names`` as pytest params, the models of ``SLOW_MODULES`` marked slow."""
    return [pytest.param(n, marks=pytest.mark.slow) if entry(n).module in SLOW_MODULES else n for n in names]


@pytest.fixture(scope="module")
def solved():
    """Each model solved at its defaults once per module run."""
    cache: dict[str, Equilibria] = {}

    def solve(name: str) -> Equilibria:
        if name not in cache:
            cache[name] = get_model(name).solve()
        return cache[name]

    return solve


def test_the_registry_lists_models():
    assert len(NAMES) >= 20  # the twenty models of the catalogue today
    assert all(isinstance(get_model(n), Model) for n in NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_parameters_have_sources_descriptions_and_domains(name):
    space = get_model(name).parameters
    assert len(space) > 0
    for pname in space:
        p = space[pname]
        assert p.source.strip(), f"{name}: parameter {pname} has no source"
        assert p.description.strip(), f"{name}: parameter {pname} has no description"
        low, high = p.domain
        assert low is None or high is None or low < high, (name, pname)
        assert p.admits(p.default), f"{name}: the default of {pname} lies outside its domain {p.interval}"
        if p.plausible is not None:
            lo, hi = p.plausible
            assert lo <= p.default <= hi, f"{name}: the default of {pname} lies outside its plausible range"
            assert p.admits(lo), f"{name}: the plausible range of {pname} leaves the domain"
            assert p.admits(hi), f"{name}: the plausible range of {pname} leaves the domain"
        if p.prior is not None:
            draws = p.sample(50, seed=14)  # raises ParameterError for a draw outside the domain
            assert draws.shape == (50,)
            assert np.isfinite(draws).all()
    space.validate()  # the defaults satisfy the model's constraints


@pytest.mark.parametrize("name", NAMES)
def test_model_modules_follow_one_naming_scheme(name):
    module = importlib.import_module(entry(name).module)
    assert isinstance(getattr(module, "MODEL", None), Model), f"{module.__name__} has no MODEL"
    assert module.MODEL.build is module.build, f"{module.__name__}.build is not MODEL.build"
    assert {"MODEL", "build"} <= set(module.__all__), module.__name__
    for attr in module.__all__:  # a module's further models are called <SOMETHING>_MODEL (or <...>_MODELS)
        if isinstance(getattr(module, attr), Model):
            assert attr == "MODEL" or attr.endswith("_MODEL"), f"{module.__name__}.{attr}"
    exported = [getattr(module, attr) for attr in module.__all__]
    exported += [m for value in exported if isinstance(value, dict) for m in value.values()]
    assert any(m is get_model(name) for m in exported), f"{name} is not exported by {module.__name__}"


@pytest.mark.parametrize("name", NAMES)
def test_build_returns_a_game_or_the_model_is_analytic(name):
    model = get_model(name)
    built = model.game()
    if model.analytic:
        assert not isinstance(built, (ExtensiveFormGame, NormalFormGame, AnonymousGame)), \
            f"{name} says it is analytic but builds a finite game"
    else:
        assert isinstance(built, (ExtensiveFormGame, NormalFormGame, AnonymousGame)), \
            f"{name} builds a {type(built).__name__}: a game, or analytic=True on the Model"


@pytest.mark.parametrize("name", NAMES)
def test_a_finite_game_goes_to_the_generic_solvers(name):
    """A model's solver receives the game it built, not the values; only an analytic model's receives the values."""
    model = get_model(name)
    received = []
    probe = dataclasses.replace(model, solver=lambda arg, **_: received.append(arg) or (), names=None)
    probe.solve()
    (arg,) = received
    if model.analytic:
        assert isinstance(arg, Mapping)
        assert set(arg) == set(model.parameters)
    else:
        assert isinstance(arg, (ExtensiveFormGame, NormalFormGame, AnonymousGame)), name


def _reverify(model: Model, found: Equilibria) -> int:
    """Check every equilibrium again with the package's generic verifier for its concept; how many were checked."""
    if model.analytic:
        return 0
    game = model.game()
    checked = 0
    for s in found:
        if found.refinement == "subgame perfect" and isinstance(game, ExtensiveFormGame):
            verify_subgame_perfect(game, s.behaviour)
        elif found.refinement == "Nash" and isinstance(game, NormalFormGame):
            verify_nash(game, s.strategies)
        elif found.refinement == "Nash" and isinstance(game, AnonymousGame):
            verify_nash(game.to_normal_form(), s.strategies)
        elif found.refinement == "perfect Bayesian" and isinstance(game, ExtensiveFormGame):
            # as the solve applied the refinement: the same rule and the same bound on mixed responses (the
            # guarantee games solve for pure equilibria; an unbounded D1 re-check of one takes over ten minutes)
            verify_pbe(game, s, offpath=found.options.get("offpath"),
                       max_mixed_infosets=found.options.get("max_mixed_infosets"))
        else:
            continue
        checked += 1
    return checked


@pytest.mark.parametrize("name", slow_if_heavy(NAMES))
def test_solving_at_the_defaults_gives_verified_equilibria(name, solved):
    model = get_model(name)
    found = solved(name)
    assert isinstance(found, Equilibria)
    assert len(found) > 0, f"{name}: no equilibrium at the defaults"
    assert found.exact
    for s in found:
        assert s.computation.verified, (name, s.name)
        assert s.computation.exact, (name, s.name)
        assert set(s.payoffs) <= set(s.players), (name, s.name)
    generic = not model.analytic and found.refinement in ("subgame perfect", "Nash", "perfect Bayesian")
    assert _reverify(model, found) == (len(found) if generic else 0), name


def _choices(found: Equilibria) -> dict[str, float]:
    """The first equilibrium's strategies under the sweep's ``choice`` labels: "information set: action" in a
    tree, "player: strategy" in a normal form (both flattened from ``Solution.strategies``)."""
    out = {}
    for player, strategy in found[0].strategies.items():
        for where, value in strategy.items():
            if hasattr(value, "items"):
                out.update({f"{where}: {a}": float(p) for a, p in value.items()})
            else:
                out[f"{player}: {where}"] = float(value)
    return out


@pytest.mark.parametrize("name", slow_if_heavy(NAMES))
def test_the_sweep_agrees_with_the_solver_at_drawn_points(name):
    """At two points (one for a guarantee game) drawn with a fixed seed from values near the defaults and at the
    thresholds: the equilibrium count, the knife-edge verdict, payoffs, outcome and action probabilities of the
    first equilibrium ``model.solve`` lists; a grid with a point the solver refuses is refused whole."""
    model = get_model(name)
    rng = np.random.default_rng(sum(map(ord, name)))
    names = list(model.parameters)
    parameter = names[int(rng.integers(len(names)))]
    values = candidates(model, parameter)
    drawn = 1 if entry(name).module in SLOW_MODULES else 2  # a guarantee solve takes 10 to 40 seconds
    grid = sorted(float(v) for v in rng.choice(values, size=min(drawn, len(values)), replace=False))
    solved = [solve_or_error(model, {parameter: exact(v)}) for v in grid]
    if any(isinstance(found, EscalationError) for found in solved):
        with pytest.raises(EscalationError):
            sweep(model, over={parameter: grid})
        return
    ds = sweep(model, over={parameter: grid})
    for value, found in zip(grid, solved, strict=True):
        cell = ds.sel({parameter: value})
        where = (name, parameter, value)
        assert int(cell.equilibria) == len(found), where
        assert bool(cell.knife_edge) == bool(found.knife_edge), where
        for player, payoff in found[0].payoffs.items():
            assert float(cell.payoff.sel(player=player)) == pytest.approx(float(payoff), abs=1e-9), where
        for label in ds.label.values:
            expected = float((found[0].outcomes or {}).get(str(label), 0))
            assert float(cell.outcome_probability.sel(label=label)) == pytest.approx(expected, abs=1e-9), where
        choices = _choices(found)
        assert set(choices) <= set(ds.choice.values.tolist()), where
        for choice, p in choices.items():
            assert float(cell.action_probability.sel(choice=choice)) == pytest.approx(p, abs=1e-9), (*where, choice)


def test_the_command_line_lists_every_model(capsys):
    assert main(["models", "--json"]) == 0
    listed = {m["name"] for m in json.loads(capsys.readouterr().out)}
    assert listed == set(NAMES)


@pytest.mark.parametrize("name", slow_if_heavy(NAMES))
def test_the_command_line_describes_and_solves_each_model(capsys, name):
    assert main(["models", name]) == 0
    described = capsys.readouterr()
    assert name in described.out
    assert main(["solve", name, "--json"]) == 0
    out, err = capsys.readouterr()
    assert "Traceback" not in err + out
    result = json.loads(out)
    assert result["model"] == name
    assert len(result["equilibria"]) > 0
