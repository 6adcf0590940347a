"""Explain a raised exception (or its text) in plain words, with the chapter to read."""

from __future__ import annotations

import re

from autograder.chapters import CHAPTERS
from autograder.diagnose.diagnosis import Diagnosis
from autograder.diagnose.rules import RULES

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_ORIGINAL_LIMIT = 600


def clean_message(text: str) -> str:
    """Strip terminal colour codes and collapse the blank lines Keras adds."""
    text = _ANSI.sub("", text)
    return re.sub(r"\n\s*\n+", "\n", text).strip()


def explain_error(error: BaseException | str, exception_name: str | None = None) -> Diagnosis:
    """Return a diagnosis for an exception, or for its class name and message text.

    An error no rule recognises gets an honest generic answer that keeps the original
    message, never a guess.

    Args:
        error: the exception itself, or its message when it was raised elsewhere
            (e.g. in a grading process).
        exception_name: the exception's class name when ``error`` is a message.
    """
    if isinstance(error, BaseException):
        exception_name = type(error).__name__
        message = clean_message(str(error))
    else:
        message = clean_message(error)
    name = exception_name or "Error"
    original = _shorten(f"{name}: {message}")
    for rule in RULES:
        match = rule.pattern.search(message)
        if match is None:
            continue
        diagnosis = rule.explain(match, original)
        if diagnosis is not None:
            return diagnosis
    first_line = message.splitlines()[0] if message else "(no message)"
    return Diagnosis(
        problem=f"The code raised {name}, which Keras Clinic does not recognise: {first_line}",
        where="see the original error below: its last lines usually name the layer",
        fix="Read the whole message, then follow the debugging method: print model.summary(), "
        "run one batch through the model and check each layer's output shape.",
        chapter=CHAPTERS["debugging-toolkit"],
        rule="unknown",
        original=original,
    )


def _shorten(text: str) -> str:
    return text if len(text) <= _ORIGINAL_LIMIT else text[: _ORIGINAL_LIMIT - 1] + "…"
