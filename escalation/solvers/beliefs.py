r"""Beliefs at information sets: Bayes' rule along each player's own information sets.

An *assessment* is a behaviour profile :math:`b` with beliefs :math:`\mu`: at
every information set :math:`h` a distribution over its nodes.  Write
:math:`\pi_{-i}(y \to x)` for the probability of the path from :math:`y` to
:math:`x` counting chance's and the other players' moves but not player
:math:`i`'s own.  For an information set :math:`h` of player :math:`i` whose
nodes follow :math:`i`'s earlier information set :math:`h'` and action
:math:`a` (with perfect recall every node of :math:`h` does), the *Bayes
weights* are

.. math:: \omega_h(x) = \mu_{h'}(y_x)\, \pi_{-i}(y_x a \to x),

:math:`y_x` the node of :math:`h'` above :math:`x`; at a player's first
information set, :math:`\omega_h(x) = \pi_{-i}(\text{root} \to x)`.  Where
:math:`\sum_{x \in h} \omega_h(x) > 0`, Bayes' rule fixes
:math:`\mu_h = \omega_h / \sum \omega_h`: on the path this is ordinary Bayes'
rule, after a player's own deviation it ignores that deviation, and after an
off-path belief it updates that belief (the player's beliefs are
*pre-consistent*, Hendon, Jacobsen & Sloth 1996 [M]).  Where the sum is zero
some other player has made a move of probability zero: the information set is
*off the path* and its belief is set by an off-path rule
(:mod:`escalation.solvers.pbe.offpath`).  The ``"prior"`` rule counts those
zero-probability moves as if they had probability one, among the nodes that
need the fewest of them (a node reached only through more deviations keeps
weight zero).

>>> from escalation.games import ExtensiveFormGame, chance, decision, outcome
>>> def sender(u_fight, r_fight):
...     respond = decision("Receiver", {"Yield": outcome("yield", (2, 0)),
...                                     "Fight": outcome("fight", (u_fight, r_fight))}, infoset="after signal")
...     return decision("Sender", {"Quiet": outcome("quiet", (0, 1)), "Signal": respond})
>>> game = ExtensiveFormGame(("Sender", "Receiver"), chance({
...     "tough": ("1/3", sender(-1, -1)), "weak": ("2/3", sender(-2, 1))}))
>>> quiet = {"root/tough": {"Quiet": 1}, "root/weak": {"Quiet": 1}, "after signal": {"Fight": 1}}
>>> bayes_weights(game, quiet, {}, "after signal")   # nobody signals: off the path
{'root/tough/Signal': Fraction(0, 1), 'root/weak/Signal': Fraction(0, 1)}
>>> {x: str(p) for x, p in prior_belief(game, quiet, {}, "after signal").items()}
{'root/tough/Signal': '1/3', 'root/weak/Signal': '2/3'}
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from ..games.tree import CHANCE, ExtensiveFormGame
from ..numbers import as_fraction
from .evaluation import continuation_values, fraction_profile, moves, reach, subtree_value

__all__ = [
    "bayes_weights",
    "continuation_values",
    "fraction_beliefs",
    "fraction_profile",
    "previous_own",
    "prior_belief",
    "reach",
    "single_deviation_weight",
    "subtree_value",
]

Profile = Mapping[str, Mapping[str, Fraction]]
Beliefs = dict[str, dict[str, Fraction]]


def fraction_beliefs(beliefs: Mapping[str, Mapping[str, Any]] | None) -> Beliefs:
    """Beliefs ``{infoset: {node path: probability}}`` as exact fractions (no checks)."""
    return {h: {x: as_fraction(p) for x, p in mu.items()} for h, mu in (beliefs or {}).items()}


def previous_own(game: ExtensiveFormGame, label: str) -> tuple[str, str] | None:
    """The owner's last information set and action before ``label`` (None at its first one)."""
    h = game.infosets[label]
    node = game.nodes[h.nodes[0]]
    for earlier, action in reversed(node.history):
        if game.infosets[earlier].player == h.player:
            return earlier, action
    return None


def _path_weight(game: ExtensiveFormGame, b: Profile, x: int, stop: int | None, player: int,
                 zero_as_one: bool) -> tuple[Fraction, int]:
    """Probability of the path from node ``stop`` (exclusive; root if None) down to ``x``, without ``player``'s
    moves, and the number of other players' zero-probability moves on it (counted as one if ``zero_as_one``)."""
    weight, node, zeros = Fraction(1), game.nodes[x], 0
    while node.parent is not None and node.parent != stop:
        parent = game.nodes[node.parent]
        k = parent.actions.index(node.action)
        if parent.kind == CHANCE:
            weight *= as_fraction(parent.probabilities[k])
        elif parent.player != player:
            assert parent.infoset is not None
            assert node.action is not None
            p = b[parent.infoset][node.action]
            if p == 0:
                zeros += 1
            weight *= Fraction(1) if (zero_as_one and p == 0) else p
        node = parent
    return weight, zeros


def _anchor(game: ExtensiveFormGame, x: int, previous: str) -> int:
    """The node of information set ``previous`` above ``x``."""
    members = set(game.infosets[previous].nodes)
    node = game.nodes[x]
    while node.parent is not None:
        if node.parent in members:
            return node.parent
        node = game.nodes[node.parent]
    raise AssertionError(f"{previous} is not above node {game.nodes[x].path}")


def bayes_weights(game: ExtensiveFormGame, profile: Any, beliefs: Mapping[str, Mapping[str, Any]],
                  label: str, zero_as_one: bool = False, *, exact: bool = False) -> dict[str, Fraction]:
    """The weights :math:`\\omega_h(x)` of the module docstring (all zero: off the path).

    ``beliefs`` must hold the owner's beliefs at its earlier information sets
    with several nodes; ``zero_as_one`` counts other players' moves of
    probability zero as one (the ``"prior"`` rule).  ``exact=True`` says that
    ``profile`` already comes from :func:`fraction_profile` (it is not
    checked again: the verifier calls this once per information set).
    """
    b = profile if exact or _is_fraction_profile(profile) else fraction_profile(game, profile)
    h = game.infosets[label]
    prev = previous_own(game, label)
    out, zeros = {}, {}
    for x in h.nodes:
        path = game.nodes[x].path
        if prev is None:
            out[path], zeros[path] = _path_weight(game, b, x, None, h.player, zero_as_one)
            continue
        y = _anchor(game, x, prev[0])
        before = beliefs.get(prev[0], {}).get(game.nodes[y].path)
        if before is None:
            before = Fraction(1) if len(game.infosets[prev[0]].nodes) == 1 else Fraction(0)
        weight, zeros[path] = _path_weight(game, b, x, y, h.player, zero_as_one)
        out[path] = as_fraction(before) * weight
    if zero_as_one:  # the fewest deviations: nodes reached only through more of them keep weight zero
        fewest = min((zeros[p] for p, w in out.items() if w > 0), default=0)
        out = {p: (w if zeros[p] == fewest else Fraction(0)) for p, w in out.items()}
    return out


def single_deviation_weight(game: ExtensiveFormGame, profile: Any, beliefs: Mapping[str, Mapping[str, Any]],
                            label: str, x: int, *, exact: bool = False) -> tuple[tuple[str, str], Fraction] | None:
    """For node ``x`` of ``label`` reached through exactly one other player's move of probability zero since
    the owner's previous information set: ``((that move's information set, action), weight)``, the weight
    counting that move as one; None otherwise.  ``exact`` as in :func:`bayes_weights`."""
    b = profile if exact or _is_fraction_profile(profile) else fraction_profile(game, profile)
    h = game.infosets[label]
    prev = previous_own(game, label)
    stop = _anchor(game, x, prev[0]) if prev is not None else None
    zeros: list[tuple[str, str]] = []
    node = game.nodes[x]
    while node.parent is not None and node.parent != stop:
        parent = game.nodes[node.parent]
        if parent.kind != CHANCE and parent.player != h.player:
            assert parent.infoset is not None
            assert node.action is not None
            if b[parent.infoset][node.action] == 0:
                zeros.append((parent.infoset, node.action))
        node = parent
    if len(zeros) != 1:
        return None
    before = Fraction(1)
    if prev is not None:
        assert stop is not None  # the node of the owner's previous information set above x
        given = beliefs.get(prev[0], {}).get(game.nodes[stop].path)
        before = Fraction(1) if given is None and len(game.infosets[prev[0]].nodes) == 1 else as_fraction(
            given or 0)
    weight, _ = _path_weight(game, b, x, stop, h.player, zero_as_one=True)
    return zeros[0], before * weight


def prior_belief(game: ExtensiveFormGame, profile: Any, beliefs: Mapping[str, Mapping[str, Any]],
                 label: str) -> dict[str, Fraction] | None:
    """The ``"prior"`` off-path belief at ``label``: Bayes' rule with zero-probability moves counted as one."""
    w = bayes_weights(game, profile, beliefs, label, zero_as_one=True)
    total = sum(w.values(), Fraction(0))
    return None if total == 0 else {x: v / total for x, v in w.items()}


def _is_fraction_profile(profile: Any) -> bool:
    return isinstance(profile, dict) and all(
        isinstance(p, Fraction) for acts in profile.values() for p in acts.values())


__all__ += ["moves"]
