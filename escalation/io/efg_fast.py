"""A fast reader for well-formed ``.efg`` files.

One regular expression splits the whole file into tokens (in C).  Besides
strings, numbers, braces and symbols, a brace block holding only numbers (the
payoffs of an outcome) or only strings (the actions of an information set, the
players) is one token, so a typical entry is five to seven tokens.  One tight
loop then walks the node entries keeping every token as it is; only
afterwards are the distinct tokens checked and converted, each kind in bulk:
action blocks once per distinct block, numbers by one regular expression over
all of them (``int64`` when they are all machine integers).

The fast reader names no lines: at the first thing it does not accept as it
stands -- any error, but also outcomes at inner nodes or numbers written in
two ways (``01`` and ``1``) -- it raises :class:`NotFast`, and the careful
reader of :mod:`escalation.io.efg` reads the file again and reports the problem with its
line.  Both readers agree on every file the fast one accepts (a property test
checks this on drawn trees and on Gambit's catalogue).
"""

from __future__ import annotations

import re
from fractions import Fraction

import numpy as np

from ..errors import GameFileError
from ._tokens import MAX_STRING, NUMBER_PATTERN, normalize_labels, read_number
from .efg_tree import Key, ParsedTree

__all__ = ["NotFast", "fast_parse"]

_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'
_TOKEN = re.compile(
    rf'{_STRING}|\{{[^{{}}"]*\}}|\{{(?:\s*{_STRING})*\s*\}}|[{{}},]|[^\s{{}},"]+|"', re.ASCII)
_STRINGS = re.compile(_STRING)
_ESCAPE = re.compile(r'\\(["\\])')
_COUNTS = re.compile(r"(?:(?:0|[1-9][0-9]{0,17}) )*", re.ASCII)  # no leading zeros: one way to write each
_INTEGERS = re.compile(r"(?:[+-]?[0-9]{1,18} )*", re.ASCII)
_NUMBERS = re.compile(rf"(?:{NUMBER_PATTERN} )*", re.ASCII)
_SENTINELS = 8


class NotFast(Exception):
    """The fast reader leaves this file to the careful one."""


def fast_parse(text: str) -> ParsedTree:
    """The entries of a well-formed file; raises :class:`NotFast` at anything else."""
    tokens = _TOKEN.findall(text)
    end = len(tokens)
    if end < 5 or max(map(len, tokens)) > MAX_STRING + 2:
        raise NotFast
    tokens.extend(("}",) * _SENTINELS)  # reading past the end meets braces, never an IndexError
    title, players, i = _prologue(tokens)
    walk = _Walk(tokens, len(players))
    walk.entries(i, end)
    return walk.parsed(title, players)


def _text(token: str) -> str:
    if token[:1] != '"' or len(token) < 2:
        raise NotFast
    inner = token[1:-1]
    return _ESCAPE.sub(r"\1", inner) if "\\" in inner else inner


_UNQUOTED: dict[str, tuple[str, ...]] = {}


def _strings(block: str) -> tuple[str, ...]:
    """The strings of a block token ``{ "a" "b" }`` (remembered: most trees repeat a few lists)."""
    out = _UNQUOTED.get(block)
    if out is None:
        if block[:1] != "{" or len(block) < 2:
            raise NotFast
        out = tuple(_text(s) for s in _STRINGS.findall(block))
        if len(_UNQUOTED) < 4096:
            _UNQUOTED[block] = out
    return out


def _prologue(t: list[str]) -> tuple[str, list[str], int]:
    if t[0] != "EFG" or t[1] != "2" or t[2] not in ("R", "D"):
        raise NotFast
    title = _text(t[3])
    players = list(_strings(t[4]))
    if not players:
        raise NotFast
    i = 5
    if t[i][:1] == '"':  # the comment
        i += 1
    return title, normalize_labels(players), i


class _Walk:
    """The loop over the node entries, with every label and number kept as its token."""

    def __init__(self, tokens: list[str], players: int) -> None:
        self.t = tokens
        self.players = players
        self.kinds: list[str] = []
        self.key_of: list[int] = []
        self.leaf_outcomes: list[str] = []
        self.declared: dict[tuple, tuple] = {}  # (kind, number tokens) -> (name, actions[, probabilities])
        self.index: dict[tuple, int] = {}  # the same keys -> their position in order of first appearance
        self.outcomes: dict[str, tuple[str, str]] = {}  # number token -> (label token, payoff block token)

    def entries(self, i: int, end: int) -> None:
        t, kinds, key_of, leaves = self.t, self.kinds, self.key_of, self.leaf_outcomes
        declared, index, outcomes = self.declared, self.index, self.outcomes
        while i < end:
            kind = t[i]
            if t[i + 1][:1] != '"':
                raise NotFast
            if kind == "t":
                number = t[i + 2]
                if t[i + 3][:1] == '"':  # a new outcome: its label and payoff block
                    new = (t[i + 3], t[i + 4])
                    if outcomes.setdefault(number, new) != new or number == "0" or new[1][:1] != "{":
                        raise NotFast
                    i += 5
                else:
                    i += 3
                kinds.append("t")
                key_of.append(-1)
                leaves.append(number)
                continue
            key: tuple[str, ...]
            if kind == "p":
                key = ("p", t[i + 2], t[i + 3])
                i += 4
            elif kind == "c":
                key = ("c", t[i + 2])
                i += 3
            else:
                raise NotFast
            if t[i][:1] == '"':
                i = self._declare(key, i)
            elif key not in declared:
                raise NotFast
            if t[i] != "0":  # an outcome above the leaves: left to the careful reader
                raise NotFast
            i += 1
            kinds.append(kind)
            key_of.append(index.setdefault(key, len(index)))

    def _declare(self, key: tuple, i: int) -> int:
        t = self.t
        if key[0] == "p":
            new: tuple = (t[i], t[i + 1])
            j = i + 2
        else:
            if t[i + 1] != "{":
                raise NotFast
            actions, probabilities = [], []
            j = i + 2
            while t[j] != "}":
                actions.append(t[j])
                probabilities.append(t[j + 1])
                j += 2
            if not all(a[:1] == '"' for a in actions):
                raise NotFast
            new = (t[i], "{ " + " ".join(actions) + " }", tuple(probabilities))
            j += 1
        if self.declared.setdefault(key, new) != new:
            raise NotFast
        return j

    # -- after the loop: check and convert the distinct tokens ------------------------------------
    def parsed(self, title: str, players: list[str]) -> ParsedTree:
        raw = [self.declared[k] for k in self.index]
        names = [_text(r[0]) for r in raw]
        actions = [_strings(r[1]) for r in raw]
        if not all(actions):
            raise NotFast
        probabilities = [tuple(_number(p) for p in r[2]) if len(r) == 3 else () for r in raw]
        rows = self._rows()
        return ParsedTree(title, players, self.kinds, self.key_of, self._keys(), names, actions, probabilities,
                          self._payoffs(rows), self._labels(rows))

    def _keys(self) -> list[Key]:
        """Our ``(player, number)`` key of every declared token key (players 1 to n; chance 0)."""
        keys = list(self.index)
        players = [k[1] if k[0] == "p" else "0" for k in keys]
        numbers = [k[2] if k[0] == "p" else k[1] for k in keys]
        if not _COUNTS.fullmatch(" ".join(players) + " " + " ".join(numbers) + " "):
            raise NotFast
        player = np.array(players, dtype=np.int64)
        if (player > self.players).any():
            raise NotFast
        personal = np.array([k[0] == "p" for k in keys], dtype=bool)
        if ((player > 0) != personal).any():  # a player numbered 0
            raise NotFast
        return list(zip(player.tolist(), np.array(numbers, dtype=np.int64).tolist(), strict=True))

    def _rows(self) -> list[int]:
        """For every leaf, the row of its outcome (0: the null outcome, then outcomes in order of definition)."""
        if not _COUNTS.fullmatch(" ".join(self.outcomes) + " "):
            raise NotFast
        row_of = {"0": 0}
        for k, number in enumerate(self.outcomes):
            row_of[number] = k + 1
        try:
            return [row_of[number] for number in self.leaf_outcomes]
        except KeyError:
            raise NotFast from None

    def _labels(self, rows: list[int]) -> list[str | None]:
        table = np.array([None, *(None if label == '""' else _text(label) or None
                                  for label, _ in self.outcomes.values())], dtype=object)
        return table[rows].tolist()

    def _payoffs(self, rows: list[int]):
        """Payoff rows of the leaves, as an ``int64`` table when all are machine integers."""
        players = self.players
        numbers: list[str] = []
        for _, block in self.outcomes.values():
            values = block[1:-1].replace(",", " ").split()  # str.split also splits at non-ASCII spaces:
            if len(values) != players or not block.isascii():  # Gambit does not, and neither do we
                raise NotFast
            numbers.extend(values)
        joined = " ".join(numbers) + " "
        if _INTEGERS.fullmatch(joined):
            table = np.zeros((len(self.outcomes) + 1, players), dtype=np.int64)
            if numbers:
                table[1:] = np.array(numbers, dtype=np.int64).reshape(-1, players)
            return table[rows]
        if not _NUMBERS.fullmatch(joined):
            raise NotFast
        exact = [_number(x) for x in numbers]
        table_rows = [(0,) * players] + [tuple(exact[s:s + players]) for s in range(0, len(exact), players)]
        return [table_rows[k] for k in rows]


def _number(token: str) -> int | Fraction:
    if not re.fullmatch(NUMBER_PATTERN, token, re.ASCII):
        raise NotFast
    try:
        x = read_number(token, "", None)
    except GameFileError:
        raise NotFast from None
    return int(x) if x.denominator == 1 else x
