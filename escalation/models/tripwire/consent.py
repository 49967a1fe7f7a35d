r"""A partial reading of claim E2: Russia's consent to the deployment can be informative.

Russia's type is private.  Nature draws a *revisionist* Russia (stake
:math:`V`) with prior probability :math:`\pi_R`, otherwise a *limited* one
(stake :math:`V_L < V`).  With probability :math:`\delta` Russia's consent is
part of a deal with Washington and given whatever the force's size; otherwise
Russia chooses to consent or refuse.  The rest is the tripwire game
(:mod:`.game`) with the type's stake.

The coalition moves only after Russia has attacked the force.  We let it
observe Russia's type by then (the scale of an attack reveals its aims), so
every stage is a proper subgame and subgame perfection is the equilibrium
concept.  This costs no generality here: the types differ only in the stake,
and neither Russia's choice after a defeated attack (back down iff a firm
coalition makes war worse, threaten iff the coalition would withdraw) nor the
coalition's payoffs depend on it, so the coalition's best replies are the
same at both types' nodes and would be the same at an information set joining
them, whatever its belief.  The tests check this in every equilibrium.

What the coalition (or anyone) learns from consent, before the force is
sent, is the posterior by Bayes' rule from the equilibrium's reach
probabilities,

.. math:: \Pr(\text{revisionist} \mid \text{consent}) =
          \frac{\pi_R\, c_R}{\pi_R\, c_R + (1 - \pi_R)\, c_L},
          \qquad c_\theta = \delta + (1 - \delta)\,\sigma_\theta,

with :math:`\sigma_\theta` the probability that type :math:`\theta` consents
freely.  A revisionist Russia consents freely exactly when it expects to
profit from testing the force (small :math:`F`); a limited Russia, for which
a test never pays (:math:`V_L + s < c_T`) and a holding force is a net cost
(:math:`s > g`), refuses.  So for small forces consent raises the posterior
to :math:`\pi_R/(\pi_R + (1 - \pi_R)\delta)`; for large forces neither type
consents freely and consent is uninformative (posterior :math:`\pi_R`).
Consent is never evidence of a *limited* Russia: a revisionist's value of
consenting, the better of a holding force (:math:`g - s`, the same for both
types) and a test (rising in the stake), is never below a limited Russia's,
so :math:`\sigma_R \ge \sigma_L` and the posterior is at least the prior.
That consent is never good news is built in (the types differ only in the
stake, the deal probability :math:`\delta` is fixed, and the coalition sees
Russia's type before it responds, so it is never lured by a consent it
misreads); the essay's trap -- consent selecting the states in which the force
fares worst -- needs the guarantee game (:mod:`escalation.models.guarantee`),
where consent can also come from the limited type alone.
With a limited Russia that would also test a very small force
(:math:`V_L + s > c_T`), consent is uninformative for the smallest forces and
informative only between the two types' consent thresholds.

>>> from escalation.models.tripwire.parameters import CONSENT_PARAMETERS
>>> [signal.posterior for signal in consent_signals(CONSENT_PARAMETERS.validate({"F": 70}))]
[4/5]
>>> [signal.posterior for signal in consent_signals(CONSENT_PARAMETERS.validate({"F": 200}))]
[1/2]
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import sympy

from ...games import ExtensiveFormGame, chance, decision, outcome, reach_probabilities
from ...solvers.backward_induction import subgame_perfect
from ...solvers.solution import Equilibria, Solution
from .game import NO_DEPLOYMENT, PLAYERS, consent_stage, stage_payoffs
from .parameters import CONSENT_PARAMETERS, contest_probability
from .regions import tripwire_thresholds

__all__ = [
    "LIMITED",
    "REVISIONIST",
    "ConsentSignal",
    "build_consent",
    "consent_signal",
    "consent_signals",
    "consent_thresholds",
    "posterior_by_force",
    "solve_consent",
]

REVISIONIST, LIMITED = "Revisionist", "Limited"
DEAL, NO_DEAL = "Deal", "No deal"
CONSENT = "Consent"


def _type_branch(values: Mapping[str, Any], stake: Any, p: Any):
    """Deal or no deal, then Russia's consent decision and the tripwire game with ``stake``."""
    payoffs = stage_payoffs(values, stake)
    after = consent_stage(payoffs, p)
    free = decision("Russia", {CONSENT: after, "Refuse": outcome(NO_DEPLOYMENT, payoffs[NO_DEPLOYMENT])})
    delta = sympy.sympify(values["delta"])
    return chance({DEAL: (delta, decision("Russia", {CONSENT: after})), NO_DEAL: (1 - delta, free)})


def build_consent(values: Mapping[str, Any]) -> ExtensiveFormGame:
    """The E2 game at ``values`` (all of :data:`~.parameters.CONSENT_PARAMETERS`).

    >>> game = build_consent(CONSENT_PARAMETERS.defaults())
    >>> game.node("root/Limited/No deal").actions
    ('Consent', 'Refuse')
    """
    p = contest_probability(values["F"], values["K"], values["m"])
    prior = sympy.sympify(values["pi_R"])
    root = chance({REVISIONIST: (prior, _type_branch(values, values["V"], p)),
                   LIMITED: (1 - prior, _type_branch(values, values["V_L"], p))})
    return ExtensiveFormGame(PLAYERS, root, "Tripwire with a private Russian type: is consent informative?")


@dataclass(frozen=True)
class ConsentSignal:
    r"""What consent reveals in one equilibrium.

    Attributes
    ----------
    prior : sympy.Expr
        :math:`\pi_R`.
    joint : {type: sympy.Expr}
        :math:`\Pr(\text{type and consent})` from the reach probabilities.
    """

    prior: sympy.Expr
    joint: Mapping[str, sympy.Expr]

    @property
    def consent(self) -> sympy.Expr:
        """Probability that Russia consents."""
        return self.joint[REVISIONIST] + self.joint[LIMITED]

    @property
    def posterior(self) -> sympy.Expr | None:
        """:math:`\\Pr(\\text{revisionist} \\mid \\text{consent})`; ``None`` when consent has probability 0."""
        return None if self.consent == 0 else self.joint[REVISIONIST] / self.consent

    def given(self, kind: str) -> sympy.Expr | None:
        """:math:`\\Pr(\\text{consent} \\mid \\text{type})`; ``None`` for a type of prior probability 0."""
        weight = self.prior if kind == REVISIONIST else 1 - self.prior
        return None if weight == 0 else self.joint[kind] / weight


def consent_signal(game: ExtensiveFormGame, solution: Solution) -> ConsentSignal:
    """The consent signal of ``solution``: Bayes' rule on its reach probabilities."""
    reach = reach_probabilities(game, solution.behaviour)
    joint = {REVISIONIST: sympy.Integer(0), LIMITED: sympy.Integer(0)}
    for node in game.nodes:
        if node.action == CONSENT:
            joint[node.path.split("/")[1]] += reach[node.index]
    root = game.nodes[0]
    return ConsentSignal(root.probabilities[root.actions.index(REVISIONIST)], joint)


def consent_signals(values: Mapping[str, Any]) -> tuple[ConsentSignal, ...]:
    """One :class:`ConsentSignal` per subgame-perfect equilibrium at ``values``."""
    game = build_consent(values)
    return tuple(consent_signal(game, s) for s in subgame_perfect(game))


def _free_consent(solution: Solution, kind: str) -> bool:
    return solution.behaviour[f"root/{kind}/{NO_DEAL}"][CONSENT] == 1


def _name(solution: Solution) -> str:
    revisionist, limited = _free_consent(solution, REVISIONIST), _free_consent(solution, LIMITED)
    if revisionist and not limited:
        return "consent signals a revisionist Russia"
    if limited and not revisionist:
        return "consent signals a limited Russia"
    return "both types consent: consent is uninformative" if revisionist else \
        "neither type consents unless bound by a deal: consent is uninformative"


def solve_consent(game: ExtensiveFormGame) -> Equilibria:
    """Subgame-perfect equilibria of the E2 game, named, with the posterior after consent as a belief."""
    found = subgame_perfect(game)
    named = []
    for s in found:
        posterior = consent_signal(game, s).posterior
        beliefs = None if posterior is None else {"after consent": {REVISIONIST: posterior, LIMITED: 1 - posterior}}
        named.append(dataclasses.replace(s, name=_name(s), beliefs=beliefs))
    return dataclasses.replace(found, solutions=tuple(named))


def posterior_by_force(forces: Iterable[Any], values: Mapping[str, Any] | None = None) -> dict:
    """``{F: (posterior, ...)}``: the posterior after consent in each equilibrium, force size by force size.

    >>> posterior_by_force([10, 70, 140, 200])
    {10: (4/5,), 70: (4/5,), 140: (1/2,), 200: (1/2,)}
    """
    base = dict(values or {})
    return {F: tuple(s.posterior for s in consent_signals(CONSENT_PARAMETERS.validate({**base, "F": F})))
            for F in forces}


def consent_thresholds() -> dict[str, sympy.Expr]:
    """The tripwire thresholds plus the posteriors and the limited type's consent bound.

    ``posterior_separating``: only a revisionist Russia consents freely;
    ``posterior_pooling``: both or neither do.  (Only a limited Russia never
    does: its value of consenting, the better of a holding force and a test,
    never exceeds a revisionist's.)  ``F_consent_limited`` is ``F_consent``
    with the limited stake.
    """
    S = CONSENT_PARAMETERS.symbols
    prior, delta = S["pi_R"], S["delta"]
    found = tripwire_thresholds()
    found.update({
        "posterior_separating": prior / (prior + (1 - prior) * delta),
        "posterior_pooling": prior,
        "F_consent_limited": found["F_consent"].xreplace({S["V"]: S["V_L"]}),
    })
    return found
