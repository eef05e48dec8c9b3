"""The case note as plain text: a record for the case file (issue 23).

Journal systems do not render Markdown, so the note is plain lines: who
answered, when (Danish time, 26.11.2026 kl. 14:05), the answers, the
assessment, "Ring nu", the card's steps, the supplements by title, blank
lines for what was done, and one compact list of the supplements' sources at
the end. No field for a name or a CPR number.

The note is put together from pieces (`pieces`), and `assemble` joins them
for one result. The page's script (stalkcard/views/web/page.js, `note`) joins the
same pieces the same way for the result it evaluated; tests/views/test_page_engine.py
proves the two notes byte-identical for every combination of answers.
`check --note-format markdown` keeps the Markdown note (stalkcard.views.markdown).
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING, Any

from stalkcard.i18n import _
from stalkcard.views.parts import danish_date

if TYPE_CHECKING:
    from stalkcard.engine.plan import Plan
    from stalkcard.engine.result import Result

# A site named in a source ("politi.dk", "danskstalkingcenter.dk"): the
# compact source list names these, in the order the supplements cite them.
_SITE = re.compile(r"\b(?:www\.)?([a-z0-9æøå-]+(?:\.[a-z0-9æøå-]+)*\.(?:dk|org|com|eu|net))\b")


def sites(source: str) -> list[str]:
    """The sites a source names, each once, in its order."""
    out: list[str] = []
    for match in _SITE.finditer(source):
        if match.group(1) not in out:
            out.append(match.group(1))
    return out


def supplement_title(supplement: Any) -> str:
    """A supplement's title; without one, its headline, else its first sentence."""
    if supplement.title:
        return str(supplement.title)
    if supplement.headline:
        return str(supplement.headline)
    text = str(supplement.text)
    return text.split(". ")[0].rstrip(".")


def pieces(plan: Plan) -> dict[str, Any]:
    """Every piece of text the note can hold, for every answer and result: the
    page carries these and joins them as `assemble` does."""
    from stalkcard.engine.result import ROUTE, STEP, SUGGEST, URGENT
    from stalkcard.views.parts import (
        CITIZEN_HEADING,
        card_subject,
        contact_text,
        danger_heading,
        describe_answer,
        group_heading,
        link_line,
        step_title,
    )
    from stalkcard.views.ringnu import call_mark

    card = plan.card
    one: dict[str, dict[str, str]] = {}
    many: dict[str, dict[str, Any]] = {}
    for q in plan.questions:
        if q.kind == "one":
            one[q.id] = {
                c.id: "- {}: {}".format(*describe_answer(plan, q.id, c.id)) for c in q.choices
            }
        else:
            many[q.id] = {
                "prefix": f"- {q.label}: ",
                "labels": {c.id: c.label for c in q.choices},
                "none": _("Ingen"),
                "not_asked": _("Ikke spurgt"),
            }
    danger = next((q for q in plan.questions if q.danger), None)
    notes: dict[str, set[str | None]] = {}
    for rule in card.screening.rules.steps:
        for ident in rule.show:
            notes.setdefault(ident, {None}).add(rule.note)
    steps = plan.steps
    titles = {
        f"{ident}\u0000{note or ''}": step_title(step.heading, note)
        for ident, step in steps.items()
        for note in sorted(notes.get(ident, {None}), key=lambda n: n or "")
    }
    # A contacts step's numbers stand under RING NU: the step says so where they
    # stood, so no sentence of the card ends on a colon with nothing after it.
    numbers = _("(se RING NU)")
    bodies = {
        ident: " ".join(
            [
                *step.paragraphs,
                *([numbers] if step.contacts else []),
                *step.after,
                *([link_line(step.url)] if step.url else []),
            ]
        )
        for ident, step in steps.items()
    }
    links = {ident: f" ({link_line(step.url)})" for ident, step in steps.items() if step.url}
    meta = card.meta
    return {
        "date_at": _("{date} kl. {time}"),
        "head": [
            _("NOTAT: SCREENING FOR {subject}").format(subject=card_subject(card).upper()),
            _("Dato: {when} (dansk tid)"),
            _("Dato: ukendt (computerens ur kan ikke læses)"),
            _("Handlekort: {title}, {municipality}, version {version}").format(
                title=meta.title, municipality=meta.municipality, version=meta.version
            ),
            _("Svar givet af sagsbehandleren i screeningen."),
            _("Ingen navne, CPR-numre eller andre personoplysninger i notatet."),
        ],
        "urgent": {c.id: danger_heading(c.id) for c in (danger.choices if danger else ())},
        "answers": _("SVAR"),
        "one": one,
        "many": many,
        "assessment": {
            "heading": _("VURDERING"),
            "text": {a.id: a.text for a in card.screening.assessments},
        },
        "calls": {
            "heading": _("RING NU"),
            "line": {
                c.id: {
                    why: f"- {contact_text(c)}{call_mark(c, why)}"
                    for why in (URGENT, ROUTE, SUGGEST, STEP)
                }
                for c in plan.contacts + plan.extra_contacts
            },
            "suggested": _("Forslag – ikke en del af handlekortet."),
        },
        "steps": {
            "heading": _("KORTETS TRIN"),
            "titles": titles,
            "bodies": bodies,
            "groups": {
                s.id: group_heading(s) + (f" ({link_line(s.url)})" if s.url else "") + ":"
                for s in card.step_sections
            },
            "links": links,
            "citizen": _(CITIZEN_HEADING) + ":",
        },
        "supplements": {
            "heading": _("TILLÆG (ikke en del af handlekortet; kilder nederst)"),
            "titles": {
                s.id: supplement_title(s) + (f" ({s.url})" if s.url else "")
                for s in card.supplements
            },
            "headlines": {s.id: s.headline or s.text for s in card.supplements},
            "sites": {s.id: sites(s.source) for s in card.supplements},
        },
        "done": [
            _("GJORT"),
            _("Sparring eller rådgivning søgt hos, dato:"),
            _("Underretning sendt, dato (eller: ikke relevant):"),
            _("Borgeren henvist til:"),
            _("Næste skridt:"),
        ],
        "sources": _("KILDER TIL TILLÆGGENE: {sites}."),
    }


def assemble(
    p: dict[str, Any], shape: dict[str, Any], answers: dict[str, Any], when: str | None
) -> str:
    """The note for one result (`shape`: views.shape.result_shape's ids) and its answers
    (by question id, in the card's order), with the date already written.
    page.js's `note` is this function, line for line."""
    head = p["head"]
    lines = [head[0], head[1].format(when=when) if when is not None else head[2], *head[3:6], ""]
    if shape["urgent"]:
        words = " ".join(p["supplements"]["headlines"][i] for i in shape["lead"])
        lines += [f"{p['urgent'][answers.get(p['danger_key'])]}: {words}".rstrip(": "), ""]
    lines.append(p["answers"])
    for key, value in answers.items():
        if key in p["one"]:
            lines.append(p["one"][key][value])
        else:
            m = p["many"][key]
            if value is None:
                shown = m["not_asked"]
            else:
                shown = ", ".join(m["labels"][i] for i in m["labels"] if i in value) or m["none"]
            lines.append(m["prefix"] + shown)
    a = p["assessment"]
    # The signs' answers stand under SVAR: the assessment is its text alone.
    lines += ["", a["heading"], a["text"][shape["assessment"]]]
    c = p["calls"]
    if shape["calls"]:
        lines += [
            "",
            c["heading"],
            *(c["line"][ident][why] for ident, why, _rule in shape["calls"]),
        ]
        if shape["suggested"]:
            lines.append(c["suggested"])
    st = p["steps"]
    lines += ["", st["heading"]]
    for number, (ident, note) in enumerate(shape["steps"], start=1):
        lines.append(
            f"{number}. {st['titles'][ident + chr(0) + (note or '')]}: {st['bodies'][ident]}"
        )
    seen: list[str] = []
    for ident, note in shape["further"]:
        group = p["step_group"][ident]
        if group not in seen:
            seen.append(group)
            lines.append(st["groups"][group])
        lines.append(f"- {st['titles'][ident + chr(0) + (note or '')]}{st['links'].get(ident, '')}")
    if shape["citizen"]:
        lines.append(st["citizen"])
    for ident, note in shape["citizen"]:
        lines.append(f"- {st['titles'][ident + chr(0) + (note or '')]}{st['links'].get(ident, '')}")
    sup = p["supplements"]
    if shape["supplements"]:
        lines += ["", sup["heading"], *(f"- {sup['titles'][i]}" for i in shape["supplements"])]
    lines += ["", *p["done"]]
    found: list[str] = []
    for ident in shape["supplements"]:
        for site in sup["sites"][ident]:
            if site not in found:
                found.append(site)
    if found:
        lines += ["", p["sources"].replace("{sites}", ", ".join(found))]
    return "\n".join(line.rstrip() for line in lines).rstrip() + "\n"


def card_pieces(plan: Plan) -> dict[str, Any]:
    """pieces(plan), with what the page's data gives it beside (the danger
    question, each step's group)."""
    p = pieces(plan)
    p["danger_key"] = plan.danger_id
    p["step_group"] = {ident: step.group for ident, step in plan.steps.items()}
    return p


def result_text(
    plan: Plan, result: Result, when: datetime | None, made: dict[str, Any] | None = None
) -> str:
    """The case note for the case file: plain text, no personal data. `made`:
    the card's pieces when they are already made (card_pieces(plan)), so that
    many notes of one card build them once."""
    from stalkcard.views.shape import result_shape

    shape = result_shape(plan, result)
    stamp = danish_date(when) if when is not None else None
    return assemble(made or card_pieces(plan), shape, result.answers.as_dict(), stamp)
