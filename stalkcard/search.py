"""Looking up contacts by what a caseworker types."""

from __future__ import annotations

from collections.abc import Sequence

from stalkcard.model import Contact

_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "é": "e", "ü": "u", "ö": "o", "ä": "ae"})


def fold(text: str) -> str:
    """Fold text for search, so a query typed without Danish letters still matches:
    ø, oe and o match alike; æ and ae; å, aa and a."""
    text = " ".join(text.casefold().split()).translate(_FOLD)
    return text.replace("aa", "a").replace("oe", "o")


def find_contacts(contacts: Sequence[Contact], query: str | None) -> list[Contact]:
    """Contacts whose name, unit or organisation holds every word of the query."""
    words = fold(query or "").split()
    found = []
    for contact in contacts:
        haystack = fold(f"{contact.name} {contact.unit or ''}")
        if all(word in haystack for word in words):
            found.append(contact)
    return found
