"""The computer's clock: a clock a year behind or past 2262 is a warning for the
caseworker (a refusal only in validate), and the clock's functions never raise."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import DANGER as CHECK
from helpers import clock_at, posix, run_stalkcard
from typer.testing import CliRunner

from stalkcard.cli.app import app

# A clock far off is a warning for the caseworker, a refusal only in validate ----------------

CASEWORKER = {
    "contacts 112": ["contacts", "112"],
    "show": ["show", "stalking"],
    "check": [*CHECK, "--note", "notat.md", "--note-format", "markdown"],
    "log": ["log"],
    "html": ["html"],
}


@posix
@pytest.mark.parametrize("name", list(CASEWORKER))
def test_a_clock_a_year_behind_warns_the_caseworker(tmp_path: Path, name: str) -> None:
    result = run_stalkcard(CASEWORKER[name], clock_at("2025-06-01 10:00:00"), tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "efter dagens dato (2025-06-01)" in result.stderr
    assert "Computerens ur går sikkert forkert" in result.stderr
    assert "Skriv datoen" not in result.stderr  # no caseworker is sent to edit the card
    assert result.stdout


@posix
def test_a_clock_a_year_behind_is_refused_by_validate(tmp_path: Path) -> None:
    result = run_stalkcard(["validate"], clock_at("2025-06-01 10:00:00"), tmp_path)
    assert result.returncode == 2, result.stderr
    assert "mere end et år i fremtiden" in result.stderr


@posix
@pytest.mark.parametrize("name", [*CASEWORKER, "validate"])
def test_a_clock_after_2262_is_a_warning(tmp_path: Path, name: str) -> None:
    args = CASEWORKER.get(name, ["validate"])
    result = run_stalkcard(args, clock_at("2300-01-01 10:00:00"), tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "OverflowError" not in result.stderr
    assert "computerens ur kan ikke læses" in result.stderr
    assert result.stderr.count("computerens ur kan ikke læses") == 1
    if name == "check":
        note = (tmp_path / "notat.md").read_text(encoding="utf-8")
        assert "Dato: ukendt (computerens ur kan ikke læses)" in note
        assert "Uden for kontortid" not in result.stdout
        assert "kontortiden er antaget" not in result.stdout


def test_clock_functions_never_raise(monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as real

    from stalkcard import clock

    class Broken(real.datetime):
        @classmethod
        def now(cls, tz: real.tzinfo | None = None) -> Broken:
            raise OverflowError("timestamp too large to convert to C _PyTime_t")

    class BrokenDate(real.date):
        @classmethod
        def today(cls) -> BrokenDate:
            raise OverflowError("timestamp too large to convert to C _PyTime_t")

    monkeypatch.setattr(clock, "datetime", Broken)
    monkeypatch.setattr(clock, "date", BrokenDate)
    assert clock.today() is None
    assert clock.local_now() is None
    assert clock.now() is None
    assert "kan ikke læses" in clock.no_time_reason()


def test_without_a_zone_database_who_answers_now_is_not_claimed(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    import zoneinfo

    def missing(key: str) -> zoneinfo.ZoneInfo:
        raise zoneinfo.ZoneInfoNotFoundError(f"No time zone found with key {key}")

    monkeypatch.setattr(zoneinfo, "ZoneInfo", missing)
    result = runner.invoke(app, CHECK)
    assert result.exit_code == 0, result.output
    assert "computeren kender ikke dansk tid" in result.output
    assert "Uden for kontortid nu" not in result.output
    assert "kontortiden er antaget" not in result.output
