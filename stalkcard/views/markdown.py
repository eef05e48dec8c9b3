"""The card, a result's case note and the supplements as Markdown: one escaper
(`md`) for `show --format markdown`, the note and `log`. Card text is text,
never Markdown or HTML. No Rich here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from stalkcard.card.model import (
    Card,
    Contact,
    ContactsSection,
    DefinitionSection,
    FormsSection,
    StepsSection,
    Supplement,
    TextSection,
)
from stalkcard.i18n import N_, _
from stalkcard.views.parts import (
    CITIZEN_HEADING,
    SUPPLEMENT_LABEL,
    assessment_paragraphs,
    card_byline,
    card_subject,
    citizen_steps,
    contact_text,
    criteria_lines,
    danger_heading,
    danish_date,
    describe_answer,
    further_groups,
    group_heading,
    split_steps,
    step_title,
)
from stalkcard.views.ringnu import call_mark

if TYPE_CHECKING:
    from stalkcard.engine.plan import Plan
    from stalkcard.engine.result import Result


# `~` too: `~~~` opens a fenced code block, `~~x~~` strikes through (GFM).
_MD_INLINE = str.maketrans({ch: "\\" + ch for ch in "\\`*_[]<>|~"})
# Spaces or a tab before a line's text: four of them make an indented code block
# of the rest (also after a list marker), and they carry no meaning in text.
_MD_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)


_MD_LINE_START = re.compile(r"^(\s*)(?:([#>+=-])|(\d+)([.)]))")


# Cached: `stalkcard html` renders the note for every combination, and the card's
# texts repeat (str.translate took 2.1 of 5.3 s of the page's build before).
@functools.lru_cache(maxsize=4096)
def md(text: str) -> str:
    """Text from the card file for a Markdown file: the one escaper used by
    `show --format markdown`, the note and `log`. Card text is text, never
    Markdown or HTML: `<img src=...>`, `[x](javascript:...)`, `![](...)` and
    emphasis come out as the characters typed (CommonMark backslash escapes),
    and a line cannot start a heading, a quote, a list or a code block (a
    fence of ~~~ or ```, or an indent of four spaces)."""
    escaped = _MD_INDENT.sub("", text.translate(_MD_INLINE))
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
        lines += [f"# {md(card.meta.title)}", "", f"_{md(card_byline(card))}_", ""]
    for section in card.sections:
        if section_id is not None and section.id != section_id:
            continue
        level = "###" if isinstance(section, FormsSection) else "##"
        if section.heading is not None:
            lines += [f"{level} {md(section.heading)}", ""]
        lines += _section_markdown(card, section)
    if supplements and card.supplements:
        lines += supplements_markdown(card.supplements)
    return "\n".join(lines).rstrip() + "\n"


def _section_markdown(card: Card, section: Any) -> list[str]:
    lines: list[str] = []
    if getattr(section, "to_citizen", False):
        lines += [f"_{md(_(CITIZEN_HEADING))}:_", ""]
    if isinstance(section, DefinitionSection):
        for paragraph in section.paragraphs:
            lines += [md(paragraph), ""]
        for criterion in section.criteria:
            lines += [md(criterion.text), ""]
    elif isinstance(section, FormsSection):
        for paragraph in section.paragraphs:
            lines += [md(paragraph), ""]
        lines += [
            f"- **{md(f.title)}**  \n  {md(f.examples)}"
            if f.examples is not None
            else f"- {md(f.title)}"
            for f in section.forms
        ] + [""]
    elif isinstance(section, TextSection):
        for paragraph in section.paragraphs:
            lines += [md(paragraph), ""]
        if section.items:
            lines += [f"- {md(item)}" for item in section.items] + [""]
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
            if step.to_citizen and not section.to_citizen:
                lines += [f"_{md(_(CITIZEN_HEADING))}:_", ""]
            if step.heading is not None:
                lines += [f"### {md(step.heading)}", ""]
            for paragraph in step.paragraphs:
                lines += [md(paragraph), ""]
            if step.url:
                lines += [_link_markdown(step.url), ""]
        for paragraph in section.closing:
            lines += [md(paragraph), ""]
    if section.url:
        lines += [_link_markdown(section.url), ""]
    return lines


def _link_markdown(url: str) -> str:
    """A link of the card's (validated https://, no spaces or brackets): an
    autolink, so it is a link where Markdown is read, and its text elsewhere."""
    return _("Link: {url}").format(url=f"<{url}>")


def _contact_markdown(contact: Contact) -> str:
    link = f"  \n  {_link_markdown(contact.url)}" if contact.url else ""
    if contact.card_line:
        return f"- {md(contact.card_line)}{link}"
    lead = f"{md(contact.unit)}, " if contact.unit else ""
    return f"- {md(contact.name)}  \n  {lead}{md(contact.phone)}{link}"


def supplements_markdown(supplements: Sequence[Supplement]) -> list[str]:
    lines = [f"## {_(SUPPLEMENT_LABEL)}", ""]
    for supplement in supplements:
        source = _("Kilde: {source}").format(source=md(supplement.source))
        link = [f"> {_link_markdown(supplement.url)}  "] if supplement.url else []
        lines += [f"> {md(supplement.text)}  ", *link, f"> _{source}_", ""]
    return lines


SUGGESTION_MARK = N_("(forslag): værktøjets forslag, ikke en del af handlekortet.")


def call_markdown(contact: Contact, why: str) -> str:
    """One line of "Ring nu" in the note (the page stores these too)."""
    return f"- {md(contact_text(contact) + call_mark(contact, why))}"


def answer_markdown(plan: Plan, key: str, value: Any) -> str:
    """One answer's line in the case note (the HTML page stores these too)."""
    label, shown = describe_answer(plan, key, value)
    return f"- {md(label)}: {md(shown)}"


NO_PERSONAL_DATA = N_(
    "Skriv ikke borgerens navn, CPR-nummer eller andre personoplysninger i dette notat."
)


def note_parts(
    plan: Plan, result: Result, when: datetime | None, cache: dict[Any, str] | None = None
) -> list[tuple[Any, str]]:
    """The case note in parts, each with the key of what it depends on (None for
    the answers, which differ in every combination). Each part is whole blocks
    and ends with a blank line; result_markdown joins them. With `cache` (the
    page's build), a part is rendered once per key: the steps, which list every
    contact, once per set of steps, not once per combination."""
    card = plan.card
    answers = result.answers

    def part(key: Any, make: Callable[[], list[str]]) -> tuple[Any, str]:
        if cache is None:
            return key, "\n".join(make())
        if key not in cache:
            cache[key] = "\n".join(make())
        return key, cache[key]

    def head() -> list[str]:
        return [
            "# " + md(_("Notat: screening for {subject}").format(subject=card_subject(card))),
            "",
            (
                _("Dato: {when} (dansk tid)").format(when=md(danish_date(when)))
                if when is not None
                else _("Dato: ukendt (computerens ur kan ikke læses)")
            )
            + "  ",
            _("Handlekort: {title}, version {version}").format(
                title=md(card.meta.title), version=md(card.meta.version)
            ),
            "",
            "> " + _(NO_PERSONAL_DATA),
            "> " + _("Notatet hører til i sagen i det system, der er godkendt til det."),
            "",
        ]

    def assessment() -> list[str]:
        lines = ["## " + _("Vurdering"), "", md(result.assessment_text), ""]
        lines += [f"- {md(line)}" for line in criteria_lines(plan, answers)] + [""]
        return [*lines, *map(md, assessment_paragraphs(card)), ""]

    def calls() -> list[str]:
        lines = ["## " + _("Ring nu"), ""]
        lines += [call_markdown(c.contact, c.why) for c in result.calls] + [""]
        if result.suggested:
            lines += [md(_(SUGGESTION_MARK)), ""]
        return lines

    def steps() -> list[str]:
        now_steps, further = split_steps(result)
        lines = ["## " + _("Det skal du gøre nu"), ""]
        for number, step in enumerate(now_steps, start=1):
            lines += [f"{number}. **{md(step_title(step.heading, step.note))}**", ""]
            lines += [f"   {md(p)}" for p in step.paragraphs] + [""]
            if step.contacts:
                lines += [f"   - {md(contact_text(c))}" for c in step.contacts] + [""]
            lines += [f"   {md(p)}" for p in step.after] + ([""] if step.after else [])
            if step.url:
                lines += [f"   {_link_markdown(step.url)}", ""]
        for section, group in further_groups(card, further):
            lines += ["## " + md(group_heading(section)), ""]
            lines += [p for paragraph in section.paragraphs for p in (md(paragraph), "")]
            if section.url:
                lines += [_link_markdown(section.url), ""]
            for step in group:
                lines += [f"### {md(step_title(step.heading, step.note))}", ""]
                lines += [p for paragraph in step.paragraphs for p in (md(paragraph), "")]
                if step.url:
                    lines += [_link_markdown(step.url), ""]
        if citizen := citizen_steps(result):
            lines += ["## " + md(_(CITIZEN_HEADING)), ""]
            for step in citizen:
                lines += [f"### {md(step_title(step.heading, step.note))}", ""]
                lines += [p for paragraph in step.paragraphs for p in (md(paragraph), "")]
                if step.url:
                    lines += [_link_markdown(step.url), ""]
        return lines

    criteria = tuple(answers.get(q.id) for q in plan.questions if q.criterion)
    danger = result.danger
    parts = [part(("head", when), head)]
    if result.urgent:
        heading = _("**{heading}** – se tillæg nedenfor.").format(heading=danger_heading(danger))
        parts.append(part(("urgent", danger), lambda: [heading, ""]))
    answer_lines = [answer_markdown(plan, k, v) for k, v in answers.as_dict().items()]
    parts.append((None, "\n".join(["## " + _("Svar"), "", *answer_lines, ""])))
    parts.append(part(("assessment", result.assessment_text, criteria), assessment))
    if result.calls:
        calls_key = tuple((c.contact.id, c.why) for c in result.calls)
        parts.append(part(("calls", calls_key, bool(result.suggested)), calls))
    parts.append(part(("steps", tuple((s.id, s.note) for s in result.steps)), steps))
    if result.supplements:
        shown = tuple(s.id for s in result.supplements)
        parts.append(part(("supplements", shown), lambda: supplements_markdown(result.supplements)))
    return parts


def result_markdown(plan: Plan, result: Result, when: datetime | None) -> str:
    """The case note: date, answers, assessment, contacts, steps. No personal data."""
    return "\n".join(text for _key, text in note_parts(plan, result, when)).rstrip() + "\n"
