"""Entry deterrence: an equilibrium held up by a threat to fight, and the subgame-perfect one.

An Entrant decides whether to stay out or come in; if it comes in, the
Incumbent fights (both lose) or accommodates (both gain a little).  Read as a
crisis, the Entrant is a challenger deciding whether to test a defender, who
can resist or concede.  The game has two pure Nash equilibria.  In one the
Entrant stays out because the Incumbent's strategy says "fight" -- but fighting
would hurt the Incumbent too, so once entry had happened it would not fight:
the threat is not credible.  Backward induction keeps only the other one.

>>> game = entry_deterrence_game()
>>> nash, spe = entry_deterrence_equilibria(game)
>>> profile_label(game, nash), profile_label(game, spe)
('(Out, Fight)', '(In, Accommodate)')
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from matplotlib.figure import Figure

from ...errors import SolverError
from ...games import ExtensiveFormGame, decision, outcome
from ...games.strategic import pure_behaviour
from ...solvers.backward_induction import subgame_perfect
from ...solvers.credibility import non_credible_threats
from ...solvers.nash import nash_equilibria
from ..style import TWO_COLUMN
from ..tree import draw_tree, drawn_actions, legend_handles, payoff_order

__all__ = ["draw_entry_deterrence", "entry_deterrence_equilibria", "entry_deterrence_game", "profile_label"]

Behaviour = Mapping[str, Mapping[str, Any]]


def entry_deterrence_game() -> ExtensiveFormGame:
    """The textbook game: payoffs (Entrant, Incumbent) 0, 2 if out; -1, -1 if fought; 1, 1 if accommodated."""
    return ExtensiveFormGame(("Entrant", "Incumbent"), decision("Entrant", {
        "Out": outcome("Status quo", {"Entrant": 0, "Incumbent": 2}),
        "In": decision("Incumbent", {
            "Fight": outcome("Conflict", {"Entrant": -1, "Incumbent": -1}),
            "Accommodate": outcome("Concession", {"Entrant": 1, "Incumbent": 1}),
        }),
    }), title="Entry deterrence")


def entry_deterrence_equilibria(game: ExtensiveFormGame) -> tuple[Behaviour, Behaviour]:
    """``(Nash equilibrium resting on a non-credible threat, subgame-perfect equilibrium)`` as behaviour profiles.

    The first is the pure Nash equilibrium of the strategic form that is not
    subgame perfect and prescribes a non-credible threat; both must be unique.
    """
    (spe,) = _one(subgame_perfect(game), "subgame-perfect equilibrium")
    strategic = game.to_normal_form()
    spe_behaviour = {h: dict(acts) for h, acts in spe.behaviour.items()}
    candidates = []
    for solution in nash_equilibria(strategic):
        if not solution.is_pure:
            continue
        profile = {p: solution.support(p)[0] for p in game.players}
        behaviour = pure_behaviour(game, strategic, profile)
        if behaviour != spe_behaviour and non_credible_threats(game, behaviour):
            candidates.append(behaviour)
    (nash,) = _one(candidates, "pure Nash equilibrium resting on a non-credible threat")
    return nash, spe_behaviour


def _one(found, what: str):
    if len(found) != 1:
        raise SolverError(f"expected exactly one {what}, found {len(found)}")
    return found


def profile_label(game: ExtensiveFormGame, behaviour: Behaviour) -> str:
    """The pure moves of a profile in information-set order, e.g. ``"(Out, Fight)"``."""
    moves = [a for h in game.infosets for a, p in behaviour.get(h, {}).items() if p == 1]
    return f"({', '.join(moves)})"


def draw_entry_deterrence() -> Figure:
    """Two trees side by side: the Nash equilibrium with its threat marked, and the subgame-perfect one."""
    game = entry_deterrence_game()
    nash, spe = entry_deterrence_equilibria(game)
    figure = Figure(figsize=(TWO_COLUMN, 3.3))
    left, right = figure.subplots(1, 2)
    draw_tree(game, nash, threats=non_credible_threats(game, nash), ax=left, legend=False,
              title=f"Nash equilibrium {profile_label(game, nash)}")
    draw_tree(game, spe, ax=right, legend=False, title=f"Subgame-perfect equilibrium {profile_label(game, spe)}")
    roles = [r for r in ("path", "choice", "threat") if drawn_actions(left, r) or drawn_actions(right, r)]
    figure.legend(handles=legend_handles(roles), title=payoff_order(game), loc="outside lower center",
                  ncols=len(roles), handlelength=2.4)
    return figure
