"""The screening's rules as pure functions, over every combination of answers."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from helpers import card_answers

from stalkcard.card.model import StepsSection
from stalkcard.card.reading import load_card
from stalkcard.engine.answers import normalise_answers, parse_pairs
from stalkcard.engine.evaluate import evaluate, urgent_supplements
from stalkcard.engine.plan import compile_plan
from stalkcard.engine.result import Answers
from stalkcard.errors import AnswerError

CARD = load_card()
PLAN = compile_plan(CARD)
# The first contacts section's numbers, read from the card file's own list of ids.
RESOURCE_PHONES = {
    next(c.phone for c in CARD.contact_list if c.id == ident)
    for ident in CARD.contact_sections[0].contacts
}
TRI = ("yes", "no", "unknown")


def every_answer() -> Iterator[Answers]:
    for role, danger, unwanted, one_sided, repeated, children in itertools.product(
        ("victim", "perpetrator", "unknown"), TRI, TRI, TRI, TRI, TRI
    ):
        yield card_answers(role, danger, unwanted, one_sided, repeated, (), children)


ALL = list(every_answer())


def test_there_are_729_combinations() -> None:
    assert len(ALL) == 3 * 3 * 27 * 3


CARDS = {"da": CARD, "en": load_card(language="en")}
UNKNOWN_ROLE_NOTE = {
    "da": "Hvis borgeren er den udsatte",
    "en": "If the citizen is the one being stalked",
}


def check_path(language: str, answers: Answers) -> None:
    """Everything the card and its supplements promise for one set of answers."""
    card = CARDS[language]
    result = evaluate(compile_plan(card), answers)
    steps = [s.id for s in result.steps]
    # The card's rule: a suspicion is always acted on.
    assert steps[:2] == ["sparring", "handling"]
    assert {"coordination", "referral"} <= set(steps)
    sparring, handling = result.steps[0], result.steps[1]
    assert {c.phone for c in sparring.contacts} == RESOURCE_PHONES
    assert {c.name: c.phone for c in handling.contacts} == {
        c.name: c.phone for c in CARD.contact_list if c.id in CARD.contact_sections[1].contacts
    }
    assert len(result.contacts) == 7
    assert result.assessment_text

    # The assessment.
    role, danger, children = answers["role"], answers["danger"], answers["children"]
    criteria = (answers["unwanted"], answers["one_sided"], answers["repeated"])
    if criteria == ("yes", "yes", "yes"):
        assert result.assessment == "criteria_met"
    elif "no" in criteria:
        assert result.assessment == "criteria_not_met"
        # Issue 23: the one-line verdict keeps "det afgør ikke sagen".
        short = card.assessment(result.assessment).short or ""
        assert {"da": "Det afgør ikke sagen", "en": "does not decide the case"}[language] in short
    else:
        assert result.assessment == "criteria_unclear"

    # Urgency leads with 112; the supplements follow their rules.
    # "Ved ikke" to danger is possible danger: 112 stands then too.
    assert result.urgent == (danger in ("yes", "unknown"))
    supplements = {s.id: s for s in result.supplements}
    # Issue 23: "Ja" gets the plain instruction, "Ved ikke" the conditional one.
    assert ("acute_danger" in supplements) == (danger == "yes")
    assert ("acute_danger_possible" in supplements) == (danger == "unknown")
    if danger == "yes":
        plain = {"da": "Ring 112 nu.", "en": "Call 112 now."}
        assert supplements["acute_danger"].headline == plain[language]
    # The law on every path, whatever the card's three signs say: section 242 in
    # its own words and how to report, and the single offences reportable alone.
    assert "crime" in supplements and "single_offences" in supplements
    assert "114" in supplements["crime"].text and "242" in supplements["crime"].text
    for section in ("266", "291", "264 d"):
        assert section in supplements["single_offences"].text
    # For the person exposed: orders, a free lawyer and Offerrådgivningen 116 006.
    exposed = role in ("victim", "unknown")
    for ident in ("restraining_orders", "victim_lawyer", "victim_support"):
        assert (ident in supplements) == exposed
    if exposed:
        assert "116 006" in supplements["victim_support"].text
    # Issue 23: the safety plan and what the other party can read whenever the
    # citizen may be the one stalked, whatever the signs (a missing sign does not
    # decide the case); never in a talk with the citizen who stalks.
    assert ("others_read" in supplements) == exposed
    assert ("safety_plan" in supplements) == exposed
    # Where the citizen may be the one who stalks: what must not be passed on,
    # the citizen's own access to the file, agree first with police and DSC.
    stalks = role in ("perpetrator", "unknown")
    assert ("perpetrator_caution" in supplements) == stalks
    if stalks:
        caution = supplements["perpetrator_caution"].text
        law = {"da": "forvaltningslovens § 9", "en": "section 9"}
        assert law[language] in caution and "Dansk Stalking Center" in caution
    # Dansk Stalking Center's advice on passing on information on every path.
    info = {"da": "hvilke oplysninger der gives videre", "en": "what information is passed on"}
    assert any(info[language] in s.text for s in result.supplements)
    # Role-aware words: where the citizen may stalk, no supplement offers
    # "the citizen" the victim's remedies ("Borgeren kan anmelde stalking").
    if role != "victim":
        victim_words = {
            "da": ("Borgeren kan anmelde", "for borgeren", "følge efter borgeren",
                   "borgerens bolig", "Borgeren henvender", "Borgeren kan være anonym",
                   "hvor borgeren kan"),
            "en": ("The citizen can report", "costs the citizen", "follow the citizen",
                   "the citizen's home", "The citizen asks", "The citizen can stay",
                   "where the citizen can"),
        }[language]  # fmt: skip
        for s in result.supplements:
            assert not any(w in s.text for w in victim_words), (s.id, s.text)
    # No verdict: the assessment never says it may not be stalking.
    assert "måske ikke" not in result.assessment_text
    assert "may not be" not in result.assessment_text
    # The hedged conflict text whenever the contact is not one-sided.
    assert ("conflict" in supplements) == (answers["one_sided"] == "no")
    if "conflict" in supplements:
        hedge = {"da": "udelukker ikke stalking", "en": "does not rule out stalking"}
        assert hedge[language] in supplements["conflict"].text
    # Issue 23: the duty to notify states its condition; "ved ikke" gets a question.
    assert ("duty_to_notify" in supplements) == (children == "yes")
    assert ("duty_to_notify_check" in supplements) == (children == "unknown")
    for s in result.supplements:
        assert "Underret selv" not in (s.headline or "") and "yourself" not in (s.headline or "")
    if children == "yes":
        duty = supplements["duty_to_notify"]
        cond = {"da": ("hvis", "du eller din leder"), "en": ("if", "you or your manager")}
        assert all(w in (duty.headline or "") for w in cond[language])
    if children == "unknown":
        assert "?" in (supplements["duty_to_notify_check"].headline or "")
    assert ("perpetrator_help" in supplements) == (role == "perpetrator")
    own_log = role in ("victim", "unknown")
    assert ("log_tools" in supplements) == own_log
    assert "log_warning" not in supplements  # others_read says it for the result
    assert "1888" in supplements["hotline_1888"].text  # on every path
    # Every supplement has a source and is never part of the card's steps.
    assert all(s.source for s in result.supplements)

    # Steps fit the role.
    own = {s.id: s.note for s in result.steps if s.id in ("own_options", "network")}
    if role == "victim":
        assert own == {"own_options": None, "network": None}
    elif role == "perpetrator":
        # Issue 23: no card step vanishes; named as concerning the victim.
        note = {"da": "gælder især den udsatte",
                "en": "concerns the person being stalked above all"}[language]  # fmt: skip
        assert own == {"own_options": note, "network": note}
    else:
        note = UNKNOWN_ROLE_NOTE[language]
        assert own == {"own_options": note, "network": note}
    # Card order is kept.
    assert steps == [s for s in card.step_ids if s in steps]


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_path_ends_in_contacts_and_steps(language: str) -> None:
    for answers in ALL:
        try:
            check_path(language, answers)
        except AssertionError as exc:
            raise AssertionError(f"{language} {answers.as_dict()}: {exc}") from exc


def test_both_languages_give_the_same_result_ids() -> None:
    for answers in ALL:
        da, en = (
            evaluate(compile_plan(CARDS["da"]), answers),
            evaluate(compile_plan(CARDS["en"]), answers),
        )
        assert da.assessment == en.assessment
        assert [s.id for s in da.steps] == [s.id for s in en.steps]
        assert [s.id for s in da.supplements] == [s.id for s in en.supplements]


def test_urgent_supplements_are_the_112_advice() -> None:
    assert [s.id for s in urgent_supplements(PLAN)] == ["acute_danger"]
    assert "112" in urgent_supplements(PLAN)[0].text
    # "Ved ikke" is possible danger: the same advice at once; "Nej" shows none.
    assert [s.id for s in urgent_supplements(PLAN, "unknown")] == ["acute_danger_possible"]
    assert urgent_supplements(PLAN, "no") == ()


@pytest.mark.parametrize("word", ["unknown", "ved ikke", "ved_ikke", "?"])
def test_danger_unknown_is_recorded_as_such_and_is_urgent(word: str) -> None:
    answers = normalise_answers({**BASE, "danger": word}, PLAN)
    assert answers["danger"] == "unknown"
    assert evaluate(PLAN, answers).urgent


def test_step_text_is_the_cards() -> None:
    result = evaluate(PLAN, card_answers("victim", "no", "yes", "yes", "yes"))
    own = next(s for s in result.steps if s.id == "own_options")
    further = CARD.section("videre_handling")
    assert isinstance(further, StepsSection)
    assert own.paragraphs == tuple(further.steps[0].paragraphs)
    handling = result.steps[1]
    assert handling.after == (
        "Borgeren henvises til Dansk Stalking Center og informeres om sagens forløb fremadrettet.",
    )


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
