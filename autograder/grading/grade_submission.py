"""Grade one submission: run the student's notebook in a jail, then score its hand-in outside it.

Two stages, two separate limited processes, and only files between them:

1. **notebook**: a private copy of the runnable notebook (``submission_notebook``)
   runs in the jail with the grading environment set; the student's kernel produces
   the hand-in and nothing else (no test cell runs there).
2. **scoring**: a fresh process, also jailed, loads the hand-in's three regular files
   in Keras safe mode and scores them on the real data at the assignment's grading
   seed (``autograder.sandbox.scorer``).

``grade_submission`` is a pure function of its job (files in, a result out), so a
thread, a process or a Dask worker on another machine with the same files can run
it. It never raises for a student's mistake: every way a submission can fail comes
back as a ``SubmissionResult`` with its state and reason.
"""

from __future__ import annotations

import json
import shutil
import signal
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from autograder.datasets.data_dir import DATA_DIR_ENV, resolve_data_dir
from autograder.exercises.artifacts import ARTIFACTS_DIR, DATA_FILE, MANIFEST_FILE, MODEL_FILE
from autograder.exercises.assignments import get_assignment
from autograder.exercises.handin import GRADING_ENV
from autograder.grading.outcome import State, SubmissionResult
from autograder.grading.submission_notebook import (
    MalformedNotebookError,
    notebook_fingerprint,
    read_submission,
    released_notebook,
    runnable_notebook,
)
from autograder.sandbox.confinement import INSIDE, Confinement
from autograder.sandbox.process import Limits, ProcessOutcome, run_limited
from autograder.sandbox.scorer import SINGLE_THREAD_ENV

MEMORY_ERRORS = ("ResourceExhaustedError", "OutOfMemoryError")
"""Exceptions that mean "out of memory" besides ``MemoryError`` and its subclasses
(NumPy's ``_ArrayMemoryError``)."""


@dataclass(frozen=True)
class GradingJob:
    """Everything needed to grade one submission, as plain, picklable values."""

    assignment: str
    """The assignment key."""
    student: str
    """The student's id."""
    submitted: Path
    """The submitted notebook."""
    released: Path
    """The released (student) notebook: the source of the locked cells."""
    scratch: Path
    """A folder of this submission's own, for the private copies and logs."""
    confinement: Confinement
    """Where student code runs."""
    limits: Limits
    """Limits of the student's notebook run."""
    scoring_limits: Limits
    """Limits of the scoring process (it trains the student's model)."""
    data_dir: Path
    """The prepared datasets (read-only in the jail)."""


def grade_submission(job: GradingJob) -> SubmissionResult:
    """Grade one submission; every failure is a result with a state and a reason."""
    spec = get_assignment(job.assignment)
    base = {
        "assignment": spec.key,
        "student": job.student,
        "max_points": spec.max_points,
        "confinement": job.confinement.describe(),
        "fingerprint": notebook_fingerprint(job.submitted),
    }
    try:
        submitted = read_submission(job.submitted)
    except MalformedNotebookError as error:
        return SubmissionResult(**base, state=State.MALFORMED, reason=str(error))

    kernel_dir = _fresh_dir(job.scratch / "notebook")
    import nbformat

    nbformat.write(
        runnable_notebook(submitted, released_notebook(job.released)),
        kernel_dir / f"{spec.notebook}.ipynb",
    )
    notebook_run = _run_stage(
        job,
        "notebook_runner",
        [f"{spec.notebook}.ipynb", "executed.ipynb", "status.json"],
        private_dir=kernel_dir,
        limits=job.limits,
        grading=True,
    )
    status = _read_status(kernel_dir / "status.json")
    errors = tuple(status.get("errors", [])) if status else ()
    seconds = {"notebook": round(notebook_run.wall_s, 2)}
    failure = _notebook_failure(notebook_run, status, job.limits)
    if failure is not None:
        state, reason = failure
        return SubmissionResult(**base, state=state, reason=reason, errors=errors, seconds=seconds)

    scoring_dir = _fresh_dir(job.scratch / "scoring")
    missing = _copy_hand_in(kernel_dir / ARTIFACTS_DIR, scoring_dir / ARTIFACTS_DIR)
    if missing:
        reason = f"No hand-in: {missing}."
        if errors:
            first = errors[0]
            reason += (
                f" The notebook raised {first['ename']} in `{first['cell']}`: "
                f"{_one_line(first['evalue'])}"
            )
        return SubmissionResult(
            **base, state=State.MISSING_ARTIFACT, reason=reason, errors=errors, seconds=seconds
        )

    scoring = _run_stage(
        job,
        "scorer",
        [ARTIFACTS_DIR, spec.key, str(spec.grading_seed), "score.json"],
        private_dir=scoring_dir,
        limits=job.scoring_limits,
        grading=False,
        paths=(0, 3),
    )
    seconds["scoring"] = round(scoring.wall_s, 2)
    return _scored(base, scoring, scoring_dir / "score.json", job.scoring_limits, errors, seconds)


def _run_stage(
    job: GradingJob,
    entry: str,
    args: list[str],
    *,
    private_dir: Path,
    limits: Limits,
    grading: bool,
    paths: tuple[int, ...] | None = None,
) -> ProcessOutcome:
    """Run ``autograder.sandbox.<entry> ARGS`` confined in ``private_dir``.

    ``paths`` are the positions of the arguments that name files in the private folder
    (all of them by default); they are given as the jail sees them.
    """
    inside = Path(INSIDE) if job.confinement.confined else private_dir
    positions = range(len(args)) if paths is None else paths
    argv = [str(inside / a) if i in positions else a for i, a in enumerate(args)]
    return run_limited(
        [sys.executable, "-m", f"autograder.sandbox.{entry}", *argv],
        confinement=job.confinement,
        private_dir=private_dir,
        readable=[job.data_dir],
        env=_environment(job, inside, grading=grading),
        limits=limits,
        log_name=f"{entry}.log",
    )


def _scored(
    base: dict[str, Any],
    scoring: ProcessOutcome,
    output: Path,
    limits: Limits,
    errors: tuple[Any, ...],
    seconds: dict[str, float],
) -> SubmissionResult:
    common = {**base, "errors": errors, "seconds": seconds}
    if scoring.timed_out:
        reason = f"Scoring the hand-in took longer than {limits.wall_s:g} s (is the model huge?)."
        return SubmissionResult(**common, state=State.TIMED_OUT, reason=reason)
    if scoring.out_of_memory:
        reason = f"Scoring the hand-in needed more than {limits.memory_mib} MiB of memory."
        return SubmissionResult(**common, state=State.OUT_OF_MEMORY, reason=reason)
    try:
        data = json.loads(output.read_text())
    except (OSError, ValueError):
        reason = (
            f"The scorer ended without a result (exit status {scoring.returncode}): "
            f"{_one_line(scoring.output_tail.splitlines()[-1] if scoring.output_tail else '')}"
        )
        return SubmissionResult(**common, state=State.CRASHED, reason=reason)
    if not data.get("scored"):
        return SubmissionResult(
            **common, state=State.MISSING_ARTIFACT, reason=str(data.get("reason", ""))
        )
    from autograder.exercises.scoring import Scorecard

    card = Scorecard.from_dict(data["scorecard"])
    points = {q.question: q.points for q in card.questions}
    return SubmissionResult(
        **common, state=State.GRADED, points=points, scorecard=data["scorecard"]
    )


def _notebook_failure(
    run: ProcessOutcome, status: dict[str, Any] | None, limits: Limits
) -> tuple[State, str] | None:
    """The state and reason when the notebook run itself failed, else None."""
    where = ""
    if status and status.get("running"):
        where = f" while running `{status['running']['cell']}`"
    if run.timed_out:
        return State.TIMED_OUT, f"The notebook was still running after {limits.wall_s:g} s{where}."
    if run.out_of_memory:
        return (
            State.OUT_OF_MEMORY,
            f"The notebook used more than {limits.memory_mib} MiB of memory{where}.",
        )
    for error in (status or {}).get("errors", []):
        name = str(error.get("ename", ""))
        if name.endswith("MemoryError") or name in MEMORY_ERRORS:
            return (
                State.OUT_OF_MEMORY,
                f"`{error['cell']}` asked for more memory than the limit of "
                f"{limits.memory_mib} MiB ({error['ename']}).",
            )
    if status is None:
        return (
            State.CRASHED,
            f"The notebook runner ended without a record (exit status {run.returncode}): "
            f"{_one_line(run.output_tail.splitlines()[-1] if run.output_tail else '')}",
        )
    if status.get("kernel_died"):
        code = status.get("kernel_exit")
        if code == -signal.SIGXCPU:
            return State.TIMED_OUT, f"The notebook used more than {limits.cpu_s} s of CPU{where}."
        how = f"exit status {code}" if code is not None else "no exit status"
        return State.CRASHED, f"The kernel died{where} ({how})."
    return None


def _copy_hand_in(source: Path, destination: Path) -> str:
    """Copy the hand-in's regular files; return what is missing (empty when all is there)."""
    names = (MANIFEST_FILE, MODEL_FILE, DATA_FILE)
    if not source.is_dir() or source.is_symlink():
        return f"the notebook did not write {ARTIFACTS_DIR}/ (the hand-in cell did not finish)"
    destination.mkdir(parents=True)
    for name in names:
        path = source / name
        if path.is_symlink() or not path.is_file():
            return f"{ARTIFACTS_DIR}/{name} is missing or not a regular file"
        shutil.copyfile(path, destination / name)
    return ""


def _environment(job: GradingJob, inside: Path, *, grading: bool) -> dict[str, str]:
    # In a jail /tmp is its own empty tmpfs; outside, everything stays in the private folder.
    scratch = "/tmp" if job.confinement.confined else str(inside)  # noqa: S108
    env = {
        "PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin",
        "HOME": scratch,
        "LANG": "C.UTF-8",
        "MPLBACKEND": "Agg",
        "PYTHONDONTWRITEBYTECODE": "1",
        "JUPYTER_RUNTIME_DIR": f"{scratch}/.runtime",
        "JUPYTER_PLATFORM_DIRS": "1",
        DATA_DIR_ENV: str(job.data_dir),
        **SINGLE_THREAD_ENV,
    }
    if grading:
        env[GRADING_ENV] = "1"
    return env


def _read_status(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _fresh_dir(path: Path) -> Path:
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    return path


def _one_line(text: str, limit: int = 300) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def default_data_dir() -> Path:
    """The prepared datasets, as the rest of Keras Clinic finds them."""
    return resolve_data_dir().resolve()
