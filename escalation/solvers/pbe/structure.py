r"""The tree as the perfect Bayesian search sees it: flat arrays and a hierarchy of blocks.

A *block* is a set of roots (nodes forming an antichain) whose subtrees no
information set outside them joins.  Its *frontier* is what the roots reach
through chance moves alone: decision nodes, and subtrees without decisions
(whose expected payoffs are constants).  The *layer* of a block is the set of
information sets all of whose nodes lie on its frontier; the children of the
layer's nodes (and the frontier's other decision nodes) are grouped into child
blocks, two roots sharing a block exactly when some information set meets both
their subtrees.  The recursion

.. math:: \text{block} = \text{layer} \;+\; \text{independent child blocks}

is what makes the search scale: sequential rationality at a layer information
set depends on the beliefs there (fixed by the play above) and on the
continuation values (fixed by the child blocks), and child blocks that no
information set joins are solved independently.

A signalling game has two levels: the sender's types form the top layer, the
receiver's information sets after each message a child block.

>>> from escalation.games import ExtensiveFormGame, chance, decision, outcome
>>> def sender(u):
...     respond = decision("R", {"y": outcome(None, (2, 0)), "n": outcome(None, (u, 1))}, infoset="after m")
...     return decision("S", {"q": outcome(None, (0, 1)), "m": respond})
>>> game = ExtensiveFormGame(("S", "R"), chance({"t1": ("1/3", sender(-1)), "t2": ("2/3", sender(-2))}))
>>> s = Structure.of(game)
>>> [[s.labels[h] for h in b.layer] for b in s.blocks]
[['root/t1', 'root/t2'], ['after m']]
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, ClassVar

from ...errors import GameStructureError, SolverError
from ...games.tree import CHANCE, DECISION, TERMINAL, ExtensiveFormGame
from ...numbers import as_fraction

__all__ = ["Block", "Front", "Structure"]


@dataclass(frozen=True)
class Front:
    """A frontier element: ``node`` reached from root number ``root`` with chance probability ``factor``."""

    node: int
    root: int
    factor: Fraction


@dataclass(frozen=True)
class Block:
    """One block of the hierarchy (see the module docstring).

    Attributes
    ----------
    roots : tuple of int
        Node indices.
    frontier : tuple of Front
    layer : tuple of int
        Information-set ids whose nodes are all on the frontier.
    members : dict
        Layer information set -> positions of its nodes in ``frontier``.
    children : tuple of int
        Child block ids.
    feeds : tuple of tuple
        For each child, for each of its roots: ``(frontier position, action index)``,
        action index -1 for a frontier node passed down unchanged.
    """

    index: int
    roots: tuple[int, ...]
    frontier: tuple[Front, ...]
    layer: tuple[int, ...]
    members: dict[int, tuple[int, ...]]
    children: tuple[int, ...]
    feeds: tuple[tuple[tuple[int, int], ...], ...]


class Structure:
    """Flat arrays of a numeric tree with perfect recall, and its block hierarchy."""

    _cache: ClassVar[dict[int, tuple[weakref.ref, Structure]]] = {}

    def __init__(self, game: ExtensiveFormGame) -> None:
        game.require_numeric()
        if not game.has_perfect_recall:
            raise GameStructureError("game", "perfect Bayesian equilibrium needs perfect recall; a player "
                                     "forgets an earlier choice of its own")
        self.game = game
        self.players = game.players
        nodes = game.nodes
        self.kind = [n.kind for n in nodes]
        self.player = [n.player for n in nodes]
        self.children = [n.children for n in nodes]
        self.parent = [n.parent for n in nodes]
        self.chance = [tuple(as_fraction(p) for p in n.probabilities) for n in nodes]
        self.payoff = [tuple(as_fraction(u) for u in n.payoffs) for n in nodes]
        self.labels = list(game.infosets)
        ids = {label: k for k, label in enumerate(self.labels)}
        self.infoset = [ids[n.infoset] if n.kind == DECISION and n.infoset is not None else -1 for n in nodes]
        self.owner = [h.player for h in game.infosets.values()]
        self.actions = [h.actions for h in game.infosets.values()]
        self.nodes_of = [h.nodes for h in game.infosets.values()]
        self._static_values()
        self._bounds()
        self._dominated: dict[int, frozenset[int]] = {}
        self._below: dict[int, frozenset[str]] = {}
        self.searches: dict[tuple[str, int | None], Any] = {}
        """Searches of this tree kept by the verifier (:mod:`.audit`), one per (rule, bound on mixing)."""
        self.beliefs: dict[tuple, dict[str, Fraction]] = {}
        """Beliefs from known weights, ``(set, weights) -> {node path: probability}`` (:mod:`.assemble`)."""
        self.blocks: list[Block] = []
        self.block_of_infoset: dict[int, int] = {}
        self._decompose((0,))

    @classmethod
    def of(cls, game: ExtensiveFormGame) -> Structure:
        """The structure of ``game``, built once per game object."""
        entry = cls._cache.get(id(game))
        if entry is not None and entry[0]() is game:
            return entry[1]
        made = cls(game)
        key = id(game)
        cls._cache[key] = (weakref.ref(game, lambda _: cls._cache.pop(key, None)), made)
        return made

    # -- values without decisions, and bounds --------------------------------------------------
    def _static_values(self) -> None:
        """``static[v]``: expected payoffs of the subtree of ``v`` if it has no decision node, else None."""
        n = len(self.players)
        self.static: list[tuple[Fraction, ...] | None] = [None] * len(self.kind)
        for v in reversed(range(len(self.kind))):
            if self.kind[v] == TERMINAL:
                self.static[v] = self.payoff[v]
            elif self.kind[v] == CHANCE:
                below = [self.static[c] for c in self.children[v]]
                known = [u for u in below if u is not None]
                if len(known) == len(below):
                    self.static[v] = tuple(sum((p * u[i] for p, u in zip(self.chance[v], known, strict=True)),
                                               Fraction(0)) for i in range(n))

    def _bounds(self) -> None:
        """``low[v][i]``, ``high[v][i]``: bounds on player i's value below ``v`` under any play."""
        n = len(self.players)
        self.low: list[tuple[Fraction, ...]] = [()] * len(self.kind)
        self.high: list[tuple[Fraction, ...]] = [()] * len(self.kind)
        for v in reversed(range(len(self.kind))):
            kids = self.children[v]
            if self.kind[v] == TERMINAL:
                self.low[v] = self.high[v] = self.payoff[v]
            elif self.kind[v] == CHANCE:
                self.low[v] = tuple(sum((p * self.low[c][i] for p, c in zip(self.chance[v], kids, strict=True)),
                                        Fraction(0)) for i in range(n))
                self.high[v] = tuple(sum((p * self.high[c][i] for p, c in zip(self.chance[v], kids, strict=True)),
                                         Fraction(0)) for i in range(n))
            else:
                self.low[v] = tuple(min(self.low[c][i] for c in kids) for i in range(n))
                self.high[v] = tuple(max(self.high[c][i] for c in kids) for i in range(n))

    def labels_below(self, b: int) -> frozenset[str]:
        """The labels of the information sets in block ``b`` and every block below it (cached)."""
        if b not in self._below:
            block = self.blocks[b]
            own = frozenset(self.labels[h] for h in block.layer)
            self._below[b] = own.union(*(self.labels_below(c) for c in block.children))
        return self._below[b]

    def dominated(self, h: int) -> frozenset[int]:
        """Actions at information set ``h`` that another action beats at every node, whatever the play below."""
        if h in self._dominated:
            return self._dominated[h]
        self._dominated[h] = found = self._find_dominated(h)
        return found

    def _find_dominated(self, h: int) -> frozenset[int]:
        i = self.owner[h]
        out = set()
        for a in range(len(self.actions[h])):
            for b in range(len(self.actions[h])):
                if a != b and b not in out and all(
                        self.high[self.children[x][a]][i] < self.low[self.children[x][b]][i]
                        for x in self.nodes_of[h]):
                    out.add(a)
                    break
        return frozenset(out)

    # -- blocks --------------------------------------------------------------------------------
    def _frontier(self, roots: tuple[int, ...]) -> list[Front]:
        out: list[Front] = []
        for r, root in enumerate(roots):
            stack = [(root, Fraction(1))]
            while stack:
                v, w = stack.pop()
                if self.kind[v] == CHANCE and self.static[v] is None:
                    stack.extend(reversed([(c, w * p) for c, p in zip(self.children[v], self.chance[v], strict=True)]))
                else:
                    out.append(Front(v, r, w))
        return out

    def _decompose(self, roots: tuple[int, ...]) -> int:
        index = len(self.blocks)
        self.blocks.append(None)  # type: ignore[arg-type]  # placeholder: ids in creation order
        frontier = self._frontier(roots)
        position = {f.node: k for k, f in enumerate(frontier)}
        deciding = [k for k, f in enumerate(frontier) if self.kind[f.node] == DECISION]
        layer = list(dict.fromkeys(self.infoset[frontier[k].node] for k in deciding
                                   if all(x in position for x in self.nodes_of[self.infoset[frontier[k].node]])))
        if deciding and not layer:
            waiting = sorted({self.labels[self.infoset[frontier[k].node]] for k in deciding})
            raise SolverError("the perfect Bayesian search needs information sets that can be ordered from the "
                              f"root down; none of {waiting} has all its nodes at the same stage")
        members = {h: tuple(position[x] for x in self.nodes_of[h]) for h in layer}
        for h in layer:
            self.block_of_infoset[h] = index
        in_layer = set(layer)
        nxt: list[tuple[int, int, int]] = []  # (node, frontier position, action index or -1)
        for k in deciding:
            v = frontier[k].node
            if self.infoset[v] in in_layer:
                nxt.extend((c, k, a) for a, c in enumerate(self.children[v]) if self.static[c] is None)
            else:
                nxt.append((v, k, -1))
        groups = self._components([v for v, _, _ in nxt])
        children, feeds = [], []
        for group in groups:
            members_ = [nxt[j] for j in group]
            feeds.append(tuple((k, a) for _, k, a in members_))
            children.append(self._decompose(tuple(v for v, _, _ in members_)))
        self.blocks[index] = Block(index, roots, tuple(frontier), tuple(layer), members, tuple(children), tuple(feeds))
        return index

    def _components(self, roots: list[int]) -> list[list[int]]:
        """Group root positions whose subtrees share an information set (union-find)."""
        parent = list(range(len(roots)))

        def find(a: int) -> int:
            while parent[a] != a:
                parent[a] = parent[parent[a]]
                a = parent[a]
            return a

        seen: dict[int, int] = {}
        for j, root in enumerate(roots):
            stack = [root]
            while stack:
                v = stack.pop()
                h = self.infoset[v]
                if h >= 0:
                    if h in seen:
                        parent[find(j)] = find(seen[h])
                    else:
                        seen[h] = j
                stack.extend(self.children[v])
        groups: dict[int, list[int]] = {}
        for j in range(len(roots)):
            groups.setdefault(find(j), []).append(j)
        return list(groups.values())
