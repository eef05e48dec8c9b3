"""Contact search: the words people type, typos, phone numbers, Unicode folding,
112 kept apart, and capped work for long queries."""

from __future__ import annotations

import json
import time

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


# Contact search ---------------------------------------------------------------


@pytest.mark.usefixtures("loader")
@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("soenderskov", ["Vibeke Sønderskov Kristensen"]),
        ("sonderskov", ["Vibeke Sønderskov Kristensen"]),
        ("SØNDERSKOV", ["Vibeke Sønderskov Kristensen"]),
        ("ungeenheden", ["Vibeke Sønderskov Kristensen"]),
        ("politi", ["Sydøstjyllands Politi"]),
        ("sydoestjylland", ["Sydøstjyllands Politi"]),
        ("skousboell", ["Marlene Skousbøll Bendix"]),
        ("boern og unge", ["Anne Bennike Hansen"]),
        ("stalking center", ["Dansk Stalking Center"]),
        ("arbejdsmarked", ["Nikoline Petersen", "Sofie Jensen"]),
        ("ingen sådan", []),
    ],
)
def test_find_contacts(query: str, names: list[str]) -> None:
    found = find_contacts(load_card().contacts, query)
    assert [c.name for c in found] == names


@pytest.mark.usefixtures("loader")
def test_fold_danish_letters() -> None:
    assert fold("Sønderskov") == fold("soenderskov") == fold("sonderskov")
    assert fold("Århus") == fold("aarhus") == fold("arhus")
    assert fold("Hærværk") == fold("haervaerk")


# Search: capped work, Unicode folding ----------------------------------------------------------

LONG_QUERIES = {
    "1000 words": " ".join(f"ord{i}" for i in range(1000)),
    "10000 letters": "vibeke" * 1667,
    "near argv max": "x" * 131_000,  # Linux's MAX_ARG_STRLEN is 131,072 bytes
    "six long words": " ".join(["abcdefghijklmnopqrstuvwxyzabcdef"] * 5 + ["vibke"]),
    "100 one-letter words": " ".join("abcdefghij"[i % 10] for i in range(100)),
    "NFKC expands": "\ufdfa" * 200,  # one character, 18 after NFKC
}


@pytest.mark.parametrize("name", list(LONG_QUERIES))
def test_every_query_is_answered_in_under_a_fifth_of_a_second(name: str) -> None:
    from stalkcard.card.reading import load_card
    from stalkcard.engine import search as search_module
    from stalkcard.engine.search import closest, search
    from stalkcard.errors import AnswerError

    card = load_card()
    everyone = card.contacts + card.extra_contacts
    query = LONG_QUERIES[name]
    getattr(search_module._ranked, "cache_clear", lambda: None)()
    start = time.perf_counter()
    try:
        found, _fuzzy = search(everyone, query)
        if not found:
            closest(everyone, query)  # the "Mente du" of `contacts`
    except AnswerError as exc:
        assert "for lang" in exc.message
    assert time.perf_counter() - start < 0.2


@pytest.mark.parametrize("name", ["1000 words", "10000 letters", "near argv max"])
def test_an_overlong_query_is_refused_in_danish(name: str, runner: CliRunner) -> None:
    result = runner.invoke(app, ["contacts", LONG_QUERIES[name]])
    assert result.exit_code == 2
    assert "Søgningen er for lang" in result.output


def test_each_ranking_is_computed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from stalkcard.card.reading import load_card
    from stalkcard.engine import search as search_module

    card = load_card()
    calls: list[str] = []
    real = search_module._score

    def counting(words: list[str], contact: object) -> float:
        calls.append(str(contact))
        return real(words, contact)  # type: ignore[arg-type]

    monkeypatch.setattr(search_module, "_score", counting)
    search_module._ranked.cache_clear()
    result = CliRunner().invoke(app, ["contacts", "qqqqzzzz"])
    assert result.exit_code == 1
    assert len(calls) == len(card.contacts + card.extra_contacts)  # not twice


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ra\u030adgivning", "dansk_stalking_center"),  # å typed as a + combining ring
        ("\uff33\uff33\uff30", "marlene_skousboell_bendix"),  # fullwidth SSP
        ("S\u0336SP", None),  # a combining overlay is not a letter: no exact match
        ("s\u200bsp", "marlene_skousboell_bendix"),  # a zero-width space typed along
        ("SØNDERSKOV", "vibeke_soenderskov_kristensen"),
        (
            "\uff18\uff17\uff19\uff14 \uff17\uff19\uff18\uff13",
            "vibeke_soenderskov_kristensen",
        ),  # fullwidth
    ],
)
def test_search_folds_unicode(query: str, expected: str | None) -> None:
    from stalkcard.card.reading import load_card
    from stalkcard.engine.search import find_contacts

    card = load_card()
    found = [c.id for c in find_contacts(card.contacts + card.extra_contacts, query)]
    assert (expected in found) if expected else found == []


def test_a_combining_ring_finds_what_the_composed_letter_finds() -> None:
    from stalkcard.card.reading import load_card
    from stalkcard.engine.search import find_contacts

    card = load_card()
    everyone = card.contacts + card.extra_contacts
    composed = find_contacts(everyone, "rådgivning")
    assert composed
    assert find_contacts(everyone, "ra\u030adgivning") == composed
    assert find_contacts(everyone, "R\uff21\u030aDGIVNING") == composed  # fullwidth A + ring


@pytest.mark.parametrize(
    ("words", "found"),
    [(["børn", "og", "unge"], "Anne Bennike Hansen"), (["8794", "7983"], "Vibeke Sønderskov"),
     (["lev", "uden", "vold"], "1888")],
)  # fmt: skip
def test_a_search_of_several_words_needs_no_quotes(words: list[str], found: str) -> None:
    from helpers import run_stalkcard

    result = run_stalkcard(["contacts", *words], {"COLUMNS": "100"})
    assert result.returncode == 0, result.stderr
    assert found in result.stdout
