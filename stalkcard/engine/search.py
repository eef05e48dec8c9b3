"""Finding contacts by what a caseworker types.

A query matches a contact when every word of it stands in the contact's name,
unit, keywords (the tool's search words in the card file, e.g. "jobcenter" or
"politiet") or phone number. Danish letters may be typed as ae/oe/aa or o/a,
and "&" as "og". A query of digits matches phone numbers (digits only, so
"87947983" and "8794 7983" both find the same person). When nothing matches,
near misses (typos such as "vibke") are ranked by difflib's similarity ratio.

difflib (Python's standard library) does the typo tolerance: ten contacts need
no faster matcher, and it adds no dependency to install on a municipal PC.

The work is capped, not hoped small: a query over MAX_QUERY characters is
refused with a message, and near misses are only looked for when the query has
at most MAX_FUZZY_WORDS words of at most MAX_FUZZY_WORD letters (nobody mistypes
a ten-word name); each ranking is computed once. Text is compared in Unicode's
compatibility form, case-folded (NFKC, casefold), so a letter typed with a
combining ring or in fullwidth form matches the card's.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

from stalkcard.card.model import Contact
from stalkcard.errors import AnswerError
from stalkcard.i18n import _

_FOLD = str.maketrans(
    {"æ": "ae", "ø": "o", "å": "a", "é": "e", "ü": "u", "ö": "o", "ä": "ae", "&": " og "}
)
FUZZY_CUTOFF = 0.75  # difflib ratio: "vibke"/"vibeke" is 0.91, "jensn"/"jensen" 0.91
SUGGESTIONS = 3
CLOSEST_CUTOFF = 0.5  # below this, a "Mente du" would only confuse
MAX_QUERY = 200  # characters; a longer query is refused (the longest name on the card is 29)
MAX_FUZZY_WORDS = 6
MAX_FUZZY_WORD = 40


def fold(text: str) -> str:
    """Fold text for search, so a query typed without Danish letters still matches:
    ø, oe and o match alike; æ and ae; å, aa and a; & and og. Compatibility forms
    and combining marks are composed first (NFKC), case is folded, and characters
    that hide (stalkcard.safe.hides) are dropped."""
    from stalkcard.safe import hides

    text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    if not text.isascii():
        text = "".join((" " if ch.isspace() else "") if hides(ch) else ch for ch in text)
    text = " ".join(text.translate(_FOLD).split())
    return text.replace("aa", "a").replace("oe", "o")


def check_query(query: str) -> None:
    """Refuse a query too long to be a name, a unit or a number (AnswerError)."""
    if len(query) > MAX_QUERY:
        raise AnswerError(
            _(
                "Søgningen er for lang ({count} tegn; højst {most}). Søg på et navn, en enhed "
                "eller et telefonnummer."
            ).format(count=len(query), most=MAX_QUERY)
        )


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
    check_query(query)
    query = unicodedata.normalize("NFKC", query)  # fullwidth digits are digits too
    if _is_number(query):
        wanted = digits(query)
        prefix = re.match(r"\s*(\+|00)45", query)  # "+45 2517 7374", "0045 2517 7374"
        if prefix and len(digits(query[prefix.end() :])) == 8:
            wanted = wanted[-8:]
        exact = [c for c in contacts if digits(c.phone) == wanted]
        return exact or [c for c in contacts if wanted in digits(c.phone)]
    words = list(dict.fromkeys(fold(query).split()))
    haystacks = [(c, _haystack(c)) for c in contacts]
    return [c for c, haystack in haystacks if all(word in haystack for word in words)]


def _score(words: Sequence[str], contact: Contact) -> float:
    """How near every word of the query is to some word of the contact (0 to 1).
    Below CLOSEST_CUTOFF the exact value is never used: 0 is returned early."""
    from difflib import SequenceMatcher

    haystack = _haystack(contact)
    candidates = [*dict.fromkeys(haystack.split()), haystack]
    worst = 1.0
    for word in words:
        matcher = SequenceMatcher(None, b=word, autojunk=False)  # b is the one it indexes
        best = 0.0
        for candidate in candidates:
            matcher.set_seq1(candidate)
            if matcher.real_quick_ratio() > best and matcher.quick_ratio() > best:
                best = max(best, matcher.ratio())
        worst = min(worst, best)
        if worst < CLOSEST_CUTOFF:
            return 0.0
    return worst


@functools.lru_cache(maxsize=4)
def _ranked(contacts: tuple[Contact, ...], query: str) -> list[tuple[float, Contact]]:
    """(score, contact), nearest first; equal scores keep the contacts' order.
    Only for a short query (MAX_FUZZY_WORDS words of MAX_FUZZY_WORD letters);
    computed once per query, however many callers ask."""
    words = list(dict.fromkeys(fold(query).split()))
    if not words or len(words) > MAX_FUZZY_WORDS or max(map(len, words)) > MAX_FUZZY_WORD:
        return []
    scored = [(_score(words, c), i, c) for i, c in enumerate(contacts)]
    return [(score, c) for score, _i, c in sorted(scored, key=lambda s: (-s[0], s[1]))]


def near_contacts(
    contacts: Sequence[Contact], query: str, cutoff: float = FUZZY_CUTOFF
) -> list[Contact]:
    """Contacts whose words are near the query's (a typo away), best first."""
    check_query(query)
    return [c for score, c in _ranked(tuple(contacts), query) if score >= cutoff]


def closest(contacts: Sequence[Contact], query: str, count: int = SUGGESTIONS) -> list[Contact]:
    """The contacts nearest the query, however far: for "Mente du ...?"."""
    check_query(query)
    ranked = _ranked(tuple(contacts), query)[:count]
    return [c for score, c in ranked if score >= CLOSEST_CUTOFF]


def search(contacts: Sequence[Contact], query: str | None) -> tuple[list[Contact], bool]:
    """(found, fuzzy): exact matches, or else near misses (fuzzy=True)."""
    found = find_contacts(contacts, query)
    if found or not query or _is_number(unicodedata.normalize("NFKC", query)):
        return found, False
    return near_contacts(contacts, query), True
