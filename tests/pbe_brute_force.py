"""An independent brute-force oracle for the pure perfect Bayesian equilibria of small games.

Written for the tests only, without the solver's code (nothing from
``escalation.solvers`` is imported): it reads the tree from
:class:`~escalation.games.ExtensiveFormGame`'s flat node index, enumerates
every pure behaviour profile and decides, exactly, whether some beliefs allowed
by an off-path rule support it.

Beliefs (the semantics of ``escalation.solvers.pbe``, re-implemented):

* player :math:`k`'s weight on a node :math:`x` of its information set is the
  product of chance's and the other players' move probabilities on the path to
  :math:`x` (its own moves left out); where some node has positive weight,
  Bayes' rule fixes the belief;
* where every node has weight zero, other players made moves of probability
  zero.  Each such move :math:`(h, a)` gets a weight :math:`\\kappa^k_{h,a}
  \\ge 0` in place of its zero probability, one weight per observer :math:`k` and
  move, shared by all of :math:`k`'s information sets after that move (the
  observer's belief over the deviator's *types* :math:`h` is chosen once per
  deviation).  ``"prior"`` sets every :math:`\\kappa = 1`; ``"free"`` lets them
  range over the simplex (one simplex per connected group of deviations).

The oracle handles games in which every path to an information set passes at
most one move of probability zero by another player (true of every game
:func:`strategies.signalling_games` draws) and refuses others; under
``"prior"`` it also handles several such moves on a path, in games where the
observer has no earlier move (:func:`strategies.two_message_games`): the belief
then weighs only the nodes that the fewest zero moves reach, each by its weight
with those moves counted as one.

Sequential rationality is checked against *every* pure continuation plan of the
mover (not one-shot deviations).  With the weights free, each condition is a
linear inequality in the :math:`\\kappa`; feasibility on the simplex is decided
by enumerating the vertices of the polytope (exact Gaussian elimination).

The intuitive criterion and D1 are implemented for sender--receiver games
whose off-path messages reach one or more Receiver decisions with terminal
replies (several Receivers on branches that chance picks after the message):
each Receiver's responses to a belief on a set of types are its mixed best
responses, a union of faces of the simplex of replies, and the responses to a
deviation are every combination of them.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from fractions import Fraction

from escalation.games import ExtensiveFormGame
from escalation.numbers import as_fraction

Profile = dict[str, str]  # information set -> the action chosen for sure
Row = tuple[list[Fraction], Fraction]  # coefficients c and constant d of c . z + d (>= 0 or = 0)

__all__ = ["pure_pbe", "pure_profiles", "supports_with_beliefs"]


# -- exact feasibility of small linear systems ------------------------------------------------------
def _solve(matrix: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction] | None:
    """The unique solution of a square system, or None if it is singular."""
    n = len(matrix)
    a = [[*row, b] for row, b in zip(matrix, rhs, strict=True)]
    for col in range(n):
        pivot = next((r for r in range(col, n) if a[r][col] != 0), None)
        if pivot is None:
            return None
        a[col], a[pivot] = a[pivot], a[col]
        for r in range(n):
            if r != col and a[r][col] != 0:
                f = a[r][col] / a[col][col]
                a[r] = [x - f * y for x, y in zip(a[r], a[col], strict=True)]
    return [a[r][n] / a[r][r] for r in range(n)]


def simplex_point(n: int, inequalities: Sequence[Row], equations: Sequence[Row] = ()) -> list[Fraction] | None:
    """A point ``z`` of the simplex (``z >= 0``, ``sum z = 1``) with ``c.z + d >= 0`` and ``= 0`` as given, or None.

    The feasible set is a polytope: when it is not empty it has a vertex, where
    ``n`` linearly independent constraints hold with equality.  Every choice of
    ``n`` constraints is tried.
    """
    unit = [Fraction(1)] * n
    rows: list[Row] = [(unit, Fraction(-1)), *equations]
    bounds: list[Row] = [([Fraction(int(i == j)) for j in range(n)], Fraction(0)) for i in range(n)]
    candidates = rows + bounds + list(inequalities)

    def ok(z: list[Fraction]) -> bool:
        def value(row: Row) -> Fraction:
            return sum((c * x for c, x in zip(row[0], z, strict=True)), Fraction(0)) + row[1]
        return (all(value(r) == 0 for r in rows)
                and all(value(r) >= 0 for r in bounds) and all(value(r) >= 0 for r in inequalities))

    for chosen in itertools.combinations(candidates, n):
        z = _solve([list(c) for c, _ in chosen], [-d for _, d in chosen])
        if z is not None and ok(z):
            return z
    return None


# -- the tree -------------------------------------------------------------------------------------
class Tree:
    """Exact numbers and paths of a numeric game, read from its flat node index."""

    def __init__(self, game: ExtensiveFormGame) -> None:
        self.game = game
        self.nodes = game.nodes
        self.n = len(game.players)
        self.payoff = {t.index: tuple(as_fraction(u) for u in t.payoffs) for t in game.terminals}
        self.chance = {v.index: tuple(as_fraction(p) for p in v.probabilities)
                       for v in self.nodes if v.kind == "chance"}
        self.infosets = dict(game.infosets)

    def owner(self, label: str) -> int:
        return self.infosets[label].player

    def value(self, v: int, profile: Mapping[str, str], player: int, plan: Mapping[str, str]) -> Fraction:
        """Player ``player``'s expected payoff below node ``v``: ``plan`` overrides ``profile`` at its sets."""
        node = self.nodes[v]
        if node.kind == "terminal":
            return self.payoff[v][player]
        if node.kind == "chance":
            return sum((p * self.value(c, profile, player, plan)
                        for p, c in zip(self.chance[v], node.children, strict=True)), Fraction(0))
        action = plan.get(node.infoset, profile[node.infoset])
        return self.value(node.children[node.actions.index(action)], profile, player, plan)

    def own_sets_below(self, label: str) -> list[str]:
        """The owner's information sets at or below the nodes of ``label`` (in tree order)."""
        i = self.owner(label)
        out: list[str] = []
        stack = list(self.infosets[label].nodes)
        while stack:
            v = stack.pop()
            node = self.nodes[v]
            if node.kind == "decision" and node.player == i and node.infoset not in out:
                out.append(node.infoset)
            stack.extend(node.children)
        return out

    def path_weight(self, x: int, profile: Mapping[str, str], observer: int):
        """Weight of node ``x`` for ``observer`` and the others' zero-probability moves on its path.

        Returns ``(weight, zero_moves)``: the product of chance probabilities (the
        observer's own moves and the zero moves left out) and the list of
        ``(information set, action)`` moves of probability zero by other players.
        """
        weight, zeros = Fraction(1), []
        node = self.nodes[x]
        while node.parent is not None:
            parent = self.nodes[node.parent]
            if parent.kind == "chance":
                weight *= self.chance[parent.index][parent.actions.index(node.action)]
            elif parent.player != observer and profile[parent.infoset] != node.action:
                zeros.append((parent.infoset, node.action))
            node = parent
        return weight, zeros


def pure_profiles(game: ExtensiveFormGame) -> Iterator[Profile]:
    """Every pure behaviour profile ``{information set: action}``."""
    labels = list(game.infosets)
    for choice in itertools.product(*(game.infosets[h].actions for h in labels)):
        yield dict(zip(labels, choice, strict=True))


# -- beliefs and sequential rationality -------------------------------------------------------------
def _plans(tree: Tree, label: str) -> Iterator[dict[str, str]]:
    sets = tree.own_sets_below(label)
    for choice in itertools.product(*(tree.infosets[h].actions for h in sets)):
        yield dict(zip(sets, choice, strict=True))


def _gains(tree: Tree, label: str, profile: Profile) -> list[dict[int, Fraction]]:
    """For each continuation plan of the owner: node -> (plan's payoff - profile's payoff) at that node."""
    i = tree.owner(label)
    nodes = tree.infosets[label].nodes
    base = {x: tree.value(x, profile, i, {}) for x in nodes}
    return [{x: tree.value(x, profile, i, plan) - base[x] for x in nodes} for plan in _plans(tree, label)]


def supports_with_beliefs(game: ExtensiveFormGame, profile: Profile, rule: str) -> bool:
    """Whether beliefs allowed by ``rule`` ("free" or "prior") make ``profile`` sequentially rational."""
    tree = Tree(game)
    # conditions with the weights free: observer -> list of rows over the observer's zero moves
    pending: dict[int, list[tuple[dict[tuple[str, str], Fraction]]]] = {}
    for label, h in tree.infosets.items():
        k = h.player
        weights = {x: tree.path_weight(x, profile, k) for x in h.nodes}
        if rule == "prior":
            weights = _fewest(weights)
        for _, zeros in weights.values():
            if len(zeros) > 1:
                raise NotImplementedError(f"{label}: a path with two moves of probability zero")
        gains = _gains(tree, label, profile)
        on_path = {x: w for x, (w, zeros) in weights.items() if not zeros and w > 0}
        if on_path or len(h.nodes) == 1:
            total = sum(on_path.values(), Fraction(0)) if on_path else Fraction(1)
            belief = {x: w / total for x, w in on_path.items()} if on_path else {h.nodes[0]: Fraction(1)}
            if any(sum((belief[x] * g[x] for x in belief), Fraction(0)) > 0 for g in gains):
                return False
            continue
        # off the path: the belief is proportional to kappa[move] * weight
        for g in gains:
            row: dict[tuple[str, str], Fraction] = {}
            for x, (w, zeros) in weights.items():
                row[zeros[0]] = row.get(zeros[0], Fraction(0)) - w * g[x]  # sum kappa * w * (-gain) >= 0
            pending.setdefault(k, []).append((row,))
        pending.setdefault(k, [])
        pending[k].append(({move: Fraction(0) for x, (w, zeros) in weights.items() for move in zeros},))
    return all(_feasible_weights([r for (r,) in rows], rule) for rows in pending.values())


def _fewest(weights: dict[int, tuple[Fraction, list]]) -> dict[int, tuple[Fraction, list]]:
    """Under "prior": only the nodes the fewest zero moves reach keep their weight; each then counts as reached
    through one pseudo-move (all with the same weight one), so the rows below treat them alike."""
    fewest = min(len(zeros) for _, zeros in weights.values())
    if fewest <= 1:
        return {x: (w if len(zeros) <= 1 else Fraction(0), zeros[:1]) for x, (w, zeros) in weights.items()}
    several = [("several", "moves")]
    return {x: (w if len(zeros) == fewest else Fraction(0), several) for x, (w, zeros) in weights.items()}


def _feasible_weights(rows: list[dict[tuple[str, str], Fraction]], rule: str) -> bool:
    """Whether weights kappa >= 0 (one simplex per connected group of moves; all 1 under "prior") satisfy rows >= 0."""
    groups = _connected([set(r) for r in rows])
    for group in groups:
        moves = sorted(group)
        mine = [r for r in rows if set(r) & group]
        if rule == "prior":
            if any(sum(r.values(), Fraction(0)) < 0 for r in mine):
                return False
            continue
        ineqs = [([r.get(m, Fraction(0)) for m in moves], Fraction(0)) for r in mine]
        if simplex_point(len(moves), ineqs) is None:
            return False
    return True


def _connected(sets: list[set]) -> list[set]:
    groups: list[set] = []
    for s in sets:
        if not s:
            continue
        joined = [g for g in groups if g & s]
        merged = set(s).union(*joined)
        groups = [g for g in groups if not g & s] + [merged]
    return groups


# -- the intuitive criterion and D1 in sender-receiver games ----------------------------------------
class Deviation:
    """An off-path message answered by one or more Receivers, each at one information set with terminal replies.

    A Receiver's node follows the Sender's message directly, or through one chance move that picks who answers
    (:func:`strategies.broadcast_games`); the Sender's payoff is then a sum over the Receivers, linear in each
    one's mixed reply, so the payoffs of the mixed responses are the convex hull of those of the pure ones.
    """

    def __init__(self, tree: Tree, profile: Profile, labels: Sequence[str]) -> None:
        self.labels = list(labels)
        self.replies = [tree.infosets[label].actions for label in labels]
        self.types: list[str] = []
        self.receiver: list[dict[str, list[Fraction]]] = []  # per Receiver: type -> its payoff per reply (weighted)
        self.sender: list[dict[str, list[Fraction]]] = []  # per Receiver: type -> Sender's payoff per reply (weighted)
        self.star: dict[str, Fraction] = {}  # type -> Sender's equilibrium payoff at that type
        for label in labels:
            h = tree.infosets[label]
            receiver, mine, theirs = h.player, {}, {}
            for x in h.nodes:
                node = tree.nodes[x]
                if any(tree.nodes[c].kind != "terminal" for c in node.children):
                    raise NotImplementedError(f"{label} is not a Receiver reply to a message")
                above, share = tree.nodes[node.parent], Fraction(1)
                if above.kind == "chance":
                    share = tree.chance[above.index][above.actions.index(node.action)]
                    above = tree.nodes[above.parent]
                if above.kind != "decision":
                    raise NotImplementedError(f"{label} does not follow a message")
                t, sender = above.infoset, above.player
                weight, _ = tree.path_weight(above.index, profile, receiver)
                if t not in self.types:
                    self.types.append(t)
                mine[t] = [weight * share * tree.payoff[c][receiver] for c in node.children]
                theirs[t] = [share * tree.payoff[c][sender] for c in node.children]
                self.star[t] = tree.value(above.index, profile, sender, {})
            self.receiver.append(mine)
            self.sender.append(theirs)

    def best_reply_sets(self, k: int, types: Sequence[str]) -> list[tuple[int, ...]]:
        """Sets of Receiver ``k``'s replies that are all best replies to some belief on ``types``."""
        n = len(self.replies[k])
        out = []
        for size in range(1, n + 1):
            for support in itertools.combinations(range(n), size):
                eqs, ineqs = [], []
                a0 = support[0]
                for a in range(n):
                    row = [self.receiver[k][t][a0] - self.receiver[k][t][a] for t in types]
                    (eqs if a in support else ineqs).append((row, Fraction(0)))
                if simplex_point(len(types), ineqs, eqs) is not None:
                    out.append(support)
        return out

    def responses(self, types: Sequence[str]) -> list[tuple[tuple[int, ...], ...]]:
        """Supports of the Receivers' replies, each a best reply set to some belief on ``types``."""
        return list(itertools.product(*(self.best_reply_sets(k, types) for k in range(len(self.labels)))))

    def payoff(self, t: str, replies: Sequence[int]) -> Fraction:
        return sum((self.sender[k][t][a] for k, a in enumerate(replies)), Fraction(0))

    def gains_somewhere(self, supports, weak: str, strict_fails: str | None) -> bool:
        """Whether some mix of ``supports`` gives type ``weak`` at least its equilibrium payoff
        and (if given) type ``strict_fails`` at most its own."""
        pure = list(itertools.product(*supports))
        ineqs = [([self.payoff(weak, r) for r in pure], -self.star[weak])]
        if strict_fails is not None:
            ineqs.append(([-self.payoff(strict_fails, r) for r in pure], self.star[strict_fails]))
        return simplex_point(len(pure), ineqs) is not None

    def d1_survivors(self) -> list[str]:
        found = self.responses(self.types)
        out = []
        for t in self.types:
            ruled_out = any(other != t and not any(self.gains_somewhere(s, t, other) for s in found)
                            for other in self.types)
            if not ruled_out:
                out.append(t)
        return out or list(self.types)

    def supported_on(self, types: Sequence[str], profile: Profile) -> bool:
        """Whether every Receiver's reply in ``profile`` is a best reply to some belief on ``types``."""
        return all(any(self.replies[k].index(profile[label]) in s for s in self.best_reply_sets(k, types))
                   for k, label in enumerate(self.labels))

    def _pure(self, types: Sequence[str]) -> list[tuple[int, ...]]:
        every = [sorted({a for s in self.best_reply_sets(k, types) for a in s}) for k in range(len(self.labels))]
        return list(itertools.product(*every))

    def passes_intuitive(self) -> bool:
        every = self._pure(self.types)
        dominated = {t for t in self.types if all(self.payoff(t, r) < self.star[t] for r in every)}
        rest = [t for t in self.types if t not in dominated]
        if not rest:
            return True
        on_rest = self._pure(rest)
        return not any(all(self.payoff(t, r) > self.star[t] for r in on_rest) for t in rest)


def _off_path_messages(tree: Tree, profile: Profile) -> list[list[str]]:
    """The Receivers' information sets reached only off the path, grouped by the message that reaches them."""
    groups: dict[str, list[str]] = {}
    for label, h in tree.infosets.items():
        k = h.player
        if all(tree.path_weight(x, profile, k)[1] for x in h.nodes) and len(h.nodes) > 1:
            node = tree.nodes[h.nodes[0]]
            if tree.nodes[node.parent].kind == "chance":
                node = tree.nodes[node.parent]
            groups.setdefault(node.action, []).append(label)
    return list(groups.values())


def passes_refinement(game: ExtensiveFormGame, profile: Profile, rule: str) -> bool:
    """Whether a pure profile that free beliefs support passes ``rule`` ("D1" or "intuitive")."""
    tree = Tree(game)
    for labels in _off_path_messages(tree, profile):
        message = Deviation(tree, profile, labels)
        if rule == "intuitive":
            if not message.passes_intuitive():
                return False
        elif not message.supported_on(message.d1_survivors(), profile):
            return False
    return True


def pure_pbe(game: ExtensiveFormGame, rule: str) -> list[Profile]:
    """Every pure profile that is a perfect Bayesian equilibrium under ``rule``."""
    base = "prior" if rule == "prior" else "free"
    found = [p for p in pure_profiles(game) if supports_with_beliefs(game, p, base)]
    if rule in ("D1", "intuitive"):
        found = [p for p in found if passes_refinement(game, p, rule)]
    return found
