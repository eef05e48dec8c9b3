"""The tool's own words: Danish in the code, English in a gettext catalogue.

Every message the tool writes goes through `_()` (and `ngettext` for a count).
A message kept in a constant and translated later, by name, is marked where it
is written with `N_()`, so that extraction tools (xgettext, pybabel) find it.
Danish is the default; with `--lang en` or STALKCARD_LANG=en, the Danish text is
looked up in `stalkcard/locale/en.po`, read only then. The catalogue is an
ordinary gettext .po file (msgid, msgid_plural, msgstr[n], Plural-Forms), so
translators' tools (Poedit, Weblate, msgfmt) open it; it is read by the small
reader below rather than compiled to .mo, which keeps the build a plain wheel.
The card's own text comes from the card file.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

LANGUAGES = ("da", "en")
LANG_ENV = "STALKCARD_LANG"

_language = "da"
_english: Mapping[str, str] = {}
_plurals: Mapping[tuple[str, str], tuple[str, ...]] = {}

Catalogue = tuple[dict[str, str], dict[tuple[str, str], tuple[str, ...]]]


def read_po(text: str) -> Catalogue:
    """A gettext .po catalogue's messages: msgid -> msgstr, and (msgid,
    msgid_plural) -> its msgstr[n] forms. Comments and the header (the empty
    msgid) are left out; a fuzzy or untranslated entry is not a translation."""
    import json

    singles: dict[str, str] = {}
    plurals: dict[tuple[str, str], tuple[str, ...]] = {}
    for block in text.replace("\r\n", "\n").split("\n\n"):
        fields: dict[str, str] = {}
        key = ""
        fuzzy = False
        for line in block.split("\n"):
            line = line.strip()
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            if not line or line.startswith("#"):
                continue
            if line.startswith('"'):
                fields[key] += json.loads(line)  # a continued string
                continue
            key, _space, quoted = line.partition(" ")
            fields[key] = json.loads(quoted)
        msgid = fields.get("msgid")
        if not msgid or fuzzy:
            continue
        if "msgid_plural" in fields:
            forms = tuple(fields[k] for k in sorted(fields) if k.startswith("msgstr["))
            if all(forms):
                plurals[(msgid, fields["msgid_plural"])] = forms
        elif fields.get("msgstr"):
            singles[msgid] = fields["msgstr"]
    return singles, plurals


def catalogue(language: str = "en") -> Catalogue:
    """The catalogue of `language` shipped with the tool (stalkcard/locale)."""
    from importlib import resources

    path = resources.files("stalkcard").joinpath("locale", f"{language}.po")
    return read_po(path.read_text(encoding="utf-8"))


def set_language(language: str) -> None:
    """Switch the tool's messages; an unknown language raises ValueError."""
    global _language, _english, _plurals
    if language not in LANGUAGES:
        raise ValueError(language)
    if language == "en" and not _english:
        _english, _plurals = catalogue("en")
    _language = language


def _(text: str) -> str:
    """The tool's message `text` (written in Danish) in the current language."""
    if _language == "da":
        return text
    return _english.get(text, text)


def N_(text: str) -> str:
    """Mark `text` (Danish) as a message translated later by `_()`, as gettext's
    gettext_noop does: it is returned unchanged. A message kept in a constant
    (a module-level string, a dict's value, a tuple's item) is wrapped in N_()
    where it is written, so extraction (`pybabel extract -k N_`) finds it there
    and the catalogue test reads it from the source."""
    return text


def ngettext(singular: str, plural: str, count: int) -> str:
    """gettext's ngettext: the message for `count` in its singular or plural
    form, in the current language. Danish and English both have two forms: the
    singular for 1, the plural for any other count (gettext's plural rule
    "n != 1"). As in a gettext catalog, the English forms are found by both
    Danish forms together (msgid and msgid_plural), as "trin" is both."""
    if _language != "da":
        forms = _plurals.get((singular, plural))
        if forms is not None and len(forms) >= 2:
            singular, plural = forms[0], forms[1]
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
    chosen = chosen.strip().lower()
    return chosen if chosen in LANGUAGES else "da"
