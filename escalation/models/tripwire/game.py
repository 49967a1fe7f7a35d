r"""The tripwire game tree: consent, test, respond or abandon, the nuclear rung.

Players: Russia and the Coalition (of the Willing).  The moves, top-down:

1. Russia consents to the deployment or refuses it (essay E2).  Refusal ends
   the game in *no deployment*: the ceasefire goes ahead without a foreign
   force, the reference point (0, 0) for both players.
2. After consent, Russia holds (*deterrence holds*) or tests the force with an
   attack (E3).
3. The coalition responds militarily or abandons Ukraine (E4).
4. If it responds, the force fights the attacking formation and defeats it
   with the contest probability :math:`p` (:func:`~.parameters.contest_probability`);
   otherwise the attack succeeds and the force is overrun.
5. After a defeated attack Russia backs down or escalates with a nuclear threat.
6. After the threat the coalition stands firm (a NATO-Russia war under
   nuclear risk :math:`q`) or withdraws.

Payoffs (Russia, Coalition), with Russia's stake :math:`V` (a revisionist or
a limited Russia differ only here):

=========================================  =============================  =====================
outcome                                    Russia                         Coalition
=========================================  =============================  =====================
no deployment                              :math:`0`                      :math:`0`
deterrence holds                           :math:`g - s`                  :math:`0`
Ukraine abandoned                          :math:`g + V - c_T`            :math:`-A`
force overrun                              :math:`g + V - c_T`            :math:`-A - c_C`
Russia backs down                          :math:`g - s - c_T - h`        :math:`-c_C`
coalition withdraws under nuclear threat   :math:`g + V - c_T`            :math:`-A - c_C`
NATO-Russia war                            :math:`g - c_T - W_R - qN`     :math:`-W_C - qN`
=========================================  =============================  =====================

>>> from escalation.models.tripwire.parameters import TRIPWIRE_PARAMETERS
>>> game = build(TRIPWIRE_PARAMETERS.defaults())
>>> game.node("root/Consent/Test/Respond").probabilities
(49/149, 100/149)
>>> sorted({t.outcome for t in game.terminals}) == sorted(OUTCOMES)
True
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sympy

from ...games import ExtensiveFormGame, chance, decision, outcome
from .parameters import contest_probability

__all__ = [
    "ABANDONED",
    "BACKS_DOWN",
    "DETERRENCE",
    "NO_DEPLOYMENT",
    "OUTCOMES",
    "OVERRUN",
    "PLAYERS",
    "WAR",
    "WITHDRAWS",
    "build",
    "consent_stage",
    "stage_payoffs",
]

PLAYERS = ("Russia", "Coalition")

NO_DEPLOYMENT = "no deployment"
DETERRENCE = "deterrence holds"
ABANDONED = "Ukraine abandoned"
OVERRUN = "force overrun"
BACKS_DOWN = "Russia backs down"
WITHDRAWS = "coalition withdraws under nuclear threat"
WAR = "NATO-Russia war"
OUTCOMES = (NO_DEPLOYMENT, DETERRENCE, ABANDONED, OVERRUN, BACKS_DOWN, WITHDRAWS, WAR)


def stage_payoffs(values: Mapping[str, Any], stake: Any = None) -> dict[str, tuple[sympy.Expr, sympy.Expr]]:
    """Payoffs ``{outcome: (Russia, Coalition)}`` from the table above.

    ``stake`` replaces ``values["V"]`` (the E2 game uses it for the limited type).

    >>> stage_payoffs({"V": 10, "s": 1, "g": 1, "c_T": 2, "h": 3, "W_R": 20, "W_C": 20,
    ...                "q": "1/10", "N": 100, "A": 25, "c_C": 1})["NATO-Russia war"]
    (-31, -30)
    """
    v = {k: sympy.sympify(x) for k, x in values.items()}
    V = v["V"] if stake is None else sympy.sympify(stake)
    gain, nuclear = v["g"] - v["c_T"], v["q"] * v["N"]
    return {
        NO_DEPLOYMENT: (sympy.Integer(0), sympy.Integer(0)),
        DETERRENCE: (v["g"] - v["s"], sympy.Integer(0)),
        ABANDONED: (gain + V, -v["A"]),
        OVERRUN: (gain + V, -v["A"] - v["c_C"]),
        BACKS_DOWN: (gain - v["s"] - v["h"], -v["c_C"]),
        WITHDRAWS: (gain + V, -v["A"] - v["c_C"]),
        WAR: (gain - v["W_R"] - nuclear, -v["W_C"] - nuclear),
    }


def _leaf(payoffs: Mapping[str, tuple], label: str):
    return outcome(label, payoffs[label])


def consent_stage(payoffs: Mapping[str, tuple], p: Any):
    """The subtree after Russia's consent: hold or test, and everything after a test."""
    rung = decision("Russia", {
        "Back down": _leaf(payoffs, BACKS_DOWN),
        "Nuclear threat": decision("Coalition", {
            "Stand firm": _leaf(payoffs, WAR),
            "Withdraw": _leaf(payoffs, WITHDRAWS),
        }),
    })
    battle = chance({"Attack defeated": (p, rung), "Attack succeeds": (1 - p, _leaf(payoffs, OVERRUN))})
    return decision("Russia", {
        "Hold": _leaf(payoffs, DETERRENCE),
        "Test": decision("Coalition", {"Respond": battle, "Abandon": _leaf(payoffs, ABANDONED)}),
    })


def build(values: Mapping[str, Any], p: Any = None) -> ExtensiveFormGame:
    """The complete-information tripwire game at ``values`` (numbers or sympy symbols).

    Parameters
    ----------
    values : mapping
        A value (or symbol) for every parameter of
        :data:`~.parameters.TRIPWIRE_PARAMETERS`.
    p : number or sympy expression, optional
        The probability that the force defeats the attack; by default the
        contest probability :math:`F^m/(F^m + K^m)`.  Passing the symbol
        :data:`~.parameters.CONTEST` gives the *stage game* whose region
        conditions are polynomial.
    """
    if p is None:
        p = contest_probability(values["F"], values["K"], values["m"])
    payoffs = stage_payoffs(values)
    root = decision("Russia", {"Consent": consent_stage(payoffs, p), "Refuse": _leaf(payoffs, NO_DEPLOYMENT)})
    return ExtensiveFormGame(PLAYERS, root, "Tripwire: consent, test, respond or abandon, nuclear rung")
