r"""The porcupine: Fearon's bargaining model of war with arms and sanctions (essay claims E6, E9).

**Bargaining range** (Fearon 1995).  Russia (A) and Ukraine with its backers
(B) divide an issue :math:`[0, 1]`; :math:`x` is Russia's share.  War gives
Russia :math:`p - c_A` and B :math:`1 - p - c_B`, with :math:`p` Russia's
expected battlefield share and :math:`c_A, c_B > 0` the costs of fighting on.
Both prefer every deal in

.. math:: [\,p - c_A,\; p + c_B\,],

of width :math:`c_A + c_B > 0` (shown clipped to :math:`[0, 1]`).  With the
concave utility :math:`u(x) = x^r` (:math:`0 < r \le 1`) for both sides the
range is :math:`[(p - c_A)^{1/r},\, 1 - (1 - p - c_B)^{1/r}]`: risk aversion widens it.

**Porcupine mapping.**  Arming Ukraine lowers Russia's battlefield share,
:math:`p = p_R - \Delta p`; sanctions raise its cost, :math:`c_A = c_R + \Delta c`.
Russia's reservation value, the least share it accepts rather than fight on,
is :math:`p - c_A`.  The arms delivered enter directly as :math:`\Delta p`.

**Risk-return trade-off** (Fearon 1995, private information).  Russia's cost
is :math:`c_A = \ell + \varepsilon`, with known part :math:`\ell = c_R + \Delta c`
and a private part :math:`\varepsilon \sim U[0, \bar c]`.  B makes a
take-it-or-leave-it offer :math:`x = p - \ell - t`; Russia accepts iff
:math:`\varepsilon \ge t`.  B maximises the concave quadratic

.. math:: U_B(t) = (1 - p + \ell + t)\Bigl(1 - \frac{t}{\bar c}\Bigr) + (1 - p - c_B)\frac{t}{\bar c},

so :math:`t^* = (\bar c - \ell - c_B)/2` when positive (else 0), capped so that
:math:`x \ge 0`, and :math:`P(\text{war}) = t^*/\bar c`.  With :math:`\ell = 0`
this is the textbook :math:`z^* = (\bar c - c_B)/2`,
:math:`P(\text{war}) = (\bar c - c_B)/(2\bar c)`; a known cost acts like a
higher :math:`c_B`: sanctions lower the risk of war.  Arms do not: :math:`p`
cancels, so arming Ukraine buys a better settlement (Russia's share falls one
for one) but leaves the probability of war unchanged -- the neutrality of
crisis bargaining (Benson, Meirowitz & Ramsay 2016).  The model therefore
cannot show that a porcupine deters war, only that it improves the terms; the
guarantee game (:mod:`escalation.models.guarantee`), with a fixed ceasefire
line, is where arms can lower the chance of an attack.  :math:`\bar c = 0` is
complete information (:math:`x = p - \ell`, no war).  The tests re-derive
:math:`t^*` with sympy and check it against an exact grid of offers.

**Europe's budget** (*the package's own synthesis, not from the
literature*).  Europe splits a budget :math:`B` into a deployed force (share
:math:`f`) and arms for Ukraine (:math:`1 - f`).  Arms lower :math:`p` by
:math:`\eta` per unit; the force buys only credibility, a tripwire effect
raising Russia's expected cost of fighting by :math:`\tau` per unit (small,
per Musgrave & Ward 2023 and Reiter & Poast 2021).  Russia's reservation
value falls by :math:`B[\eta(1 - f) + \tau f]`, so the budget-optimal split is
all arms iff :math:`\eta > \tau`.  If Europe also values the guarantee's
visibility at :math:`g` per unit of force share, it deploys the force iff
:math:`g > B(\eta - \tau)`.  The symbolic guarantee *crowds out the
porcupine* when :math:`\tau < \eta` and :math:`g > B(\eta - \tau)`: Russia's
reservation value is then :math:`B(\eta - \tau)` higher than it could be.

>>> from escalation.models.porcupine import MODEL, bargaining_range, risk_return_offer
>>> [str(v) for v in bargaining_range("1/2", "1/10", "1/10", risk_exponent="1/2")]
['4/25', '21/25']
>>> offer = risk_return_offer(p="1/2", c_B="1/10", c_bar="1/2")
>>> str(offer.offer), str(offer.war_probability)
('3/10', '2/5')
>>> (eq,) = MODEL.solve()
>>> eq.name, {k: str(v) for k, v in eq.outcomes.items()}
('Risk-return offer', {'settlement': '4/5', 'war': '1/5'})
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sympy

from ..constraints import Constraint
from ..errors import ParameterError, VerificationError
from ..numbers import exact, exact_str
from ..parameters import Parameter, ParameterSpace
from ..solvers.solution import Computation, Equilibria, Solution
from . import register
from .base import Model

__all__ = ["MODEL", "BudgetChoice", "RiskReturn", "bargaining_range", "budget_split", "build",
           "reservation_value", "risk_return_offer", "thresholds"]

TITLE = "Porcupine: bargaining, arms and sanctions"
FEARON95 = "Fearon (1995), Rationalist Explanations for War, IO 49(3): 379-414 [M for figure/page]"
MORROW93 = "Morrow (1993), Arms versus Allies, IO 47(2): 207-233 [M]"
POWELL06 = "Powell (2006), War as a Commitment Problem, IO 60(1): 169-203 [M]"
TRIPWIRE = "Musgrave & Ward (2023) FPA 19(4); Reiter & Poast (2021) TNSR 4(3) (qualitative: small tripwire effect)"
SYNTHESIS = "package's own synthesis (not from the literature)"
WEST, RUSSIA = "West (B)", "Russia (A)"


def _share(name: str, default: str, meaning: str, source: str = FEARON95, high: Any = 1) -> Parameter:
    return Parameter(name, default, domain=(0, high), unit="share of the issue", description=meaning, source=source)


PARAMETERS = ParameterSpace([
    _share("p_R", "3/5", "Russia's expected battlefield share before further arming of Ukraine"),
    _share("delta_p", "1/5", "reduction of Russia's battlefield share by the arms delivered to Ukraine"),
    _share("c_R", "1/10", "Russia's known cost of fighting on", high=None),
    _share("delta_c", "1/10", "extra cost of fighting on imposed on Russia by sanctions", high=None),
    _share("c_U", "1/10", "cost of war to Ukraine and its backers (c_B)", high=None),
    _share("c_bar", "1/2", "width of the private part of Russia's cost, uniform on [0, c_bar] (0: complete "
           "information)", high=None),
    Parameter("risk_exponent", 1, domain=("1/10", 1), unit="exponent", source=FEARON95,
              description="both sides' utility of a share x is x**risk_exponent (1: risk neutral; at least 1/10, "
              "since the deals are powers x**(1/risk_exponent), exact rationals whose digits grow with 1/r)"),
    Parameter("budget", 1, domain=(0, None), unit="budget units", source=SYNTHESIS,
              description="Europe's budget for Ukraine's security"),
    _share("arms_effect", "1/10", "reduction of Russia's battlefield share per budget unit spent on arms",
           source=SYNTHESIS, high=None),
    _share("tripwire_effect", "1/50", "rise in Russia's expected cost of fighting per budget unit spent on a "
           "deployed force", source=f"{SYNTHESIS}; size per {TRIPWIRE}", high=None),
    _share("visibility", "1/10", "Europe's political bonus for deploying the whole budget as a visible "
           "guarantee", source=SYNTHESIS, high=None),
], constraints=[Constraint("delta_p <= p_R", "the bargaining model", "arming cannot lower Russia's share below 0")])


def thresholds() -> dict[str, sympy.Expr]:
    r"""Reservation value, interior risk-return concession and war probability, crowding-out threshold."""
    s = PARAMETERS.symbols
    known = s["c_R"] + s["delta_c"]
    concession = (s["c_bar"] - known - s["c_U"]) / 2
    return {"reservation_value": s["p_R"] - s["delta_p"] - known,
            "concession": concession,
            "war_probability": concession / s["c_bar"],
            "crowding_out_visibility": s["budget"] * (s["arms_effect"] - s["tripwire_effect"])}


def _number(name: str, value: Any, low: Any = None, high: Any = None) -> sympy.Expr:
    number = exact(value)
    if (low is not None and number < low) or (high is not None and number > high):
        raise ParameterError(name, f"{number} is outside [{low if low is not None else '-oo'}, "
                                   f"{high if high is not None else 'oo'}]")
    return number


def reservation_value(p: Any, cost: Any) -> sympy.Expr:
    """Russia's least acceptable share, :math:`p - c` (negative: it prefers any deal to fighting on).

    >>> str(reservation_value("3/5", "1/10")), str(reservation_value("2/5", "1/5"))
    ('1/2', '1/5')
    """
    return _number("p", p, 0, 1) - _number("cost", cost, 0)


def bargaining_range(p: Any, c_A: Any, c_B: Any, risk_exponent: Any = 1) -> tuple[sympy.Expr, sympy.Expr]:
    r"""The deals both sides prefer to war, :math:`[(p - c_A)^{1/r}, 1 - (1 - p - c_B)^{1/r}]` within [0, 1].

    >>> [str(v) for v in bargaining_range("3/5", "1/20", "3/20")]
    ['11/20', '3/4']
    """
    p, c_a, c_b = _number("p", p, 0, 1), _number("c_A", c_A, 0), _number("c_B", c_B, 0)
    r = PARAMETERS["risk_exponent"].check(risk_exponent)
    inverse = lambda u: sympy.Max(u, 0) ** (1 / r)  # noqa: E731  (the share whose utility is u)
    return inverse(p - c_a), 1 - inverse(1 - p - c_b)


@dataclass(frozen=True)
class RiskReturn:
    """B's optimal take-it-or-leave-it offer against a Russia with a private cost."""

    offer: sympy.Expr
    concession: sympy.Expr
    war_probability: sympy.Expr
    west_utility: sympy.Expr
    russia_utility: sympy.Expr


def _west_utility(t, p, known, c_B, c_bar):
    return (1 - p + known + t) * (1 - t / c_bar) + (1 - p - c_B) * t / c_bar


def risk_return_offer(p: Any, c_B: Any, c_bar: Any, known_cost: Any = 0) -> RiskReturn:
    r"""The concession :math:`t^*` below Russia's known reservation value that maximises B's expected utility.

    Russia's cost is ``known_cost`` plus a private part uniform on :math:`[0, \bar c]`.
    The optimum is certified exactly: :math:`U_B` is a concave quadratic, and
    its slope is 0 at an interior :math:`t^*` and points outward at a corner.

    >>> r = risk_return_offer(p="3/5", c_B="1/10", c_bar="2/5")
    >>> str(r.offer), str(r.war_probability)
    ('9/20', '3/8')
    """
    p, c_b = _number("p", p, 0, 1), _number("c_B", c_B, 0)
    c_bar, known = _number("c_bar", c_bar, 0), _number("known_cost", known_cost, 0)
    if c_bar == 0 or p <= known:  # complete information, or Russia accepts even nothing
        x = sympy.Max(p - known, 0)
        return RiskReturn(x, sympy.Integer(0), sympy.Integer(0), 1 - x, x)
    t = sympy.Min(sympy.Max((c_bar - known - c_b) / 2, 0), p - known)
    _certify(t, p, known, c_b, c_bar)
    war = t / c_bar
    x = p - known - t
    russia = (1 - war) * x + war * (p - known - t / 2)
    return RiskReturn(x, t, war, _west_utility(t, p, known, c_b, c_bar), russia)


def _certify(t, p, known, c_b, c_bar) -> None:
    s = sympy.Symbol("t", real=True)
    slope = sympy.diff(_west_utility(s, p, known, c_b, c_bar), s).subs(s, t)
    ok = slope == 0 or (t == 0 and slope < 0) or (t == p - known and slope > 0)
    if not ok:
        raise VerificationError(f"risk-return offer: the West's utility has slope {slope} at t = {t}")


@dataclass(frozen=True)
class BudgetChoice:
    """Europe's split of its budget (share ``f`` to the deployed force; the rest arms Ukraine)."""

    optimal_force_share: sympy.Expr | None
    chosen_force_share: sympy.Expr | None
    crowded_out: bool
    reservation_gap: sympy.Expr
    knife_edge: tuple[str, ...]


def budget_split(budget: Any, arms_effect: Any, tripwire_effect: Any, visibility: Any) -> BudgetChoice:
    r"""The budget-optimal and the politically chosen force share, and whether the guarantee crowds out arms.

    ``None`` means indifference (a knife edge, reported in ``knife_edge``).
    ``reservation_gap`` is how much higher Russia's reservation value is under
    the chosen split than under the optimal one.

    >>> c = budget_split(1, "1/10", "1/50", "1/10")
    >>> c.optimal_force_share, c.chosen_force_share, c.crowded_out, str(c.reservation_gap)
    (0, 1, True, '2/25')
    """
    b, eta = _number("budget", budget, 0), _number("arms_effect", arms_effect, 0)
    tau, g = _number("tripwire_effect", tripwire_effect, 0), _number("visibility", visibility, 0)
    margin = b * (eta - tau)  # security lost by moving the whole budget from arms to the force
    edges = []
    if margin == 0:
        edges.append("arms_effect = tripwire_effect: the split does not affect Russia's reservation value")
    if g == margin:
        edges.append("visibility = budget*(arms_effect - tripwire_effect): Europe is indifferent between splits")
    optimal = None if margin == 0 else sympy.Integer(int(bool(margin < 0)))
    chosen = None if g == margin else sympy.Integer(int(bool(g > margin)))
    crowded = optimal == 0 and chosen == 1
    gap = margin if crowded else sympy.Integer(0)
    return BudgetChoice(optimal, chosen, crowded, gap, tuple(edges))


@dataclass(frozen=True)
class Bargaining:
    """The model's primitives at a point: Russia's share and costs, B's cost, the uncertainty, Europe's budget."""

    p: Any
    known_cost: Any
    c_B: Any
    c_bar: Any
    risk_exponent: Any
    values: Mapping[str, Any]


def build(values: Mapping[str, Any]) -> Bargaining:
    """The bargaining problem at ``values`` (after arming and sanctions); symbols give the symbolic one."""
    v = values
    if all(not exact(x).free_symbols for x in v.values()) and v["delta_p"] > v["p_R"]:
        raise ParameterError("delta_p", f"arming cannot lower Russia's share {v['p_R']} by {v['delta_p']}")
    return Bargaining(v["p_R"] - v["delta_p"], v["c_R"] + v["delta_c"], v["c_U"], v["c_bar"],
                      v["risk_exponent"], dict(v))


def _notes(game: Bargaining) -> tuple[str, ...]:
    v = game.values
    low, high = bargaining_range(game.p, game.known_cost, game.c_B, game.risk_exponent)
    before = reservation_value(v["p_R"], v["c_R"])
    after = reservation_value(game.p, game.known_cost)
    choice = budget_split(v["budget"], v["arms_effect"], v["tripwire_effect"], v["visibility"])
    split = lambda f: "indifferent" if f is None else exact_str(f)  # noqa: E731
    return (f"bargaining range (complete information, known costs): [{exact_str(low)}, {exact_str(high)}]",
            f"Russia's reservation value: {exact_str(before)} before arming and sanctions, {exact_str(after)} after",
            f"Europe's budget (package's own synthesis): budget-optimal force share {split(choice.optimal_force_share)}"
            f", chosen {split(choice.chosen_force_share)}; symbolic guarantee crowds out the porcupine: "
            f"{'yes' if choice.crowded_out else 'no'}", *choice.knife_edge)


def solve(values: Mapping[str, Any]) -> Equilibria:
    """B's optimal offer and Russia's cut-off reply, with the bargaining range and budget choice as notes."""
    game = build(values)
    r = risk_return_offer(game.p, game.c_B, game.c_bar, game.known_cost)
    notes = _notes(game)
    method = "closed form (first-order condition, certified exactly)"
    reply = f"accept iff private cost >= {exact_str(r.concession)}"
    solution = Solution(
        players=(WEST, RUSSIA),
        strategies={WEST: {"offer": {f"x = {exact_str(r.offer)}": 1}},
                    RUSSIA: {reply: {"accept": 1 - r.war_probability, "fight on": r.war_probability}}},
        payoffs={WEST: r.west_utility, RUSSIA: r.russia_utility},
        outcomes={"settlement": 1 - r.war_probability, "war": r.war_probability},
        name="Risk-return offer",
        computation=Computation(method, "perfect Bayesian", exact=True, verified=True, notes=notes))
    return Equilibria((solution,), method, "perfect Bayesian", notes=notes)


MODEL = register(Model(
    name="porcupine",
    title=TITLE,
    claims=("E6", "E9"),
    sources=(FEARON95, MORROW93, POWELL06, TRIPWIRE),
    parameters=PARAMETERS,
    build=build,
    solver=solve,
    thresholds=thresholds,
    description=("Arming Ukraine lowers Russia's battlefield share and sanctions raise its costs; with private "
                 "information B's optimal offer risks war, a risk arms do not change (BMR neutrality); a visible "
                 "guarantee can crowd out arms (in reservation values, not in the risk of war)."),
    analytic=True,
))
