r"""From the search's pieces to candidate equilibria (behaviour, beliefs, belief sets).

A piece at the root of the game is an equilibrium, or a family of them when
unknowns remain free:

* free *belief weights* :math:`\kappa` only: one behaviour, supported by a set
  of off-path beliefs (reported by the extreme points of each belief's range);
* free *mixing probabilities*: a continuum of equilibria (a knife edge).  It is
  reported by its extreme members -- for each free probability the members at
  which it is smallest and largest (exact linear programmes; for one free
  probability these are all the extreme points) -- and described in words.

Members with the same behaviour everywhere are one equilibrium; their
supporting beliefs are pooled.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from ...symbolic.lp import maximize
from .engine import Piece
from .polynomial import Polynomial
from .structure import Structure
from .systems import EQ, GT, Constraint, solve_system, strictly_feasible_mixed

__all__ = ["Candidate", "candidates"]

Behaviour = dict[str, dict[str, Fraction]]


@dataclass
class Candidate:
    """One equilibrium found by the search, before verification.

    ``behaviour`` is exact; ``beliefs`` a supporting belief at every
    information set with several nodes; ``belief_sets[h]`` the extreme points of
    the supporting beliefs at ``h`` where they are not unique; ``continuum``
    describes the continuum this equilibrium is an extreme member of.
    """

    behaviour: Behaviour
    beliefs: dict[str, dict[str, Fraction]]
    belief_sets: dict[str, list[dict[str, Fraction]]] = field(default_factory=dict)
    ties: tuple[str, ...] = ()
    continuum: str | None = None


def candidates(structure: Structure, pieces: list[Piece]) -> list[Candidate]:
    """Group the root pieces' members by behaviour and describe each group's beliefs."""
    groups: dict[tuple, list[tuple[Piece, dict[str, Fraction], str | None]]] = {}
    for piece in pieces:
        for point, continuum in _members(structure, piece):
            key = tuple(sorted((h, tuple(p.evaluate(point) for p in ps)) for h, ps in piece.behaviour.items()))
            groups.setdefault(key, []).append((piece, point, continuum))
    return [_group(structure, members) for members in groups.values()]


def _members(structure: Structure, piece: Piece) -> list[tuple[dict[str, Fraction], str | None]]:
    """Points of the piece's unknowns to report: one witness, or the extreme members of a continuum."""
    free = sorted(_unknowns(piece))
    if not free:
        return [({}, None)]
    strategy = sorted({v for ps in piece.behaviour.values() for p in ps for v in p.variables})
    if not strategy:
        witness = _witness(piece, free)
        return [] if witness is None else [(witness, None)]
    if not all(c.poly.is_linear for c in piece.constraints):
        witness = _witness(piece, free)
        text = "a continuum of equilibria with nonlinear conditions (one member shown)"
        return [] if witness is None else [(witness, text)]
    out: list[tuple[dict[str, Fraction], str | None]] = []
    ranges = []
    for v in strategy:
        ends = []
        for sign in (-1, 1):
            point = _optimum(list(piece.constraints), free, v, sign)
            if point is not None:
                ends.append(point[v])
                if point not in [p for p, _ in out]:
                    out.append((point, None))
        h, a = (int(x) for x in v[1:].split("_"))
        ranges.append(f"{structure.players[structure.owner[h]]} plays {structure.actions[h][a]!r} at "
                      f"{structure.labels[h]!r} with any probability from {min(ends)} to {max(ends)}")
    text = "a continuum of equilibria joins these members: " + "; ".join(ranges) + (
        " (jointly constrained)" if len(ranges) > 1 else "")
    return [(p, text) for p, _ in out]


def _unknowns(piece: Piece) -> frozenset[str]:
    """The piece's unknowns, with belief weights that no condition mentions (beliefs that nothing depends on)."""
    return piece.unknowns | {v for ws in piece.weights.values() for w in ws for v in w.variables}


def _witness(piece: Piece, free: list[str]) -> dict[str, Fraction] | None:
    cons = list(piece.constraints) + [Constraint(Polynomial.variable(v), GT) for v in free]
    if all(c.poly.is_linear for c in cons):
        point = strictly_feasible_mixed(cons)
        return None if point is None else {v: point.get(v, Fraction(1)) for v in free}
    found = solve_system(cons)
    return dict(found[0].at(found[0].witness)) if found else None


def _rows(cons: list[Constraint], names: list[str]):
    """``A z <= b`` for the closure of linear constraints ``c(z) >= 0`` (z >= 0)."""
    a, b = [], []
    for c in cons:
        coefs, const = c.poly.linear_parts()
        a.append([-coefs.get(v, Fraction(0)) for v in names])
        b.append(const)
        if c.rel == EQ:
            a.append([coefs.get(v, Fraction(0)) for v in names])
            b.append(-const)
    return a or [[Fraction(0)] * len(names)], b or [Fraction(0)]


def _optimum(cons: list[Constraint], names: list[str], var: str, sign: int) -> dict[str, Fraction] | None:
    """A point of the closure where ``var`` is smallest (sign -1) or largest (+1); None if unbounded."""
    a, b = _rows(cons, names)
    objective = [Fraction(sign) if v == var else Fraction(0) for v in names]
    try:
        best = maximize(objective, a, b)
    except ArithmeticError:
        return None
    return None if best is None else dict(zip(names, best[1], strict=True))


def _extreme(cons: list[Constraint], names: list[str], var: str, sign: int) -> Fraction | None:
    point = _optimum(cons, names, var, sign)
    return None if point is None else point[var]


def _normalised(weights: tuple[Polynomial, ...], point: Mapping[str, Fraction]) -> list[Fraction] | None:
    values = [w.evaluate(point) for w in weights]
    total = sum(values, Fraction(0))
    return None if total == 0 else [v / total for v in values]


def _group(structure: Structure, members) -> Candidate:
    piece, point, continuum = members[0]
    behaviour = _behaviour(structure, piece, point)
    beliefs: dict[str, dict[str, Fraction]] = {}
    sets: dict[str, list[dict[str, Fraction]]] = {}
    for h, weights in piece.weights.items():
        if len(weights) < 2:
            continue
        label = structure.labels[h]
        paths = [structure.game.nodes[x].path for x in structure.nodes_of[h]]
        here = _normalised(weights, point)
        if here is None:
            raise AssertionError(f"no belief at {label}")
        beliefs[label] = dict(zip(paths, here, strict=True))
        extremes: list[dict[str, Fraction]] = []
        for member, at, _ in members:
            for b in _belief_extremes(member, member.weights[h], at, paths):
                if b not in extremes:
                    extremes.append(b)
        if len(extremes) > 1:
            sets[label] = extremes
    ties = tuple(dict.fromkeys(t for m, _, _ in members for t in m.ties))
    texts = list(dict.fromkeys(c for _, _, c in members if c))
    return Candidate(behaviour, beliefs, sets, ties, "; ".join(texts) or None)


def _belief_extremes(piece: Piece, ws: tuple[Polynomial, ...], point, paths) -> list[dict[str, Fraction]]:
    """The beliefs at the ends of each free weight's range (others at ``point``)."""
    variables = sorted({v for w in ws for v in w.variables})
    here = _normalised(ws, point)
    out = [dict(zip(paths, here, strict=True))] if here is not None else []
    linear = [c for c in piece.constraints if c.poly.is_linear]
    names = sorted(_unknowns(piece))
    for v in variables:
        fixed = [Constraint(Polynomial.variable(u) - point[u], EQ) for u in names if u != v and u in point]
        for sign in (-1, 1):
            end = _extreme(linear + fixed, names, v, sign) if names else None
            if end is None and sign > 0:
                b = _limit(ws, v, paths, point)
            elif end is None:
                continue
            else:
                b_values = _normalised(ws, {**point, v: end})
                b = _limit(ws, v, paths, point) if b_values is None else dict(zip(paths, b_values, strict=True))
            if b is not None and b not in out:
                out.append(b)
    return out


def _limit(ws: tuple[Polynomial, ...], var: str, paths: list[str], point: Mapping[str, Fraction]):
    """The belief as ``var`` grows without bound (weights linear in ``var``: its terms dominate)."""
    lead = [w.substitute({v: Polynomial.constant(x) for v, x in point.items() if v != var}) for w in ws]
    coefs = [sum((c for m, c in w.terms.items() if m), Fraction(0)) for w in lead]
    total = sum(coefs, Fraction(0))
    return None if total == 0 else dict(zip(paths, [c / total for c in coefs], strict=True))


def _behaviour(structure: Structure, piece: Piece, point: Mapping[str, Fraction]) -> Behaviour:
    out: Behaviour = {}
    for h, label in enumerate(structure.labels):
        probs = piece.behaviour[h]
        out[label] = {a: p.evaluate(point) for a, p in zip(structure.actions[h], probs, strict=True)}
    return out
