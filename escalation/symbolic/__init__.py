r"""Symbolic equilibrium conditions: where in parameter space each equilibrium holds.

:func:`spe_regions` runs backward induction on a perfect-information game with
sympy payoffs and returns a :class:`RegionPartition`: the regions of parameter
space, each with its unique subgame-perfect equilibrium and a simplified
condition, the knife-edges between them, and a LaTeX listing.
"""

from .regions import KnifeEdgeError, Region, RegionPartition, spe_regions

__all__ = ["KnifeEdgeError", "Region", "RegionPartition", "spe_regions"]
