"""Results: one state each, stored atomically, validated on read; failures classified."""

from __future__ import annotations

import json

import pytest

from autograder.grading.grade_submission import _notebook_failure
from autograder.grading.ledger import Ledger
from autograder.grading.outcome import State, SubmissionResult
from autograder.sandbox.process import Limits, ProcessOutcome

LIMITS = Limits(wall_s=30, memory_mib=2048, cpu_s=120)


def result(student="ada", state=State.GRADED, **fields) -> SubmissionResult:
    points = {"data": 2, "shapes": 3, "loss": 1, "learns": 0} if state is State.GRADED else {}
    return SubmissionResult(
        "01-dense-on-images", student, state, points=points, max_points=10, **fields
    )


def ended(**fields) -> ProcessOutcome:
    base = {
        "returncode": 0,
        "timed_out": False,
        "out_of_memory": False,
        "wall_s": 1.0,
        "peak_rss_mib": 100,
        "output_tail": "",
    }
    return ProcessOutcome(**{**base, **fields})


def status(**fields) -> dict:
    return {"running": None, "errors": [], "finished": True, "kernel_died": False, **fields}


def test_when_a_result_goes_through_json_then_it_comes_back_equal():
    original = result(reason="", fingerprint="ab" * 32, errors=({"cell": "c", "ename": "E"},))
    assert SubmissionResult.from_dict(json.loads(json.dumps(original.to_dict()))) == original


def test_when_stored_data_is_not_a_result_then_reading_it_says_what_is_wrong():
    with pytest.raises(ValueError, match="not a submission result"):
        SubmissionResult.from_dict({"schema": 1, "student": "x"})
    with pytest.raises(ValueError, match="schema"):
        SubmissionResult.from_dict({**result().to_dict(), "schema": 99})


def test_when_a_result_is_failed_then_it_earns_nothing_and_says_so():
    failed = result(state=State.TIMED_OUT, reason="still running after 30 s")
    assert failed.state.failed and failed.total == 0
    assert not result().state.failed


def test_when_results_are_stored_then_the_ledger_returns_them_sorted(tmp_path):
    ledger = Ledger(tmp_path)
    for name in ("bo", "ada"):
        ledger.put(result(name))
    assert [r.student for r in ledger.results()] == ["ada", "bo"]
    assert ledger.get("01-dense-on-images", "ada") == result("ada")
    assert not list(ledger.root.rglob("*.tmp"))


def test_when_a_ledger_entry_is_corrupt_then_it_is_treated_as_not_graded(tmp_path):
    ledger = Ledger(tmp_path)
    ledger.put(result("ada"))
    ledger.path("01-dense-on-images", "ada").write_text("{half")
    assert ledger.get("01-dense-on-images", "ada") is None


@pytest.mark.parametrize(
    ("run", "record", "state", "words"),
    [
        (
            ended(returncode=None, timed_out=True),
            status(running={"cell": "prepare"}),
            State.TIMED_OUT,
            "still running after 30 s while running `prepare`",
        ),
        (
            ended(returncode=None, out_of_memory=True),
            status(),
            State.OUT_OF_MEMORY,
            "more than 2048 MiB",
        ),
        (
            ended(),
            status(errors=[{"cell": "prepare", "ename": "MemoryError", "evalue": ""}]),
            State.OUT_OF_MEMORY,
            "`prepare` asked for more memory",
        ),
        (
            ended(),
            status(kernel_died=True, kernel_exit=1, running={"cell": "build_model"}),
            State.CRASHED,
            "kernel died while running `build_model` (exit status 1)",
        ),
        (ended(), status(kernel_died=True, kernel_exit=-24), State.TIMED_OUT, "120 s of CPU"),
        (
            ended(returncode=1, output_tail="Traceback\nImportError: x"),
            None,
            State.CRASHED,
            "ImportError: x",
        ),
    ],
)
def test_when_a_notebook_run_fails_then_it_gets_one_state_and_a_reason(run, record, state, words):
    got_state, reason = _notebook_failure(run, record, LIMITS)
    assert got_state is state
    assert words in reason


def test_when_a_notebook_run_ends_normally_with_cell_errors_then_it_is_not_a_failure_yet():
    record = status(errors=[{"cell": "prepare", "ename": "ValueError", "evalue": "bad"}])
    assert _notebook_failure(ended(), record, LIMITS) is None
