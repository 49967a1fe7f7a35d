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
Any number of types, messages and replies is allowed; the response set is
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
from typing import Any

from .polynomial import Polynomial
from .systems import GE, Constraint, solve_system

__all__ = ["OFFPATH_RULES", "Response", "admissible", "d1_eliminated", "d1_survivors", "passes_intuitive", "responses"]

OFFPATH_RULES = ("D1", "intuitive", "prior", "free")


@dataclass(frozen=True)
class Response:
    """One continuation after a deviation: the belief face, each type's payoff, and the conditions."""

    face: tuple[tuple[int, int], ...]
    payoff: Mapping[tuple[int, int], Polynomial]
    constraints: tuple[Constraint, ...]


def admissible(search: Any, block: Any, fw, raw, supports, child_value, event: Any) -> bool:
    """Whether the belief face of ``event`` passes its rule in the candidate being assembled."""
    s = search.s
    j = event.player
    if j < 0 or len(event.types) < 2:
        return True
    ustar = {}
    for h, _ in event.types:
        a_star = supports[h][0]
        ustar[h] = sum((fw[p][j] * child_value(block.frontier[p].node, a_star)[j] for p in block.members[h]),
                       Polynomial())
    if any(not u.is_constant for u in ustar.values()):
        search.notes.add("an off-path refinement was skipped where the deviating player's equilibrium payoffs "
                         "were not yet determined (the belief there is unrestricted)")
        return True
    star = {t: ustar[t[0]] for t in event.types}
    found = responses(search, block, fw, raw, event)
    if event.rule == "D1":
        return set(event.face) <= d1_survivors(event.types, found, star)
    return passes_intuitive(event.types, found, star)


def d1_survivors(types, found: list[Response], star) -> set:
    """The types D1 does not rule out (all of them if it would rule out every type)."""
    out = set(types) - set(d1_eliminated(types, found, star))
    return out or set(types)


def d1_eliminated(types, found: list[Response], star) -> dict:
    """Each type D1 rules out, with a type that gains strictly whenever it gains weakly."""
    out = {}
    for t in types:
        for other in types:
            if other != t and all(_infeasible(r, [r.payoff[t] - star[t], star[other] - r.payoff[other]])
                                  for r in found):
                out[t] = other
                break
    return out


def passes_intuitive(types, found: list[Response], star) -> bool:
    """The intuitive criterion's test (see the module docstring)."""
    dominated = {t for t in types if all(_infeasible(r, [r.payoff[t] - star[t]]) for r in found)}
    rest = set(types) - dominated
    if not rest:
        return True
    on_rest = [r for r in found if set(r.face) <= rest]
    if not on_rest:
        return True
    return not any(all(_infeasible(r, [star[t] - r.payoff[t]]) for r in on_rest) for t in rest)


def _infeasible(r: Response, extra: list[Polynomial]) -> bool:
    cons = list(r.constraints) + [Constraint(p, GE) for p in extra]
    const = [c for c in cons if c.poly.is_constant]
    if any(not c.holds(c.poly.value) for c in const):
        return True
    rest = [c for c in cons if not c.poly.is_constant]
    return bool(rest) and not solve_system(rest)


def responses(search: Any, block: Any, fw, raw, event: Any) -> list[Response]:
    """Every continuation equilibrium after ``event``'s deviation, for every belief face (cached)."""
    s = search.s
    entries_key = tuple(tuple(tuple(row) for row in raw[c]) for c in event.children)
    key = ("responses", block.index, event.key, entries_key)
    if key in search.memo:
        return search.memo[key]
    faces = search._faces(block, fw, event.observer, frozenset(event.types), list(event.children), all_faces=True)
    out: list[Response] = []
    for face in faces:
        entries = [[list(r) for r in rows] for rows in raw]
        search.place(block, fw, entries, face)
        sets = [search.solve(block.children[c], tuple(tuple(r) for r in entries[c])) for c in event.children]
        for combo in itertools.product(*sets):
            value = _continuation_value(search, block, event, combo)
            payoff = {}
            for h, a in event.types:
                payoff[(h, a)] = sum((fw[p][event.player] * value(block.frontier[p].node, a)[event.player]
                                      for p in block.members[h]), Polynomial())
            cons = tuple(c for piece in combo for c in piece.constraints)
            out.append(Response(face.face, payoff, cons))
    search.memo[key] = out
    return out


def _continuation_value(search: Any, block: Any, event: Any, combo):
    s = search.s
    table = {}
    for position, c in enumerate(event.children):
        for r, (f, a) in enumerate(block.feeds[c]):
            table[(block.frontier[f].node, a)] = (position, r)

    def value(node: int, a: int) -> tuple[Polynomial, ...]:
        child = s.children[node][a]
        if s.static[child] is not None:
            return tuple(Polynomial.constant(u) for u in s.static[child])
        position, r = table[(node, a)]
        return combo[position].values[r]

    return value
