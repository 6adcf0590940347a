"""Explanations for what a check finds (as opposed to an exception Keras raised).

One function per finding, so every text a student can read lives in ``diagnose``
and the checks only measure.
"""

from __future__ import annotations

from autograder.chapters import CHAPTERS
from autograder.diagnose.diagnosis import Diagnosis


def _make(rule: str, chapter: str, problem: str, where: str, fix: str) -> Diagnosis:
    return Diagnosis(problem, where, fix, CHAPTERS[chapter], rule)


def output_not_flat(output_shape: str, last_layer: str, *, sequence: bool) -> Diagnosis:
    """The output keeps spatial or time axes instead of one prediction per example."""
    if sequence:
        return _make(
            "return-sequences-left-on",
            "time-series-reshape",
            "The model predicts one value per time step instead of one per window: the last "
            "recurrent layer still returns sequences. Keras then compares every step's "
            "prediction with the single target, silently.",
            f"model output {output_shape}, last layer '{last_layer}'",
            "Set return_sequences=False on the last recurrent layer (or pool over time) so the "
            "output is (batch, 1).",
        )
    return _make(
        "output-not-flat",
        "dense-on-images",
        "The model outputs one prediction per position instead of one per example. A Dense "
        "layer only acts on the last axis, so it keeps the image's height and width.",
        f"model output {output_shape}, last layer '{last_layer}'",
        "Put a Flatten (or a pooling) layer before the Dense layers; the output must be "
        "(batch, classes).",
    )


def wrong_output_units(output_shape: str, expected: str, last_layer: str) -> Diagnosis:
    """The last layer has the wrong number of units for the task."""
    return _make(
        "wrong-output-units",
        "debugging-toolkit",
        f"The model's output has the wrong width for this task: expected {expected}.",
        f"model output {output_shape}, last layer '{last_layer}'",
        "Give the last Dense layer one unit per class (or one unit for a single number).",
    )


def loss_mismatch(rule: str, chapter: str, problem: str, where: str, fix: str) -> Diagnosis:
    """The loss, the last activation and the labels do not fit each other."""
    return _make(rule, chapter, problem, where, fix)


def unscaled_inputs(where: str, *, images: bool) -> Diagnosis:
    """Inputs far from unit scale, or features on very different scales."""
    if images:
        return _make(
            "unscaled-images",
            "mistyped-data",
            "The images are fed as raw pixel values (0 to 255). The first layer's weights are "
            "initialised for inputs near unit scale, so training starts badly and is unstable.",
            where,
            "Scale the pixels to [0, 1]: x.astype('float32') / 255, or a Rescaling(1/255) layer.",
        )
    return _make(
        "unscaled-features",
        "unscaled-data",
        "The input features are on wildly different scales, so one feature dominates the "
        "first layer and gradient descent crawls along the others.",
        where,
        "Standardise each feature with statistics from the training data only, e.g. a "
        "keras.layers.Normalization layer adapted on x_train.",
    )


def non_finite(where: str, *, targets: bool) -> Diagnosis:
    """NaN or infinite values in the data."""
    return _make(
        "non-finite-values",
        "time-series-reshape",
        f"The {'targets' if targets else 'inputs'} contain NaN or infinite values; one of them "
        "is enough to turn the loss into NaN.",
        where,
        "Find the gaps (np.isnan) and fill them (e.g. interpolate in time) or drop those "
        "examples before training.",
    )


def bad_dtype(where: str, dtype: str) -> Diagnosis:
    """Strings, booleans or Python objects where numbers are expected."""
    return _make(
        "non-numeric-inputs",
        "mistyped-data",
        f"The inputs have dtype {dtype}; a model needs numbers.",
        where,
        "Convert to float32 (x.astype('float32')) after encoding anything that is not a number.",
    )


def labels_out_of_range(where: str, num_classes: int) -> Diagnosis:
    """Integer labels outside 0..K-1."""
    return _make(
        "labels-out-of-range",
        "mistyped-data",
        f"The labels must be class indices from 0 to {num_classes - 1}.",
        where,
        "Shift or re-encode the labels (e.g. labels 1..K become 0..K-1 with y - 1).",
    )


def mask_lost(where: str, *, post_padding: bool) -> Diagnosis:
    """Padded sequences reach a recurrent layer without a mask."""
    return _make(
        "mask-lost",
        "ragged-sequences",
        "The sequences are padded but no mask reaches the recurrent layer, so it reads the "
        "padding as real frames"
        + (
            " — and with padding at the end, its final state is mostly padding."
            if post_padding
            else "."
        ),
        where,
        "Add Masking(mask_value=0.0) right after the Input, and keep only layers that pass the "
        "mask on (Conv1D, Reshape and most custom layers drop it) before the recurrent layer.",
    )


def leakage(where: str, *, kind: str) -> Diagnosis:
    """Information from the held-out data reached training."""
    if kind == "windows":
        return _make(
            "window-leakage",
            "time-series-reshape",
            "Test windows overlap the training period: the first test inputs contain values "
            "the model was trained to predict.",
            where,
            "Split the series by time first, then window each part separately.",
        )
    if kind == "own-statistics":
        return _make(
            "test-scaled-with-own-statistics",
            "unscaled-data",
            "The held-out data was scaled with its own mean and standard deviation. The model "
            "is then tested on inputs scaled differently from the ones it learned on, and the "
            "held-out statistics shape the score, so it is no longer an honest estimate.",
            where,
            "Compute mean and standard deviation on x_train only (or Normalization.adapt(x_train)) "
            "and apply the same values to x_test.",
        )
    return _make(
        "normalisation-leakage",
        "unscaled-data",
        "The normalisation statistics were computed on training and held-out data together, "
        "so the held-out score is no longer an honest estimate.",
        where,
        "Compute mean and standard deviation on x_train only (Normalization.adapt(x_train)), "
        "then apply them unchanged to x_test.",
    )


def no_progress(where: str, chapter: str, *, forecast: bool = False) -> Diagnosis:
    """Training did not make real progress within the budget."""
    if forecast:
        return _make(
            "no-training-progress",
            chapter,
            "After the fixed budget the forecast is no better than repeating the last observed "
            "value. A model of absolute levels cannot extrapolate beyond the range it was "
            "trained on, and the held-out weeks lie above it.",
            where,
            "Express each window relative to its last value and predict the change; check the "
            "earlier results (shapes, gaps, leakage) first.",
        )
    return _make(
        "no-training-progress",
        chapter,
        "Training does not make real progress: after the fixed budget the model does no better "
        "than a predictor that ignores its input.",
        where,
        "Check the earlier results first (shapes, scale, loss); then overfit one small batch to "
        "see whether the model can learn at all.",
    )


def symptom(kind: str, where: str) -> Diagnosis:
    """A training symptom seen by the ``TrainingSymptoms`` callback."""
    texts = {
        "nan-loss": (
            "unscaled-data",
            "The loss became NaN or infinite: a NaN in the data, or updates so large that the "
            "weights overflowed.",
            "Check the data for NaN (np.isnan(x).any()); scale the inputs; lower the "
            "learning rate.",
        ),
        "exploding-gradients": (
            "unscaled-data",
            "The gradients are huge, so each update throws the weights far away.",
            "Scale the inputs, lower the learning rate, or clip gradients (clipnorm=1.0).",
        ),
        "vanishing-gradients": (
            "debugging-toolkit",
            "The gradients are almost zero, so the weights barely move.",
            "Check for saturated activations (sigmoid/tanh on unscaled inputs), dead ReLUs or a "
            "loss that ignores the output.",
        ),
        "dead-relu": (
            "debugging-toolkit",
            "Many ReLU units output zero for every example: they no longer learn.",
            "Lower the learning rate, scale the inputs, or use a leaky activation.",
        ),
        "rising-loss": (
            "debugging-toolkit",
            "The training loss goes up instead of down.",
            "Lower the learning rate; check that the labels match the loss.",
        ),
        "oscillating-loss": (
            "debugging-toolkit",
            "The training loss jumps up and down instead of settling.",
            "Lower the learning rate or raise the batch size.",
        ),
        "flat-loss": (
            "debugging-toolkit",
            "The training loss does not move: the model is not learning.",
            "Overfit one small batch first; check the learning rate, the output activation and "
            "that the gradients reach the weights.",
        ),
    }
    chapter, problem, fix = texts[kind]
    return _make(kind, chapter, problem, where, fix)


def not_the_grading_subset(where: str, chapter: str) -> Diagnosis:
    """The handed-in arrays are not the task's grading subset (dropped or added examples)."""
    return _make(
        "not-the-grading-subset",
        chapter,
        "The handed-in data is not the exercise's grading subset: examples were dropped, "
        "added or relabelled, so the grade would not measure the same task as everyone else's.",
        where,
        "Prepare the arrays from the data the notebook loads (grading_train and grading_test), "
        "keeping every example; reshaping, scaling and encoding are fine.",
    )


def weights_not_kept(where: str) -> Diagnosis:
    """The handed-in model predicts no better than chance: trained weights were lost."""
    return _make(
        "trained-weights-lost",
        "layer-surgery",
        "The model as handed in predicts no better than a fixed guess: the trained weights "
        "did not make it into the new model (a rebuilt layer starts from random weights, and "
        "loading a checkpoint into a changed architecture can skip layers).",
        where,
        "Reuse the trained layer objects in the new model (the functional API), or load the "
        "checkpoint and verify each layer's weights against the original before handing in.",
    )


def architecture_differs(where: str, expected: str) -> Diagnosis:
    """The model's layers do not produce the shapes the exercise prescribes."""
    return _make(
        "architecture-differs",
        "layer-surgery",
        f"The model's layers do not have the shapes the exercise asks for: {expected}.",
        where,
        "Print model.summary() and compare it with the exercise's description; rebuild the "
        "model with the functional API rather than editing model.layers (a copy).",
    )
