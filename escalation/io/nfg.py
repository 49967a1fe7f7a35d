r"""Gambit strategic-form files (``.nfg``): read and write normal-form games.

The prologue names the players and their strategies, either as lists of
labels or as counts (strategies then labelled ``"1"``, ``"2"``, ...)::

    NFG 1 R "title" { "Player 1" "Player 2" } { { "s1" "s2" } { "t1" "t2" } } "optional comment"
    NFG 1 R "title" { "Player 1" "Player 2" } { 2 2 }

The body lists the payoffs of every pure-strategy profile, either directly
(``u_1 u_2 ... u_N`` for each profile) or through a list of outcomes
``{ { "name" u_1, u_2 } ... }`` followed by one outcome number per profile
(``0`` pays nothing).  Profiles run in the order of counting with the first
player's strategy as the fastest digit: ``(1, 1), (2, 1), (1, 2), (2, 2)``.

Outcome names and the comment are not kept; empty or repeated player and
strategy labels are made unique as Gambit does (``x_1``, ``x_2``).  A file
whose game would be too large to hold -- more than ``MAX_PLAYERS``
players or ``MAX_PROFILES`` strategy profiles -- is refused, naming the
line, before anything is allocated.  Writing
uses strategy labels and direct payoffs, numbers written exactly (``1/3``).

>>> game = parse_nfg('NFG 1 R "Chicken" { "USA" "Russia" } { 2 2 }  0 0  1 -1  -1 1  -10 -10')
>>> game.strategies
(('1', '2'), ('1', '2'))
>>> game.payoff(("2", "1"))
(1, -1)
>>> print(nfg_text(game), end="")
NFG 1 R "Chicken" { "USA" "Russia" }
<BLANKLINE>
{ { "1" "2" }
{ "1" "2" }
}
<BLANKLINE>
0 0
1 -1
-1 1
-10 -10
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import GameFileError, GameStructureError
from ..games.normal_form import NormalFormGame
from ..games.tree import ExtensiveFormGame
from ._tokens import (
    COMMA,
    EOF,
    LBRACE,
    NUMBER,
    RBRACE,
    SYMBOL,
    TEXT,
    TokenStream,
    format_number,
    normalize_labels,
    quote,
    read_text,
    write_text,
)

__all__ = ["MAX_PLAYERS", "MAX_PROFILES", "nfg_text", "parse_nfg", "read_nfg", "write_nfg"]

MAX_PLAYERS = 32  # numpy arrays have at most 32 dimensions (64 from numpy 2)
MAX_PROFILES = 10_000_000


def read_nfg(path: Any) -> NormalFormGame:
    """Read the ``.nfg`` file at ``path``; a malformed file raises :class:`GameFileError`."""
    return parse_nfg(read_text(path), source=str(path))


def write_nfg(game: NormalFormGame | ExtensiveFormGame, path: Any) -> None:
    """Write ``game`` to ``path`` as an ``.nfg`` file (see :func:`nfg_text`)."""
    if not isinstance(game, (NormalFormGame, ExtensiveFormGame)):
        raise GameFileError(str(path), f"only a game can be written as .nfg, not a {type(game).__name__}")
    write_text(path, nfg_text(game))


def nfg_text(game: NormalFormGame | ExtensiveFormGame) -> str:
    """The ``.nfg`` text of ``game``; a tree is written as its reduced strategic form.

    Symbolic payoffs raise :class:`~escalation.errors.ParameterError`.
    """
    if isinstance(game, ExtensiveFormGame):
        game.require_numeric()
        table = game.to_normal_form()
    else:
        table = game
    table.require_numeric()
    players = " ".join(quote(p) for p in table.players)
    strategies = "\n".join("{ " + " ".join(quote(s) for s in labels) + " }" for labels in table.strategies)
    rows = [" ".join(format_number(a[index], f"payoff at profile {index}") for a in table.payoffs)
            for index in profiles(table.shape)]
    return f"NFG 1 R {quote(table.title)} {{ {players} }}\n\n{{ {strategies}\n}}\n\n" + "\n".join(rows) + "\n"


def profiles(shape: tuple[int, ...]) -> Iterator[tuple[int, ...]]:
    """Strategy profiles (0-based indices) in file order: the first player's strategy varies fastest.

    >>> list(profiles((2, 2)))
    [(0, 0), (1, 0), (0, 1), (1, 1)]
    """
    for index in itertools.product(*(range(k) for k in reversed(shape))):
        yield index[::-1]


def parse_nfg(text: str, source: str = "<string>") -> NormalFormGame:
    """The game in ``text``, the contents of an ``.nfg`` file; ``source`` names it in errors."""
    s = TokenStream(text, source)
    s.keyword("NFG", "'NFG' (a strategic-form game file begins 'NFG 1 R')")
    s.keyword("1", "the version number 1 after 'NFG'")
    token = s.next()
    if token.kind != SYMBOL or token.text not in ("R", "D"):
        raise s.unexpected(token, "'R' after 'NFG 1'")
    title = s.expect(TEXT, "the game's title in quotes").text
    players, opening = s.strings("the list of players")
    if not players:
        raise s.error("the game has no players", opening.line)
    if len(players) > MAX_PLAYERS:
        raise s.error(f"the game has {len(players)} players; at most {MAX_PLAYERS} are supported", opening.line)
    strategies = _strategies(s, len(players))
    s.accept(TEXT)  # the optional comment
    shape = tuple(len(labels) for labels in strategies)
    token = s.peek()
    if token.kind == LBRACE:
        arrays = _outcome_body(s, len(players), shape)
    elif token.kind == NUMBER:
        arrays = _payoff_body(s, len(players), shape)
    else:
        raise s.unexpected(token, "the payoffs or the '{' opening the list of outcomes")
    token = s.peek()
    if token.kind != EOF:
        raise s.error(f"unexpected {token.text!r} after the entries of all {int(np.prod(shape))} strategy profiles",
                      token.line)
    try:
        return NormalFormGame(tuple(normalize_labels(players)), tuple(strategies), tuple(arrays), title)
    except GameStructureError as exc:
        raise s.error(str(exc), None) from None


def _strategies(s: TokenStream, n: int) -> list[tuple[str, ...]]:
    """One tuple of strategy labels per player, from labels or from counts."""
    s.expect(LBRACE, "'{' opening the strategies")
    out: list[tuple[str, ...]] = []
    if s.peek().kind == NUMBER:
        for player in range(1, n + 1):
            count, token = s.integer(f"the number of strategies of player {player}")
            if count < 1:
                raise s.error(f"player {player} needs at least one strategy, not {count}", token.line)
            _check_size(s, out, player, count, token.line)
            out.append(tuple(str(k) for k in range(1, count + 1)))
        s.expect(RBRACE, f"the '}}' closing the strategy counts (one for each of the {n} players)")
        return out
    for player in range(1, n + 1):
        labels, opening = s.strings(f"the strategies of player {player}")
        if not labels:
            raise s.error(f"player {player} needs at least one strategy", opening.line)
        _check_size(s, out, player, len(labels), opening.line)
        out.append(tuple(normalize_labels(labels)))
    s.expect(RBRACE, f"the '}}' closing the strategy lists (one for each of the {n} players)")
    return out


def _check_size(s: TokenStream, earlier: list[tuple[str, ...]], player: int, count: int, line: int) -> None:
    """Refuse a game with more than ``MAX_PROFILES`` profiles before its strategies are made."""
    profiles = count
    for labels in earlier:
        profiles *= len(labels)
    if profiles > MAX_PROFILES:
        raise s.error(f"player {player} has {count:,} strategies: the game would have more than "
                      f"{MAX_PROFILES:,} strategy profiles", line)


def _payoff_body(s: TokenStream, n: int, shape: tuple[int, ...]) -> list[np.ndarray]:
    arrays = [np.empty(shape, dtype=object) for _ in range(n)]
    for index in profiles(shape):
        for player, array in enumerate(arrays, start=1):
            array[index] = s.number(f"the payoff of player {player} at profile {_show(index)}")[0]
    return arrays


def _outcome_body(s: TokenStream, n: int, shape: tuple[int, ...]) -> list[np.ndarray]:
    s.expect(LBRACE, "'{' opening the list of outcomes")
    outcomes = [tuple(Fraction(0) for _ in range(n))]
    while s.accept(LBRACE):
        number = len(outcomes)
        name = s.expect(TEXT, f"the name of outcome {number} in quotes")
        values = []
        while not s.accept(RBRACE):
            values.append(s.number(f"a payoff of outcome {number} or '}}'")[0])
            s.accept(COMMA)
        if len(values) != n:
            raise s.error(f"outcome {number} lists {len(values)} payoffs but the game has {n} players", name.line)
        outcomes.append(tuple(values))
    s.expect(RBRACE, "'{' opening an outcome or the '}' closing the list of outcomes")
    arrays = [np.empty(shape, dtype=object) for _ in range(n)]
    for index in profiles(shape):
        number, token = s.integer(f"the outcome number of profile {_show(index)}")
        if not 0 <= number < len(outcomes):
            raise s.error(f"outcome {number} does not exist: the file defines outcomes 1 to {len(outcomes) - 1}",
                          token.line)
        for array, value in zip(arrays, outcomes[number], strict=True):
            array[index] = value
    return arrays


def _show(index: tuple[int, ...]) -> str:
    """A profile as the file counts it, from 1: ``(2, 1)``."""
    return "(" + ", ".join(str(i + 1) for i in index) + ")"
