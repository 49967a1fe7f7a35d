r"""The numbers of a numeric tree in level order: exact, as 64-bit integers where they fit, and as floats.

Solvers on the compiled tree (:mod:`escalation.games.level_order`) read
payoffs and chance probabilities from here.  Three forms of the same numbers:

- ``payoff``: exact rationals (``int`` or :class:`~fractions.Fraction`) in an
  object array, one row per node (zeros at inner nodes);
- ``payoff_int``: the same as ``int64`` when every payoff is an integer of
  magnitude below :math:`2^{62}`, else ``None``;
- ``payoff_float`` and ``prob_float``: the nearest floats, or ``None`` when a
  number is too large or a positive probability too small for a float to
  carry a relative error bound (then solvers compute exactly).

``prob`` holds the exact probability of the move into each child of a chance
node (``0`` elsewhere; ``prob_float`` has ``1.0`` there).

>>> from escalation.games import ExtensiveFormGame, chance, outcome
>>> g = ExtensiveFormGame(("A",), chance({"h": ("1/3", outcome(None, (2,))), "t": ("2/3", outcome(None, (5,)))}))
>>> numbers = tree_numbers(g)
>>> numbers.payoff[:, 0].tolist(), [str(p) for p in numbers.prob], numbers.payoff_int is None
([0, 2, 5], ['0', '1/3', '2/3'], True)
"""

from __future__ import annotations

from fractions import Fraction
from functools import cached_property
from typing import Any

import numpy as np

from ..errors import PayoffError
from ..games.level_order import LevelTree, level_tree
from ..games.structure import CHANCE_CODE, TERMINAL_CODE
from ..numbers import as_fraction

__all__ = ["FLOAT_LIMIT", "INT_LIMIT", "TreeNumbers", "tree_numbers"]

INT_LIMIT = 2**62
FLOAT_LIMIT = 2.0**900  # payoffs below this keep sums of many terms finite
SMALLEST_PROBABILITY = 2.0**-900  # positive probabilities above this round with a relative error


class TreeNumbers:
    """Payoffs and chance probabilities of a numeric tree, in level order (see the module docstring).

    Each form is made the first time it is read.
    """

    def __init__(self, game, tree: LevelTree) -> None:
        self.game, self.tree = game, tree
        self.players = len(game.players)
        a = tree.arrays
        self._leaves = np.flatnonzero(tree.kind == TERMINAL_CODE)
        rows = a.leaf[tree.pre]
        self._rows = np.where(rows < 0, len(a.payoff_table), rows)  # inner nodes read an extra row of zeros
        below = np.flatnonzero((tree.parent >= 0) & (tree.kind[np.maximum(tree.parent, 0)] == CHANCE_CODE))
        self._below_chance = below[tree.parent[below] >= 0]

    def _table(self, table: np.ndarray, dtype) -> np.ndarray:
        """``table`` (one row per leaf) as one row per node in level order, zeros at inner nodes."""
        padded = np.zeros((len(table) + 1, self.players), dtype=dtype)
        padded[:-1] = table
        return padded.take(self._rows, axis=0)

    @cached_property
    def payoff(self) -> np.ndarray:
        """Exact payoffs (``int`` or ``Fraction``), one row per node, zeros at inner nodes."""
        a = self.tree.arrays
        ints = a.payoff_ints
        if ints is not None:
            return self._table(ints, np.int64).astype(object)
        rows = _rational(a.payoffs, lambda k: _payoff_where(self.game, a, k, self.players))
        return self._table(rows, object)

    @cached_property
    def payoff_int(self) -> np.ndarray | None:
        """The payoffs as ``int64`` when there is no chance move and all are integers below :math:`2^{62}`."""
        ints = self.tree.arrays.payoff_ints
        return None if ints is None or not self.tree.chance_free else self._table(ints, np.int64)

    @cached_property
    def payoff_float(self) -> np.ndarray | None:
        """The nearest floats, or ``None`` when a payoff is beyond ``FLOAT_LIMIT``."""
        ints = self.tree.arrays.payoff_ints
        if ints is not None:
            out = self._table(ints, np.int64).astype(float)
        else:
            try:
                out = self.payoff.astype(float)
            except OverflowError:
                return None
        return out if np.abs(out).max(initial=0.0) < FLOAT_LIMIT else None

    @cached_property
    def prob(self) -> np.ndarray:
        """The exact probability of the move into each child of a chance node, ``0`` elsewhere."""
        a, below = self.tree.arrays, self._below_chance
        prob = np.zeros(self.tree.size, dtype=object)
        if len(below):
            prob[below] = _rational(a.probability[self.tree.pre[below]],
                                    lambda k: f"probability at node {a.path_of(int(self.tree.pre[below[k]]))}")
        return prob

    @cached_property
    def prob_float(self) -> np.ndarray | None:
        """The nearest floats (``1.0`` off chance moves), or ``None`` if a positive one is below the limit."""
        out = np.ones(self.tree.size)
        below = self._below_chance
        if not len(below):
            return out
        exact: Any = self.prob[below]
        floats = exact.astype(float)
        if ((floats < SMALLEST_PROBABILITY) & (exact != 0)).any():
            return None
        out[below] = floats
        return out

    def leaf_value(self, v: int) -> tuple[Fraction, ...]:
        """The exact payoffs at leaf ``v`` (level position)."""
        return tuple(Fraction(x) for x in self.payoff[v])


def tree_numbers(game) -> TreeNumbers:
    """The numbers of ``game`` (which must be numeric), made once per game and kept."""
    lazy = game._lazy
    if "tree_numbers" not in lazy:
        game.require_numeric()
        lazy["tree_numbers"] = TreeNumbers(game, level_tree(game))
    return lazy["tree_numbers"]


def _payoff_where(game, a, k: int, players: int) -> str:
    leaf = int(np.flatnonzero(a.leaf == k // players)[0])
    return f"payoff of {game.players[k % players]!r} at node {a.path_of(leaf)}"


def _rational(values: np.ndarray, where) -> np.ndarray:
    """Entries as ``int`` or ``Fraction``; an irrational number raises :class:`PayoffError`."""
    flat = values.ravel()
    if all(type(x) is int or type(x) is Fraction for x in flat.tolist()):
        return values
    out = np.empty(values.shape, dtype=object)
    for k, x in enumerate(flat.tolist()):
        try:
            out.flat[k] = x if type(x) is int else as_fraction(x)
        except TypeError:
            raise PayoffError(where(k), f"{x} is not a rational number; solvers need rational payoffs and "
                                        "probabilities") from None
    return out
