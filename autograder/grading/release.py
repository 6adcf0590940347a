"""``clinic release``: generate the student notebooks in ``exercises/`` from ``solutions/``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from autograder.exercises.assignments import ASSIGNMENTS, get_assignment
from autograder.grading.course import COURSE_ROOT, run_nbgrader


def release(assignments: Sequence[str] = (), *, destination: Path | None = None) -> list[Path]:
    """Generate the student version of each assignment (all of them by default).

    nbgrader removes the solution regions and the hidden tests and records each
    cell's checksum. No gradebook is touched (``--no-db``): releasing is a pure
    function of ``solutions/``, which is what lets a test compare it with the
    committed ``exercises/``.

    Returns:
        The generated notebooks.
    """
    target = (destination or COURSE_ROOT / "exercises").resolve()
    keys = [get_assignment(key).key for key in assignments] or list(ASSIGNMENTS)
    written = []
    for key in keys:
        if not (COURSE_ROOT / "solutions" / key).is_dir():
            continue  # an assignment whose source has not been written yet
        run_nbgrader(
            [
                "generate_assignment",
                key,
                "--force",
                "--no-db",
                f"--CourseDirectory.root={COURSE_ROOT}",
                f"--CourseDirectory.release_directory={target}",
            ]
        )
        written.append(target / key / f"{ASSIGNMENTS[key].notebook}.ipynb")
    return written
