"""The gradebook on a real PostgreSQL server (Debian's package), through psycopg."""

from __future__ import annotations

import csv
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

from autograder.grading import State, grade_class
from autograder.grading.exports import export_nbgrader
from autograder.grading.gradebook import recorded_points
from tests.grading.classes import course, notebook_path, options, solution, submit

KEY = "01-dense-on-images"


def postgres_bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not found:
        pytest.skip("PostgreSQL is not installed: run scripts/setup.sh (Debian package postgresql)")
    return found[-1].parent


def as_server_user(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: use its own system user then."""
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@pytest.fixture
def postgres():
    binaries = postgres_bin()
    # Not under pytest's tmp folder: that is private to root, and the server runs as postgres.
    root = Path(tempfile.mkdtemp(prefix="keras-clinic-postgres-"))
    data = root / "data"
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    run = {"check": True, "capture_output": True, "text": True}
    subprocess.run(
        as_server_user([str(binaries / "initdb"), "-D", str(data), "-U", "clinic", "-A", "trust"]),
        **run,
    )
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1"
    subprocess.run(
        as_server_user(
            [
                str(binaries / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(root / "log"),
                "-w",
                "start",
            ]
        ),
        **run,
    )
    try:
        import psycopg

        with psycopg.connect(
            f"postgresql://clinic@127.0.0.1:{port}/postgres", autocommit=True
        ) as c:
            c.execute("CREATE DATABASE course")
        yield f"postgresql+psycopg://clinic@127.0.0.1:{port}/course"
    finally:
        subprocess.run(
            as_server_user([str(binaries / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"]),
            check=False,
            capture_output=True,
        )
        shutil.rmtree(root, ignore_errors=True)


@pytest.mark.slow
@pytest.mark.needs_dataset
@pytest.mark.e2e
def test_when_the_gradebook_is_postgresql_then_grades_and_states_land_there(
    postgres, tmp_path, prepared_data_dir
):
    submissions = tmp_path / "submitted"
    submit(submissions, "honest", KEY, solution(KEY))
    notebook_path(submissions, "corrupt", KEY).write_text("{")
    the_course = course(tmp_path, submissions, db_url=postgres)
    results = {r.student: r for r in grade_class(KEY, the_course, options())}

    assert results["honest"].state is State.GRADED and results["honest"].total == 10
    assert results["corrupt"].state is State.MALFORMED
    assert recorded_points(the_course, KEY, "honest") == {
        "data": 2.0,
        "shapes": 3.0,
        "loss": 1.0,
        "learns": 4.0,
    }
    exported = export_nbgrader(the_course, list(results.values()), tmp_path / "grades.csv")
    with exported.open(newline="") as handle:
        rows = {row["student_id"]: row for row in csv.DictReader(handle)}
    assert (rows["honest"]["state"], rows["honest"]["score"]) == ("graded", "10.0")
    assert (rows["corrupt"]["state"], rows["corrupt"]["score"]) == ("malformed", "")
    assert not (the_course.workdir / "gradebook.db").exists()
