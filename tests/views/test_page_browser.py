"""The page in a real browser (Debian's Chromium driven by Selenium): the screening
by keyboard and by clicks, words for the reader and for screen readers, hostile
card text, no JavaScript or an older browser. The browser tests run in CI, where
.ci/run installs chromium and chromium-driver; elsewhere they skip when the
browser is missing, and in CI they fail instead."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from browsing import CARD, CLICKED, HOSTILE_NAME, PLAN, needs_browser
from browsing import active_element as _active
from browsing import answer_by_clicking as _answer
from browsing import click_through as _click_through
from browsing import new_driver as _new_driver
from browsing import open_page as _open
from browsing import press_keys as _keys
from browsing import question_keys as _question_keys
from browsing import question_shown as _question
from browsing import wait_for as _wait
from browsing import wait_for_question as _wait_for_question
from page_helpers import shape_of

from stalkcard.engine.result import Answers

ASKED = {q.id: q.text for q in CARD.questions}  # each question's text, by id


def _shift_tab(browser: Any) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    ActionChains(browser).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()


@needs_browser
def test_a_full_screening_by_keyboard(browser: Any, page_file: Path) -> None:
    from selenium.webdriver.common.keys import Keys

    _open(browser, page_file)
    down, enter, tab, space = Keys.ARROW_DOWN, Keys.ENTER, Keys.TAB, Keys.SPACE
    _keys(browser, tab)
    assert _active(browser)["text"] == "Gå til screeningen"  # the skip link comes first
    _keys(browser, enter)
    assert _active(browser)["tag"] == "H3"  # the first question's heading, in its legend
    assert _question(browser).startswith("Spørgsmål 1 af 8")
    assert ASKED["role"] in _question(browser)
    _keys(browser, tab)
    assert _active(browser)["name"] == "role"
    _keys(browser, enter)  # on without a choice: an error, and the question stays
    assert "error-summary" in _active(browser)["cls"]
    assert "Vælg et svar for at gå videre." in _active(browser)["text"]
    assert ASKED["role"] in _question(browser)
    _keys(browser, tab, enter)  # the error's link leads to the first choice
    assert _active(browser)["name"] == "role"
    _keys(browser, space, enter)  # victim
    assert _question(browser).startswith("Spørgsmål 2 af 8")
    assert _active(browser)["tag"] == "H3"  # focus on the new question, nothing read twice
    _keys(browser, tab, space, enter)  # danger: the first choice, yes
    assert browser.find_element("id", "urgent").is_displayed()  # 112 at once
    assert browser.find_element("css selector", "#urgent a[href='tel:112']").is_displayed()
    _keys(browser, tab, space, enter)  # forms: the first one
    _keys(browser, tab, space, enter)  # unwanted: yes
    assert ASKED["one_sided"] in _question(browser)
    _keys(browser, tab, tab, tab, enter)  # "Tilbage": to unwanted
    _wait_for_question(browser, ASKED["unwanted"])
    assert ASKED["unwanted"] in _question(browser)
    _keys(browser, tab, tab, tab, enter)  # "Tilbage" again: to the forms
    _wait_for_question(browser, ASKED["forms"])
    assert ASKED["forms"] in _question(browser)
    _keys(browser, tab, enter)  # forms kept (the first box is still ticked)
    _keys(browser, tab, enter)  # unwanted kept (yes)
    assert ASKED["one_sided"] in _question(browser)
    _keys(browser, tab, space, enter)  # one_sided: yes
    _keys(browser, tab, space, enter)  # repeated: yes
    _keys(browser, tab, down, enter)  # children: from yes down to no
    _keys(browser, tab, down, down, enter)  # unit: from the first down to Ungeenheden
    assert _active(browser)["text"] == "Er svarene rigtige?"
    _keys(browser, *[tab] * 8)
    assert _active(browser)["text"] == "Ret"  # the unit's
    _keys(browser, enter)
    assert ASKED["unit"] in _question(browser)
    _keys(browser, tab, down, enter)  # to Marlene (SSP), then saved: back to the review
    _wait(browser, "document.activeElement.textContent === 'Er svarene rigtige?'")
    _keys(browser, *[tab] * 9)
    assert _active(browser)["text"] == "Se resultatet"
    _keys(browser, enter)
    assert _active(browser)["id"] == "ring-nu"  # the result is announced by its "Ring nu"
    result = browser.find_element("id", "result")
    expected = shape_of(
        PLAN,
        Answers(
            role="victim", danger="yes", unwanted="yes", one_sided="yes", repeated="yes",
            forms=("messages",), children="no", unit="marlene_skousboell_bendix",
        ),
    )  # fmt: skip
    assert result.get_attribute("data-assessment") == expected["assessment"] == "criteria_met"
    assert result.get_attribute("data-suggested") == "marlene_skousboell_bendix"
    panel = browser.find_element("css selector", "#result .panel").text
    assert panel.index("112") < panel.index("2031 5268")
    assert "Marlene Skousbøll Bendix, 2031 5268 – SSP konsulent (forslag)" in panel
    # Nothing stored, nothing sent.
    state = browser.execute_script(
        "return {cookie: document.cookie, local: localStorage.length,"
        " session: sessionStorage.length,"
        " resources: performance.getEntriesByType('resource').length};"
    )
    assert state == {"cookie": "", "local": 0, "session": 0, "resources": 0}
    # "Start forfra" clears the answers, and can be undone.
    browser.find_element("id", "again").click()
    assert _question(browser).startswith("Spørgsmål 1 af 8")
    assert browser.find_elements("id", "result") == []
    assert browser.find_elements("css selector", "#app input:checked") == []
    assert not browser.find_element("id", "urgent").is_displayed()
    browser.find_element("xpath", "//button[text()='Fortryd']").click()
    assert browser.find_element("id", "result").get_attribute("data-suggested") == (
        "marlene_skousboell_bendix"
    )


@needs_browser
def test_five_tabs_to_the_first_question(browser: Any, page_file: Path) -> None:
    """The skip link, the bar's three links, then the first question (it was 18)."""
    from selenium.webdriver.common.keys import Keys

    _open(browser, page_file)
    seen = []
    for _ in range(5):
        _keys(browser, Keys.TAB)
        seen.append(_active(browser)["text"] or _active(browser)["name"])
    assert seen == [
        "Gå til screeningen", "Akut fare? Ring 112", "Hvem skal jeg ringe til?",
        "Start screeningen", "role",
    ]  # fmt: skip


@needs_browser
def test_nothing_is_chosen_for_the_caseworker(browser: Any, page_file: Path) -> None:
    """No radio is checked before the caseworker chooses, on any question, and
    going on without a choice shows an error and stays on the question."""
    _open(browser, page_file)
    keys = _question_keys(browser)
    for number, key in enumerate(keys, start=1):
        assert f"Spørgsmål {number} af {len(keys)}" in _question(browser)
        assert browser.find_elements("css selector", "#app input:checked") == [], key
        button = browser.find_element("css selector", "#app button[type=submit]")
        button.click()
        if key == "forms":  # no tick is an answer too
            assert f"Spørgsmål {number + 1} af" in _question(browser)
            continue
        summary = browser.find_element("css selector", "#app .error-summary")
        assert summary.is_displayed() and "Der er et problem" in summary.text
        assert browser.title.startswith("Fejl: ")  # read first by a screen reader
        error = browser.find_element("css selector", f"#error-{key}")
        assert error.is_displayed()
        assert error.get_attribute("textContent") == "Fejl: Vælg et svar for at gå videre."
        described = browser.find_element("css selector", "#app fieldset").get_attribute(
            "aria-describedby"
        )
        assert f"error-{key}" in described.split()
        assert f"Spørgsmål {number} af" in _question(browser)  # still the same question
        browser.find_element("css selector", "#app input[type=radio]").click()
        browser.find_element("css selector", "#app button[type=submit]").click()
        assert not browser.title.startswith("Fejl")
    assert _active(browser)["text"] == "Er svarene rigtige?"


@needs_browser
def test_danger_unknown_is_possible_danger(browser: Any, page_file: Path) -> None:
    """ "Ved ikke" to danger shows 112 at once, as "Ja" does (the engine's rules); "Nej" not."""
    _open(browser, page_file)
    assert [c for c in browser.execute_script(
        "return JSON.parse(document.getElementById('data').textContent).questions[1].choices"
    )] == [{"value": v, "label": w, "detail": None}
           for v, w in (("yes", "Ja"), ("no", "Nej"), ("unknown", "Ved ikke"))]  # fmt: skip
    _answer(browser, {"role": "victim", "danger": "unknown"})
    urgent = browser.find_element("id", "urgent")
    assert urgent.is_displayed() and "Ring 112 nu, hvis nogen er i akut fare." in urgent.text
    browser.back()
    _wait_for_question(browser, ASKED["forms"])
    browser.back()
    _wait_for_question(browser, ASKED["danger"])
    browser.find_element("css selector", "#app input[value='no']").click()
    browser.find_element("css selector", "#app button[type=submit]").click()
    assert not browser.find_element("id", "urgent").is_displayed()


@needs_browser
def test_the_browsers_back_steps_back(browser: Any, page_file: Path) -> None:
    _open(browser, page_file)
    url = browser.current_url
    _answer(browser, {"role": "victim", "danger": "no"})  # and on through the rest unanswered
    assert ASKED["unwanted"] in _question(browser)
    browser.back()
    _wait(browser, "document.querySelector('#app legend').textContent.includes('Spørgsmål 3')")
    assert ASKED["forms"] in _question(browser)
    browser.back()
    _wait(browser, "document.querySelector('#app legend').textContent.includes('Spørgsmål 2')")
    assert ASKED["danger"] in _question(browser)
    # The answer given is still chosen.
    assert browser.find_element("css selector", "#app input:checked").get_attribute("value") == "no"
    browser.forward()
    _wait(browser, "document.querySelector('#app legend').textContent.includes('Spørgsmål 3')")
    browser.back()
    browser.back()
    _wait(browser, "document.querySelector('#app legend').textContent.includes('Spørgsmål 1')")
    assert browser.current_url.split("#")[0] == url.split("#")[0]  # never off the page
    # From the result, Back is the review.
    _open(browser, page_file)
    _click_through(browser, CLICKED[1])
    browser.back()
    _wait(browser, "document.activeElement.textContent === 'Er svarene rigtige?'")
    assert browser.find_elements("id", "result") == []


@needs_browser
def test_the_result_folds_the_rest(browser: Any, page_file: Path) -> None:
    _open(browser, page_file)
    _click_through(browser, CLICKED[0])
    result = browser.find_element("id", "result")
    headings = result.find_elements("css selector", "h3, h4, summary")
    order = [e.text for e in headings if e.is_displayed()]  # not the print-only ones
    assert order[:3] == ["Resultat af screeningen", "Ring nu", "Det skal du gøre nu"]
    assert "Dine svar" in order and "Kilder" in order
    # The assessment in one line, right under "Ring nu".
    assert result.find_element("css selector", ".panel + .assessment").text == (
        "Vurdering: " + CARD.assessment("criteria_met").short
    )
    # The duty to notify under 112 (children involved), as the terminal's summary has it.
    panel = result.find_element("css selector", ".panel").text
    duty = next(s.headline for s in CARD.supplements if s.id == "duty_to_notify")
    assert duty and panel.index("Ring 112 nu") < panel.index(duty) < panel.index("8794 7983")
    # Supplements marked once per block (the panel's lines, the block), sources folded.
    assert result.text.count("Tillæg – ikke en del af handlekortet") == 2
    assert "Kilde:" not in result.text
    for details in result.find_elements("css selector", "details"):
        assert details.get_attribute("open") is None


def _visible_words(browser: Any) -> str:
    """All the page's text, folded parts and labels too, less its scripts."""
    return str(
        browser.execute_script(
            "const copy = document.body.cloneNode(true);"
            "copy.querySelectorAll('script').forEach(s => s.remove());"
            "return copy.textContent + ' ' + [...document.querySelectorAll('[aria-label]')]"
            ".map(e => e.getAttribute('aria-label')).join(' ');"
        )
    )


# Issue 23: "resumé" and "antagelse" are the tool's words for its own text too.
TOOL_WORDS = ("stalkcard", "værktøj", "kortfil", ".yaml", ".json", "--note", "check --",
              "resumé", "antagelse")  # fmt: skip


@needs_browser
def test_words_for_the_reader(browser: Any, page_file: Path) -> None:
    """No command names, file names or the tool's own words in the page, before or
    after a screening, and none in the supplements' texts from the card file either
    (the conflict supplement marks its own remark as "not from Dansk Stalking
    Center", without naming the tool)."""
    _open(browser, page_file)
    words = _visible_words(browser)
    for picks in CLICKED:
        _open(browser, page_file)
        _click_through(browser, picks)
        words += _visible_words(browser)
    supplements = " ".join(f"{s.text} {s.source}" for s in CARD.supplements)
    own = words
    for supplement in CARD.supplements:
        own = own.replace(supplement.text, " ").replace(supplement.source, " ")
    folded = own.casefold()
    found = [(w, own[max(0, folded.index(w) - 60) :][:120]) for w in TOOL_WORDS if w in folded]
    assert found == []
    assert [w for w in TOOL_WORDS if w in supplements.casefold()] == []
    assert words.count("Kilde:") == 0


@needs_browser
def test_screen_readers(browser: Any, page_file: Path) -> None:
    _open(browser, page_file)
    assert browser.find_elements("css selector", "[aria-live]") == []  # no live question area
    assert browser.execute_script(
        "return [...document.querySelectorAll('a[href^=\"tel:\"]')]"
        ".filter(a => a.getAttribute('href') !== 'tel:112')"
        ".every(a => (a.getAttribute('aria-label') || '').startsWith('Ring til ')"
        " && a.getAttribute('aria-label').includes(a.textContent.split(', ').pop()))"
    )
    _click_through(browser, CLICKED[2])
    assert browser.execute_script(
        "return [...document.querySelectorAll('#result .calls a[href^=\"tel:\"]')]"
        ".every(a => a.getAttribute('aria-label') === 'Ring til ' + a.textContent)"
    )


@needs_browser
def test_hostile_card_text_appears_as_text(browser: Any, hostile_page: Path) -> None:
    _open(browser, hostile_page)
    assert browser.find_elements("css selector", "img") == []
    assert HOSTILE_NAME in browser.find_element("id", "kortet").text.replace("\n", " ")
    assert browser.execute_script("return document.querySelectorAll('script').length") == 2
    _click_through(browser, {**CLICKED[1], "unit": "arbejdsmarkedsservice"})  # Sofie Jensen's
    assert HOSTILE_NAME in browser.find_element("id", "result").text.replace("\n", " ")


FALLBACK = "Screeningen kan ikke køre i denne browser"


@needs_browser
def test_without_javascript_the_card_and_contacts_work(page_file: Path, tmp_path: Path) -> None:
    driver = _new_driver(tmp_path / "profile", javascript=False)
    try:
        driver.get(page_file.as_uri())
        body = driver.find_element("tag name", "body").text
        assert "Vibeke Sønderskov Kristensen" in body and "8794 7983" in body
        assert driver.find_element("id", "fallback").is_displayed()
        assert FALLBACK in body
    finally:
        driver.quit()


# Chromium 79 is the first Chromium-based Edge: APIs newer than it are taken away (not
# Object.hasOwn, 93, which chromedriver itself uses to find elements).
OLDER_BROWSER = """
delete Element.prototype.replaceChildren; delete Document.prototype.replaceChildren;
delete DocumentFragment.prototype.replaceChildren; delete String.prototype.replaceAll;
delete Array.prototype.at; delete String.prototype.at;
delete Array.prototype.findLast; delete window.structuredClone;
Object.defineProperty(Navigator.prototype, "clipboard", {get: () => undefined});
"""


@needs_browser
def test_an_older_browser_still_screens(page_file: Path, tmp_path: Path) -> None:
    """With the APIs newer than Chromium 79 removed before the page loads
    (Page.addScriptToEvaluateOnNewDocument), the whole screening works."""
    script = re.search(r"<script>(.*?)</script>", page_file.read_text(encoding="utf-8"), re.S)
    assert script is not None
    code = re.sub(r"(?m)^\s*//.*$", "", script.group(1))  # the comments name them
    for newer in ("replaceChildren", "replaceAll", ".at(", "?.", "??", "structuredClone",
                  "Object.hasOwn", "findLast", "toSorted"):  # fmt: skip
        assert newer not in code, newer
    driver = _new_driver(tmp_path / "profile", before=OLDER_BROWSER)
    try:
        driver.get(page_file.as_uri())
        assert driver.execute_script("return typeof Element.prototype.replaceChildren") == (
            "undefined"
        )
        assert [e for e in driver.find_elements("id", "fallback") if e.is_displayed()] == []
        shown = _click_through(driver, CLICKED[0])
        assert shown["assessment"] == "criteria_met" and shown["urgent"] == "true"
        # No clipboard API (as on an intranet served over http): the note is copied anyway.
        assert driver.execute_script("return navigator.clipboard") is None
        driver.execute_script(
            "document.execCommand = name => {"
            " window.copied = name === 'copy' && document.activeElement.value; return true; };"
        )
        driver.find_element("id", "copy-note").click()
        copied = _wait(driver, "window.copied")
        assert copied.startswith("NOTAT: SCREENING FOR STALKING\n")  # plain text (issue 23)
        assert "- Akut fare lige nu: Ja\n" in copied
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        assert errors == []
    finally:
        driver.quit()


@needs_browser
def test_a_script_that_fails_to_start_shows_why(page_file: Path, tmp_path: Path) -> None:
    driver = _new_driver(
        tmp_path / "profile", before="JSON.parse = () => { throw new Error('old browser'); };"
    )
    try:
        driver.get(page_file.as_uri())
        fallback = driver.find_element("id", "fallback")
        assert fallback.is_displayed() and FALLBACK in fallback.text
        assert driver.find_elements("css selector", "#app form") == []
    finally:
        driver.quit()
