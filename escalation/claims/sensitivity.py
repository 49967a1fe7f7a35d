r"""Global sensitivity of the guarantee game's outcomes: grouped Sobol indices over the priors.

For an outcome :math:`Y = f(X)` of independent inputs, the first-order index of
a group :math:`G` of inputs and its total index are

.. math:: S_G = \frac{\operatorname{Var}(E[Y \mid X_G])}{\operatorname{Var}(Y)}, \qquad
          S_{T,G} = \frac{E[\operatorname{Var}(Y \mid X_{\sim G})]}{\operatorname{Var}(Y)}:

the share of the variance the group explains alone, and the share it explains
with all its interactions.  :func:`sobol_records` evaluates the outcomes on
Saltelli's design (SALib's ``sobol.sample`` with ``calc_second_order=False``:
:math:`N(G + 2)` points for :math:`N` base samples and :math:`G` groups, a
scrambled Sobol' sequence seeded by ``seed``); :func:`sobol_indices` estimates
:math:`S_G` (Saltelli et al. 2010) and :math:`S_{T,G}` (Jansen 1999) with
bootstrap confidence intervals (SALib's ``sobol.analyze``).  The estimators
are unbiased but not bounded: with few base samples an index can come out
below zero or above one; that is noise, kept as it comes.

The groups are the sections of :mod:`escalation.models.guarantee.parameters`,
with Russia's section split into its stakes (what it wins, including consent
terms) and its costs (:data:`GROUPS`).  Sobol indices need independent inputs,
so the design is the product of the groups' priors.  Two orderings of the
model tie parameters within a group (:math:`c_P < c_O`, :math:`\rho_P \le
\rho_O`); each such pair is drawn from its uniform priors conditioned on the
ordering, by the inverse of its Rosenblatt transform (:func:`ordered_pair`).
The archive's prior (:func:`~.outcomes.prior_draws`) is also conditioned on
the two Russian types' definitions, which tie groups together (battle, budget,
Russia's stakes and costs); the design is not, so some of its points have a
"revisionist" who would not attack an unarmed Ukraine or a "limited" Russia
who would.  The game is defined there and is solved as it stands; the archive
counts those points (``outside_type_definitions``).

Each point is solved once by the same solver and read by the same code as the
prior archive (:func:`~.outcomes.policy_bounds`): every force level's outcomes
as the minimum and maximum over every equilibrium found.

SALib is needed to make the design and the indices (``pip install
'escalation[sensitivity]'``), not to read an archive: the figure reads the
indices stored in :data:`SOBOL_FILE`.

>>> [len(GROUPS[g]) for g in GROUPS]
[6, 6, 5, 6, 7, 7, 4]
>>> ordered_pair(0.5, 0.5, (0, 0.025), (0, 0.1))
(0.0125, 0.05625)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from importlib.metadata import version
from typing import Any

import numpy as np

from .._version import __version__
from ..errors import EscalationError, ParameterError
from ..extras import require
from ..models import Model
from ..solvers.solution import Equilibria
from .monte_carlo import _reasons, _rounded
from .outcomes import SOLVER, solved_bounds
from .point import claims_model

__all__ = ["GROUPS", "OUTPUTS", "complete_base_samples", "design", "design_points", "ordered_pair", "problem",
           "sobol_indices", "sobol_records", "solve_point"]

#: The groups of parameters whose indices are estimated (the sections of the parameter table).
GROUPS: dict[str, tuple[str, ...]] = {
    "budget and arms": ("U0", "eta", "B", "k", "omega", "psi_B"),
    "battle": ("x_O", "x_P", "kappa", "w_P", "lam", "b"),
    "tripwire": ("rho_O", "rho_P", "F_rho", "A0", "alpha"),
    "Russia's stakes": ("V_Lim", "phi_P", "zeta", "g0", "g_D", "s"),
    "Russia's costs": ("c_P", "c_O", "sigma", "h", "W_R", "q", "N_R"),
    "coalition's costs": ("N_C", "W_H", "W_L", "h_C", "c_f", "d", "g_v"),
    "types and priors": ("k_quorum", "rho_member", "pi_R", "beta"),
}
#: (smaller, larger): pairs drawn jointly, conditioned on the model's ordering smaller < larger.
ORDERED = (("c_P", "c_O"), ("rho_P", "rho_O"))
#: The outcomes read at every force level (of :data:`~.outcomes.OUTCOMES`).
READ = ("deterrence", "war")
#: name -> (outcome, level, bound, level subtracted or None): the outputs whose indices are estimated.
OUTPUTS: dict[str, tuple[str, str, str, str | None]] = {
    **{f"{o} at {lv} ({b})": (o, lv, b, None) for o in READ for lv in ("0", "25", "60", "150")
       for b in ("min", "max")},
    **{f"deterrence gain of {lv} over 0 (min)": ("deterrence", lv, "min", "0") for lv in ("25", "60", "150")},
}


CONF_LEVEL = 0.95
RESAMPLES = 1000
ANALYSIS = ("SALib.analyze.sobol.analyze(problem, Y, calc_second_order=False, conf_level={conf}, "
            "num_resamples={resamples}, seed=seed): first-order S1 (Saltelli et al. 2010) and total ST (Jansen 1999) "
            "per group; *_conf is the half-width of the {conf:.0%} bootstrap interval ({resamples} resamples of the "
            "base samples; normal approximation, z times the bootstrap standard deviation)")
OUTPUT_METHOD = ("'O at F (b)': the probability O of the policy 'offer F' (both coalition types offer F, later play "
                 "as in the equilibrium; F = 0 the porcupine), b the minimum or maximum over every equilibrium found "
                 "(escalation.claims.outcomes.policy_bounds); 'deterrence gain of F over 0 (min)': the minimum at F "
                 "less the minimum at 0")


def _names() -> list[str]:
    return [name for names in GROUPS.values() for name in names]


def problem() -> dict[str, Any]:
    """SALib's problem: every drawn parameter on the unit interval (mapped by :func:`design_points`), grouped."""
    names = _names()
    groups = [g for g, members in GROUPS.items() for _ in members]
    return {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names), "groups": groups}


def design(n: int, seed: int) -> np.ndarray:
    """Saltelli's design on the unit cube: ``n (G + 2)`` rows, ``n`` base samples (a power of two).

    The first ``m (G + 2)`` rows of a design of ``n`` base samples are the design of ``m``.
    """
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 2 or n & (n - 1):
        raise ParameterError("n", f"the Sobol' design needs a power of two base samples (>= 2), got {n!r}")
    sobol = require("SALib.sample.sobol", "sensitivity", "the Sobol design")
    return sobol.sample(problem(), int(n), calc_second_order=False, scramble=True, seed=int(seed))


def ordered_pair(u_small: float, u_large: float, small: tuple[float, float],
                 large: tuple[float, float]) -> tuple[float, float]:
    r"""Uniform priors on ``small`` = [0, a] and ``large`` = [L, H] conditioned on smaller < larger.

    The larger one's marginal has density proportional to :math:`\min(a, x)` on
    :math:`[L, H]` (:math:`0 \le L < a < H`); it is drawn by inverting its
    distribution function at ``u_large``, the smaller one uniformly on
    :math:`[0, \min(a, x))` at ``u_small``.  Independent uniform ``u`` give
    exactly the conditioned prior.
    """
    (zero, a), (lo, hi) = small, large
    if zero != 0 or not lo < a < hi:
        raise ParameterError("prior", f"ordered_pair needs ranges [0, a] and [L, H] with L < a < H, got {small}, "
                                      f"{large}")
    ramp = (a * a - lo * lo) / 2
    mass = u_large * (ramp + a * (hi - a))
    x = math.sqrt(lo * lo + 2 * mass) if mass <= ramp else a + (mass - ramp) / a
    return u_small * min(a, x), x


def _range(model: Model, name: str) -> tuple[float, float]:
    plausible = model.parameters[name].plausible
    if plausible is None:
        raise ParameterError(name, "needs a plausible range for the Sobol design")
    return float(plausible[0]), float(plausible[1])


def design_points(model: Model | str, unit: np.ndarray) -> list[dict[str, Any]]:
    """Parameter points from rows of the unit cube: each prior's quantile function, the ordered pairs jointly.

    Values are rounded to six significant figures, as in :func:`~.monte_carlo.draw_points`.
    """
    model = claims_model(model)
    names = _names()
    columns = {}
    for j, name in enumerate(names):
        prior = model.parameters[name].prior
        if prior is None or not hasattr(prior, "ppf"):
            raise ParameterError(name, "needs a prior with a quantile function (ppf) for the Sobol design")
        columns[name] = prior.ppf(unit[:, j])
    for small, large in ORDERED:
        low, high = (_range(model, p) for p in (small, large))
        pairs = [ordered_pair(us, ul, low, high) for us, ul in zip(unit[:, names.index(small)],
                                                                   unit[:, names.index(large)], strict=True)]
        columns[small], columns[large] = (np.array(c) for c in zip(*pairs, strict=True))
    base = model.values()
    rounded = {name: _rounded(np.asarray(col, dtype=float)) for name, col in columns.items()}
    return [{**base, **{name: float(col[i]) for name, col in rounded.items()}} for i in range(len(unit))]


def solve_point(model: Model, point: Mapping[str, Any], offpath: str = "D1",
                solver: Callable[..., Equilibria] | None = None) -> dict[str, Any]:
    """Solve the game at ``point`` once; every level's outcomes (``READ``) as exact [min, max] strings."""
    try:
        _, found, bounds = solved_bounds(model, point, offpath, solver)
    except EscalationError as err:
        return {"solved": False, "error": str(err)}
    return {"solved": True, "solutions": len(found), "knife_edge": len(found.knife_edge),
            "outcomes": {lv: {o: [str(x) for x in b[o]] for o in READ} for lv, b in bounds.items()}}


def _nudged(point: Mapping[str, Any]) -> dict[str, Any]:
    """The point with its drawn values rounded to five significant figures (off an exact tie)."""
    return {k: float(f"{v:.5g}") if k in _names() else v for k, v in point.items()}


def sobol_records(model: Model | str = "guarantee", n: int = 64, seed: int = 0, offpath: str = "D1", *,
                  rows: range | None = None, solver: Callable[..., Equilibria] | None = None,
                  progress: Callable[[int], None] | None = None,
                  max_solves: int | None = 100) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Solve the game at every point of the design (or at ``rows`` of it); the records and their provenance.

    A point the solver cannot solve (an exact tie it cannot describe, or no
    assessment in its bounded search: by default the guarantee game is searched
    for pure assessments only, and a point whose equilibria all mix has none) is
    solved again with its values rounded to five significant figures; the
    record says so (``nudged``).  A point still unsolved keeps its error in the
    record; :func:`sobol_indices` leaves out its base sample if asked to.
    With the default solver a design of more than ``max_solves`` points is
    refused before anything is solved.
    """
    model = claims_model(model)
    unit = design(n, seed)
    rows = rows if rows is not None else range(len(unit))
    if solver is None and max_solves is not None and len(rows) > max_solves:
        raise ParameterError("n", f"{len(rows)} exact solves of the game (each seconds of CPU) exceed max_solves="
                                  f"{max_solves}; pass max_solves={len(rows)} (or None) to run them")
    points = design_points(model, unit)
    records = []
    for i in rows:
        record = solve_point(model, points[i], offpath, solver)
        if not record["solved"]:
            record = {**solve_point(model, _nudged(points[i]), offpath, solver), "nudged": True}
        records.append({"row": i, **record})
        if progress is not None:
            progress(len(records))
    return records, provenance(model, n, seed, offpath, points, solver)


def provenance(model: Model, n: int, seed: int, offpath: str, points: Sequence[Mapping[str, Any]],
               solver: Callable[..., Any] | None = None) -> dict[str, Any]:
    """How the records were made (the design, its groups, SALib's version, the solver)."""
    floats = {k: np.array([float(p[k]) for p in points]) for k in points[0]}
    outside = int(sum(1 for r in _reasons(floats, True) if r))
    require("SALib", "sensitivity", "the Sobol design")
    return {"model": model.name, "base_samples": n, "groups": {g: list(m) for g, m in GROUPS.items()},
            "points": len(points), "seed": seed, "offpath": offpath,
            "design": "SALib.sample.sobol.sample(problem, N, calc_second_order=False, scramble=True, seed=seed): "
                      "Saltelli's scheme on a scrambled Sobol' sequence, N (G + 2) points; unit cube mapped "
                      "through each prior's quantile function, (c_P, c_O) and (rho_P, rho_O) drawn jointly "
                      "conditioned on their ordering (escalation.claims.sensitivity.design_points)",
            "outside_type_definitions": outside,
            "analysis": ANALYSIS.format(conf=CONF_LEVEL, resamples=RESAMPLES), "outputs": OUTPUT_METHOD,
            "salib": version("SALib"),
            "solver": SOLVER if solver is None else getattr(solver, "__qualname__", repr(solver)),
            "version": __version__,
            "command": f"escalation claims {model.name} --sobol {n} --seed {seed} --offpath {offpath} "
                       f"--max-solves {len(points)} --save FILE"}


def output_values(records: Sequence[Mapping[str, Any]], output: str) -> np.ndarray:
    """One output of :data:`OUTPUTS` at every record, as floats of the exact values (NaN where unsolved)."""
    outcome, level, bound, minus = OUTPUTS[output]
    j = ("min", "max").index(bound)

    def value(r: Mapping[str, Any], lv: str) -> float:
        return float(Fraction(r["outcomes"][lv][outcome][j])) if r.get("solved") else math.nan

    return np.array([value(r, level) - (value(r, minus) if minus else 0.0) for r in records])


def complete_base_samples(records: Sequence[Mapping[str, Any]], n: int) -> tuple[list[Mapping[str, Any]], list[int]]:
    r"""The records of the base samples whose every point is solved, and the base samples left out.

    Saltelli's design stores base sample :math:`j` as the :math:`G + 2` consecutive
    rows :math:`A_j, A_B^{(1)}_j, \dots, A_B^{(G)}_j, B_j`; the estimators use each
    base sample only through its own rows, so leaving out a whole base sample
    gives the same estimators on the remaining ones (over the prior conditioned
    on the left-out points' outcomes being found, which the caller reports).

    >>> rows = [{"row": i, "solved": i != 12} for i in range(2 * (len(GROUPS) + 2))]
    >>> kept, left_out = complete_base_samples(rows, 2)
    >>> [r["row"] for r in kept], left_out
    ([0, 1, 2, 3, 4, 5, 6, 7, 8], [1])
    """
    step = len(GROUPS) + 2
    if len(records) != n * step or [r["row"] for r in records] != list(range(len(records))):
        raise ParameterError("records", f"need the {n * step} records of the design in order, got {len(records)}")
    left_out = [j for j in range(n) if not all(r.get("solved") for r in records[j * step:(j + 1) * step])]
    kept = [r for j in range(n) if j not in left_out for r in records[j * step:(j + 1) * step]]
    return kept, left_out


def sobol_indices(records: Sequence[Mapping[str, Any]], n: int, seed: int, *, conf_level: float = CONF_LEVEL,
                  resamples: int = RESAMPLES, leave_out_unsolved: bool = False) -> dict[str, Any]:
    """First-order and total indices of every output in :data:`OUTPUTS`, with bootstrap intervals.

    ``records`` are the design's records in order.  An output that does not
    vary over the design has no indices (``None``, with its constant value).
    An unsolved point is refused, unless ``leave_out_unsolved``: then every base
    sample with an unsolved point is left out (:func:`complete_base_samples`)
    and each output's table says how many base samples it used
    (``base_samples``); the caller must report which were left out.
    """
    analyze = require("SALib.analyze.sobol", "sensitivity", "Sobol indices")
    kept, left_out = complete_base_samples(records, n)
    if left_out and not leave_out_unsolved:
        unsolved = sum(1 for r in records if not r.get("solved"))
        raise ParameterError("records", f"{unsolved} design points are unsolved: no indices")
    if len(left_out) == n:
        raise ParameterError("records", f"every one of the {n} base samples has an unsolved point: no indices")
    used = {"base_samples": n - len(left_out)} if leave_out_unsolved else {}
    out: dict[str, Any] = {}
    for output in OUTPUTS:
        y = output_values(kept, output)
        if np.ptp(y) == 0:
            out[output] = {"constant": float(y[0]), **used}
            continue
        res = analyze.analyze(problem(), y, calc_second_order=False, conf_level=conf_level,
                              num_resamples=resamples, seed=seed, print_to_console=False)
        out[output] = {"mean": float(y.mean()), "variance": float(y.var()), **used,
                       **{g: {k: float(res[k][i]) for k in ("S1", "S1_conf", "ST", "ST_conf")}
                          for i, g in enumerate(GROUPS)}}
    return out
