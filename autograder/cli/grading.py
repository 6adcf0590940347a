"""``clinic release``, ``grade``, ``feedback`` and ``export``: thin over ``autograder.grading``."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from autograder.grading import Course, GradingOptions, SubmissionResult
    from autograder.sandbox import Confinement

DEFAULT_WORKDIR = Path("_build/grading")
DB_ENV = "KERAS_CLINIC_DB"

workdir_option = click.option(
    "--workdir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_WORKDIR,
    show_default=True,
    help="Where the gradebook, the ledger of results, feedback and exports go.",
)
db_option = click.option(
    "--db",
    "db_url",
    envvar=DB_ENV,
    help=f"The gradebook as an SQLAlchemy URL (e.g. postgresql+psycopg://user@host/course); "
    f"a SQLite file in WORKDIR by default. Also read from ${DB_ENV}.",
)


@click.command("release")
@click.argument("assignments", nargs=-1)
@click.option(
    "--to",
    "destination",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write the student notebooks here instead of exercises/.",
)
def release(assignments: tuple[str, ...], destination: Path | None) -> None:
    """Generate the student notebooks (exercises/) from solutions/ with nbgrader.

    Solution regions become "# YOUR CODE HERE" and hidden tests are removed. With no
    ASSIGNMENTS, every assignment is released.
    """
    from autograder.grading import release as generate

    for path in generate(assignments, destination=destination):
        click.echo(f"released {path}")


@click.command("grade")
@click.argument("assignments", nargs=-1)
@click.option(
    "--submissions",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=Path("submitted"),
    show_default=True,
    help="Collected submissions: <student>/<assignment>/<notebook>.ipynb (nbgrader's layout).",
)
@workdir_option
@db_option
@click.option(
    "--workers",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Submissions graded at once; 0 means one per core.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Grade on a Dask cluster (e.g. tcp://10.0.0.5:8786) instead of local workers.",
)
@click.option(
    "--timeout",
    type=click.IntRange(min=1),
    default=120,
    show_default=True,
    help="Seconds a student's whole notebook may run.",
)
@click.option(
    "--memory",
    type=click.IntRange(min=256),
    default=4096,
    show_default=True,
    help="MiB of memory a student's notebook may use.",
)
@click.option(
    "--sandbox",
    type=click.Choice(["auto", "bwrap", "none"]),
    default="auto",
    show_default=True,
    help="Run student code in a bubblewrap jail (auto: when it works here).",
)
@click.option("--regrade", is_flag=True, help="Grade again what the ledger already holds.")
@click.option(
    "--expected",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="A CSV of documented outcomes to compare with (exit 1 on any difference).",
)
@click.option("--progress/--no-progress", default=True, help="Show a progress bar.")
def grade(
    assignments: tuple[str, ...],
    submissions: Path,
    workdir: Path,
    db_url: str | None,
    workers: int,
    scheduler: str | None,
    timeout: int,
    memory: int,
    sandbox: str,
    regrade: bool,
    expected: Path | None,
    progress: bool,
) -> None:
    """Grade ASSIGNMENTS (all by default) for every student in --submissions.

    Each notebook runs in a jail with time and memory limits and only hands in its
    model and arrays; a separate process scores them on the real data and the points
    go into nbgrader's gradebook. A run that was stopped resumes where it stopped.
    The class summary is printed and written to WORKDIR/summary.md.
    """
    from autograder.exercises.assignments import ASSIGNMENTS, get_assignment
    from autograder.grading import Course, GradingOptions
    from autograder.grading.expected import compare, read_expected
    from autograder.grading.summary import summary_markdown
    from autograder.sandbox import Limits, detect_confinement

    keys = [get_assignment(key).key for key in assignments] or list(ASSIGNMENTS)
    course = Course(workdir, submissions, db_url=db_url)
    options = GradingOptions(
        limits=Limits(wall_s=timeout, memory_mib=memory, cpu_s=max(60, 4 * timeout)),
        workers=workers,
        scheduler=scheduler,
        sandbox=sandbox,
        regrade=regrade,
    )
    confinement = detect_confinement(sandbox)
    colour = None if confinement.confined else "red"
    click.secho(f"Confinement: {confinement.describe()}", fg=colour, bold=not confinement.confined)
    results: list[SubmissionResult] = []
    for key in keys:
        results += _grade_one_assignment(key, course, options, confinement, progress)
    summary = summary_markdown(results)
    (workdir / "summary.md").write_text(summary)
    click.echo(summary)
    click.echo(f"Ledger: {workdir / 'results'}  Gradebook: {course.gradebook_url}")
    click.echo("Next: `clinic feedback` (HTML pages per student), `clinic export` (CSV files).")
    if expected is not None:
        problems = compare(read_expected(expected), results)
        for problem in problems:
            click.secho(problem, fg="red")
        if problems:
            raise SystemExit(1)
        click.echo(f"Every outcome matches {expected}.")


def _grade_one_assignment(
    key: str,
    course: Course,
    options: GradingOptions,
    confinement: Confinement,
    show_bar: bool,
) -> list[SubmissionResult]:
    from tqdm import tqdm

    from autograder.grading import grade_class, students_of

    names = students_of(course, key)
    start = time.monotonic()
    with tqdm(total=len(names), desc=key, unit="submission", disable=not show_bar) as bar:

        def show(result: SubmissionResult, resumed: bool) -> None:
            outcome = (
                f"{result.total}/{result.max_points}"
                if not result.state.failed
                else f"{result.state.value}: {result.reason}"
            )
            note = " (already graded)" if resumed else ""
            bar.write(f"  {result.student:<14} {outcome}{note}")
            bar.update(1)

        results = grade_class(
            key,
            course,
            options,
            students=names,
            confinement=confinement,
            progress=show,
        )
    click.echo(f"  {key}: {len(results)} submissions in {time.monotonic() - start:.0f} s")
    return results


@click.command("feedback")
@click.argument("assignments", nargs=-1)
@workdir_option
def feedback(assignments: tuple[str, ...], workdir: Path) -> None:
    """Write an HTML feedback page per student from the graded results in WORKDIR."""
    from autograder.grading.feedback import write_feedback

    results = _stored_results(workdir, assignments)
    out = workdir / "feedback"
    paths = write_feedback(results, out)
    click.echo(f"{len(paths)} feedback pages in {out}/<student>/<assignment>/")


@click.command("export")
@click.argument("assignments", nargs=-1)
@workdir_option
@db_option
def export(assignments: tuple[str, ...], workdir: Path, db_url: str | None) -> None:
    """Write the grade exports (nbgrader CSV, per question, Canvas) into WORKDIR/exports."""
    from autograder.grading import Course
    from autograder.grading.exports import export_all

    results = _stored_results(workdir, assignments)
    course = Course(workdir, workdir / "submitted", db_url=db_url)
    for path in export_all(course, results, workdir / "exports"):
        click.echo(f"wrote {path}")


def _stored_results(workdir: Path, assignments: tuple[str, ...]) -> list[SubmissionResult]:
    from autograder.errors import ClinicError
    from autograder.exercises.assignments import get_assignment
    from autograder.grading.ledger import Ledger

    ledger = Ledger(workdir)
    keys = [get_assignment(key).key for key in assignments]
    results = [r for r in ledger.results() if not keys or r.assignment in keys]
    if not results:
        raise ClinicError(
            f"No graded submissions in {workdir / 'results'}. Run `clinic grade` first "
            "(with the same --workdir)."
        )
    return results
