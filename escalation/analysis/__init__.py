"""Analysis over many parameter points: grid sweeps and Monte Carlo samples.

:func:`sweep` solves a model over a grid of parameter values and returns an
``xarray.Dataset``; :func:`sample` draws parameters from distributions and
reports outcome frequencies with their Monte Carlo standard errors.
"""

from .montecarlo import sample
from .sweep import equilibrium_names, outcome_names, sweep

__all__ = ["equilibrium_names", "outcome_names", "sample", "sweep"]
