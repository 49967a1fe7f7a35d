r"""Named model parameters with exact defaults, domains, units and sources.

A :class:`Parameter` is a sympy symbol that also knows its default value, the
interval it must lie in, its unit and where its value comes from.  A model's
parameters form a :class:`ParameterSpace`, which supplies defaults and checks
user values before any game is built.

>>> from escalation.parameters import Parameter, ParameterSpace
>>> space = ParameterSpace([
...     Parameter("p_B", "1/2", domain=(0, 1), unit="probability",
...               description="defender credibility"),
...     Parameter("a_DD", -10, description="challenger's payoff from conflict"),
... ])
>>> space.defaults()
{'p_B': 1/2, 'a_DD': -10}
>>> space.validate({"p_B": "3/4"})
{'p_B': 3/4, 'a_DD': -10}
>>> space.validate({"p_B": 2})
Traceback (most recent call last):
...
escalation.errors.ParameterError: parameter 'p_B': 2 is outside its domain [0, 1]

For Monte Carlo a parameter may also carry a ``plausible`` range (where a
reader would expect the value; inside the domain) and a ``prior``: a frozen
``scipy.stats`` distribution, or a function ``sampler(rng, size)`` that draws
with the numpy Generator it is given.

>>> from scipy import stats
>>> W = Parameter("W_R", 2, domain=(0, None), plausible=("1/2", 10), prior=stats.loguniform(0.5, 10))
>>> W.plausible, W.prior_text
((1/2, 10), 'log-uniform on [0.5, 10]')
>>> draws = W.sample(1000, seed=1)
>>> bool(draws.min() >= 0.5 and draws.max() <= 10)
True
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sympy

from .errors import ParameterError
from .numbers import NotFiniteError, exact

__all__ = ["Parameter", "ParameterSpace"]


@dataclass(frozen=True)
class Parameter:
    """A model parameter: a real sympy symbol plus what a reader needs to know about it.

    Parameters
    ----------
    name : str
        The symbol's name, e.g. ``"p_B"``.
    default : number or str
        The default value, stored as an exact sympy number.
    domain : (low, high), optional
        Closed interval of admissible values; ``None`` for an unbounded side.
    unit, description, source : str
        Free text: the unit ("thousand troops"), what the parameter means, and
        where its value comes from (e.g. "essay E1").
    plausible : (low, high), optional
        The range a reader would find plausible (exact numbers inside the
        domain); reported with the parameter, not enforced on values.
    prior : frozen scipy.stats distribution or callable, optional
        The distribution Monte Carlo draws the parameter from: a frozen
        ``scipy.stats`` distribution (its support must lie in the domain), or
        ``sampler(rng, size)`` returning ``size`` draws made with the numpy
        ``Generator`` ``rng``.  See :meth:`sample`.
    """

    name: str
    default: Any
    domain: tuple[Any, Any] = (None, None)
    unit: str = ""
    description: str = ""
    source: str = ""
    plausible: tuple[Any, Any] | None = None
    prior: Any = field(default=None, compare=False)
    symbol: sympy.Symbol = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.name.isidentifier():
            raise ParameterError(self.name, "a parameter name must be a Python identifier")
        low, high = (self._bound(b) for b in self.domain)
        if low is not None and high is not None and low > high:
            raise ParameterError(self.name, f"empty domain [{low}, {high}]")
        object.__setattr__(self, "domain", (low, high))
        object.__setattr__(self, "symbol", sympy.Symbol(self.name, real=True))
        object.__setattr__(self, "default", self.check(self.default))
        if self.plausible is not None:
            object.__setattr__(self, "plausible", self._plausible_range(self.plausible))
        if self.prior is not None:
            self._check_prior(self.prior)

    def _plausible_range(self, bounds: tuple[Any, Any]) -> tuple[sympy.Expr, sympy.Expr]:
        low, high = (self.check(b) for b in bounds)
        if low > high:
            raise ParameterError(self.name, f"empty plausible range [{low}, {high}]")
        return low, high

    def _check_prior(self, prior: Any) -> None:
        if hasattr(prior, "rvs") and hasattr(prior, "support"):
            for end in prior.support():
                if np.isfinite(end):
                    self.check(float(end))
                elif (self.domain[0] is not None and end < 0) or (self.domain[1] is not None and end > 0):
                    raise ParameterError(self.name, f"the prior's support is unbounded but the domain is "
                                                    f"[{self.domain[0]}, {self.domain[1]}]")
        elif not callable(prior):
            raise ParameterError(self.name, "a prior must be a frozen scipy.stats distribution or a function "
                                            f"sampler(rng, size), got {type(prior).__name__}")

    @property
    def prior_text(self) -> str:
        """The prior in words, e.g. ``'uniform on [0, 1]'`` (empty without a prior)."""
        return _prior_text(self.prior)

    def sample(self, size: int, seed: Any = None) -> np.ndarray:
        """``size`` draws from the prior as a float array, each checked against the domain.

        ``seed`` is an int, a numpy ``Generator`` (used as is) or None.
        """
        if self.prior is None:
            raise ParameterError(self.name, "has no prior to draw from")
        rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
        drawn = self.prior.rvs(size=size, random_state=rng) if hasattr(self.prior, "rvs") else self.prior(rng, size)
        draws = np.asarray(drawn, dtype=float).reshape(size)
        low, high = self.domain
        bad = ~np.isfinite(draws)
        if low is not None:
            bad |= draws < float(low)
        if high is not None:
            bad |= draws > float(high)
        if bad.any():
            raise ParameterError(self.name, f"the prior drew {draws[bad][0]!r}, outside the domain")
        return draws

    def _bound(self, bound: Any) -> sympy.Expr | None:
        return None if bound is None else self._number(bound)

    def _number(self, value: Any) -> sympy.Expr:
        try:
            number = exact(value)
        except (TypeError, NotFiniteError) as exc:
            raise ParameterError(self.name, str(exc)) from None
        if number.free_symbols:
            raise ParameterError(self.name, f"needs a number, got the expression {number}")
        return number

    def check(self, value: Any) -> sympy.Expr:
        """Return ``value`` as an exact number after checking it lies in the domain."""
        number = self._number(value)
        low, high = self.domain
        if (low is not None and number < low) or (high is not None and number > high):
            shown = f"[{'-oo' if low is None else low}, {'oo' if high is None else high}]"
            raise ParameterError(self.name, f"{number} is outside its domain {shown}")
        return number


def _prior_text(prior: Any) -> str:
    """A short description of a prior: named scipy families in words, else the family and its arguments."""
    if prior is None:
        return ""
    dist = getattr(prior, "dist", None)
    if dist is None:
        doc = (getattr(prior, "__doc__", None) or "").strip().splitlines()
        return doc[0] if doc else getattr(prior, "__name__", "custom sampler")
    low, high = prior.support()
    if dist.name in ("uniform", "loguniform"):
        word = "uniform" if dist.name == "uniform" else "log-uniform"
        return f"{word} on [{float(low):g}, {float(high):g}]"
    if dist.name == "randint":
        return f"uniform on the integers {int(low)}..{int(high)}"
    arguments = [f"{a:g}" if isinstance(a, float) else str(a) for a in prior.args]
    arguments += [f"{k}={v}" for k, v in prior.kwds.items()]
    return f"{dist.name}({', '.join(arguments)})"


class ParameterSpace(Mapping[str, Parameter]):
    """An ordered, read-only collection of :class:`Parameter` keyed by name."""

    def __init__(self, parameters: Iterable[Parameter]) -> None:
        self._params: dict[str, Parameter] = {}
        for p in parameters:
            if p.name in self._params:
                raise ParameterError(p.name, "defined twice in one parameter space")
            self._params[p.name] = p

    def __getitem__(self, name: str) -> Parameter:
        try:
            return self._params[name]
        except KeyError:
            raise ParameterError(name, f"unknown; known parameters: {', '.join(self._params)}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._params)

    def __len__(self) -> int:
        return len(self._params)

    def __repr__(self) -> str:
        return f"ParameterSpace([{', '.join(self._params)}])"

    @property
    def symbols(self) -> dict[str, sympy.Symbol]:
        """The parameters' sympy symbols, by name."""
        return {name: p.symbol for name, p in self._params.items()}

    def defaults(self) -> dict[str, sympy.Expr]:
        """Every parameter's default value, by name."""
        return {name: p.default for name, p in self._params.items()}

    def validate(self, values: Mapping[str, Any] | None = None) -> dict[str, sympy.Expr]:
        """Defaults overridden by ``values``, each checked against its domain.

        Unknown names raise :class:`~escalation.errors.ParameterError`.
        """
        values = dict(values or {})
        for name in values:
            if name not in self._params:
                self[name]  # raises ParameterError naming the unknown parameter
        return {
            name: p.check(values[name]) if name in values else p.default
            for name, p in self._params.items()
        }

    def substitutions(self, values: Mapping[str, Any] | None = None) -> dict[sympy.Symbol, sympy.Expr]:
        """:meth:`validate` keyed by symbol, ready for ``expr.subs``."""
        return {self._params[n].symbol: v for n, v in self.validate(values).items()}
