r"""The lexical layer shared by Gambit's ``.efg`` and ``.nfg`` files.

Both formats are streams of whitespace-separated tokens: quoted strings
(``"Player 1"``), numbers (``3``, ``-1/3``, ``0.25``, ``1e-2``), braces,
commas and bare symbols (``EFG``, ``R``, ``p``).  Layout carries no meaning,
but every token remembers the line it starts on so that an error can name the
line at fault.

Inside a string ``\"`` stands for a quote and ``\\`` for a backslash (this is
how Gambit writes strings); any other backslash is kept as it is.  Only ASCII
whitespace separates tokens and only ASCII digits make numbers, as in Gambit:
``٣`` or ``５`` is not the number 3 or 5 but an unexpected symbol.

Files that would exhaust memory are refused before anything large is built:
a quoted string longer than ``MAX_STRING`` characters, a number longer
than ``MAX_NUMBER`` characters or with a decimal exponent beyond
``MAX_EXPONENT`` raise :class:`GameFileError` naming the line.  Gambit's
own reader (16.7) undoes only ``\"``, so a label with a backslash comes back
from Gambit with extra backslashes: keep backslashes out of labels meant for
Gambit.

>>> for token in tokenize('EFG 2 R "a \\"b\\""\n{ 1/3, }', "<doc>"):
...     print(token.line, token.kind, token.text)
1 symbol EFG
1 number 2
1 symbol R
1 text a "b"
2 { {
2 number 1/3
2 , ,
2 } }
>>> quote('say "no"')
'"say \\"no\\""'
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import sympy

from ..errors import GameFileError, PayoffError

__all__ = [
    "COMMA",
    "EOF",
    "LBRACE",
    "MAX_EXPONENT",
    "MAX_NUMBER",
    "MAX_STRING",
    "NUMBER",
    "RBRACE",
    "SYMBOL",
    "TEXT",
    "Token",
    "TokenStream",
    "format_number",
    "normalize_labels",
    "quote",
    "read_number",
    "read_text",
    "tokenize",
    "write_text",
]

NUMBER, TEXT, SYMBOL, LBRACE, RBRACE, COMMA, EOF = "number", "text", "symbol", "{", "}", ",", "end of file"

MAX_STRING = 1_000_000
MAX_NUMBER = 4_000  # characters; Python reads at most 4300 digits into an int
MAX_EXPONENT = 10_000

_LEXEME = re.compile(
    r"""\s*(?:
        (?P<brace>[{},])
      | (?P<string>"[^"\\]*(?:\\.[^"\\]*)*")
      | (?P<open>")
      | (?P<word>[^\s{},"]+)
      | \Z)""",
    re.VERBOSE | re.DOTALL | re.ASCII,
)
# One way to match each number (``[0-9]+\.?[0-9]*`` could split "12" as "1" "2", and a long run of digits
# followed by a letter then took quadratic time, many numbers checked at once exponential time).
NUMBER_PATTERN = r"[+-]?(?:[0-9]+/[0-9]+|(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)"
_NUMBER = re.compile(NUMBER_PATTERN)
_INTEGER = re.compile(r"[+-]?[0-9]+")
_EXPONENT = re.compile(r"[eE]([+-]?[0-9]+)$")
_ESCAPE = re.compile(r'\\(["\\])')


@dataclass(frozen=True)
class Token:
    """One token: its kind, its text (strings unquoted) and the line it starts on."""

    kind: str
    text: str
    line: int


def tokenize(text: str, source: str) -> list[Token]:
    """Split ``text`` into tokens; an unterminated string raises :class:`GameFileError`."""
    tokens: list[Token] = []
    line = 1
    for match in _LEXEME.finditer(text):
        kind = match.lastgroup
        if kind is None:  # trailing whitespace
            break
        line += text.count("\n", match.start(), match.start(kind))
        lexeme = match.group(kind)
        if kind == "brace":
            tokens.append(Token(lexeme, lexeme, line))
        elif kind == "string":
            if len(lexeme) > MAX_STRING + 2:
                raise GameFileError(source, f"a quoted string of more than {MAX_STRING:,} characters", line)
            tokens.append(Token(TEXT, _ESCAPE.sub(r"\1", lexeme[1:-1]), line))
        elif kind == "open":
            raise GameFileError(source, "unterminated string: a closing '\"' is missing", line)
        elif kind == "word":
            tokens.append(Token(NUMBER if _NUMBER.fullmatch(lexeme) else SYMBOL, lexeme, line))
        line += lexeme.count("\n")
    return tokens


class TokenStream:
    """A cursor over the tokens of one file, with helpers that raise on unexpected input."""

    def __init__(self, text: str, source: str) -> None:
        self.source = str(source)
        self._tokens = tokenize(text, self.source)
        self._pos = 0
        last = self._tokens[-1].line if self._tokens else 1
        self._eof = Token(EOF, "", last)

    def peek(self) -> Token:
        return self._tokens[self._pos] if self._pos < len(self._tokens) else self._eof

    def next(self) -> Token:
        token = self.peek()
        self._pos += token.kind != EOF
        return token

    def accept(self, kind: str) -> bool:
        """Consume the next token if it is of ``kind``."""
        if self.peek().kind == kind:
            self.next()
            return True
        return False

    def error(self, problem: str, line: int | None) -> GameFileError:
        return GameFileError(self.source, problem, line)

    def unexpected(self, token: Token, what: str) -> GameFileError:
        if token.kind == EOF:
            return self.error(f"the file ends where {what} was expected", token.line)
        shown = f'"{token.text}"' if token.kind == TEXT else repr(token.text)
        return self.error(f"expected {what}, found {shown}", token.line)

    def expect(self, kind: str, what: str) -> Token:
        token = self.next()
        if token.kind != kind:
            raise self.unexpected(token, what)
        return token

    def number(self, what: str) -> tuple[Fraction, Token]:
        """The next token as an exact number."""
        token = self.expect(NUMBER, what)
        return read_number(token.text, self.source, token.line), token

    def integer(self, what: str) -> tuple[int, Token]:
        """The next token as a whole number."""
        token = self.next()
        if token.kind != NUMBER or not _INTEGER.fullmatch(token.text):
            raise self.unexpected(token, what)
        if len(token.text) > MAX_NUMBER:
            raise self.error(f"a number of more than {MAX_NUMBER:,} characters", token.line)
        return int(token.text), token

    def keyword(self, expected: str, what: str) -> Token:
        """The next token, which must read ``expected`` (e.g. ``EFG`` or the version ``2``)."""
        token = self.next()
        if token.text != expected or token.kind == TEXT:
            raise self.unexpected(token, what)
        return token

    def strings(self, what: str) -> tuple[list[str], Token]:
        """A braced list of quoted strings such as ``{ "Player 1" "Player 2" }``, and its ``{``."""
        opening = self.expect(LBRACE, f"'{{' opening {what}")
        out = []
        while self.peek().kind == TEXT:
            out.append(self.next().text)
        self.expect(RBRACE, f"a label in quotes or the '}}' closing {what}")
        return out, opening


def read_number(text: str, source: str, line: int | None) -> Fraction:
    """An ASCII number token as an exact fraction; too long, too large an exponent or ``x/0`` raise."""
    if len(text) > MAX_NUMBER:
        raise GameFileError(source, f"a number of more than {MAX_NUMBER:,} characters", line)
    exponent = _EXPONENT.search(text)
    if exponent is not None and abs(int(exponent.group(1))) > MAX_EXPONENT:
        raise GameFileError(source, f"the number {text[:40]!r} has an exponent beyond {MAX_EXPONENT:,}", line)
    try:
        return Fraction(text)
    except ZeroDivisionError:
        raise GameFileError(source, f"the number {text!r} divides by zero", line) from None


def quote(text: str) -> str:
    """``text`` as a Gambit string literal, with quotes and backslashes escaped."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def format_number(value: Any, where: str) -> str:
    """An exact number as Gambit writes it: ``3``, ``-1/3``; floats as their shortest decimal.

    >>> format_number(sympy.Rational(-2, 6), "payoff"), format_number(sympy.Float(0.1), "payoff")
    ('-1/3', '0.1')
    """
    value = sympy.sympify(value)
    if value.is_Rational:
        return str(value)
    if value.is_Float:
        return repr(float(value))
    raise PayoffError(where, f"{value} is not a rational number; Gambit files hold rationals and decimals only")


def normalize_labels(labels: list[str]) -> list[str]:
    """Make labels unique and non-empty the way Gambit does on reading a file.

    A label that is empty or repeated becomes ``label_1``, ``label_2``, ...
    (skipping names already in use); unique non-empty labels stay as they are.

    >>> normalize_labels(["x", "x", "", "y"])
    ['x_1', 'x_2', '_1', 'y']
    """
    used = set(labels)
    if len(used) == len(labels) and all(labels):
        return list(labels)
    counts = Counter(labels)
    visited: Counter[str] = Counter()
    out = []
    for label in labels:
        if counts[label] == 1 and label:
            out.append(label)
            continue
        while True:
            visited[label] += 1
            candidate = f"{label}_{visited[label]}"
            if candidate not in used:
                break
        used.add(candidate)
        out.append(candidate)
    return out


def read_text(path: Any) -> str:
    """The text of a game file; a missing or unreadable file raises :class:`GameFileError`."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise GameFileError(str(path), "no such file") from None
    except IsADirectoryError:
        raise GameFileError(str(path), "is a directory, not a game file") from None
    except OSError as exc:
        raise GameFileError(str(path), f"cannot be read: {exc.strerror}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise GameFileError(str(path), f"is not UTF-8 text (byte {data[exc.start]:#04x})", line) from None
    return text


def write_text(path: Any, text: str) -> None:
    """Write ``text`` as UTF-8 with ``\\n`` line endings."""
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
