r"""The guarantee game: the essay's argument as one game in which each claim can hold or fail.

**The story.**  After a ceasefire a coalition of European states may station
a force in Ukraine; its budget for Ukraine's security is split between that
force and arms for Ukraine's own army (no force: the whole budget to arms,
the "porcupine").  Russia may consent to the force or refuse it, and with or
without a force it may hold the ceasefire line, probe it (a limited fait
accompli) or launch an offensive.  An attack on the force may escalate at
once (Schelling's trip wire); otherwise the coalition responds or abandons
Ukraine, Russia may answer a failed attack with a nuclear threat, and the
coalition stands firm (a NATO-Russia war) or withdraws.  Both sides have
private information: the coalition's resolve (how much it fears a war with
Russia, derived from how many of its members must agree) and Russia's aims
(revisionist or limited); Russia also knows whether the United States backs
the force or has struck a deal with Moscow.  So an offer, a consent and the
scale of an attack are signals.

**The maths.**  :mod:`.payoffs` has the functional forms (denial through a
contest over Ukraine's defence plus the force; the tripwire through automatic
escalation :math:`r_a(F)` and the cost of abandonment :math:`Ab(F)`; costs of
deploying), :mod:`.game` the tree, :mod:`.parameters` every parameter with
a default, a plausible range, a prior, a unit and a source, :mod:`.variants`
the structural switches, :mod:`.closed_forms` the closed forms CF1-CF10 of the
research brief re-derived from the payoff functions.  The game is solved by
the package's generic perfect Bayesian solver; no equilibrium is written here.
The claims E1-E9 are read from its equilibria by :mod:`escalation.claims`.

Specification: research brief ``GUARANTEE.md`` (§2 game, §3 calibration,
§4 closed forms, §5 worked examples, §6 claims).

>>> from escalation.models import get_model
>>> model = get_model("guarantee")
>>> game = model.game()
>>> len(game.terminals), model.parameters["W_R"].prior_text
(616, 'log-uniform on [0.5, 10]')
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ...games import ExtensiveFormGame
from ...solvers import perfect_bayesian
from ...solvers.solution import Equilibria
from .. import register
from ..base import Model
from .closed_forms import thresholds
from .game import PLAYERS, build, infoset
from .parameters import PARAMETERS, coalition_prior
from .variants import DEFAULT, VARIANTS, Variant

__all__ = [
    "MODEL",
    "PARAMETERS",
    "PLAYERS",
    "VARIANTS",
    "VARIANT_MODELS",
    "Variant",
    "build",
    "coalition_prior",
    "infoset",
    "solve_guarantee",
    "thresholds",
]

SOURCES = (
    "research brief GUARANTEE.md (specification, calibration, closed forms, worked examples)",
    "Schelling 1960, 1966 (the trip wire; the threat that leaves something to chance)",
    "Powell 2015, International Organization 69(3) (brinkmanship, limited war and military power)",
    "Fearon 1997, Journal of Conflict Resolution 41(1) (tying hands versus sinking costs)",
    "Slantchev 2005, American Political Science Review 99(4) (military threats as costly signals)",
    "Reiter & Poast 2021, Texas National Security Review 4(3) (tripwires)",
    "Benson, Meirowitz & Ramsay 2016, Research & Politics (neutrality of crisis bargaining)",
    "Wolford 2015, The Politics of Military Coalitions",
)


def solve_guarantee(game: ExtensiveFormGame, offpath="D1", max_mixed_infosets: int | None = 0) -> Equilibria:
    """The perfect Bayesian equilibria of a guarantee game, by the package's generic solver.

    ``offpath`` is passed on (``"D1"``, ``"intuitive"``, ``"prior"``, ``"free"``,
    or a mapping from information-set label patterns to rules).  By default the
    search is bounded to pure assessments (``max_mixed_infosets=0``): the full
    search of this game does not finish in minutes yet, and the result says it
    is not exhaustive (``complete`` is false; the notes say what was left out).
    ``max_mixed_infosets=None`` asks for every equilibrium.
    """
    return perfect_bayesian(game, offpath=offpath, max_mixed_infosets=max_mixed_infosets)


def _builder(variant: Variant) -> Callable[[Mapping[str, Any]], ExtensiveFormGame]:
    """``build`` itself for the default game (``MODEL.build is build``), else ``build`` with ``variant`` fixed."""
    if variant is DEFAULT:
        return build
    return lambda values: build(values, variant)


def _model(name: str, variant: Variant, title: str) -> Model:
    return Model(name, title, claims=("E1", "E2", "E3", "E4", "E5", "E6", "E7", "E9"), sources=SOURCES,
                 parameters=PARAMETERS, build=_builder(variant),
                 solver=solve_guarantee, thresholds=thresholds,
                 description=f"Two-sided private information; force size from a menu {variant.menu}; "
                             f"resolve known {variant.resolve}; refusal: {variant.refusal}"
                             + ("; monitoring postures in the menu" if variant.monitoring else "")
                             + (f"; concessions {[str(z) for z in variant.concessions]} where no force is deployed"
                                if variant.concessions else ""))


MODEL = register(_model("guarantee", DEFAULT, "The guarantee game: force, consent, test, respond, nuclear rung"))

#: The named variants (GUARANTEE.md §7.4), each registered as ``guarantee-<name>``.
VARIANT_MODELS = {name: register(_model(f"guarantee-{name}", variant, f"The guarantee game, variant {name}"))
                  for name, variant in VARIANTS.items()}
