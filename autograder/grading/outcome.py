"""How grading one submission ended: exactly one state, the points, and the reason.

A submission is either ``graded`` (points per question, from the scorer) or failed
in one named way. Exports show the state, never a silent zero, so an instructor can
tell "scored 0" from "could not be graded". Results are stored as JSON and
validated on read (``from_dict``), because they come back from worker processes
and survive between runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

RESULT_SCHEMA = 1


class State(str, Enum):
    """The one way a submission's grading ended."""

    GRADED = "graded"
    """Scored: points per question."""
    TIMED_OUT = "timed-out"
    """The notebook (or its scoring) ran past the time limit."""
    OUT_OF_MEMORY = "out-of-memory"
    """Killed, or an allocation refused, for going over the memory limit."""
    CRASHED = "crashed"
    """The kernel or the scorer died (e.g. ``os._exit``, a segmentation fault)."""
    MALFORMED = "malformed"
    """The submitted notebook is missing or cannot be read."""
    MISSING_ARTIFACT = "missing-artifact"
    """The notebook ran but left no usable hand-in (e.g. it raised before handing in)."""

    @property
    def failed(self) -> bool:
        """True for every state but ``graded``."""
        return self is not State.GRADED


@dataclass(frozen=True)
class SubmissionResult:
    """The outcome of grading one student's submission of one assignment."""

    assignment: str
    """The assignment key."""
    student: str
    """The student's id (their folder name in the submissions)."""
    state: State
    """How grading ended."""
    points: Mapping[str, int] = field(default_factory=dict)
    """Points per question key; empty unless graded."""
    max_points: int = 0
    """Points available in the assignment."""
    reason: str = ""
    """Why grading failed, in plain words; empty when graded."""
    fingerprint: str = ""
    """sha256 of the submitted notebook: a changed submission is graded again."""
    scorecard: Mapping[str, Any] | None = None
    """The scorer's full scorecard (every check's result), when graded."""
    errors: tuple[Mapping[str, str], ...] = ()
    """The errors the student's cells raised (cell, exception name, message)."""
    confinement: str = ""
    """How the student's code was run (the jail, or a loud note that there was none)."""
    seconds: Mapping[str, float] = field(default_factory=dict)
    """Wall-clock seconds per stage (``notebook``, ``scoring``)."""

    @property
    def total(self) -> int:
        """Points earned (zero unless graded)."""
        return sum(self.points.values())

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable view."""
        return {
            "schema": RESULT_SCHEMA,
            "assignment": self.assignment,
            "student": self.student,
            "state": self.state.value,
            "points": dict(self.points),
            "total": self.total,
            "max_points": self.max_points,
            "reason": self.reason,
            "fingerprint": self.fingerprint,
            "scorecard": self.scorecard,
            "errors": [dict(e) for e in self.errors],
            "confinement": self.confinement,
            "seconds": dict(self.seconds),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SubmissionResult:
        """Rebuild a result, validating every field.

        Raises:
            ValueError: the data is not a submission result of this schema.
        """
        try:
            if data.get("schema") != RESULT_SCHEMA:
                raise ValueError(f"schema {data.get('schema')!r}, expected {RESULT_SCHEMA}")
            return cls(
                assignment=str(data["assignment"]),
                student=str(data["student"]),
                state=State(data["state"]),
                points={str(k): int(v) for k, v in dict(data["points"]).items()},
                max_points=int(data["max_points"]),
                reason=str(data["reason"]),
                fingerprint=str(data["fingerprint"]),
                scorecard=dict(data["scorecard"]) if data.get("scorecard") else None,
                errors=tuple(
                    {str(k): str(v) for k, v in dict(e).items()} for e in data.get("errors", [])
                ),
                confinement=str(data.get("confinement", "")),
                seconds={str(k): float(v) for k, v in dict(data.get("seconds", {})).items()},
            )
        except (KeyError, TypeError, AttributeError) as error:
            raise ValueError(f"not a submission result: missing or malformed {error}") from error
