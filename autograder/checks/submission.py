"""What a check looks at: the student's model and the arrays they prepared."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from autograder.tasks import Task


@dataclass(frozen=True)
class Submission:
    """A student's model and data, checked against a task.

    The arrays are the student's own preparation of the task's fixed grading
    subsets (scaled, windowed, padded… as the exercise asks): preparing the data is
    part of what is checked.
    """

    model: Any
    """The student's compiled ``keras.Model``."""
    task: Task
    """What the model must do."""
    x_train: np.ndarray
    """Training inputs, as prepared by the student."""
    y_train: np.ndarray
    """Training targets."""
    x_test: np.ndarray
    """Held-out inputs, prepared the same way."""
    y_test: np.ndarray
    """Held-out targets."""
    seed: int = 0
    """Seed for every random choice a check makes (initialisation, batches)."""

    def batch(self, size: int = 32) -> np.ndarray:
        """Return the first ``size`` training inputs: a real batch for shape probes."""
        return self.x_train[:size]
