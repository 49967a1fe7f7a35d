"""Packaging: metadata, citation, the README's set-up commands and examples, and .ci/run.

Every path is taken relative to this file, so the tests do not depend on the working directory.
"""

from __future__ import annotations

import ast
import doctest
import json
import os
import re
import shlex
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import escalation
from escalation.cli import build_parser

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI_RUN = ROOT / ".ci" / "run"


# -- helpers --------------------------------------------------------------------------------------
def fenced_blocks(text: str) -> list[tuple[str, str]]:
    """``[(language, body)]`` of every fenced code block in a markdown text."""
    return [(m.group(1), m.group(2)) for m in re.finditer(r"^```(\w*)\n(.*?)^```$", text, flags=re.M | re.S)]


def setup_commands() -> tuple[str, str]:
    """The README's two opening set-up commands (the first two fenced blocks)."""
    (_, main_job), (_, tests) = fenced_blocks(README)[:2]
    return main_job.strip(), tests.strip()


def cff_field(text: str, key: str, indent: str = "") -> str:
    """The scalar value of ``key`` at the given indentation in a CITATION.cff text (no YAML needed)."""
    match = re.search(rf"^{indent}{key}:\s*(.+?)\s*$", text, flags=re.M)
    assert match, f"CITATION.cff has no {indent}{key}"
    return match.group(1).strip("\"'")


def requirement_name(requirement: str) -> str:
    return re.match(r"[A-Za-z0-9_.-]+", requirement).group(0).lower()


# -- version and citation -------------------------------------------------------------------------
CITATION = (ROOT / "CITATION.cff").read_text(encoding="utf-8")


def test_citation_version_equals_package_version():
    assert cff_field(CITATION, "version") == escalation.__version__


def test_preferred_citation_names_the_same_version():
    preferred = CITATION.split("preferred-citation:", 1)[1]
    assert cff_field(preferred, "version", indent="  ") == escalation.__version__


def test_readme_cites_the_current_version():
    assert f"version {escalation.__version__}." in README.split("## How to cite", 1)[1]


def test_citation_metadata():
    assert cff_field(CITATION, "cff-version") == "1.2.0"
    assert cff_field(CITATION, "license") == PYPROJECT["project"]["license"] == "MIT"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", cff_field(CITATION, "date-released"))
    assert "preferred-citation:" in CITATION


def test_changelog_has_a_section_for_this_version_dated_as_the_citation():
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## [Unreleased]" in changelog
    date = cff_field(CITATION, "date-released")
    assert f"## [{escalation.__version__}] - {date}" in changelog


# -- pyproject ------------------------------------------------------------------------------------
def test_version_is_read_from_the_package():
    project = PYPROJECT["project"]
    assert "version" in project["dynamic"]
    path = ROOT / PYPROJECT["tool"]["hatch"]["version"]["path"]
    assert re.search(r'__version__ = "([^"]+)"', path.read_text()).group(1) == escalation.__version__


def test_console_script_is_the_cli():
    assert PYPROJECT["project"]["scripts"] == {"escalation": "escalation.cli:main"}


@pytest.mark.parametrize("extra", ["test", "notebook", "parallel", "docs", "lint", "dev"])
def test_extras_exist(extra):
    assert PYPROJECT["project"]["optional-dependencies"][extra]


def test_pygambit_is_only_a_test_dependency():
    extras = PYPROJECT["project"]["optional-dependencies"]
    where = {name for name, reqs in extras.items() if "pygambit" in map(requirement_name, reqs)}
    assert where == {"test"}
    assert "pygambit" not in map(requirement_name, PYPROJECT["project"]["dependencies"])


def test_docs_extra_has_what_the_docs_build_uses():
    names = set(map(requirement_name, PYPROJECT["project"]["optional-dependencies"]["docs"]))
    assert {"sphinx", "pydata-sphinx-theme", "myst-nb", "numpydoc", "ipykernel"} <= names


def test_test_extra_has_what_the_test_command_runs():
    names = set(map(requirement_name, PYPROJECT["project"]["optional-dependencies"]["test"]))
    assert {"pytest", "pytest-xdist", "hypothesis"} <= names


def test_license_readme_and_python_versions_agree():
    project = PYPROJECT["project"]
    assert (ROOT / project["readme"]).is_file()
    assert all((ROOT / f).is_file() for f in project["license-files"])
    lowest = re.fullmatch(r">=\s*3\.(\d+)", project["requires-python"]).group(1)
    assert PYPROJECT["tool"]["ruff"]["target-version"] == f"py3{lowest}"
    assert f"Programming Language :: Python :: 3.{lowest}" in project["classifiers"]


def module_level_imports(path: Path) -> set[str]:
    """Top-level package names imported at module level (not inside functions)."""
    names = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", sorted((ROOT / "escalation").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_modules_import_only_core_dependencies_at_module_level(path):
    """An optional dependency (pygambit, dask, tqdm, ipywidgets) must be imported inside the function using it."""
    core = {requirement_name(r).replace("-", "_") for r in PYPROJECT["project"]["dependencies"]}
    allowed = core | set(sys.stdlib_module_names) | {"escalation", "__future__"}
    assert module_level_imports(path) <= allowed


# -- README ---------------------------------------------------------------------------------------
def test_readme_opens_with_the_two_setup_commands():
    lines = README.splitlines()
    assert lines[0].startswith("# escalation")
    before_first_block = README.split("```", 1)[0]
    assert len([p for p in before_first_block.split("\n\n") if p.strip()]) <= 3, "title, one sentence, then commands"
    main_job, tests = setup_commands()
    for command in (main_job, tests):
        assert "\n" not in command, "each set-up command is a single line"
        assert command.startswith("python3 -m venv .venv && . .venv/bin/activate && pip install ")
    assert main_job.endswith("&& pip install . && escalation figures")
    assert tests.endswith('&& pip install ".[test]" && pytest -n auto')


def test_the_main_job_is_a_real_cli_command():
    words = shlex.split(setup_commands()[0].rsplit("&&", 1)[1])
    assert words[0] == "escalation"
    assert build_parser().parse_args(words[1:]).run.__module__ == "escalation.cli.figures"


def test_readme_python_examples_run():
    """Every ``>>>`` example in the README runs and prints what the README says."""
    result = doctest.testfile(str(ROOT / "README.md"), module_relative=False, verbose=False, report=True,
                              optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 10
    assert result.failed == 0


def readme_console_examples() -> list[tuple[list[str], str]]:
    """The README's ``$ escalation solve ...`` examples: their arguments and the output shown."""
    examples = []
    for language, body in fenced_blocks(README):
        if language == "console" and body.startswith("$ escalation solve"):
            command, output = body.split("\n", 1)
            examples.append((shlex.split(command[2:])[1:], output))
    return examples


def readme_json_example() -> str:
    (shown,) = [output for argv, output in readme_console_examples() if "--json" in argv]
    return shown


def test_readme_has_a_text_and_a_json_example():
    assert {"--json" in argv for argv, _ in readme_console_examples()} == {False, True}


def test_readme_cli_examples_are_what_the_cli_prints(capsys, monkeypatch):
    from escalation.cli import main

    monkeypatch.chdir(ROOT)
    for argv, shown in readme_console_examples():
        assert main(argv) == 0
        printed = capsys.readouterr().out
        if "--json" in argv:
            assert json.loads(printed) == json.loads(shown)
        else:
            assert printed == shown


def test_readme_documents_every_top_level_json_key():
    for key in json.loads(readme_json_example()):
        assert f"`{key}`" in README, f"the README's schema does not describe {key!r}"


# -- .ci/run --------------------------------------------------------------------------------------
def ci_steps(tests_command: str) -> list[str]:
    return [step.strip().replace(".venv", ".ci-venv") for step in tests_command.split("&&")]


FAKE_PYTHON = """#!/usr/bin/env bash
# stands in for python3: `python3 -m venv DIR` makes a venv whose activate puts the fakes first on PATH
if [ "$1 $2" = "-m venv" ]; then
  mkdir -p "$3/bin"
  echo "export PATH=\\"$FAKES:\\$PATH\\"" > "$3/bin/activate"
  echo "venv $3" >> "$LOG"
  exit 0
fi
echo "Python 3.fake"
"""
FAKE_PIP = '#!/usr/bin/env bash\necho "pip $*" >> "$LOG"\n'
FAKE_PYTEST = """#!/usr/bin/env bash
echo "pytest $* HYPOTHESIS_PROFILE=$HYPOTHESIS_PROFILE" >> "$LOG"
case "$*" in *slow*) exit "${SLOW_EXIT:-$PYTEST_EXIT}" ;; esac
exit "$PYTEST_EXIT"
"""
FAKE_SPHINX = '#!/usr/bin/env bash\necho "sphinx-build $*" >> "$LOG"\nexit "$SPHINX_EXIT"\n'
FAKE_RUFF = '#!/usr/bin/env bash\necho "ruff $*" >> "$LOG"\nexit "$RUFF_EXIT"\n'
FAKE_MYPY = '#!/usr/bin/env bash\necho "mypy $*" >> "$LOG"\nexit "$MYPY_EXIT"\n'


def slow_command() -> str:
    """The README's command for the slow checks CI runs (the line with ``slow and not exhaustive``)."""
    (line,) = [line for _, body in fenced_blocks(README) for line in body.splitlines()
               if "slow and not exhaustive" in line]
    return line.split("#", 1)[0].strip()


def docs_command() -> str:
    """The README's command that builds the documentation (the fenced block with ``sphinx-build``)."""
    (block,) = [body for _, body in fenced_blocks(README) if "sphinx-build" in body]
    return block.strip().splitlines()[0]


def run_ci_with_fakes(tmp_path: Path, pytest_exit: int, sphinx_exit: int = 0,
                      ruff_exit: int = 0, mypy_exit: int = 0, slow_exit: int | None = None) -> tuple[int, list[str]]:
    """Run a copy of .ci/run with python3, pip, pytest, sphinx-build, ruff and mypy replaced by recorders.

    Returns its exit code and log.
    """
    repo, fakes, log = tmp_path / "repo", tmp_path / "fakes", tmp_path / "log"
    (repo / ".ci").mkdir(parents=True)
    shutil.copy(CI_RUN, repo / ".ci" / "run")
    fakes.mkdir()
    fake = {"python3": FAKE_PYTHON, "python": FAKE_PYTHON, "pip": FAKE_PIP, "pytest": FAKE_PYTEST,
            "sphinx-build": FAKE_SPHINX, "ruff": FAKE_RUFF, "mypy": FAKE_MYPY}
    for name, text in fake.items():
        (fakes / name).write_text(text)
        (fakes / name).chmod(stat.S_IRWXU)
    env = {**os.environ, "PATH": f"{fakes}:{os.environ['PATH']}", "FAKES": str(fakes), "LOG": str(log),
           "PYTEST_EXIT": str(pytest_exit), "SPHINX_EXIT": str(sphinx_exit), "RUFF_EXIT": str(ruff_exit),
           "MYPY_EXIT": str(mypy_exit), **({} if slow_exit is None else {"SLOW_EXIT": str(slow_exit)})}
    env.pop("HYPOTHESIS_PROFILE", None)
    done = subprocess.run(["bash", str(repo / ".ci" / "run")], env=env, capture_output=True, text=True,
                          timeout=60, check=False, stdin=subprocess.DEVNULL)
    return done.returncode, log.read_text().splitlines() if log.exists() else []


needs_bash = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")


@needs_bash
def test_ci_installs_and_tests_exactly_as_the_readme_says(tmp_path):
    code, log = run_ci_with_fakes(tmp_path, pytest_exit=0)
    assert code == 0
    venv, activate, install, test = ci_steps(setup_commands()[1])
    assert (venv, activate) == ("python3 -m venv .ci-venv", ". .ci-venv/bin/activate")
    install_docs, build_docs = (" ".join(shlex.split(step)) for step in docs_command().split("&&"))
    commands = [line for line in log if not line.endswith("--version")]
    assert commands == ["venv .ci-venv", " ".join(shlex.split(install)),
                        " ".join(shlex.split(test)) + " HYPOTHESIS_PROFILE=ci",
                        " ".join(shlex.split(slow_command())) + " HYPOTHESIS_PROFILE=ci",
                        install_docs, build_docs, "pip install .[lint]", "ruff check .", "mypy escalation"]


@needs_bash
@pytest.mark.parametrize("pytest_exit", [1, 2, 5])
def test_ci_fails_when_pytest_fails_or_collects_nothing(tmp_path, pytest_exit):
    code, log = run_ci_with_fakes(tmp_path, pytest_exit=pytest_exit)
    assert code == pytest_exit
    assert any(line.startswith("pytest ") for line in log)


@needs_bash
@pytest.mark.parametrize("slow_exit", [1, 5])
def test_ci_fails_when_only_the_slow_checks_fail_or_collect_nothing(tmp_path, slow_exit):
    code, log = run_ci_with_fakes(tmp_path, pytest_exit=0, slow_exit=slow_exit)
    assert code == slow_exit
    assert "mypy escalation" in log  # the docs, linter and type checker still run


@needs_bash
@pytest.mark.parametrize(("sphinx_exit", "ruff_exit", "mypy_exit"),
                         [(1, 0, 0), (0, 1, 0), (2, 1, 0), (0, 0, 1), (0, 2, 1)])
def test_ci_fails_when_the_docs_the_linter_or_the_type_checker_fail(tmp_path, sphinx_exit, ruff_exit, mypy_exit):
    code, log = run_ci_with_fakes(tmp_path, pytest_exit=0, sphinx_exit=sphinx_exit, ruff_exit=ruff_exit,
                                  mypy_exit=mypy_exit)
    assert code == (sphinx_exit or ruff_exit or mypy_exit)
    assert "mypy escalation" in log  # run even when ruff fails, as ruff runs when the docs fail


def test_ci_script_is_strict_bash():
    text = CI_RUN.read_text()
    assert text.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in text
