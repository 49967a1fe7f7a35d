"""Seeded agreement with Gambit on random trees with chance moves and information sets (issue 15).

Each tree is drawn from ``numpy.random.default_rng(seed)`` (two or three
players; decisions, chance moves with random probabilities, and simultaneous
moves -- one player's choice followed by another's information set spanning
its outcomes -- nested to depth four; payoffs small integers, so ties are
common, or fractions).  For every subgame-perfect equilibrium we return,
Gambit -- the independent oracle -- must find that it is subgame perfect: the
profile has maximum regret exactly zero in the whole game and pays what we
say; at every node whose children all root subgames, no move gives the mover
a higher value than the profile (Gambit's own ``node_value``); and every
other proper subgame, written as a game of its own, has maximum regret zero
too.  A pure equilibrium's reduced plans must be among Gambit's pure Nash
equilibria of the whole game.

The default suite checks 24 trees, the ``slow`` test 1,000 (seeds listed; CI checks the first 250).
"""

from __future__ import annotations

import io
from fractions import Fraction

import numpy as np
import pytest

from escalation.errors import SolverError
from escalation.games import ExtensiveFormGame, chance, decision, outcome
from escalation.games.profiles import expected_payoffs
from escalation.io import efg_text
from escalation.numbers import as_fraction
from escalation.solvers import subgame_perfect
from escalation.solvers.subgames import subgame_roots

pygambit = pytest.importorskip("pygambit")

pytestmark = pytest.mark.gambit

NAMES = ("A", "B", "C")


class _Draw:
    def __init__(self, seed: int) -> None:
        self.rng = np.random.default_rng(seed)
        self.players = NAMES[:2 + int(seed % 3 == 2)]
        self.fractions = seed % 4 == 3
        self.blocks = 0
        self.leaves = 0

    def payoff(self):
        if self.fractions:
            return Fraction(int(self.rng.integers(-6, 7)), int(self.rng.integers(1, 5)))
        return int(self.rng.integers(-3, 4))

    def leaf(self):
        self.leaves += 1
        return outcome(str(self.rng.choice(["war", "peace", "crisis"])) if self.rng.random() < 0.5 else None,
                       tuple(self.payoff() for _ in self.players))

    def node(self, depth: int):
        roll = self.rng.random()
        if depth == 0 or roll < 0.25 or self.leaves > 14:
            return self.leaf()
        actions = [f"a{k + 1}" for k in range(int(self.rng.integers(1, 4)))]
        if roll < 0.45:
            weights = self.rng.integers(1, 6, len(actions))
            return chance({a: (Fraction(int(w), int(weights.sum())), self.node(depth - 1))
                           for a, w in zip(actions, weights, strict=True)})
        if roll < 0.65 and len(self.players) == 2 and self.blocks < 2:
            return self.block(depth)
        player = str(self.rng.choice(self.players))
        return decision(player, {a: self.node(depth - 1) for a in actions})

    def block(self, depth: int):
        """A simultaneous move: the first player's choice, then the second's information set over all of it."""
        self.blocks += 1
        first, second = (str(p) for p in self.rng.permutation(self.players))
        label = f"{second} unaware {self.blocks}"
        replies = [f"y{k + 1}" for k in range(int(self.rng.integers(1, 3)))]
        moves = {f"x{k + 1}": decision(second, {r: self.node(depth - 2) for r in replies}, infoset=label)
                 for k in range(int(self.rng.integers(1, 3)))}
        return decision(first, moves)


def random_tree(seed: int) -> ExtensiveFormGame:
    draw = _Draw(seed)
    return ExtensiveFormGame(draw.players, decision(draw.players[0], {
        f"a{k + 1}": draw.node(3) for k in range(int(draw.rng.integers(1, 4)))}), title=f"seed {seed}")


def subgame(game: ExtensiveFormGame, root: int) -> ExtensiveFormGame:
    """The proper subgame at node ``root`` as a game of its own (information sets keep their labels)."""
    nodes = game.nodes

    def build(v: int):
        node = nodes[v]
        if node.kind == "terminal":
            return outcome(node.outcome, node.payoffs)
        moves = {a: build(c) for a, c in zip(node.actions, node.children, strict=True)}
        if node.kind == "chance":
            return chance({a: (p, moves[a]) for a, p in zip(node.actions, node.probabilities, strict=True)})
        return decision(game.players[node.player], moves, infoset=node.infoset)

    return ExtensiveFormGame(game.players, build(root), f"subgame at {nodes[root].path}")


def gambit(game: ExtensiveFormGame):
    return pygambit.read_efg(io.StringIO(efg_text(game)))


def gambit_nodes(g) -> list:
    """Gambit's nodes in pre-order, children in action order (our node numbering)."""
    out, stack = [], [g.root]
    while stack:
        node = stack.pop()
        out.append(node)
        if not node.is_terminal:
            stack.extend(node.children[a] for a in reversed(list(node.infoset.actions)))
    return out


def behaviour_profile(g, behaviour):
    profile = g.mixed_behavior_profile(rational=True)
    for h in g.infosets:
        if not h.is_chance:
            for action in h.actions:
                profile[action] = pygambit.Rational(as_fraction(behaviour[h.label][action.label]))
    return profile


def single_move_nodes(game: ExtensiveFormGame, roots: set[int]) -> list[int]:
    """Decision nodes rooting a subgame whose children all root subgames or are leaves."""
    return [v for v in roots if game.nodes[v].kind == "decision"
            and all(c in roots or game.nodes[c].kind == "terminal" for c in game.nodes[v].children)]


def check_one_shot(game: ExtensiveFormGame, g, behaviour, nodes: list[int]) -> None:
    """At each of ``nodes``, no move pays the mover more than the profile (values computed by Gambit)."""
    profile = behaviour_profile(g, behaviour)
    gnodes = gambit_nodes(g)
    for v in nodes:
        mover = g.players[game.players[game.nodes[v].player]]
        here = exact(profile.node_value(mover, gnodes[v]))
        assert all(exact(profile.node_value(mover, gnodes[c])) <= here for c in game.nodes[v].children)


def exact(value) -> Fraction:
    assert isinstance(value, pygambit.Rational), f"{value!r} is not exact"
    return Fraction(value)


def check_in_gambit(game: ExtensiveFormGame, behaviour, payoffs=None, g=None) -> None:
    """Zero regret and the same payoffs, by Gambit, in the game ``game`` (a whole game or a subgame)."""
    g = gambit(game) if g is None else g
    profile = behaviour_profile(g, behaviour)
    assert profile.max_regret() == 0
    ours = expected_payoffs(game, {h: behaviour[h] for h in game.infosets}) if payoffs is None else payoffs
    assert [exact(profile.payoff(p)) for p in g.players] == [as_fraction(u) for u in ours]


def plan(game: ExtensiveFormGame, player: int, behaviour) -> frozenset:
    """A pure behaviour strategy without the information sets the player's own moves rule out."""
    chosen = {h.label: next(a for a, p in behaviour[h.label].items() if p == 1) for h in game.infosets_of(player)}

    def reachable(h) -> bool:
        return any(all(chosen[k] == a for k, a in game.nodes[i].history if k in chosen) for i in h.nodes)

    return frozenset((h.label, chosen[h.label]) for h in game.infosets_of(player) if reachable(h))


def gambit_plan(strategy, player) -> frozenset:
    picked = ((h.label, strategy.action(h)) for h in player.infosets)
    return frozenset((h, a.label) for h, a in picked if a is not None)


def disagreements(seeds) -> tuple[list[int], dict[str, int]]:
    """Seeds where Gambit disagrees, and counts of what was checked."""
    wrong: list[int] = []
    counts = {"trees": 0, "equilibria": 0, "subgames checked": 0, "with chance": 0, "with information sets": 0,
              "refused": 0}
    for seed in seeds:
        game = random_tree(seed)
        counts["trees"] += 1
        counts["with chance"] += any(n.kind == "chance" for n in game.nodes)
        counts["with information sets"] += not game.is_perfect_information
        try:
            found = subgame_perfect(game, max_equilibria=200)
        except SolverError:  # too many tied equilibria to list
            counts["refused"] += 1
            continue
        g = gambit(game)
        pure = {tuple(gambit_plan(next(s for s in player.strategies if eq[s] == 1), player) for player in g.players)
                for eq in pygambit.nash.enumpure_solve(g).equilibria}
        roots = set(subgame_roots(game))
        one_shot = single_move_nodes(game, roots)
        layers = [r for r in sorted(roots) if r != 0 and any(  # subgames with imperfect information at the top
            c not in roots and game.nodes[c].kind != "terminal" for c in game.nodes[r].children)]
        try:
            for solution in found:
                behaviour = solution.behaviour
                check_in_gambit(game, behaviour, tuple(solution.payoffs.values()), g)
                check_one_shot(game, g, behaviour, one_shot)
                for root in layers:
                    check_in_gambit(subgame(game, root), behaviour)
                counts["subgames checked"] += len(roots)
                if solution.is_pure:
                    assert tuple(plan(game, i, behaviour) for i in range(len(game.players))) in pure
                counts["equilibria"] += 1
        except AssertionError:
            wrong.append(seed)
    return wrong, counts


def test_subgame_perfect_equilibria_agree_with_gambit_on_a_seeded_sample() -> None:
    wrong, counts = disagreements(range(24))
    assert wrong == []
    assert counts["with chance"] >= 6
    assert counts["with information sets"] >= 6
    assert counts["equilibria"] >= 24


@pytest.mark.slow
@pytest.mark.parametrize("quarter", [0, *(pytest.param(q, marks=pytest.mark.exhaustive) for q in (1, 2, 3))])
def test_subgame_perfect_equilibria_agree_with_gambit_on_1000_trees(capsys, quarter) -> None:
    """Seeds 20000..20999 in four quarters of 250 (80 to 200 s each), so that parallel workers share them; CI
    runs the first quarter, the other three are ``exhaustive`` (run by hand with ``-m slow``)."""
    seeds = range(20_000 + 250 * quarter, 20_250 + 250 * quarter)
    wrong, counts = disagreements(seeds)
    with capsys.disabled():
        print(f"\nGambit oracle on trees (seeds {seeds.start}..{seeds.stop - 1}): {counts}, disagreements {wrong}")
    assert wrong == []
    assert counts["with chance"] >= 60
    assert counts["with information sets"] >= 60
