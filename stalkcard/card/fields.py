"""The card's field types: the patterns a text, an id, a phone number, a link
and an e-mail must match (with their Danish messages), opening hours, and
the structs of the card's meta, units and contacts.

The sections, questions, rules and the card itself are in stalkcard.card.model.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

import msgspec

from stalkcard.i18n import N_

# Text may not be blank, nor hold C0/C1 control characters (newline and tab
# allowed) or Unicode bidirectional controls, which can make a phone number
# display reversed.
_BAD = "\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff"
TEXT_PATTERN = f"^[^{_BAD}]*[^{_BAD}\\s][^{_BAD}]*$"
IDENT_PATTERN = "^[a-z][a-z0-9_]{0,63}$"
PHONE_PATTERN = "^\\+?[0-9]{2,}( [0-9]+)*$"
URL_PATTERN = '^https://[^\\s<>"]+$'
PATTERN_MESSAGES = {
    URL_PATTERN: N_('skal være et link, der begynder med https://, fx "https://www.kolding.dk".'),
    TEXT_PATTERN: N_("må ikke være tom og må ikke indeholde usynlige styretegn."),
    IDENT_PATTERN: N_("skal være et id med små bogstaver a-z, tal og _ (fx akut_fare)."),
    PHONE_PATTERN: N_('skal være et telefonnummer med cifre og mellemrum, fx "7070 7070".'),
}

Text = Annotated[str, msgspec.Meta(pattern=TEXT_PATTERN)]
Ident = Annotated[str, msgspec.Meta(pattern=IDENT_PATTERN)]
Phone = Annotated[str, msgspec.Meta(pattern=PHONE_PATTERN, max_length=24)]
Url = Annotated[str, msgspec.Meta(pattern=URL_PATTERN, max_length=2000)]
Paragraphs = Annotated[tuple[Text, ...], msgspec.Meta(min_length=1)]
Condition = dict[str, str | bool | list[str | bool]]


# The base of the card's structs (stalkcard.card.model's too): a field the
# model does not know is refused, and every field is given by its name.
def as_data(value: Any) -> Any:
    """A part of the model as the card file's data: dicts, lists (the model's
    tuples), strings, numbers (msgspec.to_builtins keeps tuples as tuples)."""
    return msgspec.json.decode(msgspec.json.encode(value))


class Model(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, frozen=True):
    pass


# The ids of stalkcard.card.model.WEEKDAYS, which gives their date.weekday() order.
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
# "24:00" closes at midnight, so a line open day and night is 00:00-24:00.
Clock = Annotated[str, msgspec.Meta(pattern="^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$")]


class OfficeHours(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, frozen=True):
    """A window of time when a contact can be reached, in Danish time: the
    same hours on each of `days`. `assumed` marks hours the card does not
    state (the tool's assumption, e.g. normal office hours)."""

    days: Annotated[tuple[Weekday, ...], msgspec.Meta(min_length=1)]
    opens: Clock
    closes: Clock
    assumed: bool = False


# Hours as a card writes them: one window, a list of windows (hours that
# differ by day: "man-tors 8-15, fre 8-13"), or "unknown" (an organisation
# whose hours are not known: never shown as open or closed).
HOURS_UNKNOWN = "unknown"
HoursSpec = OfficeHours | tuple[OfficeHours, ...] | Literal["unknown"]
# A day of the year the card's offices close besides the public holidays ("12-24").
MonthDay = Annotated[str, msgspec.Meta(pattern="^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")]
# Who the citizen may be: the one who is stalked or the one who stalks (a
# choice's `role`).
Role = Literal["victim", "perpetrator"]
# Whom a line is for: the citizen who is stalked, the citizen who stalks, or
# the professional (you). No audience: everyone.
Audience = Literal[Role, "professional"]


def hours_windows(spec: HoursSpec | None) -> tuple[OfficeHours, ...] | None:
    """A card's hours as windows; None when they are not known."""
    if spec is None or isinstance(spec, str):  # "unknown"
        return None
    return (spec,) if isinstance(spec, OfficeHours) else tuple(spec)


class Meta(Model, frozen=True):
    title: Text
    municipality: Text
    version: Text
    language: Ident
    contacts_verified: date  # when the contact list in the file was last updated
    office_hours: HoursSpec | None = None  # the card's contacts, unless they have their own
    closed_days: tuple[MonthDay, ...] = ()  # closed besides the public holidays, e.g. "12-24"
    # What the card is about ("stalking", "vold i nære relationer"): in the
    # page's headings, the note's title and file name, the menu. None: stalking.
    subject: Text | None = None


class Unit(Model, frozen=True):
    """A unit a caseworker can belong to: suggestions route by its id, so a
    person who leaves changes one contact, not the rules."""

    id: Ident
    name: Text


Keywords = tuple[Annotated[str, msgspec.Meta(pattern=TEXT_PATTERN, max_length=64)], ...]
EMAIL_PATTERN = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"
Email = Annotated[str, msgspec.Meta(pattern=EMAIL_PATTERN, max_length=254)]


class ContactEntry(Model, kw_only=True, frozen=True):
    """One contact on the card, once: a person in a unit, or an organisation
    with the card's own line for it."""

    id: Ident
    name: Text | None = None  # may be left out when card_line says it all
    phone: Phone
    unit: Ident | None = None  # an id from the card's units
    email: Email | None = None
    hours: HoursSpec | None = None  # else meta.office_hours
    card_line: Text | None = None  # the card's own line for it, with the phone as written
    purpose: Text | None = None  # the tool's summary; else the section's purpose
    keywords: Keywords = ()  # the tool's search words, not the card's
    # A line of the card's own that answers day and night (its own 112): it
    # leads "Ring nu" when urgent (urgent_only) or after hours.
    always_open: bool = False
    urgent_only: bool = False  # in "Ring nu" only when the result is urgent (112)
    audience: tuple[Audience, ...] = msgspec.field(default=(), name="for")
    url: Url | None = None  # a link for it (https://)


class SupplementContact(Model, kw_only=True, frozen=True):
    """A number that is not on the card (112, 114, 1888): findable with
    `contacts`, always shown apart from the card's contacts, with its source."""

    id: Ident
    name: Text
    # No phone: a way to act that is not a call (the written notification
    # about a child): findable with `contacts`, never dialled.
    phone: Phone | None = None
    purpose: Text
    source: Text
    keywords: Keywords = ()
    always_open: bool = False  # answered day and night: leads the summary after hours
    urgent_only: bool = False  # in that list only when the result is urgent (112)
    hours: HoursSpec | None = None  # its own hours, when it is not always open
    audience: tuple[Audience, ...] = msgspec.field(default=(), name="for")
