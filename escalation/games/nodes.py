r"""The nodes a game tree is built from, and the declarative builder functions.

A tree reads top-down like the figure a teacher draws: a :func:`decision` node
names its player and maps action labels to subtrees; a :func:`chance` node maps
action labels to ``(probability, subtree)``; an :func:`outcome` is a labelled
leaf with one payoff per player.

>>> from escalation.games import decision, outcome
>>> entry = decision("Entrant", {
...     "Stay out": outcome("Monopoly", {"Entrant": 0, "Incumbent": 2}),
...     "Enter": decision("Incumbent", {
...         "Fight": outcome("Price war", {"Entrant": -1, "Incumbent": -1}),
...         "Accommodate": outcome("Shared market", {"Entrant": 1, "Incumbent": 1}),
...     }),
... })
>>> entry.actions
('Stay out', 'Enter')

Nodes are immutable values; an :class:`~escalation.games.ExtensiveFormGame`
checks them as a whole (players, information sets, probabilities, payoffs).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["Chance", "Decision", "Node", "Outcome", "chance", "decision", "outcome"]


@dataclass(frozen=True)
class Outcome:
    """A terminal node: an outcome label and a payoff for every player.

    ``payoffs`` is a mapping ``{player: payoff}`` or a sequence in the game's
    player order; the game turns it into a tuple.
    """

    label: str | None
    payoffs: Any

    def __post_init__(self) -> None:
        if self.label == "":  # an empty label is no label: Gambit files write both as "", so they must agree
            object.__setattr__(self, "label", None)

    @property
    def actions(self) -> tuple[str, ...]:
        return ()

    @property
    def children(self) -> tuple[Node, ...]:
        return ()


@dataclass(frozen=True)
class Decision:
    """A move by ``player``: ``moves`` pairs each action label with its subtree.

    Nodes given the same ``infoset`` label form one information set: the player
    cannot tell them apart and must offer the same actions at each.
    """

    player: str
    moves: tuple[tuple[str, Node], ...]
    infoset: str | None = None

    @property
    def actions(self) -> tuple[str, ...]:
        return tuple(a for a, _ in self.moves)

    @property
    def children(self) -> tuple[Node, ...]:
        return tuple(c for _, c in self.moves)


@dataclass(frozen=True)
class Chance:
    """A move by nature: ``moves`` holds ``(action, probability, subtree)`` triples."""

    moves: tuple[tuple[str, Any, Node], ...]

    @property
    def actions(self) -> tuple[str, ...]:
        return tuple(a for a, _, _ in self.moves)

    @property
    def probabilities(self) -> tuple[Any, ...]:
        return tuple(p for _, p, _ in self.moves)

    @property
    def children(self) -> tuple[Node, ...]:
        return tuple(c for _, _, c in self.moves)


Node = Decision | Chance | Outcome


def _pairs(moves: Mapping[str, Any] | Sequence[tuple[str, Any]]) -> tuple[tuple[str, Any], ...]:
    return tuple(moves.items()) if isinstance(moves, Mapping) else tuple(tuple(m) for m in moves)


def decision(
    player: str, moves: Mapping[str, Node] | Sequence[tuple[str, Node]], *, infoset: str | None = None
) -> Decision:
    """A decision node of ``player`` with ``{action: subtree}`` in display order."""
    return Decision(player, _pairs(moves), infoset)


def chance(moves: Mapping[str, tuple[Any, Node]] | Sequence[tuple[str, Any, Node]]) -> Chance:
    """A chance node with ``{action: (probability, subtree)}``; probabilities may be symbolic."""
    if isinstance(moves, Mapping):
        triples = tuple((a, *pc) for a, pc in moves.items())
    else:
        triples = tuple(tuple(m) for m in moves)
    return Chance(triples)  # type: ignore[arg-type]


def outcome(label: str | None, payoffs: Mapping[str, Any] | Sequence[Any]) -> Outcome:
    """A terminal node with an outcome ``label`` and ``payoffs`` per player."""
    return Outcome(label, payoffs)
