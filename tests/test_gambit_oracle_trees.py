"""pygambit as the independent oracle for game files, strategic forms and equilibria of trees.

Every file we write must be read by Gambit into the same game (same players,
nodes, information sets, exact payoffs and chance probabilities); every file
Gambit writes must be read by us into the game it came from; and the
equilibria our solvers find in drawn trees must be the ones Gambit finds.

Quirks of pygambit 16.7 handled here:

- On reading, Gambit renames empty and repeated outcome labels (``""`` becomes
  ``"_1"``, two different outcomes named ``"war"`` become ``"war_1"`` and
  ``"war_2"``), so outcome labels are compared up to that suffix.
- A reduced strategy of a tree is labelled by action numbers with ``*`` at
  information sets its own earlier moves rule out (``"1*"``, ``"21"``);
  ``Strategy.action(infoset)`` gives the action, ``None`` where ruled out.
  Strategies are matched with ours through these plans, never by label.
- Children are indexed by action (integer indexing was removed in 16.7).
"""

from __future__ import annotations

import io
import math
import re
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import normal_form_games, perfect_information_trees, trees_with_information_sets

from escalation.games import ExtensiveFormGame, NormalFormGame
from escalation.games.nodes import Chance, Decision, Outcome
from escalation.io import efg_text, nfg_text, parse_efg, parse_nfg, read_efg, read_nfg
from escalation.numbers import as_fraction

pygambit = pytest.importorskip("pygambit")
pytestmark = pytest.mark.gambit

CATALOG = Path(pygambit.__file__).parent / "catalog_data"
CATALOG_FILES = sorted(CATALOG.rglob("*.efg")) + sorted(CATALOG.rglob("*.nfg")) if CATALOG.is_dir() else []

any_tree = st.one_of(
    st.integers(2, 3).flatmap(lambda n: perfect_information_trees(players=n, fractions=True)),
    trees_with_information_sets(fractions=True),
)
small_trees = st.one_of(
    st.integers(2, 3).flatmap(lambda n: perfect_information_trees(players=n, max_depth=3)),
    trees_with_information_sets(),
)
# Gambit's exact enummixed needs seconds for a degenerate 12x8 strategic form: keep the oracle's games small.
MAX_PROFILES = 40
two_player_trees = st.one_of(
    perfect_information_trees(players=2, max_depth=3),
    trees_with_information_sets(),
).filter(lambda game: math.prod(game.to_normal_form().shape) <= MAX_PROFILES)


# -- describing a tree the same way on both sides ---------------------------------------------------
def gambit_tree(game: ExtensiveFormGame):
    """Gambit's reading of the file we write for ``game``."""
    return pygambit.read_efg(io.StringIO(efg_text(game)))


def exact(value) -> Fraction:
    """A number from pygambit, which must be an exact rational."""
    assert isinstance(value, pygambit.Rational), f"{value!r} is not an exact rational"
    return Fraction(value)


def gambit_nodes(g, number=exact) -> tuple[list[tuple], list[str | None], set[frozenset[int]]]:
    """Pre-order node descriptions, leaf outcome labels and the information-set partition of a pygambit tree.

    ``number`` converts pygambit's numbers: by default they must be exact rationals.
    """
    nodes: list[tuple] = []
    labels: list[str | None] = []
    members: dict[tuple[int, int], set[int]] = {}

    def walk(node, above: tuple[Fraction, ...]) -> None:
        here = node.outcome
        payoffs = tuple(a + number(here[p]) for a, p in zip(above, g.players, strict=True)) if here else above
        if node.is_terminal:
            nodes.append(("terminal", payoffs))
            labels.append(here.label if here else None)
            return
        actions = list(node.infoset.actions)
        if node.player.is_chance:
            nodes.append(("chance", tuple(a.label for a in actions), tuple(number(a.prob) for a in actions)))
        else:
            members.setdefault((node.player.label, node.infoset.number), set()).add(len(nodes))
            nodes.append(("decision", node.player.label, tuple(a.label for a in actions)))
        for action in actions:
            walk(node.children[action], payoffs)

    walk(g.root, tuple(Fraction(0) for _ in g.players))
    return nodes, labels, {frozenset(m) for m in members.values()}


def our_nodes(game: ExtensiveFormGame) -> tuple[list[tuple], list[str | None], set[frozenset[int]]]:
    """The same description of one of our trees."""
    nodes = []
    for n in game.nodes:
        if n.kind == "terminal":
            nodes.append(("terminal", tuple(as_fraction(u) for u in n.payoffs)))
        elif n.kind == "chance":
            nodes.append(("chance", n.actions, tuple(as_fraction(p) for p in n.probabilities)))
        else:
            nodes.append(("decision", game.players[n.player], n.actions))
    labels = [n.outcome for n in game.terminals]
    return nodes, labels, {frozenset(h.nodes) for h in game.infosets.values()}


def same_label_up_to_gambit_renaming(ours: str | None, theirs: str | None) -> bool:
    """Gambit turns empty outcome labels into ``_k`` and repeated ones into ``label_k``."""
    if theirs == (ours or None):
        return True
    return theirs is not None and re.fullmatch(re.escape(ours or "") + r"_\d+", theirs) is not None


def without_outcome_labels(game: ExtensiveFormGame) -> ExtensiveFormGame:
    def walk(node):
        if isinstance(node, Outcome):
            return Outcome(None, node.payoffs)
        if isinstance(node, Decision):
            return Decision(node.player, tuple((a, walk(c)) for a, c in node.moves), node.infoset)
        return Chance(tuple((a, p, walk(c)) for a, p, c in node.moves))

    return ExtensiveFormGame(game.players, walk(game.root), game.title)


# -- files: Gambit reads ours, we read Gambit's ---------------------------------------------------------
@given(any_tree)
def test_gambit_reads_every_tree_we_write_as_the_same_tree(game):
    g = gambit_tree(game)
    assert g.title == game.title
    assert tuple(p.label for p in g.players) == game.players
    assert len(g.nodes) == len(game.nodes)
    theirs_nodes, theirs_labels, theirs_partition = gambit_nodes(g)
    ours_nodes, ours_labels, ours_partition = our_nodes(game)
    assert theirs_nodes == ours_nodes
    assert theirs_partition == ours_partition
    assert all(map(same_label_up_to_gambit_renaming, ours_labels, theirs_labels))
    assert {h.label for h in g.infosets if not h.is_chance} == set(game.infosets)


@given(any_tree)
def test_we_read_every_tree_gambit_writes_as_the_tree_it_came_from(game):
    back = parse_efg(gambit_tree(game).to_efg())
    assert without_outcome_labels(back) == without_outcome_labels(game)
    assert dict(back.infosets) == dict(game.infosets)
    assert back.title == game.title
    ours = [t.outcome for t in game.terminals]
    assert all(map(same_label_up_to_gambit_renaming, ours, [t.outcome for t in back.terminals]))


@given(st.integers(2, 3).flatmap(lambda n: normal_form_games(players=n, fractions=True)))
def test_gambit_reads_every_normal_form_we_write_and_we_read_what_it_writes(game):
    g = pygambit.read_nfg(io.StringIO(nfg_text(game)))
    assert tuple(p.label for p in g.players) == game.players
    assert tuple(tuple(s.label for s in p.strategies) for p in g.players) == game.strategies
    for index in game.profiles():
        labels = tuple(s[i] for s, i in zip(game.strategies, index, strict=True))
        assert tuple(exact(g[labels][p]) for p in g.players) == tuple(map(as_fraction, game.payoff(index)))
    assert parse_nfg(g.to_nfg()) == game


@pytest.mark.parametrize("path", CATALOG_FILES, ids=lambda p: str(p.relative_to(CATALOG)))
def test_we_read_the_games_in_gambits_catalogue_as_gambit_does(path):
    g = pygambit.read_efg(path) if path.suffix == ".efg" else pygambit.read_nfg(path)
    if path.suffix == ".nfg":
        game = read_nfg(path)
        assert tuple(tuple(s.label for s in p.strategies) for p in g.players) == game.strategies
        for index in game.profiles():
            labels = tuple(s[i] for s, i in zip(game.strategies, index, strict=True))
            assert tuple(Fraction(g[labels][p]) for p in g.players) == tuple(map(as_fraction, game.payoff(index)))
        return
    game = read_efg(path)
    assert tuple(p.label for p in g.players) == game.players
    theirs_nodes, theirs_labels, theirs_partition = gambit_nodes(g, number=Fraction)  # decimals are exact too
    ours_nodes, ours_labels, ours_partition = our_nodes(game)
    assert (theirs_nodes, theirs_partition) == (ours_nodes, ours_partition)
    assert all(map(same_label_up_to_gambit_renaming, ours_labels, theirs_labels))


def test_the_catalogue_is_there():
    assert len(CATALOG_FILES) >= 10


# -- strategic forms: Gambit's reduced strategies are our plans -------------------------------------------
def plan_of(strategy, player) -> frozenset[tuple[str, str]]:
    """The ``{information set: action}`` plan of a pygambit strategy, without the sets it rules out."""
    chosen = ((h.label, strategy.action(h)) for h in player.infosets)
    return frozenset((h, a.label) for h, a in chosen if a is not None)


def strategy_map(g, normal_form: NormalFormGame) -> list[dict[str, object]]:
    """For each player, our strategy label -> the pygambit strategy with the same plan."""
    out = []
    for player in g.players:
        theirs = {plan_of(s, player): s for s in player.strategies}
        ours = {frozenset(plan.items()): label for label, plan in normal_form.plans[player.label].items()}
        assert set(theirs) == set(ours), f"reduced strategies of {player.label} differ"
        out.append({ours[plan]: theirs[plan] for plan in ours})
    return out


@given(small_trees)
def test_reduced_strategic_form_matches_gambits(game):
    g = gambit_tree(game)
    normal_form = game.to_normal_form()
    strategies = strategy_map(g, normal_form)
    for index in normal_form.profiles():
        labels = [s[i] for s, i in zip(normal_form.strategies, index, strict=True)]
        outcome = g[tuple(strategies[k][label] for k, label in enumerate(labels))]
        assert tuple(exact(outcome[p]) for p in g.players) == tuple(map(as_fraction, normal_form.payoff(index)))


# -- equilibria ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def nash():
    return pytest.importorskip("escalation.solvers.nash")


@pytest.fixture(scope="module")
def backward_induction():
    return pytest.importorskip("escalation.solvers.backward_induction")


@settings(max_examples=40)
@given(two_player_trees)
def test_nash_equilibria_of_the_reduced_strategic_form_are_gambits_enummixed(nash, game):
    g = gambit_tree(game)
    normal_form = game.to_normal_form()
    strategies = strategy_map(g, normal_form)
    order = [[label for s in player.strategies for label, t in mapping.items() if t == s]
             for player, mapping in zip(g.players, strategies, strict=True)]
    ours = {
        tuple(tuple(as_fraction(solution.strategies[name][label]) for label in labels)
              for name, labels in zip(game.players, order, strict=True))
        for solution in nash.nash_equilibria(normal_form, cross_check=False)  # Gambit is the cross-check here
    }
    theirs = {
        tuple(tuple(exact(eq[s]) for s in player.strategies) for player in g.players)
        for eq in pygambit.nash.enummixed_solve(g, rational=True).equilibria
    }
    assert ours == theirs


def reduced_plan(game: ExtensiveFormGame, player: int, behaviour) -> frozenset[tuple[str, str]]:
    """A pure behaviour strategy without the information sets the player's own moves rule out."""
    plan = {h.label: next(a for a, p in behaviour[h.label].items() if p == 1) for h in game.infosets_of(player)}

    def reachable(h) -> bool:
        return any(all(plan[k] == a for k, a in game.nodes[i].history if k in plan) for i in h.nodes)

    return frozenset((h.label, plan[h.label]) for h in game.infosets_of(player) if reachable(h))


@settings(max_examples=40)
@given(small_trees)
def test_subgame_perfect_equilibria_are_nash_equilibria_in_gambit(backward_induction, game):
    g = gambit_tree(game)
    pure = {
        tuple(plan_of(next(s for s in player.strategies if eq[s] == 1), player) for player in g.players)
        for eq in pygambit.nash.enumpure_solve(g).equilibria
    }
    for solution in backward_induction.subgame_perfect(game):
        profile = g.mixed_behavior_profile(rational=True)
        for h in g.infosets:
            if not h.is_chance:
                for action in h.actions:
                    profile[action] = pygambit.Rational(as_fraction(solution.behaviour[h.label][action.label]))
        assert profile.max_regret() == 0
        assert [exact(profile.payoff(p)) for p in g.players] == [as_fraction(solution.payoffs[p]) for p in game.players]
        if solution.is_pure:
            key = tuple(reduced_plan(game, i, solution.behaviour) for i in range(len(game.players)))
            assert key in pure
