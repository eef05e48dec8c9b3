"""End to end: the installed `stalkcard` in a real pseudo-terminal, answered with keystrokes."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from helpers import stalkcard_command

pytestmark = pytest.mark.skipif(os.name != "posix", reason="pexpect needs a POSIX pty")
pexpect = pytest.importorskip("pexpect")

DOWN, UP, ENTER = "\x1b[B", "\x1b[A", "\r"


def spawn(args: list[str], cwd: Path) -> pexpect.spawn:
    command, *prefix = stalkcard_command()
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "STALKCARD_CARD")}
    env.update(PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm", COLUMNS="100", LINES="40")
    return pexpect.spawn(
        command, [*prefix, *args], cwd=str(cwd), env=env, encoding="utf-8",
        dimensions=(40, 100), timeout=8,
    )  # fmt: skip


def answer(child: pexpect.spawn, prompt: str, keys: str) -> None:
    child.expect_exact(prompt)
    child.expect_exact("Enter")  # the prompt's hint: it has drawn itself
    time.sleep(0.3)  # let it start reading keys; typeahead sent earlier can be lost
    child.send(keys)


def test_check_in_a_terminal(tmp_path: Path) -> None:
    child = spawn(["check"], tmp_path)
    answer(child, "Hvem drejer mistanken sig om?", UP + UP + ENTER)  # victim
    answer(child, "Er nogen i akut fare lige nu?", ENTER)  # no
    answer(child, "Hvilke former", " " + ENTER)  # messages
    answer(child, "Har den udsatte sagt fra", UP + UP + ENTER)  # yes
    answer(child, "Er kontakten ensidig", UP + UP + ENTER)  # yes
    answer(child, "Har der været flere kontaktforsøg", DOWN + ENTER)  # back
    answer(child, "Er kontakten ensidig", DOWN + ENTER)  # from yes (its answer) to no
    answer(child, "Har der været flere kontaktforsøg", UP + UP + ENTER)  # yes
    answer(child, "Er der børn involveret", UP + ENTER)  # no
    answer(child, "Er svarene rigtige?", ENTER)
    child.expect_exact("Resultat af screeningen")
    child.expect_exact("Mindst ét kendetegn på stalking er ikke til stede")
    child.expect_exact("Nikoline Petersen")
    child.expect_exact("Dansk Stalking Center")
    child.expect_exact("Vil du gemme et notat")
    child.send(ENTER)  # no
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert list(tmp_path.iterdir()) == []


def test_danger_shows_112_at_once(tmp_path: Path) -> None:
    child = spawn(["check"], tmp_path)
    answer(child, "Hvem drejer mistanken sig om?", ENTER)
    answer(child, "Er nogen i akut fare lige nu?", DOWN + ENTER)
    child.expect_exact("ring 112")
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
