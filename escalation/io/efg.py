r"""Gambit extensive-form files (``.efg``): read and write game trees.

An ``.efg`` file lists the nodes of a tree in pre-order (each node, then the
subtrees of its actions from first to last) after a one-line prologue::

    EFG 2 R "title" { "Player 1" "Player 2" } "optional comment"
    p "node" player infoset "infoset name" { "action" ... } outcome "outcome name" { payoff ... }
    c "node" event "event name" { "action" probability ... } outcome
    t "node" outcome "outcome name" { payoff ... }

Information sets are numbered per player, chance events among themselves, and
outcomes across the game; outcome ``0`` is the null outcome that pays nothing.
After its first appearance an information set, event or outcome may be named
by its number alone.  Payoffs may be separated by commas; probabilities and
payoffs are integers, decimals (``0.25``, ``1e-2``) or fractions (``1/3``).
An outcome at a decision or chance node pays on every path through it, in
addition to the outcome at the end of the path.

How a file becomes an :class:`~escalation.games.ExtensiveFormGame`:

- an information set keeps its name as its label when the name is non-empty
  and unique in the file, and is otherwise labelled ``"player:number"``
  (``"2:1"``);
- a leaf's outcome label is the name of its terminal node's outcome (``None``
  when empty or null); the payoffs of outcomes at interior nodes are added to
  every leaf below them, and their names are dropped;
- node names, chance event names and the comment are not kept;
- empty or repeated player and action labels are made unique as Gambit does
  (``x_1``, ``x_2``, ``_1``).

Writing numbers information sets per player in order of first appearance,
writes every payoff at a leaf (one outcome per distinct label and payoff
vector) and writes numbers exactly (``1/3``).  Labels are written as they
are; note that Gambit 16.7 refuses a file whose player, action, information
set or outcome labels are not printable ASCII, begin or end with a space, or
contain two spaces in a row, and renames empty or repeated outcome labels
(``war_1``, ``war_2``) when it reads them.

>>> game = parse_efg('''EFG 2 R "Entry" { "Entrant" "Incumbent" }
... p "" 1 1 "" { "Out" "In" } 0
... t "" 1 "Monopoly" { 0, 2 }
... p "" 2 1 "Respond" { "Fight" "Accommodate" } 0
... t "" 2 "Price war" { -1, -1 }
... t "" 3 "Shared market" { 1, 1 }
... ''')
>>> list(game.infosets)
['1:1', 'Respond']
>>> game.node("root/In/Fight").payoffs
(-1, -1)
>>> print(efg_text(game), end="")
EFG 2 R "Entry" { "Entrant" "Incumbent" }
<BLANKLINE>
p "" 1 1 "1:1" { "Out" "In" } 0
t "" 1 "Monopoly" { 0, 2 }
p "" 2 1 "Respond" { "Fight" "Accommodate" } 0
t "" 2 "Price war" { -1, -1 }
t "" 3 "Shared market" { 1, 1 }
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import GameFileError
from ..games.tree import ExtensiveFormGame
from ._tokens import (
    COMMA,
    EOF,
    LBRACE,
    RBRACE,
    SYMBOL,
    TEXT,
    TokenStream,
    normalize_labels,
    quote,
    read_text,
    write_text,
)
from .efg_fast import NotFast, fast_parse, paused_gc
from .efg_tree import KIND_CODES, Declaration, Key, ParsedTree, ProbabilityProblem, TreeShapeProblem, build_game
from .efg_write import efg_text

__all__ = ["efg_text", "parse_efg", "read_efg", "write_efg"]


def read_efg(path: Any) -> ExtensiveFormGame:
    """Read the ``.efg`` file at ``path``; a malformed file raises :class:`GameFileError`."""
    return parse_efg(read_text(path), source=str(path))


def parse_efg(text: str, source: str = "<string>") -> ExtensiveFormGame:
    """The game in ``text``, the contents of an ``.efg`` file; ``source`` names it in errors.

    A fast reader (:mod:`escalation.io.efg_fast`) takes well-formed files; anything it does
    not accept as it stands is read again by the careful reader here, which
    names the line of the first problem.
    """
    with paused_gc():
        try:
            return build_game(fast_parse(text))
        except (NotFast, ProbabilityProblem, TreeShapeProblem):
            pass
        parsed = _EfgReader(text, source).read()
        try:
            return build_game(parsed)
        except ProbabilityProblem as exc:
            line = parsed.lines[exc.node] if parsed.lines is not None else None
            raise GameFileError(source, f"chance node: {exc.problem}", line) from None


def write_efg(game: ExtensiveFormGame, path: Any) -> None:
    """Write ``game`` to ``path`` as an ``.efg`` file (see :func:`efg_text`)."""
    if not isinstance(game, ExtensiveFormGame):
        raise GameFileError(str(path), f"only a game tree can be written as .efg, not a {type(game).__name__}")
    write_text(path, efg_text(game))


# -- reading, carefully ----------------------------------------------------------------------------
class _EfgReader:
    """Reads token by token, naming the line of any problem: prologue, then one node entry after another."""

    def __init__(self, text: str, source: str) -> None:
        self.stream = TokenStream(text, source)
        self.declarations: dict[Key, Declaration] = {}
        self.outcomes: dict[int, tuple[str, tuple[Fraction, ...], int]] = {}
        self.players: list[str] = []
        self.kinds: list[str] = []
        self.key_of: list[int] = []
        self.key_index: dict[Key, int] = {}
        self.lines: list[int] = []
        self.payoffs: list[tuple] = []
        self.labels: list[str | None] = []

    def read(self) -> ParsedTree:
        title = self._prologue()
        self._tree()
        token = self.stream.peek()
        if token.kind != EOF:
            raise self.stream.error(f"unexpected {token.text!r} after the last node of the tree", token.line)
        payoffs = [tuple(int(x) if x.denominator == 1 else x for x in row) for row in self.payoffs]
        keys = list(self.key_index)
        decl = [self.declarations[k] for k in keys]
        kinds = np.array([KIND_CODES[k] for k in self.kinds], dtype=np.int8)
        return ParsedTree(title, self.players, kinds, self.key_of, keys, [d.name for d in decl],
                          [d.actions for d in decl], [d.probabilities for d in decl], payoffs, self.labels,
                          self.lines)

    def _prologue(self) -> str:
        s = self.stream
        s.keyword("EFG", "'EFG' (an extensive-form game file begins 'EFG 2 R')")
        s.keyword("2", "the version number 2 after 'EFG'")
        token = s.next()
        if token.kind != SYMBOL or token.text not in ("R", "D"):
            raise s.unexpected(token, "'R' after 'EFG 2'")
        title = s.expect(TEXT, "the game's title in quotes").text
        players, opening = s.strings("the list of players")
        if not players:
            raise s.error("the game has no players", opening.line)
        self.players = normalize_labels(players)
        s.accept(TEXT)  # the optional comment
        return title

    def _tree(self) -> None:
        """The node entries in pre-order; two stacks (payoffs above, children still to read) replace recursion."""
        above: list[tuple[Fraction, ...]] = [tuple(Fraction(0) for _ in self.players)]
        left = [1]  # per level of the stack, children still to read
        while left:
            if left[-1] == 0:
                above.pop()
                left.pop()
                continue
            left[-1] -= 1
            children = self._node(above[-1])
            if children is not None:
                above.append(children[0])
                left.append(children[1])

    def _node(self, above: tuple[Fraction, ...]) -> tuple[tuple[Fraction, ...], int] | None:
        """Read one entry; for a decision or chance node, its payoffs so far and number of children."""
        token = self.stream.next()
        if token.kind == EOF:
            raise self.stream.error("the file ends before the tree is complete: a node is missing", token.line)
        if token.kind != SYMBOL or token.text not in ("p", "c", "t"):
            raise self.stream.error(f"unknown node type {token.text!r}: a node begins with 'p', 'c' or 't'",
                                    token.line)
        self.stream.expect(TEXT, "the node's name in quotes")
        self.kinds.append(token.text)
        self.lines.append(token.line)
        if token.text == "t":
            payoffs, label = self._outcome(above)
            self.key_of.append(-1)
            self.payoffs.append(payoffs)
            self.labels.append(label)
            return None
        key = self._personal_key() if token.text == "p" else (0, self.stream.integer("a chance event number")[0])
        self.key_of.append(self.key_index.setdefault(key, len(self.key_index)))
        declaration = self._declaration(key, token.line)
        payoffs, _ = self._outcome(above)
        return payoffs, len(declaration.actions)

    def _personal_key(self) -> Key:
        s = self.stream
        player, token = s.integer("a player number")
        if not 1 <= player <= len(self.players):
            raise s.error(f"player number {player} is out of range: the game has {len(self.players)} players",
                          token.line)
        return player, s.integer("an information set number")[0]

    def _declaration(self, key: Key, line: int) -> Declaration:
        """The actions (and chance probabilities) at ``key``, declared here or earlier."""
        s = self.stream
        what = f"chance event {key[1]}" if key[0] == 0 else f"information set {key[1]} of player {key[0]}"
        if s.peek().kind != TEXT:
            if key not in self.declarations:
                raise s.error(f"{what} is used before its actions are given", line)
            return self.declarations[key]
        name = s.next()
        actions, probabilities = self._moves(key[0] == 0, what)
        new = Declaration(name.text, tuple(actions), tuple(probabilities), name.line)
        old = self.declarations.setdefault(key, new)
        for part, old_value, new_value in (("name", old.name, new.name), ("actions", old.actions, new.actions),
                                           ("probabilities", old.probabilities, new.probabilities)):
            if old_value != new_value:
                raise s.error(f"{what} has {part} {_show(new_value)} here but {_show(old_value)} on line {old.line}",
                              name.line)
        return old

    def _moves(self, chance: bool, what: str) -> tuple[list[str], list[Fraction]]:
        s = self.stream
        s.expect(LBRACE, f"'{{' opening the actions of {what}")
        actions: list[str] = []
        probabilities: list[Fraction] = []
        while not (actions and s.accept(RBRACE)):
            label = s.expect(TEXT, "an action label in quotes" + (" or '}'" if actions else ""))
            actions.append(label.text)
            if chance:
                probabilities.append(s.number(f"the probability of action {_show(label.text)}")[0])
        return actions, probabilities

    def _outcome(self, above: tuple[Fraction, ...]) -> tuple[tuple[Fraction, ...], str | None]:
        """Payoffs on the path so far plus this node's outcome, and the outcome's name."""
        s = self.stream
        number, token = s.integer("an outcome number")
        if number < 0:
            raise s.error(f"outcome numbers are 0 or positive, not {number}", token.line)
        if s.peek().kind == TEXT:
            name = s.next()
            if number == 0:
                raise s.error("outcome 0 is the null outcome and cannot have a name or payoffs", name.line)
            payoffs = self._payoffs(number, name.line)
            old_name, old_payoffs, old_line = self.outcomes.setdefault(number, (name.text, payoffs, name.line))
            if (old_name, old_payoffs) != (name.text, payoffs):
                raise s.error(f"outcome {number} is given here as {_show(name.text)} {_show(payoffs)} "
                              f"but as {_show(old_name)} {_show(old_payoffs)} on line {old_line}", name.line)
        elif number == 0:
            return above, None
        elif number not in self.outcomes:
            raise s.error(f"outcome {number} is used before its payoffs are given", token.line)
        label, payoffs, _ = self.outcomes[number]
        return tuple(a + b for a, b in zip(above, payoffs, strict=True)), label or None

    def _payoffs(self, number: int, line: int) -> tuple[Fraction, ...]:
        s = self.stream
        s.expect(LBRACE, f"'{{' opening the payoffs of outcome {number}")
        values = []
        while not s.accept(RBRACE):
            values.append(s.number(f"a payoff of outcome {number} or '}}'")[0])
            s.accept(COMMA)
        if len(values) != len(self.players):
            raise s.error(f"outcome {number} lists {len(values)} payoffs but the game has {len(self.players)} players",
                          line)
        return tuple(values)


def _show(value: Any) -> str:
    """A value from the file as it would be written there."""
    if isinstance(value, str):
        return quote(value)
    return "{ " + " ".join(_show(v) if isinstance(v, str) else str(v) for v in value) + " }"
