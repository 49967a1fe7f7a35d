r"""The crisis after a test as a game of Chicken.

Once the challenger has tested the force, each side either backs down
(*Swerve*) or holds firm (*Straight*).  With the row player's payoffs
:math:`R` (both swerve), :math:`S` (it swerves alone), :math:`T` (the other
swerves alone) and :math:`P` (war), :math:`T > R > S > P`, the game has two pure
equilibria -- one side backs down -- and a symmetric mixed one in which each
holds firm with probability :math:`(T - R) / ((T - R) + (S - P))`, so that war
comes with the square of that probability.  The payoffs are the first row of
table 7.1 of the project's literature notes (Rapoport and Chammah 1966).

>>> from escalation.solvers.nash import nash_equilibria
>>> game = crisis_chicken_game()
>>> [war_probability(game, s) for s in nash_equilibria(game)]
[0, 1/100, 0]
"""

from __future__ import annotations

from typing import Any

import sympy
from matplotlib.figure import Figure

from ...games import NormalFormGame
from ...solvers.nash import nash_equilibria
from ..matrix import draw_payoff_matrix
from ..style import ONE_COLUMN, number_label

__all__ = ["PAYOFFS", "crisis_chicken_game", "draw_crisis_chicken", "war_probability"]

PAYOFFS = {"R": 0, "S": -1, "T": 1, "P": -10}  # both swerve, swerve alone, hold firm alone, war
BACK_DOWN, HOLD_FIRM = "Swerve", "Straight"


def crisis_chicken_game(R: Any = PAYOFFS["R"], S: Any = PAYOFFS["S"], T: Any = PAYOFFS["T"],
                        P: Any = PAYOFFS["P"]) -> NormalFormGame:
    """Chicken between the coalition (rows) and Russia (columns), symmetric in the payoffs ``R, S, T, P``."""
    return NormalFormGame.from_matrices(
        [[R, S], [T, P]], [[R, T], [S, P]],
        players=("Coalition", "Russia"), strategies=((BACK_DOWN, HOLD_FIRM),) * 2,
        title="Crisis after a test (Chicken)",
    )


def war_probability(game: NormalFormGame, solution: Any) -> sympy.Expr:
    """Probability that both hold firm when each plays its equilibrium mixture."""
    return sympy.Mul(*(solution.strategies[p][HOLD_FIRM] for p in game.players))


def draw_crisis_chicken() -> Figure:
    """The payoff table with both pure equilibria framed and the mixed one, with its risk of war, below."""
    game = crisis_chicken_game()
    equilibria = nash_equilibria(game)
    mixed = [s for s in equilibria if not s.is_pure]
    notes = [f"War in the mixed equilibrium: probability {number_label(war_probability(game, s))}" for s in mixed]
    figure = Figure(figsize=(ONE_COLUMN, 3.6))
    draw_payoff_matrix(game, equilibria, ax=figure.add_subplot(), title=game.title, notes=notes)
    return figure
