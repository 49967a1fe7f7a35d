"""Caches under ``docs/_build`` keyed by a hash of the package's source.

Executed pages and rendered gallery figures are kept between builds, but only
as long as ``escalation/`` is unchanged: any edit to the package gives a new
key, and the caches of older keys are removed.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent
ROOT = DOCS.parent


def source_hash() -> str:
    """A short hash of every file under ``escalation/`` (names and bytes)."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "escalation").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_dir(kind: str) -> Path:
    """``docs/_build/.<kind>/<source hash>``; caches of other hashes are deleted."""
    root = DOCS / "_build" / f".{kind}"
    current = root / source_hash()
    if root.is_dir():
        for old in root.iterdir():
            if old != current:
                shutil.rmtree(old, ignore_errors=True)
    return current
