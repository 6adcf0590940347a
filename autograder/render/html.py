"""A report as self-contained HTML: a table of checks, the shape table, a loss curve.

Self-contained on purpose (inline CSS and SVG, no scripts, no matplotlib): the same
fragment is shown in a notebook (Colab included) and embedded in feedback pages.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from html import escape

from autograder.chapters import DEFAULT_SITE_URL
from autograder.results import CheckResult, Report, Verdict

_COLOURS = {
    Verdict.PASS: "#1a7f37",
    Verdict.FAIL: "#cf222e",
    Verdict.WARN: "#9a6700",
    Verdict.INFO: "#0969da",
    Verdict.SKIP: "#6e7781",
}
_STYLE = (
    "<style>.kc table{border-collapse:collapse;margin:.4em 0}"
    ".kc td,.kc th{border:1px solid #d0d7de;padding:.25em .5em;text-align:left;"
    "vertical-align:top}.kc .v{font-weight:bold;color:white;border-radius:3px;"
    "padding:0 .4em}.kc .d{margin:.2em 0 .2em 1em}</style>"
)


def report_html(report: Report, site_url: str = DEFAULT_SITE_URL) -> str:
    """Return the report as an HTML fragment."""
    status = "passed" if report.passed else "found problems"
    rows = "".join(_row(result, site_url) for result in report.results)
    return (
        f'{_STYLE}<div class="kc"><h4>Keras Clinic check: {escape(report.task)} — {status}</h4>'
        f"<table><tr><th>Result</th><th>Check</th><th>What was measured</th></tr>{rows}</table>"
        "</div>"
    )


def _row(result: CheckResult, site_url: str) -> str:
    badge = (
        f'<span class="v" style="background:{_COLOURS[result.verdict]}">'
        f"{result.verdict.value.upper()}</span>"
    )
    body = escape(result.summary)
    if result.diagnosis is not None and result.verdict in (Verdict.FAIL, Verdict.WARN):
        d = result.diagnosis
        link = (
            f' <a href="{escape(d.chapter.url(site_url))}">Read: {escape(d.chapter.title)}</a>'
            if d.chapter
            else ""
        )
        body += (
            f'<div class="d"><b>What is wrong:</b> {escape(d.problem)}<br>'
            f"<b>Where:</b> {escape(d.where)}<br><b>What to do:</b> {escape(d.fix)}{link}</div>"
        )
    if result.shape_table:
        body += _shape_table(result)
    if result.curve:
        body += loss_curve_svg(result.curve)
    return f"<tr><td>{badge}</td><td>{escape(result.title)}</td><td>{body}</td></tr>"


def _shape_table(result: CheckResult) -> str:
    rows = "".join(
        f"<tr><td>{escape(r.layer)}</td><td>{escape(r.kind)}</td>"
        f"<td>{escape(str(r.output_shape).replace(',)', ')'))}</td><td>{r.params:,}</td></tr>"
        for r in result.shape_table
    )
    head = "<tr><th>Layer</th><th>Type</th><th>Output shape</th><th>Params</th></tr>"
    return f"<table>{head}{rows}</table>"


def loss_curve_svg(
    curve: Mapping[str, Sequence[float]], width: int = 320, height: int = 140
) -> str:
    """Return a small inline SVG line chart of per-epoch series (NaNs are skipped)."""
    series = {k: [v for v in vs if math.isfinite(v)] for k, vs in curve.items()}
    values = [v for vs in series.values() for v in vs]
    if not values:
        return ""
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    epochs = max(len(vs) for vs in series.values())
    pad = 24
    colours = ("#0969da", "#cf222e", "#1a7f37", "#8250df")
    lines, legend = [], []
    for index, (name, points) in enumerate(series.items()):
        if not points:
            continue
        xy = " ".join(
            f"{pad + (width - 2 * pad) * (i / max(epochs - 1, 1)):.1f},"
            f"{height - pad - (height - 2 * pad) * ((v - low) / span):.1f}"
            for i, v in enumerate(points)
        )
        colour = colours[index % len(colours)]
        lines.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{xy}"/>')
        legend.append(
            f'<text x="{pad + 90 * index}" y="14" font-size="11" fill="{colour}">'
            f"{escape(name)}</text>"
        )
    axis = (
        f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" '
        'stroke="#888"/>'
        f'<text x="{pad}" y="{height - 6}" font-size="10">epoch 1</text>'
        f'<text x="{width - pad - 40}" y="{height - 6}" font-size="10">epoch {epochs}</text>'
        f'<text x="2" y="{pad + 4}" font-size="10">{high:.3g}</text>'
        f'<text x="2" y="{height - pad}" font-size="10">{low:.3g}</text>'
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'role="img" aria-label="loss per epoch">{axis}{"".join(lines)}{"".join(legend)}</svg>'
    )
