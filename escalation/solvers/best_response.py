r"""A player's best-response value in a region of a tree, in one pass (perfect recall).

Fix everyone's behaviour but player :math:`i`'s.  In a region below node
:math:`r` (a subgame, or a layer of one with its boundary subgames valued),
let :math:`\rho(x)` be the probability that chance and the other players
lead from :math:`r` to :math:`x`, and :math:`\sigma(x)` the last own move
:math:`(h, a)` of :math:`i` on the way (:math:`\emptyset` if none).  With
perfect recall every node of an information set :math:`h` has the same
:math:`\sigma`, so the best response decomposes over :math:`i`'s
information sets, deepest first:

.. math:: W(h, a) = \sum_{z:\, \sigma(z) = (h, a)} \rho(z)\, u_i(z) + \sum_{h':\, \sigma(h') = (h, a)} \mathrm{BR}(h'),
   \qquad \mathrm{BR}(h) = \max_a W(h, a),

and the best-response value at :math:`r` is :math:`W(\emptyset)`, the same sum
for the empty sequence.  This is linear in the size of the region; the
player's plans are enumerated only when it forgets its own moves (imperfect
recall), where the decomposition fails.

>>> from escalation.games import ExtensiveFormGame, decision, outcome
>>> from escalation.solvers.tree_profile import compiled_profile, exact_values
>>> from escalation.solvers.layers import Layer
>>> g = ExtensiveFormGame(("A", "B"), decision("A", {
...     "x": decision("B", {"l": outcome(None, (2, 0)), "r": outcome(None, (0, 2))}, infoset="B?"),
...     "y": decision("B", {"l": outcome(None, (0, 1)), "r": outcome(None, (3, 0))}, infoset="B?")}))
>>> p = compiled_profile(g, {"root": {"x": 1, "y": 0}, "B?": {"l": "1/2", "r": "1/2"}})
>>> region = Layer(0, (0, 1, 2), (3, 4, 5, 6))
>>> str(best_response(p, exact_values(p), region, 0)), str(best_response(p, exact_values(p), region, 1))
('3/2', '2')
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np

from ..errors import SolverError
from ..games.structure import DECISION_CODE
from .layers import Layer
from .tree_profile import CompiledProfile

__all__ = ["MAX_PLANS", "best_response"]

MAX_PLANS = 100_000


def best_response(profile: CompiledProfile, values: np.ndarray, region: Layer, player: int) -> Fraction:
    """The highest value ``player`` can get at ``region.root`` against the others' behaviour in ``profile``.

    ``values`` are the exact values under ``profile`` (boundary nodes are valued by them).
    """
    tree = profile.tree
    rho = {region.root: Fraction(1)}
    seq: dict[int, tuple | None] = {region.root: None}
    bucket: dict[tuple | None, Fraction] = {None: Fraction(0)}
    parent_of: dict[int, tuple | None] = {}  # own information set -> its sequence
    depth_of: dict[int, int] = {}
    boundary = set(region.boundary)
    for u in region.inner:  # pre-order: a node's weights are known before its children's
        first, count = int(tree.first_child[u]), int(tree.child_count[u])
        own = tree.kind[u] == DECISION_CODE and tree.player[u] == player
        if own:
            h = int(tree.infoset[u])
            if parent_of.setdefault(h, seq[u]) != seq[u]:
                return _enumerated(profile, values, region, player)
            depth_of[h] = min(depth_of.get(h, u), u)
        for c in range(first, first + count):
            if own:
                rho[c], seq[c] = rho[u], (h, int(tree.move[c]))
            else:
                q = profile.action_probability(c)
                rho[c], seq[c] = rho[u] * Fraction(q), seq[u]
            if c in boundary and rho[c]:
                bucket[seq[c]] = bucket.get(seq[c], Fraction(0)) + rho[c] * Fraction(values[c, player])
    for h in sorted(parent_of, key=depth_of.__getitem__, reverse=True):  # later information sets first
        node = int(tree.position[tree.arrays.infoset_first()[h]])
        moves = range(int(tree.child_count[node]))
        best = max(bucket.get((h, k), Fraction(0)) for k in moves)
        up = parent_of[h]
        bucket[up] = bucket.get(up, Fraction(0)) + best
    return bucket[None]


def _enumerated(profile: CompiledProfile, values: np.ndarray, region: Layer, player: int) -> Fraction:
    """The best response by trying every pure plan of ``player`` in the region (imperfect recall)."""
    tree = profile.tree
    own = sorted({int(tree.infoset[u]) for u in region.inner
                  if tree.kind[u] == DECISION_CODE and tree.player[u] == player})
    sizes = [int(tree.child_count[tree.position[tree.arrays.infoset_first()[h]]]) for h in own]
    count = 1
    for s in sizes:
        count *= s
    if count > MAX_PLANS:
        raise SolverError(f"more than {MAX_PLANS} plans to check for a player who forgets its own moves")
    best = None
    for plan in itertools.product(*(range(s) for s in sizes)):
        chosen = dict(zip(own, plan, strict=True))
        value = _plan_value(profile, values, region, player, chosen)
        best = value if best is None or value > best else best
    return best if best is not None else Fraction(values[region.root, player])


def _plan_value(profile: CompiledProfile, values: np.ndarray, region: Layer, player: int, chosen: dict) -> Fraction:
    tree = profile.tree
    boundary = set(region.boundary)
    total, stack = Fraction(0), [(region.root, Fraction(1))]
    while stack:
        u, p = stack.pop()
        if u in boundary:
            total += p * Fraction(values[u, player])
            continue
        first, count = int(tree.first_child[u]), int(tree.child_count[u])
        if tree.kind[u] == DECISION_CODE and tree.player[u] == player:
            stack.append((first + chosen[int(tree.infoset[u])], p))
            continue
        for c in range(first, first + count):
            q = profile.action_probability(c)
            if q:
                stack.append((c, p * Fraction(q)))
    return total
