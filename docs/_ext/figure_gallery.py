"""The figure gallery, written from the registry in ``escalation/figures.py`` at build time.

The page ``gallery/index.md`` holds an introduction and the comment line
``% figure-gallery``; when Sphinx reads the page, that line is replaced by one
section per registered figure: the picture (drawn now, by the same
:func:`escalation.figures.write_figures` that ``escalation figures`` runs), the
essay claims it illustrates, its caption, the command that writes it and the
function that draws it.  Nothing is copied by hand, so a figure added to the
registry appears here on the next build.  The page is re-read on every build;
the pictures are redrawn only when the package's source changes.
"""

from __future__ import annotations

import re
from pathlib import Path

from build_cache import DOCS, cache_dir

PAGE = "gallery/index"
MARKER = "% figure-gallery"
_SPECIAL = re.compile(r"([\\`*_\[\]<>$|])")


def _escape(text: str) -> str:
    """``text`` as literal Markdown."""
    return _SPECIAL.sub(r"\\\1", text)


def _pictures() -> Path:
    """The PNG of every registered figure, drawn once per version of the source."""
    from escalation.figures import FIGURES, write_figures

    folder = cache_dir("gallery")
    if not all((folder / f"{figure_id}.png").exists() for figure_id in FIGURES):
        write_figures(folder, formats=("png",))
    return folder


def section(figure, picture: str) -> str:
    """The Markdown for one registered figure."""
    draw = f"{figure.draw.__module__}.{figure.draw.__qualname__}"
    claims = ", ".join(f"{{ref}}`{claim} <claim-{claim.lower()}>`" for claim in figure.claims)
    return "\n".join([
        f"(figure-{figure.id})=",
        f"## {figure.id}",
        "",
        f"```{{image}} {picture}",
        f":alt: {_escape(figure.caption.split('. ')[0])}",
        "```",
        "",
        f"**Claims:** {claims}",
        "",
        _escape(figure.caption),
        "",
        f"Written by `escalation figures --only {figure.id}`; drawn by {{func}}`~{draw}`:",
        "",
        "```python",
        "from escalation.figures import FIGURES",
        f'figure = FIGURES["{figure.id}"].draw()',
        "```",
        "",
    ])


def gallery_text() -> str:
    from escalation.figures import FIGURES

    folder = _pictures()
    relative = "/" + folder.relative_to(DOCS).as_posix()  # "/..." is relative to the source folder
    return "\n".join(section(figure, f"{relative}/{figure.id}.png") for figure in FIGURES.values())


def fill_gallery(app, docname: str, source: list[str]) -> None:
    """``source-read``: replace the marker line of the gallery page with the sections."""
    if docname == PAGE:
        source[0] = source[0].replace(MARKER, gallery_text(), 1)


def always_reread(app, env, added, changed, removed):
    """``env-get-outdated``: the registry may have changed although the page did not."""
    return [PAGE] if PAGE in env.found_docs else []


def setup(app):
    app.connect("source-read", fill_gallery)
    app.connect("env-get-outdated", always_reread)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
