r"""The guarantee game's calibration as a report: every parameter's source and prior, and where the thresholds fall.

The research brief (GUARANTEE.md §3, §7.6) asks that the calibration be
transparent: every value with its source, every assumption listed as one,
the prior file part of the replication archive, and the deterrence
thresholds shown *as outputs* -- at the defaults and as distributions over
the prior -- beside the essay's numbers (the British Army's 70,000 and the
essay's robust force of 150,000), never tuned to them.

* :func:`parameter_table`: one record per parameter (default, plausible range,
  prior, unit, source, and what the source is: a public source, an
  assumption, the essay, a normalisation, a reference cited from memory).
* :func:`thresholds_at`: the closed-form thresholds at a point, exactly
  (:mod:`escalation.models.guarantee.closed_forms`, contest exponent
  :math:`m = 1`): the prior resolve :math:`\pi_C` (CF8); the force the budget
  pays for, :math:`B/k`; the arms that deter a revisionist on Ukraine alone,
  :math:`A^*_a` (CF1); the forces above which a coalition type stands firm
  under a nuclear threat, :math:`F_{tie}` (CF2); Russia's threat thresholds
  :math:`\tau` (CF3); and the complete-information deterrence force
  :math:`\hat F_{a,u}` (CF6: the smallest force within the budget at which a
  revisionist facing a coalition known to be resolved gains nothing from
  attack :math:`a`).
* :func:`threshold_draws`: the same thresholds at draws from the conditioned
  prior (:func:`~.monte_carlo.draw_points`), in floating point.
* :func:`calibration_report` and :func:`report_text`: all of it, as a
  JSON-ready dict or as text (``escalation calibration MODEL``).

The menu threshold of the equilibrium (the smallest offered force that no
revisionist tests, §6.1) needs the solver; it is read by :func:`~.point.at`
(``deterrence threshold (menu)`` in each equilibrium's diagnostics).

>>> rows = {r["name"]: r for r in parameter_table()}
>>> rows["k"]["default"], rows["k"]["prior"], rows["k"]["basis"]
('1/5', 'log-uniform on [0.05, 0.5]', 'public source, assumption')
>>> at_defaults = thresholds_at()
>>> str(at_defaults["A_star_Rev_O"].value), str(at_defaults["F_tie_H_P"].value)
('1720/9', '110')
>>> at_defaults["budget_force"].value, at_defaults["budget_force"].on_essay_number
(150, True)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy
import xarray as xr
from scipy import stats

from ..errors import ParameterError
from ..models import Model
from ..models.guarantee import closed_forms as cf
from ..numbers import exact_str
from .monte_carlo import draw_points
from .point import claims_model

__all__ = ["ESSAY_FORCES", "Threshold", "calibration_report", "deterrence_forces", "evaluate", "parameter_table",
           "prior_columns", "report_text", "threshold_draws", "thresholds_at"]

#: The essay's force numbers (thousand troops) that thresholds are shown against, never calibrated to.
ESSAY_FORCES = {70: "the British Army's strength (about 70,000)", 150: "the essay's robust force (150,000)"}
ATTACK_WORDS = {"P": "a probe", "O": "an offensive"}
POSTURE_WORDS = {"B": "US backstop", "D": "US-Russia deal"}
QUANTILES = (0.05, 0.5, 0.95)


# --- the parameters ---------------------------------------------------------------------------------

def basis(source: str) -> str:
    """What a source string rests on, e.g. ``'public source, assumption'``.

    >>> basis("assumption [C]; essay E4"), basis("normalisation of the utility scale"), basis("Tullock 1980 [M]")
    ('assumption, essay', 'normalisation', 'public source, from memory')
    """
    tags = []
    if "http" in source or re.search(r"\b(19|20)\d\d\b", source):
        tags.append("public source")
    if "[C]" in source or "assumption" in source:
        tags.append("assumption")
    if re.search(r"\bessay\b", source):
        tags.append("essay")
    if "normalisation" in source:
        tags.append("normalisation")
    if "[M]" in source:
        tags.append("from memory")
    return ", ".join(tags) or "unstated"


def parameter_table(model: Model | str = "guarantee") -> list[dict[str, Any]]:
    """One record per parameter: name, description, unit, default, plausible range, prior, drawn, basis, source."""
    model = claims_model(model)
    rows = []
    for p in model.parameters.values():
        low, high = p.plausible if p.plausible is not None else (None, None)
        rows.append({"name": p.name, "description": p.description, "unit": p.unit, "default": exact_str(p.default),
                     "plausible_low": None if low is None else exact_str(low),
                     "plausible_high": None if high is None else exact_str(high),
                     "prior": p.prior_text or "fixed", "drawn": p.prior is not None, "basis": basis(p.source),
                     "source": p.source})
    return rows


# --- the thresholds ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Threshold:
    """A closed-form threshold at a point: its value (None: no such value), unit and meaning."""

    name: str
    value: Any
    unit: str
    meaning: str
    closed_form: str

    @property
    def on_essay_number(self) -> bool:
        """Whether the value is exactly one of the essay's force numbers (a force threshold only)."""
        return self.unit == "thousand troops" and self.value is not None and any(
            self.value == n for n in ESSAY_FORCES)

    def to_dict(self) -> dict[str, Any]:
        value = None if self.value is None else exact_str(self.value)
        decimal = None if self.value is None else float(self.value)
        return {"value": value, "decimal": decimal, "unit": self.unit, "meaning": self.meaning,
                "closed form": self.closed_form, "on an essay number": self.on_essay_number}


@functools.cache
def _definitions() -> dict[str, tuple[sympy.Expr, str, str, str]]:
    """name -> (expression, unit, meaning, closed form) for every threshold but the CF6 forces."""
    out: dict[str, tuple[sympy.Expr, str, str, str]] = {
        "pi_C": (cf.thresholds()["pi_C"], "probability", "prior probability that the coalition is resolved", "CF8"),
        "budget_force": (cf.S["B"] / cf.S["k"], "thousand troops",
                         "the largest force the budget pays for (no arms left for Ukraine)", "budget identity"),
    }
    for a, word in ATTACK_WORDS.items():
        out[f"A_star_Rev_{a}"] = (cf.deterrence_by_denial("Rev", a)["A_star"], "EUR bn a year",
                                  f"arms that deter {word} by a revisionist on Ukraine alone (compare B)", "CF1")
    for t, who in (("H", "resolved"), ("L", "unresolved")):
        for a, word in ATTACK_WORDS.items():
            out[f"F_tie_{t}_{a}"] = (cf.tie_force(t, a), "thousand troops",
                                     f"force above which the {who} coalition stands firm under a nuclear threat "
                                     f"after {word}", "CF2")
    for r, who in (("Rev", "revisionist"), ("Lim", "limited")):
        for a, word in ATTACK_WORDS.items():
            out[f"tau_{r}_{a}"] = (cf.threat_threshold(r, a), "probability",
                                   f"chance of a firm stand below which a {who} Russia threatens after {word} "
                                   "fails", "CF3")
    return out


def _fhat_meaning(a: str, u: str) -> str:
    return (f"smallest force within the budget at which a revisionist facing a known resolved coalition gains "
            f"nothing from {ATTACK_WORDS[a]} ({POSTURE_WORDS[u]})")


def _checked_point(model: Model, values: Mapping[str, Any]) -> dict[str, Any]:
    point = model.values(**values)
    if point["m"] != 1:
        raise ParameterError("m", f"the closed-form thresholds assume a contest exponent m = 1, got m = {point['m']}")
    return point


@functools.cache
def _numerator(a: str, u: str) -> tuple[sympy.Expr, ...]:
    """CF6: the coefficients (highest power first) of the numerator of the revisionist's attack value in ``F``.

    The denominator is positive for forces within the budget, so the value has the numerator's sign.
    """
    numerator, _ = sympy.fraction(sympy.together(cf.attack_value_on_force(a, u)))
    poly = sympy.Poly(sympy.expand(numerator), cf.FORCE)
    if poly.degree() > 2:
        raise ParameterError("F", f"CF6's attack value has a numerator of degree {poly.degree()} in the force")
    return tuple(poly.all_coeffs())


def _exact(expr: sympy.Expr, point: Mapping[str, Any]) -> sympy.Expr | None:
    """``expr`` at the point, exactly; None where it has no finite value (e.g. no tie force when alpha = 0)."""
    value = sympy.sympify(expr).xreplace({cf.S[k]: v for k, v in point.items()}).doit()
    return value if value.is_finite else None


def _deterrence_force(point: Mapping[str, Any], a: str, u: str) -> sympy.Expr | None:
    """CF6's smallest deterring force within the budget (0 if any force deters, None if none within B/k)."""
    coefficients = [sympy.sympify(c).xreplace({cf.S[k]: v for k, v in point.items()}) for c in _numerator(a, u)]
    if coefficients[-1] <= 0:
        return sympy.Integer(0)
    roots = [x for x in sympy.Poly(coefficients, cf.FORCE).real_roots() if 0 < x <= point["B"] / point["k"]]
    return sympy.radsimp(min(roots)) if roots else None


def thresholds_at(model: Model | str = "guarantee", **values: Any) -> dict[str, Threshold]:
    """Every threshold of the module docstring at a parameter point (defaults for the rest), exactly."""
    model = claims_model(model)
    point = _checked_point(model, values)
    out = {name: Threshold(name, _exact(expr, point), unit, meaning, form)
           for name, (expr, unit, meaning, form) in _definitions().items()}
    for a in ATTACK_WORDS:
        for u in POSTURE_WORDS:
            name = f"F_hat_{a}_{u}"
            out[name] = Threshold(name, _deterrence_force(point, a, u), "thousand troops", _fhat_meaning(a, u), "CF6")
    return out


# --- over the prior ---------------------------------------------------------------------------------

def _vectorised(expr: sympy.Expr, columns: Mapping[str, np.ndarray]) -> np.ndarray:
    names = sorted(str(s) for s in expr.free_symbols)
    f = sympy.lambdify([cf.S[n] for n in names], expr, "numpy")
    n = len(next(iter(columns.values())))
    with np.errstate(divide="ignore", invalid="ignore"):  # e.g. alpha = 0: no tie force (inf or nan)
        x = np.asarray(f(*(columns[k] for k in names)), dtype=float)
    return np.broadcast_to(x, (n,)).copy()


def _deterrence_forces(a: str, u: str, columns: Mapping[str, np.ndarray]) -> np.ndarray:
    """CF6 at every draw in floats: 0, the smallest positive root of the value's numerator (within B/k), or nan."""
    coefficients = [_vectorised(c, columns) for c in _numerator(a, u)]
    c2, c1, c0 = [np.zeros(len(coefficients[0]))] * (3 - len(coefficients)) + coefficients
    budget = columns["B"] / columns["k"]
    out = np.full(c0.shape, np.nan)
    for i in range(len(c0)):
        if c0[i] <= 0:
            out[i] = 0.0
            continue
        roots = np.roots([c2[i], c1[i], c0[i]]) if c2[i] else np.roots([c1[i], c0[i]])
        real = [r.real for r in roots if abs(r.imag) <= 1e-12 * max(1.0, abs(r.real)) and 0 < r.real <= budget[i]]
        if real:
            out[i] = min(real)
    return out


def prior_columns(model: Model | str = "guarantee", n: int = 2000, seed: Any = None,
                  fixed: Mapping[str, Any] | None = None) -> dict[str, np.ndarray]:
    """``n`` draws from the conditioned prior (:func:`~.monte_carlo.draw_points`), one float array per parameter.

    >>> columns = prior_columns(n=5, seed=1)
    >>> columns["W_R"].shape, bool(np.all((columns["W_R"] >= 0.5) & (columns["W_R"] <= 10)))
    ((5,), True)
    """
    model = claims_model(model)
    points, _ = draw_points(model, n, seed, fixed=fixed)
    return {k: np.array([float(p[k]) for p in points]) for k in points[0]}


def evaluate(expr: sympy.Expr, columns: Mapping[str, np.ndarray]) -> np.ndarray:
    """A closed form at every draw of ``columns`` (:func:`prior_columns`), in floats (``nan``/``inf``: no value)."""
    return _vectorised(sympy.sympify(expr), columns)


def deterrence_forces(a: str, u: str, columns: Mapping[str, np.ndarray]) -> np.ndarray:
    """CF6's deterrence force at every draw of ``columns``: 0, the smallest deterring force within ``B/k``, or nan."""
    return _deterrence_forces(a, u, columns)


def threshold_draws(model: Model | str = "guarantee", n: int = 2000, seed: Any = None,
                    fixed: Mapping[str, Any] | None = None) -> xr.Dataset:
    """The thresholds at ``n`` draws from the conditioned prior, in floats (``nan``: no such value).

    The draws are those of :func:`~.monte_carlo.draw_points` (the same seed
    gives the same draws as :func:`~.monte_carlo.share`).  The coalition's
    prior resolve is computed per draw from its quorum and members.
    """
    model = claims_model(model)
    _checked_point(model, dict(fixed or {}))
    points, rejected = draw_points(model, n, seed, fixed=fixed)
    columns = {k: np.array([float(p[k]) for p in points]) for k in points[0]}
    data: dict[str, Any] = {}
    for name, (expr, unit, meaning, form) in _definitions().items():
        if name == "pi_C":
            x = stats.binom.sf(columns["k_quorum"] - 1, columns["N_members"], columns["rho_member"])
        else:
            x = _vectorised(expr, columns)
        data[name] = ("draw", x, {"unit": unit, "meaning": meaning, "closed form": form})
    for a in ATTACK_WORDS:
        for u in POSTURE_WORDS:
            data[f"F_hat_{a}_{u}"] = ("draw", _deterrence_forces(a, u, columns),
                                      {"unit": "thousand troops", "meaning": _fhat_meaning(a, u),
                                       "closed form": "CF6"})
    ds = xr.Dataset(data)
    for k, p in model.parameters.items():
        if p.prior is not None and k not in (fixed or {}):
            ds = ds.assign_coords({k: ("draw", columns[k])})
    ds.attrs.update({"model": model.name, "draws": len(points), "seed": str(seed), "rejected": str(rejected),
                     "method": "closed forms (m = 1) at draws from the prior conditioned on the orderings and the "
                               "type definitions; nan where no such value exists"})
    return ds


def _summary(x: np.ndarray, unit: str) -> dict[str, Any]:
    finite = x[np.isfinite(x)]
    out: dict[str, Any] = {"none": float(np.mean(~np.isfinite(x)))}
    if finite.size:
        out.update({f"q{round(100 * q):02d}": float(np.quantile(finite, q)) for q in QUANTILES})
    if unit == "thousand troops":
        out["below 70"] = float(np.mean(np.isfinite(x) & (x < 70)))
        out["70 to 150"] = float(np.mean(np.isfinite(x) & (x >= 70) & (x <= 150)))
        out["above 150"] = float(np.mean(np.isfinite(x) & (x > 150)))
    return out


def calibration_report(model: Model | str = "guarantee", n: int | None = 2000, seed: Any = 0,
                       **values: Any) -> dict[str, Any]:
    """Parameters, the thresholds at the point (defaults unless ``values``) and, with ``n`` draws, over the prior."""
    model = claims_model(model)
    at_point = thresholds_at(model, **values)
    report: dict[str, Any] = {
        "model": model.name, "parameters": parameter_table(model),
        "assumptions": [r["name"] for r in parameter_table(model) if "assumption" in r["basis"]],
        "point": {k: exact_str(v) for k, v in values.items()},
        "thresholds": {k: t.to_dict() for k, t in at_point.items()},
        "essay numbers": {str(k): v for k, v in ESSAY_FORCES.items()},
    }
    if n:
        ds = threshold_draws(model, n, seed, fixed=values)
        report["over the prior"] = {"draws": ds.attrs["draws"], "seed": ds.attrs["seed"],
                                    "rejected": ds.attrs["rejected"],
                                    "thresholds": {k: _summary(ds[k].values, ds[k].attrs["unit"])
                                                   for k in ds.data_vars}}
    return report


def report_text(report: Mapping[str, Any]) -> str:
    """The report as plain text: parameters (with basis), thresholds at the point and their spread over the prior."""
    lines = [f"{report['model']}: calibration", "", "parameters (default; plausible range; prior; basis):"]
    for r in report["parameters"]:
        plausible = "-" if r["plausible_low"] is None else f"[{r['plausible_low']}, {r['plausible_high']}]"
        lines.append(f"  {r['name']:<11} {r['default']:<8} {plausible:<14} {r['prior']:<28} {r['basis']}")
    where = ", ".join(f"{k}={v}" for k, v in report["point"].items()) or "the defaults"
    lines += ["", f"thresholds at {where} (closed forms, m = 1; essay numbers 70 and 150 thousand troops):"]
    for name, t in report["thresholds"].items():
        shown = "none" if t["value"] is None else t["value"] + ("" if "/" not in t["value"] and "sqrt" not in
                                                                t["value"] else f" = {t['decimal']:.4g}")
        flag = "  <- on an essay number" if t["on an essay number"] else ""
        lines.append(f"  {name:<13} {shown:<28} {t['unit']:<16} {t['closed form']:<16} {t['meaning']}{flag}")
    if "over the prior" in report:
        prior = report["over the prior"]
        lines += ["", f"over the prior ({prior['draws']} draws, seed {prior['seed']}; quantiles 5/50/95%; "
                      "share of draws below 70, 70-150, above 150 thousand troops, share with none):"]
        for name, s in prior["thresholds"].items():
            quantiles = " / ".join(f"{s[k]:.4g}" for k in ("q05", "q50", "q95")) if "q50" in s else "-"
            bands = (f"  {s['below 70']:.2f} {s['70 to 150']:.2f} {s['above 150']:.2f}" if "below 70" in s else "")
            lines.append(f"  {name:<13} {quantiles:<30}{bands}  none {s['none']:.2f}")
    return "\n".join(lines)
