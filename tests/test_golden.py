"""Golden files: what the bundled card shows today, word for word.

Every command's output for the bundled card is kept in tests/golden/, so a
change to the model or the renderers that changes a word, a number or an order
fails here. When a change of wording is meant, regenerate the files and review
the diff before committing it:

    STALKCARD_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from stalkcard import clock
from stalkcard.cli import app

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("STALKCARD_UPDATE_GOLDEN") == "1"
DK = ZoneInfo("Europe/Copenhagen")
MONDAY_10 = datetime(2026, 11, 30, 10, 0, tzinfo=DK)
SATURDAY_22 = datetime(2026, 11, 28, 22, 0, tzinfo=DK)


def _answers(**given: str) -> list[str]:
    args = []
    for key, value in given.items():
        args += ["--answer", f"{key}={value}"]
    return args


# A spread of answers: every role, every answer to danger, met / not met /
# unclear criteria, children, a unit and none, forms given and not.
SPREAD = {
    "victim-met-danger-unit": _answers(
        role="victim", danger="yes", unwanted="yes", one_sided="yes", repeated="yes",
        children="no", unit="ungeenheden", forms="messages,digital",
    ),
    "victim-notmet-nodanger": _answers(
        role="victim", danger="no", unwanted="yes", one_sided="no", repeated="yes", children="no"
    ),
    "victim-unclear-dangerunknown-children": _answers(
        role="victim", danger="unknown", unwanted="unknown", one_sided="yes", repeated="unknown",
        children="yes",
    ),
    "perpetrator-met-children-unknown": _answers(
        role="perpetrator", danger="no", unwanted="yes", one_sided="yes", repeated="yes",
        children="unknown", unit="ssp",
    ),
    "unknown-notmet-all-no": _answers(
        role="unknown", danger="no", unwanted="no", one_sided="no", repeated="no", children="no"
    ),
    "unknown-unclear-danger-boernogunge": _answers(
        role="unknown", danger="yes", unwanted="unknown", one_sided="unknown",
        repeated="unknown", children="yes", unit="børn og unge",
    ),
}  # fmt: skip

CASES: dict[str, list[str]] = {
    "show.txt": ["show"],
    "show-supplements.txt": ["show", "--supplements"],
    "show.md": ["show", "--format", "markdown", "--supplements"],
    "show.json": ["show", "--format", "json", "--supplements"],
    "show.en.txt": ["--lang", "en", "show", "--supplements"],
    "contacts.txt": ["contacts"],
    "contacts.json": ["contacts", "--json"],
    "log.md": ["log"],
    "log.csv": ["log", "--format", "csv"],
    "page.html": ["html"],
    "page.en.html": ["html", "--lang", "en"],
    **{f"check-{name}.json": ["check", *args, "--format", "json"] for name, args in SPREAD.items()},
    **{
        f"check-{name}.en.json": ["--lang", "en", "check", *args, "--format", "json"]
        for name, args in SPREAD.items()
    },
    "check-victim-met-danger-unit.monday.txt": ["check", *SPREAD["victim-met-danger-unit"]],
    "check-victim-met-danger-unit.saturday.txt": ["check", *SPREAD["victim-met-danger-unit"]],
    "check-unknown-notmet-all-no.monday.en.txt": [
        "--lang", "en", "check", *SPREAD["unknown-notmet-all-no"],
    ],
}  # fmt: skip


def _clock_for(name: str) -> Callable[[], datetime]:
    at = SATURDAY_22 if ".saturday." in name else MONDAY_10
    return lambda: at


@pytest.mark.parametrize("name", sorted(CASES))
def test_output_is_the_golden_file(
    name: str, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    for variable in ("STALKCARD_CARD", "STALKCARD_LANG", "STALKCARD_UNIT"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setattr(clock, "now", _clock_for(name))
    result = runner.invoke(app, CASES[name])
    assert result.exit_code == 0, result.output
    golden = GOLDEN / name
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(result.stdout, encoding="utf-8")
    assert golden.exists(), f"{golden} is missing: run with STALKCARD_UPDATE_GOLDEN=1"
    assert result.stdout == golden.read_text(encoding="utf-8"), name
