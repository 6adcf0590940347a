"""Do the loss, the last activation and the label encoding fit each other?

The output's kind is measured, not read from the last layer's configuration: a batch
of predictions in [0, 1] whose rows sum to 1 is a softmax, in [0, 1] otherwise is a
sigmoid, anything else is logits. That also covers an Activation or Softmax layer
placed after the last Dense.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from autograder.checks.submission import Submission
from autograder.diagnose import findings
from autograder.results import CheckResult, Verdict

OutputKind = Literal["softmax", "sigmoid", "logits"]
LabelKind = Literal["sparse", "one-hot", "other"]

_CROSS_ENTROPIES = {
    "sparse_categorical_crossentropy",
    "categorical_crossentropy",
    "binary_crossentropy",
}
_REGRESSION_LOSSES = {
    "mean_squared_error",
    "mean_absolute_error",
    "huber",
    "log_cosh",
    "mean_squared_logarithmic_error",
    "mean_absolute_percentage_error",
}
_ALIASES = {"mse": "mean_squared_error", "mae": "mean_absolute_error", "logcosh": "log_cosh"}


@dataclass(frozen=True)
class LossInfo:
    """The compiled loss, normalised."""

    name: str
    """Snake-case loss name, e.g. ``sparse_categorical_crossentropy``."""
    from_logits: bool
    """Whether the loss applies softmax/sigmoid itself."""


def loss_info(loss: Any) -> LossInfo | None:
    """Normalise whatever ``compile(loss=...)`` received; ``None`` if not compiled."""
    if loss is None:
        return None
    if isinstance(loss, str):
        name = loss
        from_logits = False
    elif hasattr(loss, "get_config"):
        name = _snake(type(loss).__name__)
        from_logits = bool(loss.get_config().get("from_logits", False))
    else:
        name = getattr(loss, "__name__", type(loss).__name__)
        from_logits = False
    name = _snake(name)
    return LossInfo(_ALIASES.get(name, name), from_logits)


def output_kind(predictions: np.ndarray) -> OutputKind:
    """Classify a batch of predictions as softmax, sigmoid or logits."""
    values = np.asarray(predictions, dtype=np.float64)
    if values.size == 0 or values.min() < 0.0 or values.max() > 1.0:
        return "logits"
    if (
        values.ndim >= 2
        and values.shape[-1] > 1
        and np.allclose(values.sum(axis=-1), 1.0, atol=1e-3)
    ):
        return "softmax"
    return "sigmoid"


def label_kind(labels: np.ndarray, num_classes: int | None) -> LabelKind:
    """Classify labels as integer class indices, one-hot rows, or something else."""
    y = np.asarray(labels)
    if y.dtype.kind not in "biuf" or y.size == 0:
        return "other"
    integral = bool(np.all(np.equal(np.mod(y, 1), 0)))
    if integral and (y.ndim == 1 or (y.ndim == 2 and y.shape[1] == 1)):
        return "sparse"
    if (
        y.ndim == 2
        and y.shape[1] == num_classes
        and np.isin(y, (0, 1)).all()
        and np.all(y.sum(1) == 1)
    ):
        return "one-hot"
    return "other"


def check_loss_fit(submission: Submission) -> CheckResult:
    """The loss matches the output's kind and the labels' encoding."""
    task, model = submission.task, submission.model
    title = "Loss, output and labels fit each other"
    info = loss_info(getattr(model, "loss", None))
    if info is None:
        return CheckResult(
            "loss.fit",
            title,
            Verdict.FAIL,
            "The model is not compiled: there is no loss to check.",
            diagnosis=findings.loss_mismatch(
                "not-compiled",
                "debugging-toolkit",
                "The model has no loss because it was never compiled.",
                "model.compile(...) was not called",
                "Call model.compile(optimizer=..., loss=..., metrics=[...]) before training.",
            ),
        )
    predictions = np.asarray(model(submission.batch(), training=False))
    kind = output_kind(predictions)
    labels = label_kind(submission.y_train, task.num_classes)
    width = 1 if predictions.ndim == 1 else predictions.shape[-1]
    figures = {"loss": info.name, "from_logits": info.from_logits, "output": kind, "labels": labels}
    problem = _mismatch(task.kind, info, kind, labels, width)
    if problem is None:
        summary = (
            f"{info.name} (from_logits={info.from_logits}) on {kind} outputs with {labels} labels."
        )
        return CheckResult("loss.fit", title, Verdict.PASS, summary, figures)
    rule, chapter, text, fix = problem
    where = (
        f"loss {info.name}(from_logits={info.from_logits}), output {kind} of width {width}, "
        f"labels {labels} of shape {np.shape(submission.y_train)}"
    )
    return CheckResult(
        "loss.fit",
        title,
        Verdict.FAIL,
        text,
        figures,
        diagnosis=findings.loss_mismatch(rule, chapter, text, where, fix),
    )


def _mismatch(
    task_kind: str, info: LossInfo, kind: OutputKind, labels: LabelKind, width: int
) -> tuple[str, str, str, str] | None:
    """Return ``(rule, chapter, problem, fix)`` for the first misfit found, else ``None``."""
    if task_kind == "regression":
        if info.name in _CROSS_ENTROPIES:
            return (
                "cross-entropy-on-regression",
                "time-series-reshape",
                "A cross-entropy loss is used to predict a number; it only makes sense for "
                "classes.",
                "Use mean_squared_error or mean_absolute_error for a forecast.",
            )
        return None
    if info.name in _REGRESSION_LOSSES:
        return (
            "regression-loss-on-classifier",
            "mistyped-data",
            f"A regression loss ({info.name}) is used on a classifier.",
            "Use a cross-entropy: sparse_categorical_crossentropy for integer labels.",
        )
    if info.name == "sparse_categorical_crossentropy" and labels == "one-hot":
        return (
            "one-hot-with-sparse-loss",
            "mistyped-data",
            "The labels are one-hot, but sparse_categorical_crossentropy expects class indices.",
            "Use categorical_crossentropy, or pass np.argmax(y, axis=-1).",
        )
    if info.name == "categorical_crossentropy" and labels == "sparse":
        return (
            "integer-labels-with-categorical-loss",
            "mistyped-data",
            "The labels are class indices, but categorical_crossentropy expects one-hot rows.",
            "Use sparse_categorical_crossentropy with integer labels.",
        )
    if info.name in {"sparse_categorical_crossentropy", "categorical_crossentropy"} and width == 1:
        return (
            "single-unit-softmax",
            "mistyped-data",
            "A categorical loss on a single output unit: a softmax over one unit is always 1.",
            "For two classes use one sigmoid unit with binary_crossentropy, or two units with "
            "sparse_categorical_crossentropy.",
        )
    if info.name == "binary_crossentropy" and width > 1 and labels == "sparse":
        return (
            "binary-loss-on-several-units",
            "mistyped-data",
            "binary_crossentropy on several output units with one label per example.",
            "Use one sigmoid unit for a yes/no label, or sparse_categorical_crossentropy "
            "for classes.",
        )
    if info.name in _CROSS_ENTROPIES and info.from_logits and kind != "logits":
        return (
            "probabilities-as-logits",
            "mistyped-data",
            f"The model already outputs {kind} probabilities, but the loss is told they are "
            "logits (from_logits=True). Keras warns; inside fit (TensorFlow backend) it quietly "
            "uses the scores from before the activation, but a loss computed on the model's "
            "predictions applies the activation a second time. The settings contradict each "
            "other.",
            "Either drop the last activation (output logits) or set from_logits=False.",
        )
    if info.name in _CROSS_ENTROPIES and not info.from_logits and kind == "logits":
        return (
            "logits-as-probabilities",
            "mistyped-data",
            "The model outputs logits (unbounded scores), but the loss treats them as "
            "probabilities (from_logits=False).",
            "Pass from_logits=True to the loss, or end the model with softmax/sigmoid.",
        )
    return None


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()
