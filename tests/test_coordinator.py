"""The card's keeper: a copy of the bundled card to edit, and validate's
warnings for an old contact list and an English twin that has drifted."""

from __future__ import annotations

from pathlib import Path

from helpers import card_phones
from typer.testing import CliRunner

from stalkcard.card.reading import load_card
from stalkcard.card.translations import twin_drift
from stalkcard.cli.app import app


def _copy(runner: CliRunner, folder: Path) -> Path:
    result = runner.invoke(app, ["copy-card", str(folder)])
    assert result.exit_code == 0, result.output
    # Issue 24: the schema the copies' modeline points at is copied beside them.
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["actioncard.en.yaml", "actioncard.yaml", "card.schema.json"]
    assert "stalkcard validate" in result.output
    return folder / "actioncard.yaml"


def test_the_bundled_twins_match() -> None:
    assert twin_drift(load_card(), load_card(language="en")) == []


def test_a_fresh_copy_validates_without_warnings(runner: CliRunner, tmp_path: Path) -> None:
    card = _copy(runner, tmp_path / "kort")
    result = runner.invoke(app, ["validate", str(card)])
    assert result.exit_code == 0, result.output
    assert "Kortet er gyldigt" in result.output
    assert "passer ikke længere" not in result.output  # no drift (an old list may warn)


def test_a_changed_number_in_one_language_is_named(runner: CliRunner, tmp_path: Path) -> None:
    card = _copy(runner, tmp_path)
    phone = card_phones()[0]
    changed = phone[:-1] + ("7" if phone[-1] != "7" else "8")
    card.write_text(card.read_text().replace(f'"{phone}"', f'"{changed}"'))
    result = runner.invoke(app, ["validate", str(card)])
    assert result.exit_code == 0, result.output  # valid, with a warning
    assert "den engelske udgave passer ikke længere" in result.output
    # Issue 24: the place by id and name, the values as the file writes them.
    assert f'felt phone: "{changed}" i den danske, "{phone}"' in result.output
    assert "kontakten nikoline_petersen (Nikoline Petersen)" in result.output


def test_a_changed_rule_in_one_language_is_named(runner: CliRunner, tmp_path: Path) -> None:
    card = _copy(runner, tmp_path)
    english = tmp_path / "actioncard.en.yaml"
    english.write_text(
        english.read_text().replace(
            "- when: { role: perpetrator }\n        show: [perpetrator_help]",
            "- when: { role: unknown }\n        show: [perpetrator_help]",
        )
    )
    result = runner.invoke(app, ["validate", str(card)])
    assert result.exit_code == 0, result.output
    assert "screening.rules.supplements" in result.output and "felt when" in result.output


def test_an_old_contact_list_is_a_warning(runner: CliRunner, tmp_path: Path) -> None:
    card = _copy(runner, tmp_path)
    for path in (card, tmp_path / "actioncard.en.yaml"):
        path.write_text(path.read_text().replace('"2026-11-26"', '"2024-01-31"'))
    result = runner.invoke(app, ["validate", str(card)])
    assert result.exit_code == 0, result.output
    assert "sidst opdateret 2024-01-31, for over 12 måneder siden" in result.output
    assert "passer ikke længere" not in result.output


def test_copy_card_keeps_what_is_there_without_force(runner: CliRunner, tmp_path: Path) -> None:
    card = _copy(runner, tmp_path)
    card.write_text(card.read_text() + "# min rettelse\n")
    again = runner.invoke(app, ["copy-card", str(tmp_path)])
    assert again.exit_code == 2
    assert "findes allerede" in again.output
    assert card.read_text().endswith("# min rettelse\n")
    forced = runner.invoke(app, ["copy-card", str(tmp_path), "--force"])
    assert forced.exit_code == 0, forced.output
    assert not card.read_text().endswith("# min rettelse\n")
