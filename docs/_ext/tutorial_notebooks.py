"""Bring the tutorial notebooks of ``notebooks/`` into the documentation at build time.

The notebooks are stored without outputs in ``notebooks/`` (where the tests run
them); each build copies them into ``tutorials/notebooks/`` (not committed),
where myst-nb executes them.  Cells tagged ``solution`` (the seminar's model
answers) also get myst-nb's ``hide-input`` tag, so the answer's code is folded
away until the reader opens it.  A copy is rewritten only when its text
changes, so an unchanged notebook is neither re-read nor re-run.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

SOURCE = "notebooks"
TARGET = Path("tutorials") / "notebooks"


def _for_docs(path: Path) -> str:
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        tags = cell.metadata.get("tags", [])
        if "solution" in tags and "hide-input" not in tags:
            cell.metadata["tags"] = [*tags, "hide-input"]
    return nbformat.writes(notebook)


def copy_notebooks(app) -> None:
    """``builder-inited``: mirror ``notebooks/*.ipynb`` into ``tutorials/notebooks/``."""
    source = Path(app.srcdir).parent / SOURCE
    target = Path(app.srcdir) / TARGET
    target.mkdir(parents=True, exist_ok=True)
    wanted = {path.name: path for path in sorted(source.glob("*.ipynb"))}
    for stale in target.glob("*.ipynb"):
        if stale.name not in wanted:
            stale.unlink()
    for name, path in wanted.items():
        text = _for_docs(path)
        copy = target / name
        if not copy.exists() or copy.read_text(encoding="utf-8") != text:
            copy.write_text(text, encoding="utf-8")


def setup(app):
    app.connect("builder-inited", copy_notebooks)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
