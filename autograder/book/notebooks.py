"""Which notebooks make up the book, and the rule that they are stored without outputs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat

BOOK_DIR = "book"


def book_notebooks(root: Path) -> list[Path]:
    """Return every notebook under ``root/book``, sorted (chapter folders are numbered)."""
    return sorted(
        path
        for path in (root / BOOK_DIR).rglob("*.ipynb")
        if ".ipynb_checkpoints" not in path.parts
    )


def stored_outputs(path: Path) -> list[int]:
    """Return the indices of code cells that carry outputs or an execution count.

    Book notebooks are stored stripped: Colab opens them from the repository, and the
    site shows only the outputs that the build itself produced.
    """
    notebook: Any = nbformat.read(path, as_version=4)
    return [
        index
        for index, cell in enumerate(notebook.cells)
        if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count"))
    ]
