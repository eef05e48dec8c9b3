"""Danish public holidays, computed: the fixed days and the ones that move
with Easter (the Gregorian computus). No package is needed for it. Store
Bededag (the fourth Friday after Easter) is a holiday only until 2023 (it was
abolished as a public holiday from 2024). A card adds the days its own offices close
(`meta.closed_days`, e.g. "06-05", "12-24", "12-31")."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from stalkcard.i18n import N_, _


def easter(year: int) -> date:
    """Easter Sunday (the anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


# (days after Easter Sunday, name)
MOVING = (
    (-3, N_("skærtorsdag")),
    (-2, N_("langfredag")),
    (0, N_("påskedag")),
    (1, N_("2. påskedag")),
    (39, N_("Kristi himmelfartsdag")),
    (49, N_("pinsedag")),
    (50, N_("2. pinsedag")),
)
FIXED = (((1, 1), N_("nytårsdag")), ((12, 25), N_("1. juledag")), ((12, 26), N_("2. juledag")))
LAST_BEDEDAG = 2023


@lru_cache(maxsize=64)
def public_holidays(year: int) -> dict[date, str]:
    """The year's Danish public holidays, by date, with their Danish names."""
    sunday = easter(year)
    out = {date(year, m, d): name for (m, d), name in FIXED}
    out.update({sunday + timedelta(days=ahead): name for ahead, name in MOVING})
    if year <= LAST_BEDEDAG:
        out[sunday + timedelta(days=26)] = N_("store bededag")
    return out


def closed_day(day: date, closed_days: tuple[str, ...] = ()) -> str | None:
    """The name of the holiday (or the card's own closed day) `day` is, in the
    user's language; None on an ordinary day."""
    name = public_holidays(day.year).get(day)
    if name is not None:
        return _(name)
    if day.strftime("%m-%d") in closed_days:
        return _("lukkedag") + f" {day.day}.{day.month}."
    return None
