"""Small helpers shared by the tests."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path


def normalise(text: str) -> str:
    """Collapse whitespace and drop box-drawing borders, so wrapped text compares."""
    text = re.sub(r"[│┌┐└┘─]", " ", text)
    return " ".join(text.split())


def line_of(text: str, needle: str) -> int:
    """The 1-based line on which `needle` first stands in `text`."""
    return text[: text.index(needle)].count("\n") + 1


def stalkcard_command() -> list[str]:
    """The installed `stalkcard` script (beside this Python, or on PATH)."""
    script = Path(sys.executable).parent / (
        "stalkcard.exe" if sys.platform == "win32" else "stalkcard"
    )
    if script.exists():
        return [str(script)]
    found = shutil.which("stalkcard")
    return [found] if found else [sys.executable, "-m", "stalkcard"]
