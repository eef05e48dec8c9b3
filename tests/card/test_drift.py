"""The card's keeper: a copy of the bundled card to edit (copy-card), and the
language copies checked for drift: a number or a rule changed in one language
is named, the same rules written differently are not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import CONTENT, card_phones, posix, run_stalkcard
from typer.testing import CliRunner

from stalkcard.card.reading import bundled_card_path, load_card
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


def test_copies_start_with_the_modeline_and_validate(runner: CliRunner, tmp_path: Path) -> None:
    folder = _copied(runner, tmp_path)
    for name in ("actioncard.yaml", "actioncard.en.yaml"):
        first = (folder / name).read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=./card.schema.json"
    assert (folder / "card.schema.json").is_file()
    result = runner.invoke(app, ["validate", str(folder / "actioncard.yaml")])
    assert result.exit_code == 0, result.output


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


# The language copies' rules compared as data ----------------------------------------

PROSE_NAMED = ["note", "text", "label", "name", "keywords"]


def _copies(tmp_path: Path, ident: str, danish: Any, english: Any) -> Path:
    """The bundled card and its English copy, each with a question `ident`
    and a supplement rule on it: value `danish` in one, `english` in the other."""
    paths = []
    for name, value in (("actioncard.yaml", danish), ("actioncard.en.yaml", english)):
        data: dict[str, Any] = yaml.safe_load((CONTENT / name).read_text(encoding="utf-8"))
        data["questions"].append(
            {"id": ident, "text": "Spørgsmål?", "label": "Svar", "required": False}
        )
        data["screening"]["rules"]["supplements"].append(
            {"when": {ident: value}, "show": [data["supplements"][-1]["id"]]}
        )
        path = tmp_path / name
        path.write_text(_dump(data), encoding="utf-8")
        paths.append(path)
    return paths[0]


@pytest.mark.parametrize("ident", PROSE_NAMED)
def test_a_rule_value_on_a_prose_named_question_that_differs_is_named(
    runner: CliRunner, tmp_path: Path, ident: str
) -> None:
    """Before: the drift check walked the rules' keys and skipped any named like
    a prose field (note, text, label ...): validate said nothing, though the
    Danish and English cards gave different results."""
    card = _copies(tmp_path, ident, "yes", "no")
    result = runner.invoke(app, ["validate", str(card)])
    assert result.exit_code == 0, result.output
    assert "den engelske udgave passer ikke længere" in result.output, result.output
    # Issue 24: values as the file writes them, not as Python does.
    assert f'felt when.{ident}: ["yes"] i den danske, ["no"] i den engelske.' in result.output


def test_the_same_rules_written_differently_are_no_drift(runner: CliRunner, tmp_path: Path) -> None:
    """Conditions are compared as data: "yes" and ["yes"] are the same rule."""
    card = _copies(tmp_path, "svar", "yes", ["yes"])
    result = runner.invoke(app, ["validate", str(card)])
    assert result.exit_code == 0, result.output
    assert "passer ikke længere" not in result.output, result.output
    assert load_card(card, compiled=False) is not None


def test_copy_card_checks_both_files_before_writing(tmp_path: Path, runner: CliRunner) -> None:
    folder = tmp_path / "kort"
    folder.mkdir()
    (folder / "actioncard.en.yaml").write_text("min engelske udgave", encoding="utf-8")
    result = runner.invoke(app, ["copy-card", str(folder)])
    assert result.exit_code == 2, result.output
    assert "Filen findes allerede" in result.output
    assert "actioncard.en.yaml" in result.output
    assert sorted(p.name for p in folder.iterdir()) == ["actioncard.en.yaml"]  # nothing half-done
    assert (folder / "actioncard.en.yaml").read_text(encoding="utf-8") == "min engelske udgave"
    result = runner.invoke(app, ["copy-card", str(folder), "--force"])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in folder.iterdir())  # issue 24: and the schema
    assert names == ["actioncard.en.yaml", "actioncard.yaml", "card.schema.json"]


def test_copy_card_onto_a_file_says_it_must_be_a_folder(tmp_path: Path, runner: CliRunner) -> None:
    target = tmp_path / "kort.txt"
    target.write_text("noget andet", encoding="utf-8")
    for args in (["copy-card", str(target)], ["copy-card", str(target), "--force"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "er en fil, ikke en mappe" in result.output
        assert target.read_text(encoding="utf-8") == "noget andet"


@posix
def test_copy_card_onto_a_file_in_a_real_process(tmp_path: Path) -> None:
    target = tmp_path / "kort.txt"
    target.write_text("noget andet", encoding="utf-8")
    result = run_stalkcard(["copy-card", str(target)])
    assert result.returncode == 2, result.stderr
    assert "er en fil, ikke en mappe" in result.stderr
    assert "Kan ikke skrive output" not in result.stderr


def test_copy_card_undoes_a_new_copy_when_the_second_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stalkcard import output
    from stalkcard.cli.keeper_files import copy_card
    from stalkcard.errors import OutputError

    real = output.write_private

    def second_fails(path: Path | str, data: str | bytes, **kwargs: object) -> Path:
        if str(path).endswith(".en.yaml"):
            raise OutputError("fuld disk")
        return real(path, data, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(output, "write_private", second_fails)
    with pytest.raises(OutputError):
        copy_card(tmp_path / "kort")
    assert list((tmp_path / "kort").iterdir()) == []
