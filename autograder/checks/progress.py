"""Does training make real progress? A seeded, fixed-budget, statistically calibrated verdict.

The student's architecture and compile settings are re-initialised from the seed
(``clone_model`` + ``compile_from_config``), trained for a fixed budget on their
prepared training data, and measured three ways:

* the loss at initialisation (for classification, compared with log K, the loss of
  a model that spreads probability evenly: far above it means a broken output);
* how far the training loss drops within the budget;
* the held-out metric against an input-independent baseline (the most frequent class,
  the mean target, or the last observed value for forecasts).

The margins in ``PROGRESS_SPECS`` were calibrated with ``benchmarks/calibrate_progress.py``
so that several different correct models pass on every seed tried and the scenarios'
broken models fail on every seed; the tests pin those outcomes.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import keras
import numpy as np

from autograder.checks.data import class_indices
from autograder.checks.submission import Submission
from autograder.diagnose import findings
from autograder.results import CheckResult, Verdict


@dataclass(frozen=True)
class ProgressSpec:
    """The budget and the calibrated margins of one task's progress verdict."""

    epochs: int
    """Training epochs (the whole budget)."""
    batch_size: int
    """Mini-batch size."""
    max_train: int
    """At most this many training examples are used (the first ones: a fixed slice)."""
    min_gain: float
    """Classification: held-out accuracy must exceed the baseline's by at least this.
    Regression: held-out MAE must be at most ``(1 - min_gain)`` times the baseline's."""
    max_loss_ratio: float
    """The final training loss must be at most this fraction of the initial loss."""


PROGRESS_SPECS: Mapping[str, ProgressSpec] = MappingProxyType(
    {
        "dense-on-images": ProgressSpec(3, 64, 6000, min_gain=0.45, max_loss_ratio=0.6),
        "layer-surgery": ProgressSpec(3, 64, 6000, min_gain=0.45, max_loss_ratio=0.6),
        # A change forecaster starts out predicting "no change", which *is* persistence,
        # so its loss cannot fall far: only the held-out gain decides, the loss must not rise.
        "time-series-reshape": ProgressSpec(10, 32, 2000, min_gain=0.05, max_loss_ratio=1.0),
        "ragged-sequences": ProgressSpec(12, 32, 270, min_gain=0.6, max_loss_ratio=0.4),
        "unscaled-data": ProgressSpec(20, 32, 455, min_gain=0.25, max_loss_ratio=0.3),
        "mistyped-data": ProgressSpec(20, 32, 455, min_gain=0.25, max_loss_ratio=0.3),
    }
)
"""Per task; see the module docstring for how the margins were set."""


@dataclass(frozen=True)
class ProgressMeasurement:
    """What one seeded training run measured."""

    initial_loss: float
    """Training loss of the freshly initialised model."""
    final_loss: float
    """Training loss after the budget (evaluated, not the running average)."""
    metric: float
    """Held-out accuracy (classification) or mean absolute error (regression)."""
    baseline: float
    """The same metric for the input-independent baseline."""
    history: Mapping[str, tuple[float, ...]]
    """Per-epoch ``loss`` and ``val_loss``."""


def measure_progress(submission: Submission, spec: ProgressSpec) -> ProgressMeasurement:
    """Re-initialise the model from the seed, train it for the budget, and measure."""
    task = submission.task
    keras.utils.set_random_seed(submission.seed)
    model = fresh_copy(submission.model)
    x, y = submission.x_train[: spec.max_train], submission.y_train[: spec.max_train]
    initial = _evaluate_loss(model, x, y, spec.batch_size)
    history = model.fit(
        x,
        y,
        epochs=spec.epochs,
        batch_size=spec.batch_size,
        validation_data=(submission.x_test, submission.y_test),
        shuffle=True,
        verbose=0,
    ).history
    final = _evaluate_loss(model, x, y, spec.batch_size)
    predictions = np.asarray(model.predict(submission.x_test, batch_size=256, verbose=0))
    if task.kind == "classification":
        metric = accuracy(predictions, submission.y_test)
    else:
        metric = float(np.mean(np.abs(predictions.reshape(-1) - _flat(submission.y_test))))
    curve = {k: tuple(float(v) for v in history[k]) for k in ("loss", "val_loss") if k in history}
    return ProgressMeasurement(initial, final, metric, baseline_metric(submission), curve)


def progress_verdict(
    measurement: ProgressMeasurement, spec: ProgressSpec, kind: str
) -> tuple[bool, str]:
    """Return whether the measurement shows real progress, and why in one sentence."""
    m = measurement
    finite = all(math.isfinite(v) for v in (m.initial_loss, m.final_loss, m.metric))
    if not finite:
        return False, "The loss or the metric became NaN or infinite during training."
    ratio = m.final_loss / m.initial_loss if m.initial_loss > 0 else math.inf
    if kind == "classification":
        beats = m.metric >= m.baseline + spec.min_gain
        metric_text = (
            f"held-out accuracy {m.metric:.3f} vs baseline {m.baseline:.3f} "
            f"(needs +{spec.min_gain:g})"
        )
    else:
        beats = m.metric <= (1.0 - spec.min_gain) * m.baseline
        metric_text = (
            f"held-out MAE {m.metric:.4g} vs baseline {m.baseline:.4g} "
            f"(needs at most {1.0 - spec.min_gain:g}x)"
        )
    drops = ratio <= spec.max_loss_ratio
    loss_text = (
        f"training loss {m.initial_loss:.4g} -> {m.final_loss:.4g} "
        f"(ratio {ratio:.3f}, needs <= {spec.max_loss_ratio:g})"
    )
    return beats and drops, f"{metric_text}; {loss_text}."


def check_progress(submission: Submission) -> CheckResult:
    """Training on the fixed slice beats the input-independent baseline within the budget."""
    task = submission.task
    spec = PROGRESS_SPECS[task.key]
    measurement = measure_progress(submission, spec)
    passed, summary = progress_verdict(measurement, spec, task.kind)
    if task.kind == "classification" and task.num_classes:
        # An initial loss far above log K means the untrained output is already extreme
        # (unscaled inputs, a wrong activation): worth seeing even when training recovers.
        summary += (
            f" Initial loss {measurement.initial_loss:.4g} vs log K = "
            f"{math.log(task.num_classes):.4g} for an untrained model spreading its bets."
        )
    figures: dict[str, Any] = {
        "initial_loss": measurement.initial_loss,
        "final_loss": measurement.final_loss,
        "metric": measurement.metric,
        "baseline": measurement.baseline,
        "baseline_kind": task.baseline,
        "seed": submission.seed,
        "epochs": spec.epochs,
    }
    if task.kind == "classification" and task.num_classes:
        figures["log_k"] = math.log(task.num_classes)
    return CheckResult(
        "training.progress",
        "Training makes real progress",
        Verdict.PASS if passed else Verdict.FAIL,
        summary,
        figures,
        diagnosis=None
        if passed
        else findings.no_progress(summary, task.chapter, forecast=task.baseline == "persistence"),
        curve=measurement.history,
    )


def fresh_copy(model: Any) -> Any:
    """Return the same architecture with fresh weights and a fresh optimizer.

    Raises:
        ValueError: the model was never compiled.
    """
    config = model.get_compile_config()
    if not config:
        raise ValueError("The model is not compiled: call model.compile(...) first.")
    copy = keras.models.clone_model(model)
    # clone_model rebuilds layers from their config, which does not hold state learned
    # by adapt() (a Normalization layer's mean and variance). Such layers have no
    # trainable weights; carry their state over, or a correct model is graded on raw data.
    for original, cloned in zip(model.layers, copy.layers, strict=True):
        if original.weights and not original.trainable_weights:
            cloned.set_weights(original.get_weights())
            cloned.finalize_state()  # e.g. Normalization derives mean/variance from them
    copy.compile_from_config(config)
    return copy


def accuracy(predictions: np.ndarray, labels: np.ndarray) -> float:
    """Accuracy for softmax/logit rows (argmax) or a single sigmoid/logit unit (> 0.5 / > 0)."""
    truth = class_indices(labels)
    if predictions.ndim == 1 or predictions.shape[-1] == 1:
        scores = predictions.reshape(-1)
        threshold = 0.5 if scores.min() >= 0 and scores.max() <= 1 else 0.0
        guessed = (scores > threshold).astype(int)
    else:
        guessed = predictions.argmax(-1)
    return float(np.mean(guessed == truth))


def baseline_metric(submission: Submission) -> float:
    """The held-out metric of the task's input-independent baseline."""
    task = submission.task
    y_train, y_test = np.asarray(submission.y_train), np.asarray(submission.y_test)
    if task.baseline == "majority":
        values, counts = np.unique(class_indices(y_train), return_counts=True)
        return float(np.mean(class_indices(y_test) == values[counts.argmax()]))
    if task.baseline == "mean":
        return float(np.mean(np.abs(_flat(y_test) - _flat(y_train).mean())))
    last_observed = np.asarray(submission.x_test, dtype=np.float64).reshape(len(y_test), -1)[:, -1]
    return float(np.mean(np.abs(_flat(y_test) - last_observed)))


def _evaluate_loss(model: Any, x: np.ndarray, y: np.ndarray, batch_size: int) -> float:
    result = model.evaluate(x, y, batch_size=batch_size, verbose=0, return_dict=True)
    return float(result["loss"])


def _flat(values: np.ndarray) -> np.ndarray:
    return np.asarray(values, dtype=np.float64).reshape(-1)
