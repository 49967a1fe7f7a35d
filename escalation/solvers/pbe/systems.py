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
from .polynomial import Polynomial

__all__ = ["EQ", "GE", "GT", "Constraint", "Family", "solve_system"]

EQ, GE, GT = "=", ">=", ">"


@dataclass(frozen=True)
class Constraint:
    """``poly`` (= 0 | >= 0 | > 0)."""

    poly: Polynomial
    rel: str

    def holds(self, value: Fraction) -> bool:
        return value == 0 if self.rel == EQ else (value >= 0 if self.rel == GE else value > 0)

    def substitute(self, values: Mapping[str, Polynomial]) -> Constraint:
        return Constraint(self.poly.substitute(values), self.rel)

    def __repr__(self) -> str:
        return f"{self.poly} {self.rel} 0"


@dataclass(frozen=True)
class Family:
    """Solutions of a system: ``values`` (solved unknowns) as polynomials in the ``free`` ones.

    ``conditions`` are the inequalities the free unknowns must satisfy
    (linear in them when ``linear`` is true); ``witness`` is one point
    satisfying them.  With no free unknowns, ``values`` are numbers.
    """

    values: Mapping[str, Polynomial | Fraction]
    free: tuple[str, ...] = ()
    conditions: tuple[Constraint, ...] = ()
    witness: Mapping[str, Fraction] = field(default_factory=dict)
    linear: bool = True

    def at(self, point: Mapping[str, Fraction]) -> dict[str, Fraction]:
        """Every unknown's value at a point of the free unknowns."""
        out = dict(point)
        for v, p in self.values.items():
            out[v] = p.evaluate(point) if isinstance(p, Polynomial) else p
        return out


def solve_system(constraints: Iterable[Constraint], unknowns: Sequence[str] | None = None) -> list[Family]:
    """All solutions of ``constraints`` (unknowns positive), as families; ``[]`` when there is none.

    ``unknowns`` defaults to every variable that occurs.  Raises
    :class:`~escalation.errors.SolverError` when a nonlinear system cannot be
    decided exactly.
    """
    cons = list(constraints)
    names = sorted(set(unknowns) if unknowns is not None else {v for c in cons for v in c.poly.variables})
    values: dict[str, Polynomial] = {}
    cons = _linear_elimination(cons, values)
    if cons is None:
        return []
    equations = [c for c in cons if c.rel == EQ]
    if equations:
        return _nonlinear(cons, values, names)
    return _finish(cons, values, names)


def _linear_elimination(cons: list[Constraint], values: dict[str, Polynomial]) -> list[Constraint] | None:
    """Solve linear equations one variable at a time, substituting as we go; None if inconsistent."""
    while True:
        cons = [c for c in cons if not _trivially_true(c)]
        if any(_trivially_false(c) for c in cons):
            return None
        pivot = next((c for c in cons if c.rel == EQ and c.poly.is_linear and not c.poly.is_constant), None)
        if pivot is None:
            return cons
        coefs, const = pivot.poly.linear_parts()
        var = min(coefs, key=lambda v: (abs(coefs[v]).denominator, v))
        expr = Polynomial({((v, 1),): -c / coefs[var] for v, c in coefs.items() if v != var}) - const / coefs[var]
        sub = {var: expr}
        for v in list(values):
            values[v] = values[v].substitute(sub)
        values[var] = expr
        cons = [c.substitute(sub) for c in cons if c is not pivot]
        cons.append(Constraint(expr, GT))  # every unknown is positive


def _trivially_true(c: Constraint) -> bool:
    return c.poly.is_constant and c.holds(c.poly.value)


def _trivially_false(c: Constraint) -> bool:
    return c.poly.is_constant and not c.holds(c.poly.value)


def _finish(cons: list[Constraint], values: dict[str, Polynomial], names: Sequence[str]) -> list[Family]:
    """Only inequalities are left: decide them over the free unknowns."""
    free = tuple(v for v in names if v not in values)
    positivity = [Constraint(Polynomial.variable(v), GT) for v in free]
    ineqs = cons + positivity
    if all(c.poly.is_linear for c in ineqs):
        point = strictly_feasible_mixed(ineqs)
        if point is None:
            return []
        point = {v: point.get(v, Fraction(1)) for v in free}
        return [Family(_numeric_if_possible(values), free, tuple(cons), point, True)]
    point = _nonlinear_witness(ineqs, free)
    if point is None:
        return []
    return [Family(_numeric_if_possible(values), free, tuple(cons), point, False)]


def strictly_feasible_mixed(cons: Sequence[Constraint]) -> dict[str, Fraction] | None:
    """A point satisfying linear constraints (> and >=), or None."""
    rows = []
    for c in cons:
        coefs, const = c.poly.linear_parts()
        if c.rel == EQ:
            rows.append((coefs, const, False))
            rows.append(({v: -a for v, a in coefs.items()}, -const, False))
        else:
            rows.append((coefs, const, c.rel == GT))
    return strictly_feasible(rows) if rows else {}


def _numeric_if_possible(values: Mapping[str, Polynomial]) -> dict[str, Polynomial | Fraction]:
    return {v: (p.value if p.is_constant else p) for v, p in values.items()}


# -- nonlinear systems ------------------------------------------------------------------------------

def _nonlinear(cons: list[Constraint], values: dict[str, Polynomial], names: Sequence[str]) -> list[Family]:
    """Equations remain that are not linear: solve them with sympy, then decide the inequalities."""
    symbols = {v: sympy.Symbol(v, positive=True) for v in names}
    eqs = [c.poly.to_sympy(symbols) for c in cons if c.rel == EQ]
    rest = [c for c in cons if c.rel != EQ]
    unknown = sorted({v for c in cons if c.rel == EQ for v in c.poly.variables})
    try:
        found = sympy.solve(eqs, [symbols[v] for v in unknown], dict=True)
    except NotImplementedError as exc:
        raise SolverError(f"could not solve the indifference conditions {eqs} exactly: {exc}") from None
    families = []
    for sol in found:
        sub: dict[str, Polynomial] = {}
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
        new_values = {v: p.substitute(sub) for v, p in values.items()}
        new_values.update(sub)
        new_cons = [c.substitute(sub) for c in rest] + [Constraint(p, GT) for p in sub.values()]
        if any(_trivially_false(c) for c in new_cons):
            continue
        families.extend(_finish([c for c in new_cons if not _trivially_true(c)], new_values, names))
    return families


def _polynomial(expr: sympy.Expr, symbols: Mapping[str, sympy.Symbol]) -> Polynomial | None:
    """``expr`` as a Polynomial with rational coefficients, or None (a rational function or irrational)."""
    expr = sympy.expand(expr)
    gens = [s for s in symbols.values() if s in expr.free_symbols]
    try:
        poly = sympy.Poly(expr, *gens) if gens else sympy.Poly(expr, sympy.Dummy("z"))
    except sympy.PolynomialError:
        return None
    if not poly.domain.is_QQ and not poly.domain.is_ZZ:
        return None
    out = Polynomial()
    names = [str(g) for g in gens]
    for monom, coef in poly.terms():
        key = tuple((n, e) for n, e in zip(names, monom, strict=False) if e) if gens else ()
        out = out + Polynomial({key: Fraction(int(coef.p), int(coef.q))})
    return out


def _sympy_family(sol, cons, values, names, symbols) -> list[Family]:
    """A solution that is not a polynomial with rational coefficients (rational function or irrational)."""
    free = [v for v in names if v not in values and symbols[v] not in sol]
    if free:
        raise SolverError("a continuum of mixed equilibria with nonpolynomial conditions was found; it cannot be "
                          "described exactly yet")
    point = {}
    for v in names:
        if v in values:
            continue
        point[v] = sol[symbols[v]]
    for c in cons:
        val = c.poly.to_sympy(symbols).subs(point)
        truth = {EQ: sympy.Eq(sympy.simplify(val), 0), GE: val >= 0, GT: val > 0}[c.rel]
        if truth is not sympy.true and truth is not True:
            return []
    raise SolverError("a mixed equilibrium with irrational probabilities was found "
                      f"({ {k: str(v) for k, v in point.items()} }); irrational equilibria are not supported yet")


def _nonlinear_witness(cons: Sequence[Constraint], free: Sequence[str]) -> dict[str, Fraction] | None:
    """A rational point satisfying nonlinear inequalities in the free unknowns, or None if there is none.

    Exact for one free unknown (the sign of each polynomial changes only at its real
    roots); for more, a search over the cells of a grid refined at the roots of each
    constraint along each axis, raising SolverError when undecided.
    """
    if len(free) == 1:
        return _univariate_witness(cons, free[0])
    raise SolverError(f"inequalities nonlinear in {len(free)} free unknowns ({', '.join(free)}) cannot be decided "
                      "exactly yet")


def _univariate_witness(cons: Sequence[Constraint], var: str) -> dict[str, Fraction] | None:
    x = sympy.Symbol(var, positive=True)
    cuts: set[sympy.Expr] = {sympy.Integer(0)}
    exprs = []
    for c in cons:
        e = c.poly.to_sympy({var: x})
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
