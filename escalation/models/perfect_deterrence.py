r"""Shared pieces of the perfect-deterrence models (Zagare & Kilgour).

A player is *Hard* when it prefers conflict to capitulating at its last
move, *Soft* otherwise; its *credibility* is the probability that it is Hard.
The models assume strict utility orderings; :func:`require_order` checks a
chain of them at a numeric point and names the parameters that break it.

>>> from escalation.models.perfect_deterrence import require_order
>>> require_order({"a": 0, "b": 1, "c": 1}, ("a", "b", "c"), "a toy model")
Traceback (most recent call last):
...
escalation.errors.ParameterError: parameter 'b, c': a toy model assumes a < b < c, but b = 1 is not below c = 1
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import sympy

from ..errors import ParameterError
from ..numbers import exact

__all__ = [
    "KZ1991",
    "KZ2007",
    "ZK1993",
    "ZK1995",
    "ZK2000",
    "boundary",
    "evaluate",
    "is_numeric_point",
    "mixed",
    "pure",
    "require_open_probability",
    "require_order",
]

ZK2000 = "Zagare, F.C. & Kilgour, D.M. (2000) Perfect Deterrence, Cambridge University Press"
ZK1993 = "Zagare, F.C. & Kilgour, D.M. (1993) Asymmetric Deterrence, International Studies Quarterly 37(1)"
KZ1991 = "Kilgour, D.M. & Zagare, F.C. (1991) Credibility, Uncertainty, and Deterrence, AJPS 35(2): 305-334"
ZK1995 = ("Zagare, F.C. & Kilgour, D.M. (1995) Assessing Competing Defense Postures: The Strategic "
          "Implications of Flexible Response, World Politics 47(3): 373-417")
KZ2007 = "Kilgour, D.M. & Zagare, F.C. (2007) Explaining Limited Conflicts, CMPS 24(1): 65-82"


def is_numeric_point(values: Mapping[str, Any]) -> bool:
    """True when every value is a number (not a symbol or expression)."""
    return all(not exact(v).free_symbols for v in values.values())


def require_order(values: Mapping[str, Any], chain: Sequence[str], model: str) -> None:
    """Raise :class:`~escalation.errors.ParameterError` unless ``values`` increase strictly along ``chain``."""
    for low, high in itertools.pairwise(chain):
        if not exact(values[low]) < exact(values[high]):
            raise ParameterError(f"{low}, {high}", f"{model} assumes {' < '.join(chain)}, but {low} = "
                                 f"{values[low]} is not below {high} = {values[high]}")


def require_open_probability(values: Mapping[str, Any], name: str, model: str) -> None:
    """Raise :class:`~escalation.errors.ParameterError` unless ``0 < values[name] < 1``."""
    if not 0 < exact(values[name]) < 1:
        raise ParameterError(name, f"{model} assumes 0 < {name} < 1 (both types possible), got {values[name]}")


def evaluate(expressions: Mapping[str, sympy.Expr], values: Mapping[str, Any]) -> dict[str, sympy.Expr]:
    """Closed forms at a parameter point (values keyed by parameter name)."""
    table = {sympy.Symbol(k, real=True): exact(v) for k, v in values.items()}
    return {name: sympy.simplify(e.subs(table)) for name, e in expressions.items()}


def pure(action: str, actions: Sequence[str]) -> dict[str, int]:
    """Behaviour that plays ``action`` for sure."""
    return {a: int(a == action) for a in actions}


def mixed(p: Any, first: str, second: str) -> dict[str, sympy.Expr]:
    """Behaviour that plays ``second`` with probability ``p`` and ``first`` otherwise (``p`` may be a grid)."""
    if not isinstance(p, np.ndarray):
        p = exact(p)
    return {first: 1 - p, second: p}


def boundary(left: str, right: str, values: Mapping[str, sympy.Expr], meaning: str) -> tuple[str, ...]:
    """A knife-edge note when ``values[left] == values[right]``, else nothing."""
    if values[left] == values[right]:
        return (f"{left} = {right} = {values[left]}: {meaning}",)
    return ()
