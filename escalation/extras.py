"""Optional packages: import one, or say in one line which extra installs it.

The package's extras (``pyproject.toml``): ``parallel`` (dask, distributed)
for sweeps chunked on a cluster, ``notebook`` (ipywidgets, jupyterlab) for the
explorer's sliders, ``sensitivity`` (SALib) to compute Sobol indices
(``escalation claims MODEL --sobol N``; reading their archive needs nothing),
``test`` for the test suite.

>>> require("json", "test", "reading JSON").__name__
'json'
>>> require("no_such_package_here", "parallel", "backend='dask'")
Traceback (most recent call last):
...
escalation.errors.MissingExtraError: backend='dask' needs no_such_package_here, which is not installed: \
pip install 'escalation[parallel]'
"""

from __future__ import annotations

import importlib
from types import ModuleType

from .errors import MissingExtraError

__all__ = ["require"]


def require(package: str, extra: str, purpose: str) -> ModuleType:
    """Import ``package``; if it is missing, raise :class:`~escalation.errors.MissingExtraError` naming ``extra``."""
    try:
        return importlib.import_module(package)
    except ImportError as exc:
        if exc.name is not None and not package.startswith(exc.name) and not exc.name.startswith(package):
            raise  # the package is there but one of its own imports failed: not a missing extra
        raise MissingExtraError(package.partition(".")[0], extra, purpose) from None
