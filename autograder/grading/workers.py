"""Where grading jobs run: threads on this machine, or a Dask cluster for a department.

Each job starts its own jailed processes, so on one machine threads only wait for
them: ``workers`` jobs run at once (one per core by default, and every graded
process is pinned to one thread). With ``scheduler``, the same jobs go to a Dask
cluster; its workers must see the same paths (the course, the submissions, the
workdir and the datasets on a shared filesystem) and have Keras Clinic installed.

Results come back as they finish, in any order; a job that fails inside the grader
itself (a bug, a lost worker) comes back as a crashed result, never as an exception
that would stop the class.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import Any

from autograder.errors import ClinicError
from autograder.exercises.assignments import get_assignment
from autograder.grading.grade_submission import GradingJob, grade_submission
from autograder.grading.outcome import State, SubmissionResult


def default_workers() -> int:
    """One job per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def run_jobs(
    jobs: Sequence[GradingJob], *, workers: int, scheduler: str | None = None
) -> Iterator[SubmissionResult]:
    """Grade every job and yield each result as soon as it is ready."""
    if not jobs:
        return
    if scheduler:
        yield from _on_dask(jobs, scheduler)
        return
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = {pool.submit(grade_submission, job): job for job in jobs}
        for future in as_completed(futures):
            yield _result_of(future, futures[future])


def _on_dask(jobs: Sequence[GradingJob], scheduler: str) -> Iterator[SubmissionResult]:
    try:
        from dask.distributed import Client, as_completed
    except ImportError:
        raise ClinicError(
            "--scheduler needs dask.distributed: pip install 'keras-clinic[grading]'."
        ) from None
    try:
        client = Client(scheduler, timeout="30s")
    except OSError as error:
        raise ClinicError(
            f"Cannot reach the Dask scheduler at {scheduler}: {error}. Start one with "
            "`dask scheduler` (and `dask worker ADDRESS` on each machine), or drop --scheduler."
        ) from None
    with client:
        futures = client.map(grade_submission, jobs, pure=False)
        by_key = {future.key: job for future, job in zip(futures, jobs, strict=True)}
        for future in as_completed(futures):
            yield _result_of(future, by_key[future.key])


def _result_of(future: Any, job: GradingJob) -> SubmissionResult:
    try:
        result: SubmissionResult = future.result()
        return result
    except Exception as error:  # a grader failure is this student's result
        spec = get_assignment(job.assignment)
        return SubmissionResult(
            assignment=spec.key,
            student=job.student,
            state=State.CRASHED,
            max_points=spec.max_points,
            reason=f"The grader itself failed on this submission: {type(error).__name__}: {error}",
            confinement=job.confinement.describe(),
        )
