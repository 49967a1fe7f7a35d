r"""Exact verification of equilibria of trees.

A behaviour profile :math:`b` is a Nash equilibrium of the subgame at
:math:`v` when no player gains by switching to a best response,
:math:`\max_{s_i} u_i(s_i, b_{-i} \mid v) = u_i(b \mid v)`; it is subgame
perfect when that holds at every proper subgame root.  Best-response values
come from one bottom-up pass where the player's information sets below
:math:`v` are singletons, and from enumerating the player's plans otherwise.

>>> from escalation.games import ExtensiveFormGame, decision, outcome
>>> entry = ExtensiveFormGame(("Entrant", "Incumbent"), decision("Entrant", {
...     "Out": outcome("Monopoly", (0, 2)),
...     "In": decision("Incumbent", {"Fight": outcome("war", (-1, -1)), "Accommodate": outcome("share", (1, 1))}),
... }))
>>> threat = {"root": {"Out": 1, "In": 0}, "root/In": {"Fight": 1, "Accommodate": 0}}
>>> is_nash_behaviour(entry, threat), is_subgame_perfect(entry, threat)
(True, False)
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from ..errors import VerificationError
from ..games.strategic import _plans_below
from ..games.tree import CHANCE, DECISION, TERMINAL, ExtensiveFormGame
from ..numbers import as_fraction
from .evaluation import continuation_values, fraction_profile, subtree_value
from .subgames import subgame_roots

__all__ = ["is_nash_behaviour", "is_subgame_perfect", "verify_nash_behaviour", "verify_subgame_perfect"]


def _best_response_values(game: ExtensiveFormGame, b: Mapping, player: int, values) -> list:
    """Best-response value of ``player`` at each node, or None where it needs plan enumeration."""
    singleton = {h for h, info in game.infosets.items() if len(info.nodes) == 1}
    best: list = [None] * len(game.nodes)
    for node in reversed(game.nodes):
        if node.kind == TERMINAL:
            best[node.index] = values[node.index][player]
            continue
        kids = [best[c] for c in node.children]
        if any(k is None for k in kids):
            continue
        if node.kind == DECISION and node.player == player:
            if node.infoset in singleton:
                best[node.index] = max(kids)
        else:
            probs = ([as_fraction(p) for p in node.probabilities] if node.kind == CHANCE
                     else [b[node.infoset][a] for a in node.actions])
            best[node.index] = sum((p * k for p, k in zip(probs, kids, strict=True)), Fraction(0))
    return best


def _enumerated_best(game: ExtensiveFormGame, b: Mapping, player: int, v: int) -> Fraction:
    """Best-response value of ``player`` in the subgame at ``v`` by trying each of its plans."""
    best = None
    for plan in _plans_below(game, v, player):
        deviation = {**b, **{h: {a: Fraction(int(a == act)) for a in game.infosets[h].actions} for h, act in plan}}
        value = subtree_value(game, deviation, v, player)
        best = value if best is None or value > best else best
    return best


def _deviation_gain(game: ExtensiveFormGame, b: Mapping, roots: tuple[int, ...]) -> tuple[int, int, Fraction] | None:
    """The first (subgame root, player, gain) with a profitable deviation, else None."""
    values = continuation_values(game, b)
    for player in range(len(game.players)):
        best = _best_response_values(game, b, player, values)
        for v in roots:
            top = best[v] if best[v] is not None else _enumerated_best(game, b, player, v)
            if top > values[v][player]:
                return v, player, top - values[v][player]
    return None


def verify_subgame_perfect(game: ExtensiveFormGame, profile: Any) -> None:
    """Raise :class:`~escalation.errors.VerificationError` unless ``profile`` is subgame perfect.

    ``profile`` is a behaviour profile ``{infoset: {action: probability}}`` or
    a :class:`~escalation.solvers.solution.Solution` of the game.
    """
    b = fraction_profile(game, profile)
    roots = subgame_roots(game)
    found = _deviation_gain(game, b, roots)
    if found is not None:
        v, player, gain = found
        raise VerificationError(
            f"not subgame perfect: in the subgame at node {game.nodes[v].path}, "
            f"{game.players[player]} gains {gain} by deviating")


def verify_nash_behaviour(game: ExtensiveFormGame, profile: Any) -> None:
    """Raise :class:`~escalation.errors.VerificationError` unless ``profile`` is a Nash equilibrium."""
    b = fraction_profile(game, profile)
    found = _deviation_gain(game, b, (0,))
    if found is not None:
        _, player, gain = found
        raise VerificationError(f"not a Nash equilibrium: {game.players[player]} gains {gain} by deviating")


def is_subgame_perfect(game: ExtensiveFormGame, profile: Any) -> bool:
    """True when ``profile`` is a subgame-perfect equilibrium (exact check)."""
    try:
        verify_subgame_perfect(game, profile)
    except VerificationError:
        return False
    return True


def is_nash_behaviour(game: ExtensiveFormGame, profile: Any) -> bool:
    """True when the behaviour ``profile`` is a Nash equilibrium of the whole game (exact check)."""
    try:
        verify_nash_behaviour(game, profile)
    except VerificationError:
        return False
    return True
