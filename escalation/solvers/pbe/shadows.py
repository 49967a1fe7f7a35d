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
zero while some node is only one deviation down.

The search forms the off-path belief as soon as the observer's weights all
vanish, which may be before the observer has an information set (the sender
may move again first).  A type that belief leaves out (:math:`\kappa_t = 0`)
keeps its shadow, marked ``zeroed``: it is as many deviations down as the
types the belief keeps.  If the observer later meets a set where all those
weights vanish again, the zeroed types are the ones the fewest deviations
reach, and the belief there is formed over them; if a zeroed type deviates
again, it is one deviation down again, like a kept type that deviates.  What
the search cannot count is ``STALE`` (a ``DEEP`` node once a belief has been
formed); if a later belief of the same observer meets such a node, the search
says that it was not weighed.  The observer's own move resets
everything (its belief at that set anchors what follows).

>>> from fractions import Fraction
>>> s = after_move(None, Fraction(1, 2), Fraction(0), own=False, move=(3, 1))
>>> s
Shadow(type=(3, 1), weight=Fraction(1, 2), zeroed=False)
>>> after_move(s, Fraction(0), Fraction(1, 4), own=False, move=(5, 0))
Shadow(type=(3, 1), weight=Fraction(1, 8), zeroed=False)
>>> after_move(s, Fraction(0), Fraction(0), own=False, move=(5, 1))
'deep'
>>> after_move(Shadow((3, 1), Fraction(1, 2), zeroed=True), Fraction(0), Fraction(0), own=False, move=(5, 1))
Shadow(type=(5, 1), weight=Fraction(1, 2), zeroed=False)
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
    """A node one deviation down: the deviating move ``type`` and the weight with it counted as one
    (``zeroed``: a type that an off-path belief already weighed at zero, as many deviations down as that belief)."""

    type: tuple[int, int]
    weight: Num
    zeroed: bool = False


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
        if is_zero(p):   # a zeroed type's next deviation is as far down as a fresh one
            return Shadow(move, shadow.weight) if shadow.zeroed else DEEP
        return Shadow(shadow.type, shadow.weight * p, shadow.zeroed)
    return shadow


def scaled(shadow: ShadowCell, factor: Num) -> ShadowCell:
    """``shadow`` with its weight multiplied by a chance probability (None when that is zero)."""
    if not isinstance(shadow, Shadow):
        return shadow
    weight = shadow.weight * factor
    return None if is_zero(weight) else Shadow(shadow.type, weight, shadow.zeroed)
