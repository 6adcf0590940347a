"""Calibrate the training-progress verdict over seeds, and print the evidence.

For every candidate in the zoo and every seed, run the full standard pipeline and
record the progress measurement. Prints, per task: each candidate's held-out gain
over the baseline and its loss ratio (min..max over seeds), which check caught each
broken candidate, and the false-fail / false-pass counts under the margins pinned in
``autograder.checks.progress.PROGRESS_SPECS``. Run it with:

    python -m calibration.calibrate_progress [--seeds 5] [--task KEY]
"""

from __future__ import annotations

import argparse
import os
import time
from collections import defaultdict

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import keras

from autograder.checks.pipeline import run_pipeline
from autograder.checks.progress import PROGRESS_SPECS
from autograder.checks.standard import STANDARD_PIPELINE
from autograder.checks.submission import Submission
from autograder.results import Verdict
from autograder.tasks import get_task
from calibration.zoo import CANDIDATES, Candidate


def evaluate(candidate: Candidate, seed: int) -> dict[str, object]:
    """Run the whole pipeline on one candidate with one seed."""
    keras.utils.set_random_seed(seed)
    arrays = candidate.data()
    submission = Submission(candidate.build(), get_task(candidate.task), arrays.x_train,
                            arrays.y_train, arrays.x_test, arrays.y_test, seed=seed)  # fmt: skip
    start = time.perf_counter()
    report = run_pipeline(submission, STANDARD_PIPELINE)
    seconds = time.perf_counter() - start
    progress = report.result("training.progress")
    figures = progress.figures
    gain = None
    ratio = None
    if progress.verdict in (Verdict.PASS, Verdict.FAIL) and "metric" in figures:
        metric, baseline = float(figures["metric"]), float(figures["baseline"])
        kind = submission.task.kind
        gain = metric - baseline if kind == "classification" else 1 - metric / baseline
        ratio = float(figures["final_loss"]) / float(figures["initial_loss"])
    return {
        "passed": report.passed,
        "failed": [r.check for r in report.failures],
        "progress": progress.verdict.value,
        "gain": gain,
        "ratio": ratio,
        "seconds": seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--task", default=None)
    args = parser.parse_args()
    false_fail = false_pass = runs = 0
    by_task: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in CANDIDATES:
        if args.task in (None, candidate.task):
            by_task[candidate.task].append(candidate)
    for task, candidates in by_task.items():
        spec = PROGRESS_SPECS[task]
        print(f"\n== {task}: min_gain {spec.min_gain:g}, max_loss_ratio {spec.max_loss_ratio:g}, "
              f"{spec.epochs} epochs")  # fmt: skip
        for candidate in candidates:
            rows = [evaluate(candidate, seed) for seed in range(args.seeds)]
            runs += len(rows)
            gains = [r["gain"] for r in rows if r["gain"] is not None]
            ratios = [r["ratio"] for r in rows if r["ratio"] is not None]
            caught = sorted({check for r in rows for check in r["failed"]})
            passes = sum(bool(r["passed"]) for r in rows)
            if candidate.correct:
                false_fail += len(rows) - passes
            else:
                false_pass += passes
            gain_text = f"{min(gains):+.3f}..{max(gains):+.3f}" if gains else "   n/a   "
            ratio_text = f"{min(ratios):.3f}..{max(ratios):.3f}" if ratios else "   n/a   "
            seconds = max(float(r["seconds"]) for r in rows)
            label = "correct" if candidate.correct else "broken "
            print(f"  {label} {candidate.name:<36} pipeline passed {passes}/{len(rows)}  "
                  f"gain {gain_text}  loss ratio {ratio_text}  slowest {seconds:4.1f} s  "
                  f"caught by: {', '.join(caught) or '-'}")  # fmt: skip
    print(f"\n{runs} runs: {false_fail} false fails (correct candidates failing), "
          f"{false_pass} false passes (broken candidates passing)")  # fmt: skip


if __name__ == "__main__":
    main()
