"""Issue 24, point 6: `stalkcard new-card MAPPE` writes a blank, commented
card that validates as written, and never overwrites without --force."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from stalkcard.card.reading import load_card
from stalkcard.card.schema import MODELINE, SCHEMA_FILE
from stalkcard.cli.app import app


def test_the_blank_card_validates_as_written(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "nyt"
    result = runner.invoke(app, ["new-card", str(folder)])
    assert result.exit_code == 0, result.output
    card_file = folder / "kort.yaml"
    text = card_file.read_text(encoding="utf-8")
    assert text.startswith(MODELINE)
    assert (folder / SCHEMA_FILE).is_file()
    assert "# Udfyld det fra jeres egen procedure" in text or "# Et nyt handlekort" in text
    assert '"7070 7070"' in text
    checked = runner.invoke(app, ["validate", str(card_file)])
    assert checked.exit_code == 0, checked.output
    card = load_card(card_file)
    assert any(q.danger for q in card.questions)
    line_112 = next(c for c in card.contact_list if c.phone == "112")
    assert line_112.always_open and line_112.urgent_only
    assert any(c.phone == "114" for c in card.supplement_contacts)
    assert len(card.contact_sections) == 1
    assert card.screening.rules.steps


def test_it_refuses_to_overwrite_without_force(runner: CliRunner, tmp_path: Path) -> None:
    card_file = tmp_path / "kort.yaml"
    card_file.write_text("mit eget kort\n", encoding="utf-8")
    result = runner.invoke(app, ["new-card", str(tmp_path)])
    assert result.exit_code != 0
    assert "--force" in result.output
    assert "Traceback" not in result.output
    assert card_file.read_text(encoding="utf-8") == "mit eget kort\n"
    forced = runner.invoke(app, ["new-card", str(tmp_path), "--force"])
    assert forced.exit_code == 0, forced.output
    assert "7070 7070" in card_file.read_text(encoding="utf-8")


def test_a_file_is_not_a_folder(runner: CliRunner, tmp_path: Path) -> None:
    a_file = tmp_path / "fil"
    a_file.write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["new-card", str(a_file)])
    assert result.exit_code != 0
    assert "er en fil, ikke en mappe" in result.output
