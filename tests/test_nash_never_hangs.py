"""Issue 15: the default Nash solver hung on nondegenerate games with large payoffs.

The cause was nashpy 0.0.43's Lemke-Howson, run as a cross-check: it pivots
without dividing by the previous pivot, so its floats overflow after a few
steps on payoffs near 1e30 (or 1e6 on a 5x5 game), and with NaNs in the
tableau its loop, which has no iteration limit, never ends.  A broad
``except Exception`` around nashpy also caught whatever a caller's timeout
handler raised.  Each game below made ``nash_equilibria(game)`` run for ever
on the old code (checked with a 30-second timeout when these tests were
written); each now solves, and the answer equals the brute-force exact
enumeration of ``tests/brute_force_nash.py``.

A watchdog (``SIGALRM`` after two minutes, where the platform has it) turns a
relapse into a failure instead of a hung suite; nothing is timed.
"""

from __future__ import annotations

import signal
from fractions import Fraction

import nashpy
import pytest
from brute_force_nash import brute_force_extreme_equilibria

from escalation.errors import SolverError
from escalation.games import NormalFormGame
from escalation.solvers.nash import nash_equilibria
from escalation.solvers.nashpy_bridge import run_nashpy

ROW = [[784505, -439849, -476722], [-77707, 789984, -756561], [-501439, 45216, -516861]]
COLUMN = [[-181664, -311432, -856721], [-931144, -802067, 325045], [972576, 859620, 388135]]
DENOMINATOR = 10**19 + 1234567890123456789

HUGE_3X3 = NormalFormGame.from_matrices([[v * 10**24 for v in row] for row in ROW],
                                        [[v * 10**24 for v in row] for row in COLUMN])
# The same game with every payoff divided by its own 20-digit denominator (magnitudes near 1e30).
FRACTIONAL_3X3 = NormalFormGame.from_matrices(
    [[Fraction(v * 10**44 + k, DENOMINATOR + k) for k, v in enumerate(row)] for row in ROW],
    [[Fraction(v * 10**44 - k, DENOMINATOR + 3 * k) for k, v in enumerate(row)] for row in COLUMN])
# Payoffs below 10**6 are enough on a 5x5 game (seed 5 of a uniform draw).
LARGE_5X5 = NormalFormGame.from_matrices(
    [[670790, 805002, 22653, 807940, 468851], [515325, 630234, 285801, 979523, 53930],
     [277923, 383368, 571184, 408473, 131060], [45275, 1015, 48757, 148814, 999176],
     [190982, 652369, 750258, 234510, 282237]],
    [[434947, 263237, 974186, 177721, 897677], [797688, 844231, 115730, 392404, 628030],
     [493023, 665866, 676689, 662926, 60802], [959099, 555596, 903511, 271451, 361518],
     [879651, 186902, 64214, 373906, 679181]])

HUNG = [pytest.param(HUGE_3X3, id="3x3-payoffs-near-1e30"),
        pytest.param(FRACTIONAL_3X3, id="3x3-20-digit-denominators"),
        pytest.param(LARGE_5X5, id="5x5-payoffs-below-1e6")]


class Hung(Exception):
    """Raised by the watchdog."""


@pytest.fixture
def watchdog():
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def fire(signum, frame):
        raise Hung("still running after 120 s")

    previous = signal.signal(signal.SIGALRM, fire)
    signal.alarm(120)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def profiles(result) -> set[tuple]:
    return {tuple(tuple(Fraction(str(p)) for p in s.strategies[player].values()) for player in s.players)
            for s in result}


@pytest.mark.usefixtures("watchdog")
@pytest.mark.parametrize("game", HUNG)
@pytest.mark.parametrize("cross_check", [True, "nashpy"])
def test_games_that_hung_are_solved_exactly(game: NormalFormGame, cross_check) -> None:
    result = nash_equilibria(game, cross_check=cross_check)
    expected, degenerate = brute_force_extreme_equilibria(*game.payoffs)
    assert profiles(result) == expected
    assert result.degenerate is degenerate is False
    assert not any("fault" in note or "stopped" in note for note in result.notes)
    assert any(note.startswith("Lemke-Howson agrees") for note in result.notes)


class CallerTimeout(Exception):
    """What a caller's alarm handler might raise: an ordinary Exception subclass."""


BATTLE = NormalFormGame.from_matrices([[2, 0], [0, 1]], [[1, 0], [0, 2]])


@pytest.mark.parametrize("raised", [CallerTimeout("alarm"), KeyboardInterrupt(), SystemExit(1)])
@pytest.mark.parametrize("algorithm", ["support_enumeration", "vertex_enumeration"])
def test_a_callers_signal_inside_nashpy_is_not_swallowed(monkeypatch, raised, algorithm) -> None:
    def interrupted(self):
        raise raised
        yield  # a generator, like nashpy's

    monkeypatch.setattr(nashpy.Game, algorithm, interrupted)
    with pytest.raises(type(raised)):
        nash_equilibria(BATTLE, cross_check="nashpy")


def test_nashpys_own_failures_are_reported_not_raised(monkeypatch) -> None:
    def singular(self):
        yield from ()
        raise ValueError("could not find dropped label")

    monkeypatch.setattr(nashpy.Game, "support_enumeration", singular)
    notes = nash_equilibria(BATTLE, cross_check="nashpy").notes
    assert ("nashpy support enumeration failed (ValueError: could not find dropped label); its answers so far were "
            "checked") in notes


def test_nashpys_unbounded_lemke_howson_is_no_longer_run() -> None:
    with pytest.raises(SolverError, match="unknown nashpy algorithm 'Lemke-Howson'"):
        run_nashpy(BATTLE, "Lemke-Howson")
