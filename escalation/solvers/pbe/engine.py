r"""The search for perfect Bayesian equilibria, block by block.

For a block (see :mod:`.structure`) entered with *weights* :math:`W_k(r)` on its
roots -- player :math:`k`'s unnormalised belief that play is at root :math:`r`,
counting everybody's moves but :math:`k`'s own -- :meth:`Search.solve` returns
every equilibrium of the block as a :class:`Piece`.  It enumerates a *support*
(the set of actions used) at each information set of the block's layer; a
support with several actions brings unknown mixing probabilities.  The child
blocks' weights follow by multiplying with the move probabilities, and the
child blocks are solved recursively (and remembered, since many layer supports
lead to the same child weights; weights are compared up to a positive factor
per player, and players without a move below are ignored).  Combining a layer
support with one equilibrium of each child block gives the conditions at the
layer:

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
  or filters the combinations (``"D1"``, ``"intuitive"``).  Each entry row also
  carries every player's *shadow*, its weight one deviation down
  (:mod:`.shadows`), so that under ``"prior"`` a type that deviated before a
  later move of its own is weighed too.

Conditions are polynomial in the unknowns; :mod:`.systems` decides them
exactly.  A block whose weights are known numbers settles its unknowns at
once; otherwise it hands its conditions up to the block that knows them.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from ...errors import SolverError
from .offpath import admissible
from .polynomial import (
    Num,
    Polynomial,
    common_monomial,
    divide_monomial,
    is_constant,
    is_zero,
    substitute,
    variables,
)
from .shadows import DEEP, EARLIER, STALE, Shadow, after_move, scaled
from .structure import Block, Structure
from .systems import EQ, GE, GT, Constraint, Undecided, feasible, plausible, simplify, solve_system

__all__ = ["Event", "Options", "Piece", "Search", "check_bound", "root_entry"]

Entry = tuple[tuple, ...]
"""Per root: each player's weight, then each player's shadow (:mod:`.shadows`)."""
ZERO = Fraction(0)
ONE = Fraction(1)


@dataclass(frozen=True)
class Event:
    """An off-path belief: ``observer`` learns that ``player`` made a zero-probability move.

    ``types`` are the ``(information set, action)`` pairs of the deviation;
    ``face`` those given positive weight; ``weights[t]`` the unknown (or 1)
    weight of each type in the face; ``rule`` the off-path rule applied;
    ``children`` the positions of the child blocks the deviation leads to.
    """

    key: str
    observer: int
    player: int
    types: tuple[tuple[int, int], ...]
    face: tuple[tuple[int, int], ...]
    weights: Mapping[tuple[int, int], Num]
    rule: str
    children: tuple[int, ...] = ()


@dataclass(frozen=True)
class Piece:
    """One equilibrium of a block (a family, while unknowns remain).

    ``layer[h]``: the probability of each action at the block's layer
    information set ``h``; ``children``: one piece per child block;
    ``values[r][i]``: player i's value at root ``r``; ``weights[h]``: the owner's
    weights on the nodes of ``h``; ``constraints``: what the unknowns must
    satisfy; ``bindings``: unknowns of this block's descendants solved here (to
    be applied to them); ``free``: unknowns still open in the subtree.
    """

    block: int
    layer: Mapping[int, tuple[Num, ...]]
    weights: Mapping[int, tuple[Num, ...]]
    children: tuple[Piece, ...]
    values: tuple[tuple[Num, ...], ...]
    constraints: tuple[Constraint, ...]
    bindings: Mapping[str, Num] = field(default_factory=dict)
    free: frozenset[str] = frozenset()
    events: tuple[Event, ...] = ()
    ties: tuple[str, ...] = ()
    variants: tuple[Piece, ...] = ()
    """Other equilibria of the block with the same values and conditions (they differ only below)."""
    ratios: Mapping[str, tuple[Num, Num]] = field(default_factory=dict)
    """Unknown weight ratios of the block's entry, ``e -> (numerator, denominator)`` in the caller's unknowns."""
    alternatives: tuple = ()
    """For each deviation nobody makes at this layer: every admissible ``(belief, continuation, conditions)``; the
    first is the one in ``children``, the others equally good (an equilibrium for each)."""


@dataclass(frozen=True)
class OffPath:
    """What one observer meets after a deviation: the child blocks, the deviator's types one deviation away, and
    what it could not weigh there (``DEEP``, ``STALE`` or ``EARLIER``, :mod:`.shadows`)."""

    children: tuple[int, ...]
    types: frozenset[tuple[int, int]]
    unweighed: str | None = None


@dataclass
class Options:
    """Search options: the off-path rule per information set and the bound on mixing."""

    rule: Callable[[str], str]
    max_mixed_infosets: int | None = None

    def __post_init__(self) -> None:
        check_bound(self.max_mixed_infosets)


def check_bound(max_mixed_infosets: object) -> None:
    """Refuse a bound on mixing that is not None or a whole number from 0 up, naming the parameter.

    >>> check_bound(-1)
    Traceback (most recent call last):
    ...
    escalation.errors.SolverError: max_mixed_infosets must be None or a whole number from 0 up, not -1
    """
    value = max_mixed_infosets
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise SolverError(f"max_mixed_infosets must be None or a whole number from 0 up, not {value!r}")


class Search:
    """Every perfect Bayesian equilibrium of a structure's blocks (see the module docstring)."""

    def __init__(self, structure: Structure, options: Options) -> None:
        self.s = structure
        self.options = options
        self.memo: dict = {}
        self.n = len(structure.players)
        self._where: dict[int, dict[tuple[int, int], tuple[int, int]]] = {}
        self._supports_of: dict[int, list[tuple[int, ...]]] = {}
        self._movers = self._players_below()
        self.skipped_supports = 0
        self.undecided = 0
        self.unweighed = 0
        self._rules: dict[tuple, str] = {}
        self.notes: set[str] = set()

    # -- public --------------------------------------------------------------------------------
    def root_pieces(self) -> list[Piece]:
        return self.solve(0, root_entry(self.n))

    def solve(self, b: int, entry: Entry) -> list[Piece]:
        """Every equilibrium of block ``b`` entered with ``entry`` (weights per root and player)."""
        canonical, ratios = self._canonical(b, entry)
        key = (b, canonical)
        if key not in self.memo:
            self.memo[key] = _grouped(self._solve(self.s.blocks[b], canonical))
        if not ratios:
            return self.memo[key]
        return [_lifted(p, ratios) for p in self.memo[key]]

    # -- entries compared up to a positive factor ------------------------------------------------
    def _players_below(self) -> list[frozenset[int]]:
        out: list[frozenset[int]] = [frozenset()] * len(self.s.blocks)
        for block in reversed(self.s.blocks):
            movers = {self.s.owner[h] for h in block.layer}
            for c in block.children:
                movers |= out[c]
            out[block.index] = frozenset(movers)
        return out

    def _canonical(self, b: int, entry: Entry) -> tuple[Entry, dict[str, tuple[Num, Num]]]:
        """``entry`` up to a positive factor per player, and the ratios that replace unknown weights.

        Only ratios of one player's weights matter.  Each column is divided by its
        first nonzero weight; a ratio that is not a number becomes the block's own
        unknown ``e<b>_<j>`` (recorded as ``(numerator, denominator)``), so entries
        that differ only in how the ratio arises share one solution.  Players who do
        not move in the block are ignored.
        """
        ratios: dict[str, tuple[Num, Num]] = {}
        columns: list[list[Num]] = []
        shadows: list[list] = []
        n = self.n

        def relative(w: Num, first: Num) -> Num:
            ratio = _proportion(w, first)
            if ratio is not None:
                return ratio
            name = f"e{b}_{len(ratios)}"
            ratios[name] = (w, first)
            return Polynomial.variable(name)

        for k in range(n):
            column = [row[k] for row in entry]
            if k not in self._movers[b]:
                columns.append([ONE] * len(entry))
                shadows.append([None] * len(entry))
                continue
            first = next((w for w in column if not is_zero(w)), None)
            columns.append([ZERO if first is None or is_zero(w) else relative(w, first) for w in column])
            prior = self._rule_below(b, k) == "prior"
            shadow_column = []
            for row in entry:
                cell = row[n + k]
                if isinstance(cell, Shadow) and not prior:   # only a sign that a type deviated earlier
                    cell = EARLIER
                elif isinstance(cell, Shadow) and first is not None:
                    cell = Shadow(cell.type, relative(cell.weight, first))
                shadow_column.append(cell)
            shadows.append(shadow_column)
        return tuple(tuple(columns[k][r] for k in range(n)) + tuple(shadows[k][r] for k in range(n))
                     for r in range(len(entry))), ratios

    # -- one block -----------------------------------------------------------------------------
    def _solve(self, block: Block, entry: Entry) -> list[Piece]:
        fw = frontier_weights(block, entry, self.n)
        external = frozenset(v for row in entry for w in row for v in variables(_weight_of(w)))
        out: list[Piece] = []
        for choice in self._support_choices(block):
            probs: dict[int, tuple[Num, ...]] = {}
            local: list[Constraint] = []
            for h, support in zip(block.layer, choice, strict=True):
                probs[h], cons = self._probabilities(h, support)
                local.extend(cons)
            out.extend(self._with_support(block, fw, probs, choice, local, external))
        return out

    def _with_support(self, block: Block, fw, probs, choice, local, external) -> list[Piece]:
        """Every equilibrium of the block with the layer playing ``probs``.

        Child blocks reached on the path are combined first; each off-path
        deviation is then settled on its own: its admissible beliefs and the
        continuations under which no type gains from it.  A deviation nobody
        makes is *factored*: its continuations do not affect anything else, so
        the piece keeps one as representative and the others as alternatives
        instead of multiplying the equilibria.
        """
        raw, off = self.raw_entries(block, fw, probs)
        deviations: dict[frozenset, dict[int, OffPath]] = {}
        for (k, pairs), seen_by_k in off.items():
            deviations.setdefault(pairs, {})[k] = seen_by_k
        positions = {c for seen in deviations.values() for o in seen.values() for c in o.children}
        if len(positions) != sum(len({c for o in seen.values() for c in o.children})
                                 for seen in deviations.values()):
            raise SolverError("one part of the game follows two different deviations; the perfect Bayesian search "
                              "needs each off-path part to follow one deviation")
        on_path = [c for c in range(len(block.children)) if c not in positions]
        on_sets = [self.solve(block.children[c], tuple(tuple(r) for r in raw[c])) for c in on_path]
        if any(not pieces for pieces in on_sets):
            return []
        supports = dict(zip(block.layer, choice, strict=True))
        layer_vars = frozenset(v for ps in probs.values() for p in ps for v in variables(p))
        out: list[Piece] = []
        for on_combo in self._on_path_combos(block, fw, supports, on_path, on_sets):
            partial: list[Piece | None] = [None] * len(block.children)
            for c, piece in zip(on_path, on_combo, strict=True):
                partial[c] = piece
            outside = external | layer_vars | frozenset(v for p in on_combo for v in p.free)
            joint, factored = [], []
            for pairs, seen in deviations.items():
                options = self._event_options(block, fw, raw, supports, partial, pairs, seen, outside)
                if not options:
                    break
                unplayed = all(is_zero(probs[h][a]) for h, a in pairs if h in probs)
                if unplayed and all(closed for _, _, _, closed in options):
                    factored.append(tuple((events, pieces, cons) for events, pieces, cons, _ in options))
                else:
                    joint.append([(events, pieces) for events, pieces, _, _ in options])
            else:
                representatives = [group[0][:2] for group in factored]
                for selection in itertools.product(*joint):
                    combo = list(partial)
                    for _, pieces in (*selection, *representatives):
                        for c, piece in pieces.items():
                            combo[c] = piece
                    events = tuple(e for group, _ in (*selection, *representatives) for e in group)
                    for piece in self._assemble(block, fw, probs, choice, local, combo, events, external):
                        out.append(_replace(piece, alternatives=tuple(factored)) if factored else piece)
        return out

    def _on_path_combos(self, block: Block, fw, supports, on_path, on_sets):
        """Combinations of on-path child pieces, skipping those whose values already break rationality.

        Pieces are grouped by their values at the block's roots; the layer's
        conditions are checked once per combination of values.
        """
        grouped = []
        for pieces in on_sets:
            by_value: dict[tuple, list[Piece]] = {}
            for piece in pieces:
                by_value.setdefault(piece.values, []).append(piece)
            grouped.append(list(by_value.values()))
        for groups in itertools.product(*grouped):
            partial: list[Piece | None] = [None] * len(block.children)
            for c, group in zip(on_path, groups, strict=True):
                partial[c] = group[0]
            if self._surely_irrational(block, fw, supports, self.child_value(block, partial)):
                continue
            yield from itertools.product(*groups)

    def _surely_irrational(self, block: Block, fw, supports, value) -> bool:
        """True when known values already show a used action worse than another, or two used actions unequal."""
        s = self.s
        for h in block.layer:
            i, support = s.owner[h], supports[h]
            expected: dict[int, Num] = {}
            for a in range(len(s.actions[h])):
                e: Num = ZERO
                for p in block.members[h]:
                    w = fw[p][i]
                    if is_zero(w):
                        continue
                    v = value(block.frontier[p].node, a)
                    if v is None:
                        break
                    e = e + w * v[i]
                else:
                    expected[a] = e
            base = expected.get(support[0])
            if base is None or not is_constant(base):
                continue
            for a, e in expected.items():
                if not is_constant(e) or a == support[0]:
                    continue
                if (a in support and e != base) or (a not in support and e > base):
                    return True
        return False

    def _event_options(self, block: Block, fw, raw, supports, partial, pairs, seen, outside):
        """``(events, {child: piece}, conditions, closed)`` for each admissible belief and continuation after one
        deviation (``seen``: each observer's :class:`OffPath`).

        ``closed``: the continuation's conditions (and the deviators' incentives)
        involve no unknown from ``outside`` and hold, so it stands on its own.
        """
        for k, o in seen.items():
            self._note_unweighed(block, k, o)
        per_observer = [self.faces(block, fw, k, o.types, list(o.children), all_faces=False) for k, o in seen.items()]
        children = sorted({c for o in seen.values() for c in o.children})
        layer_pairs = [(h, a) for h, a in pairs if h in supports]
        partial_value = self.child_value(block, partial)
        out = []
        for events in itertools.product(*per_observer):
            if not self._passes_rule(block, fw, raw, supports, partial_value, events):
                continue
            entries = [[list(r) for r in rows] for rows in raw]
            for event in events:
                self.place(block, fw, entries, event)
            sets = [self.solve(block.children[c], tuple(tuple(r) for r in entries[c])) for c in children]
            for combo in itertools.product(*sets):
                pieces = dict(zip(children, combo, strict=True))
                trial = list(partial)
                for c, piece in pieces.items():
                    trial[c] = piece
                value = self.child_value(block, trial)
                gains = [self._gain(block, fw, h, a, supports[h], value) for h, a in layer_pairs]
                if any(g is not None and is_constant(g) and g > 0 for g in gains):
                    continue
                cons = [c for piece in combo for c in piece.constraints]
                cons += [Constraint(-g, GE) for g in gains if g is not None and not is_constant(g)]
                unknowns = {v for c in cons for v in variables(c.poly)}
                closed = all(g is not None for g in gains) and not (unknowns & outside)
                if closed and cons and not feasible(cons, undecided=False):
                    continue
                out.append((tuple(events), pieces, tuple(cons), closed))
        return out

    def _passes_rule(self, block: Block, fw, raw, supports, partial_value, events) -> bool:
        """D1 and the intuitive criterion for the observers of one deviation (:func:`.offpath.admissible`)."""
        if not any(e.rule in ("D1", "intuitive") for e in events):
            return True
        return admissible(self, block, fw, raw, supports, partial_value, tuple(events))

    def _gain(self, block: Block, fw, h: int, a: int, support, value) -> Num | None:
        """The owner of ``h``'s (weighted) gain from deviating to ``a``: 0 if ``a`` is played; None if unknown yet."""
        if a in support:
            return ZERO
        i = self.s.owner[h]
        d: Num = ZERO
        for p in block.members[h]:
            w = fw[p][i]
            if not is_zero(w):
                node = block.frontier[p].node
                played, deviated = value(node, support[0]), value(node, a)
                if played is None or deviated is None:
                    return None
                d = d + w * (deviated[i] - played[i])
        return d

    def _support_choices(self, block: Block):
        """Every combination of supports at the layer (at most ``max_mixed_infosets`` of them mixed)."""
        options = [self._supports(h) for h in block.layer]
        bound = self.options.max_mixed_infosets
        if bound is None or bound >= len(options):
            yield from itertools.product(*options)
            return
        pure = [[c for c in opts if len(c) == 1] for opts in options]
        mixed = [[c for c in opts if len(c) > 1] for opts in options]
        self.skipped_supports += _count(options) - _count_bounded(pure, mixed, bound)
        for k in range(bound + 1):
            for chosen in itertools.combinations(range(len(options)), k):
                yield from itertools.product(*(mixed[j] if j in chosen else pure[j] for j in range(len(options))))

    def _supports(self, h: int) -> list[tuple[int, ...]]:
        """Nonempty sets of actions not strictly dominated at ``h``, smallest first."""
        if h not in self._supports_of:
            actions = [a for a in range(len(self.s.actions[h])) if a not in self.s.dominated(h)]
            self._supports_of[h] = [c for k in range(1, len(actions) + 1)
                                    for c in itertools.combinations(actions, k)]
        return self._supports_of[h]

    def _probabilities(self, h: int, support: tuple[int, ...]) -> tuple[tuple[Num, ...], list[Constraint]]:
        k = len(self.s.actions[h])
        if len(support) == 1:
            return tuple(ONE if a == support[0] else ZERO for a in range(k)), []
        variables_ = {a: Polynomial.variable(f"s{h}_{a}") for a in support[:-1]}
        last: Num = ONE
        for v in variables_.values():
            last = last - v
        out = tuple(variables_.get(a, last if a == support[-1] else ZERO) for a in range(k))
        return out, [Constraint(last, GT)]

    # -- child blocks' weights, off-path events ------------------------------------------------
    def raw_entries(self, block: Block, fw, probs):
        """``raw[c][r]``: child ``c``'s root ``r``'s entry row (weights, then shadows); and the off-path groups.

        An off-path group ``(k, pairs) -> OffPath``: the child blocks that player
        ``k`` (who moves in them) reaches only through moves of probability zero,
        ``pairs`` the layer's moves into them (or, where there are none, the
        deviator's types), and the types one deviation away.
        """
        s = self.s
        raw: list[list[list]] = []
        off: dict[tuple[int, frozenset], OffPath] = {}
        for c, feeds in enumerate(block.feeds):
            rows = [self._row(block, fw, probs, f, a) for f, a in feeds]
            raw.append(rows)
            for k in self._movers[block.children[c]]:
                if any(not is_zero(r[k]) for r in rows):
                    continue
                types, unweighed = self._event_types(block, c, k, rows)
                if not types:
                    continue
                pairs = frozenset((s.infoset[block.frontier[f].node], a) for f, a in feeds if a >= 0) or types
                known = off.get((k, pairs))
                if known is None:
                    off[(k, pairs)] = OffPath((c,), types, unweighed)
                else:
                    off[(k, pairs)] = OffPath((*known.children, c), known.types | types, known.unweighed or unweighed)
        return raw, off

    def _event_types(self, block: Block, c: int, k: int, rows) -> tuple[frozenset, str | None]:
        """The deviator's types that ``k`` weighs in child ``c`` (whose weights for ``k`` all vanish), and what it
        cannot weigh there (``DEEP``, ``STALE`` or ``EARLIER``).

        Under ``"prior"``: every type one deviation down (:mod:`.shadows`).  Under the
        other rules only the deviations made at this block's layer: a belief that weighs
        a type which deviated before a later move of its own is not searched (each such
        type multiplies the belief faces and the continuations to combine), and the
        search says so.
        """
        n = self.n
        cells = [r[n + k] for r in rows]
        shadows = [cell for cell in cells if isinstance(cell, Shadow)]
        if self._rule_below(block.children[c], k) == "prior":
            unweighed = STALE if STALE in cells else DEEP if DEEP in cells else None
            return frozenset(cell.type for cell in shadows), unweighed
        layer = set(block.layer)
        fresh = frozenset(cell.type for cell in shadows if cell.type[0] in layer)
        # entries keep an earlier deviation as a sign (_canonical); the verifier's walk (audit) keeps the shadow
        earlier = EARLIER in cells or any(cell.type not in fresh for cell in shadows)
        if earlier and not fresh:
            self._note_earlier(k)
        return fresh, EARLIER if earlier else None

    def _note_earlier(self, k: int) -> None:
        self.unweighed += 1
        self.notes.add(f"not exhaustive: beliefs of {self.s.players[k]} that weigh a type which deviated before a "
                       "later move of its own were not searched (only the 'prior' rule weighs such types)")

    def _row(self, block: Block, fw, probs, f: int, a: int) -> list:
        """The entry row of the child root after action ``a`` at frontier node ``f`` (``a < 0``: ``f`` itself)."""
        n = self.n
        if a < 0:
            return list(fw[f])
        h = self.s.infoset[block.frontier[f].node]
        owner, p = self.s.owner[h], probs[h][a]
        weights = [fw[f][k] if k == owner else fw[f][k] * p for k in range(n)]
        shadows = [after_move(fw[f][n + k], fw[f][k], p, own=k == owner, move=(h, a)) for k in range(n)]
        return weights + shadows

    def _note_unweighed(self, block: Block, k: int, o: OffPath) -> None:
        """Say what an off-path belief could not weigh (:mod:`.shadows`)."""
        who = self.s.players[k]
        if o.unweighed == EARLIER:
            self._note_earlier(k)
        elif o.unweighed == STALE:
            self.unweighed += 1
            self.notes.add(f"not exhaustive: {who} met a second deviation without moving after its first off-path "
                           "belief; nodes further down than that belief's types were given no weight at the second")

    def place(self, block: Block, fw, entries, event: Event) -> None:
        """Write ``event``'s off-path weights into the observer's column of its child blocks' entries.

        The observer's weight of a node ``x`` of type ``t`` becomes
        ``kappa_t * W(x) / g_t``, ``W`` the shadow's weight (:mod:`.shadows`) and
        ``g_t`` the unknowns common to the weights of ``t``'s nodes: only the ratios
        within a type matter, and dividing keeps nested off-path beliefs linear in
        their weights.  (Under ``"prior"`` the weights are known and nothing is
        divided.)  Nodes the belief leaves out become stale.
        """
        k, n = event.observer, self.n
        divide = not (event.rule == "prior" and all(is_constant(w) for w in event.weights.values()))
        common = self._type_monomials(entries, event) if divide else {}
        for c in event.children:
            for row in entries[c]:
                row[k], row[n + k] = _placed(row[n + k], event, common)

    def _type_monomials(self, entries, event: Event) -> dict[tuple[int, int], tuple]:
        totals: dict[tuple[int, int], Num] = {}
        for c in event.children:
            for row in entries[c]:
                cell = row[self.n + event.observer]
                if isinstance(cell, Shadow) and cell.type in event.weights:
                    totals[cell.type] = totals.get(cell.type, ZERO) + cell.weight
        return {t: common_monomial(total) for t, total in totals.items()}

    def faces(self, block: Block, fw, k: int, types: frozenset, children: list[int], *,
              all_faces: bool) -> list[Event]:
        """The off-path beliefs ``k`` may hold over the deviation's ``types`` (all of them if ``all_faces``)."""
        s = self.s
        ordered = sorted(types)
        if not ordered:
            raise SolverError("an information set is reached only through chance moves of probability zero; "
                              "beliefs there are not defined")
        players = {s.owner[h] for h, _ in ordered}
        player = players.pop() if len(players) == 1 else -1
        key = f"{block.index}.{min(children)}.{k}"
        rule = self._rule_for(block, children, k)
        kids = tuple(children)
        if rule == "prior" and not all_faces:
            return [Event(key, k, player, tuple(ordered), tuple(ordered), dict.fromkeys(ordered, ONE), rule, kids)]
        events = []
        for size in range(1, len(ordered) + 1):
            for face in itertools.combinations(ordered, size):
                weights: dict[tuple[int, int], Num] = {
                    t: (ONE if j == 0 else Polynomial.variable(f"k{key}_{t[0]}_{t[1]}")) for j, t in enumerate(face)}
                events.append(Event(key, k, player, tuple(ordered), face, weights, rule, kids))
        return events

    def _rule_below(self, b: int, observer: int) -> str:
        """The off-path rule at the first information set of ``observer`` in block ``b`` or below (cached)."""
        key = ("rule", b, observer)
        if key not in self._rules:
            block = self.s.blocks[b]
            if any(self.s.owner[h] == observer for h in block.layer):
                self._rules[key] = self.options.rule(next(self.s.labels[h] for h in block.layer
                                                          if self.s.owner[h] == observer))
            else:
                self._rules[key] = self._rule_for(block, list(range(len(block.children))), observer)
        return self._rules[key]

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
    def child_value(self, block: Block, combo) -> Callable[[int, int], tuple[Num, ...] | None]:
        """``value(node, a)``: every player's value after action ``a`` at frontier ``node``, given ``combo``
        (None while the child's piece in ``combo`` is not chosen yet)."""
        s = self.s
        where = self._child_position(block)

        def value(node: int, a: int) -> tuple[Num, ...] | None:
            c = s.children[node][a]
            known = s.static[c]
            if known is not None:
                return known
            j, r = where[(node, a)]
            piece = combo[j]
            return None if piece is None else piece.values[r]

        return value

    def _assemble(self, block: Block, fw, probs, choice, local, combo, events, external) -> list[Piece]:
        s = self.s
        child_value = self.child_value(block, combo)
        cons = list(local)
        ties: list[str] = []
        for h, support in zip(block.layer, choice, strict=True):
            new, tie = self._rationality(block, fw, h, support, child_value)
            if new is None:
                return []
            cons.extend(new)
            ties.extend(tie)
        for piece in combo:
            cons.extend(piece.constraints)
            ties.extend(piece.ties)
        values: list[list[Num]] = [[ZERO] * self.n for _ in block.roots]
        for f in block.frontier:
            val = self._node_value(f.node, probs, child_value, combo, block)
            row = values[f.root]
            for i in range(self.n):
                row[i] = row[i] + val[i] * f.factor
        weights = {h: tuple(fw[p][s.owner[h]] for p in block.members[h]) for h in block.layer}
        free: set[str] = set()
        for piece in combo:
            free |= piece.free
        for ps in probs.values():
            for p in ps:
                free |= variables(p)
        piece = Piece(block.index, probs, weights, tuple(combo), tuple(tuple(v) for v in values), tuple(cons),
                      {}, frozenset(free), tuple(events), tuple(ties))
        return self._settle(piece, external)

    def _node_value(self, node: int, probs, child_value, combo, block: Block) -> tuple[Num, ...]:
        s = self.s
        known = s.static[node]
        if known is not None:
            return known
        h = s.infoset[node]
        if h in probs:
            out = [ZERO] * self.n
            for a, p in enumerate(probs[h]):
                if is_zero(p):
                    continue
                val = child_value(node, a)
                for i in range(self.n):
                    out[i] = out[i] + p * val[i]
            return tuple(out)
        j, r = self._child_position(block)[(node, -1)]
        return combo[j].values[r]

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
        if all(is_zero(x) for x in w):
            # reached only through nodes the owner's belief rules out: any belief with full support
            self.notes.add(f"at {s.labels[h]!r} (reached only through nodes its owner's belief rules out) every "
                           "belief with full support was allowed; beliefs on its boundary were not searched")
            w = [ONE, *(Polynomial.variable(f"z{h}_{j}") for j in range(1, len(w)))]
        nodes = [block.frontier[p].node for p in block.members[h]]
        dominated = s.dominated(h)
        expected: dict[int, Num] = {}
        for a in range(len(s.actions[h])):
            if a in dominated:
                continue
            e: Num = ZERO
            for wx, x in zip(w, nodes, strict=True):
                if not is_zero(wx):
                    e = e + wx * child_value(x, a)[i]
            expected[a] = e
        base = expected[support[0]]
        cons: list[Constraint] = []
        ties: list[str] = []
        for a in support[1:]:
            d = expected[a] - base
            if is_constant(d):
                if d != 0:
                    return None, []
            else:
                cons.append(Constraint(d, EQ))
        for a, e in expected.items():
            if a in support:
                continue
            d = base - e
            if is_constant(d):
                if d < 0:
                    return None, []
                if d == 0:
                    first, second = sorted((support[0], a))
                    ties.append(f"{s.players[i]} is indifferent at {s.labels[h]!r} between "
                                f"{s.actions[h][first]!r} and {s.actions[h][second]!r}")
            else:
                cons.append(Constraint(d, GE))
        return cons, ties

    # -- deciding the conditions -----------------------------------------------------------------
    def _settle(self, piece: Piece, external: frozenset[str]) -> list[Piece]:
        """Drop infeasible pieces; when no unknown comes from outside, solve the conditions now."""
        cons = []
        for c in piece.constraints:
            decided = c.decided
            if decided is False:
                return []
            if decided is None:
                cons.append(c)
        unknowns = set(piece.free)
        for c in cons:
            unknowns |= variables(c.poly)
        for row in piece.values:
            for v in row:
                unknowns |= variables(v)
        if not cons:
            return [_replace(piece, constraints=(), free=frozenset(unknowns))]
        if external & unknowns:  # decided by the block that knows the unknowns; here only a cheap test
            simple = simplify(cons) if plausible(cons) else None
            if simple is None:  # the conditions conflict (simplify also decides some nonlinear ones)
                return []
            return [_replace(piece, constraints=tuple(simple), free=frozenset(unknowns))]
        try:
            families = solve_system(cons)
        except Undecided as exc:
            self.undecided += 1
            self.notes.add(f"not exhaustive: some support combinations were left out because {exc}")
            return []
        if not families:
            return []
        out = []
        for fam in families:
            sub = dict(fam.values)
            out.append(_replace(
                piece,
                layer={h: tuple(substitute(p, sub) for p in ps) for h, ps in piece.layer.items()},
                weights={h: tuple(substitute(w, sub) for w in ws) for h, ws in piece.weights.items()},
                values=tuple(tuple(substitute(v, sub) for v in row) for row in piece.values),
                constraints=tuple(fam.conditions), bindings=sub,
                free=frozenset(unknowns - set(sub)),
                events=tuple(_event_with(e, sub) for e in piece.events)))
        return out


def _count(options) -> int:
    out = 1
    for opts in options:
        out *= len(opts)
    return out


def _count_bounded(pure, mixed, bound: int) -> int:
    """Combinations with at most ``bound`` mixed supports (dynamic programme over the sets)."""
    counts = [1] + [0] * bound
    for p, m in zip(pure, mixed, strict=True):
        counts = [counts[j] * len(p) + (counts[j - 1] * len(m) if j else 0) for j in range(bound + 1)]
    return sum(counts)


def _proportion(w: Num, first: Num) -> Fraction | None:
    """``w / first`` when it is a number, else None."""
    if is_constant(w) and is_constant(first):
        return w / first
    if not isinstance(w, Polynomial) or not isinstance(first, Polynomial) or w.terms.keys() != first.terms.keys():
        return None
    m = next(iter(w.terms))
    ratio = w.terms[m] / first.terms[m]
    return ratio if all(w.terms[x] == ratio * c for x, c in first.terms.items()) else None


def _lifted(piece: Piece, ratios: Mapping[str, tuple[Num, Num]]) -> Piece:
    """A piece solved with a block's own ratio unknowns, expressed in the caller's unknowns.

    Each condition is a polynomial in the ratios ``e = N / D`` (``D > 0``); it is
    multiplied by the power of ``D`` that clears the denominators, which keeps its
    sign.  Beliefs keep the ratios, recorded for the report.
    """
    return _replace(piece, constraints=tuple(_cleared(c, ratios) for c in piece.constraints),
                    ratios={**piece.ratios, **ratios},
                    free=frozenset(piece.free - ratios.keys()) | frozenset(
                        v for n, d in ratios.values() for v in (*variables(n), *variables(d))),
                    variants=tuple(_lifted(v, ratios) for v in piece.variants))


def _cleared(c: Constraint, ratios: Mapping[str, tuple[Num, Num]]) -> Constraint:
    return Constraint(cleared((c.poly,), ratios)[0], c.rel)


def cleared(values: Sequence[Num], ratios: Mapping[str, tuple[Num, Num]]) -> tuple[Num, ...]:
    """``values`` with each ratio unknown ``e = N / D`` replaced, all multiplied by the same positive power of
    each ``D`` that clears the denominators (signs, and proportions between the values, are kept)."""
    names = [e for e in ratios if any(e in variables(v) for v in values)]
    if not names:
        return tuple(values)
    degree = {e: max(dict(m).get(e, 0) for v in values if isinstance(v, Polynomial) for m in v.terms)
              for e in names}
    return tuple(_clear_one(v, names, degree, ratios) for v in values)


def _clear_one(v: Num, names, degree, ratios) -> Num:
    if not isinstance(v, Polynomial):
        out: Num = v
        for e in names:
            for _ in range(degree[e]):
                out = out * ratios[e][1]
        return out
    total: Num = ZERO
    for m, coef in v.terms.items():
        powers = dict(m)
        term: Num = coef
        rest = tuple((x, k) for x, k in m if x not in ratios)
        for e in names:
            k = powers.get(e, 0)
            numerator, denominator = ratios[e]
            for _ in range(k):
                term = term * numerator
            for _ in range(degree[e] - k):
                term = term * denominator
        total = total + term * Polynomial.monomial(rest)
    return total


def _grouped(pieces: list[Piece]) -> list[Piece]:
    """One representative per (values, conditions); the rest become its variants."""
    groups: dict[tuple, Piece] = {}
    for p in pieces:
        key = (p.values, p.constraints)
        first = groups.get(key)
        if first is None:
            groups[key] = p
        else:
            groups[key] = _replace(first, variants=(*first.variants, p),
                                   ties=tuple(dict.fromkeys((*first.ties, *p.ties))))
    return list(groups.values())


def _replace(piece: Piece, **changes) -> Piece:
    fields = {name: getattr(piece, name) for name in
              ("block", "layer", "weights", "children", "values", "constraints", "bindings", "free", "events",
               "ties", "variants", "ratios", "alternatives")}
    fields.update(changes)
    return Piece(**fields)


def _event_with(event: Event, sub: Mapping[str, Num]) -> Event:
    return Event(event.key, event.observer, event.player, event.types, event.face,
                 {t: substitute(w, sub) for t, w in event.weights.items()}, event.rule, event.children)


def root_entry(n: int) -> Entry:
    """The root block's entry: weight one for every player, no shadows."""
    return (tuple(ONE for _ in range(n)) + (None,) * n,)


def frontier_weights(block: Block, entry: Entry, n: int) -> list[tuple]:
    """Each frontier node's row: the roots' weights and shadows times the chance probability to the node."""
    return [tuple(entry[f.root][k] * f.factor for k in range(n))
            + tuple(scaled(entry[f.root][n + k], f.factor) for k in range(n)) for f in block.frontier]


def _weight_of(cell) -> Num:
    """The number in an entry cell (a shadow's weight; zero for a marker)."""
    if isinstance(cell, Shadow):
        return cell.weight
    return ZERO if cell is None or isinstance(cell, str) else cell


def _placed(cell, event: Event, common) -> tuple[Num, object]:
    """A row's weight and shadow once ``event``'s belief is formed: ``kappa_t * W / g_t`` for a node of type ``t``
    in the belief; otherwise zero, and (under ``"prior"``) stale if it was a deviation down (:mod:`.shadows`)."""
    kappa = event.weights.get(cell.type) if isinstance(cell, Shadow) else None
    if kappa is not None:
        return divide_monomial(cell.weight, common.get(cell.type, ())) * kappa, None
    return ZERO, (STALE if cell is not None and event.rule == "prior" else None)
