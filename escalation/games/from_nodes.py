"""Reading a tree of node objects (:func:`decision`, :func:`chance`, :func:`outcome`) into flat arrays.

The walk visits the nodes in pre-order with an explicit stack (no recursion,
so a chain thousands of moves deep is fine) and checks each node before its
subtree, so the first error reported is the one nearest the root in
pre-order, as a reader going down the tree would find it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from ..errors import GameStructureError, PayoffError, ProbabilityError
from ..numbers import NotFiniteError, exact
from ._payoffs import payoff_entry, unique_labels
from .nodes import Chance, Decision, Node, Outcome
from .structure import CHANCE_CODE, DECISION_CODE, TERMINAL_CODE, TreeArrays, canonical_number

__all__ = ["arrays_from_nodes", "payoff_row", "probability_value"]


class _Walk:
    """Per-node lists filled in pre-order."""

    def __init__(self, players: tuple[str, ...]) -> None:
        self.players = players
        self.index = {p: i for i, p in enumerate(players)}
        self.kind: list[int] = []
        self.player: list[int] = []
        self.parent: list[int] = []
        self.action: list[str | None] = []
        self.infoset: list[Any] = []  # the node's infoset name (None: unnamed) at decision nodes, -1 elsewhere
        self.payoffs: list[tuple] = []
        self.outcomes: list[str | None] = []
        self.probability: list[Any] = []

    def path(self, v: int) -> str:
        from .paths import ROOT, escape_action

        steps = []
        while v > 0:
            action = self.action[v]
            assert action is not None  # every node below the root is reached by an action
            steps.append(escape_action(action))
            v = self.parent[v]
        return "/".join([ROOT, *reversed(steps)])


def arrays_from_nodes(players: tuple[str, ...], root: Node) -> tuple[TreeArrays, list]:
    """The arrays of the tree ``root``, and per decision node its information-set name (or ``None``).

    Information sets are numbered later (see :func:`~.infosets.number_infosets`).  The loop handles
    the common cases inline (a leaf with integer payoffs in a tuple; a decision by a known player
    whose action list was already checked); everything else goes through the checks that name the
    node at fault.
    """
    w = _Walk(players)
    kinds, movers, parents, actions_in, infosets = w.kind, w.player, w.parent, w.action, w.infoset
    payoffs, outcomes, probabilities, index = w.payoffs, w.outcomes, w.probability, w.index
    checked: set[tuple] = set()  # action lists already found to be distinct non-empty strings
    n_players = len(players)
    stack: list[tuple[Node, int, str | None, Any]] = [(root, -1, None, None)]
    while stack:
        node, parent, action, prob = stack.pop()
        v = len(kinds)
        parents.append(parent)
        actions_in.append(action)
        probabilities.append(prob)
        if type(node) is Outcome:
            row = node.payoffs
            if type(row) is not tuple or len(row) != n_players or not all(type(u) is int for u in row):
                row = payoff_row(players, node, lambda v=v: w.path(v))
            kinds.append(TERMINAL_CODE)
            movers.append(-1)
            infosets.append(-1)
            payoffs.append(row)
            outcomes.append(node.label)
        elif type(node) is Decision and type(node.player) is str and node.player in index \
                and _known(checked, node.moves):
            kinds.append(DECISION_CODE)
            movers.append(index[node.player])
            infosets.append(node.infoset)
            stack.extend([(c, v, a, None) for a, c in node.moves[::-1]])
        elif isinstance(node, Outcome):
            kinds.append(TERMINAL_CODE)
            movers.append(-1)
            infosets.append(-1)
            payoffs.append(payoff_row(players, node, lambda v=v: w.path(v)))
            outcomes.append(node.label)
        elif isinstance(node, Decision):
            _decision(w, node, v, stack)
            if len(checked) < 4096:
                checked.add(tuple(a for a, _ in node.moves))
        elif isinstance(node, Chance):
            _chance(w, node, v, stack)
        else:
            raise GameStructureError(f"node {w.path(v)}", f"is not a decision, chance or outcome node: {node!r}")
    names = w.infoset
    arrays = TreeArrays.build(kind=w.kind, player=w.player, parent=w.parent, action=w.action,
                              infoset=np.full(len(w.kind), -1), infoset_names=[], payoffs=w.payoffs,
                              outcomes=w.outcomes, probability=w.probability)
    return arrays, names


def _known(checked: set[tuple], moves: Any) -> bool:
    """Whether the action labels of ``moves`` were already checked (malformed moves never were)."""
    try:
        return tuple([m[0] for m in moves]) in checked
    except (TypeError, IndexError, KeyError):
        return False


def _labels(actions: tuple, what: str, where) -> tuple[str, ...]:
    """Action labels, checked to be distinct non-empty strings (the error names ``where()``)."""
    if all(type(a) is str and a for a in actions) and len(set(actions)) == len(actions):
        return actions
    return unique_labels(actions, what, where())


def _decision(w: _Walk, node: Decision, v: int, stack: list) -> None:
    player = w.index.get(node.player) if isinstance(node.player, str) else None
    if player is None:
        raise GameStructureError(f"node {w.path(v)}", f"player {node.player!r} is not one of {list(w.players)}")
    moves = node.moves
    actions = _labels(tuple(a for a, _ in moves), "action", lambda: f"node {w.path(v)}")
    if not actions:
        raise GameStructureError(f"node {w.path(v)}", "a decision node needs at least one action")
    w.kind.append(DECISION_CODE)
    w.player.append(player)
    w.infoset.append(node.infoset)
    stack.extend((child, v, a, None) for a, child in reversed(moves))


def _chance(w: _Walk, node: Chance, v: int, stack: list) -> None:
    where = f"chance node {w.path(v)}"
    actions = _labels(tuple(m[0] for m in node.moves), "action", lambda: where)
    if not actions:
        raise GameStructureError(where, "a chance node needs at least one action")
    probs = [probability_value(p, lambda a=a: f"{where}, action {a!r}")
             for a, p in zip(actions, node.probabilities, strict=True)]
    check_sum(probs, where)
    w.kind.append(CHANCE_CODE)
    w.player.append(-1)
    w.infoset.append(-1)
    stack.extend((child, v, a, p) for a, p, child in reversed(list(zip(actions, probs, node.children, strict=True))))


def check_sum(probs: Sequence[Any], where: str) -> None:
    """Chance probabilities must sum to one (exactly; symbolically where they are symbolic)."""
    if all(type(p) is int or type(p) is Fraction for p in probs):
        total: Any = sum(probs, Fraction(0))
        if total != 1:
            raise ProbabilityError(where, f"probabilities sum to {sympy.Rational(total.numerator, total.denominator)}"
                                          ", not 1")
        return
    total = sympy.simplify(sum((sympy.sympify(p) for p in probs), sympy.Integer(0)))
    if total != 1:
        raise ProbabilityError(where, f"probabilities sum to {total}, not 1")


def probability_value(value: Any, where) -> Any:
    """One chance probability in storage form; not a number, or outside [0, 1], raises naming ``where()``."""
    if type(value) is Fraction or (type(value) is int and not isinstance(value, bool)):
        p: Any = value
    else:
        try:
            p = canonical_number(exact(value))
        except (TypeError, NotFiniteError) as exc:
            raise ProbabilityError(where(), str(exc)) from None
    if isinstance(p, sympy.Expr):
        if not p.free_symbols and not (0 <= p <= 1):
            raise ProbabilityError(where(), f"probability {p} is outside [0, 1]")
    elif not 0 <= p <= 1:
        raise ProbabilityError(where(), f"probability {sympy.Rational(p.numerator, p.denominator)} is outside [0, 1]")
    return p


def payoff_row(players: tuple[str, ...], node: Outcome, path) -> tuple:
    """The payoffs of a leaf in player order, in storage form; errors name the leaf (``path()``)."""
    raw = node.payoffs
    if type(raw) is tuple and len(raw) == len(players) and all(type(u) is int for u in raw):
        return raw
    where = f"outcome {node.label!r} at node {path()}" if node.label else f"terminal node {path()}"
    if isinstance(raw, Mapping):
        unknown = set(raw) - set(players)
        if unknown:
            raise PayoffError(where, f"payoff for unknown player {sorted(unknown)[0]!r}")
        missing = [p for p in players if p not in raw]
        if missing:
            raise PayoffError(where, f"no payoff for player {missing[0]!r}")
        values = [raw[p] for p in players]
    else:
        values = list(raw)
        if len(values) != len(players):
            raise PayoffError(where, f"needs {len(players)} payoffs, got {len(values)}")
    return tuple(number_value(v, lambda p=p: f"{where}, player {p!r}") for p, v in zip(players, values, strict=True))


def number_value(value: Any, where) -> Any:
    """A payoff in storage form (``int``, ``Fraction`` or a sympy expression)."""
    if type(value) is int or type(value) is Fraction:
        return value
    if isinstance(value, np.integer):
        return int(value)
    return canonical_number(payoff_entry(value, where()))
