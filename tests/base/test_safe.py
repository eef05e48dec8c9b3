"""Terminal safety (stalkcard/safe.py): escapes and invisible characters never reach
the terminal, whoever typed them; in the card they are refused."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import DANGER, card_with, posix, stalkcard_command
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from stalkcard.cli.app import app
from stalkcard.safe import terminal_safe


def no_hidden(text: str) -> bool:
    from stalkcard.safe import hides  # by category, and default-ignorable (round three)

    return not any(hides(ch) for ch in text if ch not in "\n")


# Escape sequences never reach the terminal -------------------------------------------------------

OSC52 = "\x1b]52;c;aGVq\x07"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_terminal_safe_leaves_nothing_hidden(text: str) -> None:
    safe = terminal_safe(text)
    assert no_hidden(safe.replace("\n", "?"))
    if no_hidden(text) and "\n" not in text:
        assert safe == text  # visible text is left as it is


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_echoed_search_is_safe(query: str) -> None:
    result = CliRunner().invoke(app, ["contacts", query])
    assert result.exit_code in (0, 1, 2)
    assert "\x1b" not in result.output
    assert no_hidden(result.output)


@pytest.mark.parametrize(
    "args",
    [
        ["contacts", f"x{OSC52}"],
        ["check", "--answer", f"rol{OSC52}=victim"],
        [a.replace("role=victim", f"role=vic{OSC52}") for a in DANGER],
        ["--card", f"/findes/ikke/{OSC52}.yaml", "show"],
        ["validate", f"/findes/ikke/{OSC52}.yaml"],
        ["log", "-o", f"/findes/ikke/{OSC52}/log.md"],
    ],
    ids=["query", "answer-key", "answer-value", "card-path", "validate-path", "output-path"],
)
def test_echoed_text_carries_no_escape(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code in (1, 2), result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "\\x1b" in result.output


def test_escape_in_a_card_key_is_shown_not_obeyed(tmp_path: Path, runner: CliRunner) -> None:
    for old, new in [
        ("  municipality:", '  "munic\\e]52;c;aGVq\\a":'),  # an unknown field, YAML-escaped
        ("  version: ", '  "\\e]0;titel\\a": x\n  version: '),  # another one
    ]:
        path = card_with(tmp_path, old, new)
        result = runner.invoke(app, ["validate", str(path)])
        assert result.exit_code == 2, result.output
        assert "\x1b" not in result.output
        assert "\\x1b]" in result.output


@posix
def test_escape_in_a_card_reaches_no_real_terminal(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    path = card_with(tmp_path, "  municipality:", '  "munic\\e]52;c;aGVq\\a\\e]0;HACKED\\a":')
    command, *prefix = stalkcard_command()
    child = pexpect.spawn(
        command, [*prefix, "validate", str(path)], encoding="utf-8", timeout=10,
        env={**os.environ, "TERM": "xterm"},
    )  # fmt: skip
    child.expect(pexpect.EOF)
    raw = child.before or ""
    child.close()
    assert child.exitstatus == 2
    assert "\x1b]" not in raw  # no OSC of any kind: clipboard, title, links
    assert "\\x1b]52" in raw


# Invisible characters in the card ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('name: "Sofie Jensen"', 'name: "Sofie\u200bJensen"'),  # zero width space (Cf)
        ('name: "Sofie Jensen"', 'name: "Sofie\u061c Jensen"'),  # Arabic letter mark (Cf)
        ('name: "Sofie Jensen"', 'name: "Sofie\u2060Jensen"'),  # word joiner
        ('name: "Sofie Jensen"', 'name: "Sofie Jen\u00adsen"'),  # soft hyphen
        ('name: "Sofie Jensen"', 'name: "Sofie Jensen\U000e0041"'),  # tag character
        ('name: "Sofie Jensen"', 'name: "Sofie \u3164Jensen"'),  # Hangul filler (a "letter")
        ('name: "Ungeenheden"', 'name: "Unge\u2028enheden"'),  # line separator (Zl)
        ('heading: "MISTANKE"', 'heading: "MISTANKE\\n# Falsk overskrift"'),  # newline
        ('heading: "MISTANKE"', 'heading: "MIST\\tANKE"'),  # tab
    ],
    ids=["zwsp", "alm", "wj", "shy", "tag", "hangul", "ls", "newline", "tab"],
)
def test_invisible_characters_are_refused(
    tmp_path: Path, runner: CliRunner, old: str, new: str
) -> None:
    path = card_with(tmp_path, old, new)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    assert "usynligt tegn eller et linjeskift" in result.output
    assert "U+" in result.output


# The search echo is terminal-safe on every path -----------------------------------------------


def test_fuzzy_search_lead_is_terminal_safe(runner: CliRunner) -> None:
    # "vibeke" + clear-screen is near enough to be a fuzzy match: the lead echoes it.
    result = runner.invoke(app, ["contacts", "vibeke\x1b[2J"])
    assert "Intet passer præcist" in result.output
    assert "\x1b" not in result.output
    assert "\\x1b[2J" in result.output


# Default-ignorable code points are refused by property, in the card and in echoes -------------

# Default_Ignorable_Code_Point in Unicode 14.0's DerivedCoreProperties.txt (21 ranges).
DEFAULT_IGNORABLE_14 = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5),
    (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
    (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
)  # fmt: skip


@pytest.mark.skipif(
    __import__("unicodedata").unidata_version != "14.0.0", reason="the list is Unicode 14.0's"
)
@pytest.mark.slow
def test_default_ignorable_is_derived_as_unicode_lists_it() -> None:
    from stalkcard.safe import default_ignorable

    listed = {code for low, high in DEFAULT_IGNORABLE_14 for code in range(low, high + 1)}
    derived = {code for code in range(0x110000) if default_ignorable(chr(code))}
    assert derived == listed


INVISIBLE = {
    "combining grapheme joiner": "\u034f",
    "Khmer vowel inherent aq": "\u17b4",
    "Khmer vowel inherent aa": "\u17b5",
    "Mongolian free variation selector": "\u180b",
    "Mongolian free variation selector four": "\u180f",
    "variation selector 16": "\ufe0f",
    "variation selector 17": "\U000e0100",
    "Hangul filler": "\u3164",
}


@pytest.mark.parametrize("name", list(INVISIBLE))
def test_invisible_marks_are_refused_in_the_card(
    tmp_path: Path, runner: CliRunner, name: str
) -> None:
    ch = INVISIBLE[name]
    path = card_with(tmp_path, 'name: "Sofie Jensen"', f'name: "Sofie{ch} Jensen"')
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    assert f"U+{ord(ch):04X}" in result.output


@pytest.mark.parametrize("name", list(INVISIBLE))
def test_invisible_marks_are_shown_in_echoes(name: str, runner: CliRunner) -> None:
    ch = INVISIBLE[name]
    result = runner.invoke(app, ["contacts", f"zz{ch}zz"])
    assert result.exit_code == 1
    assert ch not in result.output
    assert ch.encode("unicode_escape").decode("ascii") in result.output


def test_the_quick_visible_check_passes_no_character_that_hides() -> None:
    """safe.visible passes text by one regular expression; every code point it
    passes must be one hides() passes, and no blank letter of the card's checks.
    Every code point up to U+FFFF and beyond the plane is tried."""
    from stalkcard.card.textcheck import BLANK_LETTERS
    from stalkcard.safe import hides, visible

    passed = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF and visible(chr(c))]
    assert len(passed) > 700  # ASCII, Latin-1 and the Latin extensions
    assert [ch for ch in passed if hides(ch) or ch in BLANK_LETTERS] == []
    assert not visible("a\u00adb") and not visible("a\nb") and not visible("ok\u202e")
    assert visible("Bemærk: Sydøstjyllands Politi, 7628 1448 (åbent).")
