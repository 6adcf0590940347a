"""Submissions that attack or break the grader end with the right grade or the right reason.

One class of nine on the first assignment, graded together, so each test also shows
that the honest students beside the hostile ones are unaffected.
"""

from __future__ import annotations

import json
import os
import socket
import threading
from pathlib import Path

import nbformat
import pytest

from autograder.grading import State, grade_class
from tests.conftest import REPO_ROOT
from tests.grading.classes import TIMEOUT, course, notebook_path, options, solution, starter, submit

KEY = "01-dense-on-images"
pytestmark = [pytest.mark.slow, pytest.mark.needs_dataset, pytest.mark.e2e]

READS_SECRETS = """
import os, socket
found = {{}}
for path in {paths!r}:
    try:
        found[path] = open(path, "rb").read(40)
    except Exception as error:
        found[path] = type(error).__name__
try:
    socket.create_connection(("127.0.0.1", {port}), timeout=5)
    found["network"] = "connected"
except Exception as error:
    found["network"] = type(error).__name__
try:
    open(os.path.join(os.path.dirname(os.__file__), "planted.py"), "w").write("x = 1")
    found["write"] = "planted"
except Exception as error:
    found["write"] = type(error).__name__
print("FOUND", found)
"""

PATCHES_KERAS = """
import keras
from autograder.exercises import scoring
keras.Model.fit = lambda self, *args, **kwargs: None
keras.Model.evaluate = lambda self, *args, **kwargs: [0.0, 1.0]
scoring._failed = lambda result: False  # in this kernel, every check now "passes"
"""

LOOPS_FOREVER = """
while True:
    try:
        pass
    except KeyboardInterrupt:
        pass
"""

EATS_MEMORY = """
blocks = []
while True:
    blocks.append(bytearray(64 << 20))
"""

HUGE_ALLOCATION = "import numpy as np\nall_at_once = np.ones(10**11)"

EXITS = "import os\nos._exit(3)"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, prepared_data_dir):
    root = tmp_path_factory.mktemp("hostile")
    submissions = root / "submitted"
    the_course = course(root, submissions)
    secrets = [
        str(the_course.workdir.resolve() / "gradebook.db"),
        str(notebook_path(submissions, "honest", KEY).resolve()),
        str(REPO_ROOT / "solutions" / KEY / "exercise.ipynb"),
    ]
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(1)
    connections = []
    stop = threading.Event()

    def listen():
        while not stop.is_set():
            try:
                connections.append(server.accept())
            except OSError:
                continue

    thread = threading.Thread(target=listen, daemon=True)
    thread.start()
    port = server.getsockname()[1]
    reads = READS_SECRETS.format(paths=secrets, port=port)
    submit(submissions, "honest", KEY, solution(KEY))
    submit(submissions, "reads-secrets", KEY, solution(KEY), extra_cell=reads)
    submit(submissions, "patches-keras", KEY, starter(KEY), extra_cell=PATCHES_KERAS)
    submit(submissions, "loops-forever", KEY, solution(KEY), extra_cell=LOOPS_FOREVER)
    submit(submissions, "eats-memory", KEY, solution(KEY), extra_cell=EATS_MEMORY)
    submit(submissions, "huge-allocation", KEY, solution(KEY), extra_cell=HUGE_ALLOCATION)
    submit(submissions, "exits", KEY, solution(KEY), extra_cell=EXITS)
    submit(submissions, "deletes-tests", KEY, solution(KEY), drop=("test_", "handin"))
    notebook_path(submissions, "corrupt", KEY).write_text('{"cells": [')
    results = grade_class(KEY, the_course, options())
    stop.set()
    thread.join()
    server.close()
    return {r.student: r for r in results}, the_course, connections


def executed(the_course, student):
    path = the_course.workdir / "runs" / KEY / student / "notebook" / "executed.ipynb"
    return nbformat.read(path, as_version=4)


def test_when_honest_students_share_the_class_with_hostile_ones_then_they_get_full_marks(
    hostile,
):
    results, _, _ = hostile
    assert results["honest"].state is State.GRADED
    assert results["honest"].total == 10


def test_when_a_submission_reads_the_gradebook_and_others_work_then_it_finds_nothing(hostile):
    results, the_course, connections = hostile
    assert results["reads-secrets"].state is State.GRADED
    assert results["reads-secrets"].total == 10
    printed = json.dumps(executed(the_course, "reads-secrets").cells)
    assert printed.count("FileNotFoundError") == 3, printed
    assert "'network': 'ConnectionRefusedError'" in printed
    assert "'write': 'OSError'" in printed
    assert not (Path(os.__file__).parent / "planted.py").exists()
    assert connections == []


def test_when_a_submission_patches_keras_in_its_kernel_then_its_grade_does_not_change(hostile):
    results, _, _ = hostile
    patched = results["patches-keras"]
    assert patched.state is State.GRADED
    assert patched.total == 0  # the unchanged starting point, as documented for "empty"


def test_when_a_submission_loops_forever_ignoring_interrupts_then_it_times_out(hostile):
    results, _, _ = hostile
    looping = results["loops-forever"]
    assert looping.state is State.TIMED_OUT
    assert f"still running after {TIMEOUT} s" in looping.reason


@pytest.mark.parametrize("student", ["eats-memory", "huge-allocation"])
def test_when_a_submission_exhausts_memory_then_it_is_out_of_memory(hostile, student):
    results, _, _ = hostile
    assert results[student].state is State.OUT_OF_MEMORY, results[student].reason
    assert "3072 MiB" in results[student].reason


def test_when_a_submission_kills_its_own_kernel_then_it_crashed(hostile):
    results, _, _ = hostile
    assert results["exits"].state is State.CRASHED
    assert "kernel died" in results["exits"].reason


def test_when_a_submission_deleted_its_tests_and_hand_in_then_it_is_still_graded(hostile):
    results, _, _ = hostile
    assert results["deletes-tests"].state is State.GRADED
    assert results["deletes-tests"].total == 10


def test_when_a_submission_is_not_a_notebook_then_it_is_malformed(hostile):
    results, _, _ = hostile
    assert results["corrupt"].state is State.MALFORMED
    assert "not a notebook" in results["corrupt"].reason
