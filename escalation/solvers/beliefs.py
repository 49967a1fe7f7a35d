r"""Beliefs at information sets: Bayes' rule on the path, and rules off it.

An *assessment* is a behaviour profile :math:`b` together with beliefs
:math:`\mu`: at every information set :math:`h` a distribution over its nodes.
Where :math:`b` reaches :math:`h`, Bayes' rule fixes the beliefs,

.. math:: \mu_h(x) = \frac{P_b(x)}{\sum_{x' \in h} P_b(x')}.

*Bayes' rule where possible.*  If the owner :math:`i` of :math:`h` reaches it
only through her own deviation, that deviation tells her nothing about the
others.  With perfect recall her own moves to every node of :math:`h` are the
same, so :math:`\mu_h(x) \propto P^{-i}_b(x)`, the reach probability with
:math:`i`'s own moves counted as one.

Where even :math:`P^{-i}_b(h) = 0` the information set is *off the path* and
the beliefs there are a modelling choice, the ``offpath`` rule:

``"free"``
    any distribution;
``"prior"``
    proportional to chance's probabilities on the path to each node (the
    deviation itself is ignored);
``"D1"``
    the D1 criterion (Cho & Kreps 1987; Banks & Sobel 1987).  The nodes of
    :math:`h` follow one deviation, the same action :math:`m` of one sender
    at several of its information sets, its *types* :math:`t`.  The responses
    considered are the receiver's behaviours at its first information sets
    after :math:`m` that are best replies to some belief over the types.  A
    type :math:`t` is ruled out when another type :math:`t'` gains strictly
    from :math:`m` under every response under which :math:`t` gains weakly;
    beliefs put no weight on ruled-out types (if every type is ruled out, the
    criterion says nothing).

A signalling game: a tough or a weak sender may signal; the receiver fights
a signal when the sender is weak with probability at least 1/2.  Fighting
costs the weak type more (-2) than the tough one (-1), against 0 for staying
quiet and 2 if the receiver yields.

>>> from escalation.games import ExtensiveFormGame, chance, decision, outcome
>>> def sender(u_fight, r_fight):
...     respond = decision("Receiver", {"Yield": outcome("yield", (2, 0)),
...                                     "Fight": outcome("fight", (u_fight, r_fight))}, infoset="after signal")
...     return decision("Sender", {"Quiet": outcome("quiet", (0, 1)), "Signal": respond})
>>> game = ExtensiveFormGame(("Sender", "Receiver"), chance({
...     "tough": ("1/3", sender(-1, -1)), "weak": ("2/3", sender(-2, 1))}))
>>> quiet = {"root/tough": {"Quiet": 1}, "root/weak": {"Quiet": 1}, "after signal": {"Fight": 1}}
>>> {x: str(p) for x, p in prior_belief(game, "after signal").items()}
{'root/tough/Signal': '1/3', 'root/weak/Signal': '2/3'}

The weak type gains from signalling only if the receiver fights with
probability at most 1/2, the tough type whenever it fights with probability
below 2/3; so D1 rules the weak type out and the signal must come from the
tough type:

>>> d1 = d1_restriction(game, quiet, {}, "after signal")
>>> d1.surviving, dict(d1.eliminated)
(('root/tough',), {'root/weak': 'root/tough'})
>>> {x: str(p) for x, p in complete_beliefs(game, quiet, "D1")["after signal"].items()}
{'root/tough/Signal': '1', 'root/weak/Signal': '0'}
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..errors import SolverError
from ..games.tree import CHANCE, DECISION, TERMINAL, ExtensiveFormGame
from ..numbers import as_fraction
from .evaluation import _numbers, continuation_values, fraction_profile, moves, reach, subtree_value

__all__ = [
    "OFFPATH_RULES",
    "D1Restriction",
    "bayes_belief",
    "bayes_beliefs",
    "complete_beliefs",
    "continuation_values",
    "d1_restriction",
    "fraction_beliefs",
    "fraction_profile",
    "prior_belief",
    "reach",
    "subtree_value",
]

OFFPATH_RULES = ("D1", "prior", "free")

Profile = dict[str, dict[str, Fraction]]  # as in .evaluation
Beliefs = dict[str, dict[str, Fraction]]


def fraction_beliefs(beliefs: Mapping[str, Mapping[str, Any]] | None) -> Beliefs:
    """Beliefs ``{infoset: {node path: probability}}`` as exact fractions (no checks)."""
    return {h: {x: as_fraction(p) for x, p in mu.items()} for h, mu in (beliefs or {}).items()}


def _normalised(weights: Mapping[str, Fraction]) -> dict[str, Fraction] | None:
    total = sum(weights.values(), Fraction(0))
    return None if total == 0 else {x: w / total for x, w in weights.items()}


# --- Bayes' rule and the prior ------------------------------------------------------------------

def bayes_beliefs(game: ExtensiveFormGame, b: Profile,
                  where_possible: bool = True) -> dict[str, tuple[dict[str, Fraction] | None, str]]:
    """:func:`bayes_belief` at every information set with several nodes (reach computed once)."""
    on_path = reach(game, b)
    discounted: dict[int, list[Fraction]] = {}
    out = {}
    for label, h in game.infosets.items():
        if len(h.nodes) == 1:
            continue
        belief = _normalised({game.nodes[x].path: on_path[x] for x in h.nodes})
        if belief is not None:
            out[label] = (belief, "path")
            continue
        if where_possible and game.has_perfect_recall:
            if h.player not in discounted:
                discounted[h.player] = reach(game, b, discount=h.player)
            own = _normalised({game.nodes[x].path: discounted[h.player][x] for x in h.nodes})
            if own is not None:
                out[label] = (own, "own deviation")
                continue
        out[label] = (None, "off path")
    return out


def bayes_belief(game: ExtensiveFormGame, b: Profile, infoset: str,
                 where_possible: bool = True) -> tuple[dict[str, Fraction] | None, str]:
    """The belief Bayes' rule gives at ``infoset`` and on what grounds.

    Returns ``(belief, "path")`` when ``b`` reaches the information set,
    ``(belief, "own deviation")`` when only its owner's own moves keep it off
    the path (and ``where_possible``; needs perfect recall), else
    ``(None, "off path")``.
    """
    if len(game.infosets[infoset].nodes) == 1:
        return {game.nodes[game.infosets[infoset].nodes[0]].path: Fraction(1)}, "path"
    return bayes_beliefs(game, b, where_possible)[infoset]


def _chance_weight(game: ExtensiveFormGame, index: int) -> Fraction:
    weight, node = Fraction(1), game.nodes[index]
    while node.parent is not None:
        parent = game.nodes[node.parent]
        if parent.kind == CHANCE:
            weight *= _numbers(game)[0][parent.index][parent.actions.index(node.action)]
        node = parent
    return weight


def prior_belief(game: ExtensiveFormGame, infoset: str) -> dict[str, Fraction] | None:
    """Beliefs proportional to chance's probabilities on the path to each node (None if all zero)."""
    return _normalised({game.nodes[x].path: _chance_weight(game, x) for x in game.infosets[infoset].nodes})


# --- the D1 criterion ---------------------------------------------------------------------------

@dataclass(frozen=True)
class D1Restriction:
    """What the D1 criterion allows at one off-path information set.

    Attributes
    ----------
    infoset, sender, message : str
        The information set, the player whose deviation leads there, and the deviating action.
    types : mapping
        Each sender information set (type) that can send ``message`` -> the
        nodes (paths) of ``infoset`` it leads to.
    weights : mapping
        Node path -> probability of that node given that its type sent the message.
    type_prior : mapping
        Type -> chance's probability of reaching it.
    node_prior : mapping
        Node path -> the prior belief (chance's probabilities), used where no surviving type reaches the set.
    eliminated : mapping
        Ruled-out type -> a type that gains whenever it does.
    """

    infoset: str
    sender: str
    message: str
    types: Mapping[str, tuple[str, ...]]
    weights: Mapping[str, Fraction]
    type_prior: Mapping[str, Fraction]
    node_prior: Mapping[str, Fraction]
    eliminated: Mapping[str, str]

    @property
    def surviving(self) -> tuple[str, ...]:
        """Types the belief may weight (all of them when D1 rules out every type)."""
        alive = tuple(t for t in self.types if t not in self.eliminated)
        return alive or tuple(self.types)

    def _reached(self) -> bool:
        """Whether some surviving type's deviation reaches the information set with positive probability."""
        return any(self.weights[x] > 0 for t in self.surviving for x in self.types[t])

    def belief(self) -> dict[str, Fraction]:
        """A belief D1 allows: surviving types weighted by their prior, nodes by ``weights``.

        If no surviving type's deviation reaches the information set, D1 says
        nothing there and the prior (chance's probabilities) is returned.
        """
        if not self._reached():
            return dict(self.node_prior)
        raw = {x: (self.type_prior[t] if t in self.surviving else Fraction(0)) * self.weights[x]
               for t, nodes in self.types.items() for x in nodes}
        out = _normalised(raw)
        if out is None:
            raw = {x: Fraction(int(t in self.surviving)) * self.weights[x]
                   for t, nodes in self.types.items() for x in nodes}
            out = _normalised(raw)
        return out

    def problem(self, belief: Mapping[str, Fraction]) -> str | None:
        """Why ``belief`` breaks D1, or None when D1 allows it."""
        if not self._reached():
            return None
        for t, nodes in self.types.items():
            if t in self.surviving:
                continue
            for x in nodes:
                if belief.get(x, 0) > 0:
                    return (f"D1 rules out type {t!r} (type {self.eliminated[t]!r} gains from "
                            f"{self.message!r} whenever it does) but node {x} has belief {belief[x]}")
        for t, nodes in self.types.items():
            for x, y in itertools.combinations(nodes, 2):
                if belief.get(x, 0) * self.weights[y] != belief.get(y, 0) * self.weights[x]:
                    return f"beliefs on nodes {x} and {y} of type {t!r} are not in proportion to their probabilities"
        return None


def d1_restriction(game: ExtensiveFormGame, profile: Any, beliefs: Mapping[str, Mapping[str, Any]] | None,
                   infoset: str) -> D1Restriction:
    """The D1 restriction at the off-path information set ``infoset``.

    ``beliefs`` must hold the sender's beliefs at its own information sets
    with several nodes.  Raises :class:`~escalation.errors.SolverError` where
    D1 is not implemented: more than one deviation on the way to a node,
    deviations by several players or with different actions, receiver moves
    with more than two actions that are not fixed, or more than two types
    facing several receiver information sets.
    """
    b = profile if _is_fraction_profile(profile) else fraction_profile(game, profile)
    mu = fraction_beliefs(beliefs)
    h = game.infosets[infoset]
    if not game.has_perfect_recall:
        raise SolverError(f"D1 at information set {infoset!r} needs a game with perfect recall")
    deviations = {x: _single_deviation(game, b, x, h.player, infoset) for x in h.nodes}
    senders = {game.nodes[y].player for y, _ in deviations.values()}
    messages = {a for _, a in deviations.values()}
    if len(senders) != 1 or len(messages) != 1:
        raise SolverError(f"D1 at information set {infoset!r}: its nodes follow deviations by different players "
                          "or with different actions")
    sender, message = senders.pop(), messages.pop()
    types = list(dict.fromkeys(game.nodes[y].infoset for y, _ in deviations.values()))
    ctx = _D1Context(game, b, mu, h.player, sender, message, types, infoset)
    return ctx.restriction()


def _is_fraction_profile(profile: Any) -> bool:
    return isinstance(profile, dict) and all(
        isinstance(p, Fraction) for acts in profile.values() for p in acts.values())


def _single_deviation(game: ExtensiveFormGame, b: Profile, x: int, receiver: int, infoset: str) -> tuple[int, str]:
    found, node = [], game.nodes[x]
    while node.parent is not None:
        parent = game.nodes[node.parent]
        if parent.kind == CHANCE and as_fraction(parent.probabilities[parent.actions.index(node.action)]) == 0:
            raise SolverError(f"D1 at information set {infoset!r}: node {game.nodes[x].path} follows a chance "
                              "move of probability zero")
        if parent.kind == DECISION and parent.player != receiver and b[parent.infoset][node.action] == 0:
            found.append((parent.index, node.action))
        node = parent
    if len(found) != 1:
        raise SolverError(f"D1 at information set {infoset!r}: node {game.nodes[x].path} follows "
                          f"{len(found)} deviations; D1 is implemented for a single deviation")
    return found[0]


@dataclass
class _D1Context:
    game: ExtensiveFormGame
    b: Profile
    mu: Beliefs
    receiver: int
    sender: int
    message: str
    types: list[str]
    infoset: str

    def own_belief(self, t: str, y: int) -> Fraction:
        info = self.game.infosets[t]
        if len(info.nodes) == 1:
            return Fraction(1)
        if t not in self.mu:
            raise SolverError(f"D1 at information set {self.infoset!r} needs the sender's beliefs at {t!r}")
        return self.mu[t].get(self.game.nodes[y].path, Fraction(0))

    def first_receiver_nodes(self) -> dict[int, tuple[str, Fraction]]:
        """Receiver nodes first reached after the message: node -> (type, probability given the type)."""
        found: dict[int, tuple[str, Fraction]] = {}
        for t in self.types:
            for y in self.game.infosets[t].nodes:
                start = self.game.nodes[y].children[self.game.nodes[y].actions.index(self.message)]
                stack = [(start, self.own_belief(t, y))]
                while stack:
                    v, w = stack.pop()
                    node = self.game.nodes[v]
                    if node.kind == DECISION and node.player == self.receiver:
                        found[v] = (t, w)
                    elif node.kind != TERMINAL:
                        stack.extend(zip(node.children, (w * p for p in moves(self.game, v, self.b)), strict=True))
        return found

    def restriction(self) -> D1Restriction:
        game = self.game
        first = self.first_receiver_nodes()
        receivers = list(dict.fromkeys(game.nodes[z].infoset for z in first))
        if self.infoset not in receivers:
            raise SolverError(f"D1 at information set {self.infoset!r}: implemented only for the receiver's first "
                              "move after the deviation")
        for label in receivers:
            stray = [z for z in game.infosets[label].nodes if z not in first]
            if stray:
                raise SolverError(f"D1 at information set {self.infoset!r}: receiver information set {label!r} also "
                                  f"contains node {game.nodes[stray[0]].path}, which the deviation does not lead to")
        values = continuation_values(game, self.b)
        fixed, free = self.response_space(first, receivers, values)
        boxes = self.boxes(first, free, values)
        gains = {t: self.gain_function(t, fixed, free, values) for t in self.types}
        eliminated = {}
        for t in self.types:
            for other in self.types:
                if other != t and all(_always_gains(box, gains[t], gains[other]) for box in boxes):
                    eliminated[t] = other
                    break
        h = game.infosets[self.infoset]
        nodes = {t: tuple(game.nodes[z].path for z in h.nodes if first[z][0] == t) for t in self.types}
        return D1Restriction(
            infoset=self.infoset, sender=game.players[self.sender], message=self.message, types=nodes,
            weights={game.nodes[z].path: first[z][1] for z in h.nodes},
            type_prior={t: sum((_chance_weight(game, y) for y in game.infosets[t].nodes), Fraction(0))
                        for t in self.types},
            node_prior=prior_belief(game, self.infoset) or {},
            eliminated=eliminated,
        )

    def type_payoffs(self, first, label: str, values) -> dict[str, list[Fraction]]:
        """Receiver's (unnormalised) payoff of each action at ``label`` given each type sent the message."""
        game, info = self.game, self.game.infosets[label]
        out = {t: [Fraction(0)] * len(info.actions) for t in self.types}
        for z in info.nodes:
            t, w = first[z]
            for k, child in enumerate(game.nodes[z].children):
                out[t][k] += w * values[child][self.receiver]
        return out

    def response_space(self, first, receivers, values) -> tuple[dict[str, str], list[str]]:
        """Receiver information sets whose reply is the same for every belief, and the free ones."""
        fixed, free = {}, []
        for label in receivers:
            payoffs = self.type_payoffs(first, label, values)
            actions = self.game.infosets[label].actions
            best = {_strict_best(u) for u in payoffs.values()}
            if len(best) == 1 and None not in best:
                fixed[label] = actions[best.pop()]
            elif len(actions) == 2:
                free.append(label)
            else:
                raise SolverError(f"D1 at information set {self.infoset!r}: receiver information set {label!r} "
                                  "has more than two actions and no reply that is best for every belief")
        return fixed, free

    def boxes(self, first, free: list[str], values) -> list[tuple[tuple[Fraction, Fraction], ...]]:
        """The receiver's best replies to all beliefs over types, as boxes of P(second action)."""
        if not free:
            return [()]
        diffs = {label: {t: u[1] - u[0] for t, u in self.type_payoffs(first, label, values).items()}
                 for label in free}
        if len(self.types) > 2:
            if len(free) > 1:
                raise SolverError(f"D1 at information set {self.infoset!r}: more than two types facing several "
                                  "receiver information sets is not implemented")
            return [((Fraction(0), Fraction(1)),)]
        if len(self.types) < 2:
            raise SolverError(f"D1 at information set {self.infoset!r}: the deviation reaches the receiver from a "
                              "single type, so D1 has nothing to compare; use offpath='prior' or 'free'")
        t0, t1 = self.types
        cuts = {Fraction(0), Fraction(1)}
        for d in diffs.values():
            if d[t0] != d[t1]:
                r = d[t1] / (d[t1] - d[t0])
                if 0 <= r <= 1:
                    cuts.add(r)
        points = sorted(cuts)
        samples = points + [(a + c) / 2 for a, c in itertools.pairwise(points)]
        boxes = []
        for r in samples:
            box = tuple(_reply_interval(r * diffs[label][t0] + (1 - r) * diffs[label][t1]) for label in free)
            if box not in boxes:
                boxes.append(box)
        return boxes

    def gain_function(self, t: str, fixed: dict[str, str], free: list[str], values) -> tuple[Fraction, list]:
        """Type ``t``'s gain from the message as ``(constant, coefficients)``, affine in the free replies."""
        game = self.game
        equilibrium = sum((self.own_belief(t, y) * values[y][self.sender] for y in game.infosets[t].nodes),
                          Fraction(0))

        def payoff(second: Iterable[Fraction]) -> Fraction:
            b = dict(self.b)
            for label, action in fixed.items():
                b[label] = {a: Fraction(int(a == action)) for a in game.infosets[label].actions}
            for label, s in zip(free, second, strict=True):
                a0, a1 = game.infosets[label].actions
                b[label] = {a0: 1 - s, a1: s}
            return sum((self.own_belief(t, y) * subtree_value(
                game, b, game.nodes[y].children[game.nodes[y].actions.index(self.message)], self.sender)
                for y in game.infosets[t].nodes), Fraction(0))

        base = payoff([Fraction(0)] * len(free))
        coefs = [payoff([Fraction(int(j == k)) for j in range(len(free))]) - base for k in range(len(free))]
        return base - equilibrium, coefs


def _strict_best(payoffs: list[Fraction]) -> int | None:
    top = max(payoffs)
    winners = [k for k, u in enumerate(payoffs) if u == top]
    return winners[0] if len(winners) == 1 else None


def _reply_interval(diff: Fraction) -> tuple[Fraction, Fraction]:
    if diff > 0:
        return (Fraction(1), Fraction(1))
    if diff < 0:
        return (Fraction(0), Fraction(0))
    return (Fraction(0), Fraction(1))


def _affine(f: tuple[Fraction, list], point: tuple[Fraction, ...]) -> Fraction:
    const, coefs = f
    return const + sum((c * s for c, s in zip(coefs, point, strict=True)), Fraction(0))


def _polytope_points(box, f) -> list[tuple[Fraction, ...]]:
    """Vertices of ``box`` cut by ``f >= 0`` (box corners that satisfy it and crossings on box edges)."""
    const, coefs = f
    corners = list(itertools.product(*box))
    points = [c for c in corners if _affine(f, c) >= 0]
    for c in corners:
        for k, (lo, hi) in enumerate(box):
            if lo == hi or c[k] != lo or coefs[k] == 0:
                continue
            rest = const + sum((coefs[j] * c[j] for j in range(len(c)) if j != k), Fraction(0))
            s = -rest / coefs[k]
            if lo <= s <= hi:
                points.append((*c[:k], s, *c[k + 1:]))
    return points


def _always_gains(box, weak: tuple[Fraction, list], strict: tuple[Fraction, list]) -> bool:
    """True when ``strict > 0`` wherever ``weak >= 0`` inside ``box`` (linear, so vertices suffice)."""
    return all(_affine(strict, p) > 0 for p in _polytope_points(box, weak))


# --- completing an assessment -------------------------------------------------------------------

def complete_beliefs(game: ExtensiveFormGame, profile: Any, offpath: str = "D1",
                     given: Mapping[str, Mapping[str, Any]] | None = None) -> Beliefs:
    """Beliefs at every information set with several nodes, for the behaviour ``profile``.

    Bayes' rule where possible (see the module docstring); off the path the
    ``given`` beliefs if any, else a belief the ``offpath`` rule allows
    (``"free"`` uses the prior as its representative).
    """
    if offpath not in OFFPATH_RULES:
        raise SolverError(f"unknown off-path belief rule {offpath!r}; use one of {', '.join(OFFPATH_RULES)}")
    b = fraction_profile(game, profile)
    given_f = fraction_beliefs(given)
    out: Beliefs = {}
    pending = []
    for label, (belief, _) in bayes_beliefs(game, b).items():
        if belief is None:
            pending.append(label)
        else:
            out[label] = belief
    # a sender's information sets lie above the nodes its deviation leads to: settle shallow sets first
    pending.sort(key=lambda label: min(game.nodes[x].path.count("/") for x in game.infosets[label].nodes))
    for label in pending:
        if label in given_f:
            out[label] = given_f[label]
        elif offpath == "D1":
            out[label] = d1_restriction(game, b, out, label).belief()
        else:
            prior = prior_belief(game, label)
            if prior is None:
                raise SolverError(f"information set {label!r}: chance never reaches it, so there is no prior belief")
            out[label] = prior
    return out
