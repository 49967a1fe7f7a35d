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
>>> pure_behaviour(game, game.to_normal_form(), {"Entrant": "Out", "Incumbent": "Fight"})
{'root': {'Out': 1, 'In': 0}, 'root/In': {'Fight': 1, 'Accommodate': 0}}
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sympy

from ...errors import GameStructureError
from ...games.normal_form import NormalFormGame
from ...games.tree import CHANCE, DECISION, TERMINAL, ExtensiveFormGame
from ...numbers import exact
from ..tree_layout import equilibrium_moves

__all__ = ["continuation_payoffs", "non_credible_threats", "pure_behaviour"]


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


def continuation_payoffs(game: ExtensiveFormGame, behaviour: Mapping[str, Mapping[str, Any]]
                         ) -> list[tuple[sympy.Expr, ...] | None]:
    """Expected payoffs from each node on, when play follows ``behaviour`` (``None`` where it is undefined).

    >>> from escalation.games import ExtensiveFormGame, chance, outcome
    >>> game = ExtensiveFormGame(("A",), chance({"h": ("1/4", outcome(None, (4,))), "t": ("3/4", outcome(None, (0,)))}))
    >>> continuation_payoffs(game, {})[0]
    (1,)
    """
    values: list[tuple[sympy.Expr, ...] | None] = [None] * len(game.nodes)
    for node in reversed(game.nodes):  # children come after their parent in pre-order
        if node.kind == TERMINAL:
            values[node.index] = node.payoffs
            continue
        if node.kind == CHANCE:
            weights = node.probabilities
        elif node.infoset is not None and node.infoset in behaviour:
            weights = tuple(exact(behaviour[node.infoset].get(a, 0)) for a in node.actions)
        else:
            continue
        below = [(w, values[c]) for c, w in zip(node.children, weights, strict=True) if w != 0]
        known = [(w, v) for w, v in below if v is not None]
        if len(known) < len(below):
            continue
        values[node.index] = tuple(sum((w * v[k] for w, v in known), sympy.Integer(0))
                                   for k in range(len(game.players)))
    return values


def pure_behaviour(game: ExtensiveFormGame, strategic: NormalFormGame, profile: Mapping[str, str]
                   ) -> dict[str, dict[str, sympy.Expr]]:
    """The behaviour profile of ``game`` that a pure profile of its strategic form stands for.

    ``profile`` maps each player to a strategy label of ``strategic`` (from
    ``game.to_normal_form()``), whose ``plans`` say which move the strategy
    makes at each information set.  Information sets a reduced strategy leaves
    open are left out.
    """
    if strategic.plans is None:
        raise GameStructureError("strategic form", "has no plans: it was not derived from a tree")
    behaviour: dict[str, dict[str, sympy.Expr]] = {}
    for player, strategy in profile.items():
        plan = strategic.plans[player].get(strategy)
        if plan is None:
            raise GameStructureError(f"player {player!r}", f"has no strategy {strategy!r}")
        for infoset, action in plan.items():
            behaviour[infoset] = {a: sympy.Integer(a == action) for a in game.infosets[infoset].actions}
    return behaviour
