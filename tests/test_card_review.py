"""Found by a fresh-eyes review of the self-describing card (issue 15): each
test failed before its fix."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from test_card_format import bundled_data, card_error, dump, question, section
from typer.testing import CliRunner

from stalkcard.card.reading import card_from_text, load_card
from stalkcard.cli.app import app
from stalkcard.engine.plan import compile_plan

VEJLE_LINE = (
    "Vejle Kommunes Stalking Rådgivning: telefon 76 81 80 98, mandag til fredag kl. "
    "8.30-11.00. E-mail: Tregs@Vejle.dk"
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


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
    given = {"role": "ved ikke", "danger": "no", "unwanted": "yes", "one_sided": "yes",
             "repeated": "yes"}  # fmt: skip
    assert normalise_answers(given, compile_plan(card))["role"] == "ved_ikke"


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


def test_the_card_line_wraps_and_keeps_the_number_whole(runner: CliRunner) -> None:
    """Vejle's line has text after the number: at 60 and 50 columns none of it is cut."""
    for columns in ("60", "50"):
        result = runner.invoke(
            app, ["--card", "vejle", "show", "kontakt"], env={"COLUMNS": columns}
        )
        assert result.exit_code == 0, result.output
        text = " ".join(result.stdout.split())
        assert VEJLE_LINE in text, text
        assert any("76 81 80 98" in line for line in result.stdout.splitlines())


def test_the_e_mail_and_own_hours_are_shown(runner: CliRunner, tmp_path: Path) -> None:
    answers = ["--answer", "danger=no", "--answer", "unwanted=yes", "--answer", "persistent=yes",
               "--answer", "boundary_crossing=yes", "--answer", "intimidating=yes"]  # fmt: skip
    result = runner.invoke(app, ["--card", "vejle", "check", *answers], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "76 81 80 98 (hverdage kl. 08:30-11:00; e-mail Tregs@Vejle.dk)" in result.stdout
    listed = runner.invoke(app, ["--card", "vejle", "contacts"], env={"COLUMNS": "200"})
    assert "E-mail: Tregs@Vejle.dk" in listed.stdout
    found = json.loads(runner.invoke(app, ["--card", "vejle", "contacts", "--json"]).stdout)
    line = next(c for c in found if c["id"] == "stalking_raadgivning")
    assert line["email"] == "Tregs@Vejle.dk" and line["hours"][0]["opens"] == "08:30"
    vcf = tmp_path / "k.vcf"
    done = runner.invoke(app, ["--card", "vejle", "contacts", "--vcard", str(vcf)])
    assert done.exit_code == 0, done.output
    assert "EMAIL;TYPE=INTERNET,WORK:Tregs@Vejle.dk" in vcf.read_text(encoding="utf-8")


def test_a_card_where_no_one_answers_at_night_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    """A card whose contacts keep office hours and that has no line answering
    day and night leaves "Ring nu" with no one to reach at night: validate
    refuses it and says when (plancheck.plan_floor). 112 and 114 may not be
    written as numbers with office hours either."""
    data = bundled_data()
    data["supplement_contacts"] = [
        c for c in data["supplement_contacts"] if c.get("phone") not in ("112", "114")
    ]
    for contact in data["supplement_contacts"]:
        contact.pop("always_open", None)
        contact.pop("urgent_only", None)
    path = tmp_path / "kort.yaml"
    path.write_text(dump(data), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    assert "mandag kl. 00:00 kan ingen under «Ring nu» træffes" in result.output


def test_a_line_open_day_and_night_closes_at_24() -> None:
    data = bundled_data()
    data["contacts"][-1]["hours"] = {"days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
                                     "opens": "00:00", "closes": "24:00"}  # fmt: skip
    card = card_from_text(dump(data), "kort.yaml")
    from datetime import datetime

    from stalkcard.engine.callplan import is_open

    contact = card.contacts[-1]
    assert is_open(contact, datetime(2026, 11, 29, 23, 59))
    assert is_open(contact, datetime(2026, 11, 29, 0, 0))


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


def test_a_mistyped_bundled_card_name_lists_the_bundled_cards(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--card", "vejel", "show"])
    assert result.exit_code == 2
    assert "Indbyggede kort: actioncard, vejle." in result.output


def test_bundled_cards_by_name_use_their_compiled_twin() -> None:
    assert load_card("vejle").meta.municipality == "Vejle Kommune"


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


def test_the_result_is_led_by_the_urgent_supplements_it_shows() -> None:
    from stalkcard.engine.answers import normalise_answers
    from stalkcard.engine.evaluate import evaluate

    card = load_card()
    for danger in ("yes", "unknown", "no"):
        given = {"role": "victim", "danger": danger, "unwanted": "yes", "one_sided": "yes",
                 "repeated": "yes"}  # fmt: skip
        result = evaluate(compile_plan(card), normalise_answers(given, compile_plan(card)))
        assert result.lead == tuple(s for s in result.supplements if s.urgent)
        assert bool(result.lead) == result.urgent == (danger != "no")
