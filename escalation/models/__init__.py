"""The essay's scenarios as models: a registry keyed by model name.

Each model module defines a :class:`~escalation.models.base.Model` and adds it
with :func:`register`; every module of this package is imported when the
package is, so a new model needs no line here.  :func:`get_model` looks one up
by name.
"""

from __future__ import annotations

from ..errors import ParameterError
from .base import Model

__all__ = ["MODELS", "MODEL_MODULES", "Model", "get_model", "register"]

MODELS: dict[str, Model] = {}


def register(model: Model) -> Model:
    """Add ``model`` to the registry; two different models may not share a name."""
    known = MODELS.get(model.name)
    if known is not None and _source(known) != _source(model):
        raise ParameterError("model", f"a model named {model.name!r} is already registered")
    MODELS[model.name] = model
    return model


def _source(model: Model) -> str:
    """The file that defines a model's game (the same file may be imported twice under two names)."""
    code = getattr(model.build, "__code__", None)
    return code.co_filename if code is not None else repr(model.build)


def get_model(name: str) -> Model:
    """The registered model called ``name``."""
    try:
        return MODELS[name]
    except KeyError:
        known = ", ".join(sorted(MODELS)) or "none"
        raise ParameterError("model", f"unknown model {name!r}; known models: {known}") from None


def _import_model_modules() -> list[str]:
    """Import every module of this package (each registers its models); return their names, sorted."""
    import importlib
    import pkgutil

    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name != "base" and not m.name.startswith("_"))
    for name in names:
        importlib.import_module(f"{__name__}.{name}")
    return names


# The model modules import ``register`` from here, so they are imported last.
MODEL_MODULES = _import_model_modules()
