"""Solvers: pure functions from a game to an :class:`Equilibria` record, each answer verified exactly.

- :func:`subgame_perfect`: backward induction on trees (every pure SPE; ties reported).
- :func:`nash_equilibria`: every extreme Nash equilibrium of a two-player normal form.
- :func:`lemke_howson`: one Nash equilibrium of a large two-player normal form (float path, certified exactly).
- :func:`pure_equilibria`: pure-strategy equilibria of N-player normal forms.
- :func:`perfect_bayesian`: perfect Bayesian equilibria of the two-type deterrence models.
- :func:`correlated_equilibria`: correlated equilibria by an exact linear programme.
- Verifiers: :func:`verify_nash`, :func:`verify_subgame_perfect`, :func:`verify_nash_behaviour`,
  :func:`verify_pbe` (and their ``is_*`` forms).
"""

from .backward_induction import subgame_perfect
from .correlated import correlated_equilibria, is_correlated_equilibrium
from .degeneracy import is_degenerate
from .lemke_howson import lemke_howson
from .nash import nash_equilibria
from .pbe import perfect_bayesian
from .pure import pure_equilibria
from .solution import Computation, Equilibria, Solution
from .verify_normal_form import is_nash, verify_nash
from .verify_pbe import is_pbe, verify_pbe
from .verify_tree import is_nash_behaviour, is_subgame_perfect, verify_nash_behaviour, verify_subgame_perfect

__all__ = [
    "Computation",
    "Equilibria",
    "Solution",
    "correlated_equilibria",
    "is_correlated_equilibrium",
    "is_degenerate",
    "is_nash",
    "is_nash_behaviour",
    "is_pbe",
    "is_subgame_perfect",
    "lemke_howson",
    "nash_equilibria",
    "perfect_bayesian",
    "pure_equilibria",
    "subgame_perfect",
    "verify_nash",
    "verify_nash_behaviour",
    "verify_pbe",
    "verify_subgame_perfect",
]
