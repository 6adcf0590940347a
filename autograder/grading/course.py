"""Where a grading run keeps its files, and how nbgrader is invoked on them."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from autograder.errors import ClinicError
from autograder.exercises.handin import GRADING_ENV

COURSE_ROOT = Path(__file__).resolve().parents[2]
"""The repository root: ``solutions/``, ``exercises/`` and ``nbgrader_config.py`` live here."""


@dataclass(frozen=True)
class Course:
    """The folders of one grading run (nbgrader's course directory, made explicit).

    The sources always come from ``solutions/``; submissions from wherever the class
    was collected; everything nbgrader writes (gradebook, autograded copies,
    feedback) goes under ``workdir``, never into the repository.
    """

    workdir: Path
    """Where the gradebook, the autograded notebooks and the feedback go."""
    submissions: Path
    """The collected submissions: ``<student>/<assignment>/<notebook>.ipynb``."""
    source: Path = COURSE_ROOT / "solutions"
    """The instructor notebooks."""
    db_url: str | None = None
    """The gradebook (SQLAlchemy URL); a SQLite file in ``workdir`` by default."""
    course_id: str = "keras-clinic"
    """nbgrader's course id. Never empty: nbgrader then creates no course row, which
    SQLite lets pass and PostgreSQL rejects (a foreign key on every assignment)."""

    @property
    def gradebook_url(self) -> str:
        """The gradebook's SQLAlchemy URL."""
        return self.db_url or f"sqlite:///{self.workdir.resolve() / 'gradebook.db'}"

    def nbgrader_flags(self) -> list[str]:
        """Command-line settings that point nbgrader at this run's folders."""
        work = self.workdir.resolve()
        return [
            f"--CourseDirectory.root={work}",
            f"--CourseDirectory.course_id={self.course_id}",
            f"--CourseDirectory.source_directory={self.source.resolve()}",
            f"--CourseDirectory.release_directory={work / 'release'}",
            f"--CourseDirectory.submitted_directory={self.submissions.resolve()}",
            f"--CourseDirectory.autograded_directory={work / 'autograded'}",
            f"--CourseDirectory.feedback_directory={work / 'feedback'}",
            f"--CourseDirectory.db_url={self.gradebook_url}",
        ]


def run_nbgrader(
    args: list[str], *, quiet: bool = True, grading: bool = False
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m nbgrader ARGS`` from the course root (so its config applies).

    ``grading`` tells the notebooks they are being graded (see ``GRADING_ENV``).

    Raises:
        ClinicError: nbgrader failed; its last lines of output are included.
    """
    env = dict(os.environ)
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    env.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    env.setdefault("PYTHONHASHSEED", "0")
    # nbgrader runs `alembic` (gradebook migrations) from PATH: use this environment's.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    if grading:
        env[GRADING_ENV] = "1"
    command = [sys.executable, "-m", "nbgrader", *args]
    done = subprocess.run(
        command, cwd=COURSE_ROOT, env=env, capture_output=quiet, text=True, check=False
    )
    if done.returncode != 0:
        tail = "\n".join(((done.stdout or "") + (done.stderr or "")).splitlines()[-15:])
        raise ClinicError(f"nbgrader {args[0]} failed (exit status {done.returncode}):\n{tail}")
    return done
