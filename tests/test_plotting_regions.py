"""Tests of escalation.plotting.regions and the region-map figures (tripwire, UDG, escalation dominance).

Expected thresholds are typed from the models' documented closed forms at their defaults
(LITERATURE.md section 2 for the UDG: alpha_H = 1/2, alpha_S = 1/3, beta = 1/2), or worked out by
hand in the comments; region names are the models' own.
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy

from escalation.errors import ParameterError
from escalation.figures import FIGURES
from escalation.models import get_model
from escalation.plotting import style_context
from escalation.plotting.gallery import escalation_dominance, tripwire, udg
from escalation.plotting.regions import (
    Boundary,
    draw_heat_map,
    draw_region_map,
    drawn_boundaries,
    grid_values,
    region_labels,
)


# -- the drawing functions ------------------------------------------------------------------------
def test_grid_values_is_indexed_row_by_y_and_column_by_x():
    values = grid_values(lambda x, y: (x, y), [1, 2, 3], [10, 20])
    assert values.shape == (2, 3)
    assert values[1, 2] == (3, 20)


def test_region_map_labels_each_region_once_and_draws_exact_boundaries():
    xs, ys = np.linspace(0.05, 0.95, 10), np.linspace(0.05, 0.95, 10)
    names = grid_values(lambda x, y: "A" if x < 0.3 else ("B" if y < 0.6 else "C"), xs, ys)
    ax = draw_region_map(names, xs, ys, boundaries=[Boundary("a", x=0.3), Boundary("b", y=0.6)],
                         labels={"C": "see C"})
    assert region_labels(ax) == {"A": "A", "B": "B", "C": "see C"}
    lines = drawn_boundaries(ax)
    assert lines["a"][:, 0].tolist() == [0.3, 0.3]
    assert lines["b"][:, 1].tolist() == [0.6, 0.6]


@pytest.mark.parametrize(("call", "named"), [
    pytest.param(lambda: draw_region_map(np.array([["A", "B"]], dtype=object), [0, 1], [0, 1]), "names",
                 id="shape"),
    pytest.param(lambda: draw_region_map(np.array([["A", "B"]], dtype=object), [0, 1], [0], order=["A"]), "order",
                 id="order leaves a region out"),
    pytest.param(lambda: draw_heat_map(np.zeros((2, 2)), [0, 1, 2], [0, 1]), "values", id="heat map shape"),
    pytest.param(lambda: Boundary("both", x=1, y=2), "boundary", id="boundary with two lines"),
])
def test_bad_input_names_the_argument(call, named):
    with pytest.raises(ParameterError, match=named):
        call()


# -- tripwire force map ---------------------------------------------------------------------------
def test_force_map_thresholds_are_the_models_closed_forms():
    # F* = K ((V + s - c_T)/(c_T + h))^(1/m) = 100 (9/4)^(1/2) = 150; F_respond = 100 (1/24)^(1/2);
    # the coalition holds firm under a nuclear threat iff W_C < A + c_C - qN = 25 + 1 - 5 = 21.
    th = tripwire.force_map_thresholds()
    assert th["F*"] == 150
    assert sympy.simplify(th["F respond"] - 100 / sympy.sqrt(24)) == 0
    assert th["W_C resolve"] == 21


def test_force_map_regions_are_the_models_and_change_at_the_thresholds():
    # Thresholds typed from the closed forms above: F* = 150, F_respond = 100/sqrt(24) ~ 20.41, W_C* = 21.
    forces, costs, names = tripwire.force_map_grid()
    assert names.shape == (len(costs), len(forces)) == (400, 400)
    assert set(names.flat) == set(tripwire.REGIONS)
    f, w = np.meshgrid(forces, costs)
    expected = np.where(w > 21, tripwire.DOMINANCE, np.where(f > 150, tripwire.DETER, np.where(
        f > 100 / np.sqrt(24), tripwire.TESTED, tripwire.TOO_SMALL)))
    assert (names == expected).all()


@pytest.mark.parametrize(("F", "W_C", "region", "model_name"), [
    pytest.param(70, 10, tripwire.TESTED, "the coalition responds and Russia backs down", id="British Army"),
    pytest.param(200, 10, tripwire.DETER, "deterrence holds", id="large force deters"),
    pytest.param(10, 10, tripwire.TOO_SMALL, "Russia tests and the coalition abandons", id="too small to defend"),
    pytest.param(200, 30, tripwire.DOMINANCE, "Russia tests and the coalition abandons (escalation dominance)",
                 id="escalation dominance"),
])
def test_force_map_regions_agree_with_the_models_exact_solver(F, W_C, region, model_name):
    (spe,) = get_model("tripwire").solve(F=F, W_C=W_C, **tripwire.FORCE_MAP_SETTINGS)
    assert spe.name == model_name
    forces, costs, names = tripwire.force_map_grid()
    i, j = np.searchsorted(costs, W_C), np.searchsorted(forces, F)
    assert names[i, j] == region


def test_force_map_figure_draws_the_thresholds_and_names_regions():
    with style_context():
        figure = FIGURES["tripwire-force-map"].draw()
    (ax,) = figure.axes
    lines = drawn_boundaries(ax)
    assert lines["$F^*$"][:, 0].tolist() == [150, 150]
    assert lines["$F^*$"][:, 1].tolist() == [0, 21]  # a boundary only below the resolve line
    assert lines["$W_C^*$"][0, 1] == 21
    assert set(region_labels(ax)) == set(tripwire.REGIONS)
    texts = " ".join(t.get_text() for t in ax.texts)
    assert "70k" in texts
    assert "150k" in texts


def test_tripwire_tree_highlights_the_spe_path():
    from escalation.plotting import drawn_actions
    with style_context():
        figure = FIGURES["tripwire-tree"].draw()
    (ax,) = figure.axes
    assert drawn_actions(ax, "path")[:3] == ("root/Consent", "root/Consent/Test", "root/Consent/Test/Respond")
    assert "root/Consent/Test/Respond/Attack defeated/Back down" in drawn_actions(ax, "path")


# -- UDG -------------------------------------------------------------------------------------------
def test_udg_thresholds_are_the_literatures():
    assert udg.udg_thresholds() == {"alpha_H": sympy.Rational(1, 2), "alpha_S": sympy.Rational(1, 3),
                                    "beta": sympy.Rational(1, 2)}


def test_udg_map_boundaries_sit_at_the_models_thresholds():
    th = get_model("unilateral").thresholds()
    values = get_model("unilateral").parameters.validate({})
    symbols = get_model("unilateral").parameters.symbols
    at = {k: float(v.subs({symbols[n]: x for n, x in values.items()})) for k, v in th.items()}
    with style_context():
        figure = FIGURES["udg-region-map"].draw()
    regions, heat = figure.axes[:2]
    for ax in (regions, heat):
        lines = drawn_boundaries(ax)
        assert lines[r"$\alpha_H$"][0, 1] == at["alpha_H"]
        assert lines[r"$\alpha_S$"][0, 1] == at["alpha_S"]
        assert lines[r"$\beta$"][:, 0].tolist() == [at["beta"], at["beta"]]
        assert sorted(lines[r"$\beta$"][:, 1].tolist()) == [0, at["alpha_S"]]  # only below alpha_S
    assert set(region_labels(regions)) == {"Certain Deterrence", "Separating", "Attack", "Bluff"}


def test_udg_regions_match_the_threshold_conditions():
    p_ch, p_def, names, war = udg.udg_grid()
    assert names.shape == (400, 400)
    c, d = np.meshgrid(p_ch, p_def)
    expected = np.where(d > 1 / 2, "Certain Deterrence", np.where(d > 1 / 3, "Separating",
                                                                  np.where(c > 1 / 2, "Attack", "Bluff")))
    assert (names == expected).all()
    assert (war[expected == "Certain Deterrence"] == 0).all()
    hard_meets_hard = (expected == "Separating") | (expected == "Attack")
    assert np.allclose(war[hard_meets_hard], (c * d)[hard_meets_hard])  # a Hard challenger meets a Hard defender


@pytest.mark.parametrize(("p_ch", "p_def"), [("1/8", "1/8"), ("7/8", "1/5"), ("3/8", "2/5"), ("5/8", "9/10")])
def test_udg_grid_agrees_with_the_models_exact_solver(p_ch, p_def):
    p_chs, p_defs, names, war = udg.udg_grid()
    (eq,) = get_model("unilateral").solve(p_Ch=p_ch, p_Def=p_def)
    i, j = np.argmin(abs(p_defs - float(sympy.Rational(p_def)))), np.argmin(abs(p_chs - float(sympy.Rational(p_ch))))
    (near,) = get_model("unilateral").solve(p_Ch=sympy.nsimplify(p_chs[j]), p_Def=sympy.nsimplify(p_defs[i]))
    assert names[i, j] == near.name == eq.name
    assert war[i, j] == pytest.approx(float(near.outcomes.get("W", 0)))


def test_udg_heat_map_shows_the_grids_probabilities_of_war():
    _, _, _, war = udg.udg_grid()
    with style_context():
        figure = FIGURES["udg-region-map"].draw()
    mesh = figure.axes[1].collections[0]
    assert np.allclose(np.asarray(mesh.get_array()).reshape(war.shape), war)


# -- escalation dominance -------------------------------------------------------------------------
def test_escalation_dominance_regions_follow_the_deterrence_condition():
    # Deterrence under D1 iff t > tau = 2/5 and p_HH = share * t > theta * tau = 4/15.
    ts, shares, names, _ = escalation_dominance.aeg_grid()
    assert names.shape == (400, 400)
    t, share = np.meshgrid(ts, shares)
    deter = (t > 2 / 5) & (share * t > 4 / 15)
    assert ((names == "Deterrence") == deter).all()
    assert (names[~deter] == np.where(share > 2 / 3, "Limited conflict", "Escalation risk")[~deter]).all()


@pytest.mark.parametrize(("t", "share"), [("1/5", "1/10"), ("1/5", "9/10"), ("3/5", "1/5"), ("4/5", "9/10")])
def test_escalation_dominance_grid_agrees_with_the_models_exact_solver(t, share):
    ts, shares, names, conflict = escalation_dominance.aeg_grid()
    j, i = np.argmin(abs(ts - float(sympy.Rational(t)))), np.argmin(abs(shares - float(sympy.Rational(share))))
    t_, s_ = sympy.nsimplify(ts[j]), sympy.nsimplify(shares[i])
    (eq,) = get_model("escalation-one-sided").solve(p_HH=t_ * s_, p_HS=t_ * (1 - s_), p_SH=escalation_dominance.P_SH)
    assert names[i, j] == eq.name
    assert conflict[i, j] == pytest.approx(float(sum(eq.outcomes.get(o, 0) for o in ("DD", "ED", "EE"))))


def test_escalation_dominance_figure_draws_tau_theta_and_the_curve():
    with style_context():
        figure = FIGURES["escalation-dominance"].draw()
    lines = drawn_boundaries(figure.axes[0])
    assert lines[r"$\tau$"][:, 0] == pytest.approx([0.4, 0.4])
    assert lines[r"$\tau$"][:, 1] == pytest.approx([2 / 3, 1])  # tau separates regions only above theta
    assert lines[r"$\theta$"][:, 1] == pytest.approx([2 / 3, 2 / 3])
    assert lines[r"$\theta$"][:, 0] == pytest.approx([0, 0.4])  # ... and theta only left of tau
    curve = lines[r"$p_{HH} = \theta\tau$"]
    assert np.allclose(curve[:, 0] * curve[:, 1], 4 / 15)
    assert set(region_labels(figure.axes[0])) == {"Deterrence", "Limited conflict", "Escalation risk"}
