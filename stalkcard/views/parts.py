"""The neutral parts of every view of the card and a result: labels, answer
names, the signs, the split of the steps, the call order, the headlines, and
the JSON. No Rich and no Markdown here: the terminal (stalkcard.views.terminal), the
Markdown (stalkcard.views.markdown) and the page (stalkcard.views.page) all use these, so
`log`, `html` and `--format json` do not import Rich.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from stalkcard.card.fields import as_data
from stalkcard.card.model import Card, Contact, StepsSection, TextSection
from stalkcard.i18n import N_, _

if TYPE_CHECKING:  # the screening is only imported by `check`
    from datetime import date, datetime

    from stalkcard.engine.callplan import CallPlan
    from stalkcard.engine.plan import Plan
    from stalkcard.engine.result import Answers, Result, ResultStep


SUPPLEMENT_LABEL = N_("Tillæg – ikke en del af handlekortet")
# Once per result in the terminal, instead of the label in every supplement panel.
SUPPLEMENT_LEGEND = N_(
    "Tillæg – ikke en del af handlekortet: tekst i ramme og linjer mærket (tillæg)."
)


SUGGESTION_NOTE = N_("Forslag – ikke en del af handlekortet. Alle kontakter: stalkcard contacts.")


def danger_heading(danger: str | None) -> str:
    """The alarm line over the 112 advice: "ved ikke" is possible danger, not danger."""
    return _("MULIG AKUT FARE") if danger == "unknown" else _("AKUT FARE")


def danish_day(day: date) -> str:
    """A date in prose as Danes write it, "26.11.2026" (ISO stays in files and JSON)."""
    return day.strftime("%d.%m.%Y")


def danish_date(moment: datetime) -> str:
    """ "26.11.2026 kl. 14:05": the date and time as Danes write them in prose."""
    return _("{date} kl. {time}").format(date=danish_day(moment), time=moment.strftime("%H:%M"))


def card_byline(card: Card) -> str:
    meta = card.meta
    return _("{municipality} · version {version} · kontaktlisten opdateret {verified}").format(
        municipality=meta.municipality,
        version=meta.version,
        verified=danish_day(meta.contacts_verified),
    )


def _dumps(data: Any) -> str:
    import json

    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def card_json(card: Card, section_id: str | None = None, supplements: bool = False) -> str:
    import msgspec

    data = _without_unset(as_data(card))
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
        from stalkcard.engine.questions import questions

        data["questions"] = msgspec.to_builtins(questions(card))
    return _dumps(data)


# Fields added to the format later (issue 24): left out of `show --format
# json` when unset, so a card that does not use them reads as before.
_LATER_FIELDS = frozenset({"url", "to_citizen", "subject", "items"})
_LATER_BY_KIND = {"definition": ("paragraphs",), "forms": ("paragraphs",), "steps": ("closing",)}


def _without_unset(data: Any) -> Any:
    if isinstance(data, list):
        return [_without_unset(v) for v in data]
    if not isinstance(data, dict):
        return data
    later = (
        _LATER_BY_KIND.get(data.get("kind", ""), ()) if isinstance(data.get("kind"), str) else ()
    )
    return {
        key: _without_unset(value)
        for key, value in data.items()
        if not ((key in _LATER_FIELDS or key in later) and value in (None, False, []))
    }


def contact_dict(contact: Contact) -> dict[str, Any]:
    import msgspec

    return {
        "id": contact.id,
        "kind": contact.kind,
        "name": contact.name,
        "unit": contact.unit,
        "phone": contact.phone or None,  # None: a way to act that is not a call
        "email": contact.email,
        # Its hours as windows (None: answers day and night, or not known).
        "hours": msgspec.to_builtins(contact.hours) if contact.hours is not None else None,
        "own_hours": contact.own_hours,  # the card states them for this contact
        "always_open": contact.always_open,
        "urgent_only": contact.urgent_only,
        "for": list(contact.audience),
        "purpose": contact.purpose,
        "purpose_part_of_card": False,  # the tool's summary, built from the card's words
        "part_of_card": contact.part_of_card,  # False for 112, 114 and 1888
        "source": contact.source,
    }


def contacts_json(contacts: Sequence[Contact]) -> str:
    return _dumps([contact_dict(c) for c in contacts])


def describe_answer(plan: Plan, key: str, value: Any) -> tuple[str, str]:
    """One answer as (label, value) in plain words: the question's label and
    the chosen choice's label."""
    question = plan.question(key)
    labels = {c.id: c.label for c in question.choices}
    if question.kind == "many":
        if value is None:  # given answers without it: the question was not asked
            return question.label, _("Ikke spurgt")
        chosen = [c.label for c in question.choices if c.id in value]
        return question.label, ", ".join(chosen) or _("Ingen")
    if question.units:
        return question.label, plan.unit_labels.get(value) or _("Ikke angivet")
    return question.label, labels.get(value, str(value))


def answer_lines(plan: Plan, answers: Answers) -> list[tuple[str, str]]:
    """(label, value) pairs in the order the screening asks them."""
    return [describe_answer(plan, key, value) for key, value in answers.as_dict().items()]


def step_title(step_heading: str, note: str | None) -> str:
    return f"{step_heading} ({note})" if note else step_heading


CRITERIA_GROUPS = (
    ("yes", N_("Til stede: {names}.")),
    ("unknown", N_("Uklart: {names}.")),
    ("no", N_("Ikke til stede efter dine svar: {names}.")),
)


def criteria_lines(plan: Plan, answers: Answers) -> list[str]:
    """What the answers say of the card's signs (the questions marked as a
    criterion), and no verdict: which are present, which unclear, which not."""
    signs = [q for q in plan.questions if q.criterion]
    out = []
    for value, text in CRITERIA_GROUPS:
        names = [q.label for q in signs if answers.get(q.id) == value]
        if names:
            out.append(_(text).format(names=", ".join(names)))
    return out


def split_steps(result: Result) -> tuple[list[ResultStep], list[ResultStep]]:
    """The steps the card says to take (call its contacts), and the steps of its
    steps sections (such as VIDERE HANDLING), which it offers as ways to go on."""
    now = [s for s in result.steps if s.group is None]
    return now, [s for s in result.steps if s.group is not None and not s.citizen]


# The tool's heading over the card's advice to pass on to the citizen (to_citizen).
CITIZEN_HEADING = N_("Råd, du kan give borgeren videre")


def citizen_steps(result: Result) -> list[ResultStep]:
    """The card's advice to pass on to the citizen (to_citizen), in the card's
    order: shown under its own heading, not among the steps to take."""
    return [s for s in result.steps if s.citizen]


def group_heading(section: StepsSection) -> str:
    """A steps section's heading in a result; the tool's words when it has none."""
    return section.heading or _("Mere fra handlekortet")


def card_subject(card: Card) -> str:
    """What the card is about (meta.subject), for headings: "stalking" by default."""
    return card.meta.subject or _("stalking")


def file_subject(subject: str) -> str:
    """The subject made safe for a file name: lower case letters a-z, digits
    and hyphens ("vold i nære relationer" -> "vold-i-naere-relationer")."""
    import re

    text = subject.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    safe = re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:40].strip("-")
    return safe or _("stalking")


def link_line(url: str) -> str:
    """A link of the card's, as text (the terminal, the note)."""
    return _("Link: {url}").format(url=url)


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


def summary_headlines(result: Result) -> list[tuple[str, bool]]:
    """The supplements' one-line instructions for the closing summary, each with
    whether it is urgent: 112 first when urgent, then the other shown
    supplements that have a headline (the duty to notify)."""
    lead = result.lead
    rest = [s for s in result.supplements if s.headline and s not in lead]
    return [(s.headline or s.text, True) for s in lead] + [(s.headline or "", False) for s in rest]


def result_dict(plan: Plan, result: Result, timed: CallPlan) -> dict[str, Any]:
    """A result for scripts (`check --format json`), with "Ring nu" as the
    engine worked it out at a moment (`timed`: stalkcard.engine.callplan.plan_at)."""
    from stalkcard.views.ringnu import plan_dict

    card = plan.card
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
                **({"url": s.url} if s.url else {}),
                **({"to_citizen": True} if s.citizen else {}),
            }
            for part in (*split_steps(result), citizen_steps(result))
            for s in part
        ],
        "supplements": [
            {"id": s.id, "text": s.text, "source": s.source, "part_of_card": False}
            for s in result.supplements
        ],
        # "Kort sagt": the supplements' one-line instructions (urgent first), the
        # assessment in one line, and "Ring nu" at `now`.
        "summary": {
            "headlines": [
                {"text": text, "urgent": urgent} for text, urgent in summary_headlines(result)
            ],
            "assessment": card.assessment(result.assessment).short or result.assessment_text,
            "suggestion_note": _(SUGGESTION_NOTE) if result.suggested else None,
        },
        "call_plan": plan_dict(timed),
    }


def result_json(plan: Plan, result: Result, timed: CallPlan) -> str:
    return _dumps(result_dict(plan, result, timed))


def hours_text(hours: Any) -> str:
    """Opening hours in words: "hverdage kl. 08:30-11:00"; windows joined by
    ", " ("mandag, tirsdag kl. 08:00-15:00, fredag kl. 08:00-13:00")."""
    from stalkcard.card.model import WEEKDAYS
    from stalkcard.clock import WEEKDAY_NAMES

    if isinstance(hours, tuple | list):
        return ", ".join(hours_text(window) for window in hours)
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
    card, not the default; "åbningstid ikke kendt" when the card says it does
    not know them) and its e-mail, in brackets; else nothing."""
    extra = []
    if contact.own_hours and contact.hours is None and not contact.always_open:
        extra.append(_("åbningstid ikke kendt"))
    if contact.own_hours and contact.hours is not None:
        extra.append(hours_text(contact.hours))
    if contact.email:
        extra.append(_("e-mail {email}").format(email=contact.email))
    if contact.url:
        extra.append(contact.url)
    return f" ({'; '.join(extra)})" if extra else ""


def contact_lead(contact: Contact) -> str:
    """What stands before a contact's number in a result: "name, unit: "; a
    contact without a name: its card line up to the number ("Telefon: ")."""
    if contact.card_line is not None and contact.name == contact.card_line:
        at = contact.card_line.find(contact.phone)
        return contact.card_line[:at] if at >= 0 else contact.card_line + " "
    return f"{contact.name}, {contact.unit}: " if contact.unit else f"{contact.name}: "


def contact_text(contact: Contact) -> str:
    tail = ""
    if contact.card_line is not None and contact.name == contact.card_line:
        at = contact.card_line.find(contact.phone)
        tail = contact.card_line[at + len(contact.phone) :] if at >= 0 else ""
    return contact_lead(contact) + contact.phone + tail + contact_extra(contact)


def write_out(text: str) -> None:
    """Plain text to stdout, exactly as given (for JSON and Markdown)."""
    sys.stdout.write(text)
    sys.stdout.flush()
