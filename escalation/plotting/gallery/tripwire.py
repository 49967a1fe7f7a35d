r"""The tripwire game: its tree with the subgame-perfect path, and its regions over force size and war cost.

The tree is the model's at its default parameters (a force of 70 thousand,
the size of the British Army); the region map varies the force size
:math:`F` and the coalition's cost of a NATO-Russia war :math:`W_C` and
colours each point by the name of its subgame-perfect equilibrium
(:func:`~escalation.models.tripwire.regions.region_at`).  The dashed lines
are the model's closed forms (:func:`~escalation.models.tripwire.regions.tripwire_thresholds`):
the force size :math:`F^*` above which Russia holds, the size above which the
coalition responds at all, and the war cost above which the coalition would
withdraw under a nuclear threat and so abandons Ukraine at every force size.

>>> {k: round(float(v), 1) for k, v in force_map_thresholds().items()}
{'F*': 150.0, 'F respond': 20.4, 'W_C resolve': 21.0}
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from typing import Any

import matplotlib
import numpy as np
import sympy
from matplotlib.figure import Figure

from ...models import get_model
from ...models.tripwire.game import WITHDRAWS
from ...models.tripwire.parameters import REFERENCE_FORCES, TRIPWIRE_PARAMETERS
from ...models.tripwire.regions import region_at, tripwire_thresholds
from ..regions import Boundary, draw_region_map, grid_values
from ..style import INK, TWO_COLUMN
from ..tree import draw_tree, legend_handles, payoff_order

__all__ = ["FORCE_MAP_SETTINGS", "draw_force_map", "draw_tripwire_tree", "force_map_grid", "force_map_thresholds"]

#: Held fixed on the force map: Russia gains more from presenting the deployment as its own move than a
#: deterring force costs it (g > s), so that the consent question (E2) does not hide the E1 regions.
FORCE_MAP_SETTINGS: dict[str, Any] = {"g": 2}

FORCES = (0, 250)  # thousand troops
WAR_COSTS = (0, 40)  # the coalition's utility cost of a NATO-Russia war
GRID = 50


def draw_tripwire_tree() -> Figure:
    """The tripwire tree at the model's defaults, with the subgame-perfect path of play drawn thick."""
    model = get_model("tripwire")
    game = model.build(TRIPWIRE_PARAMETERS.validate({}))
    (spe,) = model.solve()
    figure = Figure(figsize=(TWO_COLUMN, 4.6))
    ax = figure.add_subplot()
    with matplotlib.rc_context({"font.size": 7}):  # seven leaves, two of them siblings at the deepest level
        draw_tree(game, spe, ax=ax, legend=False, title=f"Tripwire game at F = 70 thousand: {spe.name}")
    for text in ax.texts:  # the two deepest leaves are siblings: break the long outcome label
        if text.get_text() == WITHDRAWS:
            text.set_text(WITHDRAWS.replace(" under", "\nunder"))
    figure.legend(handles=legend_handles(["path", "choice"]), title=payoff_order(game), loc="outside lower center",
                  ncols=2, handlelength=2.4)
    return figure


def force_map_thresholds() -> dict[str, sympy.Expr]:
    """The map's boundaries at the map's settings: :math:`F^*`, the response threshold and the resolve threshold."""
    values = TRIPWIRE_PARAMETERS.validate(FORCE_MAP_SETTINGS)
    symbols = TRIPWIRE_PARAMETERS.symbols
    at = {symbols[k]: v for k, v in values.items()}
    th = {k: v.subs(at) for k, v in tripwire_thresholds().items()}
    war_cost = symbols["W_C"]
    resolve = tripwire_thresholds()["resolve"].subs({k: v for k, v in at.items() if k != war_cost})
    (w_star,) = sympy.solve(resolve, war_cost)
    return {"F*": th["F_deter"], "F respond": th["F_respond"], "W_C resolve": w_star}


def _centres(low: float, high: float, n: int) -> list[Fraction]:
    """``n`` exact cell centres evenly spread over ``[low, high]``."""
    step = Fraction(high - low, n)
    return [low + step * (k + Fraction(1, 2)) for k in range(n)]


@lru_cache(maxsize=2)  # drawn once per run; the tests read the same grid
def force_map_grid(n: int = GRID) -> tuple[list[Fraction], list[Fraction], np.ndarray]:
    """``(forces, war costs, region names)`` on an ``n`` x ``n`` grid of cell centres."""
    forces, costs = _centres(*FORCES, n), _centres(*WAR_COSTS, n)
    names = grid_values(lambda F, W: region_at({**FORCE_MAP_SETTINGS, "F": F, "W_C": W}).name, forces, costs)
    return forces, costs, names


_SHORT = {
    "deterrence holds": "deterrence\nholds",
    "the coalition responds and Russia backs down": "Russia tests;\ncoalition responds,\nRussia backs down",
    "Russia tests and the coalition abandons": "tests,\ncoalition\nabandons",
    "Russia tests and the coalition abandons (escalation dominance)":
        "Russia tests and the coalition abandons\n(escalation dominance: it would withdraw under a nuclear threat)",
}


def draw_force_map() -> Figure:
    """Regions of the tripwire game over force size and the coalition's war cost, with exact boundaries."""
    figure = Figure(figsize=(TWO_COLUMN, 3.6))
    draw_force_map_on(figure.add_subplot())
    return figure


def draw_force_map_on(ax: Any, labels: dict[str, str] | None = None) -> Any:
    """The force-size map drawn on ``ax`` (region ``labels`` default to the figure's wording)."""
    forces, costs, names = force_map_grid()
    th = force_map_thresholds()
    boundaries = [Boundary("F*", x=float(th["F*"])), Boundary("F respond", x=float(th["F respond"])),
                  Boundary("coalition resolve", y=float(th["W_C resolve"]))]
    low = float(th["W_C resolve"]) / 2
    label_at = {"Russia tests and the coalition abandons": (float(th["F respond"]) / 2, low)}
    draw_region_map(names, [float(f) for f in forces], [float(w) for w in costs], boundaries=boundaries,
                    labels=_SHORT if labels is None else labels, label_at=label_at, ax=ax)
    for name, force in REFERENCE_FORCES.items():
        ax.annotate(f"{force}k: {name.split(' (')[0]}", (force, 0), xytext=(0, -26), textcoords="offset points",
                    ha="center", va="top", fontsize=7, color=INK,
                    arrowprops={"arrowstyle": "-|>", "color": INK, "linewidth": 0.8})
    ax.set_xlabel("force size F (thousand troops)", labelpad=18)
    ax.set_ylabel("coalition's cost of a\nNATO-Russia war W_C")
    return ax
