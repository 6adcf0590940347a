"""The jail: what student code can and cannot reach."""

from __future__ import annotations

import socket
import sys
import threading
from pathlib import Path

import pytest

from autograder.errors import ClinicError
from autograder.sandbox.confinement import INSIDE, NONE, detect_confinement
from autograder.sandbox.process import Limits, run_limited

LIMITS = Limits(wall_s=60, memory_mib=1024, cpu_s=60)


def run_in(jail, tmp_path: Path, code: str, readable=()):
    private = tmp_path / "private"
    private.mkdir(exist_ok=True)
    outcome = run_limited(
        [sys.executable, "-c", code],
        confinement=jail,
        private_dir=private,
        readable=list(readable),
        env={"PATH": "/usr/bin:/bin"},
        limits=LIMITS,
    )
    return outcome, private


def test_when_a_jailed_program_reads_a_file_outside_its_folder_then_it_is_not_there(jail, tmp_path):
    secret = tmp_path / "gradebook.db"
    secret.write_text("hidden tests")
    code = f"open({str(secret)!r}).read()"
    outcome, _ = run_in(jail, tmp_path, code)
    assert outcome.returncode == 1
    assert "FileNotFoundError" in outcome.output_tail


def test_when_a_jailed_program_connects_to_a_server_on_this_machine_then_it_cannot(jail, tmp_path):
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    accepted = []
    server.settimeout(20)
    thread = threading.Thread(target=lambda: accepted.append(_accept(server)))
    thread.start()
    code = f"import socket; socket.create_connection(('127.0.0.1', {port}), timeout=5)"
    outcome, _ = run_in(jail, tmp_path, code)
    server.close()
    thread.join()
    assert outcome.returncode == 1
    assert "ConnectionRefusedError" in outcome.output_tail
    assert accepted == [None]


def _accept(server: socket.socket) -> object:
    try:
        return server.accept()
    except OSError:
        return None


def test_when_a_jailed_program_writes_then_only_its_private_folder_keeps_the_file(jail, tmp_path):
    import autograder

    package = Path(autograder.__file__).parent
    code = (
        f"open('{INSIDE}/mine.txt', 'w').write('ok')\n"
        f"open({str(package / 'planted.py')!r}, 'w').write('x = 1')"
    )
    outcome, private = run_in(jail, tmp_path, code)
    assert (private / "mine.txt").read_text() == "ok"
    assert "Read-only file system" in outcome.output_tail
    assert not (package / "planted.py").exists()


def test_when_a_jailed_program_asks_who_it_is_then_it_is_nobody_without_capabilities(
    jail, tmp_path
):
    code = (
        "import os; print(os.getuid(), os.getgid());"
        "print([l for l in open('/proc/self/status') if l.startswith('CapEff')][0])"
    )
    outcome, _ = run_in(jail, tmp_path, code)
    assert "65534 65534" in outcome.output_tail
    assert "CapEff:\t0000000000000000" in outcome.output_tail


def test_when_no_jail_is_asked_for_then_the_report_says_so_loudly():
    confinement = detect_confinement(NONE)
    assert not confinement.confined
    assert confinement.describe().startswith("NOT CONFINED")


def test_when_an_unknown_sandbox_is_asked_for_then_the_error_lists_the_known_ones():
    with pytest.raises(ClinicError, match="expected one of auto, bwrap, none"):
        detect_confinement("docker")
