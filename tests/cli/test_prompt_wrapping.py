"""The interactive questions wrap between words: hints, long choices, at 80
columns and narrower."""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

import pytest
from helpers import posix

# Small ones a new user meets ---------------------------------------------------------------


def test_wrap_fragments_breaks_between_words_only() -> None:
    from stalkcard.cli.prompts import wrap_fragments

    fragments = [
        ("class:qmark", "?"),
        ("class:question", " Hvem drejer mistanken sig om? "),
        ("class:instruction", "(Spørgsmål 1 af 8; piletasterne flytter, Enter vælger)"),
    ]
    wrapped = wrap_fragments(fragments, 79)
    text = "".join(t for _s, t in wrapped)
    original = "".join(t for _s, t in fragments)
    assert text.replace("\n", " ") == original  # only spaces became line breaks
    assert all(len(line) <= 79 for line in text.split("\n"))
    assert [s for s, _t in wrapped] == ["class:qmark", "class:question", "class:instruction"]
    for width in range(20, 90):
        lines = "".join(t for _s, t in wrap_fragments(fragments, width)).split("\n")
        assert all(len(line) <= width for line in lines), width


@posix
def test_hints_wrap_between_words_at_80_columns(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    pyte = pytest.importorskip("pyte")
    from helpers import stalkcard_command

    command, *prefix = stalkcard_command()
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "LINES")}
    env.update(PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm")
    screen = pyte.Screen(80, 60)
    stream = pyte.Stream(screen)
    child = pexpect.spawn(
        command, [*prefix, "check"], cwd=str(tmp_path), env=env, encoding="utf-8",
        dimensions=(60, 80), timeout=8,
    )  # fmt: skip

    def settle(seconds: float = 1.0) -> str:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            with contextlib.suppress(pexpect.TIMEOUT):
                stream.feed(child.read_nonblocking(100_000, timeout=0.2))
        return "\n".join(line.rstrip() for line in screen.display)

    try:
        first = settle(2.0)
        # Lines break at spaces: joined again with a space, the hint is whole
        # (it was "... Enter v" / "ælger)").
        assert "Enter vælger)" in first.replace("\n", " "), first
        for keys in ("\r", "\r", " \r"):  # role, danger, then one form marked
            child.send(keys)
            shown = settle()
        assert "[TELEFONOPKALD OG BESKEDER]" in shown.replace("\n", " "), shown  # was "R]"
    finally:
        child.terminate(force=True)


def test_a_long_choice_wraps_between_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """The review's "Ret: Former set: ..." with every form marked was cut off
    mid-word at the terminal's edge; now it wraps, indented under its choice."""
    import os as os_module
    import shutil

    from questionary import Choice

    from stalkcard.cli.prompts import _wrapped_choice

    monkeypatch.setattr(
        shutil, "get_terminal_size", lambda *a, **k: os_module.terminal_size((60, 24))
    )
    title = (
        "Ret: Former set: TELEFONOPKALD OG BESKEDER, KONTAKT GENNEM ANDRE, HÆRVÆRK OG "
        "TRUSLER, DIGITAL STALKING, GAVER, OVERVÅGNING"
    )
    wrapped = _wrapped_choice(Choice(title, value="forms"))
    assert wrapped.value == "forms"
    lines = str(wrapped.title).split("\n")
    assert len(lines) > 1 and all(len(line) <= 56 for line in lines)
    assert " ".join(line.strip() for line in lines) == title
    short = Choice("Se resultatet", value="done")
    assert _wrapped_choice(short) is short
