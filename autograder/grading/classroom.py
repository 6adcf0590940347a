"""Grade a whole class: every submission of an assignment, once, safely, in parallel.

The flow of ``grade_class``:

1. nbgrader's ``generate_assignment`` puts the assignment (its grade cells and
   points) into the gradebook and releases the student version into the workdir;
   that release is where locked cells are restored from.
2. A submission already in the ledger with an unchanged notebook is not graded
   again (a killed run resumes where it stopped); its gradebook rows are re-synced.
3. The others become jobs (``grade_submission``) run by ``workers`` threads or a Dask
   cluster. Each result is written to the ledger, then to the gradebook, by this
   process alone, as soon as it arrives.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from autograder.errors import ClinicError
from autograder.exercises.assignments import get_assignment
from autograder.grading.course import Course, run_nbgrader
from autograder.grading.grade_submission import GradingJob, default_data_dir
from autograder.grading.gradebook import record
from autograder.grading.ledger import Ledger
from autograder.grading.outcome import SubmissionResult
from autograder.grading.submission_notebook import notebook_fingerprint
from autograder.grading.workers import default_workers, run_jobs
from autograder.sandbox.confinement import Confinement, detect_confinement
from autograder.sandbox.process import Limits

Progress = Callable[[SubmissionResult, bool], None]
"""Called with each result as it is stored, and whether it came from an earlier run."""

NOTEBOOK_LIMITS = Limits(wall_s=120, memory_mib=4096, cpu_s=600)
SCORING_LIMITS = Limits(wall_s=600, memory_mib=4096, cpu_s=1800)
_STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@+-]*$")


@dataclass(frozen=True)
class GradingOptions:
    """How a class is graded; the defaults suit one machine and a 10-point exercise."""

    limits: Limits = NOTEBOOK_LIMITS
    """Limits of each student's notebook run."""
    scoring_limits: Limits = SCORING_LIMITS
    """Limits of each scoring process."""
    workers: int = 0
    """Submissions graded at once; 0 means one per core."""
    scheduler: str | None = None
    """A Dask scheduler address: grade on that cluster instead of local threads."""
    sandbox: str = "auto"
    """``auto``, ``bwrap`` or ``none`` (see ``autograder.sandbox.confinement``)."""
    regrade: bool = False
    """Grade again even the submissions the ledger already holds."""


def students_of(course: Course, assignment: str) -> list[str]:
    """The students who submitted this assignment, sorted.

    Raises:
        ClinicError: the submissions folder is missing.
    """
    if not course.submissions.is_dir():
        raise ClinicError(
            f"No submissions folder at {course.submissions}. Expected "
            "<student>/<assignment>/<notebook>.ipynb inside it (nbgrader's collected layout)."
        )
    return sorted(p.parent.name for p in course.submissions.glob(f"*/{assignment}") if p.is_dir())


def grade_class(
    assignment: str,
    course: Course,
    options: GradingOptions | None = None,
    *,
    students: Sequence[str] = (),
    confinement: Confinement | None = None,
    progress: Progress | None = None,
) -> list[SubmissionResult]:
    """Grade every submission of ``assignment`` and return one result per student.

    Args:
        assignment: the assignment key.
        course: where the submissions are and where results go.
        options: limits, parallelism, confinement, regrading.
        students: grade only these (all who submitted by default).
        confinement: decided by the caller (to report it once); detected when None.
        progress: called with each result as it is stored.

    Returns:
        One result per student, in student order, whatever order they finished in.
    """
    options = options or GradingOptions()
    spec = get_assignment(assignment)
    course.workdir.mkdir(parents=True, exist_ok=True)
    run_nbgrader(["generate_assignment", spec.key, "--force", *course.nbgrader_flags()])
    released = course.workdir / "release" / spec.key / f"{spec.notebook}.ipynb"
    confinement = confinement or detect_confinement(options.sandbox)
    ledger = Ledger(course.workdir)
    names = list(students) or students_of(course, spec.key)
    for name in names:
        if not _STUDENT_ID.match(name):
            raise ClinicError(
                f"Student folder {name!r} is not a usable id (letters, digits, . _ @ + -)."
            )

    results: dict[str, SubmissionResult] = {}
    jobs: list[GradingJob] = []
    data_dir = default_data_dir()
    for name in names:
        submitted = course.submissions / name / spec.key / f"{spec.notebook}.ipynb"
        stored = ledger.get(spec.key, name)
        if (
            stored is not None
            and not options.regrade
            and stored.fingerprint == notebook_fingerprint(submitted)
        ):
            _store(course, ledger, stored, write_ledger=False)
            results[name] = stored
            if progress is not None:
                progress(stored, True)
            continue
        jobs.append(
            GradingJob(
                assignment=spec.key,
                student=name,
                submitted=submitted.resolve(),
                released=released.resolve(),
                scratch=(course.workdir / "runs" / spec.key / name).resolve(),
                confinement=confinement,
                limits=options.limits,
                scoring_limits=options.scoring_limits,
                data_dir=data_dir,
            )
        )
    workers = options.workers or default_workers()
    for result in run_jobs(jobs, workers=workers, scheduler=options.scheduler):
        _store(course, ledger, result, write_ledger=True)
        results[result.student] = result
        if progress is not None:
            progress(result, False)
    return [results[name] for name in names]


def _store(course: Course, ledger: Ledger, result: SubmissionResult, *, write_ledger: bool) -> None:
    """Ledger first (the source of truth), then the gradebook."""
    if write_ledger:
        ledger.put(result)
    stamp = course.submissions / result.student / result.assignment / "timestamp.txt"
    timestamp = stamp.read_text().strip() if stamp.is_file() else None
    record(course, result, timestamp=timestamp or None)
