r"""Structural options of the guarantee game: the menu of forces and the named variants.

Parameters are numbers; these options change the *tree*.  Each is a switch a
referee asks for (GUARANTEE.md §7.4):

``menu``
    The force levels the coalition can offer, in thousand troops; 0 (no
    force, the whole budget to arms: the porcupine) must be among them.
``resolve``
    ``"before offer"`` (default): the coalition knows its resolve when it
    offers a force, so the offer can signal it.  ``"after offer"``: resolve is
    drawn after the offer, so the offer carries no information about it.
``refusal``
    ``"ceasefire"`` (default): after a refusal the ceasefire holds without a
    force and Russia may still attack Ukraine alone.  ``"war continues"``:
    refusing means the war goes on -- an offensive against Ukraine alone
    (with the refused force's budget partly redirected to arms).
``monitoring``
    False (default).  True adds, for every positive level, a *monitoring
    posture* to the menu: the same force with no tripwire (no automatic
    escalation, no cost of abandoning it: :math:`\rho_P = \rho_O = A_0 = \alpha = 0`),
    the essay's de-escalation alternative (E5).
``concessions``
    Empty (default).  A tuple of shares, e.g. ``(0, "1/10", "1/5")``, adds the
    bargaining stage of the research brief's §2.8 and CF10: wherever no force
    is deployed (no offer, or a refused one) the coalition, not knowing
    Russia's aims, first offers to concede a share :math:`z` of the objective
    (worth :math:`zV_\theta` to Russia, costing the coalition :math:`zW_U`);
    Russia keeps the concession if it holds and forfeits it if it attacks.
    With a continuum of Russian costs this re-optimised concession brings back
    the neutrality of crisis bargaining (CF10: the concession absorbs arms one
    for one); with the game's two Russian types the probability of an attack
    is a step function of arms under either design, so the switch shows the
    mechanism (concessions fall as arms rise), not the exact neutrality.

>>> Variant().menu, Variant().levels
((0, 25, 60, 150), ('0', '25', '60', '150'))
>>> Variant(monitoring=True).levels
('0', '25', '60', '150', '25m', '60m', '150m')
>>> Variant(menu=(25, 60))
Traceback (most recent call last):
...
escalation.errors.ParameterError: parameter 'menu': must contain 0 (no force, the porcupine), got (25, 60)
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ...errors import ParameterError
from ...numbers import exact

__all__ = ["DEFAULT", "VARIANTS", "Variant", "level_force", "level_monitored"]

RESOLVE = ("before offer", "after offer")
REFUSAL = ("ceasefire", "war continues")


@dataclass(frozen=True)
class Variant:
    """The tree's structural options (see the module docstring)."""

    menu: tuple[Any, ...] = (0, 25, 60, 150)
    resolve: str = "before offer"
    refusal: str = "ceasefire"
    monitoring: bool = False
    concessions: tuple[Any, ...] = ()

    def __post_init__(self) -> None:
        menu = tuple(self._level(x) for x in self.menu)
        if 0 not in menu:
            raise ParameterError("menu", f"must contain 0 (no force, the porcupine), got {self.menu}")
        if len(set(menu)) != len(menu) or len(menu) < 2:
            raise ParameterError("menu", f"needs 0 and at least one positive level, each once, got {self.menu}")
        object.__setattr__(self, "menu", tuple(sorted(menu)))
        if self.resolve not in RESOLVE:
            raise ParameterError("resolve", f"must be one of {', '.join(RESOLVE)}, got {self.resolve!r}")
        if self.refusal not in REFUSAL:
            raise ParameterError("refusal", f"must be one of {', '.join(REFUSAL)}, got {self.refusal!r}")
        shares = tuple(self._share(z) for z in self.concessions)
        if shares and (0 not in shares or len(set(shares)) != len(shares)):
            raise ParameterError("concessions", f"need 0 (no concession) and distinct shares, got {self.concessions}")
        object.__setattr__(self, "concessions", tuple(sorted(shares)))

    @staticmethod
    def _share(z: Any) -> Any:
        try:
            value = exact(z)
        except (TypeError, ValueError):
            raise ParameterError("concessions", f"shares must be numbers, got {z!r}") from None
        if value.free_symbols or not 0 <= value <= 1:
            raise ParameterError("concessions", f"shares must lie in [0, 1], got {z!r}")
        return Fraction(str(value))

    @staticmethod
    def _level(x: Any) -> Any:
        try:
            value = exact(x)
        except (TypeError, ValueError):
            raise ParameterError("menu", f"force levels must be numbers, got {x!r}") from None
        if value.free_symbols or value < 0:
            raise ParameterError("menu", f"force levels must be non-negative numbers, got {x!r}")
        return int(value) if value.is_integer else Fraction(str(value))

    @property
    def levels(self) -> tuple[str, ...]:
        """The offers as labels: ``"25"`` for a force of 25k, ``"25m"`` for its monitoring posture."""
        plain = tuple(str(F) for F in self.menu)
        monitored = tuple(f"{F}m" for F in self.menu if F != 0) if self.monitoring else ()
        return plain + monitored


def level_force(level: str) -> Any:
    """The force size of an offer label (``"25m"`` -> 25)."""
    text = level[:-1] if level.endswith("m") else level
    return int(text) if "/" not in text else Fraction(text)


def level_monitored(level: str) -> bool:
    """True for a monitoring posture's label."""
    return level.endswith("m")


#: The default game of GUARANTEE.md §2.
DEFAULT = Variant()

#: Named variants (GUARANTEE.md §7.4); each is also registered as a model ``guarantee-<name>``.
VARIANTS = {
    "late-resolve": Variant(resolve="after offer"),
    "war-on-refusal": Variant(refusal="war continues"),
    "monitoring": Variant(monitoring=True),
    "concession": Variant(concessions=(0, "1/10", "1/5")),
}
