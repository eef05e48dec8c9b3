"""Issue 23, point 6: the case note is a record for the case file, in plain text."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from page_helpers import combinations

from stalkcard.card.reading import load_card
from stalkcard.engine.evaluate import evaluate
from stalkcard.engine.plan import compile_plan
from stalkcard.views.note import card_pieces, result_text
from stalkcard.views.parts import danish_date

WHEN = datetime(2026, 11, 26, 14, 5)
CARDS = {"da": load_card(), "en": load_card(language="en")}
# What Markdown would show as marks: headings, emphasis, quotes, escapes, tables.
MARKDOWN = re.compile(r"(^#|^>|\*\*|(?<!\w)_\S|\\[\\`*_\[\]<>|~#>+=-]|^\|)", re.MULTILINE)
WORDS = {
    "da": {
        "record": "Svar givet af sagsbehandleren",
        "date": "Dato: 26.11.2026 kl. 14:05 (dansk tid)",
        "done": (
            "GJORT",
            "Sparring eller rådgivning søgt hos",
            "Underretning sendt",
            "Næste skridt:",
        ),
        "sources": "KILDER TIL TILLÆGGENE: ",
        "personal": ("CPR-nummer:", "Navn:"),
    },
    "en": {
        "record": "Answers given by the caseworker",
        "date": "Date: 26.11.2026 at 14:05 (Danish time)",
        "done": ("DONE", "Consultation or advice sought with", "Notification sent", "Next steps:"),
        "sources": "SOURCES OF THE SUPPLEMENTS: ",
        "personal": ("CPR number:", "Name:"),
    },
}


@pytest.mark.slow  # an exhaustive sweep: 4,374 notes per language
@pytest.mark.parametrize("language", ["da", "en"])
def test_every_note_is_a_short_plain_record(language: str) -> None:
    from stalkcard.i18n import set_language

    set_language(language)
    plan, words = compile_plan(CARDS[language]), WORDS[language]
    pieces = card_pieces(plan)  # made once for the 4,374 notes
    longest = 0
    for answers in combinations(plan):
        note = result_text(plan, evaluate(plan, answers), WHEN, pieces)
        longest = max(longest, len(note.encode("utf-8")))
        assert not MARKDOWN.search(note), (answers, MARKDOWN.search(note))
        assert words["record"] in note and words["date"] in note
        assert all(w in note for w in words["done"])
        # One source list, at the end; no source written out per supplement.
        assert note.count(words["sources"]) == 1 and note.rstrip().splitlines()[-1].startswith(
            words["sources"]
        )
        assert "Kilde:" not in note and "Source:" not in note
        assert not any(w in note for w in words["personal"])
        assert "2026-11-26" not in note  # Danish dates in prose
    assert longest <= 3 * 1024, longest


def test_danish_date() -> None:
    assert danish_date(WHEN) == "26.11.2026 kl. 14:05"


def test_no_step_of_the_card_ends_on_a_colon_with_nothing_after() -> None:
    """The card's "... ved en af ressourcepersonerne i Skanderborg:" listed the
    numbers below it; in the note they stand under RING NU, and the step says so
    where they stood (a fresh-eyes review found the sentence left dangling)."""
    plan = compile_plan(CARDS["da"])
    pieces = card_pieces(plan)
    for answers in list(combinations(plan))[::97]:
        note = result_text(plan, evaluate(plan, answers), WHEN, pieces)
        steps = note[note.index("KORTETS TRIN") : note.index("TILLÆG")]
        numbered = [line for line in steps.splitlines() if line[:2] in ("1.", "2.")]
        assert numbered and all("(se RING NU)" in line for line in numbered), numbered
        assert not any(line.endswith(":") for line in numbered)
