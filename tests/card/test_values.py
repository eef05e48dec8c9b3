"""Values in the card: phone numbers that stand whole, times and hours, danger
labels that say what they mean; each mistake gets Danish advice."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import card_with
from typer.testing import CliRunner

from stalkcard.card.reading import bundled_card_path, card_from_text, load_card
from stalkcard.cli.app import app
from stalkcard.errors import CardError


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


# What is shown is what is dialled: the phone stands whole in the card's line ------------------


@pytest.mark.parametrize(
    "line",
    [
        "Dansk Stalking Center, tlf.nr: 12517 73749",  # the case
        "Dansk Stalking Center, tlf.nr: 12517 7374",
        "Dansk Stalking Center, tlf.nr: 2517 73741",
        "Dansk Stalking Center, tlf.nr: 12517 7374 eller 2517 7374",  # the first is what is linked
        "Dansk Stalking Center, tlf.nr: ٣2517 7374",  # an Arabic-Indic digit is a digit too
    ],
)
def test_a_phone_inside_a_longer_number_is_refused(
    tmp_path: Path, runner: CliRunner, line: str
) -> None:
    path = card_with(
        tmp_path,
        'card_line: "Dansk Stalking Center, tlf.nr: 2517 7374"',
        f'card_line: "{line}"',
    )
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    assert "helt nummer" in result.output
    assert "card_line" in result.output


@pytest.mark.parametrize(
    "line",
    [
        "Dansk Stalking Center, tlf.nr: 2517 7374",
        "Dansk Stalking Center, tlf.nr:2517 7374.",
        "Dansk Stalking Center (+45 2517 7374)",
    ],
)
def test_a_phone_standing_whole_is_accepted(tmp_path: Path, runner: CliRunner, line: str) -> None:
    path = card_with(
        tmp_path,
        'card_line: "Dansk Stalking Center, tlf.nr: 2517 7374"',
        f'card_line: "{line}"',
    )
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.output


def _danger_choices(yes: str, no: str, unknown: str = "Ved ikke") -> str:
    return (
        "    danger: true\n    choices:\n"
        f'      - id: "yes"\n        label: "{yes}"\n'
        f'      - id: "no"\n        label: "{no}"\n'
        f'      - id: unknown\n        label: "{unknown}"\n'
    )


@pytest.mark.parametrize(
    ("yes", "no", "unknown", "wrong"),
    [
        ("Nej", "Ja", "Ved ikke", "Nej"),
        ("Ja", "Ved ikke", "Nej", "Ved ikke"),
        ("Yes", "No", "Yes, maybe", "Yes, maybe"),
    ],
)
def test_swapped_danger_labels_are_refused(
    tmp_path: Path, runner: CliRunner, yes: str, no: str, unknown: str, wrong: str
) -> None:
    path = card_with(tmp_path, "    danger: true\n", _danger_choices(yes, no, unknown))
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    assert 'spørgsmålet "danger" (Er nogen i akut fare lige nu?)' in result.output
    assert f'har teksten "{wrong}"' in result.output


def test_danger_labels_that_say_what_they_mean_are_accepted(
    tmp_path: Path, runner: CliRunner
) -> None:
    choices = _danger_choices("Ja, lige nu", "Nej, ingen er i fare", "Det ved jeg ikke")
    path = card_with(tmp_path, "    danger: true\n", choices)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("typed", ["25:00", '"25:00"', "24:30", "-1:00", "99:99"])
def test_an_impossible_time_is_never_the_example(
    tmp_path: Path, runner: CliRunner, typed: str
) -> None:
    path = card_with(tmp_path, '    opens: "08:00"', f"    opens: {typed}")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    assert 'klokkeslæt fra "00:00" til "24:00" i anførselstegn, fx "15:00"' in result.output
    assert "25:00" not in result.output.replace(typed, "")


def test_a_real_time_without_quotes_is_the_example(tmp_path: Path, runner: CliRunner) -> None:
    path = card_with(tmp_path, '    opens: "08:00"', "    opens: 9:30")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    assert 'skal være et klokkeslæt i anførselstegn, fx "09:30"' in result.output


def test_hours_across_midnight_are_refused(make_card: object, card_text: str) -> None:
    from stalkcard.errors import CardError

    day = 'opens: "08:00"\n    closes: "15:00"'
    text = card_text.replace(day, 'opens: "16:00"\n    closes: "02:00"')
    assert text != card_text
    path = make_card(text=text)  # type: ignore[operator]
    with pytest.raises(CardError) as info:
        load_card(path)
    assert "meta.office_hours.closes" in info.value.message
    assert "skal ligge efter det, hvor de åbner" in info.value.message


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ('closes: "15:00"', "closes: 15:00", 'skal være et klokkeslæt i anførselstegn, fx "15:00"'),
        ("days: [mon, tue", "days: [monday, tue", "monday er ikke en ugedag"),
        # Not text: YAML's no (false), a number, nothing. Said as the kind of value it is,
        # never as Python writes it ("False er ikke en ugedag").
        ("days: [mon, tue", "days: [mon, no", "uden dem læses ord som yes/no/on/off"),
        ("days: [mon, tue", "days: [mon, 2", 'skal være tekst i anførselstegn, fx "2"'),
        ("days: [mon, tue", "days: [mon, ~", "skal være tekst, ikke tom"),
    ],
)
def test_hours_mistakes_get_danish_advice(
    make_card: object, card_text: str, old: str, new: str, words: str
) -> None:
    from stalkcard.errors import CardError

    text = card_text.replace(old, new, 1)
    assert text != card_text
    with pytest.raises(CardError) as info:
        load_card(make_card(text=text))  # type: ignore[operator]
    assert words in info.value.message
