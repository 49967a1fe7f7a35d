r"""Nash equilibria of anonymous two-action games, exact, for any number of players.

In an :class:`~escalation.games.anonymous.AnonymousGame` a player's gain from
the first action :math:`a_0` over the second, when :math:`k` others take
:math:`a_0`, is :math:`D(k) = u(a_0, k) - u(a_1, k)`.  If the :math:`n` others
whose choice is uncertain each take :math:`a_0` with probability :math:`p` and
:math:`r` others take it for sure, the expected gain is the polynomial
:math:`G(p) = \mathrm{E}[D(r + k)]`, :math:`k \sim \mathrm{Binomial}(n, p)`
(:mod:`~escalation.solvers.binomial`).  A profile is a Nash equilibrium when
every player who mixes has :math:`G = 0`, every player on :math:`a_0` has
:math:`G \ge 0` and every player on :math:`a_1` has :math:`G \le 0`.

``within="symmetric"`` finds every *symmetric* equilibrium (all players use
the same mixture): :math:`p = 1` if :math:`D(N-1) \ge 0`, :math:`p = 0` if
:math:`D(0) \le 0`, and each root of :math:`G` in :math:`(0, 1)` with
:math:`r = 0`, :math:`n = N - 1`.  ``within="classes"`` finds every equilibrium
in which the players split into :math:`r` on :math:`a_0`, :math:`s` on
:math:`a_1` and :math:`m` mixing with one common probability (one
representative per split; each stands for its
:math:`N!/(r!\,s!\,m!)` relabellings of the players).  Equilibria in which
mixers use different probabilities are not searched, and the record says so.
Every equilibrium is checked in exact arithmetic before it is returned: the
conditions above evaluated at the exact (rational, radical or algebraic) root,
and, for at most six players with rational probabilities, no profitable
deviation in the full normal form.

The volunteer's dilemma of three members with :math:`K = 1`, :math:`U = 4`
(Diekmann 1985): each member abstains with probability :math:`(K/U)^{1/2}`:

>>> from escalation.games.anonymous import AnonymousGame
>>> game = AnonymousGame.from_function(
...     3, ("Respond", "Abstain"), lambda a, k: 3 if a == "Respond" else (4 if k > 0 else 0),
...     outcome=lambda k: "nobody responds" if k == 0 else "someone responds", player="Member")
>>> (s,) = anonymous_equilibria(game)
>>> s.name, dict(s.strategies["Member 1"]), dict(s.outcomes)
('symmetric mixed', {'Respond': 1/2, 'Abstain': 1/2}, {'nobody responds': 1/8, 'someone responds': 7/8})
>>> [s.name for s in anonymous_equilibria(game, within="classes")]
['1 on Respond, 2 on Abstain', '2 mixing, 1 on Abstain', '3 mixing']
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy

from ..errors import SolverError, VerificationError
from ..games.anonymous import MAX_NORMAL_FORM, AnonymousGame
from ..numbers import as_fraction
from .binomial import expectation, roots_in_unit_interval, sign, sparse_form
from .solution import Computation, Equilibria, Solution
from .verify_normal_form import verify_nash

__all__ = ["MAX_CLASSES_PLAYERS", "anonymous_equilibria"]

METHOD = "roots of the binomial indifference polynomial (exact)"
MAX_CLASSES_PLAYERS = MAX_NORMAL_FORM  # players up to which every split into classes is searched
_CROSS_CHECK = 6  # players up to which each equilibrium is also checked on the full normal form


@dataclass(frozen=True)
class _Split:
    """``on_first`` players on the first action, ``on_second`` on the second, ``mixing`` at probability ``p``."""

    on_first: int
    on_second: int
    mixing: int
    p: Any

    def name(self, actions: tuple[str, str], symmetric: bool) -> str:
        if symmetric:
            return "symmetric mixed" if self.mixing else f"everyone on {actions[0] if self.on_first else actions[1]}"
        parts = [f"{self.mixing} mixing" if self.mixing else "",
                 f"{self.on_first} on {actions[0]}" if self.on_first else "",
                 f"{self.on_second} on {actions[1]}" if self.on_second else ""]
        return ", ".join(x for x in parts if x)


def _conditions(gains: Sequence[Fraction], split: _Split) -> Iterator[tuple[sympy.Expr, int]]:
    """(expected gain, required sign) for each kind of player in ``split``: +1 means >= 0, -1 <= 0, 0 = 0."""
    r, s, m, p = split.on_first, split.on_second, split.mixing, split.p
    if r:
        yield expectation(gains[r - 1:r + m], p), 1
    if s:
        yield expectation(gains[r:r + m + 1], p), -1
    if m:
        yield expectation(gains[r:r + m], p), 0


def _holds(gains: Sequence[Fraction], split: _Split) -> bool:
    """The split's conditions, from the gains (the search's test; :func:`_verified` checks it another way)."""
    for value, required in _conditions(gains, split):
        found = sign(value)
        if (required == 0 and found != 0) or found * required < 0:
            return False
    return True


def _candidates(gains: Sequence[Fraction], r: int, s: int, m: int, edges: list[str]) -> Iterator[_Split]:
    """Splits (r, s, m) whose mixers are indifferent (the caller checks the others)."""
    if m == 0:
        yield _Split(r, s, 0, sympy.Integer(1))
        return
    form = sparse_form(gains[r:r + m])
    if form.is_zero:
        yield from _continua(gains, r, s, m, edges)
        return
    for p in roots_in_unit_interval(form):
        yield _Split(r, s, m, p)


def _continua(gains: Sequence[Fraction], r: int, s: int, m: int, edges: list[str]) -> Iterator[_Split]:
    """Mixers indifferent at every p: the equilibria are the p where the others' conditions hold, a union of
    intervals cut at those conditions' roots.  Each interval is a continuum (a knife edge, with its range); its
    ends inside (0, 1), and isolated roots, are yielded as members (ends at 0 and 1 are the pure splits)."""
    others = [sparse_form(gains[r - 1:r + m])] if r else []
    others += [sparse_form(gains[r:r + m + 1])] if s else []
    cuts: list[sympy.Expr] = []
    for f in others:
        cuts += [] if f.is_zero else [c for c in roots_in_unit_interval(f) if all(c != x for x in cuts)]
    cuts.sort(key=lambda c: sympy.N(c, 30))
    ends = [sympy.Integer(0), *cuts, sympy.Integer(1)]
    for low, high in itertools.pairwise(ends):
        middle = _Split(r, s, m, (low + high) / 2)
        if _holds(gains, middle):
            edges.append(f"with {r} on the first action and {s} on the second, {m} players are indifferent at every "
                         f"common mixture: a continuum of equilibria in which they take the first action with any "
                         f"probability from {low} to {high}")
    yield from (_Split(r, s, m, c) for c in cuts)


def _splits(size: int, within: str) -> Iterator[tuple[int, int, int]]:
    if within == "symmetric":
        yield from ((size, 0, 0), (0, size, 0), (0, 0, size))
        return
    for m in range(size + 1):
        for r in range(size - m + 1):
            yield r, size - m - r, m


def _verified(game: AnonymousGame, split: _Split) -> tuple[tuple[sympy.Expr, ...], list[str]]:
    """Each player's payoff, after checking from the payoff rows that no player gains by switching action;
    and the actions on which players stay although the other pays as much (ties)."""
    r, s, m, p = split.on_first, split.on_second, split.mixing, split.p
    first, second = ([as_fraction(v) for v in row] for row in game.payoffs)
    kinds = [(r, r - 1, r + m, 1), (s, r, r + m + 1, -1), (m, r, r + m, 0)]  # others on the first: a window of k
    payoffs: list[sympy.Expr] = []
    ties = []
    for count, start, stop, own in kinds:
        if not count:
            continue
        u_first, u_second = expectation(first[start:stop], p), expectation(second[start:stop], p)
        gain = sign(u_first - u_second)
        if (own == 0 and gain != 0) or gain * own < 0:
            who = {1: game.actions[0], -1: game.actions[1], 0: "a mixture"}[own]
            raise VerificationError(f"a player on {who} gains by switching at p = {p}: {u_first} against {u_second}")
        if own and not gain:
            ties.append(game.actions[0] if own == 1 else game.actions[1])
        payoffs += [u_second if own == -1 else u_first] * count
    return tuple(payoffs), ties


def _outcomes(game: AnonymousGame, split: _Split) -> dict[str, sympy.Expr] | None:
    """Probability of each outcome label; the label covering the most counts is one minus the rest."""
    if game.outcomes is None:
        return None
    r, m = split.on_first, split.mixing
    labels = game.outcomes[r:r + m + 1]
    order = sorted(dict.fromkeys(labels), key=labels.count)
    out = {label: expectation([Fraction(int(x == label)) for x in labels], split.p) for label in order[:-1]}
    out[order[-1]] = 1 - sympy.Add(*out.values())
    return {label: out.get(label, sympy.Integer(0)) for label in dict.fromkeys(game.outcomes)}


def _strategies(game: AnonymousGame, split: _Split) -> dict[str, dict[str, Any]]:
    a0, a1 = game.actions
    mixes = [{a0: 1, a1: 0}] * split.on_first + [{a0: 0, a1: 1}] * split.on_second \
        + [{a0: split.p, a1: 1 - split.p}] * split.mixing
    return dict(zip(game.players, mixes, strict=True))


def _cross_check(game: AnonymousGame, strategies: dict[str, dict[str, Any]]) -> bool:
    """No profitable deviation in the full normal form, where it is small and the profile rational."""
    if game.size > _CROSS_CHECK or not all(v.is_Rational for mix in strategies.values()
                                            for v in map(sympy.sympify, mix.values())):
        return False
    verify_nash(game.to_normal_form(), strategies)
    return True


def _solution(game: AnonymousGame, split: _Split, symmetric: bool, options: dict[str, Any],
              edges: list[str]) -> Solution:
    payoffs, ties = _verified(game, split)
    name = split.name(game.actions, symmetric)
    edges += [f"at '{name}': the players on {action} are indifferent between {' and '.join(game.actions)}"
              for action in ties]
    strategies = _strategies(game, split)
    notes = ["each player's condition (indifferent if mixing, no gain from the other action otherwise) "
             "checked exactly at this probability"]
    if _cross_check(game, strategies):
        notes.append(f"no profitable deviation in the {game.size}-player normal form (exact)")
    if not symmetric and split.on_first + split.on_second and split.mixing + split.on_first + split.on_second:
        count = math.factorial(game.size) // (math.factorial(split.on_first) * math.factorial(split.on_second)
                                              * math.factorial(split.mixing))
        if count > 1:
            notes.append(f"stands for {count} equilibria that differ only in which players take which role")
    return Solution(game.players, strategies, dict(zip(game.players, payoffs, strict=True)),
                    Computation(METHOD, "Nash", verified=True, notes=tuple(notes), options=options),
                    outcomes=_outcomes(game, split), name=name)


def anonymous_equilibria(game: AnonymousGame, *, within: str = "symmetric") -> Equilibria:
    """Every symmetric Nash equilibrium of ``game`` (``within="symmetric"``), or every one with players in classes.

    Parameters
    ----------
    game : AnonymousGame
        Numeric.
    within : {"symmetric", "classes"}
        ``"classes"`` also finds equilibria in which some players take each
        action for sure and the rest mix with one common probability; it needs
        at most :data:`MAX_CLASSES_PLAYERS` players.

    Returns
    -------
    Equilibria
        ``complete`` is False: equilibria outside the searched family are not
        listed (the notes say which).  A family of players indifferent at every
        mixture is reported in ``knife_edge``.
    """
    if not isinstance(game, AnonymousGame):
        raise SolverError(f"anonymous_equilibria needs an AnonymousGame, got {type(game).__name__}")
    if within not in ("symmetric", "classes"):
        raise SolverError(f"within must be 'symmetric' or 'classes', got {within!r}")
    if within == "classes" and game.size > MAX_CLASSES_PLAYERS:
        raise SolverError(f"within='classes' searches every split of the players, up to {MAX_CLASSES_PLAYERS} "
                          f"players; this game has {game.size} (within='symmetric' has no such limit)")
    game.require_numeric()
    gains = [as_fraction(g) for g in game.gains]
    symmetric, options = within == "symmetric", {"within": within}
    continua: list[str] = []
    ties: list[str] = []
    found = [_solution(game, split, symmetric, options, ties)
             for r, s, m in _splits(game.size, within)
             for split in _candidates(gains, r, s, m, continua) if _holds(gains, split)]
    searched = ("every symmetric equilibrium (all players with one mixture) was searched; asymmetric ones were "
                "not" if symmetric else
                "every equilibrium in which players split into those on each action and those mixing with one "
                "common probability was searched; equilibria whose mixers use different probabilities were not")
    return Equilibria(tuple(found), METHOD, "Nash", degenerate=bool(continua), knife_edge=(*continua, *ties),
                      notes=(searched,), options=options, complete=False)
