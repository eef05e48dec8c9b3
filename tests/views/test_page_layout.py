"""The page's layout in Chromium: whom to call on the first screen at every size, no
sideways scrolling, contrast and axe-core's WCAG A and AA rules, and print to PDF
(the result on at most two A4 pages, the card on one)."""

from __future__ import annotations

import base64
import io
import re
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from browsing import CARD, CHROMIUM, CLICKED, PHONES, needs_browser
from browsing import active_element as _active
from browsing import answer_by_clicking as _answer
from browsing import click_through as _click_through
from browsing import open_page as _open
from browsing import press_keys as _keys
from helpers import TESTS

FORMS_HEADING = next(s.heading for s in CARD.sections if s.id == "eksempler")

VENDOR = TESTS / "vendor"
AXE = VENDOR / "axe-core" / "axe.min.js"


def _in_view(browser: Any, selector: str) -> bool:
    return bool(
        browser.execute_script(
            "const e = document.querySelector(arguments[0]); if (!e) return false;"
            "const r = e.getBoundingClientRect();"
            "return r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth"
            " && r.width > 0;",
            selector,
        )
    )


def _viewport(browser: Any, width: int, height: int) -> None:
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )


@needs_browser
@pytest.mark.parametrize("size", [(1280, 800), (360, 740)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_first_screen_and_the_result_lead_with_whom_to_call(
    browser: Any, page_file: Path, shots: Path, size: tuple[int, int]
) -> None:
    width, height = size
    _viewport(browser, width, height)
    try:
        _open(browser, page_file)
        # The first screen: 112 as a link, the ways into the screening and its first question.
        assert _in_view(browser, ".bar a[href='tel:112']")
        assert _in_view(browser, ".bar a[href='#screening']")
        assert _in_view(browser, "#app input[name=role]")
        assert browser.save_screenshot(str(shots / f"first-{width}x{height}.png"))
        _click_through(browser, CLICKED[0])  # danger, Ungeenheden suggested
        assert _active(browser)["id"] == "ring-nu"
        # The first tel: link after the result's heading is 112, then the suggestion.
        links = browser.execute_script(
            "return [...document.querySelectorAll('#result a[href^=\"tel:\"]')]"
            ".map(a => [a.getAttribute('href'), a.textContent, a.getAttribute('aria-label')]);"
        )
        assert links[0][0] == "tel:112"  # the instruction "Ring 112 nu ..."
        assert links[1][0] == "tel:112"  # "Ring nu": the urgent line first (issue 22)
        assert links[2] == [
            "tel:+4587947983",
            "Vibeke Sønderskov Kristensen, 8794 7983",
            "Ring til Vibeke Sønderskov Kristensen, 8794 7983",
        ]
        assert _in_view(browser, "#result a[href='tel:112']")
        assert _in_view(browser, "#result a[href='tel:+4587947983']")  # on the first screen
        assert _in_view(browser, ".bar a[href='tel:112']")  # the bar too
        # Each text once: 112's line and each number once in the result.
        text = browser.find_element("id", "result").text
        assert text.count("Ring 112 nu") == 1 and "AKUT FARE" not in text
        for phone in PHONES:
            assert text.count(phone) == 1, phone
        wide = browser.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];"
        )
        assert wide[0] <= wide[1], wide  # no sideways scrolling
        assert browser.save_screenshot(str(shots / f"result-{width}x{height}.png"))
        assert (shots / f"result-{width}x{height}.png").stat().st_size > 1000
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def _axe(browser: Any) -> list[Any]:
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    return list(
        browser.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag',"
            " values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
            ".then(r => done(r.violations.map(v => [v.id, v.nodes.map(n => n.target.join(' '))])),"
            " e => done([['axe failed', String(e)]]));"
        )
    )


@needs_browser
def test_axe_finds_no_wcag_a_or_aa_violation(browser: Any, page_file: Path) -> None:
    browser.set_script_timeout(60)
    _open(browser, page_file)
    seen = {"first screen": _axe(browser)}
    _open(browser, page_file)
    _answer(browser, {"role": "victim", "danger": "yes"})
    browser.find_element("css selector", "#app button[type=submit]").click()  # forms: none
    browser.find_element("css selector", "#app button[type=submit]").click()  # the error
    seen["mid-screening, with an error"] = _axe(browser)
    _open(browser, page_file)
    _click_through(browser, CLICKED[0])
    seen["result in danger"] = _axe(browser)
    _open(browser, page_file)
    _click_through(browser, CLICKED[1])
    seen["result without danger"] = _axe(browser)
    assert seen == {name: [] for name in seen}
    # And axe does find what it looks for: a field without a label.
    browser.execute_script("document.querySelector('main').append(document.createElement('input'))")
    assert [v[0] for v in _axe(browser)] == ["label"]


@needs_browser
@pytest.mark.parametrize("width", [360, 1280])
def test_no_horizontal_scroll(browser: Any, page_file: Path, tmp_path: Path, width: int) -> None:
    browser.set_window_size(width, 900)
    try:
        _open(browser, page_file)
        _click_through(browser, CLICKED[0])  # the longest content: the result
        wide = browser.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];"
        )
        assert wide[0] <= wide[1], wide
    finally:
        browser.set_window_size(1280, 1000)


CONTRAST = """
function lum(rgb) {
  const c = rgb.match(/[\\d.]+/g).slice(0, 3).map(Number).map(v => v / 255)
    .map(v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}
function background(el) {
  for (; el; el = el.parentElement) {
    const bg = getComputedStyle(el).backgroundColor;
    const alpha = bg.match(/[\\d.]+/g);
    if (alpha && (alpha.length < 4 || Number(alpha[3]) > 0)) return bg;
  }
  return "rgb(255, 255, 255)";
}
const worst = [];
for (const el of document.querySelectorAll("body *")) {
  if (!el.offsetParent && el.tagName !== "BODY") continue;
  const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  if (!own) continue;
  const a = lum(getComputedStyle(el).color), b = lum(background(el));
  const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  if (ratio < 4.5) worst.push([el.tagName, el.textContent.slice(0, 40), ratio]);
}
return worst;
"""


@needs_browser
def test_text_contrast_is_at_least_aa(browser: Any, page_file: Path) -> None:
    _open(browser, page_file)
    _click_through(browser, CLICKED[0])  # the result, the 112 line and the panel shown too
    assert browser.execute_script(CONTRAST) == []


def _pdf_text(raw: bytes) -> str:
    import io

    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(raw))
    text = " ".join(page.extract_text() for page in reader.pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


@needs_browser
def test_printing_after_a_screening_prints_the_result(browser: Any, page_file: Path) -> None:
    _open(browser, page_file)
    _click_through(browser, CLICKED[0])
    pdf = browser.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})
    raw = base64.b64decode(pdf["data"])
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", raw)
    assert box is not None and abs(float(box.group(1)) - 595.3) < 2  # A4
    text = _pdf_text(raw)
    assert "Ring nu" in text and "Ring 112 nu" in text
    for phone in PHONES:
        assert phone in text, phone
    assert "Vurdering: " + CARD.assessment("criteria_met").short in text
    assert "Det skal du gøre nu" in text and "Borgerens egne handlemuligheder" in text
    # Not the card's full text, nor the buttons.
    assert FORMS_HEADING not in text and "Kopiér notat" not in text


# Skanderborg's longest result: danger yes, role unknown, every sign unknown,
# children yes, every form, a unit chosen.
LONGEST = {"role": "unknown", "danger": "yes", "unwanted": "unknown", "one_sided": "unknown",
           "repeated": "unknown", "children": "yes", "unit": "boern_og_unge",
           "forms": ["messages", "through_others", "vandalism_threats", "digital", "gifts",
                     "surveillance"]}  # fmt: skip


@needs_browser
def test_the_printed_result_stands_alone_on_two_pages(browser: Any, page_file: Path) -> None:
    """Issue 23, point 7: the printed result is a record by itself: the moment (Danish
    time and format; the shared browser's clock is Monday 30.11.2026 10:00), the
    answers by their labels, "Ring nu" with the numbers and the steps, on at most
    two A4 pages for the longest result, and no focus ring on paper."""
    import pypdf

    _open(browser, page_file)
    _click_through(browser, LONGEST)
    # A keyboard user tabs on from "Ring nu": the focus ring would be printed.
    _keys(browser, "\ue004")
    try:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        outline = browser.execute_script(
            "const s = getComputedStyle(document.activeElement);"
            "return [document.activeElement.tagName, s.outlineStyle, s.display];"
        )
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert outline[1] == "none" or outline[2] == "none", outline
    pdf = browser.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})
    raw = base64.b64decode(pdf["data"])
    pages = len(pypdf.PdfReader(io.BytesIO(raw)).pages)
    text = _pdf_text(raw)
    assert pages <= 2, (pages, text)
    assert "30.11.2026 kl. 10:00" in text
    assert "2026-11-30" not in text
    for question in CARD.questions:
        assert question.label in text, question.label
    assert "Ring nu" in text and "Ring 112 nu" in text
    for phone in PHONES:
        assert phone in text, phone
    assert "Det skal du gøre nu" in text and "Borgerens egne handlemuligheder" in text
    assert "Kopiér notat" not in text


@needs_browser
def test_the_card_prints_on_one_a4_page(page_file: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "kort.pdf"
    subprocess.run(
        [CHROMIUM or "/usr/bin/chromium", "--headless=new", "--no-sandbox", "--disable-gpu",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", page_file.as_uri()],
        capture_output=True, timeout=120, check=False,
    )  # fmt: skip
    raw = pdf.read_bytes()
    assert raw.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", raw)) == 1
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", raw)
    assert box is not None
    width, height = float(box.group(1)), float(box.group(2))
    assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4 in points
    text = _pdf_text(raw)
    assert FORMS_HEADING in text and "Ring nu" not in text
