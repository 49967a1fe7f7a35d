"""Structural tests of the claim figures: deconfliction (E5), brinkmanship window (E4, E5), audiences (E7).

Expected values are typed from LITERATURE.md sections 3, 7 and 8: Aumann's Chicken (R, S, T, P) = (6, 2, 7, 0)
has pure equilibria (2, 7) and (7, 2), mixed payoff 14/3 and best symmetric correlated payoff 21/4; the
mixed equilibrium's P(war) is ((T-R)/((T-R)+(S-P)))^2; rho_min = G/(G+W_Ch) = 1/4 at G = 1, W_Ch = 3 and
rho_max = L(1-pi)/(pi(W_Def-L)) at L = 2, W_Def = 10; the audience cost makes the UDG's soft defender
(d_CW = 0, d_W = -3) hard above a = 3.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from escalation.figures import FIGURES
from escalation.plotting import style_context
from escalation.plotting.curves import drawn_curves, drawn_thresholds
from escalation.plotting.gallery.audiences import ALL_HARD, audience_curve
from escalation.plotting.gallery.deconfliction import DECONFLICTION_LABEL, DETERRENCE, ce_payoff_polygon


def draw(figure_id):
    with style_context():
        return FIGURES[figure_id].draw()


@pytest.fixture(scope="module")
def deconfliction():
    return draw("deconfliction").axes


# -- deconfliction --------------------------------------------------------------------------------
def marker(ax, name):
    (line,) = [line for line in ax.lines if line.get_label() == f"_eq:{name}"]
    return tuple(float(v) for v in line.get_xydata()[0])


@pytest.mark.parametrize(("name", "point"), [
    pytest.param("NATO backs down", (2, 7), id="pure NATO"),
    pytest.param("Russia backs down", (7, 2), id="pure Russia"),
    pytest.param("mixed equilibrium (deterrence posture)", (14 / 3, 14 / 3), id="mixed"),
    pytest.param("deconfliction (correlated)", (21 / 4, 21 / 4), id="correlated"),
])
def test_equilibrium_payoff_points(deconfliction, name, point):
    assert marker(deconfliction[0], name) == pytest.approx(point)


def test_correlated_payoff_set_contains_aumanns_points_and_not_war():
    polygon = ce_payoff_polygon()
    assert (Fraction(21, 4), Fraction(21, 4)) in polygon
    assert (Fraction(2), Fraction(7)) in polygon
    assert (Fraction(7), Fraction(2)) in polygon
    from matplotlib.path import Path
    shape = Path([(float(x), float(y)) for x, y in polygon])
    for inside in [(5, 5), (14 / 3, 14 / 3)]:  # Aumann's 1/3-1/3-1/3 recommender; the mixed equilibrium
        assert shape.contains_point(inside, radius=1e-9) or shape.contains_point(inside, radius=-1e-9)
    assert not shape.contains_point((0.5, 0.5))
    # Each player's payoff over the correlated equilibria ranges over [2, 7] (LITERATURE.md section 7).
    assert min(x for x, _ in polygon) == 2
    assert max(x for x, _ in polygon) == 7


def test_deterrence_war_curve_is_q_star_squared_and_deconfliction_is_zero(deconfliction):
    curves = drawn_curves(deconfliction[1])
    r, s, t = 6, 2, 7
    points = curves[DETERRENCE]
    assert len(points) > 10
    for cost, war in points:
        p = -cost
        assert war == pytest.approx(((t - r) / ((t - r) + (s - p))) ** 2)
    assert points[0][1] == pytest.approx(1 / 9)
    assert np.all(np.diff(points[:, 1]) < 0)
    assert np.all(curves[DECONFLICTION_LABEL][:, 1] == 0)


# -- brinkmanship window --------------------------------------------------------------------------
def test_window_bounds_are_the_models_thresholds():
    (ax,) = draw("brinkmanship-window").axes
    curves = drawn_curves(ax)
    (upper,) = [v for k, v in curves.items() if k.startswith(r"$\rho_{\max}$")]
    (lower,) = [v for k, v in curves.items() if k.startswith(r"$\rho_{\min}$ (deters)")]
    (shifted,) = [v for k, v in curves.items() if k.startswith(r"$\rho_{\min}$ when")]
    assert np.all(lower[:, 1] == pytest.approx(1 / 4))
    assert np.all(shifted[:, 1] == pytest.approx(1 / 2))  # W_Ch falls from 3 to 1: G/(G+W_Ch) = 1/2
    pi = upper[:, 0]
    assert upper[:, 1] == pytest.approx(2 * (1 - pi) / (pi * 8))
    (window,) = ax.collections
    paths = window.get_paths()
    right = max(v[0] for p in paths for v in p.vertices)
    assert right == pytest.approx(0.5, abs=0.011)  # rho_max = 1/4 at pi_R = 1/2: the window closes there


# -- audiences ------------------------------------------------------------------------------------
def test_audience_threshold_line_sits_at_d_cw_minus_d_w():
    (ax,) = draw("audiences").axes
    assert list(drawn_thresholds(ax).values()) == [3.0]
    (curve,) = drawn_curves(ax).values()
    a, p = curve[:, 0], curve[:, 1]
    assert p[a <= 3] == pytest.approx(np.minimum(1, (1 + a[a <= 3]) / 4))  # Pr(d_W >= -a), d_W ~ U[-3, 1]
    assert np.all(p[a >= 3] == 1)


def test_audience_curve_names_follow_the_udg_thresholds():
    _costs, credibility, names = audience_curve()
    for p, name in zip(credibility, names, strict=True):
        if p >= 1:
            assert name == ALL_HARD
        elif p > Fraction(1, 2):  # above alpha_H = 1/2 deterrence is certain
            assert name == "Certain Deterrence"
        elif p < Fraction(1, 3):  # below alpha_S = 1/3
            assert "Separating" not in name
            assert "Certain Deterrence" not in name
    assert names[0] != names[-1]


def test_correlated_equilibria_range_from_no_war_to_one_war_in_five():
    """The deconfliction caption's claim, checked three ways: the package's LP, the vertices, and scipy's LP."""
    from scipy.optimize import linprog

    from escalation.models.deconfliction import MODEL, build, war_probability_range
    from escalation.plotting.gallery.deconfliction import WORST, war_curves
    from escalation.solvers.correlated import correlated_equilibria

    game = build(MODEL.values())
    best = correlated_equilibria(game)[0]  # welfare-maximising: the deconfliction posture
    assert best.distribution[("Straight", "Straight")] == 0
    worst = correlated_equilibria(game, objective={"NATO": -1, "Russia": -1})[0]
    assert worst.distribution[("Straight", "Straight")] == Fraction(1, 5)
    assert war_probability_range(MODEL.values()) == (0, Fraction(1, 5))
    # Independently: maximise mu(war) over the correlated equilibria of Chicken (6, 2, 7, 0), in floats.
    # mu = (SS, SW, WS, WW) over (Swerve, Straight) pairs; obedience: told Swerve, (6-7) mu_SS + (2-0) mu_SW >= 0, ...
    obedience = [[-1, 2, 0, 0], [0, 0, 1, -2], [-1, 0, 2, 0], [0, 1, 0, -2]]  # rows: the four incentive constraints
    found = linprog([0, 0, 0, -1], A_ub=[[-a for a in row] for row in obedience], b_ub=[0] * 4,
                    A_eq=[[1, 1, 1, 1]], b_eq=[1], bounds=[(0, 1)] * 4)
    assert -found.fun == pytest.approx(0.2)
    _costs, curves = war_curves()
    assert curves[WORST][0] == Fraction(1, 5)
    assert "1/5" in FIGURES["deconfliction"].caption
    assert "no war to a war probability of 1/5" in FIGURES["deconfliction"].caption
