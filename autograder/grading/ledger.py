"""The record of what has been graded: one JSON file per submission, written atomically.

The ledger is the source of truth of a grading run. A result is written here the
moment it comes back, before the gradebook is touched, so a run that is killed
part-way loses at most the submissions that were still running; the next run
skips every submission whose notebook has not changed since (same sha256) and
re-syncs the gradebook from the ledger. Nothing is graded twice.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from autograder.grading.outcome import SubmissionResult


class Ledger:
    """Results of one grading workdir: ``<workdir>/results/<assignment>/<student>.json``."""

    def __init__(self, workdir: Path) -> None:
        self.root = workdir / "results"

    def path(self, assignment: str, student: str) -> Path:
        """Where one submission's result is kept."""
        return self.root / assignment / f"{student}.json"

    def get(self, assignment: str, student: str) -> SubmissionResult | None:
        """The stored result, or None when there is none or it is unreadable (graded again)."""
        try:
            return SubmissionResult.from_dict(
                json.loads(self.path(assignment, student).read_text())
            )
        except (OSError, ValueError):
            return None

    def put(self, result: SubmissionResult) -> Path:
        """Store a result atomically: a reader sees the old file or the new one, never half."""
        path = self.path(result.assignment, result.student)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "w") as out:
            json.dump(result.to_dict(), out, indent=1, sort_keys=True)
            out.flush()
            os.fsync(out.fileno())
        Path(tmp).replace(path)
        return path

    def results(self, assignment: str | None = None) -> Iterator[SubmissionResult]:
        """Every stored result (of one assignment), sorted by assignment then student."""
        pattern = f"{assignment}/*.json" if assignment else "*/*.json"
        for path in sorted(self.root.glob(pattern)):
            result = self.get(path.parent.name, path.stem)
            if result is not None:
                yield result
