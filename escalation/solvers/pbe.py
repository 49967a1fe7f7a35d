r"""Perfect Bayesian equilibria of the two-type deterrence games.

The perfect-deterrence games (Zagare & Kilgour) have few information sets
with two actions each, and their equilibria are known in closed form: who
mixes, and with what probability, follows from indifference conditions such
as :math:`q = \alpha_S` or :math:`r = \beta`.  Each model therefore supplies a
*characterisation*: a short list of candidate assessments built from those
formulas at the parameter point, a superset of the equilibria (at knife-edge
points the extreme members of each continuum), plus notes on the knife edges
it detects.  The solver completes each candidate's beliefs (Bayes' rule where
possible, the ``offpath`` rule elsewhere; see
:mod:`escalation.solvers.beliefs`), keeps exactly the candidates that pass the
generic exact check :func:`~escalation.solvers.verify_pbe.verify_pbe`, and
returns them with the literature's names.  So existence conditions are
decided by exact verification at the point, not by the formulas alone.

>>> from escalation.games import ExtensiveFormGame, chance, decision, outcome
>>> def sender(u_fight, r_fight):
...     respond = decision("Receiver", {"Yield": outcome("yield", (2, 0)),
...                                     "Fight": outcome("fight", (u_fight, r_fight))}, infoset="after signal")
...     return decision("Sender", {"Quiet": outcome("quiet", (0, 1)), "Signal": respond})
>>> game = ExtensiveFormGame(("Sender", "Receiver"), chance({
...     "tough": ("1/3", sender(-1, -1)), "weak": ("2/3", sender(-2, 1))}))
>>> pool = Candidate("Pooling on quiet", {"root/tough": {"Quiet": 1}, "root/weak": {"Quiet": 1},
...                                       "after signal": {"Fight": 1}})
>>> [s.name for s in equilibria_from_candidates(game, Characterisation((pool,)), offpath="prior")]
['Pooling on quiet']
>>> equilibria_from_candidates(game, Characterisation((pool,)), offpath="D1")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
escalation.errors.SolverError: no candidate assessment is a perfect Bayesian equilibrium (off-path rule D1); ...

Under D1 a signal comes from the tough type, the receiver yields, and the
tough type would signal: pooling on quiet fails, as the intuitive criterion
says too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..errors import SolverError
from ..games.tree import ExtensiveFormGame
from .beliefs import OFFPATH_RULES, complete_beliefs, continuation_values, fraction_profile, reach
from .solution import Computation, Equilibria, Solution
from .verify_pbe import is_pbe

__all__ = [
    "CHARACTERISATIONS",
    "Candidate",
    "Characterisation",
    "characterisation",
    "equilibria_from_candidates",
    "perfect_bayesian",
]

METHOD = "closed-form characterisation, each assessment verified exactly"
REFINEMENT = "perfect Bayesian"


@dataclass(frozen=True)
class Candidate:
    """A candidate assessment.

    Attributes
    ----------
    name : str or None
        The equilibrium's name in the literature, if it has one.
    behaviour : mapping
        ``{infoset: {action: probability}}`` at every information set.
    beliefs : mapping, optional
        Beliefs to use at off-path information sets (``{infoset: {node path: p}}``);
        elsewhere Bayes' rule and the off-path rule decide.
    group : str, optional
        Of several candidates in one group only the first that passes is kept
        (alternative supports of the same equilibrium class, e.g. different
        off-path beliefs under ``"free"``).
    """

    name: str | None
    behaviour: Mapping[str, Mapping[str, Any]]
    beliefs: Mapping[str, Mapping[str, Any]] | None = None
    group: str | None = None


@dataclass(frozen=True)
class Characterisation:
    """Candidate assessments at one parameter point, and what is special about the point."""

    candidates: tuple[Candidate, ...]
    knife_edge: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    may_be_empty: bool = False
    """True when the off-path rule can rule out every equilibrium (then none passing is an answer, not a bug)."""


CHARACTERISATIONS: dict[str, Callable[[dict, str], Characterisation]] = {}


def characterisation(model_name: str):
    """Decorator: register ``fn(values, offpath) -> Characterisation`` for the model ``model_name``."""

    def register(fn):
        CHARACTERISATIONS[model_name] = fn
        return fn

    return register


def perfect_bayesian(model: Any, values: Mapping[str, Any] | None = None, *, offpath: str = "D1") -> Equilibria:
    """Every perfect Bayesian equilibrium of a registered two-type model at a parameter point.

    Parameters
    ----------
    model : Model or str
        A model with a registered characterisation (``"rudimentary"``,
        ``"unilateral"``, ``"mutual"``, ``"escalation-one-sided"``).
    values : mapping, optional
        Parameter values (defaults for the rest); exact strings such as ``"1/4"`` accepted.
    offpath : {"D1", "prior", "free"}
        The rule for beliefs at information sets off the path.

    Returns
    -------
    Equilibria
        Each solution carries behaviour strategies, beliefs, the outcome
        distribution, expected payoffs and its name; ``knife_edge`` says when
        the point lies on a boundary between regions.
    """
    from ..models import get_model

    if isinstance(model, str):
        model = get_model(model)
    if model.name not in CHARACTERISATIONS:
        raise SolverError(f"model {model.name!r} has no perfect Bayesian characterisation")
    point = model.values(**dict(values or {}))
    game = model.build(point)
    return equilibria_from_candidates(game, CHARACTERISATIONS[model.name](point, offpath), offpath=offpath)


def equilibria_from_candidates(game: ExtensiveFormGame, found: Characterisation, *,
                               offpath: str = "D1") -> Equilibria:
    """The candidates that are perfect Bayesian equilibria under ``offpath``, as an :class:`Equilibria`."""
    if offpath not in OFFPATH_RULES:
        raise SolverError(f"unknown off-path belief rule {offpath!r}; use one of {', '.join(OFFPATH_RULES)}")
    game.require_numeric()
    kept: list[tuple[dict, dict, str | None]] = []
    groups: set[str] = set()
    for cand in found.candidates:
        if cand.group is not None and cand.group in groups:
            continue
        b = fraction_profile(game, cand.behaviour)
        if any(b == other for other, _, _ in kept):
            continue
        beliefs = complete_beliefs(game, b, offpath, given=cand.beliefs)
        if is_pbe(game, (b, beliefs), offpath):
            kept.append((b, beliefs, cand.name))
            if cand.group is not None:
                groups.add(cand.group)
    notes = (f"off-path beliefs: {offpath}", *found.notes)
    if not kept and found.may_be_empty:
        return Equilibria((), METHOD, REFINEMENT, knife_edge=found.knife_edge,
                          notes=(*notes, f"no assessment satisfies the off-path rule {offpath!r} at this point"))
    if not kept:
        raise SolverError(f"no candidate assessment is a perfect Bayesian equilibrium (off-path rule {offpath}); "
                          "the characterisation is incomplete at this point")
    solutions = tuple(_solution(game, b, beliefs, name, notes) for b, beliefs, name in kept)
    return Equilibria(solutions, METHOD, REFINEMENT, knife_edge=found.knife_edge, notes=notes)


def _solution(game: ExtensiveFormGame, b: dict, beliefs: dict, name: str | None, notes: tuple) -> Solution:
    strategies: dict[str, dict] = {p: {} for p in game.players}
    for label, h in game.infosets.items():
        strategies[game.players[h.player]][label] = b[label]
    p = reach(game, b)
    outcomes: dict[str, Fraction] = {}
    for node in game.terminals:
        label = game.outcome_label(node.index)
        outcomes[label] = outcomes.get(label, Fraction(0)) + p[node.index]
    payoffs = dict(zip(game.players, continuation_values(game, b)[0], strict=True))
    return Solution(players=game.players, strategies=strategies, payoffs=payoffs, outcomes=outcomes,
                    beliefs=beliefs, name=name,
                    computation=Computation(METHOD, REFINEMENT, exact=True, verified=True, notes=notes))
