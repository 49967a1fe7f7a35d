"""A sweep's request is checked before anything is solved: refused points, memory, missing extras (issues 14, 15).

The policy (escalation.analysis.admissible): a sweep answers on exactly the points ``solve`` answers on,
on every path; one refused point refuses the whole request, in one line naming the first such point.
"""

from __future__ import annotations

import sys
import tracemalloc

import numpy as np
import pytest

from escalation.analysis import sample, sweep
from escalation.analysis.inputs import _counts, resolve
from escalation.analysis.memory import estimate_bytes
from escalation.cli import main
from escalation.errors import MissingExtraError, ParameterError, TooLargeError
from escalation.models import get_model

# One model per path: vectorised backward induction, closed forms, point by point.
BAD_GRIDS = [
    pytest.param("escalation-complete", {"c_DC": [9.0, 8.0, -2.0], "d_SQ": [8.0, 9.0]}, "c_SQ, c_DC", "c_DC",
                 -2, id="vectorised"),
    pytest.param("unilateral", {"c_SQ": [2.0, 3.0, 5.0], "p_Def": [0.25, 0.5]}, "c_SQ, c_CW", "c_SQ", 5,
                 id="closed-form"),
    pytest.param("attribution", {"A": [0.0, 0.5, 2.0], "pi": [0.5]}, "A, L", "A", 2, id="per-point"),
]


@pytest.mark.parametrize(("model", "over", "parameters", "name", "value"), BAD_GRIDS)
def test_a_point_solve_refuses_refuses_the_sweep_on_every_path(model, over, parameters, name, value):
    with pytest.raises(ParameterError) as solved:
        get_model(model).solve(**{name: value})
    with pytest.raises(ParameterError) as swept:
        sweep(model, over=over)
    assert swept.value.parameter == solved.value.parameter == parameters
    assert str(swept.value).startswith(f"parameter '{parameters}': at the grid point ")
    assert f"{name} = {value}" in str(swept.value)
    assert solved.value.problem in swept.value.problem


@pytest.mark.parametrize(("model", "over", "parameters", "name", "value"), BAD_GRIDS)
def test_without_the_bad_point_the_sweep_answers_where_solve_does(model, over, parameters, name, value):
    good = {k: [x for x in v if not (k == name and x == value)] for k, v in over.items()}
    ds = sweep(model, over=good)
    assert int(np.prod([len(v) for v in good.values()])) == ds.outcome.size
    point = {k: v[0] for k, v in good.items()}
    first = get_model(model).solve(**point)[0]
    cell = ds.isel({k: 0 for k in good})
    reached = {label for label, p in (first.outcomes or {}).items() if p != 0} or {"(no outcome label)"}
    play = str(ds.play.values[int(cell.outcome)])
    assert set(play.split(" + ")) == reached
    if "equilibrium" in ds:
        assert str(ds.equilibrium_name.values[int(cell.equilibrium)]) == (first.name or play)


def test_the_first_refused_point_in_grid_order_is_named():
    with pytest.raises(ParameterError, match=r"at the grid point c_DC = 5, d_SQ = 8: .*c_SQ = 6 is not below"):
        sweep("escalation-complete", over={"c_DC": [8.0, 5.0, -2.0], "d_SQ": [8.0, 9.0]})
    with pytest.raises(ParameterError, match=r"parameter 'F': at the grid point F = -1: F = -1 is outside"):
        sweep("tripwire", over={"F": [1.0, -1.0]})
    with pytest.raises(ParameterError, match=r"parameter .m.: at the grid point m = 3/2: m = 3/2 is not a whole"):
        sweep("tripwire", over={"m": [1.0, 1.5]})


def test_monte_carlo_draws_are_checked_too():
    with pytest.raises(ParameterError, match=r"parameter 'c_SQ, c_DC': at draw \d+ c_DC = "):
        sample("escalation-complete", priors={"c_DC": np.array([9.0, 4.0])}, n=20, seed=1)


def test_the_memory_estimate_bounds_the_peak():
    """tracemalloc's peak stays below the estimate the request check uses (after a warm-up sweep)."""
    for model, over in [("tripwire", {"F": np.linspace(0, 300, 150), "A": np.linspace(10, 40, 150)}),
                        ("unilateral", {"p_Def": np.linspace(0.01, 0.99, 80), "p_Ch": np.linspace(0.01, 0.99, 80)})]:
        sweep(model, over={k: v[:3] for k, v in over.items()})
        job = resolve(model, over)
        estimate = estimate_bytes(int(np.prod([len(v) for v in over.values()])), outcome_only=False,
                                  per_point=False, **_counts(job.game))
        tracemalloc.start()
        try:
            sweep(model, over=over)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < estimate, (model, peak, estimate)


def test_a_grid_too_large_for_memory_is_refused_before_allocating(monkeypatch):
    monkeypatch.setenv("ESCALATION_MEMORY_LIMIT", str(8 * 10**9))
    axis = np.linspace(0, 300, 100_000)
    with pytest.raises(TooLargeError, match=r"the grid of 100,000 x 100,000 = 10,000,000,000 points needs about "
                                            r"[\d.]+ TB of memory, more than the 8.0 GB this sweep may use \(set by "
                                            r"ESCALATION_MEMORY_LIMIT\)") as refused:
        sweep("tripwire", over={"F": axis, "A": axis})
    assert refused.value.parameter == "over"
    assert refused.value.chunkable
    monkeypatch.setenv("ESCALATION_MEMORY_LIMIT", str(10**9))
    with pytest.raises(ParameterError, match="lazy dask sweep"):
        sweep("tripwire", over={"F": np.linspace(0, 300, 3000), "A": np.linspace(10, 40, 3000)})
    job = resolve("tripwire", {"F": axis, "A": axis}, backend="dask", lazy=True)  # chunk by chunk: allowed
    assert job.tree is not None


def test_the_command_line_refuses_a_huge_sweep_in_one_line(capsys, monkeypatch):
    monkeypatch.setenv("ESCALATION_MEMORY_LIMIT", str(8 * 10**9))
    code = main(["sweep", "tripwire", "--over", "F=0:300:100000", "--over", "A=10:40:100000"])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert "10,000,000,000 points" in err
    assert "or --backend dask, which computes the grid chunk by chunk" in err
    assert "outcome_only" not in err  # the Python API's options are not the command line's
    assert "backend='dask'" not in err


def test_the_command_line_refuses_a_huge_point_by_point_sweep_without_offering_dask(capsys, monkeypatch):
    """A model solved point by point is not computed chunk by chunk: --backend dask is no way out there."""
    monkeypatch.setenv("ESCALATION_MEMORY_LIMIT", str(10**9))
    assert main(["sweep", "attribution", "--over", "A=0:1:100000", "--over", "pi=0:1:100000"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("escalation: error: parameter '--over': the grid of 100,000 x 100,000")
    assert err.endswith("use a coarser grid (a smaller N in --over)\n")


def test_dask_backend_without_dask_names_the_extra(capsys, monkeypatch):
    for name in [m for m in sys.modules if m == "dask" or m.startswith("dask.") or m == "distributed"]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "dask", None)
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'escalation\[parallel\]'"):
        sweep("tripwire", over={"F": [70.0, 150.0]}, backend="dask")
    code = main(["sweep", "tripwire", "--over", "F=0:300:3", "--backend", "dask"])
    _, err = capsys.readouterr()
    assert code == 2
    assert err == ("escalation: error: --backend dask needs dask, which is not installed: "
                   "pip install 'escalation[parallel]'\n")


@pytest.mark.parametrize(("argv", "message"), [
    (["--over", "F=0:300:4", "--over", "F=0:1:2"], "parameter 'F': is swept twice"),
    (["--over", "F=0:300:x"], "must be a whole number such as 301, got 'x'"),
    (["--over", "F=0:300:1e3"], "must be a whole number"),
    (["--over", "F=0:0x10:3"], "cannot read the range"),
    (["--over", "F=0:300:3", "--set", "g=1", "--set", "g=2"], "is set twice"),
    (["--over", "F=0:300:3", "--set", "F=1"], "parameter 'F': is both swept (--over) and set (--set)"),
])
def test_sweep_messages_speak_of_the_input(capsys, argv, message):
    assert main(["sweep", "tripwire", *argv]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "int()" not in err
    assert "invalid literal" not in err


def test_coordinates_given_exactly_stay_exact():
    """A tie at c = 1/3: given as "1/3" (or a Fraction) the sweep decides it exactly; the float 1/3 is its decimal."""
    from fractions import Fraction

    import sympy

    from escalation.games import ExtensiveFormGame, decision, outcome

    c = sympy.Symbol("c")
    game = ExtensiveFormGame(("A", "B"), decision("A", {
        "Out": outcome("SQ", (0, 1)),
        "In": decision("B", {"Fight": outcome("War", (-1, 1 - 3 * c)), "Yield": outcome("Deal", (1, 0))}),
    }))
    assert sweep(game, over={"c": ["1/3", 0.25]}).knife_edge.values.tolist() == [True, False]
    assert sweep(game, over={"c": [Fraction(1, 3), sympy.Rational(1, 4)]}).knife_edge.values.tolist() == [True, False]
    assert sweep(game, over={"c": [1 / 3]}).knife_edge.values.tolist() == [False]


def test_command_line_ranges_are_exact():
    from fractions import Fraction

    from escalation.cli.sweep import parse_range

    assert parse_range("p=0:1:4")[1] == [0, Fraction(1, 3), Fraction(2, 3), 1]
