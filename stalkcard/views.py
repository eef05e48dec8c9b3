"""The neutral parts of every view of the card and a result: labels, answer
names, the signs, the split of the steps, the call order, the headlines, and
the JSON. No Rich and no Markdown here: the terminal (stalkcard.render), the
Markdown (stalkcard.markdown) and the page (stalkcard.web) all use these, so
`log`, `html` and `--format json` do not import Rich.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from stalkcard.i18n import _
from stalkcard.model import Card, Contact, StepsSection, TextSection

if TYPE_CHECKING:  # the screening is only imported by `check`
    from stalkcard.screening import Answers, Result, ResultStep


SUPPLEMENT_LABEL = "Tillæg – ikke en del af handlekortet"


SUGGESTION_NOTE = "Forslag – ikke en del af handlekortet. Alle kontakter: stalkcard contacts."


def danger_heading(danger: str | None) -> str:
    """The alarm line over the 112 advice: "ved ikke" is possible danger, not danger."""
    return _("MULIG AKUT FARE") if danger == "unknown" else _("AKUT FARE")


def card_byline(card: Card) -> str:
    meta = card.meta
    return _("{municipality} · version {version} · kontaktlisten opdateret {verified}").format(
        municipality=meta.municipality,
        version=meta.version,
        verified=meta.contacts_verified.isoformat(),
    )


def _dumps(data: Any) -> str:
    import json

    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def card_json(card: Card, section_id: str | None = None, supplements: bool = False) -> str:
    import msgspec

    data = msgspec.to_builtins(card)
    if section_id is not None:
        sections = [s for s in data["sections"] if s["id"] == section_id]
        # A contacts section names its contacts by id: their entries (name,
        # phone) come with it, in its order, so the numbers are not lost.
        listed = [i for s in sections for i in s.get("contacts", [])]
        entries = {c["id"]: c for c in data["contacts"]}
        data = {"meta": data["meta"], "sections": sections}
        if listed:
            data["contacts"] = [entries[i] for i in listed if i in entries]
    else:
        if not supplements:
            data.pop("supplements", None)
        # The screening's questions, so scripts can drive `check --answer`.
        from stalkcard.questions import questions

        data["questions"] = msgspec.to_builtins(questions(card))
    return _dumps(data)


def contact_dict(contact: Contact) -> dict[str, Any]:
    import msgspec

    return {
        "id": contact.id,
        "kind": contact.kind,
        "name": contact.name,
        "unit": contact.unit,
        "phone": contact.phone,
        "email": contact.email,
        "hours": msgspec.to_builtins(contact.hours) if contact.own_hours else None,
        "purpose": contact.purpose,
        "purpose_part_of_card": False,  # the tool's summary, built from the card's words
        "part_of_card": contact.part_of_card,  # False for 112, 114 and 1888
        "source": contact.source,
    }


def contacts_json(contacts: Sequence[Contact]) -> str:
    return _dumps([contact_dict(c) for c in contacts])


def describe_answer(card: Card, key: str, value: Any) -> tuple[str, str]:
    """One answer as (label, value) in plain words: the question's label and
    the chosen choice's label."""
    from stalkcard.screening import compiled

    question = next(q for q in compiled(card).questions if q.id == key)
    labels = {c.id: c.label for c in question.choices}
    if question.kind == "many":
        if value is None:  # given answers without it: the question was not asked
            return question.label, _("Ikke spurgt")
        chosen = [c.label for c in question.choices if c.id in value]
        return question.label, ", ".join(chosen) or _("Ingen")
    if question.units:
        return question.label, compiled(card).unit_labels.get(value) or _("Ikke angivet")
    return question.label, labels.get(value, str(value))


def answer_lines(card: Card, answers: Answers) -> list[tuple[str, str]]:
    """(label, value) pairs in the order the screening asks them."""
    return [describe_answer(card, key, value) for key, value in answers.as_dict().items()]


def step_title(step_heading: str, note: str | None) -> str:
    return f"{step_heading} ({note})" if note else step_heading


CRITERIA_GROUPS = (
    ("yes", "Til stede: {names}."),
    ("unknown", "Uklart: {names}."),
    ("no", "Ikke til stede efter dine svar: {names}."),
)


def criteria_lines(card: Card, answers: Answers) -> list[str]:
    """What the answers say of the card's signs (the questions marked as a
    criterion), and no verdict: which are present, which unclear, which not."""
    from stalkcard.screening import compiled

    signs = [q for q in compiled(card).questions if q.criterion]
    out = []
    for value, text in CRITERIA_GROUPS:
        names = [q.label for q in signs if answers.get(q.id) == value]
        if names:
            out.append(_(text).format(names=", ".join(names)))
    return out


def split_steps(card: Card, result: Result) -> tuple[list[ResultStep], list[ResultStep]]:
    """The steps the card says to take (call its contacts), and the steps of its
    steps sections (such as VIDERE HANDLING), which it offers as ways to go on."""
    now = [s for s in result.steps if s.group is None]
    return now, [s for s in result.steps if s.group is not None]


def further_groups(
    card: Card, further: Sequence[ResultStep]
) -> list[tuple[StepsSection, list[ResultStep]]]:
    """The further steps under their steps section, in the card's order."""
    return [
        (section, [s for s in further if s.group == section.id])
        for section in card.step_sections
        if any(s.group == section.id for s in further)
    ]


def assessment_paragraphs(card: Card) -> list[str]:
    """The card's text shown with the assessment (screening.with_assessment)."""
    return [
        p
        for ident in card.screening.with_assessment
        if isinstance(section := card.section(ident), TextSection)
        for p in section.paragraphs
    ]


def summary_headlines(card: Card, result: Result) -> list[tuple[str, bool]]:
    """The supplements' one-line instructions for the closing summary, each with
    whether it is urgent: 112 first when urgent, then the other shown
    supplements that have a headline (the duty to notify)."""
    lead = result.lead
    rest = [s for s in result.supplements if s.headline and s not in lead]
    return [(s.headline or s.text, True) for s in lead] + [(s.headline or "", False) for s in rest]


def result_dict(card: Card, result: Result) -> dict[str, Any]:
    return {
        "card": {"title": card.meta.title, "version": card.meta.version},
        "assessment": result.assessment,
        "assessment_text": result.assessment_text,
        "urgent": result.urgent,
        "answers": result.answers.as_dict(),
        "contacts": [contact_dict(c) for c in result.contacts],
        # Whom to call first, the tool's suggestion (not the card's), first one first.
        "suggested": [{"id": c.id, "name": c.name, "phone": c.phone} for c in result.suggested],
        # As the text shows them: the steps to take now, then the further ones
        # under their steps section ("group").
        "steps": [
            {
                "id": s.id,
                "heading": s.heading,
                "text": [*s.paragraphs, *s.after],
                "note": s.note,
                "contacts": [c.id for c in s.contacts],
                "group": s.group,
            }
            for part in split_steps(card, result)
            for s in part
        ],
        "supplements": [
            {"id": s.id, "text": s.text, "source": s.source, "part_of_card": False}
            for s in result.supplements
        ],
    }


def result_json(card: Card, result: Result) -> str:
    return _dumps(result_dict(card, result))


def hours_text(hours: Any) -> str:
    """Opening hours in words: "hverdage kl. 08:30-11:00"."""
    from stalkcard.clock import WEEKDAY_NAMES
    from stalkcard.model import WEEKDAYS

    days = list(hours.days)
    if days == list(WEEKDAYS[:5]):
        named = _("hverdage")
    elif days == list(WEEKDAYS):
        named = _("alle dage")
    else:
        named = ", ".join(_(WEEKDAY_NAMES[WEEKDAYS.index(d)]) for d in days)
    return _("{days} kl. {opens}-{closes}").format(
        days=named, opens=hours.opens, closes=hours.closes
    )


def contact_extra(contact: Contact) -> str:
    """What follows a contact's number in a result: its own hours (stated on the
    card, not the default) and its e-mail, in brackets; else nothing."""
    extra = []
    if contact.own_hours and contact.hours is not None:
        extra.append(hours_text(contact.hours))
    if contact.email:
        extra.append(_("e-mail {email}").format(email=contact.email))
    return f" ({'; '.join(extra)})" if extra else ""


def contact_lead(contact: Contact) -> str:
    """What stands before a contact's number in a result: "name, unit: "."""
    return f"{contact.name}, {contact.unit}: " if contact.unit else f"{contact.name}: "


def contact_text(contact: Contact) -> str:
    return contact_lead(contact) + contact.phone + contact_extra(contact)


def write_out(text: str) -> None:
    """Plain text to stdout, exactly as given (for JSON and Markdown)."""
    sys.stdout.write(text)
    sys.stdout.flush()
