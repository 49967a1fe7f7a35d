r"""Solving a subgame with imperfect information through its reduced normal form.

A mixed strategy :math:`\sigma_i` over reduced plans becomes a behaviour
strategy by Kuhn's theorem (perfect recall): at information set :math:`h`,

.. math:: b_i(a \mid h) = \frac{\sum_{s:\, s(h) = a} \sigma_i(s)}{\sum_{s:\, h \in s} \sigma_i(s)},

the sums running over plans that do not rule out :math:`h`.  When the
denominator is zero the player's own strategy never reaches :math:`h`; any
action there is consistent with equilibrium, the first is shown, and a note
says so.
"""

from __future__ import annotations

from fractions import Fraction

from ..errors import SolverError
from ..games.normal_form import NormalFormGame
from ..games.tree import ExtensiveFormGame
from ..numbers import as_fraction

__all__ = ["behaviour_from_mixed", "solve_layer"]


def solve_layer(layer: ExtensiveFormGame) -> list[tuple[dict, tuple[Fraction, ...], list[str], list[str]]]:
    """Equilibria of ``layer`` as ``(behaviour, payoffs, notes, ties)`` tuples."""
    from .nash import nash_equilibria
    from .pure import pure_equilibria

    if not layer.has_perfect_recall:
        raise SolverError(f"{layer.title}: a player forgets its own earlier moves (imperfect recall); "
                          "subgame_perfect needs perfect recall to turn mixed strategies into behaviour")
    nf = layer.to_normal_form(reduced=True)
    notes: list[str] = []
    if len(layer.players) == 2:
        found = nash_equilibria(nf, cross_check=False)
    else:
        found = pure_equilibria(nf)
        notes.append(f"{layer.title} has {len(layer.players)} players: only its pure equilibria are used")
    if not found:
        raise SolverError(f"{layer.title}: no equilibrium found among pure strategies; mixed equilibria of "
                          "subgames with more than two players are not supported")
    ties = list(found.knife_edge)
    if found.degenerate:
        ties.append(f"{layer.title} is degenerate: its equilibria form continua; the extreme ones are used")
    out = []
    for solution in found:
        behaviour, arbitrary = behaviour_from_mixed(layer, nf, solution.strategies)
        payoffs = tuple(as_fraction(solution.payoffs[p]) for p in layer.players)
        out.append((behaviour, payoffs, notes + arbitrary, ties))
    return out


def behaviour_from_mixed(tree: ExtensiveFormGame, nf: NormalFormGame, mixed) -> tuple[dict, list[str]]:
    """Behaviour strategies equivalent to the mixed profile ``mixed[player][plan label]``."""
    behaviour: dict = {}
    notes: list[str] = []
    assert nf.plans is not None  # the strategic form of a tree keeps its plans
    for label, h in tree.infosets.items():
        player = tree.players[h.player]
        weights = {a: Fraction(0) for a in h.actions}
        for plan_label, plan in nf.plans[player].items():
            if label in plan:
                weights[plan[label]] += as_fraction(mixed[player][plan_label])
        total = sum(weights.values())
        if total == 0:
            weights = {a: Fraction(int(k == 0)) for k, a in enumerate(h.actions)}
            notes.append(f"information set {label!r} is ruled out by {player}'s own earlier choice; "
                         f"its action is arbitrary and shown as {h.actions[0]!r}")
        else:
            weights = {a: w / total for a, w in weights.items()}
        behaviour[label] = weights
    return behaviour, notes
