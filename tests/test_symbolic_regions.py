"""Symbolic subgame-perfect regions: hand-derived partitions and agreement with numeric backward induction.

Expected regions below were derived by hand; conditions are compared as sets
of half-spaces (each up to a positive factor) with sympy, never as strings.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st
from strategies import symbolic_payoff_trees

from escalation import ExtensiveFormGame, Parameter, ParameterSpace, chance, decision, outcome
from escalation.errors import ParameterError, SolverError
from escalation.solvers.backward_induction import subgame_perfect
from escalation.symbolic import KnifeEdgeError, spe_regions
from escalation.symbolic.feasibility import Domain
from escalation.symbolic.inequalities import canonical
from escalation.symbolic.lp import strictly_feasible

# -- helpers written independently of the code under test ------------------------------------------


def positive_part(relation) -> sympy.Expr:
    """The expression ``g`` with ``relation`` equivalent to ``g > 0`` (strict inequalities only)."""
    if isinstance(relation, sympy.StrictGreaterThan):
        return relation.lhs - relation.rhs
    if isinstance(relation, sympy.StrictLessThan):
        return relation.rhs - relation.lhs
    raise AssertionError(f"not a strict inequality: {relation}")


def same_half_space(g: sympy.Expr, h: sympy.Expr) -> bool:
    ratio = sympy.simplify(g / h)
    return bool(ratio.is_number and ratio > 0)


def equivalent(condition, expected) -> bool:
    """Two conjunctions of strict linear inequalities bound by the same half-spaces."""
    got = [positive_part(r) for r in sympy.And.make_args(condition)]
    want = [positive_part(r) for r in sympy.And.make_args(expected)]
    return (len(got) == len(want) and all(any(same_half_space(g, h) for h in want) for g in got)
            and all(any(same_half_space(g, h) for g in got) for h in want))


def pure_play(solution) -> tuple[dict, dict, dict]:
    """A numeric pure SPE as ({player: {infoset: action}}, {outcome: prob > 0}, {player: payoff})."""
    strategies = {p: {h: next(a for a, x in acts.items() if x == 1) for h, acts in per.items()}
                  for p, per in solution.strategies.items()}
    outcomes = {k: v for k, v in solution.outcomes.items() if v != 0}
    return strategies, outcomes, dict(solution.payoffs)


def at(expr, point: dict):
    """``expr`` with each parameter replaced, by name, with its value in ``point``."""
    expr = sympy.sympify(expr)
    return expr.xreplace({s: exact_number(point[s.name]) for s in expr.free_symbols})


def exact_number(value):
    return sympy.Rational(value.numerator, value.denominator) if isinstance(value, Fraction) else sympy.sympify(value)


def region_play(region, point: dict) -> tuple[dict, dict, dict]:
    """The region's SPE with its symbolic outcome probabilities and payoffs evaluated at ``point``."""
    strategies = {q: dict(s) for q, s in region.strategies.items()}
    outcomes = {k: at(v, point) for k, v in region.outcomes.items() if at(v, point) != 0}
    return strategies, outcomes, {q: at(v, point) for q, v in region.payoffs.items()}


def holds(region, point: dict) -> bool:
    return bool(at(region.condition, point))


# -- games ----------------------------------------------------------------------------------------

c = sympy.Symbol("c", positive=True)
a_SQ, a_DC, a_DD, b_DC, b_DD = sympy.symbols("a_SQ a_DC a_DD b_DC b_DD", real=True)
p, b_hard, b_soft = sympy.symbols("p b_DDH b_DDS", real=True)


def entry_deterrence(fight=2 - c):
    """Entrant stays out (0, 2) or enters; the incumbent fights (-1, fight) or accommodates (1, 1)."""
    return ExtensiveFormGame(("Entrant", "Incumbent"), decision("Entrant", {
        "Out": outcome("Monopoly", {"Entrant": 0, "Incumbent": 2}),
        "In": decision("Incumbent", {
            "Fight": outcome("Price war", {"Entrant": -1, "Incumbent": fight}),
            "Accommodate": outcome("Shared market", {"Entrant": 1, "Incumbent": 1}),
        }),
    }), "entry deterrence")


def rudimentary_deterrence():
    """Zagare & Kilgour's Rudimentary Asymmetric Deterrence Game with complete information."""
    return ExtensiveFormGame(("A", "B"), decision("A", {
        "C": outcome("SQ", (a_SQ, 0)),
        "D": decision("B", {"C": outcome("DC", (a_DC, b_DC)), "D": outcome("DD", (a_DD, b_DD))}),
    }), "rudimentary asymmetric deterrence")


def deterrence_with_resolve():
    """A challenges; nature makes B hard (prob p) or soft; B concedes (DC) or resists (DD)."""
    def defender(infoset, resist):
        return decision("B", {"C": outcome("DC", (a_DC, b_DC)), "D": outcome("DD", (a_DD, resist))}, infoset=infoset)

    return ExtensiveFormGame(("A", "B"), decision("A", {
        "C": outcome("SQ", (a_SQ, 0)),
        "D": chance({"Hard": (p, defender("B hard", b_hard)), "Soft": (1 - p, defender("B soft", b_soft))}),
    }), "deterrence with uncertain resolve")


ORDERING = [p > 0, p < 1, a_DD < a_SQ, a_SQ < a_DC, b_soft < b_DC, b_DC < b_hard]
THRESHOLD = (a_DC - a_SQ) / (a_DC - a_DD)  # Zagare & Kilgour's C_A (LITERATURE.md section 2.1)


def play(a, b):
    return {"A": {"root": a}, "B": {"root/D": b}}


HAND_DERIVED = [
    pytest.param(entry_deterrence(), None, [
        ("Monopoly", {"Entrant": {"root": "Out"}, "Incumbent": {"root/In": "Fight"}}, c < 1),
        ("Shared market", {"Entrant": {"root": "In"}, "Incumbent": {"root/In": "Accommodate"}}, c > 1),
    ], id="entry deterrence: fight iff c < 1"),
    pytest.param(rudimentary_deterrence(), None, [
        ("SQ", play("C", "C"), sympy.And(b_DC > b_DD, a_SQ > a_DC)),
        ("DC", play("D", "C"), sympy.And(b_DC > b_DD, a_DC > a_SQ)),
        ("SQ", play("C", "D"), sympy.And(b_DD > b_DC, a_SQ > a_DD)),
        ("DD", play("D", "D"), sympy.And(b_DD > b_DC, a_DD > a_SQ)),
    ], id="deterrence game, no ordering: four regions"),
    pytest.param(rudimentary_deterrence(), [a_DD < a_SQ, a_SQ < a_DC], [
        ("DC", play("D", "C"), b_DC > b_DD),
        ("SQ", play("C", "D"), b_DD > b_DC),
    ], id="deterrence game, a_DD < a_SQ < a_DC: two regions"),
    pytest.param(rudimentary_deterrence(), sympy.And(a_DD < a_SQ, a_SQ < a_DC, b_DD < b_DC), [
        ("DC", play("D", "C"), sympy.true),
    ], id="deterrence game, B concedes: one region"),
]


@pytest.mark.parametrize(("game", "assumptions", "expected"), HAND_DERIVED)
def test_hand_derived_regions(game, assumptions, expected):
    partition = spe_regions(game, assumptions)
    assert len(partition) == len(expected)
    for label, strategies, condition in expected:
        matches = [r for r in partition
                   if r.outcome == label and all(dict(r.strategies[q]) == s for q, s in strategies.items())]
        assert len(matches) == 1, (label, strategies)
        if condition is sympy.true:
            assert matches[0].condition is sympy.true
        else:
            assert equivalent(matches[0].condition, condition), matches[0].condition


def test_boundaries_are_the_three_indifferences():
    boundaries = spe_regions(rudimentary_deterrence()).boundaries
    expected = [b_DC - b_DD, a_DC - a_SQ, a_DD - a_SQ]
    assert len(boundaries) == 3
    assert all(any(sympy.simplify(g / h).is_number for h in expected) for g in boundaries)


def test_deterrence_threshold_from_the_literature():
    """With Z&K's orderings the challenger is deterred iff p > (a_DC - a_SQ)/(a_DC - a_DD)."""
    partition = spe_regions(deterrence_with_resolve(), ORDERING)
    assert len(partition) == 2
    deterred, attack = sorted(partition, key=lambda r: r.outcome != "SQ")
    (relation,) = sympy.And.make_args(deterred.condition)
    assert isinstance(relation, sympy.StrictGreaterThan)
    assert relation.lhs == p
    assert sympy.simplify(relation.rhs - THRESHOLD) == 0
    (relation,) = sympy.And.make_args(attack.condition)
    assert isinstance(relation, sympy.StrictLessThan)
    assert relation.lhs == p
    assert sympy.simplify(relation.rhs - THRESHOLD) == 0
    assert set(attack.outcome) == {"DD", "DC"}
    assert sympy.simplify(attack.outcome["DD"] - p) == 0
    assert sympy.simplify(attack.outcome["DC"] - (1 - p)) == 0
    assert sympy.simplify(attack.payoffs["A"] - (p * a_DD + (1 - p) * a_DC)) == 0
    assert attack.strategies["B"] == {"B hard": "D", "B soft": "C"}


@pytest.mark.parametrize(("a_dd", "a_sq", "a_dc", "credibility", "expected"), [
    pytest.param(0, 1, 3, "1/2", {"DD": "1/2", "DC": "1/2"}, id="C_A = 2/3, p = 1/2: attack"),
    pytest.param(0, 1, 3, "3/4", {"SQ": 1}, id="C_A = 2/3, p = 3/4: deterred"),
    pytest.param(-10, 0, 1, "1/10", {"SQ": 1}, id="C_A = 1/11, p = 1/10: deterred"),
    pytest.param(-10, 0, 1, "1/20", {"DD": "1/20", "DC": "19/20"}, id="C_A = 1/11, p = 1/20: attack"),
])
def test_literature_reference_cases(a_dd, a_sq, a_dc, credibility, expected):
    """LITERATURE.md section 2.1 table: the region at each point agrees with numeric backward induction."""
    game = deterrence_with_resolve()
    point = {"a_DD": a_dd, "a_SQ": a_sq, "a_DC": a_dc, "p": credibility, "b_DC": 0, "b_DDH": 1, "b_DDS": -1}
    region = spe_regions(game, ORDERING).region_at(point)
    numeric = [s for s in subgame_perfect(game.subs(point))]
    assert len(numeric) == 1
    exact_point = {k: sympy.sympify(v) for k, v in point.items()}
    assert region_play(region, exact_point) == pure_play(numeric[0])
    assert {k: sympy.Rational(v) for k, v in expected.items()} == region_play(region, exact_point)[1]


def test_knife_edge_is_reported_not_resolved():
    partition = spe_regions(entry_deterrence())
    with pytest.raises(KnifeEdgeError, match="root/In") as caught:
        partition.region_at({"c": 1})
    assert isinstance(caught.value, ParameterError)
    assert "Incumbent" in str(caught.value)
    numeric = subgame_perfect(entry_deterrence().subs({"c": 1}))
    assert len(numeric) == 2
    assert numeric.knife_edge


def test_knife_edge_on_the_credibility_threshold():
    game = deterrence_with_resolve()
    point = {"a_DD": 0, "a_SQ": 1, "a_DC": 3, "p": "2/3", "b_DC": 0, "b_DDH": 1, "b_DDS": -1}
    with pytest.raises(KnifeEdgeError, match="indifferent at node root"):
        spe_regions(game, ORDERING).region_at(point)
    assert len(subgame_perfect(game.subs(point))) == 2


def test_nonlinear_condition_in_one_parameter():
    """Fighting pays 2 - c^2 against 1: fight iff -1 < c < 1 (decided exactly, not by sampling)."""
    x = sympy.Symbol("c", real=True)
    partition = spe_regions(entry_deterrence(2 - x**2))
    assert len(partition) == 2
    fight = next(r for r in partition if r.outcome == "Monopoly")
    (relation,) = sympy.And.make_args(fight.condition)
    assert sympy.solve_univariate_inequality(relation, x, relational=False) == sympy.Interval.open(-1, 1)
    assert partition.region_at({"c": "1/2"}) is fight
    assert partition.region_at({"c": -3}).outcome == "Shared market"
    with pytest.raises(KnifeEdgeError):
        partition.region_at({"c": -1})


def test_parameter_space_domain_is_used():
    space = ParameterSpace([Parameter("c", 2, domain=(0, 10), description="cost of a price war")])
    partition = spe_regions(entry_deterrence(2 - sympy.Symbol("c")), space)
    assert len(partition) == 2
    with pytest.raises(ParameterError, match="violates the assumption"):
        partition.region_at({"c": 11})


@pytest.mark.parametrize(("values", "culprit"), [
    pytest.param({"c": 1, "d": 2}, "d", id="unknown parameter"),
    pytest.param({}, "c", id="missing parameter"),
    pytest.param({"c": -1}, "c", id="outside the domain (c > 0)"),
    pytest.param({"c": "x + 1"}, "c", id="not a number"),
])
def test_region_at_rejects_bad_points(values, culprit):
    with pytest.raises(ParameterError) as caught:
        spe_regions(entry_deterrence()).region_at(values)
    assert caught.value.parameter == culprit


@pytest.mark.parametrize(("assumptions", "culprit"), [
    pytest.param([sympy.Symbol("q", real=True) > 0], "q", id="unknown parameter"),
    pytest.param([c < 0], "c", id="contradicts c > 0"),
    pytest.param(sympy.Or(c < 1, c > 2), "c", id="a disjunction"),
])
def test_bad_assumptions(assumptions, culprit):
    with pytest.raises(ParameterError) as caught:
        spe_regions(entry_deterrence(), assumptions)
    assert culprit in caught.value.parameter or caught.value.parameter == "assumptions"


def test_too_many_regions_are_refused():
    with pytest.raises(SolverError, match="more than 3 regions"):
        spe_regions(rudimentary_deterrence(), max_regions=3)
    assert len(spe_regions(rudimentary_deterrence(), max_regions=4)) == 4


def test_imperfect_information_is_refused():
    game = ExtensiveFormGame(("A", "B"), decision("A", {
        "L": decision("B", {"l": outcome("w", (c, 0)), "r": outcome("x", (0, 1))}, infoset="B"),
        "R": decision("B", {"l": outcome("y", (1, 0)), "r": outcome("z", (0, c))}, infoset="B"),
    }))
    with pytest.raises(SolverError, match="information set 'B'"):
        spe_regions(game)


@pytest.mark.parametrize("game_and_assumptions", [
    pytest.param((entry_deterrence(), None), id="entry"),
    pytest.param((rudimentary_deterrence(), None), id="deterrence"),
    pytest.param((deterrence_with_resolve(), ORDERING), id="threshold"),
])
def test_latex_lists_every_condition(game_and_assumptions):
    partition = spe_regions(*game_and_assumptions)
    tex = partition.to_latex()
    assert tex.startswith(r"\begin{cases}")
    assert tex.endswith(r"\end{cases}")
    assert tex.count(r"\\") == len(partition)
    for region in partition:
        for relation in sympy.And.make_args(region.condition):
            assert sympy.latex(relation) in tex
        labels = [region.outcome] if isinstance(region.outcome, str) else list(region.outcome)
        assert all(label in tex for label in labels)


def test_outcome_conditions_merge_regions_that_differ_off_the_path():
    """B's choice splits on y, but whether A quits depends on x alone: Quiet iff x < 0."""
    x, y = sympy.symbols("x y", real=True)
    game = ExtensiveFormGame(("A", "B"), decision("A", {
        "Quit": outcome("Quiet", (0, 0)),
        "Go": decision("B", {"l": outcome("Left", (x, y)), "r": outcome("Right", (x, 0))}),
    }))
    partition = spe_regions(game)
    assert len(partition) == 4
    merged = partition.outcome_conditions()
    assert equivalent(merged["Quiet"], x < 0)
    assert equivalent(merged["Left"], sympy.And(x > 0, y > 0))
    assert equivalent(merged["Right"], sympy.And(x > 0, y < 0))
    tex = partition.to_latex(by_outcome=True)
    assert tex.count(r"\\") == 3
    assert all(sympy.latex(r) in tex for c in merged.values() for r in sympy.And.make_args(c))


# -- building blocks ------------------------------------------------------------------------------


def test_canonical_forms_recognise_opposites_and_cancel_positive_factors():
    x, y, q = sympy.symbols("x y q", real=True)
    assert canonical(x - y).expr == -canonical(6 * y - 6 * x).expr
    domain = Domain([canonical(q)], (q, x, y))  # q > 0
    assert canonical(q * x - q * y, domain.sign) == canonical(x - y)
    assert domain.check({canonical(q * (x - y), domain.sign), canonical(y - x)}).feasible is False


@st.composite
def linear_systems(draw):
    names = ["u", "v", "w"][: draw(st.integers(1, 3))]
    rows = draw(st.lists(st.tuples(st.lists(st.integers(-3, 3), min_size=len(names), max_size=len(names)),
                                   st.integers(-4, 4), st.booleans()), min_size=1, max_size=5))
    return [({n: Fraction(a) for n, a in zip(names, coeffs, strict=True) if a}, Fraction(b), strict)
            for coeffs, b, strict in rows]


@given(linear_systems())
def test_exact_lp_agrees_with_highs(system):
    """Strict feasibility decided exactly agrees with a floating-point LP (scipy's HiGHS)."""
    from scipy.optimize import linprog

    names = sorted({n for coeffs, _, _ in system for n in coeffs})
    point = strictly_feasible(system)
    if point is not None:
        for coeffs, constant, strict in system:
            value = constant + sum(a * point[n] for n, a in coeffs.items())
            assert value > 0 if strict else value >= 0
    # maximise t subject to a.x + b >= t [strict], a.x + b >= 0 [weak], t <= 1
    a_ub = [[-float(coeffs.get(n, 0)) for n in names] + [1.0 if strict else 0.0] for coeffs, _, strict in system]
    b_ub = [float(constant) for _, constant, _ in system]
    result = linprog([0.0] * len(names) + [-1.0], A_ub=a_ub, b_ub=b_ub,
                     bounds=[(None, None)] * len(names) + [(None, 1)], method="highs")
    any_strict = any(strict for _, _, strict in system)
    feasible_by_highs = result.status == 0 and (not any_strict or -result.fun > 1e-9)
    assert (point is not None) == feasible_by_highs


# -- properties: the partition agrees with numeric backward induction ------------------------------


def facet_point(region, relation, names) -> dict | None:
    """An exact point with ``relation``'s expression zero and the region's other relations strict.

    Walks the line ``g = 0`` (one parameter solved for, the others all equal
    to ``t``) and intersects the intervals of ``t`` the other relations allow.
    """
    g = positive_part(relation)
    others = [positive_part(r) for r in sympy.And.make_args(region.condition) if r != relation]
    symbols = {s.name: s for r in [g, *others] for s in r.free_symbols}
    pivot = next(symbols[n] for n in names if n in symbols and g.coeff(symbols[n]) != 0)
    t = sympy.Dummy("t")
    free = {symbols[n]: t for n in names if n in symbols and symbols[n] != pivot}
    slope = g.coeff(pivot)
    line = {pivot: -sympy.expand(g - slope * pivot).xreplace(free) / slope, **free}
    low, high = None, None
    for h in others:
        expr = sympy.expand(h.xreplace(line))
        slope, offset = expr.coeff(t), expr.subs(t, 0)
        if slope == 0 and offset <= 0:
            return None
        if slope > 0:
            low = -offset / slope if low is None else max(low, -offset / slope)
        elif slope < 0:
            high = -offset / slope if high is None else min(high, -offset / slope)
    if low is not None and high is not None and low >= high:
        return None
    value = (low + high) / 2 if low is not None and high is not None else (
        low + 1 if low is not None else high - 1 if high is not None else sympy.Integer(0))
    point = {n: sympy.Integer(0) for n in names}
    point.update({s.name: e.subs(t, value) for s, e in line.items()})
    return point


def numeric(game, point):
    """``subgame_perfect`` at ``point``; the numbers substituted by name (faster than ``game.subs``)."""
    table = {s: exact_number(point[s.name]) for s in game.free_symbols}
    return subgame_perfect(ExtensiveFormGame(game.players, game.map_numbers(lambda e: e.xreplace(table))))


@given(symbolic_payoff_trees(), st.data())
def test_regions_agree_with_backward_induction(game, data):
    partition = spe_regions(game)
    merged = partition.outcome_conditions()
    names = sorted(s.name for s in partition.parameters)
    # every region is non-empty, and its witness has that region's unique SPE
    for region in partition:
        assert region.witness is not None
        assert holds(region, dict(region.witness))
        solved = numeric(game, region.witness)
        assert len(solved) == 1
        assert region_play(region, dict(region.witness)) == pure_play(solved[0])
    # at drawn rational points: one region iff the SPE is unique, and then the same SPE
    for _ in range(3):
        point = {n: data.draw(st.fractions(-4, 4, max_denominator=6), label=n) for n in names}
        solved = numeric(game, point)
        truth = [holds(r, point) for r in partition]
        assert [r.contains(point) for r in partition] == truth
        holding = [r for r, true in zip(partition, truth, strict=True) if true]
        if len(solved) == 1:
            assert len(holding) == 1
            assert partition.region_at(point) is holding[0]
            assert region_play(holding[0], point) == pure_play(solved[0])
            reached = holding[0].outcome if isinstance(holding[0].outcome, str) else tuple(holding[0].outcome.items())
            assert [key for key, condition in merged.items() if bool(at(condition, point))] == [reached]
        else:
            assert holding == []
            assert solved.knife_edge
            with pytest.raises(KnifeEdgeError):
                partition.region_at(point)
    # on a facet of a region: a knife-edge, where numeric backward induction finds several SPE
    bounded = [r for r in partition if r.condition is not sympy.true]
    if bounded:
        region = data.draw(st.sampled_from(bounded), label="region")
        relation = data.draw(st.sampled_from(sorted(sympy.And.make_args(region.condition), key=str)), label="facet")
        point = facet_point(region, relation, names)
        assert point is not None, "a simplified condition has no redundant inequality"
        solved = numeric(game, point)
        assert len(solved) > 1
        assert solved.knife_edge
        with pytest.raises(KnifeEdgeError):
            partition.region_at(point)
