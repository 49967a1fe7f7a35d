"""Perfect Bayesian equilibria of finite games with private information.

- :func:`perfect_bayesian`: every PBE (pure and mixed) of a numeric tree, each verified exactly;
- :func:`verify_pbe` / :func:`is_pbe`: the exact verifier;
- the off-path rules ``"D1"``, ``"intuitive"``, ``"prior"``, ``"free"`` (:mod:`.offpath`).

Modules: :mod:`.structure` (blocks), :mod:`.polynomial` (exact numbers),
:mod:`.systems` (equilibrium conditions), :mod:`.engine` (the search),
:mod:`.offpath` (belief rules), :mod:`.audit` (refinements of a given
assessment), :mod:`.assemble` and :mod:`.labels` (results), :mod:`.verify`.
"""

from .offpath import OFFPATH_RULES
from .solve import perfect_bayesian
from .structure import Structure
from .verify import best_plan, is_pbe, verify_pbe

__all__ = ["OFFPATH_RULES", "Structure", "best_plan", "is_pbe", "perfect_bayesian", "verify_pbe"]
