"""The one place the tool reads the clock: today's date and the time of day on
the computer, and "who answers now" in Danish time (Europe/Copenhagen). Tests
replace `now`; a subprocess test sets the clock of the whole process from
outside (libfaketime).

The clock is the caseworker's PC's, and it may be wrong: a year behind, or
so far ahead (after 2262) that Python cannot read it (OverflowError). Nothing
here raises for that: `today`, `local_now` and `now` give None, and
`no_time_reason` says why, for the caller's warning.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from stalkcard.i18n import N_, _

ZONE = "Europe/Copenhagen"
WEEKDAY_NAMES = (
    N_("mandag"),
    N_("tirsdag"),
    N_("onsdag"),
    N_("torsdag"),
    N_("fredag"),
    N_("lørdag"),
    N_("søndag"),
)
# Python reads the clock in nanoseconds (a 64-bit count): after 2262 it cannot.
UNREADABLE = (OverflowError, OSError, ValueError)


def when_text(moment: datetime) -> str:
    """Say "lørdag kl. 22:00", in the user's language."""
    return _("{day} kl. {time}").format(
        day=_(WEEKDAY_NAMES[moment.weekday()]), time=moment.strftime("%H:%M")
    )


def today() -> date | None:
    """The computer's date, or None when its clock cannot be read."""
    try:
        return date.today()
    except UNREADABLE:
        return None


def local_now() -> datetime | None:
    """The computer's local time (for the note's date), or None when its clock
    cannot be read."""
    try:
        moment = datetime.now()
    except UNREADABLE:
        return None
    return moment if today() is not None else None  # a clock that saturates in 2262


def unreadable_message() -> str:
    return _(
        "Bemærk: computerens ur kan ikke læses (det står måske efter år 2262). Tjek dato og "
        "klokkeslæt på computeren. Værktøjet kan ikke sige, hvem der har åbent lige nu."
    )


def now() -> datetime | None:
    """The time in Denmark now, or None when it cannot be known: without a zone
    database (Windows without the tzdata package) the tool does not guess from
    the computer's own zone, and a clock that cannot be read is not guessed
    either. With None the result names no one as open or closed now; the
    caller warns with `no_time_reason()`. Never raises."""
    zone = _zone()
    if zone is None or today() is None:  # datetime.now saturates in 2262, date.today raises
        return None
    try:
        return datetime.now(zone)
    except UNREADABLE:
        return None


def _zone() -> tzinfo | None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(ZONE)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def no_time_reason() -> str:
    """Why `now()` gave None, as a Danish warning."""
    if _zone() is None:
        return _(
            "Bemærk: computeren kender ikke dansk tid (tidszonen {zone} mangler; på Windows "
            "installeres den med pakken tzdata). Værktøjet siger derfor ikke, hvem der har "
            "åbent lige nu: tjek selv kontakternes åbningstider."
        ).format(zone=ZONE)
    return unreadable_message()


def moment_text(moment: datetime, holiday: str | None = None) -> str:
    """ "lørdag kl. 22:00", or on a holiday "1. juledag, fredag kl. 10:00"."""
    text = when_text(moment)
    return f"{holiday}, {text}" if holiday else text
