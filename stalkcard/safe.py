"""Text from outside (a key in a card file, a path, a search, an answer) made
safe to print: one place, used by every message that echoes such text.

A terminal obeys escape sequences in anything printed, an error message
included: ESC can set the clipboard (OSC 52), make links (OSC 8), retitle the
window or clear the screen. Characters that control, format, separate or hide
text (Unicode categories Cc, Cf, Zl, Zp, Co, Cs, Cn) are shown as visible
escapes instead, e.g. "\\x1b" or "\\u202e".
"""

from __future__ import annotations

import unicodedata

HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn"})


def hides(ch: str) -> bool:
    """True for a character that controls, formats, separates or hides text."""
    return unicodedata.category(ch) in HIDDEN


def terminal_safe(text: object) -> str:
    """`text` with every hidden or controlling character written out visibly."""
    return "".join(
        ch.encode("unicode_escape").decode("ascii") if hides(ch) else ch for ch in str(text)
    )
