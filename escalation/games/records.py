"""The records a game tree hands its readers: node kinds, nodes and information sets.

These are what :attr:`~escalation.games.ExtensiveFormGame.nodes` and
``infosets_of`` return; they sit below
the tree so that modules reading trees (the strategic form) need not import it.

>>> KINDS
('decision', 'chance', 'terminal')
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

__all__ = ["CHANCE", "DECISION", "KINDS", "TERMINAL", "InfoSet", "NodeInfo"]

DECISION, CHANCE, TERMINAL = "decision", "chance", "terminal"
KINDS = (DECISION, CHANCE, TERMINAL)  # indexed by the storage codes DECISION_CODE, CHANCE_CODE, TERMINAL_CODE


@dataclass(frozen=True)
class NodeInfo:
    """One node of the flat index.

    ``player`` is the player's position (``None`` at chance and terminal
    nodes); ``probabilities`` is set at chance nodes and ``payoffs`` at
    terminal nodes; ``history`` lists the ``(infoset, action)`` choices on the
    path from the root, for every player.
    """

    index: int
    path: str
    kind: str
    player: int | None
    infoset: str | None
    actions: tuple[str, ...]
    parent: int | None
    action: str | None
    children: tuple[int, ...]
    probabilities: tuple[sympy.Expr, ...] = ()
    payoffs: tuple[sympy.Expr, ...] = ()
    outcome: str | None = None
    history: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class InfoSet:
    """An information set: the player to move, the actions offered and its nodes."""

    label: str
    player: int
    actions: tuple[str, ...]
    nodes: tuple[int, ...]
