r"""Is a region of parameter space empty?  Exact where it can be, honest where it cannot.

A candidate region is a conjunction of canonical inequalities
(:class:`~escalation.symbolic.inequalities.Inequality`) inside the admissible
domain.  :meth:`Domain.check` decides whether it contains a point:

1. an inequality together with its exact opposite is a contradiction;
2. the inequalities are split into blocks that share no parameter, and each
   block is decided on its own;
3. a block of linear inequalities is decided exactly by linear programming
   (:mod:`escalation.symbolic.lp`), which also yields a witness point;
4. a block in a single parameter is decided exactly by sympy's univariate
   inequality solver;
5. any other nonlinear block is empty if its linear part already is;
   otherwise the parameters that make it nonlinear (e.g. a probability
   multiplying payoffs) are fixed at a deterministic sequence of rational
   values and the rest decided by linear programming.  A witness found this
   way is exact; when none is found the block is *undecided* and the region is
   kept (its ``feasible`` verdict is ``None``).

So a region reported empty is empty, and a region reported non-empty comes
with a point inside it.

>>> import sympy
>>> from escalation.symbolic.inequalities import canonical
>>> x, y = sympy.symbols("x y", real=True)
>>> domain = Domain([canonical(x, strict=False)], (x, y))            # x >= 0
>>> domain.check({canonical(y - x), canonical(-y)}).feasible          # y > x and y < 0
False
>>> verdict = domain.check({canonical(y - x), canonical(1 - y)})      # x < y < 1
>>> verdict.feasible, 0 <= verdict.witness["x"] < verdict.witness["y"] < 1
(True, True)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy

from .inequalities import Inequality, Point, _linear_row
from .lp import LinearConstraint, strictly_feasible

__all__ = ["Domain", "Verdict"]

SAMPLES = 32


@dataclass(frozen=True)
class Verdict:
    """Whether a region has a point: ``True`` (with ``witness``), ``False``, or ``None`` (undecided).

    ``witness`` maps every parameter name to an exact :class:`~fractions.Fraction`.
    """

    feasible: bool | None
    witness: dict[str, Fraction] | None = None


class Domain:
    """The admissible domain (a conjunction of inequalities) and emptiness tests inside it.

    Parameters
    ----------
    inequalities : iterable of Inequality
        The assumptions; together they define the domain.
    symbols : sequence of sympy.Symbol
        Every parameter of the game (witness points give each a value).
    preferred : sequence of sympy.Symbol
        Parameters to fix first when sampling a nonlinear block (chance
        probabilities are the usual source of nonlinearity).
    """

    def __init__(self, inequalities: Iterable[Inequality], symbols: Sequence[sympy.Symbol],
                 preferred: Sequence[sympy.Symbol] = ()) -> None:
        self.inequalities = frozenset(inequalities)
        self.symbols = tuple(symbols)
        self.preferred = tuple(preferred)
        self._cache: dict[frozenset[Inequality], Verdict] = {}
        self._signs: dict[sympy.Expr, int | None] = {}
        self.bounds = _interval_bounds(self.inequalities)
        self.verdict = self._decide(frozenset(), everything=True)

    # -- public ------------------------------------------------------------------------------
    def check(self, inequalities: Iterable[Inequality], hints: Iterable[tuple[dict | None, Any]] = ()) -> Verdict:
        """Decide whether the domain contains a point where all ``inequalities`` hold.

        ``hints`` are pairs ``(point, known)`` of admissible points (earlier
        witnesses) and inequalities each is known to satisfy; they are tried
        first, and one that satisfies the rest settles the question at once.
        """
        key = frozenset(inequalities)
        if key not in self._cache:
            found = next((point for point, known in hints
                          if point is not None and all(q.holds_at(point) for q in key.difference(known))), None)
            self._cache[key] = Verdict(True, found) if found is not None else self._decide(key)
        return self._cache[key]

    def implies(self, premises: Iterable[Inequality], conclusion: Inequality) -> bool:
        """True when the domain and ``premises`` provably imply ``conclusion``."""
        return self.check({*premises, conclusion.negation()}).feasible is False

    def sign(self, expr: sympy.Expr, premises: Iterable[Inequality] = ()) -> int | None:
        """+1 or -1 when ``expr`` has that strict sign on the domain (and ``premises``), else None."""
        premises = frozenset(premises)
        key = (sympy.expand(expr), premises)
        if key not in self._signs:
            positive = Inequality(key[0], True)
            if self.implies(premises, positive):
                self._signs[key] = 1
            elif self.implies(premises, Inequality(-key[0], True)):
                self._signs[key] = -1
            else:
                self._signs[key] = None
        return self._signs[key]

    def violated(self, point: dict[str, Any]) -> list[Inequality]:
        """The assumptions violated at ``point`` (name -> number); empty when the point is admissible."""
        return [q for q in sorted(self.inequalities, key=lambda q: q.key) if not q.holds_at(point)]

    # -- deciding ------------------------------------------------------------------------------
    def _decide(self, region: frozenset[Inequality], everything: bool = False) -> Verdict:
        expressions = {q.expr for q in region} | {q.expr for q in self.inequalities}
        if any(q.strict and q.opposite in expressions for q in region):
            return Verdict(False)
        witness = {s.name: Fraction(0) for s in self.symbols}
        if not everything and self.verdict.witness is not None:
            witness.update(self.verdict.witness)
        undecided = False
        for block in _blocks(region | self.inequalities):
            if not everything and not (block & region):
                continue  # assumptions alone: decided when the domain was built
            verdict = self._decide_block(block)
            if verdict.feasible is False:
                return verdict
            if verdict.feasible is None:
                undecided = True
            elif verdict.witness is not None:  # a feasible verdict always carries its witness
                witness.update(verdict.witness)
        return Verdict(None) if undecided else Verdict(True, Point(witness))

    def _decide_block(self, block: frozenset[Inequality]) -> Verdict:
        ordered = sorted(block, key=lambda q: q.key)
        linear = [q for q in ordered if q.is_linear]
        nonlinear = [q for q in ordered if not q.is_linear]
        point = strictly_feasible([q.row for q in linear if q.row is not None])
        if point is None:
            return Verdict(False)
        symbols = frozenset[sympy.Symbol]().union(*(q.symbols for q in block))
        point = Point({**{s.name: Fraction(0) for s in symbols}, **point})
        if not nonlinear or all(q.holds_at(point) for q in nonlinear):
            return Verdict(True, point)
        if len(symbols) == 1:
            return _univariate(block, next(iter(symbols)))
        return self._sample(block, point)

    def _sample(self, block: frozenset[Inequality], point: dict[str, Fraction]) -> Verdict:
        """Fix the parameters that make ``block`` nonlinear at rational values; solve the rest exactly."""
        fixed = _linearising_symbols(block, self.preferred)
        for k in range(1, SAMPLES + 1):
            values = {s: _candidate(k, i, self.bounds.get(s, (None, None)), point.get(s.name))
                      for i, s in enumerate(fixed)}
            rows: list[LinearConstraint] = []
            decided = True
            for q in sorted(block, key=lambda q: q.key):
                expr = sympy.expand(q.expr.xreplace(values))
                if not expr.free_symbols:
                    decided = decided and (bool(expr > 0) if q.strict else bool(expr >= 0))
                    continue
                row = _linear_row(expr, q.strict)
                if row is None:
                    decided = False
                else:
                    rows.append(row)
            rest = strictly_feasible(rows) if decided else None
            if rest is not None:
                witness = Point({**point, **rest, **{s.name: Fraction(int(v.p), int(v.q)) for s, v in values.items()}})
                if all(q.holds_at(witness) for q in block):
                    return Verdict(True, witness)
        return Verdict(None)


def _blocks(inequalities: Iterable[Inequality]) -> list[frozenset[Inequality]]:
    """Group inequalities into blocks that share no parameter (connected components)."""
    blocks: list[tuple[set[sympy.Symbol], set[Inequality]]] = []
    for q in inequalities:
        symbols, members = set(q.symbols), {q}
        for block in [b for b in blocks if b[0] & symbols]:
            blocks.remove(block)
            symbols |= block[0]
            members |= block[1]
        blocks.append((symbols, members))
    return [frozenset(m) for _, m in blocks]


def _univariate(block: frozenset[Inequality], symbol: sympy.Symbol) -> Verdict:
    """Decide a block in one parameter exactly with sympy's inequality solver."""
    x = sympy.Dummy("x", real=True)
    try:
        solutions = [
            sympy.solve_univariate_inequality(q.relation().xreplace({symbol: x}), x, relational=False)
            for q in block
        ]
    except (NotImplementedError, ValueError):  # e.g. a polynomial sympy cannot isolate the roots of
        return Verdict(None)
    region = sympy.Intersection(*solutions)
    if region is sympy.S.EmptySet:
        return Verdict(False)
    value = _rational_in(region)
    if value is None or not value.is_Rational:
        return Verdict(None)
    return Verdict(True, Point({symbol.name: Fraction(int(value.p), int(value.q))}))


def _rational_in(region: sympy.Set) -> sympy.Expr | None:
    """A point of a union of intervals, rational when the interval has interior."""
    parts = region.args if isinstance(region, sympy.Union) else (region,)
    for part in parts:
        if isinstance(part, sympy.FiniteSet):
            return next(iter(part))
        if isinstance(part, sympy.Interval):
            low, high = part.start, part.end
            if low.is_infinite and high.is_infinite:
                guess = sympy.Integer(0)
            elif low.is_infinite:
                guess = sympy.floor(high) - 1
            elif high.is_infinite:
                guess = sympy.ceiling(low) + 1
            else:
                guess = _rational_between(low, high)
            if region.contains(guess) is sympy.true:
                return guess
    return None


def _rational_between(low: sympy.Expr, high: sympy.Expr) -> sympy.Rational:
    """The midpoint of ``low < high`` when both are rational, else a short rational near it.

    An irrational end (a root such as :math:`\\sqrt 3`) is read as a 30-digit
    decimal string, exactly, and rounded to a denominator below :math:`10^9`;
    the caller checks that the result lies in the interval.

    >>> _rational_between(sympy.Integer(1), sympy.Integer(2))
    3/2
    >>> _rational_between(sympy.sqrt(3), sympy.Integer(3))
    1934726305/817711552
    """
    middle = (low + high) / 2
    if middle.is_Rational:
        return middle
    near = Fraction(str(middle.evalf(30))).limit_denominator(10**9)
    return sympy.Rational(near.numerator, near.denominator)


def _interval_bounds(inequalities: Iterable[Inequality]) -> dict[sympy.Symbol, tuple]:
    """Lower and upper bounds on single parameters stated directly by the assumptions."""
    bounds: dict[sympy.Symbol, list] = {}
    for q in inequalities:
        if q.is_linear and len(q.symbols) == 1:
            (s,) = q.symbols
            coeff = q.expr.coeff(s)
            limit = -(q.expr - coeff * s) / coeff
            low, high = bounds.setdefault(s, [None, None])
            if coeff > 0:
                bounds[s][0] = limit if low is None else sympy.Max(low, limit)
            else:
                bounds[s][1] = limit if high is None else sympy.Min(high, limit)
    return {s: tuple(b) for s, b in bounds.items()}


def _linearising_symbols(block: frozenset[Inequality], preferred: Sequence[sympy.Symbol]) -> list[sympy.Symbol]:
    """Parameters which, once fixed, leave every inequality of ``block`` linear (greedy)."""
    gens = sorted(frozenset[sympy.Symbol]().union(*(q.symbols for q in block)), key=lambda s: s.name)
    monomials = {m for q in block for m in sympy.Poly(q.expr, *gens).monoms()}
    fixed: list[sympy.Symbol] = []

    def excess(m):
        return sum(d for s, d in zip(gens, m, strict=True) if s not in fixed) > 1

    while any(excess(m) for m in monomials):
        counts = {s: sum(1 for m in monomials if excess(m) and m[i]) for i, s in enumerate(gens) if s not in fixed}
        rank = {s: (s in preferred, counts[s], -gens.index(s)) for s in counts if counts[s]}
        fixed.append(max(rank, key=rank.__getitem__))
    return fixed


def _radical_inverse(k: int, base: int) -> Fraction:
    value, scale = Fraction(0), Fraction(1, base)
    while k:
        k, digit = divmod(k, base)
        value += digit * scale
        scale /= base
    return value


def _candidate(k: int, i: int, bounds: tuple, hint: Fraction | None) -> sympy.Expr:
    """The ``k``-th sample value of the ``i``-th fixed parameter inside ``bounds``."""
    low, high = bounds
    low = None if low is None or not low.is_Rational else low
    high = None if high is None or not high.is_Rational else high
    if k == 1 and hint is not None and (low is None or hint > low) and (high is None or hint < high):
        return sympy.Rational(hint.numerator, hint.denominator)
    u = _radical_inverse(k, (2, 3, 5, 7, 11, 13)[i % 6])
    u = sympy.Rational(u.numerator, u.denominator)
    if low is not None and high is not None:
        return low + (high - low) * u
    if low is not None:
        return low + u / (1 - u)
    if high is not None:
        return high - u / (1 - u)
    return (u - sympy.Rational(1, 2)) / (u * (1 - u))
