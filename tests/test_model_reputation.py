"""Kreps-Wilson chain store: LITERATURE.md section 5 cases, incentive constraints re-checked, statics."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from escalation.errors import ParameterError, VerificationError
from escalation.games import ExtensiveFormGame, chance, decision, outcome
from escalation.models import get_model
from escalation.models import reputation as kw
from escalation.models.reputation import (
    MODEL,
    build,
    entry_probability,
    fight_probability,
    first_probe_fight_probability,
    posterior,
    stage_table,
    states,
    verify,
)
from escalation.numbers import exact
from escalation.solvers.verify_pbe import is_pbe, verify_pbe

F = Fraction


def point(N, a, b, delta):
    """Values for the closed forms, which take up to 60 stages (the model's tree is solved for N <= 4)."""
    return {"N": N, "a": a, "b": b, "delta": delta}


# N, a, b, delta -> entry probability by stage (n = N ... 1, given a weak coalition), first-probe fight probability
CASES = [
    pytest.param(3, 2, F(1, 2), F(1, 5), (0, 1, F(7, 8)), F(1, 4), id="row1"),
    pytest.param(3, 2, F(1, 2), F(1, 10), (1, F(5, 6), F(35, 36)), F(1, 3), id="row2"),
    pytest.param(4, 2, F(1, 2), F(1, 10), (0, 1, F(5, 6), F(35, 36)), F(1, 3), id="row3"),
    pytest.param(2, 3, F(1, 3), F(1, 4), (0, 1), 0, id="row4"),
    pytest.param(3, 2, F(1, 2), 0, (1, 1, 1), 0, id="row5-selten"),
]


@pytest.mark.parametrize(("N", "a", "b", "delta", "entry", "first_fight"), CASES)
def test_reference_cases(N, a, b, delta, entry, first_fight):
    values = point(N, a, b, delta)
    table = stage_table(values)
    assert [n for n, _, _ in table] == list(range(N, 0, -1))
    assert tuple(e for _, e, _ in table) == entry
    assert first_probe_fight_probability(values) == first_fight


def _probers_belief(solution, n: int, history: str):
    """The probers' belief that the coalition is tough at ``history`` with ``n`` stages left: 0 after an
    accommodation (only a weak coalition accommodates, so the set has one node and no belief is listed)."""
    belief = solution.beliefs.get(f"P{n} after {history}")
    if belief is None:
        assert "Accommodate" in history
        return exact(0)
    return exact(sum(v for path, v in belief.items() if path.startswith("root/Tough")))


@pytest.mark.parametrize(("N", "a", "b", "delta"), [c.values[:4] for c in CASES])
def test_the_generic_solver_finds_the_kreps_wilson_equilibrium(N, a, b, delta):
    """The tree solved by ``perfect_bayesian`` (the model's solver): one equilibrium, and at every history every
    prober and the weak coalition play the closed forms at the probers' belief there."""
    (s,) = MODEL.solve(N=N, a=a, b=b, delta=delta)
    a, b = exact(a), exact(b)
    checked = 0
    for h, acts in s.behaviour.items():
        n, history = int(h[1:h.index(" ")]), h[h.index(" after ") + len(" after "):]
        p = _probers_belief(s, n, history)
        if h.startswith("P"):
            assert exact(acts["Enter"]) == entry_probability(n, p, a, b), h
        else:
            assert exact(acts["Fight"]) == fight_probability(n, p, b), h
        checked += 1
    assert checked == len(s.behaviour)
    assert s.name.startswith("reputation" if delta else "no reputation")


def test_row2_posterior_after_the_first_fight_is_b_squared_and_prober_2_mixes_one_half():
    assert posterior(3, F(1, 10), F(1, 2), "Fight") == F(1, 4)
    (s,) = MODEL.solve(N=3, a=2, b=F(1, 2), delta=F(1, 10))
    assert s.behaviour["P2 after Fight"]["Stay out"] == F(1, 2)
    assert s.behaviour["W3 after start"]["Fight"] == F(1, 3)
    assert s.beliefs["P2 after Fight"]["root/Tough/Enter/Fight"] == F(1, 4)


def test_selten_outcome_every_probe_accommodated():
    (s,) = MODEL.solve(N=4, delta=0)
    assert s.outcomes["Accommodate, Accommodate, Accommodate, Accommodate"] == 1
    assert s.payoffs["Weak coalition"] == 0
    assert all(s.payoffs[f"Prober {n}"] == F(1, 2) for n in range(1, 5))
    assert s.name == "no reputation: a weak coalition never fights (Selten's outcome)"


# --- the [M] formulas re-derived: indifference conditions and Bayes' rule -------------------------

def _weak_value(n, p, a, b):
    """Independent recursion: the weak coalition's expected payoff from stage n at belief p."""
    if n == 0:
        return 0
    e, beta = entry_probability(n, p, a, b), fight_probability(n, p, b)
    fight = -1 + _weak_value(n - 1, posterior(n, p, b, "Fight"), a, b)
    return (1 - e) * (a + _weak_value(n - 1, p, a, b)) + e * (beta * fight + (1 - beta) * _weak_value(n - 1, 0, a, b))


def _every_belief(N, delta, b):
    frontier = {sympy.nsimplify(delta)}
    for n in range(N, 0, -1):
        yield from ((n, p) for p in frontier)
        frontier = {posterior(n, p, b, ev) for p in frontier for ev in ("Stay out", "Fight", "Accommodate")}


@pytest.mark.parametrize(("N", "a", "b", "delta"), [c.values[:4] for c in CASES] + [(5, 3, F(2, 3), F(1, 7))])
def test_incentives_hold_at_every_reachable_belief(N, a, b, delta):
    a, b = sympy.nsimplify(a), sympy.nsimplify(b)
    for n, p in _every_belief(N, delta, b):
        e, beta = entry_probability(n, p, a, b), fight_probability(n, p, b)
        fight_prob = p + (1 - p) * beta
        probe = b * (1 - fight_prob) + (b - 1) * fight_prob  # prober's payoff from probing; 0 from staying out
        assert (probe > 0 and e == 1) or (probe < 0 and e == 0) or (probe == 0 and p == b**n)
        fight = -1 + _weak_value(n - 1, posterior(n, p, b, "Fight"), a, b)
        accommodate = _weak_value(n - 1, 0, a, b)
        if 0 < beta < 1:
            assert fight == accommodate  # weak indifference at mixing
            assert fight_prob == 0 or posterior(n, p, b, "Fight") == p / fight_prob  # Bayes' rule
        else:
            assert (fight >= accommodate) if beta == 1 else (fight <= accommodate)


@pytest.mark.parametrize("n", [2, 3, 4])
def test_beta_and_the_stay_out_probability_solve_the_indifference_conditions(n):
    p, b, beta, a, s = sympy.symbols("p b beta a s", positive=True)
    # beta makes the posterior after a fight equal to the next prober's threshold b^(n-1)
    (root,) = sympy.solve(p / (p + (1 - p) * beta) - b ** (n - 1), beta)
    closed = kw.thresholds()["beta_n"].subs({sympy.Symbol("n", integer=True, positive=True): n,
                                             sympy.Symbol("p_n", real=True): p, MODEL.parameters["b"].symbol: b})
    assert sympy.simplify(root - closed) == 0
    # a weak coalition is indifferent iff the next stage is worth 1: the prober stays out w.p. 1/a
    (stay_out,) = sympy.solve(s * a - 1, s)
    assert sympy.simplify(1 - entry_probability(n, F(1, 2) ** n, 7, F(1, 2)) - stay_out.subs(a, 7)) == 0
    # the prober at p = b^n is indifferent: the probability of being fought is then exactly b
    at = {p: b**n}
    assert sympy.simplify((p + (1 - p) * root).subs(at) - b) == 0


def test_verify_catches_a_wrong_fight_probability(monkeypatch):
    monkeypatch.setattr(kw, "fight_probability", lambda n, p, b: sympy.Integer(0))
    with pytest.raises(VerificationError, match="prober at stage"):
        verify(point(3, 2, F(1, 2), F(1, 5)))


# --- comparative statics --------------------------------------------------------------------------

fractions = st.fractions(F(1, 20), F(19, 20))


@given(st.integers(1, 6), st.fractions(F(11, 10), 5), fractions, st.fractions(0, F(19, 20)))
def test_first_prober_stays_out_iff_the_prior_exceeds_b_to_the_n(N, a, b, delta):
    values = point(N, a, b, delta)
    first_entry = stage_table(values)[0][1]
    if delta > b**N:
        assert first_entry == 0
    elif delta < b**N:
        assert first_entry == 1
    verify(values)


@given(st.integers(1, 6), st.fractions(F(11, 10), 5), fractions)
def test_zero_prior_gives_selten(N, a, b):
    values = point(N, a, b, 0)
    assert all(e == 1 and f == 0 for _, e, f in stage_table(values))
    assert states(values)[1] == {0: (1, 1)}


# --- knife edges, registry, bad input --------------------------------------------------------------

def test_prior_on_a_threshold_is_reported_as_knife_edge():
    """At delta = b^2 the second prober is indifferent: the solver reports the tie and the continuum of its
    mixtures, which holds the Kreps-Wilson choice (stay out with probability 1/a = 1/2)."""
    eq = MODEL.solve(N=3, delta=F(1, 4))
    assert any("Prober 2 is indifferent at 'P2 after Stay out'" in k for k in eq.knife_edge)
    stay_out = sorted(s.behaviour["P2 after Stay out"]["Stay out"] for s in eq)
    assert stay_out == [0, 1]
    assert any("with any probability from 0 to 1" in n for n in eq.notes)
    assert MODEL.solve(N=3, delta=F(1, 5)).knife_edge == ()


def test_registered_with_claims():
    assert get_model("reputation").claims == ("E3", "E4")


@pytest.mark.parametrize(("override", "parameter"), [
    pytest.param({"a": 1}, "a", id="a-not-above-one"),
    pytest.param({"b": 1}, "b", id="b-one"),
    pytest.param({"delta": 1}, "delta", id="certainly-tough"),
    pytest.param({"N": F(5, 2)}, "N", id="fractional-N"),
    pytest.param({"N": 0}, "N", id="no-stages"),
])
def test_bad_input_names_the_parameter(override, parameter):
    with pytest.raises(ParameterError) as info:
        MODEL.solve(**override)
    assert info.value.parameter == parameter


# --- extra check: the full tree for N = 2 and the package's PBE verifier ---------------------------

def _chain_store_tree(a, b, delta):
    """Nature draws the type; prober 2, the coalition, prober 1, the coalition (a tough one always fights)."""
    stage = {"Stay out": (a, 0), "Fight": (-1, b - 1), "Accommodate": (0, b)}

    def respond(kind, label, kids):
        return chance({"Fight": (1, kids["Fight"])}) if kind == "Tough" else decision("Weak coalition", kids,
                                                                                        infoset=label)

    def stage1(kind, h):
        w2, p2 = stage[h]

        def end(ev):
            return outcome(f"{h}, {ev}", (w2 + stage[ev][0], p2, stage[ev][1]))
        enter = respond(kind, f"W1 after {h}", {e: end(e) for e in ("Fight", "Accommodate")})
        return decision("Prober 1", {"Stay out": end("Stay out"), "Enter": enter}, infoset=f"P1 after {h}")

    def stage2(kind):
        enter = respond(kind, "W2", {e: stage1(kind, e) for e in ("Fight", "Accommodate")})
        return decision("Prober 2", {"Stay out": stage1(kind, "Stay out"), "Enter": enter}, infoset="P2")

    root = chance({"Tough": (delta, stage2("Tough")), "Weak": (1 - delta, stage2("Weak"))})
    return ExtensiveFormGame(("Weak coalition", "Prober 2", "Prober 1"), root, "chain store, N = 2")


def _assessment(game, a, b, delta):
    e2, f2 = entry_probability(2, delta, a, b), fight_probability(2, delta, b)
    behaviour = {"P2": {"Enter": e2, "Stay out": 1 - e2}, "W2": {"Fight": f2, "Accommodate": 1 - f2}}
    beliefs = {"P2": {"root/Tough": delta, "root/Weak": 1 - delta}}
    for h, path in (("Stay out", "Stay out"), ("Fight", "Enter/Fight"), ("Accommodate", "Enter/Accommodate")):
        p = posterior(2, delta, b, h)
        e1 = entry_probability(1, p, a, b)
        behaviour[f"P1 after {h}"] = {"Enter": e1, "Stay out": 1 - e1}
        behaviour[f"W1 after {h}"] = {"Fight": 0, "Accommodate": 1}
        beliefs[f"P1 after {h}"] = ({f"root/Weak/{path}": 1} if h == "Accommodate"
                                    else {f"root/Tough/{path}": p, f"root/Weak/{path}": 1 - p})
    for label in ("W2", "W1 after Stay out", "W1 after Fight", "W1 after Accommodate"):
        (node,) = game.infosets[label].nodes
        beliefs[label] = {game.nodes[node].path: 1}
    return behaviour, beliefs


@pytest.mark.parametrize(("a", "b", "delta"), [(3, F(1, 3), F(1, 4)), (2, F(1, 2), F(1, 3)), (2, F(1, 2), F(1, 5)),
                                               (3, F(2, 3), F(1, 5)), (2, F(1, 2), 0)])
def test_two_stage_tree_passes_the_pbe_verifier(a, b, delta):
    game = _chain_store_tree(a, b, delta)
    behaviour, beliefs = _assessment(game, sympy.nsimplify(a), sympy.nsimplify(b), sympy.nsimplify(delta))
    verify_pbe(game, (behaviour, beliefs), offpath="free")
    if delta:  # a weak coalition that never fights at stage 2 is no equilibrium when reputation is possible
        lazy = dict(behaviour, W2={"Fight": 0, "Accommodate": 1})
        assert not is_pbe(game, (lazy, beliefs), offpath="free")


@pytest.mark.parametrize(("a", "b", "delta"), [(2, F(1, 2), F(1, 10)), (3, F(1, 3), F(1, 4))])
def test_model_tree_is_the_hand_built_chain_store(a, b, delta):
    from escalation.models.reputation import build

    built = build({"N": 2, "a": a, "b": b, "delta": delta})
    by_hand = _chain_store_tree(a, b, delta)
    assert [n.kind for n in built.nodes] == [n.kind for n in by_hand.nodes]
    assert [n.payoffs for n in built.nodes] == [n.payoffs for n in by_hand.nodes]
    assert {h.nodes for h in built.infosets.values()} == {h.nodes for h in by_hand.infosets.values()}
    assert MODEL.game(N=2, a=a, b=b, delta=delta) == built


def test_tree_only_for_few_stages():
    with pytest.raises(ParameterError, match="'N'"):
        MODEL.solve(N=5)
    with pytest.raises(ParameterError, match="the tree is built for 1 to 4 stages"):
        build(point(5, 2, F(1, 2), F(1, 10)))
