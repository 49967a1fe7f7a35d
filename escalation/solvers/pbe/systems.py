r"""Exact solution of the equilibrium conditions of one support profile.

Fixing which actions each player uses at each information set (a *support
profile*) turns the perfect Bayesian conditions into a system

.. math:: f_k(z) = 0, \qquad g_l(z) \ge 0, \qquad h_m(z) > 0

of polynomials in the unknowns :math:`z`: mixing probabilities (indifference
conditions are equations, optimality against unused actions and interior
probabilities are inequalities) and the weights of off-path beliefs.  Every
unknown is positive.  This module decides such a system exactly and describes
its solutions as a :class:`Family`: some unknowns solved as expressions of the
others (the *free* ones), plus the inequalities left on the free ones.  A
family without free unknowns is one point; with free unknowns it is a
continuum (a knife edge or a set of supporting beliefs), described by its
inequalities and its extreme points.

Linear systems are solved in rational arithmetic (Gaussian elimination, then an
exact simplex for the inequalities); nonlinear ones by sympy.

>>> from escalation.solvers.pbe.polynomial import Polynomial
>>> s, t = Polynomial.variable("s"), Polynomial.variable("t")
>>> found = solve_system([Constraint(3 * s - 1, EQ), Constraint(t - s, GT), Constraint(1 - t, GT)])
>>> [(f.values["s"], f.free) for f in found]
[(Fraction(1, 3), ('t',))]
>>> solve_system([Constraint(s - 2, EQ), Constraint(1 - s, GT)])
[]
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

import sympy

from ...errors import SolverError
from ...symbolic.lp import strictly_feasible
from .polynomial import (
    FloatPolynomial,
    Num,
    Polynomial,
    common_monomial,
    divide_monomial,
    evaluate,
    is_constant,
    is_linear,
    linear_parts,
    substitute,
    to_sympy,
    variables,
)

__all__ = ["EQ", "GE", "GT", "Constraint", "Family", "Undecided", "feasible", "plausible", "simplify", "solve_system"]

EQ, GE, GT = "=", ">=", ">"


class Undecided(SolverError):
    """Nonlinear conditions in several unknowns for which no witness was found (and no proof of infeasibility)."""




@dataclass(frozen=True)
class Constraint:
    """``poly`` (= 0 | >= 0 | > 0)."""

    poly: Num
    rel: str

    def holds(self, x: Fraction) -> bool:
        return x == 0 if self.rel == EQ else (x >= 0 if self.rel == GE else x > 0)

    @property
    def decided(self) -> bool | None:
        """True or False when the polynomial is a known number, None otherwise."""
        return self.holds(self.poly) if is_constant(self.poly) else None

    def substitute(self, values: Mapping[str, Num]) -> Constraint:
        return Constraint(substitute(self.poly, values), self.rel)

    def __repr__(self) -> str:
        return f"{self.poly} {self.rel} 0"


@dataclass(frozen=True)
class Family:
    """Solutions of a system: ``values`` (solved unknowns) as polynomials in the ``free`` ones.

    ``conditions`` are the inequalities the free unknowns must satisfy
    (linear in them when ``linear`` is true); ``witness`` is one point
    satisfying them.  With no free unknowns, ``values`` are numbers.
    """

    values: Mapping[str, Num]
    free: tuple[str, ...] = ()
    conditions: tuple[Constraint, ...] = ()
    witness: Mapping[str, Fraction] = field(default_factory=dict)
    linear: bool = True

    def at(self, point: Mapping[str, Fraction]) -> dict[str, Fraction]:
        """Every unknown's value at a point of the free unknowns."""
        out = dict(point)
        for v, p in self.values.items():
            out[v] = evaluate(p, point)
        return out


def plausible(constraints: Iterable[Constraint]) -> bool:
    """False only when the constraints surely have no solution (linear parts contradict); cheap, no sympy."""
    cons = _linear_elimination(list(constraints), {})
    if cons is None:
        return False
    if all(is_linear(c.poly) for c in cons):
        names = sorted({v for c in cons for v in variables(c.poly)})
        return bool(_finish(cons, {}, names))
    return simplify([c for c in cons if is_linear(c.poly)]) is not None


def feasible(constraints: Iterable[Constraint], undecided: bool) -> bool:
    """Whether the constraints have a solution; ``undecided`` is returned where that cannot be decided."""
    try:
        return bool(solve_system(constraints))
    except Undecided:
        return undecided


def solve_system(constraints: Iterable[Constraint], unknowns: Sequence[str] | None = None) -> list[Family]:
    """All solutions of ``constraints`` (unknowns positive), as families; ``[]`` when there is none.

    ``unknowns`` defaults to every variable that occurs.  Raises
    :class:`~escalation.errors.SolverError` when a nonlinear system cannot be
    decided exactly.
    """
    cons = [reduced(c) for c in constraints]
    names = sorted(set(unknowns) if unknowns is not None else {v for c in cons for v in variables(c.poly)})
    values: dict[str, Num] = {}
    left = _linear_elimination(cons, values)
    if left is None:
        return []
    equations = [c for c in left if c.rel == EQ]
    if equations:
        return _nonlinear(left, values, names)
    return _finish(left, values, names)


def _linear_elimination(cons: list[Constraint], values: dict[str, Num]) -> list[Constraint] | None:
    """Solve linear equations one variable at a time, substituting as we go; None if inconsistent."""
    while True:
        cons = [c for c in cons if c.decided is not True]
        if any(c.decided is False for c in cons):
            return None
        pivot = next((c for c in cons if c.rel == EQ and is_linear(c.poly) and not is_constant(c.poly)), None)
        if pivot is None:
            return cons
        coefs, const = linear_parts(pivot.poly)
        var = min(coefs, key=lambda v: (abs(coefs[v]).denominator, v))
        expr: Num = -const / coefs[var]
        for v, c in coefs.items():
            if v != var:
                expr = expr + Polynomial.variable(v) * (-c / coefs[var])
        sub = {var: expr}
        for v in list(values):
            values[v] = substitute(values[v], sub)
        values[var] = expr
        cons = [c.substitute(sub) for c in cons if c is not pivot]
        cons.append(Constraint(expr, GT))  # every unknown is positive


def reduced(c: Constraint) -> Constraint:
    """``c`` divided by the unknowns common to all its terms (positive, so the relation is kept)."""
    common = common_monomial(c.poly)
    return Constraint(divide_monomial(c.poly, common), c.rel) if common else c


def simplify(cons: Sequence[Constraint]) -> list[Constraint] | None:
    """Equivalent constraints: bounds on single unknowns merged into the tightest; None if they conflict."""
    bounds: dict[str, list[Constraint]] = {}
    rest: list[Constraint] = []
    for c in map(reduced, cons):
        vs = variables(c.poly)
        if c.decided is True:
            continue
        if c.decided is False:
            return None
        if len(vs) == 1 and is_linear(c.poly) and c.rel != EQ:
            bounds.setdefault(next(iter(vs)), []).append(c)
        else:
            rest.append(c)
    out = list(dict.fromkeys(rest))
    for var, group in bounds.items():
        tight = _tightest([*group, Constraint(Polynomial.variable(var), GT)], var)
        if tight is None:
            return None
        out.extend(tight)
    return out


def _tightest(cons: Sequence[Constraint], var: str) -> list[Constraint] | None:
    """The tightest lower and upper bound on ``var`` among single-unknown linear constraints."""
    lo, lo_strict, hi, hi_strict = None, False, None, False
    x = Polynomial.variable(var)
    for c in cons:
        coefs, b = linear_parts(c.poly)
        a = coefs[var]
        bound, strict = -b / a, c.rel == GT
        if a > 0 and (lo is None or bound > lo or (bound == lo and strict)):
            lo, lo_strict = bound, strict
        if a < 0 and (hi is None or bound < hi or (bound == hi and strict)):
            hi, hi_strict = bound, strict
    if lo is not None and hi is not None and (lo > hi or (lo == hi and (lo_strict or hi_strict))):
        return None
    out = []
    if lo is not None and not (lo == 0 and lo_strict):
        out.append(Constraint(x - lo, GT if lo_strict else GE))
    if hi is not None:
        out.append(Constraint(hi - x, GT if hi_strict else GE))
    return out


def _components(cons: Sequence[Constraint]) -> list[list[Constraint]]:
    """Constraints grouped so that no unknown appears in two groups."""
    groups: list[tuple[set[str], list[Constraint]]] = []
    for c in cons:
        vs = set(variables(c.poly))
        joined = [g for g in groups if g[0] & vs]
        merged_vars, merged = set(vs), [c]
        for g in joined:
            merged_vars |= g[0]
            merged.extend(g[1])
            groups.remove(g)
        groups.append((merged_vars, merged))
    return [g[1] for g in groups]


def _finish(cons: list[Constraint], values: dict[str, Num], names: Sequence[str]) -> list[Family]:
    """Only inequalities are left: decide them over the free unknowns, one independent group at a time."""
    free = tuple(v for v in names if v not in values)
    simple = simplify(cons)
    if simple is None:
        return []
    cons = simple
    groups = _components(cons) if len(free) > 1 and all(is_linear(c.poly) for c in cons) else []
    if len(groups) > 1:
        point: dict[str, Fraction] = {}
        for group in groups:
            found = _finish(group, {}, sorted({v for c in group for v in variables(c.poly)}))
            if not found:
                return []
            point.update(found[0].witness)
        point = {v: point.get(v, Fraction(1)) for v in free}
        return [Family(_numeric_if_possible(values), free, tuple(cons), point, True)]
    positivity = [Constraint(Polynomial.variable(v), GT) for v in free]
    ineqs = cons + positivity
    if len(free) == 1 and all(is_linear(c.poly) for c in ineqs):
        interval = _interval_point(ineqs, free[0])
        if interval is None:
            return []
        return [Family(_numeric_if_possible(values), free, tuple(cons), interval, True)]
    if all(is_linear(c.poly) for c in ineqs):
        inside = strictly_feasible_mixed(ineqs)
        if inside is None:
            return []
        return [Family(_numeric_if_possible(values), free, tuple(cons), {v: inside.get(v, Fraction(1)) for v in free},
                       True)]
    witness = _nonlinear_witness(ineqs, free)
    if witness is None:
        return []
    return [Family(_numeric_if_possible(values), free, tuple(cons), witness, False)]


def _interval_point(cons: Sequence[Constraint], var: str) -> dict[str, Fraction] | None:
    """A point of one unknown satisfying linear constraints ``a x + b (rel) 0``, or None: interval arithmetic."""
    lo, lo_strict, hi, hi_strict = None, False, None, False
    for c in cons:
        coefs, b = linear_parts(c.poly)
        a = coefs.get(var, Fraction(0))
        if a == 0:
            if not c.holds(b):
                return None
            continue
        bound = -b / a
        strict = c.rel == GT
        kinds = [+1, -1] if c.rel == EQ else [+1 if a > 0 else -1]
        for kind in kinds:
            if kind > 0 and (lo is None or bound > lo or (bound == lo and strict)):
                lo, lo_strict = bound, strict
            if kind < 0 and (hi is None or bound < hi or (bound == hi and strict)):
                hi, hi_strict = bound, strict
    if lo is not None and hi is not None:
        if lo > hi or (lo == hi and (lo_strict or hi_strict)):
            return None
        return {var: lo if lo == hi else (lo + hi) / 2}
    if lo is not None:
        return {var: lo + 1 if lo_strict else lo}
    if hi is not None:
        return {var: hi - 1 if hi_strict else hi}
    return {var: Fraction(1)}


def strictly_feasible_mixed(cons: Sequence[Constraint]) -> dict[str, Fraction] | None:
    """A point satisfying linear constraints (> and >=), or None."""
    rows = []
    for c in cons:
        coefs, const = linear_parts(c.poly)
        if c.rel == EQ:
            rows.append((coefs, const, False))
            rows.append(({v: -a for v, a in coefs.items()}, -const, False))
        else:
            rows.append((coefs, const, c.rel == GT))
    return strictly_feasible(rows) if rows else {}


def _numeric_if_possible(values: Mapping[str, Num]) -> dict[str, Num]:
    return dict(values)


# -- nonlinear systems ------------------------------------------------------------------------------

def _nonlinear(cons: list[Constraint], values: dict[str, Num], names: Sequence[str]) -> list[Family]:
    """Equations remain that are not linear: solve them with sympy, then decide the inequalities."""
    symbols = {v: sympy.Symbol(v, positive=True) for v in names}
    eqs = [to_sympy(c.poly, symbols) for c in cons if c.rel == EQ]
    rest = [c for c in cons if c.rel != EQ]
    unknown = sorted({v for c in cons if c.rel == EQ for v in variables(c.poly)})
    try:
        found = sympy.solve(eqs, [symbols[v] for v in unknown], dict=True)
    except NotImplementedError as exc:
        raise SolverError(f"could not solve the indifference conditions {eqs} exactly: {exc}") from None
    families = []
    for sol in found:
        sub: dict[str, Num] = {}
        ok = True
        for sym, expr in sol.items():
            poly = _polynomial(expr, symbols)
            if poly is None:
                ok = False
                break
            sub[str(sym)] = poly
        if not ok:
            families.extend(_sympy_family(sol, cons, values, names, symbols))
            continue
        new_values = {v: substitute(p, sub) for v, p in values.items()}
        new_values.update(sub)
        new_cons = [c.substitute(sub) for c in rest] + [Constraint(p, GT) for p in sub.values()]
        if any(c.decided is False for c in new_cons):
            continue
        families.extend(_finish([c for c in new_cons if c.decided is not True], new_values, names))
    return families


def _polynomial(expr: sympy.Expr, symbols: Mapping[str, sympy.Symbol]) -> Num | None:
    """``expr`` as a Polynomial with rational coefficients, or None (a rational function or irrational)."""
    expr = sympy.expand(expr)
    gens = [s for s in symbols.values() if s in expr.free_symbols]
    try:
        poly = sympy.Poly(expr, *gens) if gens else sympy.Poly(expr, sympy.Dummy("z"))
    except sympy.PolynomialError:
        return None
    if not poly.domain.is_QQ and not poly.domain.is_ZZ:
        return None
    out: Num = Fraction(0)
    names = [str(g) for g in gens]
    for monom, coef in poly.terms():
        key = tuple((n, e) for n, e in zip(names, monom, strict=False) if e) if gens else ()
        out = out + Polynomial.monomial(key, Fraction(int(coef.p), int(coef.q)))
    return out


def _sympy_family(sol, cons, values, names, symbols) -> list[Family]:
    """A solution that is not a polynomial with rational coefficients (rational function or irrational)."""
    free = [v for v in names if v not in values and symbols[v] not in sol]
    if free:
        raise Undecided("a continuum of mixed equilibria with nonpolynomial conditions was found and cannot be "
                        "described exactly")
    point = {}
    for v in names:
        if v in values:
            continue
        point[v] = sol[symbols[v]]
    for c in cons:
        val = to_sympy(c.poly, symbols).subs(point)
        truth = {EQ: sympy.Eq(sympy.simplify(val), 0), GE: val >= 0, GT: val > 0}[c.rel]
        if truth is not sympy.true and truth is not True:
            return []
    raise Undecided("a mixed equilibrium with irrational probabilities was found "
                    f"({ {k: str(v) for k, v in point.items()} }) and cannot be represented exactly")


SLICE_VALUES = (*(Fraction(k, 16) for k in range(1, 16)), Fraction(1, 64), Fraction(63, 64), Fraction(2),
                Fraction(4), Fraction(16))


def _nonlinear_witness(cons: Sequence[Constraint], free: Sequence[str]) -> dict[str, Fraction] | None:
    """A rational point satisfying nonlinear inequalities in the free unknowns, or None if there is none.

    Exact for one free unknown (the sign of each polynomial changes only at its
    real roots).  For more, the last unknown is solved exactly on slices where
    the others take values from a grid; a witness found proves feasibility, but
    none found proves nothing, and :class:`Undecided` is raised.  Remembered:
    the search meets the same conditions many times.
    """
    key = (tuple((c.poly, c.rel) for c in cons), tuple(free))
    if key not in _WITNESSES:
        if len(_WITNESSES) > MEMORY:
            _WITNESSES.clear()
        try:
            _WITNESSES[key] = _find_witness(cons, free)
        except Undecided as exc:
            _WITNESSES[key] = exc
    found = _WITNESSES[key]
    if isinstance(found, Undecided):
        raise found
    return dict(found) if found is not None else None


_WITNESSES: dict[tuple, dict[str, Fraction] | Undecided | None] = {}
MEMORY = 20_000  # remembered witnesses before the memory is cleared


def _find_witness(cons: Sequence[Constraint], free: Sequence[str]) -> dict[str, Fraction] | None:
    if len(free) == 1:
        return _univariate_witness(cons, free[0])
    if len(free) > 3:
        raise Undecided(f"conditions nonlinear in {len(free)} unknowns ({', '.join(free)}) were not decided")
    *fixed, last = free
    screens = [(FloatPolynomial(c.poly), c.rel) for c in cons if last not in variables(c.poly)]
    for values in itertools.product(SLICE_VALUES, repeat=len(fixed)):
        point = dict(zip(fixed, values, strict=True))
        if any(screen.surely_fails(rel, point) for screen, rel in screens):
            continue  # the exact test below would find the same constraint false
        sliced = [c.substitute(point) for c in cons]
        if any(c.decided is False for c in sliced):
            continue
        rest = [c for c in sliced if c.decided is None]
        found = _univariate_witness(rest, last) if rest else {last: Fraction(1, 2)}
        if found is not None:
            return {**point, **found}
    raise Undecided(f"no point was found for conditions nonlinear in {', '.join(free)}, and none was ruled out")


def _univariate_witness(cons: Sequence[Constraint], var: str) -> dict[str, Fraction] | None:
    x = sympy.Symbol(var, positive=True)
    cuts: set[sympy.Expr] = {sympy.Integer(0)}
    exprs = []
    for c in cons:
        e = to_sympy(c.poly, {var: x})
        exprs.append((e, c.rel))
        for r in sympy.Poly(e, x).real_roots():
            if r > 0:
                cuts.add(r)
    points = sorted(cuts, key=lambda r: sympy.N(r, 50))
    samples: list[sympy.Expr] = list(points[1:])
    for a, b in itertools.pairwise(points):
        samples.append(_rational_between(a, b))
    samples.append(_rational_between(points[-1], None))
    for s in samples:
        if all({EQ: sympy.simplify(e.subs(x, s)) == 0, GE: e.subs(x, s) >= 0, GT: e.subs(x, s) > 0}[rel]
               for e, rel in exprs):
            if not s.is_Rational:
                raise SolverError(f"the equilibrium conditions hold only at the irrational point {var} = {s}")
            return {var: Fraction(int(s.p), int(s.q))}
    return None


def _rational_between(a: sympy.Expr, b: sympy.Expr | None) -> sympy.Rational:
    if b is None:
        return sympy.Rational(sympy.floor(a)) + 1
    lo, hi = sympy.Rational(str(sympy.N(a, 60))), sympy.Rational(str(sympy.N(b, 60)))
    return (lo + hi) / 2
