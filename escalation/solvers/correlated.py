r"""Correlated equilibria of an N-player normal form, as an exact linear programme.

A distribution :math:`\mu` over pure profiles is a *correlated equilibrium*
(Aumann 1974) when no player, told only its own recommended strategy
:math:`s_i`, gains by playing another strategy :math:`t_i` instead:

.. math:: \sum_{s_{-i}} \mu(s_i, s_{-i}) \bigl(u_i(s_i, s_{-i}) - u_i(t_i, s_{-i})\bigr) \ge 0
          \quad \text{for every player } i \text{ and strategies } s_i \ne t_i,

with :math:`\mu \ge 0` and :math:`\sum_s \mu(s) = 1`.  These constraints are
linear, so the correlated equilibria form a polytope (it contains every Nash
equilibrium, as the product of its mixed strategies), and a linear objective
-- by default the *welfare*, the sum of the players' expected payoffs -- is
maximised over it by an exact simplex (:func:`escalation.symbolic.lp.maximize`,
Bland's rule in rational arithmetic).  The range of each player's payoff over
the polytope comes from two more programmes per player
(:func:`correlated_payoff_ranges`), and the polytope's vertices from its
inequalities (:func:`correlated_vertices`, small games).

Both solvers return :class:`~escalation.solvers.solution.Equilibria`; each
:class:`~escalation.solvers.solution.Solution` gives every player's marginal
as its strategy and the joint distribution over pure profiles as
``distribution``.

Aumann's Chicken: the mixed equilibrium gives each driver 14/3; a public
recommender that never says "both dare" does better.

>>> from escalation.games import NormalFormGame
>>> chicken = NormalFormGame.from_matrices([[6, 2], [7, 0]], [[6, 7], [2, 0]],
...                                        strategies=(("Chicken", "Dare"),) * 2)
>>> best = correlated_equilibria(chicken)[0]
>>> {"/".join(s): str(p) for s, p in best.distribution.items() if p}
{'Chicken/Chicken': '1/2', 'Chicken/Dare': '1/4', 'Dare/Chicken': '1/4'}
>>> [str(x) for x in best.payoffs.values()], [str(x) for x in correlated_payoff_ranges(chicken)["Row"]]
(['21/4', '21/4'], ['2', '7'])
>>> len(correlated_vertices(chicken))
5
>>> is_correlated_equilibrium(chicken, {("Chicken", "Chicken"): "3/5", ("Chicken", "Dare"): "1/5",
...                                     ("Dare", "Chicken"): "1/5"})
False
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from ..errors import GameStructureError, ProbabilityError, SolverError, VerificationError
from ..games.normal_form import NormalFormGame
from ..numbers import as_fraction, exact_str
from ..symbolic.lp import maximize
from .exact_linear import solve_exact
from .solution import Computation, Equilibria, Solution

__all__ = ["MAX_VERTEX_SYSTEMS", "METHOD", "VERTEX_METHOD", "correlated_equilibria", "correlated_payoff_ranges",
           "correlated_vertices", "incentive_rows", "is_correlated_equilibrium"]

METHOD = "linear programme (exact)"
VERTEX_METHOD = "vertex enumeration of the correlated-equilibrium polytope (exact)"
REFINEMENT = "correlated"
MAX_VERTEX_SYSTEMS = 200_000  # linear systems correlated_vertices may try before refusing

Profile = tuple[str, ...]


def _numeric(game: NormalFormGame) -> NormalFormGame:
    if not isinstance(game, NormalFormGame):
        raise SolverError(f"expected a NormalFormGame, got {type(game).__name__}")
    game.require_numeric()
    return game


def _labels(game: NormalFormGame, index: tuple[int, ...]) -> Profile:
    return tuple(s[i] for s, i in zip(game.strategies, index, strict=True))


def incentive_rows(game: NormalFormGame) -> list[tuple[str, dict[tuple[int, ...], Fraction]]]:
    r"""The incentive constraints as ``(description, {profile index: coefficient})``, each meaning ``coeff @ mu >= 0``.

    One row per player :math:`i` and ordered pair :math:`s_i \ne t_i`: the
    coefficient of :math:`\mu(s)` is :math:`u_i(s) - u_i(t_i, s_{-i})` on the
    profiles where :math:`i` is told :math:`s_i`.

    >>> from escalation.games import NormalFormGame
    >>> g = NormalFormGame.from_matrices([[6, 2], [7, 0]], [[6, 7], [2, 0]], strategies=(("C", "D"),) * 2)
    >>> name, row = incentive_rows(g)[0]
    >>> name, {k: str(v) for k, v in row.items()}
    ("Row told 'C' prefers it to 'D'", {(0, 0): '-1', (0, 1): '2'})
    """
    arrays = game.fraction_arrays()
    rows = []
    for i, player in enumerate(game.players):
        for s_i, t_i in itertools.permutations(range(game.shape[i]), 2):
            row = {}
            for index in game.profiles():
                if index[i] == s_i:
                    deviation = (*index[:i], t_i, *index[i + 1:])
                    row[index] = arrays[i][index] - arrays[i][deviation]
            rows.append((f"{player} told {game.strategies[i][s_i]!r} prefers it to {game.strategies[i][t_i]!r}", row))
    return rows


def _as_distribution(game: NormalFormGame, distribution: Mapping[Any, Any]) -> dict[tuple[int, ...], Fraction]:
    """``distribution`` keyed by profile indices, checked to be a probability distribution."""
    out: dict[tuple[int, ...], Fraction] = {}
    for profile, p in distribution.items():
        if len(profile) != game.num_players:
            raise GameStructureError(f"profile {profile}", f"needs {game.num_players} strategies")
        index = tuple(s if isinstance(s, int) else game.strategy_index(i, s) for i, s in enumerate(profile))
        q = as_fraction(p)
        if q < 0:
            raise ProbabilityError(f"profile {profile}", f"probability {q} is negative")
        out[index] = out.get(index, Fraction(0)) + q
    total = sum(out.values(), Fraction(0))
    if total != 1:
        raise ProbabilityError("distribution", f"probabilities sum to {total}, not 1")
    return out


def is_correlated_equilibrium(game: NormalFormGame, distribution: Mapping[Any, Any]) -> bool:
    """True when ``distribution`` ({profile: probability}) satisfies every incentive constraint, exactly.

    Profiles are tuples of strategy labels or indices; missing profiles have
    probability 0.  A distribution that is not one (negative entries, total
    other than 1) raises :class:`~escalation.errors.ProbabilityError`.

    >>> from escalation.games import NormalFormGame
    >>> g = NormalFormGame.from_matrices([[6, 2], [7, 0]], [[6, 7], [2, 0]], strategies=(("C", "D"),) * 2)
    >>> is_correlated_equilibrium(g, {("C", "D"): "1/2", ("D", "C"): "1/2"})
    True
    >>> is_correlated_equilibrium(g, {("C", "C"): 1})
    False
    """
    mu = _as_distribution(_numeric(game), distribution)
    return all(sum((c * mu.get(s, 0) for s, c in row.items()), Fraction(0)) >= 0 for _, row in incentive_rows(game))


def _weights(game: NormalFormGame, objective: Any) -> tuple[str, list[Fraction]]:
    """The objective in words and as a weight per player."""
    if objective is None:
        return "welfare (sum of payoffs)", [Fraction(1)] * game.num_players
    if isinstance(objective, str):
        i = game.player_index(objective)
        return f"{objective}'s payoff", [Fraction(int(j == i)) for j in range(game.num_players)]
    if isinstance(objective, Mapping):
        weights = [Fraction(0)] * game.num_players
        for player, w in objective.items():
            weights[game.player_index(player)] = as_fraction(w)
        return " + ".join(f"{exact_str(w)}*{p}" for p, w in zip(game.players, weights, strict=True) if w), weights
    raise SolverError(f"objective must be None, a player or {{player: weight}}, got {objective!r}")


def _optimise(game: NormalFormGame, weights: list[Fraction]) -> tuple[Fraction, list[Fraction]]:
    r"""Maximise :math:`\sum_i w_i E_\mu[u_i]` over the correlated equilibria: ``(optimum, mu by profile)``."""
    arrays = game.fraction_arrays()
    index = list(game.profiles())
    c = [sum((w * a[s] for w, a in zip(weights, arrays, strict=True)), Fraction(0)) for s in index]
    a_rows = [[-row.get(s, Fraction(0)) for s in index] for _, row in incentive_rows(game)]
    b = [Fraction(0)] * len(a_rows)
    a_rows += [[Fraction(1)] * len(index), [Fraction(-1)] * len(index)]  # sum mu = 1
    b += [Fraction(1), Fraction(-1)]
    found = maximize(c, a_rows, b)
    if found is None:  # impossible: every finite game has a Nash, hence a correlated, equilibrium
        raise SolverError(f"no correlated equilibrium found in game {game.title!r}")
    return found


def _payoffs(game: NormalFormGame, mu: Mapping[tuple[int, ...], Fraction]) -> dict[str, Fraction]:
    arrays = game.fraction_arrays()
    return {p: sum((mu[s] * a[s] for s in mu), Fraction(0)) for p, a in zip(game.players, arrays, strict=True)}


def _solution(game: NormalFormGame, mu: Mapping[tuple[int, ...], Fraction], method: str, notes: tuple[str, ...] = (),
              name: str | None = None) -> Solution:
    """A verified correlated equilibrium: marginals as strategies, the joint distribution, expected payoffs."""
    if not is_correlated_equilibrium(game, mu):
        raise VerificationError(f"the distribution {dict(mu)} is not a correlated equilibrium of {game.title!r}")
    marginals: dict[str, dict[str, Fraction]] = {}
    for i, player in enumerate(game.players):
        marginals[player] = {label: Fraction(0) for label in game.strategies[i]}
        for s, p in mu.items():
            marginals[player][game.strategies[i][s[i]]] += p
    return Solution(game.players, marginals, _payoffs(game, mu),
                    Computation(method, REFINEMENT, exact=True, verified=True, notes=notes), name=name,
                    distribution={_labels(game, s): p for s, p in mu.items()})


def correlated_equilibria(game: NormalFormGame, objective: Any = None) -> Equilibria:
    """The correlated equilibrium that maximises ``objective``, found by an exact linear programme.

    Parameters
    ----------
    game : NormalFormGame
        A numeric game with any number of players.
    objective : None, str or mapping
        ``None``: the welfare (sum of expected payoffs); a player's name: that
        player's expected payoff; ``{player: weight}``: the weighted sum.

    Returns
    -------
    Equilibria
        One solution: the optimal distribution (every profile listed, zeros
        included, in ``distribution``; verified exactly with
        :func:`is_correlated_equilibrium`), each player's marginal as its
        strategy, and the expected payoffs.  ``options["objective"]`` says in
        words what was maximised.  ``complete`` is false: other correlated
        equilibria may attain the same optimum (:func:`correlated_vertices`
        lists the polytope's vertices).

    >>> from escalation.games import NormalFormGame
    >>> coordination = NormalFormGame.from_matrices([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> found = correlated_equilibria(coordination, objective="Column")
    >>> found.options["objective"], str(found[0].payoffs["Column"])
    ("Column's payoff", '2')
    """
    _numeric(game)
    words, weights = _weights(game, objective)
    value, z = _optimise(game, weights)
    mu = dict(zip(game.profiles(), z, strict=True))
    notes = (f"optimum of {words}: {exact_str(value)}",
             "one optimal vertex of the correlated-equilibrium polytope; other correlated equilibria may attain "
             "the same optimum")
    solution = _solution(game, mu, METHOD, notes, name=f"maximises {words}")
    return Equilibria((solution,), method=METHOD, refinement=REFINEMENT, notes=notes,
                      options={"objective": words}, complete=False)


def correlated_payoff_ranges(game: NormalFormGame) -> dict[str, tuple[Fraction, Fraction]]:
    """``{player: (lowest, highest)}`` expected payoff over all correlated equilibria (two exact LPs per player).

    >>> from escalation.games import NormalFormGame
    >>> coordination = NormalFormGame.from_matrices([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> {k: [str(x) for x in v] for k, v in correlated_payoff_ranges(coordination).items()}
    {'Row': ['2/3', '2'], 'Column': ['2/3', '2']}
    """
    _numeric(game)
    ranges = {}
    for i, player in enumerate(game.players):
        unit = [Fraction(int(j == i)) for j in range(game.num_players)]
        high, _ = _optimise(game, unit)
        low, _ = _optimise(game, [-w for w in unit])
        ranges[player] = (-low, high)
    return ranges


def correlated_vertices(game: NormalFormGame) -> Equilibria:
    r"""Every vertex of the correlated-equilibrium polytope, exact: the correlated equilibria are their mixtures.

    With :math:`n` pure profiles, a vertex makes :math:`n - 1` linearly
    independent inequalities tight (:math:`\mu(s) \ge 0` or an incentive
    constraint of :func:`incentive_rows`) besides :math:`\sum_s \mu(s) = 1`;
    every such choice is solved exactly and kept when the solution satisfies
    every inequality.  Meant for small games: a game needing more than
    ``MAX_VERTEX_SYSTEMS`` linear systems is refused before any is solved.

    Returns
    -------
    Equilibria
        One solution per vertex (complete), as in :func:`correlated_equilibria`.

    Raises
    ------
    SolverError
        When the game needs more than ``MAX_VERTEX_SYSTEMS`` systems.

    >>> from escalation.games import NormalFormGame
    >>> matching = NormalFormGame.from_matrices([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> [{"/".join(s): str(p) for s, p in v.distribution.items()} for v in correlated_vertices(matching)]
    [{'r1/c1': '1/4', 'r1/c2': '1/4', 'r2/c1': '1/4', 'r2/c2': '1/4'}]
    """
    _numeric(game)
    profiles = list(game.profiles())
    rows = [{q: Fraction(int(p == q)) for q in profiles} for p in profiles]
    rows += [{q: row.get(q, Fraction(0)) for q in profiles} for _, row in incentive_rows(game)]
    systems = math.comb(len(rows), len(profiles) - 1)
    if systems > MAX_VERTEX_SYSTEMS:
        raise SolverError(f"game {game.title!r}: finding the vertices of its correlated equilibria needs {systems} "
                          f"linear systems (more than {MAX_VERTEX_SYSTEMS}); use correlated_equilibria with an "
                          "objective instead")
    found: list[dict[tuple[int, ...], Fraction]] = []
    for tight in itertools.combinations(rows, len(profiles) - 1):
        matrix = [[row[q] for q in profiles] for row in tight] + [[Fraction(1)] * len(profiles)]
        mu = solve_exact(matrix, [Fraction(0)] * len(tight) + [Fraction(1)])
        if mu is None:
            continue
        point = dict(zip(profiles, mu, strict=True))
        if all(sum(row[q] * point[q] for q in profiles) >= 0 for row in rows) and point not in found:
            found.append(point)
    notes = (f"{len(found)} vertices; every correlated equilibrium is a mixture of them",)
    return Equilibria(tuple(_solution(game, mu, VERTEX_METHOD) for mu in found), method=VERTEX_METHOD,
                      refinement=REFINEMENT, notes=notes, complete=True)
