"""Write the API reference at build time: one page per public module of ``escalation``.

A module is public when no part of its dotted name starts with ``_``.  Its page
shows the module docstring, its submodules, an autosummary table of everything
in its ``__all__``, and the full documentation of the objects whose *home* it
is.  Each object is documented once, at its home: the module that defines it if
that module is public, otherwise the deepest public module that exports it.
Re-exports (``escalation.ExtensiveFormGame`` for
``escalation.games.tree.ExtensiveFormGame``) are listed in the table with a link
to the home, and a cross-reference to any public spelling of a name resolves
to it.  An ``escalation`` reference that resolves nowhere is a warning, so a
stale name in a docstring fails the build (``-W``).

The pages are regenerated on every build from the code, so the reference
follows the package; they live in ``reference/api/`` (not committed).
"""

from __future__ import annotations

import builtins
import importlib
import importlib.util
import inspect
import pkgutil
import types
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

PACKAGE = "escalation"
OUT = Path("reference") / "api"
logger = logging.getLogger(__name__)
ALIASES: dict[str, str] = {}  # every public spelling of a name -> where it is documented


@dataclass
class Member:
    name: str
    obj: Any
    kind: str  # "class", "exception", "function", "data" or "alias" (a type alias)


@dataclass
class Page:
    module: ModuleType
    members: list[Member] = field(default_factory=list)
    submodules: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.module.__name__


def public_modules() -> list[str]:
    """Dotted names of the public modules of the package, sorted."""
    package = importlib.import_module(PACKAGE)
    names = [PACKAGE] + [info.name for info in pkgutil.walk_packages(package.__path__, PACKAGE + ".")]
    return sorted(name for name in names if not any(part.startswith("_") for part in name.split(".")))


def _kind(obj: Any) -> str | None:
    if inspect.ismodule(obj):
        return None
    if isinstance(obj, (types.GenericAlias, types.UnionType)) or type(obj).__module__ == "typing":
        return "alias"
    if inspect.isclass(obj):
        return "exception" if issubclass(obj, BaseException) else "class"
    if inspect.isfunction(obj) or inspect.isbuiltin(obj):
        return "function"
    return "data"


def exports(module: ModuleType) -> list[Member]:
    """The members a module makes public: its ``__all__``, or what it defines without a leading ``_``."""
    if hasattr(module, "__all__"):
        names = list(module.__all__)
    else:
        names = [n for n, v in vars(module).items()
                 if not n.startswith("_") and getattr(v, "__module__", None) == module.__name__]
    members = []
    for name in names:
        obj = getattr(module, name)
        kind = _kind(obj)
        if kind is not None:
            members.append(Member(name, obj, kind))
    return members


def homes(pages: dict[str, Page]) -> dict[tuple[int, str], str]:
    """For each exported object (by identity and name), the module whose page documents it."""
    exporters: dict[tuple[int, str], list[str]] = {}
    for page in pages.values():
        for member in page.members:
            exporters.setdefault((id(member.obj), member.name), []).append(page.name)
    home: dict[tuple[int, str], str] = {}
    for page in pages.values():
        for member in page.members:
            key = (id(member.obj), member.name)
            defines = member.kind in ("class", "exception", "function")
            defining = getattr(member.obj, "__module__", None) if defines else None
            if defining in exporters[key]:
                home[key] = defining
            else:
                home[key] = max(exporters[key], key=lambda m: (m.count("."), m))
    return home


def _directive(member: Member, full: str) -> list[str]:
    if member.kind == "class":
        return [f".. autoclass:: {full}", "   :members:", "   :show-inheritance:", ""]
    if member.kind == "exception":
        return [f".. autoexception:: {full}", "   :show-inheritance:", ""]
    if member.kind == "function":
        return [f".. autofunction:: {full}", ""]
    if member.kind == "alias":  # autodoc cannot import these; state them as written
        module, _, name = full.rpartition(".")
        alias = f"   Type alias: ``{_alias_text(member.obj)}``"
        return [f".. py:data:: {name}", f"   :module: {module}", "", alias, ""]
    return [f".. autodata:: {full}", "   :no-value:", ""]


def _alias_text(alias: Any) -> str:
    return repr(alias).replace("typing.", "").replace("fractions.", "").replace("collections.abc.", "")


def _summary_name(member: Member, page: Page, home: dict[tuple[int, str], str]) -> str:
    """How the autosummary table names a member: short at its home, in full elsewhere."""
    full = f"{home[(id(member.obj), member.name)]}.{member.name}"
    return full.removeprefix(page.name + ".")  # autosummary wants names below the page's module relative


def page_text(page: Page, home: dict[tuple[int, str], str]) -> str:
    """The reStructuredText of one module's page."""
    title = f"``{page.name}``"
    lines = [title, "=" * len(title), "", f".. automodule:: {page.name}", ""]
    if page.submodules:
        lines += [".. rubric:: Modules", "", ".. toctree::", "   :maxdepth: 1", ""]
        lines += [f"   {sub}" for sub in page.submodules] + [""]
    if page.members:
        lines += [".. rubric:: Summary", "", ".. autosummary::", "   :nosignatures:", ""]
        lines += [f"   {_summary_name(m, page, home)}" for m in page.members if m.kind != "alias"] + [""]
    own = [m for m in page.members if home[(id(m.obj), m.name)] == page.name]
    reexported = [m for m in page.members if m not in own]
    if reexported:
        lines += [".. rubric:: Re-exported", "", "Documented where they are defined:", ""]
        lines += [f"- :obj:`{home[(id(m.obj), m.name)]}.{m.name}`" for m in reexported] + [""]
    if own:
        lines += [".. rubric:: Contents", ""]
        for member in own:
            lines += _directive(member, f"{page.name}.{member.name}")
    return "\n".join(lines) + "\n"


def collect() -> dict[str, Page]:
    pages = {name: Page(importlib.import_module(name)) for name in public_modules()}
    for name, page in pages.items():
        page.members = exports(page.module)
        parent = name.rpartition(".")[0]
        if parent in pages:
            pages[parent].submodules.append(name)
    return pages


def aliases(pages: dict[str, Page], home: dict[tuple[int, str], str]) -> dict[str, str]:
    """Every public spelling of an object's name -> its documented full name."""
    out = {}
    for page in pages.values():
        for member in page.members:
            out[f"{page.name}.{member.name}"] = f"{home[(id(member.obj), member.name)]}.{member.name}"
    return out


def _write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def generate(app) -> None:
    """``builder-inited``: write the pages (only those whose text changed, so Sphinx re-reads only them)."""
    pages = collect()
    home = homes(pages)
    out = Path(app.srcdir) / OUT
    out.mkdir(parents=True, exist_ok=True)
    wanted = {f"{name}.rst" for name in pages}
    for stale in out.glob("*.rst"):
        if stale.name not in wanted:
            stale.unlink()
    for name, page in pages.items():
        _write_if_changed(out / f"{name}.rst", page_text(page, home))
    ALIASES.clear()
    ALIASES.update(aliases(pages, home))


def _candidates(target: str, module: str | None) -> list[str]:
    """``target`` as written, then relative to the referring module and each of its parents."""
    names = [target]
    while module:
        names.append(f"{module}.{target}")
        module = module.rpartition(".")[0]
    return names


def _via_alias(name: str, table: dict[str, str]) -> str | None:
    """``name`` with its longest aliased prefix replaced (so methods of re-exported classes resolve too)."""
    parts = name.split(".")
    for cut in range(len(parts), 1, -1):
        prefix = ".".join(parts[:cut])
        if prefix in table:
            return ".".join([table[prefix], *parts[cut:]])
    return None


def _other_module(name: str) -> bool:
    """``name`` is an importable module outside the package (``fnmatch``): no target here, no error."""
    try:
        return name != PACKAGE and importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


class RelativeReferences(SphinxPostTransform):
    """Read ``:mod:`.closed_forms``` in a docstring of the package as Python reads ``from .closed_forms``.

    Sphinx looks a leading-dot target up by its suffix anywhere in the project,
    which becomes ambiguous as soon as two packages have a module of that name.
    In a module of ``escalation`` the target is first tried as a sibling (in the
    module's package, then in each enclosing package) and as a member of the
    module itself; the first documented name wins.  Other references are left
    to Sphinx.
    """

    default_priority = 5  # before Sphinx resolves references (10)

    def run(self, **kwargs) -> None:
        domain = self.env.get_domain("py")
        known = set(domain.objects) | set(domain.modules) | set(ALIASES)
        for node in self.document.findall(addnodes.pending_xref):
            target, module = node.get("reftarget", ""), node.get("py:module") or ""
            # a leading dot is gone from the target by now; it left refspecific behind
            if node.get("refdomain") != "py" or not node.get("refspecific") or not module.startswith(PACKAGE):
                continue
            for scope in _relative_scopes(module):
                full = f"{scope}.{target.lstrip('.')}"
                if full in known:
                    node["reftarget"] = ALIASES.get(full, full)
                    node["refspecific"] = False
                    break


def _relative_scopes(module: str) -> list[str]:
    """Where ``.name`` is looked for from ``module``: its package, the module itself, the enclosing packages."""
    parents = []
    package = module.rpartition(".")[0]
    while package:
        parents.append(package)
        package = package.rpartition(".")[0]
    return [*parents[:1], module, *parents[1:]]


def resolve(app, env, node, contnode):
    """``missing-reference``: resolve public spellings of ``escalation`` names; warn about the rest."""
    if node.get("refdomain") != "py":
        return None
    target = node["reftarget"].lstrip("~.")
    module = node.get("py:module")
    domain = env.get_domain("py")
    names = [_via_alias(name, ALIASES) or name for name in _candidates(target, module)]
    if "." not in target:  # a short name that only one documented object has, e.g. in a summary table
        owners = {full for full in ALIASES.values() if full.endswith("." + target)}
        names += list(owners) if len(owners) == 1 else []
    for full in names:
        found = domain.resolve_xref(env, node["refdoc"], app.builder, "obj", full, node, contnode)
        if found is not None:
            return found
    from_role = "refexplicit" in node.attributes  # type annotations make references without it
    relative = "." not in target and not hasattr(builtins, target) and not _other_module(target)
    if from_role and (target.startswith(PACKAGE + ".") or ((module or "").startswith(PACKAGE) and relative)):
        logger.warning("unresolved reference to %r (from %s)", node["reftarget"], module or node["refdoc"],
                       location=node, type="ref", subtype="escalation")
    return None


def drop_borrowed_docstrings(app, what, name, obj, options, lines) -> None:
    """``autodoc-process-docstring``: a constant is not described by its class's docstring.

    (A registered ``Model`` would otherwise repeat the whole docstring of :class:`Model`.)
    """
    if what == "data" and getattr(obj, "__doc__", None) == getattr(type(obj), "__doc__", None):
        lines.clear()


def drop_object_base(app, name, obj, options, bases: list) -> None:
    """``autodoc-process-bases``: "Bases: object" says nothing."""
    if object in bases:
        bases.remove(object)


def setup(app):
    app.connect("builder-inited", generate)
    app.connect("autodoc-process-docstring", drop_borrowed_docstrings)
    app.connect("autodoc-process-bases", drop_object_base)
    app.connect("missing-reference", resolve)
    app.add_post_transform(RelativeReferences)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
