"""Limits enforced from outside: wall clock, memory, CPU, and the whole process tree."""

from __future__ import annotations

import signal
import sys
import time

import psutil
import pytest

from autograder.sandbox.confinement import NONE, Confinement
from autograder.sandbox.process import Limits, run_limited

UNCONFINED = Confinement(NONE, "tests")


@pytest.fixture(params=["none", "bwrap"])
def confinement(request):
    if request.param == "none":
        return UNCONFINED
    return request.getfixturevalue("jail")


def run(confinement, tmp_path, code: str, limits: Limits):
    return run_limited(
        [sys.executable, "-c", code],
        confinement=confinement,
        private_dir=tmp_path,
        readable=[],
        env={"PATH": "/usr/bin:/bin"},
        limits=limits,
    )


def test_when_a_program_swallows_interrupts_and_loops_then_it_is_killed_at_the_wall_clock_limit(
    confinement, tmp_path
):
    code = (
        "import signal\n"
        "signal.signal(signal.SIGINT, signal.SIG_IGN)\n"
        "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
        "while True:\n"
        "    try:\n"
        "        pass\n"
        "    except KeyboardInterrupt:\n"
        "        pass\n"
    )
    outcome = run(confinement, tmp_path, code, Limits(wall_s=3, memory_mib=512, cpu_s=60))
    assert outcome.timed_out and not outcome.finished
    assert 3 <= outcome.wall_s < 10


def test_when_a_program_grows_past_the_memory_limit_then_it_is_killed_for_memory(
    confinement, tmp_path
):
    code = (
        "import time\nblocks = []\n"
        "while True:\n"
        "    blocks.append(bytearray(32 << 20))\n"
        "    time.sleep(0.02)\n"
    )
    outcome = run(confinement, tmp_path, code, Limits(wall_s=60, memory_mib=300, cpu_s=60))
    assert outcome.out_of_memory and not outcome.timed_out
    assert outcome.peak_rss_mib >= 300


def test_when_a_program_asks_for_a_huge_block_at_once_then_the_allocation_fails(
    confinement, tmp_path
):
    code = "bytearray(64 << 30)"
    outcome = run(confinement, tmp_path, code, Limits(wall_s=60, memory_mib=300, cpu_s=60))
    assert outcome.returncode == 1
    assert "MemoryError" in outcome.output_tail


def test_when_a_program_spins_past_its_cpu_time_then_the_kernel_stops_it(confinement, tmp_path):
    outcome = run(
        confinement, tmp_path, "while True: pass", Limits(wall_s=60, memory_mib=300, cpu_s=2)
    )
    # Killed by SIGXCPU: a negative status, or 128 + the signal as bubblewrap reports it.
    assert outcome.returncode in (-signal.SIGXCPU, 128 + signal.SIGXCPU)
    assert not outcome.timed_out


def test_when_a_program_leaves_children_behind_then_they_are_killed_with_it(confinement, tmp_path):
    marker = "keras-clinic-orphan-test"
    code = (
        "import subprocess, sys, time\n"
        f"subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)', '{marker}'])\n"
        "time.sleep(600)\n"
    )
    run(confinement, tmp_path, code, Limits(wall_s=3, memory_mib=512, cpu_s=60))
    time.sleep(0.5)
    left = [p for p in psutil.process_iter(["cmdline"]) if marker in (p.info["cmdline"] or [])]
    assert left == []


def test_when_a_program_prints_without_end_then_the_grader_is_not_blocked(confinement, tmp_path):
    code = "while True: print('x' * 1000)"
    outcome = run(confinement, tmp_path, code, Limits(wall_s=2, memory_mib=512, cpu_s=60))
    assert outcome.timed_out
    assert outcome.output_tail.endswith("x" * 10)
