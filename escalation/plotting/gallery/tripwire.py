r"""The tripwire game: its tree with the subgame-perfect path, and its regions over force size and war cost.

The tree is the model's at its default parameters (a force of 70 thousand,
the size of the British Army); its title is read off the solution: the moves
on the path of play, then the outcomes it reaches and their probabilities.
The region map varies the force size :math:`F` and the coalition's cost of a
NATO-Russia war :math:`W_C` on a 400 x 400 grid solved by the vectorised
sweep (:func:`~escalation.analysis.sweep`), and colours each point by what
happens there; where Ukraine is abandoned it tells the two reasons apart (a
force too small to defend, or a coalition that would withdraw under a
nuclear threat).  The dashed lines are the model's closed forms
(:func:`~escalation.models.tripwire.regions.tripwire_thresholds`): the force
size :math:`F^*` above which Russia holds, the size :math:`F_{respond}` above
which the coalition responds at all, and the war cost :math:`W_C^*` above which
the coalition would withdraw under a nuclear threat and so abandons Ukraine
at every force size.

>>> {k: round(float(v), 1) for k, v in force_map_thresholds().items()}
{'F*': 150.0, 'F respond': 20.4, 'W_C resolve': 21.0}
>>> print(tree_title(*_default_solution(), force=70))
Tripwire game at F = 70 thousand: play goes Consent, Test, Respond,
then ends in force overrun (100/149) or Russia backs down (49/149)
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import matplotlib
import numpy as np
import sympy
from matplotlib.figure import Figure

from ...analysis import sweep
from ...analysis.sweep import outcome_names
from ...games.profiles import equilibrium_moves
from ...games.tree import CHANCE
from ...models import get_model
from ...models.tripwire.parameters import REFERENCE_FORCES, TRIPWIRE_PARAMETERS
from ...models.tripwire.regions import tripwire_thresholds
from ..regions import Boundary, draw_region_map
from ..style import INK, TWO_COLUMN, number_label
from ..tree import draw_tree, legend_handles, payoff_order

__all__ = ["FORCE_MAP_SETTINGS", "REGIONS", "draw_force_map", "draw_tripwire_tree", "force_map_grid",
           "force_map_thresholds", "tree_title"]

#: Held fixed on the force map: Russia gains more from presenting the deployment as its own move than a
#: deterring force costs it (g > s), so that the consent question (E2) does not hide the E1 regions.
FORCE_MAP_SETTINGS: dict[str, Any] = {"g": 2}

FORCES = (0, 250)  # thousand troops
WAR_COSTS = (0, 40)  # the coalition's utility cost of a NATO-Russia war
GRID = 400

# What happens in each region of the map, in colour order.
DETER = "deterrence holds"
TESTED = "tested: the coalition responds; force overrun or Russia backs down"
TOO_SMALL = "tested: the coalition abandons Ukraine (force too small to defend)"
DOMINANCE = "tested: the coalition abandons Ukraine (it would withdraw under a nuclear threat)"
REGIONS = (TOO_SMALL, TESTED, DETER, DOMINANCE)
_WITHDRAW = "root/Consent/Test/Respond/Attack defeated/Nuclear threat: Withdraw"
_PLAYS = {"deterrence holds": DETER, "Russia backs down + force overrun": TESTED}

_LABELS = {
    DETER: "deterrence holds",
    TESTED: "Russia tests; the coalition responds:\nforce overrun with probability $1 - p(F)$,\n"
            "otherwise Russia backs down",
    TOO_SMALL: "tested; too small,\nUkraine abandoned",
    DOMINANCE: "Russia tests and the coalition abandons Ukraine\n"
               "(escalation dominance: it would withdraw under a nuclear threat)",
}


def _default_solution():
    model = get_model("tripwire")
    game = model.build(TRIPWIRE_PARAMETERS.validate({}))
    (spe,) = model.solve()
    return game, spe


def tree_title(game, solution, force: Any) -> str:
    """Two lines read off ``solution`` at force size ``force``: the decisions made for sure, the outcomes' chances."""
    on_path, _ = equilibrium_moves(game, solution.behaviour)
    moves = [game.node(p).action for p in on_path if not _after_chance(game, game.node(p).parent)]
    reached = sorted(((p, o) for o, p in solution.outcomes.items() if p != 0), key=lambda po: -po[0])
    outcomes = " or ".join(f"{o} ({number_label(p)})" if p != 1 else o for p, o in reached)
    return (f"Tripwire game at F = {number_label(force)} thousand: play goes {', '.join(moves)},\n"
            f"then ends in {outcomes}")


def _after_chance(game, index: int | None) -> bool:
    """Whether the node ``index`` or one above it is a chance node (its moves are made only sometimes)."""
    while index is not None:
        if game.nodes[index].kind == CHANCE:
            return True
        index = game.nodes[index].parent
    return False


def draw_tripwire_tree() -> Figure:
    """The tripwire tree at the model's defaults, with the subgame-perfect path of play drawn thick."""
    game, spe = _default_solution()
    figure = Figure(figsize=(TWO_COLUMN, 4.9))
    ax = figure.add_subplot()
    with matplotlib.rc_context({"font.size": 7}):  # seven leaves, two of them siblings at the deepest level
        draw_tree(game, spe, ax=ax, legend=False, title=tree_title(game, spe, TRIPWIRE_PARAMETERS["F"].default))
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


def _centres(low: float, high: float, n: int) -> np.ndarray:
    """``n`` cell centres evenly spread over ``[low, high]``."""
    return low + (high - low) * (np.arange(n) + 0.5) / n


@lru_cache(maxsize=2)  # drawn twice per run (the map and the E9 summary); the tests read the same grid
def force_map_grid(n: int = GRID) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(forces, war costs, region names)`` on an ``n`` x ``n`` grid of cell centres, from the vectorised sweep.

    Names are ``REGIONS``; the sweep's play "Ukraine abandoned" is split by the coalition's
    move after a nuclear threat (withdrawing there is the escalation-dominance case).
    """
    forces, costs = _centres(*FORCES, n), _centres(*WAR_COSTS, n)
    ds = sweep("tripwire", over={"W_C": costs, "F": forces}, fixed=FORCE_MAP_SETTINGS)
    plays = outcome_names(ds).values
    withdraws = ds.action_probability.sel(choice=_WITHDRAW).values == 1
    names = np.vectorize(lambda p: _PLAYS.get(p, p), otypes=[object])(plays)
    abandoned = plays == "Ukraine abandoned"
    names[abandoned & withdraws] = DOMINANCE
    names[abandoned & ~withdraws] = TOO_SMALL
    return forces, costs, names


def draw_force_map() -> Figure:
    """Regions of the tripwire game over force size and the coalition's war cost, with exact boundaries."""
    figure = Figure(figsize=(TWO_COLUMN, 3.8))
    draw_force_map_on(figure.add_subplot())
    return figure


def draw_force_map_on(ax: Any, labels: dict[str, str] | None = None) -> Any:
    """The force-size map drawn on ``ax`` (region ``labels`` default to the figure's wording)."""
    forces, costs, names = force_map_grid()
    th = {k: float(v) for k, v in force_map_thresholds().items()}
    w_star = th["W_C resolve"]
    boundaries = [Boundary("$F^*$", curve=((th["F*"],) * 2, (0, w_star)), label_at=(th["F*"], w_star)),
                  Boundary("$F_{respond}$", curve=((th["F respond"],) * 2, (0, w_star)),
                           label_at=(th["F respond"], w_star)),
                  Boundary("$W_C^*$", y=w_star)]
    low = th["W_C resolve"] / 2
    label_at = {TOO_SMALL: (th["F respond"] / 2, low), TESTED: ((th["F respond"] + th["F*"]) / 2, low),
                DETER: ((th["F*"] + FORCES[1]) / 2, low), DOMINANCE: (FORCES[1] / 2, (th["W_C resolve"] + 40) / 2)}
    draw_region_map(names, forces, costs, boundaries=boundaries, order=REGIONS,
                    labels=_LABELS if labels is None else labels, label_at=label_at, ax=ax)
    for text in ax.texts:  # the strip below F_respond is narrow: its label stands upright
        if text.get_label() == f"_region:{TOO_SMALL}":
            text.set_rotation(90)
    for name, force in REFERENCE_FORCES.items():
        ax.annotate(f"{force}k: {name.split(' (')[0]}", (force, 0), xytext=(0, -26), textcoords="offset points",
                    ha="center", va="top", fontsize=7, color=INK,
                    arrowprops={"arrowstyle": "-|>", "color": INK, "linewidth": 0.8})
    ax.set_xlabel("force size $F$ (thousand troops)", labelpad=20)
    ax.set_ylabel("coalition's cost of a\nNATO–Russia war $W_C$")
    return ax
