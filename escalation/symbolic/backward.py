r"""Backward induction on symbolic payoffs, splitting parameter space as it goes.

Every subgame is solved into *pieces*: a region of parameter space (a
conjunction of strict inequalities) together with the subgame-perfect choices
there and the payoffs they lead to.  At a terminal node there is one piece,
everywhere.  At a decision node of player :math:`i`, for each combination of
pieces of its children and each action :math:`a`, the piece on which :math:`a`
is strictly best is

.. math:: R_{\text{children}} \cap \{u_i(a) - u_i(b) > 0 \text{ for all } b \ne a\},

and combinations that are provably empty are pruned as soon as they appear
(:class:`~escalation.symbolic.feasibility.Domain`).  At a chance node payoffs
are the probability-weighted sums over each combination of pieces.  The
pieces at the root are the regions on which the subgame-perfect equilibrium is
unique; their complement is the set of knife-edges, where some mover is
indifferent.

>>> import sympy
>>> from escalation.games import ExtensiveFormGame, decision, outcome
>>> from escalation.symbolic.feasibility import Domain
>>> c = sympy.Symbol("c", real=True)
>>> game = ExtensiveFormGame(("E", "I"), decision("E", {
...     "Out": outcome("Monopoly", (0, 2)),
...     "In": decision("I", {"Fight": outcome("War", (-1, 2 - c)), "Accommodate": outcome("Share", (1, 1))}),
... }))
>>> pieces = solve_pieces(game, Domain([], (c,)))
>>> sorted((dict(p.choices)["root/In"], dict(p.choices)["root"]) for p in pieces)
[('Accommodate', 'In'), ('Fight', 'Out')]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import sympy

from ..errors import SolverError
from ..games.tree import CHANCE, TERMINAL, ExtensiveFormGame
from .feasibility import Domain
from .inequalities import Inequality, canonical

__all__ = ["Piece", "solve_pieces"]


@dataclass(frozen=True)
class Piece:
    """A region of parameter space with the subgame-perfect play of one subgame on it.

    Attributes
    ----------
    inequalities : frozenset of Inequality
        The region (within the domain), as a conjunction.
    choices : tuple of (information set, action)
        The subgame-perfect action at every decision node of the subgame.
    values : tuple of sympy.Expr
        Each player's payoff from that play.
    outcome : tuple of (label, probability)
        The distribution over outcome labels it induces.
    chance_on_path : bool
        Whether a chance node lies on the path of play.
    witness : dict or None
        A point of the region, when one is known.
    """

    inequalities: frozenset[Inequality]
    choices: tuple[tuple[str, str], ...]
    values: tuple[sympy.Expr, ...]
    outcome: tuple[tuple[str, sympy.Expr], ...]
    chance_on_path: bool = False
    witness: dict | None = field(default=None, compare=False, hash=False)


def solve_pieces(game: ExtensiveFormGame, domain: Domain, max_regions: int = 1000) -> list[Piece]:
    """The pieces of the whole game: one per region with a unique subgame-perfect equilibrium.

    Raises :class:`~escalation.errors.SolverError` as soon as some subgame has
    more than ``max_regions`` pieces.
    """
    return _Solver(game, domain, max_regions).solve(0)


class _Solver:
    def __init__(self, game: ExtensiveFormGame, domain: Domain, limit: int) -> None:
        self.game, self.domain, self.limit = game, domain, limit

    def solve(self, v: int) -> list[Piece]:
        game, domain = self.game, self.domain
        node = game.nodes[v]
        if node.kind == TERMINAL:
            return [Piece(frozenset(), (), node.payoffs, ((game.outcome_label(v), sympy.Integer(1)),),
                          witness=domain.verdict.witness)]
        combos = self.combinations([self.solve(c) for c in node.children], node.path)
        if node.kind == CHANCE:
            return [_average(node.probabilities, parts, region, witness) for region, parts, witness in combos]
        assert node.player is not None
        assert node.infoset is not None
        pieces = []
        for region, parts, witness in combos:
            for k, action in enumerate(node.actions):
                better = _strictly_better(parts, k, node.player, domain)
                if better is None:
                    continue
                verdict = domain.check(region | better, [(witness, region)])
                if verdict.feasible is False:
                    continue
                pieces.append(Piece(
                    region | better,
                    (*(c for p in parts for c in p.choices), (node.infoset, action)),
                    parts[k].values, parts[k].outcome, parts[k].chance_on_path, verdict.witness))
            self.guard(len(pieces), node.path)
        return pieces

    def combinations(self, options: Sequence[list[Piece]], path: str) -> list[tuple[frozenset, tuple, dict | None]]:
        """Every choice of one piece per child whose regions intersect (pruned child by child)."""
        partial: list[tuple[frozenset, tuple, dict | None]] = [(frozenset(), (), self.domain.verdict.witness)]
        for pieces in options:
            extended = []
            for region, parts, witness in partial:
                for piece in pieces:
                    union = region | piece.inequalities
                    if union == piece.inequalities:
                        extended.append((union, (*parts, piece), piece.witness))
                    elif union == region:
                        extended.append((union, (*parts, piece), witness))
                    else:
                        verdict = self.domain.check(union, [(witness, region), (piece.witness, piece.inequalities)])
                        if verdict.feasible is not False:
                            extended.append((union, (*parts, piece), verdict.witness))
                self.guard(len(extended), path)
            partial = extended
        return partial

    def guard(self, count: int, path: str) -> None:
        if count > self.limit:
            raise SolverError(
                f"the subgame at node {path} splits parameter space into more than {self.limit} regions; "
                "add assumptions (payoff orderings, parameter domains) to shrink the space, or raise max_regions")


def _strictly_better(parts: Sequence[Piece], k: int, player: int, domain: Domain) -> frozenset | None:
    """The inequalities making action ``k`` strictly best for ``player``; None if it never is."""
    found = set()
    for j, other in enumerate(parts):
        if j == k:
            continue
        q = canonical(parts[k].values[player] - other.values[player], domain.sign)
        if q is False:
            return None
        if q is not True:
            found.add(q)
    return frozenset(found)


def _average(probabilities, parts: Sequence[Piece], region: frozenset, witness) -> Piece:
    """The chance node's piece: probability-weighted payoffs and outcome distribution."""
    players = len(parts[0].values)
    values = tuple(sympy.Add(*(p * part.values[i] for p, part in zip(probabilities, parts, strict=True)))
                   for i in range(players))
    outcome: dict[str, sympy.Expr] = {}
    for p, part in zip(probabilities, parts, strict=True):
        for label, q in part.outcome:
            outcome[label] = outcome.get(label, sympy.Integer(0)) + p * q
    distribution = tuple((label, sympy.factor(q)) for label, q in outcome.items() if sympy.expand(q) != 0)
    choices = tuple(c for part in parts for c in part.choices)
    return Piece(region, choices, values, distribution, True, witness)
