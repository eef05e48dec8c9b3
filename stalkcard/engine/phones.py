"""Where a phone number stands in a line of text: one rule for every text that
shows a number and dials it (a `tel:` link on the page, a card line in the
terminal). A number counts only where it stands whole, with no digit just
before or after it, so "112" inside "7011 2112" is never what is dialled."""

from __future__ import annotations

from collections.abc import Iterable


def whole_at(text: str, phone: str, start: int = 0) -> int | None:
    """The first place from `start` where `phone` stands whole in `text`."""
    if not phone:
        return None
    at = text.find(phone, start)
    while at >= 0:
        end = at + len(phone)
        if not (at > 0 and text[at - 1].isdigit()) and not (
            end < len(text) and text[end].isdigit()
        ):
            return at
        at = text.find(phone, at + 1)
    return None


def segments(text: str, phones: Iterable[str]) -> list[tuple[str, str | None]]:
    """`text` cut into pieces, each with the number it shows (None: plain
    text): every whole occurrence of one of `phones` (the longest first where
    two start at the same place) is a piece of its own."""
    known = sorted(set(phones), key=len, reverse=True)
    out: list[tuple[str, str | None]] = []
    plain = 0
    at = 0
    while at < len(text):
        found = [(p_at, -len(p), p) for p in known if (p_at := whole_at(text, p, at)) is not None]
        if not found:
            break
        at, _length, phone = min(found)
        if at > plain:
            out.append((text[plain:at], None))
        out.append((phone, phone))
        at += len(phone)
        plain = at
    if plain < len(text):
        out.append((text[plain:], None))
    return out
