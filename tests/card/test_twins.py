"""The compiled twin of a card: read like any file, trusted only for what its
hashes guard, written by compile where the tool reads the cards."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import deadline, posix
from typer.testing import CliRunner

from stalkcard.cli.app import app


@posix
def test_hand_edited_twin_shows_the_yamls_number(bundled_copy: Path, runner: CliRunner) -> None:
    from stalkcard.card.reading import twin_path

    twin = twin_path(bundled_copy)
    twin.write_text(
        twin.read_text(encoding="utf-8").replace('"2517 7374"', '"9999 9999"'), encoding="utf-8"
    )
    result = runner.invoke(app, ["contacts", "--json"])
    assert result.exit_code == 0, result.output
    assert "2517 7374" in result.output and "9999 9999" not in result.output


@posix
@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "huge"])
def test_a_twin_that_is_no_small_file_is_not_read(bundled_copy: Path, kind: str) -> None:
    from stalkcard.card.reading import load_card, twin_path

    twin = twin_path(bundled_copy)
    twin.unlink()
    if kind == "fifo":
        os.mkfifo(twin)
    elif kind == "dev-zero":
        twin.symlink_to("/dev/zero")
    else:
        twin.write_bytes(b" " * (2 * 1024 * 1024))
    with deadline(5):  # a FIFO would wait for a writer, /dev/zero read until memory ran out
        card = load_card()
    assert card.contact_list[2].phone == "8794 7983"  # from the YAML


def test_compile_works_on_the_cards_the_tool_reads(
    bundled_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Installed, the cards are inside the package, not in ../content: compile
    must find them where the tool does (it used to find none and exit 0)."""
    from stalkcard.card import compile as compile_module
    from stalkcard.card.reading import twin_path

    monkeypatch.setattr(compile_module, "bundled_card_path", lambda: bundled_copy)
    twin_path(bundled_copy).unlink()
    assert compile_module.main() == 0
    assert twin_path(bundled_copy).is_file()
    assert f"Skrevet: {twin_path(bundled_copy)}" in capsys.readouterr().out


def test_compile_without_cards_fails_in_danish(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from stalkcard.card.compile import main

    assert main(tmp_path) == 2
    assert "Der er ingen kortfiler" in capsys.readouterr().err


@posix
@pytest.mark.parametrize("kind", ["symlink", "fifo", "read-only", "read-only-folder"])
def test_compile_refuses_odd_twins_in_danish(
    bundled_copy: Path,
    kind: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import errno

    from stalkcard import output
    from stalkcard.card import compile as compile_module
    from stalkcard.card.compile import main
    from stalkcard.card.reading import twin_path

    if os.geteuid() == 0 and kind.startswith("read-only"):
        # root writes read-only files: the system is made to say no instead
        monkeypatch.setattr(compile_module.os, "access", lambda *a, **k: False)

        def read_only(*args: object, **kwargs: object) -> None:
            raise OSError(errno.EROFS, "Read-only file system")

        if kind == "read-only-folder":
            monkeypatch.setattr(output.tempfile, "mkstemp", read_only)

    folder = bundled_copy.parent
    twin = twin_path(bundled_copy)
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text("uberørt", encoding="utf-8")
    twin.unlink()
    if kind == "symlink":
        twin.symlink_to(elsewhere)
    elif kind == "fifo":
        os.mkfifo(twin)
    elif kind == "read-only":
        twin.write_text("{}", encoding="utf-8")
        twin.chmod(0o444)
    else:
        folder.chmod(0o555)
    try:
        with deadline(5):
            code = main(folder)
    finally:
        folder.chmod(0o755)
    err = capsys.readouterr().err
    assert code == 2
    assert "Traceback" not in err and err.strip()
    assert elsewhere.read_text(encoding="utf-8") == "uberørt"
