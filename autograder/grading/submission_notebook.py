"""Turn a submitted notebook into the notebook the grader runs: the student's code, our cells.

The student owns the solution cells (and any cell they added); the course owns
every locked cell. So the run notebook keeps the student's cells in their order,
replaces each locked cell by the released version (an edited hand-in or setup cell
is restored), puts back locked code cells the student deleted, and leaves out the
test cells altogether: the grade is computed outside the kernel from the hand-in,
so no test, visible or hidden, ever runs where student code runs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import nbformat

from autograder.datasets.sources import sha256_of
from autograder.errors import ClinicError


class MalformedNotebookError(ClinicError):
    """A submitted notebook that is missing or cannot be read as a notebook."""


def read_submission(path: Path) -> nbformat.NotebookNode:
    """Read and validate a submitted notebook.

    Raises:
        MalformedNotebookError: the file is missing, not JSON, or not a valid notebook.
    """
    if not path.is_file():
        found = sorted(p.name for p in path.parent.iterdir()) if path.parent.is_dir() else []
        raise MalformedNotebookError(
            f"No {path.name} in the submission. Found: {', '.join(found) or 'nothing'}."
        )
    try:
        text = path.read_text(encoding="utf-8")
        json.loads(text)
    except (UnicodeDecodeError, ValueError) as error:
        raise MalformedNotebookError(f"{path.name} is not a notebook (not JSON): {error}") from None
    try:
        notebook = nbformat.reads(text, as_version=4)
        nbformat.validate(notebook)
    except nbformat.ValidationError as error:
        first = str(error).splitlines()[0]
        raise MalformedNotebookError(f"{path.name} is not a valid notebook: {first}") from None
    except Exception as error:  # nbformat raises many types for broken files
        raise MalformedNotebookError(f"{path.name} cannot be read: {error}") from None
    return notebook


def runnable_notebook(
    submitted: nbformat.NotebookNode, released: nbformat.NotebookNode
) -> nbformat.NotebookNode:
    """The notebook to run: the student's cells, the course's locked cells, no test cells."""
    locked = {_grade_id(c): c for c in released.cells if _is_locked(c) and not _is_test(c)}
    tests = {_grade_id(c) for c in released.cells if _is_test(c)}
    cells: list[Any] = []
    seen: set[str] = set()
    for cell in submitted.cells:
        grade_id = _grade_id(cell)
        if grade_id in tests or _is_test(cell):
            continue
        if grade_id in locked:
            if grade_id in seen:
                continue  # a copied locked cell runs once, where it belongs
            cells.append(_fresh(locked[grade_id]))
            seen.add(grade_id)
        else:
            cells.append(_fresh(cell))
    _restore_deleted(cells, released, locked, seen)
    run = nbformat.v4.new_notebook(cells=cells, metadata=released.metadata)
    return run


def _restore_deleted(
    cells: list[Any], released: nbformat.NotebookNode, locked: dict[str, Any], seen: set[str]
) -> None:
    """Put each deleted locked code cell back after the cell that precedes it in the release."""
    previous: str | None = None
    for cell in released.cells:
        grade_id = _grade_id(cell)
        if grade_id in locked and grade_id not in seen and cell.cell_type == "code":
            at = _position_after(cells, previous)
            cells.insert(at, _fresh(locked[grade_id]))
            seen.add(grade_id)
        if grade_id and any(_grade_id(c) == grade_id for c in cells):
            previous = grade_id


def _position_after(cells: list[Any], grade_id: str | None) -> int:
    if grade_id is None:
        return 0
    for index, cell in enumerate(cells):
        if _grade_id(cell) == grade_id:
            return index + 1
    return len(cells)


def _fresh(cell: Any) -> Any:
    """A copy without outputs: what the student's kernel printed before is not evidence."""
    copy = nbformat.from_dict(json.loads(json.dumps(cell)))
    if copy.cell_type == "code":
        copy.outputs = []
        copy.execution_count = None
    return copy


def _nbgrader(cell: Any) -> dict[str, Any]:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return meta if isinstance(meta, dict) else {}


def _grade_id(cell: Any) -> str:
    return str(_nbgrader(cell).get("grade_id", ""))


def _is_locked(cell: Any) -> bool:
    meta = _nbgrader(cell)
    return bool(meta.get("locked")) and not meta.get("solution")


def _is_test(cell: Any) -> bool:
    meta = _nbgrader(cell)
    return bool(meta.get("grade")) and not meta.get("solution")


def notebook_fingerprint(path: Path) -> str:
    """sha256 of a submitted notebook, or empty when there is none: what "unchanged" means."""
    return sha256_of(path) if path.is_file() else ""


def released_notebook(path: Path) -> nbformat.NotebookNode:
    """Read the released (student) version of an assignment notebook."""
    return nbformat.read(path, as_version=4)
