"""The catalogue of models, written from the registry in ``escalation.models`` at build time.

The page ``explanation/models.md`` holds an introduction and the comment line
``% model-catalogue``; when Sphinx reads the page, that line is replaced by a
summary table and one section per registered model (label ``model-<name>``):
its title, claims, module, description, sources, closed forms and parameters
with their defaults, domains, plausible ranges, units and sources.  A model added to the
registry appears on the next build; the page is re-read on every build.
"""

from __future__ import annotations

import sympy

PAGE = "explanation/models"
MARKER = "% model-catalogue"


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _claims(claims) -> str:
    return ", ".join(f"{{ref}}`{claim} <claim-{claim.lower()}>`" for claim in claims)


def _interval(bounds) -> str:
    if bounds is None:
        return ""
    low, high = bounds
    return f"[{'-∞' if low is None else low}, {'∞' if high is None else high}]"


def _game_kind(model) -> str:
    try:
        game = model.game()
    except Exception as err:  # shown on the page: a model that cannot build its game at the defaults says why
        return f"no game at the defaults ({err})"
    return type(game).__name__


def section(model) -> str:
    lines = [f"(model-{model.name})=", f"### `{model.name}`: {model.title}", "",
             f"**Claims:** {_claims(model.claims)}. **Module:** {{mod}}`{model.build.__module__}`. "
             f"**Game at the defaults:** {_game_kind(model)}.", ""]
    if model.description:
        lines += [model.description, ""]
    lines += ["**Sources:**", ""] + [f"- {_cell(source)}" for source in model.sources] + [""]
    thresholds = model.thresholds()
    if thresholds:
        lines += ["**Closed forms:**", ""]
        lines += [f"- `{name}`: ${sympy.latex(expr)}$" for name, expr in thresholds.items()] + [""]
    lines += ["| parameter | default | domain | plausible | unit | description | source |",
              "| --- | --- | --- | --- | --- | --- | --- |"]
    for name, p in model.parameters.items():
        plausible = _interval(getattr(p, "plausible", None))
        lines.append(f"| `{name}` | {p.default} | {_interval(p.domain)} | {plausible} | {_cell(p.unit)} "
                     f"| {_cell(p.description)} | {_cell(p.source)} |")
    return "\n".join(lines) + "\n"


def catalogue_text() -> str:
    from escalation.models import MODELS

    lines = ["| model | title | claims |", "| --- | --- | --- |"]
    lines += [f"| {{ref}}`{m.name} <model-{m.name}>` | {_cell(m.title)} | {_claims(m.claims)} |"
              for m in MODELS.values()]
    return "\n".join([*lines, "", "## The models one by one", "", *(section(m) for m in MODELS.values())])


def fill_catalogue(app, docname: str, source: list[str]) -> None:
    """``source-read``: replace the marker line of the models page with the catalogue."""
    if docname == PAGE:
        source[0] = source[0].replace(MARKER, catalogue_text(), 1)


def always_reread(app, env, added, changed, removed):
    """``env-get-outdated``: the registry may have changed although the page did not."""
    return [PAGE] if PAGE in env.found_docs else []


def setup(app):
    app.connect("source-read", fill_catalogue)
    app.connect("env-get-outdated", always_reread)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
