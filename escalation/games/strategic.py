r"""From a tree to its strategic (normal) form.

A pure strategy of player :math:`i` is a plan: an action at each of its
information sets.  In the *reduced* strategic form, plans that differ only at
information sets their own earlier choices rule out are merged, and the
unreachable entries are shown as ``*``.  Payoffs are expectations over chance.

>>> from escalation.games import ExtensiveFormGame, decision, outcome
>>> game = ExtensiveFormGame(("A", "B"), decision("A", {
...     "Stop": outcome("SQ", (0, 0)),
...     "Go": decision("B", {"x": decision("A", {"l": outcome(None, (1, 1)), "r": outcome(None, (2, 0))}),
...                          "y": outcome(None, (-1, 2))}),
... }))
>>> game.to_normal_form().strategies[0]
('Stop/*', 'Go/l', 'Go/r')
>>> game.to_normal_form(reduced=False).strategies[0]
('Stop/l', 'Stop/r', 'Go/l', 'Go/r')
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Protocol

import numpy as np
import sympy

from ..errors import GameStructureError, SolverError
from ..numbers import exact
from .normal_form import NormalFormGame
from .records import CHANCE, DECISION, TERMINAL, InfoSet, NodeInfo
from .structure import TreeArrays

__all__ = ["GameTree", "mixed_from_behaviour", "plan_label", "pure_behaviour", "pure_plans", "to_normal_form"]

Plan = Mapping[str, str]  # information set label -> action

MAX_STRATEGIES = 100_000


class GameTree(Protocol):
    """What the strategic form reads of a tree: an :class:`~escalation.games.ExtensiveFormGame`.

    Spelled out here so that this module sits below the tree, whose
    :meth:`~escalation.games.ExtensiveFormGame.to_normal_form` calls it.
    """

    @property
    def players(self) -> tuple[str, ...]: ...

    @property
    def title(self) -> str: ...

    @property
    def arrays(self) -> TreeArrays: ...

    @property
    def nodes(self) -> tuple[NodeInfo, ...]: ...

    @property
    def has_perfect_recall(self) -> bool: ...

    @property
    def infosets(self) -> Mapping[str, InfoSet]: ...

    def infosets_of(self, player: int | str) -> tuple[InfoSet, ...]: ...

    def player_index(self, player: int | str) -> int: ...


def pure_plans(game: GameTree, player: int | str, reduced: bool = True) -> list[dict[str, str]]:
    """Every (reduced) pure strategy of ``player`` as ``{infoset: action}``.

    A reduced plan assigns actions only at information sets that its own
    choices do not rule out.  Requires perfect recall when ``reduced``.
    """
    i = game.player_index(player)
    infosets = game.infosets_of(i)
    if not reduced:
        combos = itertools.product(*(h.actions for h in infosets))
        return [dict(zip((h.label for h in infosets), c, strict=True)) for c in combos]
    if not game.has_perfect_recall:
        raise SolverError("the reduced strategic form needs perfect recall; use reduced=False")
    return [dict(p) for p in _plans_below(game, 0, i)]


def _plans_below(game: GameTree, index: int, player: int) -> list[tuple]:
    """Partial plans (sorted tuples of (infoset, action)) for the subtree at ``index``.

    Computed for the nodes of the subtree from the last (in pre-order) to the
    first, so that every child is done before its parent (no recursion).
    """
    nodes = game.nodes
    end = index + int(game.arrays.subtree_size[index])
    done: dict[int, list[tuple]] = {}
    for v in range(end - 1, index - 1, -1):
        done[v] = _plans_at(nodes[v], [done.pop(c) for c in nodes[v].children], player)
    return done[index]


def _plans_at(node: NodeInfo, below: list[list[tuple]], player: int) -> list[tuple]:
    """The partial plans at ``node`` from those of its children."""
    if node.kind == TERMINAL:
        return [()]
    if node.kind == DECISION and node.player == player:
        out: dict[tuple, None] = {}
        for action, partials in zip(node.actions, below, strict=True):
            for partial in partials:
                merged = _merge(((node.infoset, action),), partial)
                if merged is not None:
                    out[merged] = None
        return list(out)
    combined: list[tuple] = [()]
    for plans in below:
        combined = [m for a in combined for b in plans if (m := _merge(a, b)) is not None]
        combined = list(dict.fromkeys(combined))
        if len(combined) > MAX_STRATEGIES:
            raise SolverError(f"more than {MAX_STRATEGIES} pure strategies for one player")
    return combined


def _merge(a: tuple, b: tuple) -> tuple | None:
    """Union of two partial plans, or None when they disagree at an information set."""
    plan = dict(a)
    for infoset, action in b:
        if plan.setdefault(infoset, action) != action:
            return None
    return tuple(sorted(plan.items()))


def plan_label(game: GameTree, player: int, plan: Plan) -> str:
    """A short label: the chosen actions in information-set order, ``*`` where unspecified."""
    return "/".join(plan.get(h.label, "*") for h in game.infosets_of(player)) or "(no move)"


def to_normal_form(game: GameTree, reduced: bool = True) -> NormalFormGame:
    """The (reduced) strategic form of ``game``; ``plans`` records what each strategy means."""
    plans = [_ordered(game, i, pure_plans(game, i, reduced)) for i in range(len(game.players))]
    labels = [tuple(plan_label(game, i, p) for p in ps) for i, ps in enumerate(plans)]
    shape = tuple(len(p) for p in plans)
    arrays = [np.empty(shape, dtype=object) for _ in game.players]
    for index in np.ndindex(*shape):
        choice: dict[str, str] = {}
        for i, k in enumerate(index):
            choice.update(plans[i][k])
        values = _pure_payoffs(game, choice)
        for a, v in zip(arrays, values, strict=True):
            a[index] = v
    meaning = {
        game.players[i]: {label: dict(p) for label, p in zip(labels[i], plans[i], strict=True)}
        for i in range(len(game.players))
    }
    return NormalFormGame(game.players, tuple(labels), tuple(arrays), game.title, meaning)


def _ordered(game: GameTree, player: int, plans: list[dict]) -> list[dict]:
    """Plans sorted by the position of their actions, information sets in tree order."""
    infosets = game.infosets_of(player)

    def key(plan: dict) -> tuple:
        return tuple(h.actions.index(plan[h.label]) if h.label in plan else -1 for h in infosets)

    return sorted(plans, key=key)


def _pure_payoffs(game: GameTree, choice: Mapping[str, str]) -> tuple[sympy.Expr, ...]:
    """Expected payoffs when every player follows ``choice`` (chance averaged out)."""
    total = [sympy.Integer(0)] * len(game.players)
    stack = [(0, sympy.Integer(1))]
    while stack:
        index, prob = stack.pop()
        node = game.nodes[index]
        if node.kind == TERMINAL:
            total = [t + prob * u for t, u in zip(total, node.payoffs, strict=True)]
        elif node.kind == CHANCE:
            stack.extend((c, prob * p) for c, p in zip(node.children, node.probabilities, strict=True))
        else:
            assert node.infoset is not None  # a decision node
            stack.append((node.children[node.actions.index(choice[node.infoset])], prob))
    return tuple(sympy.expand(t) if t.free_symbols else t for t in total)


def mixed_from_behaviour(
    nf: NormalFormGame, behaviour: Mapping[str, Mapping[str, object]]
) -> dict[str, dict[str, sympy.Expr]]:
    r"""The mixed profile over reduced plans equivalent to a behaviour profile (Kuhn).

    :math:`\sigma_i(s) = \prod_{h \in s} b_i(s(h) \mid h)`, the product running
    over the information sets the plan :math:`s` specifies.

    >>> from escalation.games import ExtensiveFormGame, decision, outcome
    >>> later = decision("A", {"x": outcome(None, (1,)), "y": outcome(None, (2,))})
    >>> g = ExtensiveFormGame(("A",), decision("A", {"l": outcome(None, (0,)), "r": later}))
    >>> nf = g.to_normal_form()
    >>> mixed_from_behaviour(nf, {"root": {"l": "1/2", "r": "1/2"}, "root/r": {"x": 0, "y": 1}})
    {'A': {'l/*': 1/2, 'r/x': 0, 'r/y': 1/2}}
    """
    if nf.plans is None:
        raise SolverError("this normal form was not derived from a tree: it has no plans")
    out: dict[str, dict[str, sympy.Expr]] = {}
    for player, plans in nf.plans.items():
        out[player] = {}
        for label, plan in plans.items():
            prob = sympy.Integer(1)
            for infoset, action in plan.items():
                prob *= exact(behaviour[infoset].get(action, 0))
            out[player][label] = prob
    return out


def pure_behaviour(game: GameTree, strategic: NormalFormGame, profile: Mapping[str, str]
                   ) -> dict[str, dict[str, sympy.Expr]]:
    """The behaviour profile of ``game`` that a pure profile of its strategic form stands for.

    ``profile`` maps each player to a strategy label of ``strategic`` (from
    ``game.to_normal_form()``), whose ``plans`` say which move the strategy
    makes at each information set.  Information sets a reduced strategy leaves
    open are left out.

    >>> from escalation.games import ExtensiveFormGame, decision, outcome
    >>> game = ExtensiveFormGame(("Entrant", "Incumbent"), decision("Entrant", {
    ...     "Out": outcome("Monopoly", (0, 2)),
    ...     "In": decision("Incumbent", {"Fight": outcome(None, (-1, -1)), "Accommodate": outcome(None, (1, 1))}),
    ... }))
    >>> pure_behaviour(game, game.to_normal_form(), {"Entrant": "Out", "Incumbent": "Fight"})
    {'root': {'Out': 1, 'In': 0}, 'root/In': {'Fight': 1, 'Accommodate': 0}}
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
