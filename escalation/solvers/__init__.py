"""Solvers: pure functions from a game to an :class:`Equilibria` record, each answer verified exactly.

- :func:`subgame_perfect`: backward induction on trees (every pure SPE; ties reported).
- :func:`nash_equilibria`: every extreme Nash equilibrium of a two-player normal form.
- :func:`lemke_howson`: one Nash equilibrium of a large two-player normal form (float path, certified exactly).
- :func:`pure_equilibria`: pure-strategy equilibria of N-player normal forms.
- :func:`anonymous_equilibria`: symmetric (or class-wise) equilibria of anonymous games of any number of players.
- :func:`perfect_bayesian`: every perfect Bayesian equilibrium of a game with private information.
- :func:`correlated_equilibria`: correlated equilibria by an exact linear programme.
- Verifiers: :func:`verify_nash`, :func:`verify_subgame_perfect`, :func:`verify_nash_behaviour`,
  :func:`verify_pbe` (and their ``is_*`` forms).

Each name is imported from its module on first use, so that importing one solver (``escalation solve``
importing backward induction) does not load them all; only :func:`lemke_howson` and :func:`verify_pbe`,
whose modules bear their names, are bound when the package is imported.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# A name that is also the name of its module is bound here: importing the module later (anywhere) would
# otherwise leave the module, not the function, under that name in this package.
from .lemke_howson import lemke_howson
from .verify_pbe import is_pbe, verify_pbe

if TYPE_CHECKING:
    from .anonymous import anonymous_equilibria
    from .backward_induction import subgame_perfect
    from .correlated import correlated_equilibria, is_correlated_equilibrium
    from .degeneracy import is_degenerate
    from .nash import nash_equilibria
    from .pbe import perfect_bayesian
    from .pure import pure_equilibria
    from .solution import Computation, Equilibria, Solution
    from .verify_normal_form import is_nash, verify_nash
    from .verify_tree import is_nash_behaviour, is_subgame_perfect, verify_nash_behaviour, verify_subgame_perfect

#: The module of each public name.
_HOME = {
    "anonymous_equilibria": "anonymous",
    "subgame_perfect": "backward_induction",
    **dict.fromkeys(("correlated_equilibria", "is_correlated_equilibrium"), "correlated"),
    "is_degenerate": "degeneracy",
    "nash_equilibria": "nash",
    "perfect_bayesian": "pbe",
    "pure_equilibria": "pure",
    **dict.fromkeys(("Computation", "Equilibria", "Solution"), "solution"),
    **dict.fromkeys(("is_nash", "verify_nash"), "verify_normal_form"),
    **dict.fromkeys(("is_nash_behaviour", "is_subgame_perfect", "verify_nash_behaviour", "verify_subgame_perfect"),
                    "verify_tree"),
}


def __getattr__(name: str) -> Any:
    """A public name (or a solver module such as ``escalation.solvers.nash``), imported on first use."""
    if name in _HOME:
        value = getattr(importlib.import_module(f"{__name__}.{_HOME[name]}"), name)
    else:
        try:
            value = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "Computation",
    "Equilibria",
    "Solution",
    "anonymous_equilibria",
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
