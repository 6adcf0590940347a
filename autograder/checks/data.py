"""Data checks: dtypes, finite values, scale, labels, padding and masks, leakage.

These look at the arrays the student prepared (and, for masks and normalisation,
at the layers that consume them). Thresholds are documented constants, so a
feedback page can say exactly what was measured against what.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np

from autograder.checks.shapes import _RECURRENT
from autograder.checks.submission import Submission
from autograder.diagnose import findings
from autograder.results import CheckResult, Verdict

MAX_ABS_INPUT = 20.0
"""Inputs above this magnitude are unscaled (raw pixels reach 255, tumour areas 2,500)."""
MAX_SCALE_SPREAD = 100.0
"""Largest tolerated ratio between the widest and narrowest per-feature standard
deviations (90th / 10th percentile) of tabular or sequence features."""
MIN_PADDING_SHARE = 0.05
"""Below this share of all-zero time steps, padding is too small to matter."""
LEAK_TOLERANCE = 1e-4
"""Mean of standardised data closer to 0 than this counts as 'standardised on it'."""


def check_input_dtype(submission: Submission) -> CheckResult:
    """Inputs are numeric; integers and float64 are reported because Keras casts them."""
    title = "Input dtype"
    dtype = np.asarray(submission.x_train).dtype
    figures = {"dtype": str(dtype)}
    if dtype.kind not in "biuf" or dtype.kind == "b":
        return CheckResult(
            "data.dtype",
            title,
            Verdict.FAIL,
            f"Inputs have dtype {dtype}; the model needs numbers.",
            figures,
            diagnosis=findings.bad_dtype(f"x_train has dtype {dtype}", str(dtype)),
        )
    if dtype.kind in "iu":
        return CheckResult(
            "data.dtype",
            title,
            Verdict.WARN,
            f"Inputs are integers ({dtype}); Keras casts them to float32 silently, so what "
            "matters is their scale (next check).",
            figures,
        )
    if dtype == np.float64:
        return CheckResult(
            "data.dtype",
            title,
            Verdict.WARN,
            "Inputs are float64; Keras casts them to float32, so the extra precision only costs "
            "memory. Use x.astype('float32').",
            figures,
        )
    return CheckResult("data.dtype", title, Verdict.PASS, f"Inputs are {dtype}.", figures)


def check_finite(submission: Submission) -> CheckResult:
    """No NaN or infinite value in inputs or targets."""
    title = "No NaN or infinite values"
    for name, array, targets in (
        ("x_train", submission.x_train, False),
        ("x_test", submission.x_test, False),
        ("y_train", submission.y_train, True),
        ("y_test", submission.y_test, True),
    ):
        values = np.asarray(array)
        if values.dtype.kind != "f":
            continue
        bad = int(np.size(values) - np.count_nonzero(np.isfinite(values)))
        if bad:
            return CheckResult(
                "data.finite",
                title,
                Verdict.FAIL,
                f"{name} holds {bad} NaN or infinite values.",
                {"array": name, "non_finite": bad},
                diagnosis=findings.non_finite(f"{bad} values in {name}", targets=targets),
            )
    return CheckResult("data.finite", title, Verdict.PASS, "Every value is finite.")


def feature_scales(x: np.ndarray) -> np.ndarray:
    """Per-feature standard deviations: over examples (and time steps for sequences)."""
    values = np.asarray(x, dtype=np.float64)
    return values.reshape(-1, values.shape[-1]).std(axis=0)


SCALE_SAMPLE = 2048
"""Examples used to measure scales (the first ones: deterministic)."""
_PREPROCESSING = (keras.layers.Rescaling, keras.layers.Normalization)


def as_first_layer_sees_it(model: Any, x: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Apply the model's leading preprocessing layers (Rescaling, Normalization) to ``x``.

    Scaling inside the model is as good as scaling the arrays, so scale is measured on
    what the first learning layer receives. Returns the values and the layers applied.
    """
    applied = []
    for layer in getattr(model, "layers", []):
        if isinstance(layer, keras.layers.InputLayer):  # functional models list their input
            continue
        if not isinstance(layer, _PREPROCESSING):
            break
        x = np.asarray(layer(x.astype("float32")))
        applied.append(layer.name)
    return x, applied


def check_scale(submission: Submission) -> CheckResult:
    """What the first learning layer receives is near unit scale, features comparable."""
    title = "Input scale"
    x = np.asarray(submission.x_train)[:SCALE_SAMPLE]
    if x.dtype.kind not in "iuf":
        return CheckResult("data.scale", title, Verdict.SKIP, "Inputs are not numeric.")
    x, applied = as_first_layer_sees_it(submission.model, x)
    max_abs = float(np.max(np.abs(x))) if x.size else 0.0
    figures: dict[str, Any] = {"max_abs": max_abs, "max_abs_limit": MAX_ABS_INPUT}
    if applied:
        figures["measured_after"] = ", ".join(applied)
    images = x.ndim == 4
    spread = None
    if x.ndim in (2, 3):
        stds = feature_scales(x)
        stds = stds[stds > 0]
        if stds.size >= 2:
            spread = float(np.percentile(stds, 90) / np.percentile(stds, 10))
            figures |= {"scale_spread": spread, "scale_spread_limit": MAX_SCALE_SPREAD}
    if max_abs > MAX_ABS_INPUT or (spread is not None and spread > MAX_SCALE_SPREAD):
        where = f"max |x| = {max_abs:.4g}" + (
            f", per-feature scale spread {spread:.4g}" if spread is not None else ""
        )
        return CheckResult(
            "data.scale",
            title,
            Verdict.FAIL,
            f"Inputs are unscaled: {where} (limits {MAX_ABS_INPUT:g} and {MAX_SCALE_SPREAD:g}).",
            figures,
            diagnosis=findings.unscaled_inputs(where, images=images),
        )
    return CheckResult(
        "data.scale", title, Verdict.PASS, f"Inputs are scaled (max |x| = {max_abs:.3g}).", figures
    )


def check_labels(submission: Submission) -> CheckResult:
    """Classification labels are numeric class indices (or one-hot rows) within range."""
    task, title = submission.task, "Labels"
    y = np.asarray(submission.y_train)
    figures: dict[str, Any] = {"dtype": str(y.dtype), "shape": str(y.shape)}
    if task.kind == "regression":
        if y.dtype.kind != "f":
            return CheckResult(
                "data.labels", title, Verdict.WARN, f"Targets are {y.dtype}, not floats.", figures
            )
        return CheckResult("data.labels", title, Verdict.PASS, "Targets are floats.", figures)
    if y.dtype.kind not in "biuf":
        return CheckResult(
            "data.labels",
            title,
            Verdict.FAIL,
            f"Labels have dtype {y.dtype}; losses need numbers.",
            figures,
            diagnosis=findings.loss_mismatch(
                "string-labels",
                "mistyped-data",
                "Text labels (strings) reached the model; losses need numbers.",
                f"y_train of dtype {y.dtype}",
                "Encode the labels as integers (e.g. keras.layers.StringLookup) before training.",
            ),
        )
    indices = class_indices(y)
    low, high = float(indices.min()), float(indices.max())
    figures |= {"min": low, "max": high}
    classes = task.num_classes or 0
    if low < 0 or high > classes - 1:
        return CheckResult(
            "data.labels",
            title,
            Verdict.FAIL,
            f"Labels run from {low:g} to {high:g}; this task has classes 0 to {classes - 1}.",
            figures,
            diagnosis=findings.labels_out_of_range(f"y_train from {low:g} to {high:g}", classes),
        )
    return CheckResult(
        "data.labels", title, Verdict.PASS, f"Labels are class indices {low:g}..{high:g}.", figures
    )


def class_indices(labels: np.ndarray) -> np.ndarray:
    """Return labels as a flat array of class indices (one-hot rows become their argmax)."""
    y = np.asarray(labels)
    return y.argmax(-1) if (y.ndim == 2 and y.shape[1] > 1) else y.reshape(-1)


def padding_share(x: np.ndarray) -> tuple[float, bool]:
    """Return the share of time steps that are padding, and whether it sits at the end.

    Padding is a run of all-zero time steps at the start or the end of a sequence
    whose length varies between examples. Zero steps in the middle are data, and so is
    a zero step every example has (e.g. the last step of windows expressed relative to
    their last value).
    """
    steps = np.all(np.asarray(x) == 0, axis=-1)  # (examples, time)
    if steps.size == 0:
        return 0.0, False
    leading = _run_length(steps)
    trailing = _run_length(steps[:, ::-1])
    padding = np.maximum(leading, trailing)
    if padding.max() == padding.min():
        return 0.0, False
    share = float((padding - padding.min()).sum() / steps.size)
    return share, bool(trailing.sum() > leading.sum())


def _run_length(flags: np.ndarray) -> np.ndarray:
    """Per row, how many leading entries are True."""
    return np.where(flags.all(axis=1), flags.shape[1], np.argmin(flags, axis=1))


def mask_reaches_recurrent(model: Any, batch: np.ndarray) -> bool | None:
    """Whether a mask reaches the first recurrent layer (``None`` if there is none).

    Walks the layers in order, carrying the mask the way Keras does: a layer that
    supports masking computes the next mask, any other layer drops it.
    """
    tensor, mask = batch, None
    for layer in model.layers:
        if isinstance(layer, keras.layers.InputLayer):
            continue
        if isinstance(layer, _RECURRENT) or isinstance(getattr(layer, "layer", None), _RECURRENT):
            return mask is not None
        mask = layer.compute_mask(tensor, mask) if layer.supports_masking else None
        tensor = layer(tensor)
    return None


def check_padding_mask(submission: Submission) -> CheckResult:
    """Padded sequences reach the recurrent layer with a mask."""
    title = "Padding and mask"
    x = np.asarray(submission.x_train)
    if x.ndim != 3:
        return CheckResult("data.mask", title, Verdict.SKIP, "The inputs are not sequences.")
    share, post = padding_share(x)
    figures: dict[str, Any] = {"padding_share": share, "post_padding": post}
    if share < MIN_PADDING_SHARE:
        return CheckResult(
            "data.mask", title, Verdict.PASS, f"{share:.0%} of time steps are padding.", figures
        )
    reaches = mask_reaches_recurrent(submission.model, submission.batch())
    figures["mask_reaches_recurrent"] = reaches
    if reaches is None or reaches:
        where = "a mask reaches the recurrent layer" if reaches else "no recurrent layer"
        return CheckResult(
            "data.mask",
            title,
            Verdict.PASS,
            f"{share:.0%} of time steps are padding; {where}.",
            figures,
        )
    return CheckResult(
        "data.mask",
        title,
        Verdict.FAIL if post else Verdict.WARN,
        f"{share:.0%} of time steps are padding ({'at the end' if post else 'at the start'}) and "
        "no mask reaches the recurrent layer.",
        figures,
        diagnosis=findings.mask_lost(
            f"{share:.0%} padding, no mask at the first recurrent layer", post_padding=post
        ),
    )


def check_leakage(submission: Submission) -> CheckResult:
    """No statistic from the held-out data reached training.

    Three signatures are recognised. Standardisation on train+test together leaves the
    *combined* features with mean 0 while the training part alone is off 0. Held-out
    data standardised with its own statistics has mean 0 and standard deviation 1
    exactly, which held-out data scaled with the training statistics never has. Windows
    cut from the whole series before splitting make the first test window the last
    training window shifted by one step.
    """
    title = "No leakage from held-out data"
    x_train = np.asarray(submission.x_train, dtype=np.float64)
    x_test = np.asarray(submission.x_test, dtype=np.float64)
    if x_train.ndim >= 2 and x_test.ndim == x_train.ndim and x_train.shape[1:] == x_test.shape[1:]:
        if x_train.ndim == 3 and x_train.shape[-1] == 1 and len(x_train) and len(x_test):
            last, first = x_train[-1, :, 0], x_test[0, :, 0]
            if last.size > 1 and np.array_equal(last[1:], first[:-1]):
                return CheckResult(
                    "data.leakage",
                    title,
                    Verdict.FAIL,
                    "The first test window is the last training window shifted by one step.",
                    {"kind": "windows"},
                    diagnosis=findings.leakage("x_test[0] overlaps x_train[-1]", kind="windows"),
                )
        if x_train.ndim == 2:
            combined = np.concatenate([x_train, x_test]).mean(axis=0)
            train_only = x_train.mean(axis=0)
            if (
                np.max(np.abs(combined)) < LEAK_TOLERANCE
                and np.max(np.abs(train_only)) > 10 * LEAK_TOLERANCE
            ):
                return CheckResult(
                    "data.leakage",
                    title,
                    Verdict.FAIL,
                    "The features are centred on training and held-out data together.",
                    {
                        "kind": "normalisation",
                        "combined_max_abs_mean": float(np.max(np.abs(combined))),
                        "train_max_abs_mean": float(np.max(np.abs(train_only))),
                    },
                    diagnosis=findings.leakage(
                        "mean of x_train + x_test is 0, mean of x_train is not",
                        kind="normalisation",
                    ),
                )
            if len(x_test) > 1 and _standardised(x_test) and _standardised(x_train):
                return CheckResult(
                    "data.leakage",
                    title,
                    Verdict.FAIL,
                    "The held-out features were standardised with their own mean and standard "
                    "deviation, not with the training data's.",
                    {"kind": "own-statistics"},
                    diagnosis=findings.leakage(
                        "x_test has mean 0 and standard deviation 1 in every feature, exactly",
                        kind="own-statistics",
                    ),
                )
            adapted = _normalization_leak(submission.model, x_train, x_test)
            if adapted is not None:
                return CheckResult(
                    "data.leakage",
                    title,
                    Verdict.FAIL,
                    f"The Normalization layer '{adapted}' was adapted on training and held-out "
                    "data together.",
                    {"kind": "normalisation", "layer": adapted},
                    diagnosis=findings.leakage(
                        f"layer '{adapted}': its mean is the mean of x_train + x_test",
                        kind="normalisation",
                    ),
                )
    return CheckResult("data.leakage", title, Verdict.PASS, "No sign of leakage found.")


def _standardised(x: np.ndarray) -> bool:
    """Every feature has mean 0 and standard deviation 1, to rounding: its own statistics."""
    std = x.std(axis=0)
    return bool(
        np.max(np.abs(x.mean(axis=0))) < LEAK_TOLERANCE
        and np.max(np.abs(std[std > 0] - 1)) < LEAK_TOLERANCE
    )


def _normalization_leak(model: Any, x_train: np.ndarray, x_test: np.ndarray) -> str | None:
    """Name a Normalization layer whose mean matches train+test rather than train alone."""
    train_mean = x_train.mean(axis=0)
    combined_mean = np.concatenate([x_train, x_test]).mean(axis=0)
    scale = np.abs(train_mean) + 1e-12
    if np.max(np.abs(train_mean - combined_mean) / scale) < 1e-3:
        return None  # the two means are indistinguishable: nothing to tell apart
    for layer in getattr(model, "layers", []):
        if (
            isinstance(layer, keras.layers.Normalization)
            and getattr(layer, "mean", None) is not None
        ):
            mean = np.asarray(layer.mean, dtype=np.float64).reshape(-1)
            if mean.shape != train_mean.shape:
                continue
            if np.linalg.norm(mean - combined_mean) < np.linalg.norm(mean - train_mean):
                return str(layer.name)
    return None
