"""Feedback pages: one self-contained HTML page per student and assignment.

Built from the ledger only, that is from the scorer's results on the hand-in: per
question the points and the verdict of each check, what is wrong, where, what to
do and the chapter that teaches it, the layer-by-layer shape table and the loss
curve (inline SVG). No test cell ever ran in the student's kernel, so there is no
test source or test traceback to leak; the page also leaves out the grading seed.
The pages go where nbgrader keeps feedback (``feedback/<student>/<assignment>/``),
so ``nbgrader release_feedback`` can hand them out.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path

from autograder.chapters import DEFAULT_SITE_URL
from autograder.exercises.assignments import get_assignment
from autograder.grading.outcome import SubmissionResult
from autograder.render.html import report_html
from autograder.results import Report

_PAGE_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
    "line-height:1.45}h1{font-size:1.5rem}.state{padding:.1em .5em;border-radius:4px;"
    "color:white}.graded{background:#1a7f37}.failed{background:#cf222e}"
    "section{border-top:1px solid #d0d7de;margin-top:1.5rem}"
)


def write_feedback(
    results: Sequence[SubmissionResult], out: Path, site_url: str = DEFAULT_SITE_URL
) -> list[Path]:
    """Write one page per result under ``out`` and return their paths."""
    paths = []
    for result in results:
        spec = get_assignment(result.assignment)
        path = out / result.student / result.assignment / f"{spec.notebook}.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(feedback_page(result, site_url), encoding="utf-8")
        paths.append(path)
    return paths


def feedback_page(result: SubmissionResult, site_url: str = DEFAULT_SITE_URL) -> str:
    """One student's feedback on one assignment, as a whole HTML document."""
    spec = get_assignment(result.assignment)
    title = f"{spec.key}: feedback for {result.student}"
    parts = [f"<h1>{escape(title)}</h1>"]
    if result.state.failed:
        parts.append(
            f'<p><span class="state failed">{escape(result.state.value)}</span> '
            f"Your notebook could not be graded: {escape(result.reason)}</p>"
        )
    else:
        parts.append(
            f'<p><span class="state graded">graded</span> <strong>{result.total}/'
            f"{result.max_points} points</strong>, computed by the course's grader from what "
            "your notebook handed in.</p>"
        )
    if result.errors:
        items = "".join(
            f"<li><code>{escape(e.get('cell', ''))}</code> raised "
            f"<code>{escape(e.get('ename', ''))}</code>: {escape(e.get('evalue', ''))}</li>"
            for e in result.errors
        )
        parts.append(f"<p>Errors your cells raised while the grader ran them:</p><ul>{items}</ul>")
    if result.scorecard:
        report = Report.from_dict(result.scorecard["report"])
        by_check = {r.check: r for r in report.results}
        for question in spec.questions:
            earned = result.points.get(question.key, 0)
            checks = tuple(by_check[c] for c in question.checks if c in by_check)
            parts.append(
                f"<section><h2>{escape(question.title)}: {earned}/{question.points}</h2>"
                + report_html(Report(report.task, checks), site_url)
                + "</section>"
            )
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<title>{escape(title)}</title><style>{_PAGE_STYLE}</style></head>"
        f"<body>{''.join(parts)}</body></html>\n"
    )
