r"""Every subgame-perfect equilibrium where movers are indifferent.

The bottom-up pass (:mod:`.spe_pass`) settles every node without a tie
below it.  Above a tie the subgame has several subgame-perfect continuations,
and each must be listed: at a *complex* node the continuations of its
children are combined (one from each child), and for each combination

- a decision keeps every action whose continuation value for the mover is
  the highest (exactly), reporting the tie when there are several;
- a chance node averages;
- a layer is solved as a normal form with its boundary valued by the
  combination.

Only complex nodes are visited, children before parents (in post-order, as
a recursive solver would meet them); a child that is not complex has exactly
one continuation, the pass's.  A continuation is stored as the choices made
at complex nodes plus links to its children's continuations, so a long chain
of ties costs time linear in its length.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from ..errors import SolverError
from ..games.structure import CHANCE_CODE
from .layers import layers
from .spe_pass import BasePass

__all__ = ["Continuation", "continuations", "flatten"]


@dataclass(frozen=True)
class Continuation:
    """One subgame-perfect continuation: its own choice (or layer behaviour), its children's, its value."""

    values: tuple[Fraction, ...]
    choice: tuple[int, int] | None = None
    layer: tuple[int, dict] | None = None
    parts: tuple[Continuation, ...] = ()


def continuations(state: BasePass, solve_layer, limit: int, player_names) -> list[Continuation]:
    """Every subgame-perfect continuation at the root (one if the root is not complex)."""
    tree = state.tree
    if not state.complex[0]:
        return [Continuation(state.exact_value(0))]
    heads = layers(tree)
    found: dict[int, list[Continuation]] = {}
    for v in _post_order(state):
        children = heads[v].boundary if v in heads else range(int(tree.first_child[v]),
                                                               int(tree.first_child[v] + tree.child_count[v]))
        options = [found.pop(c) if c in found else [Continuation(state.exact_value(c))] for c in children]
        _check_count(state, options, limit)
        if v in heads:
            found[v] = _layer(state, v, tuple(children), options, solve_layer)
        elif tree.kind[v] == CHANCE_CODE:
            found[v] = [_average(state, v, combo) for combo in itertools.product(*options)]
        else:
            found[v] = _decide(state, v, options, player_names)
    return found[0]


def _post_order(state: BasePass) -> list[int]:
    """The complex nodes, children before parents and left before right."""
    tree = state.tree
    a = tree.arrays
    nodes = np.flatnonzero(state.complex)
    pre = tree.pre[nodes]
    rank = pre + a.subtree_size[pre] - a.depth[pre]  # the position in post-order
    return nodes[np.argsort(rank)].tolist()


def _check_count(state: BasePass, options: list[list[Continuation]], limit: int) -> None:
    count = 1
    for o in options:
        count *= len(o)
    if count > limit:
        ties = [text for _, text, kind in state.messages if kind == "tie"][:3]
        raise SolverError(f"more than {limit} subgame-perfect equilibria (ties multiply them); "
                          f"raise max_equilibria or perturb the tied payoffs: {ties}")


def _decide(state: BasePass, v: int, options: list[list[Continuation]], player_names) -> list[Continuation]:
    tree = state.tree
    mover = int(tree.player[v])
    a = tree.arrays
    node = int(tree.pre[v])
    actions = a.actions_of(node)
    out: list[Continuation] = []
    for combo in itertools.product(*options):
        own = [c.values[mover] for c in combo]
        best = max(own)
        winners = [k for k, x in enumerate(own) if x == best]
        if len(winners) > 1:
            state.messages.append((v, f"{player_names[mover]} is indifferent at node {a.path_of(node)} between "
                                      + ", ".join(repr(actions[k]) for k in winners), "tie"))
        out.extend(Continuation(combo[k].values, (v, k), None, combo) for k in winners)
    return out


def _average(state: BasePass, v: int, combo: tuple[Continuation, ...]) -> Continuation:
    tree, numbers = state.tree, state.numbers
    first = int(tree.first_child[v])
    probs = [Fraction(numbers.prob[first + k]) for k in range(len(combo))]
    values = tuple(sum((p * c.values[i] for p, c in zip(probs, combo, strict=True)), Fraction(0))
                   for i in range(numbers.players))
    return Continuation(values, None, None, combo)


def _layer(state: BasePass, v: int, boundary: tuple[int, ...], options, solve_layer) -> list[Continuation]:
    heads = layers(state.tree)
    out = []
    for combo in itertools.product(*options):
        values = {u: c.values for u, c in zip(boundary, combo, strict=True)}
        for behaviour, payoffs, notes, ties in solve_layer(heads[v], values):
            state.messages.extend((v, text, "note") for text in notes)
            state.messages.extend((v, text, "tie") for text in ties)
            out.append(Continuation(payoffs, None, (v, behaviour), combo))
    return out


def flatten(top: Continuation) -> tuple[dict[int, int], dict]:
    """The choices (level position -> action number) and layer behaviours of a continuation and all its parts."""
    choices: dict[int, int] = {}
    behaviour: dict = {}
    stack = [top]
    while stack:
        c = stack.pop()
        if c.choice is not None:
            choices[c.choice[0]] = c.choice[1]
        if c.layer is not None:
            behaviour.update(c.layer[1])
        stack.extend(c.parts)
    return choices, behaviour

