"""``clinic book``: verify the notebooks and build the course site."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from autograder.book.harness import NotebookReport

ROOT_OPTION = click.option(
    "--root",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=Path(),
    show_default=True,
    help="The course checkout (the folder holding _config.yml).",
)
NO_CACHE_OPTION = click.option(
    "--no-cache", is_flag=True, help="Re-execute every notebook, even unchanged ones."
)


def _print_report(report: NotebookReport) -> None:
    click.echo(report.describe())


@click.group()
def book() -> None:
    """Verify the book's notebooks and build the course site (Jupyter Book)."""


@book.command("check")
@click.argument("notebooks", nargs=-1, type=click.Path(dir_okay=False, exists=True, path_type=Path))
@ROOT_OPTION
@NO_CACHE_OPTION
def book_check(notebooks: tuple[Path, ...], root: Path, no_cache: bool) -> None:
    """Execute NOTEBOOKS (default: all of book/) and enforce each cell's documented intent.

    A cell tagged raises-exception must raise its documented class and message; any
    other error fails, naming the cell.
    """
    from autograder.book.site import check_book

    reports = check_book(
        root=root, notebooks=notebooks, use_cache=not no_cache, on_report=_print_report
    )
    click.echo(f"All {len(reports)} notebooks do what the book says.")


@book.command("build")
@ROOT_OPTION
@NO_CACHE_OPTION
def book_build(root: Path, no_cache: bool) -> None:
    """Verify every notebook, then build the site into ROOT/_build/html (warnings are errors)."""
    from autograder.book.site import build_site

    output = build_site(root=root, use_cache=not no_cache, on_report=_print_report)
    click.echo(f"Site built: {output / 'index.html'}")
