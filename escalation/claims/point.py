r"""The claims at one parameter point: read in every equilibrium, reported as holding in all, some or none.

:func:`at` builds the model's game at the point, asks the generic perfect
Bayesian solver for *every* equilibrium under the chosen off-path rule, and
reads each claim in each equilibrium (:mod:`.guarantee`).  A claim *holds in
all* equilibria, in *some* (then the indices say which), or in *none*; no
equilibrium is selected.  Where one solution stands for several equilibria
that differ only after offers nobody makes, the claim is read in every one of
them (:mod:`.continuations`).  Knife edges the solver reports are passed on.

The solver is an argument so that the reading can be tested with known
equilibria (and compared across solvers); by default it is
:func:`escalation.solvers.perfect_bayesian`, called as
``solver(game, offpath=offpath)``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import ParameterError
from ..models import Model, get_model
from ..models.guarantee import solve_guarantee
from ..numbers import exact_str
from ..solvers.solution import Equilibria, Solution
from .continuations import read_solution, threshold_values
from .guarantee import CLAIM_IDS, ClaimReading
from .reading import EquilibriumReading

__all__ = ["PointClaims", "Verdict", "at", "claims_model", "read_equilibria"]

STATUSES = ("all", "some", "none")


@dataclass(frozen=True)
class Verdict:
    """Whether a claim holds in ``all``, ``some`` or ``none`` of the equilibria (or is ``undefined`` / unread).

    ``holds_in`` lists the (0-based) solutions in which it holds, ``of`` how
    many were read; ``partly_in`` the solutions standing for several
    equilibria (differing off the path) in some of which it holds and in some not.
    """

    claim: str
    status: str
    holds_in: tuple[int, ...]
    of: int
    partly_in: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "holds_in": list(self.holds_in), "partly_in": list(self.partly_in),
                "equilibria": self.of}


@dataclass(frozen=True)
class PointClaims:
    """The claims at one parameter point, with the equilibria they were read from."""

    model: str
    values: Mapping[str, Any]
    offpath: Any
    planned: str
    equilibria: Equilibria
    readings: tuple[ClaimReading, ...]
    verdicts: Mapping[str, Verdict]
    variants: tuple[Mapping[str, tuple[bool | None, ...]], ...] = ()

    def __getitem__(self, claim: str) -> Verdict:
        try:
            return self.verdicts[claim]
        except KeyError:
            raise ParameterError("claim", f"unknown claim {claim!r}; claims: {', '.join(self.verdicts)}") from None

    @property
    def knife_edge(self) -> tuple[str, ...]:
        return tuple(self.equilibria.knife_edge)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: parameter values, off-path rule, verdicts, and each equilibrium's claims and diagnostics."""
        return {
            "model": self.model, "parameters": {k: exact_str(v) for k, v in self.values.items()},
            "offpath": self.offpath if isinstance(self.offpath, str) else dict(self.offpath),
            "planned force": self.planned, "knife_edge": list(self.knife_edge),
            "notes": list(self.equilibria.notes),
            "claims": {k: v.to_dict() for k, v in self.verdicts.items()},
            "equilibria": [{"claims": r.holds, "diagnostics": _plain(r.diagnostics), "solution": s.to_dict(),
                            **_variant_counts(v)}
                           for r, s, v in zip(self.readings, self.equilibria, self.variants or
                                              [{}] * len(self.readings), strict=True)],
        }


def _variant_counts(values: Mapping[str, tuple[bool | None, ...]]) -> dict[str, Any]:
    """For a solution standing for several equilibria: per claim, in how many of them it holds."""
    several = {c: xs for c, xs in values.items() if len(xs) > 1}
    if not several:
        return {}
    return {"claims over its off-path variants": {c: {"holds": sum(bool(x) for x in xs), "of": len(xs)}
                                                  for c, xs in several.items()}}


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return exact_str(value)


def claims_model(model: Model | str) -> Model:
    """The model, if claims are defined for it (the guarantee game and its variants)."""
    model = get_model(model) if isinstance(model, str) else model
    if not model.name.startswith("guarantee"):
        raise ParameterError("model", f"no claim predicates for model {model.name!r}; claims are read from the "
                                      "guarantee game and its variants (guarantee, guarantee-...)")
    return model


def verdicts(variants: tuple[Mapping[str, tuple[bool | None, ...]], ...]) -> dict[str, Verdict]:
    """All / some / none per claim over the solutions, each with its claim values over its off-path variants."""
    out = {}
    for claim in CLAIM_IDS:
        per_solution = [v[claim] for v in variants]
        held = tuple(i for i, xs in enumerate(per_solution) if xs and all(xs))
        partly = tuple(i for i, xs in enumerate(per_solution) if any(xs) and not all(xs))
        if not variants:
            status = "no equilibrium"
        elif any(x is None for xs in per_solution for x in xs):
            status = "undefined"
        else:
            status = "all" if len(held) == len(per_solution) else "some" if held or partly else "none"
        out[claim] = Verdict(claim, status, held, len(variants), partly)
    return out


def read_equilibria(game, equilibria: Equilibria, planned: str | None = None
                    ) -> tuple[tuple[ClaimReading, ...], tuple[dict[str, tuple[bool | None, ...]], ...]]:
    """The claims in every equilibrium of ``equilibria`` (solutions of ``game``).

    Returns each solution's representative reading (its diagnostics carry the
    menu threshold's possible values over its off-path variants) and, per
    solution, each claim's values over the equilibria it stands for.
    """
    readings, values = [], []
    for s in equilibria:
        alternatives = getattr(s, "alternatives", None)
        first, claim_values = read_solution(game, s.behaviour, s.beliefs, alternatives, planned)
        if alternatives:
            first.diagnostics["deterrence threshold (menu), over off-path variants"] = threshold_values(
                game, s.behaviour, alternatives, planned)
        readings.append(first)
        values.append(claim_values)
    return tuple(readings), tuple(values)


def _default_solver(game, offpath: Any = "D1") -> Equilibria:
    return solve_guarantee(game, offpath=offpath)


def at(model: Model | str = "guarantee", *, offpath: Any = "D1", planned: Any = None,
       solver: Callable[..., Equilibria] | None = None, **values: Any) -> PointClaims:
    """Every claim at a parameter point, read in every perfect Bayesian equilibrium.

    Parameters
    ----------
    model : Model or str
        ``"guarantee"`` or one of its variants (``"guarantee-monitoring"``, ...).
    offpath : str or mapping
        The off-path belief rule passed to the solver: ``"D1"``, ``"intuitive"``,
        ``"prior"``, ``"free"``, or ``{information-set pattern: rule}``.
    planned : number or str, optional
        The force read as the planned one (:math:`F_s`); default the smallest positive level.
    solver : callable, optional
        ``solver(game, offpath=...) -> Equilibria``; default the package's generic
        perfect Bayesian solver.
    **values
        Parameter values (defaults for the rest), e.g. ``W_R="1/2"``.

    Returns
    -------
    PointClaims
        Per claim a :class:`Verdict` (all / some / none of the equilibria, and which),
        the equilibria themselves and each one's claims and diagnostics.
    """
    model = claims_model(model)
    point = model.values(**values)
    game = model.build(point)
    found = (solver or _default_solver)(game, offpath=offpath)
    level = None if planned is None else str(planned)
    readings, variants = read_equilibria(game, found, level)
    shown = level if level is not None else (EquilibriumReading(game, _any_behaviour(game, found)).F_s)
    return PointClaims(model.name, point, offpath, shown, found, readings, verdicts(variants), variants)


def _any_behaviour(game, found: Equilibria) -> Mapping:
    """A behaviour profile to read the menu from (the first equilibrium's, or uniform play)."""
    if len(found):
        first: Solution = found[0]
        return first.behaviour
    return {h: {a: 1 if i == 0 else 0 for i, a in enumerate(info.actions)} for h, info in game.infosets.items()}
