"""Text from outside (a key in a card file, a path, a search, an answer) made
safe to print: one place, used by every message that echoes such text.

A terminal obeys escape sequences in anything printed, an error message
included: ESC can set the clipboard (OSC 52), make links (OSC 8), retitle the
window or clear the screen. Characters that control, format, separate or hide
text are shown as visible escapes instead, e.g. "\\x1b" or "\\u202e": the
Unicode categories Cc, Cf, Zl, Zp, Co, Cs, Cn, and every default-ignorable
code point (a character a renderer shows as nothing when it has no glyph for
it: the combining grapheme joiner, Khmer inherent vowels, the Mongolian free
variation selectors, the variation selectors, the Hangul fillers, ...).

`hides` is the one predicate: the echo here, the card's validation and the
contact search all use it.
"""

from __future__ import annotations

import re
import unicodedata

HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn"})

# Default_Ignorable_Code_Point, derived as Unicode defines it in the header of
# DerivedCoreProperties.txt (https://www.unicode.org/Public/UCD/latest/ucd/,
# UAX #44 section 5.3, https://www.unicode.org/reports/tr44/):
#     Other_Default_Ignorable_Code_Point + Cf + Variation_Selector
#     - White_Space - FFF9..FFFB (interlinear annotation format characters)
#     - 13430..1343F (Egyptian hieroglyph format controls)
#     - Prepended_Concatenation_Mark (format characters that should be visible)
# Python's unicodedata has the category (Cf) but neither of the two contributory
# properties, so those are written out below from PropList.txt (Unicode 14.0,
# the version of Python 3.11's unicodedata). tests/base/test_safe.py
# compares the result with Unicode 14.0's derived list, code point by code point.
OTHER_DEFAULT_IGNORABLE = (
    (0x034F, 0x034F),  # COMBINING GRAPHEME JOINER
    (0x115F, 0x1160),  # HANGUL CHOSEONG FILLER, HANGUL JUNGSEONG FILLER
    (0x17B4, 0x17B5),  # KHMER VOWEL INHERENT AQ, AA
    (0x2065, 0x2065),  # reserved
    (0x3164, 0x3164),  # HANGUL FILLER
    (0xFFA0, 0xFFA0),  # HALFWIDTH HANGUL FILLER
    (0xFFF0, 0xFFF8),  # reserved
    (0xE0000, 0xE0000),  # reserved
    (0xE0002, 0xE001F),  # reserved
    (0xE0080, 0xE00FF),  # reserved
    (0xE01F0, 0xE0FFF),  # reserved
)
VARIATION_SELECTOR = (
    (0x180B, 0x180D),  # MONGOLIAN FREE VARIATION SELECTOR ONE..THREE
    (0x180F, 0x180F),  # MONGOLIAN FREE VARIATION SELECTOR FOUR
    (0xFE00, 0xFE0F),  # VARIATION SELECTOR-1..16
    (0xE0100, 0xE01EF),  # VARIATION SELECTOR-17..256
)
NOT_DEFAULT_IGNORABLE = (
    (0xFFF9, 0xFFFB),  # interlinear annotation format characters
    (0x13430, 0x1343F),  # Egyptian hieroglyph format controls
    # Prepended_Concatenation_Mark (PropList.txt):
    (0x0600, 0x0605),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
)


def _within(code: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(low <= code <= high for low, high in ranges)


def default_ignorable(ch: str) -> bool:
    """Unicode's Default_Ignorable_Code_Point property of one character."""
    code = ord(ch)
    if code < 0xAD:  # nothing below the soft hyphen is default-ignorable
        return False
    if _within(code, NOT_DEFAULT_IGNORABLE) or ch.isspace():  # White_Space
        return False
    return (
        unicodedata.category(ch) == "Cf"
        or _within(code, OTHER_DEFAULT_IGNORABLE)
        or _within(code, VARIATION_SELECTOR)
    )


def hides(ch: str) -> bool:
    """True for a character that controls, formats, separates or hides text:
    by category (Cc, Cf, Zl, Zp, Co, Cs, Cn) or as a default-ignorable code point."""
    return unicodedata.category(ch) in HIDDEN or default_ignorable(ch)


# Characters that never hide: printable ASCII, and U+00A0..U+02FF (Latin-1
# without its controls and the soft hyphen, Latin Extended-A and -B, IPA,
# spacing modifiers). Text of only these (nearly every card's Danish text) is
# passed by one regular expression instead of character by character;
# tests/base/test_safe.py checks the set against hides() code point by code point.
_VISIBLE = re.compile("[\x20-\x7e\xa0-\xac\xae-\u02ff]*")


def visible(text: str) -> bool:
    """True when no character of `text` can hide (a quick check: False means
    only that hides() must look at each character)."""
    return _VISIBLE.fullmatch(text) is not None


def terminal_safe(text: object) -> str:
    """`text` with every hidden or controlling character written out visibly."""
    text = str(text)
    if visible(text):
        return text
    return "".join(ch.encode("unicode_escape").decode("ascii") if hides(ch) else ch for ch in text)
