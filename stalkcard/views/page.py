"""`stalkcard html`: the screening, the contacts and the card as one offline page.

One engine, one set of rules: the page holds the card's rules as the engine
compiled them (Plan: for each rule, the allowed answers per question,
with named fields) and its evaluator (web/engine.js, no DOM) evaluates them
exactly as engine.evaluate does; it holds no rule of its own.
tests/views/test_page_engine.py runs both over every combination of answers where the
space is small and over a large random
sample where it is not, and requires the same result. The page's size grows
with the card, not with the number of combinations (bench/html_build.py).

One note: the case note the page copies or saves is the plain-text note
`check --note` writes (note.result_text). Its pieces are written once
(note.pieces); the page puts them together for the result it evaluated, with
the date filled in (Danish time), as note.assemble does, and a test compares
the two for every combination.

The template engine is Jinja2 with autoescaping on, so every text from the card
file is escaped as HTML; the data for the script is JSON in a data block with
"<" written as \\u003c. A Content-Security-Policy allows only the page's own
inline script and style (by their SHA-256) and nothing from the network.
"""

from __future__ import annotations

import base64
import hashlib
import json
from importlib import resources
from typing import Any

import msgspec

from stalkcard import __version__
from stalkcard.card.model import CITIZEN_ROLES
from stalkcard.clock import WEEKDAY_NAMES
from stalkcard.engine.phones import segments, whole_at
from stalkcard.engine.plan import Plan
from stalkcard.i18n import _
from stalkcard.views.parts import CITIZEN_HEADING, card_subject, group_heading


def _named(condition: Any, **fields: Any) -> dict[str, Any]:
    """A compiled condition with named fields: {when, any: [{question, allowed}]}."""
    when, any_of = condition
    parts = {
        name: [{"question": key, "allowed": sorted(values)} for key, values in part]
        for name, part in (("when", when), ("any", any_of))
    }
    return {**parts, **fields}


def rules_data(plan: Plan) -> dict[str, Any]:
    """The card's rules for the page's script, as the engine compiled them
    (Plan: each condition once), with named fields. A suggestion's or
    routing's units are resolved to their contacts, as the engine does
    (Plan.suggestion)."""

    def people(show: tuple[str, ...]) -> list[str]:
        return [c.id for i in show for c in plan.suggestion(i)]

    return {
        "assessment": [_named(c, result=result) for c, result in plan.assessment],
        "urgent": [_named(c) for c in plan.urgent],
        "steps": [_named(c, show=list(show), note=note) for c, show, note in plan.step_rules],
        "supplements": [_named(c, show=list(show)) for c, show in plan.supplement_rules],
        "suggest": [_named(c, show=people(show)) for c, show in plan.suggest_rules],
        "route": [_named(c, show=people(show)) for c, show in plan.route_rules],
    }


def note_data(plan: Plan) -> dict[str, Any]:
    """The case note's pieces (stalkcard.views.note.pieces), for the page's script to
    put together for the answers it evaluates, as note.assemble does.
    tests/views/test_page_engine.py proves the page's note equal to `check --note`'s
    (note.result_text) for every combination of answers."""
    from stalkcard.views.note import card_pieces
    from stalkcard.views.parts import card_subject, file_subject

    name = _("{subject}-notat-{when}.txt")
    return {
        **card_pieces(plan),
        "file": name.replace("{subject}", file_subject(card_subject(plan.card))),
    }


def danger_warning(plan: Plan) -> dict[str, list[str]]:
    """The urgent supplements shown as soon as the danger question is answered,
    for each answer that shows one (Plan.urgent_shown: "ja" and
    "ved ikke", not "nej"), by id; their lines are headline_parts."""
    return {value: [s.id for s in shown] for value, shown in plan.urgent_shown.items() if shown}


def headline_parts(phones: list[str], text: str) -> list[list[str | None]]:
    """A supplement's line cut into [text, tel link or None]: every number of
    the card or its supplements (`phones`) that stands whole in it is a link to
    that very number (stalkcard.engine.phones: what is shown is what is dialled)."""
    return [[part, tel(phone) if phone else None] for part, phone in segments(text, phones)]


def _questions(plan: Plan) -> list[dict[str, Any]]:
    """The screening's questions (stalkcard.engine.questions, the prompts' too) for the
    page's script. The page pre-selects nothing, so it asks for a choice on
    every one-of question ("Ved ikke" is a choice); a many-of may stay empty."""
    from stalkcard.views.parts import describe_answer

    out: list[dict[str, Any]] = []
    for q in plan.questions:
        many = q.kind == "many"
        out.append(
            {
                "key": q.id,
                "legend": q.text,
                "multiple": many,
                "required": not many,
                "danger": q.danger,
                "context": _("Kortet siger: {text}").format(text=q.context) if q.context else None,
                "hint": _("Sæt et mærke ved hvert valg; intet mærke er også et svar.")
                if many
                else None,
                "choices": [
                    {"value": c.id, "label": c.label, "detail": c.detail} for c in q.choices
                ],
                # How "Dine svar" names each answer: as the terminal and the note
                # do (views.describe_answer), e.g. "Ikke angivet" for no unit.
                "shown": None
                if many
                else {c.id: describe_answer(plan, q.id, c.id)[1] for c in q.choices},
                "review": q.label,
            }
        )
    return out


def page_data(plan: Plan) -> dict[str, Any]:
    """Everything the page's script needs: the questions, the rules as the
    engine reads them, and the texts, each once."""
    from stalkcard.views.parts import assessment_paragraphs

    card = plan.card
    contacts = {
        c.id: {"name": c.name, "unit": c.unit, "phone": c.phone,
               "tel": tel(c.phone) if c.phone else None,
               "hours": msgspec.to_builtins(c.hours), "always": c.always_open,
               "urgent_only": c.urgent_only, "for": list(c.audience), "card": c.part_of_card}
        for c in plan.contacts + plan.extra_contacts
    }  # fmt: skip
    phones = [c.phone for c in plan.contacts + plan.extra_contacts if c.phone]
    steps = {
        ident: {
            "heading": step.heading,
            "paragraphs": list(step.paragraphs),
            "contacts": [c.id for c in step.contacts],
            "after": list(step.after),
            "group": step.group,
            # Only when set, so a card without them gives the same data as before.
            **({"url": step.url} if step.url else {}),
            **({"citizen": True} if step.citizen else {}),
        }
        for ident, step in plan.steps.items()
    }
    return {
        "questions": _questions(plan),
        "rules": rules_data(plan),
        "step_order": list(plan.step_ids),
        "steps": steps,
        "groups": {s.id: {"heading": group_heading(s), "paragraphs": s.paragraphs,
                          **({"url": s.url} if s.url else {})}
                   for s in card.step_sections},
        "supplement_order": [s.id for s in card.supplements],
        "danger_key": plan.danger_id,
        "contacts": contacts,
        # Who answers now (callplan.plan_at, evaluated by the page on the same
        # data; tests/views/test_page_engine.py proves the two equal at many times).
        "always": [c.id for c in plan.always_open],
        "urgent_lines": [c.id for c in plan.urgent_lines],
        "roles": [[key, value, role] for (key, value), role in plan.roles.items()],
        "citizen_roles": list(CITIZEN_ROLES),
        "holidays": holiday_rules(),
        "closed_days": list(plan.closed_days),
        "has_hours": plan.has_hours,
        "assessments": {a.id: {"text": a.text, "short": a.short or a.text}
                        for a in card.screening.assessments},
        "supplements": {s.id: {"text": s.text, "source": s.source, "headline": s.headline,
                               "urgent": s.urgent,
                               "line": headline_parts(phones, s.headline or s.text)}
                        for s in card.supplements},
        "danger": danger_warning(plan),
        "with_assessment": assessment_paragraphs(card),
        "note": note_data(plan),
        "words": _words(),
    }  # fmt: skip


def holiday_rules() -> dict[str, Any]:
    """Danish public holidays as stalkcard.engine.holidays defines them, for the page's
    script: the fixed days, the days after Easter Sunday, the last year of store
    bededag, each name in the user's language. The script computes Easter with
    the same algorithm, so the page knows the holidays of any year
    (tests/views/test_page_engine.py compares the two over decades)."""
    from stalkcard.engine.holidays import FIXED, LAST_BEDEDAG, MOVING

    return {
        "fixed": [[month, day, _(name)] for (month, day), name in FIXED],
        "moving": [[ahead, _(name)] for ahead, name in MOVING],
        "bededag": [LAST_BEDEDAG, _("store bededag")],
    }


def _words() -> dict[str, Any]:
    """The page's own words for the script, in the user's language."""
    return {
        # "Ring nu" (views.ring_nu's words)
        "ring_now": _("Ring nu:"),
        "ring_now_assumed": _(
            "Ring nu (kontortiden er et skøn, ikke kortets; tjek kommunens tider):"
        ),
        "assumed_note": _("Kontortiden er et skøn, ikke kortets; tjek kommunens tider."),
        "until_open": _("Indtil kortets kontakter kan træffes, kan du eller borgeren ringe til:"),
        "if_not_reached": _("Kan kortets kontakter ikke træffes, kan du eller borgeren ringe til:"),
        "after_hours": _("Uden for kontortid nu ({when})."),
        "after_hours_assumed": _(
            "Uden for kontortid nu ({when}; kontortiden er et skøn, ikke kortets)."
        ),
        "from_when": _("Kortets kontakter fra {when}:"),
        "when_open_again": _("Kortets kontakter, når de åbner igen:"),
        "no_hours": _(
            "Kortet oplyser ingen åbningstider, så det vides ikke, om kontakterne kan "
            "træffes nu ({when})."
        ),
        "hours_unknown": _("Det vides ikke, om kortets kontakter kan træffes nu ({when})."),
        "closed_now": _("(lukket nu)"),
        "hours_not_known": _("(åbningstid ikke kendt)"),
        "supplement_mark": _("(tillæg)"),
        "closed_day": _("lukkedag"),
        "at_time": _("{day} kl. {time}"),
        "weekdays": [_(day) for day in WEEKDAY_NAMES],
        "progress": _("Spørgsmål {number} af {total}"),
        "next": _("Videre"),
        "back": _("Tilbage"),
        "save": _("Gem svaret"),
        "review": _("Er svarene rigtige?"),
        "review_hint": _("Tjek svarene, før du ser resultatet."),
        "change": _("Ret"),
        "see_result": _("Se resultatet"),
        "result": _("Resultat af screeningen"),
        "call_now": _("Ring nu"),
        "call_to": _("Ring til {name}, {phone}"),
        "suggested": _("(forslag)"),
        "suggestion_note": _("Forslag – ikke en del af handlekortet."),
        "assessment": _("Vurdering:"),
        "do_now": _("Det skal du gøre nu"),
        "to_citizen": _(CITIZEN_HEADING),
        "numbers_above": _("Numrene står under «Ring nu» øverst i resultatet."),
        "supplement": _("Tillæg – ikke en del af handlekortet"),
        "sources": _("Kilder"),
        "your_answers": _("Dine svar"),
        "card_text": _("Kortets tekst om vurderingen"),
        "note_heading": _("Notat til sagen"),
        "note_hint": _(
            "Notatet har ingen navne eller CPR-numre. Siden gemmer intet: "
            "kopiér notatet, eller gem det, og læg det i sagen."
        ),
        "copy_note": _("Kopiér notat"),
        "save_note": _("Gem notat"),
        "copied": _("Notatet er kopieret. Sæt det ind i sagen."),
        "copy_failed": _("Notatet kunne ikke kopieres. Brug «Gem notat» i stedet."),
        "saved": _("Notatet er gemt i din mappe til overførsler."),
        "print": _("Udskriv resultatet"),
        "warning": _("Advarsel:"),
        "error_title": _("Der er et problem"),
        "error_choose": _("Vælg et svar for at gå videre."),
        "error_prefix": _("Fejl:"),
        "none": _("Ingen"),
        "new": _("Start forfra"),
        "cleared": _("Svarene er ryddet."),
        "undo": _("Fortryd"),
    }


def tel(phone: str) -> str:
    from stalkcard.views.export import dial_number

    return "tel:" + dial_number(phone)


def _asset(name: str) -> str:
    return resources.files("stalkcard.views").joinpath("web", name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    return (
        "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"
    )


def render_page(plan: Plan, language: str) -> str:
    """The whole page as one self-contained HTML document."""
    card = plan.card
    import jinja2
    from markupsafe import Markup

    from stalkcard.views.parts import SUPPLEMENT_LABEL

    style = _asset("page.css")
    # One script: the evaluator (no DOM), then the UI that shows what it gives
    # (the result, then the questions, whose start runs it all).
    script = "\n".join(_asset(name) for name in ("engine.js", "result.js", "page.js"))
    facts = page_data(plan)
    data = json.dumps(facts, ensure_ascii=False, separators=(",", ":"))
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    csp = "; ".join(
        [
            "default-src 'none'",
            f"script-src {_csp_hash(script)}",
            f"style-src {_csp_hash(style)}",
            "img-src 'none'",
            "connect-src 'none'",
            "font-src 'none'",
            "form-action 'none'",
            "base-uri 'none'",
        ]
    )
    environment = jinja2.Environment(
        loader=jinja2.FunctionLoader(lambda name: _asset(name)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    template = environment.get_template("page.html.j2")
    from stalkcard.views.parts import hours_text
    from stalkcard.views.plain import contact_groups

    return template.render(
        card=card,
        kind=lambda section: section.__struct_config__.tag,
        hours_text=hours_text,
        contact_groups=contact_groups(plan.contacts),
        contacts_of={
            s.id: [c for c in plan.contacts if c.group == s.id] for s in card.contact_sections
        },
        summaries=any(not c.unit for c in plan.contacts),
        lang=language,
        csp=csp,
        style=Markup(style),
        script=Markup(script),
        data=Markup(data),
        tel=tel,
        whole_at=whole_at,
        _=_,
        supplement_label=_(SUPPLEMENT_LABEL),
        citizen=lambda section: getattr(section, "to_citizen", False),
        subject=card_subject(card),
        citizen_heading=_(CITIZEN_HEADING),
        extra_contacts=plan.extra_contacts,
        total=len(facts["questions"]),
        version=__version__,
    )
