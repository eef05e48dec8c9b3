"""Fixtures of the page's tests: the page written once per module, a page with
hostile card text, and the shared browser."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from browsing import HOSTILE_NAME, clock_script
from browsing import new_driver as _new_driver
from typer.testing import CliRunner

from stalkcard.card.reading import bundled_card_path
from stalkcard.cli.app import app


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "kort.html"
    result = CliRunner().invoke(app, ["html", "-o", str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    card = folder / "kort.yaml"
    text = bundled_card_path().read_text(encoding="utf-8")
    card.write_text(text.replace('"Sofie Jensen"', json.dumps(HOSTILE_NAME), 1), encoding="utf-8")
    page = folder / "kort.html"
    result = CliRunner().invoke(app, ["html", "--card", str(card), "-o", str(page)])
    assert result.exit_code == 0, result.output
    return page


# The pages' clock in the shared browser: a Monday morning, in office hours, so
# that "Ring nu" is the same whenever the tests run (after hours has its own test).
MONDAY_10 = datetime(2026, 11, 30, 10, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    driver = _new_driver(tmp_path_factory.mktemp("profile"), before=clock_script(MONDAY_10))
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the screenshots go; the path is printed (pytest -s shows it)."""
    folder = tmp_path_factory.mktemp("screenshots")
    print(f"\nscreenshots: {folder}")
    return folder
