"""Execute the book's notebooks and enforce what each cell is documented to do.

Every claim the course makes about TensorFlow is an execution this harness repeats:
a cell tagged ``raises-exception`` must raise the documented class with a message
matching the documented pattern; any other error fails the notebook; a training claim
is an assertion in the notebook itself (``autograder.book.claims``), so it fails like
any other error when TensorFlow's behaviour drifts. The report names the cell.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

from autograder.book.intent import CellMetadataError, expected_error
from autograder.errors import ClinicError

DEFAULT_CELL_TIMEOUT = 300
"""Seconds one cell may run before the notebook fails (training cells included)."""

KERNEL_ENVIRONMENT: Mapping[str, str] = {
    # Without this, TensorFlow prints a oneDNN banner into the first cell's output,
    # and oneDNN's reordered float sums make documented numbers drift between runs.
    "TF_ENABLE_ONEDNN_OPTS": "0",
    # C++ start-up logs ("Could not find cuda drivers") are noise on every page.
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "PYTHONHASHSEED": "0",
}
"""Environment of every kernel the harness starts, for clean, reproducible outputs."""


@dataclass(frozen=True)
class CellFailure:
    """One cell that did not do what it is documented to do."""

    cell: int
    """Index of the cell in the notebook (0-based, markdown cells included)."""
    reason: str
    """What was expected and what happened, in words."""
    source: str
    """The first line of the cell's source, to find it at a glance."""

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable view."""
        return {"cell": self.cell, "reason": self.reason, "source": self.source}


@dataclass(frozen=True)
class NotebookReport:
    """The outcome of executing one notebook under the harness."""

    path: Path
    """The notebook that was executed."""
    seconds: float
    """Wall-clock execution time."""
    failures: tuple[CellFailure, ...] = ()
    """Every cell that broke its documented intent; empty when the notebook passed."""
    expected_errors: int = 0
    """How many cells raised their documented error (a pinned claim each)."""
    notebook: Any = field(default=None, repr=False, compare=False)
    """The executed notebook (``nbformat.NotebookNode``), outputs included."""

    @property
    def passed(self) -> bool:
        """True when every cell did what it is documented to do."""
        return not self.failures

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable view (without the executed notebook)."""
        return {
            "path": str(self.path),
            "passed": self.passed,
            "seconds": round(self.seconds, 2),
            "expected_errors": self.expected_errors,
            "failures": [failure.to_dict() for failure in self.failures],
        }

    def describe(self) -> str:
        """Return a terminal-friendly summary, one line per failing cell."""
        head = f"{'PASS' if self.passed else 'FAIL'} {self.path} ({self.seconds:.1f} s)"
        lines = [f"    cell {f.cell} [{f.source}]: {f.reason}" for f in self.failures]
        return "\n".join([head, *lines])


def execute_notebook(
    path: Path,
    *,
    cell_timeout: int = DEFAULT_CELL_TIMEOUT,
    kernel_name: str = "python3",
) -> NotebookReport:
    """Execute ``path`` in a fresh kernel, in its own folder, and check every cell's intent.

    Raises:
        ClinicError: the file is not a readable notebook.
    """
    try:
        notebook = nbformat.read(path, as_version=4)
    except Exception as error:  # nbformat raises several unrelated classes
        raise ClinicError(f"Cannot read notebook {path}: {error}") from error

    failures = _metadata_failures(notebook, path)
    if failures:
        return NotebookReport(path, 0.0, tuple(failures), notebook=notebook)

    client = NotebookClient(
        notebook,
        timeout=cell_timeout,
        kernel_name=kernel_name,
        allow_errors=False,
        record_timing=False,
        resources={"metadata": {"path": str(path.parent.resolve())}},
        # TensorFlow's C++ start-up logs ("Could not find cuda drivers") are written to the
        # process's stderr before any setting can silence them; keep OS-level output out
        # of the notebook so pages show what Python printed, not library noise.
        extra_arguments=["--IPKernelApp.capture_fd_output=False"],
    )
    start = time.perf_counter()
    with temporary_environment(KERNEL_ENVIRONMENT):
        try:
            client.execute()
        except CellTimeoutError:
            failures.append(_failure_at_running_cell(notebook, f"timed out after {cell_timeout} s"))
        except DeadKernelError as error:
            failures.append(_failure_at_running_cell(notebook, f"the kernel died: {error}"))
        except CellExecutionError as error:
            failures.append(
                _failure_at_first_unexpected_error(notebook, f"{error.ename}: {error.evalue}")
            )
    seconds = time.perf_counter() - start
    expected = 0
    if not failures:
        failures, expected = _check_expected_errors(notebook, path)
    return NotebookReport(path, seconds, tuple(failures), expected, notebook)


def _metadata_failures(notebook: Any, path: Path) -> list[CellFailure]:
    failures = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        try:
            expected_error(cell, f"{path.name}, cell {index}")
        except CellMetadataError as error:
            failures.append(CellFailure(index, str(error), _first_line(cell)))
    return failures


def _check_expected_errors(notebook: Any, path: Path) -> tuple[list[CellFailure], int]:
    failures: list[CellFailure] = []
    matched = 0
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        expectation = expected_error(cell, f"{path.name}, cell {index}")
        ename, evalue = _raised(cell)
        if expectation is None:
            continue
        reason = expectation.explain_mismatch(ename, evalue)
        if reason is None:
            matched += 1
        else:
            failures.append(CellFailure(index, reason, _first_line(cell)))
    return failures, matched


def _raised(cell: Any) -> tuple[str | None, str | None]:
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            return output.get("ename"), output.get("evalue")
    return None, None


def _failure_at_first_unexpected_error(notebook: Any, reason: str) -> CellFailure:
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        ename, _ = _raised(cell)
        if ename is not None and expected_error(cell, "") is None:
            return CellFailure(index, f"unexpected error: {reason}", _first_line(cell))
    return CellFailure(-1, f"unexpected error: {reason}", "")


def _failure_at_running_cell(notebook: Any, reason: str) -> CellFailure:
    # nbclient stops at the failing cell: it is the last code cell with an execution count.
    ran = [i for i, c in enumerate(notebook.cells) if c.cell_type == "code" and c.execution_count]
    index = ran[-1] if ran else -1
    source = _first_line(notebook.cells[index]) if ran else ""
    return CellFailure(index, reason, source)


def _first_line(cell: Any) -> str:
    lines = [line for line in str(cell.source).splitlines() if line.strip()]
    return lines[0][:80] if lines else ""


@contextlib.contextmanager
def temporary_environment(values: Mapping[str, str]) -> Iterator[None]:
    """Set environment variables for kernels started inside the block, then restore."""
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
