"""The one place the tool reads the clock for "who answers now", in Danish
time (Europe/Copenhagen). Tests replace `now`; a subprocess test sets the
clock of the whole process from outside (libfaketime)."""

from __future__ import annotations

from datetime import datetime

ZONE = "Europe/Copenhagen"


def now() -> datetime:
    """The time in Denmark now. Without a zone database (Windows without the
    tzdata package), the computer's own local time, which on a municipal PC
    is Danish time."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return datetime.now(ZoneInfo(ZONE))
    except ZoneInfoNotFoundError:
        return datetime.now().astimezone()
