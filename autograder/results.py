"""What every check returns: frozen results, JSON only at the edge.

Results cross process boundaries (the grading process writes them, the gradebook and
the feedback pages read them), so ``from_dict`` validates what it reads instead of
trusting it. Nothing here imports TensorFlow.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from autograder.diagnose.diagnosis import Diagnosis

Figure = float | int | str | bool | None


class Verdict(str, Enum):
    """The outcome of one check."""

    PASS = "pass"  # noqa: S105 - a verdict, not a password
    """The check holds."""
    FAIL = "fail"
    """The check found a bug; a diagnosis says what and where."""
    WARN = "warn"
    """Suspicious but not necessarily wrong; worth reading."""
    INFO = "info"
    """A measurement shown for understanding (e.g. the shape table), not a verdict."""
    SKIP = "skip"
    """Could not run (e.g. an earlier check failed); the summary says why."""


def shape_text(shape: Sequence[int | None]) -> str:
    """Write a shape the way Keras prints it, batch axis as ``None``: ``(None, 28, 28, 1)``."""
    return "(" + ", ".join("None" if d is None else str(d) for d in shape) + ")"


@dataclass(frozen=True)
class ShapeRow:
    """One layer's row in the layer-by-layer shape table, measured on a real batch."""

    layer: str
    """The layer's name."""
    kind: str
    """The layer's class name (``Dense``, ``LSTM``…)."""
    output_shape: tuple[int | None, ...]
    """The output shape with the batch axis shown as ``None``."""
    params: int
    """Number of weights (trainable and not) in the layer."""

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable view."""
        return {
            "layer": self.layer,
            "kind": self.kind,
            "output_shape": list(self.output_shape),
            "params": self.params,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ShapeRow:
        """Rebuild a row, validating every field."""
        shape = tuple(None if dim is None else int(dim) for dim in data["output_shape"])
        return cls(str(data["layer"]), str(data["kind"]), shape, int(data["params"]))


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check on one model or dataset."""

    check: str
    """Stable identifier, e.g. ``structure.output-shape``."""
    title: str
    """What was checked, for people."""
    verdict: Verdict
    """Pass, fail, warn, info or skip."""
    summary: str
    """One sentence: what was measured and how it compares."""
    figures: Mapping[str, Figure] = field(default_factory=dict)
    """The measured numbers behind the verdict (finite floats, ints, strings, bools)."""
    diagnosis: Diagnosis | None = None
    """For a failure or warning: what is wrong, where, what to do, where to read."""
    shape_table: tuple[ShapeRow, ...] = ()
    """Layer-by-layer shapes, when the check measured them."""
    curve: Mapping[str, tuple[float, ...]] = field(default_factory=dict)
    """Per-epoch series (``loss``, ``val_loss``…), when the check trained something."""

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable view (non-finite numbers become ``None``)."""
        return {
            "check": self.check,
            "title": self.title,
            "verdict": self.verdict.value,
            "summary": self.summary,
            "figures": {key: _finite(value) for key, value in self.figures.items()},
            "diagnosis": self.diagnosis.to_dict() if self.diagnosis else None,
            "shape_table": [row.to_dict() for row in self.shape_table],
            "curve": {key: [_finite(v) for v in values] for key, values in self.curve.items()},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CheckResult:
        """Rebuild a result from ``to_dict`` output.

        Raises:
            ValueError: a field is missing or has the wrong type.
        """
        try:
            figures = {str(k): _figure(v) for k, v in dict(data.get("figures", {})).items()}
            curve = {
                str(k): tuple(math.nan if v is None else float(v) for v in values)
                for k, values in dict(data.get("curve", {})).items()
            }
            return cls(
                check=str(data["check"]),
                title=str(data["title"]),
                verdict=Verdict(data["verdict"]),
                summary=str(data["summary"]),
                figures=figures,
                diagnosis=Diagnosis.from_dict(data["diagnosis"]) if data.get("diagnosis") else None,
                shape_table=tuple(ShapeRow.from_dict(r) for r in data.get("shape_table", [])),
                curve=curve,
            )
        except (KeyError, TypeError) as error:
            raise ValueError(f"not a check result: missing or malformed {error}") from error


@dataclass(frozen=True)
class Report:
    """Every check's result for one model on one task."""

    task: str
    """The task's key (which exercise or scenario was checked)."""
    results: tuple[CheckResult, ...]
    """The results, in pipeline order."""

    @property
    def passed(self) -> bool:
        """True when no check failed."""
        return all(result.verdict is not Verdict.FAIL for result in self.results)

    @property
    def failures(self) -> tuple[CheckResult, ...]:
        """The failed checks, in order."""
        return tuple(r for r in self.results if r.verdict is Verdict.FAIL)

    def result(self, check: str) -> CheckResult:
        """Return the result of one check by identifier.

        Raises:
            KeyError: no check with that identifier ran.
        """
        for result in self.results:
            if result.check == check:
                return result
        raise KeyError(f"no result for check {check!r}; ran: {[r.check for r in self.results]}")

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable view."""
        return {
            "task": self.task,
            "passed": self.passed,
            "results": [r.to_dict() for r in self.results],
        }

    def to_json(self) -> str:
        """Return the report as JSON text."""
        return json.dumps(self.to_dict(), indent=2)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Report:
        """Rebuild a report, validating every result.

        Raises:
            ValueError: the data is not a report.
        """
        if not isinstance(data, Mapping) or "results" not in data:
            raise ValueError("not a report: expected an object with 'task' and 'results'")
        results: Sequence[Any] = data["results"]
        return cls(str(data["task"]), tuple(CheckResult.from_dict(r) for r in results))

    @classmethod
    def from_json(cls, text: str) -> Report:
        """Parse and validate a report from JSON text."""
        return cls.from_dict(json.loads(text))


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _figure(value: Any) -> Figure:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    raise TypeError(f"figure value {value!r}")
