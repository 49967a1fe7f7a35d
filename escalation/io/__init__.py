"""Gambit's game file formats: ``.efg`` (game trees) and ``.nfg`` (normal forms).

Files written here open in Gambit and ``pygambit``; files from Gambit read
back into :class:`~escalation.games.ExtensiveFormGame` and
:class:`~escalation.games.NormalFormGame`.  A malformed file raises
:class:`~escalation.errors.GameFileError` naming the file and line.
"""

from .efg import efg_text, parse_efg, read_efg, write_efg
from .files import read_game, write_game
from .nfg import nfg_text, parse_nfg, read_nfg, write_nfg

__all__ = [
    "efg_text",
    "nfg_text",
    "parse_efg",
    "parse_nfg",
    "read_efg",
    "read_game",
    "read_nfg",
    "write_efg",
    "write_game",
    "write_nfg",
]
