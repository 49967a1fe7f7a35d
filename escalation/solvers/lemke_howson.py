r"""One Nash equilibrium of a large two-player game by Lemke-Howson, certified exactly.

Enumerating every extreme equilibrium grows exponentially with the number of
strategies; following one Lemke-Howson path is usually fast even for
hundreds of strategies.  The path drops the label ``initial_label`` (the row
player's strategy ``k`` for :math:`k < m`, the column player's strategy
:math:`k - m` otherwise) and is followed in floating point; its final pair of
bases is then solved again in exact rational arithmetic (the supports and the
tight best-response constraints of the bases), checked to be feasible and
complementary, and the profile verified with
:func:`~escalation.solvers.verify_normal_form.verify_nash`.  If the float path
took a wrong turn, the same path is followed in exact integer pivoting.  A
path longer than ``max_pivots`` raises :class:`~escalation.errors.SolverError`
instead of running on.

The answer is one equilibrium, exact and verified; it says nothing about how
many others there are.  Its ``degenerate`` flag is True only when the
equilibrium found shows the game to be degenerate (a mixed strategy with more
pure best responses than its support has strategies); otherwise a note says
that degeneracy was not tested.

>>> from escalation.games import NormalFormGame
>>> sexes = NormalFormGame.from_matrices([[2, 0], [0, 1]], [[1, 0], [0, 2]])
>>> found = lemke_howson(sexes, initial_label=0)
>>> [dict(s.strategies["Row"]) for s in found], found.method
([{'r1': 1, 'r2': 0}], 'Lemke-Howson (float path, certified exactly)')
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..errors import SolverError
from ..games.normal_form import NormalFormGame
from .bimatrix import require_bimatrix
from .lemke_howson_paths import DEFAULT_MAX_PIVOTS, Pair, certified_path
from .mixed_profiles import profile_mapping, pure_strategy_payoffs
from .solution import Computation, Equilibria, Solution
from .verify_normal_form import verify_vectors

__all__ = ["lemke_howson", "shows_degeneracy"]

METHOD = "Lemke-Howson (float path, certified exactly)"


def shows_degeneracy(arrays: Sequence[np.ndarray], pair: Pair) -> bool:
    """True when a player in ``pair`` has more pure best responses than the other player's support size."""
    vectors = [np.array(v, dtype=object) for v in pair]
    for player in (0, 1):
        payoffs = pure_strategy_payoffs(arrays, vectors, player)
        best = sum(1 for v in payoffs if v == max(payoffs))
        if best > sum(1 for p in pair[1 - player] if p != 0):
            return True
    return False


def _label_name(game: NormalFormGame, label: int) -> str:
    m = game.shape[0]
    player, index = (0, label) if label < m else (1, label - m)
    return f"{game.players[player]}'s strategy {game.strategies[player][index]!r}"


def lemke_howson(game: NormalFormGame, initial_label: int = 0, *, max_pivots: int = DEFAULT_MAX_PIVOTS) -> Equilibria:
    """One Nash equilibrium of a two-player numeric normal form: a Lemke-Howson path, certified exactly.

    Parameters
    ----------
    game : NormalFormGame
        Two players, numeric payoffs.
    initial_label : int
        The label dropped first: ``0 .. m-1`` for the row player's strategies,
        ``m .. m+n-1`` for the column player's.
    max_pivots : int
        The most pivots one path may take (in floats, and again in exact
        arithmetic if the float path is not certified).

    Returns
    -------
    Equilibria
        One verified equilibrium.

    Raises
    ------
    SolverError
        Not a two-player normal form, a label out of range, or a path longer
        than ``max_pivots``.

    Examples
    --------
    >>> from escalation.games import NormalFormGame
    >>> pennies = NormalFormGame.from_matrices([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> [str(p) for p in lemke_howson(pennies, initial_label=3)[0].strategies["Column"].values()]
    ['1/2', '1/2']
    """
    require_bimatrix(game)
    labels = sum(game.shape)
    if isinstance(initial_label, bool) or not isinstance(initial_label, int) or not 0 <= initial_label < labels:
        raise SolverError(f"initial_label must be an integer from 0 to {labels - 1}, got {initial_label!r}")
    arrays = game.fraction_arrays()
    pair, arithmetic = certified_path(arrays[0], arrays[1], label=initial_label, max_pivots=max_pivots)
    computation = Computation(METHOD, "Nash", exact=True, verified=True)
    values = verify_vectors(game, arrays, pair)
    solution = Solution(game.players, profile_mapping(game, pair), dict(zip(game.players, values, strict=True)),
                        computation)
    degenerate = shows_degeneracy(arrays, pair)
    notes = [f"one equilibrium: the Lemke-Howson path dropping {_label_name(game, initial_label)}; others may exist",
             "path followed in floats, bases certified in exact arithmetic" if arithmetic == "float" else
             "the float path was not certified; the path was followed again in exact integer pivoting"]
    if not degenerate:
        notes.append("degeneracy of the game not tested (one path does not show it)")
    return Equilibria((solution,), METHOD, "Nash", degenerate=degenerate, notes=tuple(notes))
