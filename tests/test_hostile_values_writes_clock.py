"""Hostile input, round four (issue 26), classes 4, 7, 8, 10 and 11: the Python
side. Each class has tests that failed on the code before it was fixed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import card_with, clock_at, deadline, run_stalkcard
from typer.testing import CliRunner

from stalkcard.card.reading import bundled_card_path
from stalkcard.cli.app import app

CARD_TEXT = bundled_card_path().read_text(encoding="utf-8")
VERIFIED = 'contacts_verified: "2026-11-26"'
CHECK = [
    "check",
    *("--answer", "role=victim", "--answer", "danger=yes", "--answer", "unwanted=yes"),
    *("--answer", "one_sided=yes", "--answer", "repeated=yes"),
]
posix = pytest.mark.skipif(os.name != "posix", reason="POSIX files and processes")


# 4. A YAML value whose construction raises ValueError -------------------------------------------

BAD_VALUES = {
    "30 February": "2026-02-30",
    "month 13": "2026-13-01",
    "5,000 digits": "9" * 5000,
}


@pytest.mark.parametrize("value", list(BAD_VALUES.values()), ids=list(BAD_VALUES))
@pytest.mark.parametrize(
    "how",
    [
        ["validate", "{}"],
        ["--card", "{}", "show"],
        ["--card", "{}", "contacts"],
        ["--card", "{}", *CHECK],
    ],
    ids=["validate", "show", "contacts", "check"],
)
def test_a_value_yaml_cannot_build_is_a_bad_card(
    tmp_path: Path, runner: CliRunner, value: str, how: list[str]
) -> None:
    path = card_with(tmp_path, VERIFIED, f"contacts_verified: {value}")
    line = CARD_TEXT[: CARD_TEXT.index(VERIFIED)].count("\n") + 1
    result = runner.invoke(app, [a.format(path) for a in how])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"linje {line}:" in result.output
    assert "kan ikke læses" in result.output or "findes ikke i kalenderen" in result.output


@pytest.mark.parametrize("value", list(BAD_VALUES.values()), ids=list(BAD_VALUES))
def test_a_value_yaml_cannot_build_in_the_answers_file(
    tmp_path: Path, runner: CliRunner, value: str
) -> None:
    answers = tmp_path / "svar.yaml"
    answers.write_text(f"role: victim\ndanger: {value}\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "--answers", str(answers)])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "svar.yaml, linje 2:" in result.output


def test_a_value_yaml_cannot_build_in_a_real_process_in_english(tmp_path: Path) -> None:
    path = card_with(tmp_path, VERIFIED, "contacts_verified: 2026-02-30")
    result = run_stalkcard(["--lang", "en", "validate", str(path)])
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "is not in the calendar" in result.stderr


# 7. A short write to stdout is continued, and a failing one is an error, not exit 0 --------------


def _limited(limit_kib: int, args: str, unbuffered: str, cwd: Path) -> tuple[int, str, bytes]:
    """Run `stalkcard ARGS > out` under `ulimit -f` (a file size limit: the
    write that crosses it is short, the next one fails with EFBIG)."""
    import shlex
    import subprocess

    from helpers import stalkcard_command

    command = " ".join(shlex.quote(part) for part in stalkcard_command())
    env = {k: v for k, v in os.environ.items() if k not in ("STALKCARD_CARD", "STALKCARD_LANG")}
    env.update(COLUMNS="100", PYTHONUNBUFFERED=unbuffered)
    done = subprocess.run(
        ["bash", "-c", f"ulimit -f {limit_kib}; exec {command} {args} > out"],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=60,
        check=False,
    )
    return done.returncode, done.stderr, (cwd / "out").read_bytes()


@posix
@pytest.mark.parametrize("unbuffered", ["1", ""], ids=["unbuffered", "buffered"])
@pytest.mark.parametrize(("args", "limit"), [("html", 20), ("show --format markdown", 1)])
def test_a_write_that_does_not_fit_is_an_error(
    tmp_path: Path, unbuffered: str, args: str, limit: int
) -> None:
    whole = run_stalkcard(args.split()).stdout.encode("utf-8")
    assert len(whole) > limit * 1024
    code, stderr, written = _limited(limit, args, unbuffered, tmp_path)
    assert code == 2, stderr  # never 0 with a partial file
    assert "Traceback" not in stderr
    assert "Kan ikke skrive output: filen er større, end systemet tillader" in stderr
    assert whole.startswith(written)


@posix
@pytest.mark.parametrize("unbuffered", ["1", ""], ids=["unbuffered", "buffered"])
def test_a_write_that_fits_is_whole(tmp_path: Path, unbuffered: str) -> None:
    whole = run_stalkcard(["html"]).stdout.encode("utf-8")
    code, stderr, written = _limited(1024, "html", unbuffered, tmp_path)
    assert code == 0, stderr
    assert written == whole


def test_short_writes_are_continued(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A descriptor that takes half of each write (a pipe or a file that accepts
    partial writes) still gets every byte, and a write of nothing is an error."""
    from stalkcard.cli import shell

    real = os.write
    calls = []

    def half(fd: int, data: bytes | memoryview) -> int:
        chunk = bytes(data)[: max(1, len(data) // 2)]
        calls.append(len(chunk))
        return real(fd, chunk)

    target = tmp_path / "out"
    fd = os.open(target, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        monkeypatch.setattr(shell.os, "write", half)
        assert shell._WholeWrites(fd).write(b"0123456789" * 100) == 1000
        monkeypatch.setattr(shell.os, "write", lambda fd, data: 0)
        with deadline(5), pytest.raises(OSError):
            shell._WholeWrites(fd).write(b"x")
    finally:
        monkeypatch.undo()
        os.close(fd)
    assert target.read_bytes() == b"0123456789" * 100
    assert len(calls) > 5


# 8. A file name the operating system cannot take ------------------------------------------------


@pytest.fixture
def keys():  # type: ignore[no-untyped-def]
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


ENTER, DOWN = "\r", "\x1b[B"


def test_a_nul_in_the_note_name_asks_again(
    keys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stalkcard.cli import app as cli
    from stalkcard.cli import common

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(common, "on_terminal", lambda: True)
    keys.send_text(ENTER * 9 + DOWN + ENTER + "\x15\x1b[200~a\x00b\x1b[201~" + ENTER + "c" + ENTER)
    result = CliRunner().invoke(cli.app, ["check"])
    assert result.exit_code == 0, result.output
    assert result.exception is None
    assert "Filnavnet indeholder et nul-tegn (NUL)" in result.output
    assert "Notatet er gemt" in result.output
    assert (tmp_path / "c.txt").exists()  # the screening's note is not lost


@pytest.mark.parametrize("name", ["a\x00b.md", "notat-\ud800.md"], ids=["NUL", "surrogate"])
@pytest.mark.parametrize(
    "args",
    [[*CHECK, "--note"], ["log", "-o"], ["html", "-o"], ["contacts", "--vcard"]],
    ids=["check --note", "log -o", "html -o", "contacts --vcard"],
)
def test_a_name_no_file_can_have_is_refused_in_danish(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch, name: str, args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, [*args, name])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Filnavnet indeholder" in result.output
    assert list(tmp_path.iterdir()) == []


# 10. A clock far off is a warning for the caseworker, a refusal only in validate ----------------

CASEWORKER = {
    "contacts 112": ["contacts", "112"],
    "show": ["show", "stalking"],
    "check": [*CHECK, "--note", "notat.md", "--note-format", "markdown"],
    "log": ["log"],
    "html": ["html"],
}


@posix
@pytest.mark.parametrize("name", list(CASEWORKER))
def test_a_clock_a_year_behind_warns_the_caseworker(tmp_path: Path, name: str) -> None:
    result = run_stalkcard(CASEWORKER[name], clock_at("2025-06-01 10:00:00"), tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "efter dagens dato (2025-06-01)" in result.stderr
    assert "Computerens ur går sikkert forkert" in result.stderr
    assert "Skriv datoen" not in result.stderr  # no caseworker is sent to edit the card
    assert result.stdout


@posix
def test_a_clock_a_year_behind_is_refused_by_validate(tmp_path: Path) -> None:
    result = run_stalkcard(["validate"], clock_at("2025-06-01 10:00:00"), tmp_path)
    assert result.returncode == 2, result.stderr
    assert "mere end et år i fremtiden" in result.stderr


@posix
@pytest.mark.parametrize("name", [*CASEWORKER, "validate"])
def test_a_clock_after_2262_is_a_warning(tmp_path: Path, name: str) -> None:
    args = CASEWORKER.get(name, ["validate"])
    result = run_stalkcard(args, clock_at("2300-01-01 10:00:00"), tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "OverflowError" not in result.stderr
    assert "computerens ur kan ikke læses" in result.stderr
    assert result.stderr.count("computerens ur kan ikke læses") == 1
    if name == "check":
        note = (tmp_path / "notat.md").read_text(encoding="utf-8")
        assert "Dato: ukendt (computerens ur kan ikke læses)" in note
        assert "Uden for kontortid" not in result.stdout
        assert "kontortiden er antaget" not in result.stdout


def test_a_card_far_ahead_is_used_with_a_warning(tmp_path: Path, runner: CliRunner) -> None:
    """The same in process: a card more than a year ahead of today."""
    from datetime import date, timedelta

    ahead = (date.today() + timedelta(days=400)).isoformat()
    path = card_with(tmp_path, VERIFIED, f'contacts_verified: "{ahead}"')
    for args in (["--card", str(path), "contacts", "112"], ["--card", str(path), *CHECK]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert "Computerens ur går sikkert forkert" in result.output
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    assert "mere end et år i fremtiden" in result.output


def test_clock_functions_never_raise(monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as real

    from stalkcard import clock

    class Broken(real.datetime):
        @classmethod
        def now(cls, tz: real.tzinfo | None = None) -> Broken:
            raise OverflowError("timestamp too large to convert to C _PyTime_t")

    class BrokenDate(real.date):
        @classmethod
        def today(cls) -> BrokenDate:
            raise OverflowError("timestamp too large to convert to C _PyTime_t")

    monkeypatch.setattr(clock, "datetime", Broken)
    monkeypatch.setattr(clock, "date", BrokenDate)
    assert clock.today() is None
    assert clock.local_now() is None
    assert clock.now() is None
    assert "kan ikke læses" in clock.no_time_reason()


def test_without_a_zone_database_who_answers_now_is_not_claimed(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    import zoneinfo

    def missing(key: str) -> zoneinfo.ZoneInfo:
        raise zoneinfo.ZoneInfoNotFoundError(f"No time zone found with key {key}")

    monkeypatch.setattr(zoneinfo, "ZoneInfo", missing)
    result = runner.invoke(app, CHECK)
    assert result.exit_code == 0, result.output
    assert "computeren kender ikke dansk tid" in result.output
    assert "Uden for kontortid nu" not in result.output
    assert "kontortiden er antaget" not in result.output


# 11. The smaller ones ---------------------------------------------------------------------------


def _html(markdown: str) -> str:
    from markdown_it import MarkdownIt  # Rich's own dependency: CommonMark

    return MarkdownIt("commonmark").enable("strikethrough").render(markdown)


@pytest.mark.parametrize(
    ("text", "rendered"),
    [
        ("~~~ ikke kode", "<p>~~~ ikke kode</p>"),
        ("    ikke kode", "<p>ikke kode</p>"),
        ("\tikke kode", "<p>ikke kode</p>"),
        ("``` ikke kode", "<p>``` ikke kode</p>"),
        ("~~ikke streget~~", "<p>~~ikke streget~~</p>"),
    ],
)
def test_md_never_opens_a_code_block(text: str, rendered: str) -> None:
    from stalkcard.views.markdown import md

    assert _html(md(text)).strip() == rendered
    assert _html(f"- {md(text)}").strip() == f"<ul>\n<li>{rendered[3:-4]}</li>\n</ul>"


@pytest.mark.parametrize("start", ["~~~ ", "    ", "```"])
def test_the_note_stays_paragraphs(tmp_path: Path, runner: CliRunner, start: str) -> None:
    first = "Hvis du har mistanke om, at en borger udøver stalking"
    then = "Du skal søge intern sparring ved en af"
    path = card_with(tmp_path, f'"{first}', f'"{start}{first}')
    path.write_text(
        path.read_text(encoding="utf-8").replace(f'"{then}', f'"{start}{then}', 1),
        encoding="utf-8",
    )
    note = tmp_path / "notat.md"
    result = runner.invoke(
        app, ["--card", str(path), *CHECK, "--note", str(note), "--note-format", "markdown"]
    )
    assert result.exit_code == 0, result.output
    html = _html(note.read_text(encoding="utf-8"))
    assert "<pre>" not in html and "<code>" not in html
    assert "<h2>Det skal du gøre nu</h2>" in html  # what follows is still the note


def _danger_choices(yes: str, no: str, unknown: str = "Ved ikke") -> str:
    return (
        "    danger: true\n    choices:\n"
        f'      - id: "yes"\n        label: "{yes}"\n'
        f'      - id: "no"\n        label: "{no}"\n'
        f'      - id: unknown\n        label: "{unknown}"\n'
    )


@pytest.mark.parametrize(
    ("yes", "no", "unknown", "wrong"),
    [
        ("Nej", "Ja", "Ved ikke", "Nej"),
        ("Ja", "Ved ikke", "Nej", "Ved ikke"),
        ("Yes", "No", "Yes, maybe", "Yes, maybe"),
    ],
)
def test_swapped_danger_labels_are_refused(
    tmp_path: Path, runner: CliRunner, yes: str, no: str, unknown: str, wrong: str
) -> None:
    path = card_with(tmp_path, "    danger: true\n", _danger_choices(yes, no, unknown))
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    assert 'spørgsmålet "danger" (Er nogen i akut fare lige nu?)' in result.output
    assert f'har teksten "{wrong}"' in result.output


def test_danger_labels_that_say_what_they_mean_are_accepted(
    tmp_path: Path, runner: CliRunner
) -> None:
    choices = _danger_choices("Ja, lige nu", "Nej, ingen er i fare", "Det ved jeg ikke")
    path = card_with(tmp_path, "    danger: true\n", choices)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.output


def test_copy_card_checks_both_files_before_writing(tmp_path: Path, runner: CliRunner) -> None:
    folder = tmp_path / "kort"
    folder.mkdir()
    (folder / "actioncard.en.yaml").write_text("min engelske udgave", encoding="utf-8")
    result = runner.invoke(app, ["copy-card", str(folder)])
    assert result.exit_code == 2, result.output
    assert "Filen findes allerede" in result.output
    assert "actioncard.en.yaml" in result.output
    assert sorted(p.name for p in folder.iterdir()) == ["actioncard.en.yaml"]  # nothing half-done
    assert (folder / "actioncard.en.yaml").read_text(encoding="utf-8") == "min engelske udgave"
    result = runner.invoke(app, ["copy-card", str(folder), "--force"])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in folder.iterdir())  # issue 24: and the schema
    assert names == ["actioncard.en.yaml", "actioncard.yaml", "card.schema.json"]


def test_copy_card_onto_a_file_says_it_must_be_a_folder(tmp_path: Path, runner: CliRunner) -> None:
    target = tmp_path / "kort.txt"
    target.write_text("noget andet", encoding="utf-8")
    for args in (["copy-card", str(target)], ["copy-card", str(target), "--force"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "er en fil, ikke en mappe" in result.output
        assert target.read_text(encoding="utf-8") == "noget andet"


@posix
def test_copy_card_onto_a_file_in_a_real_process(tmp_path: Path) -> None:
    target = tmp_path / "kort.txt"
    target.write_text("noget andet", encoding="utf-8")
    result = run_stalkcard(["copy-card", str(target)])
    assert result.returncode == 2, result.stderr
    assert "er en fil, ikke en mappe" in result.stderr
    assert "Kan ikke skrive output" not in result.stderr


def test_copy_card_undoes_a_new_copy_when_the_second_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stalkcard import output
    from stalkcard.cli.keeper_files import copy_card
    from stalkcard.errors import OutputError

    real = output.write_private

    def second_fails(path: Path | str, data: str | bytes, **kwargs: object) -> Path:
        if str(path).endswith(".en.yaml"):
            raise OutputError("fuld disk")
        return real(path, data, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(output, "write_private", second_fails)
    with pytest.raises(OutputError):
        copy_card(tmp_path / "kort")
    assert list((tmp_path / "kort").iterdir()) == []


@pytest.mark.parametrize("typed", ["25:00", '"25:00"', "24:30", "-1:00", "99:99"])
def test_an_impossible_time_is_never_the_example(
    tmp_path: Path, runner: CliRunner, typed: str
) -> None:
    path = card_with(tmp_path, '    opens: "08:00"', f"    opens: {typed}")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    assert 'klokkeslæt fra "00:00" til "24:00" i anførselstegn, fx "15:00"' in result.output
    assert "25:00" not in result.output.replace(typed, "")


def test_a_real_time_without_quotes_is_the_example(tmp_path: Path, runner: CliRunner) -> None:
    path = card_with(tmp_path, '    opens: "08:00"', "    opens: 9:30")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    assert 'skal være et klokkeslæt i anførselstegn, fx "09:30"' in result.output
