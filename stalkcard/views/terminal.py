"""The terminal's renderings (Rich) of the card and a screening's result.

Card text is always printed as text (rich.text.Text), never parsed as markup,
so a "[" or a ":name:" in the card survives. The neutral parts (labels, call
order, JSON) are in stalkcard.views.parts, the Markdown in stalkcard.views.markdown.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.panel import Panel
from rich.text import Text

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
from stalkcard.i18n import _

if TYPE_CHECKING:  # the screening is only imported by `check`
    from stalkcard.engine.callplan import CallAt, CallPlan
    from stalkcard.engine.plan import Plan
    from stalkcard.engine.questions import Question
    from stalkcard.engine.result import Result, ResultStep

from stalkcard.views.parts import (
    CITIZEN_HEADING,
    SUGGESTION_NOTE,
    SUPPLEMENT_LABEL,
    SUPPLEMENT_LEGEND,
    answer_lines,
    assessment_paragraphs,
    card_byline,
    citizen_steps,
    contact_extra,
    contact_lead,
    criteria_lines,
    danger_heading,
    further_groups,
    group_heading,
    link_line,
    split_steps,
    step_title,
    summary_headlines,
    write_out,
)
from stalkcard.views.ringnu import call_who, ring_nu

INDENT = 2


def make_console(stderr: bool = False) -> Console:
    """A console that prints text as text: no markup, no emoji, no number colouring."""
    from stalkcard.views.plain import terminal_width

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


def _paragraphs(paragraphs: Iterable[str]) -> list[RenderableType]:
    return [Group(Text(p), Text("")) for p in paragraphs]


def _contact_lines(contact: Contact) -> Group:
    """As on the card: its own line, with the phone number kept whole; else the
    name, then "unit, phone"."""
    if contact.card_line:
        line, phone = contact.card_line, contact.phone
        from stalkcard.engine.phones import whole_at

        start = whole_at(line, phone)
        if start is None:  # validate refuses such a line; show it whole, then the number
            return Group(Text(line), PhoneLine("", phone, "bold"), Text(""))
        end = start + len(phone)
        link = [Text(link_line(contact.url))] if contact.url else []
        return Group(PhoneLine(line[:start], phone, "bold", line[end:]), *link, Text(""))
    lead = f"{contact.unit}, " if contact.unit else ""
    if contact.url:
        return Group(
            Text(contact.name, style="bold"),
            PhoneLine(lead, contact.phone),
            Text(link_line(contact.url)),
            Text(""),
        )
    return Group(Text(contact.name, style="bold"), PhoneLine(lead, contact.phone), Text(""))


def _section_body(card: Card, section: Any) -> list[RenderableType]:
    """A section's text, indented once as a whole (one Padding renders faster than
    one per paragraph, with the same output)."""
    body: list[RenderableType] = []
    if getattr(section, "to_citizen", False):
        body.append(Group(Text(_(CITIZEN_HEADING) + ":", style="dim"), Text("")))
    if isinstance(section, DefinitionSection):
        body += _paragraphs(section.paragraphs)
        body += _paragraphs(c.text for c in section.criteria)
    elif isinstance(section, FormsSection):
        body += _paragraphs(section.paragraphs)
        for form in section.forms:
            if form.examples is None:
                body.append(Text(f"- {form.title}"))
            else:
                body.append(Group(Text(form.title, style="bold"), Text(form.examples), Text("")))
        if any(f.examples is None for f in section.forms):
            body.append(Text(""))
    elif isinstance(section, TextSection):
        body += _paragraphs(section.paragraphs)
        if section.items:
            body += [Text(f"- {item}") for item in section.items] + [Text("")]
    elif isinstance(section, ContactsSection):
        body += _paragraphs(section.paragraphs)
        body += [_contact_lines(c) for c in card.contacts if c.group == section.id]
        body += _paragraphs(section.closing)
    elif isinstance(section, StepsSection):
        body += _paragraphs(section.paragraphs)
        for step in section.steps:
            parts: list[RenderableType] = []
            if step.to_citizen and not section.to_citizen:
                parts.append(Text(_(CITIZEN_HEADING) + ":", style="dim"))
            if step.heading is not None:
                parts.append(_heading(step.heading, 3))
            parts += [Text(p) for p in step.paragraphs]
            if step.url:
                parts.append(Text(link_line(step.url)))
            body.append(Group(*parts, Text("")))
        body += _paragraphs(section.closing)
    if section.url:
        body += _paragraphs([link_line(section.url)])
    return [_indent(Group(*body))]


def choices_overview(question: Question) -> Group:
    """A many-of question's choices with what the card says of each (the forms of
    stalking with their examples), compact, before the checkbox."""
    lines: list[RenderableType] = (
        [Text(f"{question.details}:", style="dim")] if question.details else []
    )
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
            Text(card_byline(card), style="dim"),
            Text(""),
        ]
    for section in card.sections:
        if section_id is not None and section.id != section_id:
            continue
        level = 3 if isinstance(section, FormsSection) else 2
        if section.heading is not None:
            out.append(_heading(section.heading, level))
        out += _section_body(card, section)
    if supplements and card.supplements:
        out.append(supplements_panel(card.supplements))
    return out


def supplements_panel(
    supplements: Sequence[Supplement], urgent: bool = False, label: bool = True
) -> Panel:
    """Supplements in a frame, each with its source. `label=False` in a result,
    which says once, in its legend, what the frame means (issue 23)."""
    items: list[RenderableType] = [Text(_(SUPPLEMENT_LABEL), style="bold")] if label else []
    for supplement in supplements:
        style = "bold" if urgent and supplement.urgent else ""
        if items:
            items.append(Text(""))
        items.append(Text(supplement.text, style=style))
        if supplement.url:
            items.append(Text(link_line(supplement.url)))
        items.append(Text(_("Kilde: {source}").format(source=supplement.source), style="dim"))
    border = "red" if urgent else "yellow"
    return Panel(Group(*items), box=box.SQUARE, border_style=border, expand=True)


def _contact_line(contact: Contact) -> PhoneLine:
    return PhoneLine(contact_lead(contact), contact.phone, tail=contact_extra(contact))


def _result_step(number: int | None, step: ResultStep) -> RenderableType:
    title = step_title(step.heading, step.note)
    parts: list[RenderableType] = [
        Text(f"{number}. {title}" if number is not None else title, style="bold")
    ]
    parts += [_indent(Text(p)) for p in step.paragraphs]
    parts += [_indent(_contact_line(c), 2) for c in step.contacts]
    parts += [_indent(Text(p)) for p in step.after]
    if step.url:
        parts.append(_indent(Text(link_line(step.url))))
    return _indent(Group(*parts, Text("")))


def result_renderables(plan: Plan, result: Result, timed: CallPlan) -> list[RenderableType]:
    """A result as the terminal shows it, "Ring nu" as the engine worked it
    out at a moment (`timed`: stalkcard.engine.callplan.plan_at)."""
    card = plan.card
    lead = {s.id for s in result.lead}
    first = [s for s in result.supplements if s.id in lead]
    rest = [s for s in result.supplements if s.id not in lead]
    out: list[RenderableType] = []
    # The supplement mark once per result, as a legend: after the urgent 112 lead,
    # which stays first, or else above the framed supplements.
    legend = Text(_(SUPPLEMENT_LEGEND), style="yellow")
    if result.urgent:
        out.append(Text(danger_heading(result.danger), style="bold red"))
        if first:
            out.append(supplements_panel(first, urgent=True, label=False))
            out.append(legend)
        out.append(Text(""))
    out += [_heading(_("Resultat af screeningen")), _indent(Text(result.assessment_text))]
    out += [_indent(Text(line)) for line in criteria_lines(plan, result.answers)]
    out += [_indent(Text(p)) for p in assessment_paragraphs(card)]
    now_steps, further = split_steps(result)
    out += [Text(""), _heading(_("Det skal du gøre nu"))]
    out += [_result_step(n, step) for n, step in enumerate(now_steps, start=1)]
    for section, steps in further_groups(card, further):
        out += [_heading(group_heading(section))]
        out += [_indent(Text(p)) for p in section.paragraphs]
        if section.url:
            out.append(_indent(Text(link_line(section.url))))
        out.append(Text(""))
        out += [_result_step(None, step) for step in steps]
    if citizen := citizen_steps(result):
        out += [_heading(_(CITIZEN_HEADING))]
        out += [_result_step(None, step) for step in citizen]
    if rest:
        if not (result.urgent and first):
            out.append(legend)
        out.append(supplements_panel(rest, label=False))
    out += [Text(""), _heading(_("Dine svar"))]
    out += [
        _indent(Text(f"{label}: {value}")) for label, value in answer_lines(plan, result.answers)
    ]
    out += [Text(""), closing_summary(card, result, timed)]
    return out


def _call_grid(calls: Iterable[CallAt], later: bool, timed: bool) -> Padding:
    """Phone first, then who, with its marks (views.call_who)."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for at in calls:
        grid.add_row(Text(at.call.contact.phone, style="bold"), Text(call_who(at, later, timed)))
    return Padding(grid, (0, 0, 0, INDENT))


def closing_summary(card: Card, result: Result, timed: CallPlan) -> RenderableType:
    """The last thing printed, short enough to stay on a 24-row screen with the
    note prompt below it: 112 first when it is urgent, the duty to notify when
    it applies, the assessment in one line, then "Ring nu" as the engine
    ordered it, at the moment of `timed` (Danish time): views.ring_nu's
    blocks, the same the JSON and the page show."""
    from rich.rule import Rule

    lines: list[RenderableType] = [Rule(_("Kort sagt"), style="dim")]
    headlines = summary_headlines(result)
    # 112 stands alone, without a hedge (issue 23); the other instructions
    # carry the supplement mark, as "Ring nu" does.
    for text, urgent in headlines:
        if urgent:
            lines.append(Text(text, style="bold red"))
        else:
            lines.append(Text(text, style="bold").append(" " + _("(tillæg)"), style="dim"))
    short = card.assessment(result.assessment).short or result.assessment_text
    lines.append(Text(_("Vurdering: {text}").format(text=short)))
    for words, calls, later in ring_nu(timed):
        if words:
            lines.append(Text(words, style="bold"))
        if calls:
            lines.append(_call_grid(calls, later, timed.now is not None))
    if result.suggested:
        lines.append(Text(_(SUGGESTION_NOTE), style="dim"))
    return Group(*lines)


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
