r"""Exact verification of equilibria of trees.

A behaviour profile :math:`b` is subgame perfect when it is a Nash
equilibrium of every proper subgame.  Checking every subgame from its root
would repeat work; instead, with every subgame below already checked, a
deviation in the subgame at :math:`v` only pays if it pays in :math:`v`'s own
layer with the subgames below valued under :math:`b`.  So the check runs once
per node, on the compiled tree (:mod:`escalation.games.level_order`), in exact
arithmetic:

- at a node solved by one move (a decision whose children are all leaves or
  subgame roots) the *one-shot deviation* test: no action gives the mover more
  than :math:`b` does, :math:`\max_a V_i(\text{child}(v, a)) \le V_i(v)`,
  for every node at once with numpy;
- at the root of a layer, for every player, the best-response value of the
  layer (:mod:`.best_response`, linear with perfect recall) must not exceed
  :math:`V_i(v)`.

A Nash equilibrium of the whole game is checked with the best-response value
at the root.

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

from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import VerificationError
from ..games.structure import TERMINAL_CODE
from ..games.tree import ExtensiveFormGame
from .best_response import best_response
from .layers import Layer, layers
from .tree_profile import CompiledProfile, compiled_profile, exact_values

__all__ = [
    "is_nash_behaviour",
    "is_subgame_perfect",
    "subgame_perfect_violation",
    "verify_nash_behaviour",
    "verify_subgame_perfect",
]


def subgame_perfect_violation(profile: CompiledProfile) -> tuple[int, int, Fraction] | None:
    """The first (node in pre-order, player, gain) where a deviation pays, or ``None``."""
    tree = profile.tree
    values = exact_values(profile)
    found = []
    one_shot = _one_shot(profile, values)
    if one_shot is not None:
        found.append(one_shot)
    for v, layer in layers(tree).items():
        for player in range(profile.numbers.players):
            gain = best_response(profile, values, layer, player) - Fraction(values[v, player])
            if gain > 0:
                found.append((v, player, gain))
                break
    if not found:
        return None
    v, player, gain = min(found, key=lambda f: tree.pre[f[0]])
    return int(tree.pre[v]), player, gain


def _one_shot(profile: CompiledProfile, values: np.ndarray) -> tuple[int, int, Fraction] | None:
    """The first single-move decision (in pre-order) where another action pays its mover more."""
    tree = profile.tree
    players = profile.numbers.players
    bad = []
    for b in tree.blocks(players):
        checked = b.decision & tree.single_move[b.internal]
        if not checked.any():
            continue
        own = values[b.kid_lo:b.kid_hi].ravel().take(b.kid_own)
        best = np.maximum.reduceat(own, b.segments)
        mine = own.take(tree.first_child[b.internal] - b.kid_lo + profile.choice[b.internal]) \
            if (profile.choice[b.internal] >= 0).all() else values[b.internal].ravel().take(
                np.arange(len(b.internal)) * players + np.maximum(tree.player[b.internal], 0))
        worse = checked & (best > mine)
        if worse.any():
            bad.append(b.internal[worse])
    if not bad:
        return None
    nodes = np.concatenate(bad)
    v = int(nodes[np.argmin(tree.pre[nodes])])
    m = int(tree.player[v])
    first, count = int(tree.first_child[v]), int(tree.child_count[v])
    top = max(Fraction(values[c, m]) for c in range(first, first + count))
    return v, m, top - Fraction(values[v, m])


def verify_subgame_perfect(game: ExtensiveFormGame, profile: Any) -> None:
    """Raise :class:`~escalation.errors.VerificationError` unless ``profile`` is subgame perfect.

    ``profile`` is a behaviour profile ``{infoset: {action: probability}}`` or
    a :class:`~escalation.solvers.solution.Solution` of the game.
    """
    found = subgame_perfect_violation(compiled_profile(game, profile))
    if found is not None:
        v, player, gain = found
        raise VerificationError(
            f"not subgame perfect: in the subgame at node {game.arrays.path_of(v)}, "
            f"{game.players[player]} gains {gain} by deviating")


def verify_nash_behaviour(game: ExtensiveFormGame, profile: Any) -> None:
    """Raise :class:`~escalation.errors.VerificationError` unless ``profile`` is a Nash equilibrium."""
    compiled = compiled_profile(game, profile)
    tree = compiled.tree
    values = exact_values(compiled)
    inner = tuple(int(v) for v in tree.position[np.flatnonzero(tree.arrays.kind != TERMINAL_CODE)])
    leaves = tuple(int(v) for v in tree.position[np.flatnonzero(tree.arrays.kind == TERMINAL_CODE)])
    whole = Layer(0, inner, leaves if inner else ())
    for player in range(len(game.players)):
        if not inner:
            break
        gain = best_response(compiled, values, whole, player) - Fraction(values[0, player])
        if gain > 0:
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
