"""Golden files: what the bundled card shows today, word for word.

Every command's output for the bundled card is kept in tests/golden/, so a
change to the model or the renderers that changes a word, a number or an order
fails here. When a change of wording is meant, regenerate the files and review
the diff before committing it:

    STALKCARD_UPDATE_GOLDEN=1 python -m pytest tests/views/test_golden.py
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from helpers import TESTS
from typer.testing import CliRunner

from stalkcard import clock
from stalkcard.cli.app import app

GOLDEN = TESTS / "golden"
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
    shown = readable(result.stdout) if name.endswith(".html") else result.stdout
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(shown, encoding="utf-8")
    assert golden.exists(), f"{golden} is missing: run with STALKCARD_UPDATE_GOLDEN=1"
    assert shown == golden.read_text(encoding="utf-8"), name


DATA_BLOCK = re.compile(r'(<script type="application/json" id="data">)(.*?)(</script>)', re.S)


def readable(page: str) -> str:
    """The page with its data block pretty-printed (one key a line), so a
    change to the page's data reads as a diff of the lines that changed. The
    transformation is undone exactly (the test below), so nothing is hidden."""
    found = DATA_BLOCK.search(page)
    assert found is not None, "the page has no data block"
    data = json.loads(found.group(2))
    pretty = json.dumps(data, ensure_ascii=False, indent=1)
    pretty = pretty.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return page[: found.start(2)] + "\n" + pretty + "\n" + page[found.end(2) :]


def test_the_readable_golden_page_is_the_page() -> None:
    """The golden page's data, read back, is the data the page holds byte for byte."""
    page = CliRunner().invoke(app, ["html"]).stdout
    found = DATA_BLOCK.search(page)
    assert found is not None
    golden = DATA_BLOCK.search(readable(page))
    assert golden is not None
    assert json.loads(golden.group(2)) == json.loads(found.group(2))
    assert page[: found.start(2)] == readable(page)[: found.start(2)]
