r"""Exact verification of perfect Bayesian equilibria of any tree.

An assessment :math:`(b, \mu)` is a perfect Bayesian equilibrium when

1. *beliefs are distributions* over the nodes of every information set with several nodes;
2. *Bayes' rule*: on the path :math:`\mu_h(x) = P_b(x) / P_b(h)`; with an
   off-path rule named, Bayes' rule wherever possible, updating each player's
   own earlier beliefs (see :mod:`escalation.solvers.beliefs`);
3. *the off-path rule* where Bayes' rule says nothing (``"prior"``: an exact
   belief; ``"D1"`` and ``"intuitive"``: the belief's support and the
   equilibrium pass the criterion, see :mod:`escalation.solvers.pbe.offpath`;
   ``"free"``: any belief);
4. *sequential rationality*: at every information set :math:`h` of player
   :math:`i`, on the path or off it, no continuation plan does better given
   :math:`\mu_h`,

   .. math:: \sum_{x \in h} \mu_h(x)\, u_i(x \mid b) \;\ge\;
             \max_{s_i} \sum_{x \in h} \mu_h(x)\, u_i(x \mid s_i, b_{-i}).

   The best plan is found by backward induction over the owner's own later
   information sets, each weighted by the probability of reaching its nodes
   from :math:`h` (exact with perfect recall), so no plan is enumerated.

With ``offpath=None`` only 1, 2 (on the path) and 4 are checked: a *weak*
perfect Bayesian equilibrium.  Everything is exact rational arithmetic.

>>> from escalation.games import ExtensiveFormGame, chance, decision, outcome
>>> def sender(u_fight, r_fight):
...     respond = decision("Receiver", {"Yield": outcome("yield", (2, 0)),
...                                     "Fight": outcome("fight", (u_fight, r_fight))}, infoset="after signal")
...     return decision("Sender", {"Quiet": outcome("quiet", (0, 1)), "Signal": respond})
>>> game = ExtensiveFormGame(("Sender", "Receiver"), chance({
...     "tough": ("1/3", sender(-1, -1)), "weak": ("2/3", sender(-2, 1))}))
>>> quiet = {"root/tough": {"Quiet": 1}, "root/weak": {"Quiet": 1}, "after signal": {"Fight": 1}}
>>> prior = {"after signal": {"root/tough/Signal": "1/3", "root/weak/Signal": "2/3"}}
>>> is_pbe(game, (quiet, prior), offpath="prior"), is_pbe(game, (quiet, prior), offpath="D1")
(True, False)
>>> from escalation.errors import VerificationError
>>> try:
...     verify_pbe(game, (quiet, {"after signal": {"root/tough/Signal": 1}}))
... except VerificationError as err:
...     print(err)
not sequentially rational at information set 'after signal': Receiver gains 1 by playing {'after signal': 'Yield'}
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ...errors import GameStructureError, SolverError, VerificationError
from ...games.tree import CHANCE, TERMINAL, ExtensiveFormGame
from ..beliefs import (
    bayes_weights,
    continuation_values,
    fraction_beliefs,
    fraction_profile,
    previous_own,
    prior_belief,
    reach,
    single_deviation_weight,
)
from ..evaluation import _numbers, moves, reach_after, values_after
from .audit import refinement_problem
from .engine import check_bound
from .offpath import OFFPATH_RULES

__all__ = ["BeliefCheck", "best_plan", "is_pbe", "verify_pbe"]


def verify_pbe(game: ExtensiveFormGame, solution: Any, *, offpath: str | None = None,
               max_mixed_infosets: int | None = None) -> None:
    """Raise :class:`~escalation.errors.VerificationError` unless ``solution`` is a perfect Bayesian equilibrium.

    Parameters
    ----------
    game : ExtensiveFormGame
        A numeric tree with perfect recall (any number of players; chance nodes allowed).
    solution : Solution or (behaviour, beliefs)
        ``behaviour`` is ``{infoset: {action: probability}}``, ``beliefs`` is
        ``{infoset: {node path: probability}}`` for the information sets with
        several nodes (single-node sets need no entry).
    offpath : {None, "free", "prior", "intuitive", "D1"}
        None checks a weak perfect Bayesian equilibrium; a rule adds Bayes'
        rule wherever possible and the rule at the information sets off the path.
    max_mixed_infosets : int, optional
        For "D1" and "intuitive" only: the responses to a deviation are the
        continuation equilibria with at most this many mixed information sets
        (None: all of them).  Pass the bound a solve used
        (``Equilibria.options["max_mixed_infosets"]``) to check the refinement
        as that solve applied it; with a bound the check is relative to those
        responses, as the solve's ``complete`` flag already says.

    The error message names the information set at fault.
    """
    if offpath is not None and offpath not in OFFPATH_RULES:
        raise SolverError(f"unknown off-path belief rule {offpath!r}; use one of {', '.join(OFFPATH_RULES)}")
    check_bound(max_mixed_infosets)
    game.require_numeric()
    behaviour, beliefs = _assessment(solution)
    try:
        b = fraction_profile(game, behaviour)
    except GameStructureError as exc:
        raise VerificationError(f"not a behaviour profile: {exc}") from None
    try:
        mu = _checked_beliefs(game, fraction_beliefs(beliefs))
    except (TypeError, AttributeError) as exc:
        raise VerificationError(f"beliefs are not {{infoset: {{node path: probability}}}}: {exc}") from None
    plain = {label: {game.nodes[x].path: p for x, p in belief.items()} for label, belief in mu.items()}
    off = _check_bayes(game, b, plain, where_possible=offpath is not None)
    if offpath is not None:
        _check_one_belief_per_deviation(game, b, plain, off)
    if offpath == "prior":
        _check_prior(game, b, plain, off)
    elif offpath in ("D1", "intuitive") and off:
        problem = refinement_problem(game, b, plain, offpath, max_mixed_infosets=max_mixed_infosets)
        if problem is not None:
            raise VerificationError(problem)
    _check_sequential_rationality(game, b, mu)


def is_pbe(game: ExtensiveFormGame, solution: Any, *, offpath: str | None = None,
           max_mixed_infosets: int | None = None) -> bool:
    """True when ``solution`` passes :func:`verify_pbe` (same arguments)."""
    try:
        verify_pbe(game, solution, offpath=offpath, max_mixed_infosets=max_mixed_infosets)
    except VerificationError:
        return False
    return True


def _assessment(solution: Any) -> tuple[Mapping, Mapping]:
    if hasattr(solution, "behaviour"):
        return solution.behaviour, solution.beliefs or {}
    behaviour, beliefs = solution
    return behaviour, beliefs or {}


def _checked_beliefs(game: ExtensiveFormGame, mu: dict) -> dict[str, dict[int, Fraction]]:
    """Beliefs keyed by node index, each a distribution over its information set."""
    unknown = set(mu) - set(game.infosets)
    if unknown:
        raise VerificationError(f"beliefs given at {sorted(unknown)[0]!r}, which is not an information set")
    return {label: _checked_belief(game, label, mu.get(label)) for label in game.infosets}


def _checked_belief(game: ExtensiveFormGame, label: str, given: Mapping[str, Fraction] | None) -> dict[int, Fraction]:
    """The belief at one information set keyed by node index, checked to be a distribution over its nodes."""
    h = game.infosets[label]
    paths = {game.nodes[x].path: x for x in h.nodes}
    if given is None:
        if len(h.nodes) > 1:
            raise VerificationError(f"no beliefs at information set {label!r}")
        return {h.nodes[0]: Fraction(1)}
    stray = set(given) - set(paths)
    if stray:
        raise VerificationError(f"beliefs at information set {label!r} name node {sorted(stray)[0]!r}, "
                                "which is not in it")
    belief = {x: given.get(path, Fraction(0)) for path, x in paths.items()}
    if any(not 0 <= p <= 1 for p in belief.values()) or sum(belief.values()) != 1:
        raise VerificationError(f"beliefs at information set {label!r} are not a probability distribution")
    return belief


def _check_bayes(game: ExtensiveFormGame, b, plain, where_possible: bool) -> list[str]:
    """Check Bayes' rule; return the information sets where it says nothing (off the path)."""
    on_path = reach(game, b)
    return [label for label, h in game.infosets.items()
            if len(h.nodes) > 1 and _bayes_off(game, b, plain, label, on_path, where_possible)]


def _bayes_off(game: ExtensiveFormGame, b, plain, label: str, on_path, where_possible: bool) -> bool:
    """Check Bayes' rule at one information set with several nodes; True where it says nothing there."""
    h = game.infosets[label]
    if where_possible:
        weights = bayes_weights(game, b, plain, label, exact=True)
        what = "where possible"
    else:
        weights = {game.nodes[x].path: on_path[x] for x in h.nodes}
        what = "on the path"
    total = sum(weights.values(), Fraction(0))
    if total == 0:
        return True
    for path, w in weights.items():
        if plain[label][path] != w / total:
            if where_possible and all(on_path[x] == 0 for x in h.nodes):
                what = "after an earlier belief or the player's own deviation"
            raise VerificationError(
                f"beliefs at information set {label!r} break Bayes' rule {what}: node {path} has belief "
                f"{plain[label][path]}, Bayes' rule gives {w / total}")
    return False


def _check_one_belief_per_deviation(game: ExtensiveFormGame, b, plain, off: list[str]) -> None:
    """After one deviation, a player holds one belief about who deviated at all its information sets there.

    For a node ``x`` reached through exactly one move of probability zero
    (information set ``t``, the deviator's *type*), write ``W(x)`` for the
    Bayes weight with that move counted as one.  The beliefs must be
    ``mu_h(x) = kappa_t W(x) / Z_h`` with one ``kappa`` for all the observer's
    off-path information sets after the same deviation.
    """
    groups: dict[tuple, list[tuple[str, dict[str, Fraction]]]] = {}
    for label in off:
        found = _type_ratios(game, b, plain, label)
        if found is None:
            continue
        key, ratios = found
        here = groups.setdefault(key, [])
        for other, theirs in here:
            _check_same_belief(other, theirs, label, ratios)
        here.append((label, ratios))


def _check_same_belief(other: str, theirs: Mapping[str, Fraction], label: str, ratios: Mapping[str, Fraction]) -> None:
    common = [t for t in ratios if t in theirs]
    for t, u in itertools.combinations(common, 2):
        if ratios[t] * theirs[u] != ratios[u] * theirs[t]:
            raise VerificationError(
                f"beliefs at off-path information sets {other!r} and {label!r} are not one belief about "
                f"who deviated (types {t!r} and {u!r} are weighed differently)")


def _type_ratios(game: ExtensiveFormGame, b, plain, label: str):
    """``(deviation key, {type: belief / weight})`` at an off-path set, or None where it does not apply."""
    h = game.infosets[label]
    ratios: dict[str, Fraction] = {}
    signature = set()
    for x in h.nodes:
        found = single_deviation_weight(game, b, plain, label, x, exact=True)
        if found is None:
            return None
        (t, action), weight = found
        signature.add((t, action))
        if weight == 0:
            continue
        r = plain[label][game.nodes[x].path] / weight
        if ratios.setdefault(t, r) != r:
            raise VerificationError(f"beliefs at off-path information set {label!r} are not in proportion to the "
                                    f"probabilities of the nodes of type {t!r}")
    actions = {a for _, a in signature}
    return (h.player, frozenset(t for t, _ in signature), frozenset(actions)), ratios


def _check_prior(game: ExtensiveFormGame, b, plain, off: list[str]) -> None:
    for label in off:
        prior = prior_belief(game, b, plain, label)
        if prior is not None and prior != plain[label]:
            raise VerificationError(f"beliefs at off-path information set {label!r} are not the prior "
                                    f"{ {x: str(p) for x, p in prior.items()} }")


@dataclass(frozen=True)
class Change:
    """A profile ``b`` that differs from a checked one inside ``below`` (the changed information sets' nodes and
    everything under them), the nodes above those from which their owner could reach them by its own moves
    (``exposed``), and ``b``'s continuation values."""

    b: Mapping[str, Mapping[str, Fraction]]
    below: set[int]
    exposed: set[int]
    values: list


class BeliefCheck:
    """Which beliefs at one information set keep a perfect Bayesian equilibrium one, all else unchanged.

    Given a PBE :math:`(b, \\mu)` (one that passes :func:`verify_pbe` with
    ``offpath``), replacing the belief at one information set :math:`h` of
    player :math:`i` by :math:`\\nu` changes only the conditions that read
    :math:`\\mu_h`: that :math:`\\nu` is a distribution; sequential
    rationality at :math:`h` (the continuation values depend on :math:`b`
    alone); and, with an off-path rule, Bayes' rule where possible at
    :math:`h` and at the sets whose owner's previous set is :math:`h`, the
    one belief about a deviation among :math:`i`'s off-path sets, and the
    ``"prior"`` rule at those sets.  :meth:`admits` checks exactly these, so
    ``admits(h, nu)`` equals ``is_pbe(game, (b, {**mu, h: nu}), offpath)``
    while the continuation values are computed once.  ``offpath`` is None,
    ``"free"`` or ``"prior"`` (the refinements judge the assessment as a whole).

    >>> from escalation.games import ExtensiveFormGame, chance, decision, outcome
    >>> def sender(u_fight, r_fight):
    ...     respond = decision("Receiver", {"Yield": outcome("yield", (2, 0)),
    ...                                     "Fight": outcome("fight", (u_fight, r_fight))}, infoset="after signal")
    ...     return decision("Sender", {"Quiet": outcome("quiet", (0, 1)), "Signal": respond})
    >>> game = ExtensiveFormGame(("Sender", "Receiver"), chance({
    ...     "tough": ("1/3", sender(-1, -1)), "weak": ("2/3", sender(-2, 1))}))
    >>> quiet = {"root/tough": {"Quiet": 1}, "root/weak": {"Quiet": 1}, "after signal": {"Fight": 1}}
    >>> check = BeliefCheck(game, quiet, {"after signal": {"root/tough/Signal": 0, "root/weak/Signal": 1}}, "free")
    >>> from fractions import Fraction
    >>> [check.admits("after signal", {"root/tough/Signal": p, "root/weak/Signal": 1 - p})
    ...  for p in (Fraction(0), Fraction(1, 2), Fraction(1))]
    [True, True, False]
    """

    def __init__(self, game: ExtensiveFormGame, behaviour: Mapping, beliefs: Mapping, offpath: str | None) -> None:
        if offpath not in (None, "free", "prior"):
            raise SolverError(f"a belief is checked alone only under the rules 'free' and 'prior', not {offpath!r}")
        self.game, self.offpath = game, offpath
        self.b = fraction_profile(game, behaviour)
        self.mu = mu = _checked_beliefs(game, fraction_beliefs(beliefs))
        self.plain = {label: {game.nodes[x].path: p for x, p in belief.items()} for label, belief in mu.items()}
        self.values = continuation_values(game, self.b)
        self.on_path = reach(game, self.b)
        self._off: list[str] | None = None
        self._ratios: dict[str, Any] = {}
        self._dependents: dict[str, list[str]] | None = None

    def change(self, behaviour: Mapping[str, Mapping[str, Any]]) -> Change:
        """The profile with ``behaviour`` substituted, with its continuation values, computed from this check's."""
        game = self.game
        unknown = set(behaviour) - set(game.infosets)
        if unknown:
            raise VerificationError(f"{sorted(unknown)[0]!r} is not an information set")
        b = fraction_profile(game, {**self.b, **behaviour})
        below, exposed, above = _region(game, b, {h for h in behaviour if b[h] != self.b[h]})
        return Change(b, below, exposed, values_after(game, b, self.values, below | above))

    def change_problem(self, behaviour: Mapping[str, Mapping[str, Any]],
                       beliefs: Mapping[str, Mapping[str, Any]], change: Change | None = None) -> str | None:
        """Why the equilibrium with ``behaviour`` and ``beliefs`` substituted at their information sets fails
        :func:`verify_pbe` under this check's rule, or None when it passes.

        Write :math:`R` for the nodes of the information sets whose behaviour
        changes, with everything below them.  Bayes' rule, the off-path rule
        and the one belief about a deviation at a set :math:`h` read only the
        moves on the paths to :math:`h`'s nodes, :math:`\\mu_h` and the
        owner's belief at its previous set, so they can change only where
        :math:`h` has a node in :math:`R` or one of those two beliefs changes.
        Sequential rationality at :math:`h` reads :math:`\\mu_h` and play
        below :math:`h`'s nodes, so it can change only where :math:`\\mu_h`
        changes, :math:`h` has a node in :math:`R`, or a node above :math:`R`
        from which its owner can reach :math:`R` by its own moves (other
        players' and chance's moves on the way of positive probability;
        otherwise :math:`R` is weighed by zero).  Only those conditions are
        checked again, with the continuation values recomputed on :math:`R` and
        above it, so the verdict equals that of ``verify_pbe`` on the changed
        assessment (this check's own assessment passed it).  ``change``:
        :meth:`change` of ``behaviour``, if the caller has it.
        """
        game = self.game
        try:
            unknown = set(beliefs) - set(game.infosets)
            if unknown:
                raise VerificationError(f"beliefs given at {sorted(unknown)[0]!r}, which is not an information set")
            mu = {label: _checked_belief(game, label, given) for label, given in fraction_beliefs(beliefs).items()}
            mu = {label: m for label, m in mu.items() if m != self.mu[label]}
            change = change or self.change(behaviour)
            plain = {**self.plain, **{label: {game.nodes[x].path: p for x, p in m.items()} for label, m in mu.items()}}
            touched = {*_infosets_at(game, change.below), *(g for label in mu
                                                            for g in (label, *self._dependents_of(label)))}
            self._check_bayes_in(change.b, plain, change.below, touched)
            rational = {*_infosets_at(game, change.below | change.exposed), *mu}
            for label in (g for g in game.infosets if g in rational):  # the verifier's order: the same message
                _check_rational_at(game, change.b, label, mu.get(label, self.mu[label]), change.values)
        except (VerificationError, GameStructureError) as exc:
            return str(exc)
        return None

    def admits(self, label: str, belief: Mapping[str, Any]) -> bool:
        """True when the equilibrium with ``belief`` (``{node path: probability}``) at ``label`` is still one."""
        try:
            self._check(label, fraction_beliefs({label: belief})[label])
        except VerificationError:
            return False
        return True

    def _check(self, label: str, belief: Mapping[str, Fraction]) -> None:
        game = self.game
        mu = _checked_belief(game, label, belief)
        plain = {**self.plain, label: {game.nodes[x].path: p for x, p in mu.items()}}
        self._check_bayes_in(self.b, plain, set(), {label, *self._dependents_of(label)})
        _check_rational_at(game, self.b, label, mu, self.values)

    def _check_bayes_in(self, b, plain, below: set[int], labels: set[str]) -> None:
        """Bayes' rule, the off-path rule and the one belief about a deviation at the sets ``labels``, against the
        others' beliefs; ``b`` differs from this check's profile only at the nodes ``below``."""
        game = self.game
        touched = [g for g in game.infosets if g in labels and len(game.infosets[g].nodes) > 1]
        on_path = reach_after(game, b, self.on_path, below) if below else self.on_path
        now_off = [g for g in touched if _bayes_off(game, b, plain, g, on_path, self.offpath is not None)]
        if self.offpath is None:
            return
        if self.offpath == "prior":
            _check_prior(game, b, plain, now_off)
        if self._off is None:
            self._off = _check_bayes(game, self.b, self.plain, where_possible=True)
        kept = set(touched)
        fresh = [(g, _type_ratios(game, b, plain, g)) for g in now_off]
        for k, (g, found) in enumerate(fresh):
            if found is None:
                continue
            others = ((o, self._ratios_of(o)) for o in self._off if o not in kept)
            for other, theirs in [*others, *fresh[:k]]:
                if theirs is not None and theirs[0] == found[0]:
                    _check_same_belief(other, theirs[1], g, found[1])

    def _ratios_of(self, label: str):
        if label not in self._ratios:
            self._ratios[label] = _type_ratios(self.game, self.b, self.plain, label)
        return self._ratios[label]

    def _dependents_of(self, label: str) -> list[str]:
        if self._dependents is None:
            self._dependents = {}
            for g in self.game.infosets:
                prev = previous_own(self.game, g)
                if prev is not None:
                    self._dependents.setdefault(prev[0], []).append(g)
        return self._dependents.get(label, [])


def _infosets_at(game: ExtensiveFormGame, nodes: set[int]) -> set[str]:
    """The information sets with a node among ``nodes``."""
    return {label for x in nodes if (label := game.nodes[x].infoset) is not None}


def _region(game: ExtensiveFormGame, b, labels: set[str]) -> tuple[set[int], set[int], set[int]]:
    """The nodes of the information sets ``labels`` with every node below them (:math:`R`), the nodes above
    them from which their owner could reach :math:`R` by its own moves (:math:`A'`), and all nodes above them.

    A node above :math:`R` reaches it only through moves of other players, or chance, of probability zero under
    ``b`` is not in :math:`A'`: its continuation value weighs :math:`R` by zero, and so does every plan of its
    owner, so nothing that sequential rationality reads there depends on play inside :math:`R`.
    """
    tops = [x for label in labels for x in game.infosets[label].nodes]
    below: set[int] = set()
    stack = list(tops)
    while stack:
        x = stack.pop()
        if x not in below:
            below.add(x)
            stack.extend(game.nodes[x].children)
    above: set[int] = set()
    for t in tops:
        parent = game.nodes[t].parent
        while parent is not None and parent not in above:
            above.add(parent)
            parent = game.nodes[parent].parent
    return below, {x for t in tops for x in _exposed_above(game, b, t)}, above


def _exposed_above(game: ExtensiveFormGame, b, t: int) -> list[int]:
    """The decision nodes above ``t`` whose owner reaches ``t`` unless it deviates: every move on the way made
    by someone else (or chance) has positive probability."""
    out: list[int] = []
    zeros: set[int] = set()  # who moved with probability zero between the node reached and t (chance: -1)
    child, x = t, game.nodes[t].parent
    while x is not None and len(zeros) < 2 and -1 not in zeros:
        node = game.nodes[x]
        mover = -1 if node.kind == CHANCE or node.player is None else node.player
        if mover >= 0 and zeros <= {mover}:
            out.append(x)
        if moves(game, x, b)[node.children.index(child)] == 0:
            zeros.add(mover)
        child, x = x, node.parent
    return out


def _check_sequential_rationality(game: ExtensiveFormGame, b, mu) -> None:
    values = continuation_values(game, b)
    for label in game.infosets:
        _check_rational_at(game, b, label, mu[label], values)


def _check_rational_at(game: ExtensiveFormGame, b, label: str, belief: Mapping[int, Fraction], values) -> None:
    """Sequential rationality at ``label`` given ``belief`` (node -> probability) and the continuation values."""
    i = game.infosets[label].player
    weights = {x: p for x, p in belief.items() if p > 0}
    current = sum((p * values[x][i] for x, p in weights.items()), Fraction(0))
    best, plan = best_plan(game, b, label, weights)
    if best > current:
        raise VerificationError(
            f"not sequentially rational at information set {label!r}: {game.players[i]} gains "
            f"{best - current} by playing {plan}")


def best_plan(game: ExtensiveFormGame, b, label: str, weights: Mapping[int, Fraction]) -> tuple[Fraction, dict]:
    """The owner's best value from ``label`` given beliefs ``weights`` (node -> probability), and a plan attaining it.

    Backward induction over the owner's information sets below, each action
    valued with the probabilities of reaching its nodes from ``label``.
    """
    i = game.infosets[label].player
    payoffs = _numbers(game)[1]
    reach_from: dict[int, Fraction] = {}
    stack = list(weights.items())
    own: dict[str, list[int]] = {}
    while stack:
        v, w = stack.pop()
        reach_from[v] = reach_from.get(v, Fraction(0)) + w
        node = game.nodes[v]
        if node.kind == TERMINAL:
            continue
        if node.kind != CHANCE and node.player == i:
            assert node.infoset is not None
            own.setdefault(node.infoset, []).append(v)
            stack.extend((c, w) for c in node.children)
            continue
        probs = _numbers(game)[0][v] if node.kind == CHANCE else [b[node.infoset][a] for a in node.actions]
        stack.extend((c, w * p) for c, p in zip(node.children, probs, strict=True) if p != 0)
    depth = {h: sum(game.infosets[g].player == i for g, _ in game.nodes[nodes[0]].history) for h, nodes in own.items()}
    plan: dict[str, int] = {}
    memo: dict[int, Fraction] = {}

    def value(v: int) -> Fraction:
        if v in memo:
            return memo[v]
        node = game.nodes[v]
        if node.kind == TERMINAL:
            out = payoffs[v][i]
        elif node.kind == CHANCE:
            out = sum((p * value(c) for p, c in zip(_numbers(game)[0][v], node.children, strict=True) if p != 0),
                      Fraction(0))
        elif node.player == i and node.infoset in plan:
            out = value(node.children[plan[node.infoset]])
        elif node.player == i:
            out = sum((b[node.infoset][a] * value(c) for a, c in zip(node.actions, node.children, strict=True)
                       if b[node.infoset][a] != 0), Fraction(0))
        else:
            out = sum((b[node.infoset][a] * value(c) for a, c in zip(node.actions, node.children, strict=True)
                       if b[node.infoset][a] != 0), Fraction(0))
        memo[v] = out
        return out

    for h in sorted(own, key=lambda h: -depth[h]):
        nodes = own[h]
        k = len(game.infosets[h].actions)
        scores = [sum((reach_from[v] * value(game.nodes[v].children[a]) for v in nodes), Fraction(0))
                  for a in range(k)]
        plan[h] = max(range(k), key=lambda a: scores[a])
        for v in nodes:
            memo.pop(v, None)
    best = sum((w * value(game.nodes[x].children[plan[label]]) for x, w in weights.items()), Fraction(0))
    shown = {h: game.infosets[h].actions[a] for h, a in plan.items()
             if any(reach_from[v] > 0 for v in own[h])}
    return best, shown
