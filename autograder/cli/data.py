"""``clinic data``: prepare and list the real datasets."""

from __future__ import annotations

import json
from pathlib import Path

import click

from autograder.datasets.data_dir import resolve_data_dir
from autograder.datasets.inventory import inventory, prepare_command
from autograder.datasets.registry import DATASETS

DATA_DIR_OPTION = click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="TFDS data directory. Default: $TFDS_DATA_DIR, else ~/tensorflow_datasets.",
)


@click.group()
def data() -> None:
    """Prepare and list the real datasets (offline, checksummed)."""


@data.command("prepare")
@click.argument("names", nargs=-1, metavar="[NAME]...")
@DATA_DIR_OPTION
@click.option(
    "--source-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Read the raw files of the one named dataset from here instead of its default copy.",
)
@click.option("--quiet", is_flag=True, help="Hide progress bars.")
def data_prepare(
    names: tuple[str, ...], data_dir: Path | None, source_dir: Path | None, quiet: bool
) -> None:
    """Prepare NAMEs (default: all datasets) into the TFDS data directory.

    Idempotent; every raw file is checked against its pinned sha256 first.
    """
    from autograder.datasets.preparation import prepare

    results = prepare(list(names), data_dir=data_dir, source_dir=source_dir, progress=not quiet)
    for result in results:
        timing = f" in {result.seconds:.1f} s" if result.outcome != "already prepared" else ""
        click.echo(f"{result.name} {result.version}: {result.outcome}{timing} ({result.path})")


@data.command("list")
@DATA_DIR_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def data_list(data_dir: Path | None, as_json: bool) -> None:
    """Show every dataset: prepared or not, version, size and split sizes."""
    directory = resolve_data_dir(data_dir)
    states = inventory(directory)
    if as_json:
        click.echo(json.dumps([state.to_dict() for state in states], indent=2))
        return
    width = max(len(name) for name in DATASETS)
    for state in states:
        if state.prepared:
            splits = ", ".join(f"{split} {count:,}" for split, count in state.split_sizes.items())
            status = f"prepared  {state.size_bytes / 1e6:7.1f} MB  {splits}"
        else:
            status = f"missing   run: {prepare_command(state.name, directory)}"
        click.echo(f"{state.name:<{width}}  {state.version:<6}  {status}")
    click.echo(f"\nData directory: {directory}")
