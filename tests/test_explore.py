"""escalation.explore (module escalation/explorer.py): the static figure, and widgets where ipywidgets is installed."""

from __future__ import annotations

import importlib

import pytest
import sympy
from matplotlib.figure import Figure

from escalation.errors import ParameterError
from escalation.explorer import explore, explore_figure, summary
from escalation.models import get_model
from escalation.plotting import drawn_actions, marked_cells

# The module, not the function (escalation/__init__.py re-exports the function under the same name).
explore_module = importlib.import_module("escalation.explorer")


def _text(figure: Figure) -> str:
    return "\n".join(t.get_text() for t in figure.texts)


@pytest.mark.parametrize(
    ("p_B", "name"),
    [pytest.param("3/4", "Deterrence", id="credible"), pytest.param("1/2", "Attack", id="not credible")],
)
def test_static_figure_names_the_equilibrium_of_the_rudimentary_game(p_B, name, capsys):
    figure = explore("rudimentary", static=True, p_B=p_B)
    assert isinstance(figure, Figure)
    assert _text(figure).startswith(f"1. {name}\n")
    assert "static figure" in capsys.readouterr().out


def test_tree_model_draws_the_path_of_play_of_its_equilibrium():
    figure = explore_figure(get_model("tripwire"), get_model("tripwire").values(F=70))
    assert "root/Consent/Test/Respond" in drawn_actions(figure.axes[0], "path")
    assert "the coalition responds and Russia backs down" in _text(figure)


def test_normal_form_model_marks_its_pure_equilibrium():
    model = get_model("attribution")
    figure = explore_figure(model, model.values(pi=0))
    assert marked_cells(figure.axes[0]) == (("Violate", "Not investigate"),)


def test_summary_lists_outcomes_and_exact_payoffs():
    text = summary(get_model("unilateral").solve(p_Ch="1/4", p_Def="1/4"))
    assert text.splitlines()[:2] == ["1. Bluff", "   outcomes: SQ 1/2, CW 1/3, DW 1/12, W 1/12"]


def test_a_point_outside_the_models_assumptions_is_explained_not_raised():
    model = get_model("rudimentary")
    figure = explore_figure(model, {**model.values(), "a_DD": 5})  # values() itself refuses the point
    assert _text(figure).startswith("no equilibrium at this point:")
    assert "a_DD" in _text(figure)


def test_a_value_outside_its_domain_names_the_parameter():
    with pytest.raises(ParameterError, match="p_B"):
        explore("rudimentary", static=True, p_B=2)


def test_without_ipywidgets_explore_degrades_to_a_static_figure(monkeypatch, capsys):
    monkeypatch.setitem(__import__("sys").modules, "ipywidgets", None)
    figure = explore("rudimentary")
    assert isinstance(figure, Figure)
    assert "ipywidgets is not installed" in capsys.readouterr().out


def test_widgets_are_sliders_on_bounded_domains_and_text_boxes_otherwise(monkeypatch):
    widgets = pytest.importorskip("ipywidgets")
    drawn = []
    monkeypatch.setattr(explore_module, "explore_figure", lambda model, values: drawn.append(values) or Figure())
    box = explore("rudimentary", p_B="3/4")
    controls = {c.description.split()[0]: c for c in box.children if getattr(c, "description", "")}
    assert isinstance(controls["p_B"], widgets.FloatSlider)
    assert (controls["p_B"].min, controls["p_B"].max, controls["p_B"].value) == (0, 1, 0.75)
    assert isinstance(controls["a_DD"], widgets.Text)
    controls["a_DD"].value = "-1/3"
    assert drawn[-1]["a_DD"] == sympy.Rational(-1, 3)
    assert drawn[-1]["p_B"] == sympy.Rational(3, 4)


def test_package_exposes_the_function_lazily():
    import escalation

    first, second = escalation.explore, escalation.explore
    assert callable(first)
    assert first is second
    assert first.__module__ == "escalation.explorer"


def test_every_numeric_parameter_with_a_finite_range_gets_a_slider_with_room_for_its_track():
    widgets = pytest.importorskip("ipywidgets")
    for name in ("tripwire", "unity", "unilateral"):
        model = get_model(name)
        box = explore(name)
        controls = {c.description: c for c in box.children if getattr(c, "description", "")}
        for parameter in model.parameters.values():
            control = controls[parameter.name]
            bounded = None not in parameter.domain or parameter.plausible is not None
            kind = widgets.IntSlider if parameter.integer else widgets.FloatSlider
            assert isinstance(control, kind if bounded else widgets.Text), parameter.name
            # The label takes a fixed width and the track the rest (a long label once squeezed it to nothing).
            assert int(control.layout.width.removesuffix("px")) - int(
                control.style.description_width.removesuffix("px")) >= 300
    members = next(c for c in explore("unity").children if getattr(c, "description", "") == "N")
    assert isinstance(members, widgets.IntSlider)
    assert members.step == 1


def test_parameters_marked_integer_refuse_fractions():
    m = get_model("tripwire").parameters["m"]
    assert m.integer
    assert m.check(3) == 3
    with pytest.raises(ParameterError, match=r"'m'.*whole number"):
        m.check("3/2")


def test_a_game_without_tree_or_matrix_shows_its_outcome_probabilities():
    """unity at N = 3, K = 1, U = 4: nobody responds with (1/4)^(3/2) = 1/8 (Diekmann's formula by hand)."""
    model = get_model("unity")
    ax = explore_figure(model, model.values(N=3, K=1, U=4)).axes[0]
    bars = {t.get_text(): p.get_width() for t, p in zip(ax.get_yticklabels(), ax.patches, strict=True)}
    assert bars == {"nobody responds": 1 / 8, "someone responds": 7 / 8}
