"""Build classes of submissions for the grading tests, in nbgrader's collected layout.

Submissions are made from the course's own notebooks (the instructor solution, or
the released starting point) with cells added or removed, the way a student would.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat

from autograder.exercises.assignments import ASSIGNMENTS
from autograder.grading import Course, GradingOptions
from autograder.sandbox.process import Limits
from tests.conftest import REPO_ROOT

SAMPLE_CLASS = REPO_ROOT / "examples" / "sample-class"
EXPECTED = SAMPLE_CLASS / "expected-scores.csv"
TIMEOUT = 40
"""Seconds per notebook: the slowest legitimate one (04, which trains in its setup cell on
one thread) takes about 17 with two graded at once."""


def options(**changes) -> GradingOptions:
    """The grading options of the tests: 2 workers, bwrap when it works here."""
    limits = Limits(wall_s=TIMEOUT, memory_mib=3072, cpu_s=4 * TIMEOUT)
    return GradingOptions(**{"limits": limits, "workers": 2, **changes})


def notebook_path(submissions: Path, student: str, key: str) -> Path:
    path = submissions / student / key / f"{ASSIGNMENTS[key].notebook}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def solution(key: str) -> nbformat.NotebookNode:
    return nbformat.read(REPO_ROOT / "solutions" / key / "exercise.ipynb", as_version=4)


def starter(key: str) -> nbformat.NotebookNode:
    return nbformat.read(REPO_ROOT / "exercises" / key / "exercise.ipynb", as_version=4)


def submit(
    submissions: Path,
    student: str,
    key: str,
    notebook: nbformat.NotebookNode,
    *,
    extra_cell: str | None = None,
    drop: tuple[str, ...] = (),
) -> Path:
    """Write ``notebook`` as a student's submission, with a cell of theirs after the setup."""
    notebook = nbformat.from_dict(notebook)
    cells = [c for c in notebook.cells if not _grade_id(c).startswith(drop or ("\0",))]
    if extra_cell is not None:
        at = [_grade_id(c) for c in cells].index("setup") + 1
        cells.insert(at, nbformat.v4.new_code_cell(extra_cell))
    notebook.cells = cells
    path = notebook_path(submissions, student, key)
    nbformat.write(notebook, path)
    return path


def copy_sample_class(destination: Path, students=None, assignments=None) -> Path:
    """Copy (part of) the sample class, plus a ``reference`` student with the solutions."""
    for key in assignments or ASSIGNMENTS:
        for folder in sorted(SAMPLE_CLASS.glob(f"*/{key}")):
            if students is None or folder.parent.name in students:
                shutil.copytree(folder, destination / folder.parent.name / key)
        if students is None or "reference" in students:
            submit(destination, "reference", key, solution(key))
    return destination


def course(root: Path, submissions: Path, **fields) -> Course:
    return Course(root / "work", submissions, **fields)


def _grade_id(cell) -> str:
    return str(cell.metadata.get("nbgrader", {}).get("grade_id", ""))
