r"""Coalition unity as a volunteer's dilemma (Diekmann 1985; 1993) and a unanimity rule.

:math:`N` coalition members each choose to *Respond* (at cost :math:`K`) or
*Abstain*.  The public good -- a response to the attack -- is worth :math:`U`
to every member if at least one responds; :math:`0 < K < U`.  A member's
payoff is :math:`U - K` if it responds, :math:`U` if it abstains and someone
else responds, and :math:`0` if nobody responds.

In the symmetric mixed equilibrium each member abstains with probability
:math:`q^*`, which makes it indifferent: :math:`U - K = U(1 - q^{*\,N-1})`, so

.. math:: q^* = (K/U)^{1/(N-1)}, \qquad
          \Pr(\text{nobody responds}) = q^{*N} = (K/U)^{N/(N-1)} \xrightarrow[N\to\infty]{} K/U .

Both rise with :math:`N`: in this equilibrium a larger coalition is *less*
likely to respond.  It is one equilibrium among many -- the :math:`N` pure
ones in which exactly one member responds (a response for sure) and a
symmetric mix within every smaller group.  The model builds the game as an
:class:`~escalation.games.anonymous.AnonymousGame` and solves it with the
generic :func:`~escalation.solvers.anonymous.anonymous_equilibria`, which by
default lists the symmetric equilibria only (the usual selection for
anonymous members, and the record says so); ``within="classes"`` finds the
others.  "Disunity lowers the chance of a response" is a statement about that
selection, not about the game.
With two members of different stakes (:math:`K_i/U_i`), each member's mixing
makes the *other* indifferent, :math:`q_1 = K_2/U_2`, :math:`q_2 = K_1/U_1`:
the member with the lower cost-benefit ratio (the "strong" one) abstains
more often (Diekmann's paradox).  Under a unanimity rule every member must
agree and :math:`\Pr(\text{collective response}) = \prod_i p_i`.
:func:`coalition_credibility` turns either aggregation into the Defender's
credibility :math:`p_{Def}` of the deterrence models.

Sources: Diekmann (1985), Diekmann (1993), Olson & Zeckhauser (1966), all [M]
in the research brief -- the formulas are the package's own derivation
(tests/test_model_unity.py re-derives them from the game) and have not been
checked against the original texts.

>>> from escalation.models.unity import MODEL
>>> (s,) = MODEL.solve(N=3, K=1, U=4)
>>> s.name, {k: str(v) for k, v in s.outcomes.items()}
('symmetric mixed equilibrium', {'nobody responds': '1/8', 'someone responds': '7/8'})
>>> {k: str(v) for k, v in s.strategies["Member 1"].items()}
{'Respond': '1/2', 'Abstain': '1/2'}
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import sympy

from ..constraints import Constraint
from ..errors import ParameterError
from ..games import NormalFormGame
from ..games.anonymous import AnonymousGame
from ..numbers import exact
from ..parameters import Parameter, ParameterSpace
from ..solvers.anonymous import anonymous_equilibria
from ..solvers.solution import Solution
from . import register
from .base import Model

__all__ = [
    "MODEL",
    "abstain_probability",
    "build",
    "coalition_credibility",
    "names",
    "nobody_responds",
    "symmetric_profile",
    "thresholds",
    "two_member_equilibrium",
    "two_member_game",
    "unanimity",
    "volunteers_dilemma",
    "volunteers_game",
]

TITLE = "Volunteer's dilemma of coalition members"
DIEKMANN1985 = "Diekmann (1985), 'Volunteer's Dilemma', J. Conflict Resolution 29(4): 605-610 [M]"
DIEKMANN1993 = "Diekmann (1993), 'Cooperation in an asymmetric volunteer's dilemma game', IJGT 22(1): 75-85 [M]"
OLSON = "Olson & Zeckhauser (1966), 'An Economic Theory of Alliances', REStat 48(3): 266-279 [M]"
ACTIONS = ("Respond", "Abstain")
NOBODY, SOMEONE = "nobody responds", "someone responds"
MAX_GAME = 12  # members up to which the N-player normal form (2^N cells) is built at all
MAX_MEMBERS = 1000  # the closed form's range: far beyond any alliance (NATO has 32 members)

PARAMETERS = ParameterSpace([
    Parameter("N", 3, domain=(2, MAX_MEMBERS), integer=True, unit="members", source=DIEKMANN1985,
              description="number of coalition members able to respond"),
    Parameter("U", 4, domain=(0, None), closed=(False, True), unit="utility", source=DIEKMANN1985,
              description="each member's value of a response by the coalition (the public good)"),
    Parameter("K", 1, domain=(0, None), closed=(False, True), unit="utility", source=DIEKMANN1985,
              description="a member's cost of responding itself (0 < K < U)"),
], constraints=[Constraint("K < U", "the volunteer's dilemma", "responding must be worth its cost")])


def member(i: int) -> str:
    """Name of member ``i`` (counting from 1)."""
    return f"Member {i}"


def _check(N: Any, K: Any, U: Any) -> tuple[int, sympy.Expr, sympy.Expr]:
    N, K, U = exact(N), exact(K), exact(U)
    if not (N.is_integer and N >= 2):
        raise ParameterError("N", f"the number of members must be an integer of at least 2, got {N}")
    if not 0 < K < U:
        raise ParameterError("K", f"the volunteer's dilemma assumes 0 < K < U, got K = {K}, U = {U}")
    return int(N), K, U


def abstain_probability(N: Any, K: Any, U: Any) -> sympy.Expr:
    """:math:`q^* = (K/U)^{1/(N-1)}`, each member's probability of abstaining.

    >>> abstain_probability(5, 1, 16)
    1/2
    """
    n, K, U = _check(N, K, U)
    return (K / U) ** sympy.Rational(1, n - 1)


def nobody_responds(N: Any, K: Any, U: Any) -> sympy.Expr:
    """:math:`(K/U)^{N/(N-1)}`, the probability that no member responds.

    >>> nobody_responds(3, 1, 9)
    1/27
    """
    n, K, U = _check(N, K, U)
    return (K / U) ** sympy.Rational(n, n - 1)


def thresholds() -> dict[str, sympy.Expr]:
    """Closed forms in the symbols ``N``, ``K``, ``U``."""
    s = PARAMETERS.symbols
    N, ratio = s["N"], s["K"] / s["U"]
    return {"q_star": ratio ** (1 / (N - 1)),
            "P_nobody": ratio ** (N / (N - 1)),
            "P_nobody_limit": ratio,
            "p_Def_volunteer": 1 - ratio ** (N / (N - 1))}


def volunteers_game(N: Any, K: Any, U: Any) -> AnonymousGame:
    """The :math:`N`-member game as an anonymous game: a member's payoff depends on how many others respond.

    >>> game = volunteers_game(1000, 1, 4)
    >>> game.size, [str(x) for x in game.payoffs[1][:2]]     # abstaining pays U once someone else responds
    (1000, ['0', '4'])
    """
    n, K, U = _check(N, K, U)
    return AnonymousGame.from_function(
        n, ACTIONS, lambda action, others: U - K if action == "Respond" else (U if others else 0),
        outcome=lambda responding: SOMEONE if responding else NOBODY, title=f"{TITLE} (N = {n})", player="Member")


def volunteers_dilemma(N: Any, K: Any, U: Any) -> NormalFormGame:
    """The :math:`N`-member game as a normal form (strategies ``Respond``, ``Abstain``), for at most 12 members.

    >>> game = volunteers_dilemma(2, 1, 4)
    >>> [str(x) for x in game.payoff(("Abstain", "Respond"))]
    ['4', '3']
    """
    n, _, _ = _check(N, K, U)
    if n > MAX_GAME:
        raise ParameterError("N", f"the {n}-member normal form would have 2^{n} cells; it is built for at most "
                                  f"{MAX_GAME} members (the anonymous game of volunteers_game has no such limit)")
    return volunteers_game(N, K, U).to_normal_form()


def symmetric_profile(N: Any, K: Any, U: Any) -> dict[str, dict[str, sympy.Expr]]:
    """Every member responds with probability :math:`1 - q^*` (the closed form, for tests and teaching)."""
    q = abstain_probability(N, K, U)
    return {member(i): {"Respond": 1 - q, "Abstain": q} for i in range(1, int(exact(N)) + 1)}


def names(solution: Solution) -> str | None:
    """The literature's name of the symmetric mixed equilibrium; other labels are kept."""
    return "symmetric mixed equilibrium" if solution.name == "symmetric mixed" else None


# --- the asymmetric two-member case --------------------------------------------------------------

def two_member_game(K1: Any, U1: Any, K2: Any, U2: Any) -> NormalFormGame:
    """Two members with their own costs and values (Diekmann 1993)."""
    (_, K1, U1), (_, K2, U2) = _check(2, K1, U1), _check(2, K2, U2)
    table: dict[tuple[str, ...], tuple[Any, Any]] = {
        ("Respond", "Respond"): (U1 - K1, U2 - K2), ("Respond", "Abstain"): (U1 - K1, U2),
        ("Abstain", "Respond"): (U1, U2 - K2), ("Abstain", "Abstain"): (0, 0)}
    return NormalFormGame.from_profiles((member(1), member(2)), (ACTIONS, ACTIONS), table,
                                        title="Asymmetric volunteer's dilemma")


def two_member_equilibrium(K1: Any, U1: Any, K2: Any, U2: Any) -> dict[str, sympy.Expr]:
    """Abstention probabilities of the mixed equilibrium: :math:`q_1 = K_2/U_2`, :math:`q_2 = K_1/U_1`.

    >>> {k: str(v) for k, v in two_member_equilibrium(1, 4, 1, 2).items()}
    {'q_1': '1/2', 'q_2': '1/4', 'P_nobody': '1/8'}
    """
    (_, K1, U1), (_, K2, U2) = _check(2, K1, U1), _check(2, K2, U2)
    q1, q2 = K2 / U2, K1 / U1
    return {"q_1": q1, "q_2": q2, "P_nobody": q1 * q2}


# --- aggregation into the Defender's credibility --------------------------------------------------

def unanimity(probabilities: Sequence[Any]) -> sympy.Expr:
    r""":math:`\prod_i p_i`: the probability that every member agrees to respond.

    >>> unanimity(["9/10"] * 4)
    6561/10000
    """
    values = [exact(p) for p in probabilities]
    if not values:
        raise ParameterError("probabilities", "unanimity needs at least one member")
    for i, p in enumerate(values, start=1):
        if not 0 <= p <= 1:
            raise ParameterError(f"probabilities[{i}]", f"a probability must lie in [0, 1], got {p}")
    return math.prod(values, start=sympy.Integer(1))


def coalition_credibility(rule: str = "volunteer", *, N: Any = None, K: Any = None, U: Any = None,
                          probabilities: Sequence[Any] | None = None) -> sympy.Expr:
    r"""The Defender's credibility :math:`p_{Def}` implied by the coalition's unity.

    ``rule="volunteer"``: the coalition responds unless nobody volunteers,
    :math:`p_{Def} = 1 - (K/U)^{N/(N-1)}`.  ``rule="unanimity"``: it responds
    only if every member agrees, :math:`p_{Def} = \prod_i p_i`.

    Examples
    --------
    Fed into the Unilateral Deterrence Game (whose Challenger is deterred iff
    :math:`p_{Def} > \alpha_H = 1/2` at its defaults):

    >>> from escalation.models import get_model
    >>> udg = get_model("unilateral")
    >>> coalition_credibility("volunteer", N=3, K=1, U=4)
    7/8
    >>> [s.name for s in udg.solve(p_Def=coalition_credibility("volunteer", N=3, K=1, U=4), p_Ch="1/2")]
    ['Certain Deterrence']
    >>> coalition_credibility("unanimity", probabilities=["4/5"] * 4)
    256/625
    >>> [s.name for s in udg.solve(p_Def=coalition_credibility("unanimity", probabilities=["4/5"] * 4),
    ...                            p_Ch="1/2")]
    ['Separating']
    """
    if rule == "volunteer":
        if None in (N, K, U):
            raise ParameterError("N, K, U", "the volunteer rule needs N, K and U")
        return 1 - nobody_responds(N, K, U)
    if rule == "unanimity":
        if probabilities is None:
            raise ParameterError("probabilities", "the unanimity rule needs each member's probability")
        return unanimity(probabilities)
    raise ParameterError("rule", f"unknown aggregation rule {rule!r}; use 'volunteer' or 'unanimity'")


def build(values: Mapping[str, Any]) -> AnonymousGame:
    """The volunteer's dilemma of ``N`` members at ``values``, as an anonymous game.

    See :func:`~escalation.models.unity.volunteers_game`.
    """
    return volunteers_game(values["N"], values["K"], values["U"])


MODEL = register(Model(
    name="unity",
    title=TITLE,
    claims=("E4",),
    sources=(DIEKMANN1985, DIEKMANN1993, OLSON),
    parameters=PARAMETERS,
    build=build,
    solver=anonymous_equilibria,
    thresholds=thresholds,
    names=names,
    description=("N members each respond at cost K to secure a response worth U; in the symmetric mixed "
                 "equilibrium (one of many; the pure ones always give a response) P(nobody responds) = "
                 "(K/U)^(N/(N-1)), rising in N towards K/U."),
))
