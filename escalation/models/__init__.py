"""The essay's scenarios as models: a registry keyed by model name.

Each model module defines a :class:`~escalation.models.base.Model` and adds it
with :func:`register`; :func:`get_model` looks one up by name.
"""

from __future__ import annotations

from ..errors import ParameterError
from .base import Model

__all__ = ["MODELS", "Model", "get_model", "register"]

MODELS: dict[str, Model] = {}


def register(model: Model) -> Model:
    """Add ``model`` to the registry (names are unique)."""
    if model.name in MODELS:
        raise ParameterError("model", f"a model named {model.name!r} is already registered")
    MODELS[model.name] = model
    return model


def get_model(name: str) -> Model:
    """The registered model called ``name``."""
    try:
        return MODELS[name]
    except KeyError:
        known = ", ".join(sorted(MODELS)) or "none"
        raise ParameterError("model", f"unknown model {name!r}; known models: {known}") from None


# The model modules register themselves on import; they import ``register`` from here, so they come last.
from . import escalation_game, mutual, rudimentary, tripwire, unilateral  # noqa: E402

__all__ += ["escalation_game", "mutual", "rudimentary", "tripwire", "unilateral"]
