"""The page in Chromium, for the page's tests: the browser, the clock it is given,
and the moves a caseworker makes (keys, clicks, answers, the result read back)."""

from __future__ import annotations

import json
import os
import shutil
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from helpers import TESTS, card_phones

from stalkcard.card.reading import load_card
from stalkcard.engine.plan import compile_plan

CARD = load_card()
PLAN = compile_plan(CARD)

PHONES = card_phones()  # the card's own numbers, whatever they are
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")

TEN = TESTS / "cards" / "ten_questions.yaml"

HOSTILE_NAME = '<script>alert(1)</script>"><img src=x onerror=alert(2)>{{ 7*7 }}'

# In a real browser ---------------------------------------------------------------------

needs_browser = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER) and not os.environ.get("CI"),
    reason="Chromium and chromedriver are not installed here (.ci/run installs them)",
)


def _options(javascript: bool = True) -> Any:
    from selenium.webdriver.chrome.options import Options

    options = Options()
    options.binary_location = CHROMIUM or "/usr/bin/chromium"
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1280,1000",
    ):  # fmt: skip
        options.add_argument(flag)
    if not javascript:
        options.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2}
        )
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return options


def new_driver(profile: Path, javascript: bool = True, before: str = "") -> Any:
    """A browser of its own; `before` runs in every page before the page's scripts
    (Chromium's DevTools Protocol, Page.addScriptToEvaluateOnNewDocument)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = _options(javascript)
    options.add_argument(f"--user-data-dir={profile}")
    driver = webdriver.Chrome(
        service=Service(executable_path=CHROMEDRIVER or "/usr/bin/chromedriver"), options=options
    )
    driver.set_page_load_timeout(30)
    if before:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": before})
    return driver


def clock_script(moment: datetime) -> str:
    """A script that sets the page's clock (Date and Date.now) to `moment`."""
    ms = int(moment.timestamp() * 1000)
    return FIXED_CLOCK.replace("new Real(2026, 10, 26, 14, 5, 0).getTime()", str(ms))


def open_page(browser: Any, path: Path) -> None:
    browser.get(path.as_uri())
    browser.execute_script("window.scrollTo(0, 0)")


def press_keys(browser: Any, *keys: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    for key in keys:
        ActionChains(browser).send_keys(key).perform()
        time.sleep(0.05)


def active_element(browser: Any) -> dict[str, str]:
    return browser.execute_script(
        "const a = document.activeElement;"
        "return {tag: a.tagName, name: a.name || '', value: a.value || '', text: a.textContent,"
        " id: a.id, cls: a.className};"
    )


def question_shown(browser: Any) -> str:
    """The question asked now, as its legend reads (with "Spørgsmål n af N")."""
    return browser.execute_script(
        "const l = document.querySelector('#app legend'); return l ? l.textContent : '';"
    )


def wait_for(browser: Any, script: str, timeout: float = 5.0) -> Any:
    end = time.monotonic() + timeout
    while True:
        value = browser.execute_script("return " + script)
        if value or time.monotonic() > end:
            return value
        time.sleep(0.05)


def wait_for_question(browser: Any, text: str) -> None:
    wait_for(
        browser, f"document.querySelector('#app legend').textContent.includes({json.dumps(text)})"
    )


def question_keys(browser: Any) -> list[str]:
    return [
        q["key"]
        for q in browser.execute_script(
            "return JSON.parse(document.getElementById('data').textContent).questions"
        )
    ]


def answer_by_clicking(browser: Any, picks: dict[str, Any]) -> None:
    """Answer every question by clicking the labels' inputs and "Videre"."""
    for question in question_keys(browser):
        value = picks.get(question)
        for wanted in value if isinstance(value, list) else [value]:
            if wanted is not None:
                browser.find_element("css selector", f"#app input[value='{wanted}']").click()
        browser.find_element("css selector", "#app button[type=submit]").click()


def click_through(browser: Any, picks: dict[str, Any]) -> dict[str, str]:
    """Answer by clicking, see the result, then read what the page shows."""
    answer_by_clicking(browser, picks)
    browser.find_element("xpath", "//button[text()='Se resultatet']").click()
    result = browser.find_element("id", "result")
    return {
        name: result.get_attribute(f"data-{name}") or ""
        for name in ("assessment", "urgent", "steps", "supplements", "suggested")
    }


CLICKED = [
    {"role": "victim", "danger": "yes", "unwanted": "yes", "one_sided": "yes", "repeated": "yes",
     "children": "yes", "unit": "ungeenheden", "forms": ["digital"]},
    {"role": "perpetrator", "danger": "no", "unwanted": "no", "one_sided": "no",
     "repeated": "unknown", "children": "no", "unit": "other"},
    {"role": "unknown", "danger": "unknown", "unwanted": "unknown", "one_sided": "yes",
     "repeated": "no", "children": "unknown", "unit": "ssp",
     "forms": ["messages", "surveillance"]},
]  # fmt: skip

FIXED_CLOCK = """
(() => {
  const Real = Date, fixed = new Real(2026, 10, 26, 14, 5, 0).getTime();
  class Fixed extends Real {
    constructor(...a) { if (a.length) super(...a); else super(fixed); }
    static now() { return fixed; }
  }
  window.Date = Fixed;
})();
"""
