r"""Borgonovo's moment-independent importance of each parameter for the claims and outcomes over the prior.

For an output :math:`Y` and an input :math:`X_i`, Borgonovo's (2007) index is

.. math:: \delta_i = \tfrac12\, E_{X_i}\Bigl[\int \bigl|f_Y(y) - f_{Y \mid X_i}(y)\bigr|\,dy\Bigr],

half the expected :math:`L^1` distance between the distribution of :math:`Y`
and its distribution once :math:`X_i` is known: :math:`0 \le \delta_i \le 1`,
and :math:`\delta_i = 0` exactly when :math:`Y` is independent of :math:`X_i`.
It looks at the whole distribution, not at the variance, so it suits the
claims' verdicts and the outcomes' atoms at 0 and 1, where a Sobol index reads
a piecewise constant output through its variance only.  Unlike Sobol indices
it needs no independence between the inputs, so it is computed on the prior
archive's draws as they are (conditioned on the type definitions).

**Given data** (Plischke, Borgonovo & Smith 2013, *EJOR* 226: 536-550): the
:math:`N` draws are split into :math:`M` classes of equal frequency by the
rank of :math:`X_i` (:func:`partition`; tied values stay in one class), and
for a discrete output with empirical distribution :math:`\hat p(y)`, and
:math:`\hat p_m(y)` in class :math:`m` of :math:`n_m` draws,

.. math:: \hat\delta_i = \tfrac12 \sum_m \frac{n_m}{N} \sum_y \bigl|\hat p_m(y) - \hat p(y)\bigr|
          = \tfrac12 \sum_{m, y} \bigl|\hat p(m, y) - \hat p(m)\,\hat p(y)\bigr|,

the total variation distance between the joint distribution of (class,
output) and the product of its marginals; no density is estimated.  The
number of classes follows Plischke et al.'s rule for given data,
:math:`M(N) = \lceil N^{2/(7 + \tanh((1500 - N)/500))} \rceil` capped at 48
(:func:`class_count`; SALib's ``delta`` uses the same): :math:`M = 4` classes
of 25 draws at :math:`N = 100`.  A continuous output is first cut into fixed
bins (:func:`binned`); its index is then the :math:`\delta` **of the binned
output**, which is at most that of the output itself.

The estimator is biased upward at small :math:`N`: with :math:`Y`
independent of :math:`X_i` each :math:`\hat p_m` still differs from
:math:`\hat p` by sampling noise.  :func:`delta_indices` therefore reports,
with each :math:`\hat\delta_i`,

* the bias-reduced estimate :math:`2\hat\delta_i - \bar\delta^*_i` and the
  percentile interval of the bias-reduced bootstrap replicates
  :math:`2\hat\delta_i - \hat\delta^*_{i,b}` (draws resampled with
  replacement; Plischke et al.'s eq. 30, as SALib does).  The plain percentile
  interval of :math:`\hat\delta^*` is not used: a resample repeats draws, so
  its replicates carry the bias twice and sit above :math:`\hat\delta_i` (on
  2,000 draws with ten output bins it put an input the output does not depend
  on clear of the null);
* a null reference: the same estimator with :math:`X_i` replaced by a random
  permutation of itself, its 95% quantile over the permutations;

and calls an index a **finding** only when the interval's lower bound exceeds
that quantile.  The rule is conservative (the null's quantile keeps the bias
the interval has shed): in a simulation with 100 draws, outputs of two to
five values and 10,000 inputs independent of them, 4 indices were findings.
Both use one seeded :class:`numpy.random.Generator`; the same
resamples and permutations serve every input, so an index does not depend on
which other inputs are computed.

The parameters are the drawn ones of the prior archive (:data:`PARAMETERS`,
the members of :data:`~.sensitivity.GROUPS`); the outputs (:func:`outputs`)
are each ledger claim's verdict (all / some / none of the equilibria; draws
where the claim is undefined left out) per planned force, and the outcomes of
the Sobol analysis (:data:`~.sensitivity.OUTPUTS`), binned.  Indices are per
parameter only: a group's index would need classes over the joint range of
its four to seven members, which 100 draws cannot fill.

A hand-computable case: :math:`Y = 1[X > 1/2]` on eight points of a grid, two
classes of four; each class has one value of :math:`Y`, so
:math:`\hat\delta = \tfrac12 (\tfrac12 \cdot 1 + \tfrac12 \cdot 1) = \tfrac12`:

>>> x = np.arange(1, 9) / 8
>>> delta(x, x > 0.5, classes=2)
0.5
>>> delta(x, np.array([0, 1] * 4), classes=2)   # Y alternates: no class tells anything about it
0.0
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import xarray as xr

from ..errors import ParameterError
from .archive import PRIOR_FILE, read_archive
from .monte_carlo import CODES
from .outcomes import outcomes_dataset
from .sensitivity import GROUPS, OUTPUTS, output_values
from .summaries import LEDGER

__all__ = ["DIFFERENCE_BINS", "MIN_DRAWS", "PARAMETERS", "PROBABILITY_BINS", "Bins", "DeltaIndex", "binned",
           "class_count", "delta", "delta_indices", "outputs", "partition", "prior_deltas"]

#: The drawn parameters of the prior archive (the members of the Sobol groups), in the groups' order.
PARAMETERS: tuple[str, ...] = tuple(name for members in GROUPS.values() for name in members)
GROUP_OF = {name: group for group, members in GROUPS.items() for name in members}
#: Fewer draws than this give classes of a handful of draws whose index is mostly bias: refused.
MIN_DRAWS = 20
RESAMPLES = 1000
PERMUTATIONS = 200
LEVEL = 0.95
NULL_QUANTILE = 0.95
CELLS_PER_CHUNK = 1 << 22  # booleans held at once when classes are assigned to many resamples


@dataclass(frozen=True)
class Bins:
    """Fixed bins of a continuous output: each ``atom`` its own bin, the rest cut at ``edges`` (closed right)."""

    atoms: tuple[float, ...]
    edges: tuple[float, ...]
    text: str


#: Probabilities (deterrence, war): exactly 0, (0, 1/4], (1/4, 1/2], (1/2, 3/4], (3/4, 1), exactly 1.
PROBABILITY_BINS = Bins((0.0, 1.0), (0.25, 0.5, 0.75), "0, (0, 1/4], (1/4, 1/2], (1/2, 3/4], (3/4, 1), 1")
#: Differences of probabilities (a gain over the porcupine): [-1, -1/2], (-1/2, 0), exactly 0, (0, 1/2], (1/2, 1].
DIFFERENCE_BINS = Bins((0.0,), (-0.5, 0.0, 0.5), "[-1, -1/2], (-1/2, 0), 0, (0, 1/2], (1/2, 1]")


@dataclass(frozen=True)
class DeltaIndex:
    """One input's :math:`\\hat\\delta`, bias-reduced with its bootstrap interval, the null's quantile, the verdict."""

    parameter: str
    delta: float
    corrected: float
    low: float
    high: float
    null: float
    finding: bool

    def to_dict(self) -> dict[str, Any]:
        """The index as JSON-ready values."""
        return asdict(self)


def class_count(n: int) -> int:
    r"""Plischke et al.'s number of equal-frequency classes for :math:`N` draws.

    :math:`M(N) = \min(48, \lceil N^{2/(7 + \tanh((1500 - N)/500))} \rceil)`, about
    :math:`N^{1/4}` for small :math:`N` and :math:`N^{1/3}` for large.

    >>> [class_count(n) for n in (20, 100, 1000, 2000)]
    [3, 4, 6, 12]
    """
    return min(48, math.ceil(n ** (2.0 / (7.0 + math.tanh((1500.0 - n) / 500.0)))))


def partition(x: np.ndarray, classes: int) -> np.ndarray:
    r"""The class (0 .. ``classes`` - 1) of each value along the last axis, by its rank.

    A value whose rank (the number of values strictly below it) is :math:`r`
    falls in class :math:`\lfloor M r / N \rfloor`: without ties the classes
    hold :math:`N/M` values each (one more or fewer when :math:`M` does not
    divide :math:`N`); tied values share their lowest rank and so one class.
    Only the order of the values matters, so the classes are the same after any
    strictly increasing transformation.

    >>> partition(np.array([0.3, 0.1, 0.4, 0.2]), 2)
    array([1, 0, 1, 0])
    >>> partition(np.array([1.0, 1.0, 1.0, 2.0]), 2)    # ties stay together
    array([0, 0, 0, 1])
    """
    n = x.shape[-1]
    order = np.argsort(x, axis=-1, kind="stable")
    ordered = np.take_along_axis(x, order, axis=-1)
    position = np.broadcast_to(np.arange(n), ordered.shape)
    first = np.concatenate([np.ones((*ordered.shape[:-1], 1), dtype=bool),
                            ordered[..., 1:] != ordered[..., :-1]], axis=-1)
    lowest = np.maximum.accumulate(np.where(first, position, 0), axis=-1)
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, lowest, axis=-1)
    return (rank * classes) // n


def _deltas(x: np.ndarray, labels: np.ndarray, classes: int, categories: int) -> np.ndarray:
    """:math:`\\hat\\delta` of each row: ``x`` and integer ``labels`` (0 .. categories - 1) of shape (R, N)."""
    rows, n = x.shape
    out = np.empty(rows)
    step = max(1, CELLS_PER_CHUNK // (n * classes))
    for start in range(0, rows, step):
        xs, ys = x[start:start + step], labels[start:start + step]
        r = len(xs)
        cell = (np.arange(r)[:, None] * classes + partition(xs, classes)) * categories + ys
        joint = np.bincount(cell.ravel(), minlength=r * classes * categories).reshape(r, classes, categories) / n
        product = joint.sum(axis=2, keepdims=True) * joint.sum(axis=1, keepdims=True)
        out[start:start + r] = 0.5 * np.abs(joint - product).sum(axis=(1, 2))
    return out


def _labels(y: Any, name: str) -> tuple[np.ndarray, int]:
    """The output's values as integer codes 0 .. K - 1 (in sorted order of the values), and K."""
    y = np.asarray(y)
    if y.ndim != 1 or len(y) < 2:
        raise ParameterError(name, f"must be one value per draw for at least two draws, got shape {y.shape}")
    if y.dtype.kind == "f" and np.isnan(y).any():
        raise ParameterError(name, f"is undefined (NaN) at {int(np.isnan(y).sum())} draws; leave them out first")
    values, codes = np.unique(y, return_inverse=True)
    if len(values) > max(2, math.isqrt(len(y))):
        raise ParameterError(name, f"takes {len(values)} values over {len(y)} draws (more than the square root "
                                   "of the draws): bin a continuous output first (escalation.claims.delta.binned)")
    return codes.reshape(-1), len(values)


def _input(x: Any, name: str, n: int) -> np.ndarray:
    try:
        x = np.asarray(x, dtype=float)
    except (TypeError, ValueError):
        raise ParameterError(name, "has values that are not numbers") from None
    if x.shape != (n,):
        raise ParameterError(name, f"has {x.size} values, the output {n}")
    if not np.isfinite(x).all():
        raise ParameterError(name, "has values that are not finite numbers")
    return x


def delta(x: Any, y: Any, classes: int | None = None) -> float:
    """The given-data :math:`\\hat\\delta` of a discrete output ``y`` with respect to the input ``x``.

    Parameters
    ----------
    x : array_like
        The input's value at each draw.
    y : array_like
        The output's value at each draw: labels of a discrete output (at most
        :math:`\\sqrt N` of them; :func:`binned` cuts a continuous one).
    classes : int, optional
        The number of equal-frequency classes of ``x``; default :func:`class_count`.

    A constant output has :math:`\\hat\\delta = 0`:

    >>> delta([1, 2, 3, 4], ["all"] * 4, classes=2)
    0.0
    """
    labels, categories = _labels(y, "output")
    xs = _input(x, "input", len(labels))
    m = _classes(classes, len(labels))
    return float(_deltas(xs[None, :], labels[None, :], m, categories)[0])


def _classes(classes: int | None, n: int) -> int:
    if classes is None:
        return class_count(n)
    if isinstance(classes, bool) or not isinstance(classes, int | np.integer) or not 2 <= classes <= n:
        raise ParameterError("classes", f"must be a whole number from 2 to the number of draws ({n}), got {classes!r}")
    return int(classes)


def binned(y: Any, bins: Bins = PROBABILITY_BINS) -> np.ndarray:
    """The bin of each value of a continuous output: atoms first (``"=0"``), then intervals ``"<=e"`` / ``">e"``.

    >>> binned(np.array([0.0, 0.1, 0.3, 0.9, 1.0])).tolist()
    ['=0', '<=0.25', '<=0.5', '>0.75', '=1']
    """
    y = np.asarray(y, dtype=float)
    if np.isnan(y).any():
        raise ParameterError("output", f"is undefined (NaN) at {int(np.isnan(y).sum())} draws; leave them out first")
    names = [f"<={e:g}" for e in bins.edges] + [f">{bins.edges[-1]:g}"]
    out = np.array(names, dtype=object)[np.searchsorted(bins.edges, y, side="left")]
    for atom in bins.atoms:
        out[y == atom] = f"={atom:g}"
    return out.astype(str)


def delta_indices(inputs: Mapping[str, Any], y: Any, *, seed: int | np.random.Generator = 0,
                  resamples: int = RESAMPLES, permutations: int = PERMUTATIONS, level: float = LEVEL,
                  classes: int | None = None) -> dict[str, DeltaIndex]:
    """:math:`\\hat\\delta` of a discrete output ``y`` for each input, with its interval, null and verdict.

    Parameters
    ----------
    inputs : mapping
        Input name to its values at the draws (all of one length, the output's).
    y : array_like
        The output's labels at the draws (:func:`binned` for a continuous output).
    seed : int or numpy.random.Generator
        The source of the resamples and permutations (the same for every input).
    resamples : int
        Bootstrap resamples of the draws for the percentile interval.
    permutations : int
        Random permutations of each input for the null reference.
    level : float
        The interval's coverage (default 0.95: the 2.5% and 97.5% percentiles).
    classes : int, optional
        Equal-frequency classes of each input; default :func:`class_count`.

    Returns
    -------
    dict
        Input name to :class:`DeltaIndex`: ``delta`` (:math:`\\hat\\delta`),
        ``corrected`` (bias-reduced, :math:`2\\hat\\delta - \\bar\\delta^*`), the
        percentile interval ``low``, ``high`` of the bias-reduced bootstrap
        replicates, ``null`` (the 95% quantile of :math:`\\hat\\delta` over the
        permutations) and ``finding`` (``low > null``).  A constant output has
        every index 0 (interval and null 0, no finding).

    An output that is a function of ``x1`` and not of ``x2`` (40 draws, 4 classes of 10):

    >>> x1 = np.arange(40) / 40
    >>> x2 = np.random.default_rng(0).permutation(x1)
    >>> found = delta_indices({"x1": x1, "x2": x2}, x1 >= 0.5, seed=1, classes=4)
    >>> found["x1"].delta, found["x1"].finding, found["x2"].finding
    (0.5, True, False)
    """
    labels, categories = _labels(y, "output")
    n = len(labels)
    if n < MIN_DRAWS:
        raise ParameterError("output", f"has {n} draws; the given-data estimator needs at least {MIN_DRAWS}")
    if not inputs:
        raise ParameterError("inputs", "name at least one input")
    for name, value in (("resamples", resamples), ("permutations", permutations)):
        if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 20:
            raise ParameterError(name, f"must be a whole number of at least 20, got {value!r}")
    if not 0 < level < 1:
        raise ParameterError("level", f"must lie strictly between 0 and 1, got {level!r}")
    xs = {name: _input(x, name, n) for name, x in inputs.items()}
    m = _classes(classes, n)
    if categories == 1:
        return {name: DeltaIndex(name, 0.0, 0.0, 0.0, 0.0, 0.0, False) for name in xs}
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    boot = rng.integers(0, n, size=(int(resamples), n))
    perm = rng.permuted(np.tile(np.arange(n), (int(permutations), 1)), axis=1)
    tails = ((1 - level) / 2, (1 + level) / 2)
    out = {}
    for name, x in xs.items():
        estimate = float(_deltas(x[None, :], labels[None, :], m, categories)[0])
        replicates = 2 * estimate - _deltas(x[boot], labels[boot], m, categories)
        low, high = np.quantile(replicates, tails)
        corrected = float(replicates.mean())
        null = float(np.quantile(_deltas(x[perm], np.broadcast_to(labels, perm.shape), m, categories),
                                 NULL_QUANTILE))
        out[name] = DeltaIndex(name, estimate, corrected, float(low), float(high), null, bool(low > null))
    return out


def _claim_outputs(ds: xr.Dataset, claims: Sequence[str]) -> dict[str, tuple[np.ndarray, np.ndarray, str]]:
    verdict = {code: name for name, code in CODES.items()}
    out = {}
    for planned in ds.planned.values:
        for claim in claims:
            status = ds["status"].sel(planned=planned, claim=claim).values
            keep = status >= 0
            out[f"{claim} (planned {planned})"] = (
                keep, np.array([verdict[int(s)] for s in status[keep]]),
                f"verdict of {claim} with {planned} thousand troops planned: all / some / none of the equilibria")
    return out


def _outcome_outputs(records: Sequence[Mapping[str, Any]]) -> dict[str, tuple[np.ndarray, np.ndarray, str]]:
    out = {}
    for name, (_, _, _, minus) in OUTPUTS.items():
        y = output_values(records, name)  # read as the Sobol analysis reads it
        keep = np.isfinite(y)
        bins = PROBABILITY_BINS if minus is None else DIFFERENCE_BINS
        out[name] = (keep, binned(y[keep], bins), f"binned: {bins.text}")
    return out


def outputs(records: Sequence[Mapping[str, Any]], ds: xr.Dataset) -> dict[str, tuple[np.ndarray, np.ndarray, str]]:
    """The outputs of a prior archive's ``records`` and their Dataset ``ds`` (:func:`~.outcomes.outcomes_dataset`):
    name to (draws kept, labels, how).

    Each :data:`~.summaries.LEDGER` claim's verdict per planned force (draws where
    it is undefined or unsolved left out), then each output of
    :data:`~.sensitivity.OUTPUTS` (unsolved draws left out; :func:`~.sensitivity.output_values`), binned with
    :data:`PROBABILITY_BINS` or, for a gain over the porcupine, :data:`DIFFERENCE_BINS`.
    """
    return {**_claim_outputs(ds, LEDGER), **_outcome_outputs(records)}


def prior_deltas(path: str | Path = PRIOR_FILE, names: Sequence[str] | None = None,
                 parameters: Sequence[str] | None = None, *, seed: int = 0, resamples: int = RESAMPLES,
                 permutations: int = PERMUTATIONS) -> dict[str, Any]:
    """:func:`delta_indices` of the archive's outputs for its drawn parameters, JSON-ready.

    Parameters
    ----------
    path : str or Path
        A prior-outcomes archive; default the one shipped (:data:`~.archive.PRIOR_FILE`).
    names : sequence of str, optional
        The outputs (keys of :func:`outputs`); default all of them.
    parameters : sequence of str, optional
        The inputs; default :data:`PARAMETERS`.
    seed, resamples, permutations
        As in :func:`delta_indices` (one generator per output, seeded with ``seed``).

    Returns
    -------
    dict
        ``method`` (how the indices were computed), ``archive`` (its provenance)
        and ``outputs``: per output its ``draws``, ``values`` (the labels and
        their counts), ``how`` it is read, whether it is ``constant``, and
        ``indices``, a list of :meth:`DeltaIndex.to_dict` with the parameter's
        Sobol ``group``, largest :math:`\\hat\\delta` first.
    """
    records, attrs = read_archive(path)
    ds = outcomes_dataset(records, attrs)
    table = outputs(records, ds)
    chosen = list(table) if names is None else list(names)
    for name in chosen:
        if name not in table:
            raise ParameterError("output", f"unknown output {name!r}; outputs: {', '.join(table)}")
    params = list(PARAMETERS if parameters is None else parameters)
    for p in params:
        if p not in PARAMETERS:
            raise ParameterError(p, f"is not a drawn parameter of the archive; drawn: {', '.join(PARAMETERS)}")
        if p not in ds.coords:
            raise ParameterError(p, f"is missing from the archive {str(path)!r}")
    result: dict[str, Any] = {}
    for name in chosen:
        keep, labels, how = table[name]
        inputs = {p: ds[p].values[keep] for p in params}
        found = delta_indices(inputs, labels, seed=seed, resamples=resamples, permutations=permutations)
        values, counts = np.unique(labels, return_counts=True)
        ranked = sorted(found.values(), key=lambda d: (-d.delta, PARAMETERS.index(d.parameter)))
        result[name] = {"draws": int(keep.sum()), "classes": class_count(int(keep.sum())), "how": how,
                        "values": {str(v): int(c) for v, c in zip(values, counts, strict=True)},
                        "constant": len(values) == 1,
                        "indices": [{**d.to_dict(), "group": GROUP_OF[d.parameter]} for d in ranked]}
    n = int(ds.sizes["draw"])
    method = (f"Borgonovo's delta, given-data estimator (Plischke, Borgonovo & Smith 2013): {class_count(n)} "
              f"equal-frequency classes of each parameter (M(N) rule) at N = {n}; continuous outcomes binned; "
              f"{LEVEL:.0%} percentile interval of the bias-reduced bootstrap replicates 2 delta - delta* "
              f"(Plischke et al. eq. 30; {resamples} resamples of the draws); null: "
              f"{NULL_QUANTILE:.0%} quantile over {permutations} permutations of the parameter; a finding when the "
              f"interval's lower bound exceeds the null; seed {seed}; per parameter only")
    return {"method": method, "archive": dict(ds.attrs), "outputs": result}
