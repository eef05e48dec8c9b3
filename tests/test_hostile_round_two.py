"""Hostile input, round two: echoed escapes, tiny widths, odd output paths and
encodings, invisible characters, dates, clean JSON, missing hard links,
signals, non-files, failing stdout and odd path spellings. Each class has tests
that failed on the code before it was fixed."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import card_phones, card_with, run_stalkcard, stalkcard_command
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from stalkcard import output
from stalkcard.card.reading import bundled_card_path, load_card, stale_since
from stalkcard.cli.app import app
from stalkcard.errors import FileExists, OutputError
from stalkcard.safe import terminal_safe

CARD_TEXT = bundled_card_path().read_text(encoding="utf-8")
PHONES = card_phones()  # the card's own numbers, whatever they are
DANGER = [
    "check",
    *("--answer", "role=victim", "--answer", "danger=yes", "--answer", "unwanted=yes"),
    *("--answer", "one_sided=yes", "--answer", "repeated=yes"),
]
posix = pytest.mark.skipif(os.name != "posix", reason="POSIX files and signals")


def no_hidden(text: str) -> bool:
    from stalkcard.safe import hides  # by category, and default-ignorable (round three)

    return not any(hides(ch) for ch in text if ch not in "\n")


# Escape sequences never reach the terminal -------------------------------------------------------

OSC52 = "\x1b]52;c;aGVq\x07"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_terminal_safe_leaves_nothing_hidden(text: str) -> None:
    safe = terminal_safe(text)
    assert no_hidden(safe.replace("\n", "?"))
    if no_hidden(text) and "\n" not in text:
        assert safe == text  # visible text is left as it is


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_echoed_search_is_safe(query: str) -> None:
    result = CliRunner().invoke(app, ["contacts", query])
    assert result.exit_code in (0, 1, 2)
    assert "\x1b" not in result.output
    assert no_hidden(result.output)


@pytest.mark.parametrize(
    "args",
    [
        ["contacts", f"x{OSC52}"],
        ["check", "--answer", f"rol{OSC52}=victim"],
        [a.replace("role=victim", f"role=vic{OSC52}") for a in DANGER],
        ["--card", f"/findes/ikke/{OSC52}.yaml", "show"],
        ["validate", f"/findes/ikke/{OSC52}.yaml"],
        ["log", "-o", f"/findes/ikke/{OSC52}/log.md"],
    ],
    ids=["query", "answer-key", "answer-value", "card-path", "validate-path", "output-path"],
)
def test_echoed_text_carries_no_escape(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code in (1, 2), result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "\\x1b" in result.output


def test_escape_in_a_card_key_is_shown_not_obeyed(tmp_path: Path, runner: CliRunner) -> None:
    for old, new in [
        ("  municipality:", '  "munic\\e]52;c;aGVq\\a":'),  # an unknown field, YAML-escaped
        ("  version: ", '  "\\e]0;titel\\a": x\n  version: '),  # another one
    ]:
        path = card_with(tmp_path, old, new)
        result = runner.invoke(app, ["validate", str(path)])
        assert result.exit_code == 2, result.output
        assert "\x1b" not in result.output
        assert "\\x1b]" in result.output


@posix
def test_escape_in_a_card_reaches_no_real_terminal(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    path = card_with(tmp_path, "  municipality:", '  "munic\\e]52;c;aGVq\\a\\e]0;HACKED\\a":')
    command, *prefix = stalkcard_command()
    child = pexpect.spawn(
        command, [*prefix, "validate", str(path)], encoding="utf-8", timeout=10,
        env={**os.environ, "TERM": "xterm"},
    )  # fmt: skip
    child.expect(pexpect.EOF)
    raw = child.before or ""
    child.close()
    assert child.exitstatus == 2
    assert "\x1b]" not in raw  # no OSC of any kind: clipboard, title, links
    assert "\\x1b]52" in raw


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


# Output paths: every OSError a Danish message ----------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        [*DANGER, "--note", "n" * 300 + ".md"],
        ["contacts", "--vcard", "v" * 300 + ".vcf"],
        ["log", "-o", "l" * 300 + ".md"],
    ],
    ids=["note", "vcard", "log"],
)
def test_name_too_long(tmp_path: Path, args: list[str]) -> None:
    result = run_stalkcard(args, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "navnet er for langt" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_permission_denied_is_danish(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(output.tempfile, "mkstemp", refuse)
    result = runner.invoke(app, ["log", "-o", str(tmp_path / "log.md")])
    assert result.exit_code == 2
    assert "adgang nægtet" in result.output
    assert "Permission denied" not in result.output


# --force never replaces what is not a regular file -----------------------------------------------


@posix
def test_force_does_not_replace_a_device(runner: CliRunner) -> None:
    before = os.stat("/dev/null")
    result = runner.invoke(app, ["log", "-o", "/dev/null", "--force"])
    assert result.exit_code == 2
    assert "ikke en almindelig fil" in result.output
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert os.stat("/dev/null").st_rdev == before.st_rdev


@posix
@pytest.mark.parametrize("kind", ["fifo", "link-to-device", "link-to-file"])
def test_force_does_not_replace_fifos_or_links(
    runner: CliRunner, tmp_path: Path, kind: str
) -> None:
    target = tmp_path / "x.md"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "link-to-device":
        target.symlink_to("/dev/null")
    else:
        (tmp_path / "real.md").write_text("behold", encoding="utf-8")
        target.symlink_to(tmp_path / "real.md")
    result = runner.invoke(app, ["log", "-o", str(target), "--force"])
    assert result.exit_code == 2, result.output
    assert not target.is_file() or target.is_symlink()
    if kind == "link-to-file":
        assert (tmp_path / "real.md").read_text(encoding="utf-8") == "behold"


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


# Invisible characters in the card ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('name: "Sofie Jensen"', 'name: "Sofie\u200bJensen"'),  # zero width space (Cf)
        ('name: "Sofie Jensen"', 'name: "Sofie\u061c Jensen"'),  # Arabic letter mark (Cf)
        ('name: "Sofie Jensen"', 'name: "Sofie\u2060Jensen"'),  # word joiner
        ('name: "Sofie Jensen"', 'name: "Sofie Jen\u00adsen"'),  # soft hyphen
        ('name: "Sofie Jensen"', 'name: "Sofie Jensen\U000e0041"'),  # tag character
        ('name: "Sofie Jensen"', 'name: "Sofie \u3164Jensen"'),  # Hangul filler (a "letter")
        ('name: "Ungeenheden"', 'name: "Unge\u2028enheden"'),  # line separator (Zl)
        ('heading: "MISTANKE"', 'heading: "MISTANKE\\n# Falsk overskrift"'),  # newline
        ('heading: "MISTANKE"', 'heading: "MIST\\tANKE"'),  # tab
    ],
    ids=["zwsp", "alm", "wj", "shy", "tag", "hangul", "ls", "newline", "tab"],
)
def test_invisible_characters_are_refused(
    tmp_path: Path, runner: CliRunner, old: str, new: str
) -> None:
    path = card_with(tmp_path, old, new)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    assert "usynligt tegn eller et linjeskift" in result.output
    assert "U+" in result.output


# Dates -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "words"),
    [("9999-12-31", "i fremtiden"), ("2099-01-01", "i fremtiden"),
     ("1999-01-01", "for tidligt")],
)  # fmt: skip
def test_dates_that_make_no_sense(tmp_path: Path, runner: CliRunner, date: str, words: str) -> None:
    path = card_with(tmp_path, 'contacts_verified: "2026-11-26"', f'contacts_verified: "{date}"')
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    assert words in result.output
    # A date ahead may be the caseworker's clock: show warns (issue 26, class 10).
    result = runner.invoke(app, ["--card", str(path), "show"])
    if words == "i fremtiden":
        assert result.exit_code == 0, result.output
        assert "efter dagens dato" in result.output
    else:
        assert result.exit_code == 2, result.output
        assert words in result.output


def test_staleness_never_crashes() -> None:
    import msgspec

    card = load_card()
    far = msgspec.structs.replace(
        card,
        meta=msgspec.structs.replace(
            card.meta, contacts_verified=__import__("datetime").date(9999, 12, 31)
        ),
    )
    assert stale_since(far, __import__("datetime").date.today()) is False


# Clean JSON --------------------------------------------------------------------------------------


def test_json_stays_json_with_a_note(tmp_path: Path) -> None:
    note = tmp_path / "n.md"
    result = run_stalkcard([*DANGER, "-f", "json", "--note", str(note)])
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["urgent"] is True
    assert "Notatet er gemt" in result.stderr
    assert note.exists()


# File systems without hard links -----------------------------------------------------------------


def _no_links(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(output.os, "link", refuse)


def test_without_links_a_new_file_is_written_privately(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_links(monkeypatch)
    target = output.write_private(tmp_path / "a.md", "indhold")
    assert target.read_text(encoding="utf-8") == "indhold"
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]  # no temporary file left


def test_without_links_an_existing_file_is_never_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_links(monkeypatch)
    (tmp_path / "a.md").write_text("først", encoding="utf-8")
    with pytest.raises(FileExists):
        output.write_private(tmp_path / "a.md", "anden")
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "først"


def test_without_links_two_writers_cannot_both_win(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second writer's check happens after the first has created the file:
    with exists-then-replace it would overwrite; with O_EXCL it cannot."""
    _no_links(monkeypatch)
    real_check = output._check_target

    def late_check(path: Path, force: bool) -> None:
        real_check(path, force)
        if not (tmp_path / "a.md").exists():
            (tmp_path / "a.md").write_text("den anden skribent", encoding="utf-8")

    monkeypatch.setattr(output, "_check_target", late_check)
    with pytest.raises(FileExists):
        output.write_private(tmp_path / "a.md", "min tekst")
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "den anden skribent"


# Signals -----------------------------------------------------------------------------------------


@posix
def test_sigterm_mid_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    """SIGTERM arrives while the note is being written (inside fsync): the
    temporary file holding the whole note is removed, and the exit is 143."""
    code = f"""
import os, signal, sys
sys.argv = ["stalkcard", "log", "-o", {str(tmp_path / "log.md")!r}]
real = os.fsync
def fsync(fd):
    os.kill(os.getpid(), signal.SIGTERM)
    real(fd)
os.fsync = fsync
from stalkcard.cli.main import main
main()
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 128 + 15, result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


@posix
@pytest.mark.parametrize("signame", ["SIGTERM", "SIGHUP"])
def test_signal_during_a_prompt_restores_the_terminal(tmp_path: Path, signame: str) -> None:
    import signal
    import termios

    pexpect = pytest.importorskip("pexpect")
    command, *prefix = stalkcard_command()
    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm"}
    child = pexpect.spawn(command, [*prefix, "check"], env=env, encoding="utf-8", timeout=10)
    child.expect_exact("Hvem drejer mistanken sig om?")
    time.sleep(0.5)
    raw_mode = termios.tcgetattr(child.child_fd)
    assert not raw_mode[3] & termios.ICANON  # the prompt has the terminal in raw mode
    child.kill(getattr(signal, signame))
    child.expect(pexpect.EOF)
    output_seen = child.before or ""
    restored = termios.tcgetattr(child.child_fd)
    child.close()
    assert child.exitstatus == 128 + getattr(signal, signame), output_seen
    assert restored[3] & termios.ICANON and restored[3] & termios.ECHO
    assert "\x1b[?25h" in output_seen  # the cursor is shown again
    assert "Traceback" not in output_seen


# Reading what is not a file ----------------------------------------------------------------------


@posix
@pytest.mark.parametrize("option", ["--card", "--answers"])
def test_fifo_is_refused_not_waited_on(tmp_path: Path, option: str) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    args = (
        ["--card", str(fifo), "show"] if option == "--card" else ["check", "--answers", str(fifo)]
    )
    started = time.monotonic()
    result = run_stalkcard(args)
    assert time.monotonic() - started < 10
    assert result.returncode == 2
    assert "ikke en almindelig fil" in result.stderr


@posix
def test_dev_stdin_as_answers_is_refused() -> None:
    command = stalkcard_command()
    result = subprocess.run(
        [*command, "check", "--answers", "/dev/stdin"], input="role: victim\n",
        capture_output=True, text=True, timeout=30, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert "ikke en almindelig fil" in result.stderr


# Stdout that fails -------------------------------------------------------------------------------


@posix
@pytest.mark.parametrize(
    "args", [["show"], ["contacts"], ["--version"], ["log"], DANGER], ids=lambda a: a[0]
)
def test_full_disk_on_stdout(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [*stalkcard_command(), *args], stdout=full, stderr=subprocess.PIPE, text=True,
            timeout=60, check=False,
        )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert "Kan ikke skrive output" in result.stderr
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr


@posix
@pytest.mark.parametrize("args", [["show"], ["contacts"], ["--version"]], ids=lambda a: a[0])
def test_closed_stdout(args: list[str]) -> None:
    quoted = " ".join(stalkcard_command() + args)
    result = subprocess.run(
        ["sh", "-c", f"{quoted} >&-"], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "udgangen er lukket" in result.stderr


# Paths as people mistype them --------------------------------------------------------------------


def test_note_to_a_name_with_a_slash_writes_nothing(tmp_path: Path) -> None:
    result = run_stalkcard([*DANGER, "--note", "mappe/"], cwd=tmp_path)
    assert result.returncode == 2
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "file.txt").write_text("behold", encoding="utf-8")
    again = run_stalkcard([*DANGER, "--note", "file.txt/", "--force"], cwd=tmp_path)
    assert again.returncode == 2
    assert (tmp_path / "file.txt").read_text(encoding="utf-8") == "behold"


@pytest.mark.parametrize(
    "args",
    [
        ["--card", "", "show"],
        ["validate", ""],
        [*DANGER, "--note", ""],
        ["log", "-o", ""],
        ["contacts", "--vcard", ""],
        ["--card", str(bundled_card_path()) + "/", "show"],
    ],
    ids=["card", "validate", "note", "log", "vcard", "card-slash"],
)
def test_empty_and_folder_names_are_errors_not_a_pass(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert list(tmp_path.iterdir()) == []


def test_dash_is_refused_with_a_hint(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["log", "-o", "-"])
    assert result.exit_code == 2
    assert "Udelad -o" in result.output
    assert not (tmp_path / "-").exists()


def test_output_error_type() -> None:
    assert issubclass(FileExists, OutputError)
