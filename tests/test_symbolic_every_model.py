"""The symbolic routines on every model's symbolic game: a result or the package's own error (issue 15).

For every registered model, :func:`~escalation.symbolic.spe_regions` (without
assumptions and with the model's parameter space), and on the partition it
returns ``region_at``, ``contains``, ``outcome_conditions`` and ``to_latex``
(both forms), either give a result or raise an ``escalation.errors`` error with
a one-line message -- never a sympy exception (``spe_regions`` on the tripwire
game raised ``PolynomialError``), never ``AttributeError`` on a normal form
or a model that has no tree (it did for deconfliction, porcupine and
brinkmanship), never ``TypeError`` from a boundary at an irrational number
(it did when a region's end was a square root).  Where a partition is
returned, the region at the model's defaults must have the payoffs and
outcome distribution that the numeric subgame-perfect solver finds there.

Models whose tree has a parameter in an exponent (the tripwire games' contest
``F**m/(F**m + K**m)``) are refused by ``spe_regions`` with the advice to
substitute numbers for those parameters; a hypothesis test does so, fixes a
random subset of the other parameters at drawn admissible values, and checks
the partition against the numeric solver at drawn points.
"""

from __future__ import annotations

import contextlib
import io

import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from escalation.cli import main
from escalation.errors import EscalationError, KnifeEdgeError, ParameterError, SolverError
from escalation.games import ExtensiveFormGame, NormalFormGame, decision, outcome
from escalation.models import MODELS, get_model
from escalation.solvers import subgame_perfect
from escalation.symbolic import spe_regions

MODEL_NAMES = sorted(MODELS)
SLOW_TO_BUILD = [pytest.param(n, marks=pytest.mark.slow) if n.startswith("guarantee-") else n for n in MODEL_NAMES]
EXPONENTS = {"tripwire": ("m",), "tripwire-consent": ("m",), "escalation-complete": ()}


def one_line(error: Exception) -> None:
    assert str(error), repr(error)
    assert "\n" not in str(error), repr(error)


def symbolic_game(name: str):
    try:
        return get_model(name).symbolic_game()
    except EscalationError as error:  # the shape of the game depends on its parameters (unity's N, ...)
        one_line(error)
        return None


def _region_or_tie(partition, point: dict):
    try:
        return partition.region_at({k: v for k, v in point.items() if k in {s.name for s in partition.parameters}})
    except KnifeEdgeError as error:
        one_line(error)
        return None


def check_against_solver(model, partition, point: dict) -> str:
    """The region at ``point`` pays what the numeric solver's unique equilibrium pays, or a tie is reported."""
    region = _region_or_tie(partition, point)
    found = subgame_perfect(model.game(**point))
    if region is None:
        assert len(found) > 1 or found.knife_edge, point
        return "knife edge"
    assert len(found) == 1, point
    values = {sympy.Symbol(k, real=True): v for k, v in model.values(**point).items()}
    assert {p: sympy.simplify(u.xreplace(values)) for p, u in region.payoffs.items()} == dict(found[0].payoffs)
    ours = {label: sympy.simplify(sympy.sympify(p).xreplace(values)) for label, p in region.outcomes.items()}
    assert {k: v for k, v in ours.items() if v != 0} == {k: v for k, v in (found[0].outcomes or {}).items() if v != 0}
    return "region"


def exercise(model, partition) -> None:
    """Every public routine of a partition gives a result of the documented kind."""
    assert isinstance(partition.to_latex(), str)
    assert isinstance(partition.to_latex(by_outcome=True), str)
    assert isinstance(partition.outcome_conditions(), dict)
    for region in partition:
        if region.witness is not None and set(region.witness) == {s.name for s in partition.parameters}:
            assert region.contains(region.witness)
            assert partition.region_at(region.witness) == region


@pytest.mark.parametrize("name", SLOW_TO_BUILD)
def test_spe_regions_of_every_model_gives_regions_or_a_package_error(name):
    model, game = get_model(name), symbolic_game(name)
    for assumptions in (None, model.parameters):
        try:
            partition = spe_regions(game, assumptions, max_regions=200)
        except EscalationError as error:
            one_line(error)
            continue
        exercise(model, partition)
        if assumptions is not None:
            check_against_solver(model, partition, model.parameters.defaults())


@pytest.mark.parametrize("name", SLOW_TO_BUILD)
def test_latex_export_of_every_model_is_written_or_refused_in_one_line(name):
    """``escalation export MODEL --format latex`` writes the symbolic regions, the named regions or the thresholds."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["export", name, "--format", "latex"])
    assert code in (0, 2), err.getvalue()
    if code == 0:
        assert "\\" in out.getvalue()
    else:
        assert err.getvalue().count("\n") == 1
        assert err.getvalue().startswith("escalation: error: ")


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_thresholds_of_every_model_are_sympy_expressions(name):
    for key, expr in get_model(name).thresholds().items():
        assert isinstance(key, str)
        assert isinstance(expr, sympy.Basic), key


@pytest.mark.parametrize("game", [None, "tripwire", NormalFormGame.from_matrices([[1, 0], [0, 1]], [[1, 0], [0, 1]])],
                         ids=["None", "a model name", "a normal form"])
def test_spe_regions_refuses_what_is_not_a_game_tree(game):
    with pytest.raises(SolverError, match="symbolic regions need a game tree"):
        spe_regions(game)


def test_a_region_bounded_by_an_irrational_number_gets_a_rational_witness():
    """``c**2 = 3`` ends the regions at sqrt(3): the witness search read sympy's Float into Fraction (TypeError)."""
    c = sympy.Symbol("c", positive=True)
    game = ExtensiveFormGame(("Entrant", "Incumbent"), decision("Entrant", {
        "Out": outcome("Monopoly", (0, 2)),
        "In": decision("Incumbent", {"Fight": outcome("War", (-1, c**2)), "Accommodate": outcome("Shared", (1, 3))}),
    }))
    partition = spe_regions(game, [c < 3])
    by_outcome = {r.outcome: r for r in partition}
    assert set(by_outcome) == {"Monopoly", "Shared"}
    fight = by_outcome["Monopoly"]
    assert fight.witness is not None
    w = fight.witness["c"]
    assert w.is_Rational
    assert 3 < w**2 < 9
    assert partition.region_at({"c": 2}) is fight
    assert partition.region_at({"c": 1}) is by_outcome["Shared"]
    with pytest.raises(KnifeEdgeError):
        partition.region_at({"c": sympy.sqrt(3)})


def _fraction_in(parameter, draw) -> sympy.Rational:
    low, high = parameter.domain
    default = parameter.default
    choices = [default]
    if low is not None:
        choices += [low, low + 1, low + sympy.Rational(1, 3)]
    if high is not None:
        choices += [high, high - sympy.Rational(1, 7)]
    if low is not None and high is not None:
        choices.append((low + high) / 2)
    value = draw(st.sampled_from(choices))
    if parameter.integer:
        value = sympy.floor(value) if parameter.admits(sympy.floor(value)) else default
    return value if parameter.admits(value) else default


@st.composite
def partial_games(draw, max_free: int):
    """A model, its symbolic game with the exponents and all but ``max_free`` parameters fixed, and a point."""
    name = draw(st.sampled_from(sorted(EXPONENTS)))
    model = get_model(name)
    space = model.parameters
    names = [n for n in space if n not in EXPONENTS[name]]
    free = draw(st.lists(st.sampled_from(names), min_size=1, max_size=max_free, unique=True))
    fixed = {n: _fraction_in(space[n], draw) for n in space if n not in free}
    point = dict(fixed)
    point.update({n: _fraction_in(space[n], draw) for n in free})
    return model, fixed, point


def check_partial(model, fixed: dict, point: dict) -> str:
    try:
        model.values(**point)
    except ParameterError:
        return "point refused"
    game = model.symbolic_game().subs(fixed)
    try:
        partition = spe_regions(game, model.parameters, max_regions=200)
    except EscalationError as error:  # e.g. the fixed values break an ordering the space assumes
        one_line(error)
        return "refused"
    exercise(model, partition)
    return check_against_solver(model, partition, point)


@settings(max_examples=30)
@given(partial_games(max_free=3))
def test_partly_fixed_symbolic_games_agree_with_the_numeric_solver(drawn):
    model, fixed, point = drawn
    assume(check_partial(model, fixed, point) != "point refused")


@pytest.mark.slow
@given(partial_games(max_free=8))
def test_partly_fixed_symbolic_games_agree_with_the_numeric_solver_with_more_free_parameters(drawn):
    model, fixed, point = drawn
    assume(check_partial(model, fixed, point) != "point refused")


@pytest.mark.slow
def test_tripwire_game_with_its_exponent_fixed_agrees_with_the_solver_at_the_defaults():
    model = get_model("tripwire")
    partition = spe_regions(model.symbolic_game().subs({"m": model.parameters["m"].default}), model.parameters)
    assert len(partition) > 1
    assert check_against_solver(model, partition, model.parameters.defaults()) == "region"
