"""Plain text for the quick lookup (`stalkcard contacts`), without Rich.

`contacts` is the command opened with a citizen waiting, and importing Rich is
the largest part of its start (bench/startup.py), so its few lines are laid out
here with the standard library: a table when the terminal is wide, stacked when
it is narrow, a phone number never broken, bold only on a terminal that shows it.
Everything else the tool shows is rendered with Rich (stalkcard.views.terminal).
"""

from __future__ import annotations

import os
import sys
import textwrap
import unicodedata
from collections.abc import Sequence

from stalkcard.card.model import Contact
from stalkcard.i18n import N_, _

MIN_WIDTH = 20  # narrower terminals get 20-column lines, which the terminal wraps
# Wider terminals get 200-column lines: Rich pads panels and rules to the width,
# so COLUMNS=10000000 would otherwise write hundreds of MB (README: "Bredde").
MAX_WIDTH = 200
WIDE = 70  # from this width, contacts are a table; below it, stacked
GAP = "  "
PURPOSE_LABEL = N_("Formål (værktøjets resumé)")  # purposes are the tool's words, not the card's


def terminal_width() -> int:
    """The width to lay text out in: COLUMNS, else the terminal's, else 80 (a pipe
    has no width of its own); at least 20 and at most 200, in a pipe too."""
    import shutil

    try:
        width = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        width = 0
    if width <= 0:
        width = shutil.get_terminal_size((80, 24)).columns
    return min(MAX_WIDTH, max(MIN_WIDTH, width))


def cells(text: str) -> int:
    """The columns `text` takes on a terminal (wide East Asian characters take two)."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cells(text))


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, max(1, width), break_on_hyphens=False) or [""]


# A line is a sequence of (text, bold) parts; only write_lines turns it into
# characters, so every text is made terminal-safe in that one place and the
# tool's own bold codes are the only escapes that reach the terminal.
Part = tuple[str, bool]
Line = tuple[Part, ...]


def _bold(text: str, on: bool) -> Line:
    return ((text, on),)


def _text(text: str) -> Line:
    return ((text, False),)


def use_bold() -> bool:
    """Bold only on a terminal that takes ANSI codes, and never with NO_COLOR."""
    return (
        sys.stdout.isatty()
        and "NO_COLOR" not in os.environ
        and os.environ.get("TERM") != "dumb"
        and os.name != "nt"  # a classic Windows console shows the codes as text
    )


SUPPLEMENT_TITLE = N_("Tillæg – ikke en del af handlekortet: numre, som ikke står på kortet")


def contact_groups(contacts: Sequence[Contact]) -> list[tuple[str, list[Contact]]]:
    """The card's contacts by the section that lists them (under its label),
    and apart from them the numbers that are not on the card."""
    groups: dict[str | None, tuple[str, list[Contact]]] = {}
    for c in contacts:
        if c.part_of_card:
            title = c.group_label or c.group or ""
            groups.setdefault(c.group, (title, []))[1].append(c)
    extra = [c for c in contacts if not c.part_of_card]
    found = list(groups.values()) + ([(_(SUPPLEMENT_TITLE), extra)] if extra else [])
    return [(title, group) for title, group in found if group]


def _about(contact: Contact) -> str:
    """A person's unit (the card's text), or an organisation's purpose (the
    tool's); and the e-mail, when the card gives one."""
    about = contact.unit or contact.purpose
    if contact.email:
        about = f"{about} " + _("E-mail: {email}").format(email=contact.email)
    return about.strip()


def _about_title(contacts: Sequence[Contact]) -> str:
    persons = all(c.unit for c in contacts)
    return _("Enhed") if persons else _(PURPOSE_LABEL)


def _table(contacts: Sequence[Contact], width: int, bold: bool) -> list[Line] | None:
    header = (_("Navn"), _("Telefon"), _about_title(contacts))
    name_w = max(cells(header[0]), *(cells(c.name) for c in contacts))
    phone_w = max(cells(header[1]), *(cells(c.phone) for c in contacts))
    lead = name_w + phone_w + 2 * len(GAP)
    rest = width - lead
    if rest < max(16, cells(header[2])):
        return None  # too narrow for a table: stacked instead
    rows: list[tuple[str, str]] = []  # (the bold part, the rest of the line)
    for c in contacts:
        about = _wrap(_about(c), rest)
        rows.append((_pad(c.name, name_w), GAP + _pad(c.phone, phone_w) + GAP + about[0]))
        rows += [("", " " * lead + more) for more in about[1:]]
    title = _pad(header[0], name_w) + GAP + _pad(header[1], phone_w) + GAP + header[2]
    rule = "-" * max(cells(title), *(cells(a + b.rstrip()) for a, b in rows))
    lines = [_bold(title, bold), _text(rule)]
    lines += [((a, bold), (b.rstrip(), False)) for a, b in rows]
    return lines


def _stack(contacts: Sequence[Contact], width: int, bold: bool) -> list[Line]:
    lines: list[Line] = []
    inner = width - 2
    for c in contacts:
        lines += [(("  ", False), (line, bold)) for line in _wrap(c.name, inner)]
        if c.phone:  # a way to act that is not a call has no number
            phone = _("Tlf. ") + c.phone
            lines.append(_text("  " + (phone if cells(phone) <= inner else c.phone)))
        about = _about(c) if c.unit else f"{_(PURPOSE_LABEL)}: {_about(c)}"
        lines += [_text("  " + line) for line in _wrap(about, inner)]
        lines.append(_text(""))
    return lines


SOURCES_HINT = N_("Formål og kilder: stalkcard contacts --sources (eller et nummer, fx 114)")


def _brief(contacts: Sequence[Contact], width: int, bold: bool) -> list[Line]:
    """The numbers that are not on the card, one line each: the number, then
    the name (a way to act with no number: its name alone)."""
    phone_w = max(cells(c.phone) for c in contacts)
    lines: list[Line] = []
    for c in contacts:
        name = _wrap(c.name, width - 2 - phone_w - len(GAP))
        lines.append((("  " + _pad(c.phone, phone_w), bold), (GAP + name[0], False)))
        lines += [_text(" " * (2 + phone_w + len(GAP)) + more) for more in name[1:]]
    return lines


def contact_lines(
    contacts: Sequence[Contact], width: int, bold: bool = False, sources: bool = True
) -> list[Line]:
    """The contacts, grouped as the card's contacts sections list them. The
    numbers that are not on the card come first, and without `sources` in one
    line each, so the card's own contacts end the list: on a 24-row screen,
    the last screen is the card's."""
    lines: list[Line] = []
    groups = contact_groups(contacts)
    groups = [g for g in groups if not g[1][0].part_of_card] + [
        g for g in groups if g[1][0].part_of_card
    ]
    for title, group in groups:
        lines += [_bold(line, bold) for line in _wrap(title, width)]
        if not sources and not group[0].part_of_card:
            lines += _brief(group, width, bold)
            lines += [_text(line) for line in _wrap(_(SOURCES_HINT), width)] + [_text("")]
            continue
        table = _table(group, width, bold) if width >= WIDE else None
        lines += [*table, _text("")] if table is not None else _stack(group, width, bold)
        for c in group:
            if c.source:
                source = _("Kilde ({phone}): {source}").format(
                    phone=c.phone or c.name, source=c.source
                )
                lines += [_text(line) for line in _wrap(source, width)]
        if any(c.source for c in group):
            lines.append(_text(""))
    return lines


def line_text(line: Line | str) -> str:
    """One line as it goes to the terminal: every text made safe (stalkcard.safe),
    then the tool's own bold around the bold parts."""
    from stalkcard.safe import terminal_safe

    if isinstance(line, str):
        line = _text(line)
    return "".join(
        f"\x1b[1m{terminal_safe(text)}\x1b[0m" if on and text else terminal_safe(text)
        for text, on in line
    )


def write_lines(lines: Sequence[Line | str]) -> None:
    """Write lines to stdout, safe for a terminal whatever text they hold."""
    sys.stdout.write("\n".join(line_text(line) for line in lines).rstrip("\n") + "\n")
    sys.stdout.flush()
