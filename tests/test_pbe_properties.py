"""Invariants of the perfect Bayesian solver on drawn games with private information.

The games come from :func:`strategies.signalling_games`: a chance move draws
2 or 3 types, information sets run across the types (sender--receiver,
sender--receiver--sender, and two-sided types), 2 or 3 actions per set.  Most
tests draw *generic* payoffs (no player indifferent between two outcomes);
``test_degenerate_games`` draws small integer payoffs with many ties, where
equilibria come in continua.  The oracles are independent of the solver:
pygambit (exact Nash regret of the induced mixed strategies in the reduced
strategic form) and the brute-force enumeration of pure profiles in
:mod:`pbe_brute_force`.

Comparisons are between sets of behaviour profiles (exact probabilities).
Continua are listed by their extreme members; the refinements only filter
the enumeration, so a refined set is compared as a subset of the listed
members of the coarser one.

Runtime: each game is solved once per rule (cached by its .efg text); the
default run draws few, small games, the ``slow`` run many larger ones.
"""

from __future__ import annotations

import io
from fractions import Fraction

import pytest
from hypothesis import Phase, given, note, settings
from hypothesis import strategies as st
from pbe_brute_force import pure_pbe
from pbe_results import behaviours, independent_groups, profile_key, profiles, pure_profiles
from strategies import signalling_games

from escalation.games import ExtensiveFormGame
from escalation.games.nodes import Chance, Decision, Outcome
from escalation.io import efg_text
from escalation.numbers import as_fraction
from escalation.solvers.pbe import perfect_bayesian, verify_pbe

RULES = ("free", "prior", "intuitive", "D1")

one_sided = st.sampled_from(["sender-receiver", "sender-receiver-sender"])
small_games = one_sided.flatmap(lambda shape: signalling_games(shape=shape, generic=True, max_pure_profiles=256))
sender_receiver = signalling_games(shape="sender-receiver", generic=True, max_pure_profiles=256)
two_sided = signalling_games(shape="two-sided", generic=True, max_pure_profiles=256)
# two-sided games in which the Sender moves again after two (message, reply) pairs
nested_deviations = two_sided.filter(lambda game: sum(label.count(":") == 3 for label in game.infosets) >= 2)
degenerate_games = signalling_games(low=-2, high=2, max_types=2, max_actions=2, max_pure_profiles=64)
larger_games = st.one_of(signalling_games(generic=True, max_pure_profiles=4096),
                         signalling_games(low=-3, high=3, max_pure_profiles=1024))
# Solving is costly: few examples by default, and no shrinking (a failing game is printed as .efg text by
# note(); the slow run shrinks).
FEW = settings(max_examples=25, phases=[Phase.explicit, Phase.reuse, Phase.generate])

_cache: dict[tuple[str, str], object] = {}


def solve(game: ExtensiveFormGame, rule: str):
    """The solver's equilibria (each game and rule solved once per session); the game is noted for reports."""
    key = (efg_text(game), rule)
    note(f"offpath={rule!r}, game:\n{key[0]}")
    if key not in _cache:
        _cache[key] = perfect_bayesian(game, offpath=rule)
    return _cache[key]


def pure_solutions(equilibria) -> set[frozenset]:
    """The pure members of the result, as sets of (information set, action, probability)."""
    return {profile_key(b) for _, b in behaviours(equilibria)
            if all(p in (0, 1) for acts in b.values() for p in acts.values())}


def pure_key(profile: dict[str, str], game: ExtensiveFormGame) -> frozenset:
    return frozenset((h, a, Fraction(int(a == profile[h]))) for h in game.infosets for a in game.infosets[h].actions)


# -- every answer is an equilibrium ------------------------------------------------------------------
def _check_verified(game, rule):
    equilibria = solve(game, rule)
    assert independent_groups(equilibria)
    assert not [n for n in equilibria.notes if "solver bug" in n]  # no continuation was dropped as a bug
    for s in equilibria:
        for options in (s.alternatives or {}).values():  # the first continuation listed is the representative's
            assert all(as_fraction(s.behaviour[h][a]) == as_fraction(p) for h, acts in options[0].items()
                       for a, p in acts.items())
        verify_pbe(game, s, offpath=rule)
        _check_options_verified(game, s, rule)
        for label, extremes in (s.belief_sets or {}).items():
            assert len(extremes) >= 2
            for belief in extremes:
                verify_pbe(game, (s.behaviour, {**s.beliefs, label: belief}), offpath=rule)
        assert sum(as_fraction(p) for p in s.outcomes.values()) == 1


def _check_options_verified(game, s, rule):
    """Every listed continuation, substituted into the representative with the beliefs reported for it (the
    representative's elsewhere), passes the verifier: one group at a time, since the groups are independent."""
    assert set(s.alternative_beliefs or {}) == set(s.alternatives or {})
    for d, options in (s.alternatives or {}).items():
        supports = s.alternative_beliefs[d]
        assert len(supports) == len(options)
        for option, beliefs in zip(options, supports, strict=True):
            verify_pbe(game, ({**s.behaviour, **option}, {**s.beliefs, **beliefs}), offpath=rule)


@pytest.mark.parametrize("rule", RULES)
@FEW
@given(game=small_games)
def test_every_assessment_passes_the_verifier_under_its_rule(game, rule):
    _check_verified(game, rule)


# -- every PBE is a Nash equilibrium (pygambit) ---------------------------------------------------------
def _gambit_profile(game: ExtensiveFormGame, behaviour):
    """pygambit's tree read from our .efg text, and ``behaviour`` as an exact pygambit profile."""
    pygambit = pytest.importorskip("pygambit")
    g = pygambit.read_efg(io.StringIO(efg_text(game)))
    profile = g.mixed_behavior_profile(rational=True)
    for h in g.infosets:
        if not h.is_chance:
            for action in h.actions:
                profile[action] = pygambit.Rational(as_fraction(behaviour[h.label][action.label]))
    return pygambit, g, profile


def _nash_regret(game: ExtensiveFormGame, behaviour) -> tuple:
    """Max regret of the induced mixed strategies in the reduced strategic form, and the payoffs (exact)."""
    pygambit, g, profile = _gambit_profile(game, behaviour)
    mixed = profile.as_strategy()
    regret = mixed.max_regret()
    assert isinstance(regret, pygambit.Rational)
    payoffs = tuple(Fraction(mixed.payoff(p)) for p in g.players)
    return Fraction(regret), payoffs


@pytest.mark.gambit
@FEW
@given(game=small_games)
def test_every_perfect_bayesian_equilibrium_is_a_nash_equilibrium_in_gambit(game):
    for s, b in behaviours(solve(game, "free")):
        regret, payoffs = _nash_regret(game, b)
        assert regret == 0
        assert payoffs == tuple(as_fraction(s.payoffs[p]) for p in game.players)
        if all(p in (0, 1) for acts in b.values() for p in acts.values()):
            # then it is among the pure equilibria gambit enumerates in the strategic form
            pygambit, g, profile = _gambit_profile(game, b)
            mixed = profile.as_strategy()
            strategies = [t for player in g.players for t in player.strategies]
            assert any(all(eq[t] == mixed[t] for t in strategies) for eq in pygambit.nash.enumpure_solve(g).equilibria)


# -- refinements only remove equilibria ------------------------------------------------------------------
@FEW
@given(game=small_games)
def test_refinements_only_remove_equilibria(game):
    _check_nested(game)


# -- invariance ------------------------------------------------------------------------------------------
def _map_tree(node, payoff=lambda i, u: u, actions=lambda label, moves: moves):
    if isinstance(node, Outcome):
        return Outcome(node.label, tuple(payoff(i, u) for i, u in enumerate(node.payoffs)))
    if isinstance(node, Chance):
        return Chance(tuple((a, p, _map_tree(c, payoff, actions)) for a, p, c in node.moves))
    moves = tuple((a, _map_tree(c, payoff, actions)) for a, c in node.moves)
    return Decision(node.player, actions(node.infoset, moves), node.infoset)


SCALES = st.tuples(st.sampled_from([1, 2, 3, Fraction(1, 2)]), st.sampled_from([1, 5, Fraction(2, 3)]))


@FEW
@given(game=small_games, scale=SCALES, shift=st.tuples(st.integers(-4, 4), st.integers(-4, 4)),
       rule=st.sampled_from(RULES))
def test_positive_affine_payoff_transforms_change_nothing(game, scale, shift, rule):
    moved = ExtensiveFormGame(game.players, _map_tree(game.root, lambda i, u: scale[i] * as_fraction(u) + shift[i]),
                              game.title)
    before, after = solve(game, rule), solve(moved, rule)
    assert profiles(before) == profiles(after)
    assert ({(profile_key(b), s.name) for s, b in behaviours(before)}
            == {(profile_key(b), s.name) for s, b in behaviours(after)})
    assert before.knife_edge == after.knife_edge


@FEW
@given(game=small_games, data=st.data(), rule=st.sampled_from(RULES))
def test_relabelling_and_reordering_actions_changes_nothing(game, data, rule):
    orders = {label: data.draw(st.permutations(range(len(h.actions))), label=label)
              for label, h in game.infosets.items()}

    def relabel(label, moves):
        return tuple((f"new {moves[k][0]}", moves[k][1]) for k in orders[label])

    moved = ExtensiveFormGame(game.players, _map_tree(game.root, actions=relabel), game.title)

    def back(behaviour):
        return {h: {a.removeprefix("new "): p for a, p in acts.items()} for h, acts in behaviour.items()}

    assert profiles(solve(game, rule)) == {profile_key(back(b)) for _, b in behaviours(solve(moved, rule))}


# -- pure equilibria: the solver's equal a brute-force enumeration -------------------------------------------
@pytest.mark.parametrize("rule", ["free", "prior"])
@FEW
@given(game=small_games)
def test_pure_equilibria_equal_brute_force(game, rule):
    ours = pure_solutions(solve(game, rule))
    assert ours == {pure_key(p, game) for p in pure_pbe(game, rule)}


@pytest.mark.parametrize("rule", ["intuitive", "D1"])
@FEW
@given(game=sender_receiver)
def test_pure_refined_equilibria_equal_brute_force_in_sender_receiver_games(game, rule):
    ours = pure_solutions(solve(game, rule))
    assert ours == {pure_key(p, game) for p in pure_pbe(game, rule)}


# -- degenerate games --------------------------------------------------------------------------------------
def _check_nested(game):
    """D1 within the intuitive criterion within free beliefs, and prior within free, as sets of equilibria:
    every member reported under the stricter rule passes the verifier under the weaker one, and the pure
    members are reported under both (a pure member of a continuum is a vertex of it, so it is always listed;
    a mixed member under a stricter rule may lie inside a continuum that the weaker rule reports by its ends)."""
    for strict, weak in (("D1", "intuitive"), ("intuitive", "free"), ("prior", "free")):
        for s in solve(game, strict):
            verify_pbe(game, s, offpath=weak)
        assert pure_profiles(solve(game, strict)) <= pure_profiles(solve(game, weak))


def _every_invariant(game):
    for rule in RULES:
        _check_verified(game, rule)
    _check_nested(game)
    for rule in ("free", "prior"):
        assert pure_solutions(solve(game, rule)) == {
            pure_key(p, game) for p in pure_pbe(game, rule)}
    if game.title == "drawn sender-receiver game":
        for rule in ("intuitive", "D1"):
            assert pure_solutions(solve(game, rule)) == {
                pure_key(p, game) for p in pure_pbe(game, rule)}


@pytest.mark.slow  # over a minute: ties make many supports possible
@FEW
@given(game=degenerate_games)
def test_degenerate_games(game):
    """Small games with payoffs in -2..2: ties everywhere, continua of equilibria, knife edges."""
    _every_invariant(game)


@FEW
@given(game=two_sided)
def test_two_sided_private_information(game):
    """Both players have types; after some (message, reply) pairs the Sender moves again, unsure of the
    Receiver's type."""
    _every_invariant(game)
    for _, b in behaviours(solve(game, "free")):
        assert _nash_regret(game, b)[0] == 0


@FEW
@given(game=nested_deviations)
def test_deviations_nested_in_deviations(game):
    """Two-sided games in which the Sender moves again after two (message, reply) pairs, so that an unused reply
    to an unused message is common.  The continuations after the inner deviation belong to each continuation
    after the outer one; when they were reported as a group of their own, pure equilibria were lost (and a
    non-equilibrium reported) in 4 of 25 such draws (see test_pbe_drawn.py)."""
    for rule in ("free", "prior"):
        found = solve(game, rule)
        for s in found:
            verify_pbe(game, s, offpath=rule)
        assert independent_groups(found)
        assert pure_solutions(found) == {pure_key(p, game) for p in pure_pbe(game, rule)}
    for _, b in behaviours(solve(game, "free")):
        assert _nash_regret(game, b)[0] == 0


# -- a larger run ------------------------------------------------------------------------------------------
# Exhaustive, not in CI: with CI's derandomised profile the draws begin with the simplest ones, and the ninth
# is a two-sided game with every payoff zero (every profile an equilibrium, continua at every information set)
# on which the solver runs for over ten minutes.  Run by hand it draws at random; a run of 2026-12-07 found the
# dropped singleton continuations (test_pbe_drawn.py) and then passed 300 draws in 218 s.
@pytest.mark.slow
@pytest.mark.exhaustive
@settings(max_examples=300)
@given(game=larger_games)
def test_slow_larger_games_every_invariant(game):
    _every_invariant(game)
    for _, b in behaviours(solve(game, "free")):
        assert _nash_regret(game, b)[0] == 0
