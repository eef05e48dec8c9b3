"""Answers: normalising what is typed or given (yes/no/don't know, forms, units by
name), and the errors that name the key and the allowed values."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import DANGER as CHECK
from helpers import bundled_data, card_with, dump, question
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from stalkcard.card.reading import card_from_text, load_card
from stalkcard.cli.app import app
from stalkcard.engine.answers import normalise_answers, parse_pairs
from stalkcard.engine.evaluate import evaluate
from stalkcard.engine.plan import compile_plan
from stalkcard.errors import AnswerError


def test_dont_know_typed_maps_to_the_cards_own_dont_know(tmp_path: Path) -> None:
    from stalkcard.engine.answers import normalise_answers

    data = bundled_data()
    question(data, "role").update(
        choices=[
            {"id": "victim", "label": "Udsat"},
            {"id": "perpetrator", "label": "Udøver"},
            {"id": "ved_ikke", "label": "Ved ikke endnu"},
        ],
        unknown="ved_ikke",
    )
    for rule in data["screening"]["rules"]["steps"] + data["screening"]["rules"]["supplements"]:
        role = rule.get("when", {}).get("role")
        if role == "unknown" or (isinstance(role, list) and "unknown" in role):
            rule["when"]["role"] = (
                "ved_ikke"
                if role == "unknown"
                else ["ved_ikke" if r == "unknown" else r for r in role]
            )
    card = card_from_text(dump(data), "kort.yaml")
    card_plan = compile_plan(card)
    given = {"role": "ved ikke", "danger": "no", "unwanted": "yes", "one_sided": "yes",
             "repeated": "yes"}  # fmt: skip
    assert normalise_answers(given, card_plan)["role"] == "ved_ikke"


HOSTILE = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@HOSTILE
@given(st.dictionaries(
    st.sampled_from(["role", "danger", "forms", "unwanted", "one_sided", "repeated", "children",
                     "x"]),
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=12),
              st.lists(st.text(max_size=8), max_size=3)),
))  # fmt: skip
def test_arbitrary_answers(raw: dict[str, Any]) -> None:
    from stalkcard.card.reading import load_card
    from stalkcard.engine.answers import normalise_answers
    from stalkcard.engine.evaluate import evaluate
    from stalkcard.errors import AnswerError

    card = load_card()
    card_plan = compile_plan(card)
    try:
        answers = normalise_answers(raw, card_plan)
    except AnswerError as exc:
        assert exc.message
        return
    assert [s.id for s in evaluate(card_plan, answers).steps][:2] == [
        "sparring",
        "handling",
    ]


# Unit matching: exact first, a minimum length, two persons in a unit, reserved ids -----------


def _unit(card_file: Path | None, typed: str) -> str:
    from stalkcard.card.reading import load_card
    from stalkcard.engine.answers import normalise_unit

    card = load_card(card_file) if card_file else load_card()
    return normalise_unit(typed, compile_plan(card))


def test_an_exact_unit_name_wins_over_substrings(tmp_path: Path) -> None:
    # "Unge" is in "Ungeenheden" and "Børn og Unge" too: the exact name wins.
    path = card_with(tmp_path, 'name: "SSP konsulent"', 'name: "Unge"')
    assert _unit(path, "unge") == "ssp"
    assert _unit(path, "UNGE") == "ssp"
    assert _unit(path, "ungeenhed") == "ungeenheden"  # substring still works


@pytest.mark.parametrize("typed", ["t", "og", "s s"])
def test_too_short_a_unit_suggests_nobody(typed: str, runner: CliRunner) -> None:
    from stalkcard.errors import AnswerError

    with pytest.raises(AnswerError, match="passer ikke på én enhed"):
        _unit(None, typed)
    result = runner.invoke(app, [*CHECK, "--answer", f"unit={typed}"])
    assert result.exit_code == 2


def test_ssp_is_still_found() -> None:
    assert _unit(None, "ssp") == "ssp"
    assert _unit(None, "SSP") == "ssp"  # by the unit's name, "SSP konsulent"
    assert _unit(None, "ssp konsulent") == "ssp"
    assert _unit(None, "børn & unge") == "boern_og_unge"
    # A person's id is taken too, as that person's unit.
    assert _unit(None, "marlene_skousboell_bendix") == "ssp"


def test_two_persons_in_one_unit_are_never_picked_at_random(
    tmp_path: Path, runner: CliRunner
) -> None:
    """The unit answer is a unit (issue 15): with two persons in it, both are
    suggested, in the card's order; neither is picked at random."""
    import json

    from stalkcard.card.reading import load_card

    path = card_with(tmp_path, "unit: arbejdsmarkedsservice", "unit: arbejdsmarkedsudvikling")
    # The emptied unit's suggestion would suggest no one: validate refuses it, so
    # the keeper removes that rule too.
    rule = "      - when: { unit: arbejdsmarkedsservice }\n        show: [arbejdsmarkedsservice]\n"
    text = path.read_text(encoding="utf-8")
    assert rule in text
    path.write_text(text.replace(rule, ""), encoding="utf-8")
    assert _unit(path, "Arbejdsmarkedsudvikling") == "arbejdsmarkedsudvikling"
    assert _unit(path, "sofie_jensen") == "arbejdsmarkedsudvikling"  # her unit
    # The prompt's and the page's choices (one list) can be told apart.
    labels = [unit.name for unit in load_card(path).units]
    assert len(set(labels)) == len(labels)
    from stalkcard.engine.plan import compile_plan

    asked = [c.label for c in compile_plan(load_card(path)).question("unit").choices]  # prompt's
    assert len(set(asked)) == len(asked)
    env = {"STALKCARD_UNIT": "arbejdsmarkedsudvikling"}
    result = runner.invoke(app, ["--card", str(path), *CHECK, "--format", "json"], env=env)
    assert result.exit_code == 0, result.output
    suggested = [c["id"] for c in json.loads(result.output)["suggested"]]
    assert suggested == ["nikoline_petersen", "sofie_jensen"]


@pytest.mark.parametrize("reserved", ["other", "andet", "ingen", "none"])
def test_a_reserved_unit_id_is_refused(tmp_path: Path, runner: CliRunner, reserved: str) -> None:
    # The unit answer is a unit id (issue 15): a unit named like "no unit"
    # would be everyone's unit.
    path = card_with(tmp_path, "  - id: ssp\n", f"  - id: {reserved}\n")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert f'"{reserved}" er et reserveret ord' in result.output


CARD = load_card()
PLAN = compile_plan(CARD)


@pytest.mark.parametrize("word", ["unknown", "ved ikke", "ved_ikke", "?"])
def test_danger_unknown_is_recorded_as_such_and_is_urgent(word: str) -> None:
    answers = normalise_answers({**BASE, "danger": word}, PLAN)
    assert answers["danger"] == "unknown"
    assert evaluate(PLAN, answers).urgent


# Normalising answers -------------------------------------------------------------

BASE = {"role": "victim", "danger": "no", "unwanted": "yes", "one_sided": "yes", "repeated": "yes"}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("yes", "yes"),
        ("Ja", "yes"),
        (True, "yes"),
        ("on", "yes"),
        ("j", "yes"),
        ("no", "no"),
        ("NEJ", "no"),
        (False, "no"),
        ("off", "no"),
        ("unknown", "unknown"),
        ("ved ikke", "unknown"),
        ("Ved  Ikke", "unknown"),
        ("ved_ikke", "unknown"),
    ],
)
def test_criterion_values(raw: object, expected: str) -> None:
    assert normalise_answers({**BASE, "one_sided": raw}, PLAN)["one_sided"] == expected


def test_defaults_for_optional_answers() -> None:
    answers = normalise_answers(BASE, PLAN)
    assert answers["forms"] is None  # not asked: the note says "Ikke spurgt", not "Ingen"
    assert answers["children"] == "unknown"


def test_forms_in_card_order_without_duplicates() -> None:
    answers = normalise_answers({**BASE, "forms": ["digital", "messages", "digital"]}, PLAN)
    assert answers["forms"] == ("messages", "digital")
    assert normalise_answers({**BASE, "forms": "gifts, surveillance"}, PLAN)["forms"] == (
        "gifts",
        "surveillance",
    )
    assert normalise_answers({**BASE, "forms": None}, PLAN)["forms"] is None
    assert normalise_answers({**BASE, "forms": []}, PLAN)["forms"] == ()


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"role": "offer"}, ['"role"', "victim, perpetrator, unknown"]),
        ({"role": None}, ['"role"', "ingen værdi"]),
        ({"danger": "maybe"}, ['"danger"', "yes, no, unknown", "ved ikke"]),
        ({"danger": 3}, ['"danger"']),
        ({"unwanted": "maybe"}, ['"unwanted"', "yes, no, unknown", "ved ikke"]),
        ({"forms": ["letters"]}, ['"forms"', "messages, through_others"]),
        ({"forms": {"a": 1}}, ['"forms"']),
        ({"extra": "x"}, ["Ukendt svar", "'extra'"]),
        ({"children": "måske"}, ['"children"']),
    ],
)
def test_invalid_answers_name_key_and_allowed_values(
    change: dict[str, object], words: list[str]
) -> None:
    with pytest.raises(AnswerError) as info:
        normalise_answers({**BASE, **change}, PLAN)
    for word in words:
        assert word in info.value.message


@pytest.mark.parametrize("key", ["role", "danger", "unwanted", "one_sided", "repeated"])
def test_missing_required_answer(key: str) -> None:
    raw = {k: v for k, v in BASE.items() if k != key}
    with pytest.raises(AnswerError, match=f'Svaret "{key}" mangler'):
        normalise_answers(raw, PLAN)


def test_answers_must_be_a_mapping() -> None:
    with pytest.raises(AnswerError):
        normalise_answers(["role", "victim"], PLAN)


def test_parse_pairs() -> None:
    # parse_pairs knows no card: a many-of answer stays text, and the card's
    # question (normalise_answers) splits it at the commas.
    pairs = parse_pairs(
        ["role=victim", "forms=messages,digital", "one_sided=ved ikke"], "danger=no"
    )
    assert pairs == {"role": "victim", "forms": "messages,digital", "one_sided": "ved ikke"}
    answers = normalise_answers({**BASE, **pairs}, PLAN)
    assert answers["forms"] == ("messages", "digital")
    assert answers["one_sided"] == "unknown"
    assert parse_pairs(["forms="], "danger=no") == {"forms": ""}
    # "forms=" is asked, and none marked: not "not asked".
    assert normalise_answers({**BASE, **parse_pairs(["forms="], "danger=no")}, PLAN)["forms"] == ()
    with pytest.raises(AnswerError, match="SPØRGSMÅL=SVAR"):
        parse_pairs(["role"], "danger=no")
    with pytest.raises(AnswerError, match="to gange"):
        parse_pairs(["role=victim", "role=unknown"], "danger=no")


# The questions, declared once (stalkcard.engine.questions) -------------------------------


def test_show_json_lists_the_questions_and_check_takes_every_choice() -> None:
    import json

    from typer.testing import CliRunner

    from stalkcard.cli.app import app

    runner = CliRunner()
    shown = json.loads(runner.invoke(app, ["show", "--format", "json"]).output)
    listed = shown["questions"]
    assert [q["id"] for q in listed] == [
        "role", "danger", "forms", "unwanted", "one_sided", "repeated", "children", "unit",
    ]  # fmt: skip
    danger = next(q for q in listed if q["danger"])
    assert danger["id"] == "danger" and danger["start"] == danger["unknown"] == "unknown"
    base = {q["id"]: q["start"] or q["choices"][0]["id"] for q in listed if q["required"]}
    for q in listed:
        for choice in q["choices"]:
            answers = {**base, q["id"]: choice["id"]}
            args = ["check", "--format", "json"]
            for key, value in answers.items():
                args += ["--answer", f"{key}={value}"]
            result = runner.invoke(app, args)
            assert result.exit_code == 0, (q["id"], choice["id"], result.output)
            given = json.loads(result.output)["answers"][q["id"]]
            assert given == ([choice["id"]] if q["kind"] == "many" else choice["id"])
