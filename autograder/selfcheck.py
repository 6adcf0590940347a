"""``autograder.check``: the student's self-check, in a notebook (Colab included) or a script.

It runs the same checks grading runs, on the student's own model and prepared
arrays, and shows what is wrong, where, and which chapter to read. Its verdicts are
advice: the grade is computed elsewhere, from the saved artifacts, in a process that
loads no student code.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import numpy as np

from autograder.checks.pipeline import run_pipeline
from autograder.checks.standard import STANDARD_PIPELINE, STATIC_CHECKS
from autograder.checks.submission import Submission
from autograder.render.html import report_html
from autograder.render.text import report_text
from autograder.results import Report
from autograder.tasks import Task, get_task

REPORT_FILE_ENV = "CLINIC_REPORT_FILE"
"""When set (by ``clinic check``), every report is also appended to this JSON-lines file."""


class _ShownReport(Report):
    """A report that renders itself as HTML in Jupyter and as text elsewhere."""

    def _repr_html_(self) -> str:
        return report_html(self)

    def __str__(self) -> str:
        return report_text(self)


def check(
    model: Any,
    x_train: Any,
    y_train: Any,
    x_test: Any,
    y_test: Any,
    *,
    task: str | Task,
    seed: int = 0,
    train: bool = True,
) -> Report:
    """Check a model and its prepared data against a task, and show the result.

    In a notebook, end the cell with the call (or with the report) to see it as a
    table; in a script or terminal it is printed as text.

    Args:
        model: the compiled ``keras.Model``.
        x_train, y_train, x_test, y_test: the prepared arrays (NumPy or anything
            ``np.asarray`` accepts).
        task: the exercise's task key, e.g. ``"dense-on-images"``.
        seed: the seed of the training-progress check.
        train: also run the training-progress check (a few seconds); ``False`` runs
            only the instant checks.

    Returns:
        The report: ``report.passed``, ``report.failures``, ``report.to_dict()``.
    """
    submission = Submission(
        model=model,
        task=get_task(task),
        x_train=np.asarray(x_train),
        y_train=np.asarray(y_train),
        x_test=np.asarray(x_test),
        y_test=np.asarray(y_test),
        seed=seed,
    )
    plain = run_pipeline(submission, STANDARD_PIPELINE if train else STATIC_CHECKS)
    report = _ShownReport(plain.task, plain.results)
    _record(report)
    _show(report)
    return report


def _show(report: Report) -> None:
    """Print the report outside Jupyter; in a notebook the returned report renders itself."""
    if "ipykernel" in sys.modules:
        return
    print(report_text(report))


def _record(report: Report) -> None:
    target = os.environ.get(REPORT_FILE_ENV)
    if target:
        with Path(target).open("a") as handle:
            handle.write(json.dumps(report.to_dict()) + "\n")
