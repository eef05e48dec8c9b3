"""Issue 24: validate reports everything in one run, in plain Danish, with
places by id or name; a language copy that drifts is refused; the card's
JSON Schema; the card format grows to real procedures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import line_of
from typer.testing import CliRunner

from stalkcard.card.reading import bundled_card_path, card_from_text, load_card
from stalkcard.cli.app import app
from stalkcard.errors import CardError

UNKNOWN_FIELDS = 12


def six_mistakes() -> str:
    """The bundled card with six different mistakes and twelve unknown fields."""
    text = bundled_card_path().read_text(encoding="utf-8")
    changes = [
        ("    unit: ungeenheden\n", "\tunit: ungeenheden\n"),  # a tab
        ('phone: "2031 5268"', "phone: 20315268"),  # an unquoted number
        ("      - when: { role: victim }\n", "      - when: { role: offer }\n"),  # a wrong choice
        ("show: [acute_danger]", "show: [akut_fare]"),  # an unknown id
        ("  - id: sydoestjyllands_politi\n", "  - id: nikoline_petersen\n"),  # a duplicate id
        ("    danger: true\n", ""),  # no danger question
        (
            '  version: "1.0"\n',
            '  version: "1.0"\n' + "".join(f'  felt_{n}: "x"\n' for n in range(UNKNOWN_FIELDS)),
        ),
    ]
    for old, new in changes:
        assert text.count(old) >= 1, old
        text = text.replace(old, new, 1)
    return text


def test_six_mistakes_and_twelve_unknown_fields_in_one_run(
    runner: CliRunner, tmp_path: Path
) -> None:
    text = six_mistakes()
    path = tmp_path / "kort.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    out = result.output
    tab_line = line_of(text, "\tunit: ungeenheden")
    assert f"Der står et tabulatortegn i linje {tab_line}, kolonne 1: brug mellemrum." in out
    phone_line = line_of(text, "phone: 20315268")
    assert (
        f"linje {phone_line}, kontakten marlene_skousboell_bendix (Marlene Skousbøll Bendix), "
        'felt phone: skal være tekst i anførselstegn, fx "20315268"'
    ) in out
    assert 'felt when.role: "role" kan kun være: victim, perpetrator, unknown.' in out
    assert 'tillægget "akut_fare" findes ikke under supplements.' in out
    assert (
        'kontakten nikoline_petersen (Sydøstjyllands Politi), felt id: id "nikoline_petersen" '
        "bruges to gange."
    ) in out
    assert "ét spørgsmål skal være spørgsmålet om akut fare (danger: true)" in out
    unknown = [line for line in out.splitlines() if "er ikke et kendt felt her" in line]
    assert len(unknown) == UNKNOWN_FIELDS, out
    assert "Felterne her er: title, municipality, version" in unknown[0]
    # No cascade: the lost contact id, the floors and the stand-ins say nothing more.
    problems = [line for line in out.splitlines() if line.startswith("  ")]
    assert len(problems) == 6 + UNKNOWN_FIELDS, out
    assert "findes ikke under contacts" not in out
    assert "x_stand_in" not in out and "00000000" not in out
    # Plain Danish: no English from PyYAML or msgspec.
    for english in ("Expected", "found", "Teknisk", "object", "array"):
        assert english not in out, out
    # Every problem has its line.
    assert all(line.startswith("  linje ") or "tabulatortegn" in line for line in problems)


def test_validate_json_lists_every_problem(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "kort.yaml"
    path.write_text(six_mistakes(), encoding="utf-8")
    result = runner.invoke(app, ["validate", "--format", "json", str(path)])
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["valid"] is False
    assert len(data["problems"]) == 6 + UNKNOWN_FIELDS
    phone = next(p for p in data["problems"] if p["path"] == "contacts[4].phone")
    assert phone["place"].startswith("kontakten marlene_skousboell_bendix")
    ok = runner.invoke(app, ["validate", "--format", "json"])
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.stdout)["valid"] is True


def test_the_other_commands_show_ten_and_say_how_to_see_the_rest(tmp_path: Path) -> None:
    with pytest.raises(CardError) as info:
        card_from_text(six_mistakes(), "kort.yaml")
    message = info.value.message
    assert "... og 8 fejl mere: stalkcard validate viser dem alle." in message


def test_a_dropped_digit_is_refused(tmp_path: Path) -> None:
    text = bundled_card_path().read_text(encoding="utf-8").replace('"7628 1448"', '"7628 144"')
    with pytest.raises(CardError) as info:
        card_from_text(text, "kort.yaml")
    assert '"7628 144" har 7 cifre: et dansk telefonnummer har 8 cifre, fx "8794 7626"' in (
        info.value.message
    )
    assert "kontakten sydoestjyllands_politi (Sydøstjyllands Politi), felt phone" in (
        info.value.message
    )


def test_a_mistyped_rule_key_is_one_message(tmp_path: Path) -> None:
    """Before: one typo in the danger rule gave four errors (the floors)."""
    text = bundled_card_path().read_text(encoding="utf-8")
    text = text.replace(
        '- when: { danger: ["yes", "unknown"] }', '- when: { dangr: ["yes", "unknown"] }', 1
    )
    with pytest.raises(CardError) as info:
        card_from_text(text, "kort.yaml")
    lines = [line for line in info.value.message.splitlines() if line.startswith("  ")]
    assert len(lines) == 1, info.value.message
    assert '"dangr" er ikke et spørgsmål med ét svar' in lines[0]


def test_a_tab_alone_is_named_in_danish(runner: CliRunner, tmp_path: Path) -> None:
    text = (
        bundled_card_path()
        .read_text(encoding="utf-8")
        .replace("    unit: ungeenheden\n", "\tunit: ungeenheden\n", 1)
    )
    path = tmp_path / "kort.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    line = line_of(text, "\tunit")
    assert f"Der står et tabulatortegn i linje {line}, kolonne 1: brug mellemrum." in result.output
    assert "Teknisk" not in result.output and "tab character" not in result.output


# One card, two languages, no drift -------------------------------------------------


def _copied(runner: CliRunner, tmp_path: Path) -> Path:
    result = runner.invoke(app, ["copy-card", str(tmp_path)])
    assert result.exit_code == 0, result.output
    return tmp_path


def test_a_number_changed_in_the_danish_copy_is_never_published_in_english(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = _copied(runner, tmp_path)
    danish = folder / "actioncard.yaml"
    danish.write_text(danish.read_text().replace('"8794 7626"', '"8794 7627"'))
    english = str(folder / "actioncard.en.yaml")
    page = tmp_path / "side.html"
    result = runner.invoke(app, ["html", "--lang", "en", "--card", english, "-o", str(page)])
    assert result.exit_code == 2, result.output
    assert not page.exists()
    assert "passer ikke længere" in result.output or "no longer matches" in result.output
    assert '"8794 7627"' in result.output
    for args in (["validate", english], ["--card", english, "contacts"]):
        refused = runner.invoke(app, args)
        assert refused.exit_code == 2, refused.output


def test_the_bundled_pair_is_compared_when_the_english_is_used() -> None:
    from stalkcard.card.reading import language_original

    english = bundled_card_path("actioncard.en.yaml")
    assert language_original(english) == bundled_card_path()
    assert load_card(None, language="en").meta.language == "en"


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
    cards = sorted(folder.glob("*.yaml")) + sorted((Path(__file__).parent / "cards").glob("*.yaml"))
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


def test_copies_start_with_the_modeline_and_validate(runner: CliRunner, tmp_path: Path) -> None:
    folder = _copied(runner, tmp_path)
    for name in ("actioncard.yaml", "actioncard.en.yaml"):
        first = (folder / name).read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=./card.schema.json"
    assert (folder / "card.schema.json").is_file()
    result = runner.invoke(app, ["validate", str(folder / "actioncard.yaml")])
    assert result.exit_code == 0, result.output
