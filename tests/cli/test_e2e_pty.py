"""End to end: the installed `stalkcard` in a real pseudo-terminal, answered with keystrokes."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from helpers import card_phones, clock_at, stalkcard_command

pytestmark = pytest.mark.skipif(os.name != "posix", reason="pexpect needs a POSIX pty")
pexpect = pytest.importorskip("pexpect")

DOWN, UP, ENTER = "\x1b[B", "\x1b[A", "\r"


def spawn(
    args: list[str], cwd: Path, size: tuple[int, int] = (40, 100), **env_extra: str
) -> pexpect.spawn:
    command, *prefix = stalkcard_command()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("NO_COLOR", "STALKCARD_CARD", "STALKCARD_UNIT", "COLUMNS", "LINES")
    }
    env.update(PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm", **env_extra)
    return pexpect.spawn(
        command, [*prefix, *args], cwd=str(cwd), env=env, encoding="utf-8",
        dimensions=size, timeout=8,
    )  # fmt: skip


def answer(child: pexpect.spawn, prompt: str, keys: str) -> None:
    child.expect_exact(prompt)
    # The prompt's hint: it has drawn itself. On a narrow screen the hint can wrap
    # mid-word, so a missing match is no failure; the pause below covers it.
    child.expect_exact(["Enter", pexpect.TIMEOUT], timeout=1)
    time.sleep(0.3)  # let it start reading keys; typeahead sent earlier can be lost
    child.send(keys)


def test_check_in_a_terminal(tmp_path: Path) -> None:
    child = spawn(["check"], tmp_path)
    answer(child, "Hvem drejer mistanken sig om?", UP + UP + ENTER)  # victim
    answer(child, "Er nogen i akut fare lige nu?", UP + ENTER)  # no (from "Ved ikke")
    answer(child, "Hvilke former", " " + ENTER)  # messages
    answer(child, "Har den udsatte sagt fra", UP + UP + ENTER)  # yes
    answer(child, "Er kontakten ensidig", UP + UP + ENTER)  # yes
    answer(child, "Har der været flere kontaktforsøg", DOWN + ENTER)  # back
    answer(child, "Er kontakten ensidig", DOWN + ENTER)  # from yes (its answer) to no
    answer(child, "Har der været flere kontaktforsøg", UP + UP + ENTER)  # yes
    answer(child, "Er der nogen under 18 år", UP + ENTER)  # no
    answer(child, "Hvilken enhed er du selv fra?", ENTER)  # skip
    answer(child, "Er svarene rigtige?", ENTER)
    child.expect_exact("Resultat af screeningen")
    child.expect_exact("mindst ét af kortets kendetegn ikke til stede")
    child.expect_exact("Nikoline Petersen")
    child.expect_exact("Dansk Stalking Center")
    child.expect_exact("Akut fare lige nu: Nej")
    child.expect_exact("Vil du gemme et notat")
    child.send(ENTER)  # no
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("keys", "heading"),
    [(UP + UP + ENTER, "AKUT FARE"), (ENTER, "MULIG AKUT FARE")],
    ids=["ja", "enter-ved-ikke"],
)
def test_danger_shows_112_at_once(tmp_path: Path, keys: str, heading: str) -> None:
    # Issue 23: "Ja" reads "Ring 112 nu.", "Ved ikke" "Ring 112 nu, hvis ..." (both "112 nu").
    # The pointer starts on "Ved ikke": Enter records possible danger, never "Nej".
    child = spawn(["check"], tmp_path)
    answer(child, "Hvem drejer mistanken sig om?", ENTER)
    answer(child, "Er nogen i akut fare lige nu?", keys)
    child.expect_exact(heading)
    child.expect_exact("112 nu")
    child.expect_exact("Hvilke former")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


def test_ctrl_c_exits_130_without_traceback(tmp_path: Path) -> None:
    child = spawn(["check"], tmp_path)
    child.expect_exact("Hvem drejer mistanken sig om?")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    output = child.before or ""
    child.close()
    assert child.exitstatus == 130
    assert "Screeningen blev afbrudt. Intet er gemt." in output
    assert "Traceback" not in output
    assert list(tmp_path.iterdir()) == []


def test_hints_are_danish(tmp_path: Path) -> None:
    child = spawn(["check"], tmp_path)
    child.expect_exact("piletasterne flytter, Enter vælger")
    child.sendcontrol("d")
    child.expect(pexpect.EOF)
    output = child.before or ""
    child.close()
    assert child.exitstatus == 130
    assert "Use arrow keys" not in output


def test_the_answer_stays_on_a_24_row_screen(tmp_path: Path) -> None:
    """At 80x24, after a danger = yes screening, the last 24 lines (the whole
    screen, note prompt included) still show 112 and the suggested person."""
    pyte = pytest.importorskip("pyte")
    screen = pyte.Screen(80, 24)
    stream = pyte.Stream(screen)
    child = spawn(
        ["check"],
        tmp_path,
        size=(24, 80),
        STALKCARD_UNIT="ungeenheden",
        **clock_at("2026-11-30 10:00:00"),  # a Monday, in office hours
    )
    child.logfile_read = _Feed(stream)
    answer(child, "Hvem drejer mistanken sig om?", UP + UP + ENTER)  # victim
    answer(child, "Er nogen i akut fare lige nu?", UP + UP + ENTER)  # yes
    answer(child, "Hvilke former", ENTER)
    for question in ("Har den udsatte sagt fra", "Er kontakten ensidig", "Har der været flere"):
        answer(child, question, UP + UP + ENTER)  # yes
    answer(child, "Er der nogen under 18 år", UP + ENTER)  # no
    answer(child, "Er svarene rigtige?", ENTER)
    child.expect_exact("Vil du gemme et notat")
    child.expect_exact(["Enter", pexpect.TIMEOUT], timeout=1)
    time.sleep(0.5)
    shown = "\n".join(screen.display)
    assert "Ring 112 nu" in shown, shown
    assert "8794 7983" in shown, shown  # Vibeke Sønderskov Kristensen, Ungeenheden
    assert "2517 7374" in shown and "7628 1448" in shown, shown
    assert "done (" not in shown
    child.send(ENTER)  # no note
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_112_stays_on_screen_above_every_question(tmp_path: Path) -> None:
    """Issue 23: at 80x24, after danger "Ja", every following question (the
    forms' long examples included) and the review show "Ring 112 nu." on screen."""
    pyte = pytest.importorskip("pyte")
    screen = pyte.Screen(80, 24)
    stream = pyte.Stream(screen)
    child = spawn(["check"], tmp_path, size=(24, 80), **clock_at("2026-11-30 10:00:00"))
    child.logfile_read = _Feed(stream)

    def on_screen(prompt: str, keys: str) -> None:
        answer(child, prompt, "")
        shown = "\n".join(screen.display)
        assert "AKUT FARE: Ring 112 nu." in shown, (prompt, shown)
        child.send(keys)

    answer(child, "Hvem drejer mistanken sig om?", UP + UP + ENTER)  # victim
    answer(child, "Er nogen i akut fare lige nu?", UP + UP + ENTER)  # yes
    on_screen("Hvilke former", ENTER)
    for question in ("Har den udsatte sagt fra", "Er kontakten ensidig", "Har der været flere"):
        on_screen(question, UP + UP + ENTER)  # yes
    on_screen("Er der nogen under 18 år", UP + ENTER)  # no
    on_screen("Hvilken enhed er du selv fra?", ENTER)
    on_screen("Er svarene rigtige?", ENTER)
    child.expect_exact("Vil du gemme et notat")
    child.expect_exact(["Enter", pexpect.TIMEOUT], timeout=1)
    time.sleep(0.3)
    # The note's question comes after the whole result: 112 is still on screen.
    assert "AKUT FARE: Ring 112 nu." in "\n".join(screen.display), screen.display
    child.send(ENTER)  # no note
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


class _Feed:
    """pexpect's logfile_read, fed to a terminal emulator (pyte)."""

    def __init__(self, stream: object) -> None:
        self.stream = stream

    def write(self, data: str) -> None:
        self.stream.feed(data)  # type: ignore[attr-defined]

    def flush(self) -> None:
        pass


def test_progress_marker_and_no_english_in_the_forms_answer(tmp_path: Path) -> None:
    child = spawn(["check"], tmp_path)
    child.expect_exact("Hvem drejer mistanken sig om?")
    child.expect_exact("Spørgsmål 1 af 8")
    time.sleep(0.3)
    child.send(ENTER)
    answer(child, "Er nogen i akut fare lige nu?", ENTER)
    answer(child, "Hvilke former", " " + DOWN + " " + ENTER)
    child.expect_exact("2 markeret")
    child.expect_exact("Spørgsmål 4 af 8")
    output = child.before or ""
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert "selections" not in output


PROMPTS = {
    "da": ("Hvem drejer mistanken sig om?", "Er nogen i akut fare lige nu?", "Hvilke former",
           "Har den udsatte sagt fra", "Er kontakten ensidig", "Har der været flere",
           "Er der nogen under 18 år", "Hvilken enhed", "Er svarene rigtige?",
           "Vil du gemme et notat", "Ring 112 nu"),
    "en": ("Who does the suspicion concern?", "Is anyone in acute danger right now?",
           "Which forms", "Has the person being stalked said no", "Is the contact one-sided",
           "Have there been several", "Is anyone in the case under 18", "Which unit",
           "Are the answers right?", "Do you want to save a note", "Call 112 now"),
}  # fmt: skip


@pytest.mark.parametrize("language", ["da", "en"])
def test_after_hours_the_answer_still_stays_on_a_24_row_screen(
    tmp_path: Path, language: str
) -> None:
    """Saturday 22:00, danger yes, children unknown, no unit (the longest summary:
    the duty line, the lines that answer now, all seven of the card's contacts):
    the whole screen with the note prompt still shows 112 and those lines."""
    pyte = pytest.importorskip("pyte")
    screen = pyte.Screen(80, 24)
    stream = pyte.Stream(screen)
    child = spawn(
        ["check"], tmp_path, size=(24, 80), STALKCARD_LANG=language,
        **clock_at("2026-11-28 22:00:00"),
    )  # fmt: skip
    child.logfile_read = _Feed(stream)
    role, danger, forms, *criteria, children, unit, review, note, call = PROMPTS[language]
    answer(child, role, UP + UP + ENTER)  # victim
    answer(child, danger, UP + UP + ENTER)  # yes
    answer(child, forms, ENTER)
    for question in criteria:
        answer(child, question, UP + UP + ENTER)  # yes
    answer(child, children, ENTER)  # don't know
    answer(child, unit, ENTER)  # skip
    answer(child, review, ENTER)
    child.expect_exact(note)
    child.expect_exact(["Enter", pexpect.TIMEOUT], timeout=1)
    time.sleep(0.5)
    shown = "\n".join(screen.display)
    assert call in shown, shown
    for phone in ("114", "1888", "116 006", card_phones()[0], card_phones()[-1]):
        assert phone in shown, (phone, shown)
    child.send(ENTER)  # no note
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
