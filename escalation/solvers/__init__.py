"""Solvers: pure functions from a game to an :class:`Equilibria` record, each answer verified exactly.

- :func:`subgame_perfect`: backward induction on trees (every pure SPE; ties reported).
- :func:`nash_equilibria`: every extreme Nash equilibrium of a two-player normal form.
- :func:`lemke_howson`: one Nash equilibrium of a large two-player normal form (float path, certified exactly).
- :func:`pure_equilibria`: pure-strategy equilibria of N-player normal forms.
- :func:`perfect_bayesian`: perfect Bayesian equilibria of the two-type deterrence models.
- :func:`correlated_equilibria`: correlated equilibria by an exact linear programme.
- Verifiers: :func:`verify_nash`, :func:`verify_subgame_perfect`, :func:`verify_nash_behaviour`,
  :func:`verify_pbe` (and their ``is_*`` forms).

Each name is imported from its module on first use (``from escalation.solvers import
nash_equilibria`` works as usual), so that importing one solver module -- as a model
solved by backward induction does -- does not load the others.
"""

from __future__ import annotations

import importlib
from typing import Any

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

#: The module of each public name, imported on first use.
_WHERE = {
    "subgame_perfect": "backward_induction", "correlated_equilibria": "correlated",
    "is_correlated_equilibrium": "correlated", "is_degenerate": "degeneracy", "lemke_howson": "lemke_howson",
    "nash_equilibria": "nash", "perfect_bayesian": "pbe", "pure_equilibria": "pure", "Computation": "solution",
    "Equilibria": "solution", "Solution": "solution", "is_nash": "verify_normal_form",
    "verify_nash": "verify_normal_form", "is_pbe": "verify_pbe", "verify_pbe": "verify_pbe",
    "is_nash_behaviour": "verify_tree", "is_subgame_perfect": "verify_tree", "verify_nash_behaviour": "verify_tree",
    "verify_subgame_perfect": "verify_tree",
}


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use."""
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
