r"""Extensive-form games: a validated, immutable tree plus its flat index.

The tree is built from :mod:`escalation.games.nodes`.  On construction the game
walks it once (pre-order), checks it, and records every node in
:attr:`ExtensiveFormGame.nodes` with its path from the root (``"root/Enter"``),
its player, information set, parent and children.  Solvers read that flat
index; the node objects stay available for building, reading and drawing.

>>> from escalation.games import ExtensiveFormGame, decision, outcome
>>> game = ExtensiveFormGame(("Entrant", "Incumbent"), decision("Entrant", {
...     "Out": outcome("Monopoly", (0, 2)),
...     "In": decision("Incumbent", {
...         "Fight": outcome("Price war", (-1, -1)),
...         "Accommodate": outcome("Shared market", (1, 1)),
...     }),
... }))
>>> [n.path for n in game.nodes]
['root', 'root/Out', 'root/In', 'root/In/Fight', 'root/In/Accommodate']
>>> game.is_perfect_information
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sympy

from ..errors import GameStructureError, PayoffError, ProbabilityError
from ..numbers import NotFiniteError, exact
from ._payoffs import free_symbols, payoff_entry, resolve_symbols, substitute, unique_labels
from .nodes import Chance, Decision, Node, Outcome

__all__ = ["ExtensiveFormGame", "InfoSet", "NodeInfo"]

DECISION, CHANCE, TERMINAL = "decision", "chance", "terminal"


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


class ExtensiveFormGame:
    """An immutable extensive-form game.

    Parameters
    ----------
    players : sequence of str
        The players (chance is not a player).
    root : Decision, Chance or Outcome
        The tree, built with :func:`decision`, :func:`chance` and :func:`outcome`.
    title : str
        A name for the game.

    Raises
    ------
    GameStructureError
        Naming the node or information set at fault: an unknown player, a
        decision node without actions, an information set whose nodes belong to
        different players or offer different actions.
    ProbabilityError
        Chance probabilities outside [0, 1] or not summing to one.
    PayoffError
        Payoffs missing, NaN, infinite or not numbers.
    """

    def __init__(self, players: Sequence[str], root: Node, title: str = "") -> None:
        self._players = unique_labels(players, "player", "game")
        if not self._players:
            raise GameStructureError("game", "a game needs at least one player")
        self._root = root
        self._title = title
        self._nodes: list[NodeInfo] = []
        self._build(root, "root", None, None, ())
        self._nodes_t = tuple(self._nodes)
        del self._nodes
        self._infosets = self._collect_infosets()
        self._by_path = {n.path: n.index for n in self._nodes_t}

    # -- construction ------------------------------------------------------------------------
    def _build(self, node: Node, path: str, parent: int | None, action: str | None, history: tuple) -> int:
        index = len(self._nodes)
        self._nodes.append(None)  # type: ignore[arg-type]  # placeholder keeps pre-order
        if isinstance(node, Outcome):
            info = NodeInfo(index, path, TERMINAL, None, None, (), parent, action, (),
                            payoffs=self._payoffs(node, path), outcome=node.label, history=history)
        elif isinstance(node, Decision):
            info = self._decision(node, index, path, parent, action, history)
        elif isinstance(node, Chance):
            info = self._chance(node, index, path, parent, action, history)
        else:
            raise GameStructureError(f"node {path}", f"is not a decision, chance or outcome node: {node!r}")
        self._nodes[index] = info
        return index

    def _decision(self, node: Decision, index, path, parent, action, history) -> NodeInfo:
        where = f"node {path}"
        if node.player not in self._players:
            raise GameStructureError(where, f"player {node.player!r} is not one of {list(self._players)}")
        actions = unique_labels(node.actions, "action", where)
        if not actions:
            raise GameStructureError(where, "a decision node needs at least one action")
        infoset = node.infoset if node.infoset is not None else path
        children = tuple(
            self._build(child, f"{path}/{a}", index, a, (*history, (infoset, a)))
            for a, child in node.moves
        )
        return NodeInfo(index, path, DECISION, self._players.index(node.player), infoset, actions,
                        parent, action, children, history=history)

    def _chance(self, node: Chance, index, path, parent, action, history) -> NodeInfo:
        where = f"chance node {path}"
        actions = unique_labels(node.actions, "action", where)
        if not actions:
            raise GameStructureError(where, "a chance node needs at least one action")
        probs = tuple(
            self._probability(p, f"{where}, action {a!r}") for a, p in zip(actions, node.probabilities, strict=True)
        )
        total = sympy.simplify(sum(probs, sympy.Integer(0)))
        if total != 1:
            raise ProbabilityError(where, f"probabilities sum to {total}, not 1")
        children = tuple(
            self._build(child, f"{path}/{a}", index, a, history)
            for a, child in zip(actions, node.children, strict=True)
        )
        return NodeInfo(index, path, CHANCE, None, None, actions, parent, action, children,
                        probabilities=probs, history=history)

    @staticmethod
    def _probability(value: Any, where: str) -> sympy.Expr:
        try:
            p = exact(value)
        except (TypeError, NotFiniteError) as exc:
            raise ProbabilityError(where, str(exc)) from None
        if not p.free_symbols and not (0 <= p <= 1):
            raise ProbabilityError(where, f"probability {p} is outside [0, 1]")
        return p

    def _payoffs(self, node: Outcome, path: str) -> tuple[sympy.Expr, ...]:
        where = f"outcome {node.label!r} at node {path}" if node.label else f"terminal node {path}"
        raw = node.payoffs
        if isinstance(raw, Mapping):
            unknown = set(raw) - set(self._players)
            if unknown:
                raise PayoffError(where, f"payoff for unknown player {sorted(unknown)[0]!r}")
            missing = [p for p in self._players if p not in raw]
            if missing:
                raise PayoffError(where, f"no payoff for player {missing[0]!r}")
            values = [raw[p] for p in self._players]
        else:
            values = list(raw)
            if len(values) != len(self._players):
                raise PayoffError(where, f"needs {len(self._players)} payoffs, got {len(values)}")
        return tuple(payoff_entry(v, f"{where}, player {p!r}") for p, v in zip(self._players, values, strict=True))

    def _collect_infosets(self) -> dict[str, InfoSet]:
        members: dict[str, list[NodeInfo]] = {}
        for n in self._nodes_t:
            if n.kind == DECISION:
                members.setdefault(n.infoset, []).append(n)
        infosets = {}
        for label, nodes in members.items():
            first = nodes[0]
            for n in nodes[1:]:
                if n.player != first.player:
                    raise GameStructureError(
                        f"information set {label!r}",
                        f"mixes players {self._players[first.player]!r} (node {first.path}) "
                        f"and {self._players[n.player]!r} (node {n.path})",
                    )
                if n.actions != first.actions:
                    raise GameStructureError(
                        f"information set {label!r}",
                        f"node {first.path} offers {list(first.actions)} but node {n.path} offers {list(n.actions)}",
                    )
            infosets[label] = InfoSet(label, first.player, first.actions, tuple(n.index for n in nodes))
        return infosets

    # -- reading -----------------------------------------------------------------------------
    @property
    def players(self) -> tuple[str, ...]:
        return self._players

    @property
    def root(self) -> Node:
        """The tree as built from node objects."""
        return self._root

    @property
    def title(self) -> str:
        return self._title

    @property
    def nodes(self) -> tuple[NodeInfo, ...]:
        """Every node in pre-order; ``nodes[0]`` is the root."""
        return self._nodes_t

    @property
    def infosets(self) -> Mapping[str, InfoSet]:
        """Information sets by label, in the order their first node appears."""
        return self._infosets

    @property
    def terminals(self) -> tuple[NodeInfo, ...]:
        return tuple(n for n in self._nodes_t if n.kind == TERMINAL)

    def node(self, path: str) -> NodeInfo:
        """The node at ``path`` (e.g. ``"root/In/Fight"``)."""
        try:
            return self._nodes_t[self._by_path[path]]
        except KeyError:
            raise GameStructureError(f"node {path}", "no such node in the game") from None

    def infosets_of(self, player: int | str) -> tuple[InfoSet, ...]:
        i = self.player_index(player)
        return tuple(h for h in self._infosets.values() if h.player == i)

    def player_index(self, player: int | str) -> int:
        if isinstance(player, int):
            if not 0 <= player < len(self._players):
                raise GameStructureError("game", f"no player number {player}")
            return player
        try:
            return self._players.index(player)
        except ValueError:
            raise GameStructureError("game", f"no player {player!r}") from None

    @property
    def is_perfect_information(self) -> bool:
        """True when every information set is a single node."""
        return all(len(h.nodes) == 1 for h in self._infosets.values())

    @property
    def has_perfect_recall(self) -> bool:
        """True when every player remembers its own earlier choices at each information set."""
        for h in self._infosets.values():
            own = {tuple(c for c in self._nodes_t[i].history if self._infosets[c[0]].player == h.player)
                   for i in h.nodes}
            if len(own) > 1:
                return False
        return True

    def outcome_label(self, index: int) -> str:
        """The label of terminal node ``index``: its outcome label, else its path."""
        node = self._nodes_t[index]
        return node.outcome or node.path

    @property
    def free_symbols(self) -> frozenset[sympy.Symbol]:
        """Parameters the payoffs or chance probabilities still depend on."""
        return free_symbols([e for n in self._nodes_t for e in (*n.payoffs, *n.probabilities)])

    @property
    def is_numeric(self) -> bool:
        return not self.free_symbols

    def require_numeric(self) -> None:
        if not self.is_numeric:
            from ..errors import ParameterError

            names = ", ".join(sorted(str(s) for s in self.free_symbols))
            raise ParameterError(names, "has no value; substitute numbers with game.subs({...}) first")

    # -- transformations --------------------------------------------------------------------
    def subs(self, values: Mapping[Any, Any] | None = None, *, floats: bool = False) -> ExtensiveFormGame:
        """The same tree with parameter ``values`` substituted (exact unless ``floats``).

        The result is validated again, so a substituted chance probability
        outside [0, 1] raises :class:`~escalation.errors.ProbabilityError`.
        """
        table = resolve_symbols(self.free_symbols, values)
        return ExtensiveFormGame(self._players, self.map_numbers(lambda e: substitute(e, table, floats)), self._title)

    def map_numbers(self, fn) -> Node:
        """A copy of the node tree with ``fn`` applied to every payoff and probability."""

        def walk(node: Node) -> Node:
            if isinstance(node, Outcome):
                return Outcome(node.label, tuple(fn(v) for v in self._payoffs(node, "")))
            if isinstance(node, Decision):
                return Decision(node.player, tuple((a, walk(c)) for a, c in node.moves), node.infoset)
            return Chance(tuple((a, fn(exact(p)), walk(c)) for a, p, c in node.moves))

        return walk(self._root)

    def to_normal_form(self, reduced: bool = True):
        """The strategic form: one pure strategy per (reduced) plan of action.

        See :func:`escalation.games.strategic.to_normal_form`.
        """
        from .strategic import to_normal_form

        return to_normal_form(self, reduced=reduced)

    # -- comparison --------------------------------------------------------------------------
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ExtensiveFormGame):
            return NotImplemented
        if self._players != other._players or len(self._nodes_t) != len(other._nodes_t):
            return False
        return all(_same_node(a, b) for a, b in zip(self._nodes_t, other._nodes_t, strict=True)) and (
            _infoset_partition(self) == _infoset_partition(other)
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (f"<ExtensiveFormGame {self._title!r}: {len(self._nodes_t)} nodes, "
                f"{len(self.terminals)} outcomes, players {', '.join(self._players)}>")


def _same_node(a: NodeInfo, b: NodeInfo) -> bool:
    same_numbers = all(
        sympy.simplify(x - y) == 0
        for x, y in zip((*a.payoffs, *a.probabilities), (*b.payoffs, *b.probabilities), strict=True)
    )
    return (
        (a.kind, a.player, a.actions, a.children, a.outcome) == (b.kind, b.player, b.actions, b.children, b.outcome)
        and len(a.payoffs) == len(b.payoffs)
        and len(a.probabilities) == len(b.probabilities)
        and same_numbers
    )


def _infoset_partition(game: ExtensiveFormGame) -> set[tuple[int, ...]]:
    return {h.nodes for h in game.infosets.values()}
