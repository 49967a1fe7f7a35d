"""Exactness regressions (issue 15): no exact value through nsimplify, symbolic routines raise the package's errors."""

from __future__ import annotations

import contextlib

import pytest
import sympy

from escalation.errors import EscalationError, SolverError
from escalation.games import ExtensiveFormGame
from escalation.models import MODELS, get_model
from escalation.models.reputation import stage_table, states
from escalation.symbolic import spe_regions


def _numbers(solution):
    for strategy in solution.strategies.values():
        for value in strategy.values():
            yield from (value.values() if hasattr(value, "values") else [value])
    yield from solution.payoffs.values()
    yield from (solution.outcomes or {}).values()


@pytest.mark.parametrize(("N", "b", "delta"), [(7, "703/1000", "221/1000"), (7, "241/250", "129/250"),
                                               (5, "1360/3807", "1/7")])
def test_reputation_keeps_rationals_rational(N, b, delta):
    """nsimplify turned these probabilities into products of irrational powers such as 2**(723/886) (in the
    Kreps-Wilson closed forms, which take up to 60 stages; the model's tree is solved for N <= 4)."""
    values = {"N": N, "a": 2, "b": b, "delta": delta}
    for _, enter, fought in stage_table(values):
        assert enter.is_Rational, enter
        assert fought.is_Rational, fought
    for at in states(values).values():
        for belief, reach in at.items():
            assert all(sympy.sympify(x).is_Rational for x in (belief, *reach)), (belief, reach)


def test_the_reputation_tree_keeps_rationals_rational():
    for solution in get_model("reputation").solve(N=4, b="241/250", delta="129/250"):
        for value in _numbers(solution):
            assert sympy.sympify(value).is_Rational, value


def test_spe_regions_of_the_tripwire_game_is_a_solver_error_not_a_sympy_error():
    """The contest probability F**m/(F**m + K**m) is not a ratio of polynomials: sympy raised PolynomialError."""
    with pytest.raises(SolverError, match=r"F\*\*m/\(F\*\*m \+ K\*\*m\)"):
        spe_regions(get_model("tripwire").symbolic_game())


def test_no_package_source_uses_nsimplify():
    from pathlib import Path

    import escalation

    sources = Path(escalation.__file__).parent.rglob("*.py")
    assert [str(p) for p in sources if "nsimplify" in p.read_text(encoding="utf-8")] == []


@pytest.mark.parametrize("name", ["tripwire", "tripwire-consent", "escalation-complete", "rudimentary"])
def test_symbolic_regions_of_model_games_raise_only_package_errors(name):
    try:
        game = get_model(name).symbolic_game()
    except EscalationError:
        return
    if not isinstance(game, ExtensiveFormGame):
        return
    with contextlib.suppress(EscalationError):  # a SolverError (imperfect information, too many regions) is fine
        spe_regions(game, max_regions=200)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(MODELS))
def test_symbolic_regions_of_every_model_raise_only_package_errors(name):
    test_symbolic_regions_of_model_games_raise_only_package_errors(name)


def test_an_empty_outcome_label_survives_a_gambit_round_trip():
    """Gambit writes an empty label and no label both as "": the tree treats "" as no label, so a write and a
    read give the same game (the empty label came back as None)."""
    from escalation.games import decision, outcome
    from escalation.io.efg import efg_text, parse_efg

    game = ExtensiveFormGame(("A", "B"), decision("A", {"x": outcome("", (1, 2)), "y": outcome("b", (0, 0))}))
    assert parse_efg(efg_text(game)) == game
    assert [n.outcome for n in game.nodes if n.payoffs] == [None, "b"]
