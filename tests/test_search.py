"""Contact search: the words people type, typos, phone numbers, 112 kept apart."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from stalkcard.card.reading import load_card
from stalkcard.cli.app import app
from stalkcard.engine.search import closest, find_contacts, fold, search

CARD = load_card()
EVERYONE = CARD.contacts + CARD.extra_contacts


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("jobcenter", {"nikoline_petersen", "sofie_jensen"}),  # the card: "f.eks. Jobcenteret"
        # The notification route names the police's 114 for after hours.
        ("politiet", {"sydoestjyllands_politi", "politi_114"}),
        # A notification is never a sparring call: the route, not Børn og Unge.
        ("underretning", {"underretning"}),
        ("116 006", {"offerraadgivningen_116006"}),
        ("offerrådgivning", {"offerraadgivningen_116006"}),
        ("stalkingcenter", {"dansk_stalking_center"}),
        ("ungdom", {"vibeke_soenderskov_kristensen", "marlene_skousboell_bendix"}),
        ("børn & unge", {"anne_bennike_hansen"}),  # the card's own spelling in step 5
        ("Børn og Unge", {"anne_bennike_hansen"}),
        ("112", {"alarm_112"}),
        ("akut", {"alarm_112"}),
        # The notification route has no number of its own (issue 22): not a call to 114.
        ("114", {"politi_114"}),
        ("1888", {"lev_uden_vold_1888"}),
        ("7983", {"vibeke_soenderskov_kristensen"}),
        ("8794 7983", {"vibeke_soenderskov_kristensen"}),
        ("87947983", {"vibeke_soenderskov_kristensen"}),
        # A number written for abroad, as a phone shows it.
        ("+45 2517 7374", {"dansk_stalking_center"}),
        ("+4587947983", {"vibeke_soenderskov_kristensen"}),
        ("0045 7628 1448", {"sydoestjyllands_politi"}),
        ("soenderskov", {"vibeke_soenderskov_kristensen"}),
        ("SSP", {"marlene_skousboell_bendix"}),
    ],
)
def test_finds_what_people_type(query: str, expected: set[str]) -> None:
    found, fuzzy = search(EVERYONE, query)
    assert {c.id for c in found} == expected
    assert not fuzzy


@pytest.mark.parametrize(
    ("typo", "expected"),
    [("vibke", "vibeke_soenderskov_kristensen"), ("jensn", "sofie_jensen"),
     ("nikolline", "nikoline_petersen"), ("polti", "sydoestjyllands_politi")],
)  # fmt: skip
def test_typos_find_the_nearest_first(typo: str, expected: str) -> None:
    assert find_contacts(EVERYONE, typo) == []
    found, fuzzy = search(EVERYONE, typo)
    assert fuzzy
    assert found[0].id == expected


def test_nonsense_finds_nothing_and_suggests_nothing_silly() -> None:
    assert search(EVERYONE, "zebra")[0] == []
    assert closest(EVERYONE, "qqqqq") == []
    assert [c.id for c in closest(EVERYONE, "vbk")] == ["vibeke_soenderskov_kristensen"]


def test_fold() -> None:
    assert fold("Sønderskov") == fold("Soenderskov") == fold("sonderskov")
    assert fold("Børn & Unge") == fold("born og unge")
    assert fold("Skousbøll") == fold("skousboell")


def test_no_query_lists_everyone_with_the_supplements_last() -> None:
    found = find_contacts(EVERYONE, None)
    assert [c.kind for c in found] == ["person"] * 5 + ["organisation"] * 2 + ["supplement"] * 5


# Through the command -------------------------------------------------------------


def test_112_is_shown_apart_and_marked(runner: CliRunner) -> None:
    result = runner.invoke(app, ["contacts", "112"])
    assert result.exit_code == 0, result.output
    assert "Tillæg – ikke en del af handlekortet" in result.output
    assert "Kilde (112): Politiet (politi.dk)" in result.output
    assert "Ressourcepersoner" not in result.output


def test_the_card_contacts_end_the_list_and_the_supplements_stand_apart(
    runner: CliRunner,
) -> None:
    """The card's contacts end the list, so they are on the last screen (issue
    22); the numbers that are not on the card stand apart under their mark."""
    out = runner.invoke(app, ["contacts"]).output
    assert out.index("Tillæg – ikke en del af handlekortet") < out.index("Alarmcentralen (112)")
    assert out.index("Alarmcentralen (112)") < out.index("Nikoline Petersen")
    assert out.rstrip().endswith("til den lokale politistation.")


def test_a_typo_says_so_and_shows_the_nearest(runner: CliRunner) -> None:
    result = runner.invoke(app, ["contacts", "vibke"])
    assert result.exit_code == 0, result.output
    assert 'Intet passer præcist på "vibke"' in result.output
    assert "8794 7983" in result.output


def test_no_match_suggests_the_closest(runner: CliRunner) -> None:
    result = runner.invoke(app, ["contacts", "vbk"])  # too far for a match, near enough to name
    assert result.exit_code == 1
    assert "Mente du: Vibeke Sønderskov Kristensen" in result.output
    nothing = runner.invoke(app, ["contacts", "qqqqq"])
    assert nothing.exit_code == 1
    assert "Mente du" not in nothing.output


def test_json_marks_what_is_not_on_the_card(runner: CliRunner) -> None:
    data = json.loads(runner.invoke(app, ["contacts", "--json"]).output)
    on_card = [c for c in data if c["part_of_card"]]
    assert len(on_card) == 7
    extra = {c["id"]: c for c in data if not c["part_of_card"]}
    assert {c["phone"] for c in extra.values()} == {"112", "114", "1888", "116 006", None}
    assert extra["underretning"]["phone"] is None  # a written route, not a number
    assert set(extra) == {
        "alarm_112", "politi_114", "lev_uden_vold_1888", "offerraadgivningen_116006",
        "underretning",
    }  # fmt: skip
    assert all(c["kind"] == "supplement" and c["source"] for c in extra.values())


def test_json_and_vcard_together_are_refused(runner: CliRunner, tmp_path: object) -> None:
    result = runner.invoke(app, ["contacts", "--json", "--vcard", "x.vcf"])
    assert result.exit_code == 2
    assert "enten --json eller --vcard" in result.output


def test_vcard_holds_only_the_cards_contacts(runner: CliRunner, tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "k.vcf"
    result = runner.invoke(app, ["contacts", "politi", "--vcard", str(path)])
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    assert "+4576281448" in text
    assert "114" not in text.replace("+4576281448", "")
