"""The interactive session's note: a typed name that cannot be a file (an unknown
~user, a NUL) gets a Danish message and another try; the note is not lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

# A typed note path that names an unknown ~user gets a message and another try -----------------


@pytest.fixture
def keys():  # type: ignore[no-untyped-def]
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


ENTER, DOWN = "\r", "\x1b[B"


@pytest.mark.parametrize("first", ["~ingen-saadan-bruger-xyz/notat", "~ingen-saadan-bruger-xyz"])
def test_unknown_home_at_the_note_prompt_asks_again(
    keys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, first: str
) -> None:
    from stalkcard.cli import app as cli
    from stalkcard.cli import common

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(common, "on_terminal", lambda: True)
    keys.send_text(ENTER * 9 + DOWN + ENTER + "\x15" + first + ENTER + "b" + ENTER)
    result = CliRunner().invoke(cli.app, ["check"])
    assert result.exit_code == 0, result.output
    assert "Kan ikke finde hjemmemappen" in result.output
    assert "Traceback" not in result.output and result.exception is None
    assert (tmp_path / "b.txt").stat().st_mode & 0o777 == 0o600


def test_unknown_home_after_choosing_another_name(
    keys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other path to a typed name: the file exists, "Vælg et andet navn"."""
    from stalkcard.cli import app as cli
    from stalkcard.cli import common

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(common, "on_terminal", lambda: True)
    (tmp_path / "a.txt").write_text("gammel", encoding="utf-8")
    keys.send_text(
        ENTER * 9 + DOWN + ENTER + "\x15a" + ENTER + ENTER + "~ingen-xyz/n" + ENTER + "c" + ENTER
    )
    result = CliRunner().invoke(cli.app, ["check"])
    assert result.exit_code == 0, result.output
    assert "Kan ikke finde hjemmemappen" in result.output
    assert (tmp_path / "c.txt").exists()
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "gammel"


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
