r"""The guarantee game tree (GUARANTEE.md §2.3), built top-down.

0. Nature draws the coalition's resolve :math:`\theta_C \in \{H, L\}`
   (:math:`\pi_C`, CF8), Russia's aims :math:`\theta_R \in \{Rev, Lim\}`
   (:math:`\pi_R`) and the US posture :math:`u \in \{B, D\}` (backstop
   :math:`\beta` or deal).  The coalition knows its resolve; Russia knows its
   aims and the US posture.
1. The coalition offers a force from the menu (``C:F|H``, ``C:F|L``).
2. If the offer is positive, Russia consents or refuses (``R:consent|Rev|B|25``).
3. Russia holds, probes or launches an offensive
   (``R:attack|Rev|B|25|deployed``, ``...|refused``, and ``R:attack|Rev|B|0|none``
   without an offer).  Without a deployed force the attack is a battle
   against Ukraine alone and the game ends.
4. An attack on the deployed force escalates at once to a NATO-Russia war with
   probability :math:`r_a(F)` (then nuclear use with probability :math:`q`).
5. Otherwise the coalition, now seeing the US posture, responds or abandons
   (``C:respond|H|25|offensive|B``); abandoning leaves Ukraine alone in the
   battle, responding puts the force in it and it is overrun if Russia wins.
6. After a failed attack Russia backs down or threatens nuclear escalation
   (``R:threat|Rev|B|25|offensive``).
7. After a threat the coalition withdraws or stands firm
   (``C:stand|H|25|offensive|B``): a NATO-Russia war, nuclear with probability :math:`q`.

Information-set labels are ``stage|type|...`` with ``|`` between fields, so an
off-path rule can address a family of them by an :mod:`fnmatch` pattern, e.g.
``"C:respond|*"``.  With the default menu of four levels the tree has 616
leaves, 232 decision nodes, 311 chance nodes and 114 information sets
(leaves :math:`= 8(5 + 24(|\text{menu}| - 1))`).

>>> from escalation.models.guarantee.parameters import PARAMETERS
>>> game = build(PARAMETERS.defaults())
>>> len(game.terminals), len(game.infosets)
(616, 114)
>>> game.infosets["C:respond|H|25|offensive|B"].actions
('abandon', 'respond')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy

from ...games import ExtensiveFormGame, chance, decision, outcome
from . import payoffs as pay
from .checks import check_point
from .parameters import coalition_prior
from .variants import DEFAULT, Variant, level_force, level_monitored

__all__ = ["ATTACK_ACTIONS", "PLAYERS", "build", "infoset", "share_label"]

PLAYERS = ("Coalition", "Russia")
COALITION, RUSSIA = PLAYERS
#: Russia's attack choices and the scale each stands for.
ATTACK_ACTIONS = {"hold": None, "probe": "P", "offensive": "O"}
SCALE_NAME = {"P": "probe", "O": "offensive"}


def infoset(stage: str, *fields: Any) -> str:
    """An information-set label, e.g. ``infoset("R:consent", "Rev", "B", "25") == "R:consent|Rev|B|25"``."""
    return "|".join((stage, *(str(f) for f in fields)))


@dataclass(frozen=True)
class Branch:
    """Where a subtree sits: the types, the US posture and the offer (``level`` as in :class:`Variant.levels`)."""

    v: Mapping[str, Any]
    coalition: str
    russia: str
    us: str
    level: str = "0"
    refusal: str = "ceasefire"
    concessions: tuple = ()

    @property
    def F(self) -> Any:
        return level_force(self.level)

    @property
    def monitored(self) -> bool:
        return level_monitored(self.level)

    def leaf(self, label: str, a: str | None, deployed: bool, ceded: Any = 0):
        """An outcome with its payoffs, the deployed force's stage terms added when ``deployed``.

        ``ceded`` is a concession kept by a Russia that holds: worth ``ceded * V`` to it, ``ceded * W_U`` to
        the coalition.
        """
        r, c = pay.terminal_payoffs(self.v, label, a, self.russia, self.coalition, self.F, self.monitored)
        if ceded:
            r, c = r + ceded * pay.stake(self.v, self.russia), c - ceded * sympy.sympify(self.v["W_U"])
        if deployed:
            r, c = r + pay.russia_stage(self.v, self.F, self.us), c + pay.coalition_stage(self.v, self.F)
        return outcome(label, {RUSSIA: r, COALITION: c})


def build(values: Mapping[str, Any], variant: Variant = DEFAULT) -> ExtensiveFormGame:
    """The guarantee game at ``values`` (numbers, or sympy symbols for the symbolic game).

    Parameters
    ----------
    values : mapping
        A value for every parameter of :data:`~.parameters.PARAMETERS`.
    variant : Variant
        The structural options (menu, timing of resolve, meaning of refusal, ...).

    Raises
    ------
    ParameterError
        At a numeric point that breaks one of the model's orderings, naming the parameter.
    """
    check_point(values)
    prior_H = coalition_prior(values["N_members"], values["k_quorum"], values["rho_member"])
    if variant.resolve == "after offer":
        root = _nature_russia(lambda russia, us: _offer_after(values, variant, russia, us, prior_H), values)
    else:
        root = chance({
            theta: (p, _nature_russia(lambda russia, us, theta=theta: _offer(Branch(
                values, theta, russia, us, refusal=variant.refusal, concessions=variant.concessions), variant), values))
            for theta, p in (("H", prior_H), ("L", 1 - prior_H))})
    return ExtensiveFormGame(PLAYERS, root, "The guarantee game (GUARANTEE.md §2)")


def _nature_russia(subtree, v: Mapping[str, Any]):
    """Nature's draw of Russia's aims, then of the US posture."""
    pi_R, beta = sympy.sympify(v["pi_R"]), sympy.sympify(v["beta"])
    return chance({russia: (p, chance({"B": (beta, subtree(russia, "B")), "D": (1 - beta, subtree(russia, "D"))}))
                   for russia, p in (("Rev", pi_R), ("Lim", 1 - pi_R))})


def _offer(br: Branch, variant: Variant):
    """Stage 1: the coalition, knowing its resolve only, offers a force."""
    moves = {f"F={lv}": _after_offer(Branch(br.v, br.coalition, br.russia, br.us, lv, br.refusal, br.concessions))
             for lv in variant.levels}
    return decision(COALITION, moves, infoset=infoset("C:F", br.coalition))


def _offer_after(v, variant: Variant, russia: str, us: str, prior_H):
    """Stage 1 when resolve is drawn after the offer: one information set, then nature draws the resolve."""
    moves = {f"F={lv}": chance({theta: (p, _after_offer(Branch(v, theta, russia, us, lv, variant.refusal,
                                                               variant.concessions)))
                                for theta, p in (("H", prior_H), ("L", 1 - prior_H))})
             for lv in variant.levels}
    return decision(COALITION, moves, infoset="C:F")


def _after_offer(br: Branch):
    """Stage 2: Russia consents to a positive offer or refuses it; no offer leads straight to stage 3."""
    if br.F == 0:
        return _attack_alone(br, "none")
    refused = _war_continues(br) if br.refusal == "war continues" else _attack_alone(br, "refused")
    return decision(RUSSIA, {"consent": _attack_force(br), "refuse": refused},
                    infoset=infoset("R:consent", br.russia, br.us, br.level))


def _battle_alone(br: Branch, a: str, status: str, wins: str, fails: str):
    """Ukraine alone against attack ``a``, with the arms of ``status`` (none, refused or deployed)."""
    F = 0 if status == "none" else br.F
    p = pay.success_alone(br.v, a, pay.defence(br.v, pay.arms(br.v, F, status)))
    deployed = status == "deployed"
    return chance({"R wins": (p, br.leaf(wins, a, deployed)), "R fails": (1 - p, br.leaf(fails, a, deployed))})


def _attack_alone(br: Branch, status: str):
    """Stage 3 without a deployed force: hold, or a battle against Ukraine alone (after a concession, if any)."""
    if not br.concessions:
        return _attack_alone_after(br, status, 0)
    return decision(COALITION, {f"z={share_label(z)}": _attack_alone_after(br, status, z) for z in br.concessions},
                    infoset=infoset("C:concede", br.coalition, br.level, status))


def share_label(z: Any) -> str:
    """A share as a label without ``/`` (node paths use it): ``0.1`` for 1/10, ``1:3`` for 1/3."""
    z = Fraction(str(z))
    d = z.denominator
    while d % 2 == 0:
        d //= 2
    while d % 5 == 0:
        d //= 5
    return (f"{float(z):g}" if d == 1 else f"{z.numerator}:{z.denominator}")


def _attack_alone_after(br: Branch, status: str, ceded: Any):
    moves = {"hold": br.leaf(pay.HOLD, None, False, ceded)}
    moves.update({SCALE_NAME[a]: _battle_alone(br, a, status, pay.WINS_ALONE, pay.FAILS_ALONE) for a in pay.ATTACKS})
    label = infoset("R:attack", br.russia, br.us, br.level, status,
                    *((f"z={share_label(ceded)}",) if br.concessions else ()))
    return decision(RUSSIA, moves, infoset=label)


def _war_continues(br: Branch):
    """Refusal in the variant where it means the war goes on: an offensive against Ukraine alone."""
    return _battle_alone(br, "O", "refused", pay.WINS_ALONE, pay.FAILS_ALONE)


def _attack_force(br: Branch):
    """Stage 3 with the force deployed: hold, probe or offensive."""
    moves = {"hold": br.leaf(pay.HOLD, None, True)}
    moves.update({SCALE_NAME[a]: _test(br, a) for a in pay.ATTACKS})
    return decision(RUSSIA, moves, infoset=infoset("R:attack", br.russia, br.us, br.level, "deployed"))


def _war(br: Branch, a: str):
    """A NATO-Russia war, nuclear with probability q."""
    q = sympy.sympify(br.v["q"])
    return chance({"nuclear use": (q, br.leaf(pay.NUCLEAR, a, True)),
                   "conventional": (1 - q, br.leaf(pay.WAR, a, True))})


def _test(br: Branch, a: str):
    """Stage 4: automatic escalation (none for a monitoring posture), else the coalition's response."""
    if br.monitored:
        return _respond(br, a)
    r = pay.escalation_risk(br.v, a, br.F)
    return chance({"escalates": (r, _war(br, a)), "contained": (1 - r, _respond(br, a))})


def _respond(br: Branch, a: str):
    """Stage 5: abandon (Ukraine fights alone) or respond (the force fights beside it)."""
    p1 = pay.success_with_force(br.v, a, br.F, br.us)
    fight = chance({"R wins": (p1, br.leaf(pay.OVERRUN, a, True)), "R fails": (1 - p1, _threat(br, a))})
    return decision(COALITION, {
        "abandon": _battle_alone(br, a, "deployed", pay.ABANDON_WINS, pay.ABANDON_FAILS),
        "respond": fight,
    }, infoset=infoset("C:respond", br.coalition, br.level, SCALE_NAME[a], br.us))


def _threat(br: Branch, a: str):
    """Stage 6: after a failed attack Russia backs down or threatens nuclear escalation."""
    stand = decision(COALITION, {"withdraw": br.leaf(pay.WITHDRAWS, a, True), "stand firm": _war(br, a)},
                     infoset=infoset("C:stand", br.coalition, br.level, SCALE_NAME[a], br.us))
    return decision(RUSSIA, {"back down": br.leaf(pay.BACKS_DOWN, a, True), "threaten": stand},
                    infoset=infoset("R:threat", br.russia, br.us, br.level, SCALE_NAME[a]))
