"""What an exercise notebook calls: ``hand_in`` (save and self-check) and ``grade`` (test cells).

``hand_in`` writes the artifacts (the contract in ``artifacts``) and shows the
visible self-check: every question's points at seed 0, what is wrong, where, and
which chapter to read. ``grade`` is what the test cells assert on; it reloads the
artifacts from disk in safe mode, so what is tested is exactly what was handed in.
Results are cached per hand-in and seed: the checks run once, however many test
cells ask.
"""

from __future__ import annotations

import contextlib
import html
import io
import os
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from autograder.exercises.artifacts import (
    ARTIFACTS_DIR,
    ArtifactError,
    load_artifacts,
    save_artifacts,
    verify_artifacts,
)
from autograder.exercises.assignments import get_assignment
from autograder.exercises.scoring import QuestionScore, Scorecard, score_loaded
from autograder.render.html import report_html
from autograder.render.text import report_text

VISIBLE_SEED = 0
"""The seed of the self-check and the visible tests (the grade uses the assignment's own)."""
GRADING_ENV = "KERAS_CLINIC_GRADING"
"""Set (to ``1``) by the grader: every test then uses the grading seed, and the hand-in
skips the self-check, so each check runs once per submission."""

_cache: dict[tuple[str, int], Scorecard] = {}
_handed_in: dict[str, str] = {}


class ShownScorecard(Scorecard):
    """A scorecard that shows itself as a table in Jupyter and as text elsewhere."""

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(q.title)}</td><td>{q.points}/{q.max_points}</td></tr>"
            for q in self.questions
        )
        return (
            f"<p><strong>Self-check of {html.escape(self.assignment)}: {self.points}/"
            f"{self.max_points} points at seed {self.seed}</strong> (advice: the grade is "
            "computed from your hand-in by the course's grader)</p>"
            f"<table><tr><th>question</th><th>points</th></tr>{rows}</table>"
            + report_html(self.report)
        )

    def __str__(self) -> str:
        lines = [f"Self-check of {self.assignment}: {self.points}/{self.max_points} points"]
        lines += [f"  {q.points}/{q.max_points}  {q.title}" for q in self.questions]
        return "\n".join(lines) + "\n\n" + report_text(self.report)


def hand_in(
    model: Any,
    x_train: Any,
    y_train: Any,
    x_test: Any,
    y_test: Any,
    *,
    assignment: str,
    directory: str | os.PathLike[str] = ARTIFACTS_DIR,
    check: bool = True,
) -> ShownScorecard | Path:
    """Hand in the model and the prepared arrays, then self-check them.

    Args:
        model: the compiled ``keras.Model`` (as trained so far, if at all).
        x_train, y_train, x_test, y_test: the prepared arrays.
        assignment: the assignment's key, e.g. ``"01-dense-on-images"``.
        directory: where the artifacts go (beside the notebook by default).
        check: run the self-check (a few seconds of training on a copy).

    Returns:
        The self-check's scorecard, or the artifacts' folder when ``check`` is off.
    """
    spec = get_assignment(assignment)
    folder = save_artifacts(
        model,
        x_train,
        y_train,
        x_test,
        y_test,
        assignment=spec.key,
        task=spec.task_key,
        directory=directory,
    )
    _handed_in[spec.key] = str(folder)
    if not check or _grading():
        return folder
    card = _scorecard(spec.key, VISIBLE_SEED, folder)
    shown = ShownScorecard(card.assignment, card.seed, card.questions, card.report)
    if "ipykernel" not in sys.modules:
        print(shown)
    return shown


def grade(question: str, *, assignment: str | None = None, grading: bool = False) -> QuestionScore:
    """Score one question of the latest hand-in (what a test cell asserts on).

    Args:
        question: the question's key (``data``, ``shapes``, ``loss``, ``learns``…).
        assignment: the assignment's key; defaults to the one handed in last.
        grading: use the assignment's grading seed instead of the visible seed 0.

    Raises:
        ArtifactError: nothing was handed in in this kernel, or the hand-in cannot be
            loaded safely.
    """
    key = assignment or (next(reversed(_handed_in)) if _handed_in else None)
    if key is None or key not in _handed_in:
        # Only a hand-in made in this kernel counts: a folder left on disk by an earlier
        # run (or put there by hand) is never graded in place of the notebook's own work.
        raise ArtifactError(
            "Nothing was handed in in this session: run the notebook from the top, including "
            "the cell that calls hand_in(...), before the tests."
        )
    folder = Path(_handed_in[key])
    spec = get_assignment(key)
    spec.question(question)  # a typo fails loudly, not as a lost point
    seed = spec.grading_seed if grading or _grading() else VISIBLE_SEED
    return _scorecard(spec.key, seed, folder).question(question)


def _grading() -> bool:
    return os.environ.get(GRADING_ENV) == "1"


def _scorecard(assignment: str, seed: int, folder: Path) -> Scorecard:
    _, fingerprint = verify_artifacts(folder, assignment=assignment)
    key = (fingerprint, seed)
    if key not in _cache:  # load the model only for a hand-in not scored yet
        with _quiet():
            artifacts = load_artifacts(folder, assignment=assignment)
            _cache[key] = score_loaded(artifacts, get_assignment(assignment), seed=seed)
    return _cache[key]


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Keep Keras' warnings about the student's model out of the cell's output.

    What the checks found is in the scorecard; and nbgrader scores a test cell that
    wrote anything to stderr as failed, so a harmless warning would cost points.
    """
    with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
        warnings.simplefilter("ignore")
        yield
