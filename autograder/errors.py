"""The exceptions Keras Clinic raises on purpose.

Every error we raise for a person says what happened, what was expected, what was
found and what to do next. The command-line interface catches ``ClinicError`` once
and prints its message without a traceback; anything else is a bug in Keras Clinic.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class ClinicError(Exception):
    """Base class of every error that is meant for a person, not a developer."""


class UnknownDatasetError(ClinicError, KeyError):
    """A dataset name that Keras Clinic does not know."""

    def __init__(self, name: str, known: Iterable[str]) -> None:
        self.name = name
        self.known = tuple(sorted(known))
        hint = did_you_mean(name, self.known)
        super().__init__(
            f"Unknown dataset {name!r}.{hint} Known datasets: {', '.join(self.known)}. "
            "Run `clinic data list` to see them with their state."
        )

    def __str__(self) -> str:  # KeyError would otherwise quote the whole message
        return str(self.args[0])


class DatasetNotPreparedError(ClinicError):
    """A dataset that is known but has not been prepared in the data directory."""

    def __init__(self, name: str, data_dir: str, command: str) -> None:
        self.name = name
        self.data_dir = data_dir
        self.command = command
        super().__init__(
            f"Dataset {name!r} is not prepared in {data_dir}. "
            f"Prepare it (offline, from the local copy) with:\n    {command}"
        )


class DataSourceError(ClinicError):
    """The local copy a dataset is prepared from is missing, truncated or corrupt.

    Raised before anything is written to the data directory, so a refused source
    never leaves a half-written dataset behind.
    """


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """Return ``" Did you mean 'x'?"`` for the closest candidate, or ``""``."""
    matches = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f" Did you mean {matches[0]!r}?" if matches else ""
