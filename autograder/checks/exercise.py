"""Checks that only make sense for a graded exercise: the data is the grading subset,
the architecture is the one asked for, and the model as handed in keeps its training.

They complete the standard pipeline (``exercise_pipeline``): the standard checks ask
"does this model work?", these ask "is it this exercise's answer?".
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

import numpy as np

from autograder.checks.data import class_indices
from autograder.checks.pipeline import Check
from autograder.checks.progress import accuracy, baseline_metric
from autograder.checks.shapes import shape_table
from autograder.checks.standard import ACCEPTS, STANDARD_PIPELINE
from autograder.checks.submission import Submission
from autograder.diagnose import findings
from autograder.results import CheckResult, Verdict, shape_text

MIN_REGRESSION_SHARE = 0.8
"""A forecast hand-in must keep at least this share of the subset's weeks as examples
(windowing loses the first weeks of each split, nothing more)."""
MIN_HANDED_IN_GAIN = 0.45
"""The model as handed in must beat the input-independent baseline by this much
(the calibrated margin of the progress verdict for the same task)."""
REQUIRED_SHAPES_TITLE = "The architecture the exercise asks for"


@cache
def _subset_labels(dataset: str, subset: str) -> np.ndarray:
    """The subset's labels (for a series without labels: one placeholder per step)."""
    from autograder.datasets import load_numpy

    data = load_numpy(dataset, subset)
    if isinstance(data, dict):  # a series without labels: only its length matters
        return np.zeros(len(next(iter(data.values()))))
    return np.asarray(data[1])


def check_subset(submission: Submission) -> CheckResult:
    """The arrays hold every example of the grading subsets, with their real labels."""
    task, title = submission.task, "The data is the exercise's grading subset"
    problems = []
    for name, subset, x, y in (
        ("train", "grading_train", submission.x_train, submission.y_train),
        ("test", "grading_test", submission.x_test, submission.y_test),
    ):
        if len(x) != len(y):
            problems.append(f"x_{name} has {len(x)} rows but y_{name} has {len(y)}")
            continue
        real = _subset_labels(task.dataset, subset)
        if task.kind == "classification":
            counts = np.bincount(class_indices(np.asarray(y)).astype(int), minlength=1)
            expected = np.bincount(real.astype(int), minlength=1)
            if len(y) != len(real) or not np.array_equal(
                _pad(counts, expected), _pad(expected, counts)
            ):
                problems.append(
                    f"y_{name} has {len(y)} labels with class counts {counts.tolist()}; "
                    f"{subset} has {len(real)} with {expected.tolist()}"
                )
        elif len(y) < MIN_REGRESSION_SHARE * len(real):
            problems.append(
                f"{len(y)} {name} examples from the {len(real)} weeks of {subset} "
                f"(at least {int(MIN_REGRESSION_SHARE * len(real))} expected)"
            )
    if problems:
        where = "; ".join(problems)
        return CheckResult(
            "data.subset",
            title,
            Verdict.FAIL,
            f"The arrays are not the grading subsets: {where}.",
            {"problems": len(problems)},
            diagnosis=findings.not_the_grading_subset(where, task.chapter),
        )
    return CheckResult(
        "data.subset", title, Verdict.PASS, "Every example of the grading subsets is there."
    )


def _pad(values: np.ndarray, other: np.ndarray) -> np.ndarray:
    return np.pad(values, (0, max(0, len(other) - len(values))))


def check_as_handed_in(submission: Submission) -> CheckResult:
    """The handed-in weights (not a retrained copy) beat the baseline on held-out data."""
    title = "The model as handed in keeps what was trained"
    predictions = np.asarray(submission.model.predict(submission.x_test, verbose=0))
    metric = accuracy(predictions, submission.y_test)
    baseline = baseline_metric(submission)
    figures: dict[str, Any] = {"accuracy": metric, "baseline": baseline}
    summary = (
        f"Accuracy as handed in {metric:.3f} on the held-out data; the baseline scores "
        f"{baseline:.3f} and at least {baseline + MIN_HANDED_IN_GAIN:.3f} is expected."
    )
    if metric < baseline + MIN_HANDED_IN_GAIN:
        return CheckResult(
            "training.as-handed-in",
            title,
            Verdict.FAIL,
            summary,
            figures,
            diagnosis=findings.weights_not_kept(f"held-out accuracy {metric:.3f}"),
        )
    return CheckResult("training.as-handed-in", title, Verdict.PASS, summary, figures)


def required_shapes_check(shapes: Sequence[tuple[int | None, ...]]) -> Check:
    """A check that every layer's output shape is the one the exercise prescribes."""
    expected = [tuple(shape) for shape in shapes]

    def run(submission: Submission) -> CheckResult:
        title = REQUIRED_SHAPES_TITLE
        found = [row.output_shape for row in shape_table(submission.model, submission.batch())]
        text = " -> ".join(shape_text(s) for s in expected)
        figures = {"found": " -> ".join(shape_text(s) for s in found), "expected": text}
        if found != expected:
            return CheckResult(
                "structure.required-shapes",
                title,
                Verdict.FAIL,
                f"The layers output {figures['found']}; the exercise asks for {text}.",
                figures,
                diagnosis=findings.architecture_differs(f"layers output {figures['found']}", text),
            )
        return CheckResult(
            "structure.required-shapes", title, Verdict.PASS, f"The layers output {text}.", figures
        )

    return Check(
        "structure.required-shapes", "The architecture the exercise asks for", run, (ACCEPTS,)
    )


SUBSET_CHECK = Check("data.subset", "The data is the exercise's grading subset", check_subset)
AS_HANDED_IN_CHECK = Check(
    "training.as-handed-in",
    "The model as handed in keeps what was trained",
    check_as_handed_in,
    requires=("structure.output-shape",),
)


def exercise_pipeline(
    required_shapes: Sequence[tuple[int | None, ...]] = (), *, as_handed_in: bool = False
) -> tuple[Check, ...]:
    """The standard pipeline plus the exercise's own checks, in order."""
    extra: list[Check] = [SUBSET_CHECK]
    if required_shapes:
        extra.append(required_shapes_check(required_shapes))
    if as_handed_in:
        extra.append(AS_HANDED_IN_CHECK)
    return (*STANDARD_PIPELINE, *extra)
