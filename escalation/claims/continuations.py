r"""Equilibria that differ only after offers nobody makes: every one read, claim by claim.

The generic solver may return one solution for many equilibria: where the
behaviour after a deviation nobody makes can be chosen in several ways, the
:class:`~escalation.solvers.solution.Solution` keeps one and lists the others
as ``alternatives`` (for each such deviation, every admissible continuation).
The claims evaluate policies -- what would happen if the coalition offered
:math:`F` -- so they read exactly that off-path behaviour, and reading only
the representative would select an equilibrium silently.

Each claim depends on the continuation after a few offers only
(``DEPENDS``: E1 on the planned force, E4 on the robust force, E5 and E6
on the planned force and on no force, ...).  For each claim the combinations
of the alternatives after those offers are read, and the claim holds in
*all*, *some* or *none* of the equilibria the solution stands for.  The
menu's deterrence threshold depends on every offer; its possible values are
collected level by level.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from typing import Any

from ..errors import SolverError
from ..games.tree import ExtensiveFormGame
from .guarantee import CLAIM_IDS, ClaimReading, read_claims
from .reading import POSTURES, EquilibriumReading, level_of

__all__ = ["DEPENDS", "MAX_VARIANTS", "read_solution"]

#: The offers whose continuation each claim reads (besides the equilibrium path, which never varies).
DEPENDS: dict[str, tuple[str, ...]] = {
    "E1": ("planned",), "E2": ("planned",), "E2 type-selection": ("planned",), "E2 US-selection": ("planned",),
    "E3": ("planned",), "E4": ("robust",), "E5": ("planned", "none"), "E5 monitoring": ("planned", "monitored"),
    "E5 fewer attacks": ("planned", "none"), "E6": ("planned", "none"), "E6 coalition still chooses a force": (),
    "E6 porcupine deters alone": ("none",), "E7 symbolic": ("none",), "E9": ("planned", "none"),
}
#: Combinations of continuations read for one claim of one solution before the reading is refused.
MAX_VARIANTS = 4096


def offer_level(game: ExtensiveFormGame, label: str) -> str | None:
    """The coalition's offer on the way to information set ``label`` (None before any offer)."""
    node = game.nodes[game.infosets[label].nodes[0]]
    while node.parent is not None:
        parent = game.nodes[node.parent]
        if parent.infoset is not None and parent.infoset.split("|")[0] == "C:F" and node.action is not None:
            return level_of(node.action)
        node = parent
    return None


def _levels_of_groups(game: ExtensiveFormGame, alternatives: Mapping[str, Iterable[Mapping]]) -> dict[str, set]:
    """For each deviation with alternative continuations, the offers after which they differ."""
    return {d: {offer_level(game, h) for option in options for h in option} for d, options in alternatives.items()}


def _roles(r: EquilibriumReading) -> dict[str, str | None]:
    monitored = f"{r.F_s}m"
    return {"planned": r.F_s, "robust": r.F_r, "none": "0",
            "monitored": monitored if monitored in r.levels else None}


def _variants(behaviour: Mapping, alternatives: Mapping[str, tuple], groups: list[str]):
    """Behaviour profiles: the representative with every combination of the listed groups' alternatives."""
    for combo in itertools.product(*(alternatives[g] for g in groups)):
        merged = dict(behaviour)
        for option in combo:
            merged.update(option)
        yield merged


def read_solution(game: ExtensiveFormGame, behaviour: Mapping, beliefs: Mapping | None,
                  alternatives: Mapping[str, tuple] | None,
                  planned: str | None = None) -> tuple[ClaimReading, dict[str, tuple[bool | None, ...]]]:
    """The representative's claims, and per claim its truth value in every equilibrium the solution stands for.

    Returns the :class:`~.guarantee.ClaimReading` of the representative and
    ``{claim: (value, ...)}`` over the combinations of alternatives the claim
    depends on (one value without alternatives).
    """
    base = EquilibriumReading(game, behaviour, beliefs, planned)
    first = read_claims(base)
    values: dict[str, tuple[bool | None, ...]] = {c: (first.holds[c],) for c in CLAIM_IDS}
    if not alternatives:
        return first, values
    levels = _levels_of_groups(game, alternatives)
    roles = _roles(base)
    cache: dict[tuple[str, ...], list[ClaimReading]] = {}
    for claim in CLAIM_IDS:
        wanted = {roles[role] for role in DEPENDS[claim]} - {None}
        groups = sorted(d for d, lv in levels.items() if lv & wanted)
        if not groups:
            continue
        size = 1
        for g in groups:
            size *= len(alternatives[g])
        if size > MAX_VARIANTS:
            raise SolverError(f"claim {claim} would need {size} combinations of off-path continuations "
                              f"(limit {MAX_VARIANTS}): the solution stands for too many equilibria to read")
        key = tuple(groups)
        if key not in cache:
            cache[key] = [read_claims(EquilibriumReading(game, b, beliefs, planned), diagnostics=False)
                          for b in _variants(behaviour, alternatives, groups)]
        values[claim] = tuple(reading.holds[claim] for reading in cache[key])
    return first, values


def threshold_values(game: ExtensiveFormGame, behaviour: Mapping, alternatives: Mapping[str, tuple] | None,
                     planned: str | None = None) -> tuple[str | None, ...]:
    """Every value the menu's deterrence threshold takes over the equilibria the solution stands for."""
    base = EquilibriumReading(game, behaviour, None, planned)
    levels = _levels_of_groups(game, alternatives or {})
    possible: list[str | None] = []
    earlier_can_fail = True
    for level in base.forces:
        groups = sorted(d for d, lv in levels.items() if level in lv)
        deters = set()
        for b in _variants(behaviour, alternatives or {}, groups):
            r = EquilibriumReading(game, b, None, planned)
            deters.add(all(r.tests("Rev", u, level) == 0 for u in POSTURES))
        if True in deters and earlier_can_fail:
            possible.append(level)
        earlier_can_fail = earlier_can_fail and False in deters
    if earlier_can_fail:
        possible.append(None)
    return tuple(possible)


def verdict_values(values: Mapping[str, tuple[bool | None, ...]]) -> dict[str, Any]:
    """Per claim: "all", "some" or "none" of the solution's equilibria, or "undefined"."""
    out = {}
    for claim, xs in values.items():
        if any(x is None for x in xs):
            out[claim] = "undefined"
        else:
            out[claim] = "all" if all(xs) else "some" if any(xs) else "none"
    return out
