"""Closed forms CF1-CF10 (filled in next)."""

from __future__ import annotations

import sympy


def thresholds() -> dict[str, sympy.Expr]:
    """The model's closed forms (see :mod:`.closed_forms`)."""
    return {}
