r"""When does each outcome happen?  Regions merged by outcome, with the logic simplified.

Several regions often lead to the same outcome and differ only off the path
of play.  The condition for an outcome :math:`o` is the union of its regions,

.. math:: \{\theta : o \text{ is the SPE outcome}\} = \bigcup_{\sigma \to o} R_\sigma,

a disjunction of conjunctions.  Each inequality :math:`g > 0` is treated as a
Boolean variable (and :math:`-g > 0` as its negation), and conjunctions are
combined by resolution, :math:`(A \wedge B) \vee (A \wedge \neg B) = A`, and
absorption, :math:`A \vee (A \wedge B) = A`, until neither applies (the first
step of Quine-McCluskey minimisation, without its exponential second step);
then each conjunction loses its redundant inequalities and is written for
reading.  The
merged condition equals the union of the regions except on knife-edges
(:math:`g = 0`), where no region holds and the SPE is not unique.

>>> import sympy
>>> from escalation.games import ExtensiveFormGame, decision, outcome
>>> from escalation.symbolic import spe_regions
>>> x, y = sympy.symbols("x y", real=True)
>>> game = ExtensiveFormGame(("A", "B"), decision("A", {
...     "Quit": outcome("Quiet", (0, 0)),
...     "Go": decision("B", {"l": outcome("Left", (x, y)), "r": outcome("Right", (x, 0))}),
... }))
>>> len(spe_regions(game))   # B's choice splits on y; A's on x either way
4
>>> outcome_conditions(spe_regions(game))["Quiet"]
x < 0
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations

import sympy

from .inequalities import Inequality
from .simplify import drop_redundant, readable

__all__ = ["outcome_conditions"]


def outcome_conditions(partition) -> dict:
    """``{outcome: condition}``: where each outcome (label or distribution) is the SPE outcome.

    Outcome distributions (chance moves on the path) are keyed by a tuple of
    ``(label, probability)`` pairs.
    """
    groups: dict = {}
    for region in partition:
        key = region.outcome if isinstance(region.outcome, str) else tuple(region.outcome.items())
        groups.setdefault(key, []).append(region.inequalities)
    return {key: _merged(conjunctions, partition.domain) for key, conjunctions in groups.items()}


def _merged(conjunctions: list[tuple[Inequality, ...]], domain) -> sympy.Basic:
    terms = _combined([frozenset(c) for c in conjunctions])
    if frozenset() in terms:
        return sympy.true
    return sympy.Or(*(_readable_conjunction(drop_redundant(t, domain), domain) for t in terms))


def _combined(terms: list[frozenset[Inequality]]) -> list[frozenset[Inequality]]:
    """Apply :math:`(A \\wedge g > 0) \\vee (A \\wedge -g > 0) = A` and absorption until nothing changes."""
    terms = list(dict.fromkeys(terms))
    changed = True
    while changed:
        changed = False
        for i, j in combinations(range(len(terms)), 2):
            merged = _resolve(terms[i], terms[j])
            if merged is not None:
                terms = [t for k, t in enumerate(terms) if k not in (i, j)] + [merged]
                changed = True
                break
        terms = [t for t in terms if not any(u < t for u in terms)]
    return sorted(terms, key=len)


def _resolve(a: frozenset[Inequality], b: frozenset[Inequality]) -> frozenset[Inequality] | None:
    """``a & b`` when ``a`` and ``b`` differ in exactly one inequality, taken with opposite signs."""
    only_a, only_b = a - b, b - a
    if len(only_a) == 1 and len(only_b) == 1:
        (q,), (r,) = only_a, only_b
        if q.expr == r.opposite:
            return a & b
    return None


def _readable_conjunction(inequalities: Iterable[Inequality], domain) -> sympy.Basic:
    kept = list(inequalities)
    relations = [readable(q, domain, [r for r in kept if r != q]) for q in kept]
    return sympy.And(*relations)
