"""Information sets of a tree: numbering them and checking them.

Decision nodes given the same information-set label form one information set;
a node without a label is an information set of its own, labelled by its path
(see :mod:`escalation.games.paths`).  The nodes of one set must belong to the
same player and offer the same actions, and a label may not be the path of a
*different* node whose own set is unlabelled: that would merge two sets that
were never meant to be one.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..errors import GameStructureError
from .paths import ROOT
from .structure import TreeArrays

__all__ = ["check_infosets", "number_infosets"]


def number_infosets(names: Sequence | None, decision: np.ndarray) -> tuple[np.ndarray, list]:
    """Information-set numbers per node (``-1`` off ``decision``) from per-node labels (``None``: its own).

    ``names=None`` gives every decision node a set of its own.

    Sets are numbered in the order their first node appears.

    >>> ids, labels = number_infosets(["h", None, -1, "h"], np.array([True, True, False, True]))
    >>> ids.tolist(), labels
    ([0, 1, -1, 0], ['h', None])
    """
    n = len(decision)
    ids = np.full(n, -1, dtype=np.int64)
    nodes = np.flatnonzero(decision)
    labelled = [] if names is None else [v for v in nodes.tolist() if names[v] is not None]
    if names is None or not labelled:
        ids[nodes] = np.arange(len(nodes))
        return ids, [None] * len(nodes)
    out: list = []
    by_name: dict[str, int] = {}
    named = set(labelled)
    for v in nodes.tolist():
        if v in named:
            name = names[v]
            k = by_name.get(name)
            if k is None:
                k = by_name[name] = len(out)
                out.append(name)
        else:
            k = len(out)
            out.append(None)
        ids[v] = k
    return ids, out


def check_infosets(arrays: TreeArrays, players: Sequence[str]) -> None:
    """Raise :class:`GameStructureError` for a set mixing players or actions, or a label taken from a path."""
    counts = np.bincount(arrays.infoset[arrays.infoset >= 0], minlength=len(arrays.infoset_names))
    if (counts > 1).any():
        _check_shared(arrays, players, counts)
    _check_path_labels(arrays)


def _check_shared(arrays: TreeArrays, players: Sequence[str], counts: np.ndarray) -> None:
    members = arrays.infoset_members()
    labels = arrays.infoset_labels()
    for h in arrays.infoset_order().tolist():
        if counts[h] < 2:
            continue
        first, *rest = members[h]
        where = f"information set {labels[h]!r}"
        actions = arrays.actions_of(first)
        for v in rest:
            if arrays.player[v] != arrays.player[first]:
                raise GameStructureError(
                    where, f"mixes players {players[arrays.player[first]]!r} (node {arrays.path_of(first)}) "
                           f"and {players[arrays.player[v]]!r} (node {arrays.path_of(v)})")
            if arrays.actions_of(v) != actions:
                raise GameStructureError(
                    where, f"node {arrays.path_of(first)} offers {list(actions)} but node {arrays.path_of(v)} "
                           f"offers {list(arrays.actions_of(v))}")


def _check_path_labels(arrays: TreeArrays) -> None:
    names = arrays.infoset_names
    if names.count(None) in (0, len(names)):  # all labelled, or none: no label can be another node's path
        return
    suspects = {name for name in names if name is not None and name.startswith(ROOT)}
    if not suspects:
        return
    first = arrays.infoset_first()
    for h, name in enumerate(names):
        if name is None:
            path = arrays.path_of(int(first[h]))
            if path in suspects:
                raise GameStructureError(
                    f"information set {path!r}",
                    f"is the label given to another information set and also the path of node {path}, whose "
                    "information set has no label: give that node's information set a label of its own")
