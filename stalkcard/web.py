"""`stalkcard html`: the screening, the contacts and the card as one offline page.

One engine: the page holds no rules. When the page is written, the screening
engine (stalkcard.screening.evaluate) is run for every combination of the
answers that change a result (role x danger x the three criteria x children x
the caseworker's unit); the page only looks its answer up by the combination's
number. The forms of stalking change no result and are only shown back.

One note: the case note the page copies or saves is the note `check --note`
writes (render.result_markdown), rendered here for every combination and
stored as blocks of text, each once; the page only puts the blocks together,
with the answers' lines (render.answer_markdown) and the date filled in.

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
from datetime import datetime
from importlib import resources
from typing import Any

import msgspec

from stalkcard import __version__
from stalkcard.clock import WEEKDAY_NAMES
from stalkcard.i18n import _
from stalkcard.model import (
    CONDITION_VALUES,
    CRITERIA,
    OTHER_UNIT,
    ROLES,
    TRISTATE,
    Card,
    Contact,
)
from stalkcard.screening import (
    ANSWER_KEYS,
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
        "danger": list(CONDITION_VALUES["danger"]),
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


def calls(card: Card, result: Result) -> list[tuple[Contact, bool]]:
    """Whom the result's "Ring nu" lists, each with whether it is the
    suggestion: the closing summary's order (render.call_now: the suggested
    resource persons, or all of them, then the organisations), with the other
    resource persons after the suggested ones, so every number is in one list."""
    from stalkcard.render import call_now

    first = call_now(card, result)
    listed = {c.id for c, _suggested in first}
    persons = [(c, s) for c, s in first if c.kind == "person"]
    others = [(c, False) for c in result.contacts if c.kind == "person" and c.id not in listed]
    return persons + others + [(c, s) for c, s in first if c.kind != "person"]


def result_shape(
    card: Card, result: Result, calls_cache: dict[tuple[str, ...], Any] | None = None
) -> dict[str, Any]:
    """What the page shows for one result: ids only; the texts are stored once.
    The steps as the terminal splits them (render.split_steps): those the card
    says to take now, then its VIDERE HANDLING; the headlines as the closing
    summary has them (render.summary_headlines), less the urgent ones, which
    the page shows from danger_warning."""
    from stalkcard.render import split_steps, summary_headlines

    now, further = split_steps(card, result)
    by_headline = {s.headline: s.id for s in card.supplements if s.headline}
    return {
        "assessment": result.assessment,
        "urgent": result.urgent,
        "steps": [[step.id, step.note] for step in now],
        "further": [[step.id, step.note] for step in further],
        "supplements": [s.id for s in result.supplements],
        "suggested": [c.id for c in result.suggested],
        "calls": _calls(card, result, calls_cache),
        "headlines": [
            by_headline[text] for text, urgent in summary_headlines(card, result) if not urgent
        ],
    }


def _calls(card: Card, result: Result, cache: dict[tuple[str, ...], Any] | None) -> list[list[Any]]:
    """The "Ring nu" list, which depends only on whom the engine suggests; with a
    cache (the page's build), worked out once per suggestion, not per combination."""
    key = tuple(c.id for c in result.suggested)
    if cache is not None and key in cache:
        return cache[key]  # type: ignore[no-any-return]
    out = [[c.id, suggested] for c, suggested in calls(card, result)]
    if cache is not None:
        cache[key] = out
    return out


PARTS = (
    "assessment", "urgent", "steps", "further", "supplements", "suggested", "calls", "headlines",
)  # fmt: skip

# The note is rendered with this date; the page writes its own in its place.
NOTE_DATE = datetime(1111, 11, 11, 11, 11)


class NoteBlocks:
    """The notes of all combinations as blocks (the text between blank lines),
    each block stored once, grouped into sections (a block that starts "## "
    starts one), each section stored once: a note is a list of sections. The
    block of the answers' lines is stored as None and the block with the date
    as [before, after]: the page fills them in."""

    def __init__(self) -> None:
        self.blocks: list[Any] = []
        self.sections: list[list[int]] = []
        self._blocks: dict[str, int] = {}
        self._sections: dict[tuple[int, ...], int] = {}
        # The note's parts (render.note_parts) by what they depend on: each part's
        # text and its blocks are worked out once, not once per combination, so
        # the build grows with the card, not with the card times the combinations.
        self._texts: dict[Any, str] = {}
        self._part_blocks: dict[Any, list[int]] = {}

    def _block(self, text: str, answers: str, date: str) -> int:
        key = "" if text == answers else text  # no block of the note is empty
        if key not in self._blocks:
            self._blocks[key] = len(self.blocks)
            if text == answers:
                self.blocks.append(None)
            elif date in text:
                before, _date, after = text.partition(date)
                self.blocks.append([before, after])
            else:
                self.blocks.append(text)
        return self._blocks[key]

    def note(self, card: Card, result: Result) -> list[int]:
        from stalkcard.render import answer_markdown, note_parts

        answers = "\n".join(
            answer_markdown(card, key, value) for key, value in result.answers.as_dict().items()
        )
        date = NOTE_DATE.strftime("%Y-%m-%d %H:%M")
        ids: list[int] = []
        for key, text in note_parts(card, result, NOTE_DATE, self._texts):
            known = self._part_blocks.get(key) if key is not None else None
            if known is None:
                pieces = text.removesuffix("\n").split("\n\n")
                known = [self._block(piece, answers, date) for piece in pieces]
                if key is not None:
                    self._part_blocks[key] = known
            ids += known
        placed = [self.blocks[i] for i in ids]
        if placed.count(None) != 1 or sum(isinstance(b, list) for b in placed) != 1:
            raise ValueError("the note's answers or date are not in one place")
        groups: list[list[int]] = []
        for ident, block in zip(ids, placed, strict=True):
            if (isinstance(block, str) and block.startswith("## ")) or not groups:
                groups.append([])
            groups[-1].append(ident)
        out = []
        for group in groups:
            key = tuple(group)
            if key not in self._sections:
                self._sections[key] = len(self.sections)
                self.sections.append(group)
            out.append(self._sections[key])
        return out

    def slot(self, section: int) -> int:
        """A section's place in the note: the block it starts with when that is a
        heading ("## Vurdering"), else -1 (the note's head)."""
        first = self.blocks[self.sections[section][0]]
        return self.sections[section][0] if isinstance(first, str) and first[:3] == "## " else -1


def note_table(
    card: Card, notes: NoteBlocks | None = None, results: list[Result] | None = None
) -> dict[str, Any]:
    """Which section of `notes` each combination's note has in each place
    ("slot": the head, then one per "## " heading, in the note's order), or -1
    where it has none. Each slot is looked up only by the answers it depends
    on (found by trying: a slot that never changes when one answer alone
    changes does not depend on it), so the table stays small although nearly
    every combination's note differs somewhere."""
    notes = notes if notes is not None else NoteBlocks()
    values = axis_values(card)
    sizes = [len(values[key]) for key in AXES]
    results = results if results is not None else [evaluate(card, a) for a in combinations(card)]
    per_combo = [notes.note(card, result) for result in results]
    order: list[int] = []
    for sections in per_combo:
        for section in sections:
            if notes.slot(section) not in order:
                order.append(notes.slot(section))
    columns: dict[int, list[int]] = {slot: [-1] * len(per_combo) for slot in order}
    for number, sections in enumerate(per_combo):
        places = [order.index(notes.slot(s)) for s in sections]
        if places != sorted(set(places)):
            raise ValueError("the notes' sections are not always in the same order")
        for section in sections:
            columns[notes.slot(section)][number] = section
    strides = [1] * len(AXES)
    for k in range(len(AXES) - 2, -1, -1):
        strides[k] = strides[k + 1] * sizes[k + 1]
    slots = []
    for slot in order:
        column = columns[slot]
        axes = [
            k
            for k in range(len(AXES))
            if any(
                column[n] != column[n - (n // strides[k] % sizes[k]) * strides[k]]
                for n in range(len(column))
            )
        ]
        table = []
        for sub in itertools.product(*(range(sizes[k]) for k in axes)):
            table.append(column[sum(d * strides[k] for d, k in zip(sub, axes, strict=True))])
        slots.append({"axes": [AXES[k] for k in axes], "table": table})
    for number, sections in enumerate(per_combo):  # the lookup gives back every note
        given = {key: values[key][number // strides[k] % sizes[k]] for k, key in enumerate(AXES)}
        if note_sections(values, slots, given) != sections:
            raise ValueError("the note's table does not give back every note")
    return {"blocks": notes.blocks, "sections": notes.sections, "slots": slots}


def note_sections(
    values: dict[str, list[str]], slots: list[dict[str, Any]], given: dict[str, Any]
) -> list[int]:
    """The sections of the note for `given`, looked up as the page's script does."""
    out = []
    for slot in slots:
        number = 0
        for key in slot["axes"]:
            number = number * len(values[key]) + values[key].index(given[key])
        if slot["table"][number] >= 0:
            out.append(slot["table"][number])
    return out


def note_answers(card: Card) -> dict[str, dict[str, str]]:
    """Each answer's line in the note, by key and value; the forms by their
    ids in the card's order joined with ",", for every set of forms."""
    from stalkcard.render import answer_markdown

    values = axis_values(card)
    forms = [f.id for f in card.eksempler.forms]
    out: dict[str, dict[str, str]] = {}
    for key in ANSWER_KEYS:
        if key == "forms":
            subsets = itertools.chain.from_iterable(
                itertools.combinations(forms, n) for n in range(len(forms) + 1)
            )
            out[key] = {",".join(s): answer_markdown(card, key, list(s)) for s in subsets}
        else:
            out[key] = {v: answer_markdown(card, key, v) for v in values[key]}
    return out


def assemble_note(
    blocks: list[Any], sections: list[list[int]], note: list[int], answers: str, date: str
) -> str:
    """The note from its blocks, as the page's script puts it together (for the tests)."""
    out = []
    for section in note:
        for ident in sections[section]:
            block = blocks[ident]
            out.append(
                block if isinstance(block, str) else answers if block is None else date.join(block)
            )
    return "\n\n".join(out) + "\n"


def result_table(
    card: Card, results: list[Result] | None = None
) -> tuple[list[int], list[list[int]], dict[str, list[Any]]]:
    """(index, shapes, parts): the result of combination n is shapes[index[n]],
    a row of numbers, one per PARTS, each pointing into parts[name]. Every
    distinct value is stored once, so the page stays small."""
    parts: dict[str, list[Any]] = {name: [] for name in PARTS}
    seen_parts: dict[str, dict[str, int]] = {name: {} for name in PARTS}
    shapes: list[list[int]] = []
    seen_shapes: dict[tuple[int, ...], int] = {}
    index: list[int] = []
    results = results if results is not None else [evaluate(card, a) for a in combinations(card)]
    calls_cache: dict[tuple[str, ...], Any] = {}
    encoded: dict[int, str] = {}  # the calls list is the one part as long as the card
    for result in results:
        shape = result_shape(card, result, calls_cache)
        row = []
        for name in PARTS:
            if name == "calls":  # the same list object for the same suggestion
                key = encoded.setdefault(id(shape[name]), json.dumps(shape[name]))
            else:
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


def danger_warning(card: Card) -> dict[str, list[dict[str, str]]]:
    """The warning shown as soon as the danger question is answered, for each
    answer that shows one (screening.urgent_supplements: "ja" and "ved ikke",
    not "nej"): the supplements' headlines, each split around the number it
    names so the number is a link. The result shows the same lines."""
    out: dict[str, list[dict[str, str]]] = {}
    for value in axis_values(card)["danger"]:
        lines = []
        for supplement in urgent_supplements(card, value):
            text = supplement.headline or supplement.text
            phone = next((c.phone for c in card.extra_contacts if c.phone in text.split()), None)
            if phone is None:
                lines.append({"text": text})
            else:
                before, _phone, after = text.partition(phone)
                lines.append({"before": before, "phone": phone, "tel": tel(phone), "after": after})
        if lines:
            out[value] = lines
    return out


def _questions(card: Card) -> list[dict[str, Any]]:
    """The screening's questions (stalkcard.questions, the prompts' too) for the
    page's script. The page pre-selects nothing, so it asks for a choice on
    every one-of question ("Ved ikke" is a choice); the forms may stay empty."""
    from stalkcard.questions import questions
    from stalkcard.render import describe_answer

    out: list[dict[str, Any]] = []
    for q in questions(card):
        many = q.kind == "many"
        out.append(
            {
                "key": q.id,
                "legend": q.text,
                "multiple": many,
                "required": not many,
                "context": _("Kortet siger: {text}").format(text=q.context) if q.context else None,
                "hint": _("Sæt et mærke ved hver form; intet mærke er også et svar.")
                if many
                else None,
                "choices": [
                    {"value": c.id, "label": c.label, "detail": c.detail} for c in q.choices
                ],
                "review": describe_answer(card, q.id, [] if many else q.choices[0].id)[0],
            }
        )
    return out


def page_data(card: Card) -> dict[str, Any]:
    """Everything the page's script needs: questions, texts and the result table."""
    results = [evaluate(card, answers) for answers in combinations(card)]
    index, shapes, parts = result_table(card, results)
    contacts = {
        c.id: {"name": c.name, "unit": c.unit, "phone": c.phone, "tel": tel(c.phone),
               "kind": c.kind, "hours": msgspec.to_builtins(c.hours)}
        for c in card.contacts + card.extra_contacts
    }  # fmt: skip
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
        "further": {"heading": card.videre_handling.heading,
                    "paragraphs": card.videre_handling.paragraphs},
        "danger": danger_warning(card),
        # Who answers now (screening.call_plan, evaluated by the page on the same
        # data; tests/test_html.py proves the two equal over a week of times).
        "always": [[c.id, c.urgent_only] for c in card.extra_contacts if c.always_open],
        "mistanke": card.mistanke.paragraphs,
        "forms": {f.id: f.title for f in card.eksempler.forms},
        "note": {**note_table(card, results=results), "answers": note_answers(card),
                 "keys": list(ANSWER_KEYS), "file": _("stalking-notat-{when}.md")},
        "words": _words(),
    }  # fmt: skip


def _words() -> dict[str, Any]:
    """The page's own words for the script, in the user's language."""
    return {
        "after_hours": _("Uden for kontortid nu ({when}). Ring i stedet:"),
        "from_when": _("Kortets kontakter fra {when}:"),
        "from_when_assumed": _("Kortets kontakter fra {when} (antaget kontortid):"),
        "next_working_day": _("Kortets kontakter, næste hverdag:"),
        "closed_now": _("(lukket nu)"),
        "assumed_hours": _("Kontortiden er antaget (hverdage), og helligdage er ikke med."),
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
        "persons": _("Ressourcepersoner (intern sparring)"),
        "organisations": _("Faglig sparring og vejledning"),
        "call_to": _("Ring til {name}, {phone}"),
        "suggested": _("forslag"),
        "suggestion_note": _("Forslag – ikke en del af handlekortet."),
        "assessment": _("Vurdering:"),
        "do_now": _("Det skal du gøre nu"),
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
    facts = page_data(card)
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
        total=len(facts["questions"]),
        version=__version__,
    )
