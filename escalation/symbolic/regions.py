r"""Where in parameter space each subgame-perfect equilibrium holds.

For a perfect-information game whose payoffs (and chance probabilities) are
sympy expressions of parameters :math:`\theta`, backward induction splits the
admissible domain :math:`D` into open regions

.. math:: R_\sigma = \{\theta \in D : \text{at every decision node, } \sigma
          \text{ picks the mover's unique best action given } \sigma \text{ below}\},

one for each pure strategy profile :math:`\sigma` that is the unique
subgame-perfect equilibrium somewhere.  Each :math:`R_\sigma` is a conjunction
of strict inequalities :math:`u_i(a) - u_i(b) > 0`; the :math:`R_\sigma` are
disjoint, and what they leave uncovered is the set of knife-edges, where some
mover is indifferent and several subgame-perfect equilibria exist.  The
partition reports those rather than picking one.

Entry deterrence with a fighting cost :math:`c > 0`: the incumbent fights
(:math:`2 - c > 1`) iff :math:`c < 1`, and then the entrant stays out.

>>> import sympy
>>> from escalation.games import ExtensiveFormGame, decision, outcome
>>> c = sympy.Symbol("c", positive=True)
>>> game = ExtensiveFormGame(("Entrant", "Incumbent"), decision("Entrant", {
...     "Out": outcome("Monopoly", {"Entrant": 0, "Incumbent": 2}),
...     "In": decision("Incumbent", {
...         "Fight": outcome("Price war", {"Entrant": -1, "Incumbent": 2 - c}),
...         "Accommodate": outcome("Shared market", {"Entrant": 1, "Incumbent": 1}),
...     }),
... }))
>>> partition = spe_regions(game)
>>> [(r.outcome, r.condition) for r in partition]
[('Monopoly', c < 1), ('Shared market', c > 1)]
>>> partition.region_at({"c": "1/2"}).strategies["Incumbent"]
mappingproxy({'root/In': 'Fight'})
>>> try:
...     partition.region_at({"c": 1})
... except KnifeEdgeError as err:
...     print(err.ties)
("Incumbent is indifferent at node root/In between 'Fight' and 'Accommodate' (payoff 1)",)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import sympy

from ..errors import KnifeEdgeError, ParameterError, SolverError
from ..games.tree import CHANCE, ExtensiveFormGame
from ..numbers import NotFiniteError, exact
from .assumptions import admissible_domain
from .backward import Piece, solve_pieces
from .feasibility import Domain
from .inequalities import Inequality
from .latex import cases, outcome_cases
from .merge import outcome_conditions
from .simplify import boundary, drop_redundant, readable
from .ties import ties_at

__all__ = ["KnifeEdgeError", "Region", "RegionPartition", "spe_regions"]


@dataclass(frozen=True)
class Region:
    """One region of parameter space and its unique subgame-perfect equilibrium.

    Attributes
    ----------
    condition : sympy.Boolean
        A conjunction of strict inequalities, simplified; it describes the
        region within the partition's domain (``RegionPartition.assumptions``).
        A threshold may divide by an expression whose sign the other
        conditions fix, so evaluate membership with :meth:`contains`.
    strategies : {player: {information set: action}}
        The equilibrium action at every decision node.
    outcome : str or {label: probability}
        The outcome reached, or the distribution over outcomes when chance
        moves lie on the path of play.
    payoffs : {player: sympy.Expr}
    name : str or None
    inequalities : tuple of Inequality
        The condition in canonical form (``expr > 0`` each), used by :meth:`contains`.
    witness : {parameter name: number} or None
        An exact point inside the region; ``None`` when the region's
        non-emptiness could not be confirmed (nonlinear conditions).
    """

    condition: sympy.Basic
    strategies: Mapping[str, Mapping[str, str]]
    outcome: str | Mapping[str, sympy.Expr]
    payoffs: Mapping[str, sympy.Expr]
    name: str | None = None
    inequalities: tuple[Inequality, ...] = field(default=(), repr=False)
    witness: Mapping[str, sympy.Expr] | None = field(default=None, repr=False, compare=False)

    @property
    def outcomes(self) -> dict[str, sympy.Expr]:
        """The outcome as a distribution ``{label: probability}`` in every case."""
        return {self.outcome: sympy.Integer(1)} if isinstance(self.outcome, str) else dict(self.outcome)

    def contains(self, values: Mapping[Any, Any]) -> bool:
        """Whether the point ``values`` (parameter name or symbol -> number) lies in the region."""
        point = _point(values, {s.name for q in self.inequalities for s in q.symbols}, strict=False)
        return all(q.holds_at(point) for q in self.inequalities)


@dataclass(frozen=True, eq=False)
class RegionPartition:
    """The regions of a symbolic game, the knife-edges between them, and the domain they cover.

    Attributes
    ----------
    regions : tuple of Region
        In tree order of their outcomes; empty if some mover is indifferent
        for every value of the parameters.
    boundaries : frozenset of sympy.Expr
        Expressions :math:`g` whose sign separates regions: on :math:`g = 0`
        a mover is indifferent.
    assumptions : sympy.Boolean
        The admissible domain the conditions are read in.
    parameters : tuple of sympy.Symbol
    game : ExtensiveFormGame
    """

    regions: tuple[Region, ...]
    boundaries: frozenset[sympy.Expr]
    assumptions: sympy.Basic
    parameters: tuple[sympy.Symbol, ...]
    game: ExtensiveFormGame = field(repr=False)
    domain: Domain = field(repr=False)

    def __len__(self) -> int:
        return len(self.regions)

    def __iter__(self) -> Iterator[Region]:
        return iter(self.regions)

    def __getitem__(self, index: int) -> Region:
        return self.regions[index]

    def region_at(self, values: Mapping[Any, Any]) -> Region:
        """The region containing the point ``values`` ({name or symbol: number}).

        Raises
        ------
        ParameterError
            For an unknown or missing parameter, a value that is not a number,
            or a point outside the domain.
        KnifeEdgeError
            When the point lies on a knife-edge; the message names the tie.
        """
        point = _point(values, {s.name for s in self.parameters}, strict=True)
        violated = self.domain.violated(point)
        if violated:
            q = violated[0]
            raise ParameterError(", ".join(sorted(s.name for s in q.symbols)),
                                 f"the point violates the assumption {readable(q)}")
        hits = [r for r in self.regions if r.contains(point)]
        if len(hits) == 1:
            return hits[0]
        if hits:
            raise SolverError(f"internal error: {len(hits)} regions contain the point {dict(values)}")
        raise self._knife_edge(point)

    def _knife_edge(self, point: dict[str, sympy.Expr]) -> Exception:
        ties = ties_at(self.game.subs(point))
        if not ties:
            return SolverError(f"internal error: no region and no tie at {point}")
        vanishing = [b for b in self.boundaries if b.xreplace({s: point[s.name] for s in b.free_symbols}) == 0]
        names = sorted({s.name for b in vanishing for s in b.free_symbols}) or sorted(point)
        return KnifeEdgeError(", ".join(names) or "(none: the game has no parameters)", tuple(ties))

    def outcome_conditions(self) -> dict:
        """``{outcome: condition}``: the regions merged by outcome, the logic simplified.

        See :mod:`escalation.symbolic.merge`; the merged conditions hold off
        the knife-edges.
        """
        return outcome_conditions(self)

    def to_latex(self, by_outcome: bool = False) -> str:
        r"""A LaTeX ``cases`` listing of the regions (outcome, path of play, condition).

        With ``by_outcome``, one row per outcome with the merged condition.
        """
        if by_outcome:
            return outcome_cases(self.outcome_conditions())
        return cases(self.game, self.regions)


def spe_regions(game: ExtensiveFormGame, assumptions: Any = None, *, max_regions: int = 1000) -> RegionPartition:
    """Partition parameter space by the subgame-perfect equilibrium of a symbolic game.

    Parameters
    ----------
    game : ExtensiveFormGame
        A perfect-information tree whose payoffs and chance probabilities may
        be sympy expressions of parameters.
    assumptions : sympy relation(s) or ParameterSpace, optional
        The admissible domain: a relation, a conjunction or a list of
        relations (e.g. payoff orderings), or a parameter space whose domains
        are used.  Chance probabilities are always kept within [0, 1].
    max_regions : int
        Refuse (``SolverError``) rather than split parameter space into more
        regions than this; every decision node's choice is part of a region,
        so bushy trees split into many.

    Returns
    -------
    RegionPartition
        One :class:`Region` per strategy profile that is the unique
        subgame-perfect equilibrium on a region of the domain.

    Raises
    ------
    SolverError
        If the game is not a tree, has imperfect information, or splits into more than
        ``max_regions`` regions.
    ParameterError
        If the assumptions are malformed, name unknown parameters or admit no point.

    Notes
    -----
    Empty regions are pruned exactly when their conditions are linear (or in
    one parameter).  A nonlinear region whose points sampling cannot find is
    kept with ``witness=None``: it may be empty, but no point is ever given
    a wrong equilibrium, because regions are only ever pruned when provably
    empty and each region's condition is exact.
    """
    if not isinstance(game, ExtensiveFormGame):
        raise SolverError(f"symbolic regions need a game tree (ExtensiveFormGame), got {type(game).__name__}")
    if not game.is_perfect_information:
        shared = next(h for h in game.infosets.values() if len(h.nodes) > 1)
        raise SolverError(f"symbolic regions need perfect information; information set {shared.label!r} "
                          f"has {len(shared.nodes)} nodes")
    symbols = _symbols_by_name(game)
    _require_rational_functions(game, tuple(symbols.values()))
    try:
        return _partition(game, assumptions, symbols, max_regions)
    except (sympy.PolynomialError, sympy.polys.polyerrors.BasePolynomialError, NotImplementedError) as exc:
        raise SolverError(f"sympy cannot decide the region conditions of this game: {' '.join(str(exc).split())}"
                          ) from None


def _require_rational_functions(game: ExtensiveFormGame, symbols: tuple[sympy.Symbol, ...]) -> None:
    """Raise SolverError unless every payoff and chance probability is a ratio of polynomials in the parameters.

    Region conditions are polynomial inequalities; a parameter in an exponent
    (``F**m``) or inside a function (``exp(c)``) makes them transcendental.
    """
    for node in game.nodes:
        if node.kind == CHANCE:
            entries = [(f"a chance probability at node {node.path}", p) for p in node.probabilities]
        elif node.payoffs:
            entries = [(f"{player}'s payoff at outcome {node.outcome!r}", u)
                       for player, u in zip(game.players, node.payoffs, strict=True)]
        else:
            continue
        for where, expr in entries:
            if not sympy.sympify(expr).is_rational_function(*symbols):
                raise SolverError(f"symbolic regions need payoffs and probabilities that are ratios of polynomials "
                                  f"in the parameters; {where} is {expr} (substitute numbers for the parameters in "
                                  "exponents or functions first, e.g. game.subs({'m': 2}))")


def _partition(game: ExtensiveFormGame, assumptions: Any, symbols: dict[str, sympy.Symbol],
               max_regions: int) -> RegionPartition:
    probabilities = [p for n in game.nodes if n.kind == CHANCE for p in n.probabilities]
    inequalities, shown = admissible_domain(assumptions, symbols, probabilities)
    preferred = sorted({s for p in probabilities for s in p.free_symbols}, key=lambda s: s.name)
    parameters = tuple(sorted(symbols.values(), key=lambda s: s.name))
    domain = Domain(inequalities, parameters, preferred)
    if domain.verdict.feasible is False:
        raise ParameterError("assumptions", f"{shown} admits no parameter values")
    pieces = solve_pieces(game, domain, max_regions)
    hints: dict[sympy.Expr, list[dict]] = {}
    for piece in pieces:
        for q in piece.inequalities:
            if piece.witness is not None:
                hints.setdefault(q.expr, []).append(piece.witness)
    regions = tuple(sorted((_region(game, piece, domain, hints) for piece in pieces), key=_tree_order(game)))
    boundaries = frozenset(boundary(q) for r in regions for q in r.inequalities)
    return RegionPartition(regions, boundaries, shown, parameters, game, domain)


def _tree_order(game: ExtensiveFormGame):
    """Sort key: regions whose outcome comes first in the tree (pre-order) first."""
    first: dict[str, int] = {}
    for n in game.terminals:
        first.setdefault(game.outcome_label(n.index), n.index)

    def key(region: Region) -> int:
        return min(first[label] for label in region.outcomes)

    return key


def _symbols_by_name(game: ExtensiveFormGame) -> dict[str, sympy.Symbol]:
    symbols: dict[str, sympy.Symbol] = {}
    for s in sorted(game.free_symbols, key=str):
        if s.name in symbols:
            raise ParameterError(s.name, "two different sympy symbols of the game share this name")
        symbols[s.name] = s
    return symbols


def _region(game: ExtensiveFormGame, piece: Piece, domain: Domain, hints: Mapping) -> Region:
    kept = drop_redundant(piece.inequalities, domain, hints)
    relations = [readable(q, domain, [r for r in kept if r != q]) for q in kept]
    choices = dict(piece.choices)
    strategies: dict[str, dict[str, str]] = {player: {} for player in game.players}
    for label, h in game.infosets.items():
        strategies[game.players[h.player]][label] = choices[label]
    distribution = dict(piece.outcome)
    single = len(distribution) == 1 and sympy.simplify(next(iter(distribution.values())) - 1) == 0
    outcome = next(iter(distribution)) if single or not piece.chance_on_path else MappingProxyType(distribution)
    witness = None if piece.witness is None else MappingProxyType(
        {name: sympy.Rational(v.numerator, v.denominator) for name, v in sorted(piece.witness.items())})
    return Region(
        condition=sympy.And(*relations, evaluate=False) if len(relations) > 1 else sympy.And(*relations),
        strategies=MappingProxyType({p: MappingProxyType(s) for p, s in strategies.items()}),
        outcome=outcome,
        payoffs=MappingProxyType(dict(zip(game.players, piece.values, strict=True))),
        inequalities=kept,
        witness=witness,
    )


def _point(values: Mapping[Any, Any], names: set[str], strict: bool) -> dict[str, sympy.Expr]:
    """``values`` keyed by parameter name, as exact numbers; checks names (and completeness if ``strict``)."""
    point = {}
    for key, value in values.items():
        name = key.name if isinstance(key, sympy.Symbol) else str(key)
        if name not in names:
            if strict:
                known = ", ".join(sorted(names)) or "none"
                raise ParameterError(name, f"is not a parameter of this game (its parameters: {known})")
            continue
        try:
            number = exact(value)
        except (TypeError, NotFiniteError) as exc:
            raise ParameterError(name, str(exc)) from None
        if number.free_symbols:
            raise ParameterError(name, f"needs a number, got the expression {number}")
        point[name] = number
    missing = sorted(names - set(point))
    if missing:
        raise ParameterError(missing[0], "has no value; give every parameter a number")
    return point
