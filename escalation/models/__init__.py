"""The essay's scenarios as models.

Each model module defines a :class:`~escalation.models.base.Model` and adds it
with :func:`register`.  :func:`get_model` looks a model up by name and imports
its module on first use; :data:`MODELS` maps every name to its model (see
:mod:`escalation.registry`, which also lists the models without importing
them).  A new model module registers its model and adds one line to
:data:`escalation.registry.CATALOGUE`.
"""

from __future__ import annotations

from ..registry import MODELS, get_model, register
from .base import Model

__all__ = ["MODELS", "Model", "get_model", "register"]
