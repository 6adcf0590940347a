"""The shape of an explanation: what is wrong, where, what to do, where to read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from autograder.chapters import CHAPTERS, DEFAULT_SITE_URL, Chapter


@dataclass(frozen=True)
class Diagnosis:
    """A plain-language explanation of one failure."""

    problem: str
    """What is wrong, in plain words."""
    where: str
    """Where it shows: the layer, the shapes or the argument involved."""
    fix: str
    """What to do about it."""
    chapter: Chapter | None
    """The chapter that teaches it, or ``None`` when nothing in the course does."""
    rule: str
    """Identifier of the rule that recognised the failure (``unknown`` if none did)."""
    original: str = ""
    """The original error (class and cleaned message), kept verbatim for the reader."""

    @property
    def recognised(self) -> bool:
        """True when a rule recognised the failure (not the honest generic answer)."""
        return self.rule != "unknown"

    def to_dict(self, site_url: str = DEFAULT_SITE_URL) -> dict[str, Any]:
        """Return a JSON-serialisable view."""
        return {
            "problem": self.problem,
            "where": self.where,
            "fix": self.fix,
            "chapter": self.chapter.to_dict(site_url) if self.chapter else None,
            "rule": self.rule,
            "original": self.original,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Diagnosis:
        """Rebuild a diagnosis from ``to_dict`` output (e.g. JSON from a grading process).

        Raises:
            ValueError: a field is missing or the chapter key is unknown.
        """
        try:
            chapter_key = data["chapter"]["key"] if data["chapter"] else None
            if chapter_key is not None and chapter_key not in CHAPTERS:
                raise ValueError(f"unknown chapter key {chapter_key!r}")
            return cls(
                problem=str(data["problem"]),
                where=str(data["where"]),
                fix=str(data["fix"]),
                chapter=CHAPTERS[chapter_key] if chapter_key else None,
                rule=str(data["rule"]),
                original=str(data.get("original", "")),
            )
        except (KeyError, TypeError) as error:
            raise ValueError(f"not a diagnosis: missing or malformed {error}") from error

    def as_text(self, site_url: str = DEFAULT_SITE_URL) -> str:
        """Return the explanation as a few lines of plain text."""
        lines = [
            f"What is wrong: {self.problem}",
            f"Where: {self.where}",
            f"What to do: {self.fix}",
        ]
        if self.chapter is not None:
            lines.append(f"Read: {self.chapter.title}, {self.chapter.url(site_url)}")
        if self.original:
            lines.append(f"Original error: {self.original}")
        return "\n".join(lines)
