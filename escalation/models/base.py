r"""What every model of the essay's argument provides.

A :class:`Model` bundles a parameter space (defaults, domains, units,
sources), a symbolic game in those parameters, a solver for a parameter point,
the essay claims it encodes (``E1`` ... ``E9``), the literature it rests on,
and its closed forms (thresholds) as sympy expressions.

>>> from escalation.models.base import Model
>>> from escalation.parameters import Parameter, ParameterSpace
>>> from escalation.games import NormalFormGame
>>> from escalation.solvers.pure import pure_equilibria
>>> space = ParameterSpace([Parameter("c", 2, domain=(0, None), description="cost of conflict")])
>>> def game(values):
...     c = values["c"]
...     return NormalFormGame.from_matrices([[0, -1], [1, -c]], [[0, 1], [-1, -c]],
...                                        strategies=(("Swerve", "Straight"),) * 2)
>>> toy = Model("toy-chicken", "Chicken", claims=("E5",), sources=("Rapoport & Chammah 1966",),
...             parameters=space, build=game, solver=pure_equilibria)
>>> [s.support("Row") for s in toy.solve(c=3)]
[('Swerve',), ('Straight',)]
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import sympy

from ..parameters import ParameterSpace
from ..solvers.solution import Equilibria, Solution

__all__ = ["Model"]


@dataclass(frozen=True)
class Model:
    """A model of one or more of the essay's claims.

    Attributes
    ----------
    name : str
        Identifier used on the command line (``escalation solve NAME``).
    title : str
        Human-readable name.
    claims : tuple of str
        Essay claims encoded, e.g. ``("E1", "E4")``.
    sources : tuple of str
        Literature the model rests on.
    parameters : ParameterSpace
    build : callable
        ``build(values) -> game``: the game at validated parameter values; with
        the parameters' sympy symbols as values it is the symbolic game.
    solver : callable
        ``solver(game, **options) -> Equilibria``: one of the package's generic
        solvers (``subgame_perfect``, ``perfect_bayesian``, ``nash_equilibria``,
        ...), which receives the game built at the point; an ``analytic``
        model's solver receives the values instead.
    thresholds : callable, optional
        ``thresholds() -> {name: sympy expression}``: the model's closed forms.
    names : callable, optional
        ``names(solution) -> str or None``: the literature's name for an
        equilibrium, read off its profile (None keeps the solver's descriptive
        label).  It only names equilibria; the solver decides which exist.
    regions : callable, optional
        ``regions(values) -> GridRegions`` with numpy arrays as values: the
        equilibrium's region and profile at every point of a grid, from the
        closed forms (see :mod:`escalation.analysis.closed_forms`); lets
        :func:`~escalation.analysis.sweep` vectorise a model solved by characterisation.
    latex : callable, optional
        ``latex() -> str``: the model's named equilibrium regions in LaTeX, for
        ``escalation export MODEL --format latex`` (otherwise that command
        writes the regions of the symbolic tree, or the thresholds).
    analytic : bool, optional
        The model is not a finite game: ``build`` returns the model's own
        object (a risk window, a bargaining problem) rather than an
        :class:`~escalation.games.ExtensiveFormGame` or
        :class:`~escalation.games.NormalFormGame`, and the solver is called
        with the values.  Its equilibria are still returned as a verified
        :class:`Equilibria`.
    """

    name: str
    title: str
    claims: tuple[str, ...]
    sources: tuple[str, ...]
    parameters: ParameterSpace
    build: Callable[[Mapping[str, Any]], Any]
    solver: Callable[[Any], Any]
    thresholds: Callable[[], Mapping[str, sympy.Expr]] = field(default=lambda: {})
    description: str = ""
    regions: Callable[[Mapping[str, Any]], Any] | None = None
    names: Callable[[Solution], str | None] | None = None
    latex: Callable[[], str] | None = None
    analytic: bool = False

    def values(self, **overrides: Any) -> dict[str, sympy.Expr]:
        """Defaults overridden by ``overrides``, each checked against its domain."""
        return self.parameters.validate(overrides)

    def game(self, **overrides: Any):
        """The game at a parameter point (defaults for the parameters not given)."""
        return self.build(self.values(**overrides))

    def symbolic_game(self):
        """The game with every parameter left as its sympy symbol."""
        return self.build(self.parameters.symbols)

    def solve(self, *, offpath: Any = None, **overrides: Any):
        """Solve the model at a parameter point; returns the solver's ``Equilibria``.

        ``offpath`` is passed to a perfect Bayesian solver (the rule for off-path beliefs).
        """
        values = self.values(**overrides)
        if self.analytic:
            return self.solver(values)
        options = {} if offpath is None else {"offpath": offpath}
        return self.named(self.solver(self.build(values), **options))

    def named(self, found: Any) -> Any:
        """``found`` with each equilibrium renamed by ``names`` where it gives a name."""
        if self.names is None or not isinstance(found, Equilibria):
            return found
        renamed = []
        for s in found:
            name = self.names(s)
            renamed.append(dataclasses.replace(s, name=name) if name is not None else s)
        return dataclasses.replace(found, solutions=tuple(renamed))
