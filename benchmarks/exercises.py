"""Benchmark: wall time of each exercise notebook, solution included (aim: under 60 s).

Runs every notebook in solutions/ from top to bottom in a fresh kernel (as a student
would, self-check included) and, with ``--grading``, the same notebook the way the
grader runs it (``KERAS_CLINIC_GRADING=1``: no self-check, every test at the grading
seed). Run it on an otherwise idle machine with:

    python -m benchmarks.exercises [--grading]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from autograder.exercises.assignments import ASSIGNMENTS
from autograder.exercises.handin import GRADING_ENV

ROOT = Path(__file__).resolve().parent.parent


def run(notebook: Path, *, grading: bool) -> tuple[float, int]:
    """Execute one notebook; return its wall time and the number of cells that raised."""
    nb = nbformat.read(notebook, as_version=4)
    os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
    if grading:
        os.environ[GRADING_ENV] = "1"
    else:
        os.environ.pop(GRADING_ENV, None)
    with tempfile.TemporaryDirectory() as work:
        client = NotebookClient(
            nb, timeout=300, kernel_name="python3", allow_errors=True,
            resources={"metadata": {"path": work}},
        )  # fmt: skip
        start = time.perf_counter()
        client.execute()
        elapsed = time.perf_counter() - start
    errors = sum(
        1 for cell in nb.cells for out in cell.get("outputs", []) if out.output_type == "error"
    )
    return elapsed, errors


def main() -> None:
    grading = "--grading" in sys.argv[1:]
    print(f"{'exercise':<26}{'mode':<10}{'seconds':>8}{'errors':>8}")
    for key, spec in ASSIGNMENTS.items():
        notebook = ROOT / "solutions" / key / f"{spec.notebook}.ipynb"
        if notebook.is_file():
            elapsed, errors = run(notebook, grading=grading)
            mode = "grading" if grading else "student"
            print(f"{key:<26}{mode:<10}{elapsed:>8.1f}{errors:>8}", flush=True)


if __name__ == "__main__":
    main()
