"""The generic vectorised PBE sweep (escalation.analysis.pbe_grid) and pbe_regions against the exact solver.

Expected values come from hand derivations (the threat game below) or from ``perfect_bayesian`` solving each
point on its own; the sweep under test reads the grid from equilibrium shapes and their conditions.
"""

import itertools
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from escalation.analysis import pbe_grid
from escalation.analysis.sweep import equilibrium_names, sweep
from escalation.errors import ParameterError, SolverError
from escalation.games import ExtensiveFormGame, chance, decision, outcome
from escalation.solvers.pbe import OFFPATH_RULES, perfect_bayesian
from escalation.symbolic.pbe_regions import pbe_regions

p, c = sympy.symbols("p c")


def threat_game(fight_strong=1, fight_weak=-1):
    """A strong or weak Sender (prior p) stays quiet (0) or threatens; the Receiver yields (Sender 2, Receiver 0)
    or fights (the Sender gets ``fight_*``; the Receiver -1 against a strong and +1 against a weak Sender)."""
    def sender(kind, fight):
        reply = decision("Receiver", {"Yield": outcome("yield", (2, 0)),
                                      "Fight": outcome("fight", (fight, 1 if kind == "weak" else -1))},
                         infoset="after threat")
        return decision("Sender", {"Quiet": outcome("quiet", (0, 0)), "Threaten": reply}, infoset=kind)
    return ExtensiveFormGame(("Sender", "Receiver"), chance({"strong": (p, sender("strong", fight_strong)),
                                                             "weak": (1 - p, sender("weak", fight_weak))}))


def _in_p(relations):
    """The set of p (a real number) where every relation holds."""
    return sympy.Intersection(*(sympy.solveset(r, p, sympy.S.Reals) for r in relations))


# -- pbe_regions: hand-derived regions -------------------------------------------------------------------------

def test_pbe_regions_of_the_threat_game_are_the_hand_derived_ones():
    # A strong sender always threatens (1 or 2 > 0).  The receiver fights iff Pr(strong | threat) < 1/2.  For
    # p > 1/2 both types threaten and the receiver yields; for p < 1/2 the weak type threatens with x = p/(1-p)
    # (posterior 1/2) and the receiver fights with y = 2/3 (weak type: 2(1-y) - y = 0).
    regions = {r.label: r for r in pbe_regions(threat_game(), at=[{"p": "1/4"}, {"p": "3/4"}], offpath="D1")}
    assert set(regions) == {"semi-separating", "pooling on Threaten"}
    semi, pool = regions["semi-separating"], regions["pooling on Threaten"]
    assert sympy.simplify(semi.behaviour["weak"]["Threaten"] - p / (1 - p)) == 0
    assert semi.behaviour["after threat"]["Fight"] == sympy.Rational(2, 3)
    assert _in_p(semi.relations) == sympy.Interval.open(0, sympy.Rational(1, 2))
    assert _in_p(pool.relations) == sympy.Interval.open(sympy.Rational(1, 2), 1)


def test_pbe_regions_of_an_observer_under_the_prior_and_free_beliefs():
    # Fighting costs a weak sender c: with a strong sender that loses (-1) from a fight too, both stay quiet if the
    # receiver fights a threat.  At the prior the receiver fights iff p < 1/2; with free beliefs some belief
    # (weak) always makes it fight.  The weak type stays quiet iff c > 0 ... the strong one always (-1 < 0).
    game = threat_game(fight_strong=-1, fight_weak=-c)
    def fighting(rule):   # the shape in which the receiver fights a threat for sure
        (region,) = [r for r in pbe_regions(game, at=[{"p": "1/4", "c": 1}], offpath=rule)
                     if r.label == "pooling on Quiet" and r.behaviour["after threat"]["Fight"] == 1]
        return region
    prior, free = fighting("prior"), fighting("free")
    for region, top in ((prior, sympy.Rational(1, 2)), (free, 1)):
        for pv, cv in itertools.product((sympy.Rational(1, 10), sympy.Rational(2, 5), sympy.Rational(3, 5)), (-1, 1)):
            holds = all(bool(r.subs({p: pv, c: cv})) for r in region.relations)
            assert holds == (pv < top and cv > 0), (region.rule, pv, cv)


def test_pbe_regions_needs_points():
    with pytest.raises(ParameterError, match="at"):
        pbe_regions(threat_game(), at=[])


# -- the sweep of a tree with private information ------------------------------------------------------------------

@pytest.mark.parametrize("rule", OFFPATH_RULES)
def test_sweep_of_a_tree_reads_the_hand_derived_regions(rule):
    ds = sweep(threat_game(), over={"p": [0.1, 0.3, 0.49, 0.51, 0.8]}, offpath=rule)
    labels = [str(s) for s in equilibrium_names(ds).values]
    semi = "Sender: semi-separating ('weak' mixes)"
    assert labels == [semi, semi, semi, "Sender: pooling on 'Threaten'", "Sender: pooling on 'Threaten'"]
    fight = ds.action_probability.sel(choice="after threat: Fight").values
    np.testing.assert_allclose(fight, [2 / 3, 2 / 3, 2 / 3, 0, 0], atol=1e-12)
    threat = ds.action_probability.sel(choice="weak: Threaten").values
    np.testing.assert_allclose(threat[:3], [0.1 / 0.9, 0.3 / 0.7, 0.49 / 0.51], rtol=1e-12)
    assert ds.attrs["method"].startswith(pbe_grid.METHOD)


def quorum_game():
    """The threat game with the Sender strong when at least ``k`` of ``n`` members (each resolved with probability
    ``r``) agree: a chance probability that is a sum whose bounds are parameters."""
    r, j = sympy.symbols("r j")
    n, k = sympy.symbols("n k", integer=True, positive=True)
    strong = sympy.Sum(sympy.binomial(n, j) * r**j * (1 - r) ** (n - j), (j, k, n))
    return threat_game().subs({p: strong}), r


def test_sweep_substitutes_fixed_parameters_before_evaluating_sums_on_the_grid():
    # With n = 3, k = 2: Pr(strong) = 3r^2(1-r) + r^3 = 3r^2 - 2r^3, which exceeds 1/2 iff r > 1/2; the Sender
    # pools on Threaten there and the weak type mixes below (hand-derived regions of the threat game).
    game, _ = quorum_game()
    ds = sweep(game, over={"r": [0.2, 0.45, 0.55, 0.9]}, fixed={"n": 3, "k": 2}, offpath="D1")
    semi, pool = "Sender: semi-separating ('weak' mixes)", "Sender: pooling on 'Threaten'"
    assert [str(s) for s in equilibrium_names(ds).values] == [semi, semi, pool, pool]
    strong = np.array([3 * x**2 - 2 * x**3 for x in (0.2, 0.45)])
    threat = ds.action_probability.sel(choice="weak: Threaten").values[:2]
    np.testing.assert_allclose(threat, strong / (1 - strong), rtol=1e-12)
    assert ds.attrs["method"].startswith(pbe_grid.METHOD)


def test_sweeping_a_bound_of_a_sum_is_refused_with_a_clear_error():
    game, _ = quorum_game()
    with pytest.raises(SolverError, match="n bounds a sum"):
        sweep(game, over={"n": [3, 4]}, fixed={"r": 0.5, "k": 2}, offpath="D1")


def test_sweep_at_the_knife_edge_reports_the_exact_solver():
    ds = sweep(threat_game(), over={"p": ["1/2"]}, offpath="prior")
    exact = perfect_bayesian(threat_game().subs({p: Fraction(1, 2)}), offpath="prior")
    assert bool(ds.knife_edge.values[0]) == bool(exact.knife_edge)
    assert int(ds.equilibria.values[0]) == len(exact)


def test_bad_off_path_rules_are_refused():
    with pytest.raises(ParameterError, match="offpath"):
        sweep(threat_game(), over={"p": [0.2]}, offpath="sometimes")
    with pytest.raises(ParameterError, match="offpath"):
        sweep("tripwire", over={"F": [70, 150]}, offpath="D1")


def test_one_seed_is_enough_the_rest_is_found_by_exact_solves(monkeypatch):
    over = {"p_Def": np.linspace(0.05, 0.95, 7), "p_Ch": np.linspace(0.05, 0.95, 7)}
    full = sweep("unilateral", over=over, offpath="free")
    monkeypatch.setattr(pbe_grid, "seed_points", lambda shape, limit=64: [(0,) * len(shape)])
    one = sweep("unilateral", over=over, offpath="free")
    for variable in ("payoff", "outcome_probability", "action_probability"):
        np.testing.assert_allclose(one[variable].values, full[variable].values, atol=1e-12)
    assert equilibrium_names(one).values.tolist() == equilibrium_names(full).values.tolist()
    assert one.equilibria.values.tolist() == full.equilibria.values.tolist()


# -- drawn games: the sweep equals the exact solver at every point -------------------------------------------------

@st.composite
def drawn_games(draw):
    """A sender with two types (prior p) sends one of 2-3 messages; the receiver replies (2-3 replies); one payoff
    of the sender is the parameter c.  Payoffs are distinct integers for each player (no structural ties)."""
    messages = [f"m{j}" for j in range(draw(st.integers(2, 3)))]
    replies = [f"r{k}" for k in range(draw(st.integers(2, 3)))]
    n = 2 * len(messages) * len(replies)
    sender_pay = draw(st.permutations(range(-n, n)))[:n]
    receiver_pay = draw(st.permutations(range(-n, n)))[:n]
    leaves = iter(zip(sender_pay, receiver_pay, strict=True))

    def leaf(first):
        u, v = next(leaves)
        return outcome(None, (c if first else u, v))

    def sender(t):
        return decision("S", {m: decision("R", {r: leaf(t == "t1" and m == messages[0] and r == replies[0])
                                                  for r in replies}, infoset=f"R:{m}") for m in messages},
                        infoset=f"S:{t}")
    game = ExtensiveFormGame(("S", "R"), chance({"t1": (p, sender("t1")), "t2": (1 - p, sender("t2"))}))
    return game, draw(st.sampled_from(OFFPATH_RULES))


def _variants(solution):
    """Every behaviour the exact solver lists for one equilibrium: the representative with each combination of
    alternative continuations."""
    base = {h: dict(a) for h, a in solution.behaviour.items()}
    out = []
    for combo in itertools.product(*(solution.alternatives or {}).values()):
        b = {h: dict(a) for h, a in base.items()}
        for option in combo:
            b.update({h: dict(a) for h, a in option.items()})
        out.append(b)
    return out or [base]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drawn_games())
def test_sweep_of_drawn_games_equals_the_exact_solver_at_every_point(case):
    game, rule = case
    over = {"p": [0.1, 0.35, 0.5, 0.65, 0.9], "c": [-5.5, -1.5, 0.5, 2.5, 6.5]}
    ds = sweep(game, over=over, offpath=rule)
    for i, j in itertools.product(range(5), range(5)):
        point = {p: Fraction(str(over["p"][i])), c: Fraction(str(over["c"][j]))}
        found = perfect_bayesian(game.subs(point), offpath=rule)
        cell = ds.isel(p=i, c=j)
        assert int(cell.equilibria) == len(found), point
        assert bool(cell.knife_edge) == bool(found.knife_edge), point
        if not len(found):
            continue
        first = found[0]
        assert str(equilibrium_names(cell).values) == first.name, point
        for player, value in first.payoffs.items():
            assert float(cell.payoff.sel(player=player)) == pytest.approx(float(value), abs=1e-9), point
        got = {str(k): float(v) for k, v in zip(ds.choice.values, cell.action_probability.values, strict=True)}
        assert any(all(got[f"{h}: {a}"] == pytest.approx(float(q), abs=1e-9) for h, acts in b.items()
                       for a, q in acts.items()) for b in _variants(first)), point
