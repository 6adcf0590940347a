"""Benchmark: wall time of one training-progress verdict per task (aim: 10 s or less).

Runs the progress check alone on the first correct candidate of each task from the
calibration zoo, three times with seed 0, and prints the median and the range. Run it
on an otherwise idle machine with:

    python -m benchmarks.progress_verdict
"""

from __future__ import annotations

import os
import statistics
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import keras

from autograder.checks.progress import PROGRESS_SPECS, check_progress
from autograder.checks.submission import Submission
from autograder.tasks import get_task
from calibration.zoo import CANDIDATES

REPEATS = 3


def main() -> None:
    print(f"{'task':<22}{'candidate':<36}{'median (s)':>11}{'range (s)':>16}")
    for task in PROGRESS_SPECS:
        candidate = next(c for c in CANDIDATES if c.task == task and c.correct)
        arrays = candidate.data()
        times = []
        for _ in range(REPEATS):
            keras.utils.set_random_seed(0)
            submission = Submission(candidate.build(), get_task(task), arrays.x_train,
                                    arrays.y_train, arrays.x_test, arrays.y_test)  # fmt: skip
            start = time.perf_counter()
            check_progress(submission)
            times.append(time.perf_counter() - start)
        spread = f"{min(times):.1f}-{max(times):.1f}"
        print(f"{task:<22}{candidate.name:<36}{statistics.median(times):>11.1f}{spread:>16}")


if __name__ == "__main__":
    main()
