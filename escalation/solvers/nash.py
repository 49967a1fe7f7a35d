r"""Every extreme Nash equilibrium of a two-player normal form, exact and verified.

A profile :math:`(x, y)` of a bimatrix game :math:`(A, B)` is a Nash
equilibrium when :math:`x^\top A y \ge e_i^\top A y` for every row :math:`i` and
:math:`x^\top B y \ge x^\top B e_j` for every column :math:`j`.  The set of
equilibria is a finite union of convex polytopes whose vertices, the *extreme*
equilibria, are the completely labelled vertex pairs of the best-response
polytopes (see :mod:`escalation.solvers.vertex_enumeration`).  In a
nondegenerate game these are all the equilibria and there is an odd number
of them; in a degenerate game every equilibrium is a convex combination of
extreme equilibria that are interchangeable with one another.

``method="vertex"`` (the default) enumerates the extreme equilibria exactly
(:mod:`escalation.solvers.vertex_enumeration`) and cross-checks them against
the Lemke-Howson path from every initial label, recording any disagreement in
the notes; ``cross_check="nashpy"`` adds nashpy's support and vertex
enumeration.  ``method="support"`` returns nashpy's support enumeration
instead, rationalised and verified, with a note when it misses extreme
equilibria.  ``method="lemke-howson"`` returns the one equilibrium at the end
of a single Lemke-Howson path (:func:`~escalation.solvers.lemke_howson.lemke_howson`),
for games too large to enumerate.  Every returned profile has passed
:func:`~escalation.solvers.verify_normal_form.verify_nash`.

>>> from escalation.games import NormalFormGame
>>> sexes = NormalFormGame.from_matrices(
...     [[2, 0], [0, 1]], [[1, 0], [0, 2]],
...     players=("Wife", "Husband"), strategies=(("Opera", "Football"),) * 2,
... )
>>> result = nash_equilibria(sexes)
>>> [dict(s.strategies["Wife"]) for s in result]
[{'Opera': 1, 'Football': 0}, {'Opera': 2/3, 'Football': 1/3}, {'Opera': 0, 'Football': 1}]
>>> result[1].payoffs["Wife"], result.degenerate
(2/3, False)
"""

from __future__ import annotations

import numpy as np

from ..errors import SolverError
from ..games.normal_form import NormalFormGame
from .bimatrix import require_bimatrix
from .lemke_howson import METHOD as LEMKE_HOWSON
from .lemke_howson import lemke_howson
from .mixed_profiles import profile_mapping
from .nash_cross_check import compare_with_lemke_howson, compare_with_nashpy
from .nash_subsets import maximal_nash_subsets
from .nashpy_bridge import ALGORITHMS, MAX_DENOMINATOR, Pair, run_nashpy
from .solution import Computation, Equilibria, Solution
from .verify_normal_form import verify_vectors
from .vertex_enumeration import VertexEnumeration, enumerate_vertices

__all__ = ["CROSS_CHECKS", "METHODS", "indifferences", "nash_equilibria", "require_bimatrix"]

METHODS = {"vertex": "vertex enumeration (exact)", "support": "support enumeration (nashpy, rationalised)",
           "lemke-howson": LEMKE_HOWSON}
CROSS_CHECKS = (True, False, "nashpy")
REFINEMENT = "Nash"


def _computation(method: str) -> Computation:
    tolerance = None if method == "vertex" else f"nashpy floats rationalised (denominators <= {MAX_DENOMINATOR})"
    return Computation(METHODS[method], REFINEMENT, exact=True, tolerance=tolerance, verified=True)


def _verified_solution(game: NormalFormGame, arrays, pair: Pair, computation: Computation) -> Solution:
    values = verify_vectors(game, arrays, pair)
    return Solution(game.players, profile_mapping(game, pair), dict(zip(game.players, values, strict=True)),
                    computation)


def _degeneracy_notes(vertices: VertexEnumeration) -> list[str]:
    """In a degenerate game: say so, and which extreme equilibria span convex sets of equilibria."""
    if not vertices.degenerate:
        return []
    subsets = maximal_nash_subsets(vertices.equilibria)
    listed = ", ".join("{" + ", ".join(str(k + 1) for k in subset) + "}" for subset in subsets)
    return [
        "degenerate game: some mixed strategy has more pure best responses than strategies in its support; "
        f"equilibria may form convex sets, and the {len(vertices.equilibria)} extreme equilibria are listed",
        "maximal Nash subsets (every mixture of their members' row strategies with their column strategies "
        f"is an equilibrium; equilibria numbered from 1 as listed): {listed}",
    ]


def indifferences(game: NormalFormGame, arrays, pairs) -> tuple[str, ...]:
    r"""Where a player has more pure best responses than its equilibrium support uses: the knife edges.

    At equilibrium :math:`(x, y)` the row player's best responses are the rows :math:`i` with
    :math:`(Ay)_i = \max_k (Ay)_k`; when they outnumber the rows :math:`x` plays, the player is indifferent
    between actions it could shift weight to, and equilibria form a convex set (see the notes on maximal Nash
    subsets).  One sentence per equilibrium and player, in the order the equilibria are listed.

    >>> game = NormalFormGame.from_matrices([[1, 1], [0, 2]], [[1, 1], [1, 1]], players=("Row", "Column"))
    >>> from fractions import Fraction as F
    >>> indifferences(game, game.fraction_arrays(), [((F(1), F(0)), (F(1), F(0)))])
    ("Column is indifferent between 'c1' and 'c2' in equilibrium 1 (Row plays 'r1')",)
    """
    out = []
    for k, (x, y) in enumerate(pairs, start=1):
        for who, payoff, mine, theirs, names, their_names in (
                (0, arrays[0].dot(np.array(y, dtype=object)), x, y, game.strategies[0], game.strategies[1]),
                (1, np.array(x, dtype=object).dot(arrays[1]), y, x, game.strategies[1], game.strategies[0])):
            best = max(payoff)
            ties = [names[i] for i, u in enumerate(payoff) if u == best]
            if len(ties) > sum(1 for p in mine if p > 0):
                shown = ", ".join(repr(a) if p == 1 else f"{a!r} {p}"
                                  for a, p in zip(their_names, theirs, strict=True) if p > 0)
                listed = " and ".join(repr(t) for t in ties) if len(ties) == 2 else ", ".join(map(repr, ties))
                out.append(f"{game.players[who]} is indifferent between {listed} in equilibrium {k} "
                           f"({game.players[1 - who]} plays {shown})")
    return tuple(out)


CROSS_CHECK_LIMIT = 12  # nashpy's support enumeration visits about 2 ** (m + n) support pairs


def _nashpy_cross_check(game: NormalFormGame, vertices: VertexEnumeration) -> list[str]:
    if sum(game.shape) > CROSS_CHECK_LIMIT:
        return [f"nashpy cross-check not run: {game.shape[0]} + {game.shape[1]} strategies exceed "
                f"{CROSS_CHECK_LIMIT} (its support enumeration grows as 2^(m + n))"]
    notes = []
    for algorithm in ALGORITHMS:
        if algorithm == "vertex enumeration" and min(game.shape) < 2:
            notes.append(f"nashpy {algorithm} not run: a player has a single strategy")
        else:
            notes += compare_with_nashpy(game, vertices.equilibria, run_nashpy(game, algorithm))
    return notes


def _cross_check(game: NormalFormGame, arrays, vertices: VertexEnumeration, cross_check: bool | str) -> list[str]:
    notes = compare_with_lemke_howson(game, vertices.equilibria, vertices.degenerate, arrays) if cross_check else []
    return notes + (_nashpy_cross_check(game, vertices) if cross_check == "nashpy" else [])


def _support_enumeration(game: NormalFormGame, vertices: VertexEnumeration) -> tuple[list[Pair], list[str]]:
    run = run_nashpy(game, "support enumeration")
    notes = compare_with_nashpy(game, vertices.equilibria, run)
    pairs = sorted(run.profiles, key=lambda pair: tuple(-p for p in pair[0] + pair[1]))
    return pairs, [note for note in notes if "agrees" not in note]


def _enumerate(game: NormalFormGame, arrays) -> VertexEnumeration:
    try:
        return enumerate_vertices(arrays[0], arrays[1])
    except SolverError as error:
        raise SolverError(f"{game.shape[0]}x{game.shape[1]} game {game.title!r}: a best-response {error}; "
                          "method='lemke-howson' finds one equilibrium") from None


def _check_options(method: str, cross_check: bool | str) -> None:
    if method not in METHODS:
        raise SolverError(f"unknown method {method!r}; choose one of {sorted(METHODS)}")
    if not any(cross_check is c or (isinstance(c, str) and cross_check == c) for c in CROSS_CHECKS):
        raise SolverError(f"unknown cross_check {cross_check!r}; choose True, False or 'nashpy'")


def nash_equilibria(game: NormalFormGame, *, method: str = "vertex", cross_check: bool | str = True) -> Equilibria:
    """Every extreme Nash equilibrium of a two-player numeric normal form, exact and verified.

    Parameters
    ----------
    game : NormalFormGame
        Two players, numeric payoffs.
    method : {"vertex", "support", "lemke-howson"}
        Exact vertex enumeration; nashpy's support enumeration rationalised;
        or one equilibrium by a single Lemke-Howson path, certified exactly
        (see :func:`~escalation.solvers.lemke_howson.lemke_howson` for its options).
    cross_check : {True, False, "nashpy"}
        With ``method="vertex"``: True follows the Lemke-Howson path from
        every initial label and notes any answer outside the exact set;
        ``"nashpy"`` also runs nashpy's support and vertex enumeration
        (skipped, with a note, when the players have more than 12 strategies
        together) and notes every disagreement.

    Returns
    -------
    Equilibria
        Solutions sorted by decreasing probability of the row player's first
        strategy, then its second, ..., then the column player's; every
        strategy is listed.  ``degenerate`` says whether the game is degenerate.

    Raises
    ------
    SolverError
        Unknown ``method`` or ``cross_check``, a game that is not a two-player
        normal form, or one whose best-response polytopes have more than
        :data:`~escalation.solvers.lexicographic_search.MAX_BASES` bases.
    ParameterError
        Payoffs that still contain parameters.

    Examples
    --------
    >>> from escalation.games import NormalFormGame
    >>> entry = NormalFormGame.from_matrices(
    ...     [[0, 0], [-1, 1]], [[2, 2], [-1, 1]], players=("Entrant", "Incumbent"),
    ...     strategies=(("Out", "In"), ("Fight", "Accommodate")))
    >>> result = nash_equilibria(entry)
    >>> [s.to_dict()["strategies"]["Incumbent"] for s in result]
    [{'Fight': '1', 'Accommodate': '0'}, {'Fight': '1/2', 'Accommodate': '1/2'}, {'Fight': '0', 'Accommodate': '1'}]
    >>> result.degenerate, len(nash_equilibria(entry, method="support"))
    (True, 2)
    >>> print(result.notes[1])  # doctest: +ELLIPSIS
    maximal Nash subsets (every mixture ... as listed): {1, 2}, {3}
    >>> print(result.notes[2])
    Lemke-Howson agrees: the paths from all 4 labels end at 1 of the extreme equilibria (float paths, certified exactly)
    """
    _check_options(method, cross_check)
    require_bimatrix(game)
    if method == "lemke-howson":
        return lemke_howson(game)
    arrays = game.fraction_arrays()
    vertices = _enumerate(game, arrays)
    notes = _degeneracy_notes(vertices)
    if method == "vertex":
        pairs = list(vertices.equilibria)
        notes += _cross_check(game, arrays, vertices, cross_check)
    else:
        pairs, more = _support_enumeration(game, vertices)
        notes += more
    computation = _computation(method)
    solutions = tuple(_verified_solution(game, arrays, pair, computation) for pair in pairs)
    knife_edge = indifferences(game, arrays, pairs) if vertices.degenerate else ()
    return Equilibria(solutions, METHODS[method], REFINEMENT, degenerate=vertices.degenerate, notes=tuple(notes),
                      knife_edge=knife_edge)
