"""Finding contacts by what a caseworker types.

A query matches a contact when every word of it stands in the contact's name,
unit, keywords (the tool's search words in the card file, e.g. "jobcenter" or
"politiet") or phone number. Danish letters may be typed as ae/oe/aa or o/a,
and "&" as "og". A query of digits matches phone numbers (digits only, so
"87947983" and "8794 7983" both find the same person). When nothing matches,
near misses (typos such as "vibke") are ranked by difflib's similarity ratio.

difflib (Python's standard library) does the typo tolerance: ten contacts need
no faster matcher, and it adds no dependency to install on a municipal PC.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from stalkcard.model import Contact

_FOLD = str.maketrans(
    {"æ": "ae", "ø": "o", "å": "a", "é": "e", "ü": "u", "ö": "o", "ä": "ae", "&": " og "}
)
FUZZY_CUTOFF = 0.75  # difflib ratio: "vibke"/"vibeke" is 0.91, "jensn"/"jensen" 0.91
SUGGESTIONS = 3
CLOSEST_CUTOFF = 0.5  # below this, a "Mente du" would only confuse


def fold(text: str) -> str:
    """Fold text for search, so a query typed without Danish letters still matches:
    ø, oe and o match alike; æ and ae; å, aa and a; & and og."""
    text = " ".join(text.casefold().translate(_FOLD).split())
    return text.replace("aa", "a").replace("oe", "o")


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _haystack(contact: Contact) -> str:
    return fold(" ".join([contact.name, contact.unit or "", *contact.keywords]))


def _is_number(query: str) -> bool:
    return bool(re.fullmatch(r"[\d\s+\-]+", query)) and len(digits(query)) >= 3


def find_contacts(contacts: Sequence[Contact], query: str | None) -> list[Contact]:
    """Contacts that hold every word of the query (or its digits), in their order.
    No query: all of them."""
    if not (query or "").strip():
        return list(contacts)
    assert query is not None
    if _is_number(query):
        wanted = digits(query)
        exact = [c for c in contacts if digits(c.phone) == wanted]
        return exact or [c for c in contacts if wanted in digits(c.phone)]
    words = fold(query).split()
    haystacks = [(c, _haystack(c)) for c in contacts]
    return [c for c, haystack in haystacks if all(word in haystack for word in words)]


def _score(query: str, contact: Contact) -> float:
    """How near every word of the query is to some word of the contact (0 to 1)."""
    from difflib import SequenceMatcher

    words = fold(query).split()
    if not words:
        return 0.0
    haystack = _haystack(contact)
    candidates = [*haystack.split(), haystack]
    return min(max(SequenceMatcher(None, w, c).ratio() for c in candidates) for w in words)


def _ranked(contacts: Sequence[Contact], query: str) -> list[tuple[float, Contact]]:
    """(score, contact), nearest first; equal scores keep the contacts' order."""
    scored = [(_score(query, c), i, c) for i, c in enumerate(contacts)]
    return [(score, c) for score, _i, c in sorted(scored, key=lambda s: (-s[0], s[1]))]


def near_contacts(
    contacts: Sequence[Contact], query: str, cutoff: float = FUZZY_CUTOFF
) -> list[Contact]:
    """Contacts whose words are near the query's (a typo away), best first."""
    return [c for score, c in _ranked(contacts, query) if score >= cutoff]


def closest(contacts: Sequence[Contact], query: str, count: int = SUGGESTIONS) -> list[Contact]:
    """The contacts nearest the query, however far: for "Mente du ...?"."""
    return [c for score, c in _ranked(contacts, query)[:count] if score >= CLOSEST_CUTOFF]


def search(contacts: Sequence[Contact], query: str | None) -> tuple[list[Contact], bool]:
    """(found, fuzzy): exact matches, or else near misses (fuzzy=True)."""
    found = find_contacts(contacts, query)
    if found or not query or _is_number(query):
        return found, False
    return near_contacts(contacts, query), True
