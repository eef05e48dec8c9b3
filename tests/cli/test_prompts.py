"""The interactive screening, driven through real questionary prompts with
prompt_toolkit's pipe input (as questionary's own tests do)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import normalise
from prompt_toolkit.application import create_app_session
from prompt_toolkit.formatted_text import to_formatted_text
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.input.base import PipeInput
from prompt_toolkit.output import DummyOutput
from typer.testing import CliRunner

from stalkcard.card.reading import load_card
from stalkcard.cli import app as cli
from stalkcard.cli import common, prompts
from stalkcard.cli.prompts import run_screening
from stalkcard.engine.answers import normalise_unit
from stalkcard.engine.plan import compile_plan
from stalkcard.errors import Cancelled
from stalkcard.output import note_path

ENTER, DOWN, UP, SPACE, CTRL_C, CTRL_D = "\r", "\x1b[B", "\x1b[A", " ", "\x03", "\x04"
CARD = load_card()
PLAN = compile_plan(CARD)


@pytest.fixture
def keys() -> Iterator[PipeInput]:
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


def _describe(key: str, value: Any) -> str:
    return f"{key}={value}"


def screen(pipe: PipeInput, text: str, events: list[tuple[str, Any]] | None = None) -> Any:
    pipe.send_text(text)
    log = events if events is not None else []
    return run_screening(PLAN, lambda e, d: log.append((e, d)), _describe)


def test_enter_everywhere_walks_forward_to_safe_defaults(keys: PipeInput) -> None:
    events: list[tuple[str, Any]] = []
    answers = screen(keys, ENTER * 9, events)  # 8 questions (the unit last) and the review
    # No answer to danger is assumed: Enter records "Ved ikke", never "Nej", and
    # "Ved ikke" is possible danger, so the 112 advice is shown at once.
    assert ("danger", "unknown") in events
    assert answers.as_dict() == {
        "role": "unknown",
        "danger": "unknown",
        "forms": [],
        "unwanted": "unknown",
        "one_sided": "unknown",
        "repeated": "unknown",
        "children": "unknown",
        "unit": "other",
    }


def test_full_run_with_choices(keys: PipeInput) -> None:
    events: list[tuple[str, Any]] = []
    answers = screen(
        keys,
        UP
        + UP
        + ENTER  # role: victim
        + UP
        + UP
        + ENTER  # danger: yes (the pointer starts on "Ved ikke")
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
        + UP * 3
        + ENTER  # unit: from "other" up to Ungeenheden
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
        "unit": "ungeenheden",
    }
    # 112 is shown at once when danger is answered yes, before the next question.
    assert events[0] == ("danger", "yes")
    # Each criterion is asked with the card's own words beside it.
    assert ("context", CARD.criterion("one_sided").text) in events


def test_back_goes_to_the_previous_question(keys: PipeInput) -> None:
    answers = screen(
        keys,
        ENTER  # role: unknown
        + DOWN
        + ENTER  # danger: "Tilbage", right below "Ved ikke"
        + UP
        + ENTER  # role again, now perpetrator
        + ENTER * 8,
    )
    assert answers["role"] == "perpetrator"
    assert answers["danger"] == "unknown"


def test_review_changes_an_answer(keys: PipeInput) -> None:
    answers = screen(
        keys,
        ENTER * 8  # defaults
        + DOWN * 4
        + ENTER  # review: change "unwanted"
        + UP
        + UP
        + ENTER  # unwanted: yes
        + ENTER,  # review: see the result
    )
    assert answers["unwanted"] == "yes"
    assert answers["one_sided"] == "unknown"


def test_review_edit_has_no_back_and_enter_keeps_the_answer(keys: PipeInput) -> None:
    # Review: "Ret: role" -> Enter keeps "unknown" -> review again -> result.
    answers = screen(keys, ENTER * 8 + DOWN + ENTER + ENTER + ENTER)
    assert answers["role"] == "unknown"
    # With no "Tilbage" among the three roles, DOWN from the last wraps to the first.
    answers = screen(keys, ENTER * 8 + DOWN + ENTER + DOWN + ENTER + ENTER)
    assert answers["role"] == "victim"


def test_back_from_the_forms_question_keeps_what_was_marked(keys: PipeInput) -> None:
    events: list[tuple[str, Any]] = []
    answers = screen(
        keys,
        ENTER  # role: unknown
        + ENTER  # danger: unknown
        + SPACE  # forms: mark messages
        + UP  # to "Tilbage til forrige spørgsmål", the last choice
        + SPACE
        + ENTER  # back to danger
        + UP
        + UP
        + ENTER  # danger: yes this time
        + ENTER  # forms again: messages is still marked
        + ENTER * 6,
        events,
    )
    assert answers["danger"] == "yes"
    assert answers["forms"] == ("messages",)
    # The card's examples were shown once, not again on the way back.
    assert [e for e, _d in events].count("details") == 1


def test_a_step_back_does_not_repeat_the_cards_sentence(keys: PipeInput) -> None:
    events: list[tuple[str, Any]] = []
    screen(keys, ENTER * 3 + ENTER + DOWN * 3 + ENTER + ENTER * 7, events)  # back from one_sided
    sentences = [d for e, d in events if e == "context"]
    assert sentences.count(CARD.criterion("unwanted").text) == 1
    assert sentences.count(CARD.criterion("one_sided").text) == 1


def test_a_known_unit_is_not_asked(keys: PipeInput) -> None:
    keys.send_text(ENTER * 8)  # 7 questions and the review
    # The caller (check) hands over the unit as normalise_unit gives it: a unit id,
    # also when STALKCARD_UNIT names a person of that unit.
    unit = normalise_unit("anne_bennike_hansen", PLAN)
    assert unit == "boern_og_unge"
    answers = run_screening(PLAN, lambda e, d: None, _describe, unit)
    assert answers["unit"] == "boern_og_unge"
    assert answers["children"] == "unknown"


def test_progress_and_hints_are_danish() -> None:
    assert prompts._hint(prompts.SELECT_HINT, (3, 8)) == (
        "(Spørgsmål 3 af 8; piletasterne flytter, Enter vælger)"
    )
    assert prompts._hint(prompts.CHECKBOX_HINT, None).startswith("(mellemrum markerer")


@pytest.mark.parametrize(
    ("english", "danish"), [("done", "ingen markeret"), ("done (2 selections)", "2 markeret")]
)
def test_checkbox_summary_in_danish(english: str, danish: str) -> None:
    message = [("class:question", " Hvilke former? "), ("class:answer", english)]
    assert prompts._translating(lambda: message)()[-1] == ("class:answer", danish)


def test_checkbox_summary_is_rewritten_in_the_real_prompt(keys: PipeInput) -> None:
    import questionary

    question = prompts._danish_summary(questionary.checkbox("Hvilke?", choices=["a", "b", "c"]))
    keys.send_text(SPACE + DOWN + SPACE + ENTER)
    assert question.unsafe_ask() == ["a", "b"]
    drawn = []
    for window in question.application.layout.find_all_windows():
        session = getattr(getattr(window.get_line_prefix, "func", None), "__self__", None)
        if session is not None:
            drawn += [text for _style, text, *_ in to_formatted_text(session.message)]
    assert "2 markeret" in drawn
    assert not any("selections" in text for text in drawn)


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
    monkeypatch.setattr(common, "on_terminal", lambda: True)


def test_check_interactive_without_saving(
    keys: PipeInput, terminal: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    keys.send_text(ENTER * 10)
    result = CliRunner().invoke(cli.app, ["check"])
    assert result.exit_code == 0, result.output
    assert "et eller flere af kortets kendetegn endnu uklare" in normalise(result.output)
    assert "Nikoline Petersen" in result.output
    assert "Intet notat er gemt" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_check_interactive_saves_a_private_note(
    keys: PipeInput, terminal: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    keys.send_text(ENTER * 9 + DOWN + ENTER + "\x15" + "mit-notat" + ENTER)
    result = CliRunner().invoke(cli.app, ["check"])
    assert result.exit_code == 0, result.output
    note = tmp_path / "mit-notat.txt"
    assert note.stat().st_mode & 0o777 == 0o600
    assert "Notatet er gemt" in result.output
    assert str(note) in result.output  # the whole path, not just the name
    assert "CPR" in note.read_text(encoding="utf-8")


def test_check_interactive_refuses_overwrite_and_asks_again(
    keys: PipeInput, terminal: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("gammel", encoding="utf-8")
    keys.send_text(ENTER * 9 + DOWN + ENTER + "\x15a.md" + ENTER + ENTER + "b" + ENTER)
    result = CliRunner().invoke(cli.app, ["check"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "gammel"
    assert "--force" not in result.output  # means nothing at a prompt
    assert (tmp_path / "b.txt").exists()


def test_check_interactive_replaces_when_asked(
    keys: PipeInput, terminal: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("gammel", encoding="utf-8")
    keys.send_text(ENTER * 9 + DOWN + ENTER + "\x15a.md" + ENTER + DOWN + ENTER)
    result = CliRunner().invoke(cli.app, ["check"])
    assert result.exit_code == 0, result.output
    assert "NOTAT: SCREENING FOR STALKING" in (tmp_path / "a.md").read_text(encoding="utf-8")
    assert (tmp_path / "a.md").stat().st_mode & 0o777 == 0o600


def test_default_note_name_has_the_time(
    keys: PipeInput, terminal: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    keys.send_text(ENTER * 9 + DOWN + ENTER + ENTER)
    result = CliRunner().invoke(cli.app, ["check"])
    assert result.exit_code == 0, result.output
    (note,) = tmp_path.iterdir()
    assert re.fullmatch(r"stalking-notat-\d{4}-\d\d-\d\d-\d{4}\.txt", note.name)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("notat", "notat.md"), ("notat.txt", "notat.txt"), ("  a b  ", "a b.md")],
)
def test_note_path(typed: str, expected: str) -> None:
    assert note_path(typed) == Path(expected)


def test_note_path_expands_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("USERPROFILE", str(tmp_path))
    assert note_path("~/notater/x") == tmp_path / "notater" / "x.md"


def test_check_interactive_ctrl_c(keys: PipeInput, terminal: None) -> None:
    keys.send_text(ENTER + CTRL_C)
    result = CliRunner().invoke(cli.app, ["check"])
    assert result.exit_code == 130
    assert "Screeningen blev afbrudt. Intet er gemt." in result.output
    assert "Traceback" not in result.output


def test_check_interactive_json(keys: PipeInput, terminal: None) -> None:
    keys.send_text(ENTER * 10)
    result = CliRunner().invoke(cli.app, ["check", "--format", "json"])
    assert result.exit_code == 0, result.output
    start = result.output.index("{")
    data = json.loads(result.output[start : result.output.rindex("}") + 1])
    assert data["assessment"] == "criteria_unclear"


def test_bare_command_menu_returns_after_each_action(keys: PipeInput, terminal: None) -> None:
    keys.send_text(DOWN + ENTER + DOWN * 2 + ENTER + UP + ENTER)  # contacts, show, Afslut
    result = CliRunner().invoke(cli.app, [])
    assert result.exit_code == 0, result.output
    assert "Sydøstjyllands Politi" in result.output
    assert "VIDERE HANDLING" in result.output


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


def test_check_uses_stalkcard_unit_and_does_not_ask(
    keys: PipeInput, terminal: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("STALKCARD_UNIT", "ssp")
    keys.send_text(ENTER * 9)  # 7 questions, the review, no note
    result = CliRunner().invoke(cli.app, ["check"])
    assert result.exit_code == 0, result.output
    assert "2031 5268  Marlene Skousbøll Bendix, SSP konsulent (forslag)" in result.output


def test_check_with_a_bad_stalkcard_unit_warns_and_asks(
    keys: PipeInput, terminal: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("STALKCARD_UNIT", "zebra")
    keys.send_text(ENTER * 10)  # 8 questions (the unit asked), the review, no note
    result = CliRunner().invoke(cli.app, ["check"])
    assert result.exit_code == 0, result.output
    assert "Spørgsmålet om din enhed stilles i stedet." in result.output
