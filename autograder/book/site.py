"""Build the course site: verify every notebook, then render the executed copies.

The harness (not Jupyter Book) executes the notebooks, because it enforces what each
cell is meant to do. Jupyter Book then renders a staged copy of the book in which
every notebook carries the outputs the harness produced; the sources in ``book/``
stay stripped. Executed notebooks are cached under ``_build/executed`` with a key
that covers the notebook, the ``autograder`` package, the pinned dataset versions and
the TensorFlow/Keras versions, so a change to any of them re-executes the notebook.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import nbformat

import autograder
from autograder.book.harness import DEFAULT_CELL_TIMEOUT, NotebookReport, execute_notebook
from autograder.book.notebooks import BOOK_DIR, book_notebooks
from autograder.datasets.registry import DATASETS
from autograder.errors import ClinicError

CONFIG_FILES = ("_config.yml", "_toc.yml")
BUILD_DIR = "_build"
EXECUTED_DIR = "executed"
STAGE_DIR = "source"


class BookCheckError(ClinicError):
    """One or more notebooks did not do what the book says they do."""

    def __init__(self, reports: Sequence[NotebookReport]) -> None:
        self.reports = tuple(reports)
        failed = [report for report in reports if not report.passed]
        details = "\n".join(report.describe() for report in failed)
        super().__init__(
            f"{len(failed)} of {len(reports)} notebooks failed the harness:\n{details}"
        )


def check_book(
    *,
    root: Path = Path(),
    notebooks: Sequence[Path] = (),
    use_cache: bool = True,
    cell_timeout: int = DEFAULT_CELL_TIMEOUT,
    on_report: Callable[[NotebookReport], None] | None = None,
) -> list[NotebookReport]:
    """Execute the book's notebooks (or the given ones) under the harness.

    Passing notebooks are cached (executed copy + key) for ``build_site``. A failing
    notebook never is, so it is retried on the next run.

    Raises:
        BookCheckError: after every notebook ran, if any failed.
    """
    root = _require_root(root)
    paths = [Path(p).resolve() for p in notebooks] or book_notebooks(root)
    reports = []
    for path in paths:
        key = execution_key(root, path)
        report = _cached_report(root, path, key) if use_cache else None
        if report is None:
            report = execute_notebook(path, cell_timeout=cell_timeout)
            if report.passed:
                _store(root, path, report, key)
        reports.append(report)
        if on_report is not None:
            on_report(report)
    if not all(report.passed for report in reports):
        raise BookCheckError(reports)
    return reports


def build_site(
    *,
    root: Path = Path(),
    builder: str = "html",
    use_cache: bool = True,
    on_report: Callable[[NotebookReport], None] | None = None,
) -> Path:
    """Verify every notebook, then build the site into ``root/_build/<builder>``.

    The build runs with ``--warningiserror --nitpick --keep-going``: a broken cross
    reference or a page missing from the table of contents fails it, but every
    warning is reported first.

    Raises:
        BookCheckError: a notebook failed the harness (nothing is rendered).
        ClinicError: ``root`` has no ``_config.yml``, jupyter-book is missing, or the
            build failed.
    """
    root = _require_root(root)
    reports = check_book(root=root, use_cache=use_cache, on_report=on_report)
    stage = _stage(root, reports)
    executable = shutil.which("jupyter-book", path=str(Path(sys.executable).parent))
    executable = executable or shutil.which("jupyter-book")
    if executable is None:
        raise ClinicError(
            "jupyter-book is not installed. Install the instructor tools with:\n"
            '    pip install "keras-clinic[book]"'
        )
    command = [
        executable,
        "build",
        str(stage),
        "--path-output",
        str(root),
        "--builder",
        builder,
        "--warningiserror",
        "--nitpick",
        "--keep-going",
    ]
    completed = subprocess.run(command, cwd=stage, check=False)
    if completed.returncode != 0:
        raise ClinicError(
            f"The book build failed (exit status {completed.returncode}); "
            "the warnings above name the pages. Command: " + " ".join(command)
        )
    return root / BUILD_DIR / builder


def execution_key(root: Path, notebook: Path) -> str:
    """Return the cache key of a notebook's execution.

    It covers what can change an output: the notebook's cells (outputs ignored), every
    file of the ``autograder`` package, the pinned dataset versions, and the versions
    of TensorFlow, Keras and TensorFlow Datasets.
    """
    digest = hashlib.sha256()
    cells = nbformat.read(notebook, as_version=4).cells
    digest.update(
        json.dumps(
            [[c.cell_type, c.source, c.get("metadata", {})] for c in cells], sort_keys=True
        ).encode()
    )
    package = Path(autograder.__file__).parent
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    for spec in DATASETS.values():
        digest.update(f"{spec.name}:{spec.version}".encode())
    for distribution in ("tensorflow", "keras", "tensorflow-datasets"):
        digest.update(f"{distribution}=={_version(distribution)}".encode())
    return digest.hexdigest()


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "absent"


def _executed_paths(root: Path, notebook: Path) -> tuple[Path, Path]:
    relative = notebook.resolve().relative_to(root)
    executed = root / BUILD_DIR / EXECUTED_DIR / relative
    return executed, executed.with_suffix(".json")


def _cached_report(root: Path, notebook: Path, key: str) -> NotebookReport | None:
    executed, record = _executed_paths(root, notebook)
    if not (executed.is_file() and record.is_file()):
        return None
    try:
        saved = json.loads(record.read_text())
    except json.JSONDecodeError:
        return None
    if saved.get("key") != key:
        return None
    return NotebookReport(
        notebook,
        float(saved["seconds"]),
        expected_errors=int(saved["expected_errors"]),
        notebook=nbformat.read(executed, as_version=4),
    )


def _store(root: Path, notebook: Path, report: NotebookReport, key: str) -> None:
    executed, record = _executed_paths(root, notebook)
    executed.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(report.notebook, executed)
    record.write_text(json.dumps({"key": key, **report.to_dict()}, indent=2))


def _stage(root: Path, reports: Sequence[NotebookReport]) -> Path:
    """Copy the book's sources into ``_build/source``, notebooks replaced by executed ones."""
    stage = root / BUILD_DIR / STAGE_DIR
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True)
    for name in CONFIG_FILES:
        shutil.copy2(root / name, stage / name)
    shutil.copytree(root / BOOK_DIR, stage / BOOK_DIR, ignore=shutil.ignore_patterns("*.ipynb"))
    for report in reports:
        target = stage / report.path.resolve().relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(report.notebook, target)
    return stage


def _require_root(root: Path) -> Path:
    root = root.resolve()
    if not (root / CONFIG_FILES[0]).is_file():
        raise ClinicError(
            f"No {CONFIG_FILES[0]} in {root}: run this from the Keras Clinic checkout, "
            "or pass --root to it."
        )
    return root
