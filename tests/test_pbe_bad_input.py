"""Bad input to the perfect Bayesian solver and verifier: each a clear one-line error from escalation.errors."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy

from escalation.errors import GameStructureError, ParameterError, SolverError
from escalation.games import ExtensiveFormGame, chance, decision, outcome
from escalation.solvers.pbe import perfect_bayesian, verify_pbe
from escalation.solvers.pbe.solve import MAX_ASSEMBLY, MAX_SEARCH


def signalling(types: int = 2, messages: int = 2, second_stage: bool = False) -> ExtensiveFormGame:
    """``types`` equally likely Sender types, each choosing one of ``messages`` messages.

    Without ``second_stage`` a Receiver answers every message (yes/no, Sender payoff 0 or 1: no message is
    dominated).  With it, the Sender itself moves again after message j, choosing between 20 - j and j - 20:
    the bounds of every message overlap (nothing is dominated before the search), and message 0 is best.
    """
    def after(i: int, j: int):
        if second_stage:
            return decision("Sender", {"x": outcome(None, (20 - j, 0)), "y": outcome(None, (j - 20, 0))},
                            infoset=f"type {i} after m{j}")
        return decision("Receiver", {"yes": outcome(None, (1, int(i == j))), "no": outcome(None, (0, 0))},
                        infoset=f"after m{j}")

    def sender(i: int):
        return decision("Sender", {f"m{j}": after(i, j) for j in range(messages)}, infoset=f"type {i}")

    return ExtensiveFormGame(("Sender", "Receiver"),
                             chance({f"t{i}": (Fraction(1, types), sender(i)) for i in range(types)}))


def test_imperfect_recall_is_refused():
    # A chooses l or r, B moves, then A decides again without remembering its own first choice.
    forgetful = ExtensiveFormGame(("A", "B"), decision("A", {
        side: decision("B", {"x": decision("A", {"u": outcome(None, (1, 0)), "d": outcome(None, (0, 1))},
                                           infoset="A later"),
                             "z": outcome(None, (0, 0))}, infoset=f"B after {side}")
        for side in ("l", "r")}))
    assert not forgetful.has_perfect_recall
    with pytest.raises(GameStructureError, match="perfect recall"):
        perfect_bayesian(forgetful)


def test_a_search_too_large_is_refused_with_its_size():
    # 5 types x 5 messages, nothing dominated: 2^5 - 1 = 31 supports per type, 31^5 = 28,629,151 > 2,000,000.
    assert MAX_SEARCH == 2_000_000
    with pytest.raises(SolverError, match=r"needs 28,629,151 support combinations at the stage with information "
                                          r"sets type 0, type 1, type 2, type 3, \.\.\. \(limit 2,000,000\); "
                                          r"pass max_mixed_infosets=0"):
        perfect_bayesian(signalling(types=5, messages=5))


def _zeros_in_three_stages() -> ExtensiveFormGame:
    """Two-sided types (2 x 2), two messages, two replies, and a third move by the Sender after (m1, r1) and
    (m2, r2); every payoff 0, so every assessment is an equilibrium and every support a continuum of them."""
    def leaf():
        return outcome(None, (0, 0))

    def reply(t, u, m):
        again = {("m1", "r1"), ("m2", "r2")}
        return decision("Receiver", {r: decision("Sender", {"a": leaf(), "b": leaf()}, infoset=f"S:{t}:{m}:{r}")
                                     if (m, r) in again else leaf() for r in ("r1", "r2")}, infoset=f"R:{u}:{m}")

    def sender(t, u):
        return decision("Sender", {m: reply(t, u, m) for m in ("m1", "m2")}, infoset=f"S:{t}")

    return ExtensiveFormGame(("Sender", "Receiver"), chance({t: ("1/2", chance({u: ("1/2", sender(t, u))
                                                                                 for u in ("u1", "u2")}))
                                                             for t in ("t1", "t2")}), "zeros")


def test_ties_everywhere_are_refused_before_assembly_not_after_an_hour():
    """The search itself takes about a second; assembling its 37,449 combinations took over ten minutes."""
    assert MAX_ASSEMBLY == 10_000
    game = _zeros_in_three_stages()
    with pytest.raises(SolverError, match=r"more than 10,000 combinations .* pass max_mixed_infosets=0"):
        perfect_bayesian(game)
    with pytest.raises(SolverError, match=r"pass a smaller max_mixed_infosets"):
        perfect_bayesian(game, max_mixed_infosets=1)
    pure = perfect_bayesian(game, max_mixed_infosets=0)
    assert not pure.complete
    # 10 information sets with two actions each (2 Sender types, 4 Receiver sets, 4 third moves): every one of
    # the 2^10 pure behaviour profiles is an equilibrium when nothing is at stake
    assert len(game.infosets) == 10
    assert pure.count == 2**10


def test_a_bounded_search_says_what_it_left_out():
    # 2 types x 11 messages: (2^11 - 1)^2 = 2047^2 = 4,190,209 supports refused; pure profiles only
    # (max_mixed_infosets=0): 11^2 = 121.  Message m0 pays 20 after x, every other less: both types send m0.
    game = signalling(types=2, messages=11, second_stage=True)
    with pytest.raises(SolverError, match=r"needs 4,190,209 support combinations .* type 0, type 1 \(limit"):
        perfect_bayesian(game)
    eq = perfect_bayesian(game, max_mixed_infosets=0)
    assert not eq.complete
    assert any(note.startswith("bounded: support profiles with more than 0 mixing") for note in eq.notes)
    (s,) = eq
    assert all(s.behaviour[f"type {i}"]["m0"] == 1 for i in range(2))


@pytest.mark.slow  # about 19 s: the bounded search still generates each of the 44,913 support profiles
def test_a_small_bound_on_mixing_is_accepted():
    # With at most one mixing type: 11^2 + 2 (2047 - 11) 11 = 121 + 44,792 = 44,913 support profiles, far below
    # the limit -- the refusal message itself suggests "a small bound".  (The size check counts every support
    # whenever the bound is positive, and the search generates every support profile before skipping.)
    eq = perfect_bayesian(signalling(types=2, messages=11, second_stage=True), max_mixed_infosets=1)
    assert not eq.complete
    assert len(eq) == 1


def test_symbolic_payoffs_are_refused_naming_the_parameter():
    cost = sympy.Symbol("cost", real=True)
    game = ExtensiveFormGame(("Sender", "Receiver"), chance({
        t: ("1/2", decision("Sender", {"a": outcome(None, (cost, 0)), "b": outcome(None, (0, 1))}, infoset=f"S {t}"))
        for t in ("t1", "t2")}))
    with pytest.raises(ParameterError, match="parameter 'cost': has no value"):
        perfect_bayesian(game)
    with pytest.raises(ParameterError, match="'cost'"):
        verify_pbe(game, ({"S t1": {"a": 1}, "S t2": {"a": 1}}, {}))


@pytest.mark.parametrize("offpath", ["D2", "d1", "", {"*": "D2"}, {"after*": "prior", "*": "sequential"}])
def test_an_unknown_off_path_rule_is_refused(offpath):
    with pytest.raises(SolverError, match=r"unknown off-path belief rule '\w*'; use one of D1, intuitive, prior, free"):
        perfect_bayesian(signalling(), offpath=offpath)


def test_the_verifier_refuses_an_unknown_rule():
    with pytest.raises(SolverError, match="unknown off-path belief rule 'sequential'"):
        verify_pbe(signalling(), ({}, {}), offpath="sequential")


def test_errors_are_one_line():
    for call in (lambda: perfect_bayesian(signalling(types=5, messages=5)),
                 lambda: perfect_bayesian(signalling(), offpath="D2")):
        with pytest.raises(SolverError) as info:
            call()
        assert "\n" not in str(info.value)


@pytest.mark.parametrize("bound", [-1, 1.5, "0", True])
def test_a_bad_bound_on_mixing_is_refused_by_the_solver_and_the_verifier(bound):
    game = signalling(types=2, messages=2)
    with pytest.raises(SolverError, match=r"^max_mixed_infosets must be None or a whole number from 0 up"):
        perfect_bayesian(game, max_mixed_infosets=bound)
    found = perfect_bayesian(game, offpath="D1", max_mixed_infosets=0)
    with pytest.raises(SolverError, match=r"^max_mixed_infosets must be"):
        verify_pbe(game, found[0], offpath="D1", max_mixed_infosets=bound)
    verify_pbe(game, found[0], **found.options)  # the solve's own options are accepted
