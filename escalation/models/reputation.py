r"""Reputation: the chain store (Selten 1978) with a possibly tough coalition (Kreps & Wilson 1982).

A coalition faces :math:`N` probes in turn, one per stage; :math:`n` counts
the stages remaining.  At each stage a prober (the entrant) stays out or
probes (enters); after a probe the coalition fights or accommodates, and
everybody sees what happened.  With prior probability :math:`\delta` the
coalition is *tough* and always fights; otherwise it is *weak*, with stage
payoffs :math:`a > 1` (no probe), :math:`0` (accommodate), :math:`-1` (fight).
A prober gets :math:`0` staying out, :math:`b` if accommodated and
:math:`b - 1` if fought, :math:`0 < b < 1`.

The model builds this game as a tree (:func:`build`, :math:`N \le 4`) and
solves it with the generic :func:`~escalation.solvers.perfect_bayesian`,
which lists every perfect Bayesian equilibrium; :func:`names` only says
whether a weak coalition would fight.  The module also gives the Kreps-Wilson
equilibrium in closed form for any :math:`N` up to 60 (:func:`stage_table`,
:func:`states`, :func:`verify`); the tests check it against the solver on the
tree.  At a knife edge (:math:`\delta = b^n`) the solver reports the tie and
the continuum of the indifferent prober's mixtures, which holds the
Kreps-Wilson choice.

Let :math:`p_n` be the probers' belief that the coalition is tough with
:math:`n` stages left.  The Kreps-Wilson sequential equilibrium is:

* the prober stays out if :math:`p_n > b^n`, probes if :math:`p_n < b^n`,
  and stays out with probability :math:`1/a` if :math:`p_n = b^n`;
* the weak coalition accommodates at :math:`n = 1`; for :math:`n > 1` it
  fights for sure if :math:`p_n \ge b^{n-1}` and otherwise with probability

  .. math:: \beta_n = \frac{p_n (1 - b^{n-1})}{(1 - p_n)\, b^{n-1}},

  which makes the posterior after a fight exactly :math:`b^{n-1}`;
* beliefs: unchanged after no probe, :math:`0` after accommodation,
  :math:`\max(p_n, b^{n-1})` after a fight (:math:`0` if :math:`p_n = 0`).

Why it holds: a fight raises the probability of fighting to
:math:`p_n / b^{n-1}`, which is below :math:`b` iff :math:`p_n < b^n`; and a
weak coalition at belief :math:`b^{n-1}` expects :math:`(1/a) \cdot a = 1`
from the next stage, exactly what the fight cost it.  With :math:`\delta = 0`
this is Selten's outcome: every prober enters and is never fought.
:func:`verify` checks every incentive constraint and Bayes' rule at every
belief reachable by any sequence of actions, in exact arithmetic.

The payoff normalisation and the equilibrium are [M] in the research brief
(Kreps & Wilson 1982, section 2; Milgrom & Roberts 1982): re-derived and
checked here, not against the original texts.

>>> from escalation.models.reputation import MODEL, stage_table
>>> [(n, str(enter), str(fight)) for n, enter, fight in stage_table(MODEL.values(delta="1/10"))]
[(3, '1', '1/3'), (2, '5/6', '1/15'), (1, '35/36', '0')]
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

import sympy

from ..errors import ParameterError, VerificationError
from ..games import ExtensiveFormGame, chance, decision, outcome
from ..numbers import exact, exact_str
from ..parameters import Parameter, ParameterSpace
from ..solvers.pbe import perfect_bayesian
from . import register
from .base import Model

__all__ = [
    "MODEL",
    "build",
    "entry_probability",
    "fight_probability",
    "first_probe_fight_probability",
    "names",
    "posterior",
    "stage_table",
    "states",
    "thresholds",
    "verify",
]

TITLE = "Chain store with reputation (Kreps-Wilson)"
SELTEN = "Selten (1978), 'The Chain Store Paradox', Theory and Decision 9(2): 127-159 [M]"
KW = "Kreps & Wilson (1982), 'Reputation and Imperfect Information', JET 27(2): 253-279, section 2 [M]"
MR = "Milgrom & Roberts (1982), 'Predation, Reputation, and Entry Deterrence', JET 27(2): 280-312 [M]"
MAX_STAGES = 60
MAX_TREE_STAGES = 4

PARAMETERS = ParameterSpace([
    Parameter("N", 3, domain=(1, MAX_TREE_STAGES), integer=True, unit="stages", source=KW,
              description="number of probes (entrants) the coalition faces (the tree is solved for N <= 4; the "
                          "closed forms of this module take up to 60)"),
    Parameter("a", 2, domain=(1, None), closed=(False, True), unit="utility", source=KW,
              description="weak coalition's stage payoff when not probed (a > 1; accommodate 0, fight -1)"),
    Parameter("b", "1/2", domain=(0, 1), closed=(False, False), unit="utility", source=KW,
              description="prober's payoff if accommodated (0 < b < 1; b - 1 if fought, 0 if it stays out)"),
    Parameter("delta", "1/5", domain=(0, 1), closed=(True, False), unit="probability", source=KW,
              description="prior probability that the coalition is tough (always fights)"),
])


def _check(values: Mapping[str, Any]) -> tuple[int, sympy.Expr, sympy.Expr, sympy.Expr]:
    N, a, b, delta = (exact(values[k]) for k in ("N", "a", "b", "delta"))
    if not (N.is_integer and 1 <= N <= MAX_STAGES):
        raise ParameterError("N", f"the number of stages must be an integer from 1 to {MAX_STAGES}, got {N}")
    if not a > 1:
        raise ParameterError("a", f"the chain store assumes a > 1, got {a}")
    if not 0 < b < 1:
        raise ParameterError("b", f"the chain store assumes 0 < b < 1, got {b}")
    if not 0 <= delta < 1:
        raise ParameterError("delta", f"the prior must satisfy 0 <= delta < 1 (a weak type exists), got {delta}")
    return int(N), a, b, delta


def thresholds() -> dict[str, sympy.Expr]:
    r"""The belief threshold :math:`b^n` and the weak coalition's fight probability :math:`\beta_n`."""
    b, n, p = PARAMETERS.symbols["b"], sympy.Symbol("n", integer=True, positive=True), sympy.Symbol("p_n", real=True)
    return {"entry_threshold": b**n, "beta_n": p * (1 - b ** (n - 1)) / ((1 - p) * b ** (n - 1))}


def entry_probability(n: int, p: Any, a: Any, b: Any) -> sympy.Expr:
    """Probability that the prober with ``n`` stages left probes at belief ``p``.

    >>> entry_probability(2, sympy.Rational(1, 4), 2, sympy.Rational(1, 2))
    1/2
    """
    p, b = exact(p), exact(b)
    if p == b**n:
        return 1 - 1 / exact(a)
    return sympy.Integer(1 if p < b**n else 0)


def fight_probability(n: int, p: Any, b: Any) -> sympy.Expr:
    r""":math:`\beta_n`: probability that the weak coalition fights a probe with ``n`` stages left at belief ``p``.

    >>> fight_probability(3, sympy.Rational(1, 10), sympy.Rational(1, 2))
    1/3
    """
    p, b = exact(p), exact(b)
    if n == 1 or p == 0:
        return sympy.Integer(0)
    if p >= b ** (n - 1):
        return sympy.Integer(1)
    return p * (1 - b ** (n - 1)) / ((1 - p) * b ** (n - 1))


def posterior(n: int, p: Any, b: Any, event: str) -> sympy.Expr:
    """Belief with ``n - 1`` stages left after ``event`` ("Stay out", "Fight", "Accommodate") at stage ``n``."""
    p, b = exact(p), exact(b)
    if event == "Stay out":
        return p
    if event == "Accommodate" or p == 0:
        return sympy.Integer(0)
    if event == "Fight":
        return sympy.Max(p, b ** (n - 1))
    raise ParameterError("event", f"unknown event {event!r}")


def states(values: Mapping[str, Any]) -> dict[int, dict[sympy.Expr, tuple[sympy.Expr, sympy.Expr]]]:
    """For each stage ``n``: ``{belief: (probability given weak, probability given tough)}`` of reaching it."""
    N, a, b, delta = _check(values)
    reach = {N: {delta: (sympy.Integer(1), sympy.Integer(1))}}
    for n in range(N, 1, -1):
        nxt: dict[sympy.Expr, list] = {}
        for p, (weak, tough) in reach[n].items():
            e, beta = entry_probability(n, p, a, b), fight_probability(n, p, b)
            for q, w, t in ((p, 1 - e, 1 - e), (posterior(n, p, b, "Fight"), e * beta, e),
                            (sympy.Integer(0), e * (1 - beta), 0)):
                if w != 0 or t != 0:
                    acc = nxt.setdefault(q, [0, 0])
                    acc[0], acc[1] = acc[0] + weak * w, acc[1] + tough * t
        reach[n - 1] = {q: (sympy.sympify(w), sympy.sympify(t)) for q, (w, t) in nxt.items()}
    return reach


def stage_table(values: Mapping[str, Any]) -> list[tuple[int, sympy.Expr, sympy.Expr]]:
    """Per stage, given a weak coalition: (n, probability of a probe, probability a probe is fought)."""
    _, a, b, _ = _check(values)
    rows = []
    for n, at in states(values).items():
        enter = sum((w * entry_probability(n, p, a, b) for p, (w, _) in at.items()), sympy.Integer(0))
        fought = sum((w * entry_probability(n, p, a, b) * fight_probability(n, p, b) for p, (w, _) in at.items()),
                     sympy.Integer(0))
        rows.append((n, enter, fought / enter if enter else sympy.Integer(0)))
    return rows


def first_probe_fight_probability(values: Mapping[str, Any]) -> sympy.Expr | None:
    """Probability that a weak coalition fights the first probe (``None`` if nobody ever probes).

    >>> first_probe_fight_probability(MODEL.values())
    1/4
    """
    for _, enter, fought in stage_table(values):
        if enter:
            return fought
    return None


# --- verification --------------------------------------------------------------------------------

def _all_states(N: int, delta: sympy.Expr, b: sympy.Expr) -> Iterator[tuple[int, sympy.Expr]]:
    """Every (stage, belief) reachable by any sequence of actions, on or off the path."""
    frontier = {delta}
    for n in range(N, 0, -1):
        yield from ((n, p) for p in sorted(frontier))
        frontier = {posterior(n, p, b, ev) for p in frontier for ev in ("Stay out", "Fight", "Accommodate")}


def verify(values: Mapping[str, Any]) -> None:
    """Raise VerificationError unless the strategies and beliefs above form a sequential equilibrium at ``values``.

    Checks, at every belief reachable by any actions: the prober's best response,
    the weak coalition's best response (continuation values by backward
    recursion), and Bayes' rule after a fight that has positive probability.
    """
    N, a, b, delta = _check(values)

    @cache
    def weak_value(n: int, p: sympy.Expr) -> sympy.Expr:
        if n == 0:
            return sympy.Integer(0)
        e, beta = entry_probability(n, p, a, b), fight_probability(n, p, b)
        fight, accommodate = _weak_choices(n, p)
        return (1 - e) * (a + weak_value(n - 1, p)) + e * (beta * fight + (1 - beta) * accommodate)

    def _weak_choices(n: int, p: sympy.Expr) -> tuple[sympy.Expr, sympy.Expr]:
        return (-1 + weak_value(n - 1, posterior(n, p, b, "Fight")),
                weak_value(n - 1, posterior(n, p, b, "Accommodate")))

    for n, p in _all_states(N, delta, b):
        where = f"stage {n}, belief {exact_str(p)}"
        e, beta = entry_probability(n, p, a, b), fight_probability(n, p, b)
        _best(f"prober at {where}", e, b - (p + (1 - p) * beta), sympy.Integer(0))
        _best(f"weak coalition at {where}", beta, *_weak_choices(n, p))
        fought = p + (1 - p) * beta
        if n > 1 and p > 0 and fought != 0 and posterior(n, p, b, "Fight") != p / fought:
            raise VerificationError(f"belief after a fight at {where} does not follow Bayes' rule")


def _best(who: str, prob: sympy.Expr, first: sympy.Expr, second: sympy.Expr) -> None:
    """``prob`` on the first of two actions must be a best response given their payoffs."""
    gap = first - second
    if (gap > 0 and prob != 1) or (gap < 0 and prob != 0):
        raise VerificationError(f"{who} has a profitable deviation: payoffs {first} and {second}, plays {prob}")


STAGE_PAYOFFS = {"Stay out": ("a", 0), "Fight": (-1, "b - 1"), "Accommodate": (0, "b")}


def build(values: Mapping[str, Any]) -> ExtensiveFormGame:
    r"""The chain store as a tree: nature draws the coalition's type, then N probes in turn.

    Prober :math:`n` (stages counted down) stays out or enters; a tough
    coalition always fights (a chance move with probability one), a weak one
    chooses.  Probers see the history but not the type; the weak coalition's
    payoff is the sum of its stage payoffs (``a``, ``-1`` or ``0``), each
    prober's its own stage payoff (``0``, ``b - 1`` or ``b``).  The tree has
    :math:`O(6^N)` nodes, so it is built for :math:`N \le 4`; the recursion
    behind :func:`states` solves any N.

    >>> game = build({"N": 2, "a": 2, "b": "1/2", "delta": "1/10"})
    >>> game.players, len(game.terminals)
    (('Weak coalition', 'Prober 2', 'Prober 1'), 13)
    """
    n_stages, a, b, delta = (exact(values[k]) for k in ("N", "a", "b", "delta"))
    if not (n_stages.is_Integer and 1 <= n_stages <= MAX_TREE_STAGES):
        raise ParameterError("N", f"the tree is built for 1 to {MAX_TREE_STAGES} stages (got {n_stages}); "
                                  "the model's recursion solves up to the domain's maximum")
    n_stages = int(n_stages)
    players = ("Weak coalition", *(f"Prober {n}" for n in range(n_stages, 0, -1)))
    pay = {event: tuple(sympy.sympify(x, locals={"a": a, "b": b}) for x in stage)
           for event, stage in STAGE_PAYOFFS.items()}

    def stage(kind: str, n: int, history: tuple[str, ...], totals: tuple) -> Any:
        if n == 0:
            return outcome(", ".join(history), totals)
        seen = ", ".join(history) or "start"

        def after(event: str) -> Any:
            new = list(totals)
            new[0] += pay[event][0]
            new[players.index(f"Prober {n}")] += pay[event][1]
            return stage(kind, n - 1, (*history, event), tuple(new))

        replies = {e: after(e) for e in ("Fight", "Accommodate")}
        respond = (chance({"Fight": (1, replies["Fight"])}) if kind == "Tough"
                   else decision("Weak coalition", replies, infoset=f"W{n} after {seen}"))
        return decision(f"Prober {n}", {"Stay out": after("Stay out"), "Enter": respond},
                        infoset=f"P{n} after {seen}")

    zero = (sympy.Integer(0),) * len(players)
    root = chance({"Tough": (delta, stage("Tough", n_stages, (), zero)),
                   "Weak": (1 - delta, stage("Weak", n_stages, (), zero))})
    return ExtensiveFormGame(players, root, f"chain store, N = {n_stages}")


def names(solution) -> str | None:
    """A name read off the weak coalition's strategy: does it fight any probe (on the path or off it)?"""
    weak = [acts for h, acts in solution.behaviour.items() if h.startswith("W")]
    if not weak:
        return None
    if all(acts["Fight"] == 0 for acts in weak):
        return "no reputation: a weak coalition never fights (Selten's outcome)"
    return "reputation: a weak coalition would fight some probes"


MODEL = register(Model(
    name="reputation",
    title=TITLE,
    claims=("E3", "E4"),
    sources=(SELTEN, KW, MR),
    parameters=PARAMETERS,
    build=build,
    solver=perfect_bayesian,
    thresholds=thresholds,
    description=("N probes of a coalition that is tough with probability delta, as a tree solved by the generic "
                 "perfect Bayesian solver (N <= 4); the Kreps-Wilson closed forms (probers stay out while the "
                 "belief exceeds b^n, a weak coalition fights early probes) are checked against it."),
    names=names,
))
