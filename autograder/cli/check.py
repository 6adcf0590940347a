"""``clinic check``: the self-check from a terminal."""

from __future__ import annotations

import json
from pathlib import Path

import click


@click.command("check")
@click.argument("path", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the reports as JSON.")
@click.option(
    "--timeout", type=int, default=600, show_default=True, help="Seconds the file may run."
)
def check(path: Path, as_json: bool, timeout: int) -> None:
    """Run PATH (a notebook or script) and show the results of its autograder.check() calls.

    Exits 1 when a check failed, the file raised an error, or it never called
    autograder.check().
    """
    from autograder.check_file import check_file
    from autograder.render.text import report_text

    result = check_file(path, timeout=timeout)
    if as_json:
        payload = {
            "path": str(result.path),
            "passed": result.passed,
            "reports": [report.to_dict() for report in result.reports],
            "error": result.error.to_dict() if result.error else None,
        }
        click.echo(json.dumps(payload, indent=2))
    else:
        for report in result.reports:
            click.echo(report_text(report))
        if result.error is not None:
            click.secho("The file stopped with an error:", fg="red")
            click.echo(result.error.as_text())
        elif not result.reports:
            click.secho(
                f"{path} never called autograder.check(...): nothing was checked.", fg="red"
            )
    raise SystemExit(0 if result.passed else 1)
