"""Hostile input, round four (issue 26), classes 4, 7, 8, 10 and 11: the Python
side. Each class has tests that failed on the code before it was fixed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import run_stalkcard
from typer.testing import CliRunner

from stalkcard.card import bundled_card_path
from stalkcard.cli import app

CARD_TEXT = bundled_card_path().read_text(encoding="utf-8")
VERIFIED = 'contacts_verified: "2026-11-26"'
CHECK = [
    "check",
    *("--answer", "role=victim", "--answer", "danger=yes", "--answer", "unwanted=yes"),
    *("--answer", "one_sided=yes", "--answer", "repeated=yes"),
]
posix = pytest.mark.skipif(os.name != "posix", reason="POSIX files and processes")


def card_with(tmp_path: Path, old: str, new: str, name: str = "kort.yaml") -> Path:
    assert old in CARD_TEXT, old
    path = tmp_path / name
    path.write_text(CARD_TEXT.replace(old, new, 1), encoding="utf-8")
    return path


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
