r"""The guarantee game's functional forms and terminal payoffs (GUARANTEE.md §2.2 and §2.4).

Force :math:`F` (thousand troops) acts through three channels.

*Denial.*  Arms :math:`A` buy Ukraine a defence :math:`D_U = U_0 + \eta A`;
the budget identity is :math:`A = B` without a force, :math:`(B - kF)^+` when
it deploys and :math:`(B - (1-\omega)kF)^+` when Russia refuses it.  An attack
of scale :math:`a` (probe P or offensive O, local weight :math:`w_P < w_O = 1`)
with :math:`x_a` troops succeeds against Ukraine alone with probability

.. math:: p^0_a = \frac{x_a^m}{x_a^m + (\kappa w_a D_U)^m},

and against Ukraine and the force with
:math:`p^1_a = x_a^m / (x_a^m + (\kappa(w_a D_U + \lambda F (1 + b\,1[u = B])))^m)`.

*Tripwire.*  An attack on the deployed force escalates at once to a
NATO-Russia war with probability :math:`r_a(F) = \rho_a F/(F + F_\rho)`, and
abandoning the attacked force costs :math:`Ab(F) = A_0 + \alpha F`.

*Cost.*  A deployed force costs the coalition :math:`dF` and
:math:`\psi_B (kF - B)^+`, and brings it the political value :math:`g_v`;
Russia gains :math:`g_0 + g_D 1[u = D]` from consenting and pays :math:`sF`
for hosting it.

Everything here takes a mapping of parameter values that may be numbers or
sympy symbols, so the closed forms (:mod:`.closed_forms`) are derived from the
same functions the tree is built from.

>>> from escalation.models.guarantee.parameters import PARAMETERS
>>> v = PARAMETERS.defaults()
>>> arms(v, 25, "deployed"), arms(v, 25, "refused"), defence(v, arms(v, 25, "deployed"))
(25, 55/2, 750)
>>> success_alone(v, "O", defence(v, arms(v, 25, "deployed"))), success_with_force(v, "O", 25, "B")
(14/59, 8/35)
>>> escalation_risk(v, "O", 25), abandonment_cost(v, 25)
(1/60, 9/8)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sympy

__all__ = [
    "ATTACKS",
    "OUTCOMES",
    "SUCCESS",
    "WARS",
    "abandonment_cost",
    "arms",
    "attack_cost",
    "coalition_stage",
    "defence",
    "escalation_risk",
    "russia_stage",
    "stake",
    "success_alone",
    "success_with_force",
    "terminal_payoffs",
    "war_cost",
]

#: The scales of a Russian test: a probe (limited fait accompli) and an offensive.
ATTACKS = ("P", "O")

HOLD = "hold"
WINS_ALONE, FAILS_ALONE = "R wins (Ukraine alone)", "R fails (Ukraine alone)"
ABANDON_WINS, ABANDON_FAILS = "abandon, R wins", "abandon, R fails"
OVERRUN, BACKS_DOWN = "force overrun", "R backs down"
WITHDRAWS = "C withdraws under nuclear threat"
WAR, NUCLEAR = "NATO-Russia war (conventional)", "NATO-Russia war (nuclear use)"
#: Every outcome label of the tree (GUARANTEE.md §2.4).
OUTCOMES = (HOLD, WINS_ALONE, FAILS_ALONE, ABANDON_WINS, ABANDON_FAILS, OVERRUN, BACKS_DOWN, WITHDRAWS, WAR,
            NUCLEAR)
#: Outcomes in which Russia achieves the objective of its attack.
SUCCESS = (WINS_ALONE, ABANDON_WINS, OVERRUN, WITHDRAWS)
#: Outcomes that are a NATO-Russia war.
WARS = (WAR, NUCLEAR)


def _s(x: Any) -> sympy.Expr:
    return sympy.sympify(x)


def arms(v: Mapping[str, Any], F: Any, status: str) -> sympy.Expr:
    """Arms for Ukraine (EUR bn a year) when the force is ``"none"`` (F = 0), ``"deployed"`` or ``"refused"``."""
    B, k = _s(v["B"]), _s(v["k"])
    if status == "none":
        return B
    spent = k * F if status == "deployed" else (1 - _s(v["omega"])) * k * F
    return sympy.Max(0, B - spent)


def defence(v: Mapping[str, Any], arms_value: Any) -> sympy.Expr:
    r"""Ukraine's defence :math:`D_U = U_0 + \eta A` (thousand troop-equivalents)."""
    return _s(v["U0"]) + _s(v["eta"]) * arms_value


def _weight(v: Mapping[str, Any], a: str) -> sympy.Expr:
    return _s(v["w_P"]) if a == "P" else sympy.Integer(1)


def _forces(v: Mapping[str, Any], a: str) -> sympy.Expr:
    return _s(v["x_P"] if a == "P" else v["x_O"])


def _contest(v: Mapping[str, Any], a: str, local_defence: Any) -> sympy.Expr:
    x, m = _forces(v, a), _s(v["m"])
    return x**m / (x**m + (_s(v["kappa"]) * local_defence) ** m)


def success_alone(v: Mapping[str, Any], a: str, defence_value: Any) -> sympy.Expr:
    """Probability that attack ``a`` succeeds against Ukraine alone with defence ``defence_value``."""
    return _contest(v, a, _weight(v, a) * defence_value)


def success_with_force(v: Mapping[str, Any], a: str, F: Any, u: str) -> sympy.Expr:
    """Probability that attack ``a`` overruns Ukraine and a responding force ``F`` (US posture ``u``: B or D)."""
    backstop = 1 + _s(v["b"]) if u == "B" else sympy.Integer(1)
    local = _weight(v, a) * defence(v, arms(v, F, "deployed")) + _s(v["lam"]) * F * backstop
    return _contest(v, a, local)


def escalation_risk(v: Mapping[str, Any], a: str, F: Any, monitoring: bool = False) -> sympy.Expr:
    r"""Automatic escalation :math:`r_a(F) = \rho_a F/(F + F_\rho)`; zero for a monitoring posture."""
    if monitoring:
        return sympy.Integer(0)
    return _s(v["rho_P"] if a == "P" else v["rho_O"]) * F / (F + _s(v["F_rho"]))


def abandonment_cost(v: Mapping[str, Any], F: Any, monitoring: bool = False) -> sympy.Expr:
    r""":math:`Ab(F) = A_0 + \alpha F`, the coalition's cost of abandoning an attacked force; zero when monitoring."""
    if monitoring:
        return sympy.Integer(0)
    return _s(v["A0"]) + _s(v["alpha"]) * F


def attack_cost(v: Mapping[str, Any], a: str) -> sympy.Expr:
    r""":math:`\hat c_a = c_a + \sigma`, Russia's cost of attack ``a`` including sanctions."""
    return _s(v["c_P"] if a == "P" else v["c_O"]) + _s(v["sigma"])


def _prize(v: Mapping[str, Any], a: str) -> sympy.Expr:
    return _s(v["phi_P"] if a == "P" else v["phi_O"])


def stake(v: Mapping[str, Any], russia: str) -> sympy.Expr:
    """Russia's stake: ``V_Rev`` for the revisionist type, ``V_Lim`` for the limited one."""
    return _s(v["V_Rev"] if russia == "Rev" else v["V_Lim"])


def war_cost(v: Mapping[str, Any], coalition: str) -> sympy.Expr:
    """The coalition's cost of a conventional NATO-Russia war: ``W_H`` (resolved) or ``W_L``."""
    return _s(v["W_H"] if coalition == "H" else v["W_L"])


def coalition_stage(v: Mapping[str, Any], F: Any) -> sympy.Expr:
    r"""The coalition's stage term of a deployed force: :math:`g_v - dF - \psi_B (kF - B)^+`."""
    over = sympy.Max(0, _s(v["k"]) * F - _s(v["B"]))
    return _s(v["g_v"]) - _s(v["d"]) * F - _s(v["psi_B"]) * over


def russia_stage(v: Mapping[str, Any], F: Any, u: str) -> sympy.Expr:
    r"""Russia's stage term of a deployed force: :math:`g_0 + g_D 1[u = D] - sF`."""
    deal = _s(v["g_D"]) if u == "D" else sympy.Integer(0)
    return _s(v["g0"]) + deal - _s(v["s"]) * F


def terminal_payoffs(v: Mapping[str, Any], outcome: str, a: str | None, russia: str, coalition: str,
                     F: Any = 0, monitoring: bool = False) -> tuple[sympy.Expr, sympy.Expr]:
    r"""(Russia, Coalition) at ``outcome`` after attack ``a`` (GUARANTEE.md §2.4), before the stage terms.

    ``russia`` is Russia's type (Rev/Lim), ``coalition`` the coalition's (H/L);
    ``F`` matters for the force's fighting cost :math:`c_f F` and :math:`Ab(F)`.

    >>> from escalation.models.guarantee.parameters import PARAMETERS
    >>> terminal_payoffs(PARAMETERS.defaults(), "C withdraws under nuclear threat", "O", "Rev", "H", 25)
    (113/100, -97/40)
    """
    if outcome == HOLD or a is None:
        return sympy.Integer(0), sympy.Integer(0)
    V, c, fight = stake(v, russia), attack_cost(v, a), _s(v["c_f"]) * F
    win, exposed = _prize(v, a) * V - c, _s(v["zeta"]) * V
    loss = _prize(v, a) * _s(v["W_U"])
    fail = -c - _s(v["h"])
    ab = abandonment_cost(v, F, monitoring)
    war = (-c - _s(v["W_R"]), -fight - war_cost(v, coalition))
    table = {
        WINS_ALONE: (win, -loss),
        FAILS_ALONE: (fail, sympy.Integer(0)),
        ABANDON_WINS: (win + exposed, -loss - ab),
        ABANDON_FAILS: (fail + exposed, -ab),
        OVERRUN: (win + exposed, -loss - fight),
        BACKS_DOWN: (fail, -fight),
        WITHDRAWS: (win + exposed, -loss - fight - ab - _s(v["h_C"])),
        WAR: war,
        NUCLEAR: (war[0] - _s(v["N_R"]), war[1] - _s(v["N_C"])),
    }
    return table[outcome]
