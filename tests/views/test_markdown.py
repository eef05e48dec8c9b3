"""Markdown outputs carry card text as text: one escaper for show, the note and
log; nothing opens a code block, a link or an image."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import DANGER as CHECK
from helpers import card_with
from typer.testing import CliRunner

from stalkcard.card.reading import bundled_card_path
from stalkcard.cli.app import app

CARD_TEXT = bundled_card_path().read_text(encoding="utf-8")

# Markdown outputs carry card text as text: one escaper for show, the note and log -----------

TRACKER = "<img src=https://sporing.invalid/x.png>"
LINK = "[klik her](javascript:alert(1))"
IMAGE = "![](https://sporing.invalid/y.png)"
HOSTILE_MD = f"# Overskrift {TRACKER} {LINK} {IMAGE} **fed** <script>x</script> `kode` | a |"


def _hostile_card(tmp_path: Path) -> Path:
    text = CARD_TEXT
    for old in (
        # a paragraph (show), a step's text (the note, show), the card's quote in the log
        '"Hvis du har mistanke om, at en borger udøver stalking eller bliver stalket, skal du '
        'handle på din mistanke."',
        '"Vejled den udsatte i at sige tydeligt fra overfor kontaktforsøgene, og derefter ikke at '
        'svare på dem overhovedet. Vejled den udsatte i at dokumentere alle kontaktforsøgene."',
        '"Er nogen i akut fare, så ring 112. Politiets almindelige nummer, når det ikke haster, er '
        '114."',  # a supplement (show --supplements, the note)
        '"Sofie Jensen"',  # a contact (show, the note's steps)
        '"Arbejdsmarkedsservice"',  # a unit (show, the note)
    ):
        assert old in text, old
        text = text.replace(old, f'"{HOSTILE_MD}"', 1)
    path = tmp_path / "kort.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _rendered(markdown: str) -> str:
    from markdown_it import MarkdownIt  # Rich's own dependency: CommonMark

    return MarkdownIt("commonmark").enable("table").render(markdown)


def _assert_inert(markdown: str) -> None:
    html = _rendered(markdown)
    assert "Overskrift" in html
    assert "<img" not in html and "<script" not in html
    assert 'href="javascript' not in html and "<a " not in html
    assert "<h1>Overskrift" not in html and "<strong>fed" not in html
    assert "&lt;img src=https://sporing.invalid/x.png&gt;" in html  # shown, as typed


@pytest.mark.parametrize(
    "args", [["show", "--format", "markdown", "--supplements"], ["log"]], ids=["show", "log"]
)
def test_show_and_log_markdown_carry_card_text_as_text(
    tmp_path: Path, runner: CliRunner, args: list[str]
) -> None:
    result = runner.invoke(app, ["--card", str(_hostile_card(tmp_path)), *args])
    assert result.exit_code == 0, result.output
    _assert_inert(result.output)


def test_the_note_carries_card_text_as_text(tmp_path: Path, runner: CliRunner) -> None:
    note = tmp_path / "notat.md"
    card = str(_hostile_card(tmp_path))
    args = [
        "--card",
        card,
        *CHECK,
        "--answer",
        "unit=sofie_jensen",
        "--note",
        str(note),
        "--note-format",
        "markdown",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    text = note.read_text(encoding="utf-8")
    assert text.count("Overskrift") >= 4  # mistanke, own_options, 112, Sofie and her unit
    _assert_inert(text)


@pytest.mark.parametrize(
    ("text", "rendered"),
    [
        ("# ikke en overskrift", "<p># ikke en overskrift</p>"),
        ("- ikke en liste", "<p>- ikke en liste</p>"),
        ("1. ikke en liste", "<p>1. ikke en liste</p>"),
        ("> ikke et citat", "<p>&gt; ikke et citat</p>"),
        ("a_b_c *d* `e`", "<p>a_b_c *d* `e`</p>"),
        ("Børn & Unge, tlf.nr: 2517 7374", "<p>Børn &amp; Unge, tlf.nr: 2517 7374</p>"),
    ],
)
def test_md_escapes_structure_not_words(text: str, rendered: str) -> None:
    from stalkcard.views.markdown import md

    assert _rendered(md(text)).strip() == rendered


# The smaller ones ---------------------------------------------------------------------------


def _html(markdown: str) -> str:
    from markdown_it import MarkdownIt  # Rich's own dependency: CommonMark

    return MarkdownIt("commonmark").enable("strikethrough").render(markdown)


@pytest.mark.parametrize(
    ("text", "rendered"),
    [
        ("~~~ ikke kode", "<p>~~~ ikke kode</p>"),
        ("    ikke kode", "<p>ikke kode</p>"),
        ("\tikke kode", "<p>ikke kode</p>"),
        ("``` ikke kode", "<p>``` ikke kode</p>"),
        ("~~ikke streget~~", "<p>~~ikke streget~~</p>"),
    ],
)
def test_md_never_opens_a_code_block(text: str, rendered: str) -> None:
    from stalkcard.views.markdown import md

    assert _html(md(text)).strip() == rendered
    assert _html(f"- {md(text)}").strip() == f"<ul>\n<li>{rendered[3:-4]}</li>\n</ul>"


@pytest.mark.parametrize("start", ["~~~ ", "    ", "```"])
def test_the_note_stays_paragraphs(tmp_path: Path, runner: CliRunner, start: str) -> None:
    first = "Hvis du har mistanke om, at en borger udøver stalking"
    then = "Du skal søge intern sparring ved en af"
    path = card_with(tmp_path, f'"{first}', f'"{start}{first}')
    path.write_text(
        path.read_text(encoding="utf-8").replace(f'"{then}', f'"{start}{then}', 1),
        encoding="utf-8",
    )
    note = tmp_path / "notat.md"
    result = runner.invoke(
        app, ["--card", str(path), *CHECK, "--note", str(note), "--note-format", "markdown"]
    )
    assert result.exit_code == 0, result.output
    html = _html(note.read_text(encoding="utf-8"))
    assert "<pre>" not in html and "<code>" not in html
    assert "<h2>Det skal du gøre nu</h2>" in html  # what follows is still the note
