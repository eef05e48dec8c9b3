"""Small helpers shared by the tests."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from stalkcard.card.model import Contact
from stalkcard.card.reading import bundled_card_path, card_from_text, load_card
from stalkcard.engine.result import Answers
from stalkcard.errors import CardError, ExitCode

TESTS = Path(__file__).parent  # the tests' folder (fixture cards, golden files, data)
DATA = TESTS / "data"
REFERENCE = DATA / "actioncard_reference.txt"  # the card's text as published


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


FAKETIME_LIBRARIES = (
    "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1",
    "/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1",
    "/usr/lib/faketime/libfaketime.so.1",
)


def clock_at(moment: str) -> dict[str, str]:
    """Environment that starts a process's clock at `moment`, Danish time
    ("2026-11-28 22:00:00"), with libfaketime (Debian's faketime package,
    installed by .ci/run). Skips where it is missing, except in CI."""
    import pytest

    library = next((p for p in FAKETIME_LIBRARIES if Path(p).exists()), None)
    if library is None:
        if os.environ.get("CI"):
            raise AssertionError("libfaketime is missing (Debian package faketime)")
        pytest.skip("libfaketime (Debian package faketime) is not installed")
    return {
        "LD_PRELOAD": library,
        "FAKETIME": "@" + moment,
        "FAKETIME_DONT_FAKE_MONOTONIC": "1",
        "TZ": "Europe/Copenhagen",
    }


def card_answers(
    role: str,
    danger: str,
    unwanted: str,
    one_sided: str,
    repeated: str,
    forms: tuple[str, ...] | None = (),
    children: str = "unknown",
    unit: str = "other",
) -> Answers:
    """Answers to the bundled card's questions, in the order it asks them (as
    normalise_answers gives them). Unless given: no forms marked, children
    "unknown" (don't know), unit "other"."""
    return Answers(
        role=role,
        danger=danger,
        forms=forms,
        unwanted=unwanted,
        one_sided=one_sided,
        repeated=repeated,
        children=children,
        unit=unit,
    )


def bundled_contacts() -> list[Contact]:
    """The bundled card's contacts, as its file has them: the generic tests use
    these, not numbers written into the test, so a new number in the card breaks
    only the tests about that card (the golden files, the card's fidelity)."""
    from stalkcard.card.reading import load_card

    return load_card().contacts


def card_phones(group: str | None = None) -> tuple[str, ...]:
    """The phone numbers of the bundled card's contacts (of one contacts section)."""
    return tuple(c.phone for c in bundled_contacts() if group is None or c.group == group)


def first_group() -> str:
    """The id of the bundled card's first contacts section."""
    group = bundled_contacts()[0].group
    assert group is not None
    return group


def _shipped_card() -> str:
    from stalkcard.card.reading import bundled_card_path

    return bundled_card_path().read_text(encoding="utf-8")


_SHIPPED_CARD = _shipped_card()  # before any test replaces bundled_card_path


class Hung(Exception):
    """Not an OSError, so no `except OSError` in the code under test can hide it."""


@contextlib.contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail (Hung) instead of waiting forever: for a FIFO, /dev/zero or a loop."""
    import signal

    def expired(signum: int, frame: object) -> None:
        raise Hung(f"still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def card_with(tmp_path: Path, old: str, new: str, name: str = "kort.yaml") -> Path:
    """The bundled card (as shipped, read once) with `old` replaced by `new`
    once, written to tmp_path."""
    text = _SHIPPED_CARD
    assert old in text, old
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def load_error(path: Path) -> str:
    """The message, and below it each problem's path in the file's fields
    (validate --format json gives it; the message names places by id or name)."""
    with pytest.raises(CardError) as info:
        load_card(path)
    assert info.value.exit_code == ExitCode.INVALID
    paths = [f.path for f in getattr(info.value, "findings", [])]
    return info.value.message + "\n" + "\n".join(paths)


CONTENT = Path(__file__).parent.parent / "content"


def bundled_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(bundled_card_path().read_text(encoding="utf-8"))
    return data


def dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


def card_error(data: dict[str, Any]) -> str:
    with pytest.raises(CardError) as info:
        card_from_text(dump(data), "kort.yaml")
    return info.value.message


def question(data: dict[str, Any], ident: str) -> dict[str, Any]:
    return next(q for q in data["questions"] if q["id"] == ident)


# `check` for a victim in acute danger, every sign of stalking there.
DANGER = [
    "check",
    *("--answer", "role=victim", "--answer", "danger=yes", "--answer", "unwanted=yes"),
    *("--answer", "one_sided=yes", "--answer", "repeated=yes"),
]

# Skipped where there are no POSIX files, pipes, signals and processes.
posix = pytest.mark.skipif(os.name != "posix", reason="POSIX files, pipes, signals and processes")


def card_lines() -> list[str]:
    """The reference card's lines, without Markdown marks."""
    lines = []
    for raw in REFERENCE.read_text(encoding="utf-8").splitlines():
        line = re.sub(r"^#+\s*|^-\s+|\*\*", "", raw.strip()).strip()
        if line:
            lines.append(line)
    return lines


README = Path(__file__).parent.parent / "docs" / "koordinator.md"


def readme_card_text() -> str:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"```yaml\n(meta:.*?)```", text, re.S)
    assert found is not None, "the README's example card is missing"
    return found.group(1)
