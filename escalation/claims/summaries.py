r"""Summaries of the prior outcomes over the draws: quantile bands, means with errors, claim shares.

A draw may have equilibria with different outcomes; the archive keeps, per
draw and force level, the minimum :math:`\underline{x}_d` and maximum
:math:`\overline{x}_d` over them.  Quantiles are monotone, so whatever
equilibrium is chosen in each draw, the :math:`q`-quantile across draws lies
in :math:`[Q_q(\underline{x}), Q_q(\overline{x})]`.  The bands are therefore
reported as intervals: the 90% band runs from :math:`Q_{0.05}(\underline{x})`
to :math:`Q_{0.95}(\overline{x})`, the 50% band from :math:`Q_{0.25}(\underline{x})`
to :math:`Q_{0.75}(\overline{x})`, the median from :math:`Q_{0.5}(\underline{x})`
to :math:`Q_{0.5}(\overline{x})` (one number when no draw's equilibria differ),
and the mean from :math:`\bar{\underline{x}}` to :math:`\bar{\overline{x}}`, each
with its Monte Carlo standard error :math:`s/\sqrt{n}` over the :math:`n` solved draws.

Claim shares count draws by verdict (all / some / none of the equilibria)
among the draws where the claim is defined, with 95% Wilson intervals.

>>> import numpy as np, xarray as xr
>>> x = xr.DataArray(np.array([[0.0, 0.2], [0.4, 0.4], [1.0, 1.0]]), dims=("draw", "bound"),
...                  coords={"bound": ["min", "max"]})
>>> {k: round(float(v), 3) for k, v in interval_summary(x).items()}["median_high"]
0.4
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import xarray as xr

from ..errors import ParameterError
from .monte_carlo import CODES, wilson
from .outcomes import OUTCOMES

__all__ = ["LEDGER", "against_porcupine", "claim_shares", "differing_draws", "interval_summary", "level_bands",
           "run_shares"]

#: The claims of the ledger, in order.
LEDGER = ("E1", "E2", "E3", "E4", "E5", "E6", "E9")
QUANTILES = {"q05": 0.05, "q25": 0.25, "median": 0.5, "q75": 0.75, "q95": 0.95}


def interval_summary(values: xr.DataArray) -> dict[str, float]:
    """Quantiles and means of the lower (``min``) and upper (``max``) bounds over ``draw`` (NaN draws left out)."""
    low = np.asarray(values.sel(bound="min"), dtype=float)
    high = np.asarray(values.sel(bound="max"), dtype=float)
    keep = np.isfinite(low) & np.isfinite(high)
    low, high = low[keep], high[keep]
    n = len(low)
    out: dict[str, float] = {"n": float(n)}
    for name, q in QUANTILES.items():
        out[f"{name}_low"] = float(np.quantile(low, q))
        out[f"{name}_high"] = float(np.quantile(high, q))
    for side, x in (("low", low), ("high", high)):
        out[f"mean_{side}"] = float(x.mean())
        out[f"se_{side}"] = float(x.std(ddof=1) / np.sqrt(n)) if n > 1 else float("nan")
    return out


def level_bands(ds: xr.Dataset, outcome: str) -> xr.Dataset:
    """:func:`interval_summary` of ``outcome`` at every force level (a variable per statistic, over ``level``)."""
    if outcome not in OUTCOMES:
        raise ParameterError("outcome", f"unknown outcome {outcome!r}; outcomes: {', '.join(OUTCOMES)}")
    rows = [interval_summary(ds["value"].sel(level=lv, outcome=outcome)) for lv in ds.level.values]
    data = {k: ("level", [r[k] for r in rows]) for k in rows[0]}
    return xr.Dataset(data, coords={"level": ds.level.values, "force": ("level", ds.force.values)})


def differing_draws(ds: xr.Dataset, outcomes: Sequence[str] = OUTCOMES) -> int:
    """How many solved draws have equilibria that differ in one of ``outcomes`` at some level."""
    x = ds["value"].sel(outcome=list(outcomes))
    differ = (x.sel(bound="max") > x.sel(bound="min")).any(dim=("level", "outcome"))
    return int(differ.where(ds["solved"], False).sum())


def claim_shares(ds: xr.Dataset, planned: str, claims: Sequence[str] = LEDGER) -> xr.Dataset:
    """Per claim and verdict: count, share of the draws where the claim is defined, Wilson 95% bounds.

    ``defined`` is that number of draws (solved, and the claim not undefined there).
    """
    if planned not in ds.planned.values:
        raise ParameterError("planned", f"{planned!r} is not a recorded planned force; "
                                        f"recorded: {', '.join(map(str, ds.planned.values))}")
    status = ds["status"].sel(planned=planned, claim=list(claims)).values  # draw, claim
    verdicts = ["all", "some", "none"]
    defined = (status >= 0).sum(axis=0)
    count = np.array([[int((status[:, j] == CODES[v]).sum()) for v in verdicts] for j in range(len(claims))])
    share = count / np.maximum(defined, 1)[:, None]
    bounds = np.array([[wilson(int(c), int(m)) for c in row] for row, m in zip(count, defined, strict=True)])
    dims = ("claim", "verdict")
    return xr.Dataset({"count": (dims, count), "share": (dims, share), "wilson_low": (dims, bounds[..., 0]),
                       "wilson_high": (dims, bounds[..., 1]), "defined": ("claim", defined)},
                      coords={"claim": list(claims), "verdict": verdicts})


def run_shares(runs: Sequence[Mapping], claims: Sequence[str] = LEDGER) -> xr.Dataset:
    """Per run, claim and verdict: count, share of the draws where the claim is defined, Wilson 95% bounds.

    ``runs``: the runs of :func:`~.archive.load_rules` (claim counts per verdict).  The verdict
    ``"all or some"`` counts the draws in which the claim holds in at least one equilibrium found.

    >>> ds = run_shares([{"id": "D1", "claims": {"E1": {"all": 8, "some": 1, "none": 1}}}], claims=["E1"])
    >>> float(ds["share"].sel(run="D1", claim="E1", verdict="all or some"))
    0.9
    """
    verdicts = ["all", "some", "none", "all or some"]
    count = np.array([[[r["claims"][c][v] for v in verdicts[:3]] for c in claims] for r in runs])
    count = np.concatenate([count, count[..., :2].sum(axis=-1, keepdims=True)], axis=-1)
    defined = count[..., :3].sum(axis=-1)
    share = count / np.maximum(defined, 1)[..., None]
    bounds = np.array([[[wilson(int(k), int(n)) for k in row] for row, n in zip(per_run, total, strict=True)]
                       for per_run, total in zip(count, defined, strict=True)])
    dims = ("run", "claim", "verdict")
    return xr.Dataset({"count": (dims, count), "share": (dims, share), "wilson_low": (dims, bounds[..., 0]),
                       "wilson_high": (dims, bounds[..., 1]), "defined": (dims[:2], defined)},
                      coords={"run": [r["id"] for r in runs], "claim": list(claims), "verdict": verdicts})


def against_porcupine(ds: xr.Dataset, outcome: str) -> xr.DataArray:
    r"""Per draw and positive level, the bounds of :math:`Q_F(x) - Q_0(x)` over equilibria (``bound`` min, max).

    The difference of two intervals: :math:`[\underline{x}_F - \overline{x}_0, \overline{x}_F - \underline{x}_0]`.
    """
    if outcome not in OUTCOMES:
        raise ParameterError("outcome", f"unknown outcome {outcome!r}; outcomes: {', '.join(OUTCOMES)}")
    x = ds["value"].sel(outcome=outcome)
    zero, forces = x.sel(level="0"), x.where(x["force"] > 0, drop=True)
    low = forces.sel(bound="min") - zero.sel(bound="max")
    high = forces.sel(bound="max") - zero.sel(bound="min")
    return xr.concat([low, high], dim=xr.DataArray(["min", "max"], dims="bound", name="bound"))
