"""Tests of escalation.plotting.curves and the curve figures (UDG war curve, unity, attribution).

Expected values are typed from the closed forms in LITERATURE.md: UDG alpha_S = 1/3, alpha_H = 1/2
(section 2); P(nobody responds) = (K/U)^(N/(N-1)) (section 7); violation rate e/(pi (L - A)) above
g/(g+s) = 1/4 and 1 below, at g = 1, s = 3, e = 1/10, L = 1, A = 0 (section 6).
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from escalation.errors import ParameterError
from escalation.figures import FIGURES
from escalation.plotting import style_context
from escalation.plotting.curves import (
    draw_bargaining_ranges,
    draw_curves,
    drawn_breaks,
    drawn_curves,
    drawn_ranges,
    drawn_thresholds,
    mark_thresholds,
)


def draw(figure_id):
    with style_context():
        return FIGURES[figure_id].draw()


# -- the drawing functions ------------------------------------------------------------------------
def test_curves_and_thresholds_read_back_as_drawn():
    ax = draw_curves([0, 1], {"a": ["1/2", 1], "b": [0, 0]})
    ax = mark_thresholds({"t": "1/4"}, ax=ax)
    assert drawn_curves(ax)["a"].tolist() == [[0, 0.5], [1, 1]]
    assert drawn_thresholds(ax) == {"t": 0.25}
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["a", "b"]


def test_bargaining_ranges_read_back_in_order():
    ax = draw_bargaining_ranges({"before": ("1/2", "7/10"), "after": (0.3, 0.5)}, marks={"after": {"p": 0.4}})
    assert list(drawn_ranges(ax)) == ["before", "after"]
    assert drawn_ranges(ax)["before"] == pytest.approx((0.5, 0.7))


@pytest.mark.parametrize(("call", "named"), [
    pytest.param(lambda: draw_curves([0, 1], {"a": [0]}), "curves", id="length mismatch"),
    pytest.param(lambda: draw_bargaining_ranges({"x": (0.6, 0.4)}), "ranges", id="low above high"),
])
def test_bad_input_names_the_argument(call, named):
    with pytest.raises(ParameterError, match=named):
        call()


# -- UDG war curve --------------------------------------------------------------------------------
def test_war_curve_rises_below_alpha_h_and_is_zero_above():
    (ax,) = draw("udg-war-curve").axes
    assert drawn_thresholds(ax) == {r"$\alpha_S$": pytest.approx(1 / 3), r"$\alpha_H$": 0.5}
    for label, points in drawn_curves(ax).items():
        if not label.startswith("P(war)"):
            continue
        x, y = points[:, 0], points[:, 1]
        below, above = y[x < 0.5], y[x > 0.5]
        assert np.all(above == 0), label
        assert np.all(np.diff(below) >= -1e-12), label  # never falls before alpha_H (floats from the sweep)
        assert below.max() > 0, label
        assert x[np.argmax(y)] < 0.5, label
    hard = drawn_curves(ax)["P(war), $p_{Ch}$ = 3/4"]
    assert np.allclose(hard[hard[:, 0] < 0.5, 1], 0.75 * hard[hard[:, 0] < 0.5, 0])  # p_Ch * p_Def
    # The jumps are drawn as jumps: every curve is cut at alpha_H (the war curve falls from 3/8 to 0 there).
    for label, cuts in drawn_breaks(ax).items():
        assert any(abs(c - 0.5) < 1e-3 for c in cuts), label
    lines = {line.get_label(): line.get_xydata() for line in ax.lines}
    segment = lines["P(war), $p_{Ch}$ = 3/4"]
    steep = [(a, b) for a, b in itertools.pairwise(segment)
             if np.all(np.isfinite(a)) and np.all(np.isfinite(b)) and abs(b[1] - a[1]) > 0.05]
    assert steep == []  # no sloped line across the discontinuity


# -- unity ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("label", "ratio"), [("K/U = 1/16", 1 / 16), ("K/U = 1/4", 1 / 4), ("K/U = 1/2", 1 / 2)])
def test_unity_curves_are_the_volunteers_dilemma_formula(label, ratio):
    (ax,) = draw("unity").axes
    points = drawn_curves(ax)[label]
    n, p = points[:, 0], points[:, 1]
    assert np.allclose(p, ratio ** (n / (n - 1)))
    assert np.all(np.diff(p) > 0)
    assert np.all(p < ratio)


# -- attribution ----------------------------------------------------------------------------------
def test_attribution_curves_mark_the_osce_and_the_threshold():
    (ax,) = draw("attribution").axes
    assert drawn_thresholds(ax) == {"$g/(g+s)$": 0.25}
    curves = drawn_curves(ax)
    violation, investigation = curves["probability of a violation"], curves["probability of an investigation"]
    assert violation[0].tolist() == [0, 1]  # OSCE: pi = 0, violation certain
    assert investigation[0].tolist() == [0, 0]  # ... and nobody investigates
    pi, q = violation[:, 0], violation[:, 1]
    assert np.all(q[pi <= 0.25] == 1)
    assert np.allclose(q[pi > 0.25], 0.1 / pi[pi > 0.25])
    assert drawn_breaks(ax)["probability of a violation"] == [pytest.approx(0.1, abs=2e-3),
                                                              pytest.approx(0.25, abs=2e-3)]
    assert "OSCE" in " ".join(t.get_text() for t in ax.texts)


# -- porcupine --------------------------------------------------------------------------------------
def test_porcupine_ranges_are_fearons_before_and_after_arming_and_sanctions():
    # Defaults p_R = 3/5, delta_p = 1/5, c_R = 1/10, delta_c = 1/10, c_U = 1/10: range [p - c_A, p + c_B].
    (ax,) = draw("porcupine").axes
    assert drawn_ranges(ax) == {"before": pytest.approx((0.5, 0.7)), "after arming": pytest.approx((0.3, 0.5)),
                                "after sanctions": pytest.approx((0.4, 0.7)),
                                "arming and sanctions": pytest.approx((0.2, 0.5))}
