"""Renderings of the card, its contacts and a screening's result.

Rich renderables for the terminal, and Markdown and JSON exports. Card text is
always printed as text (rich.text.Text), never parsed as markup, so a "[" or a
":name:" in the card survives.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.panel import Panel
from rich.text import Text

from stalkcard.clock import when_text
from stalkcard.i18n import _
from stalkcard.model import (
    Card,
    Contact,
    ContactsSection,
    DefinitionSection,
    FormsSection,
    StepsSection,
    Supplement,
    TextSection,
)

if TYPE_CHECKING:  # the screening is only imported by `check`
    from stalkcard.questions import Question
    from stalkcard.screening import Answers, Result, ResultStep

SUPPLEMENT_LABEL = "Tillæg – ikke en del af handlekortet"
SUGGESTION_NOTE = "Forslag – ikke en del af handlekortet. Alle kontakter: stalkcard contacts."
INDENT = 2


def danger_heading(danger: str | None) -> str:
    """The alarm line over the 112 advice: "ved ikke" is possible danger, not danger."""
    return _("MULIG AKUT FARE") if danger == "unknown" else _("AKUT FARE")


def make_console(stderr: bool = False) -> Console:
    """A console that prints text as text: no markup, no emoji, no number colouring."""
    from stalkcard.plain import terminal_width

    return Console(
        stderr=stderr, markup=False, emoji=False, highlight=False, width=terminal_width()
    )


def _indent(renderable: RenderableType, level: int = 1) -> Padding:
    return Padding(renderable, (0, 0, 0, INDENT * level), expand=False)


def _heading(text: str, level: int = 2) -> Text:
    style = "bold underline" if level == 2 else "bold"
    return Text(text, style=style)


class PhoneLine:
    """`lead`, a phone number and `tail` on one line when they fit. Else the lead,
    then the number on a line of its own (with no tail); with a tail, the words
    wrap and the number (with what is glued to it, such as a comma) is one
    word. A phone number is never broken across lines."""

    def __init__(self, lead: str, phone: str, style: str = "", tail: str = "") -> None:
        self.lead = lead
        self.phone = phone
        self.style = style
        self.tail = tail

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        if cell_len(self.lead + self.phone + self.tail) <= width:
            yield Text(self.lead + self.phone + self.tail, style=self.style, no_wrap=True)
        elif not self.tail:
            yield Text(self.lead.rstrip(), style=self.style)
            yield Text(self.phone, style=self.style, no_wrap=True, overflow="fold")
        else:
            glued, _space, rest = self.tail.partition(" ")
            words = [*self.lead.split(), self.phone + glued, *rest.split()]
            line = ""
            for word in words:
                if line and cell_len(line + " " + word) > width:
                    yield Text(line, style=self.style, no_wrap=True, overflow="fold")
                    line = word
                else:
                    line = f"{line} {word}" if line else word
            yield Text(line, style=self.style, no_wrap=True, overflow="fold")


# --------------------------------------------------------------------------
# The card


def _paragraphs(paragraphs: Iterable[str]) -> list[RenderableType]:
    return [Group(Text(p), Text("")) for p in paragraphs]


def _contact_lines(contact: Contact) -> Group:
    """As on the card: its own line, with the phone number kept whole; else the
    name, then "unit, phone"."""
    if contact.card_line:
        line, phone = contact.card_line, contact.phone
        start = line.index(phone)
        end = start + len(phone)
        return Group(PhoneLine(line[:start], phone, "bold", line[end:]), Text(""))
    lead = f"{contact.unit}, " if contact.unit else ""
    return Group(Text(contact.name, style="bold"), PhoneLine(lead, contact.phone), Text(""))


def _section_body(card: Card, section: Any) -> list[RenderableType]:
    """A section's text, indented once as a whole (one Padding renders faster than
    one per paragraph, with the same output)."""
    body: list[RenderableType] = []
    if isinstance(section, DefinitionSection):
        body += _paragraphs(c.text for c in section.criteria)
    elif isinstance(section, FormsSection):
        for form in section.forms:
            body.append(Group(Text(form.title, style="bold"), Text(form.examples), Text("")))
    elif isinstance(section, TextSection):
        body += _paragraphs(section.paragraphs)
    elif isinstance(section, ContactsSection):
        body += _paragraphs(section.paragraphs)
        body += [_contact_lines(c) for c in card.contacts if c.group == section.id]
        body += _paragraphs(section.closing)
    elif isinstance(section, StepsSection):
        body += _paragraphs(section.paragraphs)
        for step in section.steps:
            paragraphs = [Text(p) for p in step.paragraphs]
            body.append(Group(_heading(step.heading, 3), *paragraphs, Text("")))
    return [_indent(Group(*body))]


def choices_overview(question: Question) -> Group:
    """A many-of question's choices with what the card says of each (the forms of
    stalking with their examples), compact, before the checkbox."""
    lines: list[RenderableType] = [Text(f"{question.details}:", style="dim")]
    for choice in question.choices:
        line = Text(f"{choice.label}: ", style="bold")
        line.append(choice.detail or "")
        lines.append(_indent(line))
    return Group(*lines)


def card_renderables(
    card: Card, section_id: str | None = None, supplements: bool = False
) -> list[RenderableType]:
    out: list[RenderableType] = []
    if section_id is None:
        out += [
            Text(card.meta.title, style="bold"),
            Text(_card_byline(card), style="dim"),
            Text(""),
        ]
    for section in card.sections:
        if section_id is not None and section.id != section_id:
            continue
        level = 3 if isinstance(section, FormsSection) else 2
        out += [_heading(section.heading, level), *_section_body(card, section)]
    if supplements and card.supplements:
        out.append(supplements_panel(card.supplements))
    return out


def _card_byline(card: Card) -> str:
    meta = card.meta
    return _("{municipality} · version {version} · kontaktlisten opdateret {verified}").format(
        municipality=meta.municipality,
        version=meta.version,
        verified=meta.contacts_verified.isoformat(),
    )


def supplements_panel(supplements: Sequence[Supplement], urgent: bool = False) -> Panel:
    items: list[RenderableType] = [Text(_(SUPPLEMENT_LABEL), style="bold")]
    for supplement in supplements:
        style = "bold" if urgent and supplement.urgent else ""
        items += [Text(""), Text(supplement.text, style=style)]
        items.append(Text(_("Kilde: {source}").format(source=supplement.source), style="dim"))
    border = "red" if urgent else "yellow"
    return Panel(Group(*items), box=box.SQUARE, border_style=border, expand=True)


_MD_INLINE = str.maketrans({ch: "\\" + ch for ch in "\\`*_[]<>|"})
_MD_LINE_START = re.compile(r"^(\s*)(?:([#>+=-])|(\d+)([.)]))")


# Cached: `stalkcard html` renders the note for every combination, and the card's
# texts repeat (str.translate took 2.1 of 5.3 s of the page's build before).
@functools.lru_cache(maxsize=4096)
def md(text: str) -> str:
    """Text from the card file for a Markdown file: the one escaper used by
    `show --format markdown`, the note and `log`. Card text is text, never
    Markdown or HTML: `<img src=...>`, `[x](javascript:...)`, `![](...)` and
    emphasis come out as the characters typed (CommonMark backslash escapes),
    and a line cannot start a heading, a quote or a list."""
    escaped = text.translate(_MD_INLINE)
    return _MD_LINE_START.sub(
        lambda m: (
            m.group(1) + "\\" + m.group(2)
            if m.group(2)
            else m.group(1) + m.group(3) + "\\" + m.group(4)
        ),
        escaped,
    )


def card_markdown(card: Card, section_id: str | None = None, supplements: bool = False) -> str:
    lines: list[str] = []
    if section_id is None:
        lines += [f"# {md(card.meta.title)}", "", f"_{md(_card_byline(card))}_", ""]
    for section in card.sections:
        if section_id is not None and section.id != section_id:
            continue
        level = "###" if isinstance(section, FormsSection) else "##"
        lines += [f"{level} {md(section.heading)}", ""]
        lines += _section_markdown(card, section)
    if supplements and card.supplements:
        lines += supplements_markdown(card.supplements)
    return "\n".join(lines).rstrip() + "\n"


def _section_markdown(card: Card, section: Any) -> list[str]:
    lines: list[str] = []
    if isinstance(section, DefinitionSection):
        for criterion in section.criteria:
            lines += [md(criterion.text), ""]
    elif isinstance(section, FormsSection):
        lines += [f"- **{md(f.title)}**  \n  {md(f.examples)}" for f in section.forms] + [""]
    elif isinstance(section, TextSection):
        for paragraph in section.paragraphs:
            lines += [md(paragraph), ""]
    elif isinstance(section, ContactsSection):
        for paragraph in section.paragraphs:
            lines += [md(paragraph), ""]
        lines += [_contact_markdown(c) for c in card.contacts if c.group == section.id] + [""]
        for paragraph in section.closing:
            lines += [md(paragraph), ""]
    elif isinstance(section, StepsSection):
        for paragraph in section.paragraphs:
            lines += [md(paragraph), ""]
        for step in section.steps:
            lines += [f"### {md(step.heading)}", ""]
            for paragraph in step.paragraphs:
                lines += [md(paragraph), ""]
    return lines


def _contact_markdown(contact: Contact) -> str:
    if contact.card_line:
        return f"- {md(contact.card_line)}"
    lead = f"{md(contact.unit)}, " if contact.unit else ""
    return f"- {md(contact.name)}  \n  {lead}{md(contact.phone)}"


def supplements_markdown(supplements: Sequence[Supplement]) -> list[str]:
    lines = [f"## {_(SUPPLEMENT_LABEL)}", ""]
    for supplement in supplements:
        source = _("Kilde: {source}").format(source=md(supplement.source))
        lines += [f"> {md(supplement.text)}  ", f"> _{source}_", ""]
    return lines


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


def _dumps(data: Any) -> str:
    import json

    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------------
# Contacts


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


# --------------------------------------------------------------------------
# A screening's result


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


def _step_title(step_heading: str, note: str | None) -> str:
    return f"{step_heading} ({note})" if note else step_heading


def _contact_line(contact: Contact) -> PhoneLine:
    lead = f"{contact.name}, {contact.unit}: " if contact.unit else f"{contact.name}: "
    return PhoneLine(lead, contact.phone, tail=contact_extra(contact))


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


def _result_step(number: int | None, step: ResultStep) -> RenderableType:
    title = _step_title(step.heading, step.note)
    parts: list[RenderableType] = [
        Text(f"{number}. {title}" if number is not None else title, style="bold")
    ]
    parts += [_indent(Text(p)) for p in step.paragraphs]
    parts += [_indent(_contact_line(c), 2) for c in step.contacts]
    parts += [_indent(Text(p)) for p in step.after]
    return _indent(Group(*parts, Text("")))


def result_renderables(
    card: Card, result: Result, now: datetime | None = None
) -> list[RenderableType]:
    from stalkcard.screening import danger_value, urgent_supplements

    lead = {s.id for s in urgent_supplements(card)} if result.urgent else set()
    first = [s for s in result.supplements if s.id in lead]
    rest = [s for s in result.supplements if s.id not in lead]
    out: list[RenderableType] = []
    if result.urgent:
        out.append(Text(danger_heading(danger_value(card, result.answers)), style="bold red"))
        if first:
            out.append(supplements_panel(first, urgent=True))
        out.append(Text(""))
    out += [_heading(_("Resultat af screeningen")), _indent(Text(result.assessment_text))]
    out += [_indent(Text(line)) for line in criteria_lines(card, result.answers)]
    out += [_indent(Text(p)) for p in assessment_paragraphs(card)]
    now_steps, further = split_steps(card, result)
    out += [Text(""), _heading(_("Det skal du gøre nu"))]
    out += [_result_step(n, step) for n, step in enumerate(now_steps, start=1)]
    for section, steps in further_groups(card, further):
        out += [_heading(section.heading)]
        out += [_indent(Text(p)) for p in section.paragraphs] + [Text("")]
        out += [_result_step(None, step) for step in steps]
    if rest:
        out.append(supplements_panel(rest))
    out += [Text(""), _heading(_("Dine svar"))]
    out += [
        _indent(Text(f"{label}: {value}")) for label, value in answer_lines(card, result.answers)
    ]
    out += [Text(""), closing_summary(card, result, now)]
    return out


def call_now(card: Card, result: Result) -> list[tuple[Contact, bool]]:
    """Whom the closing summary says to call in office hours, in order, each
    with whether it is the tool's suggestion (the engine's call_plan)."""
    from stalkcard.screening import call_plan

    return list(call_plan(card, result).office)


def _call_grid(rows: Iterable[tuple[Contact, bool]], now: datetime | None = None) -> Padding:
    """Phone first, then who; with `now`, a contact outside its hours is marked."""
    from rich.table import Table

    from stalkcard.screening import is_open

    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for contact, suggested in rows:
        who = f"{contact.name}, {contact.unit}" if contact.unit else contact.name
        if suggested:
            who += " " + _("(forslag)")
        if now is not None and not is_open(contact.hours, now):
            who += " " + _("(lukket nu)")
        grid.add_row(Text(contact.phone, style="bold"), Text(who))
    return Padding(grid, (0, 0, 0, INDENT))


def summary_headlines(card: Card, result: Result) -> list[tuple[str, bool]]:
    """The supplements' one-line instructions for the closing summary, each with
    whether it is urgent: 112 first when urgent, then the other shown
    supplements that have a headline (the duty to notify)."""
    from stalkcard.screening import urgent_supplements

    lead = urgent_supplements(card) if result.urgent else ()
    rest = [s for s in result.supplements if s.headline and s not in lead]
    return [(s.headline or s.text, True) for s in lead] + [(s.headline or "", False) for s in rest]


def closing_summary(card: Card, result: Result, now: datetime | None = None) -> RenderableType:
    """The last thing printed, short enough to stay on a 24-row screen with the
    note prompt below it: 112 first when it is urgent, the duty to notify when
    it applies, the assessment in one line, then whom to call now with their
    numbers. Outside the contacts' hours (`now`, Danish time), the lines open
    day and night come first, and the card's contacts follow for later."""
    from rich.rule import Rule

    from stalkcard.screening import call_plan

    lines: list[RenderableType] = [Rule(_("Kort sagt"), style="dim")]
    headlines = summary_headlines(card, result)
    for text, urgent in headlines:
        lines.append(Text(text, style="bold red" if urgent else "bold"))
    if headlines:
        lines.append(Text("  " + _("(Tillæg – ikke en del af handlekortet)"), style="dim"))
    short = card.assessment(result.assessment).short or result.assessment_text
    lines.append(Text(_("Vurdering: {text}").format(text=short)))
    plan = call_plan(card, result, now)
    if plan.after_hours and now is not None:
        if plan.round_the_clock:
            reason = _("Uden for kontortid nu ({when}). Ring i stedet:")
            lines.append(Text(reason.format(when=when_text(now)), style="bold"))
            lines.append(_call_grid((c, False) for c in plan.round_the_clock))
            source = _("(Tillæg; kilderne: stalkcard contacts NUMMER)")
            lines.append(Text("  " + source, style="dim"))
        else:  # the card has no line open day and night
            reason = _("Uden for kontortid nu ({when}).").format(when=when_text(now))
            lines.append(Text(reason, style="bold"))
        if plan.reopens is None:
            later = _("Kortets kontakter, næste hverdag:")
        elif plan.assumed:
            later = _("Kortets kontakter fra {when} (værktøjets antagelse):")
        else:
            later = _("Kortets kontakter fra {when}:")
        lines.append(Text(later.format(when=when_text(plan.reopens) if plan.reopens else "")))
        lines.append(_call_grid(plan.office))
    else:
        if now is not None and plan.assumed:
            heading = _("Ring nu (kontortiden er antaget, og helligdage er ikke med):")
        else:
            heading = _("Ring nu:")
        lines.append(Text(heading, style="bold"))
        lines.append(_call_grid(plan.office, now))
    if result.suggested:
        lines.append(
            Text(
                _(SUGGESTION_NOTE),
                style="dim",
            )
        )
    return Group(*lines)


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


def _contact_text(contact: Contact) -> str:
    lead = f"{contact.name}, {contact.unit}: " if contact.unit else f"{contact.name}: "
    return lead + contact.phone + contact_extra(contact)


def answer_markdown(card: Card, key: str, value: Any) -> str:
    """One answer's line in the case note (the HTML page stores these too)."""
    label, shown = describe_answer(card, key, value)
    return f"- {md(label)}: {md(shown)}"


NO_PERSONAL_DATA = (
    "Skriv ikke borgerens navn, CPR-nummer eller andre personoplysninger i dette notat."
)


def note_parts(
    card: Card, result: Result, when: datetime, cache: dict[Any, str] | None = None
) -> list[tuple[Any, str]]:
    """The case note in parts, each with the key of what it depends on (None for
    the answers, which differ in every combination). Each part is whole blocks
    and ends with a blank line; result_markdown joins them. With `cache` (the
    page's build), a part is rendered once per key: the steps, which list every
    contact, once per set of steps, not once per combination."""
    answers = result.answers

    def part(key: Any, make: Callable[[], list[str]]) -> tuple[Any, str]:
        if cache is None:
            return key, "\n".join(make())
        if key not in cache:
            cache[key] = "\n".join(make())
        return key, cache[key]

    def head() -> list[str]:
        return [
            "# " + _("Notat: screening for stalking"),
            "",
            _("Dato: {date}").format(date=when.strftime("%Y-%m-%d %H:%M")) + "  ",
            _("Handlekort: {title}, version {version}").format(
                title=md(card.meta.title), version=md(card.meta.version)
            ),
            "",
            "> "
            + _(
                "Skriv ikke borgerens navn, CPR-nummer eller andre personoplysninger i dette notat."
            ),
            "> " + _("Notatet hører til i sagen i det system, der er godkendt til det."),
            "",
        ]

    def assessment() -> list[str]:
        lines = ["## " + _("Vurdering"), "", md(result.assessment_text), ""]
        lines += [f"- {md(line)}" for line in criteria_lines(card, answers)] + [""]
        return [*lines, *map(md, assessment_paragraphs(card)), ""]

    def suggestion() -> list[str]:
        lines = ["## " + _("Forslag – ikke en del af handlekortet"), ""]
        return lines + [f"- {md(_contact_text(c))}" for c in result.suggested] + [""]

    def steps() -> list[str]:
        now_steps, further = split_steps(card, result)
        lines = ["## " + _("Det skal du gøre nu"), ""]
        for number, step in enumerate(now_steps, start=1):
            lines += [f"{number}. **{md(_step_title(step.heading, step.note))}**", ""]
            lines += [f"   {md(p)}" for p in step.paragraphs] + [""]
            if step.contacts:
                lines += [f"   - {md(_contact_text(c))}" for c in step.contacts] + [""]
            lines += [f"   {md(p)}" for p in step.after] + ([""] if step.after else [])
        for section, group in further_groups(card, further):
            lines += ["## " + md(section.heading), ""]
            lines += [p for paragraph in section.paragraphs for p in (md(paragraph), "")]
            for step in group:
                lines += [f"### {md(_step_title(step.heading, step.note))}", ""]
                lines += [p for paragraph in step.paragraphs for p in (md(paragraph), "")]
        return lines

    from stalkcard.screening import compiled, danger_value

    criteria = tuple(answers.get(q.id) for q in compiled(card).questions if q.criterion)
    danger = danger_value(card, answers)
    parts = [part(("head", when), head)]
    if result.urgent:
        heading = _("**{heading}** – se tillæg nedenfor.").format(heading=danger_heading(danger))
        parts.append(part(("urgent", danger), lambda: [heading, ""]))
    answer_lines = [answer_markdown(card, k, v) for k, v in answers.as_dict().items()]
    parts.append((None, "\n".join(["## " + _("Svar"), "", *answer_lines, ""])))
    parts.append(part(("assessment", result.assessment_text, criteria), assessment))
    if result.suggested:
        parts.append(part(("suggested", tuple(c.id for c in result.suggested)), suggestion))
    parts.append(part(("steps", tuple((s.id, s.note) for s in result.steps)), steps))
    if result.supplements:
        shown = tuple(s.id for s in result.supplements)
        parts.append(part(("supplements", shown), lambda: supplements_markdown(result.supplements)))
    return parts


def result_markdown(card: Card, result: Result, when: datetime) -> str:
    """The case note: date, answers, assessment, contacts, steps. No personal data."""
    return "\n".join(text for _key, text in note_parts(card, result, when)).rstrip() + "\n"


def print_all(renderables: Sequence[RenderableType]) -> None:
    """Print to stdout. Piped output is plain text without trailing spaces.

    One print of one Group: the same output as a print per renderable, in
    about half the time (measured for `show`: 6 ms against 13 ms).
    """
    console = make_console()
    if console.is_terminal:
        console.print(Group(*renderables))
        return
    with console.capture() as captured:
        console.print(Group(*renderables))
    write_out("\n".join(line.rstrip() for line in captured.get().split("\n")))


def write_out(text: str) -> None:
    """Plain text to stdout, exactly as given (for JSON and Markdown)."""
    sys.stdout.write(text)
    sys.stdout.flush()
