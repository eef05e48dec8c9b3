"""English: every tool message translated with the same placeholders and plurals,
the catalogue as translators' tools read it, and every command in English."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from helpers import normalise, run_stalkcard
from message_scan import (
    PACKAGE,
    is_marked,
    package_modules,
    string_arguments,
    template_messages,
    unmarked,
)
from typer.testing import CliRunner

from stalkcard.card.reading import bundled_card_path, load_card
from stalkcard.cli.app import app
from stalkcard.i18n import N_, catalogue, read_po, requested_language

ENGLISH = catalogue("en")[0]  # the gettext catalogue stalkcard/locale/en.po

PLACEHOLDER = re.compile(r"\{(\w*)\}")


def _literal_messages() -> set[str]:
    """Every string literal passed to _() in the package."""
    return string_arguments("_")


def _marked_messages() -> set[str]:
    """Messages kept in constants, marked with N_("...") where they are written
    and passed to _() by name later (tests/message_scan.py checks that none
    reaches _() unmarked)."""
    return string_arguments("N_")


def _template_messages() -> set[str]:
    """Every string literal passed to _() in the HTML page's template."""
    return template_messages()


def _messages() -> set[str]:
    return _literal_messages() | _marked_messages() | _template_messages()


def test_the_scan_finds_the_messages() -> None:
    assert len(_literal_messages()) > 120
    assert "Afbrudt. Intet er gemt." in _literal_messages()
    assert len(_marked_messages()) > 90
    assert {"adgang nægtet", "søndag", "Vidner", "store bededag"} <= _marked_messages()


@pytest.mark.parametrize("message", sorted(_messages()))
def test_every_message_has_english_with_the_same_placeholders(message: str) -> None:
    assert message in ENGLISH, message
    assert sorted(PLACEHOLDER.findall(message)) == sorted(PLACEHOLDER.findall(ENGLISH[message]))


def test_no_english_left_over() -> None:
    assert sorted(set(ENGLISH) - _messages()) == []


def test_n_marks_a_message_and_returns_it_unchanged() -> None:
    assert N_("Vidner") == "Vidner"
    marks = [
        node
        for tree in package_modules().values()
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "N_"
    ]
    # One string literal each: what extraction tools (and the scan) can read.
    assert len(marks) > 90 and all(is_marked(node) for node in marks)


def test_every_message_translated_by_name_is_marked() -> None:
    """Each _() or ngettext() whose message is not a literal (a constant, a
    dict's value, a loop over a tuple, a parameter) is followed back to where
    its text is written: each text must be N_("..."), so that no constant
    translated by name is missing from the catalogue's checks and extraction."""
    assert unmarked() == []


def test_the_check_finds_a_constant_translated_without_its_mark() -> None:
    """A new Danish constant translated by name without N_() fails the check,
    wherever it is kept and however it reaches _()."""
    source = """
from stalkcard.i18n import N_, _
PLAIN = "Dansk tekst"
WORDS = {"a": N_("markeret"), "b": "umarkeret"}
PAIRS = (("x", N_("par")), ("y", "uden mærke"))
def f(key, pairs):
    shown = [_(text) for _value, text in PAIRS]
    return _(PLAIN) + _(WORDS.get(key)) + hint(PLAIN) + "".join(map(_, ("løs",)))
def hint(text):
    return _(text)
def g(call):
    return _(call())
"""
    found = "\n".join(unmarked({"fake": ast.parse(source)}))
    for text in ("'Dansk tekst'", "'umarkeret'", "'uden mærke'", "'løs'", "call()"):
        assert text in found, (text, found)
    for text in ("'markeret'", "'par'"):
        assert text not in found, (text, found)


def test_the_template_translates_only_literals() -> None:
    """The page's template gets _ itself; every call of it there is a literal,
    which _template_messages reads."""
    for path in (PACKAGE / "views" / "web").glob("*.j2"):
        text = path.read_text(encoding="utf-8")
        literal = re.findall(r'\b_\("(?:[^"\\]|\\.)*"\)', text)
        assert len(re.findall(r"\b_\(", text)) == len(literal) > 10


def test_babel_extracts_the_catalogue() -> None:
    """Babel's extraction (pybabel extract, as docs/developer/decisions.md runs it)
    finds exactly the catalogue's messages: the _() and N_() strings, the
    ngettext pairs, and the template's _() strings."""
    from babel.messages.extract import extract_from_dir

    method_map = [("**.py", "python"), ("**.j2", "jinja2.ext:babel_extract")]
    keywords = {"_": None, "N_": None, "ngettext": (1, 2)}
    found = {
        message
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(PACKAGE), method_map, keywords=keywords
        )
    }
    singles, plurals = catalogue("en")
    assert {m for m in found if isinstance(m, str)} == set(singles)
    assert {m for m in found if isinstance(m, tuple)} == set(plurals)
    python_only = {
        message
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(PACKAGE), [("**.py", "python")], keywords=keywords
        )
        if isinstance(message, str)
    }
    assert python_only == _literal_messages() | _marked_messages()
    assert set(singles) - python_only == _template_messages() - python_only


def test_the_catalogue_is_one_translators_tools_open() -> None:
    """Babel (the library behind Poedit-style tooling in Python) reads the same
    messages, plural forms and plural rule as the tool's own reader."""
    from babel.messages.pofile import read_po as babel_po

    path = PACKAGE / "locale" / "en.po"
    with path.open("rb") as handle:
        babel = babel_po(handle)
    assert babel.plural_expr == "(n != 1)" and babel.num_plurals == 2
    ours, plurals = read_po(path.read_text(encoding="utf-8"))
    seen = {m.id if isinstance(m.id, str) else tuple(m.id): m.string for m in babel if m.id}
    assert {k: v for k, v in seen.items() if isinstance(k, str)} == ours
    assert {k: tuple(v) for k, v in seen.items() if isinstance(k, tuple)} == plurals
    assert len(plurals) >= 8


def test_read_po_takes_continued_lines_and_skips_fuzzy() -> None:
    text = (
        'msgid ""\nmsgstr "Language: en\\n"\n\n'
        '#, fuzzy\nmsgid "Gammel"\nmsgstr "Old"\n\n'
        'msgid "Lang "\n"tekst"\nmsgstr ""\n"Long text"\n\n'
        'msgid "{count} trin"\nmsgid_plural "{count} trin"\n'
        'msgstr[0] "{count} step"\nmsgstr[1] "{count} steps"\n'
    )
    singles, plurals = read_po(text)
    assert singles == {"Lang tekst": "Long text"}
    assert plurals == {("{count} trin", "{count} trin"): ("{count} step", "{count} steps")}


# --lang en --------------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["option", "environment"])
def test_show_in_english(runner: CliRunner, how: str) -> None:
    args, env = (
        (["--lang", "en", "show"], {}) if how == "option" else (["show"], {"STALKCARD_LANG": "en"})
    )
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 0, result.output
    out = normalise(result.output)
    assert "Action card for suspected stalking during contact with a citizen" in out
    assert "If you suspect that a citizen is stalking someone or is being stalked" in out
    assert "Dansk Stalking Center, phone: 2517 7374" in out
    assert "contact list updated" in out
    assert "MISTANKE" not in out
    en_card = load_card(bundled_card_path("actioncard.en.yaml"))
    for section in en_card.sections:
        assert normalise(section.heading) in out


def test_contacts_and_errors_in_english(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--lang", "en", "contacts"])
    assert result.exit_code == 0, result.output
    assert "Resource persons (internal consultation)" in result.output
    assert "Purpose (the tool's summary)" in result.output
    assert "Phone" in result.output
    none = runner.invoke(app, ["--lang", "en", "contacts", "zebra"])
    assert none.exit_code == 1
    assert 'No contacts match "zebra"' in none.output


def test_check_in_english(runner: CliRunner) -> None:
    result = runner.invoke(
        app,
        ["--lang=en", "check", "--answer", "role=unknown", "--answer", "danger=yes",
         "--answer", "unwanted=no", "--answer", "one_sided=no", "--answer", "repeated=yes"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    out = normalise(result.output)
    for words in ("ACUTE DANGER", "Supplement – not part of the action card", "Call 112 now.",
                  "Result of the screening", "What to do now",
                  "If the citizen is the one being stalked",
                  "Your answers", "The suspicion concerns: I don't know yet"):  # fmt: skip
        assert words in out, words
    for danish in ("Resultat", "Tillæg", "Dine svar", "Kilde"):
        assert danish not in out


def test_english_note(runner: CliRunner, tmp_path: Path) -> None:
    note = tmp_path / "note.md"
    result = runner.invoke(
        app,
        ["--lang", "en", "check", "--answer", "role=victim", "--answer", "danger=no",
         "--answer", "unwanted=yes", "--answer", "one_sided=yes", "--answer", "repeated=yes",
         "--note", str(note)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "The note is saved" in result.output
    text = note.read_text(encoding="utf-8")
    # Issue 23: plain text by default; Markdown on request (--note-format markdown).
    assert text.startswith("NOTE: SCREENING FOR STALKING\nDate: ")
    assert "No names, CPR numbers or other personal data here." in text
    markdown = tmp_path / "note-md.md"
    again = runner.invoke(
        app,
        ["--lang", "en", "check", "--answer", "role=victim", "--answer", "danger=no",
         "--answer", "unwanted=yes", "--answer", "one_sided=yes", "--answer", "repeated=yes",
         "--note", str(markdown), "--note-format", "markdown"],
    )  # fmt: skip
    assert again.exit_code == 0, again.output
    shown = markdown.read_text(encoding="utf-8")
    assert shown.startswith("# Note: screening for stalking")
    assert "Do not write the citizen's name, CPR number" in shown


def test_answer_errors_in_english(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--lang", "en", "check", "--answer", "role=victim"])
    assert result.exit_code == 2
    assert 'The answer "danger" is missing' in result.output


def test_own_card_is_used_as_it_is(runner: CliRunner) -> None:
    danish = str(bundled_card_path("actioncard.yaml"))
    shown = runner.invoke(app, ["--lang", "en", "--card", danish, "show", "mistanke"])
    assert shown.exit_code == 0, shown.output
    assert "MISTANKE" in shown.output
    checked = runner.invoke(app, ["--lang", "en", "validate", danish])
    assert checked.exit_code == 0, checked.output
    assert "The card is valid" in checked.output
    assert "Actioncard ved mistanke om stalking" in checked.output


def test_log_in_english(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--lang", "en", "log", "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert "Date (DD.MM.YYYY);Time (HH:MM);Form of contact" in result.output
    markdown = runner.invoke(app, ["--lang", "en", "log"])
    assert "PHONE CALLS AND MESSAGES" in markdown.output
    assert "A log may become part of a police case" in markdown.output


def test_broken_card_message_in_english(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "card.yaml"
    path.write_text(bundled_card_path().read_text(encoding="utf-8").replace(
        'phone: "2031 5268"', "phone: 20315268"), encoding="utf-8")  # fmt: skip
    result = runner.invoke(app, ["--lang", "en", "--card", str(path), "show"])
    assert result.exit_code == 2
    out = normalise(result.output)
    assert "The card file cannot be used" in out
    assert 'must be text in quotes, e.g. "20315268", not a number' in out


@pytest.mark.parametrize("value", ["de", "english", ""])
def test_unknown_language(runner: CliRunner, value: str) -> None:
    result = runner.invoke(app, ["--lang", value, "show"])
    assert result.exit_code == 2
    assert "Ukendt sprog" in result.output
    from_env = runner.invoke(app, ["show"], env={"STALKCARD_LANG": "sv"})
    assert from_env.exit_code == 2


def test_a_language_in_capitals_is_the_language(runner: CliRunner) -> None:
    """STALKCARD_LANG=EN (a review found it refused) and --lang EN mean English."""
    for args, env in ((["contacts", "112"], {"STALKCARD_LANG": "EN"}),
                      (["--lang", "EN", "contacts", "112"], {})):  # fmt: skip
        result = runner.invoke(app, args, env=env)
        assert result.exit_code == 0, result.output
        assert "Emergency" in result.output
    assert requested_language(["stalkcard"], {"STALKCARD_LANG": "EN"}) == "en"


def test_requested_language() -> None:
    assert requested_language(["stalkcard", "--lang", "en", "show"], {}) == "en"
    assert requested_language(["stalkcard", "--lang=en"], {}) == "en"
    assert requested_language(["stalkcard"], {"STALKCARD_LANG": "en"}) == "en"
    assert requested_language(["stalkcard", "--lang", "da"], {"STALKCARD_LANG": "en"}) == "da"
    assert requested_language(["stalkcard", "--lang", "xx"], {}) == "da"


def test_help_in_english_in_a_real_process(tmp_path: Path) -> None:
    result = run_stalkcard(["--lang", "en", "--help"], {"COLUMNS": "120"}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Show the whole action card" in result.stdout
    assert "Vis hele handlekortet" not in result.stdout
    danish = run_stalkcard(["--help"], {"COLUMNS": "120"}, tmp_path)
    assert "Vis hele handlekortet" in danish.stdout


def test_a_card_in_another_language_than_the_tools_words_is_named(
    runner: CliRunner, tmp_path: Path
) -> None:
    """--lang en with a municipality's Danish copy used to show the Danish card
    under English words without a word (a review found it): a note on stderr
    names the English copy beside it; with that copy, no note."""
    done = runner.invoke(app, ["copy-card", str(tmp_path)])
    assert done.exit_code == 0, done.output
    danish, english = tmp_path / "actioncard.yaml", tmp_path / "actioncard.en.yaml"
    mixed = runner.invoke(app, ["--lang", "en", "--card", str(danish), "contacts", "112"])
    assert mixed.exit_code == 0
    assert f"use --card {english}" in " ".join(mixed.stderr.split())
    same = runner.invoke(app, ["--lang", "en", "--card", str(english), "contacts", "112"])
    assert same.exit_code == 0 and "Note:" not in same.stderr


CARD_TEXT = bundled_card_path().read_text(encoding="utf-8")


def _ngettext_calls() -> set[tuple[str, str]]:
    """Every ngettext(singular, plural, n) with literal forms in the package."""
    import ast

    import stalkcard

    found: set[tuple[str, str]] = set()
    for path in Path(stalkcard.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "ngettext"
                and len(node.args) == 3
                and all(isinstance(a, ast.Constant) for a in node.args[:2])
            ):
                found.add((node.args[0].value, node.args[1].value))  # type: ignore[attr-defined]
    return found


def test_every_plural_has_both_english_forms() -> None:
    import re

    from stalkcard.i18n import catalogue

    PLURALS = catalogue("en")[1]
    calls = _ngettext_calls()
    assert len(calls) >= 8
    assert calls == set(PLURALS)  # none missing, none left over
    names = re.compile(r"\{(\w*)\}")
    for danish, english in PLURALS.items():
        for text in (*danish, *english):
            assert sorted(names.findall(text)) == sorted(names.findall(danish[1])), text


@pytest.mark.parametrize(
    ("lang", "one", "many"),
    [
        ("da", "1 kontakt er gemt som vCard", "2 kontakter er gemt som vCard"),
        ("en", "1 contact is saved as vCard", "2 contacts are saved as vCard"),
    ],
)
def test_singular_and_plural_in_both_languages(
    tmp_path: Path, runner: CliRunner, lang: str, one: str, many: str
) -> None:
    from stalkcard.i18n import set_language

    try:
        single = runner.invoke(
            app, ["--lang", lang, "contacts", "dansk", "--vcard", str(tmp_path / "a")]
        )
        double = runner.invoke(
            app, ["--lang", lang, "contacts", "jobcenter", "--vcard", str(tmp_path / "b")]
        )
    finally:
        set_language("da")
    assert single.exit_code == 0 and double.exit_code == 0, single.output + double.output
    assert one in single.output  # was "1 kontakter er gemt"
    assert many in double.output


def test_at_least_one_item_is_singular(tmp_path: Path, runner: CliRunner) -> None:
    text = CARD_TEXT
    start = text.index("    contacts: [nikoline_petersen")
    end = text.index("\n", start)
    path = tmp_path / "kort.yaml"
    path.write_text(text[:start] + "    contacts: []" + text[end:], encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert "skal have mindst 1 punkt." in result.output  # was "1 punkt(er)"
