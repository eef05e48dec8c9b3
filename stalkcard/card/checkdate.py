"""The card's check date (meta.contacts_verified) against the calendar: the
earliest date a card can have and how far ahead of the clock it may lie.
Both loading (stalkcard.card.reading, the compiled twin) and validation
(stalkcard.card.textcheck) hold a card to them, so both paths agree."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stalkcard.card.model import Card

EARLIEST = date(2015, 1, 1)  # Dansk Stalking Center, which the card names, opened in 2015
FUTURE_LIMIT = 366  # days: validate refuses a check date further ahead of the clock than this


def days_ahead(card: Card, today: date) -> int:
    """How many days the card's check date lies after `today` (0 or less: not ahead)."""
    return (card.meta.contacts_verified - today).days
