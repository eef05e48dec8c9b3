"""Small helpers shared by the tests."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
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


def run_stalkcard(
    args: list[str],
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    encoding: str = "utf-8",
) -> subprocess.CompletedProcess[str]:
    """The installed `stalkcard` in a real process; `env` is added to this one's,
    without the colour and card variables the tests do not choose."""
    full = {
        k: v
        for k, v in os.environ.items()
        if k not in ("NO_COLOR", "FORCE_COLOR", "STALKCARD_CARD", "STALKCARD_LANG")
    }
    full.update(env or {})
    return subprocess.run(
        [*stalkcard_command(), *args],
        capture_output=True,
        text=True,
        encoding=encoding,
        timeout=60,
        check=False,
        env=full,
        cwd=cwd,
    )
