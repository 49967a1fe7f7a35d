r"""Reading one equilibrium of the guarantee game: offers, policies, consent, Russia's tests.

An equilibrium assessment fixes behaviour after *every* force offer, on the
path or off it.  The claims (research brief GUARANTEE.md §6.1) compare
*policies*: :math:`Q_F` is the outcome distribution when both coalition
types offer :math:`F` and everything after the offer is played as in the
assessment, with the true prior over the types (a policy evaluation of
"offer :math:`F`").  The planned force :math:`F_s` is the smallest positive
level of the menu (25k by default), the robust force :math:`F_r` the largest.

>>> from escalation.claims.reading import level_of
>>> level_of("F=25"), level_of("F=25m")
('25', '25m')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import Any

from ..errors import ParameterError
from ..games.tree import CHANCE, ExtensiveFormGame
from ..models.guarantee.payoffs import OUTCOMES, SUCCESS, WARS
from ..models.guarantee.variants import level_force, level_monitored
from ..numbers import as_fraction
from ..solvers.beliefs import continuation_values, fraction_profile, reach

__all__ = ["EquilibriumReading", "level_of"]

NUCLEAR = OUTCOMES[-1]
RUSSIA_TYPES, POSTURES = ("Rev", "Lim"), ("B", "D")


def level_of(action: str) -> str:
    """The offer label of a coalition action ``"F=25"``."""
    return action.split("=", 1)[1]


def _chance_weight(game: ExtensiveFormGame, index: int) -> Fraction:
    """Product of chance probabilities on the path to node ``index``."""
    weight, node = Fraction(1), game.nodes[index]
    while node.parent is not None:
        parent = game.nodes[node.parent]
        if parent.kind == CHANCE:
            weight *= as_fraction(parent.probabilities[parent.actions.index(node.action)])
        node = parent
    return weight


@dataclass(frozen=True)
class EquilibriumReading:
    """One equilibrium (``behaviour`` at every information set) of a guarantee game, read for the claims.

    Parameters
    ----------
    game : ExtensiveFormGame
        A guarantee game (:func:`escalation.models.guarantee.build`, any variant).
    behaviour : mapping
        ``{information set: {action: probability}}`` at every information set
        (a :class:`~escalation.solvers.Solution`'s ``behaviour``).
    beliefs : mapping, optional
        The assessment's beliefs (for Russia's belief after an offer).
    planned : str, optional
        The offer read as the planned force :math:`F_s` (default: the smallest
        positive level without a monitoring posture).
    """

    game: ExtensiveFormGame
    behaviour: Mapping[str, Mapping[str, Any]]
    beliefs: Mapping[str, Mapping[str, Any]] | None = None
    planned: str | None = None
    _cache: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "behaviour", fraction_profile(self.game, self.behaviour))
        if self.planned is not None and self.planned not in self.levels:
            raise ParameterError("planned", f"{self.planned!r} is not an offer of this game; offers: "
                                            f"{', '.join(self.levels)}")

    # --- the menu --------------------------------------------------------------------------------
    @cached_property
    def offer_sets(self) -> tuple[str, ...]:
        """The coalition's offer information sets (``C:F|H``, ``C:F|L``, or ``C:F`` when resolve comes later)."""
        found = tuple(h for h in self.game.infosets if h.split("|")[0] == "C:F")
        if not found:
            raise ParameterError("game", "is not a guarantee game: it has no coalition offer (C:F) information set")
        return found

    @cached_property
    def levels(self) -> tuple[str, ...]:
        return tuple(level_of(a) for a in self.game.infosets[self.offer_sets[0]].actions)

    @cached_property
    def forces(self) -> tuple[str, ...]:
        """Positive levels without a monitoring posture, smallest first."""
        plain = [lv for lv in self.levels if not level_monitored(lv) and level_force(lv) != 0]
        return tuple(sorted(plain, key=level_force))

    @property
    def F_s(self) -> str:
        return self.planned if self.planned is not None else self.forces[0]

    @property
    def F_r(self) -> str:
        return self.forces[-1]

    @cached_property
    def prior(self) -> dict[str, Fraction]:
        """P(H), P(Rev) and P(B), read off the chance moves."""
        out = {}
        for node in self.game.nodes:
            if node.kind == CHANCE and node.actions[0] in ("H", "Rev", "B") and node.actions[0] not in out:
                out[node.actions[0]] = as_fraction(node.probabilities[0])
        return out

    def state_prior(self, russia: str, us: str) -> Fraction:
        p_rev, p_b = self.prior["Rev"], self.prior["B"]
        return (p_rev if russia == "Rev" else 1 - p_rev) * (p_b if us == "B" else 1 - p_b)

    # --- behaviour --------------------------------------------------------------------------------
    def offers(self) -> dict[str, dict[str, Fraction]]:
        """Each offer set's distribution over offer levels."""
        return {h: {level_of(a): p for a, p in self.behaviour[h].items()} for h in self.offer_sets}

    def consent(self, russia: str, us: str, level: str) -> Fraction:
        return self.behaviour[f"R:consent|{russia}|{us}|{level}"]["consent"]

    def tests(self, russia: str, us: str, level: str) -> Fraction:
        """Probability that ``russia`` attacks a deployed force ``level`` (its attack set, on or off the path)."""
        return 1 - self.behaviour[f"R:attack|{russia}|{us}|{level}|deployed"]["hold"]

    def belief_after(self, level: str) -> Fraction | None:
        """Russia's belief that the coalition is resolved after offer ``level`` (None without beliefs)."""
        label = f"R:consent|Rev|B|{level}" if level_force(level) != 0 else f"R:attack|Rev|B|{level}|none"
        if self.beliefs is None or label not in self.beliefs:
            return None
        return sum((as_fraction(p) for x, p in self.beliefs[label].items() if "/H/" in f"/{x}/"), Fraction(0))

    # --- outcome distributions --------------------------------------------------------------------
    def forced(self, level: str) -> dict[str, dict[str, Fraction]]:
        """The profile with every offer set playing ``level`` (all later behaviour as in the equilibrium)."""
        actions = {h: {a: Fraction(int(level_of(a) == level)) for a in self.game.infosets[h].actions}
                   for h in self.offer_sets}
        return {**self.profile, **actions}

    @property
    def profile(self) -> dict[str, dict[str, Fraction]]:
        """The equilibrium's behaviour as exact fractions."""
        return {h: dict(acts) for h, acts in self.behaviour.items()}

    def distribution(self, profile: dict[str, dict[str, Fraction]]) -> dict[str, Fraction]:
        p = reach(self.game, profile)
        out: dict[str, Fraction] = {}
        for node in self.game.terminals:
            if p[node.index] and node.outcome is not None:
                out[node.outcome] = out.get(node.outcome, Fraction(0)) + p[node.index]
        return out

    def Q(self, level: str) -> dict[str, Fraction]:
        """:math:`Q_F`: the outcome distribution of the policy "offer ``level``"."""
        key = ("Q", level)
        if key not in self._cache:
            self._cache[key] = self.distribution(self.forced(level))
        return self._cache[key]

    @cached_property
    def on_path(self) -> dict[str, Fraction]:
        """The equilibrium's own outcome distribution."""
        return self.distribution(self.profile)

    @staticmethod
    def summary(dist: Mapping[str, Fraction]) -> dict[str, Fraction]:
        """P(attack), P(Russia achieves its objective), P(NATO-Russia war), P(nuclear use)."""
        return {"P_attack": 1 - dist.get("hold", Fraction(0)),
                "P_succ": sum((dist.get(o, Fraction(0)) for o in SUCCESS), Fraction(0)),
                "P_war": sum((dist.get(o, Fraction(0)) for o in WARS), Fraction(0)),
                "P_nuclear": dist.get(NUCLEAR, Fraction(0))}

    def policy(self, level: str) -> dict[str, Fraction]:
        return self.summary(self.Q(level))

    # --- consent at the planned force (E2, E3) -------------------------------------------------------
    def deployed_value(self, russia: str, us: str, level: str) -> Fraction:
        """The coalition's expected payoff once ``level`` is deployed in state (``russia``, ``us``), over its types."""
        key = ("U", level)
        if key not in self._cache:
            self._cache[key] = continuation_values(self.game, self.forced(level))
        values = self._cache[key]
        h = self.game.infosets[f"R:attack|{russia}|{us}|{level}|deployed"]
        coalition = self.game.players.index("Coalition")
        weights = {x: _chance_weight(self.game, x) for x in h.nodes}
        total = sum(weights.values(), Fraction(0))
        return sum((w * values[x][coalition] for x, w in weights.items()), Fraction(0)) / total

    def consent_stats(self, level: str | None = None) -> dict[str, Fraction | None]:
        """P(consent), P(test | consent) and forced, P(Rev | consent), P(Deal | consent), U_C | consent and forced."""
        level = level or self.F_s
        states = [(r, u, self.state_prior(r, u)) for r in RUSSIA_TYPES for u in POSTURES]
        consent = {(r, u): self.consent(r, u, level) for r, u, _ in states}
        total = sum((w * consent[r, u] for r, u, w in states), Fraction(0))

        def given_consent(f):
            return None if total == 0 else sum((w * consent[r, u] * f(r, u) for r, u, w in states), Fraction(0)) / total

        def forced(f):
            return sum((w * f(r, u) for r, u, w in states), Fraction(0))

        def test(r, u):
            return self.tests(r, u, level)

        def value(r, u):
            return self.deployed_value(r, u, level)

        return {"P_consent": total,
                "P_test_given_consent": given_consent(test), "P_test_forced": forced(test),
                "P_Rev_given_consent": given_consent(lambda r, u: Fraction(int(r == "Rev"))),
                "P_Deal_given_consent": given_consent(lambda r, u: Fraction(int(u == "D"))),
                "U_C_given_consent": given_consent(value), "U_C_forced": forced(value)}
