r"""The share of prior draws in which each claim holds (in all, some or none of the equilibria).

:func:`share` draws :math:`n` parameter points from the parameters' priors
(the ``prior`` of each :class:`escalation.parameters.Parameter`), solves the game at each with
the generic perfect Bayesian solver and reads every claim in every
equilibrium (:func:`~.point.at`).  For each claim and verdict :math:`v \in`
{all, some, none} it reports the count, the share :math:`\hat p` among the
solved draws, the Monte Carlo standard error :math:`\sqrt{\hat p(1-\hat p)/n}`
and the 95% Wilson interval

.. math:: \frac{\hat p + z^2/2n \pm z\sqrt{\hat p(1-\hat p)/n + z^2/4n^2}}{1 + z^2/n}, \quad z = 1.96.

The prior is conditioned, as in the research brief (§2.5), on the model's
orderings and on the type definitions: a revisionist Russia would attack a
Ukraine that gets neither arms nor a force, a limited one would not.  Draws
that break them are redrawn; how many were is recorded (``rejected``).
Draws are rounded to six significant figures before they become exact
rationals.  A draw the solver cannot solve is counted (``unsolved``), never
dropped silently.

``over`` evaluates the shares as a function of a structural choice or a
parameter: ``{"planned": [25, 60, 150]}`` reads the claims with each menu level
as the planned force (the budget split :math:`kF/B` follows),
``{"offpath": ["D1", "prior"]}`` solves every draw under each off-path rule
(the robustness check of the brief's §7.3), and
``{"B": [15, 30, 60]}`` fixes a parameter at each value for every draw (the
other draws stay the same: common random numbers).

>>> [round(x, 4) for x in wilson(8, 10)]
[0.4902, 0.9433]
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import xarray as xr

from ..errors import EscalationError, ParameterError
from ..models import Model
from ..models.guarantee import payoffs as pay
from ..models.guarantee.checks import ORDERINGS
from .guarantee import CLAIM_IDS
from .point import STATUSES, _default_solver, claims_model, read_equilibria, verdicts

__all__ = ["draw_points", "share", "wilson"]

Z95 = 1.959963984540054
CODES = {"none": 0, "some": 1, "all": 2}
MAX_REJECTION_ROUNDS = 50
STRUCTURAL = ("planned", "offpath")  # keys of ``over`` that are not parameters
#: Exact solves :func:`share` runs with the generic solver unless asked for more (each is a search of seconds).
MAX_SOLVES = 100


def wilson(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval for a binomial share (``nan`` bounds when ``n`` is 0)."""
    if n == 0:
        return math.nan, math.nan
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def _rounded(x: np.ndarray) -> np.ndarray:
    """Draws rounded to six significant figures (so that they become exact rationals with short denominators)."""
    return np.array([float(f"{v:.6g}") for v in x])


def _attack_value(v: Mapping[str, np.ndarray], russia: str, a: str) -> np.ndarray:
    """CF1's attack value against Ukraine alone without arms (defence U0), in floats over a batch."""
    x, w = (v["x_P"], v["w_P"]) if a == "P" else (v["x_O"], 1.0)
    p = x ** v["m"] / (x ** v["m"] + (v["kappa"] * w * v["U0"]) ** v["m"])
    stake = v["V_Rev"] if russia == "Rev" else v["V_Lim"]
    cost = (v["c_P"] if a == "P" else v["c_O"]) + v["sigma"]
    prize = v["phi_P"] if a == "P" else v["phi_O"]
    return p * (prize * stake - cost) + (1 - p) * (-cost - v["h"])


def _reasons(v: Mapping[str, np.ndarray], condition: bool) -> np.ndarray:
    """Per draw, why it is rejected ("" if it is not): an ordering of §2.5 broken, or a type definition."""
    reason = np.full(len(v["W_H"]), "", dtype=object)
    checks = [(f"ordering broken at {high}", (v[low] >= v[high]) if strict else (v[low] > v[high]))
              for low, high, strict, _ in ORDERINGS]
    checks += [(f"ordering broken at {name}", (v[name] <= 0) | (v[name] >= 1))
               for name in ("rho_member", "pi_R", "beta")]
    checks.append(("ordering broken at k_quorum", v["k_quorum"] > v["N_members"]))
    if condition:
        rev = np.maximum(*(_attack_value(v, "Rev", a) for a in pay.ATTACKS))
        lim = np.maximum(*(_attack_value(v, "Lim", a) for a in pay.ATTACKS))
        checks += [("a revisionist would not attack an unarmed, unguarded Ukraine", rev <= 0),
                   ("a limited Russia would attack an unarmed, unguarded Ukraine", lim > 0)]
    for why, bad in checks:
        reason[(reason == "") & bad] = why
    return reason


def draw_points(model: Model | str, n: int, seed: Any = None, fixed: Mapping[str, Any] | None = None,
                condition: bool = True) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """``n`` parameter points from the priors (``fixed`` values and parameters without a prior held).

    The draws are rounded to six significant figures and kept as floats, each
    exactly such a decimal, which :func:`escalation.numbers.exact` (and so
    ``model.values``) reads as the exact rational.  The conditioning is
    evaluated in floating point on them (a draw within rounding error of a
    type definition's boundary may fall either way).  Returns the points and
    the number of draws rejected, by reason.
    """
    model = claims_model(model)
    if not isinstance(n, int | np.integer) or n < 1:
        raise ParameterError("n", f"needs at least one draw, got {n!r}")
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    fixed = dict(fixed or {})
    base = model.values(**fixed)
    drawn = [p for name, p in model.parameters.items() if p.prior is not None and name not in fixed]
    points: list[dict[str, Any]] = []
    rejected: dict[str, int] = {}
    for _ in range(MAX_REJECTION_ROUNDS):
        batch = {p.name: _rounded(p.sample(n, rng)) for p in drawn}
        floats = {**{k: np.full(n, float(x)) for k, x in base.items()}, **batch}
        reasons = _reasons(floats, condition)
        for i in range(n):
            if reasons[i]:
                rejected[reasons[i]] = rejected.get(reasons[i], 0) + 1
                continue
            points.append({**base, **{name: float(x[i]) for name, x in batch.items()}})
            if len(points) == n:
                return points, rejected
    raise ParameterError("prior", f"only {len(points)} of {n} draws satisfy the model's orderings and type "
                                  f"definitions after {MAX_REJECTION_ROUNDS} rounds; rejected: {rejected}")


def _grid(over: Mapping[str, Sequence[Any]] | None) -> tuple[list[str], list[tuple[Any, ...]]]:
    names = list(over or {})
    return names, list(itertools.product(*((over or {})[k] for k in names)))


def _solve_draw(model: Model, point: Mapping[str, Any], names: list[str], combos, offpath, solver) -> list[Any]:
    """Per grid combination: the verdict of every claim (or the error that stopped the solver)."""
    out: list[Any] = []
    solved: dict[tuple, Any] = {}
    for combo in combos:
        setting = dict(zip(names, combo, strict=True))
        planned = setting.pop("planned", None)
        rule = setting.pop("offpath", offpath)
        values = model.values(**{**point, **setting})
        key = (str(rule), *sorted((k, str(v)) for k, v in setting.items()))
        try:
            if key not in solved:
                game = model.build(values)
                solved[key] = (game, solver(game, offpath=rule))
            game, found = solved[key]
            _, variants = read_equilibria(game, found, None if planned is None else str(planned))
            out.append((verdicts(variants), bool(found.knife_edge)))
        except EscalationError as err:
            out.append(err)
    return out


def _check_cost(n: int, names: list[str], over: Mapping[str, Sequence[Any]] | None, limit: int | None) -> None:
    """Refuse a job of more exact solves than ``limit`` (the planned force is read, not solved, per level)."""
    solves = int(n) * math.prod(len((over or {})[k]) for k in names if k != "planned")
    if limit is not None and solves > limit:
        raise ParameterError("n", f"{solves} exact solves of the game (each a perfect Bayesian search of seconds "
                                  f"of CPU) exceed max_solves={limit}; pass max_solves={solves} (or None) to run "
                                  "them, on dask with backend='dask', or draw fewer")


def _chunk(model, points, names, combos, offpath, solver) -> list[list[Any]]:
    return [_solve_draw(model, p, names, combos, offpath, solver) for p in points]


def share(model: Model | str = "guarantee", n: int = 1000, seed: Any = None, *,
          over: Mapping[str, Sequence[Any]] | None = None, offpath: Any = "D1",
          fixed: Mapping[str, Any] | None = None, solver: Callable[..., Any] | None = None,
          backend: str = "serial", chunk: int = 100, condition: bool = True,
          max_solves: int | None = MAX_SOLVES) -> xr.Dataset:
    """Share of prior draws in which each claim holds in all, some or none of the equilibria.

    Parameters
    ----------
    model : Model or str
        ``"guarantee"`` or a variant.
    n : int
        Number of (accepted) draws.
    seed : int, numpy.random.Generator or None
        The source of randomness; the same seed gives the same draws and shares.
    over : mapping, optional
        ``{"planned": levels}``, ``{"offpath": rules}`` and/or ``{parameter: values}``: a
        dimension of the result per key.
    offpath : str or mapping
        The solver's off-path belief rule (see :func:`~.point.at`).
    fixed : mapping, optional
        Parameters held at a value instead of drawn.
    solver : callable, optional
        ``solver(game, offpath=...) -> Equilibria``; default the generic perfect Bayesian solver.
    backend : {"serial", "dask"}
        ``"dask"`` solves chunks of ``chunk`` draws as dask tasks (the default
        scheduler, or a ``dask.distributed`` client if one is active).
    condition : bool
        Condition the prior on the type definitions (default True, as in the brief).
    max_solves : int or None
        With the default solver, refuse (before drawing) a job of more exact
        solves than this (draws times off-path rules times parameter values);
        each is an exact perfect Bayesian search of seconds of CPU.  ``None``
        lifts the limit; ``backend="dask"`` spreads the solves over workers.

    Returns
    -------
    xarray.Dataset
        ``count``, ``share``, ``standard_error``, ``wilson_low``, ``wilson_high``
        over (``claim``, ``verdict``, *over*); ``solved``, ``unsolved`` and
        ``knife_edge`` counts; per draw ``status`` (0 none, 1 some, 2 all, -1
        undefined or unsolved) and the drawn parameter values.
    """
    model = claims_model(model)
    if backend not in ("serial", "dask"):
        raise ParameterError("backend", f"must be 'serial' or 'dask', got {backend!r}")
    names, combos = _grid(over)
    if solver is None:
        _check_cost(n, names, over, max_solves)
    solver = solver or _default_solver
    for name in names:
        if name not in STRUCTURAL:
            model.parameters[name]  # raises ParameterError for an unknown parameter
    points, rejected = draw_points(model, n, seed, fixed={**(fixed or {}), **{k: (over or {})[k][0]
                                                                               for k in names if k not in STRUCTURAL}},
                                   condition=condition)
    if backend == "dask":
        import dask

        tasks = [dask.delayed(_chunk)(model, points[i:i + chunk], names, combos, offpath, solver)
                 for i in range(0, len(points), chunk)]
        results = [r for part in dask.compute(*tasks) for r in part]
    else:
        results = _chunk(model, points, names, combos, offpath, solver)
    return _dataset(model, points, results, names, combos, over, rejected, seed, offpath)


def _dataset(model, points, results, names, combos, over, rejected, seed, offpath) -> xr.Dataset:
    shape = [len((over or {})[k]) for k in names]
    status = np.full((len(points), len(combos), len(CLAIM_IDS)), -1, dtype=np.int8)
    solved = np.zeros(len(combos), dtype=np.int64)
    knife = np.zeros(len(combos), dtype=np.int64)
    errors: list[str] = []
    for d, per_draw in enumerate(results):
        for c, result in enumerate(per_draw):
            if isinstance(result, Exception):
                errors.append(str(result))
                continue
            verdict, on_edge = result
            solved[c] += 1
            knife[c] += on_edge
            for k, claim in enumerate(CLAIM_IDS):
                status[d, c, k] = CODES.get(verdict[claim].status, -1)
    count = np.stack([(status == CODES[v]).sum(axis=0) for v in STATUSES], axis=-1)  # combo, claim, verdict
    with np.errstate(invalid="ignore", divide="ignore"):
        p = count / solved[:, None, None]
    se = np.sqrt(p * (1 - p) / solved[:, None, None])
    bounds = np.array([[[wilson(int(x), int(m)) for x in row] for row in block]
                       for block, m in zip(count, solved, strict=True)])
    dims = (*names, "claim", "verdict")
    coords = {**{k: [str(x) for x in (over or {})[k]] for k in names}, "claim": list(CLAIM_IDS),
              "verdict": list(STATUSES)}

    def grid(a):
        return a.reshape(tuple(shape) + a.shape[1:])

    ds = xr.Dataset({
        "count": (dims, grid(count)), "share": (dims, grid(p)), "standard_error": (dims, grid(se)),
        "wilson_low": (dims, grid(bounds[..., 0])), "wilson_high": (dims, grid(bounds[..., 1])),
        "solved": (tuple(names), grid(solved)), "unsolved": (tuple(names), grid(len(points) - solved)),
        "knife_edge": (tuple(names), grid(knife)),
        "status": (("draw", *names, "claim"), status.reshape((len(points), *shape, len(CLAIM_IDS)))),
    }, coords=coords)
    drawn = [k for k, p in model.parameters.items() if p.prior is not None and k not in names]
    for k in drawn:
        ds = ds.assign_coords({k: ("draw", [float(pt[k]) for pt in points])})
    ds.attrs.update({"model": model.name, "draws": len(points), "seed": str(seed), "offpath": str(offpath),
                     "rejected": str(rejected), "errors": "; ".join(sorted(set(errors))[:5]),
                     "method": "Monte Carlo over the parameters' priors; every equilibrium read; "
                               "shares among solved draws with Wilson 95% intervals",
                     "status codes": "0 none, 1 some, 2 all, -1 undefined or unsolved"})
    return ds
