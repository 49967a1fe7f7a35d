"""Every registered figure is legible: no text covers another, leaves the page, or is crossed by a line."""

from __future__ import annotations

import re

import pytest
from matplotlib.figure import Figure

from escalation.figures import FIGURES
from escalation.models import MODELS, get_model
from escalation.plotting.layout import drawn_texts, layout_problems
from escalation.plotting.style import DPI, style_context


@pytest.mark.parametrize("figure_id", list(FIGURES))
def test_registered_figure_has_no_layout_problem(figure_id):
    with style_context():
        figure = FIGURES[figure_id].draw()
        problems = layout_problems(figure, DPI)
    assert problems == []


def _axes():
    figure = Figure(figsize=(3, 2), layout="constrained")
    ax = figure.add_subplot()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    return figure, ax


def test_a_curve_through_its_annotation_is_caught():
    figure, ax = _axes()
    ax.plot([0, 1], [0, 1], label="diagonal")
    ax.text(0.5, 0.5, "note", ha="center", va="center")
    assert layout_problems(figure) == ["line 'diagonal' runs through the text 'note'"]


def test_a_boundary_through_a_region_label_is_caught_and_a_label_beside_it_is_not():
    figure, ax = _axes()
    ax.axvline(0.5, label="_boundary:F*")
    ax.text(0.5, 0.5, "region", ha="center")
    ax.text(0.8, 0.2, "other", ha="center")
    assert layout_problems(figure) == ["line 'boundary:F*' runs through the text 'region'"]


def test_a_label_over_the_edge_of_its_axes_is_caught():
    figure, ax = _axes()
    ax.text(0.98, 0.5, "too long for the room left", ha="left")
    problems = layout_problems(figure)
    assert "text runs over the edge of its axes: 'too long for the room left'" in problems


def test_tick_labels_outside_the_view_are_not_counted():
    figure, ax = _axes()
    ax.set_xticks([0, 0.5, 1, 5])  # 5 lies outside the view and is not drawn
    ax.set_xlim(0, 1)
    texts = [t.text for t in drawn_texts(figure)]
    assert "5" not in texts
    assert "0.5" in texts


@pytest.mark.parametrize("figure_id", list(FIGURES))
def test_maths_in_labels_is_typeset_not_written_with_underscores(figure_id):
    with style_context():
        texts = drawn_texts(FIGURES[figure_id].draw(), DPI)
    plain = [re.sub(r"\$[^$]*\$", "", t.text) for t in texts]  # text outside $...$ mathtext
    assert [t for t in plain if "_" in t] == []


def test_a_war_cost_symbol_means_one_thing_across_the_package():
    """Each W_ symbol is one side's cost wherever it appears: W_C the coalition's (it once was a challenger's too)."""
    payer = re.compile(r"(Russia|coalition|Challenger|Defender)'s|to (?:the )?(Russia|coalition)")
    whose: dict[str, set[str]] = {}
    for name in MODELS:
        for parameter in get_model(name).parameters.values():
            if parameter.name.startswith("W_"):
                named = {a or b for a, b in payer.findall(parameter.description)}
                whose.setdefault(parameter.name, set()).update(named)
    assert {k: v for k, v in whose.items() if len(v) != 1} == {}
    assert whose["W_C"] == {"coalition"}
    assert whose["W_R"] == {"Russia"}


def test_tripwire_tree_title_says_what_the_solution_shows():
    with style_context():
        (ax,) = FIGURES["tripwire-tree"].draw().axes
    title = ax.get_title()
    # At the defaults the force is overrun with probability 100/149 = 1 - 49/149 (contest p(70) = 49/149).
    assert "force overrun (100/149)" in title
    assert "Russia backs down (49/149)" in title
    assert title.index("force overrun") < title.index("Russia backs down")  # the likelier outcome first
    assert "Consent, Test, Respond" in title


@pytest.mark.parametrize("styled", [True, False], ids=["package style", "matplotlib defaults"])
def test_trees_drawn_as_notebooks_and_the_explorer_draw_them_are_legible(styled):
    """The tripwire tree at its default size (notebook 02, ``explore``), in the package style and without it."""
    import contextlib

    from escalation.explorer import explore_figure
    from escalation.plotting import draw_tree

    model = get_model("tripwire")
    (spe,) = model.solve()
    with style_context() if styled else contextlib.nullcontext():
        assert layout_problems(draw_tree(model.game(), spe).figure) == []
        assert layout_problems(explore_figure(model, model.values())) == []
