"""The screening's questions, declared once: id, text, one-of or many-of, the
choices with their ids and labels, which choice means "don't know" (and is
where a prompt starts), which question is the danger question, and the card's
own sentence shown with it.

The prompts and `show --format json` read this list; the answers it allows are
the ones `check --answer` takes. Until the card file declares its questions
itself, this is the one place that knows how today's card is asked.
"""

from __future__ import annotations

from typing import Literal

import msgspec

from stalkcard.i18n import _
from stalkcard.model import CRITERIA, NO, OTHER_UNIT, UNKNOWN, YES, Card

YES_NO_UNKNOWN = (("Ja", YES), ("Nej", NO), ("Ved ikke", UNKNOWN))  # labels pass through _()


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


def _yes_no_unknown() -> tuple[Choice, ...]:
    return tuple(Choice(value, _(label)) for label, value in YES_NO_UNKNOWN)


def questions(card: Card) -> list[Question]:
    """Every question of the screening, in the order it is asked."""
    asked = card.screening.questions
    out = [
        Question(
            "role",
            asked.role,
            "one",
            tuple(Choice(r.id, r.label) for r in card.screening.roles),
            start=UNKNOWN,
            unknown=UNKNOWN,
        ),
        Question("danger", asked.danger, "one", _yes_no_unknown(), UNKNOWN, UNKNOWN, danger=True),
        Question(
            "forms",
            asked.forms,
            "many",
            tuple(Choice(f.id, f.title, f.examples) for f in card.eksempler.forms),
            required=False,
            details=card.eksempler.heading,
        ),
    ]
    for key in CRITERIA:
        criterion = card.criterion(key)
        out.append(
            Question(
                key,
                criterion.question,
                "one",
                _yes_no_unknown(),
                UNKNOWN,
                UNKNOWN,
                context=criterion.text,
            )
        )
    out.append(
        Question(
            "children", asked.children, "one", _yes_no_unknown(), UNKNOWN, UNKNOWN, required=False
        )
    )
    from stalkcard.screening import unit_choices  # two persons in one unit told apart

    units = tuple(Choice(ident, label) for ident, label in unit_choices(card))
    out.append(
        Question(
            "unit",
            asked.unit or _("Hvilken enhed er du selv fra?"),
            "one",
            (*units, Choice(OTHER_UNIT, _("Anden enhed, eller spring over"))),
            start=OTHER_UNIT,
            required=False,
        )
    )
    return out


def question(card: Card, question_id: str) -> Question:
    return next(q for q in questions(card) if q.id == question_id)
