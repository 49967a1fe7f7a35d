"""From the node entries of an ``.efg`` file to a game: the step both readers share.

A reader lists the entries in the order of the file (pre-order): each entry's
type (``p``, ``c``, ``t``), its information set or chance event, and at each
leaf the payoffs (outcomes above it included) and outcome label.  Since every
information set and event declares its actions, the number of children of
every entry is known, and one pass with a stack recovers the tree: parents,
action labels, chance probabilities.  The arrays go straight into an
:class:`~escalation.games.ExtensiveFormGame` (see
:mod:`escalation.games.structure`) without node objects.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, NamedTuple

import numpy as np

from ..errors import ProbabilityError
from ..games.from_nodes import check_sum, probability_value
from ..games.structure import CHANCE_CODE, DECISION_CODE, TERMINAL_CODE, TreeArrays
from ..games.tree import ExtensiveFormGame
from ._tokens import normalize_labels

__all__ = ["KIND_CODES", "Declaration", "Key", "ParsedTree", "ProbabilityProblem", "TreeShapeProblem", "build_game",
           "infoset_labels"]

Key = tuple[int, int]  # (player number, information set number); player 0 is chance
KIND_CODES = {"p": DECISION_CODE, "c": CHANCE_CODE, "t": TERMINAL_CODE}


class Declaration(NamedTuple):
    """An information set or chance event as first declared in the file."""

    name: str
    actions: tuple[str, ...]
    probabilities: tuple[Fraction, ...]
    line: int | None


@dataclass
class ParsedTree:
    """The entries of an ``.efg`` file in pre-order (see the module docstring).

    ``kinds`` holds the code of each entry's type (``KIND_CODES`` of ``"p"``, ``"c"``, ``"t"``), ``key_of`` the
    position of its information set or chance event in ``keys`` (``-1`` at
    leaves); ``names``, ``actions`` and ``probabilities`` are declared per
    key; ``payoffs`` and ``labels`` hold one row and one outcome label per
    leaf.  ``lines`` (the line of every entry) is known to the careful reader only.
    """

    title: str
    players: list[str]
    kinds: np.ndarray
    key_of: Any
    keys: list[Key]
    names: list[str]
    actions: list[tuple[str, ...]]
    probabilities: list[tuple]
    payoffs: Any
    labels: list[str | None]
    lines: list[int] | None = None


class ProbabilityProblem(Exception):
    """A chance event whose probabilities are not a distribution; ``node`` is its first entry."""

    def __init__(self, node: int, problem: str) -> None:
        super().__init__(problem)
        self.node, self.problem = node, problem


class TreeShapeProblem(Exception):
    """The entries do not make one tree (too few or too many for the actions declared)."""


def build_game(parsed: ParsedTree) -> ExtensiveFormGame:
    """The game of ``parsed``; raises :class:`ProbabilityProblem` or :class:`TreeShapeProblem`."""
    keys = parsed.keys
    key_of = np.asarray(parsed.key_of, dtype=np.int64)
    counts = np.array([*map(len, parsed.actions), 0], dtype=np.int64)  # the last: leaves (-1)
    parent, rank = _shape(counts[key_of])
    n = len(key_of)
    parent_key = key_of[parent[1:]] if n > 1 else np.zeros(0, dtype=np.int64)
    offsets = np.zeros(len(keys) + 1, dtype=np.int64)
    np.cumsum(counts[:-1], out=offsets[1:])
    flat = offsets[parent_key] + rank[1:]
    action = [None, *_table([_actions(a) for a in parsed.actions])[flat].tolist()]
    probability = np.empty(n, dtype=object)
    chance_key = np.array([k[0] == 0 for k in keys] + [False])
    below = np.flatnonzero(chance_key[parent_key]) + 1
    if len(below):
        probability[below] = _table([p if k[0] == 0 else (None,) * len(a) for k, a, p in
                                     zip(keys, parsed.actions, parsed.probabilities, strict=True)])[flat[below - 1]]
        _check_chance(parsed, key_of, chance_key)
    kind = np.asarray(parsed.kinds, dtype=np.int8)
    player_of_key = np.array([k[0] - 1 if k[0] > 0 else -1 for k in keys] + [-1], dtype=np.int64)
    infoset_of_key = np.cumsum(player_of_key >= 0) - 1
    infoset_of_key[player_of_key < 0] = -1
    personal = [(k, name) for k, name in zip(keys, parsed.names, strict=True) if k[0] > 0]
    arrays = TreeArrays.build(
        kind=kind, player=player_of_key[key_of], parent=parent, action=action, infoset=infoset_of_key[key_of],
        infoset_names=infoset_labels(personal), payoffs=parsed.payoffs, outcomes=parsed.labels,
        probability=probability)
    return ExtensiveFormGame._from_checked_arrays(tuple(parsed.players), arrays, parsed.title)


_NORMALIZED: dict[tuple, tuple] = {}


def _actions(actions: tuple[str, ...]) -> tuple[str, ...]:
    """Action labels made unique as Gambit does (remembered: most trees repeat a few lists)."""
    out = _NORMALIZED.get(actions)
    if out is None:
        out = tuple(normalize_labels(list(actions)))
        if len(_NORMALIZED) < 4096:
            _NORMALIZED[actions] = out
    return out


def _table(rows: list[tuple]) -> np.ndarray:
    """The rows concatenated into one object array."""
    out = np.empty(sum(len(r) for r in rows), dtype=object)
    out[:] = [x for r in rows for x in r]
    return out


def _shape(arity: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Parent and position among siblings of every entry, from the number of children of each (pre-order).

    Reading in pre-order keeps a stack of the children still to come: entry ``v`` takes the top place and
    puts its own ``arity[v]`` children on (the first on top), so the stack holds ``pending[v]`` places when
    ``v`` is read.  Places at one height are filled in the order they were made, so the ``k``-th entry read
    at height ``h`` is the child who takes the ``k``-th place made at height ``h``: two stable sorts pair
    every entry with its parent, without a loop over the entries.

    >>> _shape(np.array([2, 0, 2, 0, 0]))        # root, a leaf, a node with two leaves
    (array([-1,  0,  0,  2,  2]), array([0, 0, 1, 0, 1]))
    """
    n = len(arity)
    pending = np.ones(n + 1, dtype=np.int64)
    np.cumsum(arity - 1, out=pending[1:])
    pending[1:] += 1
    if not n or pending[-1] != 0 or (pending[:-1] < 1).any():
        raise TreeShapeProblem("the entries do not make one tree")
    maker = np.repeat(np.arange(n), arity)  # who made each place, in the order made
    offset = np.arange(len(maker)) - np.repeat(np.cumsum(arity) - arity, arity)
    height = pending[maker] + offset
    made = np.argsort(height, kind="stable")
    taken = np.argsort(pending[1:n], kind="stable") + 1
    parent = np.full(n, -1, dtype=np.int64)
    parent[taken] = maker[made]
    rank = np.zeros(n, dtype=np.int64)
    rank[taken] = (arity - 1)[maker[made]] - offset[made]
    return parent, rank


def _check_chance(parsed: ParsedTree, key_of: np.ndarray, chance_key: np.ndarray) -> None:
    """Every chance event's probabilities lie in [0, 1] and sum to one (checked at its first entry)."""
    nodes = np.flatnonzero(chance_key[key_of])
    _, first = np.unique(key_of[nodes], return_index=True)
    for v in np.sort(nodes[first]).tolist():
        try:
            probs = [probability_value(p, lambda: "") for p in parsed.probabilities[key_of[v]]]
            check_sum(probs, "")
        except ProbabilityError as exc:
            raise ProbabilityProblem(v, exc.problem) from None


def infoset_labels(sets: list[tuple[Key, str]]) -> list[str]:
    """Our label for each player's information set ``(key, name)``: its name if non-empty and unique, else
    ``"player:number"``.

    A name that coincides with another set's ``"player:number"`` label gives way to its own.

    >>> infoset_labels([((1, 1), "h"), ((1, 2), "h"), ((2, 1), "1:1")])
    ['1:1', '1:2', '2:1']
    """
    names = [name for _, name in sets]
    if len(set(names)) == len(names) and "" not in names:
        return names  # all named, all different: no set falls back on "player:number"
    counts = Counter(names)
    fallback = [f"{k[0]}:{k[1]}" for k, _ in sets]
    labels = [name if name and counts[name] == 1 else fallback[i] for i, name in enumerate(names)]
    while True:
        taken = {label for label, own in zip(labels, fallback, strict=True) if label == own}
        clashes = [i for i, (label, own) in enumerate(zip(labels, fallback, strict=True))
                   if label != own and label in taken]
        if not clashes:
            return labels
        for i in clashes:
            labels[i] = fallback[i]
