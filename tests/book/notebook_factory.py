"""Build small notebooks in code for the harness tests (as nbgrader's tests do)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook


def expecting(exception: str, pattern: str, **extra: Any) -> dict[str, Any]:
    """Cell metadata for a cell documented to raise ``exception`` matching ``pattern``."""
    return {
        "tags": ["raises-exception"],
        "clinic": {"schema": 1, "expect_error": {"class": exception, "pattern": pattern}, **extra},
    }


def write_notebook(path: Path, *cells: str | tuple[str, dict[str, Any]]) -> Path:
    """Write a notebook whose code cells are ``source`` or ``(source, metadata)``."""
    notebook = new_notebook(cells=[new_markdown_cell("# A test notebook")])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    for cell in cells:
        source, metadata = (cell, {}) if isinstance(cell, str) else cell
        notebook.cells.append(new_code_cell(source, metadata=metadata))
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, path)
    return path
