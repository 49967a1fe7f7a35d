r"""The conditions under which a shape is a perfect Bayesian equilibrium, in any number type.

Fix a shape (:mod:`.pbe_shapes`) and a behaviour profile :math:`b` with that
shape.  Write :math:`V_i(v)` for player :math:`i`'s continuation value at node
:math:`v` under :math:`b`, :math:`\rho_{-i}(n)` for the probability that
nature and the other players lead to node :math:`n`, and for an action
:math:`a` at a set :math:`h` of player :math:`i`

.. math:: W_h(a) = \sum_{n \in h} \rho_{-i}(n)\, V_i(\text{child}(n, a)),

the expected value of :math:`a` up to the positive factor
:math:`\sum_n \rho_{-i}(n)` (Bayes' rule).  The profile is a perfect Bayesian
equilibrium with the shape's supports exactly when

1. every chance probability is positive and every played action at a mixed
   set has positive probability;
2. at every *determined* set (with one node, :math:`W_h` is the value at that
   node) the played actions are indifferent,
   :math:`W_h(a) = W_h(a_0)` (the **indifference** equations that fix the
   mixed probabilities), and better than the others,
   :math:`W_h(a_0) - W_h(b) > 0`;
3. at every *observer* set, with :math:`d_b(n) = V_i(\text{child}(n, a)) -
   V_i(\text{child}(n, b))` for the played action :math:`a`: under ``"prior"``
   the weights :math:`w(n)` of the nodes as if every deviating type had made
   the move give :math:`\sum_n w(n) d_b(n) > 0`; under ``"free"`` some belief
   :math:`\mu` gives :math:`\sum_n \mu(n) d_b(n) \ge 0` for every :math:`b`
   (a :class:`BeliefTest`).  D1 and the intuitive criterion restrict that
   belief further (see :mod:`escalation.analysis.pbe_grid`).

Strict inequalities describe the interior of a region; their boundaries are
knife edges, which the exact solver decides.  The functions here take the
game's numbers through a :class:`Numbers` (sympy expressions, exact fractions
or numpy arrays over a grid), so the same code writes the conditions
symbolically (:func:`~escalation.symbolic.pbe_regions.pbe_regions`) and
evaluates them on a grid.

>>> import sympy
>>> from escalation.games import ExtensiveFormGame, chance, decision, outcome
>>> from escalation.symbolic.pbe_shapes import Layout, Shape
>>> p, c = sympy.symbols("p c", positive=True)
>>> def sender(kind, cost):
...     fight = outcome("fight", (-cost, 1 if kind == "weak" else -1))
...     reply = decision("Receiver", {"Yield": outcome("yield", (2, 0)), "Fight": fight}, infoset="after threat")
...     return decision("Sender", {"Quiet": outcome("quiet", (0, 0)), "Threaten": reply}, infoset=kind)
>>> game = ExtensiveFormGame(("Sender", "Receiver"), chance({"strong": (p, sender("strong", 1)),
...                                                          "weak": (1 - p, sender("weak", c))}))
>>> behaviour = {"strong": {"Quiet": 1, "Threaten": 0}, "weak": {"Quiet": 1, "Threaten": 0},
...              "after threat": {"Yield": 0, "Fight": 1}}
>>> found = conditions(game, Layout.of(game, Shape.of(behaviour)), behaviour, Numbers.symbolic(), "prior")
>>> for what, g in found.positive:
...     print(f"{what}: {sympy.factor(g)} > 0")
chance: strong: p > 0
chance: weak: 1 - p > 0
Sender at strong: Quiet over Threaten: 1 > 0
Sender at weak: Quiet over Threaten: c > 0
Receiver at after threat (prior belief): Fight over Yield: 1 - 2*p > 0

Pooling on quiet needs a weak sender that a fight hurts (:math:`c > 0`) and,
at the prior belief, a receiver that fights a threat (:math:`p < 1/2`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy

from ..games import play
from ..games.records import NodeInfo
from ..games.tree import CHANCE, ExtensiveFormGame
from .pbe_shapes import Layout, Observer

__all__ = ["BeliefTest", "Conditions", "Numbers", "child", "conditions", "gain", "moves_of", "without_own"]


@dataclass(frozen=True)
class Numbers:
    """The game's numbers in one number type: chance probabilities and payoffs per node, and the unit."""

    chance: Callable[[NodeInfo], Sequence[Any]]
    payoffs: Callable[[NodeInfo], Sequence[Any]]
    one: Any = 1
    zero: Any = 0

    @classmethod
    def symbolic(cls) -> Numbers:
        """The game's own sympy numbers."""
        return cls(lambda node: node.probabilities, lambda node: node.payoffs, sympy.Integer(1), sympy.Integer(0))


@dataclass(frozen=True)
class BeliefTest:
    """An observer set under free beliefs: some belief must make the played action at least as good as each
    other; ``rows[k][m]`` is its gain over the ``k``-th other action at the ``m``-th node."""

    infoset: str
    rows: tuple[tuple[Any, ...], ...]


@dataclass
class Conditions:
    """A shape's conditions: ``positive`` (what, g) must have g > 0; ``indifference`` expressions must be 0
    (they fix the mixed probabilities); ``beliefs`` are existence tests; ``indifferent`` tests ask for a belief
    that leaves a mixing observer indifferent (the row is its gain of one action over the other at each node);
    ``zero`` (what, g) must have g = 0, a knife edge (a mixing observer at a fixed belief); ``problem`` says why
    the conditions cannot be written (else None)."""

    positive: list[tuple[str, Any]] = field(default_factory=list)
    indifference: list[Any] = field(default_factory=list)
    beliefs: list[BeliefTest] = field(default_factory=list)
    indifferent: list[BeliefTest] = field(default_factory=list)
    zero: list[tuple[str, Any]] = field(default_factory=list)
    problem: str | None = None


def conditions(game: ExtensiveFormGame, layout: Layout, behaviour: Mapping[str, Mapping[str, Any]],
               numbers: Numbers, rule: str) -> Conditions:
    """The conditions of the module docstring for ``behaviour`` (with the layout's shape) under ``rule``
    (``"D1"`` and ``"intuitive"`` give the free-belief tests; their restriction is checked elsewhere)."""
    found = Conditions(problem=layout.unreadable)
    if found.problem:
        return found
    moves = moves_of(behaviour, numbers)
    values = play.continuation(game, moves, numbers.payoffs, numbers.zero)
    _chance_tests(game, numbers, found)
    for h in (h for h in layout.shape.mixed if h != layout.mixing_observer):
        found.positive.extend((f"{h}: {a} played", behaviour[h][a]) for a in layout.shape.actions(h))
    others = {}
    for h in layout.determined:
        i = game.infosets[h].player
        if i not in others:
            others[i] = play.reach(game, without_own(moves, i, {}), numbers.one)
        _determined(game, h, layout, values, others[i], numbers, found)
    for o in layout.observers:
        _observed(game, o, layout, values, moves, numbers, rule, found)
    return found


def moves_of(behaviour: Mapping[str, Mapping[str, Any]], numbers: Numbers) -> Callable[[NodeInfo], list]:
    """The move probabilities at each node (for :func:`escalation.games.play.reach` and ``continuation``)."""
    def moves(node: NodeInfo) -> list:
        if node.kind == CHANCE:
            return list(numbers.chance(node))
        assert node.infoset is not None  # a decision node
        acts = behaviour[node.infoset]
        return [acts.get(a, 0) for a in node.actions]
    return moves


def without_own(moves: Callable[[NodeInfo], list], player: int | None, ones: Mapping[str, str]) -> Callable:
    """``moves`` with ``player``'s own moves, and the deviation actions ``ones`` ({set: action}), set to 1."""
    def changed(node: NodeInfo) -> list:
        if node.kind != CHANCE and node.player == player:
            return [1] * len(node.actions)
        out = moves(node)
        h = node.infoset
        if h is not None and h in ones:
            out = [1 if a == ones[h] else p for a, p in zip(node.actions, out, strict=True)]
        return out
    return changed


def _chance_tests(game: ExtensiveFormGame, numbers: Numbers, found: Conditions) -> None:
    for node in game.nodes:
        if node.kind == CHANCE:
            for a, p in zip(node.actions, numbers.chance(node), strict=True):
                found.positive.append((f"chance: {a}", p))


def child(game: ExtensiveFormGame, n: int, action: str) -> int:
    """The node that ``action`` leads to from node ``n``."""
    node = game.nodes[n]
    return node.children[node.actions.index(action)]


def gain(game: ExtensiveFormGame, n: int, a: str, b: str, values, i: int) -> Any:
    """Player ``i``'s continuation value of ``a`` over ``b`` at node ``n`` (``values`` from ``continuation``)."""
    return values[child(game, n, a)][i] - values[child(game, n, b)][i]


def _determined(game: ExtensiveFormGame, h: str, layout: Layout, values, rho, numbers: Numbers,
                found: Conditions) -> None:
    info = game.infosets[h]
    played = layout.shape.actions(h)
    who = game.players[info.player]

    def advantage(a: str, b: str) -> Any:
        if len(info.nodes) == 1:   # a certain belief (the set may lie after a deviation)
            return gain(game, info.nodes[0], a, b, values, info.player)
        return sum((rho[n] * gain(game, n, a, b, values, info.player) for n in info.nodes if rho[n] is not None),
                   numbers.zero)

    for a in played[1:]:
        found.indifference.append(advantage(played[0], a))
    for b in info.actions:
        if b not in played:
            found.positive.append((f"{who} at {h}: {played[0]} over {b}", advantage(played[0], b)))


def _observed(game: ExtensiveFormGame, o: Observer, layout: Layout, values, moves, numbers: Numbers, rule: str,
              found: Conditions) -> None:
    info = game.infosets[o.infoset]
    a, *rest = layout.shape.actions(o.infoset)
    others = [b for b in info.actions if b != a]
    rows = tuple(tuple(gain(game, n, a, b, values, info.player) for n in info.nodes) for b in others)
    who = game.players[info.player]
    w = play.reach(game, without_own(moves, info.player, dict(o.deviations)), numbers.one) if rule == "prior" else []
    if rest:   # a mixing observer (two actions): its belief must leave it indifferent
        if rule == "prior":
            found.zero.append((f"{who} at {o.infoset} (prior belief): indifferent",
                               sum((w[n] * d for n, d in zip(info.nodes, rows[0], strict=True)), numbers.zero)))
        else:
            found.indifferent.append(BeliefTest(o.infoset, rows))
        return
    if rule == "prior":
        for b, row in zip(others, rows, strict=True):
            found.positive.append((f"{who} at {o.infoset} (prior belief): {a} over {b}",
                                   sum((w[n] * d for n, d in zip(info.nodes, row, strict=True)), numbers.zero)))
        return
    if len(info.nodes) > 2 and len(others) > 1:
        found.problem = f"free beliefs over {len(info.nodes)} nodes with {len(info.actions)} actions at {o.infoset!r}"
        return
    found.beliefs.append(BeliefTest(o.infoset, rows))

