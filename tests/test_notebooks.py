"""The notebooks: stored without outputs, solutions tagged, and every cell runs in a fresh python3 kernel."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
CELL_TIMEOUT = 120  # seconds; generous for a loaded CI machine, far above what any cell needs


def _read(path: Path):
    return nbformat.read(path, as_version=4)


def test_every_essay_notebook_is_there():
    names = {path.stem for path in NOTEBOOKS}
    assert {"01-quickstart", "02-tripwire-dilemma", "03-credibility-under-uncertainty", "06-attribution",
            "07-seminar-exercises", "08-parameter-sweeps", "09-guarantee-seminar"} <= names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_stored_without_outputs(path):
    code = [cell for cell in _read(path).cells if cell.cell_type == "code"]
    assert [cell.outputs for cell in code if cell.outputs] == []
    assert [cell.execution_count for cell in code if cell.execution_count is not None] == []


def test_seminar_solutions_are_tagged():
    cells = _read(NOTEBOOK_DIR / "07-seminar-exercises.ipynb").cells
    solutions = [cell for cell in cells if "solution" in cell.metadata.get("tags", [])]
    exercises = [cell for cell in cells if cell.cell_type == "markdown" and cell.source.startswith("## ")]
    assert len(solutions) >= len(exercises) - 1 >= 3  # the last exercise (explore) has no solution
    assert all(cell.cell_type == "code" for cell in solutions)
    assert all(cell.metadata.get("jupyter", {}).get("source_hidden") for cell in solutions)  # collapsed


@pytest.mark.parametrize("name", ["07-seminar-exercises", "09-guarantee-seminar"])
def test_seminar_exercises_leave_an_empty_answer_cell_before_each_solution(name):
    cells = _read(NOTEBOOK_DIR / f"{name}.ipynb").cells
    assert sum("answer" in cell.metadata.get("tags", []) for cell in cells) >= 3
    for k, cell in enumerate(cells):
        if "solution" in cell.metadata.get("tags", []):
            answer = cells[k - 1]
            assert "answer" in answer.metadata.get("tags", []), k
            assert answer.cell_type == "code"
            assert [line for line in answer.source.splitlines() if not line.startswith("#")] == []  # only a prompt


def test_the_kernel_runs_this_interpreter():
    from nbclient import NotebookClient
    from nbformat.v4 import new_code_cell, new_notebook

    notebook = new_notebook(cells=[new_code_cell("import sys; print(sys.prefix)")])
    NotebookClient(notebook, timeout=CELL_TIMEOUT, kernel_name="python3").execute()
    assert Path(notebook.cells[0].outputs[0].text.strip()).resolve() == Path(sys.prefix).resolve()


# Notebooks that take long (09 solves the guarantee game several times, over a minute; 08 sweeps, about 15 s): run
# with -m slow, as CI does; the documentation build executes every notebook as well.
SLOW = {"08-parameter-sweeps", "09-guarantee-seminar"}


@pytest.mark.parametrize("path", [pytest.param(p, marks=pytest.mark.slow) if p.stem in SLOW else p
                                  for p in NOTEBOOKS], ids=lambda p: p.stem)
def test_notebook_runs_top_to_bottom(path, tmp_path):
    from nbclient import NotebookClient

    notebook = _read(path)
    client = NotebookClient(notebook, timeout=CELL_TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}})
    client.execute()  # raises CellExecutionError naming the cell on any error
    errors = [out for cell in notebook.cells if cell.cell_type == "code" for out in cell.outputs
              if out.output_type == "error"]
    assert errors == []
