r"""Results of ``solve`` as JSON: exact numbers, and a decimal companion where an equilibrium is irrational.

Numbers are exact strings in the package's syntax (``"1/3"``, ``"-2"``; see
:mod:`escalation.numbers`).  A result (see :data:`RESULT_KEYS`; the README's
table documents each key) says ``"rational": true`` when every probability and
payoff is rational.  An equilibrium with an irrational entry -- the volunteer's
dilemma mixes with probability :math:`(K/U)^{1/(N-1)}` -- keeps it exact
(``"2**(1/3)/8"``), the result says ``"rational": false``, and that equilibrium
carries an ``approximate`` companion with the same entries as 15-digit decimals.

>>> is_rational({"a": {"b": sympy.Rational(1, 3)}}), is_rational({"a": sympy.sqrt(2)})
(True, False)
>>> approximate({"x": sympy.sqrt(2) / 2, "y": sympy.Rational(1, 4)})
{'x': '0.707106781186548', 'y': '0.250000000000000'}
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sympy

from .printing import RESULT_KEYS

__all__ = ["approximate", "equilibria_json", "is_rational"]


def _numbers(value: Any):
    if isinstance(value, Mapping):
        for v in value.values():
            yield from _numbers(v)
    elif value is not None:
        yield value


def is_rational(value: Any) -> bool:
    """Whether every number in the nested mappings ``value`` is rational."""
    return all(sympy.sympify(v).is_Rational for v in _numbers(value))


def approximate(value: Any) -> Any:
    """The nested mappings ``value`` with every number as a 15-significant-digit decimal string."""
    if isinstance(value, Mapping):
        return {k: approximate(v) for k, v in value.items()}
    return str(sympy.N(sympy.sympify(value), 15))


def equilibria_json(found: Any) -> dict[str, Any]:
    """An ``Equilibria`` record as JSON-ready keys (see the module docstring)."""
    out = found.to_dict()
    parts = [(s, [("strategies", s.strategies), ("outcomes", s.outcomes), ("payoffs", s.payoffs),
                  ("beliefs", s.beliefs)]) for s in found]
    rational = all(is_rational(dict(p)) for _, p in parts)
    out["rational"] = rational
    if not rational:
        for entry, (_, named) in zip(out["equilibria"], parts, strict=True):
            if not is_rational(dict(named)):
                entry["approximate"] = {k: approximate(v) for k, v in named if v is not None}
    return {k: out[k] for k in (*RESULT_KEYS[2:], *[k for k in out if k not in RESULT_KEYS])}
