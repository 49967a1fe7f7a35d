r"""The bottom-up pass of backward induction on a compiled tree, one numpy step per level.

At every node solved by one move (see :mod:`escalation.solvers.layers`) the pass takes, per
level and for all nodes of the level at once, the mover's best child
(decision) or the probability-weighted sum (chance),

.. math:: V(v) = V\bigl(\text{child}(v, a^*)\bigr),\quad a^* = \min\arg\max_a V_{i(v)}(\text{child}(v, a));
   \qquad V(v) = \textstyle\sum_a p_a V(\text{child}(v, a)).

**Exactness.**  With integer payoffs and no chance moves the values are
selected, never added: the pass runs on ``int64`` and is exact.  Otherwise it
runs on floats and carries, per node and player, a rigorous bound
:math:`E \ge |V_{\text{float}} - V_{\text{exact}}|` (leaves: the rounding of
the payoff; chance: the children's bounds plus the rounding of every product
and sum).  A decision is *certified* when the chosen child beats every other
by more than the sum of their bounds; where the margins cannot decide, the
children's values are recomputed exactly (rationals, along the choices already
certified below) and compared exactly.

**Ties.**  A node where the mover's best value is attained by two children
(exactly) is *tied*, and every node above a tie is *complex*: it has several
subgame-perfect continuations, and :mod:`escalation.solvers.spe_ties` lists them.  The pass
still gives each complex node one value (that of the lowest-numbered choices),
which nothing exact relies on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from ..games.level_order import Block, LevelTree
from ..games.structure import DECISION_CODE, TERMINAL_CODE
from .layers import Layer, layers
from .tree_numbers import TreeNumbers

__all__ = ["BasePass", "base_pass"]

_NO_MOVE = np.iinfo(np.int64).max
UNIT = 2.0**-53  # unit roundoff of float64
GUARD = 1 + 16 * UNIT  # covers the rounding of the bound computations themselves


@dataclass
class BasePass:
    """What the pass found, per node in level order.

    ``choice`` is the action number chosen at every decision node solved by
    one move (``-1`` elsewhere); ``complex`` marks nodes with a tie at or
    below them; ``exact`` holds exact values computed so far (by level
    position); ``layer_behaviour`` the equilibrium behaviour of each layer
    with a single equilibrium; ``layer_pending`` the layers left to
    :mod:`escalation.solvers.spe_ties`.
    """

    numbers: TreeNumbers
    value: np.ndarray
    error: np.ndarray | None
    choice: np.ndarray
    complex: np.ndarray
    exact: dict[int, tuple[Fraction, ...]] = field(default_factory=dict)
    layer_behaviour: dict[int, dict] = field(default_factory=dict)
    messages: list = field(default_factory=list)  # (node, text, kind): notes and ties of layers, in order
    used_normal_form: bool = False

    @property
    def tree(self) -> LevelTree:
        return self.numbers.tree

    def exact_value(self, v: int) -> tuple[Fraction, ...]:
        """The exact value of a node that is not complex, under the choices made below it."""
        if self.error is None:
            return tuple(Fraction(x) for x in self.value[v].tolist())
        if v not in self.exact:
            _fill_exact(self, v)
        return self.exact[v]


def base_pass(numbers: TreeNumbers, solve_layer) -> BasePass:
    """Run the pass; ``solve_layer(layer, values)`` gives the equilibria of a layer (see :mod:`.backward_induction`)."""
    tree = numbers.tree
    if numbers.payoff_int is not None and tree.perfect_information:
        value, error = numbers.payoff_int.copy(), None
    elif numbers.payoff_float is not None and numbers.prob_float is not None:
        value = numbers.payoff_float.copy()
        error = np.abs(value) * UNIT
    else:  # numbers beyond the range of floats: the same pass on exact rationals
        value, error = numbers.payoff.copy(), None
    state = BasePass(numbers, value, error, np.full(tree.size, -1, dtype=np.int64), np.zeros(tree.size, dtype=bool))
    heads = layers(tree)
    for block in tree.blocks(numbers.players):
        _level(state, block, heads, solve_layer)
    return state


def _level(state: BasePass, b: Block, heads: dict[int, Layer], solve_layer) -> None:
    tree = state.tree
    complex_below = np.logical_or.reduceat(state.complex[b.kid_lo:b.kid_hi], b.segments)
    single = tree.single_move[b.internal]
    decisions = single & b.decision
    if decisions.any():
        _decide(state, b, decisions, complex_below)
    chances = single & b.chance
    if chances.any():
        _average(state, b, chances)
        state.complex[b.internal[chances]] = complex_below[chances]
    if not single.all():
        for v in b.internal[~single & tree.subgame_root[b.internal]].tolist():
            _layer(state, heads[v], solve_layer)


def _decide(state: BasePass, b: Block, decisions: np.ndarray, complex_below: np.ndarray) -> None:
    tree, value = state.tree, state.value
    own = value[b.kid_lo:b.kid_hi].ravel().take(b.kid_own)
    best = np.maximum.reduceat(own, b.segments)
    is_best = own == best[b.kid_rank]
    first_best = np.minimum.reduceat(np.where(is_best, b.kid_move, _NO_MOVE), b.segments)
    if state.error is None:
        tied = np.add.reduceat(is_best, b.segments, dtype=np.int64) > 1
    else:
        tied = _uncertified(state, b, own, best, first_best)
    nodes = b.internal[decisions] if not decisions.all() else b.internal
    chosen = first_best[decisions] if not decisions.all() else first_best
    state.choice[nodes] = chosen
    exact_tie = tied[decisions] & ~complex_below[decisions]
    if state.error is not None and exact_tie.any():
        for k in np.flatnonzero(exact_tie).tolist():
            chosen[k], exact_tie[k] = _settle(state, int(nodes[k]))
        state.choice[nodes] = chosen
    state.complex[nodes] = complex_below[decisions] | exact_tie
    picked = tree.first_child[nodes] + chosen
    value[nodes] = value.take(picked, axis=0)
    if state.error is not None:
        state.error[nodes] = state.error.take(picked, axis=0)


def _uncertified(state: BasePass, b: Block, own, best, first_best) -> np.ndarray:
    """Decision nodes where the float margins do not certify the first best child as the unique best."""
    tree = state.tree
    assert state.error is not None  # the float pass
    error = state.error[b.kid_lo:b.kid_hi].ravel().take(b.kid_own)
    best_error = error[tree.first_child[b.internal] + first_best - b.kid_lo]
    margin = (best[b.kid_rank] - own) - (error + best_error[b.kid_rank]) * GUARD
    margin[b.kid_move == first_best[b.kid_rank]] = np.inf
    return np.minimum.reduceat(margin, b.segments) <= 0


def _settle(state: BasePass, v: int) -> tuple[int, bool]:
    """An uncertified decision settled exactly: the first best child and whether another ties with it."""
    tree = state.tree
    assert state.error is not None  # the float pass
    first, count = int(tree.first_child[v]), int(tree.child_count[v])
    mover = int(tree.player[v])
    best_float = state.value[first + int(state.choice[v]), mover]
    best_error = state.error[first + int(state.choice[v]), mover]
    candidates = [c for c in range(first, first + count)
                  if state.value[c, mover] + state.error[c, mover] * GUARD >= best_float - best_error * GUARD]
    exact = {c: state.exact_value(c)[mover] for c in candidates}
    top = max(exact.values())
    winners = [c - first for c in candidates if exact[c] == top]
    return winners[0], len(winners) > 1


def _average(state: BasePass, b: Block, chances: np.ndarray) -> None:
    numbers, value = state.numbers, state.value
    nodes = b.internal[chances]
    kids = slice(b.kid_lo, b.kid_hi)
    if state.error is None:  # exact rationals (object arrays)
        weighted = numbers.prob[kids][:, None] * value[kids]
        value[nodes] = np.add.reduceat(weighted, b.segments, axis=0)[chances]
        return
    assert numbers.prob_float is not None  # the float pass has float probabilities
    q = numbers.prob_float[kids][:, None]
    weighted = q * value[kids]
    value[nodes] = np.add.reduceat(weighted, b.segments, axis=0)[chances]
    size = b.counts[chances][:, None].astype(float)
    spread = np.add.reduceat(np.abs(weighted), b.segments, axis=0)[chances]
    inherited = np.add.reduceat(q * state.error[kids], b.segments, axis=0)[chances]
    state.error[nodes] = (inherited * (1 + (2 * size + 4) * UNIT) + (size + 3) * UNIT * spread) * GUARD


def _layer(state: BasePass, layer: Layer, solve_layer) -> None:
    """A layer whose boundary is solved: one equilibrium fixes its value, several make it complex."""
    v = layer.root
    state.used_normal_form = True
    if state.complex[list(layer.boundary)].any():
        state.complex[v] = True
        return
    found = solve_layer(layer, {u: state.exact_value(u) for u in layer.boundary})
    if len(found) != 1:
        state.complex[v] = True
        return
    behaviour, payoffs, notes, ties = found[0]
    state.messages.extend((v, text, "note") for text in notes)
    state.messages.extend((v, text, "tie") for text in ties)
    state.layer_behaviour[v] = behaviour
    state.exact[v] = payoffs
    _store(state, v, payoffs)


def _store(state: BasePass, v: int, payoffs: tuple[Fraction, ...]) -> None:
    if state.value.dtype == object:
        state.value[v] = payoffs
        return
    floats = np.array([float(x) for x in payoffs])
    state.value[v] = floats
    if state.error is not None:
        state.error[v] = np.abs(floats) * UNIT


def _fill_exact(state: BasePass, v: int) -> None:
    """Exact values of ``v`` and the nodes it depends on, following the choices made (no recursion)."""
    tree, numbers, exact = state.tree, state.numbers, state.exact
    stack = [(v, False)]
    while stack:
        u, ready = stack.pop()
        if u in exact:
            continue
        kind = tree.kind[u]
        first, count = int(tree.first_child[u]), int(tree.child_count[u])
        if kind == TERMINAL_CODE:
            exact[u] = numbers.leaf_value(u)
        elif kind == DECISION_CODE:
            c = first + int(state.choice[u])
            if c in exact:
                exact[u] = exact[c]
            else:
                stack.extend(((u, True), (c, False)))
        elif ready:
            kids = range(first, first + count)
            exact[u] = tuple(sum((Fraction(numbers.prob[c]) * exact[c][i] for c in kids), Fraction(0))
                             for i in range(numbers.players))
        else:
            stack.append((u, True))
            stack.extend((c, False) for c in range(first, first + count) if c not in exact)
