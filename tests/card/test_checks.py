"""The self-describing card (issue 15): the checks that replaced the old fixed
shape, each refusing a card that breaks it, in Danish."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from helpers import bundled_data, card_error, dump, question

from stalkcard.card.reading import card_from_text, load_card
from stalkcard.errors import CardError


def section(data: dict[str, Any], ident: str) -> dict[str, Any]:
    return next(s for s in data["sections"] if s["id"] == ident)


def test_the_bundled_card_survives_the_round_trip() -> None:
    """The cases below change one thing in a dump of the bundled card: unchanged,
    that dump is valid, so each message below comes from the one change."""
    assert card_from_text(dump(bundled_data()), "kort.yaml") == load_card(compiled=False)


# The checks that replaced the fixed shape ------------------------------------------------


def _no_danger(d: dict[str, Any]) -> None:
    del question(d, "danger")["danger"]


def _two_danger(d: dict[str, Any]) -> None:
    question(d, "children")["danger"] = True


def _danger_without_unknown(d: dict[str, Any]) -> None:
    question(d, "danger")["choices"] = [
        {"id": "yes", "label": "Ja"},
        {"id": "no", "label": "Nej"},
    ]


def _danger_without_yes(d: dict[str, Any]) -> None:
    question(d, "danger")["choices"] = [
        {"id": "ja", "label": "Ja"},
        {"id": "no", "label": "Nej"},
        {"id": "unknown", "label": "Ved ikke"},
    ]


def _rule_on_unknown_question(d: dict[str, Any]) -> None:
    d["screening"]["rules"]["supplements"].append({"when": {"fare": "yes"}, "show": ["crime"]})


def _rule_on_many_of_question(d: dict[str, Any]) -> None:
    d["screening"]["rules"]["supplements"].append({"when": {"forms": "gifts"}, "show": ["crime"]})


def _rule_with_unknown_choice(d: dict[str, Any]) -> None:
    d["screening"]["rules"]["supplements"].append(
        {"when_any": {"role": "offer"}, "show": ["crime"]}
    )


def _contact_in_no_section(d: dict[str, Any]) -> None:
    section(d, "handling")["contacts"].remove("sydoestjyllands_politi")


def _section_names_unknown_contact(d: dict[str, Any]) -> None:
    section(d, "handling")["contacts"].append("politiet")


def _contact_in_unknown_unit(d: dict[str, Any]) -> None:
    d["contacts"][2]["unit"] = "ungdomsenheden"


def _question_on_unknown_criterion(d: dict[str, Any]) -> None:
    question(d, "repeated")["criterion"] = "gentaget"


def _criterion_with_own_choices(d: dict[str, Any]) -> None:
    question(d, "repeated")["choices"] = [
        {"id": "yes", "label": "Ja"},
        {"id": "no", "label": "Nej"},
        {"id": "maybe", "label": "Måske"},
        {"id": "unknown", "label": "Ved ikke"},
    ]


def _no_dont_know(d: dict[str, Any]) -> None:
    role = question(d, "role")
    role["choices"] = [c for c in role["choices"] if c["id"] != "unknown"]
    del role["unknown"]


def _unknown_not_a_choice(d: dict[str, Any]) -> None:
    question(d, "role")["unknown"] = "ved_ikke"


def _duplicate_choice(d: dict[str, Any]) -> None:
    question(d, "role")["choices"][1]["id"] = "victim"


def _choices_and_choices_from(d: dict[str, Any]) -> None:
    question(d, "forms")["choices"] = [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}]


def _choices_from_text_section(d: dict[str, Any]) -> None:
    question(d, "forms")["choices_from"] = "mistanke"


def _many_of_without_choices(d: dict[str, Any]) -> None:
    del question(d, "forms")["choices_from"]


def _many_of_danger(d: dict[str, Any]) -> None:
    question(d, "forms")["danger"] = True


def _units_question_without_units(d: dict[str, Any]) -> None:
    for contact in d["contacts"]:
        contact.pop("unit", None)
    d["units"] = []
    d["screening"]["rules"]["suggest"] = []


def _units_question_many(d: dict[str, Any]) -> None:
    question(d, "unit")["kind"] = "many"


def _two_units_questions(d: dict[str, Any]) -> None:
    d["questions"].append({**question(d, "unit"), "id": "unit_again"})


def _with_assessment_not_text(d: dict[str, Any]) -> None:
    d["screening"]["with_assessment"] = ["sparring"]


def _log_quote_unknown(d: dict[str, Any]) -> None:
    d["log"]["quote"] = "egne_muligheder"


def _log_forms_not_forms(d: dict[str, Any]) -> None:
    d["log"]["forms"] = "mistanke"


def _log_unknown_supplement(d: dict[str, Any]) -> None:
    d["log"]["supplements"].append("logbog")


def _suggest_unknown(d: dict[str, Any]) -> None:
    d["screening"]["rules"]["suggest"][0]["show"] = ["jobcentret"]


def _duplicate_question(d: dict[str, Any]) -> None:
    question(d, "children")["id"] = "repeated"


def _duplicate_unit(d: dict[str, Any]) -> None:
    d["units"][1]["id"] = d["units"][0]["id"]


def _step_named_like_a_contacts_section(d: dict[str, Any]) -> None:
    section(d, "videre_handling")["steps"][0]["id"] = "sparring"


def _danger_question_renamed_keeps_the_floor(d: dict[str, Any]) -> None:
    """The danger floor follows the question marked danger, whatever its id."""
    question(d, "danger")["id"] = "fare"
    rules = d["screening"]["rules"]
    rules["urgent"] = [{"when": {"fare": "yes"}}]  # "ved ikke" no longer urgent
    for rule in rules["supplements"]:
        if "danger" in rule.get("when", {}):
            rule["when"]["fare"] = rule["when"].pop("danger")


# (name, change, field, words): each message is a check's own.
def _suggest_empty_unit(d: dict[str, Any]) -> None:
    d["units"].append({"id": "tom_enhed", "name": "En enhed uden kontakter"})
    d["screening"]["rules"]["suggest"][0] = {"when": {"unit": "tom_enhed"}, "show": ["tom_enhed"]}


def _units_alike(d: dict[str, Any]) -> None:
    d["units"][1]["name"] = d["units"][0]["name"]


CHECKS: list[tuple[str, Callable[[dict[str, Any]], None], str, str]] = [
    (
        "no danger question",
        _no_danger,
        "questions",
        "ét spørgsmål skal være spørgsmålet om akut fare",
    ),
    (
        "two danger questions",
        _two_danger,
        "questions[7].danger",
        "kun ét spørgsmål kan være spørgsmålet om akut fare",
    ),
    (
        "danger without don't know",
        _danger_without_unknown,
        "questions[2].choices",
        'skal have valgene "yes" og "unknown"',
    ),
    (
        "danger without yes",
        _danger_without_yes,
        "questions[2].choices",
        'skal have valgene "yes" og "unknown"',
    ),
    (
        "rule on an unknown question",
        _rule_on_unknown_question,
        "when.fare",
        '"fare" er ikke et spørgsmål med ét svar',
    ),
    (
        "rule on a many-of question",
        _rule_on_many_of_question,
        "when.forms",
        '"forms" er ikke et spørgsmål med ét svar',
    ),
    (
        "rule with an unknown choice",
        _rule_with_unknown_choice,
        "when_any.role",
        '"role" kan kun være: victim, perpetrator, unknown',
    ),
    (
        "contact in no section",
        _contact_in_no_section,
        "contacts[7].id",
        'kontakten "sydoestjyllands_politi" står ikke i noget afsnit',
    ),
    (
        "section names an unknown contact",
        _section_names_unknown_contact,
        "sections[5].contacts[3]",
        'kontakten "politiet" findes ikke under contacts',
    ),
    (
        "contact in an unknown unit",
        _contact_in_unknown_unit,
        "contacts[3].unit",
        'enheden "ungdomsenheden" findes ikke under units',
    ),
    (
        "question on an unknown criterion",
        _question_on_unknown_criterion,
        "questions[6].criterion",
        'kendetegnet "gentaget" findes ikke',
    ),
    (
        "criterion with its own choices",
        _criterion_with_own_choices,
        "questions[6].choices",
        "et kendetegn besvares ja, nej eller ved ikke",
    ),
    ("no don't know", _no_dont_know, "questions[1].unknown", 'skal have et valg for "ved ikke"'),
    (
        "unknown is no choice",
        _unknown_not_a_choice,
        "questions[1].unknown",
        '"ved_ikke" er ikke et af spørgsmålets valg',
    ),
    (
        "a choice twice",
        _duplicate_choice,
        "questions[1].choices[2].id",
        'id "victim" bruges to gange',
    ),
    (
        "choices and choices_from",
        _choices_and_choices_from,
        "questions[3].choices_from",
        "brug enten choices eller choices_from",
    ),
    (
        "choices from a text section",
        _choices_from_text_section,
        "questions[3].choices_from",
        '"mistanke" er hverken units eller et afsnit med kind: forms',
    ),
    (
        "many-of without choices",
        _many_of_without_choices,
        "questions[3].choices",
        "et spørgsmål med flere svar skal have choices",
    ),
    (
        "many-of danger",
        _many_of_danger,
        "questions[3].kind",
        "et spørgsmål med flere svar kan ikke være fare",
    ),
    (
        "units question without units",
        _units_question_without_units,
        "questions[8].choices_from",
        "kortet har ingen units at vælge imellem",
    ),
    (
        "units question with many answers",
        _units_question_many,
        "questions[8].choices_from",
        "spørgsmålet om enheden har ét svar",
    ),
    (
        "two units questions",
        _two_units_questions,
        "questions",
        "kun ét spørgsmål kan have choices_from: units",
    ),
    (
        "assessment text not a text section",
        _with_assessment_not_text,
        "with_assessment[1]",
        '"sparring" er ikke et tekstafsnit',
    ),
    (
        "log quotes an unknown step",
        _log_quote_unknown,
        "log.quote",
        'trinnet "egne_muligheder" findes ikke',
    ),
    (
        "log forms not a forms section",
        _log_forms_not_forms,
        "log.forms",
        '"mistanke" er ikke et afsnit med kind: forms',
    ),
    (
        "log names an unknown supplement",
        _log_unknown_supplement,
        "log.supplements[4]",
        'tillægget "logbog" findes ikke',
    ),
    (
        "suggestion of an unknown contact or unit",
        _suggest_unknown,
        "suggest[1].show",
        'kontakten eller enheden "jobcentret" findes ikke',
    ),
    (
        "a suggested unit without contacts",
        _suggest_empty_unit,
        "suggest[1].show",
        'enheden "tom_enhed" har ingen kontakter',
    ),
    (
        "two units with the same name",
        _units_alike,
        "units[2].name",
        'enheden "arbejdsmarkedsservice" har samme navn som "arbejdsmarkedsudvikling"',
    ),
    (
        "a question id twice",
        _duplicate_question,
        "questions[7].id",
        'id "repeated" bruges to gange',
    ),
    (
        "a unit id twice",
        _duplicate_unit,
        "units[2].id",
        'id "arbejdsmarkedsudvikling" bruges to gange',
    ),
    (
        "a step named like a contacts section",
        _step_named_like_a_contacts_section,
        "steps[1].id",
        'id "sparring" bruges to gange',
    ),
    (
        "the danger floor, under another id",
        _danger_question_renamed_keeps_the_floor,
        "rules.urgent",
        'fare: "unknown" skal gøre resultatet akut',
    ),
]


@pytest.mark.parametrize(
    ("change", "field", "words"), [c[1:] for c in CHECKS], ids=[c[0] for c in CHECKS]
)
def test_a_card_that_breaks_a_check_is_refused(
    change: Callable[[dict[str, Any]], None], field: str, words: str
) -> None:
    data = bundled_data()
    change(data)
    with pytest.raises(CardError) as info:
        card_from_text(dump(data), "kort.yaml")
    message = info.value.message
    line = next((line for line in message.splitlines() if words in line), None)
    assert line is not None, message
    # The place is named by id in the message; the path stays in the findings
    # (validate --format json), as before in the message (issue 24).
    found = next(f for f in info.value.findings if words in f.message)  # type: ignore[attr-defined]
    assert field in found.path, message


# "Don't know" is never read as yes or no --------------------------------------------------


def test_an_unknown_that_is_no_is_refused() -> None:
    data = bundled_data()
    question(data, "danger").update(unknown="no", required=False)
    assert '"ved ikke" skal være sit eget valg' in card_error(data)


def test_an_unknown_that_is_yes_is_refused_on_a_sign() -> None:
    data = bundled_data()
    question(data, "unwanted")["unknown"] = "yes"
    assert '"ved ikke" skal være sit eget valg' in card_error(data)


def test_the_id_unknown_cannot_mean_something_else() -> None:
    """A danger question whose "unknown" is labelled "Nej, ikke lige nu" and whose
    don't-know is another choice: the floor would check the wrong choice."""
    data = bundled_data()
    question(data, "danger").update(
        choices=[
            {"id": "yes", "label": "Ja"},
            {"id": "no", "label": "Nej"},
            {"id": "unknown", "label": "Nej, ikke lige nu"},
            {"id": "ved_ikke", "label": "Ved ikke"},
        ],
        unknown="ved_ikke",
    )
    assert '"ved ikke" skal være sit eget valg' in card_error(data)


def test_a_one_of_question_from_a_forms_section_needs_a_dont_know() -> None:
    data = bundled_data()
    data["questions"].append(
        {"id": "form", "text": "Hvilken form?", "label": "Form", "choices_from": "eksempler"}
    )
    assert 'spørgsmålet skal have et valg for "ved ikke"' in card_error(data)


# Contacts -------------------------------------------------------------------------------


def test_a_contact_in_two_sections_is_refused() -> None:
    """It would show in the first only: the second section's step had no number."""
    data = bundled_data()
    section(data, "handling")["contacts"].append("nikoline_petersen")
    assert 'kontakten "nikoline_petersen" står allerede i afsnittet "sparring"' in card_error(data)


def test_a_unit_and_a_contact_share_no_id() -> None:
    data = bundled_data()
    data["units"][0]["id"] = "dansk_stalking_center"
    for contact in data["contacts"]:
        if contact.get("unit") == "arbejdsmarkedsudvikling":
            contact["unit"] = "dansk_stalking_center"
    rules = data["screening"]["rules"]["suggest"]
    rules[0] = {"when": {"unit": "dansk_stalking_center"}, "show": ["dansk_stalking_center"]}
    assert 'id "dansk_stalking_center" bruges to gange' in card_error(data)


# Messages ---------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [None, 1])
def test_a_wrongly_typed_rule_value_gets_a_danish_message(value: Any) -> None:
    data = bundled_data()
    data["screening"]["rules"]["supplements"][0]["when"] = {"danger": value}
    message = card_error(data)
    # Issue 24: a rule is named by its number in its group.
    assert "regel nr. 1 i screening.rules.supplements, felt when: hvert svar skal være" in message
    assert "Expected" not in message


def test_an_unknown_section_kind_lists_the_kinds() -> None:
    data = bundled_data()
    section(data, "sparring")["kind"] = "contact"
    message = card_error(data)
    assert "contact er ikke en slags afsnit; brug en af: definition, forms, text" in message


# Urgent means acute danger, on every surface ------------------------------------------------


def test_an_urgent_rule_on_another_question_is_refused() -> None:
    """check said "AKUT FARE" with no 112 in the note, the JSON or the page."""
    data = bundled_data()
    data["screening"]["rules"]["urgent"].append({"when": {"children": "yes"}})
    message = card_error(data)
    assert "en regel for hast må kun spørge om danger (akut fare), ikke om children" in message


def test_an_urgent_answer_without_an_urgent_supplement_is_refused() -> None:
    data = bundled_data()
    data["screening"]["rules"]["urgent"][0] = {"when": {"danger": ["yes", "unknown", "no"]}}
    assert 'danger: "no" gør resultatet akut, men intet tillæg med urgent: true' in card_error(data)
