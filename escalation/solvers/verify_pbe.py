"""Exact verification of perfect Bayesian equilibria (see :mod:`escalation.solvers.pbe.verify`)."""

from .pbe.verify import best_plan, is_pbe, verify_pbe

__all__ = ["best_plan", "is_pbe", "verify_pbe"]
