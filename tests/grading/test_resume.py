"""A grading run killed part-way resumes where it stopped, and grades nothing twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import psutil
import pytest

from tests.conftest import REPO_ROOT
from tests.grading.classes import notebook_path, solution, submit

KEY = "01-dense-on-images"


def clinic(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "autograder.cli", *args],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
        **kwargs,
    )


def wait_for(path, process, seconds=120) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert process.poll() is None, process.stdout.read()
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.2)


@pytest.mark.slow
@pytest.mark.needs_dataset
@pytest.mark.e2e
def test_when_a_grading_run_is_killed_then_the_next_run_finishes_without_regrading(
    tmp_path, prepared_data_dir
):
    submissions = tmp_path / "submitted"
    notebook_path(submissions, "a-corrupt", KEY).write_text("not a notebook")
    submit(submissions, "b-honest", KEY, solution(KEY))
    workdir = tmp_path / "work"
    args = ["grade", KEY, "--submissions", str(submissions), "--workdir", str(workdir)]
    args += ["--workers", "1", "--no-progress"]

    first = clinic(*args)
    done = workdir / "results" / KEY / "a-corrupt.json"
    wait_for(done, first)
    wait_for(workdir / "runs" / KEY / "b-honest" / "notebook" / "status.json", first)
    os.killpg(first.pid, signal.SIGKILL)
    first.communicate()
    graded_at = done.stat().st_mtime_ns
    time.sleep(1)
    leftovers = [
        p
        for p in psutil.process_iter(["cmdline"])
        if str(workdir) in " ".join(p.info["cmdline"] or [])
    ]
    assert leftovers == [], "a killed run left its jail running"
    assert not (workdir / "results" / KEY / "b-honest.json").exists()

    second = clinic(*args)
    output, _ = second.communicate(timeout=300)
    assert second.returncode == 0, output
    assert "a-corrupt" in output and "(already graded)" in output
    assert "b-honest       10/10" in output
    assert done.stat().st_mtime_ns == graded_at
