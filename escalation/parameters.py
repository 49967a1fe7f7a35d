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

from .constraints import Constraint
from .errors import ParameterError
from .numbers import NumberError, exact, rational_number

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
        The interval of admissible values; ``None`` for an unbounded side.
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
    closed : (bool, bool), optional
        Whether each end of ``domain`` is itself admissible: ``(False, False)``
        for a probability the model needs strictly between 0 and 1.
    integer : bool, optional
        Only whole numbers are admissible (a number of members, of stages).

    Every value is checked by :meth:`check`: it must be an exact rational
    number (see :func:`~escalation.numbers.rational_number` for what is
    accepted), inside the domain, and whole if ``integer``.

    >>> Parameter("q", "1/2", domain=(0, 1), closed=(False, True)).interval
    '(0, 1]'
    >>> Parameter("N", 3, domain=(2, 50), integer=True).check("5/2")
    Traceback (most recent call last):
    ...
    escalation.errors.ParameterError: parameter 'N': must be a whole number, got 5/2
    """

    name: str
    default: Any
    domain: tuple[Any, Any] = (None, None)
    unit: str = ""
    description: str = ""
    source: str = ""
    plausible: tuple[Any, Any] | None = None
    prior: Any = field(default=None, compare=False)
    closed: tuple[bool, bool] = (True, True)
    integer: bool = False
    symbol: sympy.Symbol = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.name.isidentifier():
            raise ParameterError(self.name, "a parameter name must be a Python identifier")
        low, high = (self._bound(b) for b in self.domain)
        if low is not None and high is not None and (low > high or (low == high and self.closed != (True, True))):
            raise ParameterError(self.name, f"empty domain {self._shown(low, high)}")
        object.__setattr__(self, "domain", (low, high))
        object.__setattr__(self, "closed", (bool(self.closed[0]), bool(self.closed[1])))
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
                    self._in_closure(float(end), "the prior's support")
                elif (self.domain[0] is not None and end < 0) or (self.domain[1] is not None and end > 0):
                    raise ParameterError(self.name, f"the prior's support is unbounded but the domain is "
                                                    f"{self.interval}")
        elif not callable(prior):
            raise ParameterError(self.name, "a prior must be a frozen scipy.stats distribution or a function "
                                            f"sampler(rng, size), got {type(prior).__name__}")

    def _in_closure(self, value: Any, what: str) -> None:
        """Raise unless ``value`` lies in the domain or on its boundary (a continuous prior may touch an open end)."""
        number, (low, high) = self._number(value), self.domain
        if (low is not None and number < low) or (high is not None and number > high):
            raise ParameterError(self.name, f"{what} reaches {number}, outside the domain {self.interval}")

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
        bad = ~self.admits_on_grid(draws)
        if bad.any():
            raise ParameterError(self.name, f"the prior drew {draws[bad][0]!r}, outside the domain")
        return draws

    def _bound(self, bound: Any) -> sympy.Rational | None:
        return None if bound is None else self._number(bound)

    def _number(self, value: Any) -> sympy.Rational:
        try:
            return rational_number(value)
        except NumberError as exc:
            raise ParameterError(self.name, str(exc)) from None

    def _shown(self, low: Any, high: Any) -> str:
        left = "(" if low is None or not self.closed[0] else "["
        right = ")" if high is None or not self.closed[1] else "]"
        return f"{left}{'-oo' if low is None else low}, {'oo' if high is None else high}{right}"

    @property
    def interval(self) -> str:
        """The domain in interval notation: ``"[0, 1]"``, ``"(0, 1)"``, ``"[0, oo)"``."""
        return self._shown(*self.domain)

    def admits(self, number: sympy.Rational) -> bool:
        """Whether the exact number ``number`` lies in the domain (and is whole, for an integer parameter)."""
        low, high = self.domain
        above = low is None or number > low or (self.closed[0] and number == low)
        below = high is None or number < high or (self.closed[1] and number == high)
        return bool(above and below and (not self.integer or number.is_integer))

    def check(self, value: Any) -> sympy.Rational:
        """Return ``value`` as an exact number after checking it is admissible (see the class docstring)."""
        number = self._number(value)
        if self.admits(number):
            return number
        if self.integer and not number.is_integer:
            raise ParameterError(self.name, f"must be a whole number, got {number}")
        raise ParameterError(self.name, f"{number} is outside its domain {self.interval}")

    def admits_on_grid(self, values: np.ndarray, exact_values: Mapping[float, Any] | None = None) -> np.ndarray:
        """Which floats of ``values`` are admissible, as a boolean array.

        Values near a bound are decided exactly: as ``exact_values[value]``
        where given, else the float read as its shortest decimal.

        >>> Parameter("p", "1/2", domain=(0, 1), closed=(False, True)).admits_on_grid(np.array([0.0, 0.5, 1.0]))
        array([False,  True,  True])
        """
        values = np.asarray(values, dtype=float)
        low, high = (None if b is None else float(b) for b in self.domain)
        inside = np.isfinite(values)
        if low is not None:
            inside &= values >= low
        if high is not None:
            inside &= values <= high
        if self.integer:
            inside &= values == np.round(values)
        edges = np.zeros(values.shape, dtype=bool)
        for bound in (low, high):
            if bound is not None:
                edges |= np.abs(values - bound) <= 1e-9 * max(1.0, abs(bound))
        for index in zip(*np.nonzero(edges & np.isfinite(values)), strict=True):
            value = float(values[index])
            inside[index] = self.admits(exact(exact_values[value]) if exact_values and value in exact_values
                                        else exact(value))
        return inside


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
    """An ordered, read-only collection of :class:`Parameter` keyed by name, with their joint constraints.

    ``constraints`` are the relations between parameters that the model
    assumes (:class:`~escalation.constraints.Constraint`, e.g. strict payoff
    orderings); :meth:`validate` checks them at every point, after the domains.
    """

    def __init__(self, parameters: Iterable[Parameter], constraints: Iterable[Constraint] = ()) -> None:
        self._params: dict[str, Parameter] = {}
        for p in parameters:
            if p.name in self._params:
                raise ParameterError(p.name, "defined twice in one parameter space")
            self._params[p.name] = p
        self.constraints: tuple[Constraint, ...] = tuple(constraints)
        for constraint in self.constraints:
            unknown = [n for n in constraint.names if n not in self._params]
            if unknown:
                raise ParameterError(unknown[0], f"appears in the constraint {constraint.relation!r} but is not "
                                                 "a parameter of this space")
        defaults = self.defaults()
        for constraint in self.constraints:
            constraint.check(defaults)

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
        """Defaults overridden by ``values``, each checked against its domain, then the constraints.

        Unknown names, inadmissible values and broken constraints raise
        :class:`~escalation.errors.ParameterError` naming the parameter(s).
        """
        values = dict(values or {})
        for name in values:
            if name not in self._params:
                self[str(name)]  # raises ParameterError naming the unknown parameter
        point = {
            name: p.check(values[name]) if name in values else p.default
            for name, p in self._params.items()
        }
        for constraint in self.constraints:
            constraint.check(point)
        return point

    def substitutions(self, values: Mapping[str, Any] | None = None) -> dict[sympy.Symbol, sympy.Expr]:
        """:meth:`validate` keyed by symbol, ready for ``expr.subs``."""
        return {self._params[n].symbol: v for n, v in self.validate(values).items()}
