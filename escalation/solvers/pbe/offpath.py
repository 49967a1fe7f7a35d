r"""Off-path belief rules: ``"free"``, ``"prior"``, the intuitive criterion and D1.

When player :math:`j` makes a move of probability zero at one of its
information sets (its *types* :math:`t \in T`, the information sets from which
the same deviation is possible), an observer must form a belief
:math:`\lambda \in \Delta(T)` about which type deviated.  The *responses*
:math:`R` are the continuation equilibria after the deviation, for every such
belief; write :math:`u_t(r)` for type :math:`t`'s payoff from deviating when
the continuation is :math:`r`, and :math:`u^*_t` for its equilibrium payoff.

``"free"``
    any :math:`\lambda`;
``"prior"``
    every type weighted as if each had deviated with the same probability
    (the observer's weights on the nodes before the deviation);
``"intuitive"`` (Cho & Kreps 1987)
    type :math:`t` is *equilibrium-dominated* if :math:`u_t(r) < u^*_t` for every
    :math:`r \in R`; with :math:`S` the other types, the equilibrium fails if some
    :math:`t \in S` gains, :math:`u_t(r) > u^*_t`, under every response to a
    belief on :math:`S`;
``"D1"`` (Cho & Kreps 1987; Banks & Sobel 1987)
    type :math:`t` is ruled out when another type :math:`t'` gains strictly
    under every response under which :math:`t` gains weakly,
    :math:`\{r : u_t(r) \ge u^*_t\} \subseteq \{r : u_{t'}(r) > u^*_{t'}\}`;
    :math:`\lambda` puts no weight on ruled-out types (if every type is ruled
    out, D1 says nothing).

Both refinements are *filters*: the search enumerates every belief face and
continuation, and a candidate equilibrium is kept only when its belief passes.
Any number of types, messages, replies and observers is allowed (with several
observers of one deviation, the responses are the continuations for every
profile of their beliefs, and each observer's belief is judged over the types
it can weigh; where observers can weigh different sets of types, the intuitive
criterion counts only the responses in which every observer's belief is on
the types that might gain, which the tests do not cover); the response set is
computed exactly from the continuation's equilibria (pure ones are points,
mixed ones sets described by polynomial conditions).  Since an
equilibrium-dominated type is ruled out by D1 and the equilibrium's own
continuation is a response to a belief on the D1 survivors, every equilibrium
that passes D1 passes the intuitive criterion.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .polynomial import Num, is_constant, is_linear, variables
from .systems import GE, Constraint, feasible

__all__ = ["OFFPATH_RULES", "Response", "admissible", "d1_eliminated", "d1_survivors", "deviation_of",
           "equilibrium_payoffs", "passes_intuitive", "responses"]

OFFPATH_RULES = ("D1", "intuitive", "prior", "free")


@dataclass(frozen=True)
class Response:
    """One continuation after a deviation: the belief face, each type's payoff, and the conditions."""

    face: tuple[tuple[int, int], ...]
    payoff: Mapping[tuple[int, int], Num]
    constraints: tuple[Constraint, ...]


def admissible(search: Any, block: Any, fw, raw, supports, child_value, events: tuple) -> bool:
    """Whether the belief faces of ``events`` (every observer of one deviation) pass their rules in the candidate
    being assembled.

    With several observers the responses are the continuations for every profile of their beliefs; each
    observer's belief is judged over the types it could weigh: under D1 it puts weight only on those that no
    other type among them dominates, and under the intuitive criterion none of them may gain under every
    response to beliefs on the types that might gain.
    """
    deviation = deviation_of(events)
    if deviation is None:
        return True
    j, types = deviation
    star = equilibrium_payoffs(block, fw, supports, child_value, j, types)
    if any(not is_constant(u) for u in star.values()):
        search.notes.add("an off-path refinement was skipped where the deviating player's equilibrium payoffs "
                         "were not yet determined (the belief there is unrestricted)")
        return True
    found = responses(search, block, fw, raw, events)
    for e in events:
        if len(e.types) < 2:
            continue
        if e.rule == "D1" and not set(e.face) <= d1_survivors(e.types, found, star):
            return False
        if e.rule == "intuitive" and not passes_intuitive(e.types, found, star):
            return False
    return True


def deviation_of(events) -> tuple[int, tuple[tuple[int, int], ...]] | None:
    """The deviating player and the union of its observers' types, or None when no rule has anything to judge
    (the deviators are several players, or there is only one type)."""
    players = {e.player for e in events}
    types = tuple(sorted(set().union(*(e.types for e in events))))
    if len(players) != 1 or -1 in players or len(types) < 2:
        return None
    return players.pop(), types


def equilibrium_payoffs(block: Any, fw, supports, child_value, j: int, types) -> dict[tuple[int, int], Num]:
    """Each deviating type's (weighted) equilibrium payoff :math:`u^*_t`: player ``j``'s value of the played action
    at the type's information set."""
    star: dict[tuple[int, int], Num] = {}
    for h, a in types:
        u: Num = Fraction(0)
        for p in block.members[h]:
            u = u + fw[p][j] * child_value(block.frontier[p].node, supports[h][0])[j]
        star[(h, a)] = u
    return star


def d1_survivors(types, found: list[Response], star) -> set:
    """The types D1 does not rule out (all of them if it would rule out every type)."""
    out = set(types) - set(d1_eliminated(types, found, star))
    return out or set(types)


def d1_eliminated(types, found: list[Response], star) -> dict:
    """Each type D1 rules out, with a type that gains strictly whenever it gains weakly."""
    out = {}
    for t in types:
        for other in types:
            if other != t and not any(_possible(r, [(t, star[t], +1), (other, star[other], -1)]) for r in found):
                out[t] = other
                break
    return out


def passes_intuitive(types, found: list[Response], star) -> bool:
    """The intuitive criterion's test (see the module docstring)."""
    dominated = {t for t in types if not any(_possible(r, [(t, star[t], +1)]) for r in found)}
    rest = set(types) - dominated
    if not rest:
        return True
    on_rest = [r for r in found if set(r.face) <= rest]
    if not on_rest:
        return True
    return not any(not any(_possible(r, [(t, star[t], -1)]) for r in on_rest) for t in rest)


def _possible(r: Response, bounds) -> bool:
    """Whether some continuation in ``r`` has ``sign * (u_t - star) >= 0`` for every ``(t, star, sign)``."""
    extra = [(r.payoff[t] - star) * sign for t, star, sign in bounds]
    if all(is_constant(e) for e in extra):
        return all(e >= 0 for e in extra)
    bounds = [Constraint(e, GE) for e in extra]
    if any(c.decided is False for c in bounds):
        return False
    rest = _touching([c for c in bounds if c.decided is None], [c for c in r.constraints if c.decided is None])
    # The linear conditions alone decide when they cannot hold; nonlinear ones are not decided here, so with
    # them the continuation counts as possible (no type is ruled out on their account).
    linear = [c for c in rest if is_linear(c.poly)]
    return not linear or feasible(linear, undecided=True)


def _touching(bounds: list[Constraint], conditions: list[Constraint]) -> list[Constraint]:
    """The bounds with the response's conditions that share unknowns with them, directly or through others.

    The response's other conditions constrain unknowns the bounds never see; the response exists, so they
    are satisfiable on their own and do not change whether the bounds can hold.
    """
    seen = set().union(*(variables(c.poly) for c in bounds)) if bounds else set()
    out, left = list(bounds), list(conditions)
    grew = True
    while grew:
        grew = False
        for c in list(left):
            names = variables(c.poly)
            if names & seen:
                seen |= names
                out.append(c)
                left.remove(c)
                grew = True
    return out


def responses(search: Any, block: Any, fw, raw, events: tuple) -> list[Response]:
    """Every continuation equilibrium after one deviation, for every profile of its observers' beliefs (cached).

    ``events``: one per observer of the deviation; an observer under ``"prior"``
    holds the prior belief, every other one each belief face in turn.  A
    response's face is the union of the observers' faces.  Continuations that
    give the deviating types the same payoffs under the same conditions are one
    response; a response whose payoffs are numbers is checked feasible once and
    kept without its conditions.
    """
    children = sorted({c for e in events for c in e.children})
    types = tuple(sorted(set().union(*(e.types for e in events))))
    entries_key = tuple(tuple(tuple(row) for row in raw[c]) for c in children)
    key = ("responses", block.index, tuple(e.key for e in events), entries_key)
    if key in search.memo:
        return search.memo[key]
    per_observer = [search.faces(block, fw, e.observer, frozenset(e.types), list(e.children),
                                 all_faces=e.rule != "prior") for e in events]
    out: dict[tuple, Response] = {}
    j = events[0].player
    for faces in itertools.product(*per_observer):
        entries = [[list(r) for r in rows] for rows in raw]
        for face in faces:
            search.place(block, fw, entries, face)
        union = tuple(sorted(set().union(*(f.face for f in faces))))
        sets = []
        for c in children:
            pieces = search.solve(block.children[c], tuple(tuple(r) for r in entries[c]))
            distinct: dict[tuple[Any, ...], Any] = {}
            for piece in pieces:
                distinct.setdefault((tuple(row[j] for row in piece.values), piece.constraints), piece)
            sets.append(list(distinct.values()))
        for combo in itertools.product(*sets):
            value = _continuation_value(search, block, children, combo)
            payoff: dict[tuple[int, int], Num] = {}
            for h, a in types:
                u: Num = Fraction(0)
                for p in block.members[h]:
                    u = u + fw[p][j] * value(block.frontier[p].node, a)[j]
                payoff[(h, a)] = u
            cons = tuple(dict.fromkeys(c for piece in combo for c in piece.constraints))
            if all(is_constant(p) for p in payoff.values()):
                point = tuple(payoff[t] for t in types)
                if (union, point) in out:
                    continue
                if any(c.decided is False for c in cons):
                    continue
                undecided = [c for c in cons if c.decided is None]
                if undecided and not feasible(undecided, undecided=True):
                    continue
                out[(union, point)] = Response(union, dict(zip(types, point, strict=True)), ())
            else:
                out.setdefault((union, tuple(payoff.values()), cons), Response(union, payoff, cons))
    result = list(out.values())
    search.memo[key] = result
    return result


def _continuation_value(search: Any, block: Any, children: list[int], combo):
    s = search.s
    table = {}
    for position, c in enumerate(children):
        for r, (f, a) in enumerate(block.feeds[c]):
            table[(block.frontier[f].node, a)] = (position, r)

    def value(node: int, a: int) -> tuple[Num, ...]:
        child = s.children[node][a]
        if s.static[child] is not None:
            return s.static[child]
        position, r = table[(node, a)]
        return combo[position].values[r]

    return value
