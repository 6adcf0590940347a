"""A report as plain text, for terminals and logs."""

from __future__ import annotations

from autograder.chapters import DEFAULT_SITE_URL
from autograder.results import Report, Verdict, shape_text

MARKS = {
    Verdict.PASS: "PASS",
    Verdict.FAIL: "FAIL",
    Verdict.WARN: "WARN",
    Verdict.INFO: "INFO",
    Verdict.SKIP: "SKIP",
}


def report_text(report: Report, site_url: str = DEFAULT_SITE_URL) -> str:
    """Return the report as text: one line per check, the diagnosis under each failure."""
    lines = [f"Keras Clinic check: {report.task} — {'passed' if report.passed else 'FAILED'}"]
    for result in report.results:
        lines.append(f"[{MARKS[result.verdict]}] {result.title}: {result.summary}")
        if result.shape_table:
            width = max(len(row.layer) for row in result.shape_table)
            for row in result.shape_table:
                shape = shape_text(row.output_shape)
                lines.append(
                    f"         {row.layer:<{width}}  {row.kind:<20} {shape:<22} {row.params:>10,}"
                )
        if result.diagnosis is not None and result.verdict in (Verdict.FAIL, Verdict.WARN):
            for text in result.diagnosis.as_text(site_url).splitlines():
                lines.append(f"       {text}")
    return "\n".join(lines)
