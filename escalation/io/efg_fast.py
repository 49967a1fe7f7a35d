"""A fast reader for well-formed ``.efg`` files.

One regular expression (run in C) splits the file into node entries and
each entry into a few fields: whether it is a player's node, its information
set or chance event (``"1 3"``, ``"2"``), the name and action list it
declares if it declares one, and at a leaf the outcome number, name and
payoff list.  The text of every field is kept as it stands; afterwards each
column is checked and converted in bulk, never entry by entry in Python:
keys and outcome numbers through dictionaries (what a file declares more
than once must be written the same way each time), payoffs by one regular
expression over all payoff lists joined and, when they are all machine
integers, one conversion to ``int64``.

The fast reader names no lines: at the first thing it does not accept as it
stands -- any error, but also outcomes at inner nodes, numbers written in two
ways (``01`` and ``1``) or one declaration written twice with different
spacing -- it raises :class:`NotFast`, and the careful reader of
:mod:`escalation.io.efg` reads the file again and reports the problem with
its line.  Both readers agree on every file the fast one accepts (property
tests check this on drawn trees, on Gambit's catalogue and on mutants of it).
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from fractions import Fraction
from functools import lru_cache
from typing import Any

import numpy as np

from ..errors import GameFileError
from ..games.structure import CHANCE_CODE, DECISION_CODE, TERMINAL_CODE
from ._tokens import MAX_STRING, NUMBER_PATTERN, normalize_labels, read_number
from .efg_tree import Key, ParsedTree

__all__ = ["NotFast", "fast_parse", "paused_gc"]

_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'
_WORD = r'[^\s{},"]+(?![^\s{},"])'  # a number or symbol, whole: never one word read as two
_NAMES = rf'\{{(?:\s*{_STRING})*\s*\}}'  # { "a" "b" }
_MOVES = rf'\{{(?:\s*{_STRING}\s*{_WORD})*\s*\}}'  # { "a" 1/2 "b" 1/2 }
_PROLOGUE = re.compile(rf'\s*EFG\s+2\s+[RD]\s*({_STRING})\s*({_NAMES})(?:\s*({_STRING}))?', re.ASCII)
_COUNT = r'(?:0|[1-9][0-9]{0,17})(?![^\s{},"])'  # a whole number without leading zeros (one way to write it)


@lru_cache(maxsize=16)
def _entry(players: int) -> re.Pattern[str]:
    """One node entry of a game with ``players`` players, split into fields.

    Groups: 1 ``p`` at a player's node; 2 its information set (two numbers) or chance event (one); 3 and 4
    the name and actions it declares; at a leaf 5 the outcome number, 6 and 7 the name and payoffs (one
    number per player, commas optional between and after them) it declares.  An outcome above the leaves
    (not 0) is left to the careful reader."""
    payoffs = r"\{\s*" + rf"{_WORD}\s*(?:,\s*)?" * players + r"\}"  # one way to match: no backtracking
    return re.compile(rf"""\s*(?:
        (?:(p)|c)\s*{_STRING}\s*({_COUNT}(?(1)\s+{_COUNT}))
            (?:\s*({_STRING})\s*((?(1){_NAMES}|{_MOVES})))?\s*0(?![^\s{{}},"])
      | t\s*{_STRING}\s*({_COUNT})(?:\s*({_STRING})\s*({payoffs}))?)""", re.ASCII | re.VERBOSE)


_GROUPS = 7  # of an entry
_MOVE = re.compile(rf"\s*({_STRING})\s*({_WORD})", re.ASCII)
_STRINGS = re.compile(_STRING)
_ESCAPE = re.compile(r'\\(["\\])')
_INTEGERS = re.compile(r"\s*(?:[+-]?[0-9]{1,18}\s+)*", re.ASCII)  # whole numbers that fit in int64
_NUMBERS = re.compile(rf"\s*(?:{NUMBER_PATTERN}\s+)*", re.ASCII)
_LONG_PLAIN = re.compile(rf'"[^"]{{{MAX_STRING + 1}}}')
_LONG_ESCAPED = re.compile(rf'"(?:[^"\\]|\\[\s\S]){{{MAX_STRING + 1}}}')


class NotFast(Exception):
    """The fast reader leaves this file to the careful one."""


def fast_parse(text: str) -> ParsedTree:
    """The entries of a well-formed file; raises :class:`NotFast` at anything else."""
    head = _PROLOGUE.match(text)
    if head is None or _has_long_string(text):
        raise NotFast
    title, player_block, _ = head.groups()
    players = _strings(player_block)
    entries = _Entries(_entry(len(players)).split(text[head.end():]), len(players), "\\" in text)
    return entries.parsed(_text(title), normalize_labels(list(players)))


@contextmanager
def paused_gc() -> Iterator[None]:
    """Python's cycle collector paused: reading a large tree makes millions of small tuples and no cycles,
    and the collector would walk them over and over."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _has_long_string(text: str) -> bool:
    """Whether a quoted string may be longer than ``MAX_STRING`` (the careful reader refuses it)."""
    if len(text) <= MAX_STRING:
        return False
    return (_LONG_ESCAPED if "\\" in text else _LONG_PLAIN).search(text) is not None


class _Entries:
    """The columns of the node entries (numpy arrays of their texts), as the regular expression found them."""

    def __init__(self, pieces: list[str | None], players: int, escaped: bool) -> None:
        """``pieces`` as :meth:`re.Pattern.split` gives them: what lies before each entry (nothing, in a
        well-formed file), the entry's fields (``None`` where it has none), ..., and what follows the last."""
        table = np.array(pieces, dtype=object)
        if len(table) == 1 or not re.fullmatch(r"\s*", table[-1], re.ASCII):
            raise NotFast
        table = table[:-1].reshape(-1, _GROUPS + 1)
        if table[:, 0].astype(bool).any():
            raise NotFast  # something between two entries
        self.personal, self.key, self.name, self.actions, self.outcome, self.label, self.block = table[:, 1:].T
        self.players = players
        self.escaped = escaped

    def parsed(self, title: str, players: list[str]) -> ParsedTree:
        leaf = self.outcome.astype(bool)
        personal = self.personal.astype(bool)
        kind = np.where(leaf, TERMINAL_CODE, np.where(personal, DECISION_CODE, CHANCE_CODE)).astype(np.int8)
        keys, is_set, key_of, names, blocks = self._keys(~leaf, personal)
        actions, probabilities = [], []
        for own, block in zip(is_set, blocks, strict=True):
            listed, chances = (_strings(block), ()) if own else _moves(block)
            actions.append(listed)
            probabilities.append(chances)
        rows, labels, payoffs = self._outcomes(leaf)
        return ParsedTree(title, players, kind, key_of, keys, self._texts(names), actions, probabilities,
                          payoffs[rows], labels[rows].tolist())

    def _texts(self, tokens: list[str]) -> list[str]:
        return [_text(s) for s in tokens] if self.escaped else [s[1:-1] for s in tokens]

    def _keys(self, inner: np.ndarray, personal: np.ndarray) -> tuple[list[Key], list[bool], np.ndarray, list, list]:
        """The information sets and chance events in order of first appearance (as keys, and whether a player's),
        each entry's position among them (``-1`` at leaves), and the name and action list each declares."""
        own = personal[inner]
        words = _counts(self.key[inner])  # "1 3" at a player's node (player 1, set 3), "2" at chance event 2
        width = own.astype(np.int64) + 1
        if len(words) != width.sum():
            raise NotFast
        start = np.cumsum(width) - width
        player = np.where(own, words[start], 0)
        if (player > self.players).any() or (own & (player == 0)).any():
            raise NotFast  # a player out of range or numbered 0
        number = words[start + width - 1]
        ids, first = _declared_once(_pair_codes(player, number), self.name[inner], self.actions[inner])
        key_of = np.full(len(inner), -1, dtype=np.int64)
        key_of[inner] = ids
        keys = list(zip(player[first].tolist(), number[first].tolist(), strict=True))
        return keys, own[first].tolist(), key_of, self.name[inner][first].tolist(), \
            self.actions[inner][first].tolist()

    def _outcomes(self, leaf: np.ndarray) -> tuple[np.ndarray, np.ndarray, Any]:
        """Each leaf's row in the outcome tables (0 the null outcome), the table of labels and of payoffs."""
        number, label, block = _counts(self.outcome[leaf]), self.label[leaf], self.block[leaf]
        null = number == 0
        if (null & label.astype(bool)).any():
            raise NotFast  # the null outcome given a name and payoffs
        named = ~null
        ids, first = _declared_once(number[named], label[named], block[named])
        rows = np.zeros(len(number), dtype=np.int64)
        rows[named] = ids + 1
        labels = np.array([None, *(x or None for x in self._texts(label[named][first].tolist()))], dtype=object)
        return rows, labels, _payoff_table(block[named][first].tolist(), self.players)


def _counts(tokens: np.ndarray) -> np.ndarray:
    """The whole numbers in ``tokens`` (texts of one or more numbers, checked by the pattern of an entry)."""
    if not len(tokens):
        raise NotFast  # no tree without leaves
    return np.fromstring(" ".join(tokens.tolist()), dtype=np.int64, sep=" ")


def _pair_codes(player: np.ndarray, number: np.ndarray) -> np.ndarray:
    """One number per ``(player, number)`` pair when they fit in ``int64``, else the pairs as rows."""
    span = int(number.max(initial=0)) + 1
    if span * (int(player.max(initial=0)) + 1) < 2**62:
        return player * span + number
    return np.stack([player, number], axis=1)


def _declared_once(keys: np.ndarray, names: np.ndarray, lists: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each entry's key numbered in order of first appearance, and the entry where each key first appears.

    ``keys`` has one number (or row) per entry; an entry declares ``(names[k], lists[k])`` about its key, or nothing
    when ``names[k]`` is empty.  The first appearance of a key must declare it, and every later
    declaration must repeat it exactly (else :class:`NotFast`)."""
    _, first, inverse = np.unique(keys, axis=0 if keys.ndim > 1 else None, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")
    renumber = np.empty_like(order)
    renumber[order] = np.arange(len(order))
    ids, first = renumber[inverse.reshape(-1)], first[order]
    declares = names.astype(bool)
    if not declares[first].all():
        raise NotFast  # used before it is declared
    again = np.flatnonzero(declares)
    same = first[ids[again]]
    if not ((names[again] == names[same]).all() and (lists[again] == lists[same]).all()):
        raise NotFast  # declared in two ways
    return ids, first


def _payoff_table(blocks: list[str], players: int) -> Any:
    """The payoffs of the outcomes (a row of zeros first, the null outcome), ``int64`` when all fit.

    Each block is ``{ x, y }`` with one number per player (checked by the pattern of an entry)."""
    flat = "".join(blocks).replace("{", " ").replace("}", " ").replace(",", " ")
    if _INTEGERS.fullmatch(flat):
        table = np.zeros((len(blocks) + 1, players), dtype=np.int64)
        if blocks:
            table[1:] = np.fromstring(flat, dtype=np.int64, sep=" ").reshape(-1, players)
        return table
    if not _NUMBERS.fullmatch(flat):
        raise NotFast
    table = np.zeros((len(blocks) + 1, players), dtype=object)
    table[1:] = np.array([_number(x) for x in flat.split()], dtype=object).reshape(-1, players)
    return table


def _text(token: str) -> str:
    inner = token[1:-1]
    return _ESCAPE.sub(r"\1", inner) if "\\" in inner else inner


_UNQUOTED: dict[str, tuple[str, ...]] = {}


def _strings(block: str) -> tuple[str, ...]:
    """The strings of a block ``{ "a" "b" }`` (remembered: most trees repeat a few lists); never empty."""
    out = _UNQUOTED.get(block)
    if out is None:
        out = tuple(_text(s) for s in _STRINGS.findall(block))
        if not out:
            raise NotFast
        if len(_UNQUOTED) < 4096:
            _UNQUOTED[block] = out
    return out


def _moves(block: str) -> tuple[tuple[str, ...], tuple[int | Fraction, ...]]:
    """The actions and probabilities of a chance event's block ``{ "a" 1/2 "b" 1/2 }``."""
    moves = _MOVE.findall(block, 1)
    if not moves:
        raise NotFast
    return tuple(_text(a) for a, _ in moves), tuple(_number(p) for _, p in moves)


def _number(token: str) -> int | Fraction:
    if not re.fullmatch(NUMBER_PATTERN, token, re.ASCII):
        raise NotFast
    try:
        x = read_number(token, "", None)
    except GameFileError:
        raise NotFast from None
    return int(x) if x.denominator == 1 else x
