"""The training-progress verdict, pinned on the calibration zoo over seeds.

``python -m calibration.calibrate_progress`` runs every candidate over 5 seeds and
prints the margins; these tests repeat the verdicts on one seed for every correct and
every broken candidate (for time; the sample class grades more models), so a TensorFlow
change that moves a correct model below its margin, or lets a broken one through, goes
red here.
"""

from __future__ import annotations

import keras
import pytest

from autograder.checks.pipeline import run_pipeline
from autograder.checks.progress import PROGRESS_SPECS, measure_progress
from autograder.checks.standard import STANDARD_PIPELINE
from autograder.checks.submission import Submission
from autograder.results import Verdict
from autograder.tasks import get_task
from calibration.zoo import CANDIDATES, Candidate

pytestmark = [pytest.mark.slow, pytest.mark.needs_dataset]
SEEDS = (0,)


def _submission(candidate: Candidate, seed: int) -> Submission:
    keras.utils.set_random_seed(seed)
    arrays = candidate.data()
    return Submission(candidate.build(), get_task(candidate.task), arrays.x_train,
                      arrays.y_train, arrays.x_test, arrays.y_test, seed=seed)  # fmt: skip


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize(
    "candidate", [c for c in CANDIDATES if c.correct], ids=lambda c: f"{c.task}: {c.name}"
)
def test_when_a_correct_solution_is_graded_then_every_check_passes(
    prepared_data_dir, candidate, seed
):
    report = run_pipeline(_submission(candidate, seed), STANDARD_PIPELINE)
    assert report.passed, [(r.check, r.summary) for r in report.failures]
    assert report.result("training.progress").verdict is Verdict.PASS


@pytest.mark.parametrize(
    "candidate", [c for c in CANDIDATES if not c.correct], ids=lambda c: f"{c.task}: {c.name}"
)
def test_when_a_broken_solution_is_graded_then_some_check_fails_with_a_diagnosis(
    prepared_data_dir, candidate
):
    report = run_pipeline(_submission(candidate, 0), STANDARD_PIPELINE)
    assert not report.passed
    assert all(failure.diagnosis is not None for failure in report.failures)


def test_when_the_same_submission_is_measured_twice_with_one_seed_then_the_numbers_match(
    prepared_data_dir,
):
    candidate = next(c for c in CANDIDATES if c.task == "unscaled-data" and c.correct)
    spec = PROGRESS_SPECS[candidate.task]
    first = measure_progress(_submission(candidate, 3), spec)
    second = measure_progress(_submission(candidate, 3), spec)
    assert first == second
