r"""The orderings the guarantee game assumes (GUARANTEE.md §2.5), checked at a numeric point.

Both types of each player must be possible (:math:`0 < \pi_C, \pi_R, \beta < 1`);
the resolved coalition fears war less (:math:`W_H < W_L`); the revisionist has
the larger stake (:math:`V_{Lim} < V_{Rev}`); a probe is smaller than an
offensive in prize, forces and cost (:math:`\varphi_P < \varphi_O`,
:math:`x_P < x_O`, :math:`c_P < c_O`) and no more likely to escalate
(:math:`\rho_P \le \rho_O`); the contest exponent and the coalition's size and
quorum are whole numbers with :math:`1 \le k \le N`.  A violation raises
:class:`~escalation.errors.ParameterError` naming the parameter; symbolic
values are not checked.

>>> from escalation.models.guarantee.parameters import PARAMETERS
>>> from escalation.errors import ParameterError
>>> try:
...     check_point({**PARAMETERS.defaults(), "W_L": "1/2"})
... except ParameterError as err:
...     print(err.problem)
the guarantee game assumes W_H < W_L (the resolved coalition fears war less), got W_H = 1, W_L = 1/2
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...errors import ParameterError
from ...numbers import exact

__all__ = ["check_point"]

MODEL = "the guarantee game"

#: (smaller, larger, strict, why) for every ordering of two parameters.
ORDERINGS = (
    ("W_H", "W_L", True, "the resolved coalition fears war less"),
    ("V_Lim", "V_Rev", True, "the revisionist has the larger stake"),
    ("phi_P", "phi_O", True, "a probe wins less than an offensive"),
    ("x_P", "x_O", True, "a probe uses fewer troops than an offensive"),
    ("c_P", "c_O", True, "a probe costs less than an offensive"),
    ("rho_P", "rho_O", False, "a probe escalates no more often than an offensive"),
)


def _numeric(values: Mapping[str, Any]) -> dict[str, Any] | None:
    try:
        numbers = {k: exact(v) for k, v in values.items()}
    except TypeError:
        return None
    return None if any(x.free_symbols for x in numbers.values()) else numbers


def check_point(values: Mapping[str, Any]) -> None:
    """Raise :class:`~escalation.errors.ParameterError` unless ``values`` satisfy the model's orderings."""
    v = _numeric(values)
    if v is None:
        return
    for name in ("m", "N_members", "k_quorum"):
        if not v[name].is_integer:
            raise ParameterError(name, f"{MODEL} needs a whole number (exact probabilities), got {v[name]}")
    if v["k_quorum"] > v["N_members"]:
        raise ParameterError("k_quorum, N_members", f"{MODEL} needs k_quorum <= N_members, got {v['k_quorum']} > "
                                         f"{v['N_members']}")
    for name in ("rho_member", "pi_R", "beta"):
        if not 0 < v[name] < 1:
            raise ParameterError(name, f"{MODEL} assumes 0 < {name} < 1 (both types possible), got {v[name]}")
    for low, high, strict, why in ORDERINGS:
        if (v[low] >= v[high]) if strict else (v[low] > v[high]):
            sign = "<" if strict else "<="
            raise ParameterError(f"{low}, {high}", f"{MODEL} assumes {low} {sign} {high} ({why}), got "
                                                   f"{low} = {v[low]}, {high} = {v[high]}")
