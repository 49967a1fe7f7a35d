"""The registry of models: which models exist, where each lives, and the models themselves once loaded.

:data:`CATALOGUE` lists every model of the package with its title, the
essay claims it encodes and the module that defines it, as plain data: the
command line lists the models from it without importing a single model (nor
sympy).  :data:`MODELS` is a read-only mapping from model name to
:class:`~escalation.models.base.Model` that imports a model's module the first
time the model is asked for; each model module calls :func:`register` for the
models it defines.  A test checks that the catalogue and the registered
models agree, so a new model adds one line to :data:`CATALOGUE`.

>>> [entry.name for entry in CATALOGUE][:3]
['attribution', 'attribution-leadership', 'audiences']
>>> get_model("unity").title == entry("unity").title
True
>>> get_model("chicken")
Traceback (most recent call last):
...
escalation.errors.ParameterError: parameter 'model': unknown model 'chicken'; known models: attribution, \
attribution-leadership, audiences, brinkmanship, deconfliction, escalation-complete, escalation-one-sided, guarantee, \
guarantee-concession, guarantee-late-resolve, guarantee-monitoring, guarantee-war-on-refusal, mutual, porcupine, \
reputation, rudimentary, tripwire, tripwire-consent, unilateral, unity
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass
from typing import Any

from .errors import ParameterError

__all__ = ["CATALOGUE", "MODELS", "Entry", "entry", "get_model", "register"]


@dataclass(frozen=True)
class Entry:
    """One model of the catalogue: name, module, title, claims and number of parameters."""

    name: str
    module: str
    title: str
    claims: tuple[str, ...]
    parameters: int


_GUARANTEE_CLAIMS = ("E1", "E2", "E3", "E4", "E5", "E6", "E7", "E9")

CATALOGUE: tuple[Entry, ...] = (
    Entry("attribution", "escalation.models.attribution", "Inspection game with public attribution", ("E8",), 6),
    Entry("attribution-leadership", "escalation.models.attribution",
          "Inspection game with public attribution (inspector leadership)", ("E8",), 6),
    Entry("audiences", "escalation.models.audiences",
          "Costly signals and cheap talk: tying hands, sinking costs (one challenger)", ("E7",), 9),
    Entry("brinkmanship", "escalation.models.brinkmanship", "Brinkmanship: the threat that leaves something to chance",
          ("E4", "E5"), 5),
    Entry("deconfliction", "escalation.models.deconfliction", "Chicken after a test: deterrence versus deconfliction",
          ("E5",), 4),
    Entry("escalation-complete", "escalation.models.escalation_game",
          "Asymmetric Escalation Game (complete information)", ("E4",), 12),
    Entry("escalation-one-sided", "escalation.models.escalation_game",
          "Asymmetric Escalation Game (Hard Challenger, private Defender type)", ("E1", "E4"), 17),
    Entry("guarantee", "escalation.models.guarantee",
          "The guarantee game: force, consent, test, respond, nuclear rung", _GUARANTEE_CLAIMS, 46),
    Entry("guarantee-concession", "escalation.models.guarantee", "The guarantee game, variant concession",
          _GUARANTEE_CLAIMS, 46),
    Entry("guarantee-late-resolve", "escalation.models.guarantee", "The guarantee game, variant late-resolve",
          _GUARANTEE_CLAIMS, 46),
    Entry("guarantee-monitoring", "escalation.models.guarantee", "The guarantee game, variant monitoring",
          _GUARANTEE_CLAIMS, 46),
    Entry("guarantee-war-on-refusal", "escalation.models.guarantee", "The guarantee game, variant war-on-refusal",
          _GUARANTEE_CLAIMS, 46),
    Entry("mutual", "escalation.models.mutual", "Mutual Deterrence Game", ("E4", "E5"), 12),
    Entry("porcupine", "escalation.models.porcupine", "Porcupine: bargaining, arms and sanctions", ("E6", "E9"), 11),
    Entry("reputation", "escalation.models.reputation", "Chain store with reputation (Kreps-Wilson)", ("E3", "E4"), 4),
    Entry("rudimentary", "escalation.models.rudimentary", "Rudimentary Asymmetric Deterrence Game", ("E1", "E3"), 8),
    Entry("tripwire", "escalation.models.tripwire",
          "The tripwire dilemma: consent, test, respond or abandon, nuclear rung", ("E1", "E2", "E3", "E4"), 14),
    Entry("tripwire-consent", "escalation.models.tripwire",
          "Is Russia's consent informative? The tripwire game with a private Russian type", ("E2", "E3"), 17),
    Entry("unilateral", "escalation.models.unilateral", "Unilateral Deterrence Game", ("E1", "E3", "E4"), 12),
    Entry("unity", "escalation.models.unity", "Volunteer's dilemma of coalition members", ("E4",), 3),
)
"""Every model of the package, sorted by name."""

_BY_NAME = {e.name: e for e in CATALOGUE}
_REGISTERED: dict[str, Any] = {}


def entry(name: str) -> Entry:
    """The catalogue's entry for model ``name`` (ParameterError for an unknown name)."""
    try:
        return _BY_NAME[name]
    except (KeyError, TypeError):
        raise ParameterError("model", f"unknown model {name!r}; known models: {', '.join(_known())}") from None


def _known() -> list[str]:
    return sorted({*_BY_NAME, *_REGISTERED})


def register(model: Any) -> Any:
    """Add ``model`` to the registry (model modules call this); two different models may not share a name."""
    known = _REGISTERED.get(model.name)
    if known is not None and _source(known) != _source(model):
        raise ParameterError("model", f"a model named {model.name!r} is already registered")
    _REGISTERED[model.name] = model
    return model


def _source(model: Any) -> str:
    """The file that defines a model's game (the same file may be imported twice under two names)."""
    code = getattr(model.build, "__code__", None)
    return code.co_filename if code is not None else repr(model.build)


def get_model(name: str) -> Any:
    """The model called ``name``, its module imported on first use."""
    if name not in _REGISTERED:
        importlib.import_module(entry(name).module)
        if name not in _REGISTERED:
            raise ParameterError("model", f"module {entry(name).module} does not register a model named {name!r}")
    return _REGISTERED[name]


class _Models(MutableMapping[str, Any]):
    """The registered models by name, each loaded when first looked up (iteration lists every name).

    Assigning a name registers a model under it (tests register toy models this way); deleting removes it.
    """

    def __setitem__(self, name: str, model: Any) -> None:
        _REGISTERED[name] = model

    def __delitem__(self, name: str) -> None:
        del _REGISTERED[name]

    def __getitem__(self, name: str) -> Any:
        try:
            return get_model(name)
        except ParameterError:
            raise KeyError(name) from None

    def __iter__(self) -> Iterator[str]:
        return iter(_known())

    def __len__(self) -> int:
        return len(_known())

    def __repr__(self) -> str:
        return f"MODELS({', '.join(_known())})"


MODELS: MutableMapping[str, Any] = _Models()
"""Every model by name (catalogued and registered at run time), imported on first lookup."""
