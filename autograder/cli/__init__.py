"""The ``clinic`` command: one thin click wrapper per verb over the library.

Top-level imports stay light (no TensorFlow) so that ``clinic --help`` and
``clinic data list`` answer at once; each command imports the heavy library it
wraps when it runs.
"""

from __future__ import annotations

import logging
import os
import sys

import click

from autograder import __version__
from autograder.cli.book import book
from autograder.cli.check import check
from autograder.cli.data import data
from autograder.cli.grading import export, feedback, grade, release
from autograder.errors import ClinicError

__all__ = ["cli", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="clinic")
@click.option("-v", "--verbose", is_flag=True, help="Show tracebacks and TensorFlow's logs.")
@click.pass_context
def cli(ctx: click.Context, verbose: bool) -> None:
    """Keras Clinic: learn why Keras models fail to train, and grade the fixes."""
    ctx.obj = {"verbose": verbose}
    if not verbose:
        # TensorFlow's C++ start-up chatter is noise for a person at a terminal.
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, format="%(message)s")


cli.add_command(data)
cli.add_command(book)
cli.add_command(check)
cli.add_command(release)
cli.add_command(grade)
cli.add_command(feedback)
cli.add_command(export)


def main() -> None:
    """Run ``clinic``; a ``ClinicError`` becomes its message and exit status 1."""
    verbose = "-v" in sys.argv[1:] or "--verbose" in sys.argv[1:]
    try:
        cli.main(standalone_mode=False)
    except ClinicError as error:
        if verbose:
            raise
        click.secho(f"Error: {error}", fg="red", err=True)
        sys.exit(1)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
