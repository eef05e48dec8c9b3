"""Writing the files the tool makes (stalkcard/output.py): notes, logs and vCards
private, the page public as the umask says, --force never replacing what is not
a regular file, and every name a file cannot have refused in Danish."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import DANGER, posix, run_stalkcard
from helpers import DANGER as CHECK
from typer.testing import CliRunner

from stalkcard import output
from stalkcard.card.reading import bundled_card_path
from stalkcard.cli.app import app
from stalkcard.errors import FileExists, OutputError

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


def test_note_path_raises_a_danish_error_for_an_unknown_user() -> None:
    from stalkcard.errors import OutputError
    from stalkcard.output import note_path

    with pytest.raises(OutputError, match="hjemmemappen"):
        note_path("~ingen-saadan-bruger-xyz/x")


# The page is written public (the umask decides); notes stay private -------------------------


@contextlib.contextmanager
def umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


@posix
@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_the_page_gets_the_umasks_mode(
    tmp_path: Path, runner: CliRunner, mask: int, mode: int
) -> None:
    page = tmp_path / "kort.html"
    with umask(mask):
        result = runner.invoke(app, ["html", "-o", str(page)])
    assert result.exit_code == 0, result.output
    assert page.stat().st_mode & 0o777 == mode


@posix
def test_force_keeps_a_published_page_public(tmp_path: Path, runner: CliRunner) -> None:
    page = tmp_path / "kort.html"
    page.write_text("gammel", encoding="utf-8")
    page.chmod(0o644)
    with umask(0o022):
        result = runner.invoke(app, ["html", "-o", str(page), "--force"])
    assert result.exit_code == 0, result.output
    assert page.stat().st_mode & 0o777 == 0o644
    assert "<html" in page.read_text(encoding="utf-8")


@posix
def test_without_hard_links_the_page_is_public_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from stalkcard import output

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(output.os, "link", refuse)
    with umask(0o022):
        page = output.write_private(tmp_path / "a.html", "x", mode=output.PUBLIC)
        note = output.write_private(tmp_path / "a.md", "x")
    assert page.stat().st_mode & 0o777 == 0o644
    assert note.stat().st_mode & 0o777 == 0o600


@posix
@pytest.mark.parametrize("args", [["check", "--note"], ["log", "-o"], ["contacts", "--vcard"]])
def test_notes_logs_and_vcards_stay_private(
    tmp_path: Path, runner: CliRunner, args: list[str]
) -> None:
    target = tmp_path / "fil"
    extra = CHECK[1:] if args[0] == "check" else []
    with umask(0o022):
        result = runner.invoke(app, [*args, str(target), *extra])
    assert result.exit_code == 0, result.output
    assert target.stat().st_mode & 0o777 == 0o600


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
