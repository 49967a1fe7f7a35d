r"""The Dataset of a sweep: one set of variables, one meaning each, on every path.

Every sweep path (vectorised backward induction, closed forms, the per-point
solver, on numpy or dask) builds its ``xarray.Dataset`` here, from named
arrays whose grid dimensions come first.  The variables:

``outcome``
    What happens in the reported equilibrium: the set of outcome labels
    reached with positive probability, as an index into the ``play``
    coordinate (labels joined by ``" + "`` in the game's label order).
``equilibrium``
    The solver's name for the reported equilibrium (``"Separating"``,
    ``"Bluff"``...), an index into the ``equilibrium_name`` coordinate.  Only
    on the paths whose solvers name equilibria (closed forms, per point);
    subgame-perfect equilibria of a tree have no names.
``knife_edge``
    The point is a tie or lies on a boundary, decided in exact arithmetic.
``equilibria``
    How many equilibria the solver lists at the point.
``payoff``, ``outcome_probability``, ``action_probability``
    Expected payoffs (dimension ``player``), the probability of each outcome
    label (``label``) and behaviour strategies (``choice``, written
    ``"information set: action"``); absent with ``outcome_only``.

>>> import numpy as np
>>> probabilities = np.array([[0.5, 0.5, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
>>> codes, names = reached_plays(probabilities > 0, ("war", "status quo", "concession"))
>>> codes.tolist(), names
([0, 1, 2], ['war + status quo', 'status quo', 'concession'])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import xarray as xr

__all__ = ["NO_EQUILIBRIUM", "VARIABLES", "label_masks", "mask_name", "play_name", "plays_from_masks", "reached_plays",
           "sweep_dataset"]

VARIABLES: dict[str, tuple[str | None, str]] = {
    "outcome": (None, "what happens: the outcome labels reached with positive probability, an index into 'play'"),
    "equilibrium": (None, "the solver's name for the equilibrium: an index into 'equilibrium_name'"),
    "knife_edge": (None, "a tie or a boundary between regions at this point (decided exactly)"),
    "equilibria": (None, "number of equilibria the solver lists at this point"),
    "payoff": ("player", "expected payoff"),
    "outcome_probability": ("label", "probability of each terminal outcome"),
    "action_probability": ("choice", "probability of each action at its information set"),
}
"""Each variable: its extra dimension after the grid's (if any) and its description."""


NO_EQUILIBRIUM = "no equilibrium"
"""The ``equilibrium_name`` of a point where the solver finds none (its payoffs and probabilities are NaN)."""


def play_name(labels: Sequence[str]) -> str:
    """The name of a play: the labels reached, in the game's order, joined by ``" + "``."""
    return " + ".join(labels) if labels else "(no outcome label)"


def reached_plays(reached: np.ndarray, labels: Sequence[str]) -> tuple[np.ndarray, list[str]]:
    """``reached`` (boolean, the label axis last) as play codes and the ``play`` coordinate.

    The coordinate lists each set of labels that occurs, in order of first
    occurrence in the flattened grid.
    """
    return plays_from_masks(label_masks(reached), labels)


def label_masks(reached: Any) -> Any:
    """``reached`` (boolean, the label axis last) as bit masks: bit ``k`` for label ``k`` (numpy or dask)."""
    bits = np.left_shift(1, np.arange(np.shape(reached)[-1], dtype=np.int64))
    return (reached * bits).sum(axis=-1)


def plays_from_masks(masks: np.ndarray, labels: Sequence[str]) -> tuple[np.ndarray, list[str]]:
    """Bit masks over ``labels`` as play codes and the ``play`` coordinate (first occurrence first)."""
    masks = np.asarray(masks, dtype=np.int64)
    found, first, inverse = np.unique(masks.ravel(), return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    names = [mask_name(int(found[k]), labels) for k in order]
    return rank[np.asarray(inverse).ravel()].astype(np.int16).reshape(masks.shape), names


def mask_name(mask: int, labels: Sequence[str]) -> str:
    """The play of a bit mask over ``labels``."""
    return play_name([label for k, label in enumerate(labels) if mask >> k & 1])


def sweep_dataset(arrays: Mapping[str, Any], coords: Mapping[str, Any], dims: tuple[str, ...],
                  attrs: Mapping[str, str]) -> xr.Dataset:
    """The Dataset of a sweep from its (numpy or dask) ``arrays``, the grid's dimensions first."""
    variables = {name: ((*dims, extra) if extra else dims, arrays[name], {"description": text})
                 for name, (extra, text) in VARIABLES.items() if name in arrays}
    return xr.Dataset(variables, coords=coords, attrs=dict(attrs))
