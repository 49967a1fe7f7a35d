"""The E9 summary figure: each panel shows what its full-size model says."""

from __future__ import annotations

import numpy as np
import pytest

from escalation.figures import FIGURES
from escalation.plotting.curves import drawn_curves, drawn_ranges
from escalation.plotting.gallery.porcupine import porcupine_ranges
from escalation.plotting.gallery.summary import PANELS, draw_e9_summary
from escalation.plotting.regions import drawn_boundaries, region_labels
from escalation.plotting.style import style_context


@pytest.fixture(scope="module")
def panels():
    with style_context():
        figure = draw_e9_summary()
    return figure.axes


def test_registered_with_the_claims_it_summarises():
    entry = FIGURES["e9-summary"]
    assert set(entry.claims) == {"E1", "E5", "E6", "E9"}


def test_one_panel_per_claim_in_order(panels):
    assert [ax.get_title(loc="left") for ax in panels[:3]] == list(PANELS)
    assert [p.split(":")[0] for p in PANELS] == ["E1", "E5", "E6"]


def test_force_panel_boundary_is_the_deterrence_threshold(panels):
    from escalation.models import get_model

    f_star = float(get_model("tripwire").thresholds()["F_deter"].subs(
        {s: v for s, v in get_model("tripwire").parameters.substitutions().items()}))
    boundary = drawn_boundaries(panels[0])["$F^*$"]
    assert np.allclose(boundary[:, 0], f_star)
    assert "deterrence holds" in region_labels(panels[0])


def test_deconfliction_panel_curves(panels):
    curves = drawn_curves(panels[1])
    deterrence = next(v for k, v in curves.items() if k.startswith("deterrence"))
    deconfliction = next(v for k, v in curves.items() if k.startswith("deconfliction"))
    assert np.all(deconfliction[:, 1] == 0)
    assert np.all(deterrence[:, 1] > 0)
    assert np.all(np.diff(deterrence[:, 1]) <= 0)  # costlier war, rarer collision


def test_porcupine_panel_ranges(panels):
    drawn = drawn_ranges(panels[2])
    expected = porcupine_ranges()
    assert set(drawn) == set(expected)
    for scenario, (low, high) in expected.items():
        assert drawn[scenario] == pytest.approx((float(low), float(high)))
