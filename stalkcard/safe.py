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


def terminal_safe(text: object) -> str:
    """`text` with every hidden or controlling character written out visibly."""
    return "".join(
        ch.encode("unicode_escape").decode("ascii") if unicodedata.category(ch) in HIDDEN else ch
        for ch in str(text)
    )


def markdown_safe(text: str) -> str:
    """One line of text for a Markdown file: visible escapes as above, and the
    characters Markdown would read as structure escaped with a backslash."""
    safe = terminal_safe(text)
    return "".join("\\" + ch if ch in "\\`*_{}[]<>()#+-.!|" else ch for ch in safe)
