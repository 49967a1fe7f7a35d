r"""Perfect Bayesian equilibria of a symbolic tree as regions: the counterpart of :func:`spe_regions`.

For each *shape* (:mod:`.pbe_shapes`: the supports of a behaviour profile)
the mixed probabilities are solved from the indifference equations with
sympy, and the conditions of :mod:`.pbe_conditions` become sympy relations
in the parameters: the shape, with those probabilities, is a perfect Bayesian
equilibrium exactly where every relation holds (strictly inside the region;
its boundary is a knife edge for the exact solver).  The shapes come from
exact solutions at given parameter points (``at=``): a region whose shape is
found at none of them is not listed, and :attr:`PBERegion.note` says what the
relations leave to the exact solver (D1 and the intuitive criterion where
somebody observes a deviation).

>>> import sympy
>>> from escalation.games import ExtensiveFormGame, chance, decision, outcome
>>> p = sympy.Symbol("p")
>>> def sender(kind, fight):
...     reply = decision("Receiver", {"Yield": outcome("yield", (2, 0)),
...                                   "Fight": outcome("fight", (fight, 1 if kind == "weak" else -1))},
...                      infoset="after threat")
...     return decision("Sender", {"Quiet": outcome("quiet", (0, 0)), "Threaten": reply}, infoset=kind)
>>> game = ExtensiveFormGame(("Sender", "Receiver"), chance({"strong": (p, sender("strong", 1)),
...                                                          "weak": (1 - p, sender("weak", -1))}))
>>> for region in pbe_regions(game, at=[{"p": "1/4"}, {"p": "3/4"}], offpath="prior"):
...     print(region.label, "|", region.describe())
semi-separating | 0 < p, p < 1/2
pooling on Threaten | 1/2 < p, p < 1

A strong sender always threatens.  Below :math:`p = 1/2` the receiver would
fight a threat from both types, so the weak type threatens with the
probability that leaves the receiver indifferent (the posterior is 1/2), and
the receiver fights with the probability (2/3) that leaves the weak type
indifferent:

>>> (semi, _) = pbe_regions(game, at=[{"p": "1/4"}, {"p": "3/4"}], offpath="prior")
>>> semi.behaviour["weak"]["Threaten"], semi.behaviour["after threat"]["Fight"]
(-p/(p - 1), 2/3)
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sympy

from ..errors import ParameterError
from ..games.tree import ExtensiveFormGame
from ..numbers import exact
from .pbe_conditions import BeliefTest, Numbers, conditions
from .pbe_shapes import Layout, Shape

__all__ = ["PBERegion", "branches", "pbe_regions", "shapes_of"]

MAX_VARIANTS = 64


@dataclass(frozen=True)
class PBERegion:
    """One shape's region: its behaviour (sympy, in the parameters) and the relations that must all hold."""

    shape: Shape
    layout: Layout
    behaviour: Mapping[str, Mapping[str, sympy.Expr]]
    relations: tuple[Any, ...]
    rule: str
    label: str
    note: str | None = None

    def describe(self) -> str:
        """The relations, simplified and joined by commas."""
        return ", ".join(str(r) for r in self.relations)


def shapes_of(found: Iterable[Any]) -> list[tuple[Shape, str]]:
    """The shapes of a solver's equilibria, each with its label: every representative, and every combination
    of the alternative continuations after deviations nobody makes (up to ``MAX_VARIANTS`` per equilibrium)."""
    out: dict[Shape, str] = {}
    for solution in found:
        for behaviour in _variants(solution):
            out.setdefault(Shape.of(behaviour), solution.name or "")
    return list(out.items())


def _variants(solution: Any) -> list[dict]:
    base = {h: dict(acts) for h, acts in solution.behaviour.items()}
    groups = [options for options in (solution.alternatives or {}).values()]
    out = []
    for combo in itertools.islice(itertools.product(*groups), MAX_VARIANTS):
        behaviour = {h: dict(acts) for h, acts in base.items()}
        for option in combo:
            behaviour.update({h: dict(acts) for h, acts in option.items()})
        out.append(behaviour)
    return out or [base]


def branches(game: ExtensiveFormGame, layout: Layout) -> list[dict[str, dict[str, sympy.Expr]]]:
    """The behaviour profiles with the layout's shape whose mixed probabilities solve the indifference
    equations (sympy, in the game's parameters); empty when no solution is explicit and isolated."""
    shape = layout.shape
    unknowns: list[sympy.Symbol] = []
    behaviour: dict[str, dict[str, sympy.Expr]] = {}
    for h, played in shape.support:
        acts = {a: sympy.Integer(0) for a in game.infosets[h].actions}
        if len(played) == 1:
            acts[played[0]] = sympy.Integer(1)
        else:
            own = [sympy.Dummy(f"x[{h}: {a}]") for a in played[:-1]]
            if h != layout.mixing_observer:   # an observer's mixture stays free: the conditions are affine in it
                unknowns.extend(own)
            acts.update(zip(played[:-1], own, strict=True))
            acts[played[-1]] = 1 - sum(own)
        behaviour[h] = acts
    if not unknowns:
        return [behaviour]
    equations = conditions(game, layout, behaviour, Numbers.symbolic(), "free").indifference
    solutions = sympy.solve(equations, unknowns, dict=True)
    out = []
    for solution in solutions:
        if set(solution) != set(unknowns) or any(v.free_symbols & set(unknowns) for v in solution.values()):
            continue   # a continuum of mixtures (a knife edge), or no explicit solution: left to the exact solver
        out.append({h: {a: sympy.cancel(p.subs(solution)) for a, p in acts.items()} for h, acts in behaviour.items()})
    return out


def pbe_regions(game: ExtensiveFormGame, at: Sequence[Mapping[str, Any]], *, offpath: str = "D1",
                solve: Any = None) -> list[PBERegion]:
    """The regions of the equilibria found at the points ``at`` (see the module docstring).

    Parameters
    ----------
    game : ExtensiveFormGame
        A tree with sympy parameters.
    at : sequence of mapping
        Parameter points at which the exact solver finds the shapes.
    offpath : str
        The off-path rule (:func:`~escalation.solvers.pbe.perfect_bayesian`).
    solve : callable, optional
        ``solve(point) -> Equilibria``; by default :func:`perfect_bayesian` on the substituted game.
    """
    if solve is None:
        from ..solvers.pbe import perfect_bayesian

        def solve(point):
            return perfect_bayesian(game.subs({k: exact(v) for k, v in point.items()}), offpath=offpath)
    if not at:
        raise ParameterError("at", "needs at least one parameter point at which to find equilibria")
    shapes: dict[Shape, str] = {}
    for point in at:
        for shape, label in shapes_of(solve(point)):
            shapes.setdefault(shape, label)
    out = []
    for shape, label in shapes.items():
        layout = Layout.of(game, shape)
        for behaviour in branches(game, layout):
            out.append(_region(game, layout, behaviour, offpath, _short(label)))
    return out


def _short(label: str) -> str:
    """A solver label without the player's name ("Sender: pooling on 'Quiet'" -> "pooling on Quiet")."""
    return label.split(": ", 1)[-1].replace("'", "").split(" (")[0]


def _region(game: ExtensiveFormGame, layout: Layout, behaviour, rule: str, label: str) -> PBERegion:
    found = conditions(game, layout, behaviour, Numbers.symbolic(), rule)
    relations: list[Any] = []
    for _, g in found.positive:
        relation = sympy.StrictGreaterThan(sympy.factor(sympy.cancel(g)), 0)
        if relation is not sympy.true:
            relations.append(relation)
    relations.extend(_exists(test) for test in found.beliefs)
    note = found.problem
    if note is None and rule in ("D1", "intuitive") and layout.observers:
        note = f"{rule} at the observers' sets is decided by the exact solver"
    simplified = _simplified(relations)
    return PBERegion(layout.shape, layout, behaviour, simplified, rule, label, note)


def _simplified(relations: list[Any]) -> tuple[Any, ...]:
    """The relations in each single parameter reduced to one interval condition where sympy can; the others as
    they are."""
    by_symbol: dict[Any, list[Any]] = {}
    out: list[Any] = []
    for r in relations:
        free = r.free_symbols
        (by_symbol.setdefault(next(iter(free)), []) if len(free) == 1 else out).append(r)
    for x, group in by_symbol.items():
        try:
            region = sympy.Intersection(*(sympy.solveset(r, x, sympy.S.Reals) for r in group))
            reduced = region.as_relational(x)
        except (NotImplementedError, ValueError, TypeError):
            out.extend(group)
            continue
        parts = reduced.args if isinstance(reduced, sympy.And) else (reduced,)
        out.extend(part for part in parts if not part.has(sympy.oo, -sympy.oo))
    return tuple(out)


def _exists(test: BeliefTest) -> Any:
    r"""Some belief over the observer's nodes makes its action weakly best: with two actions,
    :math:`\max_n d(n) \ge 0`; with two nodes, some :math:`m` among 0, 1 and the rows' roots satisfies every
    row :math:`m\,d(n_1) + (1-m)\,d(n_2) \ge 0`."""
    if len(test.rows) == 1:
        return sympy.Or(*[sympy.GreaterThan(d, 0) for d in test.rows[0]])
    candidates = [sympy.Integer(0), sympy.Integer(1)] + [d2 / (d2 - d1) for d1, d2 in test.rows]
    options = []
    for m in candidates:
        holds = [sympy.GreaterThan(sympy.cancel(m * d1 + (1 - m) * d2), 0) for d1, d2 in test.rows]
        options.append(sympy.And(m >= 0, m <= 1, *holds))
    return sympy.Or(*options)
