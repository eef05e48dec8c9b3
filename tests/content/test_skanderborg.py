"""Skanderborg's card, the bundled one: its contacts and numbers, its words where
they matter (the law, the duty to notify, the notification route), and the
English card in step with the Danish."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from helpers import normalise
from typer.testing import CliRunner

from stalkcard.card.fields import as_data
from stalkcard.card.model import DefinitionSection, FormsSection
from stalkcard.card.reading import bundled_card_path, load_card
from stalkcard.cli.app import app


@pytest.mark.usefixtures("loader")
def test_bundled_card_is_the_whole_card() -> None:
    card = load_card()
    assert card.meta.municipality == "Skanderborg Kommune"
    assert card.meta.version == "1.0"
    assert isinstance(card.meta.contacts_verified, date)
    definition = card.section("stalking")
    assert isinstance(definition, DefinitionSection)
    assert [c.id for c in definition.criteria] == ["unwanted", "one_sided", "repeated"]
    examples = card.section("eksempler")
    assert isinstance(examples, FormsSection)
    assert [f.id for f in examples.forms] == [
        "messages",
        "through_others",
        "vandalism_threats",
        "digital",
        "gifts",
        "surveillance",
    ]
    phones = {c.name: c.phone for c in card.contacts}
    assert phones == {
        "Nikoline Petersen": "8794 7626",
        "Sofie Jensen": "8794 7266",
        "Vibeke Sønderskov Kristensen": "8794 7983",
        "Marlene Skousbøll Bendix": "2031 5268",
        "Anne Bennike Hansen": "8794 7268",
        "Dansk Stalking Center": "2517 7374",
        "Sydøstjyllands Politi": "7628 1448",
    }
    assert [s.id for s in card.sections] == [
        "stalking",
        "eksempler",
        "mistanke",
        "sparring",
        "handling",
        "videre_handling",
    ]
    assert card.step_ids == [
        "sparring",
        "handling",
        "own_options",
        "network",
        "coordination",
        "referral",
    ]


def test_the_notification_route_is_not_a_phone_call() -> None:
    """The written notification has no number of its own: no "Tlf. 114", no
    tel: link on the page; its text says the routes (in opening hours, after
    hours through the police, and 112 in danger), with sources."""
    from helpers import run_stalkcard

    result = run_stalkcard(["contacts", "underretning"], {"COLUMNS": "100"})
    assert result.returncode == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "Tlf." not in text and "Underretning om et barn eller en ung (skriftligt)" in text
    for words in ("mens kommunen har åbent", "ring til politiet på 114, og bed om kommunens "
                  "sociale vagt", "ring 112", "Læsø Kommune, laesoe.dk"):  # fmt: skip
        assert words in text, words
    card = load_card()
    route = next(c for c in card.extra_contacts if c.id == "underretning")
    assert route.phone == ""


# The two card files ----------------------------------------------------------------------

KEPT = {"id", "phone", "name", "unit", "result", "show", "when", "when_any", "version",
        "contacts_verified", "assessment", "urgent", "steps", "supplements"}  # fmt: skip


def _compare(da: Any, en: Any, path: str = "") -> list[str]:
    """Differences in ids and structure; the words themselves may differ."""
    if type(da) is not type(en):
        return [f"{path}: {type(da).__name__} / {type(en).__name__}"]
    if isinstance(da, dict):
        if set(da) != set(en):
            return [f"{path}: keys {sorted(set(da) ^ set(en))}"]
        out: list[str] = []
        for key in da:
            if key == "keywords":  # search words: each language has its own
                continue
            here = f"{path}.{key}"
            words = path.startswith(".supplement_contacts")
            scalar = not isinstance(da[key], dict | list)
            if key in KEPT and scalar and not words and da[key] != en[key]:
                out.append(f"{here}: {da[key]!r} / {en[key]!r}")
            out += _compare(da[key], en[key], here)
        return out
    if isinstance(da, list):
        if len(da) != len(en):
            return [f"{path}: {len(da)} / {len(en)} items"]
        return [
            d
            for i, (a, b) in enumerate(zip(da, en, strict=True))
            for d in _compare(a, b, f"{path}[{i}]")
        ]
    return []


def test_english_card_has_the_same_ids_and_structure() -> None:
    da = as_data(load_card(bundled_card_path("actioncard.yaml")))
    en = as_data(load_card(bundled_card_path("actioncard.en.yaml")))
    assert _compare(da, en) == []

    def without_notes(rules: dict[str, Any]) -> dict[str, Any]:
        return {k: [{**r, "note": None} for r in v] for k, v in rules.items()}

    assert without_notes(da["screening"]["rules"]) == without_notes(en["screening"]["rules"])
    assert en["meta"]["language"] == "en"


def test_the_comparison_notices_drift() -> None:
    da = as_data(load_card())
    en = as_data(load_card(bundled_card_path("actioncard.en.yaml")))
    en["contacts"][1]["phone"] = "8794 7267"
    examples = next(s for s in en["sections"] if s["kind"] == "forms")
    del examples["forms"][0]
    assert len(_compare(da, en)) == 2


CARDS = {"da": load_card(), "en": load_card(language="en")}


def test_the_children_question_names_under_18_and_a_child_on_the_way() -> None:
    da, en = (next(q.text for q in CARDS[lang].questions if q.id == "children") for lang in CARDS)
    assert "under 18" in da
    assert "barn på vej" in da
    assert "under 18" in en
    assert "child on the way" in en
    duty = next(s for s in CARDS["da"].supplements if s.id == "duty_to_notify")
    assert "kommende forældres" in duty.text and "personlig" in duty.text


def test_contacts_underretning_is_no_sparring_call(runner: CliRunner) -> None:
    result = runner.invoke(app, ["contacts", "underretning"])
    assert result.exit_code == 0, result.output
    assert "8794 7268" not in result.output  # not the Børn og Unge resource person
    assert "Anne Bennike Hansen" not in result.output
    assert "skriftligt til barnets bopælskommune" in normalise(result.output)
    assert "ikke fundet i en offentlig kilde" in normalise(result.output)


@pytest.mark.parametrize("language", ["da", "en"])
def test_conflict_text_keeps_the_sources_hedge_and_marks_the_tools_note(language: str) -> None:
    conflict = next(s for s in CARDS[language].supplements if s.id == "conflict")
    hedge = {"da": "kan være en fordel", "en": "can be an advantage"}[language]
    mine = {
        "da": "Bemærk (ikke fra Dansk Stalking Center)",
        "en": "Note (not from Dansk Stalking Center)",
    }[language]
    assert hedge in conflict.text and mine in conflict.text
    assert {"da": "den udsatte", "en": "the person being stalked"}[language] in conflict.text
    assert {"da": "borgeren har svaret", "en": "the citizen has answered"}[language] not in (
        conflict.text
    )
