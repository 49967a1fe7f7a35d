r"""Subgame-perfect equilibria by backward induction.

Working from the leaves up, each proper subgame is replaced by the payoffs of
an equilibrium of it.  At a decision node with perfect information the mover
picks an action of highest continuation payoff,

.. math:: a^*(v) \in \arg\max_{a} u_{i(v)}(\text{child}(v, a)),

and at a chance node payoffs are averaged.  Where a mover is indifferent
between several actions every choice gives a different subgame-perfect
equilibrium: all of them are returned and the tie is reported in
``Equilibria.knife_edge``.  A subgame with imperfect information (and no
proper subgame inside) is solved as its reduced normal form: all extreme Nash
equilibria for two players, pure equilibria for more.

Every equilibrium is verified exactly before it is returned.

>>> from escalation.games import ExtensiveFormGame, decision, outcome
>>> entry = ExtensiveFormGame(("Entrant", "Incumbent"), decision("Entrant", {
...     "Out": outcome("Monopoly", (0, 2)),
...     "In": decision("Incumbent", {
...         "Fight": outcome("Price war", (-1, -1)),
...         "Accommodate": outcome("Shared market", (1, 1)),
...     }),
... }))
>>> (spe,) = subgame_perfect(entry)
>>> dict(spe.outcomes)
{'Monopoly': 0, 'Price war': 0, 'Shared market': 1}
>>> dict(spe.strategies["Incumbent"]["root/In"])
{'Fight': 0, 'Accommodate': 1}
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from fractions import Fraction

from ..errors import SolverError
from ..games.nodes import decision, outcome
from ..games.profiles import outcome_distribution
from ..games.tree import CHANCE, DECISION, TERMINAL, ExtensiveFormGame
from ..numbers import as_fraction
from .solution import Computation, Equilibria, Solution
from .subgames import subgame_roots
from .verify_tree import verify_subgame_perfect

__all__ = ["subgame_perfect"]

METHOD = "backward induction"
REFINEMENT = "subgame perfect"


@dataclass(frozen=True)
class _Alternative:
    """One equilibrium of a subgame: behaviour at its information sets and its value."""

    behaviour: dict = field(hash=False)
    values: tuple[Fraction, ...]


@dataclass
class _Context:
    game: ExtensiveFormGame
    roots: frozenset[int]
    limit: int
    payoffs: list  # Fraction payoffs per node (terminal nodes only)
    knife_edge: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    normal_form_used: bool = False


def subgame_perfect(game: ExtensiveFormGame, *, max_equilibria: int = 10_000) -> Equilibria:
    """Every pure subgame-perfect equilibrium of a numeric tree (extreme ones in mixed subgames).

    Parameters
    ----------
    game : ExtensiveFormGame
        A tree with numeric payoffs and chance probabilities (use ``game.subs``).
    max_equilibria : int
        Refuse (``SolverError``) rather than list more equilibria than this;
        ties multiply equilibria.

    Returns
    -------
    Equilibria
        One :class:`Solution` per equilibrium, with behaviour strategies,
        outcome distribution and expected payoffs, each verified exactly.
        ``knife_edge`` lists every tie; mixtures over tied actions are also
        subgame perfect and are not listed separately.
    """
    game.require_numeric()
    ctx = _Context(game, frozenset(subgame_roots(game)), max_equilibria,
                   [tuple(as_fraction(u) for u in n.payoffs) for n in game.nodes])
    alternatives = _solve(ctx, 0)
    solutions = tuple(_solution(ctx, alt) for alt in alternatives)
    for s in solutions:
        verify_subgame_perfect(game, s)
    method = METHOD + (" with subgames solved as normal forms" if ctx.normal_form_used else "")
    notes = tuple(dict.fromkeys(ctx.notes))
    if ctx.knife_edge:
        notes += ("mixtures over tied actions are subgame perfect too; the pure ones are listed",)
    return Equilibria(solutions, method, REFINEMENT, degenerate=False,
                      knife_edge=tuple(dict.fromkeys(ctx.knife_edge)), notes=notes)


def _solve(ctx: _Context, v: int) -> list[_Alternative]:
    """All equilibria of the subgame rooted at ``v`` (a subgame root or a leaf)."""
    node = ctx.game.nodes[v]
    if node.kind == TERMINAL:
        return [_Alternative({}, ctx.payoffs[v])]
    below = _maximal_subgames(ctx, v)
    if set(below) == set(node.children):
        return _solve_single_move(ctx, v)
    return _solve_as_normal_form(ctx, v, below)


def _maximal_subgames(ctx: _Context, v: int) -> list[int]:
    """Leaves and subgame roots strictly below ``v`` with no subgame root in between."""
    found, stack = [], list(reversed(ctx.game.nodes[v].children))
    while stack:
        u = stack.pop()
        if u in ctx.roots or ctx.game.nodes[u].kind == TERMINAL:
            found.append(u)
        else:
            stack.extend(reversed(ctx.game.nodes[u].children))
    return found


def _combinations(ctx: _Context, children) -> list[tuple[_Alternative, ...]]:
    options = [_solve(ctx, c) for c in children]
    count = 1
    for o in options:
        count *= len(o)
    if count > ctx.limit:
        raise SolverError(f"more than {ctx.limit} subgame-perfect equilibria (ties multiply them); "
                          f"raise max_equilibria or perturb the tied payoffs: {ctx.knife_edge[:3]}")
    return list(itertools.product(*options))


def _merged(parts) -> dict:
    behaviour: dict = {}
    for alt in parts:
        behaviour.update(alt.behaviour)
    return behaviour


def _solve_single_move(ctx: _Context, v: int) -> list[_Alternative]:
    """A node whose children all root subgames: average (chance) or maximise (decision)."""
    node = ctx.game.nodes[v]
    out = []
    for combo in _combinations(ctx, node.children):
        behaviour = _merged(combo)
        if node.kind == CHANCE:
            probs = [as_fraction(p) for p in node.probabilities]
            values = tuple(sum((p * alt.values[i] for p, alt in zip(probs, combo, strict=True)), Fraction(0))
                           for i in range(len(ctx.game.players)))
            out.append(_Alternative(behaviour, values))
            continue
        own = [alt.values[node.player] for alt in combo]
        best = max(own)
        winners = [k for k, x in enumerate(own) if x == best]
        if len(winners) > 1:
            ctx.knife_edge.append(
                f"{ctx.game.players[node.player]} is indifferent at node {node.path} between "
                + ", ".join(repr(node.actions[k]) for k in winners))
        for k in winners:
            choice = {a: Fraction(int(j == k)) for j, a in enumerate(node.actions)}
            out.append(_Alternative({**behaviour, node.infoset: choice}, combo[k].values))
    return out


def _solve_as_normal_form(ctx: _Context, v: int, below: list[int]) -> list[_Alternative]:
    """A subgame with imperfect information: solve its reduced strategic form."""
    from .normal_form_subgame import solve_layer

    ctx.normal_form_used = True
    out = []
    for combo in _combinations(ctx, below):
        values = {u: alt.values for u, alt in zip(below, combo, strict=True)}
        layer = _truncated_game(ctx.game, v, values)
        for behaviour, payoffs, notes, ties in solve_layer(layer):
            ctx.notes.extend(notes)
            ctx.knife_edge.extend(ties)
            out.append(_Alternative({**_merged(combo), **behaviour}, payoffs))
    return out


def _truncated_game(game: ExtensiveFormGame, v: int, values: dict[int, tuple]) -> ExtensiveFormGame:
    """The subgame at ``v`` with the subgames ``values`` replaced by their payoffs."""
    from ..games.nodes import chance

    def build(u: int):
        node = game.nodes[u]
        if u in values:
            return outcome(f"[{node.path}]", values[u])
        moves = dict(zip(node.actions, (build(c) for c in node.children), strict=True))
        if node.kind == DECISION:
            return decision(game.players[node.player], moves, infoset=node.infoset)
        return chance({a: (p, moves[a]) for a, p in zip(node.actions, node.probabilities, strict=True)})

    return ExtensiveFormGame(game.players, build(v), f"subgame at {game.nodes[v].path}")


def _solution(ctx: _Context, alt: _Alternative) -> Solution:
    game = ctx.game
    strategies = {p: {} for p in game.players}
    for label, h in game.infosets.items():
        strategies[game.players[h.player]][label] = alt.behaviour[label]
    method = METHOD + (" with subgames solved as normal forms" if ctx.normal_form_used else "")
    return Solution(
        players=game.players,
        strategies=strategies,
        payoffs=dict(zip(game.players, alt.values, strict=True)),
        outcomes=outcome_distribution(game, alt.behaviour),
        computation=Computation(method=method, refinement=REFINEMENT, exact=True, verified=True,
                                notes=tuple(dict.fromkeys(ctx.notes))),
    )
