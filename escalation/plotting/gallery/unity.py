r"""Coalition unity as a volunteer's dilemma: the chance that nobody answers an attack grows with the coalition.

In the symmetric mixed equilibrium of the volunteer's dilemma each of
:math:`N` members abstains with probability :math:`(K/U)^{1/(N-1)}`, so nobody
responds with probability :math:`(K/U)^{N/(N-1)}`, which rises with :math:`N`
towards :math:`K/U` (:func:`~escalation.models.unity.nobody_responds`).
Each point is the model solved at that :math:`N` by the generic anonymous-game
solver (its only symmetric equilibrium), exact; the dotted lines mark the limits.

>>> sizes, curves = unity_curves()
>>> [str(v) for v in curves["K/U = 1/4"][:3]]
['1/16', '1/8', '2**(1/3)/8']
"""

from __future__ import annotations

from fractions import Fraction

import sympy
from matplotlib.figure import Figure

from ...models.unity import MODEL, NOBODY
from ..curves import draw_curves
from ..style import MUTED, ONE_COLUMN

__all__ = ["COST_RATIOS", "SIZES", "draw_unity", "unity_curves"]

COST_RATIOS = (Fraction(1, 16), Fraction(1, 4), Fraction(1, 2))  # K/U: a member's cost of responding over its value
SIZES = tuple(range(2, 31))


def unity_curves() -> tuple[tuple[int, ...], dict[str, list[sympy.Expr]]]:
    """``(coalition sizes, {"K/U = r": P(nobody responds) at each size})`` with ``U = 1``."""
    return SIZES, {f"K/U = {r}": [_nobody(n, r) for n in SIZES] for r in COST_RATIOS}


def _nobody(members: int, ratio: Fraction) -> sympy.Expr:
    (symmetric,) = MODEL.solve(N=members, K=ratio, U=1)
    return symmetric.outcomes[NOBODY]


def draw_unity() -> Figure:
    """P(nobody responds) against the number of members, one curve per cost ratio, limits dotted."""
    sizes, curves = unity_curves()
    figure = Figure(figsize=(ONE_COLUMN + 0.6, 2.8))
    ax = figure.add_subplot()
    draw_curves(sizes, curves, xlabel="members able to respond N", ylabel="P(nobody responds)", markers=True, ax=ax)
    for r in COST_RATIOS:
        ax.axhline(float(r), color=MUTED, linewidth=0.8, linestyle=(0, (1, 2)), zorder=0, label=f"_limit:{r}")
    ax.set_xlim(0, SIZES[-1] + 1)
    ax.set_ylim(0, 0.55)
    ax.legend(loc="center right", bbox_to_anchor=(1, 0.62), title="cost of responding / value")
    return figure
