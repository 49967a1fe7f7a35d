"""Reading a perfect Bayesian solver's result as a set of behaviour profiles (for the tests).

A :class:`~escalation.solvers.solution.Solution` may stand for several
equilibria that differ only after deviations nobody makes (its optional
``alternatives``: for each such deviation, the behaviour after it in every
admissible continuation).  :func:`behaviours` expands them, so tests compare
the same sets whether the solver lists those equilibria one by one or folds
them into one solution.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from fractions import Fraction

from escalation.numbers import as_fraction

Behaviour = dict[str, dict[str, Fraction]]

__all__ = ["behaviours", "independent_groups", "profile_key", "profiles", "pure_profiles"]


def _exact(behaviour: Mapping) -> Behaviour:
    return {h: {a: as_fraction(p) for a, p in acts.items()} for h, acts in behaviour.items()}


def behaviours(equilibria) -> Iterator[tuple[object, Behaviour]]:
    """``(solution, behaviour profile)`` for every equilibrium the result stands for (exact probabilities)."""
    for s in equilibria:
        base = _exact(s.behaviour)
        options = [list(v) for v in (getattr(s, "alternatives", None) or {}).values()]
        for combo in itertools.product(*options):
            out = dict(base)
            for part in combo:
                out.update(_exact(part))
            yield s, out


def profile_key(behaviour: Mapping) -> frozenset:
    """A behaviour profile as a hashable set of (information set, action, exact probability)."""
    return frozenset((h, a, as_fraction(p)) for h, acts in behaviour.items() for a, p in acts.items())


def profiles(equilibria) -> set[frozenset]:
    return {profile_key(b) for _, b in behaviours(equilibria)}


def pure_profiles(equilibria) -> set[frozenset]:
    """The pure members, each as a set of (information set, action played)."""
    return {frozenset((h, a) for h, acts in b.items() for a, p in acts.items() if p == 1)
            for _, b in behaviours(equilibria) if all(p in (0, 1) for acts in b.values() for p in acts.values())}


def independent_groups(equilibria) -> bool:
    """Whether each solution's groups of alternative continuations concern disjoint information sets.

    A solution stands for every combination of one option per group (:func:`behaviours`), so no
    information set may be set by two groups: a deviation nobody makes inside the continuation after
    another one belongs to that continuation, not to a group of its own.
    """
    for s in equilibria:
        groups = [set().union(*(set(option) for option in options)) for options in (s.alternatives or {}).values()]
        if any(groups[i] & groups[j] for i in range(len(groups)) for j in range(i)):
            return False
    return True
