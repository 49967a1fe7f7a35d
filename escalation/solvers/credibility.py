r"""Which moves of an equilibrium are threats the mover would not carry out.

A behaviour profile :math:`\sigma` may prescribe moves at nodes its own play
never reaches.  Such a move :math:`a` at a node :math:`v` of player :math:`i` is
a *non-credible threat* when, were :math:`v` reached and play continued by
:math:`\sigma`, another move would pay :math:`i` strictly more:

.. math:: u_i(\sigma \mid v, a) < \max_{b} u_i(\sigma \mid v, b).

A Nash equilibrium can rest on such threats; a subgame-perfect one cannot.
Only nodes that are information sets of their own are judged (elsewhere the
comparison would need beliefs).

>>> from escalation.games import ExtensiveFormGame, decision, outcome
>>> game = ExtensiveFormGame(("Entrant", "Incumbent"), decision("Entrant", {
...     "Out": outcome("Monopoly", (0, 2)),
...     "In": decision("Incumbent", {"Fight": outcome("Price war", (-1, -1)),
...                                  "Accommodate": outcome("Shared market", (1, 1))}),
... }))
>>> non_credible_threats(game, {"root": {"Out": 1, "In": 0}, "root/In": {"Fight": 1, "Accommodate": 0}})
('root/In/Fight',)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sympy

from ..games.profiles import continuation_payoffs, equilibrium_moves
from ..games.tree import DECISION, ExtensiveFormGame

__all__ = ["non_credible_threats"]


def non_credible_threats(game: ExtensiveFormGame, behaviour: Mapping[str, Mapping[str, Any]]) -> tuple[str, ...]:
    """Action paths of the off-path moves of ``behaviour`` that are not best replies where they are made."""
    values = continuation_payoffs(game, behaviour)
    _, off_path = equilibrium_moves(game, behaviour)
    threats = []
    for path in off_path:
        move = game.node(path)
        assert move.parent is not None  # an off-path move is made below the root
        node = game.nodes[move.parent]
        if node.kind != DECISION:
            continue
        assert node.player is not None
        assert node.infoset is not None
        if len(game.infosets[node.infoset].nodes) > 1:
            continue
        best = max(_defined(values[c])[node.player] for c in node.children)
        if _defined(values[move.index])[node.player] < best:
            threats.append(path)
    return tuple(threats)


def _defined(value: tuple[sympy.Expr, ...] | None) -> tuple[sympy.Expr, ...]:
    assert value is not None  # the behaviour gives play below every off-path move
    return value
