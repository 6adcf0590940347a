"""Where a student's code may run: a bubblewrap jail, or (said loudly) no jail at all.

The jail sees a read-only system, this Python environment, the ``autograder``
package, the prepared datasets and one private, writable folder holding a copy of
the one submission. It has no network (its own empty network namespace), no
capabilities, its own process and user namespaces, and an empty ``/tmp``. The
gradebook, the solutions, the hidden tests and every other student's work are
simply not in it.

bubblewrap is a Debian package (``bubblewrap``). Where it is missing or the kernel
refuses it user namespaces, grading still works with ``NONE``, and every report
says that the student code ran unconfined, as the grader's own user.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from autograder.errors import ClinicError

INSIDE = "/submission"
"""Where the private copy of a submission appears inside the jail (also its working directory)."""
BWRAP = "bwrap"
NONE = "none"
KINDS = ("auto", BWRAP, NONE)

_SYSTEM_DIRS = ("/usr", "/etc", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
_NOBODY = "65534"


@dataclass(frozen=True)
class Confinement:
    """How submissions are run: the kind, and why when it is not a jail."""

    kind: str
    """``bwrap`` (a bubblewrap jail) or ``none`` (a plain child process)."""
    note: str = ""
    """Why there is no jail, for the report; empty for a jail."""

    @property
    def confined(self) -> bool:
        """True when student code runs in a jail."""
        return self.kind == BWRAP

    def describe(self) -> str:
        """One line for the grading report."""
        if self.confined:
            return "bubblewrap jail: no network, read-only system, private copy of the submission"
        return f"NOT CONFINED: student code runs as your user and can read your files. {self.note}"

    def command(
        self,
        argv: Sequence[str],
        *,
        private_dir: Path,
        readable: Sequence[Path],
        env: Mapping[str, str],
    ) -> list[str]:
        """The command line that runs ``argv`` in this confinement.

        Args:
            argv: the program to run (inside a jail, paths refer to the jail's view).
            private_dir: the only writable folder; it appears at ``INSIDE``.
            readable: extra folders or files to show read-only, at the same path.
            env: the whole environment of the program (nothing else is inherited).
        """
        if not self.confined:
            return list(argv)
        command = [
            shutil.which(BWRAP) or BWRAP,
            "--unshare-all",
            "--die-with-parent",
            "--new-session",
            "--cap-drop",
            "ALL",
            "--uid",
            _NOBODY,
            "--gid",
            _NOBODY,
            "--clearenv",
        ]
        for name, value in env.items():
            command += ["--setenv", name, value]
        for directory in _SYSTEM_DIRS:
            path = Path(directory)
            if path.is_symlink():
                command += ["--symlink", str(path.readlink()), directory]
            elif path.exists():
                command += ["--ro-bind", directory, directory]
        for path in _python_paths() + [Path(p) for p in readable]:
            if path.exists() and not _under_system(path):
                command += ["--ro-bind", str(path), str(path)]
        command += [
            "--proc",
            "/proc",
            "--dev",
            "/dev",
            "--tmpfs",
            "/dev/shm",  # noqa: S108 - the jail's own, empty
            "--tmpfs",
            "/tmp",  # noqa: S108 - the jail's own, empty
            "--bind",
            str(private_dir),
            INSIDE,
            "--chdir",
            INSIDE,
            "--",
            *argv,
        ]
        return command


def detect_confinement(requested: str = "auto") -> Confinement:
    """Return the confinement to grade with.

    ``auto`` takes bubblewrap when it works here and otherwise falls back to none,
    with the reason; ``bwrap`` insists on it.

    Raises:
        ClinicError: ``bwrap`` was requested and cannot run here, or the kind is unknown.
    """
    if requested not in KINDS:
        raise ClinicError(f"Unknown sandbox {requested!r}; expected one of {', '.join(KINDS)}.")
    if requested == NONE:
        return Confinement(NONE, "Unconfined because --sandbox none was given.")
    problem = _bwrap_problem()
    if problem is None:
        return Confinement(BWRAP)
    if requested == BWRAP:
        raise ClinicError(f"--sandbox bwrap was requested, but {problem}")
    return Confinement(NONE, f"No jail because {problem}")


@functools.cache
def _bwrap_problem() -> str | None:
    """Why bubblewrap cannot jail a process here, or None when it can (tried once per process)."""
    if shutil.which(BWRAP) is None:
        return (
            "bubblewrap is not installed. Install the Debian package `bubblewrap` "
            "(scripts/setup.sh does) and grade again."
        )
    probe = Confinement(BWRAP).command(
        [sys.executable, "-c", "pass"], private_dir=Path.cwd(), readable=[], env={}
    )
    done = subprocess.run(probe, capture_output=True, text=True, check=False, timeout=60)
    if done.returncode != 0:
        return (
            f"bubblewrap cannot create a jail here ({done.stderr.strip() or done.returncode}). "
            "It needs unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1) "
            "or to be run as root."
        )
    return None


def _python_paths() -> list[Path]:
    """This interpreter, its environment and the ``autograder`` package: all the jail needs."""
    import autograder

    package = Path(autograder.__file__).resolve().parent
    prefixes = {Path(sys.prefix), Path(sys.base_prefix), Path(sys.exec_prefix)}
    return [*sorted(prefixes), package]


def _under_system(path: Path) -> bool:
    resolved = path.resolve()
    return any(
        resolved == Path(d) or Path(d) in resolved.parents for d in _SYSTEM_DIRS if d != "/etc"
    )
