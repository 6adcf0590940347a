"""Run an ordered tuple of checks; a crash in one never loses the others."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from autograder.checks.submission import Submission
from autograder.diagnose.explain import explain_error
from autograder.results import CheckResult, Report, Verdict

BLOCKED_BY = "blocked_by"
"""Figure naming the failed prerequisites of a skipped check (a skip that counts as failed)."""


@dataclass(frozen=True)
class Check:
    """One step of a pipeline."""

    id: str
    """Stable identifier, e.g. ``structure.output-shape``."""
    title: str
    """What is checked, for people."""
    run: Callable[[Submission], CheckResult]
    """The check itself."""
    requires: tuple[str, ...] = ()
    """Checks that must not have failed for this one to make sense."""


def run_pipeline(submission: Submission, checks: Sequence[Check]) -> Report:
    """Run ``checks`` in order and collect their results into a report.

    A check whose prerequisite failed is skipped with the reason. A check that raises
    (the student's model crashed inside it) becomes a failure carrying the diagnosis
    of that exception; the remaining checks still run.
    """
    results: dict[str, CheckResult] = {}
    for check in checks:
        blocked = [r for r in check.requires if r in results and _blocks(results[r])]
        if blocked:
            results[check.id] = CheckResult(
                check.id,
                check.title,
                Verdict.SKIP,
                f"Not run: it needs {', '.join(blocked)} to pass first.",
                {BLOCKED_BY: ", ".join(blocked)},
            )
            continue
        try:
            results[check.id] = check.run(submission)
        except Exception as error:  # the student's model may raise anything
            diagnosis = explain_error(error)
            results[check.id] = CheckResult(
                check.id,
                check.title,
                Verdict.FAIL,
                f"The model raised {type(error).__name__} during this check.",
                diagnosis=diagnosis,
            )
    return Report(submission.task.key, tuple(results.values()))


def _blocks(result: CheckResult) -> bool:
    return result.verdict in (Verdict.FAIL, Verdict.SKIP)
