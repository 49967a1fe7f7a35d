r"""From the search's pieces to candidate equilibria (behaviour, beliefs, belief sets).

A piece at the root of the game is an equilibrium, or a family of them when
unknowns remain free:

* free *belief weights* :math:`\kappa` only: one behaviour, supported by a set
  of off-path beliefs (reported by the extreme points of each belief's range);
* free *mixing probabilities*: a continuum of equilibria (a knife edge).  It is
  reported by its extreme members -- the vertices of its projection onto the
  free probabilities (:mod:`.vertices`), exactly -- and described in words.
  Where the continuum is open (an information set's path of play vanishes at
  a vertex) that vertex is not a member and the description says so.

Members with the same behaviour everywhere are one equilibrium; their
supporting beliefs are pooled.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from ...errors import SolverError
from ...symbolic.lp import maximize
from .engine import Event, Piece, cleared
from .polynomial import Num, Polynomial, evaluate, is_constant, is_linear, linear_parts, substitute, variables
from .structure import Structure
from .systems import EQ, GT, Constraint, Undecided, solve_system, strictly_feasible_mixed
from .vertices import projected_vertices

__all__ = ["Candidate", "Option", "candidates", "count", "flatten"]

Behaviour = dict[str, dict[str, Fraction]]
Beliefs = dict[str, dict[str, Fraction]]
ONE = Fraction(1)


@dataclass
class Option:
    """One continuation after a deviation nobody makes: the behaviour at its information sets, and beliefs at
    those with several nodes under which the search found it (each, with the representative's beliefs elsewhere,
    meant to make the substituted profile an equilibrium; :mod:`.solve` checks that exactly)."""

    behaviour: Behaviour
    beliefs: list[Beliefs]
    seen: set = field(default_factory=set, repr=False)
    """The (information set, belief) pairs among ``beliefs``: a belief is kept only if it adds one."""
    continuum: str | None = None
    """The continuum of continuations this one is an extreme member of, if any."""


@dataclass
class Candidate:
    """One equilibrium found by the search, before verification.

    ``behaviour`` is exact; ``beliefs`` a supporting belief at every
    information set with several nodes; ``belief_sets[h]`` the extreme points of
    the supporting beliefs at ``h`` where they are not unique; ``continuum``
    describes the continuum this equilibrium is an extreme member of;
    ``continuations`` the continua among its continuations after deviations
    nobody makes (whose listed options are their extreme members).
    """

    behaviour: Behaviour
    beliefs: dict[str, dict[str, Fraction]]
    belief_sets: dict[str, list[dict[str, Fraction]]] = field(default_factory=dict)
    ties: tuple[str, ...] = ()
    continuum: str | None = None
    alternatives: dict[str, list[Option]] = field(default_factory=dict)
    continuations: str | None = None


@dataclass(frozen=True)
class Flat:
    """A root piece with every block's probabilities and weights collected (bindings applied)."""

    behaviour: Mapping[int, tuple[Num, ...]]
    weights: Mapping[int, tuple[Num, ...]]
    constraints: tuple[Constraint, ...]
    ties: tuple[str, ...]
    events: tuple[Event, ...]
    alternatives: tuple = ()

    @property
    def unknowns(self) -> frozenset[str]:
        out: set[str] = set()
        for c in self.constraints:
            out |= variables(c.poly)
        for ps in (*self.behaviour.values(), *self.weights.values()):
            for p in ps:
                out |= variables(p)
        return frozenset(out)


def flatten(piece: Piece, limit: int = 10_000) -> list[Flat]:
    """Every equilibrium below ``piece`` (its variants and its children's), bindings applied.

    Continuations after deviations nobody makes are not multiplied out: each
    ``Flat`` keeps them in ``alternatives``.  Raises SolverError beyond
    ``limit`` equilibria.
    """
    out = []
    for behaviour, weights, events, alternatives in _expand(piece, {}):
        out.append(Flat(behaviour, weights, piece.constraints, piece.ties, tuple(events), tuple(alternatives)))
        if len(out) > limit:
            raise SolverError(f"more than {limit:,} perfect Bayesian equilibria differ on the path or in "
                              "deviations somebody makes; choose a stricter off-path rule")
    return out


def _expand(piece: Piece, sub: Mapping[str, Num], inherited: tuple = (), weighed: bool = True):
    """Yield ``(behaviour, weights, events, alternatives)`` for each combination of variants below ``piece``.

    ``sub``: values of unknowns solved above; ``inherited``: ratio unknowns of blocks above whose value is
    not a number (their definitions, outermost last), cleared from the weights level by level.  Without
    ``weighed`` the weights are left out (empty): only the behaviour is wanted.
    """
    for p in (piece, *piece.variants):
        ratios = {e: (substitute(n, sub), substitute(d, sub)) for e, (n, d) in p.ratios.items()}
        here = dict(sub)
        for e, (n, d) in ratios.items():  # the block's own ratio unknowns, in the caller's
            if is_constant(n) and is_constant(d):
                here[e] = n / d
        chain = ({e: nd for e, nd in ratios.items() if e not in here}, *inherited)
        layer = {h: tuple(substitute(x, here) for x in ps) for h, ps in p.layer.items()}
        weights = {h: _clear_all(tuple(substitute(x, here) for x in ws), chain)
                   for h, ws in p.weights.items()} if weighed else {}
        below = {**here, **{v: substitute(x, here) for v, x in p.bindings.items()}}
        own = [(group, below, chain) for group in p.alternatives]
        # a deviation nobody makes is represented by its first continuation; every continuation, with the
        # deviations nobody makes inside it, is listed by its group (_options), not multiplied out here
        represented = {c for group in p.alternatives for c in group[0][1]}
        kids = [[next(_expand(child, below, chain, weighed))] if c in represented
                else list(_expand(child, below, chain, weighed)) for c, child in enumerate(p.children)]
        for parts in itertools.product(*kids):
            behaviour, all_weights, events, alternatives = dict(layer), dict(weights), list(p.events), list(own)
            for c, (b, w, e, alt) in enumerate(parts):
                behaviour.update(b)
                all_weights.update(w)
                events.extend(e)
                if c not in represented:
                    alternatives.extend(alt)
            yield behaviour, all_weights, events, alternatives


def _clear_all(values: tuple[Num, ...], chain) -> tuple[Num, ...]:
    for ratios in chain:
        if ratios:
            values = cleared(values, ratios)
    return values


def count(piece: Piece) -> int:
    """How many equilibria ``piece`` stands for (variants, and alternatives after unmade deviations)."""
    total = 0
    for p in (piece, *piece.variants):
        n = 1
        for child in p.children:
            n *= count(child)
        for group in p.alternatives:
            n *= sum(_product(count(q) for q in pieces.values()) for _, pieces, _ in group)
        total += n
    return total


def _product(values) -> int:
    out = 1
    for v in values:
        out *= v
    return out


def candidates(structure: Structure, pieces: list[Piece]) -> list[Candidate]:
    """Group the root pieces' members by behaviour and describe each group's beliefs."""
    groups: dict[tuple, list[tuple[Flat, dict[str, Fraction], str | None]]] = {}
    for piece in pieces:
        for flat in flatten(piece):
            for point, continuum in _members(structure, flat):
                key = tuple(sorted((h, tuple(evaluate(p, point) for p in ps)) for h, ps in flat.behaviour.items()))
                groups.setdefault(key, []).append((flat, point, continuum))
    memo: dict[tuple, list[Option]] = {}   # the candidates share continuations after unmade deviations
    return [_group(structure, members, memo) for members in groups.values()]


def _alternatives(structure: Structure, flat: Flat, memo: dict) -> dict[str, list[Option]]:
    """For each deviation nobody makes: the behaviour after it in every admissible continuation."""
    return {_deviation(structure, group[0][0][0]): list(_options(structure, group, sub, chain, memo))
            for group, sub, chain in flat.alternatives}


def _options(structure: Structure, group, sub: Mapping[str, Num], chain, memo: dict) -> list[Option]:
    """Every continuation after one deviation nobody makes: each admissible belief and continuation piece, each
    of its variants and extreme members, and -- multiplied out -- every continuation after the deviations nobody
    makes inside it (those are listed here, not as groups of their own, since they depend on the option).

    Each option carries the beliefs inside the continuation that the search found for it (at the member's point:
    the off-path belief weights and mixing probabilities there); an option found under several beliefs keeps each.
    The list is remembered in ``memo`` (the same group under the same values recurs across candidates and
    inside other continuations); callers only read it.
    """
    key = (id(group), tuple(sorted(sub.items())), tuple(tuple(sorted(ratios.items())) for ratios in chain))
    if key not in memo:
        memo[key] = _listed_options(structure, group, sub, chain, memo)
    return memo[key]


def _listed_options(structure: Structure, group, sub: Mapping[str, Num], chain, memo: dict) -> list[Option]:
    options: dict[tuple, Option] = {}
    for _events, pieces, conditions in group:
        cons = tuple(substitute_constraint(c, sub) for c in conditions)
        for parts in itertools.product(*(list(_expand(piece, sub, chain)) for piece in pieces.values())):
            behaviour: dict[int, tuple[Num, ...]] = {}
            weights: dict[int, tuple[Num, ...]] = {}
            nested = []
            for b, w, _, alt in parts:
                behaviour.update(b)
                weights.update(w)
                nested.extend(alt)
            inner = [_options(structure, g, s, ch, memo) for g, s, ch in nested]
            for point, continuum in _members(structure, Flat(behaviour, {}, cons, (), ())):
                if _path_vanishes(structure, behaviour, point):
                    continue
                shown = {structure.labels[h]: {a: evaluate(x, point) for a, x in zip(structure.actions[h], ps,
                                                                                     strict=True)}
                         for h, ps in sorted(behaviour.items())}
                beliefs = _option_beliefs(structure, weights, point)
                for combo in itertools.product(*inner):
                    _add_option(options, shown, beliefs, combo, continuum)
    return list(options.values())


def _add_option(options: dict[tuple, Option], shown: Behaviour, beliefs: Beliefs | None, combo,
                continuum: str | None = None) -> None:
    """Record the option ``shown`` with the inner options ``combo`` (and the beliefs of each, where known);
    ``continuum`` describes the continuum of continuations it is an extreme member of."""
    full = dict(shown)
    full_beliefs: list[Beliefs | None] = [beliefs]
    for part in combo:
        full.update(part.behaviour)
        full_beliefs = list(itertools.islice((None if mine is None or theirs is None else {**mine, **theirs}
                                              for mine in full_beliefs for theirs in (part.beliefs or [None])),
                                             MAX_OPTION_BELIEFS))
    key = tuple(sorted((h, _plain(acts)) for h, acts in full.items()))
    found = options.setdefault(key, Option(full, []))
    found.continuum = found.continuum or continuum or next((p.continuum for p in combo if p.continuum), None)
    for b in full_beliefs:
        if b is None or len(found.beliefs) >= MAX_OPTION_BELIEFS:
            continue
        pairs = {(h, _plain(v)) for h, v in b.items()}
        # the first belief is always kept: an empty one (no information set with several nodes inside the
        # continuation) adds no pair but is what supports the option
        if not found.beliefs or not pairs <= found.seen:
            found.beliefs.append(b)
            found.seen |= pairs


def _plain(probabilities: Mapping[str, Fraction]) -> tuple[tuple[str, int, int], ...]:
    """``probabilities`` as a sorted tuple of (name, numerator, denominator): a key that hashes whole numbers, not
    fractions (which hash slowly)."""
    return tuple(sorted((k, p.numerator, p.denominator) for k, p in probabilities.items()))


MAX_OPTION_BELIEFS = 64
"""At most this many supporting beliefs are kept per option, each adding a belief at some information set that
the others lack (each is tried until one passes)."""


def _option_beliefs(structure: Structure, weights: Mapping[int, tuple[Num, ...]], point) -> Beliefs | None:
    """The beliefs at the continuation's information sets with several nodes, at ``point`` (None if undefined).

    Weights left free by ``point`` (an off-path belief weight no condition involves) are set to 1; a set that
    only nodes its owner's belief rules out reach takes the full-support belief the search used there.
    """
    out: Beliefs = {}
    known = structure.beliefs
    for h, ws in weights.items():
        if len(ws) < 2:
            continue
        if (h, ws) in known:
            out[structure.labels[h]] = dict(known[(h, ws)])
            continue
        values = [w if is_constant(w) else evaluate(w, {**dict.fromkeys(variables(w), ONE), **point}) for w in ws]
        if all(v == 0 for v in values):
            names = [f"z{h}_{j}" for j in range(1, len(ws))]
            if not all(n in point for n in names):
                return None
            values = [ONE, *(point[n] for n in names)]
        total = sum(values, Fraction(0))
        if total <= 0 or any(v < 0 for v in values):
            return None
        paths = [structure.game.nodes[x].path for x in structure.nodes_of[h]]
        out[structure.labels[h]] = {path: v / total for path, v in zip(paths, values, strict=True)}
        if all(is_constant(w) for w in ws) and any(w != 0 for w in ws):   # the belief depends on nothing else
            known[(h, ws)] = dict(out[structure.labels[h]])
    return out


def substitute_constraint(c: Constraint, sub: Mapping[str, Num]) -> Constraint:
    return c.substitute(sub)


def _path_vanishes(structure: Structure, behaviour: Mapping[int, tuple[Num, ...]], point) -> bool:
    """Whether, at ``point`` of a continuum of continuations, some information set with several nodes that the
    continuum reaches is no longer reached: its belief then comes from the off-path rule, not from the
    continuum's (limit) weights, so the member is an open end (the limit, if an equilibrium, is found with the
    smaller support).  Reach counts the moves inside the continuation by everybody but the set's owner."""
    if not point or all(is_constant(x) for ps in behaviour.values() for x in ps):
        return False
    s = structure
    for h in behaviour:
        if len(s.nodes_of[h]) < 2:
            continue
        weights = [_inner_weight(s, behaviour, x, s.owner[h]) for x in s.nodes_of[h]]
        if all(is_constant(w) for w in weights):
            continue
        if any(not (is_constant(w) and w == 0) for w in weights) and all(evaluate(w, point) == 0 for w in weights):
            return True
    return False


def _inner_weight(s: Structure, behaviour: Mapping[int, tuple[Num, ...]], x: int, owner: int) -> Num:
    """The product of the move probabilities on the path to node ``x`` inside the continuation (the information
    sets in ``behaviour``), the owner's own moves left out."""
    weight: Num = Fraction(1)
    child, parent = x, s.parent[x]
    while parent is not None and s.infoset[parent] in behaviour:
        h = s.infoset[parent]
        if s.owner[h] != owner:
            weight = weight * behaviour[h][s.children[parent].index(child)]
        child, parent = parent, s.parent[parent]
    return weight


def _deviation(structure: Structure, event: Event) -> str:
    s = structure
    actions = sorted({s.actions[h][a] for h, a in event.types})
    where = " or ".join(repr(s.labels[h]) for h, _ in event.types)
    who = s.players[event.player] if event.player >= 0 else "a player"
    return f"after {who} plays {' or '.join(repr(a) for a in actions)} at {where}"


def _members(structure: Structure, piece: Flat) -> list[tuple[dict[str, Fraction], str | None]]:
    """Points of the piece's unknowns to report: one witness, or the extreme members of a continuum."""
    free = sorted(piece.unknowns)
    if not free:
        return [({}, None)]
    strategy = sorted({v for ps in piece.behaviour.values() for p in ps for v in variables(p)})
    if not strategy:
        witness = _witness(piece, free)
        return [] if witness is None else [(witness, None)]
    if not all(is_linear(c.poly) for c in piece.constraints):
        witness = _witness(piece, free)
        text = "a continuum of equilibria with nonlinear conditions (one member shown)"
        return [] if witness is None else [(witness, text)]
    vertices = _vertices(piece, free, strategy)
    points = [p for p in (_point_over(piece, free, v) for v in vertices) if p is not None]
    members = [p for p in points if _has_beliefs(piece, p)]
    if not points:
        witness = _witness(piece, free)
        return [] if witness is None else [(witness, "a continuum of equilibria (one member shown: its extreme "
                                                     "members could not be computed)")]
    ranges = []
    for v in strategy:
        if not v.startswith("s"):   # a belief weight that the play depends on: its range is the beliefs'
            continue
        ends = [p[v] for p in points]
        h, a = (int(x) for x in v[1:].split("_"))
        ranges.append(f"{structure.players[structure.owner[h]]} plays {structure.actions[h][a]!r} at "
                      f"{structure.labels[h]!r} with any probability from {min(ends)} to {max(ends)}")
    text = CONTINUUM + "; ".join(ranges) + (
        " (jointly constrained)" if len(ranges) > 1 else "")
    if len(members) < len(points):
        text += ("; it is open where an information set's last path of play vanishes "
                 "(the limit there is reported separately if it is an equilibrium)")
    return [(p, text) for p in members]


def _vertices(piece: Flat, free: list[str], strategy: list[str]) -> list[dict[str, Fraction]]:
    """The extreme members in the mixing probabilities: the vertices of the continuum's projection onto them
    (or, when that is too large to compute, the members where each probability is smallest and largest)."""
    a, b = _rows(list(piece.constraints), free)
    rows = [({v: c for v, c in zip(free, row, strict=True) if c != 0}, rhs) for row, rhs in zip(a, b, strict=True)]
    found = projected_vertices(rows, strategy, [v for v in free if v not in strategy])
    if found:
        return found
    ends = []
    for v in strategy:
        for sign in (-1, 1):
            point = _optimum(list(piece.constraints), free, v, sign)
            if point is not None and {u: point[u] for u in strategy} not in ends:
                ends.append({u: point[u] for u in strategy})
    return ends


def _point_over(piece: Flat, free: list[str], vertex: Mapping[str, Fraction]) -> dict[str, Fraction] | None:
    """A member of the continuum's closure with these mixing probabilities (other unknowns positive if possible)."""
    fixed = [Constraint(Polynomial.variable(v) - x, EQ) for v, x in vertex.items()]
    others = [v for v in free if v not in vertex]
    inside = strictly_feasible_mixed(list(piece.constraints) + fixed + [Constraint(Polynomial.variable(v), GT)
                                                                         for v in others])
    if inside is not None:
        return {v: Fraction(vertex[v]) if v in vertex else inside.get(v, Fraction(1)) for v in free}
    return _optimum(list(piece.constraints) + fixed, free, next(iter(vertex)), 1)  # fixed, so bounded


def _has_beliefs(piece: Flat, point: Mapping[str, Fraction]) -> bool:
    """Whether every information set reached in the piece is still reached at ``point`` (not an open end)."""
    return all(len(ws) < 2 or _normalised(ws, point) is not None for ws in piece.weights.values())


def _witness(piece: Flat, free: list[str]) -> dict[str, Fraction] | None:
    cons = list(piece.constraints) + [Constraint(Polynomial.variable(v), GT) for v in free]
    if all(is_linear(c.poly) for c in cons):
        point = strictly_feasible_mixed(cons)
        return None if point is None else {v: point.get(v, Fraction(1)) for v in free}
    try:
        found = solve_system(cons)
    except Undecided:
        return None
    if not found:
        return None
    point = dict(found[0].at(found[0].witness))
    missing = [v for v in free if v not in point]  # unknowns the family left open (a belief weight in no condition)
    if not missing:
        return point
    rest = [c.substitute(point) for c in cons]
    rest = [c for c in rest if c.decided is not True]
    if any(c.decided is False for c in rest) or not all(is_linear(c.poly) for c in rest):
        return None
    inside = strictly_feasible_mixed(rest) if rest else {}
    return None if inside is None else {**point, **{v: inside.get(v, Fraction(1)) for v in missing}}


def _rows(cons: list[Constraint], names: list[str]):
    """``A z <= b`` for the closure of linear constraints ``c(z) >= 0`` (z >= 0)."""
    a, b = [], []
    for c in cons:
        coefs, const = linear_parts(c.poly)
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


def _normalised(weights: tuple[Num, ...], point: Mapping[str, Fraction]) -> list[Fraction] | None:
    values = [evaluate(w, point) for w in weights]
    total = sum(values, Fraction(0))
    return None if total == 0 else [v / total for v in values]


def _group(structure: Structure, members, memo: dict) -> Candidate:
    piece, point, _ = members[0]
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
    for label, extremes in _same_play_beliefs(structure, piece, behaviour).items():
        known = sets.get(label) or []
        merged = known + [b for b in extremes if b not in known]
        if len(merged) > 1:
            sets[label] = merged
    ties = tuple(dict.fromkeys(t for m, _, _ in members for t in m.ties))
    continuum = _continua(c for _, _, c in members)
    alternatives = _alternatives(structure, piece, memo)
    return Candidate(behaviour, beliefs, sets, ties, continuum, alternatives, _continuations(alternatives))


def _continuations(alternatives: Mapping[str, list[Option]]) -> str | None:
    """The continua among the continuations after each deviation nobody makes, said once each."""
    texts = [f"{deviation}: {text}" for deviation, options in alternatives.items()
             for text in dict.fromkeys(o.continuum for o in options if o.continuum)]
    return "; ".join(texts) or None


CONTINUUM = "a continuum of equilibria joins these members: "


def _continua(texts) -> str | None:
    """The members' continuum descriptions as one text, each said once (several continua: numbered).

    >>> _continua([CONTINUUM + "x from 0 to 1", CONTINUUM + "y from 1/2 to 1", CONTINUUM + "x from 0 to 1"])
    'continua of equilibria join these members: (1) x from 0 to 1; (2) y from 1/2 to 1'
    """
    unique = list(dict.fromkeys(t for t in texts if t))
    if len(unique) < 2:
        return unique[0] if unique else None
    if all(t.startswith(CONTINUUM) for t in unique):
        parts = [f"({k}) {t.removeprefix(CONTINUUM)}" for k, t in enumerate(unique, 1)]
        return "continua of equilibria join these members: " + "; ".join(parts)
    return "; ".join(unique)


def _same_play_beliefs(structure: Structure, flat: Flat, behaviour: Behaviour) -> dict[str, list]:
    """Beliefs of alternative continuations that play exactly as the representative (so they support it too)."""
    out: dict[str, list] = {}
    for group, sub, chain in flat.alternatives:
        for _events, pieces, conditions in group:
            b: dict[int, tuple[Num, ...]] = {}
            w: dict[int, tuple[Num, ...]] = {}
            for piece in pieces.values():
                bb, ww, _, _ = next(_expand(piece, sub, chain))
                b.update(bb)
                w.update(ww)
            option = Flat(b, w, tuple(c.substitute(sub) for c in conditions), (), ())
            for point, _ in _members(structure, option):
                same = all(evaluate(x, point) == behaviour[structure.labels[h]][a]
                           for h, ps in b.items() for a, x in zip(structure.actions[h], ps, strict=True))
                if not same:
                    continue
                for h, ws in w.items():
                    if len(ws) < 2:
                        continue
                    paths = [structure.game.nodes[x].path for x in structure.nodes_of[h]]
                    found = out.setdefault(structure.labels[h], [])
                    for belief in _belief_extremes(option, ws, point, paths):
                        if belief not in found:
                            found.append(belief)
    return out


def _belief_extremes(piece: Flat, ws: tuple[Num, ...], point, paths) -> list[dict[str, Fraction]]:
    """The beliefs at the ends of each free weight's range (others at ``point``)."""
    names_here = sorted({v for w in ws for v in variables(w)})
    here = _normalised(ws, point)
    if not names_here:
        return [dict(zip(paths, here, strict=True))] if here is not None else []
    out: list[dict[str, Fraction]] = []
    linear = [c for c in piece.constraints if is_linear(c.poly)]
    names = sorted(piece.unknowns)
    for v in names_here:
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


def _limit(ws: tuple[Num, ...], var: str, paths: list[str], point: Mapping[str, Fraction]):
    """The belief as ``var`` grows without bound (weights linear in ``var``: its terms dominate)."""
    lead = [substitute(w, {v: x for v, x in point.items() if v != var}) for w in ws]
    coefs = [sum((c for m, c in w.terms.items() if m), Fraction(0)) if isinstance(w, Polynomial) else Fraction(0)
             for w in lead]
    total = sum(coefs, Fraction(0))
    return None if total == 0 else dict(zip(paths, [c / total for c in coefs], strict=True))


def _behaviour(structure: Structure, piece: Flat, point: Mapping[str, Fraction]) -> Behaviour:
    out: Behaviour = {}
    for h, label in enumerate(structure.labels):
        probs = piece.behaviour[h]
        out[label] = {a: evaluate(p, point) for a, p in zip(structure.actions[h], probs, strict=True)}
    return out
