r"""A game tree compiled once into flat numpy arrays for sweeps.

The node objects of :class:`~escalation.games.ExtensiveFormGame` are for
building and reading; a sweep evaluates the same tree at a million parameter
points, so it works on a compiled form: per node its kind, mover and
children (as index arrays), nodes grouped by depth for a bottom-up pass, and
the payoffs and chance probabilities as *one* numpy function of the
parameters (``sympy.lambdify``).  Evaluating that function on parameter
arrays gives every leaf's payoff at every grid point at once.

The possible *plays* -- the sets of outcome labels reached with positive
probability under some pure strategy profile -- are enumerated here too, so
that the categorical outcome of a sweep has a fixed list of labels whatever
the grid.  A play is written as a bit mask over the labels (bit :math:`k`
set when label :math:`k` is reached); :meth:`CompiledTree.play_of` turns masks
into indices of ``plays``.

Games are immutable, so :func:`compile_tree` keeps the last few compiled
trees: sweeping the same model again (a model builds an equal, new game on
every call) does not lambdify again.

>>> import sympy
>>> from escalation.games import ExtensiveFormGame, decision, outcome
>>> c = sympy.Symbol("c")
>>> game = ExtensiveFormGame(("Challenger", "Defender"), decision("Challenger", {
...     "Status quo": outcome("status quo", (0, 1)),
...     "Challenge": decision("Defender", {
...         "Resist": outcome("war", (-c, -c)),
...         "Concede": outcome("concession", (1, -1)),
...     }),
... }))
>>> tree = compile_tree(game)
>>> tree.parameters, tree.labels
(('c',), ('status quo', 'war', 'concession'))
>>> tree.play_names
('status quo', 'war', 'concession')
>>> shape, payoffs, _ = tree.evaluate({"c": np.array([0.5, 2.0])})
>>> shape, payoffs[3]   # the war leaf (node 3), both players
((2,), (array([-0.5, -2. ]), array([-0.5, -2. ])))
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import sympy

from ..errors import GameStructureError, ParameterError
from ..games.tree import CHANCE, DECISION, TERMINAL, ExtensiveFormGame

__all__ = ["CompiledTree", "compile_tree"]

MAX_PLAYS = 4096
MAX_LABELS = 62
MAX_TABLE_LABELS = 16  # up to 2**16 masks: play indices by table lookup, beyond that by binary search
CACHE_SIZE = 32


@dataclass(frozen=True, eq=False)
class CompiledTree:
    """A perfect-information tree as arrays; see the module docstring.

    Attributes
    ----------
    game : ExtensiveFormGame
        The (symbolic) tree it was compiled from.
    parameters : tuple of str
        Names of the free symbols, sorted.
    kind : tuple of str
        Per node: ``"decision"``, ``"chance"`` or ``"terminal"``.
    player : numpy.ndarray
        Per node the mover's index (-1 at chance and terminal nodes).
    children : tuple of numpy.ndarray
        Per node its children's indices.
    levels : tuple of numpy.ndarray
        Non-terminal nodes grouped by depth, deepest last.
    terminals : numpy.ndarray
        Indices of the leaves, in tree order.
    labels : tuple of str
        Distinct outcome labels (the leaf's path where it has none), in tree order.
    leaf_label : numpy.ndarray
        Per leaf (in ``terminals`` order) the index of its label.
    choices : tuple of (int, str, str)
        ``(node, information set, action)`` for every action of every decision node.
    plays : numpy.ndarray
        Sorted bit masks over ``labels``: every set of labels a pure profile can reach.
    play_names : tuple of str
        ``plays`` as text, labels joined by ``" + "``.
    movers_above : tuple of frozenset of int
        Per node, the players who move at one of its strict ancestors: the
        only players whose value there matters to the equilibrium path.
    below_chance : tuple of bool
        Per node, whether a chance node lies on the path from the root to it.
    mask_dtype : numpy.dtype
        The smallest unsigned integer type holding a bit mask over ``labels``.
    """

    game: ExtensiveFormGame
    parameters: tuple[str, ...]
    kind: tuple[str, ...]
    player: np.ndarray
    children: tuple[np.ndarray, ...]
    levels: tuple[np.ndarray, ...]
    terminals: np.ndarray
    labels: tuple[str, ...]
    leaf_label: np.ndarray
    choices: tuple[tuple[int, str, str], ...]
    plays: np.ndarray
    play_names: tuple[str, ...]
    movers_above: tuple[frozenset[int], ...]
    below_chance: tuple[bool, ...]
    mask_dtype: np.dtype
    _play_table: np.ndarray | None
    _payoff_fn: Callable[..., Any]
    _prob_fn: Callable[..., Any]
    _symbols: tuple[sympy.Symbol, ...]

    def _arguments(self, values: Mapping[str, npt.ArrayLike]) -> list[np.ndarray]:
        missing = [n for n in self.parameters if n not in values]
        if missing:
            raise ParameterError(", ".join(missing), "has no value in the sweep (give it in over= or fixed=)")
        return [np.asarray(values[n], dtype=float) for n in self.parameters]

    def _shape(self, args: list[np.ndarray]) -> tuple[int, ...]:
        return np.broadcast_shapes(*(a.shape for a in args)) if args else ()

    def evaluate(self, values: Mapping[str, npt.ArrayLike]):
        """Leaf payoffs and chance probabilities at the broadcast grid of ``values``.

        Returns ``(shape, payoffs, probabilities)``: the grid's shape; per leaf
        a tuple with one array per player; per chance node a list with one
        array per move.  The arrays are *broadcastable* to the grid, not
        expanded: a payoff that depends on one swept parameter only varies
        along that axis, a constant stays a scalar.
        """
        args = self._arguments(values)
        shape = np.broadcast_shapes(*(a.shape for a in args)) if args else ()
        players = len(self.game.players)
        rows = [np.asarray(x, dtype=float) for x in self._payoff_fn(*args)]
        payoffs = {int(t): tuple(rows[k * players:(k + 1) * players]) for k, t in enumerate(self.terminals)}
        flat = iter(np.asarray(x, dtype=float) for x in self._prob_fn(*args))
        probabilities = {v: [next(flat) for _ in self.children[v]] for v, kind in enumerate(self.kind)
                         if kind == CHANCE}
        return shape, payoffs, probabilities

    def play_of(self, mask: np.ndarray) -> np.ndarray:
        """Indices into ``plays`` (``int16``) of label bit masks, each of which must be a possible play.

        >>> from escalation.games import decision, outcome
        >>> tree = compile_tree(ExtensiveFormGame(("A",), decision("A", {"l": outcome("a", (1,)),
        ...                                                                   "r": outcome("b", (2,))})))
        >>> tree.play_names, tree.play_of(np.array([2, 1]))
        (('a', 'b'), array([1, 0], dtype=int16))
        """
        if self._play_table is not None:
            return np.asarray(self._play_table[mask])
        return np.asarray(np.searchsorted(self.plays, mask), dtype=np.int16)


def compile_tree(game: ExtensiveFormGame) -> CompiledTree:
    """Compile a perfect-information tree (payoffs and probabilities may be symbolic).

    Equal games (same title, players and nodes) share one compiled tree.

    >>> from escalation.games import decision, outcome
    >>> x = sympy.Symbol("x")
    >>> def build():
    ...     return ExtensiveFormGame(("A",), decision("A", {"l": outcome("a", (x,)), "r": outcome("b", (1,))}))
    >>> build() is build(), compile_tree(build()) is compile_tree(build())
    (False, True)
    """
    return _compile_cached(_GameKey(game))


class _GameKey:
    """A game as a dictionary key: hashed and compared by its title, players and flat node index."""

    def __init__(self, game: ExtensiveFormGame) -> None:
        self.game = game
        self.fingerprint = (game.title, game.players, game.nodes)
        self.hash = hash(self.fingerprint)

    def __hash__(self) -> int:
        return self.hash

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _GameKey) and self.fingerprint == other.fingerprint


@functools.lru_cache(maxsize=CACHE_SIZE)
def _compile_cached(key: _GameKey) -> CompiledTree:
    return _compile(key.game)


def _compile(game: ExtensiveFormGame) -> CompiledTree:
    if not game.is_perfect_information:
        raise GameStructureError("game", "the vectorised sweep needs perfect information; "
                                         "use the per-point solver for information sets")
    nodes = game.nodes
    symbols = tuple(sorted(game.free_symbols, key=lambda s: s.name))
    terminals = np.array([n.index for n in nodes if n.kind == TERMINAL], dtype=np.intp)
    labels = tuple(dict.fromkeys(_label(nodes[t]) for t in terminals))
    if len(labels) > MAX_LABELS:
        raise GameStructureError("game", f"more than {MAX_LABELS} distinct outcome labels; too many to sweep")
    leaf_label = np.array([labels.index(_label(nodes[t])) for t in terminals], dtype=np.intp)
    payoffs = [u for t in terminals for u in nodes[t].payoffs]
    probs = [p for n in nodes if n.kind == CHANCE for p in n.probabilities]
    plays = np.array(sorted(_plays(game, 0, labels)), dtype=np.int64)
    return CompiledTree(
        game=game, parameters=tuple(s.name for s in symbols), kind=tuple(n.kind for n in nodes),
        player=np.array([-1 if n.player is None else n.player for n in nodes], dtype=np.intp),
        children=tuple(np.array(n.children, dtype=np.intp) for n in nodes),
        levels=_levels(game), terminals=terminals, labels=labels, leaf_label=leaf_label,
        choices=tuple((n.index, n.infoset, a) for n in nodes if n.kind == DECISION and n.infoset is not None
                      for a in n.actions),
        plays=plays,
        play_names=tuple(" + ".join(lab for k, lab in enumerate(labels) if mask >> k & 1) for mask in plays),
        movers_above=_movers_above(game), below_chance=_below_chance(game),
        mask_dtype=np.dtype(next(t for t in (np.uint8, np.uint16, np.uint32, np.uint64)
                                 if np.iinfo(t).bits >= len(labels))),
        _play_table=_play_table(plays, len(labels)),
        _payoff_fn=sympy.lambdify(symbols, payoffs, "numpy"), _prob_fn=sympy.lambdify(symbols, probs, "numpy"),
        _symbols=symbols,
    )


def _movers_above(game: ExtensiveFormGame) -> tuple[frozenset[int], ...]:
    movers: list[frozenset[int]] = []
    for n in game.nodes:  # pre-order: parents come first
        if n.parent is None:
            movers.append(frozenset())
        else:
            parent = game.nodes[n.parent]
            mover = parent.player if parent.kind == DECISION else None
            movers.append(movers[n.parent] | (set() if mover is None else {mover}))
    return tuple(movers)


def _below_chance(game: ExtensiveFormGame) -> tuple[bool, ...]:
    below: list[bool] = []
    for n in game.nodes:
        below.append(n.parent is not None and (below[n.parent] or game.nodes[n.parent].kind == CHANCE))
    return tuple(below)


def _play_table(plays: np.ndarray, labels: int) -> np.ndarray | None:
    """``table[mask]`` is the index of ``mask`` in ``plays`` (for few labels; masks that are no play map to 0)."""
    if labels > MAX_TABLE_LABELS:
        return None
    table = np.zeros(1 << labels, dtype=np.int16)
    table[plays] = np.arange(len(plays), dtype=np.int16)
    return table


def _label(node) -> str:
    return node.outcome or node.path


def _levels(game: ExtensiveFormGame) -> tuple[np.ndarray, ...]:
    depth = [0] * len(game.nodes)
    for n in game.nodes:  # pre-order: parents come first
        if n.parent is not None:
            depth[n.index] = depth[n.parent] + 1
    inner = [n.index for n in game.nodes if n.kind != TERMINAL]
    top = max((depth[v] for v in inner), default=-1)
    return tuple(np.array([v for v in inner if depth[v] == d], dtype=np.intp) for d in range(top + 1))


def _plays(game: ExtensiveFormGame, v: int, labels: tuple[str, ...]) -> set[int]:
    """Bit masks of the label sets reachable from ``v`` by some pure profile (chance moves may have probability 0).

    Nodes are done from the last (in pre-order) to ``v``, children before parents, without recursion.
    """
    nodes = game.nodes
    end = v + int(game.arrays.subtree_size[v])
    done: dict[int, set[int]] = {}
    for u in range(end - 1, v - 1, -1):
        done[u] = _plays_at(nodes[u], [done.pop(c) for c in nodes[u].children], labels)
    return done[v]


def _plays_at(node, below: list[set[int]], labels: tuple[str, ...]) -> set[int]:
    if node.kind == TERMINAL:
        return {1 << labels.index(_label(node))}
    if node.kind == DECISION:
        return set().union(*below)
    found = set()
    for combo in itertools.product(*(b | {0} for b in below)):
        mask = 0
        for m in combo:
            mask |= m
        if mask:
            found.add(mask)
        if len(found) > MAX_PLAYS:
            raise GameStructureError(node.path, f"more than {MAX_PLAYS} possible plays; too many to label")
    return found
