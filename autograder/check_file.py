"""``clinic check PATH``: run a student's notebook or script, collect its self-check reports.

The file runs as the student would run it (a notebook in a fresh kernel, a script in
a fresh interpreter); every ``autograder.check(...)`` call in it appends its report
to a JSON-lines file named by ``CLINIC_REPORT_FILE``, which is read back and
validated here. An error in the student's code is reported with its diagnosis, after
the reports of the checks that did run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from autograder.diagnose.diagnosis import Diagnosis
from autograder.diagnose.explain import explain_error
from autograder.errors import ClinicError
from autograder.results import Report
from autograder.selfcheck import REPORT_FILE_ENV

DEFAULT_TIMEOUT = 600


@dataclass(frozen=True)
class FileCheck:
    """What running one file produced."""

    path: Path
    """The notebook or script that was run."""
    reports: tuple[Report, ...]
    """Every self-check report it produced, in order."""
    error: Diagnosis | None
    """The diagnosis of the error that stopped the file, if one did."""

    @property
    def passed(self) -> bool:
        """True when the file ran to the end, checked something, and every check passed."""
        return self.error is None and bool(self.reports) and all(r.passed for r in self.reports)


def check_file(path: Path, *, timeout: int = DEFAULT_TIMEOUT) -> FileCheck:
    """Run ``path`` (``.ipynb`` or ``.py``) and collect the reports it produced.

    Raises:
        ClinicError: the file does not exist or is neither a notebook nor a script.
    """
    if not path.is_file():
        raise ClinicError(f"No such file: {path}")
    if path.suffix not in (".ipynb", ".py"):
        raise ClinicError(
            f"Cannot check {path}: expected a notebook (.ipynb) or a Python script (.py). "
            f"Received: suffix={path.suffix!r}"
        )
    with tempfile.TemporaryDirectory(prefix="clinic-check-") as scratch:
        report_file = Path(scratch) / "reports.jsonl"
        report_file.touch()
        environment = {**os.environ, REPORT_FILE_ENV: str(report_file)}
        runner = _run_notebook if path.suffix == ".ipynb" else _run_script
        error = runner(path, environment, timeout)
        reports = tuple(
            Report.from_dict(json.loads(line))
            for line in report_file.read_text().splitlines()
            if line.strip()
        )
    return FileCheck(path, reports, error)


def _run_script(path: Path, environment: dict[str, str], timeout: int) -> Diagnosis | None:
    try:
        completed = subprocess.run(
            [sys.executable, str(path.resolve())],
            cwd=path.parent,
            env=environment,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return explain_error(f"the script ran longer than {timeout} s", "TimeoutError")
    sys.stdout.write(completed.stdout)
    if completed.returncode == 0:
        return None
    last = [line for line in completed.stderr.strip().splitlines() if line.strip()]
    name, _, message = (last[-1] if last else "Error: exit status").partition(": ")
    return explain_error(message or name, name if message else "Error")


def _run_notebook(path: Path, environment: dict[str, str], timeout: int) -> Diagnosis | None:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    from autograder.book.harness import temporary_environment

    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent.resolve())}},
    )
    # The kernel inherits this process's environment, report file included.
    with temporary_environment({REPORT_FILE_ENV: environment[REPORT_FILE_ENV]}):
        try:
            client.execute()
        except CellExecutionError as error:
            return explain_error(str(error.evalue), error.ename)
        except (CellTimeoutError, DeadKernelError) as error:
            return explain_error(str(error), type(error).__name__)
    return None
