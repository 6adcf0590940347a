"""Structure checks: the model runs on a real batch, its shapes layer by layer, its output.

Shapes are measured by running a real batch of the student's data through the
model, never read from attributes (Keras 3 removed ``layer.input_shape`` and
``layer.output_shape``, and graders that relied on them broke).
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np

from autograder.checks.submission import Submission
from autograder.diagnose import findings
from autograder.results import CheckResult, ShapeRow, Verdict

_RECURRENT = (keras.layers.RNN, keras.layers.LSTM, keras.layers.GRU, keras.layers.SimpleRNN)


def shape_table(model: Any, batch: np.ndarray) -> tuple[ShapeRow, ...]:
    """Return each layer's output shape and parameter count on a real batch.

    Sequential models are run layer by layer; functional models through a probe model
    that exposes every layer's output. A subclassed model has no inspectable graph:
    the table then holds the model's own output only.
    """
    if isinstance(model, keras.Sequential):
        rows, tensor = [], batch
        for layer in model.layers:
            tensor = _first(layer(tensor))
            rows.append(_row(layer, tensor))
        return tuple(rows)
    try:
        layers = [layer for layer in model.layers if not isinstance(layer, keras.layers.InputLayer)]
        inputs = model.inputs[0] if len(model.inputs) == 1 else model.inputs
        probe = keras.Model(inputs, [layer.output for layer in layers])
        outputs = probe(batch)
        outputs = outputs if isinstance(outputs, (list, tuple)) else [outputs]
        return tuple(_row(layer, _first(out)) for layer, out in zip(layers, outputs, strict=True))
    except (AttributeError, ValueError, TypeError):
        output = _first(model(batch))
        return (
            ShapeRow(model.name, type(model).__name__, _batchless(output), model.count_params()),
        )


def check_accepts_input(submission: Submission) -> CheckResult:
    """The model runs on a real batch of the student's prepared data."""
    batch = submission.batch()
    output = _first(submission.model(batch, training=False))
    return CheckResult(
        "structure.accepts-input",
        "The model accepts the data",
        Verdict.PASS,
        f"A real batch of shape {_batchless(batch)} runs through; output {_batchless(output)}.",
        figures={"input_shape": str(_batchless(batch)), "output_shape": str(_batchless(output))},
    )


def check_shape_table(submission: Submission) -> CheckResult:
    """Measure the layer-by-layer shapes (information for the reader, not a verdict)."""
    rows = shape_table(submission.model, submission.batch())
    return CheckResult(
        "structure.shape-table",
        "Shapes layer by layer",
        Verdict.INFO,
        f"{len(rows)} layers, {sum(r.params for r in rows):,} parameters, "
        "measured on a real batch.",
        shape_table=rows,
    )


def check_output_shape(submission: Submission) -> CheckResult:
    """The output has one prediction per example, of the width the task needs."""
    task, model = submission.task, submission.model
    output = np.asarray(_first(model(submission.batch(), training=False)))
    shape = _batchless(output)
    last = model.layers[-1].name if model.layers else model.name
    figures = {"output_shape": str(shape)}
    if output.ndim > 2 or (output.ndim == 2 and task.kind == "regression" and shape[-1] != 1):
        sequence = any(isinstance(layer, _RECURRENT) for layer in model.layers)
        return CheckResult(
            "structure.output-shape",
            "The output fits the task",
            Verdict.FAIL,
            f"The output has shape {shape}: {output.ndim - 1} axes per example instead of one.",
            figures,
            diagnosis=findings.output_not_flat(str(shape), last, sequence=sequence),
        )
    width = 1 if output.ndim == 1 else output.shape[-1]
    if task.kind == "classification":
        allowed = {task.num_classes} | ({1} if task.num_classes == 2 else set())
        expected = f"(None, {task.num_classes})" + (
            " or (None, 1)" if task.num_classes == 2 else ""
        )
    else:
        allowed, expected = {1}, "(None,) or (None, 1)"
    if width not in allowed:
        return CheckResult(
            "structure.output-shape",
            "The output fits the task",
            Verdict.FAIL,
            f"The output has shape {shape}; this task needs {expected}.",
            figures,
            diagnosis=findings.wrong_output_units(str(shape), expected, last),
        )
    return CheckResult(
        "structure.output-shape",
        "The output fits the task",
        Verdict.PASS,
        f"The output has shape {shape}, as the task needs.",
        figures,
    )


def _first(value: Any) -> Any:
    """A layer may return a list (e.g. an RNN with return_state): its first item is the output."""
    return value[0] if isinstance(value, (list, tuple)) else value


def _batchless(tensor: Any) -> tuple[int | None, ...]:
    return (None, *(int(d) for d in np.shape(tensor)[1:]))


def _row(layer: Any, output: Any) -> ShapeRow:
    return ShapeRow(layer.name, type(layer).__name__, _batchless(output), layer.count_params())
