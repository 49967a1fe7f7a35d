"""The vectorised sweep against the per-point exact solver, the Dataset's layout, and bad input."""

import numpy as np
import pytest
import sympy
from hypothesis import assume, given
from hypothesis import strategies as st
from strategies import symbolic_payoff_trees

from escalation.analysis import sweep
from escalation.analysis.sweep import equilibrium_names, outcome_names
from escalation.errors import GameStructureError, ParameterError
from escalation.games import ExtensiveFormGame, chance, decision, outcome
from escalation.models import get_model
from escalation.numbers import exact
from escalation.solvers.backward_induction import subgame_perfect

GRID_VALUES = st.lists(st.sampled_from([-2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0]), min_size=1, max_size=4,
                       unique=True)


def assert_point_matches(ds, game, index, point):
    """The sweep's record at ``index`` is the first equilibrium subgame_perfect lists at ``point``."""
    found = subgame_perfect(game.subs(point))
    first = found[0]
    cell = ds.isel(index)
    assert bool(cell.knife_edge) == bool(found.knife_edge)
    assert int(cell.equilibria) == len(found)
    for player in game.players:
        assert float(cell.payoff.sel(player=player)) == pytest.approx(float(first.payoffs[player]), abs=1e-9)
    for label in cell.label.values:
        assert float(cell.outcome_probability.sel(label=label)) == pytest.approx(
            float(first.outcomes.get(str(label), 0)), abs=1e-9)
    behaviour = first.behaviour
    for choice in cell.choice.values:
        infoset, _, action = str(choice).rpartition(": ")
        assert float(cell.action_probability.sel(choice=choice)) == float(behaviour[infoset][action])
    reached = " + ".join(str(label) for label in cell.label.values if first.outcomes.get(str(label), 0) > 0)
    assert str(outcome_names(cell).values) == reached


@given(symbolic_payoff_trees(max_depth=3), GRID_VALUES, GRID_VALUES)
def test_vectorised_sweep_equals_subgame_perfect_at_every_point(game, xs, ys):
    names = sorted(s.name for s in game.free_symbols)
    assume(names)
    grids = {"x": xs, "y": ys}
    over = {n: grids[n] for n in names}
    ds = sweep(game, over=over)
    assert ds.outcome.dims == tuple(names)
    for index in np.ndindex(*(len(v) for v in over.values())):
        where = dict(zip(names, index, strict=True))
        point = {n: exact(over[n][i]) for n, i in where.items()}
        assert_point_matches(ds, game, where, point)


X, Y = sympy.symbols("x y", real=True)
LABELS = st.sampled_from(["war", "status quo", "concession", None])


@st.composite
def parametric_chance_trees(draw, max_depth: int = 3):
    """Two-player trees with 1-3 actions per node, payoffs linear in ``x`` and chance moves weighted by ``y``.

    A chance node with k moves gives the first probability ``y`` and the
    others ``(1 - y)/(k - 1)`` each, so ``y = 0`` or ``y = 1`` switch moves off.
    """
    players = ("Attacker", "Defender")

    def node(depth: int, root: bool = False):
        roll = draw(st.integers(0, 4))
        if not root and (depth == 0 or roll == 0):
            return outcome(draw(LABELS), tuple(draw(st.integers(-3, 3)) + draw(st.integers(-2, 2)) * X
                                               for _ in players))
        k = draw(st.integers(1, 3))
        if not root and roll == 1:
            probabilities = [Y, *[(1 - Y) / (k - 1)] * (k - 1)] if k > 1 else [1]
            return chance({f"n{i + 1}": (q, node(depth - 1)) for i, q in enumerate(probabilities)})
        return decision(draw(st.sampled_from(players)), {f"a{i + 1}": node(depth - 1) for i in range(k)})

    return ExtensiveFormGame(players, node(max_depth, root=True), "drawn tree with chance")


def assert_outcome_matches(ds, game, index, point):
    """The lean (outcome_only) record at ``index`` agrees with subgame_perfect at ``point``."""
    found = subgame_perfect(game.subs(point))
    cell = ds.isel(index)
    assert bool(cell.knife_edge) == bool(found.knife_edge)
    assert int(cell.equilibria) == len(found)
    labels = list(dict.fromkeys(n.outcome or n.path for n in game.nodes if n.kind == "terminal"))
    reached = " + ".join(label for label in labels if found[0].outcomes.get(label, 0) > 0)
    assert str(outcome_names(cell).values) == reached


@given(parametric_chance_trees(), GRID_VALUES, st.lists(st.sampled_from([0.0, 0.25, 0.5, 1.0]), min_size=1,
                                                         max_size=3, unique=True))
def test_sweep_with_chance_moves_equals_subgame_perfect_at_every_point(game, xs, ys):
    names = sorted(s.name for s in game.free_symbols)
    assume(names)
    grids = {"x": xs, "y": ys}
    over = {n: grids[n] for n in names}
    full = sweep(game, over=over)
    lean = sweep(game, over=over, outcome_only=True)
    for index in np.ndindex(*(len(v) for v in over.values())):
        where = dict(zip(names, index, strict=True))
        point = {n: exact(over[n][i]) for n, i in where.items()}
        assert_point_matches(full, game, where, point)
        assert_outcome_matches(lean, game, where, point)


def test_lean_sweep_of_drawn_trees_equals_subgame_perfect_regression():
    """A fixed tree: the lean path computes values only for the players who move above a node."""
    game = ExtensiveFormGame(("A", "B"), decision("A", {
        "a1": decision("B", {"b1": outcome("war", (X, -X)), "b2": outcome(None, (0, 0))}),
        "a2": chance({"n1": (Y, outcome("concession", (1, 2))),
                      "n2": (1 - Y, decision("A", {"c1": outcome("war", (-1, X)), "c2": outcome(None, (X, 1))}))}),
    }))
    over = {"x": [-1.0, 0.0, 0.5, 1.0], "y": [0.0, 0.5, 1.0]}
    lean = sweep(game, over=over, outcome_only=True)
    for i, xv in enumerate(over["x"]):
        for j, yv in enumerate(over["y"]):
            assert_outcome_matches(lean, game, {"x": i, "y": j}, {"x": exact(xv), "y": exact(yv)})


p = sympy.Symbol("p")
w = sympy.Symbol("w")
CHANCE_GAME = ExtensiveFormGame(("Attacker", "Defender"), decision("Attacker", {
    "Wait": outcome("status quo", (0, 0)),
    "Attack": chance({
        "Win": (p, decision("Defender", {"Yield": outcome("gain", (2, -2)),
                                          "Fight on": outcome("war", (-w, -w))})),
        "Lose": (1 - p, outcome("defeat", (-2, 1))),
    }),
}), "attack under uncertainty")


def test_chance_probabilities_that_depend_on_a_parameter():
    over = {"p": [0.0, 0.25, 1 / 3, 0.5, 1.0], "w": [1.0, 2.0, 3.0]}
    ds = sweep(CHANCE_GAME, over=over)
    for i, pv in enumerate(over["p"]):
        for j, wv in enumerate(over["w"]):
            assert_point_matches(ds, CHANCE_GAME, {"p": i, "w": j}, {"p": exact(pv), "w": exact(wv)})
    # w = 2: the Defender is indifferent between yielding and fighting on
    assert ds.knife_edge.sel(w=2.0).all()
    # w = 3: she yields, and attacking is worth 2p - 2(1 - p): the Attacker is indifferent at p = 1/2
    assert ds.knife_edge.sel(p=0.5, w=3.0)
    # the float nearest 1/3 is not 1/3: no tie there, exactly
    assert not ds.knife_edge.sel(p=1 / 3, w=3.0)


TRIPWIRE_POINTS = [
    pytest.param({"F": 70}, "the coalition responds and Russia backs down", False, id="British Army"),
    pytest.param({"F": 200, "g": 2}, "deterrence holds", False, id="large force deters"),
    pytest.param({"F": 150, "g": 2}, None, True, id="robust force: Russia indifferent"),
    pytest.param({"F": 200, "q": 0.1}, "Russia tests and the coalition abandons (escalation dominance)", False,
                 id="escalation dominance"),
]


@pytest.mark.parametrize(("point", "name", "knife"), TRIPWIRE_POINTS)
def test_tripwire_points_agree_with_the_model_solver(point, name, knife):
    model = get_model("tripwire")
    swept = {"F": [point["F"]]}
    fixed = {k: v for k, v in point.items() if k != "F"}
    ds = sweep(model, over=swept, fixed=fixed)
    found = model.solve(**{k: exact(v) for k, v in point.items()})
    assert bool(ds.knife_edge.item()) == knife == bool(found.knife_edge)
    if name is not None:
        assert [s.name for s in found] == [name]
    expected = " + ".join(k for k, v in found[0].outcomes.items() if v > 0)
    assert sorted(str(outcome_names(ds).item()).split(" + ")) == sorted(expected.split(" + "))


def test_tripwire_grid_knife_edges_are_exactly_the_solver_ties():
    model = get_model("tripwire")
    over = {"F": np.arange(100.0, 201.0, 25.0), "g": [1.0, 2.0]}
    ds = sweep(model, over=over)
    for i, f in enumerate(over["F"]):
        for j, g in enumerate(over["g"]):
            found = model.solve(F=exact(float(f)), g=exact(float(g)))
            assert bool(ds.knife_edge[i, j]) == bool(found.knife_edge), (f, g)
    assert ds.knife_edge.sel(F=150.0, g=2.0)


def test_dataset_layout_and_provenance():
    ds = sweep("tripwire", over={"F": [50.0, 150.0], "K": [80.0, 100.0, 120.0]}, fixed={"q": "1/20"})
    assert ds.outcome.dims == ("F", "K")
    assert ds.payoff.dims == ("F", "K", "player")
    assert list(ds.F.values) == [50.0, 150.0]
    assert ds.attrs["model"] == "tripwire"
    assert ds.attrs["fixed"] == "q=1/20"
    assert ds.attrs["escalation_version"]
    assert "vectorised" in ds.attrs["method"]
    total = ds.outcome_probability.sum("label")
    assert np.allclose(total, 1.0)


def test_five_dimensions():
    over = {"F": [60.0, 160.0], "K": [90.0, 110.0], "V": [5.0, 10.0], "A": [20.0, 30.0], "h": [1.0, 3.0]}
    ds = sweep("tripwire", over=over)
    assert ds.outcome.shape == (2, 2, 2, 2, 2)


def test_a_model_without_tree_or_closed_form_falls_back_to_its_own_solver():
    ds = sweep("deconfliction", over={"T": [6.5, 7.0, 9.0]})
    model = get_model("deconfliction")
    names = [str(n) for n in equilibrium_names(ds).values]
    assert names == [model.solve(T=exact(v))[0].name for v in (6.5, 7.0, 9.0)]
    assert ds.equilibria.values.tolist() == [len(model.solve(T=exact(v))) for v in (6.5, 7.0, 9.0)]
    assert "per-point" in ds.attrs["method"]


def test_incomplete_information_model_takes_the_generic_pbe_path():
    ds = sweep("unilateral", over={"p_Def": [0.1, 0.6, 0.9]}, fixed={"p_Ch": "3/4"})
    model = get_model("unilateral")
    names = [str(n) for n in equilibrium_names(ds).values]
    assert names == [model.solve(p_Def=exact(v), p_Ch=exact("3/4"))[0].name for v in (0.1, 0.6, 0.9)]
    # what happens: the outcome labels the solver's first equilibrium reaches
    reached = [" + ".join(k for k, p in model.solve(p_Def=exact(v), p_Ch=exact("3/4"))[0].outcomes.items() if p)
               for v in (0.1, 0.6, 0.9)]
    assert [sorted(str(n).split(" + ")) for n in outcome_names(ds).values] == [sorted(r.split(" + ")) for r in reached]
    assert ds.attrs["method"].startswith("equilibrium shapes from exact solves")


@pytest.mark.parametrize(("kwargs", "parameter"), [
    pytest.param({"over": {"Z": [1.0]}}, "Z", id="unknown parameter"),
    pytest.param({"over": {"F": [-5.0, 10.0]}}, "F", id="outside the domain"),
    pytest.param({"over": {"F": [1.0, float("nan")]}}, "F", id="NaN"),
    pytest.param({"over": {"F": []}}, "F", id="empty"),
    pytest.param({"over": {}}, "over", id="no parameter"),
    pytest.param({"over": {key: [1.0] for key in ["F", "K", "V", "A", "h", "s"]}}, "over", id="six parameters"),
    pytest.param({"over": {"F": [1.0]}, "fixed": {"F": 2}}, "F", id="swept and fixed"),
    pytest.param({"over": {"F": [1.0]}, "backend": "spark"}, "backend", id="unknown backend"),
])
def test_bad_requests_name_the_parameter(kwargs, parameter):
    with pytest.raises(ParameterError) as err:
        sweep("tripwire", **kwargs)
    assert err.value.parameter == parameter


def test_a_game_needs_every_parameter_valued():
    with pytest.raises(ParameterError, match="w"):
        sweep(CHANCE_GAME, over={"p": [0.5]})


def test_a_normal_form_is_refused():
    from escalation.games import NormalFormGame

    game = NormalFormGame.from_matrices([[0, 1], [1, 0]], [[0, 1], [1, 0]])
    with pytest.raises(ParameterError, match="model_or_game"):
        sweep(game, over={"x": [1.0]})


def test_compile_refuses_information_sets():
    from escalation.analysis.compile import compile_tree

    x = sympy.Symbol("x")
    game = ExtensiveFormGame(("A", "B"), decision("A", {
        "L": decision("B", {"l": outcome("a", (x, 0)), "r": outcome("b", (0, 1))}, infoset="h"),
        "R": decision("B", {"l": outcome("c", (1, 0)), "r": outcome("d", (0, x))}, infoset="h"),
    }))
    with pytest.raises(GameStructureError):
        compile_tree(game)


def test_outcome_only_gives_the_same_outcomes_and_knife_edges():
    over = {"F": np.arange(0.0, 301.0, 25.0), "g": [0.5, 2.0], "q": [0.05, 0.2]}
    full = sweep("tripwire", over=over)
    lean = sweep("tripwire", over=over, outcome_only=True)
    assert set(lean.data_vars) == {"outcome", "knife_edge", "equilibria"}
    for name in lean.data_vars:
        assert np.array_equal(lean[name].values, full[name].values)
    chance = sweep(CHANCE_GAME, over={"p": [0.0, 0.5, 1.0], "w": [1.0, 2.0, 3.0]}, outcome_only=True)
    assert np.array_equal(chance.outcome.values, sweep(CHANCE_GAME, over={"p": [0.0, 0.5, 1.0],
                                                                          "w": [1.0, 2.0, 3.0]}).outcome.values)


UNILATERAL_GRID = {"p_Def": [0.05, 0.25, 1 / 3, 0.4, 0.5, 0.75, 0.95], "p_Ch": [0.1, 0.25, 0.5, 0.6, 0.9]}


def test_unilateral_generic_sweep_agrees_with_the_model_solver():
    model = get_model("unilateral")
    ds = sweep(model, over=UNILATERAL_GRID, outcome_only=True)
    assert ds.attrs["method"].startswith("equilibrium shapes from exact solves")
    for i, pd_ in enumerate(UNILATERAL_GRID["p_Def"]):
        for j, pc in enumerate(UNILATERAL_GRID["p_Ch"]):
            found = model.solve(p_Def=exact(pd_), p_Ch=exact(pc))
            cell = ds.isel(p_Def=i, p_Ch=j)
            assert str(equilibrium_names(cell).values) == found[0].name, (pd_, pc)
            assert bool(cell.knife_edge) == bool(found.knife_edge), (pd_, pc)
            assert int(cell.equilibria) == len(found)
    assert ds.knife_edge.sel(p_Def=0.5).all()     # alpha_H = 1/2 with the defaults
    assert ds.knife_edge.sel(p_Ch=0.5).any()      # beta = 1/2 (a knife edge where the Bluff/Attack line runs)


def test_closed_form_sweep_keeps_the_model_s_errors():
    model = get_model("unilateral")
    with pytest.raises(ParameterError) as expected:
        model.solve(p_Def=exact("0.2"), c_SQ=5)
    with pytest.raises(ParameterError) as got:
        sweep(model, over={"p_Def": [0.2]}, fixed={"c_SQ": 5}, outcome_only=True)
    assert got.value.parameter == expected.value.parameter
