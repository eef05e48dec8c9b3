"""Who answers now: a result's "Ring nu" (Result.calls, in the order the
engine gave it) at a moment in Danish time. Pure functions, no I/O; the clock
is read once, elsewhere (stalkcard.clock), and passed in.

A contact answers day and night (`always_open`), has hours (windows per
weekday), or has hours nobody knows: then it is never said to be open or
closed. Public holidays and the card's own closed days close every contact
with hours (stalkcard.engine.holidays). When no one on "Ring nu" (besides the
urgent lines) is known to answer now, the lines that answer day and night,
for whom the citizen may be, are listed first, and the card's steps still
stand. A contact that is closed while others answer is marked, never moved
away from those who answer. When the time itself is not known (a clock that
cannot be read, no zone database), nothing is said to be open or closed and
the lines that answer day and night are listed.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import msgspec

from stalkcard.card.model import WEEKDAYS, Contact
from stalkcard.engine.holidays import closed_day
from stalkcard.engine.plan import Plan
from stalkcard.engine.result import URGENT, Call, Result

HORIZON = 15  # days ahead to look for the next opening: Easter's four days and a weekend fit


class CallAt(msgspec.Struct, frozen=True):
    """One line of "Ring nu" at a moment: None for open_now when its hours
    are not known."""

    call: Call
    open_now: bool | None
    opens_next: datetime | None = None


class CallPlan(msgspec.Struct, frozen=True):
    """ "Ring nu" at `now`. `after_hours`: none of those who lead answers now;
    `hours_unknown`: none is known to answer, and some have hours nobody
    knows. In both, `round_the_clock` lists the lines that answer day and
    night for whom the citizen may be. `assumed`: some hours are the tool's
    assumption, not the card's; `holiday`: today's holiday or closed day;
    `no_hours`: the card gives no hours at all."""

    calls: tuple[CallAt, ...]
    now: datetime | None = None
    after_hours: bool = False
    hours_unknown: bool = False
    round_the_clock: tuple[Contact, ...] = ()
    reopens: datetime | None = None
    assumed: bool = False
    holiday: str | None = None
    no_hours: bool = False
    time_unknown: bool = False  # the time of day could not be known (`now` None)


def is_open(contact: Contact, now: datetime, closed_days: tuple[str, ...] = ()) -> bool | None:
    """Whether `contact` answers at `now` (Danish time); None: not known."""
    if contact.always_open:
        return True
    if contact.hours is None:
        return None
    if closed_day(now.date(), closed_days):
        return False
    clock = now.strftime("%H:%M")
    day = WEEKDAYS[now.weekday()]
    return any(day in w.days and w.opens <= clock < w.closes for w in contact.hours)


def next_opening(
    contact: Contact, now: datetime, closed_days: tuple[str, ...] = ()
) -> datetime | None:
    """When `contact` next opens after `now`, within HORIZON days; None when
    it answers day and night, its hours are not known, or it opens no later."""
    if contact.always_open or contact.hours is None:
        return None
    for ahead in range(HORIZON):
        day = now + timedelta(days=ahead)
        if closed_day(day.date(), closed_days):
            continue
        starts = []
        for window in contact.hours:
            if WEEKDAYS[day.weekday()] in window.days:
                hour, minute = (int(part) for part in window.opens.split(":"))
                start = day.replace(hour=hour, minute=minute, second=0, microsecond=0)
                if start > now:
                    starts.append(start)
        if starts:
            return min(starts)
    return None


def for_whom(line: Contact, roles: tuple[str, ...]) -> bool:
    """Whether a line is for the citizen as the answers describe them, or for
    you (a professional). A line with no audience is for everyone."""
    return not line.audience or bool(set(line.audience) & {*roles, "professional"})


def _assumed(contact: Contact) -> bool:
    return contact.hours is not None and any(w.assumed for w in contact.hours)


def day_and_night_lines(plan: Plan, result: Result) -> tuple[Contact, ...]:
    """The lines that answer day and night, not already on "Ring nu", for whom
    the citizen may be (an urgent-only line only when the result is urgent):
    what "Ring nu" lists when no one on it is known to answer. validate's plan
    floor (stalkcard.card.planfloor) asks the same function."""
    listed = {c.contact.phone for c in result.calls}
    return tuple(
        line
        for line in plan.always_open
        if line.phone not in listed
        and (result.urgent or not line.urgent_only)
        and for_whom(line, result.roles)
    )


def plan_at(plan: Plan, result: Result, now: datetime | None) -> CallPlan:
    """The result's "Ring nu" at `now`; None: the time is not known."""
    calls = result.calls
    office = [c for c in calls if c.why != URGENT]
    # Are the hours of those on "Ring nu" the tool's guess?
    assumed = any(_assumed(c.contact) for c in office)
    if now is None:  # nothing is said to be open or closed; the lines are listed
        return CallPlan(
            tuple(CallAt(c, None) for c in calls),
            round_the_clock=day_and_night_lines(plan, result),
            assumed=assumed,
            no_hours=not plan.has_hours,
            time_unknown=True,
        )
    days = plan.closed_days
    at = tuple(
        CallAt(c, is_open(c.contact, now, days), next_opening(c.contact, now, days)) for c in calls
    )
    office_at = [c for c in at if c.call.why != URGENT]
    states = {c.open_now for c in office_at}
    after_hours = bool(office_at) and states == {False}
    unknown = True not in states and None in states
    listed = after_hours or unknown or not office_at
    openings = [c.opens_next for c in office_at if c.opens_next is not None]
    return CallPlan(
        at,
        now,
        after_hours,
        unknown,
        day_and_night_lines(plan, result) if listed else (),
        min(openings) if after_hours and openings else None,
        assumed,
        closed_day(now.date(), days),
        not plan.has_hours,
    )
