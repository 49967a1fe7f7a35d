"""Hypothesis strategies that draw only valid games, kept in one place.

Every strategy here draws objects the package must accept: normal forms with
exact payoffs, perfect-information trees (optionally with chance nodes and
symbolic payoffs), and trees with simultaneous-move information sets that keep
perfect recall.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import sympy
from hypothesis import reject
from hypothesis import strategies as st

from escalation.games import ExtensiveFormGame, NormalFormGame, chance, decision, outcome

PLAYER_NAMES = ("Russia", "Coalition", "Ukraine", "USA")


def payoff_values(low: int = -6, high: int = 6, fractions: bool = False) -> st.SearchStrategy:
    """Exact payoff values: small integers, or fractions with small denominators."""
    ints = st.integers(low, high)
    if not fractions:
        return ints
    return st.one_of(ints, st.fractions(low, high, max_denominator=6))


@st.composite
def normal_form_games(draw, players: int | None = None, max_strategies: int = 4, fractions: bool = False,
                      min_strategies: int = 1) -> NormalFormGame:
    """An N-player normal form with exact payoffs and labelled strategies."""
    n = draw(st.integers(2, 3)) if players is None else players
    shape = tuple(draw(st.integers(min_strategies, max_strategies)) for _ in range(n))
    names = PLAYER_NAMES[:n]
    strategies = tuple(tuple(f"{name[0].lower()}{k + 1}" for k in range(m))
                       for name, m in zip(names, shape, strict=True))
    values = payoff_values(fractions=fractions)

    arrays = []
    for _ in range(n):
        flat = draw(st.lists(values, min_size=int(np.prod(shape)), max_size=int(np.prod(shape))))
        arrays.append(np.array(flat, dtype=object).reshape(shape))
    return NormalFormGame(names, strategies, tuple(arrays), title="drawn")


def bimatrix_games(max_strategies: int = 4, fractions: bool = False, min_strategies: int = 1):
    """Two-player normal forms."""
    return normal_form_games(players=2, max_strategies=max_strategies, fractions=fractions,
                             min_strategies=min_strategies)


@st.composite
def generic_bimatrix_games(draw, max_strategies: int = 4) -> NormalFormGame:
    """Two-player games whose payoffs are all distinct per player (almost always nondegenerate)."""

    m = draw(st.integers(1, max_strategies))
    n = draw(st.integers(1, max_strategies))
    size = m * n
    a = draw(st.permutations(range(-size, size, 2)).map(lambda v: v[:size]))
    b = draw(st.permutations(range(-size + 1, size + 1, 2)).map(lambda v: v[:size]))
    labels = (tuple(f"r{i + 1}" for i in range(m)), tuple(f"c{j + 1}" for j in range(n)))
    payoffs = (np.array(a, dtype=object).reshape(m, n), np.array(b, dtype=object).reshape(m, n))
    return NormalFormGame(("Row", "Column"), labels, payoffs)


def _probabilities(k: int):
    """k positive fractions summing to one."""
    return st.lists(st.integers(1, 5), min_size=k, max_size=k).map(
        lambda w: [Fraction(x, sum(w)) for x in w]
    )


@st.composite
def _subtree(draw, players, depth, values, allow_chance, counter):
    if depth == 0 or draw(st.integers(0, 3)) == 0:
        counter[0] += 1
        label = draw(st.sampled_from(["war", "status quo", "concession", None]))
        return outcome(label, tuple(draw(values) for _ in players))
    k = draw(st.integers(1, 3))
    if allow_chance and draw(st.integers(0, 4)) == 0:
        probs = draw(_probabilities(k))
        return chance({f"n{i + 1}": (p, draw(_subtree(players, depth - 1, values, allow_chance, counter)))
                       for i, p in enumerate(probs)})
    player = draw(st.sampled_from(players))
    return decision(player, {f"a{i + 1}": draw(_subtree(players, depth - 1, values, allow_chance, counter))
                             for i in range(k)})


@st.composite
def perfect_information_trees(draw, players: int = 2, max_depth: int = 4, allow_chance: bool = True,
                              fractions: bool = False) -> ExtensiveFormGame:
    """A perfect-information tree (chance nodes allowed) with exact payoffs."""
    names = PLAYER_NAMES[:players]
    values = payoff_values(fractions=fractions)
    counter = [0]
    player = draw(st.sampled_from(names))
    k = draw(st.integers(1, 3))
    root = decision(player, {f"a{i + 1}": draw(_subtree(names, max_depth - 1, values, allow_chance, counter))
                             for i in range(k)})
    return ExtensiveFormGame(names, root, title="drawn tree")


@st.composite
def trees_with_information_sets(draw, max_depth: int = 2, fractions: bool = False) -> ExtensiveFormGame:
    """Two-player trees with perfect recall in which some moves are simultaneous.

    A simultaneous block is a move of one player followed by the other player's
    information set spanning all of its outcomes; blocks nest inside
    perfect-information moves, so proper subgames appear at several depths.
    """
    names = PLAYER_NAMES[:2]
    values = payoff_values(fractions=fractions)
    counter = [0]

    def block(depth: int):
        first, second = draw(st.permutations(names))
        top = depth == max_depth
        k1, k2 = draw(st.integers(1, 3 if top else 2)), draw(st.integers(1, 3 if top else 2))
        label = f"h{counter[0]}"
        counter[0] += 1
        inner = {}
        for i in range(k1):
            inner[f"x{i + 1}"] = decision(
                second, {f"y{j + 1}": sub(depth - 1) for j in range(k2)}, infoset=label)
        return decision(first, inner)

    def sub(depth: int):
        roll = draw(st.integers(0, 4))
        if depth <= 0 or roll == 0 or counter[0] > 2:
            return outcome(draw(st.sampled_from(["war", "status quo", None])), tuple(draw(values) for _ in names))
        if roll == 1:
            return block(depth)
        player = draw(st.sampled_from(names))
        return decision(player, {f"a{i + 1}": sub(depth - 1) for i in range(draw(st.integers(1, 3)))})

    return ExtensiveFormGame(names, block(max_depth), title="drawn tree with information sets")


def symbolic_payoff_trees(max_depth: int = 3):
    """Perfect-information trees whose payoffs are linear in parameters ``x`` and ``y``.

    Draws the tree with integer payoffs, then adds ``c1*x + c2*y`` with small
    integer coefficients at randomly chosen leaves.
    """
    x, y = sympy.symbols("x y", real=True)

    @st.composite
    def draw_tree(draw):
        base = draw(perfect_information_trees(players=2, max_depth=max_depth, allow_chance=False))
        coeffs = st.integers(-2, 2)

        def add(value):
            return value + draw(coeffs) * x + draw(coeffs) * y

        return ExtensiveFormGame(base.players, base.map_numbers(add), base.title)

    return draw_tree()


# -- games with private information ---------------------------------------------------------------
SENDER, RECEIVER = "Sender", "Receiver"
SIGNALLING_SHAPES = ("sender-receiver", "sender-receiver-sender", "two-sided")


@st.composite
def signalling_games(draw, shape: str | None = None, max_types: int = 3, max_actions: int = 3,
                     low: int = -3, high: int = 3, generic: bool = False,
                     max_pure_profiles: int = 4096) -> ExtensiveFormGame:
    """A game in which chance first draws private types, with information sets across the types.

    Shapes (``shape`` None draws one):

    ``"sender-receiver"``
        chance draws the Sender's type (2 to ``max_types``), the Sender sends one of
        2 to ``max_actions`` messages, and the Receiver, who sees the message but not
        the type, replies (2 to ``max_actions`` replies; some messages may end the
        game at once).
    ``"sender-receiver-sender"``
        as above, and after one or two (message, reply) pairs the Sender moves again
        (2 actions, knowing its type).
    ``"two-sided"``
        chance draws the Sender's type, then (conditionally) the Receiver's type
        (2 each); the Sender knows only its own type, the Receiver its own type and
        the message; after up to two (message, reply) pairs the Sender moves again
        not knowing the Receiver's type.

    Information sets carry explicit labels (``"S:t1"``, ``"R:m2"``, ``"R:u1:m2"``,
    ``"S:t1:m2:r1"``), chance probabilities are positive fractions.  Payoffs are
    small integers in ``[low, high]`` (many ties: degenerate games, continua of
    equilibria), or with ``generic`` distinct integers for each player, so that no
    player is indifferent between two outcomes.  Every game has perfect recall.
    Draws with more than ``max_pure_profiles`` pure behaviour profiles are
    rejected, so brute-force enumeration in the tests stays cheap.
    """
    shape = draw(st.sampled_from(SIGNALLING_SHAPES)) if shape is None else shape
    two_sided = shape == "two-sided"
    n_types = 2 if two_sided else draw(st.integers(2, max_types))
    n_messages = draw(st.integers(2, 2 if two_sided else max_actions))
    n_replies = draw(st.integers(2, 2 if shape != "sender-receiver" else max_actions))
    types = [f"t{i + 1}" for i in range(n_types)]
    messages = [f"m{j + 1}" for j in range(n_messages)]
    replies = [f"r{k + 1}" for k in range(n_replies)]
    receiver_types = ["u1", "u2"] if two_sided else [None]
    # which messages the Receiver answers (at least one), and after which replies the Sender moves again
    answered = draw(st.lists(st.booleans(), min_size=n_messages, max_size=n_messages).filter(any))
    again = set()
    if shape != "sender-receiver":
        pairs = [(m, r) for m, a in zip(messages, answered, strict=True) if a for r in replies]
        again = set(draw(st.lists(st.sampled_from(pairs), min_size=0 if two_sided else 1, max_size=2, unique=True)))
    prior = draw(_probabilities(n_types))
    conditional = {t: draw(_probabilities(2)) for t in types} if two_sided else {}

    def build(pay):
        def stage_three(t, m, r):
            return decision(SENDER, {"a": pay(), "b": pay()}, infoset=f"S:{t}:{m}:{r}")

        def reply(t, u, m):
            return decision(RECEIVER, {r: (stage_three(t, m, r) if (m, r) in again else pay()) for r in replies},
                            infoset=f"R:{u}:{m}" if u else f"R:{m}")

        def sender(t, u):
            return decision(SENDER, {m: (reply(t, u, m) if a else pay()) for m, a in zip(messages, answered,
                                                                                          strict=True)},
                            infoset=f"S:{t}")

        if two_sided:
            return chance({t: (p, chance({u: (q, sender(t, u)) for u, q in zip(receiver_types, conditional[t],
                                                                                 strict=True)}))
                           for t, p in zip(types, prior, strict=True)})
        return chance({t: (p, sender(t, None)) for t, p in zip(types, prior, strict=True)})

    count = [0]

    def counting():
        count[0] += 1
        return outcome(None, (0, 0))

    build(counting)
    n = count[0]
    if generic:
        columns = [draw(st.permutations(range(-n, n + 1)))[:n] for _ in range(2)]
    else:
        columns = [draw(st.lists(st.integers(low, high), min_size=n, max_size=n)) for _ in range(2)]
    leaves = iter(zip(*columns, strict=True))
    game = ExtensiveFormGame((SENDER, RECEIVER), build(lambda: outcome(None, next(leaves))),
                             title=f"drawn {shape} game")
    profiles = 1
    for h in game.infosets.values():
        profiles *= len(h.actions)
    if profiles > max_pure_profiles:
        reject()
    return game


@st.composite
def two_message_games(draw, max_types: int = 3, low: int = -3, high: int = 3) -> ExtensiveFormGame:
    """Chance draws the Sender's type (2 to ``max_types``); the Sender sends a first message (``A`` or ``B``) and,
    knowing its type and that message, a second (``C`` or ``D``); the Receiver sees both messages, not the type,
    and replies ``x`` or ``y``.

    After a pair of messages nobody sends, one type may have deviated at the first message and another at the
    second: both are one zero-probability move away from what the Receiver sees.  Payoffs are small integers.
    """
    types = [f"t{i + 1}" for i in range(draw(st.integers(2, max_types)))]
    prior = draw(_probabilities(len(types)))
    pays = iter(draw(st.lists(st.tuples(st.integers(low, high), st.integers(low, high)),
                              min_size=8 * len(types), max_size=8 * len(types))))

    def second(t: str, m1: str):
        return decision(SENDER, {m2: decision(RECEIVER, {r: outcome(None, next(pays)) for r in ("x", "y")},
                                              infoset=f"R:{m1}{m2}") for m2 in ("C", "D")}, infoset=f"S:{t}:{m1}")

    root = chance({t: (p, decision(SENDER, {m1: second(t, m1) for m1 in ("A", "B")}, infoset=f"S:{t}"))
                   for t, p in zip(types, prior, strict=True)})
    return ExtensiveFormGame((SENDER, RECEIVER), root, title="drawn two-message game")


OBSERVERS = ("A", "B")


@st.composite
def broadcast_games(draw, max_types: int = 3, low: int = -3, high: int = 3, generic: bool = False) -> ExtensiveFormGame:
    """A Sender's message observed by two Receivers: after it, chance picks which of them answers.

    Chance draws the Sender's type (2 to ``max_types``); the Sender sends ``m1`` or
    ``m2``; chance then picks Receiver ``A`` or ``B`` (positive probabilities,
    drawn per type), who sees the message but not the type and replies ``r1`` or
    ``r2`` (information sets ``"A:m1"``, ``"B:m1"``, ...).  Both Receivers observe
    the same deviation, so D1 and the intuitive criterion are about two
    observers' beliefs at once.  Payoffs are integers in ``[low, high]``, or with
    ``generic`` distinct integers for the Sender and for the Receivers (no
    player indifferent between two of its outcomes); the Receiver who does not
    answer gets 0.
    """
    types = [f"t{i + 1}" for i in range(draw(st.integers(2, max_types)))]
    prior = draw(_probabilities(len(types)))
    who = {t: draw(_probabilities(2)) for t in types}
    n = 8 * len(types)
    if generic:
        columns = [draw(st.permutations(range(-n, n + 1)))[:n] for _ in range(2)]
    else:
        columns = [draw(st.lists(st.integers(low, high), min_size=n, max_size=n)) for _ in range(2)]
    leaves = iter(zip(*columns, strict=True))

    def reply(observer: str, m: str):
        k = OBSERVERS.index(observer)
        answers = {}
        for r in ("r1", "r2"):
            sender, mine = next(leaves)
            answers[r] = outcome(None, (sender, mine, 0) if k == 0 else (sender, 0, mine))
        return decision(observer, answers, infoset=f"{observer}:{m}")

    def sender(t: str):
        return decision(SENDER, {m: chance({o: (p, reply(o, m)) for o, p in zip(OBSERVERS, who[t], strict=True)})
                                 for m in ("m1", "m2")}, infoset=f"S:{t}")

    return ExtensiveFormGame((SENDER, *OBSERVERS), chance({t: (p, sender(t)) for t, p in zip(types, prior,
                                                                                               strict=True)}),
                             title="drawn broadcast game")
