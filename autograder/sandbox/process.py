"""Run one program under limits and say how it ended: finished, timed out, or over memory.

Three limits, each enforced from outside the program so student code cannot lift it:

* wall clock: the whole process tree is killed when the time is up (a loop that
  swallows ``KeyboardInterrupt`` gains nothing: nobody asks it to stop);
* memory: a watchdog sums the resident memory of the whole tree several times a
  second and kills it over the limit; an address-space limit (``RLIMIT_AS``, with
  room for TensorFlow's large virtual reservations) makes a single huge allocation
  fail at once with ``MemoryError``;
* CPU time: ``RLIMIT_CPU``, so a process that is not sleeping gets ``SIGXCPU``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import psutil

from autograder.errors import ClinicError
from autograder.sandbox.confinement import Confinement

MIB = 1 << 20
ADDRESS_SPACE_HEADROOM_MIB = 8192
"""Added to the memory limit for ``RLIMIT_AS``: TensorFlow reserves ~3 GiB it never touches."""
_POLL_S = 0.2


@dataclass(frozen=True)
class Limits:
    """What one run may use."""

    wall_s: float = 120.0
    """Seconds of wall-clock time."""
    memory_mib: int = 4096
    """Resident memory of the whole process tree, in MiB."""
    cpu_s: int = 600
    """Seconds of CPU time per process."""


@dataclass(frozen=True)
class ProcessOutcome:
    """How a limited run ended."""

    returncode: int | None
    """The exit status (negative: the signal that ended it); None when it was killed by us."""
    timed_out: bool
    """Killed because the wall-clock limit passed."""
    out_of_memory: bool
    """Killed because the tree's resident memory passed the limit."""
    wall_s: float
    """Seconds it ran."""
    peak_rss_mib: int
    """The largest resident memory seen for the whole tree, in MiB."""
    output_tail: str
    """The last lines of its standard output and error."""

    @property
    def finished(self) -> bool:
        """True when it ended by itself with exit status 0."""
        return self.returncode == 0 and not (self.timed_out or self.out_of_memory)


def run_limited(
    argv: Sequence[str],
    *,
    confinement: Confinement,
    private_dir: Path,
    readable: Sequence[Path],
    env: Mapping[str, str],
    limits: Limits,
    log_name: str = "process.log",
) -> ProcessOutcome:
    """Run ``argv`` confined and limited, wait for it, and report how it ended.

    Output goes to ``private_dir/log_name`` rather than a pipe, so a program that
    prints without end cannot block the grader.
    """
    command = _with_rlimits(limits) + confinement.command(
        argv, private_dir=private_dir, readable=readable, env=env
    )
    log_path = private_dir / log_name
    start = time.monotonic()
    peak = 0
    timed_out = out_of_memory = False
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=private_dir,
            env=None if confinement.confined else dict(env),
            start_new_session=True,
        )
        try:
            while process.poll() is None:
                rss = _tree_rss(process.pid)
                peak = max(peak, rss)
                if rss > limits.memory_mib * MIB:
                    out_of_memory = True
                    break
                if time.monotonic() - start > limits.wall_s:
                    timed_out = True
                    break
                time.sleep(_POLL_S)
        finally:
            if process.poll() is None:
                _kill_tree(process)
    return ProcessOutcome(
        returncode=None if (timed_out or out_of_memory) else process.returncode,
        timed_out=timed_out,
        out_of_memory=out_of_memory,
        wall_s=time.monotonic() - start,
        peak_rss_mib=peak // MIB,
        output_tail=_tail(log_path),
    )


def _with_rlimits(limits: Limits) -> list[str]:
    """util-linux ``prlimit`` sets the limits before the program starts and they are inherited.

    (``preexec_fn`` would do the same, but it is unsafe in a process with threads,
    and the grader runs several submissions from threads.)
    """
    prlimit = shutil.which("prlimit")
    if prlimit is None:
        raise ClinicError(
            "`prlimit` (Debian package util-linux) is needed to limit memory and CPU time."
        )
    address_space = (limits.memory_mib + ADDRESS_SPACE_HEADROOM_MIB) * MIB
    return [
        prlimit,
        f"--as={address_space}",
        f"--cpu={limits.cpu_s}:{limits.cpu_s + 5}",
        "--core=0",
        "--",
    ]


def _tree_rss(pid: int) -> int:
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for process in processes:
        with contextlib.suppress(psutil.Error):
            total += process.memory_info().rss
    return total


def _kill_tree(process: subprocess.Popen[bytes]) -> None:
    """Kill the program and everything it started, then reap it."""
    try:
        children = psutil.Process(process.pid).children(recursive=True)
    except psutil.Error:
        children = []
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    for child in children:
        with contextlib.suppress(psutil.Error):
            child.kill()
    process.wait()


def _tail(path: Path, lines: int = 20) -> str:
    try:
        text = path.read_bytes()[-8192:].decode("utf-8", "replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])
