r"""An interactive explorer for a model: sliders for its parameters, the equilibrium redrawn on change.

:func:`explore` shows one control per parameter -- a slider over the domain
:math:`[a, b]` when both ends are finite, else over the parameter's plausible
range (the force size :math:`F`, say), stepping by one for whole-number
parameters; a text box (exact input such as ``"1/3"``) otherwise -- and under
them the model's game with its first equilibrium marked
(:func:`~escalation.plotting.draw_tree` for a tree,
:func:`~escalation.plotting.draw_payoff_matrix` for a normal form) and a table
of every equilibrium: its name, the outcome distribution (or the strategies)
and the payoffs.  The picture is sent to the notebook as a PNG image, so it
shows in a fresh kernel without ``%matplotlib inline``, in JupyterLab and in
the classic Notebook.  Without ipywidgets, or with ``static=True``, it draws
the same figure once, at the given point, and returns it.

>>> from escalation.models import get_model
>>> print(summary(get_model("rudimentary").solve(p_B="3/4")))
1. Deterrence
   outcomes: SQ 1
   payoffs: Challenger 1, Defender 3
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Mapping
from typing import Any

from .errors import EscalationError
from .games import ExtensiveFormGame, NormalFormGame
from .models import Model, get_model
from .numbers import exact_str
from .parameters import Parameter

__all__ = ["explore", "explore_figure", "figure_png", "slider_range", "summary"]

_SLIDER_STEPS = 100
_LINE_HEIGHT = 0.15  # inches per line of the summary under the figure
_PNG_DPI = 100  # the picture in the notebook: 7 inches of figure are 700 pixels
_CONTROL_LAYOUT = {"width": "560px"}  # a slider's track keeps the room its label leaves
_CONTROL_STYLE = {"description_width": "200px"}


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
        elif len(found) and found[0].outcomes:
            ax = _draw_outcomes(found[0].outcomes, new_axes(6, 0.5 + 0.35 * len(found[0].outcomes)))
        else:
            ax = new_axes(6, 0.1)
            ax.axis("off")
        _add_text_below(ax.figure, table)
    return ax.figure


def _draw_outcomes(outcomes: Mapping[str, Any], ax):
    """The first equilibrium's outcome probabilities as horizontal bars (a game with neither tree nor matrix)."""
    labels = list(outcomes)
    values = [float(outcomes[o]) for o in labels]
    ax.barh(range(len(labels)), values, color="0.35", height=0.6)
    ax.set_yticks(range(len(labels)), labels)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("probability in the first equilibrium listed")
    for y, v in enumerate(values):
        ax.text(min(v + 0.01, 0.9), y, f"{v:.3g}", va="center", fontsize=8)
    return ax


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
                  "   payoffs: " + _payoffs(solution.payoffs)]
    lines += [f"knife edge: {edge}" for edge in found.knife_edge]
    return "\n".join(lines) if lines else "no equilibrium found"


def _payoffs(payoffs: Mapping[str, Any]) -> str:
    """Each player's payoff; runs of at least four players with one payoff as ``Member 1 ... Member 40 3``.

    >>> _payoffs({f"Member {i}": 3 for i in range(1, 41)} | {"Defender": 1})
    'Member 1 ... Member 40 3, Defender 1'
    """
    runs = [(value, [p for p, _ in group]) for value, group in
            itertools.groupby(((p, exact_str(v)) for p, v in payoffs.items()), key=lambda item: item[1])]
    return ", ".join(f"{who[0]} ... {who[-1]} {value}" if len(who) >= 4 else ", ".join(f"{p} {value}" for p in who)
                     for value, who in runs)


def _played(solution) -> str:
    if solution.outcomes:
        return ", ".join(f"{o} {exact_str(p)}" for o, p in solution.outcomes.items() if p != 0)
    return "; ".join(f"{player}: " + ", ".join(f"{s} {exact_str(p)}" for s, p in strategy.items() if p != 0)
                     for player, strategy in solution.strategies.items()
                     if all(not isinstance(p, Mapping) for p in strategy.values()))


def figure_png(figure) -> bytes:
    """The PNG bytes of a matplotlib figure, drawn with Agg whatever the notebook's backend.

    >>> from matplotlib.figure import Figure
    >>> figure_png(Figure(figsize=(1, 1)))[:8]
    b'\\x89PNG\\r\\n\\x1a\\n'
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)  # the figure draws with Agg from now on
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=_PNG_DPI, metadata={"Software": None})
    return buffer.getvalue()


def slider_range(parameter: Parameter, value: Any) -> tuple[float, float] | None:
    """The ends of a parameter's slider: its domain when bounded, else its plausible range (widened to
    hold ``value``), else ``None`` (a text box).

    >>> from escalation.models import get_model
    >>> slider_range(get_model("tripwire").parameters["F"], 70), slider_range(get_model("tripwire").parameters["V"], 10)
    ((0.0, 300.0), None)
    """
    low, high = parameter.domain
    if low is None or high is None:
        if parameter.plausible is None:
            return None
        low, high = min(parameter.plausible[0], value), max(parameter.plausible[1], value)
    return float(low), float(high)


def _control(parameter: Parameter, value: Any):
    """An integer slider, a slider, or a text box taking exact numbers (see :func:`slider_range`)."""
    import ipywidgets as widgets

    ends = slider_range(parameter, value)
    common = {"description": parameter.name, "description_allow_html": False, "continuous_update": False,
              "style": _CONTROL_STYLE, "layout": widgets.Layout(**_CONTROL_LAYOUT),
              "tooltip": _tooltip(parameter)}
    if ends is None:
        return widgets.Text(value=exact_str(value), **common)
    low, high = ends
    if parameter.integer:
        return widgets.IntSlider(value=int(value), min=int(low), max=int(high), step=1, **common)
    return widgets.FloatSlider(value=float(value), min=low, max=high, step=(high - low) / _SLIDER_STEPS,
                               readout_format=".3g", **common)


def _tooltip(parameter: Parameter) -> str:
    unit = f" ({parameter.unit})" if parameter.unit else ""
    return f"{parameter.name}{unit}: {parameter.description}"


def _widgets(model: Model, values: Mapping[str, Any]):
    """The widget box: controls, then the picture (a PNG image widget) and the table, redrawn on each change."""
    import ipywidgets as widgets

    controls = {name: _control(model.parameters[name], value) for name, value in values.items()}
    picture = widgets.Image(format="png", layout=widgets.Layout(max_width="100%", height="auto"))
    message = widgets.HTML()

    def redraw(_change=None) -> None:
        try:
            point = model.values(**{name: c.value for name, c in controls.items()})
        except EscalationError as error:
            message.value = f"<pre>{error}</pre>"
            return
        message.value = ""
        picture.value = figure_png(explore_figure(model, point))

    for control in controls.values():
        control.observe(redraw, names="value")
    redraw()
    return widgets.VBox([widgets.HTML(f"<b>{model.title}</b>"), *controls.values(), message, picture])
