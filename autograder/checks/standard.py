"""The standard pipeline every exercise is checked with: data, structure, loss, progress."""

from __future__ import annotations

from autograder.checks.data import (
    check_finite,
    check_input_dtype,
    check_labels,
    check_leakage,
    check_padding_mask,
    check_scale,
)
from autograder.checks.loss_fit import check_loss_fit
from autograder.checks.pipeline import Check
from autograder.checks.progress import check_progress
from autograder.checks.shapes import check_accepts_input, check_output_shape, check_shape_table

ACCEPTS = "structure.accepts-input"

STATIC_CHECKS: tuple[Check, ...] = (
    Check("data.dtype", "Input dtype", check_input_dtype),
    Check("data.finite", "No NaN or infinite values", check_finite),
    Check("data.scale", "Input scale", check_scale),
    Check("data.labels", "Labels", check_labels),
    Check(ACCEPTS, "The model accepts the data", check_accepts_input, requires=("data.dtype",)),
    Check("structure.shape-table", "Shapes layer by layer", check_shape_table, requires=(ACCEPTS,)),
    Check("structure.output-shape", "The output fits the task", check_output_shape, (ACCEPTS,)),
    Check(
        "loss.fit",
        "Loss, output and labels fit each other",
        check_loss_fit,
        requires=("structure.output-shape", "data.labels"),
    ),
    # No prerequisite: inputs that are not padded sequences need no model to judge, and a
    # model that crashes on padded ones fails this check with the diagnosis of its error.
    Check("data.mask", "Padding and mask", check_padding_mask),
    Check("data.leakage", "No leakage from held-out data", check_leakage),
)
"""Checks that need no training: fast, run first, and enough for a quick self-check."""

PROGRESS_CHECK = Check(
    "training.progress",
    "Training makes real progress",
    check_progress,
    requires=("data.finite", "structure.output-shape"),
)

STANDARD_PIPELINE: tuple[Check, ...] = (*STATIC_CHECKS, PROGRESS_CHECK)
"""Every check, in order: what grading runs."""
