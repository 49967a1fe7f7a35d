"""The per-point fallback: models without a vectorised path are solved one grid point at a time.

Used for models whose game is not a perfect-information tree (incomplete
information, normal forms): each point is solved by the model's own solver
(``model.solve``), the first equilibrium it lists is recorded, and
``knife_edge`` is true where the solver reports a tie (``equilibria`` counts
the equilibria it lists).  A tqdm bar shows progress when asked for (tqdm is optional).

>>> from escalation.analysis.sweep import sweep
>>> ds = sweep("unity", over={"N": [2, 3, 5]}, fixed={"K": "1/2"})   # the game grows with N
>>> ds.attrs["method"]
'per-point solver (model.solve at every point; no vectorised path for this model)'
>>> ds.outcome_probability.sel(label="nobody responds").values.round(4).tolist()
[0.0156, 0.0442, 0.0743]
>>> ds.payoff.sel(player="Member 5").values.tolist()    # only the five-member game has a fifth member
[nan, nan, 3.5]
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import numpy as np
import xarray as xr

from ..errors import ParameterError
from ..numbers import exact_str
from .admissible import exact_coordinate
from .dataset import NO_EQUILIBRIUM, play_name, reached_plays, sweep_dataset
from .provenance import attributes

__all__ = ["sweep_pointwise"]

METHOD = "per-point solver (model.solve at every point; no vectorised path for this model)"


def sweep_pointwise(job, progress: bool = False, aligned: bool = False) -> xr.Dataset:
    """Solve ``job`` point by point; same variables as the vectorised sweep where they apply.

    With ``aligned`` the arrays of ``job.grid`` are read side by side (one
    point per position, the Monte Carlo draws) along a dimension ``draw``
    instead of spanning a product grid.
    """
    if job.model is None:
        from ..solvers.backward_induction import subgame_perfect

        def solve(point):
            return subgame_perfect(job.game.subs(point))
    else:
        def solve(point):
            return job.model.solve(**point)
    names = list(job.grid)
    shape: tuple[int, ...]
    indices: Iterator[tuple[int, ...]]
    if aligned:
        shape = (len(next(iter(job.grid.values()))),)
        indices = (tuple(i for _ in names) for i in range(shape[0]))
    else:
        shape = tuple(len(v) for v in job.grid.values())
        indices = itertools.product(*(range(n) for n in shape))
    rows = []
    for index in _progress(indices, int(np.prod(shape)), progress):
        swept = {k: exact_coordinate(job.exact_grid.get(k), job.grid[k][i]) for k, i in zip(names, index, strict=True)}
        try:
            rows.append(_record(solve({**job.fixed_exact, **swept})))
        except ParameterError as error:  # a check the request could not make on the whole grid
            where = f"draw {index[0]}" if aligned else "the grid point"
            shown = ", ".join(f"{k} = {exact_str(v)}" for k, v in swept.items())
            raise ParameterError(error.parameter, f"at {where} {shown}: {error.problem}") from None
    return _dataset(job, rows, shape, ("draw",) if aligned else tuple(job.grid))


def _progress(items, total: int, show: bool):
    if not show:
        return items
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return items
    return tqdm(items, total=total, desc="sweep (per point)")


def _record(found) -> dict:
    if len(found) == 0:   # no equilibrium under the rule (e.g. off-path beliefs fixed at the prior)
        return {"name": NO_EQUILIBRIUM, "reached": [], "payoffs": {}, "outcomes": {}, "actions": {},
                "knife_edge": False, "equilibria": 0}
    first = found[0]
    actions = {}
    for player, strategy in first.strategies.items():
        for where, value in strategy.items():
            if isinstance(value, dict) or hasattr(value, "items"):
                actions.update({f"{where}: {a}": float(p) for a, p in value.items()})
            else:
                actions[f"{player}: {where}"] = float(value)
    outcomes = {k: float(v) for k, v in (first.outcomes or {}).items()}
    reached = [k for k, v in (first.outcomes or {}).items() if v != 0]
    name = first.name or play_name(reached)
    return {"name": name, "reached": reached, "payoffs": {p: float(u) for p, u in first.payoffs.items()},
            "outcomes": outcomes, "actions": actions, "knife_edge": bool(found.knife_edge),
            "equilibria": len(found)}


def _dataset(job, rows: list[dict], shape: tuple[int, ...], dims: tuple[str, ...]) -> xr.Dataset:
    names = list(dict.fromkeys(r["name"] for r in rows))
    players = list(dict.fromkeys(p for r in rows for p in r["payoffs"]))
    labels = list(dict.fromkeys(k for r in rows for k in r["outcomes"]))
    choices = list(dict.fromkeys(k for r in rows for k in r["actions"]))

    def table(key, columns):
        return np.array([[r[key].get(c, np.nan) for c in columns] for r in rows]).reshape(*shape, len(columns))

    reached = np.array([[label in r["reached"] for label in labels] for r in rows], dtype=bool)
    codes, plays = reached_plays(reached.reshape(*shape, len(labels)), labels)
    arrays = {
        "outcome": codes,
        "equilibrium": np.array([names.index(r["name"]) for r in rows], dtype=np.int16).reshape(shape),
        "payoff": table("payoffs", players),
        "outcome_probability": table("outcomes", labels),
        "action_probability": table("actions", choices),
        "knife_edge": np.array([r["knife_edge"] for r in rows]).reshape(shape),
        "equilibria": np.array([r["equilibria"] for r in rows], dtype=np.int32).reshape(shape),
    }
    grid = {"draw": np.arange(shape[0])} if dims == ("draw",) else job.grid
    coords = {**grid, "player": players, "label": labels, "choice": choices, "play": plays, "equilibrium_name": names}
    return sweep_dataset(arrays, coords, dims, attributes(job, METHOD, "numpy (per point)"))
