r"""The admissible parameter domain: what the caller assumes, plus what the game requires.

The domain of a symbolic game is the conjunction of

* the caller's assumptions: a sympy relation or conjunction (``a_DD < a_SQ``),
  a list of them, or a :class:`~escalation.parameters.ParameterSpace` whose
  closed domains :math:`[\ell, h]` are used;
* what the parameters' own sympy assumptions say (a symbol declared
  ``positive=True`` is :math:`> 0`);
* :math:`0 \le \pi \le 1` for every symbolic chance probability :math:`\pi`,
  without which the game is not defined.

Symbols are matched by name, so an assumption written with
``sympy.Symbol("p")`` applies to the game's ``Symbol("p", real=True)``.

>>> import sympy
>>> p = sympy.Symbol("p", positive=True)
>>> domain, shown = admissible_domain([p < 1], {"p": p})
>>> shown
(p > 0) & (p < 1)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import sympy

from ..errors import ParameterError
from ..parameters import ParameterSpace
from .inequalities import Inequality, relation_to_inequalities

__all__ = ["admissible_domain"]


def admissible_domain(assumptions: Any, symbols: Mapping[str, sympy.Symbol],
                      probabilities: Iterable[sympy.Expr] = ()) -> tuple[list[Inequality], sympy.Basic]:
    """The domain's inequalities and a readable conjunction of them.

    Raises
    ------
    ParameterError
        For an assumption that names a parameter the game does not have, that
        is not a conjunction of inequalities, or that is false outright.
    """
    relations = [*_relations(assumptions, symbols), *_symbol_assumptions(symbols.values())]
    for pi in probabilities:
        if pi.free_symbols:
            relations += [sympy.Ge(pi, 0, evaluate=False), sympy.Le(pi, 1, evaluate=False)]
    found: list[Inequality] = []
    for relation in relations:
        try:
            parts = relation_to_inequalities(relation)
        except ValueError as exc:
            raise ParameterError(_names(relation), str(exc)) from None
        for q in parts:
            if q is False:
                raise ParameterError(_names(relation) or "assumptions", f"the assumption {relation} is false")
            if q is not True:
                found.append(q)
    shown = sympy.And(*relations) if relations else sympy.true
    return list(dict.fromkeys(found)), shown


def _names(relation: Any) -> str:
    symbols: set[sympy.Symbol] = getattr(relation, "free_symbols", set())
    return ", ".join(sorted(s.name for s in symbols)) or "assumptions"


def _relations(assumptions: Any, symbols: Mapping[str, sympy.Symbol]) -> list[sympy.Basic]:
    if assumptions is None:
        return []
    if isinstance(assumptions, ParameterSpace):
        return _space_relations(assumptions, symbols)
    if isinstance(assumptions, (sympy.Basic, bool)):
        return [_rename(sympy.sympify(assumptions), symbols)]
    if isinstance(assumptions, Iterable) and not isinstance(assumptions, str):
        return [r for item in assumptions for r in _relations(item, symbols)]
    raise ParameterError("assumptions", f"expected sympy relations or a ParameterSpace, got {assumptions!r}")


def _rename(relation: sympy.Basic, symbols: Mapping[str, sympy.Symbol]) -> sympy.Basic:
    """``relation`` written with the game's own symbols (matched by name)."""
    table = {}
    for s in relation.free_symbols:
        if s.name not in symbols:
            known = ", ".join(sorted(symbols)) or "none"
            raise ParameterError(s.name, f"appears in the assumption {relation} but is not a parameter "
                                         f"of the game (its parameters: {known})")
        table[s] = symbols[s.name]
    return relation.xreplace(table)


def _space_relations(space: ParameterSpace, symbols: Mapping[str, sympy.Symbol]) -> list[sympy.Basic]:
    """The domains of the space's parameters that the game uses (open or closed ends as declared), and the
    space's constraints among them (strict orderings and the like; ``!=`` is not an inequality and is left out)."""
    relations = []
    for name, parameter in space.items():
        if name not in symbols:
            continue
        low, high = parameter.domain
        if low is not None:
            relations.append((sympy.Ge if parameter.closed[0] else sympy.Gt)(symbols[name], low))
        if high is not None:
            relations.append((sympy.Le if parameter.closed[1] else sympy.Lt)(symbols[name], high))
    for constraint in space.constraints:
        relation = constraint.as_relation()
        if relation is not None and all(n in symbols for n in constraint.names):
            relations.append(_rename(relation, symbols))
    return relations


def _symbol_assumptions(symbols: Iterable[sympy.Symbol]) -> list[sympy.Basic]:
    relations = []
    for s in symbols:
        if s.is_positive:
            relations.append(sympy.Gt(s, 0, evaluate=False))
        elif s.is_nonnegative:
            relations.append(sympy.Ge(s, 0, evaluate=False))
        elif s.is_negative:
            relations.append(sympy.Lt(s, 0, evaluate=False))
        elif s.is_nonpositive:
            relations.append(sympy.Le(s, 0, evaluate=False))
    return relations
