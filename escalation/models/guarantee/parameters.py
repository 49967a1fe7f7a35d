r"""The guarantee game's parameters: defaults, plausible ranges, priors, units and sources.

Utilities are von Neumann--Morgenstern, one interval scale per player,
anchored at two outcomes each: for Russia 0 is the ceasefire and 1 a
revisionist's full success (:math:`V_{Rev} = \varphi_O = 1`, "R-units"); for
the coalition 0 is the ceasefire and :math:`-1` the loss of Ukraine's
sovereignty (:math:`W_U = 1`, "C-units").  Money and troops enter only through
the budget identity, the contest and the over-budget cost.  Every default
below is a value from a public source or a stated assumption ("[C]" in the
research brief); none is chosen to put a threshold on one of the essay's
numbers -- the thresholds are outputs (:mod:`.closed_forms`).

Priors (uniform "U" or log-uniform "LU" on the plausible range) are for Monte
Carlo.  The research brief conditions the prior on the two Russian types'
definitions and on the model's orderings; :func:`escalation.claims.share`
does that by rejection and reports how many draws it discarded.

The coalition's prior resolve is derived, not set: the coalition is resolved
when at least ``k_quorum`` of its ``N_members`` lead members are, each
independently with probability ``rho_member`` (CF8):

.. math:: \pi_C = \sum_{j=k}^{N} \binom{N}{j} \rho_m^j (1 - \rho_m)^{N-j}.

>>> coalition_prior(5, 5, "4/5")
1024/3125
>>> PARAMETERS["k"].plausible, PARAMETERS["k"].prior_text
((1/20, 1/2), 'log-uniform on [0.05, 0.5]')
>>> len(PARAMETERS)
46
"""

from __future__ import annotations

from typing import Any

import sympy
from scipy import stats

from ...constraints import Constraint
from ...numbers import exact
from ...parameters import Parameter, ParameterSpace
from .checks import MODEL, ORDERINGS

__all__ = ["PARAMETERS", "coalition_prior"]

R_UNITS = "R-units (Russia's utility; 1 = a revisionist's full success)"
C_UNITS = "C-units (the coalition's utility; -1 = the loss of Ukraine's sovereignty)"
ASSUMPTION = "assumption [C] in the research brief (GUARANTEE.md §3.2)"
NORMALISATION = "normalisation of the utility scale (GUARANTEE.md §3.1); not drawn"


def coalition_prior(members: Any, quorum: Any, resolve: Any) -> sympy.Expr:
    r"""Probability that at least ``quorum`` of ``members`` are resolved, each with probability ``resolve`` (CF8).

    With numbers for ``members`` and ``quorum`` the sum is written out; with
    symbols it stays a :class:`sympy.Sum`.

    >>> coalition_prior(5, 3, "4/5"), coalition_prior(2, 2, "1/2"), coalition_prior(5, 4, "2/3")
    (2944/3125, 1/4, 112/243)
    """
    n, k, r = (exact(x) if not isinstance(x, sympy.Basic) else x for x in (members, quorum, resolve))
    j = sympy.Symbol("j", integer=True, nonnegative=True)
    term = sympy.binomial(n, j) * r**j * (1 - r) ** (n - j)
    if n.free_symbols or k.free_symbols:
        return sympy.Sum(term, (j, k, n))
    return sympy.expand(sum((term.subs(j, i) for i in range(int(k), int(n) + 1)), sympy.Integer(0)))


def _U(low: float, high: float):
    return stats.uniform(low, high - low)


def _LU(low: float, high: float):
    return stats.loguniform(low, high)


def _p(name, default, plausible, prior, unit, description, source=ASSUMPTION, domain=(0, None),
       closed=(True, True)) -> Parameter:
    lo, hi = (exact(x) for x in plausible)
    dist = None if prior is None else prior(float(lo), float(hi))
    return Parameter(name, default, domain=domain, unit=unit, description=description, source=source,
                     plausible=plausible, prior=dist, closed=closed)


def _budget() -> list[Parameter]:
    return [
        _p("U0", 500, (300, 700), _U, "thousand troop-equivalents",
           "Ukraine's effective defence without European-funded arms",
           "assumption [C]: U0 + eta*B = 800k, the army size named at the Paris summit "
           "(https://en.hvylya.net/news/304-paris-summit-allies-agree-to-deploy-multinational-forces-in-post-war-ukraine)"),
        _p("eta", 10, (2, 20), _LU, "thousand troop-equivalents per EUR bn a year",
           "troop-equivalents Europe's arms buy for Ukraine",
           "assumption [C], order of magnitude from Ukraine's defence budget (about $70bn in 2025, "
           "https://tass.com/world/2053283; about $100bn a year with allied support, "
           "https://expertnews.com.ua/en/article/2146) for an army of 0.8-0.9 million"),
        _p("B", 30, (15, 60), _U, "EUR bn a year",
           "Europe's annual budget for Ukraine's security, split between the force and arms",
           "assumption [C] from aid allocations of EUR 41.6bn a year in 2022-24, all donors "
           "(https://odessa-journal.com/public/kiel-institute-europe-fails-to-offset-reduction-in-us-aid-to-ukraine) "
           "and European military aid in 2025 (https://idw-online.de/de/news865808)"),
        _p("k", "1/5", ("1/20", "1/2"), _LU, "EUR bn a year per thousand troops",
           "cost of keeping a thousand troops deployed (arms forgone)",
           "German brigade in Lithuania, about EUR 1bn a year operating cost for about 5,000 soldiers "
           "(https://www.finanznachrichten.de/nachrichten-2024-04/62038463-pistorius-fordert-elf-milliarden-"
           "euro-fuer-litauen-brigade-003.htm); operating cost only [C]"),
        _p("omega", "1/2", (0, 1), _U, "share", "share of a refused force's budget redirected to arms",
           domain=(0, 1)),
        _p("psi_B", "1/50", (0, "1/10"), _U, "C-units per EUR bn", "political cost of spending beyond the budget B"),
    ]


def _battle() -> list[Parameter]:
    return [
        _p("x_O", 700, (500, 900), _U, "thousand troops", "Russian forces in an offensive",
           "about 700k in the war zone (Putin 2025; Syrskyi: over 715k, "
           "https://unn.ua/en/news/russia-has-deployed-over-715000-troops-to-continue-the-war-in-ukraine-syrskyi)",
           domain=(1, None)),
        _p("x_P", 50, (20, 100), _U, "thousand troops", "Russian forces in a probe (a limited fait accompli)",
           domain=(1, None)),
        _p("kappa", 3, ("3/2", 4), _U, "ratio", "the defender's advantage in the contest",
           "3:1 rule of thumb (Mearsheimer 1989) [M]", domain=("1/10", None)),
        _p("w_P", "1/10", ("1/20", "1/5"), _U, "share", "share of Ukraine's defence engaged against a probe",
           domain=("1/1000", 1)),
        Parameter("m", 1, domain=(1, 4), integer=True, plausible=(1, 2), unit="exponent (whole number)",
                  description="decisiveness of the contest x^m/(x^m + (kappa D)^m); fixed per run, not drawn",
                  source="Tullock 1980 (m = 1); m = 2 Lanchester-like [M]"),
        _p("lam", 1, ("1/2", 3), _LU, "ratio", "combat weight of a deployed soldier relative to a Ukrainian one",
           "assumption [C]; capability matters (Blankenship & Lin-Greenberg 2022)"),
        _p("b", "1/2", (0, 2), _U, "multiplier", "US backstop multiplier on the force's combat weight",
           "assumption [C]; IISS on European dependence on US ISR "
           "(https://www.forcesnews.com/nato/europes-reassurance-force-three-military-options-ukraine-post-ceasefire)"),
    ]


def _tripwire() -> list[Parameter]:
    rare = "assumption [C], mass near zero (Reiter & Poast 2021; Musgrave & Ward 2023)"
    return [
        _p("rho_O", "1/20", (0, "1/10"), _U, "probability",
           "saturation level of automatic escalation after an offensive on the force", rare, domain=(0, 1)),
        _p("rho_P", "1/100", (0, "1/40"), _U, "probability",
           "saturation level of automatic escalation after a probe on the force", rare, domain=(0, 1)),
        _p("F_rho", 50, (10, 200), _LU, "thousand troops", "half-saturation force of automatic escalation",
           domain=("1/1000", None)),
        _p("A0", 1, (0, 3), _U, "C-units", "cost of abandoning an attacked force (credibility, cohesion)",
           "assumption [C]; essay E4 (NATO's credibility and survival)"),
        _p("alpha", "1/200", (0, "1/100"), _U, "C-units per thousand troops",
           "casualty-driven increase of the abandonment cost", "assumption [C]; weak per Musgrave & Ward 2023"),
    ]


def _russia() -> list[Parameter]:
    return [
        Parameter("V_Rev", 1, domain=("1/1000", None), plausible=(1, 1), unit=R_UNITS,
                  description="a revisionist Russia's stake", source=NORMALISATION),
        _p("V_Lim", "1/5", (0, "1/2"), _U, R_UNITS, "a limited Russia's stake",
           "assumption [C]; essay E3"),
        _p("phi_P", "1/5", ("1/10", "1/2"), _U, "share", "share of the stake won by a successful probe",
           domain=(0, 1)),
        Parameter("phi_O", 1, domain=(0, 1), plausible=(1, 1), unit="share",
                  description="share of the stake won by a successful offensive", source=NORMALISATION),
        _p("c_P", "1/100", (0, "1/20"), _U, R_UNITS, "Russia's cost of a probe"),
        _p("c_O", "1/20", ("1/50", "1/4"), _U, R_UNITS, "Russia's cost of an offensive"),
        _p("sigma", "1/50", (0, "1/10"), _U, R_UNITS, "extra sanctions cost of any attack",
           "assumption [C]; essay E6 (sharper sanctions)"),
        _p("h", "1/50", (0, "1/10"), _U, R_UNITS, "Russia's cost of a failed attack (backing down)"),
        _p("zeta", "1/5", (0, "1/2"), _U, "share of the stake",
           "Russia's gain from exposing the coalition (its retreat or defeat), as a share of its stake",
           "assumption [C]; essay E4"),
        _p("g0", "1/50", (0, "1/10"), _U, R_UNITS,
           "Russia's domestic gain from consenting (framing the presence as its own move)",
           "assumption [C]; essay E2"),
        _p("g_D", "1/10", (0, "1/4"), _U, R_UNITS, "Russia's gain from a US-Russia deal, earned by consenting",
           "assumption [C]; essay E2"),
        _p("s", "1/400", (0, "1/100"), _U, "R-units per thousand troops", "Russia's cost of hosting a Western force",
           "assumption [C]; the Kremlin called a foreign deployment unacceptable "
           "(https://londonnewsnetwork.com/2025/12/06/europe-has-promised-ukraine-a-reassurance-force-when-the-war-"
           "ends-but-will-it-enrage-putin)"),
        _p("W_R", 2, ("1/2", 10), _LU, R_UNITS, "Russia's cost of a conventional NATO-Russia war",
           "assumption [C]; a low W_R is the model's form of 'Russia believes it has escalation dominance' (essay E4)"),
        _p("q", "1/20", ("1/100", "1/5"), _LU, "probability", "probability that a NATO-Russia war goes nuclear",
           domain=(0, 1)),
        _p("N_R", 20, (5, 100), _LU, R_UNITS, "Russia's cost of nuclear use"),
    ]


def _coalition() -> list[Parameter]:
    return [
        _p("N_C", 20, (5, 100), _LU, C_UNITS, "the coalition's cost of nuclear use"),
        Parameter("W_U", 1, domain=("1/1000", None), plausible=(1, 1), unit=C_UNITS,
                  description="the coalition's loss from Ukraine's defeat", source=NORMALISATION),
        _p("W_H", 1, ("1/2", 3), _U, C_UNITS, "a resolved coalition's cost of a conventional NATO-Russia war"),
        _p("W_L", 6, (3, 20), _LU, C_UNITS, "an unresolved coalition's cost of a conventional NATO-Russia war"),
        _p("h_C", "1/4", (0, 1), _U, C_UNITS, "extra humiliation of withdrawing under a nuclear threat"),
        _p("c_f", "1/500", (0, "1/100"), _U, "C-units per thousand troops", "the coalition's cost of fighting"),
        _p("d", "1/1000", (0, "1/200"), _U, "C-units per thousand troops",
           "deployment burden (readiness, overstretch)", "assumption [C]; essay E1 (feasibility)"),
        _p("g_v", "1/20", (0, "1/5"), _U, C_UNITS,
           "political value of a deployed guarantee (the US, Putin and Ukraine as audiences)",
           "assumption [C]; essay E7"),
    ]


def _types() -> list[Parameter]:
    return [
        Parameter("N_members", 5, domain=(1, 10), integer=True, plausible=(5, 5), unit="countries",
                  description="lead members of the coalition (fixed; not drawn)",
                  source="Britain and France lead among the 35 signatories of the Paris declaration "
                         "(https://www.president.gov.ua/en/news/parizka-deklaraciya-nadijni-garantiyi-bezpeki-dlya-"
                         "micnogo-j-102313); five is an assumption [C]"),
        Parameter("k_quorum", 5, domain=(1, 10), integer=True, plausible=(3, 5), prior=stats.randint(3, 6),
                  unit="countries",
                  description="how many lead members must be resolved for the coalition to be", source=ASSUMPTION),
        Parameter("rho_member", "4/5", domain=(0, 1), closed=(False, False), plausible=("1/2", "99/100"),
                  prior=_U(0.5, 0.99),
                  unit="probability", description="probability that one lead member is resolved (independently)",
                  source=ASSUMPTION + "; upper end 99/100 keeps both coalition types possible"),
        _p("pi_R", "1/2", ("1/10", "9/10"), _U, "probability", "prior probability that Russia is revisionist",
           domain=(0, 1), closed=(False, False)),
        Parameter("beta", "1/2", domain=(0, 1), closed=(False, False), plausible=("1/100", "99/100"),
                  prior=_U(0.01, 0.99),
                  unit="probability", description="prior probability of a US backstop (rather than a US-Russia deal)",
                  source="assumption [C]; the Paris declaration places ceasefire monitoring under US leadership"),
    ]


#: Every parameter of the guarantee game (GUARANTEE.md §3.2), in the order of that table.
PARAMETERS = ParameterSpace(
    [*_budget(), *_battle(), *_tripwire(), *_russia(), *_coalition(), *_types()],
    constraints=[*(Constraint(f"{low} {'<' if strict else '<='} {high}", MODEL, why)
                   for low, high, strict, why in ORDERINGS),
                 Constraint("k_quorum <= N_members", MODEL, "a quorum cannot exceed the lead members")])
