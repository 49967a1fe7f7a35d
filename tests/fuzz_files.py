"""Mutations of valid game files, for the fuzz tests of the Gambit readers (issue 15).

``mutant(rng, data)`` applies one to three mutations to the bytes of a valid
``.efg`` or ``.nfg`` file: a token deleted, duplicated or swapped with another;
a number replaced by ``nan``, ``inf``, ``1e400``, a huge integer, a string,
non-ASCII digits, ...; an unbalanced quote or brace; the file truncated; bytes
that are not UTF-8.  ``outcome(path)`` reads the mutant and classifies what
happened: ``"read"`` (a valid game: it is written and read back unchanged),
``"refused"`` (a :class:`GameFileError` naming the file and a line) or a
description of anything else -- which is a bug.
"""

from __future__ import annotations

import random
import re
import signal
from pathlib import Path

from escalation.errors import GameFileError
from escalation.games import ExtensiveFormGame
from escalation.io import efg_text, nfg_text, parse_efg, parse_nfg, read_game

DATA = Path(__file__).parent / "data" / "gambit"


def _catalogue() -> list[Path]:
    """The small files of pygambit's catalogue, where pygambit is installed."""
    try:
        import pygambit
    except ImportError:
        return []
    folder = Path(pygambit.__file__).parent / "catalog_data"
    return sorted(p for p in folder.rglob("*") if p.suffix in (".efg", ".nfg") and p.stat().st_size < 20_000)


SEEDS = sorted(p for p in DATA.iterdir() if p.suffix in (".efg", ".nfg")) + _catalogue()
HANG = 30  # seconds: a read that takes longer is a hang (like 1e999999999 was), not a slow machine

_PIECE = re.compile(rb'"(?:[^"\\]|\\.)*"|[^\s"]+|\s+')
_NUMBER = re.compile(rb"[+-]?[0-9./eE+-]+")
REPLACEMENTS = [b"nan", b"NaN", b"inf", b"-inf", b"1e400", b"-1e400", b"1e999999999", b"9" * 40, b"-" + b"7" * 400,
                b"1/0", b"0/0", b"0x10", b"1_0", b"--1", b"1e", b".", b"1/3/4", b'"x"', b'""', b"{", b"}",
                "\u0663".encode(), "\uff15".encode(), b"-0", b"00", b"4294967297", b"18446744073709551617"]


def mutant(rng: random.Random, data: bytes) -> bytes:
    for _ in range(rng.randint(1, 3)):
        data = rng.choice(_MUTATIONS)(rng, data)
    return data


def _pieces(data: bytes) -> list[bytes]:
    return _PIECE.findall(data) or [data]


def _tokens(pieces: list[bytes]) -> list[int]:
    return [k for k, p in enumerate(pieces) if not p.isspace()]


def _delete(rng: random.Random, data: bytes) -> bytes:
    pieces = _pieces(data)
    if tokens := _tokens(pieces):
        del pieces[rng.choice(tokens)]
    return b"".join(pieces)


def _duplicate(rng: random.Random, data: bytes) -> bytes:
    pieces = _pieces(data)
    if tokens := _tokens(pieces):
        k = rng.choice(tokens)
        pieces.insert(k, pieces[k] + b" ")
    return b"".join(pieces)


def _swap(rng: random.Random, data: bytes) -> bytes:
    pieces = _pieces(data)
    tokens = _tokens(pieces)
    if len(tokens) > 1:
        a, b = rng.sample(tokens, 2)
        pieces[a], pieces[b] = pieces[b], pieces[a]
    return b"".join(pieces)


def _replace_number(rng: random.Random, data: bytes) -> bytes:
    pieces = _pieces(data)
    numbers = [k for k, p in enumerate(pieces) if _NUMBER.fullmatch(p)]
    if numbers:
        pieces[rng.choice(numbers)] = rng.choice(REPLACEMENTS)
    return b"".join(pieces)


def _unbalance(rng: random.Random, data: bytes) -> bytes:
    k = rng.randrange(len(data) + 1)
    return data[:k] + rng.choice([b'"', b"{", b"}", b' "', b"{ ", b" }", b"\\"]) + data[k:]


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[:rng.randrange(len(data) + 1)]


def _not_utf8(rng: random.Random, data: bytes) -> bytes:
    k = rng.randrange(len(data) + 1)
    return data[:k] + rng.choice([b"\xff", b"\xc3\x28", b"\xe2\x82", b"\x80", b"\xed\xa0\x80"]) + data[k:]


_MUTATIONS = [_delete, _duplicate, _swap, _replace_number, _replace_number, _unbalance, _truncate, _not_utf8]


class _Hang(Exception):
    pass


def _alarm(signum, frame):
    raise _Hang


def outcome(path: Path) -> str:
    """``"read"``, ``"refused"``, or what else happened."""
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(HANG)
    try:
        game = read_game(path)
    except GameFileError as exc:
        if exc.path != str(path) or not isinstance(exc.line, int) or exc.line < 1:
            return f"GameFileError without file and line: {exc}"
        return "refused"
    except _Hang:
        return f"no answer within {HANG} s"
    except Exception as exc:  # anything else is the bug the fuzz test looks for
        return f"{type(exc).__name__}: {exc}"
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return "read" if _round_trips(game) else "read, but not written back as the same game"


def _round_trips(game) -> bool:
    if isinstance(game, ExtensiveFormGame):
        return parse_efg(efg_text(game)) == game
    return parse_nfg(nfg_text(game)) == game
