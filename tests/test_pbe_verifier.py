"""The generic perfect Bayesian verifier and belief rules on small hand-made games.

Every expected verdict below was worked out by hand (comments give the
arithmetic); none is produced by the code under test.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import perfect_information_trees, trees_with_information_sets

from escalation.errors import ParameterError, SolverError, VerificationError
from escalation.games import ExtensiveFormGame, chance, decision, outcome
from escalation.solvers.backward_induction import subgame_perfect
from escalation.solvers.beliefs import (
    complete_beliefs,
    d1_restriction,
    fraction_profile,
    prior_belief,
    reach,
    subtree_value,
)
from escalation.solvers.subgames import subgame_roots, subtree_end
from escalation.solvers.verify_pbe import _best_plan, _best_plan_backward, is_pbe, verify_pbe

F = Fraction


# --- games ------------------------------------------------------------------------------------

def beer_quiche(p_strong="9/10", quiche_for_weak=1):
    """Cho & Kreps (1987): the sender likes its breakfast (+1) and avoiding a duel (+2)."""
    def sender(kind, beer, quiche):
        def respond(food, base, duel_pay):
            return decision("Receiver", {"Duel": outcome("duel", (base, duel_pay)),
                                         "Not": outcome("peace", (base + 2, 1 - duel_pay))}, infoset=f"after {food}")
        duel_pay = 1 if kind == "weak" else 0
        return decision("Sender", {"Beer": respond("beer", beer, duel_pay),
                                   "Quiche": respond("quiche", quiche, duel_pay)})
    return ExtensiveFormGame(("Sender", "Receiver"), chance({
        "strong": (p_strong, sender("strong", 1, 0)),
        "weak": (1 - F(p_strong), sender("weak", 0, quiche_for_weak)),
    }), "beer-quiche")


def pooling(food, other, duel_after_other, off_belief_strong):
    b = {"root/strong": {food: 1, other: 0}, "root/weak": {food: 1, other: 0},
         f"after {food.lower()}": {"Not": 1, "Duel": 0},
         f"after {other.lower()}": {"Duel": duel_after_other, "Not": 1 - duel_after_other}}
    mu = {f"after {food.lower()}": {f"root/strong/{food}": "9/10", f"root/weak/{food}": "1/10"},
          f"after {other.lower()}": {f"root/strong/{other}": off_belief_strong,
                                     f"root/weak/{other}": 1 - F(off_belief_strong)}}
    return b, mu


def signalling():
    """Tough (1/3) or weak (2/3) sender; fighting a signal costs the weak type more."""
    def sender(u_fight, r_fight):
        respond = decision("Receiver", {"Yield": outcome("yield", (2, 0)),
                                        "Fight": outcome("fight", (u_fight, r_fight))}, infoset="after signal")
        return decision("Sender", {"Quiet": outcome("quiet", (0, 1)), "Signal": respond})
    return ExtensiveFormGame(("Sender", "Receiver"), chance({
        "tough": ("1/3", sender(-1, -1)), "weak": ("2/3", sender(-2, 1))}))


def hybrid():
    """Tough signals, weak signals w.p. 1/2 (posterior 1/2 makes the receiver indifferent), receiver fights w.p. 1/2
    (weak: 2(1/2) - 2(1/2) = 0 = quiet, indifferent; tough: 2(1/2) - 1/2 = 1/2 > 0)."""
    b = {"root/tough": {"Signal": 1, "Quiet": 0}, "root/weak": {"Signal": "1/2", "Quiet": "1/2"},
         "after signal": {"Fight": "1/2", "Yield": "1/2"}}
    mu = {"after signal": {"root/tough/Signal": "1/2", "root/weak/Signal": "1/2"}}
    return b, mu


def entry():
    return ExtensiveFormGame(("Entrant", "Incumbent"), decision("Entrant", {
        "Out": outcome("Monopoly", (0, 2)),
        "In": decision("Incumbent", {"Fight": outcome("war", (-1, -1)), "Accommodate": outcome("share", (1, 1))}),
    }))


def own_deviation_game():
    """P1 stays out; had it entered, a hard P2 fights and a soft one yields; after a fight P1 retreats or escalates.

    Payoffs (P1, P2): out (0, 0); win (1, -1); hard branch: retreat (-2, 1), war (-5, 0);
    soft branch: retreat (-2, -3), war (2, -2).  A hard P2 fights and a soft one yields whatever P1 does next.
    """
    def branch(retreat, war):
        last = decision("P1", {"Retreat": outcome("retreat", retreat), "Escalate": outcome("war", war)},
                        infoset="P1 after a fight")
        return decision("P1", {"Out": outcome("out", (0, 0)),
                               "In": decision("P2", {"Fight": last, "Yield": outcome("win", (1, -1))})},
                        infoset="P1 at the start")
    return ExtensiveFormGame(("P1", "P2"), chance({"hard": ("1/2", branch((-2, 1), (-5, 0))),
                                                    "soft": ("1/2", branch((-2, -3), (2, -2)))}))


OWN_PROFILE = {"P1 at the start": {"Out": 1}, "root/hard/In": {"Fight": 1}, "root/soft/In": {"Yield": 1},
               "P1 after a fight": {"Retreat": 1}}
START = {"P1 at the start": {"root/hard": F(1, 2), "root/soft": F(1, 2)}}


# --- acceptance and rejection --------------------------------------------------------------------

@pytest.mark.parametrize(("assessment", "offpath", "ok"), [
    # pooling on beer, quiche read as weak: a PBE that passes D1 (strong never gains from quiche)
    pytest.param(pooling("Beer", "Quiche", 1, 0), "D1", True, id="beer-pool-D1"),
    pytest.param(pooling("Beer", "Quiche", 1, 0), None, True, id="beer-pool-weak"),
    # pooling on quiche, beer read as weak: a PBE, but D1 puts beer on the strong type
    pytest.param(pooling("Quiche", "Beer", 1, 0), None, True, id="quiche-pool-weak"),
    pytest.param(pooling("Quiche", "Beer", 1, 0), "free", True, id="quiche-pool-free"),
    pytest.param(pooling("Quiche", "Beer", 1, 0), "D1", False, id="quiche-pool-D1"),
    # prior belief after beer (9/10 strong): the receiver should not duel
    pytest.param(pooling("Quiche", "Beer", 1, "9/10"), "prior", False, id="quiche-pool-prior"),
])
def test_beer_quiche_pooling_equilibria(assessment, offpath, ok):
    assert is_pbe(beer_quiche(), assessment, offpath) is ok


def test_quiche_pool_fails_d1_at_the_beer_information_set():
    with pytest.raises(VerificationError, match=r"'after beer'.*fail D1.*'root/weak'"):
        verify_pbe(beer_quiche(), pooling("Quiche", "Beer", 1, 0), "D1")


def test_hybrid_equilibrium_of_signalling_game_passes():
    verify_pbe(signalling(), hybrid(), "D1")


def test_wrong_belief_on_the_path_is_rejected():
    b, _ = hybrid()
    wrong = {"after signal": {"root/tough/Signal": "1/3", "root/weak/Signal": "2/3"}}  # Bayes gives 1/2, 1/2
    with pytest.raises(VerificationError, match=r"'after signal' break Bayes' rule on the path.*gives 1/2"):
        verify_pbe(signalling(), (b, wrong))


def test_non_optimal_action_off_the_path_is_rejected():
    # Pool on quiet with the off-path belief "tough": the receiver must yield (-1 < 0) but fights.
    b = {"root/tough": {"Quiet": 1}, "root/weak": {"Quiet": 1}, "after signal": {"Fight": 1}}
    mu = {"after signal": {"root/tough/Signal": 1, "root/weak/Signal": 0}}
    with pytest.raises(VerificationError, match=r"not sequentially rational at information set 'after signal'"):
        verify_pbe(signalling(), (b, mu))


def test_non_optimal_action_on_the_path_names_the_sender():
    b, mu = hybrid()
    b = {**b, "after signal": {"Fight": 1}}  # signalling now pays -1 < 0 to the tough type
    with pytest.raises(VerificationError, match=r"'root/tough': Sender gains 1"):
        verify_pbe(signalling(), (b, mu))


def test_non_credible_threat_fails_in_a_perfect_information_game():
    threat = {"root": {"Out": 1}, "root/In": {"Fight": 1}}
    with pytest.raises(VerificationError, match=r"'root/In': Incumbent gains 2"):
        verify_pbe(entry(), (threat, {}))
    verify_pbe(entry(), ({"root": {"In": 1}, "root/In": {"Accommodate": 1}}, {}), "D1")


@pytest.mark.parametrize(("beliefs", "message"), [
    pytest.param({}, "no beliefs at information set 'after signal'", id="missing"),
    pytest.param({"after signal": {"root/tough/Signal": "1/2", "root/weak/Signal": "1/3"}},
                 "not a probability distribution", id="sum"),
    pytest.param({"after signal": {"root/tough/Signal": 2, "root/weak/Signal": -1}},
                 "not a probability distribution", id="negative"),
    pytest.param({"after signal": {"root/tough/Quiet": 1}}, "name node 'root/tough/Quiet'", id="stray-node"),
    pytest.param({"after signal": {"root/tough/Signal": 1}, "nowhere": {"x": 1}}, "'nowhere'", id="stray-set"),
])
def test_malformed_beliefs_are_rejected(beliefs, message):
    b, _ = hybrid()
    with pytest.raises(VerificationError, match=message):
        verify_pbe(signalling(), (b, beliefs))


def test_malformed_behaviour_is_a_verification_error_naming_the_set():
    b, mu = hybrid()
    with pytest.raises(VerificationError, match="'after signal'"):
        verify_pbe(signalling(), ({**b, "after signal": {"Fight": "1/2"}}, mu))
    with pytest.raises(VerificationError, match="'root/weak'"):
        verify_pbe(signalling(), ({k: v for k, v in b.items() if k != "root/weak"}, mu))


def test_unknown_rule_and_symbolic_games_are_refused():
    with pytest.raises(SolverError, match="off-path belief rule"):
        verify_pbe(signalling(), hybrid(), "intuitive")
    import sympy

    x = sympy.Symbol("x", real=True)
    symbolic = ExtensiveFormGame(("A",), decision("A", {"a": outcome(None, (x,)), "b": outcome(None, (0,))}))
    with pytest.raises(ParameterError, match="x"):
        verify_pbe(symbolic, ({"root": {"a": 1}}, {}))


# --- Bayes' rule where possible ----------------------------------------------------------------

def test_own_deviation_needs_bayes_rule_only_when_a_rule_is_named():
    game = own_deviation_game()
    # Reaching "P1 after a fight" needs P1's own entry; P2's strategy says only the hard type fights.
    # With belief 3/4 hard, escalating pays 3/4(-5) + 1/4(2) = -13/4 < -2: retreating is still optimal.
    arbitrary = {**START, "P1 after a fight": {"root/hard/In/Fight": "3/4", "root/soft/In/Fight": "1/4"}}
    assert is_pbe(game, (OWN_PROFILE, arbitrary), None)
    with pytest.raises(VerificationError, match="after the player's own deviation"):
        verify_pbe(game, (OWN_PROFILE, arbitrary), "free")
    right = complete_beliefs(game, OWN_PROFILE, "free")
    assert right == {**START, "P1 after a fight": {"root/hard/In/Fight": 1, "root/soft/In/Fight": 0}}
    verify_pbe(game, (OWN_PROFILE, right), "free")


def test_weak_pbe_can_rest_on_beliefs_bayes_rule_where_possible_forbids():
    game = own_deviation_game()
    # escalating pays only against the soft type (2 > -2); against the hard one -5 < -2
    profile = {**OWN_PROFILE, "P1 after a fight": {"Escalate": 1}}
    soft = {**START, "P1 after a fight": {"root/hard/In/Fight": 0, "root/soft/In/Fight": 1}}
    assert is_pbe(game, (profile, soft), None)
    assert not is_pbe(game, (profile, soft), "free")


# --- the belief rules ----------------------------------------------------------------------------

def test_prior_belief_follows_chance_only():
    assert prior_belief(beer_quiche("3/4"), "after beer") == {"root/strong/Beer": F(3, 4), "root/weak/Beer": F(1, 4)}


def test_d1_in_beer_quiche_rules_out_the_type_that_never_gains():
    game = beer_quiche()
    b, _ = pooling("Quiche", "Beer", 1, 0)
    # strong: beer pays 3 - 2s against 2 in equilibrium (gains iff duel prob s <= 1/2); weak: 2 - 2s < 3 never
    d1 = d1_restriction(game, b, {}, "after beer")
    assert (d1.sender, d1.message) == ("Sender", "Beer")
    assert d1.surviving == ("root/strong",)
    assert d1.eliminated == {"root/weak": "root/strong"}
    assert complete_beliefs(game, b, "D1")["after beer"] == {"root/strong/Beer": 1, "root/weak/Beer": 0}


def test_d1_with_nothing_to_gain_leaves_beliefs_free():
    # Quiche worth -5 to the weak type: it pays at most -3 < 2 (weak) and 2 < 3 (strong): no type can gain,
    # D1 rules out both and so restricts nothing.
    game = beer_quiche(quiche_for_weak=-5)
    b, _ = pooling("Beer", "Quiche", 1, 0)
    d1 = d1_restriction(game, b, {}, "after quiche")
    assert set(d1.eliminated) == {"root/strong", "root/weak"}
    assert d1.surviving == ("root/strong", "root/weak")
    assert d1.problem({"root/strong/Quiche": 1}) is None
    assert d1.problem({"root/weak/Quiche": 1}) is None


def test_d1_is_refused_where_it_is_not_implemented():
    def sender(kind):
        respond = decision("Receiver", {"L": outcome(None, (1, int(kind == "a"))), "M": outcome(None, (2, 0)),
                                        "R": outcome(None, (0, int(kind == "b")))}, infoset="after signal")
        return decision("Sender", {"Quiet": outcome(None, (3, 0)), "Signal": respond})
    game = ExtensiveFormGame(("Sender", "Receiver"), chance({"a": ("1/2", sender("a")), "b": ("1/2", sender("b"))}))
    b = {"root/a": {"Quiet": 1}, "root/b": {"Quiet": 1}, "after signal": {"L": 1}}
    with pytest.raises(SolverError, match="more than two actions"):
        d1_restriction(game, b, {}, "after signal")


def test_reach_discounts_the_owners_moves():
    game = own_deviation_game()
    b = fraction_profile(game, OWN_PROFILE)
    idx = game.node("root/hard/In/Fight").index
    assert reach(game, b)[idx] == 0
    assert reach(game, b, discount=0)[idx] == F(1, 2)


# --- properties ------------------------------------------------------------------------------------

@given(perfect_information_trees(max_depth=3))
def test_subgame_perfect_equilibria_pass_as_pbe_in_perfect_information_trees(game):
    for spe in subgame_perfect(game, max_equilibria=200):
        for rule in (None, "free", "prior", "D1"):
            verify_pbe(game, (spe.behaviour, {}), rule)


def _subgame_beliefs(game, behaviour):
    """Beliefs conditional on reaching the nearest subgame root above each information set."""
    b = fraction_profile(game, behaviour)
    roots = set(subgame_roots(game))
    out = {}
    for label, h in game.infosets.items():
        if len(h.nodes) == 1:
            continue
        weights = {}
        for x in h.nodes:
            w, node = F(1), game.nodes[x]
            while node.index not in roots:
                parent = game.nodes[node.parent]
                probs = (parent.probabilities if parent.kind == "chance"
                         else [b[parent.infoset][a] for a in parent.actions])
                w *= F(str(probs[parent.actions.index(node.action)]))
                node = parent
            weights[game.nodes[x].path] = w
        total = sum(weights.values())
        out[label] = {x: w / total for x, w in weights.items()}
    return out


@given(trees_with_information_sets())
def test_subgame_perfect_equilibria_are_weak_pbe_with_subgame_beliefs(game):
    for spe in subgame_perfect(game, max_equilibria=200):
        verify_pbe(game, (spe.behaviour, _subgame_beliefs(game, spe.behaviour)))


def _drawn_behaviour(draw, game):
    """A behaviour profile with small rational probabilities at every information set."""
    out = {}
    for label, h in game.infosets.items():
        weights = [draw(st.integers(0, 3)) for _ in h.actions]
        if not any(weights):
            weights[0] = 1
        out[label] = {a: F(w, sum(weights)) for a, w in zip(h.actions, weights, strict=True)}
    return out


@given(st.one_of(trees_with_information_sets(max_depth=3), perfect_information_trees(max_depth=4)), st.data())
def test_best_plan_by_backward_induction_equals_enumerating_every_plan(game, data):
    # The large-game path of the verifier (used when a set has more than MAX_PLANS plans below it)
    # must find the same best deviation value as the enumeration of all plans.
    b = _drawn_behaviour(data.draw, game)
    end = subtree_end(game)
    for label, h in game.infosets.items():
        weights = {x: F(data.draw(st.integers(1, 4))) for x in h.nodes}
        total = sum(weights.values())
        weights = {x: w / total for x, w in weights.items()}
        enumerated, _ = _best_plan(game, b, label, weights, end)
        backward, plan = _best_plan_backward(game, b, label, weights)
        assert backward == enumerated
        deviation = {**b, **{g: {a: F(int(a == act)) for a in game.infosets[g].actions} for g, act in plan.items()}}
        player = h.player
        assert sum(w * subtree_value(game, deviation, x, player) for x, w in weights.items()) == backward
