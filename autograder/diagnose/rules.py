"""Recognise the real Keras 3 error messages of the course's failure scenarios.

Each rule pairs a message pattern (as Keras 3 words it today; the tests pin every
pattern against an error raised by real Keras code) with a function that turns the
match into an explanation. Rules are tried in order; a rule may decline (return
``None``) when its pattern matched but the shapes say the cause is something else.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from autograder.chapters import CHAPTERS
from autograder.diagnose.diagnosis import Diagnosis

Shape = tuple[int | None, ...]
_RECURRENT_OR_CONV = re.compile(r"lstm|gru|rnn|conv1d|bidirectional", re.IGNORECASE)


@dataclass(frozen=True)
class Rule:
    """One recognisable failure."""

    name: str
    """Stable identifier, recorded in every diagnosis it produces."""
    pattern: re.Pattern[str]
    """Searched in the cleaned message."""
    explain: Callable[[re.Match[str], str], Diagnosis | None]
    """Builds the diagnosis from the match and the original text, or declines."""


def parse_shape(text: str) -> Shape:
    """Parse ``"(None, 28, 28, 10)"`` into ``(None, 28, 28, 10)``."""
    parts = [part.strip() for part in text.strip("()[] ").split(",") if part.strip()]
    return tuple(None if part == "None" else int(part) for part in parts)


def _diagnosis(
    rule: str, chapter: str, problem: str, where: str, fix: str, original: str
) -> Diagnosis:
    return Diagnosis(problem, where, fix, CHAPTERS[chapter], rule, original)


def _sparse_rank(match: re.Match[str], original: str) -> Diagnosis | None:
    target, output = parse_shape(match["target"]), parse_shape(match["output"])
    where = f"labels of shape {match['target']}, model output of shape {match['output']}"
    if len(output) > 2:
        return _diagnosis(
            "output-not-flat",
            "dense-on-images",
            "The model outputs one prediction per position, not one per example: its output "
            f"has {len(output)} axes. A Dense layer only acts on the last axis, so on images "
            "(or sequences) it keeps the spatial axes.",
            where,
            "Flatten (or pool) before the Dense layers, so the output is (batch, classes); "
            "check with model.output_shape.",
            original,
        )
    if len(target) == 2 and len(output) == 2:
        return _diagnosis(
            "one-hot-with-sparse-loss",
            "mistyped-data",
            "The labels are one-hot vectors, but the loss is the sparse categorical "
            "cross-entropy, which expects one integer class index per example.",
            where,
            "Use categorical_crossentropy with one-hot labels, or keep "
            "sparse_categorical_crossentropy and pass integer labels (np.argmax(y, axis=-1)).",
            original,
        )
    return None


def _same_rank(match: re.Match[str], original: str) -> Diagnosis | None:
    target, output = parse_shape(match["target"]), parse_shape(match["output"])
    where = f"labels of shape {match['target']}, model output of shape {match['output']}"
    if len(target) == 1 and len(output) == 2:
        return _diagnosis(
            "integer-labels-with-categorical-loss",
            "mistyped-data",
            "The labels are integer class indices, but the loss is the categorical "
            "cross-entropy, which expects one-hot vectors.",
            where,
            "Use sparse_categorical_crossentropy with integer labels (or one-hot encode the "
            "labels with keras.utils.to_categorical).",
            original,
        )
    if len(output) > len(target) + 1 or len(output) > 2:
        return _sparse_rank(match, original)
    return None


def _input_shape(match: re.Match[str], original: str) -> Diagnosis | None:
    expected, received = parse_shape(match["expected"]), parse_shape(match["received"])
    where = f"the model expects {match['expected']}, the data has shape {match['received']}"
    if (
        len(expected) == 2
        and len(received) > 2
        and None not in received[1:]
        and math.prod(received[1:]) == expected[1]  # type: ignore[arg-type]
    ):
        return _diagnosis(
            "unflattened-images",
            "dense-on-images",
            f"The model was declared for flat vectors of {expected[1]} values, but it is fed "
            "the images unflattened.",
            where,
            "Keep the images as they are and put a Flatten layer first: "
            "keras.Input(shape=image_shape), then layers.Flatten().",
            original,
        )
    return _diagnosis(
        "input-shape-mismatch",
        "debugging-toolkit",
        "The data's shape does not match the shape the model's Input declares.",
        where,
        "Print x.shape and model.input_shape; either reshape the data or declare the Input "
        "with the data's per-example shape.",
        original,
    )


def _ndim(match: re.Match[str], original: str) -> Diagnosis | None:
    layer, expected, found = match["layer"], int(match["expected"]), int(match["found"])
    where = f"layer '{layer}': expected {expected} axes, received shape {match['shape']}"
    if _RECURRENT_OR_CONV.search(layer) and expected == 3 and found == 2:
        return _diagnosis(
            "missing-feature-axis",
            "time-series-reshape",
            f"Layer '{layer}' reads sequences shaped (batch, time steps, features), but it "
            "received (batch, time steps): the feature axis is missing.",
            where,
            "Declare keras.Input(shape=(window, 1)) for a univariate series and give the data "
            "its feature axis (x[..., np.newaxis]).",
            original,
        )
    return _diagnosis(
        "wrong-rank",
        "debugging-toolkit",
        f"Layer '{layer}' expects inputs with {expected} axes but received {found}.",
        where,
        "Print the shapes layer by layer (model.summary(), or run one batch) and add the "
        "missing reshape, Flatten or pooling before this layer.",
        original,
    )


def _last_axis(match: re.Match[str], original: str) -> Diagnosis | None:
    layer, expected = match["layer"], match["expected"]
    return _diagnosis(
        "last-axis-mismatch",
        "layer-surgery",
        f"Layer '{layer}' was built for inputs whose last axis has {expected} values, but it "
        f"now receives shape {match['shape']}. A layer's weights fix its input size when it "
        "is first built; reusing it after changing what feeds it breaks that.",
        f"layer '{layer}': built for last axis {expected}, received {match['shape']}",
        "Rebuild the model with the functional API so each layer is built for what now feeds "
        "it, or create a new layer for the changed input.",
        original,
    )


def _weights_mismatch(match: re.Match[str], original: str) -> Diagnosis | None:
    return _diagnosis(
        "checkpoint-does-not-fit",
        "layer-surgery",
        "The saved weights do not fit this model: the architecture changed since they were "
        "saved, so a saved tensor has a different shape than the layer it is loaded into.",
        f"layer {match['layer']}: the model's variable has shape {match['variable']}, the "
        f"saved value has shape {match['value']}",
        "Load into the architecture that saved the weights, then rebuild; or load layer by "
        "layer with layer.set_weights(...) for the layers that still fit, and check which "
        "ones were restored. skip_mismatch=True only hides the problem.",
        original,
    )


def _ragged_index(match: re.Match[str], original: str) -> Diagnosis | None:
    return _diagnosis(
        "ragged-into-rnn",
        "ragged-sequences",
        "A ragged tensor (sequences of different lengths) was fed to a recurrent layer; "
        "Keras 3 recurrent layers take dense tensors only.",
        "the recurrent layer's input",
        "Pad the sequences to one length (keras.utils.pad_sequences(..., dtype='float32', "
        "padding='post')) and add a Masking layer so padding is ignored.",
        original,
    )


def _cardinality(match: re.Match[str], original: str) -> Diagnosis | None:
    return _diagnosis(
        "list-of-sequences",
        "ragged-sequences",
        "The data was passed as a Python list of arrays. Keras reads a list as several "
        "separate inputs, each with its own number of samples, so it cannot pair them "
        "with the labels.",
        f"x sizes: {match['sizes'].strip()}",
        "Pad the sequences into one array of shape (examples, max length, features) with "
        "keras.utils.pad_sequences(..., dtype='float32'), and mask the padding.",
        original,
    )


def _invalid_dtype(match: re.Match[str], original: str) -> Diagnosis | None:
    dtype = match["dtype"]
    if dtype == "object":
        return _diagnosis(
            "object-array",
            "ragged-sequences",
            "The data is a NumPy array of Python objects, usually a list of sequences of "
            "different lengths that NumPy could not stack into numbers.",
            f"an array of dtype {dtype}",
            "Pad the sequences to one length with keras.utils.pad_sequences(..., "
            "dtype='float32') so they form one numeric array.",
            original,
        )
    if dtype.startswith("str") or dtype.startswith("<U") or dtype == "string":
        return _diagnosis(
            "string-labels",
            "mistyped-data",
            "Text labels (strings) reached the model; losses need numbers.",
            f"an array of dtype {dtype}",
            "Encode the labels as integers (e.g. a dict from name to index, or "
            "keras.layers.StringLookup) before training.",
            original,
        )
    return None


RULES: tuple[Rule, ...] = (
    Rule(
        "sparse-rank",
        re.compile(
            r"Argument `output` must have rank \(ndim\) `target\.ndim - 1`\. "
            r"Received: target\.shape=(?P<target>\([^)]*\)), output\.shape=(?P<output>\([^)]*\))"
        ),
        _sparse_rank,
    ),
    Rule(
        "same-rank",
        re.compile(
            r"Arguments `target` and `output` must have the same rank \(ndim\)\. "
            r"Received: target\.shape=(?P<target>\([^)]*\)), output\.shape=(?P<output>\([^)]*\))"
        ),
        _same_rank,
    ),
    Rule(
        "input-shape",
        re.compile(
            r"Expected shape (?P<expected>\([^)]*\)), but input has incompatible shape "
            r"(?P<received>\([^)]*\))"
        ),
        _input_shape,
    ),
    Rule(
        "ndim",
        re.compile(
            r"of layer '(?P<layer>[^']+)' is incompatible with the layer: expected "
            r"ndim=(?P<expected>\d+), found ndim=(?P<found>\d+)\. Full shape received: "
            r"(?P<shape>\([^)]*\))"
        ),
        _ndim,
    ),
    Rule(
        "last-axis",
        re.compile(
            r"of layer '(?P<layer>[^']+)' is incompatible with the layer: expected axis -1 of "
            r"input shape to have value (?P<expected>\d+), but received input with shape "
            r"(?P<shape>\([^)]*\))"
        ),
        _last_axis,
    ),
    Rule(
        "weights-mismatch",
        re.compile(
            r"could not be loaded\. Example error message for object <\w+ name=(?P<layer>[^,]+),"
            r".*?variable\.shape=(?P<variable>\([^)]*\)), "
            r"Received: value\.shape=(?P<value>\([^)]*\))",
            re.DOTALL,
        ),
        _weights_mismatch,
    ),
    Rule("ragged-index", re.compile(r"Cannot index into an inner ragged dimension"), _ragged_index),
    Rule(
        "cardinality",
        re.compile(r"Data cardinality is ambiguous\..*?'x' sizes: (?P<sizes>[\d, ]+)", re.DOTALL),
        _cardinality,
    ),
    Rule("invalid-dtype", re.compile(r"Invalid dtype: (?P<dtype>[\w<]+)"), _invalid_dtype),
)
"""Every rule, tried in order."""
