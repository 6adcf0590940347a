"""Run a submission's notebook inside the jail and leave a record of how far it got.

``python -m autograder.sandbox.notebook_runner NOTEBOOK EXECUTED STATUS``

Every cell runs in order, errors included (as nbgrader does, so a broken helper cell
does not cost the hand-in). After each cell the executed notebook and a small JSON
status are written, so when the grader kills the run (time, memory) it still knows
which cell was running and what had failed. Nothing here decides a grade: the
grader reads the status and the hand-in the notebook left behind.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

STATUS_SCHEMA = 1


def run(notebook: Path, executed: Path, status_path: Path) -> int:
    """Execute ``notebook`` into ``executed``, recording progress in ``status_path``."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import DeadKernelError

    nb = nbformat.read(notebook, as_version=4)
    status: dict[str, Any] = {
        "schema": STATUS_SCHEMA,
        "cells": len(nb.cells),
        "running": None,
        "errors": [],
        "finished": False,
        "kernel_died": False,
        "kernel_exit": None,
    }

    def save() -> None:
        nbformat.write(nb, executed)
        tmp = status_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(status))
        tmp.replace(status_path)

    def on_cell_start(cell: Any, cell_index: int) -> None:
        status["running"] = {"index": cell_index, "cell": _cell_name(cell, cell_index)}
        save()

    def on_cell_executed(cell: Any, cell_index: int, execute_reply: Any) -> None:
        content = execute_reply.get("content", {}) if execute_reply else {}
        if content.get("status") == "error":
            status["errors"].append(
                {
                    "index": cell_index,
                    "cell": _cell_name(cell, cell_index),
                    "ename": str(content.get("ename", "")),
                    "evalue": str(content.get("evalue", ""))[:2000],
                }
            )
        status["running"] = None
        save()

    client = NotebookClient(
        nb,
        timeout=None,
        allow_errors=True,
        kernel_name="python3",
        resources={"metadata": {"path": str(notebook.parent)}},
        on_cell_start=on_cell_start,
        on_cell_executed=on_cell_executed,
    )
    save()
    try:
        client.execute()
        status["finished"] = True
    except DeadKernelError:
        status["kernel_died"] = True
        status["kernel_exit"] = _kernel_exit(client)
    save()
    return 0


def _cell_name(cell: Any, index: int) -> str:
    """The cell's nbgrader id when it has one (what the student sees), else its number."""
    grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
    return str(grade_id) if grade_id else f"cell {index + 1}"


def _kernel_exit(client: Any) -> int | None:
    """The dead kernel's exit status (negative: the signal), when it can be read."""
    try:
        process = client.km.provisioner.process
        return int(process.wait(timeout=5))
    except Exception:  # best effort: the exit status only refines the reason
        return None


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    notebook, executed, status = (Path(a) for a in args)
    return run(notebook, executed, status)


if __name__ == "__main__":
    raise SystemExit(main())
