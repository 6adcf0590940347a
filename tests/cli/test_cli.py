"""The ``clinic`` command: fast help, clear errors, thin wrappers over the library."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from autograder.cli import cli
from autograder.errors import ClinicError


def test_when_asking_for_help_then_every_command_group_is_listed():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for command in ("data", "book", "check", "release", "grade", "feedback", "export"):
        assert command in result.output


@pytest.mark.parametrize("argv", [["--help"], ["data", "list"], ["grade", "--help"]])
def test_when_running_fast_commands_then_tensorflow_is_never_imported(argv):
    code = (
        "import sys\n"
        "from autograder.cli import cli\n"
        f"try:\n    cli.main({argv!r}, standalone_mode=False)\n"
        "except SystemExit:\n    pass\n"
        "heavy = [m for m in ('tensorflow', 'tensorflow_datasets', 'keras') if m in sys.modules]\n"
        "print('HEAVY=' + ','.join(heavy))\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert output.strip().endswith("HEAVY=")


def test_when_listing_an_empty_data_dir_then_each_dataset_says_how_to_prepare_it(tmp_path):
    result = CliRunner().invoke(cli, ["data", "list", "--data-dir", str(tmp_path)])
    assert result.exit_code == 0
    assert f"clinic data prepare japanese_vowels --data-dir {tmp_path}" in result.output


@pytest.mark.needs_dataset
def test_when_listing_prepared_data_as_json_then_sizes_and_splits_are_reported(
    prepared_data_dir,
):
    result = CliRunner().invoke(cli, ["data", "list", "--json", "--data-dir", prepared_data_dir])
    assert result.exit_code == 0
    states = {state["name"]: state for state in json.loads(result.output)}
    assert states["fashion_mnist"]["prepared"] is True
    assert states["fashion_mnist"]["split_sizes"] == {"train": 60_000, "test": 10_000}
    assert all(state["size_bytes"] > 0 for state in states.values())


@pytest.mark.e2e
def test_when_a_dataset_name_is_mistyped_then_clinic_exits_1_with_a_suggestion(tmp_path):
    completed = subprocess.run(
        [sys.executable, "-m", "autograder.cli", "data", "prepare", "fashion_mnst"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 1
    assert "Did you mean 'fashion_mnist'?" in completed.stderr
    assert "Traceback" not in completed.stderr


@pytest.mark.e2e
@pytest.mark.needs_dataset
def test_when_preparing_twice_then_the_second_run_reports_already_prepared(prepared_data_dir):
    result = CliRunner().invoke(
        cli, ["data", "prepare", "breast_cancer_wisconsin", "--data-dir", prepared_data_dir]
    )
    assert result.exit_code == 0, result.output
    assert "breast_cancer_wisconsin 1.0.0: already prepared" in result.output


@pytest.mark.parametrize("command", ["feedback", "export"])
def test_when_feedback_or_export_is_asked_before_grading_then_the_error_says_to_grade_first(
    command, tmp_path
):
    result = CliRunner().invoke(cli, [command, "--workdir", str(tmp_path)])
    assert isinstance(result.exception, ClinicError)
    assert "Run `clinic grade` first" in str(result.exception)
