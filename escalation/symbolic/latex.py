r"""LaTeX for region partitions: one ``cases`` row per region.

Each row shows the outcome (or the outcome distribution when chance moves on
the path), the path of play, the choices off the path (the threats that
support it), and the condition:

.. code-block:: latex

    \begin{cases}
    \text{Monopoly} \quad (\text{Entrant: Out; off the path: Incumbent at In: Fight})
        & \text{if } c < 1 \\
    \end{cases}

>>> text("Price war & co_1")
'\\text{Price war \\& co\\_1}'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import sympy

from ..games.tree import CHANCE, DECISION, ExtensiveFormGame

__all__ = ["cases", "off_path", "outcome_cases", "path_of_play", "text"]

_ESCAPES = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
            "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def text(label: str) -> str:
    """``label`` as LaTeX text, special characters escaped."""
    return r"\text{" + "".join(_ESCAPES.get(ch, ch) for ch in label) + "}"


def path_of_play(game: ExtensiveFormGame, strategies: Mapping[str, Mapping[str, str]]) -> list[str]:
    """The moves reached with positive probability, in tree order ("A: D"; "if Hard, B: D" after chance)."""
    choice = {h: a for per_player in strategies.values() for h, a in per_player.items()}
    moves: list[str] = []

    def walk(v: int, prefix: str) -> None:
        node = game.nodes[v]
        if node.kind == DECISION:
            assert node.player is not None
            assert node.infoset is not None
            action = choice[node.infoset]
            moves.append(f"{prefix}{game.players[node.player]}: {action}")
            walk(node.children[node.actions.index(action)], prefix)
        elif node.kind == CHANCE:
            for child, action, p in zip(node.children, node.actions, node.probabilities, strict=True):
                if p != 0:
                    walk(child, f"{prefix}if {action}, ")

    walk(0, "")
    return moves


def off_path(game: ExtensiveFormGame, strategies: Mapping[str, Mapping[str, str]]) -> list[str]:
    """The choices at decision nodes the path of play does not reach ("Incumbent at In: Fight")."""
    choice = {h: a for per_player in strategies.values() for h, a in per_player.items()}
    reached, stack = set(), [0]
    while stack:
        node = game.nodes[stack.pop()]
        reached.add(node.index)
        if node.kind == DECISION:
            assert node.infoset is not None
            stack.append(node.children[node.actions.index(choice[node.infoset])])
        elif node.kind == CHANCE:
            stack.extend(c for c, p in zip(node.children, node.probabilities, strict=True) if p != 0)
    choices: list[str] = []
    for n in game.nodes:
        if n.kind == DECISION and n.index not in reached:
            assert n.player is not None
            assert n.infoset is not None
            choices.append(f"{game.players[n.player]} at {n.path.removeprefix('root/')}: {choice[n.infoset]}")
    return choices


def _outcome(outcome) -> str:
    if isinstance(outcome, str):
        return text(outcome)
    terms = []
    for label, probability in dict(outcome).items():
        p = sympy.latex(probability)
        if isinstance(probability, sympy.Add):
            p = rf"\left({p}\right)"
        terms.append(rf"{p}\,{text(label)}")
    return " + ".join(terms)


def _condition(condition: sympy.Basic) -> str:
    return r"\text{always}" if condition is sympy.true else sympy.latex(condition)


def cases(game: ExtensiveFormGame, regions: Iterable) -> str:
    """The regions as a LaTeX ``cases`` environment (regions need ``condition``, ``outcome``, ``strategies``)."""
    rows = []
    for region in regions:
        path = "; ".join(path_of_play(game, region.strategies))
        threats = "; ".join(off_path(game, region.strategies))
        if threats:
            path += f"; off the path: {threats}"
        name = f"{text(region.name)}\\colon " if getattr(region, "name", None) else ""
        condition = _condition(region.condition)
        rows.append(rf"{name}{_outcome(region.outcome)} \quad ({text(path)}) & \text{{if }} {condition} \\")
    return "\n".join([r"\begin{cases}", *rows, r"\end{cases}"])


def outcome_cases(conditions: Mapping) -> str:
    """``{outcome: condition}`` as a LaTeX ``cases`` environment, one row per outcome."""
    rows = [rf"{_outcome(outcome)} & \text{{if }} {_condition(condition)} \\"
            for outcome, condition in conditions.items()]
    return "\n".join([r"\begin{cases}", *rows, r"\end{cases}"])
