r"""Closed forms for special cases of the guarantee game (research brief CF1-CF10), derived with sympy.

Every expression is derived here from the model's own payoff functions
(:mod:`.payoffs`) with the parameters as sympy symbols; none is typed in
from the brief.  Contests have :math:`m = 1` unless stated, and a force is
assumed to fit the budget (:math:`kF \le B`).  The closed forms are checked
against the brief's check points and against the tree (tests); the solver,
not these formulas, gives the equilibria.

CF1, the porcupine.  A type with stake :math:`V` attacking Ukraine alone
(defence :math:`D`) gains :math:`G_a(D) = p_a(D)(\varphi_a V + h) - (\hat c_a + h)`,
decreasing in :math:`D`; it is deterred iff :math:`D > \bar D_a(V)`, i.e. iff
arms exceed :math:`A^*_a(V) = (\bar D_a(V) - U_0)/\eta`.

>>> v = PARAMETERS.defaults()
>>> at(deterrence_by_denial("Rev", "O")["A_star"], v), at(deterrence_by_denial("Rev", "P")["A_star"], v)
(1720/9, 20/3)

CF2, tying hands: type :math:`\theta` stands firm under a nuclear threat after
attack :math:`a` on force :math:`F` iff :math:`F > F_{tie}(\theta, a)`.

>>> [at(tie_force(t, a), v) for t, a in (("H", "P"), ("H", "O"), ("L", "P"), ("L", "O"))]
[110, -50, 1110, 950]

CF3 and CF4, the thresholds of the respond/threat subgame:

>>> at(threat_threshold("Rev", "O"), v), at(response_threshold("H", "O", "B").subs(FORCE, 25), v)
(61/210, 17903/25488)
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import sympy

from ...numbers import exact
from . import payoffs as pay
from .parameters import PARAMETERS, coalition_prior

__all__ = [
    "BELIEF",
    "DEFENCE",
    "FORCE",
    "THREAT",
    "at",
    "attack_value_on_force",
    "bargaining_benchmark",
    "concession_stage",
    "consent_force",
    "consent_posterior",
    "deterrence_by_denial",
    "deterrence_force",
    "fixed_line_attack_probability",
    "one_sided_response",
    "response_threshold",
    "scale_tradeoff",
    "threat_threshold",
    "threat_war_cost",
    "thresholds",
    "tie_force",
]

S = PARAMETERS.symbols
#: The force size, Ukraine's defence, the probability of a threat and Russia's belief as free symbols.
FORCE = sympy.Symbol("F", nonnegative=True)
DEFENCE = sympy.Symbol("D", positive=True)
THREAT = sympy.Symbol("T", nonnegative=True)
BELIEF = sympy.Symbol("mu", positive=True)


def _m1(expr: sympy.Expr) -> sympy.Expr:
    """Contest exponent 1 and the force within the budget (``Max(0, B - kF)`` read as ``B - kF``)."""
    expr = sympy.sympify(expr).subs(S["m"], 1)
    return expr.replace(lambda e: isinstance(e, sympy.Max) and 0 in e.args and len(e.args) == 2,
                        lambda e: next(a for a in e.args if a != 0))


def at(expr: sympy.Expr, values: Mapping[str, Any]) -> sympy.Expr:
    """``expr`` at a parameter point (values by parameter name), simplified (a rational number as it comes)."""
    value = sympy.sympify(expr).subs({S[k]: exact(x) for k, x in values.items()}).doit()
    return value if value.is_Rational else sympy.simplify(value)


def _russia(outcome: str, a: str, russia: str, F: Any = FORCE) -> sympy.Expr:
    return pay.terminal_payoffs(S, outcome, a, russia, "H", F)[0]


def _coalition(outcome: str, a: str, coalition: str, F: Any = FORCE) -> sympy.Expr:
    return pay.terminal_payoffs(S, outcome, a, "Rev", coalition, F)[1]


def _war(payoff, a: str, who: str) -> sympy.Expr:
    """Expected payoff of a NATO-Russia war (nuclear with probability q)."""
    q = S["q"]
    return (1 - q) * payoff(pay.WAR, a, who) + q * payoff(pay.NUCLEAR, a, who)


# --- CF1 ------------------------------------------------------------------------------------------

def deterrence_by_denial(russia: str, a: str) -> dict[str, sympy.Expr]:
    r"""CF1: attack value :math:`G_a(D)`, its slope, the deterring defence :math:`\bar D` and arms :math:`A^*`."""
    return dict(_denial(russia, a))


@functools.cache  # the dictionary is built afresh on each call, so callers may change it
def _denial(russia: str, a: str) -> tuple[tuple[str, sympy.Expr], ...]:
    p = pay.success_alone(S, a, DEFENCE)
    gain = _m1(p * _russia(pay.WINS_ALONE, a, russia) + (1 - p) * _russia(pay.FAILS_ALONE, a, russia))
    (D_bar,) = sympy.solve(sympy.Eq(gain, 0), DEFENCE)
    return (("G", gain), ("dG_dD", sympy.simplify(sympy.diff(gain, DEFENCE))), ("D_bar", D_bar),
            ("A_star", sympy.simplify((D_bar - S["U0"]) / S["eta"])))


# --- CF2 and CF3 ------------------------------------------------------------------------------------

@functools.cache  # a pure function of its labels; sympy.solve is slow, callers loop over cells
def tie_force(coalition: str, a: str) -> sympy.Expr:
    r"""CF2: the force above which type ``coalition`` stands firm under a nuclear threat after attack ``a``.

    :math:`F_{tie} = (W_\theta + qN_C - \varphi_a W_U - h_C - A_0)/\alpha`; with
    :math:`\alpha = 0` the choice does not depend on the force and there is no threshold.
    """
    firm = _war(_coalition, a, coalition) - _coalition(pay.WITHDRAWS, a, coalition)
    (F_tie,) = sympy.solve(sympy.Eq(firm, 0), FORCE)
    return sympy.simplify(F_tie)


@functools.cache  # a pure function of its labels; sympy.solve is slow, callers loop over cells
def threat_threshold(russia: str, a: str) -> sympy.Expr:
    r"""CF3: :math:`\tau`, the chance of a firm stand below which type ``russia`` threatens after a failed ``a``."""
    P = sympy.Symbol("P")
    threat = P * _war(_russia, a, russia) + (1 - P) * _russia(pay.WITHDRAWS, a, russia)
    (tau,) = sympy.solve(sympy.Eq(threat, _russia(pay.BACKS_DOWN, a, russia)), P)
    return sympy.simplify(tau)


@functools.cache  # a pure function of its labels; sympy.solve is slow, callers loop over cells
def threat_war_cost(russia: str, a: str, firm: Any) -> sympy.Expr:
    r"""CF3 solved for Russia's war cost: the :math:`W_R` at which :math:`\tau_\theta(a)` equals ``firm``.

    ``firm`` is the chance of a firm stand Russia expects (e.g. :math:`\pi_C`
    when both coalition types respond and only the resolved one stands firm);
    Russia threatens after a failed attack iff its war cost is below this value.

    >>> v = PARAMETERS.defaults()
    >>> at(threat_war_cost("Rev", "O", "1/2"), v)
    6/25
    """
    (w,) = sympy.solve(sympy.Eq(threat_threshold(russia, a), exact(firm)), S["W_R"])
    return sympy.simplify(w)


# --- CF4 and CF5 ------------------------------------------------------------------------------------

@functools.cache  # a pure function of its labels; sympy.solve is slow, callers loop over cells
def response_threshold(coalition: str, a: str, u: str) -> sympy.Expr:
    r"""CF4: :math:`T^*`, the chance of a threat below which type ``coalition`` responds (force ``FORCE``).

    After a threat the type does what is best for it (stand firm or withdraw).
    """
    p1 = pay.success_with_force(S, a, FORCE, u)
    p0 = pay.success_alone(S, a, pay.defence(S, pay.arms(S, FORCE, "deployed")))
    after_threat = sympy.Max(_war(_coalition, a, coalition), _coalition(pay.WITHDRAWS, a, coalition))
    respond = p1 * _coalition(pay.OVERRUN, a, coalition) + (1 - p1) * (
        THREAT * after_threat + (1 - THREAT) * _coalition(pay.BACKS_DOWN, a, coalition))
    abandon = p0 * _coalition(pay.ABANDON_WINS, a, coalition) + (1 - p0) * _coalition(pay.ABANDON_FAILS, a, coalition)
    gain = sympy.expand(respond - abandon)
    return _m1(-gain.subs(THREAT, 0) / (gain.subs(THREAT, 1) - gain.subs(THREAT, 0)))


def one_sided_response(russia: str, a: str, u: str) -> dict[str, sympy.Expr]:
    r"""CF5: with Russia's type known and resolve private (H stands firm, L withdraws), the semi-separating play.

    L responds with :math:`r_L` that makes Russia's posterior after a response
    equal to its threshold :math:`\tau`; Russia threatens with :math:`t = T^*_L`;
    the chance of a NATO-Russia war once an attack is contained is
    :math:`(1 - p^1)\mu t` (only the resolved type stands firm).
    """
    tau, r = threat_threshold(russia, a), sympy.Symbol("r_L", nonnegative=True)
    (r_L,) = sympy.solve(sympy.Eq(BELIEF / (BELIEF + (1 - BELIEF) * r), tau), r)
    t = response_threshold("L", a, u)
    p1 = _m1(pay.success_with_force(S, a, FORCE, u))
    return {"tau": tau, "r_L": sympy.simplify(r_L), "t": t, "war_if_contained": (1 - p1) * BELIEF * t}


# --- CF6 and CF9 ------------------------------------------------------------------------------------

@functools.cache  # a pure function of its labels; sympy.solve is slow, callers loop over cells
def attack_value_on_force(a: str, u: str, russia: str = "Rev", risk: Any = None) -> sympy.Expr:
    r"""CF6: Russia's value of attack ``a`` on a deployed force against a coalition known to be resolved.

    The resolved coalition responds and stands firm, so after a failed attack
    Russia backs down; stage terms of consenting are left out.  ``risk``
    replaces :math:`r_a(F)` (CF9 treats it as a free symbol).
    """
    r = pay.escalation_risk(S, a, FORCE) if risk is None else risk
    p1 = pay.success_with_force(S, a, FORCE, u)
    contained = p1 * _russia(pay.OVERRUN, a, russia) + (1 - p1) * _russia(pay.BACKS_DOWN, a, russia)
    return _m1(r * _war(_russia, a, russia) + (1 - r) * contained)


def deterrence_force(values: Mapping[str, Any], a: str, u: str) -> sympy.Expr | None:
    r"""CF6: :math:`\hat F`, the smallest positive force deterring attack ``a`` by a revisionist (None if none)."""
    value = at(attack_value_on_force(a, u), values)
    numerator, _ = sympy.fraction(sympy.together(value))
    roots = [x for x in sympy.Poly(sympy.expand(numerator), FORCE).real_roots() if x > 0]
    return min(roots) if roots else None


def scale_tradeoff(russia: str = "Rev", u: str = "B") -> dict[str, sympy.Expr]:
    r"""CF9: :math:`V_O - V_P` against a resolved coalition and its slope in the offensive's escalation risk."""
    r_O = sympy.Symbol("r_O", nonnegative=True)
    difference = attack_value_on_force("O", u, russia, risk=r_O) - attack_value_on_force("P", u, russia)
    return {"V_O_minus_V_P": difference, "d_dr_O": sympy.simplify(sympy.diff(difference, r_O))}


@functools.cache  # a pure function of its labels; sympy.solve is slow, callers loop over cells
def consent_force(u: str) -> sympy.Expr:
    r"""The force below which a Russia that holds either way consents in posture ``u``.

    Consenting earns the stage term :math:`g_0 + g_D 1[u = D] - sF` and changes
    nothing else for a type that does not attack, so it consents iff
    :math:`F < F_c(u) = (g_0 + g_D 1[u = D])/s`.

    >>> v = PARAMETERS.defaults()
    >>> at(consent_force("D"), v), at(consent_force("B"), v)
    (48, 8)
    """
    (F_c,) = sympy.solve(sympy.Eq(pay.russia_stage(S, FORCE, u), 0), FORCE)
    return sympy.simplify(F_c)


# --- CF7 ------------------------------------------------------------------------------------------

def consent_posterior(consent: Mapping[tuple[str, str], Any] | None = None) -> dict[str, sympy.Expr]:
    r"""CF7: P(Rev | consent) and P(Deal | consent) from consent probabilities :math:`c_{\theta,u}` (Bayes' rule).

    ``consent`` maps ``(type, posture)`` such as ``("Rev", "D")`` to a
    probability; by default each is a symbol ``c_Rev_D``, ...
    """
    c = {(t, u): sympy.Symbol(f"c_{t}_{u}", nonnegative=True) for t in ("Rev", "Lim") for u in ("B", "D")}
    c.update({k: exact(x) for k, x in (consent or {}).items()})
    prior = {(t, u): (S["pi_R"] if t == "Rev" else 1 - S["pi_R"]) * (S["beta"] if u == "B" else 1 - S["beta"])
             for t, u in c}
    total = sum(prior[k] * c[k] for k in c)
    return {"P_consent": total,
            "P_Rev_given_consent": sum(prior[k] * c[k] for k in c if k[0] == "Rev") / total,
            "P_Deal_given_consent": sum(prior[k] * c[k] for k in c if k[1] == "D") / total}


# --- CF10 ------------------------------------------------------------------------------------------

C_BAR, D_C, GAIN = sympy.symbols("c_bar d_C G", positive=True)


def bargaining_benchmark() -> dict[str, sympy.Expr]:
    r"""CF10 (a): Fearon's take-it-or-leave-it offer to a Russia with private cost :math:`c \sim U[0, \bar c]`.

    The coalition keeps :math:`z` more than Russia's war value; Russia fights iff
    its cost is below :math:`z`.  Both the optimal :math:`z^*` and
    :math:`P(\text{war}) = z^*/\bar c` are free of the battlefield share :math:`p`.
    """
    p, c_B, z = sympy.symbols("p c_B z", positive=True)
    utility = (1 - p + z) * (1 - z / C_BAR) + (1 - p - c_B) * z / C_BAR
    (z_star,) = sympy.solve(sympy.diff(utility, z), z)
    return {"z_star": z_star, "P_war": sympy.simplify(z_star / C_BAR),
            "dP_war_dp": sympy.diff(z_star / C_BAR, p)}


def fixed_line_attack_probability(russia: str = "Rev", a: str = "O") -> dict[str, sympy.Expr]:
    r"""CF10 (b): with the ceasefire line fixed and a private attack cost :math:`c \sim U[0, \bar c]`.

    Russia attacks iff :math:`G(A) > c`, with :math:`G` the attack value of CF1
    when the only known cost is the sanctions :math:`\sigma`; so
    :math:`P(\text{attack}) = G(A)/\bar c` (while :math:`0 \le G \le \bar c`) falls with arms.
    """
    A = sympy.Symbol("A", nonnegative=True)
    cost = S["c_O"] if a == "O" else S["c_P"]
    gain = deterrence_by_denial(russia, a)["G"].subs(cost, 0).subs(DEFENCE, pay.defence(S, A))
    return {"P_attack": gain / C_BAR, "dP_dA": sympy.simplify(sympy.diff(gain / C_BAR, A)), "arms": A}


def concession_stage() -> dict[str, sympy.Expr]:
    r"""CF10 (c): a concession :math:`z` before Russia decides; the coalition loses :math:`G + d_C` if attacked.

    Russia attacks iff :math:`G - z > c`.  The optimal concession absorbs
    :math:`G` one for one and :math:`P(\text{attack}) = (\bar c - d_C)/(2\bar c)`
    does not depend on :math:`G`: neutrality returns.
    """
    z = sympy.Symbol("z", real=True)
    attack = (GAIN - z) / C_BAR
    loss = z * (1 - attack) + (GAIN + D_C) * attack
    (z_star,) = sympy.solve(sympy.diff(loss, z), z)
    return {"z_star": z_star, "P_attack": sympy.simplify(attack.subs(z, z_star))}


# --- the model's thresholds, for `escalation models guarantee` --------------------------------------

def thresholds() -> dict[str, sympy.Expr]:
    """The closed forms a reader looks for first, by name (LaTeX in ``escalation models guarantee``)."""
    out: dict[str, sympy.Expr] = {"pi_C": coalition_prior(S["N_members"], S["k_quorum"], S["rho_member"])}
    for a in pay.ATTACKS:
        out[f"A_star_Rev_{a}"] = deterrence_by_denial("Rev", a)["A_star"]
        for t in ("H", "L"):
            out[f"F_tie_{t}_{a}"] = tie_force(t, a)
        for r in ("Rev", "Lim"):
            out[f"tau_{r}_{a}"] = threat_threshold(r, a)
    return out
