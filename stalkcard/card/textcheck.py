"""The card's text and date: every text is one visible line (no character
that hides, reorders or breaks it), every section says something, and the
check date makes sense."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from stalkcard.card.checkdate import EARLIEST, FUTURE_LIMIT, days_ahead
from stalkcard.card.fields import as_data
from stalkcard.card.findings import Problem
from stalkcard.card.model import Card, DefinitionSection, TextSection
from stalkcard.i18n import _

# Letters that look like nothing (Hangul fillers, the blank Braille pattern): the
# one kind of hiding character that Unicode's categories file as letters.
BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def _hidden(text: str) -> str | None:
    """The first character that hides, reorders, breaks or controls text: by
    Unicode category (control, format, line/paragraph separator, private use,
    surrogate, unassigned), newlines and tabs included, and the blank letters."""
    from stalkcard.safe import hides, visible

    if visible(text):  # no character of it can hide (and no blank letter is in it)
        return None
    return next((ch for ch in text if ch in BLANK_LETTERS or hides(ch)), None)


def _strings(
    data: Any, loc: tuple[int | str, ...] = ()
) -> Iterator[tuple[tuple[int | str, ...], str]]:
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*loc, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*loc, index))


def text_checks(card: Card, today: date | None) -> Iterator[Problem]:
    """Every text of the card is one visible line, and the date makes sense."""
    for loc, text in _strings(as_data(card)):
        ch = _hidden(text)
        if ch is not None:
            yield Problem(
                loc,
                _(
                    "indeholder et usynligt tegn eller et linjeskift (U+{code:04X}), som kan "
                    "skjule eller bytte om på teksten. Slet det, og skriv teksten på én linje."
                ).format(code=ord(ch)),
            )
    verified = card.meta.contacts_verified
    if verified < EARLIEST:
        yield Problem(
            ("meta", "contacts_verified"),
            _("{date} er for tidligt: kortet kan tidligst være fra {earliest}.").format(
                date=verified.isoformat(), earliest=EARLIEST.isoformat()
            ),
        )
    # A date somewhat ahead is a clock that runs behind: a warning (stalkcard.cli.app),
    # not a refusal. Only the absurd is refused, and only when the caller holds the
    # card against a day (`validate`): a caseworker's wrong clock refuses no card.
    if today is not None and days_ahead(card, today) > FUTURE_LIMIT:
        yield Problem(
            ("meta", "contacts_verified"),
            _(
                "{date} ligger mere end et år i fremtiden (i dag er {today}). Skriv datoen, "
                "hvor kontaktlisten sidst blev opdateret."
            ).format(date=verified.isoformat(), today=today.isoformat()),
        )


def section_text_checks(card: Card) -> Iterator[Problem]:
    """A section says something: a definition has paragraphs or criteria, a
    text section paragraphs or items."""
    for index, section in enumerate(card.sections):
        if isinstance(section, DefinitionSection) and not (section.paragraphs or section.criteria):
            yield Problem(
                ("sections", index, "criteria"),
                _("mangler: et afsnit med kind: definition skal have paragraphs eller criteria."),
            )
        elif isinstance(section, TextSection) and not (section.paragraphs or section.items):
            yield Problem(
                ("sections", index, "paragraphs"),
                _("mangler: et afsnit med kind: text skal have paragraphs eller items."),
            )
