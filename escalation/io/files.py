"""Read and write a game file of either Gambit format, chosen by the file's suffix.

``.efg`` holds a game tree and ``.nfg`` a normal form; a tree written to an
``.nfg`` file becomes its reduced strategic form.

>>> import tempfile, pathlib
>>> from escalation.games import NormalFormGame
>>> pennies = NormalFormGame.from_matrices([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], title="Matching Pennies")
>>> with tempfile.TemporaryDirectory() as folder:
...     path = pathlib.Path(folder) / "pennies.nfg"
...     write_game(pennies, path)
...     read_game(path) == pennies
True
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import GameFileError
from ..games.normal_form import NormalFormGame
from ..games.tree import ExtensiveFormGame
from .efg import read_efg, write_efg
from .nfg import read_nfg, write_nfg

__all__ = ["read_game", "write_game"]


def read_game(path: Any) -> ExtensiveFormGame | NormalFormGame:
    """The game in the ``.efg`` or ``.nfg`` file at ``path``."""
    suffix = _suffix(path)
    return read_efg(path) if suffix == ".efg" else read_nfg(path)


def write_game(game: ExtensiveFormGame | NormalFormGame, path: Any) -> None:
    """Write ``game`` to ``path`` in the format its suffix names (``.efg`` or ``.nfg``)."""
    if _suffix(path) == ".efg":
        write_efg(game, path)  # type: ignore[arg-type]
    else:
        write_nfg(game, path)


def _suffix(path: Any) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in (".efg", ".nfg"):
        raise GameFileError(str(path), f"unknown kind of game file {suffix or '(no suffix)'!r}: expected .efg or .nfg")
    return suffix
