r"""Weights one deviation down: who an observer may blame when every node it could be at has weight zero.

Player :math:`k`'s weight :math:`W_k(x)` on a node counts chance's and the
other players' moves since :math:`k`'s last information set (:mod:`.engine`).
A move of probability zero sends the weight to zero; the node is then *one
deviation down*.  Its **shadow** remembers which move that was (the deviator's
*type* :math:`t`, an ``(information set, action)`` pair) and the weight with
that move counted as one, :math:`\hat W_k(x)`.

When :math:`k` next reaches an information set all of whose nodes have weight
zero, the nodes with a shadow are those reached through the fewest deviations
(one), and :math:`k`'s belief is :math:`\mu(x) \propto \kappa_t \hat W_k(x)`
(:mod:`.offpath` says which :math:`\kappa` each rule allows).  That includes a
type that deviated *earlier*, before a later move of its own that is on its
path: in a game where the sender moves twice before the receiver does, type 1
may deviate at the first move and type 2 at the second, and both are one
deviation away from what the receiver sees.

A node reached through two deviations is ``DEEP``: the search gives it weight
zero while some node is only one deviation down.  Once a belief has been
formed, such a node is ``STALE``: the search does not know how many deviations
it is from that belief, and if a later belief of the same observer meets it,
the search says that it was not weighed.  The observer's own move resets
everything (its belief at that set anchors what follows).

The engine uses shadows this way under the ``"prior"`` rule; under the other
rules it weighs only the types whose deviation came last and says so where a
shadow shows an earlier one (:meth:`.engine.Search._event_types`).

>>> from fractions import Fraction
>>> s = after_move(None, Fraction(1, 2), Fraction(0), own=False, move=(3, 1))
>>> s
Shadow(type=(3, 1), weight=Fraction(1, 2))
>>> after_move(s, Fraction(0), Fraction(1, 4), own=False, move=(5, 0))
Shadow(type=(3, 1), weight=Fraction(1, 8))
>>> after_move(s, Fraction(0), Fraction(0), own=False, move=(5, 1))
'deep'
"""

from __future__ import annotations

from dataclasses import dataclass

from .polynomial import Num, is_zero

__all__ = ["DEEP", "EARLIER", "STALE", "Shadow", "ShadowCell", "after_move", "scaled"]

DEEP = "deep"
STALE = "stale"
EARLIER = "earlier"
"""Under a rule other than ``"prior"``: some type one deviation down deviated before a later move of its own (the
search weighs such types only under ``"prior"``, and keeps only this sign of them otherwise)."""


@dataclass(frozen=True)
class Shadow:
    """A node one deviation down: the deviating move ``type`` and the weight with it counted as one."""

    type: tuple[int, int]
    weight: Num


ShadowCell = Shadow | str | None
"""A shadow, ``DEEP``, ``STALE``, or None (the node's weight is positive, or nobody will ask)."""


def after_move(shadow: ShadowCell, weight: Num, p: Num, *, own: bool, move: tuple[int, int]) -> ShadowCell:
    """The shadow of a node's child through ``move`` (probability ``p``), given the node's weight and shadow.

    ``own``: the observer makes the move itself (its own moves do not count, and
    what its belief ruled out stays ruled out).
    """
    if own:
        return None
    if not is_zero(weight):
        return Shadow(move, weight) if is_zero(p) else None
    if shadow == EARLIER:
        return DEEP if is_zero(p) else EARLIER
    if isinstance(shadow, Shadow):
        return DEEP if is_zero(p) else Shadow(shadow.type, shadow.weight * p)
    return shadow


def scaled(shadow: ShadowCell, factor: Num) -> ShadowCell:
    """``shadow`` with its weight multiplied by a chance probability (None when that is zero)."""
    if not isinstance(shadow, Shadow):
        return shadow
    weight = shadow.weight * factor
    return None if is_zero(weight) else Shadow(shadow.type, weight)
