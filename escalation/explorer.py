r"""An interactive explorer for a model: sliders for its parameters, the equilibrium redrawn on change.

:func:`explore` shows one control per parameter -- a slider over the domain
:math:`[a, b]` when both ends are finite, a text box (exact input such as
``"1/3"``) otherwise -- and under them the model's game with its first
equilibrium marked (:func:`~escalation.plotting.draw_tree` for a tree,
:func:`~escalation.plotting.draw_payoff_matrix` for a normal form) and a table
of every equilibrium: its name, the outcome distribution (or the strategies)
and the payoffs.  Without ipywidgets, or with ``static=True``, it draws the
same figure once, at the given point, and returns it.

>>> from escalation.models import get_model
>>> print(summary(get_model("rudimentary").solve(p_B="3/4")))
1. Deterrence
   outcomes: SQ 1
   payoffs: Challenger 1, Defender 3
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .errors import EscalationError
from .games import ExtensiveFormGame, NormalFormGame
from .models import Model, get_model
from .numbers import exact_str
from .parameters import Parameter

__all__ = ["explore", "explore_figure", "summary"]

_SLIDER_STEPS = 100
_LINE_HEIGHT = 0.15  # inches per line of the summary under the figure


def explore(model: Model | str, *, static: bool = False, **initial: Any) -> Any:
    """Sliders for ``model``'s parameters with its equilibrium redrawn on every change.

    Parameters
    ----------
    model : Model or str
        A model or its registered name.
    static : bool
        Draw one figure at ``initial`` instead of showing widgets.
    **initial
        Starting parameter values (defaults for the rest), checked against their domains.

    Returns
    -------
    ipywidgets.VBox or matplotlib.figure.Figure
        The widget box, or the static figure when ``static`` is true or
        ipywidgets is not installed (a one-line note says which).
    """
    model = get_model(model) if isinstance(model, str) else model
    values = model.values(**initial)
    if not static:
        try:
            import ipywidgets  # noqa: F401
        except ImportError:
            print("escalation.explore: ipywidgets is not installed (pip install 'escalation[notebook]'); "
                  "showing a static figure")
            return explore_figure(model, values)
        return _widgets(model, values)
    print(f"escalation.explore: static figure of {model.name!r}")
    return explore_figure(model, values)


def explore_figure(model: Model, values: Mapping[str, Any]):
    """The figure :func:`explore` shows at ``values``: the game with its equilibrium, the summary under it."""
    from .plotting import draw_payoff_matrix, draw_tree, new_axes, style_context

    try:
        game, found = model.build(dict(values)), model.solve(**values)
    except EscalationError as error:
        game, found, table = None, (), f"no equilibrium at this point:\n{error}"
    else:
        table = summary(found)
    with style_context():
        if isinstance(game, ExtensiveFormGame):
            ax = draw_tree(game, found[0] if len(found) else None)
        elif isinstance(game, NormalFormGame) and len(game.players) == 2:
            ax = draw_payoff_matrix(game, found)
        else:
            ax = new_axes(6, 0.1)
            ax.axis("off")
        _add_text_below(ax.figure, table)
    return ax.figure


def _add_text_below(figure, text: str) -> None:
    """Grow ``figure`` downwards and write ``text`` (monospace) in the new space."""
    engine = figure.get_layout_engine()
    if engine is not None:
        engine.execute(figure)
        figure.set_layout_engine("none")
    width, height = figure.get_size_inches()
    extra = _LINE_HEIGHT * (text.count("\n") + 2)
    figure.set_size_inches(width, height + extra)
    for ax in figure.axes:
        x0, y0, w, h = ax.get_position().bounds
        ax.set_position((x0, (y0 * height + extra) / (height + extra), w, h * height / (height + extra)))
    figure.text(0.02, (extra - _LINE_HEIGHT / 2) / (height + extra), text, va="top", family="monospace", fontsize=7)


def summary(found) -> str:
    """Each equilibrium: its name, outcome distribution (or strategies) and payoffs; then any knife edges."""
    lines = []
    for number, solution in enumerate(found, start=1):
        lines += [f"{number}. {solution.name or 'equilibrium'}",
                  f"   {'outcomes' if solution.outcomes else 'strategies'}: {_played(solution)}",
                  "   payoffs: " + ", ".join(f"{p} {exact_str(v)}" for p, v in solution.payoffs.items())]
    lines += [f"knife edge: {edge}" for edge in found.knife_edge]
    return "\n".join(lines) if lines else "no equilibrium found"


def _played(solution) -> str:
    if solution.outcomes:
        return ", ".join(f"{o} {exact_str(p)}" for o, p in solution.outcomes.items() if p != 0)
    return "; ".join(f"{player}: " + ", ".join(f"{s} {exact_str(p)}" for s, p in strategy.items() if p != 0)
                     for player, strategy in solution.strategies.items()
                     if all(not isinstance(p, Mapping) for p in strategy.values()))


def _control(parameter: Parameter, value: Any):
    """A slider over a bounded domain, else a text box taking exact numbers."""
    import ipywidgets as widgets

    low, high = parameter.domain
    label = f"{parameter.name}" + (f" ({parameter.unit})" if parameter.unit else "")
    style = {"description_width": "initial"}
    if low is not None and high is not None:
        return widgets.FloatSlider(value=float(value), min=float(low), max=float(high),
                                   step=float(high - low) / _SLIDER_STEPS, description=label,
                                   readout_format=".3g", continuous_update=False, style=style)
    return widgets.Text(value=exact_str(value), description=label, continuous_update=False, style=style)


def _widgets(model: Model, values: Mapping[str, Any]):
    """The widget box: controls, then an output area redrawn on each change."""
    import ipywidgets as widgets
    from IPython.display import display

    controls = {name: _control(model.parameters[name], value) for name, value in values.items()}
    output = widgets.Output()

    def redraw(_change=None) -> None:
        output.clear_output(wait=True)
        with output:
            try:
                point = model.values(**{name: c.value for name, c in controls.items()})
            except EscalationError as error:
                print(error)
                return
            display(explore_figure(model, point))

    for control in controls.values():
        control.observe(redraw, names="value")
    redraw()
    return widgets.VBox([widgets.HTML(f"<b>{model.title}</b>"), *controls.values(), output])
