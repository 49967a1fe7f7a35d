"""Where a sweep's Dataset comes from: the attributes every path writes (model, fixed values, version, method).

>>> from types import SimpleNamespace
>>> job = SimpleNamespace(name="tripwire", title="The tripwire game", grid={"F": []}, fixed_given={"g": 2},
...                       fixed_exact={"g": 2, "q": "1/20"})
>>> attributes(job, "vectorised", "numpy")["defaults"]
'q=1/20'
"""

from __future__ import annotations

from .._version import __version__
from ..numbers import exact_str

__all__ = ["attributes"]


def attributes(job, method: str, backend: str) -> dict[str, str]:
    """Provenance: model, fixed values, package version, method."""
    return {"model": job.name, "title": job.title, "swept": ", ".join(job.grid),
            "fixed": "; ".join(f"{k}={exact_str(v)}" for k, v in job.fixed_given.items()),
            "defaults": "; ".join(f"{k}={exact_str(v)}" for k, v in job.fixed_exact.items()
                                  if k not in job.fixed_given),
            "escalation_version": __version__, "method": method, "backend": backend}
