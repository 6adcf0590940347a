"""Score a hand-in: run the exercise's checks on the artifacts and award each question.

This is the one place a grade is computed. The notebook's test cells call it (for
the student's feedback and nbgrader's points) and the classroom grader calls it in a
separate process on the same artifacts, so both always agree.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from autograder.chapters import DEFAULT_SITE_URL
from autograder.checks.pipeline import BLOCKED_BY
from autograder.exercises.artifacts import Artifacts, load_artifacts
from autograder.exercises.assignments import Assignment, Question, get_assignment
from autograder.results import CheckResult, Report, Verdict


@dataclass(frozen=True)
class QuestionScore:
    """One question's outcome."""

    question: str
    """The question's key."""
    title: str
    """What was graded, for people."""
    points: int
    """Points earned: all of the question's points, or none."""
    max_points: int
    """Points available."""
    results: tuple[CheckResult, ...]
    """The results of the checks the question is graded on."""

    @property
    def passed(self) -> bool:
        """True when the question earned its points."""
        return self.points == self.max_points

    def feedback(self, site_url: str = DEFAULT_SITE_URL) -> str:
        """Plain text for the student: every failed check with its explanation."""
        lines = [f"{self.title}: {self.points}/{self.max_points} points."]
        for result in self.results:
            if _failed(result):
                lines.append(f"- {result.title}: {result.summary}")
                if result.diagnosis is not None:
                    lines.extend(
                        f"  {line}" for line in result.diagnosis.as_text(site_url).splitlines()
                    )
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable view."""
        return {
            "question": self.question,
            "title": self.title,
            "points": self.points,
            "max_points": self.max_points,
            "checks": [result.check for result in self.results],
        }


@dataclass(frozen=True)
class Scorecard:
    """Every question's score for one hand-in, with the full report behind it."""

    assignment: str
    """The assignment key."""
    seed: int
    """The seed the checks ran with."""
    questions: tuple[QuestionScore, ...]
    """The questions, in notebook order."""
    report: Report
    """Every check's result."""

    @property
    def points(self) -> int:
        """Points earned."""
        return sum(q.points for q in self.questions)

    @property
    def max_points(self) -> int:
        """Points available."""
        return sum(q.max_points for q in self.questions)

    def question(self, key: str) -> QuestionScore:
        """Return one question's score by key."""
        for question in self.questions:
            if question.question == key:
                return question
        raise KeyError(f"no question {key!r} in {self.assignment}")

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable view (the report included)."""
        return {
            "assignment": self.assignment,
            "seed": self.seed,
            "points": self.points,
            "max_points": self.max_points,
            "questions": [q.to_dict() for q in self.questions],
            "report": self.report.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Scorecard:
        """Rebuild a scorecard, validating it against the assignment's questions.

        Raises:
            ValueError: the data is not a scorecard.
        """
        try:
            report = Report.from_dict(data["report"])
            assignment = get_assignment(str(data["assignment"]))
            return award(assignment, report, int(data["seed"]))
        except (KeyError, TypeError) as error:
            raise ValueError(f"not a scorecard: missing or malformed {error}") from error


def award(assignment: Assignment, report: Report, seed: int) -> Scorecard:
    """Turn a report into points: a question earns its points when none of its checks failed."""
    by_id = {result.check: result for result in report.results}
    questions = tuple(_score(question, by_id) for question in assignment.questions)
    return Scorecard(assignment.key, seed, questions, report)


def _score(question: Question, by_id: Mapping[str, CheckResult]) -> QuestionScore:
    results = tuple(by_id[check] for check in question.checks if check in by_id)
    missing = [check for check in question.checks if check not in by_id]
    failed = missing or any(_failed(result) for result in results)
    return QuestionScore(
        question.key, question.title, 0 if failed else question.points, question.points, results
    )


def _failed(result: CheckResult) -> bool:
    """A failure, or a skip because a prerequisite failed (a skip for "not applicable" is fine)."""
    return result.verdict is Verdict.FAIL or (
        result.verdict is Verdict.SKIP and BLOCKED_BY in result.figures
    )


def score_artifacts(
    directory: str | os.PathLike[str], assignment: str | Assignment, *, seed: int
) -> Scorecard:
    """Load a hand-in (safe mode, no student code) and score it.

    Raises:
        ArtifactError: the hand-in is missing or cannot be loaded safely.
    """
    spec = get_assignment(assignment)
    return score_loaded(load_artifacts(directory, assignment=spec.key), spec, seed=seed)


def score_loaded(artifacts: Artifacts, assignment: Assignment, *, seed: int) -> Scorecard:
    """Score an already loaded hand-in."""
    from autograder.checks.exercise import exercise_pipeline
    from autograder.checks.pipeline import run_pipeline
    from autograder.checks.submission import Submission

    arrays = artifacts.arrays
    submission = Submission(
        model=artifacts.model,
        task=assignment.task,
        x_train=np.asarray(arrays["x_train"]),
        y_train=np.asarray(arrays["y_train"]),
        x_test=np.asarray(arrays["x_test"]),
        y_test=np.asarray(arrays["y_test"]),
        seed=seed,
    )
    checks_needed = {check for question in assignment.questions for check in question.checks}
    pipeline = exercise_pipeline(
        assignment.required_shapes, as_handed_in="training.as-handed-in" in checks_needed
    )
    # The as-handed-in check must see the weights exactly as handed in: it runs before
    # anything trains (the progress check trains a fresh copy, never the model itself).
    report = run_pipeline(submission, pipeline)
    return award(assignment, report, seed)
