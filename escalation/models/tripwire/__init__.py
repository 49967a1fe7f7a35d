r"""The essay's tripwire dilemma as a game: consent, test, respond or abandon, the nuclear rung.

**The story.**  A coalition of European states offers to station a force in
Ukraine to secure a ceasefire.  Russia moves first and decides whether to
accept it (essay claim E2: the danger is less that Moscow refuses than that
it agrees, sells the arrangement at home as its own success, and lets a force
in that it can later test).  If the force deploys, Russia either leaves it
alone or tests it with an attack (E3: a revisionist Kremlin that does not
accept a sovereign Ukraine is likely to probe).  Attacked, the coalition
faces the dilemma at the heart of the essay (E4): fight, which risks a war
with Russia, or abandon Ukraine and pay in credibility and cohesion.  If it
fights, the force meets the attacking formation; a small force can shoot back
but is unlikely to defeat it (E1), a large one may.  A defeated attack leaves
Russia a last choice: back down, or threaten nuclear escalation, after which
the coalition stands firm (a NATO-Russia war under nuclear risk) or withdraws.

**The maths.**  :func:`build` builds the complete-information tree;
its payoffs are sympy expressions of named parameters
(:data:`TRIPWIRE_PARAMETERS`: force size :math:`F`, the attacking
formation's strength :math:`K`, war costs, nuclear risk, the cost of
abandonment, Russia's stake and its domestic gain from consent, ...).  The
force defeats an attack with probability :math:`p = F^m/(F^m + K^m)`, so
"can shoot back but cannot seek a decision" is the region :math:`F < K`.
:func:`tripwire_regions` derives, with the package's symbolic solver, where
each outcome is subgame perfect; the main results, in closed form
(:func:`tripwire_thresholds`):

* if the coalition would withdraw under a nuclear threat
  (:math:`A + c_C < W_C + qN`), it abandons Ukraine at once at every force
  size: escalation dominance defeats even a large force (E4);
* otherwise it responds iff :math:`p > c_C/A`, and Russia is deterred iff
  :math:`p > (V + s - c_T)/(V + s + h)`, i.e. iff the force exceeds
  :math:`F^* = K\,((V + s - c_T)/(c_T + h))^{1/m}` (E1);
* Russia consents to a force it is not deterred by iff testing it beats no
  deployment (with a responding coalition, :math:`p < (V + g - c_T)/(V + s + h)`),
  and refuses a force that would deter it whenever hosting one costs more
  than the domestic gain (:math:`s > g`) (E2).

No closed form is taken from the literature: every threshold is derived here
and checked by the tests against the symbolic and the numeric solver.

**What the defaults put in.**  :math:`K` is calibrated, not measured: with
the defaults (:math:`V = 10`, :math:`s = 1`, :math:`c_T = h = 2`, :math:`m = 2`)
:math:`F^* = K\sqrt{9/4} = 1.5K`, and :math:`K = 100` was chosen so that
:math:`F^*` is the essay's 150k.  That the threshold sits at 150k is therefore
an input, not a result.  :math:`F^*` is proportional to :math:`K`: moving
:math:`K` by 50% either way puts it anywhere between 75k and 225k (:math:`V`
by 50%: 100k to 187k; :math:`c_T`: 127k to 183k; :math:`h`: 134k to 173k;
:math:`m = 1`: 225k).

**What this teaching version cannot show.**  Information is complete; refusal
ends the game at (0, 0), so Russia cannot attack an unguarded Ukraine, no
deployment is a free peace and a guarantee is never worth more to the
coalition than none; force size enters only through the battle (the cost of
abandoning, the risk of escalation and the cost of deploying do not depend on
it); and a NATO-Russia war is never on the path at the defaults.  The
guarantee game (:mod:`escalation.models.guarantee`) drops these assumptions
and lets each of the essay's claims hold or fail.

:mod:`.consent` makes Russia's type private and shows that consent can be
informative: for small forces the posterior that Russia is revisionist after
consent exceeds the prior; for large ones it equals the prior.  That consent
is never good news there follows from its assumptions (the types differ only
in the stake, the coalition sees the type before it responds); in the
guarantee game consent can come from the limited type alone.

>>> from escalation.models import get_model
>>> model = get_model("tripwire")
>>> [s.name for s in model.solve(F=70)]
['the coalition responds and Russia backs down']
>>> [s.name for s in model.solve(F=200, g=2)]
['deterrence holds']
>>> [s.name for s in model.solve(F=200, q="1/10")]
['Russia tests and the coalition abandons (escalation dominance)']
>>> [dict(s.beliefs["after consent"]) for s in get_model("tripwire-consent").solve(F=70)]
[{'Revisionist': 4/5, 'Limited': 1/5}]
"""

from __future__ import annotations

import dataclasses

from ...games import ExtensiveFormGame
from ...solvers.backward_induction import subgame_perfect
from ...solvers.solution import Equilibria
from .. import register
from ..base import Model
from .consent import build_consent, consent_signals, consent_thresholds, posterior_by_force, solve_consent
from .game import OUTCOMES, build, stage_payoffs
from .parameters import CONSENT_PARAMETERS, REFERENCE_FORCES, TRIPWIRE_PARAMETERS, contest_probability
from .regions import region_at, region_name, regions_latex, tripwire_regions, tripwire_thresholds

__all__ = [
    "CONSENT_MODEL",
    "CONSENT_PARAMETERS",
    "MODEL",
    "OUTCOMES",
    "REFERENCE_FORCES",
    "TRIPWIRE_PARAMETERS",
    "build",
    "build_consent",
    "consent_signals",
    "consent_thresholds",
    "contest_probability",
    "posterior_by_force",
    "region_at",
    "regions_latex",
    "solve_consent",
    "solve_tripwire",
    "stage_payoffs",
    "tripwire_regions",
    "tripwire_thresholds",
]

SOURCES = (
    "Schelling 1966, Arms and Influence, ch. 2 (the trip wire)",
    "Reiter & Poast 2021, The Truth About Tripwires, Texas National Security Review 4(3)",
    "Zagare & Kilgour 2000, Perfect Deterrence (asymmetric escalation game)",
    "Tullock 1980; Hirshleifer 1989 (ratio-form contest success functions)",
    "Powell 2015, Nuclear Brinkmanship, Limited War, and Military Power, International Organization 69(3)",
)


def solve_tripwire(game: ExtensiveFormGame) -> Equilibria:
    """Subgame-perfect equilibria of the tripwire game, each named after its region."""
    found = subgame_perfect(game)
    named = tuple(dataclasses.replace(s, name=region_name({h: _played(a) for h, a in s.behaviour.items()}))
                  for s in found)
    return dataclasses.replace(found, solutions=named)


def _played(actions) -> str:
    return next(a for a, p in actions.items() if p == 1)


MODEL = register(Model(
    "tripwire", "The tripwire dilemma: consent, test, respond or abandon, nuclear rung",
    claims=("E1", "E2", "E3", "E4"), sources=SOURCES, parameters=TRIPWIRE_PARAMETERS,
    build=build, solver=solve_tripwire, thresholds=tripwire_thresholds, latex=regions_latex,
    description="Complete information; the force's size enters through a battlefield contest."))

CONSENT_MODEL = register(Model(
    "tripwire-consent", "Is Russia's consent informative? The tripwire game with a private Russian type",
    claims=("E2", "E3"), sources=(*SOURCES, "Kreps & Wilson 1982 (reputation and imperfect information)"),
    parameters=CONSENT_PARAMETERS, build=build_consent, solver=solve_consent, thresholds=consent_thresholds,
    description="Revisionist or limited Russia; the posterior after consent as a function of force size."))
