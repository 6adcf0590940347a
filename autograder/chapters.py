"""The course's chapters: where each failure scenario is taught.

Diagnoses, feedback pages and the book all link to chapters through this one table,
so renaming a chapter folder is a one-line change here (and a test checks every
entry points at a real page).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

DEFAULT_SITE_URL = "https://keras-clinic.github.io/keras-clinic/"
"""Where the course site is published; override per call for a fork or a local build."""


@dataclass(frozen=True)
class Chapter:
    """One chapter of the course."""

    key: str
    """Stable identifier used in results and metadata (never renamed)."""
    title: str
    """The chapter's title as the book shows it."""
    page: str
    """The page's document path in the book, without suffix."""

    def url(self, site_url: str = DEFAULT_SITE_URL) -> str:
        """Return the chapter's address on the published site (or a local build)."""
        return f"{site_url.rstrip('/')}/{self.page}.html"

    def to_dict(self, site_url: str = DEFAULT_SITE_URL) -> dict[str, str]:
        """Return a JSON-serialisable view, link included."""
        return {"key": self.key, "title": self.title, "url": self.url(site_url)}


_CHAPTERS = (
    Chapter("dense-on-images", "Dense first on images", "book/01-dense-on-images/index"),
    Chapter("time-series-reshape", "Time-series reshape", "book/02-time-series-reshape/index"),
    Chapter(
        "ragged-sequences", "Ragged and variable-length sequences", "book/03-ragged-sequences/index"
    ),
    Chapter("layer-surgery", "Layer removal and checkpoint restore", "book/04-layer-surgery/index"),
    Chapter("unscaled-data", "Unscaled data", "book/05-unscaled-data/index"),
    Chapter("mistyped-data", "Mistyped data", "book/06-mistyped-data/index"),
    Chapter("debugging-toolkit", "The debugging toolkit", "book/07-debugging-toolkit/index"),
)

CHAPTERS: Mapping[str, Chapter] = MappingProxyType({chapter.key: chapter for chapter in _CHAPTERS})
"""Every chapter by key, in course order."""
