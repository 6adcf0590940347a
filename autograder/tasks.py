"""What a student's model is supposed to do, per exercise: the task it is checked on.

A task names the real dataset, what kind of prediction is expected, the input-
independent baseline the model must beat, and the chapter that teaches the
scenario. Checks read everything task-specific from here, so adding a scenario is
one entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from autograder.errors import ClinicError, did_you_mean

Kind = Literal["classification", "regression"]
Baseline = Literal["majority", "mean", "persistence"]


@dataclass(frozen=True)
class Task:
    """One exercise's prediction task."""

    key: str
    """Stable identifier (the chapter key of the scenario)."""
    title: str
    """What the model predicts, for people."""
    dataset: str
    """The real dataset the task's data comes from."""
    kind: Kind
    """Classification (class probabilities or logits) or regression (one number)."""
    num_classes: int | None
    """Number of classes for classification; ``None`` for regression."""
    baseline: Baseline
    """The input-independent predictor a model must beat: the most frequent class, the
    mean of the training targets, or the last observed value (for forecasts)."""
    chapter: str
    """Key of the chapter that teaches this scenario."""


_TASKS = (
    Task(
        "dense-on-images",
        "Classify Fashion-MNIST images into 10 kinds of clothing",
        "fashion_mnist",
        "classification",
        10,
        "majority",
        "dense-on-images",
    ),
    Task(
        "time-series-reshape",
        "Forecast next week's change in CO2 at Mauna Loa from a window of past weeks",
        "mauna_loa_co2",
        "regression",
        None,
        "persistence",
        "time-series-reshape",
    ),
    Task(
        "ragged-sequences",
        "Identify the speaker of a variable-length Japanese vowel utterance",
        "japanese_vowels",
        "classification",
        9,
        "majority",
        "ragged-sequences",
    ),
    Task(
        "layer-surgery",
        "Classify Fashion-MNIST images after changing a trained model's layers",
        "fashion_mnist",
        "classification",
        10,
        "majority",
        "layer-surgery",
    ),
    Task(
        "unscaled-data",
        "Diagnose breast tumours as malignant or benign from 30 raw measurements",
        "breast_cancer_wisconsin",
        "classification",
        2,
        "majority",
        "unscaled-data",
    ),
    Task(
        "mistyped-data",
        "Diagnose breast tumours with correctly typed inputs, labels and loss",
        "breast_cancer_wisconsin",
        "classification",
        2,
        "majority",
        "mistyped-data",
    ),
)

TASKS: Mapping[str, Task] = MappingProxyType({task.key: task for task in _TASKS})
"""Every task by key, in course order."""


def get_task(key: str | Task) -> Task:
    """Return a task by key (a ``Task`` is returned as is).

    Raises:
        ClinicError: unknown key, with a "did you mean".
    """
    if isinstance(key, Task):
        return key
    try:
        return TASKS[key]
    except KeyError:
        raise ClinicError(
            f"Unknown task {key!r}.{did_you_mean(key, TASKS)} Known tasks: {', '.join(TASKS)}."
        ) from None
