r"""Subgame-perfect equilibria by backward induction on the compiled tree.

Working from the leaves up, each proper subgame is replaced by the payoffs of
an equilibrium of it.  At a decision node with perfect information the mover
picks an action of highest continuation payoff,

.. math:: a^*(v) \in \arg\max_{a} u_{i(v)}(\text{child}(v, a)),

and at a chance node payoffs are averaged.  Where a mover is indifferent
between several actions every choice gives a different subgame-perfect
equilibrium: all of them are returned and the tie is reported in
``Equilibria.knife_edge``.  A subgame with imperfect information (and no
proper subgame inside) is solved as its reduced normal form: all extreme Nash
equilibria for two players, pure equilibria for more.

The work is done on the tree in level order (:mod:`escalation.games.level_order`):
one numpy step per level for all nodes of the level (:mod:`.spe_pass`, in
floats with certified error bounds, or exactly in ``int64``), exact
arithmetic only where the float margins cannot decide, the tied part of the
tree enumerated exactly (:mod:`.spe_ties`).  Every equilibrium is verified
exactly before it is returned (:mod:`.verify_tree`).

>>> from escalation.games import ExtensiveFormGame, decision, outcome
>>> entry = ExtensiveFormGame(("Entrant", "Incumbent"), decision("Entrant", {
...     "Out": outcome("Monopoly", (0, 2)),
...     "In": decision("Incumbent", {
...         "Fight": outcome("Price war", (-1, -1)),
...         "Accommodate": outcome("Shared market", (1, 1)),
...     }),
... }))
>>> (spe,) = subgame_perfect(entry)
>>> dict(spe.outcomes)
{'Monopoly': 0, 'Price war': 0, 'Shared market': 1}
>>> dict(spe.strategies["Incumbent"]["root/In"])
{'Fight': 0, 'Accommodate': 1}
"""

from __future__ import annotations

import numpy as np

from ..errors import VerificationError
from ..games.level_order import LevelTree
from ..games.structure import DECISION_CODE
from ..games.tree import ExtensiveFormGame
from .layers import Layer, layers, truncated_game
from .normal_form_subgame import solve_layer
from .solution import Computation, Equilibria, Solution
from .spe_pass import BasePass, base_pass
from .spe_ties import Continuation, continuations, flatten
from .tree_numbers import tree_numbers
from .tree_profile import CompiledProfile
from .tree_views import BehaviourView, OutcomeView
from .verify_tree import subgame_perfect_violation

__all__ = ["subgame_perfect"]

METHOD = "backward induction"
REFINEMENT = "subgame perfect"
MIXTURES = "mixtures over tied actions are subgame perfect too; the pure ones are listed"


def subgame_perfect(game: ExtensiveFormGame, *, max_equilibria: int = 10_000) -> Equilibria:
    """Every pure subgame-perfect equilibrium of a numeric tree (extreme ones in mixed subgames).

    Parameters
    ----------
    game : ExtensiveFormGame
        A tree with numeric payoffs and chance probabilities (use ``game.subs``).
    max_equilibria : int
        Refuse (``SolverError``) rather than list more equilibria than this;
        ties multiply equilibria.

    Returns
    -------
    Equilibria
        One :class:`Solution` per equilibrium, with behaviour strategies,
        outcome distribution and expected payoffs, each verified exactly.
        ``knife_edge`` lists every tie; mixtures over tied actions are also
        subgame perfect and are not listed separately.
    """
    game.require_numeric()
    numbers = tree_numbers(game)
    solver = _LayerSolver(game, numbers.tree)
    state = base_pass(numbers, solver)
    found = continuations(state, solver, max_equilibria, game.players)
    ties, notes = _messages(state)
    method = METHOD + (" with subgames solved as normal forms" if state.used_normal_form else "")
    profiles = [_profile(state, game, c) for c in found]
    for profile in profiles:
        _verify(game, profile)
    computation = Computation(method=method, refinement=REFINEMENT, exact=True, verified=True, notes=notes)
    solutions = tuple(_solution(game, p, c, computation) for p, c in zip(profiles, found, strict=True))
    return Equilibria(solutions, method, REFINEMENT, degenerate=False, knife_edge=ties,
                      notes=notes + ((MIXTURES,) if ties else ()))


class _LayerSolver:
    """Solves a layer with its boundary valued: ``(behaviour, payoffs, notes, ties)`` per equilibrium."""

    def __init__(self, game: ExtensiveFormGame, tree: LevelTree) -> None:
        self.game, self.tree = game, tree

    def __call__(self, layer: Layer, values: dict[int, tuple]) -> list:
        return solve_layer(truncated_game(self.game, self.tree, layer, values))


def _messages(state: BasePass) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Ties and notes in the order a recursive solver meets them (children first, left to right)."""
    a = state.tree.arrays
    pre = state.tree.pre

    def rank(message) -> int:
        v = int(pre[message[0]])
        return int(v + a.subtree_size[v] - a.depth[v])

    ordered = sorted(state.messages, key=rank)
    ties = tuple(dict.fromkeys(text for _, text, kind in ordered if kind == "tie"))
    notes = tuple(dict.fromkeys(text for _, text, kind in ordered if kind == "note"))
    return ties, notes


def _profile(state: BasePass, game: ExtensiveFormGame, found: Continuation) -> CompiledProfile:
    """The whole equilibrium: the pass's choices, overridden where ties were resolved, plus the layers."""
    choices, layered = flatten(found)
    choice = state.choice.copy()
    if choices:
        choice[np.fromiter(choices, dtype=np.int64)] = np.fromiter(choices.values(), dtype=np.int64)
    behaviour: dict = {}
    for part in state.layer_behaviour.values():
        behaviour.update(part)
    behaviour.update(layered)
    weight: np.ndarray | None = None
    mixed: dict = {}
    if behaviour:
        weight, mixed = _layer_choices(state, behaviour, choice)
    return CompiledProfile(game, state.numbers, choice, weight, mixed)


def _layer_choices(state: BasePass, behaviour: dict, choice: np.ndarray) -> tuple[np.ndarray | None, dict]:
    """Write the layers' behaviour into ``choice`` (pure) or a weight array (mixed)."""
    tree = state.tree
    labels = tree.arrays.infoset_labels() if len(layers(tree)) else []
    weight = None
    mixed = {}
    for layer in layers(tree).values():
        for u in layer.inner:
            if tree.kind[u] != DECISION_CODE:
                continue
            label = labels[tree.infoset[u]]
            probs = list(behaviour[label].values())
            ones = [k for k, p in enumerate(probs) if p == 1]
            if ones:
                choice[u] = ones[0]
                continue
            mixed[label] = behaviour[label]
            if weight is None:
                weight = np.zeros(tree.size, dtype=object)
            first = int(tree.first_child[u])
            weight[first:first + len(probs)] = probs
    return weight, mixed


def _verify(game: ExtensiveFormGame, profile: CompiledProfile) -> None:
    found = subgame_perfect_violation(profile)
    if found is not None:
        v, player, gain = found
        raise VerificationError(f"not subgame perfect: in the subgame at node {game.arrays.path_of(v)}, "
                                f"{game.players[player]} gains {gain} by deviating")


def _solution(game: ExtensiveFormGame, profile: CompiledProfile, found: Continuation,
              computation: Computation) -> Solution:
    return Solution(
        players=game.players,
        strategies={p: BehaviourView(profile, i) for i, p in enumerate(game.players)},
        payoffs=dict(zip(game.players, found.values, strict=True)),
        outcomes=OutcomeView(profile),
        computation=computation,
    )
