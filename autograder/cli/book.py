"""``clinic book``: build the course site."""

from __future__ import annotations

from pathlib import Path

import click


@click.group()
def book() -> None:
    """Build the course site (Jupyter Book)."""


@book.command("build")
@click.option(
    "--root",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=Path(),
    show_default=True,
    help="The course checkout (the folder holding _config.yml).",
)
def book_build(root: Path) -> None:
    """Build the static site into ROOT/_build/html, strictly (warnings are errors)."""
    from autograder.book.site import build_site

    output = build_site(root=root)
    click.echo(f"Site built: {output / 'index.html'}")
