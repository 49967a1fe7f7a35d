r"""Symbolic equilibrium conditions: where in parameter space each equilibrium holds.

:func:`spe_regions` runs backward induction on a perfect-information game with
sympy payoffs and returns a :class:`RegionPartition`: the regions of parameter
space, each with its unique subgame-perfect equilibrium and a simplified
condition, the knife-edges between them, and a LaTeX listing.

The Rudimentary Asymmetric Deterrence Game (Zagare and Kilgour) with the
challenger's ordering :math:`a_{DD} < a_{SQ} < a_{DC}`: the challenger defects
exactly when the defender would concede.

>>> import sympy
>>> from escalation.games import ExtensiveFormGame, decision, outcome
>>> a_SQ, a_DC, a_DD, b_DC, b_DD = sympy.symbols("a_SQ a_DC a_DD b_DC b_DD", real=True)
>>> game = ExtensiveFormGame(("A", "B"), decision("A", {
...     "C": outcome("SQ", (a_SQ, 0)),
...     "D": decision("B", {"C": outcome("DC", (a_DC, b_DC)), "D": outcome("DD", (a_DD, b_DD))}),
... }))
>>> partition = spe_regions(game, [a_DD < a_SQ, a_SQ < a_DC])
>>> print(partition.to_latex())
\begin{cases}
\text{SQ} \quad (\text{A: C; off the path: B at D: D}) & \text{if } b_{DD} > b_{DC} \\
\text{DC} \quad (\text{A: D; B: C}) & \text{if } b_{DC} > b_{DD} \\
\end{cases}
"""

from .regions import KnifeEdgeError, Region, RegionPartition, spe_regions

__all__ = ["KnifeEdgeError", "Region", "RegionPartition", "spe_regions"]
