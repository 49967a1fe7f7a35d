r"""The essay's claims read as predicates on the equilibria of the guarantee game (a layer above the models).

- :func:`at`: every claim at a parameter point, in all / some / none of the equilibria;
- :func:`share`: the share of prior draws in which each claim holds, with Monte Carlo errors;
- :func:`prior_outcomes`: per prior draw, what every force level brings (deterrence, war, ...) and each
  claim's verdict, from one solve per draw; :mod:`escalation.claims.archive` stores them in a JSON file
  (the one the figures read ships in ``escalation/data``), :mod:`escalation.claims.summaries` summarises them;
- :mod:`escalation.claims.sensitivity`: grouped Sobol indices of the outcomes over the priors (SALib's
  Saltelli design and estimators; the archive the sensitivity figure reads ships in ``escalation/data``);
- :mod:`escalation.claims.delta`: Borgonovo's moment-independent delta of each claim and outcome for each
  parameter, from the prior archive's draws, with bootstrap intervals and a permutation null;
- :func:`read_claims` and :class:`EquilibriumReading`: the claims in one equilibrium
  (definitions in :mod:`escalation.claims.guarantee`);
- :mod:`escalation.claims.calibration`: the parameters' sources and priors, and where the
  thresholds fall at the defaults and over the prior.

Claims import models and solvers; models never import claims.
"""

from . import archive as archive
from . import calibration as calibration
from . import summaries as summaries
from .guarantee import CLAIM_IDS, ClaimReading, read_claims
from .monte_carlo import draw_points, share, wilson
from .outcomes import prior_outcomes
from .point import PointClaims, Verdict, at
from .reading import EquilibriumReading

__all__ = ["CLAIM_IDS", "ClaimReading", "EquilibriumReading", "PointClaims", "Verdict", "at", "draw_points",
           "prior_outcomes", "read_claims", "share", "wilson"]
