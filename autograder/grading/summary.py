"""The class summary: how grading ended, how the scores spread, what the class misunderstood.

Written for the instructor the morning after the deadline: the states first (who
needs a person's eyes), then the score distribution, each question's success rate,
and the diagnoses counted across the class, most common first, each with the
chapter that teaches it.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence

from autograder.chapters import DEFAULT_SITE_URL
from autograder.exercises.assignments import get_assignment
from autograder.grading.outcome import State, SubmissionResult
from autograder.results import Report, Verdict


def summary_markdown(results: Sequence[SubmissionResult], site_url: str = DEFAULT_SITE_URL) -> str:
    """The whole class summary as Markdown (also readable as plain text)."""
    lines = ["# Class summary", ""]
    confinements = sorted({r.confinement for r in results if r.confinement})
    for confinement in confinements:
        lines.append(f"**Confinement:** {confinement}")
    for assignment in sorted({r.assignment for r in results}):
        lines += [
            "",
            *assignment_summary([r for r in results if r.assignment == assignment], site_url),
        ]
    return "\n".join(lines) + "\n"


def assignment_summary(results: Sequence[SubmissionResult], site_url: str) -> list[str]:
    """The summary of one assignment's results, as Markdown lines."""
    spec = get_assignment(results[0].assignment)
    graded = [r for r in results if r.state is State.GRADED]
    states = Counter(r.state for r in results)
    lines = [f"## {spec.key}", ""]
    lines.append(
        f"{len(results)} submissions: "
        + ", ".join(f"{states[s]} {s.value}" for s in State if states[s])
        + "."
    )
    failed = [r for r in results if r.state.failed]
    if failed:
        lines += ["", "Not graded (these need a person's decision):", ""]
        lines += [f"- `{r.student}`: {r.state.value}. {r.reason}" for r in failed]
    if graded:
        totals = [r.total for r in graded]
        lines += [
            "",
            f"Scores of the graded: mean {statistics.mean(totals):.1f}, median "
            f"{statistics.median(totals):g}, out of {spec.max_points}.",
            "",
            "| points | students |",
            "|---:|:---|",
        ]
        counts = Counter(totals)
        for points in range(spec.max_points, -1, -1):
            if counts[points]:
                lines.append(f"| {points} | {'█' * counts[points]} {counts[points]} |")
        lines += ["", "| question | earned by |", "|:---|---:|"]
        for question in spec.questions:
            earned = sum(1 for r in graded if r.points.get(question.key) == question.points)
            lines.append(f"| {question.title} ({question.points} pts) | {earned}/{len(graded)} |")
    diagnoses = common_diagnoses(graded, site_url)
    if diagnoses:
        lines += ["", "What the class got wrong, most common first:", ""]
        lines += [
            f"- {count} student{'' if count == 1 else 's'}: {problem}"
            + (f" — read {link}" if link else "")
            for (problem, link), count in diagnoses
        ]
    return lines


def common_diagnoses(
    results: Sequence[SubmissionResult], site_url: str = DEFAULT_SITE_URL
) -> list[tuple[tuple[str, str], int]]:
    """Each failed check's diagnosis, counted once per student, most common first."""
    counts: Counter[tuple[str, str]] = Counter()
    for result in results:
        if not result.scorecard:
            continue
        seen = set()
        for check in Report.from_dict(result.scorecard["report"]).results:
            if check.verdict is not Verdict.FAIL or check.diagnosis is None:
                continue
            chapter = check.diagnosis.chapter
            link = chapter.url(site_url) if chapter is not None else ""
            seen.add((check.diagnosis.problem, link))
        counts.update(seen)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))
