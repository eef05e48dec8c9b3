"""The card's contacts: units and contacts name what exists, every contact is
shown, a Danish number has all its digits, the card's own line shows the
number that is dialled, and opening hours close after they open."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from stalkcard.card.fields import hours_windows
from stalkcard.card.findings import Problem
from stalkcard.card.model import NO_UNIT_WORDS, Card, ContactsSection
from stalkcard.i18n import _


def phone_stands_whole(line: str, phone: str) -> bool:
    """True when `phone` stands in `line`, and wherever it stands, as a whole
    number: no digit just before or after it. The terminal, the Markdown and
    the page's tel: link take the phone's first place in the line, so "12517
    73749" must not pass for "2517 7374": it would show one number and dial another."""
    places = [m.start() for m in re.finditer(f"(?={re.escape(phone)})", line)]
    end = len(phone)
    return bool(places) and all(
        not (at > 0 and line[at - 1].isdigit())
        and not (at + end < len(line) and line[at + end].isdigit())
        for at in places
    )


# Danish numbers shorter than 8 digits that are real (the emergency and
# police lines, helplines): 112, 114, Akuttelefonen 1813, Lev uden vold 1888,
# and the 116 numbers (116 000, 116 006 Offerrådgivningen, 116 111
# Børnetelefonen, 116 117, 116 123).
SHORT_NUMBERS = ("112", "114", "1813", "1888", "116000", "116006", "116111", "116117", "116123")


def danish_digits(phone: str) -> str | None:
    """A phone's digits when it is a Danish number (no country code, or +45), else None."""
    digits = phone.replace(" ", "")
    if digits.startswith("+45"):
        return digits[3:]
    if digits.startswith(("+", "00")):
        return None  # a number abroad: its own length
    return digits


def phone_checks(card: Card) -> Iterator[Problem]:
    """A Danish number has 8 digits or is a known short number: a dropped
    digit ("7979 741") must not be shown and dialled."""
    own = [c.phone for c in card.contact_list if len(danish_digits(c.phone) or "") == 8]
    example = own[0] if own else "7070 7070"
    shorts = ", ".join(f"{n[:3]} {n[3:]}" if len(n) == 6 else n for n in SHORT_NUMBERS)
    located: list[tuple[tuple[int | str, ...], str | None]] = [
        (("contacts", i, "phone"), c.phone) for i, c in enumerate(card.contact_list)
    ]
    located += [
        (("supplement_contacts", i, "phone"), c.phone)
        for i, c in enumerate(card.supplement_contacts)
    ]
    for loc, phone in located:
        digits = danish_digits(phone) if phone else None
        if digits is None or len(digits) == 8 or digits in SHORT_NUMBERS:
            continue
        yield Problem(
            loc,
            _(
                '"{phone}" har {count} cifre: et dansk telefonnummer har 8 cifre, fx "{example}", '
                "eller er et kendt kort nummer ({shorts}). Et nummer i udlandet skrives med "
                'landekode, fx "+46 8 123 456".'
            ).format(phone=phone, count=len(digits), example=example, shorts=shorts),
        )


def lost_contacts(card: Card) -> list[str]:
    """The contacts a section names that no contact has, when two contacts
    share an id (one of them has likely lost its own); else []."""
    known = [c.id for c in card.contact_list]
    if len(set(known)) == len(known):
        return []
    named = [i for s in card.contact_sections for i in s.contacts]
    return [i for i in dict.fromkeys(named) if i not in known]


def contact_checks(card: Card) -> Iterator[Problem]:
    """Units and contacts: every unit a contact names exists, no unit is named
    like the answer "no unit", every contact is listed by a contacts section
    (else it is never shown), and the card's own line shows the number dialled."""
    units = [u.id for u in card.units]
    for index, unit in enumerate(card.units):
        if unit.id in NO_UNIT_WORDS:  # would be everyone's unit ("no unit")
            yield Problem(
                ("units", index, "id"),
                _('"{id}" er et reserveret ord (svaret "ingen enhed"); brug et andet id.').format(
                    id=unit.id
                ),
            )
    names: dict[str, str] = {}
    for index, unit in enumerate(card.units):
        if unit.name in names:  # the question would show two choices alike
            yield Problem(
                ("units", index, "name"),
                _('enheden "{id}" har samme navn som "{other}": {name}.').format(
                    id=unit.id, other=names[unit.name], name=unit.name
                ),
            )
        names.setdefault(unit.name, unit.id)
    listed = {i for s in card.contact_sections for i in s.contacts}
    members = {c.unit for c in card.contact_list if c.id in listed}
    for group_index, rule in enumerate(card.screening.rules.suggest):
        for ident in rule.show:
            if ident in units and ident not in members:
                yield Problem(
                    ("screening", "rules", "suggest", group_index, "show"),
                    _(
                        'enheden "{id}" har ingen kontakter i kortets afsnit, '
                        "så forslaget ville ikke foreslå nogen."
                    ).format(id=ident),
                )
    known = [c.id for c in card.contact_list]
    lost = lost_contacts(card)
    first_listed: dict[str, str] = {}
    for index, section in enumerate(card.sections):
        if isinstance(section, ContactsSection):
            for place, ident in enumerate(section.contacts):
                if ident in first_listed:
                    yield Problem(
                        ("sections", index, "contacts", place),
                        _(
                            'kontakten "{id}" står allerede i afsnittet "{section}"; '
                            "en kontakt står i ét afsnit."
                        ).format(id=ident, section=first_listed[ident]),
                    )
                first_listed.setdefault(ident, section.id)
                if ident not in known and not (lost and len(set(known)) < len(known)):
                    yield Problem(
                        ("sections", index, "contacts", place),
                        _('kontakten "{id}" findes ikke under contacts; brug en af: {ids}.').format(
                            id=ident, ids=", ".join(known)
                        ),
                    )
    for index, contact in enumerate(card.contact_list):
        if contact.unit is not None and contact.unit not in units:
            yield Problem(
                ("contacts", index, "unit"),
                _('enheden "{id}" findes ikke under units; brug en af: {ids}.').format(
                    id=contact.unit, ids=", ".join(units) or _("(ingen enheder)")
                ),
            )
        if contact.id not in listed:
            yield Problem(
                ("contacts", index, "id"),
                _(
                    'kontakten "{id}" står ikke i noget afsnit med kind: contacts, '
                    "så den vises aldrig."
                ).format(id=contact.id),
            )
        line = contact.card_line
        if line is None:
            if contact.name is None:
                yield Problem(
                    ("contacts", index, "name"),
                    _(
                        "mangler: en kontakt skal have et navn (name) eller kortets egen linje "
                        "(card_line)."
                    ),
                )
            continue
        if (contact.name is not None and contact.name not in line) or contact.phone not in line:
            yield Problem(
                ("contacts", index, "card_line"),
                _("skal indeholde både navnet og telefonnummeret, som på kortet."),
            )
        elif not phone_stands_whole(line, contact.phone):
            yield Problem(
                ("contacts", index, "card_line"),
                _(
                    "telefonnummeret {phone} skal stå som et helt nummer i linjen, uden cifre "
                    "lige før eller efter: det, der vises, er det, der ringes til."
                ).format(phone=contact.phone),
            )


def hours_checks(card: Card) -> Iterator[Problem]:
    """Opening hours must close after they open on the same day: hours across
    midnight would read as never open."""
    located: list[tuple[tuple[int | str, ...], Any]] = [
        (("meta", "office_hours"), card.meta.office_hours)
    ]
    located += [(("contacts", i, "hours"), c.hours) for i, c in enumerate(card.contact_list)]
    located += [
        (("supplement_contacts", i, "hours"), c.hours)
        for i, c in enumerate(card.supplement_contacts)
    ]
    windows = [
        ((*loc, index) if isinstance(hours, tuple | list) else loc, window)
        for loc, hours in located
        for index, window in enumerate(hours_windows(hours) or ())
    ]
    for loc, hours in windows:
        if hours.closes <= hours.opens:
            yield Problem(
                (*loc, "closes"),
                _(
                    "tidspunktet, hvor kontakterne lukker, skal ligge efter det, "
                    "hvor de åbner (samme dag)."
                ),
            )
