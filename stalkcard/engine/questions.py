"""The screening's questions as the card declares them (`questions` in the card
file), resolved once: the choices of each (the card's own, Ja/Nej/Ved ikke by
default, a forms section's forms, or the card's units), which choice means
"don't know" (and is where a prompt starts), which question is the danger
question, and the card's own sentence shown with it.

The engine, the prompts, the page and `show --format json` all read this list;
the answers it allows are the ones `check --answer` takes.
"""

from __future__ import annotations

from typing import Literal

import msgspec

from stalkcard.card.model import (
    NO,
    OTHER_UNIT,
    UNITS,
    UNKNOWN,
    YES,
    Card,
    FormsSection,
    QuestionDef,
)
from stalkcard.i18n import N_, _

# The labels pass through _() when the choices are made.
YES_NO_UNKNOWN = ((N_("Ja"), YES), (N_("Nej"), NO), (N_("Ved ikke"), UNKNOWN))


class Choice(msgspec.Struct, frozen=True):
    id: str
    label: str
    detail: str | None = None  # e.g. the card's examples beside a form


class Question(msgspec.Struct, frozen=True):
    id: str
    text: str
    kind: Literal["one", "many"]
    choices: tuple[Choice, ...]
    start: str | None = None  # the choice a prompt starts on: "don't know", never assumed
    unknown: str | None = None  # the choice that means "don't know"
    danger: bool = False  # its yes and "don't know" lead to the urgent instruction
    context: str | None = None  # the card's own sentence, shown with the question
    details: str | None = None  # the heading over the choices' details (the card's)
    required: bool = True  # check --answer must give it
    label: str = ""  # the answer's name in the result and the note
    criterion: bool = False  # the answer is one of the card's signs (yes / no / don't know)
    units: bool = False  # the caseworker's own unit (choices: the units, then "other")


def _yes_no_unknown() -> tuple[Choice, ...]:
    return tuple(Choice(value, _(label)) for label, value in YES_NO_UNKNOWN)


def resolve(card: Card, q: QuestionDef) -> Question:
    """One declared question with its choices worked out. A reference the card
    does not hold (checked by validate) gives no choices rather than an error."""
    details = None
    units = q.choices_from == UNITS
    if q.choices is not None:
        choices = tuple(Choice(c.id, c.label) for c in q.choices)
    elif units:
        choices = (
            *(Choice(u.id, u.name) for u in card.units),
            Choice(OTHER_UNIT, _("Anden enhed, eller spring over")),
        )
    elif q.choices_from is not None:
        section = card.section(q.choices_from)
        forms = section.forms if isinstance(section, FormsSection) else []
        choices = tuple(Choice(f.id, f.title, f.examples) for f in forms)
        details = section.heading if isinstance(section, FormsSection) else None
    else:
        choices = _yes_no_unknown()
    ids = [c.id for c in choices]
    if q.kind == "many":
        unknown = start = None
    elif units:
        unknown, start = None, OTHER_UNIT
    else:
        unknown = q.unknown or (UNKNOWN if UNKNOWN in ids else None)
        start = unknown
    criterion = card.criterion(q.criterion) if q.criterion else None
    return Question(
        q.id,
        q.text,
        q.kind,
        choices,
        start=start,
        unknown=unknown,
        danger=q.danger,
        context=criterion.text if criterion else None,
        details=details,
        required=q.required,
        label=q.label,
        criterion=q.criterion is not None,
        units=units,
    )


def questions(card: Card) -> list[Question]:
    """Every question of the screening, in the order it is asked."""
    return [resolve(card, q) for q in card.questions]
