"""The plain writer: a ceiling on the width, and every line made terminal-safe."""

from __future__ import annotations

import time

import pytest
from helpers import DANGER as CHECK
from helpers import run_stalkcard

from stalkcard.views import plain

# A ceiling on the width -----------------------------------------------------------------------


@pytest.mark.parametrize("columns", ["1000000", "10000000"])
@pytest.mark.parametrize(
    "args", [["show", "--supplements"], CHECK, ["contacts"], ["contacts", "vibke"]]
)
def test_huge_columns_stay_small_and_fast(columns: str, args: list[str]) -> None:
    start = time.monotonic()
    done = run_stalkcard(args, env={"COLUMNS": columns})
    took = time.monotonic() - start
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.encode("utf-8")) < 100_000
    assert max(len(line) for line in done.stdout.splitlines()) <= plain.MAX_WIDTH
    assert took < 10  # was 20 s and 2 GB for `check` at 10000000


def test_width_is_capped_for_rich_and_plain(monkeypatch: pytest.MonkeyPatch) -> None:
    from stalkcard.views.terminal import make_console

    monkeypatch.setenv("COLUMNS", "10000000")
    assert plain.terminal_width() == plain.MAX_WIDTH == 200
    assert make_console().width == 200
    assert make_console(stderr=True).width == 200


def test_the_plain_writer_makes_any_line_safe(capsys: pytest.CaptureFixture[str]) -> None:
    plain.write_lines(["a\x1b]0;title\x07b", ((" x\u202e", True), ("\x9b2J", False))])
    out = capsys.readouterr().out
    assert "\x1b]" not in out and "\u202e" not in out and "\x9b" not in out
    assert "\x1b[1m x\\u202e\x1b[0m" in out  # the tool's own bold still works
