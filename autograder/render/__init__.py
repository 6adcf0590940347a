"""Renderers: a report as terminal text or as HTML (notebooks, feedback pages)."""

from autograder.render.html import report_html
from autograder.render.text import report_text

__all__ = ["report_html", "report_text"]
