"""What a notebook cell *means* to do, read from its metadata.

A cell that is meant to fail carries the ``raises-exception`` tag (which Jupyter tools
already understand) **and** Keras Clinic metadata naming the exception class and a
message pattern, so that "it raised something" is never mistaken for "it raised what
the chapter says"::

    "metadata": {
      "tags": ["raises-exception"],
      "clinic": {
        "schema": 1,
        "expect_error": {"class": "ValueError", "pattern": "Arguments `target` and `output`"}
      }
    }

``pattern`` is a Python regular expression searched (not matched) in the message.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from autograder.errors import ClinicError, did_you_mean

RAISES_TAG = "raises-exception"
METADATA_KEY = "clinic"
SCHEMA_VERSION = 1
_CELL_KEYS = frozenset({"schema", "expect_error"})
_ERROR_KEYS = frozenset({"class", "pattern"})


class CellMetadataError(ClinicError):
    """A cell's Keras Clinic metadata is malformed or inconsistent with its tags."""


@dataclass(frozen=True)
class ExpectedError:
    """The error a cell is documented to raise."""

    exception: str
    """The exception's class name as Jupyter reports it (``ename``), e.g. ``ValueError``."""
    pattern: str
    """A regular expression that must be found in the exception's message."""

    def explain_mismatch(self, ename: str | None, evalue: str | None) -> str | None:
        """Return why a raised error does not fit, or ``None`` when it does."""
        if ename is None:
            return (
                f"expected {self.exception} matching /{self.pattern}/, but the cell raised nothing"
            )
        if ename != self.exception:
            return (
                f"expected {self.exception} matching /{self.pattern}/, "
                f"but the cell raised {ename}: {_shorten(evalue or '')}"
            )
        if not re.search(self.pattern, evalue or "", flags=re.DOTALL):
            return (
                f"the cell raised {ename} as expected, but its message no longer matches "
                f"/{self.pattern}/. Message: {_shorten(evalue or '')}"
            )
        return None


def expected_error(cell: Mapping[str, Any], where: str) -> ExpectedError | None:
    """Return the error a code cell is documented to raise, or ``None``.

    Args:
        cell: a notebook cell (``nbformat`` node or plain dict).
        where: a human location (``"broken.ipynb, cell 7"``) for error messages.

    Raises:
        CellMetadataError: the tag and the metadata disagree, or the metadata is malformed.
    """
    metadata = cell.get("metadata", {})
    tagged = RAISES_TAG in metadata.get("tags", [])
    clinic = metadata.get(METADATA_KEY)
    if clinic is None:
        if tagged:
            raise CellMetadataError(
                f"{where} has the {RAISES_TAG!r} tag but no {METADATA_KEY!r} metadata naming "
                'the expected error. Add: "clinic": {"schema": 1, "expect_error": '
                '{"class": "...", "pattern": "..."}}'
            )
        return None
    _reject_unknown(clinic, _CELL_KEYS, where)
    if clinic.get("schema") != SCHEMA_VERSION:
        raise CellMetadataError(
            f"{where}: unsupported clinic metadata schema {clinic.get('schema')!r}; "
            f"this version of Keras Clinic reads schema {SCHEMA_VERSION}."
        )
    spec = clinic.get("expect_error")
    if spec is None:
        if tagged:
            raise CellMetadataError(f"{where} is tagged {RAISES_TAG!r} but has no expect_error.")
        return None
    if not tagged:
        raise CellMetadataError(
            f"{where} declares expect_error but lacks the {RAISES_TAG!r} tag; add the tag so "
            "that Jupyter, Colab and the book build also let it fail."
        )
    _reject_unknown(spec, _ERROR_KEYS, where)
    try:
        exception, pattern = str(spec["class"]), str(spec["pattern"])
        re.compile(pattern)
    except KeyError as missing:
        raise CellMetadataError(f"{where}: expect_error needs {missing}.") from None
    except re.error as error:
        raise CellMetadataError(f"{where}: the pattern is not a valid regex ({error}).") from error
    return ExpectedError(exception, pattern)


def _reject_unknown(mapping: Mapping[str, Any], known: frozenset[str], where: str) -> None:
    for key in mapping:
        if key not in known:
            raise CellMetadataError(
                f"{where}: unknown clinic metadata key {key!r}.{did_you_mean(key, known)} "
                f"Known keys: {', '.join(sorted(known))}."
            )


def _shorten(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
