"""Games as JSON: a flat, exact description that any language can read back.

``game_to_json(game)`` gives a dict (``json.dumps`` writes it) and
``game_from_json(data)`` rebuilds the same game.  Numbers are exact strings
(``"1/3"``; see :mod:`escalation.numbers`).  A tree is a flat list of nodes in
pre-order, each naming its children by index, so that trees of any depth
are written without recursion:

.. code-block:: text

    {"format": "escalation-game", "format_version": 1, "kind": "tree", "title": ..., "players": [...],
     "nodes": [{"kind": "decision", "player": "Russia", "infoset": "Russia, node 1",
                "moves": [{"action": "Test", "node": 1}, ...]},
               {"kind": "chance", "moves": [{"action": "war", "probability": "1/4", "node": 4}, ...]},
               {"kind": "outcome", "outcome": "War", "payoffs": {"Russia": "-10", ...}}, ...]}

A normal form lists its players, each player's strategies and one payoff row per
profile, profiles in row-major order (the last player's strategy changing fastest):

.. code-block:: text

    {"format": "escalation-game", "format_version": 1, "kind": "normal form", "title": ..., "players": [...],
     "strategies": {"Row": ["Opera", "Football"], ...},
     "payoffs": [{"profile": ["Opera", "Opera"], "payoffs": {"Row": "2", "Column": "1"}}, ...]}

>>> from escalation.games import ExtensiveFormGame, decision, outcome
>>> game = ExtensiveFormGame(("A", "B"), decision("A", {"Out": outcome("SQ", (0, 2)),
...                                                    "In": decision("B", {"F": outcome("War", ("-1/2", -1)),
...                                                                         "Y": outcome("Deal", (1, 1))})}))
>>> data = game_to_json(game)
>>> data["nodes"][3]
{'kind': 'outcome', 'outcome': 'War', 'payoffs': {'A': '-1/2', 'B': '-1'}}
>>> game_from_json(data) == game
True
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from ..errors import GameFileError, GameStructureError
from ..games.nodes import chance, decision, outcome
from ..games.normal_form import NormalFormGame
from ..games.tree import CHANCE, DECISION, ExtensiveFormGame
from ..numbers import exact_str

__all__ = ["FORMAT", "game_from_json", "game_to_json"]

FORMAT = "escalation-game"
VERSION = 1


def game_to_json(game: ExtensiveFormGame | NormalFormGame) -> dict[str, Any]:
    """The JSON description of ``game`` (see the module docstring)."""
    head = {"format": FORMAT, "format_version": VERSION}
    if isinstance(game, NormalFormGame):
        return {**head, "kind": "normal form", "title": game.title, "players": list(game.players),
                "strategies": {p: list(s) for p, s in zip(game.players, game.strategies, strict=True)},
                "payoffs": [_cell(game, index) for index in np.ndindex(*game.shape)]}
    if not isinstance(game, ExtensiveFormGame):
        raise GameStructureError("game", f"expected a game tree or a normal form, got {type(game).__name__}")
    return {**head, "kind": "tree", "title": game.title, "players": list(game.players),
            "nodes": [_node(game, node) for node in game.nodes]}


def _cell(game: NormalFormGame, index: tuple[int, ...]) -> dict[str, Any]:
    profile = [s[i] for s, i in zip(game.strategies, index, strict=True)]
    return {"profile": profile,
            "payoffs": {p: exact_str(a[index]) for p, a in zip(game.players, game.payoffs, strict=True)}}


def _node(game: ExtensiveFormGame, node: Any) -> dict[str, Any]:
    if node.kind == DECISION:
        return {"kind": "decision", "player": game.players[node.player], "infoset": node.infoset,
                "moves": [{"action": a, "node": c} for a, c in zip(node.actions, node.children, strict=True)]}
    if node.kind == CHANCE:
        return {"kind": "chance", "moves": [{"action": a, "probability": exact_str(p), "node": c}
                                            for a, p, c in zip(node.actions, node.probabilities, node.children,
                                                               strict=True)]}
    return {"kind": "outcome", "outcome": node.outcome,
            "payoffs": {p: exact_str(u) for p, u in zip(game.players, node.payoffs, strict=True)}}


def game_from_json(data: Mapping[str, Any], source: str = "<json>") -> ExtensiveFormGame | NormalFormGame:
    """The game described by ``data``; a malformed description raises GameFileError naming ``source``."""
    try:
        if data.get("format") != FORMAT:
            raise GameFileError(source, f"not an {FORMAT} description (its \"format\" is {data.get('format')!r})")
        if data.get("kind") == "normal form":
            return _normal_form(data)
        if data.get("kind") == "tree":
            return _tree(data, source)
        raise GameFileError(source, f"\"kind\" must be \"tree\" or \"normal form\", got {data.get('kind')!r}")
    except KeyError as exc:
        raise GameFileError(source, f"malformed game description: an entry lacks the key {exc.args[0]!r}") from None
    except (TypeError, AttributeError, IndexError):
        raise GameFileError(source, "malformed game description: an entry is not a list or an object where the "
                                    "format has one (see escalation.io.game_json)") from None


def _normal_form(data: Mapping[str, Any]) -> NormalFormGame:
    players = list(data["players"])
    table = {tuple(cell["profile"]): [cell["payoffs"][p] for p in players] for cell in data["payoffs"]}
    return NormalFormGame.from_profiles(players, [data["strategies"][p] for p in players], table,
                                        title=data.get("title", ""))


def _tree(data: Mapping[str, Any], source: str) -> ExtensiveFormGame:
    nodes = data["nodes"]
    built: dict[int, Any] = {}
    for index in range(len(nodes) - 1, -1, -1):  # children come after their parent: build from the last
        node = nodes[index]
        kind = node["kind"]
        if kind == "outcome":
            built[index] = outcome(node["outcome"], node["payoffs"])
            continue
        moves = node["moves"]
        for move in moves:
            if not isinstance(move["node"], int) or move["node"] <= index or move["node"] not in built:
                raise GameFileError(source, f"node {index}: a move leads to {move['node']!r}, which is not a later "
                                            "node used once")
        if kind == "decision":
            built[index] = decision(node["player"], [(m["action"], built.pop(m["node"])) for m in moves],
                                    infoset=node.get("infoset"))
        elif kind == "chance":
            built[index] = chance([(m["action"], m["probability"], built.pop(m["node"])) for m in moves])
        else:
            raise GameFileError(source, f"node {index}: unknown kind {kind!r}")
    if set(built) != {0}:
        raise GameFileError(source, "the nodes do not form one tree rooted at node 0")
    return ExtensiveFormGame(tuple(data["players"]), built[0], data.get("title", ""))
