"""The card's JSON Schema and format version, and `stalkcard new-card`: what an
editor needs to help a keeper write a card."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import TESTS
from typer.testing import CliRunner

from stalkcard.card.reading import bundled_card_path, card_from_text, load_card
from stalkcard.card.schema import MODELINE, SCHEMA_FILE
from stalkcard.cli.app import app
from stalkcard.errors import CardError


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


# The editor helps: JSON Schema, format_version, modeline ------------------------------


def _as_json_data(text: str) -> object:
    """A card file as an editor's YAML extension sees it: dates as text."""
    import yaml

    data = yaml.safe_load(text)
    return json.loads(json.dumps(data, default=str))


def test_the_shipped_schema_is_current() -> None:
    from stalkcard.card.schema import schema_text, shipped_schema_path

    assert shipped_schema_path().read_text(encoding="utf-8") == schema_text()


def test_the_schema_validates_the_bundled_cards_and_rejects_a_wrong_one(
    runner: CliRunner,
) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    validator = jsonschema.Draft202012Validator(schema)
    folder = bundled_card_path().parent
    cards = sorted(folder.glob("*.yaml")) + sorted((TESTS / "cards").glob("*.yaml"))
    assert len(cards) >= 5
    for path in cards:
        errors = list(validator.iter_errors(_as_json_data(path.read_text(encoding="utf-8"))))
        assert errors == [], (path, errors[:3])
    wrong = _as_json_data(bundled_card_path().read_text(encoding="utf-8"))
    assert isinstance(wrong, dict)
    wrong["contacts"][0]["phone"] = 87947626  # a number, not text
    wrong["meta"]["versoin"] = "1.0"  # an unknown field
    wrong["sections"][0]["kind"] = "afsnit"  # no such kind
    messages = [e.message for e in validator.iter_errors(wrong)]
    assert len(messages) >= 3, messages


def test_a_higher_format_version_is_refused_in_danish() -> None:
    text = "format_version: 2\n" + bundled_card_path().read_text(encoding="utf-8")
    with pytest.raises(CardError) as info:
        card_from_text(text, "kort.yaml")
    assert "kortformat 2" in info.value.message
    assert "kan kun læse format 1" in info.value.message
    one = "format_version: 1\n" + bundled_card_path().read_text(encoding="utf-8")
    assert card_from_text(one, "kort.yaml").format_version == 1
