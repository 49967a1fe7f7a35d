r"""The search for perfect Bayesian equilibria, block by block.

For a block (see :mod:`.structure`) entered with *weights* :math:`W_k(r)` on its
roots -- player :math:`k`'s unnormalised belief that play is at root :math:`r`,
counting everybody's moves but :math:`k`'s own -- :meth:`Search.solve` returns
every equilibrium of the block as a :class:`Piece`.  It enumerates a *support*
(the set of actions used) at each information set of the block's layer; a
support with several actions brings unknown mixing probabilities.  The child
blocks' weights follow by multiplying with the move probabilities, and the
child blocks are solved recursively (and remembered, since many layer supports
lead to the same child weights).  Combining a layer support with one
equilibrium of each child block gives the conditions at the layer:

* **sequential rationality** at information set :math:`h` of player :math:`i`:
  with :math:`E(a) = \sum_{x \in h} W_i(x)\, V_i(x a)`, every action in the
  support attains :math:`\max_a E(a)` (equations between the used actions,
  inequalities against the others);
* **Bayes' rule where possible**: beliefs are the normalised weights, so a
  player's beliefs at its later information sets follow from its earlier ones
  (pre-consistency, Hendon, Jacobsen & Sloth 1996 [M]), and by the one-shot
  deviation principle that those authors prove for such assessments,
  sequential rationality needs only these one-shot conditions;
* **off the path**: when a child block is reached with zero weight for player
  :math:`k` (every move into it has probability zero), :math:`k` forms a new
  belief over the *types* of the deviation -- the information sets
  :math:`t` from which the deviating moves were made -- with weights
  :math:`\kappa_t \ge 0`: :math:`W_k(x a) = \kappa_t W_k(x)`.  The *face* (the
  types with positive weight) is enumerated; the weights are unknowns, so a
  piece carries the whole set of beliefs that support it.  The off-path rule
  (:mod:`.offpath`) restricts the faces (``"prior"`` fixes :math:`\kappa = 1`)
  or filters the combinations (``"D1"``, ``"intuitive"``).

Conditions are polynomial in the unknowns; :mod:`.systems` decides them exactly.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from ...errors import SolverError
from .offpath import admissible
from .polynomial import Polynomial
from .structure import Block, Structure
from .systems import EQ, GE, GT, Constraint, Family, solve_system

__all__ = ["Event", "Piece", "Search"]

Entry = tuple[tuple[Polynomial, ...], ...]
ZERO = Polynomial()
ONE = Polynomial.constant(1)


@dataclass(frozen=True)
class Event:
    """An off-path belief: ``observer`` learns that ``player`` made a zero-probability move.

    ``types`` are the ``(information set, action)`` pairs of the deviation;
    ``face`` those given positive weight; ``weights[t]`` the unknown (or 1)
    weight of each type in the face; ``rule`` the off-path rule applied.
    """

    key: str
    observer: int
    player: int
    types: tuple[tuple[int, int], ...]
    face: tuple[tuple[int, int], ...]
    weights: Mapping[tuple[int, int], Polynomial]
    rule: str
    children: tuple[int, ...] = ()


@dataclass(frozen=True)
class Piece:
    """One equilibrium of a block (possibly a family, while unknowns remain).

    ``behaviour[h]`` holds the probability of each action at information set
    ``h`` (of this block and its descendants); ``values[r][i]`` player i's
    value at root ``r`` (unnormalised by nothing: values are conditional on the
    root); ``weights[h]`` the owner's weights on the nodes of ``h``;
    ``constraints`` what the unknowns must satisfy.
    """

    behaviour: Mapping[int, tuple[Polynomial, ...]]
    values: tuple[tuple[Polynomial, ...], ...]
    weights: Mapping[int, tuple[Polynomial, ...]]
    constraints: tuple[Constraint, ...]
    events: tuple[Event, ...] = ()
    ties: tuple[str, ...] = ()

    @property
    def unknowns(self) -> frozenset[str]:
        out: set[str] = set()
        for c in self.constraints:
            out |= c.poly.variables
        for probs in self.behaviour.values():
            for p in probs:
                out |= p.variables
        return frozenset(out)


@dataclass
class Options:
    """Search options: the off-path rule per information set and the bound on mixing."""

    rule: Callable[[str], str]
    max_mixed_infosets: int | None = None
    searched: dict = field(default_factory=dict)


class Search:
    """Every perfect Bayesian equilibrium of a structure's blocks (see the module docstring)."""

    def __init__(self, structure: Structure, options: Options) -> None:
        self.s = structure
        self.options = options
        self.memo: dict[tuple[int, Entry], list[Piece]] = {}
        self.n = len(structure.players)
        self._where: dict[int, dict[tuple[int, int], tuple[int, int]]] = {}
        self.skipped_supports = 0
        self.notes: set[str] = set()

    # -- public --------------------------------------------------------------------------------
    def root_pieces(self) -> list[Piece]:
        entry = (tuple(ONE for _ in range(self.n)),)
        return self.solve(0, entry)

    def solve(self, b: int, entry: Entry) -> list[Piece]:
        key = (b, entry)
        if key not in self.memo:
            self.memo[key] = self._solve(self.s.blocks[b], entry)
        return self.memo[key]

    # -- one block -----------------------------------------------------------------------------
    def _solve(self, block: Block, entry: Entry) -> list[Piece]:
        s = self.s
        fw = [tuple(entry[f.root][k] * f.factor for k in range(self.n)) for f in block.frontier]
        external = frozenset(v for row in entry for w in row for v in w.variables)
        out: list[Piece] = []
        for choice in itertools.product(*(self._supports(h) for h in block.layer)):
            if self._too_mixed(choice):
                continue
            probs: dict[int, tuple[Polynomial, ...]] = {}
            local: list[Constraint] = []
            for h, support in zip(block.layer, choice, strict=True):
                probs[h], cons = self._probabilities(h, support)
                local.extend(cons)
            raw, alternatives = self._child_entries(block, fw, probs)
            for entries, events in alternatives:
                child_sets = [self.solve(c, e) for c, e in zip(block.children, entries, strict=True)]
                if any(not pieces for pieces in child_sets):
                    continue
                for combo in itertools.product(*child_sets):
                    out.extend(self._assemble(block, fw, probs, choice, local, combo, events, external, raw))
        return out

    def _too_mixed(self, choice: Sequence[tuple[int, ...]]) -> bool:
        bound = self.options.max_mixed_infosets
        if bound is None:
            return False
        if sum(len(support) > 1 for support in choice) > bound:
            self.skipped_supports += 1
            return True
        return False

    def _supports(self, h: int) -> list[tuple[int, ...]]:
        """Nonempty sets of actions not strictly dominated at ``h``, smallest first."""
        actions = [a for a in range(len(self.s.actions[h])) if a not in self.s.dominated(h)]
        return [c for k in range(1, len(actions) + 1) for c in itertools.combinations(actions, k)]

    def _probabilities(self, h: int, support: tuple[int, ...]) -> tuple[tuple[Polynomial, ...], list[Constraint]]:
        k = len(self.s.actions[h])
        if len(support) == 1:
            return tuple(ONE if a == support[0] else ZERO for a in range(k)), []
        variables = {a: Polynomial.variable(f"s{h}_{a}") for a in support[:-1]}
        last = ONE - sum(variables.values(), ZERO)
        out = tuple(variables.get(a, last if a == support[-1] else ZERO) for a in range(k))
        return out, [Constraint(last, GT)]

    # -- child blocks' weights, off-path events ------------------------------------------------
    def _child_entries(self, block: Block, fw, probs) -> tuple[list[list[list[Polynomial]]], list]:
        """The weights at each child block's roots, and one alternative per choice of off-path faces.

        Returns ``(raw, alternatives)``: ``raw[c][r][k]`` the weights the layer's
        probabilities give (zero for an observer who sees a deviation), and a list of
        ``(entries, events)``.
        """
        raw, off = self.raw_entries(block, fw, probs)
        if not off:
            return raw, [([tuple(tuple(r) for r in rows) for rows in raw], ())]
        options = [self._faces(block, fw, k, pairs, children, all_faces=False) for (k, pairs), children in off.items()]
        out = []
        for faces in itertools.product(*options):
            entries = [[list(r) for r in rows] for rows in raw]
            for event in faces:
                self.place(block, fw, entries, event)
            out.append(([tuple(tuple(r) for r in rows) for rows in entries], tuple(faces)))
        return raw, out

    def raw_entries(self, block: Block, fw, probs):
        """``raw[c][r][k]``: weights of child ``c``'s root ``r`` for player ``k``; and the off-path groups.

        An off-path group ``(k, pairs) -> children``: the child blocks that player
        ``k`` reaches only through moves of probability zero, ``pairs`` those moves.
        """
        s = self.s
        raw: list[list[list[Polynomial]]] = []
        off: dict[tuple[int, frozenset], list[int]] = {}
        for c, feeds in enumerate(block.feeds):
            rows = []
            for f, a in feeds:
                h = s.infoset[block.frontier[f].node]
                row = []
                for k in range(self.n):
                    w = fw[f][k]
                    if a >= 0 and k != s.owner[h]:
                        w = w * probs[h][a]
                    row.append(w)
                rows.append(row)
            raw.append(rows)
            for k in range(self.n):
                if all(r[k].is_zero for r in rows) and any(not fw[f][k].is_zero for f, _ in feeds):
                    pairs = frozenset((s.infoset[block.frontier[f].node], a) for f, a in feeds if a >= 0)
                    off.setdefault((k, pairs), []).append(c)
        return raw, off

    def place(self, block: Block, fw, entries, event: Event) -> None:
        """Write ``event``'s off-path weights into the observer's column of its child blocks' entries."""
        for c in event.children:
            for j, (f, a) in enumerate(block.feeds[c]):
                h = self.s.infoset[block.frontier[f].node]
                entries[c][j][event.observer] = fw[f][event.observer] * event.weights.get((h, a), ZERO)

    def _faces(self, block: Block, fw, k: int, pairs: frozenset, children: list[int], *,
               all_faces: bool) -> list[Event]:
        """The off-path beliefs ``k`` may hold after the deviation ``pairs`` (all of them if ``all_faces``)."""
        s = self.s
        types = []
        for h, a in sorted(pairs):
            if any(not fw[f][k].is_zero for f in block.members[h]):
                types.append((h, a))
        players = {s.owner[h] for h, _ in types}
        if not types:
            raise SolverError("an information set is reached only through chance moves of probability zero; "
                              "beliefs there are not defined")
        player = players.pop() if len(players) == 1 else -1
        key = f"{block.index}.{min(children)}.{k}"
        rule = self._rule_for(block, children, k)
        kids = tuple(children)
        if rule == "prior" and not all_faces:
            weights = {t: ONE for t in types}
            return [Event(key, k, player, tuple(types), tuple(types), weights, rule, kids)]
        events = []
        for size in range(1, len(types) + 1):
            for face in itertools.combinations(types, size):
                weights = {t: (ONE if j == 0 else Polynomial.variable(f"k{key}_{t[0]}_{t[1]}"))
                           for j, t in enumerate(face)}
                events.append(Event(key, k, player, tuple(types), face, weights, rule, kids))
        return events

    def _rule_for(self, block: Block, children: list[int], observer: int) -> str:
        """The off-path rule at the first information set of ``observer`` below the deviation."""
        queue = [block.children[c] for c in children]
        while queue:
            child = self.s.blocks[queue.pop(0)]
            for h in child.layer:
                if self.s.owner[h] == observer:
                    return self.options.rule(self.s.labels[h])
            queue.extend(child.children)
        return self.options.rule("")

    # -- combining a layer support with child equilibria ---------------------------------------
    def _assemble(self, block: Block, fw, probs, choice, local, combo, events, external, raw) -> list[Piece]:
        s = self.s
        where = self._child_position(block)
        cons = list(local)
        for piece in combo:
            cons.extend(piece.constraints)

        def child_value(node: int, a: int) -> tuple[Polynomial, ...]:
            c = s.children[node][a]
            if s.static[c] is not None:
                return tuple(Polynomial.constant(u) for u in s.static[c])
            j, r = where[(node, a)]
            return combo[j].values[r]

        node_values: list[tuple[Polynomial, ...]] = []
        for pos, f in enumerate(block.frontier):
            v = f.node
            if s.static[v] is not None:
                node_values.append(tuple(Polynomial.constant(u) for u in s.static[v]))
            elif s.infoset[v] in probs:
                h = s.infoset[v]
                vals = [child_value(v, a) for a in range(len(s.actions[h]))]
                node_values.append(tuple(sum((probs[h][a] * vals[a][i] for a in range(len(vals))
                                              if not probs[h][a].is_zero), ZERO) for i in range(self.n)))
            else:
                j, r = where[(v, -1)]
                node_values.append(combo[j].values[r])
        ties: list[str] = []
        for h, support in zip(block.layer, choice, strict=True):
            new, tie = self._rationality(block, fw, h, support, child_value)
            if new is None:
                return []
            cons.extend(new)
            ties.extend(tie)
        values = [[ZERO] * self.n for _ in block.roots]
        for f, val in zip(block.frontier, node_values, strict=True):
            for i in range(self.n):
                values[f.root][i] = values[f.root][i] + val[i] * f.factor
        behaviour: dict[int, tuple[Polynomial, ...]] = dict(probs)
        weights: dict[int, tuple[Polynomial, ...]] = {
            h: tuple(fw[p][s.owner[h]] for p in block.members[h]) for h in block.layer}
        all_events = list(events)
        for piece in combo:
            behaviour.update(piece.behaviour)
            weights.update(piece.weights)
            all_events.extend(piece.events)
            ties.extend(piece.ties)
        candidate = Piece(behaviour, tuple(tuple(v) for v in values), weights, tuple(cons), tuple(all_events),
                          tuple(ties))
        candidate = self._refine(block, fw, raw, choice, child_value, events, candidate)
        if candidate is None:
            return []
        return self._settle(candidate, external)

    def _child_position(self, block: Block) -> dict[tuple[int, int], tuple[int, int]]:
        if block.index not in self._where:
            table = {}
            for j, feeds in enumerate(block.feeds):
                for r, (f, a) in enumerate(feeds):
                    table[(block.frontier[f].node, a)] = (j, r)
            self._where[block.index] = table
        return self._where[block.index]

    def _rationality(self, block: Block, fw, h: int, support, child_value):
        """Sequential-rationality constraints at ``h`` (None if violated outright) and ties found."""
        s = self.s
        i = s.owner[h]
        w = [fw[p][i] for p in block.members[h]]
        if all(x.is_zero for x in w):
            raise SolverError(f"information set {s.labels[h]!r} is reached only after moves its owner believes "
                              "impossible; beliefs there are not defined by the search")
        nodes = [block.frontier[p].node for p in block.members[h]]
        dominated = s.dominated(h)
        expected = {a: sum((wx * child_value(x, a)[i] for wx, x in zip(w, nodes, strict=True)), ZERO)
                    for a in range(len(s.actions[h])) if a not in dominated}
        base = expected[support[0]]
        cons: list[Constraint] = []
        ties: list[str] = []
        for a in support[1:]:
            d = expected[a] - base
            if d.is_constant:
                if d.value != 0:
                    return None, []
            else:
                cons.append(Constraint(d, EQ))
        for a, e in expected.items():
            if a in support:
                continue
            d = base - e
            if d.is_constant:
                if d.value < 0:
                    return None, []
                if d.value == 0:
                    first, second = sorted((support[0], a))
                    ties.append(f"{s.players[i]} is indifferent at {s.labels[h]!r} between "
                                f"{s.actions[h][first]!r} and {s.actions[h][second]!r}")
            else:
                cons.append(Constraint(d, GE))
        return cons, ties

    # -- off-path rules and deciding the conditions ---------------------------------------------
    def _refine(self, block, fw, raw, choice, child_value, events, candidate: Piece) -> Piece | None:
        """Apply the D1 / intuitive filters to the events of this layer (other rules act on the faces)."""
        for event in events:
            if event.rule in ("D1", "intuitive") and not admissible(
                    self, block, fw, raw, dict(zip(block.layer, choice, strict=True)), child_value, event):
                return None
        return candidate

    def _settle(self, piece: Piece, external: frozenset[str]) -> list[Piece]:
        """Drop infeasible pieces; when no unknown comes from outside, solve the conditions now."""
        cons = [c for c in piece.constraints if not c.poly.is_constant]
        if any(c.poly.is_constant and not c.holds(c.poly.value) for c in piece.constraints):
            return []
        if not cons:
            return [_with(piece, constraints=())]
        families = solve_system(cons)
        if not families:
            return []
        if external & piece.unknowns:
            return [_with(piece, constraints=tuple(cons))]
        return [_resolved(piece, fam) for fam in families]


def _with(piece: Piece, **changes) -> Piece:
    fields = {"behaviour": piece.behaviour, "values": piece.values, "weights": piece.weights,
              "constraints": piece.constraints, "events": piece.events, "ties": piece.ties}
    fields.update(changes)
    return Piece(**fields)


def _resolved(piece: Piece, family: Family) -> Piece:
    """``piece`` with a family's solved unknowns substituted; the family's conditions remain."""
    sub = {v: (p if isinstance(p, Polynomial) else Polynomial.constant(p)) for v, p in family.values.items()}

    def s(p: Polynomial) -> Polynomial:
        return p.substitute(sub)

    events = tuple(Event(e.key, e.observer, e.player, e.types, e.face, {t: s(w) for t, w in e.weights.items()},
                         e.rule) for e in piece.events)
    return Piece({h: tuple(s(p) for p in ps) for h, ps in piece.behaviour.items()},
                 tuple(tuple(s(v) for v in row) for row in piece.values),
                 {h: tuple(s(w) for w in ws) for h, ws in piece.weights.items()},
                 tuple(family.conditions), events, piece.ties)
