"""The tool's own words: Danish in the code, English in messages_en.py.

Every message the tool writes goes through `_()`. Danish is the default; with
`--lang en` or STALKCARD_LANG=en, `_()` looks the Danish text up in the English
table (imported only then). The card's own text comes from the card file.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

LANGUAGES = ("da", "en")
LANG_ENV = "STALKCARD_LANG"

_language = "da"
_english: Mapping[str, str] = {}


def set_language(language: str) -> None:
    """Switch the tool's messages; an unknown language raises ValueError."""
    global _language, _english
    if language not in LANGUAGES:
        raise ValueError(language)
    if language == "en" and not _english:
        from stalkcard.messages_en import ENGLISH

        _english = ENGLISH
    _language = language


def _(text: str) -> str:
    """The tool's message `text` (written in Danish) in the current language."""
    if _language == "da":
        return text
    return _english.get(text, text)


def ngettext(singular: str, plural: str, count: int) -> str:
    """gettext's ngettext: the message for `count` in its singular or plural
    form, in the current language. Danish and English both have two forms: the
    singular for 1, the plural for any other count (gettext's plural rule
    "n != 1"). As in a gettext catalog, the English forms are found by both
    Danish forms together (messages_en.PLURALS), as "trin" is both."""
    if _language != "da":
        from stalkcard.messages_en import PLURALS

        singular, plural = PLURALS.get((singular, plural), (singular, plural))
    return singular if count == 1 else plural


def requested_language(argv: Sequence[str], environ: Mapping[str, str] = os.environ) -> str:
    """The language asked for on the command line (--lang) or in STALKCARD_LANG.

    Read before the command line is parsed, so that the help texts, which Typer
    takes when the app is built, come out in that language too. An unknown value
    gives Danish here; the --lang option itself then reports it.
    """
    chosen = environ.get(LANG_ENV, "da")
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            chosen = argv[index + 1]
        elif arg.startswith("--lang="):
            chosen = arg.partition("=")[2]
    return chosen if chosen in LANGUAGES else "da"
