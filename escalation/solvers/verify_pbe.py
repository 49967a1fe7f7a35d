r"""Exact verification of perfect Bayesian equilibria of any tree.

An assessment :math:`(b, \mu)` is a perfect Bayesian equilibrium when

1. *beliefs are distributions*: :math:`\mu_h` is a probability distribution
   over the nodes of every information set :math:`h` with several nodes;
2. *Bayes' rule on the path*: :math:`\mu_h(x) = P_b(x) / P_b(h)` wherever
   :math:`P_b(h) > 0`;
3. *sequential rationality*: at every information set :math:`h` of player
   :math:`i`, on the path or off it, no continuation plan :math:`s_i` does
   better given the beliefs,

   .. math:: \sum_{x \in h} \mu_h(x)\, u_i(x \mid b) \;\ge\;
             \sum_{x \in h} \mu_h(x)\, u_i(x \mid s_i, b_{-i})
             \quad \text{for every plan } s_i \text{ of } i \text{ below } h .

With ``offpath=None`` these three are checked (a weak perfect Bayesian
equilibrium).  Naming an off-path rule (``"free"``, ``"prior"`` or ``"D1"``,
see :mod:`escalation.solvers.beliefs`) also requires Bayes' rule where
possible (an owner's own deviation is no news about the others) and, at the
information sets still off the path, the rule itself.  Everything is exact
rational arithmetic.

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
from fractions import Fraction
from typing import Any

from ..errors import GameStructureError, SolverError, VerificationError
from ..games.tree import DECISION, TERMINAL, ExtensiveFormGame
from .beliefs import (
    OFFPATH_RULES,
    bayes_beliefs,
    continuation_values,
    d1_restriction,
    fraction_beliefs,
    fraction_profile,
    prior_belief,
    subtree_value,
)
from .evaluation import _numbers, moves
from .subgames import subtree_end

__all__ = ["is_pbe", "verify_pbe"]

MAX_PLANS = 1 << 16


def verify_pbe(game: ExtensiveFormGame, solution: Any, offpath: str | None = None) -> None:
    """Raise :class:`~escalation.errors.VerificationError` unless ``solution`` is a perfect Bayesian equilibrium.

    Parameters
    ----------
    game : ExtensiveFormGame
        A numeric tree (any number of players; chance nodes allowed).
    solution : Solution or (behaviour, beliefs)
        ``behaviour`` is ``{infoset: {action: probability}}``, ``beliefs`` is
        ``{infoset: {node path: probability}}`` for the information sets with
        several nodes (single-node sets need no entry).
    offpath : {None, "free", "prior", "D1"}
        None checks a weak perfect Bayesian equilibrium; a rule adds Bayes'
        rule where possible and the rule at the information sets off the path.

    The error message names the information set at fault.
    """
    if offpath is not None and offpath not in OFFPATH_RULES:
        raise SolverError(f"unknown off-path belief rule {offpath!r}; use one of {', '.join(OFFPATH_RULES)}")
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
    _check_bayes(game, b, mu, where_possible=offpath is not None)
    if offpath in ("prior", "D1"):
        _check_offpath_rule(game, b, mu, offpath)
    _check_sequential_rationality(game, b, mu)


def is_pbe(game: ExtensiveFormGame, solution: Any, offpath: str | None = None) -> bool:
    """True when ``solution`` passes :func:`verify_pbe`."""
    try:
        verify_pbe(game, solution, offpath)
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
    out = {}
    for label, h in game.infosets.items():
        paths = {game.nodes[x].path: x for x in h.nodes}
        if label not in mu:
            if len(h.nodes) > 1:
                raise VerificationError(f"no beliefs at information set {label!r}")
            out[label] = {h.nodes[0]: Fraction(1)}
            continue
        stray = set(mu[label]) - set(paths)
        if stray:
            raise VerificationError(f"beliefs at information set {label!r} name node {sorted(stray)[0]!r}, "
                                    "which is not in it")
        belief = {x: mu[label].get(path, Fraction(0)) for path, x in paths.items()}
        if any(not 0 <= p <= 1 for p in belief.values()) or sum(belief.values()) != 1:
            raise VerificationError(f"beliefs at information set {label!r} are not a probability distribution")
        out[label] = belief
    return out


def _check_bayes(game: ExtensiveFormGame, b, mu, where_possible: bool) -> None:
    for label, (expected, grounds) in bayes_beliefs(game, b, where_possible).items():
        h = game.infosets[label]
        if expected is None:
            continue
        for x in h.nodes:
            path = game.nodes[x].path
            if mu[label][x] != expected[path]:
                what = "on the path" if grounds == "path" else "after the player's own deviation"
                raise VerificationError(
                    f"beliefs at information set {label!r} break Bayes' rule {what}: node {path} has belief "
                    f"{mu[label][x]}, Bayes' rule gives {expected[path]}")


def _check_offpath_rule(game: ExtensiveFormGame, b, mu, offpath: str) -> None:
    plain = {label: {game.nodes[x].path: p for x, p in belief.items()} for label, belief in mu.items()}
    for label, (expected, _) in bayes_beliefs(game, b).items():
        if expected is not None:
            continue
        if offpath == "prior":
            prior = prior_belief(game, label)
            if prior is not None and prior != plain[label]:
                raise VerificationError(f"beliefs at off-path information set {label!r} are not the prior "
                                        f"{ {x: str(p) for x, p in prior.items()} }")
        else:
            problem = d1_restriction(game, b, plain, label).problem(plain[label])
            if problem is not None:
                raise VerificationError(f"beliefs at off-path information set {label!r} fail D1: {problem}")


def _check_sequential_rationality(game: ExtensiveFormGame, b, mu) -> None:
    values = continuation_values(game, b)
    end = subtree_end(game)
    for label, h in game.infosets.items():
        i = h.player
        weights = {x: p for x, p in mu[label].items() if p > 0}
        current = sum((p * values[x][i] for x, p in weights.items()), Fraction(0))
        best, plan = _best_plan(game, b, label, weights, end)
        if best > current:
            raise VerificationError(
                f"not sequentially rational at information set {label!r}: {game.players[i]} gains "
                f"{best - current} by playing {plan}")


def _own_infosets_below(game: ExtensiveFormGame, label: str, roots, end) -> list[str]:
    player = game.infosets[label].player
    found = []
    for x in roots:
        for v in range(x, end[x]):
            node = game.nodes[v]
            if node.infoset is not None and node.player == player and node.infoset not in found:
                found.append(node.infoset)
    return found


def _best_plan(game: ExtensiveFormGame, b, label: str, weights: dict[int, Fraction], end) -> tuple[Fraction, dict]:
    """Highest belief-weighted payoff over the owner's pure plans below ``label``, and a plan attaining it."""
    player = game.infosets[label].player
    own = _own_infosets_below(game, label, list(weights), end)
    count = 1
    for h in own:
        count *= len(game.infosets[h].actions)
    if count > MAX_PLANS:
        if not game.has_perfect_recall:
            raise SolverError(f"checking information set {label!r} needs more than {MAX_PLANS} plans")
        return _best_plan_backward(game, b, label, weights)
    best, best_plan = None, {}
    for choice in itertools.product(*(game.infosets[h].actions for h in own)):
        plan = dict(zip(own, choice, strict=True))
        deviation = {**b, **{h: {a: Fraction(int(a == act)) for a in game.infosets[h].actions}
                             for h, act in plan.items()}}
        value = sum((p * subtree_value(game, deviation, x, player) for x, p in weights.items()), Fraction(0))
        if best is None or value > best:
            best, best_plan = value, plan
    return best, best_plan


def _best_plan_backward(game: ExtensiveFormGame, b, label: str, weights: dict[int, Fraction]) -> tuple[Fraction, dict]:
    r""":func:`_best_plan` by backward induction over the owner's information sets (perfect recall).

    With perfect recall every node of an information set :math:`h'` of the
    owner below ``label`` is reached by the same own moves, so the best plan's
    value is :math:`V(h') = \max_a [\,\text{leaves reached from } h' \text{ by } a
    + \sum_{h''} V(h'')\,]`, the leaves and the next own sets :math:`h''`
    weighted by the belief, chance and the others' moves: the same maximum as
    enumerating every plan, without the product of the action counts.
    """
    player = game.infosets[label].player
    payoffs = _numbers(game)[1]

    def spread(starts):
        """Payoff of the leaves reached from ``starts`` before the owner moves again, and the weights there."""
        total, found, stack = Fraction(0), {}, list(starts)
        while stack:
            u, w = stack.pop()
            node = game.nodes[u]
            if w == 0:
                continue
            if node.kind == TERMINAL:
                total += w * payoffs[u][player]
            elif node.kind == DECISION and node.player == player:
                at = found.setdefault(node.infoset, {})
                at[u] = at.get(u, Fraction(0)) + w
            else:
                stack.extend(zip(node.children, (w * p for p in moves(game, u, b)), strict=False))
        return total, found

    def best(h: str, at: dict[int, Fraction]) -> tuple[Fraction, dict]:
        top: tuple[Fraction, dict] | None = None
        for a in game.infosets[h].actions:
            starts = [(game.nodes[x].children[game.nodes[x].actions.index(a)], w) for x, w in at.items()]
            value, found = spread(starts)
            plan = {h: a}
            for h2, at2 in found.items():
                v2, p2 = best(h2, at2)
                value += v2
                plan.update(p2)
            if top is None or value > top[0]:
                top = (value, plan)
        assert top is not None
        return top

    return best(label, weights)
