"""Every sentence of the card, word for word, in `stalkcard show`."""

from __future__ import annotations

import pytest
from helpers import card_lines, normalise
from typer.testing import CliRunner

from stalkcard.cli.app import app


def test_reference_is_the_whole_card() -> None:
    lines = card_lines()
    assert lines[0] == "Actioncard ved mistanke om stalking under kontakt med borger"
    assert lines[-1] == "Anvis altid til både Dansk Stalking Center samt den lokale politistation."
    assert len(lines) == 48


@pytest.mark.parametrize("width", [40, 80, 200])
def test_every_line_of_the_card_is_shown(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    result = runner.invoke(app, ["show"])
    assert result.exit_code == 0, result.output
    shown = normalise(result.output)
    missing = [line for line in card_lines() if normalise(line) not in shown]
    assert missing == []


def test_every_line_of_the_card_is_in_markdown(runner: CliRunner) -> None:
    result = runner.invoke(app, ["show", "--format", "markdown"])
    shown = normalise(result.output.replace("**", ""))
    assert [line for line in card_lines() if normalise(line) not in shown] == []


def test_sections_keep_the_card_order(runner: CliRunner) -> None:
    out = runner.invoke(app, ["show"]).output
    positions = [
        out.index(h)
        for h in (
            "STALKING\n",
            "Eksempler på stalking",
            "MISTANKE",
            "SPARRING",
            "HANDLING\n",
            "VIDERE HANDLING",
        )
    ]
    assert positions == sorted(positions)
