"""The interactive screening, driven through real questionary prompts with
prompt_toolkit's pipe input (as questionary's own tests do)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.input.base import PipeInput
from prompt_toolkit.output import DummyOutput
from typer.testing import CliRunner

from stalkcard import cli
from stalkcard.card import load_card
from stalkcard.errors import Cancelled
from stalkcard.prompts import run_screening

ENTER, DOWN, UP, SPACE, CTRL_C, CTRL_D = "\r", "\x1b[B", "\x1b[A", " ", "\x03", "\x04"
CARD = load_card()


@pytest.fixture
def keys() -> Iterator[PipeInput]:
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


def _describe(key: str, value: Any) -> str:
    return f"{key}={value}"


def screen(pipe: PipeInput, text: str, events: list[tuple[str, Any]] | None = None) -> Any:
    pipe.send_text(text)
    log = events if events is not None else []
    return run_screening(CARD, lambda e, d: log.append((e, d)), _describe)


def test_enter_everywhere_walks_forward_to_safe_defaults(keys: PipeInput) -> None:
    answers = screen(keys, ENTER * 8)
    assert answers.as_dict() == {
        "role": "unknown",
        "danger": "no",
        "forms": [],
        "unwanted": "unknown",
        "one_sided": "unknown",
        "repeated": "unknown",
        "children": "unknown",
    }


def test_full_run_with_choices(keys: PipeInput) -> None:
    events: list[tuple[str, Any]] = []
    answers = screen(
        keys,
        UP
        + UP
        + ENTER  # role: victim
        + DOWN
        + ENTER  # danger: yes
        + SPACE
        + DOWN
        + DOWN
        + DOWN
        + SPACE
        + ENTER  # forms: messages, digital
        + UP
        + UP
        + ENTER  # unwanted: yes
        + UP
        + ENTER  # one_sided: no
        + UP
        + UP
        + ENTER  # repeated: yes
        + UP
        + ENTER  # children: no
        + ENTER,  # review: see the result
        events,
    )
    assert answers.as_dict() == {
        "role": "victim",
        "danger": "yes",
        "forms": ["messages", "digital"],
        "unwanted": "yes",
        "one_sided": "no",
        "repeated": "yes",
        "children": "no",
    }
    # 112 is shown at once when danger is answered yes, before the next question.
    assert events[0] == ("danger", "yes")
    # Each criterion is asked with the card's own words beside it.
    assert ("criterion", CARD.criterion("one_sided").text) in events


def test_back_goes_to_the_previous_question(keys: PipeInput) -> None:
    answers = screen(
        keys,
        ENTER  # role: unknown
        + DOWN
        + DOWN
        + ENTER  # danger: "Tilbage"
        + UP
        + ENTER  # role again, now perpetrator
        + ENTER * 7,
    )
    assert answers.role == "perpetrator"
    assert answers.danger == "no"


def test_review_changes_an_answer(keys: PipeInput) -> None:
    answers = screen(
        keys,
        ENTER * 7  # defaults
        + DOWN * 4
        + ENTER  # review: change "unwanted"
        + UP
        + UP
        + ENTER  # unwanted: yes
        + ENTER,  # review: see the result
    )
    assert answers.unwanted == "yes"
    assert answers.one_sided == "unknown"


def test_review_back_keeps_the_answer(keys: PipeInput) -> None:
    answers = screen(keys, ENTER * 7 + DOWN + ENTER + DOWN + ENTER + ENTER)
    assert answers.role == "unknown"


@pytest.mark.parametrize("key", [CTRL_C, CTRL_D])
@pytest.mark.parametrize("after", [0, 1, 2, 7])
def test_ctrl_c_and_ctrl_d_cancel(keys: PipeInput, key: str, after: int) -> None:
    with pytest.raises(Cancelled) as info:
        screen(keys, ENTER * after + key)
    assert "Intet er gemt" in info.value.message
    assert info.value.exit_code == 130


# The whole `check` command, prompts included --------------------------------------


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "_terminal", lambda: True)


def test_check_interactive_without_saving(
    keys: PipeInput, terminal: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    keys.send_text(ENTER * 9)
    result = CliRunner().invoke(cli.app, ["check"])
    assert result.exit_code == 0, result.output
    assert "Det er endnu uklart" in result.output
    assert "Nikoline Petersen" in result.output
    assert "Intet notat er gemt" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_check_interactive_saves_a_private_note(
    keys: PipeInput, terminal: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    keys.send_text(ENTER * 8 + DOWN + ENTER + "\x15" + "mit-notat.md" + ENTER)
    result = CliRunner().invoke(cli.app, ["check"])
    assert result.exit_code == 0, result.output
    note = tmp_path / "mit-notat.md"
    assert note.stat().st_mode & 0o777 == 0o600
    assert "Notatet er gemt" in result.output
    assert "CPR" in note.read_text(encoding="utf-8")


def test_check_interactive_refuses_overwrite_and_asks_again(
    keys: PipeInput, terminal: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("gammel", encoding="utf-8")
    keys.send_text(ENTER * 8 + DOWN + ENTER + "\x15a.md" + ENTER + "b.md" + ENTER)
    result = CliRunner().invoke(cli.app, ["check"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "gammel"
    assert "Filen findes allerede" in result.output
    assert (tmp_path / "b.md").exists()


def test_check_interactive_ctrl_c(keys: PipeInput, terminal: None) -> None:
    keys.send_text(ENTER + CTRL_C)
    result = CliRunner().invoke(cli.app, ["check"])
    assert result.exit_code == 130
    assert "Screeningen blev afbrudt. Intet er gemt." in result.output
    assert "Traceback" not in result.output


def test_check_interactive_json(keys: PipeInput, terminal: None) -> None:
    keys.send_text(ENTER * 9)
    result = CliRunner().invoke(cli.app, ["check", "--format", "json"])
    assert result.exit_code == 0, result.output
    start = result.output.index("{")
    data = json.loads(result.output[start : result.output.rindex("}") + 1])
    assert data["assessment"] == "criteria_unclear"


def test_bare_command_menu_opens_contacts(keys: PipeInput, terminal: None) -> None:
    keys.send_text(DOWN + ENTER)
    result = CliRunner().invoke(cli.app, [])
    assert result.exit_code == 0, result.output
    assert "Sydøstjyllands Politi" in result.output


def test_bare_command_menu_quit(keys: PipeInput, terminal: None) -> None:
    keys.send_text(UP + ENTER)
    result = CliRunner().invoke(cli.app, [])
    assert result.exit_code == 0, result.output
    assert "Nikoline" not in result.output


def test_bare_command_menu_ctrl_c(keys: PipeInput, terminal: None) -> None:
    keys.send_text(CTRL_C)
    result = CliRunner().invoke(cli.app, [])
    assert result.exit_code == 130
    assert "Afbrudt. Intet er gemt." in result.output
