"""The graded assignments: one per scenario, each a set of questions worth points.

An assignment's key is its nbgrader assignment id and its folder name in
``solutions/`` and ``exercises/``. Each question groups the checks it is graded on;
a question earns its points when none of its checks fails. The points here and the
points in the notebook's test cells must agree (a test checks it), so a grade
computed from the artifacts outside the notebook equals nbgrader's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from autograder.errors import ClinicError, did_you_mean
from autograder.tasks import Task, get_task


@dataclass(frozen=True)
class Question:
    """One graded question: a test cell in the notebook, a set of checks in the grader."""

    key: str
    """Stable identifier, also the test cell's nbgrader ``grade_id`` (``test_<key>``)."""
    title: str
    """What is graded, for people."""
    points: int
    """Points earned when none of the checks fails."""
    checks: tuple[str, ...]
    """Identifiers of the checks this question is graded on."""


DATA = Question(
    "data",
    "The prepared data: dtypes, scale, labels and the grading subset",
    2,
    (
        "data.dtype",
        "data.finite",
        "data.scale",
        "data.labels",
        "data.mask",
        "data.leakage",
        "data.subset",
    ),
)
SHAPES = Question(
    "shapes",
    "The model's shapes, layer by layer",
    3,
    ("structure.accepts-input", "structure.shape-table", "structure.output-shape"),
)
LOSS = Question("loss", "Loss, output and labels fit each other", 1, ("loss.fit",))
LEARNS = Question("learns", "Training makes real progress", 4, ("training.progress",))


@dataclass(frozen=True)
class Assignment:
    """One nbgrader assignment."""

    key: str
    """The nbgrader assignment id and folder name, e.g. ``01-dense-on-images``."""
    task_key: str
    """The task the student's model is checked on (also names the chapter)."""
    questions: tuple[Question, ...]
    """The graded questions, in notebook order."""
    grading_seed: int
    """The seed the hidden tests (and the grade) use; the visible tests use seed 0."""
    notebook: str = "exercise"
    """The notebook's file stem inside the assignment folder."""
    required_shapes: tuple[tuple[int | None, ...], ...] = ()
    """When the exercise prescribes an architecture: every layer's output shape, in order."""

    @property
    def task(self) -> Task:
        """The task the student's model is checked on."""
        return get_task(self.task_key)

    @property
    def max_points(self) -> int:
        """The assignment's total."""
        return sum(question.points for question in self.questions)

    def question(self, key: str) -> Question:
        """Return one question by key.

        Raises:
            ClinicError: no such question, with a "did you mean".
        """
        for question in self.questions:
            if question.key == key:
                return question
        known = [q.key for q in self.questions]
        raise ClinicError(
            f"Assignment {self.key} has no question {key!r}.{did_you_mean(key, known)} "
            f"Its questions: {', '.join(known)}."
        )


RESTORED = Question(
    "restored",
    "The handed-in model keeps what was trained",
    5,
    ("training.as-handed-in", "structure.required-shapes"),
)

_ASSIGNMENTS = (
    Assignment("01-dense-on-images", "dense-on-images", (DATA, SHAPES, LOSS, LEARNS), 1101),
    Assignment("02-time-series-reshape", "time-series-reshape", (DATA, SHAPES, LOSS, LEARNS), 1202),
    Assignment("03-ragged-sequences", "ragged-sequences", (DATA, SHAPES, LOSS, LEARNS), 1303),
    Assignment(
        "04-layer-surgery",
        "layer-surgery",
        (
            Question(DATA.key, DATA.title, 1, DATA.checks),
            Question(SHAPES.key, SHAPES.title, 1, SHAPES.checks),
            LOSS,
            RESTORED,
            Question(LEARNS.key, LEARNS.title, 2, LEARNS.checks),
        ),
        1404,
        required_shapes=((None, 28, 28, 1), (None, 784), (None, 128), (None, 64), (None, 10)),
    ),
    Assignment("05-unscaled-data", "unscaled-data", (DATA, SHAPES, LOSS, LEARNS), 1505),
    Assignment("06-mistyped-data", "mistyped-data", (DATA, SHAPES, LOSS, LEARNS), 1606),
)

ASSIGNMENTS: Mapping[str, Assignment] = MappingProxyType({a.key: a for a in _ASSIGNMENTS})
"""Every assignment by key, in course order."""


def get_assignment(key: str | Assignment) -> Assignment:
    """Return an assignment by key (an ``Assignment`` is returned as is).

    Raises:
        ClinicError: unknown key, with a "did you mean" and the known keys.
    """
    if isinstance(key, Assignment):
        return key
    try:
        return ASSIGNMENTS[key]
    except KeyError:
        raise ClinicError(
            f"Unknown assignment {key!r}.{did_you_mean(key, ASSIGNMENTS)} "
            f"Known assignments: {', '.join(ASSIGNMENTS)}."
        ) from None
