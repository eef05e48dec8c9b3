"""The one place the tool reads the clock for "who answers now", in Danish
time (Europe/Copenhagen). Tests replace `now`; a subprocess test sets the
clock of the whole process from outside (libfaketime)."""

from __future__ import annotations

from datetime import datetime

from stalkcard.i18n import _

ZONE = "Europe/Copenhagen"
WEEKDAY_NAMES = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")


def when_text(moment: datetime) -> str:
    """Say "lørdag kl. 22:00", in the user's language."""
    return _("{day} kl. {time}").format(
        day=_(WEEKDAY_NAMES[moment.weekday()]), time=moment.strftime("%H:%M")
    )


def now() -> datetime:
    """The time in Denmark now. Without a zone database (Windows without the
    tzdata package), the computer's own local time, which on a municipal PC
    is Danish time."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return datetime.now(ZoneInfo(ZONE))
    except ZoneInfoNotFoundError:
        return datetime.now().astimezone()
