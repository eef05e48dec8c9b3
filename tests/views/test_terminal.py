"""Terminal conditions: every width keeps phone numbers whole, tiny widths and narrow
encodings degrade instead of crashing, TERM=dumb, NO_COLOR, a Windows code page,
LANG=C, and the quick lookup fits 80x24."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from helpers import DANGER, card_phones, normalise, run_stalkcard, stalkcard_command
from typer.testing import CliRunner

from stalkcard.cli.app import app

PHONES = card_phones()  # the card's own numbers, whatever they are

# Terminal conditions ---------------------------------------------------------------------

CHECK = ["check", "--answer", "role=unknown", "--answer", "danger=yes", "--answer", "unwanted=yes",
         "--answer", "one_sided=no", "--answer", "repeated=unknown"]  # fmt: skip


@pytest.mark.parametrize("width", [20, 24, 30, 40, 50, 60, 69, 70, 80, 100, 120, 160, 200])
@pytest.mark.parametrize("command", [["show", "--supplements"], ["contacts"], CHECK],
                         ids=["show", "contacts", "check"])  # fmt: skip
def test_every_width_keeps_phone_numbers_whole(
    monkeypatch: pytest.MonkeyPatch, width: int, command: list[str]
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    result = CliRunner().invoke(app, command)
    assert result.exit_code == 0, result.output
    out = result.output
    assert max(len(line) for line in out.splitlines()) <= width
    flat = normalise(out)
    for phone in PHONES:
        assert phone in flat, (width, phone)
        # Every occurrence of the number stands whole on one line.
        assert out.count(phone) == flat.count(phone), (width, phone)


def test_term_dumb_and_no_color() -> None:
    for env in ({"TERM": "dumb"}, {"NO_COLOR": "1"}):
        result = run_stalkcard(["show", "--supplements"], {**env, "COLUMNS": "80"})
        assert result.returncode == 0, result.stderr
        assert "\x1b[" not in result.stdout
        assert "Vibeke Sønderskov Kristensen" in result.stdout


@pytest.mark.parametrize("command", [["show", "--supplements"], ["contacts"], CHECK, ["log"]],
                         ids=["show", "contacts", "check", "log"])  # fmt: skip
def test_windows_code_page_output(command: list[str]) -> None:
    """Output redirected on a Danish Windows PC is encoded in cp1252: nothing the tool
    prints may be outside it (no ✓, no emoji), and Rich falls back to ASCII boxes."""
    env = {"PYTHONIOENCODING": "cp1252", "COLUMNS": "80"}
    result = run_stalkcard(command, env, encoding="cp1252")
    assert result.returncode == 0, result.stderr
    assert "Error" not in result.stderr
    assert "Sønderskov" in result.stdout or "OVERVÅGNING" in result.stdout


def test_lang_c_keeps_danish_letters() -> None:
    result = run_stalkcard(
        ["contacts", "soenderskov"], {"LANG": "C", "LC_ALL": "C", "COLUMNS": "80"}
    )
    assert result.returncode == 0, result.stderr
    assert "Vibeke Sønderskov Kristensen" in result.stdout


@pytest.mark.skipif(os.name != "posix", reason="needs a POSIX shell")
@pytest.mark.parametrize("args", [["show"], ["contacts"], ["log"], ["show", "-f", "json"], CHECK])
def test_closed_pipe_is_quiet(tmp_path: Path, args: list[str]) -> None:
    command = " ".join([*map(_quote, stalkcard_command()), *args])
    result = subprocess.run(
        ["sh", "-c", f"{command} 2>{tmp_path / 'err'} | head -1"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.stdout.strip()
    err = (tmp_path / "err").read_text(encoding="utf-8")
    assert "Traceback" not in err
    assert "BrokenPipe" not in err
    assert "Exception ignored" not in err


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


# Widths below 20 ---------------------------------------------------------------------------------


@pytest.mark.parametrize("width", ["0", "1", "5", "10", "19", "-3", "abc"])
@pytest.mark.parametrize(
    "args", [["show"], ["contacts"], DANGER], ids=["show", "contacts", "check"]
)
def test_tiny_widths_still_show_everything(width: str, args: list[str]) -> None:
    result = run_stalkcard(args, {"COLUMNS": width})
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for phone in PHONES:
        assert any(phone in line for line in out.splitlines()), (width, phone)
    if args is DANGER:
        assert "112" in out


def test_tiny_width_error_message_is_whole() -> None:
    result = run_stalkcard(["contacts", "qqqqq"], {"COLUMNS": "0"})
    assert result.returncode == 1
    assert "Ingen kontakter passer" in result.stderr


# Encodings that cannot show every letter ---------------------------------------------------------


@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
def test_narrow_encodings_degrade_instead_of_crashing(encoding: str, tmp_path: Path) -> None:
    note = tmp_path / "n.md"
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "STALKCARD_CARD")}
    result = subprocess.run(
        [*stalkcard_command(), *DANGER, "--note", str(note)],
        env={**env, "PYTHONIOENCODING": encoding}, capture_output=True, text=True,
        encoding=encoding, errors="replace", timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "112" in result.stdout
    assert "Traceback" not in result.stderr
    assert "TILLÆG (ikke en del af handlekortet" in note.read_text(encoding="utf-8")


# The quick lookup fits a screen -----------------------------------------------------------------


def test_contacts_on_80_by_24_ends_with_the_cards_contacts() -> None:
    """The last 24 lines at 80 columns hold every contact of the card; the
    numbers that are not on the card come first, one line each, and their
    sources on request."""
    from helpers import bundled_contacts, run_stalkcard

    result = run_stalkcard(["contacts"], {"COLUMNS": "80", "LINES": "24"})
    assert result.returncode == 0, result.stderr
    last = "\n".join(result.stdout.rstrip("\n").splitlines()[-23:])  # a prompt takes a row
    for contact in bundled_contacts():
        assert contact.phone in last and contact.name in last, contact.name
    assert "Kilde" not in result.stdout
    full = run_stalkcard(["contacts", "--sources"], {"COLUMNS": "80"})
    assert "Kilde (114): Politiet (politi.dk)" in full.stdout
