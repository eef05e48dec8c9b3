"""`stalkcard html`: the card, the contacts and the screening as one offline page.

One engine: the page holds no rules. When the page is written, the screening
engine (stalkcard.screening.evaluate) is run for every combination of the
answers that change a result (role x danger x the three criteria x children x
the caseworker's unit); the page only looks its answer up by the combination's
number. The forms of stalking change no result and are only shown back.

The template engine is Jinja2 with autoescaping on, so every text from the card
file is escaped as HTML; the data for the script is JSON in a data block with
"<" written as \\u003c. A Content-Security-Policy allows only the page's own
inline script and style (by their SHA-256) and nothing from the network.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
from importlib import resources
from typing import Any

from stalkcard import __version__
from stalkcard.i18n import _
from stalkcard.model import CRITERIA, NO, OTHER_UNIT, ROLES, TRISTATE, UNKNOWN, YES, Card
from stalkcard.screening import (
    Answers,
    Result,
    card_steps,
    evaluate,
    unit_choices,
    urgent_supplements,
)

# The answers that change a result, in the order that numbers a combination.
AXES: tuple[str, ...] = ("role", "danger", *CRITERIA, "children", "unit")


def axis_values(card: Card) -> dict[str, list[str]]:
    return {
        "role": list(ROLES),
        "danger": list(TRISTATE),
        **{key: list(TRISTATE) for key in CRITERIA},
        "children": list(TRISTATE),
        "unit": [*(ident for ident, _unit in unit_choices(card)), OTHER_UNIT],
    }


def combinations(card: Card) -> list[Answers]:
    """Every combination of the answers on AXES, in the page's numbering."""
    values = axis_values(card)
    out = []
    for combo in itertools.product(*(values[key] for key in AXES)):
        given: dict[str, Any] = dict(zip(AXES, combo, strict=True))
        out.append(Answers(**given))
    return out


def result_shape(card: Card, result: Result) -> dict[str, Any]:
    """What the page shows for one result: ids only; the texts are stored once."""
    from stalkcard.render import call_now

    return {
        "assessment": result.assessment,
        "urgent": result.urgent,
        "steps": [[step.id, step.note] for step in result.steps],
        "supplements": [s.id for s in result.supplements],
        "suggested": [c.id for c in result.suggested],
        "call_now": [[c.id, suggested] for c, suggested in call_now(card, result)],
    }


PARTS = ("assessment", "urgent", "steps", "supplements", "suggested", "call_now")


def result_table(card: Card) -> tuple[list[int], list[list[int]], dict[str, list[Any]]]:
    """(index, shapes, parts): the result of combination n is shapes[index[n]],
    a row of numbers, one per PARTS, each pointing into parts[name]. Every
    distinct value is stored once, so the page stays small."""
    parts: dict[str, list[Any]] = {name: [] for name in PARTS}
    seen_parts: dict[str, dict[str, int]] = {name: {} for name in PARTS}
    shapes: list[list[int]] = []
    seen_shapes: dict[tuple[int, ...], int] = {}
    index: list[int] = []
    for answers in combinations(card):
        shape = result_shape(card, evaluate(card, answers))
        row = []
        for name in PARTS:
            key = json.dumps(shape[name])
            if key not in seen_parts[name]:
                seen_parts[name][key] = len(parts[name])
                parts[name].append(shape[name])
            row.append(seen_parts[name][key])
        if tuple(row) not in seen_shapes:
            seen_shapes[tuple(row)] = len(shapes)
            shapes.append(row)
        index.append(seen_shapes[tuple(row)])
    return index, shapes, parts


def shape_of(card: Card, answers: Answers) -> dict[str, Any]:
    """What the page's lookup must give for these answers (for the tests)."""
    return result_shape(card, evaluate(card, answers))


def _questions(card: Card) -> list[dict[str, Any]]:
    from stalkcard.render import describe_answer

    q = card.screening.questions
    tri = [(YES, _("Ja")), (NO, _("Nej")), (UNKNOWN, _("Ved ikke"))]
    out: list[dict[str, Any]] = [
        {"key": "role", "legend": q.role, "default": "unknown",
         "choices": [(r.id, r.label) for r in card.screening.roles]},
        {"key": "danger", "legend": q.danger, "default": UNKNOWN, "choices": tri},
        {"key": "forms", "legend": q.forms, "multiple": True, "default": [],
         "choices": [(f.id, f.title) for f in card.eksempler.forms],
         "hint": _("Sæt et mærke ved hver form; intet mærke er også et svar.")},
    ]  # fmt: skip
    for key in CRITERIA:
        criterion = card.criterion(key)
        out.append(
            {"key": key, "legend": criterion.question, "default": UNKNOWN, "choices": tri,
             "context": _("Kortet siger: {text}").format(text=criterion.text)}
        )  # fmt: skip
    out.append({"key": "children", "legend": q.children, "default": UNKNOWN, "choices": tri})
    out.append(
        {"key": "unit", "legend": q.unit or _("Hvilken enhed er du selv fra?"),
         "default": OTHER_UNIT,
         "choices": [*unit_choices(card), (OTHER_UNIT, _("Anden enhed, eller spring over"))]}
    )  # fmt: skip
    examples = {f.id: f.examples for f in card.eksempler.forms}  # the card's, beside each form
    for question in out:
        question["choices"] = [
            {
                "value": v,
                "label": label,
                "detail": examples.get(v) if question["key"] == "forms" else None,
            }
            for v, label in question["choices"]
        ]
        question["review"] = describe_answer(card, question["key"], question["default"])[0]
    return out


def page_data(card: Card) -> dict[str, Any]:
    """Everything the page's script needs: questions, texts and the result table."""
    index, shapes, parts = result_table(card)
    contacts = {
        c.id: {"name": c.name, "unit": c.unit, "phone": c.phone, "tel": tel(c.phone)}
        for c in card.contacts
    }
    steps = {
        ident: {
            "heading": step.heading,
            "paragraphs": list(step.paragraphs),
            "contacts": [c.id for c in step.contacts],
            "after": list(step.after),
        }
        for ident, step in card_steps(card).items()
    }
    values = axis_values(card)
    return {
        "axes": [[key, values[key]] for key in AXES],
        "index": index,
        "shapes": shapes,
        "parts": parts,
        "part_names": list(PARTS),
        "questions": _questions(card),
        "contacts": contacts,
        "steps": steps,
        "assessments": {a.id: {"text": a.text, "short": a.short or a.text}
                        for a in card.screening.assessments},
        "supplements": {s.id: {"text": s.text, "source": s.source, "headline": s.headline}
                        for s in card.supplements},
        "urgent_supplements": [s.id for s in urgent_supplements(card)],
        # For each answer to danger, the supplements shown at once (none for "no").
        "urgent_by_danger": {
            value: [s.id for s in urgent_supplements(card, value)]
            for value in values["danger"]
        },
        "mistanke": card.mistanke.paragraphs,
        "forms": {f.id: f.title for f in card.eksempler.forms},
        "words": _words(),
    }  # fmt: skip


def _words() -> dict[str, str]:
    """The page's own words for the script, in the user's language."""
    return {
        "progress": _("Spørgsmål {number} af {total}"),
        "next": _("Videre"),
        "back": _("Tilbage"),
        "save": _("Gem svaret"),
        "review": _("Er svarene rigtige?"),
        "change": _("Ret"),
        "see_result": _("Se resultatet"),
        "result": _("Resultat af screeningen"),
        "do_now": _("Det skal du gøre nu"),
        "your_answers": _("Dine svar"),
        "in_short": _("Kort sagt"),
        "assessment": _("Vurdering: {text}"),
        "call_now": _("Ring nu:"),
        "suggested": _("(forslag)"),
        "suggestion_note": _(
            "Forslag – ikke en del af handlekortet. Alle fem ressourcepersoner står ovenfor."
        ),
        "supplement": _("Tillæg – ikke en del af handlekortet"),
        "source": _("Kilde: {source}"),
        "urgent": _("AKUT FARE"),
        "possible_urgent": _("MULIG AKUT FARE"),
        "none": _("Ingen"),
        "yes": _("Ja"),
        "no": _("Nej"),
        "unknown": _("Ved ikke"),
        "not_given": _("Ikke angivet"),
        "cleared": _("Svarene er ryddet."),
        "new": _("Ny screening"),
    }


def tel(phone: str) -> str:
    from stalkcard.export import dial_number

    return "tel:" + dial_number(phone)


def _asset(name: str) -> str:
    return resources.files("stalkcard").joinpath("web", name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    return (
        "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"
    )


def render_page(card: Card, language: str) -> str:
    """The whole page as one self-contained HTML document."""
    import jinja2
    from markupsafe import Markup

    from stalkcard.render import SUPPLEMENT_LABEL

    style = _asset("page.css")
    script = _asset("page.js")
    data = json.dumps(page_data(card), ensure_ascii=False, separators=(",", ":"))
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
    return template.render(
        card=card,
        lang=language,
        csp=csp,
        style=Markup(style),
        script=Markup(script),
        data=Markup(data),
        tel=tel,
        _=_,
        supplement_label=_(SUPPLEMENT_LABEL),
        extra_contacts=card.extra_contacts,
        version=__version__,
    )
