r"""Descriptive names for perfect Bayesian equilibria, read off the profile.

Information sets of one player that offer the same actions at the same stage
of the game (the same layer of the search) are that player's *types* there.
On the path, the types' choices are

* **pooling on** :math:`a`: every type plays :math:`a` for sure;
* **separating**: every type plays a different action for sure;
* **partially pooling**: pure choices, some shared;
* **semi-separating** (:math:`t` mixes): some type mixes.

An equilibrium's label describes the first such stage on the path, e.g.
``"Sender: semi-separating ('root/weak' mixes)"``.  Models may map labels to
the names their literature uses; they never decide which equilibria exist.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from .structure import Structure

__all__ = ["describe"]


def describe(structure: Structure, behaviour: Mapping[str, Mapping[str, Fraction]],
             reach: Mapping[str, Fraction]) -> str:
    """A label for the equilibrium with ``behaviour``; ``reach[h]`` is the probability of reaching set ``h``."""
    s = structure
    parts = []
    for block in s.blocks:
        groups: dict[tuple[int, tuple[str, ...]], list[int]] = {}
        for h in block.layer:
            if reach.get(s.labels[h], Fraction(0)) > 0:
                groups.setdefault((s.owner[h], s.actions[h]), []).append(h)
        for (player, _), types in groups.items():
            if len(types) < 2:
                continue
            parts.append(f"{s.players[player]}: {_kind(s, types, behaviour)}")
        if parts:
            break
    return "; ".join(parts) if parts else "no private information on the path"


def _kind(s: Structure, types: list[int], behaviour) -> str:
    mixers = [s.labels[h] for h in types if sum(p > 0 for p in behaviour[s.labels[h]].values()) > 1]
    if mixers:
        return f"semi-separating ({', '.join(repr(m) for m in mixers)} {'mixes' if len(mixers) == 1 else 'mix'})"
    chosen = [next(a for a, p in behaviour[s.labels[h]].items() if p == 1) for h in types]
    if len(set(chosen)) == 1:
        return f"pooling on {chosen[0]!r}"
    if len(set(chosen)) == len(chosen):
        return "separating"
    return "partially pooling"
