"""The card's questions: their choices resolve, "don't know" is always a
choice of its own, one question is the danger question, and a choice's label
says what its id means."""

from __future__ import annotations

import re
from collections.abc import Iterator

from stalkcard.card.findings import Problem
from stalkcard.card.model import NO, UNITS, UNKNOWN, YES, Card, FormsSection
from stalkcard.i18n import _


def question_checks(card: Card) -> Iterator[Problem]:
    """Each question's choices resolve, its "don't know" is one of them, a sign
    (criterion) is asked yes / no / don't know, and exactly one question is the
    danger question, with a yes and a "don't know"."""
    from stalkcard.engine.questions import resolve

    forms = {s.id for s in card.sections if isinstance(s, FormsSection)}
    danger = [i for i, q in enumerate(card.questions) if q.danger]
    if not danger:
        yield Problem(
            ("questions",),
            _(
                "ét spørgsmål skal være spørgsmålet om akut fare (danger: true): "
                "ingen svar om fare må antages."
            ),
        )
    for index in danger[1:]:
        yield Problem(
            ("questions", index, "danger"),
            _("kun ét spørgsmål kan være spørgsmålet om akut fare."),
        )
    units_questions = 0
    for index, q in enumerate(card.questions):
        loc: tuple[int | str, ...] = ("questions", index)
        if q.choices is not None and q.choices_from is not None:
            yield Problem(
                (*loc, "choices_from"), _("brug enten choices eller choices_from, ikke begge.")
            )
            continue
        if q.choices_from == UNITS:
            units_questions += 1
            if not card.units:
                yield Problem((*loc, "choices_from"), _("kortet har ingen units at vælge imellem."))
            if q.kind != "one" or q.danger or q.criterion:
                yield Problem(
                    (*loc, "choices_from"),
                    _("spørgsmålet om enheden har ét svar og er hverken fare eller kendetegn."),
                )
            continue
        if q.choices_from is not None and q.choices_from not in forms:
            yield Problem(
                (*loc, "choices_from"),
                _('"{id}" er hverken units eller et afsnit med kind: forms.').format(
                    id=q.choices_from
                ),
            )
            continue
        if q.kind == "many":
            if q.danger or q.criterion or q.unknown:
                yield Problem(
                    (*loc, "kind"),
                    _(
                        "et spørgsmål med flere svar kan ikke være fare, kendetegn "
                        "eller have unknown."
                    ),
                )
            if q.choices is None and q.choices_from is None:
                yield Problem(
                    (*loc, "choices"), _("et spørgsmål med flere svar skal have choices.")
                )
            continue
        ids = [c.id for c in resolve(card, q).choices]
        seen: set[str] = set()
        for place, ident in enumerate(ids):
            if ident in seen:
                yield Problem(
                    (*loc, "choices", place, "id"),
                    _('id "{id}" bruges to gange.').format(id=ident),
                )
            seen.add(ident)
        if q.unknown is not None and q.unknown not in ids:
            yield Problem(
                (*loc, "unknown"),
                _('"{id}" er ikke et af spørgsmålets valg: {ids}.').format(
                    id=q.unknown, ids=", ".join(ids)
                ),
            )
        if q.unknown in (YES, NO) or (UNKNOWN in ids and q.unknown not in (None, UNKNOWN)):
            yield Problem(
                (*loc, "unknown"),
                _(
                    '"ved ikke" skal være sit eget valg (id "unknown", eller et andet id '
                    'end "yes" og "no"): et svar, der ikke er givet, må aldrig læses som ja '
                    "eller nej."
                ),
            )
        has_unknown = q.unknown is not None or UNKNOWN in ids
        if not has_unknown:
            yield Problem(
                (*loc, "unknown"),
                _(
                    'spørgsmålet skal have et valg for "ved ikke" (unknown): '
                    "et svar må aldrig antages."
                ),
            )
        if q.criterion is not None:
            if card.criterion(q.criterion) is None:
                yield Problem(
                    (*loc, "criterion"),
                    _('kendetegnet "{id}" findes ikke i et afsnit med kind: definition.').format(
                        id=q.criterion
                    ),
                )
            if sorted(ids) != sorted((YES, NO, UNKNOWN)):
                yield Problem(
                    (*loc, "choices"),
                    _("et kendetegn besvares ja, nej eller ved ikke: udelad choices."),
                )
        if q.danger and not {YES, UNKNOWN} <= set(ids):
            yield Problem(
                (*loc, "choices"),
                _('spørgsmålet om akut fare skal have valgene "yes" og "unknown".'),
            )
    if units_questions > 1:
        yield Problem(("questions",), _("kun ét spørgsmål kan have choices_from: units."))


# The first word(s) of a label that say yes, no or "don't know", in the card
# languages the tool knows (Danish and English), casefolded.
_LABEL_SENSE = {
    YES: ("ja", "jo", "yes"),
    NO: ("nej", "no", "ikke", "ingen", "not", "none"),
    UNKNOWN: ("ved ikke", "ved jeg ikke", "det ved jeg ikke", "ikke sikker", "usikker", "uvist",
              "unknown", "don't know", "do not know", "not sure", "i don't know"),
}  # fmt: skip


def _label_sense(label: str) -> str | None:
    """YES, NO or UNKNOWN when the label reads as one of them, else None."""
    words = " ".join(re.findall(r"[\w']+", label.casefold().replace("\u2019", "'")))
    found = None
    for sense, starts in _LABEL_SENSE.items():
        for start in starts:
            if (words == start or words.startswith(start + " ")) and (
                found is None or len(start) > len(found[1])
            ):
                found = (sense, start)
    return found[0] if found else None


def choice_labels(card: Card) -> Iterator[Problem]:
    """A choice's label says what its id means: "yes" is never labelled "Nej",
    "no" never "Ja", neither of them "Ved ikke" (the rules read the id, the
    caseworker reads the label: swapped, a danger answered "Ja" would be read
    as no danger)."""
    from stalkcard.engine.questions import resolve

    for index, q in enumerate(card.questions):
        if q.kind != "one" or q.choices_from is not None:
            continue
        for place, choice in enumerate(resolve(card, q).choices):
            if choice.id not in _LABEL_SENSE:
                continue
            sense = _label_sense(choice.label)
            if sense is not None and sense != choice.id:
                yield Problem(
                    ("questions", index, "choices", place, "label"),
                    _(
                        'spørgsmålet "{question}" ({text}): valget "{id}" har teksten "{label}", '
                        'som siger det modsatte. Teksten for "yes" skal betyde ja, for "no" nej '
                        'og for "unknown" ved ikke.'
                    ).format(question=q.id, text=q.text, id=choice.id, label=choice.label),
                )
