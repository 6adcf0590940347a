"""How long classroom grading takes: one submission, and a class on 1 or 2 workers or a cluster.

Run it with ``python -m benchmarks.grading [--assignment KEY] [--repeat N] [--skip-class]``.

Per submission (the reference solution of one assignment), in the same run:

* ``plain``: a plain ``nbclient`` run of the submitted notebook, test cells included,
  in this machine's default TensorFlow threading: what stock in-kernel grading costs;
* ``kernel``: a plain ``nbclient`` run of the notebook the grader runs (no tests);
* ``jailed``: the same notebook in the jail with its limits (the grader's first stage);
* ``scoring``: the separate scoring process (the checks' fixed budget);
* ``total``: ``grade_submission`` end to end.

Class throughput: the sample class's submissions of that assignment, copied ``--repeat``
times, graded with 1 and 2 local workers and on a 2-worker Dask ``LocalCluster``;
submissions per minute and the time 300 submissions would take at that rate.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

import nbformat

from autograder.exercises.assignments import get_assignment
from autograder.exercises.handin import GRADING_ENV
from autograder.grading import Course, GradingOptions, grade_class
from autograder.grading.course import COURSE_ROOT
from autograder.grading.grade_submission import GradingJob, default_data_dir, grade_submission
from autograder.grading.submission_notebook import runnable_notebook
from autograder.sandbox import Limits, detect_confinement

SAMPLE_CLASS = COURSE_ROOT / "examples" / "sample-class"
LIMITS = Limits(wall_s=120, memory_mib=4096, cpu_s=600)
SCORING = Limits(wall_s=600, memory_mib=4096, cpu_s=1800)


def plain_run(path: Path) -> float:
    """Seconds for a plain nbclient run of a notebook, grading mode on, in a scratch folder."""
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory() as scratch:
        os.environ[GRADING_ENV] = "1"
        start = time.perf_counter()
        NotebookClient(
            notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": scratch}}
        ).execute()
        del os.environ[GRADING_ENV]
        return time.perf_counter() - start


def per_submission(key: str) -> None:
    spec = get_assignment(key)
    source = COURSE_ROOT / "solutions" / key / f"{spec.notebook}.ipynb"
    released = COURSE_ROOT / "exercises" / key / f"{spec.notebook}.ipynb"
    with tempfile.TemporaryDirectory() as scratch:
        runnable = Path(scratch) / "runnable.ipynb"
        nbformat.write(
            runnable_notebook(
                nbformat.read(source, as_version=4), nbformat.read(released, as_version=4)
            ),
            runnable,
        )
        plain = plain_run(source)
        kernel = plain_run(runnable)
        job = GradingJob(
            key,
            "reference",
            source,
            released,
            Path(scratch) / "job",
            detect_confinement("auto"),
            LIMITS,
            SCORING,
            default_data_dir(),
        )
        start = time.perf_counter()
        result = grade_submission(job)
        total = time.perf_counter() - start
    jailed, scoring = result.seconds["notebook"], result.seconds.get("scoring", float("nan"))
    print(f"One submission of {key} ({result.state.value}, {result.total}/{result.max_points}):")
    print(f"  plain nbclient, tests in the kernel   {plain:6.1f} s")
    print(f"  plain nbclient, grader's notebook     {kernel:6.1f} s")
    print(f"  in the jail, with limits              {jailed:6.1f} s  ({jailed / kernel:.2f}x)")
    print(f"  scoring process (checks' budget)      {scoring:6.1f} s")
    print(f"  grade_submission end to end           {total:6.1f} s  ({total / plain:.2f}x plain)")


def class_throughput(key: str, repeat: int) -> None:
    from dask.distributed import LocalCluster

    with tempfile.TemporaryDirectory() as scratch:
        submissions = Path(scratch) / "submitted"
        for copy in range(repeat):
            for folder in sorted(SAMPLE_CLASS.glob(f"*/{key}")):
                shutil.copytree(folder, submissions / f"{folder.parent.name}-{copy}" / key)
        count = len(list(submissions.glob(f"*/{key}")))
        runs = {"1 worker": {"workers": 1}, "2 workers": {"workers": 2}}
        with LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster:
            runs["LocalCluster, 2 workers"] = {"scheduler": cluster.scheduler_address}
            print(f"Class throughput, {count} submissions of {key} (timeout 60 s each):")
            for name, settings in runs.items():
                course = Course(Path(scratch) / name.replace(" ", "-"), submissions)
                options = GradingOptions(limits=Limits(60, 4096, 240), **settings)
                start = time.perf_counter()
                grade_class(key, course, options)
                seconds = time.perf_counter() - start
                rate = count / seconds * 60
                print(
                    f"  {name:<24} {seconds:6.0f} s  {rate:5.1f}/min  "
                    f"300 submissions: {300 / rate:5.0f} min"
                )


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assignment", default="01-dense-on-images")
    parser.add_argument("--repeat", type=int, default=1, help="Copies of the sample class.")
    parser.add_argument("--skip-class", action="store_true", help="Only one submission.")
    args = parser.parse_args()
    per_submission(args.assignment)
    if not args.skip_class:
        class_throughput(args.assignment, args.repeat)


if __name__ == "__main__":
    main()
