r"""Checking a given assessment against the D1 and intuitive criteria.

The verifier (:func:`escalation.solvers.verify_pbe.verify_pbe`) checks
Bayes' rule and sequential rationality on its own; for the two refinements it
needs the *responses* to each deviation (the continuation equilibria for every
belief), which only a search can supply.  This module walks the assessment's
blocks from the root, reads each off-path belief's weights on the deviating
types from the given beliefs, and asks :mod:`.offpath` whether they pass.

>>> from escalation.games import ExtensiveFormGame, chance, decision, outcome
>>> from escalation.solvers.beliefs import fraction_profile
>>> def sender(u):
...     respond = decision("R", {"Yield": outcome(None, (2, 0)), "Fight": outcome(None, (u, 1 + u))},
...                        infoset="after signal")
...     return decision("S", {"Quiet": outcome(None, (0, 1)), "Signal": respond})
>>> game = ExtensiveFormGame(("S", "R"), chance({"tough": ("1/3", sender(-1)), "weak": ("2/3", sender(-2))}))
>>> quiet = fraction_profile(game, {"root/tough": {"Quiet": 1}, "root/weak": {"Quiet": 1},
...                                 "after signal": {"Fight": 1}})
>>> problem = refinement_problem(game, quiet, {"after signal": {"root/tough/Signal": 0, "root/weak/Signal": 1}}, "D1")
>>> print(problem.replace(" (", "\n("))  # doctest: +NORMALIZE_WHITESPACE
beliefs at off-path information set 'after signal' fail D1: D1 rules out type 'root/weak'
(type 'root/tough' gains from 'Signal' whenever it does) but node root/weak/Signal has belief 1
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from fractions import Fraction

from ...games.tree import ExtensiveFormGame
from ..evaluation import continuation_values
from .engine import Event, Options, Search, frontier_weights, root_entry
from .offpath import d1_eliminated, deviation_of, equilibrium_payoffs, passes_intuitive, responses
from .polynomial import Num
from .shadows import Shadow
from .structure import Structure

__all__ = ["refinement_problem"]


def refinement_problem(game: ExtensiveFormGame, b: Mapping[str, Mapping[str, Fraction]],
                       beliefs: Mapping[str, Mapping[str, Fraction]], rule: str,
                       search: Search | None = None, max_mixed_infosets: int | None = None,
                       values: list | None = None, within: Collection[str] | None = None) -> str | None:
    """Why the off-path beliefs or the play of ``(b, beliefs)`` fail ``rule`` ("D1" or "intuitive"), or None.

    ``search``: a search of the same game whose remembered block solutions (and bound on mixing) to reuse;
    without one, a new search whose responses mix at no more than ``max_mixed_infosets`` information sets.
    ``values``: ``continuation_values(game, b)``, if the caller has them.
    ``within``: the labels of the only information sets whose behaviour or beliefs differ from an assessment
    that passes; only the blocks at or above them are checked (the rest passed already).
    """
    s = Structure.of(game)
    search = search or _search_of(s, rule, max_mixed_infosets)
    if values is None:
        values = continuation_values(game, b)
    n = len(s.players)
    return _walk(search, 0, root_entry(n), b, beliefs, values, rule, frozenset(within) if within is not None else None)


def _search_of(s: Structure, rule: str, max_mixed_infosets: int | None) -> Search:
    """The verifier's search of ``s`` under ``rule``, kept with the tree's structure: checking several assessments
    of one game reuses the continuation equilibria it has found (they depend on the game and the play before
    each deviation, not on the assessment checked)."""
    key = (rule, max_mixed_infosets)
    if key not in s.searches:
        s.searches[key] = Search(s, Options(rule=lambda _label: rule, max_mixed_infosets=max_mixed_infosets))
    search: Search = s.searches[key]
    return search


def _walk(search: Search, index: int, entry, b, beliefs, values, rule: str, within: frozenset[str] | None
          ) -> str | None:
    """The first problem at block ``index`` or below.

    With ``within`` (the sets changed from an assessment that passes), a block with none of them at or below it
    is skipped: its checks read the play at and above it, which is unchanged, the responses, which the search
    gives whatever the assessment, the beliefs at its child blocks' sets, unchanged, and the deviating types'
    equilibrium payoffs, values of played actions, which a change below a move of probability zero cannot
    reach.
    """
    s = search.s
    if within is not None and not (s.labels_below(index) & within):
        return None
    block = s.blocks[index]
    n = len(s.players)
    fw = frontier_weights(block, entry, n)
    probs = {h: tuple(b[s.labels[h]][a] for a in s.actions[h]) for h in block.layer}
    supports = {h: tuple(a for a, act in enumerate(s.actions[h]) if b[s.labels[h]][act] > 0) for h in block.layer}
    raw, off = search.raw_entries(block, fw, probs)
    entries = [[list(r) for r in rows] for rows in raw]

    def child_value(node: int, a: int) -> tuple[Num, ...]:
        return values[s.children[node][a]]

    for pairs in dict.fromkeys(p for _k, p in off):
        observers = [(k, seen) for (k, p), seen in off.items() if p == pairs]
        events = [_event_from_beliefs(search, block, fw, k, seen, raw, beliefs) for k, seen in observers]
        if all(event is None for event in events):
            continue
        for event in events:
            if event is not None:
                search.place(block, fw, entries, event)
        problem = _check(search, block, fw, raw, supports, child_value, _templates(search, block, fw, observers),
                         events, beliefs, rule)
        if problem is not None:
            return problem
    for c, child in enumerate(block.children):
        found = _walk(search, child, tuple(tuple(r) for r in entries[c]), b, beliefs, values, rule, within)
        if found is not None:
            return found
    return None


def _event_from_beliefs(search: Search, block, fw, k: int, seen, raw, beliefs) -> Event | None:
    """The off-path event with the type weights that the given beliefs imply."""
    s = search.s
    faces = search.faces(block, fw, k, seen.types, list(seen.children), all_faces=True)
    if not faces:
        return None
    template = faces[0]
    weight: dict[tuple[int, int], Fraction] = {}
    for c in seen.children:
        sub = s.blocks[block.children[c]]
        for h in sub.layer:
            if s.owner[h] != k or s.labels[h] not in beliefs:
                continue
            belief = beliefs[s.labels[h]]
            for p in sub.members[h]:
                front = sub.frontier[p]
                shadow = raw[c][front.root][len(s.players) + k]
                if not isinstance(shadow, Shadow):
                    continue
                before = shadow.weight * front.factor
                if shadow.type in template.types and before > 0:
                    weight.setdefault(shadow.type, belief.get(s.game.nodes[front.node].path, Fraction(0)) / before)
        if weight:
            break
    face = tuple(t for t in template.types if weight.get(t, Fraction(0)) > 0)
    if not face:
        return None
    return Event(template.key, k, template.player, template.types, face,
                 {t: weight[t] for t in face}, template.rule, template.children)


def _templates(search: Search, block, fw, observers) -> tuple[Event, ...]:
    """One event per observer of a deviation, standing for all of its beliefs (for the responses)."""
    out = []
    for k, seen in observers:
        faces = search.faces(block, fw, k, seen.types, list(seen.children), all_faces=True)
        if faces:
            out.append(faces[0])
    return tuple(out)


def _check(search: Search, block, fw, raw, supports, child_value, templates: tuple[Event, ...],
           events: list[Event | None], beliefs, rule: str) -> str | None:
    """Why the given beliefs after one deviation (``events``, one per observer, None where no belief is given)
    fail ``rule``; the responses are the continuations for every profile of the observers' beliefs."""
    s = search.s
    deviation = deviation_of(templates)
    if deviation is None:
        return None
    j, types = deviation
    star = equilibrium_payoffs(block, fw, supports, child_value, j, types)
    found = responses(search, block, fw, raw, templates)
    for event in events:
        if event is None or len(event.types) < 2:
            continue
        if rule == "D1":
            out = d1_eliminated(event.types, found, star)
            if len(out) == len(event.types):
                continue
            for t in event.face:
                if t in out:
                    h, a = t
                    return (f"beliefs at off-path information set {_observer_set(search, block, event)!r} fail D1: "
                            f"D1 rules out type {s.labels[h]!r} (type {s.labels[out[t][0]]!r} gains from "
                            f"{s.actions[h][a]!r} whenever it does) but node "
                            f"{_node_of(search, block, event, t, beliefs)} has belief "
                            f"{_belief_of(search, block, event, t, beliefs)}")
        elif not passes_intuitive(event.types, found, star):
            return (f"the equilibrium fails the intuitive criterion at off-path information set "
                    f"{_observer_set(search, block, event)!r}: some type gains from deviating under every response "
                    "to beliefs on the types that might gain")
    return None


def _observer_set(search: Search, block, event: Event) -> str:
    s = search.s
    for c in event.children:
        for h in s.blocks[block.children[c]].layer:
            if s.owner[h] == event.observer:
                return s.labels[h]
    return "?"


def _observer_nodes(search: Search, block, event: Event, t):
    s = search.s
    for c in event.children:
        sub = s.blocks[block.children[c]]
        for h in sub.layer:
            if s.owner[h] != event.observer:
                continue
            for p in sub.members[h]:
                front = sub.frontier[p]
                f, a = block.feeds[c][front.root]
                if (s.infoset[block.frontier[f].node], a) == t:
                    yield s.labels[h], s.game.nodes[front.node].path
    return


def _node_of(search, block, event, t, beliefs) -> str:
    for _label, path in _observer_nodes(search, block, event, t):
        return path
    return "?"


def _belief_of(search, block, event, t, beliefs) -> str:
    for label, path in _observer_nodes(search, block, event, t):
        return str(beliefs.get(label, {}).get(path, "?"))
    return "?"
