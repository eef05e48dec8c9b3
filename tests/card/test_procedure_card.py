"""Issue 24, point 1: a card written from a real procedure (tests/cards/
procedure.yaml): a one-sentence definition, a plain list of signs, forms
without examples, one-line steps, closing on a steps section, links, a
section without a heading, advice to pass on to the citizen and a contact
line without a name. Every new field on every surface."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import TESTS
from typer.testing import CliRunner

from stalkcard.card.reading import card_from_text, load_card
from stalkcard.cli.app import app
from stalkcard.errors import CardError

CARD = TESTS / "cards" / "procedure.yaml"
DEFINITION = (
    "Stalking er, når en person gentagne gange kontakter eller følger en anden, "
    "som ikke ønsker det."
)
SIGNS = ("Mange opkald og beskeder", "At blive fulgt eller overvåget", "Gaver, man ikke ønsker")
STEPS = ("Lyt til borgeren, og tag det alvorligt.", "Skriv ned, hvad der er sket.")
ADVICE = ("Gem beskeder og opkaldslister.", "Fortæl familie og venner, hvad der sker.")
CLOSING = "Du står ikke alene med sagen."
STEP_LINK = "https://www.example.org/logbog"
SECTION_LINK = "https://www.example.org/stalking"
CONTACT_LINK = "https://www.example.org/kontakt"
CITIZEN = "Råd, du kan give borgeren videre"


def _run(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, ["--card", str(CARD), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_card_validates_and_keeps_every_field(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", str(CARD)])
    assert result.exit_code == 0, result.output
    card = load_card(CARD)
    definition = card.section("definition")
    assert definition is not None and definition.paragraphs == (DEFINITION,)
    steps = card.section("goer")
    assert steps is not None and [s.heading for s in steps.steps] == [None, None]
    assert card.section("kontakt").heading is None  # type: ignore[union-attr]
    assert card.section("raad").to_citizen  # type: ignore[union-attr]
    assert card.contact_list[0].name is None


def test_show_as_text(runner: CliRunner) -> None:
    out = _run(runner, "show")
    for words in (DEFINITION, *SIGNS, *STEPS, *ADVICE, CLOSING, "Digital chikane"):
        assert words in out, words
    for url in (STEP_LINK, SECTION_LINK, CONTACT_LINK):
        assert f"Link: {url}" in out
    assert "Telefon: 79 79 79 79" in out
    assert f"{CITIZEN}:" in out
    assert "None" not in out


def test_show_as_markdown(runner: CliRunner) -> None:
    out = _run(runner, "show", "--format", "markdown")
    for words in (*SIGNS, *STEPS, *ADVICE, CLOSING):
        assert words in out.replace("\\", ""), words
    assert "- Mange opkald og beskeder" in out
    for url in (STEP_LINK, SECTION_LINK, CONTACT_LINK):
        assert f"Link: <{url}>" in out
    assert f"_{CITIZEN}:_" in out
    assert "None" not in out


def test_show_as_json(runner: CliRunner) -> None:
    data = json.loads(_run(runner, "show", "--format", "json"))
    sections = {s["id"]: s for s in data["sections"]}
    assert sections["definition"]["paragraphs"] == [DEFINITION]
    assert sections["tegn"]["items"] == list(SIGNS)
    assert sections["goer"]["url"] == SECTION_LINK
    assert sections["goer"]["closing"] == [CLOSING]
    assert sections["goer"]["steps"][1]["url"] == STEP_LINK
    assert sections["raad"]["to_citizen"] is True
    assert data["meta"]["subject"] == "stalking eller chikane"
    assert data["contacts"][0]["url"] == CONTACT_LINK


def test_check_as_text_puts_the_advice_under_its_own_heading(runner: CliRunner) -> None:
    out = _run(runner, "check", "--answer", "fare=no")
    _now, _sep, rest = out.partition("Det skal du gøre nu")
    assert rest
    further, _sep, advice = rest.partition(CITIZEN)
    assert advice, out
    for step in STEPS:
        assert step in further
    for step in ADVICE:
        assert step in advice and step not in further
    assert f"Link: {STEP_LINK}" in further
    assert f"Link: {SECTION_LINK}" in further
    assert "Telefon: 79 79 79 79" in out and CONTACT_LINK in out
    assert "None" not in out


def test_check_as_json_marks_the_advice_and_the_links(runner: CliRunner) -> None:
    data = json.loads(_run(runner, "check", "--answer", "fare=no", "--format", "json"))
    steps = {s["id"]: s for s in data["steps"]}
    assert steps["lyt"]["heading"] == STEPS[0]
    assert steps["noter"]["url"] == STEP_LINK
    assert steps["gem"]["to_citizen"] is True and steps["fortael"]["to_citizen"] is True
    assert "to_citizen" not in steps["lyt"]


def test_check_note(runner: CliRunner, tmp_path: Path) -> None:
    note = tmp_path / "notat.txt"
    _run(runner, "check", "--answer", "fare=no", "--note", str(note))
    text = note.read_text(encoding="utf-8")
    assert f"- {STEPS[1]} (Link: {STEP_LINK})" in text
    assert f"Sådan gør du (Link: {SECTION_LINK}):" in text
    assert f"{CITIZEN}:\n- {ADVICE[0]}\n- {ADVICE[1]}" in text
    assert f"Telefon: 79 79 79 79 ({CONTACT_LINK})" in text


def test_the_page_shows_the_text_and_the_links(runner: CliRunner, tmp_path: Path) -> None:
    page = tmp_path / "side.html"
    _run(runner, "html", "-o", str(page))
    html = page.read_text(encoding="utf-8")
    body = html.split('<script type="application/json"')[0]
    for words in (*SIGNS, *STEPS, *ADVICE, CLOSING):
        assert words in body, words
    for url in (STEP_LINK, SECTION_LINK, CONTACT_LINK, "https://politi.dk"):
        assert f'<a href="{url}">' in body, url
    assert f"{CITIZEN}:" in body
    assert not re.search(r"<h[23]>\s*</h[23]>", body)
    assert "None" not in body


BASE = CARD.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'url: "https://www.example.org/logbog"',
            'url: "http://www.example.org/logbog"',
            "skal være et link, der begynder med https://",
        ),
        (
            '    card_line: "Telefon: 79 79 79 79"\n',
            "",
            "en kontakt skal have et navn (name) eller kortets egen linje (card_line)",
        ),
        (
            '    paragraphs: ["Det kan fx være:"]\n    items:\n      - "Mange opkald og beskeder"\n'
            '      - "At blive fulgt eller overvåget"\n      - "Gaver, man ikke ønsker"\n',
            "",
            "et afsnit med kind: text skal have paragraphs eller items",
        ),
    ],
)
def test_what_is_refused_in_danish(old: str, new: str, message: str) -> None:
    assert old in BASE
    with pytest.raises(CardError) as caught:
        card_from_text(BASE.replace(old, new, 1), "kort.yaml")
    assert message in str(caught.value)


def test_a_definition_needs_paragraphs_or_criteria() -> None:
    text = BASE.replace(f'    paragraphs:\n      - "{DEFINITION}"\n', "", 1)
    assert text != BASE
    with pytest.raises(CardError) as caught:
        card_from_text(text, "kort.yaml")
    assert "definition skal have paragraphs eller criteria" in str(caught.value)


# Point 4: the subject comes from the card (meta.subject; "stalking" by default).
SUBJECT = "stalking eller chikane"


def test_the_subject_names_the_page_the_note_and_its_file(
    runner: CliRunner, tmp_path: Path
) -> None:
    page = tmp_path / "side.html"
    _run(runner, "html", "-o", str(page))
    html = page.read_text(encoding="utf-8")
    assert f"Screening ved mistanke om {SUBJECT}</h2>" in html
    assert "stalking-eller-chikane-notat-{when}.txt" in html
    note = tmp_path / "notat.txt"
    _run(runner, "check", "--answer", "fare=no", "--note", str(note))
    assert note.read_text(encoding="utf-8").startswith(
        "NOTAT: SCREENING FOR STALKING ELLER CHIKANE\n"
    )
    md = tmp_path / "notat.md"
    _run(runner, "check", "--answer", "fare=no", "--note", str(md), "--note-format", "markdown")
    assert md.read_text(encoding="utf-8").startswith(f"# Notat: screening for {SUBJECT}\n")


def test_the_subject_is_file_name_safe() -> None:
    from stalkcard.views.parts import file_subject

    assert file_subject("Vold i nære relationer") == "vold-i-naere-relationer"
    assert file_subject("../../etc/passwd") == "etc-passwd"
    assert file_subject("???") == "stalking"


def test_the_menu_and_the_note_name_use_the_subject(monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import datetime

    from stalkcard.cli import prompts

    seen: list[str] = []
    monkeypatch.setattr(
        prompts,
        "_select",
        lambda _q, choices, default, back=True: seen.extend(str(c.title) for c in choices) or True,
    )
    prompts.ask_menu(SUBJECT)
    assert f"Screening ved mistanke om {SUBJECT}" in seen
    seen.clear()
    prompts.ask_menu()
    assert "Screening ved mistanke om stalking" in seen

    class Text:
        def __init__(self, default: str) -> None:
            self.default = default

    monkeypatch.setattr(prompts.questionary, "text", lambda _q, default, **_kw: Text(default))
    monkeypatch.setattr(prompts, "_ask", lambda question: question.default)
    name = prompts.ask_note_path(datetime(2026, 11, 26, 14, 5), subject="vold")
    assert name == "vold-notat-2026-11-26-1405.txt"


def test_skanderborg_keeps_stalking(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["html", "-o", str(tmp_path / "s.html")])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "s.html").read_text(encoding="utf-8")
    assert "Screening ved mistanke om stalking</h2>" in html
    assert "stalking-notat-{when}.txt" in html
