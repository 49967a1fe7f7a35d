"""The generic perfect Bayesian verifier and belief rules on small hand-made games.

Every expected verdict below was worked out by hand (comments give the
arithmetic); none is produced by the code under test.

Rewritten for the verifier of ``escalation.solvers.pbe`` (``verify_pbe(game,
(behaviour, beliefs), offpath)``), which decides D1 and the intuitive criterion
for any number of types and replies itself.  The old helpers ``d1_restriction``
and ``complete_beliefs`` are gone: where a test used them to compute beliefs,
the beliefs are now written out by hand and given to the verifier.  Verdicts
that changed under the new semantics say so where they are tested.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from strategies import perfect_information_trees, trees_with_information_sets

from escalation.errors import ParameterError, SolverError, VerificationError
from escalation.games import ExtensiveFormGame, chance, decision, outcome
from escalation.solvers.backward_induction import subgame_perfect
from escalation.solvers.beliefs import bayes_weights, fraction_profile, previous_own, prior_belief, reach
from escalation.solvers.subgames import subgame_roots
from escalation.solvers.verify_pbe import is_pbe, verify_pbe

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
    assert is_pbe(beer_quiche(), assessment, offpath=offpath) is ok


def test_quiche_pool_fails_d1_at_the_beer_information_set():
    with pytest.raises(VerificationError, match=r"'after beer'.*fail D1.*'root/weak'"):
        verify_pbe(beer_quiche(), pooling("Quiche", "Beer", 1, 0), offpath="D1")


def test_hybrid_equilibrium_of_signalling_game_passes():
    verify_pbe(signalling(), hybrid(), offpath="D1")


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
    verify_pbe(entry(), ({"root": {"In": 1}, "root/In": {"Accommodate": 1}}, {}), offpath="D1")


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
    # Changed: "intuitive" is a rule of the new verifier (it used to be refused); "D2" is not.
    with pytest.raises(SolverError, match="off-path belief rule 'D2'"):
        verify_pbe(signalling(), hybrid(), offpath="D2")
    verify_pbe(signalling(), hybrid(), offpath="intuitive")   # 'after signal' is on the path: nothing to test
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
    assert is_pbe(game, (OWN_PROFILE, arbitrary), offpath=None)
    # (unchanged verdict; the message now reads "after an earlier belief or the player's own deviation")
    with pytest.raises(VerificationError, match=r"player's own deviation: node root/hard/In/Fight has belief 3/4, "
                                                 r"Bayes' rule gives 1"):
        verify_pbe(game, (OWN_PROFILE, arbitrary), offpath="free")
    # Bayes' rule ignoring P1's own deviation: (1/2 * 1) : (1/2 * 0) -- only the hard type fights.
    right = {**START, "P1 after a fight": {"root/hard/In/Fight": 1, "root/soft/In/Fight": 0}}
    for rule in ("free", "prior", "intuitive", "D1"):
        verify_pbe(game, (OWN_PROFILE, right), offpath=rule)


def test_bayes_weights_follow_the_players_own_earlier_belief():
    game = own_deviation_game()
    assert previous_own(game, "P1 after a fight") == ("P1 at the start", "In")
    assert previous_own(game, "P1 at the start") is None
    # weights: belief 1/2 at the start times P2's probability of fighting (1 hard, 0 soft)
    assert bayes_weights(game, OWN_PROFILE, START, "P1 after a fight") == {
        "root/hard/In/Fight": F(1, 2), "root/soft/In/Fight": F(0)}


def test_weak_pbe_can_rest_on_beliefs_bayes_rule_where_possible_forbids():
    game = own_deviation_game()
    # escalating pays only against the soft type (2 > -2); against the hard one -5 < -2
    profile = {**OWN_PROFILE, "P1 after a fight": {"Escalate": 1}}
    soft = {**START, "P1 after a fight": {"root/hard/In/Fight": 0, "root/soft/In/Fight": 1}}
    assert is_pbe(game, (profile, soft), offpath=None)
    assert not is_pbe(game, (profile, soft), offpath="free")


# --- the belief rules ----------------------------------------------------------------------------

def test_prior_belief_follows_chance_only():
    b, _ = pooling("Quiche", "Beer", 1, 0)
    # nobody drinks beer: the prior rule counts the zero-probability 'Beer' as one, leaving chance's 3/4 : 1/4
    assert prior_belief(beer_quiche("3/4"), b, {}, "after beer") == {"root/strong/Beer": F(3, 4),
                                                                     "root/weak/Beer": F(1, 4)}
    assert bayes_weights(beer_quiche("3/4"), b, {}, "after beer") == {"root/strong/Beer": 0, "root/weak/Beer": 0}


@pytest.mark.parametrize("strong", [0, F(1, 4), F(1, 2), F(3, 4), 1])
def test_d1_in_beer_quiche_rules_out_the_type_that_never_gains(strong):
    # Pooling on quiche: strong gets 2, weak 3.  After beer with duel probability s, strong gets 3 - 2s
    # (gains weakly iff s <= 1/2), weak gets 2 - 2s < 3 (never gains): D1 rules out weak, so the belief
    # after beer must be strong = 1, where the receiver does not duel (0 < 1) and strong then drinks beer
    # (3 > 2).  No belief and reply after beer make pooling on quiche a D1 equilibrium.  (The old test read
    # the same restriction off ``d1_restriction``; here the verifier decides each belief.)
    game = beer_quiche()
    duel = 1 if strong < F(1, 2) else (F(1, 2) if strong == F(1, 2) else 0)  # the receiver's best reply
    assessment = pooling("Quiche", "Beer", duel, strong)
    assert is_pbe(game, assessment, offpath="free") is (strong <= F(1, 2))   # strong stays with quiche iff s >= 1/2
    assert not is_pbe(game, assessment, offpath="D1")
    if strong < 1:
        with pytest.raises(VerificationError, match="fail D1: D1 rules out type 'root/weak'"):
            verify_pbe(game, assessment, offpath="D1")


@pytest.mark.parametrize("strong", [0, 1])
def test_d1_with_nothing_to_gain_leaves_beliefs_free(strong):
    # Quiche worth -5 to the weak type: quiche pays at most -3 < 2 (weak) and 2 < 3 (strong): no type can gain,
    # D1 rules out both and so restricts nothing; with belief 'strong' the receiver does not duel (1 > 0),
    # with belief 'weak' it duels (1 > 0), and neither reply tempts a type.
    game = beer_quiche(quiche_for_weak=-5)
    assessment = pooling("Beer", "Quiche", 1 - strong, strong)
    for rule in ("free", "intuitive", "D1"):
        verify_pbe(game, assessment, offpath=rule)


def test_d1_with_three_replies_is_decided():
    # Changed: the old D1 refused a receiver with more than two replies; the new verifier decides it.
    # Both types get 3 from Quiet; Signal pays the sender at most 2 (reply M).  No type can gain, D1 rules out
    # both and restricts nothing; with belief 'a' the receiver's best reply is L (1 against 0 and 0).
    def sender(kind):
        respond = decision("Receiver", {"L": outcome(None, (1, int(kind == "a"))), "M": outcome(None, (2, 0)),
                                        "R": outcome(None, (0, int(kind == "b")))}, infoset="after signal")
        return decision("Sender", {"Quiet": outcome(None, (3, 0)), "Signal": respond})
    game = ExtensiveFormGame(("Sender", "Receiver"), chance({"a": ("1/2", sender("a")), "b": ("1/2", sender("b"))}))
    b = {"root/a": {"Quiet": 1}, "root/b": {"Quiet": 1}, "after signal": {"L": 1}}
    on_a = {"after signal": {"root/a/Signal": 1, "root/b/Signal": 0}}
    for rule in ("free", "intuitive", "D1"):
        verify_pbe(game, (b, on_a), offpath=rule)
    # the prior (1/2, 1/2) makes L and R tie at 1/2 and M pay 0: L is still a best reply
    verify_pbe(game, (b, {"after signal": {"root/a/Signal": "1/2", "root/b/Signal": "1/2"}}), offpath="prior")
    # belief 'b' makes R the only best reply: L is not sequentially rational
    with pytest.raises(VerificationError, match="'after signal'"):
        verify_pbe(game, (b, {"after signal": {"root/a/Signal": 0, "root/b/Signal": 1}}), offpath="D1")


def test_intuitive_criterion_rejects_pooling_on_quiche_whatever_the_belief():
    # Pooling on quiche with duelling after beer (belief weak >= 1/2): the weak type can never gain from beer
    # (2 - 2s < 3), so beliefs on the strong type alone are what matter; against them the receiver does not duel
    # and the strong type gains 3 > 2.  The intuitive criterion tests the equilibrium, not the belief.
    game = beer_quiche()
    assert is_pbe(game, pooling("Quiche", "Beer", 1, 0), offpath="free")
    with pytest.raises(VerificationError, match="intuitive criterion at off-path information set 'after beer'"):
        verify_pbe(game, pooling("Quiche", "Beer", 1, 0), offpath="intuitive")
    verify_pbe(game, pooling("Beer", "Quiche", 1, 0), offpath="intuitive")


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
            verify_pbe(game, (spe.behaviour, {}), offpath=rule)


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
