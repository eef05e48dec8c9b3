"""Small helpers shared by the tests."""

from __future__ import annotations

import re


def normalise(text: str) -> str:
    """Collapse whitespace and drop box-drawing borders, so wrapped text compares."""
    text = re.sub(r"[│┌┐└┘─]", " ", text)
    return " ".join(text.split())


def line_of(text: str, needle: str) -> int:
    """The 1-based line on which `needle` first stands in `text`."""
    return text[: text.index(needle)].count("\n") + 1
