"""The recursive backward induction the package used before it ran on the compiled tree: the tests' reference.

It walks ``game.nodes`` recursively in exact rational arithmetic, lists every
pure subgame-perfect equilibrium (combining the alternatives of the children
at every node, keeping every best action at a tie), and solves a subgame with
imperfect information through its reduced normal form, exactly as the package
did up to version 0.1.0.  It is slow and deep trees exhaust Python's
recursion limit; it is kept only to check the compiled solver against.

``reference_spe(game)`` returns ``(equilibria, knife_edge, notes)``: each
equilibrium a ``(behaviour, payoffs)`` pair with behaviour
``{infoset: {action: Fraction}}`` and exact payoffs.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from fractions import Fraction

from escalation.errors import SolverError
from escalation.games import ExtensiveFormGame, chance, decision, outcome
from escalation.games.tree import CHANCE, DECISION, TERMINAL
from escalation.numbers import as_fraction
from escalation.solvers.normal_form_subgame import solve_layer
from escalation.solvers.subgames import subgame_roots


@dataclass(frozen=True)
class _Alternative:
    behaviour: dict = field(hash=False)
    values: tuple[Fraction, ...]


@dataclass
class _Context:
    game: ExtensiveFormGame
    roots: frozenset[int]
    limit: int
    payoffs: list
    knife_edge: list = field(default_factory=list)
    notes: list = field(default_factory=list)


def reference_spe(game: ExtensiveFormGame, max_equilibria: int = 10_000):
    """Every pure SPE (extreme ones in mixed subgames), the ties and the notes, in the old order."""
    ctx = _Context(game, frozenset(subgame_roots(game)), max_equilibria,
                   [tuple(as_fraction(u) for u in n.payoffs) for n in game.nodes])
    found = _solve(ctx, 0)
    return ([(alt.behaviour, alt.values) for alt in found], list(dict.fromkeys(ctx.knife_edge)),
            list(dict.fromkeys(ctx.notes)))


def _solve(ctx: _Context, v: int) -> list[_Alternative]:
    node = ctx.game.nodes[v]
    if node.kind == TERMINAL:
        return [_Alternative({}, ctx.payoffs[v])]
    below = _maximal_subgames(ctx, v)
    if set(below) == set(node.children):
        return _solve_single_move(ctx, v)
    return _solve_as_normal_form(ctx, v, below)


def _maximal_subgames(ctx: _Context, v: int) -> list[int]:
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
        raise SolverError(f"more than {ctx.limit} subgame-perfect equilibria")
    return list(itertools.product(*options))


def _merged(parts) -> dict:
    behaviour: dict = {}
    for alt in parts:
        behaviour.update(alt.behaviour)
    return behaviour


def _solve_single_move(ctx: _Context, v: int) -> list[_Alternative]:
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
    def build(u: int):
        node = game.nodes[u]
        if u in values:
            return outcome(f"[{node.path}]", values[u])
        moves = dict(zip(node.actions, (build(c) for c in node.children), strict=True))
        if node.kind == DECISION:
            return decision(game.players[node.player], moves, infoset=node.infoset)
        return chance({a: (p, moves[a]) for a, p in zip(node.actions, node.probabilities, strict=True)})

    return ExtensiveFormGame(game.players, build(v), f"subgame at {game.nodes[v].path}")
