r"""What each force level would bring, per prior draw, read from every equilibrium of one solve.

For a draw :math:`\theta` from the priors the guarantee game is solved once;
its menu holds every force level, and an equilibrium assessment fixes play
after every offer, so the policy "offer :math:`F`" (:math:`Q_F` of the
research brief's §6.1: both coalition types offer :math:`F`, all later play
as in the equilibrium) is read for each level without solving again.
:math:`F = 0` is the porcupine: the whole budget goes to arms.

Per draw and level the record holds, as exact fractions,

* ``deterrence`` :math:`= Q_F(\text{hold})`, the probability that Russia does not attack;
* ``war`` :math:`= Q_F(\text{NATO-Russia war})`, conventional or nuclear;
* ``success`` :math:`= Q_F(\text{Russia achieves the objective of its attack})`;
* ``nuclear`` :math:`= Q_F(\text{nuclear use})`;
* ``coalition_payoff``: the coalition's expected payoff of the policy (over both its types, with the prior),

each as the minimum and the maximum over *every* equilibrium found: over the
solutions, and within a solution over the continuations after offers nobody
makes that it stands for (:mod:`.continuations`).  Where they differ the
draw has equilibria with different outcomes; nothing is selected.  Each
claim's verdict (all / some / none) is recorded with every positive level as
the planned force.  A draw the solver cannot solve is kept, marked unsolved,
with the reason.

:func:`prior_outcomes` computes the records and returns them as an
:class:`xarray.Dataset`; :mod:`.archive` writes them to a JSON file with the
exact fractions and reads them back into the same Dataset.

>>> OUTCOMES
('deterrence', 'war', 'success', 'nuclear', 'coalition_payoff')
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import xarray as xr

from .._version import __version__
from ..errors import EscalationError, ParameterError
from ..games.tree import ExtensiveFormGame
from ..models import Model
from ..models.guarantee.variants import level_force
from ..solvers.evaluation import continuation_values
from ..solvers.solution import Equilibria
from .continuations import MAX_VARIANTS, _levels_of_groups, _variants
from .guarantee import CLAIM_IDS
from .monte_carlo import CODES, MAX_SOLVES, _check_cost, draw_points
from .point import _default_solver, claims_model, read_equilibria, verdicts
from .reading import EquilibriumReading

__all__ = ["BOUNDS", "OUTCOMES", "draw_record", "outcome_records", "outcomes_dataset", "policy_bounds",
           "prior_draws", "prior_outcomes", "provenance"]

OUTCOMES = ("deterrence", "war", "success", "nuclear", "coalition_payoff")
BOUNDS = ("min", "max")
SOLVER = ("escalation.models.guarantee.solve_guarantee: the generic perfect Bayesian solver "
          "(escalation.solvers.perfect_bayesian) with its defaults for this game")


def _policy(reading: EquilibriumReading, level: str, coalition: int) -> dict[str, Fraction]:
    """The outcome probabilities and the coalition's expected payoff of "offer ``level``" in one equilibrium."""
    summary = reading.policy(level)
    value = continuation_values(reading.game, reading.forced(level))[0][coalition]
    return {"deterrence": 1 - summary["P_attack"], "war": summary["P_war"], "success": summary["P_succ"],
            "nuclear": summary["P_nuclear"], "coalition_payoff": value}


def policy_bounds(game: ExtensiveFormGame, found: Equilibria, level: str) -> dict[str, tuple[Fraction, Fraction]]:
    """Minimum and maximum of each outcome of "offer ``level``" over every equilibrium ``found`` stands for.

    Every solution is read, and within a solution every combination of its
    alternative continuations after ``level`` (continuations after other
    offers do not change this policy's outcome).
    """
    coalition = game.players.index("Coalition")
    seen: dict[str, list[Fraction]] = {k: [] for k in OUTCOMES}
    for solution in found:
        alternatives = dict(getattr(solution, "alternatives", None) or {})
        groups = sorted(d for d, levels in _levels_of_groups(game, alternatives).items() if level in levels)
        if math.prod(len(alternatives[g]) for g in groups) > MAX_VARIANTS:
            raise EscalationError(f"offer {level} has more than {MAX_VARIANTS} off-path continuations to read")
        for behaviour in _variants(solution.behaviour, alternatives, groups):
            for name, value in _policy(EquilibriumReading(game, behaviour), level, coalition).items():
                seen[name].append(value)
    return {name: (min(values), max(values)) for name, values in seen.items()}


def solved_bounds(model: Model, point: Mapping[str, Any], offpath: Any = "D1",
                  solver: Callable[..., Equilibria] | None = None
                  ) -> tuple[ExtensiveFormGame, Equilibria, dict[str, dict[str, tuple[Fraction, Fraction]]]]:
    """The game at ``point``, its equilibria, and every menu level's :func:`policy_bounds`.

    Raises :class:`~escalation.errors.EscalationError` when the solver finds no equilibrium.
    """
    game = model.build(model.values(**point))
    found = (solver or _default_solver)(game, offpath=offpath)
    if not len(found):
        raise EscalationError("the solver found no equilibrium")
    levels = EquilibriumReading(game, found[0].behaviour).levels
    return game, found, {lv: policy_bounds(game, found, lv) for lv in levels}


def draw_record(model: Model, point: Mapping[str, Any], drawn: Sequence[str], offpath: Any = "D1",
                solver: Callable[..., Equilibria] | None = None) -> dict[str, Any]:
    """Solve the game at ``point`` once and read every level of the menu (JSON-ready, exact strings).

    ``drawn`` names the parameters recorded with the draw (those with a prior).
    """
    record: dict[str, Any] = {"parameters": {k: float(point[k]) for k in drawn}}
    try:
        game, found, outcomes = solved_bounds(model, point, offpath, solver)
        claims = {lv: {c: v.status for c, v in verdicts(read_equilibria(game, found, lv)[1]).items()}
                  for lv in outcomes if level_force(lv) != 0}
    except EscalationError as err:
        return {**record, "solved": False, "error": str(err)}
    return {**record, "solved": True, "error": "", "solutions": len(found),
            "equilibria": found.count if found.count is not None else len(found),
            "complete": bool(found.complete), "knife_edge": list(found.knife_edge),
            "options": {k: str(v) for k, v in dict(found.options).items()},
            "outcomes": {lv: {k: [str(lo), str(hi)] for k, (lo, hi) in bounds.items()}
                         for lv, bounds in outcomes.items()},
            "claims": claims}


def prior_draws(model: Model | str, n: int, seed: int) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """``n`` draws from the priors, draw ``i`` from its own generator ``numpy.random.default_rng([seed, i])``.

    So the first ``m`` draws of ``n`` are the draws of ``m``: an archive can be extended, split
    between workers, or checked on a few draws, and stays the same.  Returns the points and the
    number of draws rejected (summed over the draws), by reason (:func:`~.monte_carlo.draw_points`).

    >>> a, _ = prior_draws("guarantee", 3, seed=1)
    >>> b, _ = prior_draws("guarantee", 2, seed=1)
    >>> a[:2] == b
    True
    """
    points: list[dict[str, Any]] = []
    rejected: dict[str, int] = {}
    for i in range(n):
        (point,), why = draw_points(model, 1, np.random.default_rng([seed, i]))
        points.append(point)
        for reason, count in why.items():
            rejected[reason] = rejected.get(reason, 0) + count
    return points, rejected


def outcome_records(model: Model | str = "guarantee", n: int = 100, seed: int = 0, offpath: str = "D1", *,
                    solver: Callable[..., Equilibria] | None = None, progress: Callable[[int], None] | None = None,
                    max_solves: int | None = MAX_SOLVES) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The records of :func:`prior_outcomes` (one per draw, exact strings) and their provenance.

    With the default solver a job of more than ``max_solves`` draws is refused
    before drawing (each is an exact search of seconds), as in :func:`~.monte_carlo.share`.
    """
    model = claims_model(model)
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
        raise ParameterError("n", f"needs at least one draw, got {n!r}")
    if solver is None:
        _check_cost(n, [], None, max_solves)
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer):
        raise ParameterError("seed", f"must be a whole number (it is recorded with the data), got {seed!r}")
    if not isinstance(offpath, str):
        raise ParameterError("offpath", f"must be one rule by name (it is recorded with the data), got {offpath!r}")
    points, rejected = prior_draws(model, n, int(seed))
    drawn = [k for k, p in model.parameters.items() if p.prior is not None]
    records = []
    for i, point in enumerate(points):
        records.append(draw_record(model, point, drawn, offpath, solver))
        if progress is not None:
            progress(i + 1)
    return records, provenance(model.name, n, int(seed), offpath, rejected, solver)


def prior_outcomes(model: Model | str = "guarantee", n: int = 100, seed: int = 0, offpath: str = "D1", *,
                   solver: Callable[..., Equilibria] | None = None, progress: Callable[[int], None] | None = None,
                   max_solves: int | None = MAX_SOLVES) -> xr.Dataset:
    """Outcomes of every force level over ``n`` draws from the priors, each draw solved once.

    Parameters
    ----------
    model : Model or str
        ``"guarantee"`` or one of its variants.
    n : int
        Number of (accepted) draws (:func:`prior_draws`: conditioned on the type definitions, and the
        first ``m`` draws of ``n`` are the draws of ``m``).
    seed : int
        Seed of the draws; recorded.
    offpath : str
        The off-path belief rule (``"D1"``, ``"intuitive"``, ``"prior"``, ``"free"``).
    solver : callable, optional
        ``solver(game, offpath=...) -> Equilibria``; default the generic perfect Bayesian solver.
    progress : callable, optional
        Called with the number of draws done after each draw.
    max_solves : int or None
        Refuse more draws than this with the default solver (``None`` lifts the limit).

    Returns
    -------
    xarray.Dataset
        See :func:`outcomes_dataset`.
    """
    return outcomes_dataset(*outcome_records(model, n, seed, offpath, solver=solver, progress=progress,
                                             max_solves=max_solves))


def provenance(model: str, n: int, seed: int, offpath: str, rejected: Mapping[str, int],
               solver: Callable[..., Any] | None = None) -> dict[str, Any]:
    """The attributes that say how the records were made."""
    return {"model": model, "draws": n, "seed": seed, "offpath": offpath,
            "solver": SOLVER if solver is None else getattr(solver, "__qualname__", repr(solver)),
            "version": __version__, "rejected": dict(sorted(rejected.items())),
            "method": "draws from the parameters' priors conditioned on the model's orderings and type definitions "
                      "(escalation.claims.draw_points; draw i from numpy default_rng([seed, i])); each draw "
                      "solved once; every force level read as a policy (both coalition types offer it); outcomes "
                      "as min and max over every equilibrium found (solutions and their off-path continuations)",
            "command": f"escalation claims {model} --samples {n} --seed {seed} --offpath {offpath} "
                       f"--max-solves {n} --outcomes --save FILE"}


def outcomes_dataset(records: Sequence[Mapping[str, Any]], attrs: Mapping[str, Any]) -> xr.Dataset:
    """The records of :func:`draw_record` as a Dataset.

    Variables: ``value`` (draw, level, outcome, bound) as floats of the exact
    values (NaN where unsolved); ``status`` (draw, planned, claim) coded
    0 none, 1 some, 2 all, -1 undefined or unsolved; per draw ``solved``,
    ``solutions``, ``equilibria``, ``knife_edge`` (how many knife edges the
    solver reported), ``complete``; ``budget_share`` :math:`kF/B` (draw, level).
    The drawn parameter values are coordinates along ``draw``.
    """
    solved = [r for r in records if r["solved"]]
    if not solved:
        raise ParameterError("records", "no draw was solved: there is nothing to summarise")
    levels = list(solved[0]["outcomes"])
    planned = list(solved[0]["claims"])
    outcome = np.full((len(records), len(levels), len(OUTCOMES), len(BOUNDS)), np.nan)
    status = np.full((len(records), len(planned), len(CLAIM_IDS)), -1, dtype=np.int8)
    for d, r in enumerate(records):
        if not r["solved"]:
            continue
        for i, lv in enumerate(levels):
            for j, name in enumerate(OUTCOMES):
                outcome[d, i, j] = [float(Fraction(x)) for x in r["outcomes"][lv][name]]
        for i, lv in enumerate(planned):
            for j, claim in enumerate(CLAIM_IDS):
                status[d, i, j] = CODES.get(r["claims"][lv].get(claim, ""), -1)
    force = np.array([float(level_force(lv)) for lv in levels])
    params = {k: ("draw", [r["parameters"][k] for r in records]) for k in records[0]["parameters"]}
    ds = xr.Dataset(
        {"value": (("draw", "level", "outcome", "bound"), outcome),
         "status": (("draw", "planned", "claim"), status),
         "solved": ("draw", [bool(r["solved"]) for r in records]),
         "solutions": ("draw", [int(r.get("solutions", 0)) for r in records]),
         "equilibria": ("draw", [int(r.get("equilibria", 0)) for r in records]),
         "knife_edge": ("draw", [len(r.get("knife_edge", [])) for r in records]),
         "complete": ("draw", [bool(r.get("complete", False)) for r in records])},
        coords={"draw": np.arange(len(records)), "level": levels, "force": ("level", force),
                "outcome": list(OUTCOMES), "bound": list(BOUNDS), "planned": planned, "claim": list(CLAIM_IDS),
                **params})
    if "k" in params and "B" in params:
        ds["budget_share"] = ds["k"] * ds["force"] / ds["B"]
    ds.attrs.update({k: v if isinstance(v, str | int) else str(v) for k, v in attrs.items()})
    ds.attrs["unsolved"] = len(records) - len(solved)
    return ds
