r"""The essay's claims E1-E9 as predicates on one equilibrium of the guarantee game.

Definitions (research brief GUARANTEE.md §6.1).  :math:`Q_F` is the outcome
distribution when both coalition types offer :math:`F` and all later play is
as in the equilibrium; :math:`F_s` is the planned force (the smallest positive
menu level), :math:`F_r` the robust one (the largest); "test" is a probe or an
offensive against the deployed force; :math:`a^{dep}_{\theta,u}(F)` is Russia
type :math:`\theta`'s attack at its information set "force :math:`F`
deployed" in US posture :math:`u` (defined whether or not it consents).

* **E1** a too-small force does not deter:
  :math:`\sum_u P(u)\, P(a^{dep}_{Rev,u}(F_s) \ne \text{hold}) > 0`.
* **E2** consent is the danger: :math:`P(\text{consent at } F_s) > 0` and
  :math:`E[U_C \mid \text{deployed after consent}] < E_{forced}[U_C \mid \text{deployed}]`
  (the states in which Russia agrees are worse for the force than the average state).
* **E3** Russia would very likely test: :math:`P(\text{consent at } F_s) > 0` and
  :math:`P(\text{test} \mid \text{consent at } F_s) > 1/2`.
* **E4** even a large force does not guarantee deterrence:
  :math:`\sum_u P(u)\, P(a^{dep}_{Rev,u}(F_r) \ne \text{hold}) > 0`.
* **E5** war becomes conceivable: :math:`Q_{F_s}(\text{war}) > Q_0(\text{war})`
  (war: a NATO-Russia war, conventional or nuclear).
* **E6** the guarantee crowds out the porcupine: :math:`Q_0(\text{success}) \le Q_{F_s}(\text{success})`
  and :math:`Q_0(\text{war}) \le Q_{F_s}(\text{war})`, at least one strictly (success: Russia
  achieves the objective of its attack).
* **E7** (partial) mostly a political symbol: some coalition type offers a force and the
  equilibrium probability of attack is not below :math:`Q_0(\text{attack})`.
* **E9** three dangerous ideas: E1 and E5 and E6.

Reported beside them: E2's decomposition (type selection
:math:`P(\text{test} \mid \text{consent}) > P(\text{test} \mid \text{forced})`, US
selection :math:`P(\text{Deal} \mid \text{consent}) > 1 - \beta`); E5 against the
monitoring posture (the same force without a tripwire, when the game offers it)
and "fewer attacks" (:math:`Q_{F_s}(\text{attack}) < Q_0(\text{attack})`); E6's
"the coalition still chooses a force" and "the porcupine deters on its own"
(:math:`Q_0(\text{attack}) = 0`); the menu's deterrence threshold
:math:`\hat F = \min\{F > 0 : a^{dep}_{Rev,u}(F) = \text{hold for all } u\}`.
E8 (an attribution commission) is not represented in this game.

The expected payoff in E2 averages over the coalition's types with their prior
(policy evaluation), and over Russia's types and the US posture with the prior
(``forced``) or with the prior times the consent probability (``consent``).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..models.guarantee.variants import level_force
from .reading import POSTURES, EquilibriumReading

__all__ = ["CLAIM_IDS", "ClaimReading", "read_claims"]

#: The claim ids read from every equilibrium, in display order.
CLAIM_IDS = ("E1", "E2", "E2 type-selection", "E2 US-selection", "E3", "E4", "E5", "E5 monitoring",
             "E5 fewer attacks", "E6", "E6 coalition still chooses a force", "E6 porcupine deters alone",
             "E7 symbolic", "E9")


@dataclass(frozen=True)
class ClaimReading:
    """The claims' truth values in one equilibrium (None where a claim is undefined) and what they were read from."""

    holds: dict[str, bool | None]
    diagnostics: dict[str, Any]


def _tested(r: EquilibriumReading, level: str) -> Fraction:
    """:math:`\\sum_u P(u) P(a^{dep}_{Rev,u} \\ne hold)`: how likely a revisionist tests a deployed ``level``."""
    p_b = r.prior["B"]
    return sum(((p_b if u == "B" else 1 - p_b) * r.tests("Rev", u, level) for u in POSTURES), Fraction(0))


def deterrence_threshold(r: EquilibriumReading) -> str | None:
    """:math:`\\hat F`: the smallest positive force that a revisionist never tests in either US posture."""
    for level in r.forces:
        if all(r.tests("Rev", u, level) == 0 for u in POSTURES):
            return level
    return None


def _e2(r: EquilibriumReading, stats) -> dict[str, bool | None]:
    if stats["P_consent"] == 0:
        return {"E2": False, "E2 type-selection": False, "E2 US-selection": False, "E3": False}
    return {"E2": stats["U_C_given_consent"] < stats["U_C_forced"],
            "E2 type-selection": stats["P_test_given_consent"] > stats["P_test_forced"],
            "E2 US-selection": stats["P_Deal_given_consent"] > 1 - r.prior["B"],
            "E3": stats["P_test_given_consent"] > Fraction(1, 2)}


def _e6(none: dict, planned: dict) -> bool:
    weakly = none["P_succ"] <= planned["P_succ"] and none["P_war"] <= planned["P_war"]
    return weakly and (none["P_succ"] < planned["P_succ"] or none["P_war"] < planned["P_war"])


def read_claims(r: EquilibriumReading, diagnostics: bool = True) -> ClaimReading:
    """Every claim of :data:`CLAIM_IDS` in the equilibrium ``r`` (see the module docstring for the definitions).

    ``diagnostics=False`` leaves the diagnostics empty (the claims are the same; reading many
    equilibria that differ off the path is then quicker).
    """
    none, planned = r.policy("0"), r.policy(r.F_s)
    stats = r.consent_stats()
    offers_force = any(p > 0 and level_force(lv) != 0 for dist in r.offers().values() for lv, p in dist.items())
    monitored = f"{r.F_s}m"
    holds: dict[str, bool | None] = {
        "E1": _tested(r, r.F_s) > 0,
        **_e2(r, stats),
        "E4": _tested(r, r.F_r) > 0,
        "E5": planned["P_war"] > none["P_war"],
        "E5 monitoring": planned["P_war"] > r.policy(monitored)["P_war"] if monitored in r.levels else None,
        "E5 fewer attacks": planned["P_attack"] < none["P_attack"],
        "E6": _e6(none, planned),
        "E6 coalition still chooses a force": offers_force,
        "E6 porcupine deters alone": none["P_attack"] == 0,
        "E7 symbolic": offers_force and r.summary(r.on_path)["P_attack"] >= none["P_attack"],
    }
    holds["E9"] = bool(holds["E1"] and holds["E5"] and holds["E6"])
    if not diagnostics:
        return ClaimReading({k: holds[k] for k in CLAIM_IDS}, {})
    report = {
        "F_s": r.F_s, "F_r": r.F_r, "deterrence threshold (menu)": deterrence_threshold(r),
        "offers": r.offers(), "on path": r.summary(r.on_path),
        "policy": {lv: r.policy(lv) for lv in r.levels}, "consent": stats,
        "belief after offer": {lv: r.belief_after(lv) for lv in r.levels},
    }
    return ClaimReading({k: holds[k] for k in CLAIM_IDS}, report)
