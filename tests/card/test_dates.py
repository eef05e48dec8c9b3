"""The card's date (contacts_verified): stale contacts are a warning, a date ahead
of the clock a warning, an absurd one a refusal; the twin agrees with the YAML."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from helpers import DANGER as CHECK
from helpers import card_with
from typer.testing import CliRunner

from stalkcard.card.reading import load_card, stale_since
from stalkcard.cli.app import app

# Dates -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "words"),
    [("9999-12-31", "i fremtiden"), ("2099-01-01", "i fremtiden"),
     ("1999-01-01", "for tidligt")],
)  # fmt: skip
def test_dates_that_make_no_sense(tmp_path: Path, runner: CliRunner, date: str, words: str) -> None:
    path = card_with(tmp_path, 'contacts_verified: "2026-11-26"', f'contacts_verified: "{date}"')
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    assert words in result.output
    # A date ahead may be the caseworker's clock: show warns (issue 26, class 10).
    result = runner.invoke(app, ["--card", str(path), "show"])
    if words == "i fremtiden":
        assert result.exit_code == 0, result.output
        assert "efter dagens dato" in result.output
    else:
        assert result.exit_code == 2, result.output
        assert words in result.output


def test_staleness_never_crashes() -> None:
    import msgspec

    card = load_card()
    far = msgspec.structs.replace(
        card,
        meta=msgspec.structs.replace(
            card.meta, contacts_verified=__import__("datetime").date(9999, 12, 31)
        ),
    )
    assert stale_since(far, __import__("datetime").date.today()) is False


# A check date somewhat ahead of the clock is a warning; only the absurd is refused -----------


def _dated(tmp_path: Path, days: int, name: str = "kort.yaml") -> Path:
    from datetime import date, timedelta

    when = (date.today() + timedelta(days=days)).isoformat()
    return card_with(
        tmp_path, 'contacts_verified: "2026-11-26"', f'contacts_verified: "{when}"', name
    )


@pytest.mark.parametrize("how", ["validate", "--card show", "--card check", "html --card"])
def test_a_week_ahead_is_a_warning(tmp_path: Path, runner: CliRunner, how: str) -> None:
    path = str(_dated(tmp_path, 7))
    args = {
        "validate": ["validate", path],
        "--card show": ["--card", path, "show"],
        "--card check": ["--card", path, *CHECK],
        "html --card": ["html", "--card", path],
    }[how]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "efter dagens dato" in result.output


def test_more_than_a_year_ahead_is_refused(tmp_path: Path, runner: CliRunner) -> None:
    """By validate only: for the caseworker's commands it is a warning (issue 26,
    class 10; tests/base/test_clock.py)."""
    path = str(_dated(tmp_path, 400))
    result = runner.invoke(app, ["validate", path])
    assert result.exit_code == 2, result.output
    assert "mere end et år i fremtiden" in result.output


def test_twin_and_yaml_agree_on_dates_ahead(
    bundled_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import date, timedelta

    from stalkcard import clock
    from stalkcard.card.reading import compile_twin, load_card, twin_path
    from stalkcard.errors import CardError

    # A week ahead: both paths give the card.
    bundled_copy.write_text(
        _dated(bundled_copy.parent.parent, 7, "a.yaml").read_text("utf-8"), "utf-8"
    )
    twin_path(bundled_copy).write_bytes(compile_twin(bundled_copy))
    assert load_card() == load_card(compiled=False)

    # 500 days ahead, compiled under a clock that was 400 days ahead: the twin is
    # current by its hashes, but today both paths refuse the card.
    bundled_copy.write_text(
        _dated(bundled_copy.parent.parent, 500, "b.yaml").read_text("utf-8"), "utf-8"
    )

    with monkeypatch.context() as patch:
        patch.setattr(clock, "today", lambda: date.today() + timedelta(days=400))
        twin_path(bundled_copy).write_bytes(compile_twin(bundled_copy))
    today = date.today()
    with pytest.raises(CardError, match="i fremtiden"):
        load_card(compiled=False, today=today)
    with pytest.raises(CardError, match="i fremtiden"):
        load_card(today=today)
    # Without a day to hold it against (the caseworker's commands), both give the card.
    assert load_card() == load_card(compiled=False)


VERIFIED = 'contacts_verified: "2026-11-26"'


def test_a_card_far_ahead_is_used_with_a_warning(tmp_path: Path, runner: CliRunner) -> None:
    """The same in process: a card more than a year ahead of today."""
    from datetime import date, timedelta

    ahead = (date.today() + timedelta(days=400)).isoformat()
    path = card_with(tmp_path, VERIFIED, f'contacts_verified: "{ahead}"')
    for args in (["--card", str(path), "contacts", "112"], ["--card", str(path), *CHECK]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert "Computerens ur går sikkert forkert" in result.output
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    assert "mere end et år i fremtiden" in result.output


# Stale contacts -------------------------------------------------------------------------


def test_stale_since() -> None:
    card = load_card()
    verified = card.meta.contacts_verified
    assert not stale_since(card, verified)
    assert not stale_since(card, verified.replace(year=verified.year + 1))
    assert stale_since(card, verified.replace(year=verified.year + 1) + timedelta(days=1))


@pytest.mark.parametrize(
    "command",
    [
        ["contacts"],
        ["show"],
        ["html"],  # the page is read long after it is published
        [
            "check",
            "--answer",
            "role=victim",
            "--answer",
            "danger=no",
            "--answer",
            "unwanted=yes",
            "--answer",
            "one_sided=yes",
            "--answer",
            "repeated=yes",
        ],
    ],
)
def test_stale_warning_on_stderr(make_card: Callable[..., Path], command: list[str]) -> None:
    runner = CliRunner()
    old = make_card('contacts_verified: "2026-11-26"', 'contacts_verified: "2020-01-31"')
    result = runner.invoke(app, ["--card", str(old), *command])
    assert result.exit_code == 0, result.output
    assert "sidst opdateret 31.01.2020" in result.stderr
    assert "sidst kontrolleret" not in result.stdout
    today = date.today().isoformat()
    fresh = make_card('contacts_verified: "2026-11-26"', f'contacts_verified: "{today}"')
    current = runner.invoke(app, ["--card", str(fresh), *command])
    assert current.exit_code == 0, current.output
    assert "sidst opdateret" not in current.stderr


def test_stale_warning_keeps_json_clean(make_card: Callable[..., Path]) -> None:
    import json

    old = make_card('contacts_verified: "2026-11-26"', 'contacts_verified: "2020-01-31"')
    result = CliRunner().invoke(app, ["--card", str(old), "contacts", "--json"])
    assert result.exit_code == 0
    assert len([c for c in json.loads(result.stdout) if c["part_of_card"]]) == 7
    assert "31.01.2020" in result.stderr
