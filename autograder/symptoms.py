"""``TrainingSymptoms``: a lightweight callback that notices a training run going wrong.

Add it to any ``fit`` call. It watches the loss batch by batch (NaN or infinite),
measures gradient norms and dead ReLU units on a fixed probe batch at the end of each
epoch, and classifies the loss curve when training ends (rising, oscillating, flat).
Every symptom comes with a diagnosis and the chapter to read.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import keras
import numpy as np
import tensorflow as tf

from autograder.diagnose import findings
from autograder.diagnose.diagnosis import Diagnosis
from autograder.results import CheckResult, Verdict

EXPLODING_NORM = 1e3
"""A global gradient norm above this is exploding."""
VANISHING_NORM = 1e-7
"""A global gradient norm below this is vanishing."""
DEAD_SHARE = 0.5
"""A ReLU layer with more than this share of units silent on the whole probe batch is dying."""
FLAT_CHANGE = 0.01
"""A loss that changed by less than this fraction over the run is flat."""


@dataclass(frozen=True)
class Symptom:
    """One thing that went wrong during training."""

    kind: str
    """``nan-loss``, ``exploding-gradients``, ``vanishing-gradients``, ``dead-relu``,
    ``rising-loss``, ``oscillating-loss`` or ``flat-loss``."""
    epoch: int
    """The epoch (0-based) in which it was seen."""
    detail: str
    """What was measured."""
    diagnosis: Diagnosis
    """What it means and what to do."""


class TrainingSymptoms(keras.callbacks.Callback):
    """Watch a training run for the classic symptoms of a model that fails to train.

    Args:
        probe: ``(x, y)``, a small fixed batch used to measure gradients and
            activations (e.g. the first 64 training examples).
        stop_on_nan: stop training as soon as the loss is NaN or infinite.
    """

    def __init__(self, probe: tuple[Any, Any], *, stop_on_nan: bool = True) -> None:
        super().__init__()
        self.probe_x = np.asarray(probe[0])
        self.probe_y = np.asarray(probe[1])
        self.stop_on_nan = stop_on_nan
        self.symptoms: list[Symptom] = []
        self.losses: list[float] = []
        self.gradient_norms: list[float] = []
        self._epoch = 0

    def on_epoch_begin(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        self._epoch = epoch

    def on_train_batch_end(self, batch: int, logs: dict[str, Any] | None = None) -> None:
        loss = float((logs or {}).get("loss", 0.0))
        if not math.isfinite(loss) and not self._seen("nan-loss"):
            self._add("nan-loss", f"loss {loss} at batch {batch} of epoch {self._epoch + 1}")
            if self.stop_on_nan:
                self.model.stop_training = True

    def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        self.losses.append(float((logs or {}).get("loss", math.nan)))
        norm = self.gradient_norm()
        self.gradient_norms.append(norm)
        if math.isfinite(norm) and norm > EXPLODING_NORM and not self._seen("exploding-gradients"):
            self._add(
                "exploding-gradients", f"global gradient norm {norm:.3g} after epoch {epoch + 1}"
            )
        if norm < VANISHING_NORM and not self._seen("vanishing-gradients"):
            self._add(
                "vanishing-gradients", f"global gradient norm {norm:.3g} after epoch {epoch + 1}"
            )
        for layer, share in self.dead_relu_shares().items():
            if share > DEAD_SHARE and not self._seen("dead-relu"):
                self._add("dead-relu", f"{share:.0%} of the units of layer '{layer}' never fire")

    def on_train_end(self, logs: dict[str, Any] | None = None) -> None:
        kind = classify_curve(self.losses)
        if kind is not None and not self._seen("nan-loss"):
            first, last = self.losses[0], self.losses[-1]
            self._add(
                kind, f"training loss {first:.4g} -> {last:.4g} over {len(self.losses)} epochs"
            )

    def gradient_norm(self) -> float:
        """The global norm of the loss gradient on the probe batch."""
        with tf.GradientTape() as tape:
            predictions = self.model(self.probe_x, training=False)
            loss = self.model.compute_loss(x=self.probe_x, y=self.probe_y, y_pred=predictions)
        gradients = tape.gradient(loss, self.model.trainable_variables)
        present = [g for g in gradients if g is not None]
        return float(tf.linalg.global_norm(present)) if present else 0.0

    def dead_relu_shares(self) -> dict[str, float]:
        """Per ReLU layer, the share of units that output zero on every probe example."""
        shares: dict[str, float] = {}
        layers = [
            layer
            for layer in self.model.layers
            if getattr(getattr(layer, "activation", None), "__name__", "") == "relu"
        ]
        if not layers or not self.model.inputs:
            return shares
        inputs = self.model.inputs[0] if len(self.model.inputs) == 1 else self.model.inputs
        probe = keras.Model(inputs, [layer.output for layer in layers])
        outputs = probe(self.probe_x, training=False)
        outputs = outputs if isinstance(outputs, (list, tuple)) else [outputs]
        for layer, output in zip(layers, outputs, strict=True):
            values = np.asarray(output).reshape(-1, np.shape(output)[-1])
            shares[layer.name] = float(np.mean(np.all(values <= 0, axis=0)))
        return shares

    def as_result(self) -> CheckResult:
        """Summarise the run as one check result (a warning per symptom, in the summary)."""
        if not self.symptoms:
            return CheckResult(
                "training.symptoms",
                "Training symptoms",
                Verdict.PASS,
                f"No symptom over {len(self.losses)} epochs.",
                curve={"loss": tuple(self.losses)},
            )
        first = self.symptoms[0]
        return CheckResult(
            "training.symptoms",
            "Training symptoms",
            Verdict.WARN,
            "; ".join(f"{s.kind}: {s.detail}" for s in self.symptoms),
            {"symptoms": ", ".join(s.kind for s in self.symptoms)},
            diagnosis=first.diagnosis,
            curve={"loss": tuple(self.losses)},
        )

    def _seen(self, kind: str) -> bool:
        return any(symptom.kind == kind for symptom in self.symptoms)

    def _add(self, kind: str, detail: str) -> None:
        self.symptoms.append(Symptom(kind, self._epoch, detail, findings.symptom(kind, detail)))


def classify_curve(losses: list[float]) -> str | None:
    """Name what is wrong with a per-epoch loss curve, or ``None`` if it goes down.

    Rising: the last loss is above the first. Flat: it moved by less than
    ``FLAT_CHANGE`` of its value. Oscillating: most steps change direction and the
    swings are larger than the overall progress.
    """
    values = [v for v in losses if math.isfinite(v)]
    if len(values) < 3:
        return None
    first, last = values[0], values[-1]
    if last > first * 1.05:
        return "rising-loss"
    if abs(first - last) < FLAT_CHANGE * max(abs(first), 1e-12):
        return "flat-loss"
    steps = np.diff(values)
    turns = np.sum(np.sign(steps[1:]) != np.sign(steps[:-1]))
    if turns >= 0.6 * (len(steps) - 1) and np.abs(steps).sum() > 3 * abs(first - last):
        return "oscillating-loss"
    return None
