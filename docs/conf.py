"""Sphinx configuration for the escalation documentation.

Build (from the repository root, with the ``docs`` extra installed)::

    sphinx-build -W --keep-going -b html docs docs/_build/html

Pages with code are executed by myst-nb at build time.  Executed pages and
gallery figures are cached in ``docs/_build/.jupyter_cache/<hash>`` and
``docs/_build/.gallery/<hash>``, where the hash covers the package's source:
editing prose rebuilds quickly, and any change to ``escalation/`` runs every
page again.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
sys.path.insert(0, str(DOCS / "_ext"))
# Document the checkout the docs are built from: autodoc imports it, and so do the kernels that run the pages.
sys.path.insert(0, str(ROOT))
# (_ext also holds docs_helpers, which the pages import to show shell commands.)
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), str(DOCS / "_ext"), os.environ.get("PYTHONPATH")]))

from build_cache import cache_dir  # noqa: E402

import escalation  # noqa: E402

project = "escalation"
author = "The escalation developers"
copyright = "2026, The escalation developers"
version = release = escalation.__version__

extensions = [
    "myst_nb",
    "numpydoc",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
    "sphinx_copybutton",
    "sphinx_design",
    "api_pages",
    "figure_gallery",
    "model_catalogue",
    "tutorial_notebooks",
]

exclude_patterns = ["_build", "**.ipynb_checkpoints", "README.md"]
templates_path = ["_templates"]

# -- HTML --------------------------------------------------------------------------------------
html_theme = "pydata_sphinx_theme"
html_title = f"escalation {release}"
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
    "secondary_sidebar_items": ["page-toc"],
    "footer_start": ["copyright"],
    "footer_end": ["sphinx-version"],
}
html_sidebars: dict[str, list[str]] = {"index": [], "gallery/index": []}  # pages without a section menu
html_static_path: list[str] = []
html_last_updated_fmt = None  # no dates: the same sources give the same pages

# -- API reference (pages written by _ext/api_pages.py) ------------------------------------------
autosummary_generate = False  # the pages are written by api_pages, the tables only link
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_preserve_defaults = True
numpydoc_show_class_members = False
numpydoc_attributes_as_param_list = True
numpydoc_xref_param_type = False

# -- MyST and notebooks --------------------------------------------------------------------------
myst_enable_extensions = ["amsmath", "colon_fence", "deflist", "dollarmath", "substitution"]
myst_heading_anchors = 3
myst_dmath_double_inline = True


def _cff(key: str) -> str:
    """A value of the preferred citation in ``CITATION.cff`` (its last occurrence of ``key:``)."""
    values = re.findall(rf"^\s*{key}:\s*\"?([^\"\n]+)\"?\s*$", (ROOT / "CITATION.cff").read_text(), re.MULTILINE)
    return values[-1]


myst_substitutions = {"cff_year": _cff("year"), "cff_version": _cff("version")}

nb_execution_mode = "cache"
nb_execution_cache_path = str(cache_dir("jupyter_cache"))
nb_execution_timeout = 300  # seconds per cell; every cell needs far less, but CI machines are shared
nb_execution_raise_on_error = True  # a cell that raises fails the build, naming the page
nb_execution_show_tb = True
nb_execution_in_temp = True  # files a page writes (game files, netCDF) land in a temporary folder
nb_merge_streams = True
nb_render_markdown_format = "myst"  # Markdown that a page prints may use roles, e.g. {ref}
nb_output_stderr = "warn"  # anything a page prints to stderr (a warning, a log line) fails the build under -W
nb_kernel_rgx_aliases = {".*": "python3"}
