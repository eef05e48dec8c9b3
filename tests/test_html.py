"""`stalkcard html`: the page as written (no browser) and the page in a real
browser (Debian's Chromium driven by Selenium). The browser tests run in CI,
where .ci/run installs chromium and chromium-driver; elsewhere they skip when
the browser is missing, and in CI they fail instead."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import time
import unicodedata
from collections.abc import Iterator
from datetime import datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from helpers import card_phones, normalise, run_stalkcard
from page_helpers import combinations, shape_of
from test_fidelity import card_lines
from typer.testing import CliRunner

from stalkcard.card.reading import bundled_card_path, load_card
from stalkcard.card.reading import load_card as _load
from stalkcard.cli.app import app
from stalkcard.engine.evaluate import answer_space, evaluate
from stalkcard.engine.plan import compile_plan
from stalkcard.engine.result import Answers
from stalkcard.views.markdown import result_markdown
from stalkcard.views.note import result_text

CARD = load_card()
PLAN = compile_plan(CARD)
ASKED = {q.id: q.text for q in CARD.questions}  # each question's text, by id
FORMS_HEADING = next(s.heading for s in CARD.sections if s.id == "eksempler")
PHONES = card_phones()  # the card's own numbers, whatever they are
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


BLOCKS = {"br", "p", "li", "h1", "h2", "h3", "h4", "ul", "ol", "section", "div", "dd", "dt"}


class _Text(HTMLParser):
    """The page's text as a browser shows it with scripts and styles left out."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in BLOCKS:
            self.parts.append(" ")  # a line break where the browser breaks the line
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def parse(page: str) -> _Text:
    parser = _Text()
    parser.feed(page)
    return parser


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "kort.html"
    result = CliRunner().invoke(app, ["html", "-o", str(path)])
    assert result.exit_code == 0, result.output
    return path


# The page as written ----------------------------------------------------------------------------


def test_written_public_small_and_whole(page_file: Path) -> None:
    if os.name == "posix":  # published: the umask decides (tests/test_hostile_round_three.py)
        mask = os.umask(0o022)
        os.umask(mask)
        assert page_file.stat().st_mode & 0o777 == 0o666 & ~mask
    size = page_file.stat().st_size
    assert size < 200 * 1024, size
    assert page_file.read_text(encoding="utf-8").rstrip().endswith("</html>")


def test_every_line_of_the_card_is_on_the_page(page_file: Path) -> None:
    shown = normalise("".join(parse(page_file.read_text(encoding="utf-8")).parts))
    assert [line for line in card_lines() if normalise(line) not in shown] == []


def test_phones_are_tel_links(page_file: Path) -> None:
    tags = parse(page_file.read_text(encoding="utf-8")).tags
    links = {a.get("href") for tag, a in tags if tag == "a"}
    for phone in PHONES:
        assert "tel:+45" + phone.replace(" ", "") in links
    assert {"tel:112", "tel:114", "tel:1888"} <= links


def test_nothing_from_the_network_by_construction(page_file: Path) -> None:
    page = page_file.read_text(encoding="utf-8")
    tags = parse(page).tags
    assert not [t for t, _a in tags if t in ("link", "img", "iframe", "object", "embed", "base")]
    for tag, attrs in tags:
        for name in ("src", "href", "action"):
            value = attrs.get(name) or ""
            assert not re.match(r"(?i)(https?:|//|ftp:|data:|javascript:)", value), (tag, value)
    csp = next(a["content"] for t, a in tags if t == "meta" and a.get("http-equiv"))
    assert csp is not None
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp
    # The only script and style allowed are the page's own, by their hashes.
    script = re.search(r"<script>(.*?)</script>", page, re.S)
    style = re.search(r"<style>(.*?)</style>", page, re.S)
    assert script and style
    for text in (script.group(1), style.group(1)):
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert "localStorage" not in script.group(1) and "document.cookie" not in script.group(1)
    assert "sessionStorage" not in script.group(1) and "indexedDB" not in script.group(1)
    assert "fetch(" not in script.group(1) and "XMLHttpRequest" not in script.group(1)


WHEN = datetime(2026, 11, 26, 14, 5)
TESTS = Path(__file__).parent
VEJLE = bundled_card_path("vejle.yaml")
TEN = TESTS / "cards" / "ten_questions.yaml"


def test_the_answer_space_is_the_cards_one_of_questions() -> None:
    space = dict(answer_space(PLAN))
    assert "forms" not in space  # a many-of question changes no result
    assert space["danger"] == ["yes", "no", "unknown"]  # the engine's choices, not the page's
    assert len(list(combinations(PLAN))) == 3 * 3 * 27 * 3 * 6


def test_the_page_size_grows_with_the_card_not_the_combinations(tmp_path: Path) -> None:
    """Ten three-choice questions (59,049 combinations): the page stays under
    200 KB, because it holds the rules, not a table of every combination."""
    out = tmp_path / "ten.html"
    result = CliRunner().invoke(app, ["--card", str(TEN), "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert len(list(combinations(compile_plan(_load(str(TEN)))))) == 3**10
    assert out.stat().st_size <= 200_000


def test_english_page(tmp_path: Path) -> None:
    result = run_stalkcard(["html", "--lang", "en", "-o", str(tmp_path / "card.html")])
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "card.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page
    assert "Action card for suspected stalking during contact with a citizen" in page
    assert "Who should I call?" in page or "Who do I call?" in page


HOSTILE_NAME = '<script>alert(1)</script>"><img src=x onerror=alert(2)>{{ 7*7 }}'


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    card = folder / "kort.yaml"
    text = bundled_card_path().read_text(encoding="utf-8")
    card.write_text(text.replace('"Sofie Jensen"', json.dumps(HOSTILE_NAME), 1), encoding="utf-8")
    page = folder / "kort.html"
    result = CliRunner().invoke(app, ["html", "--card", str(card), "-o", str(page)])
    assert result.exit_code == 0, result.output
    return page


def test_hostile_card_text_is_escaped(hostile_page: Path) -> None:
    page = hostile_page.read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "{{ 7*7 }}" in page and "49" not in parse(page).parts
    # In the data block too, no "<" can close the script element.
    data = re.search(r'<script type="application/json" id="data">(.*?)</script>', page, re.S)
    assert data and "<" not in data.group(1)


# In a real browser ---------------------------------------------------------------------

needs_browser = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER) and not os.environ.get("CI"),
    reason="Chromium and chromedriver are not installed here (.ci/run installs them)",
)
VENDOR = Path(__file__).parent / "vendor"
AXE = VENDOR / "axe-core" / "axe.min.js"


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


def _new_driver(profile: Path, javascript: bool = True, before: str = "") -> Any:
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


# The pages' clock in the shared browser: a Monday morning, in office hours, so
# that "Ring nu" is the same whenever the tests run (after hours has its own test).
MONDAY_10 = datetime(2026, 11, 30, 10, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    driver = _new_driver(tmp_path_factory.mktemp("profile"), before=clock_script(MONDAY_10))
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the screenshots go; the path is printed (pytest -s shows it)."""
    folder = tmp_path_factory.mktemp("screenshots")
    print(f"\nscreenshots: {folder}")
    return folder


def _open(browser: Any, path: Path) -> None:
    browser.get(path.as_uri())
    browser.execute_script("window.scrollTo(0, 0)")


def _keys(browser: Any, *keys: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    for key in keys:
        ActionChains(browser).send_keys(key).perform()
        time.sleep(0.05)


def _shift_tab(browser: Any) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    ActionChains(browser).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()


def _active(browser: Any) -> dict[str, str]:
    return browser.execute_script(
        "const a = document.activeElement;"
        "return {tag: a.tagName, name: a.name || '', value: a.value || '', text: a.textContent,"
        " id: a.id, cls: a.className};"
    )


def _question(browser: Any) -> str:
    """The question asked now, as its legend reads (with "Spørgsmål n af N")."""
    return browser.execute_script(
        "const l = document.querySelector('#app legend'); return l ? l.textContent : '';"
    )


def _wait(browser: Any, script: str, timeout: float = 5.0) -> Any:
    end = time.monotonic() + timeout
    while True:
        value = browser.execute_script("return " + script)
        if value or time.monotonic() > end:
            return value
        time.sleep(0.05)


def _wait_for_question(browser: Any, text: str) -> None:
    _wait(
        browser, f"document.querySelector('#app legend').textContent.includes({json.dumps(text)})"
    )


def _question_keys(browser: Any) -> list[str]:
    return [
        q["key"]
        for q in browser.execute_script(
            "return JSON.parse(document.getElementById('data').textContent).questions"
        )
    ]


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


def _page_for(card_file: Path, tmp_path: Path) -> Path:
    out = tmp_path / (card_file.stem + ".html")
    result = CliRunner().invoke(app, ["--card", str(card_file), "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _with_many(card: Any, answers: Answers, number: int) -> Answers:
    """The answers with a different set of the many-of choices each time (they
    change no result, only their own line in the note)."""
    given = answers.as_dict()
    for q in card.questions:
        if q.kind == "many":
            from stalkcard.engine.questions import resolve

            ids = [c.id for c in resolve(card, q).choices]
            given[q.id] = [c for n, c in enumerate(ids) if number >> n & 1]
    return Answers(given)


# The page's own evaluator, built as its script builds it: engine.js's
# stalkcardEngine on the page's data, read with its reviver (bare). The page
# keeps no hook for the tests; these call the same code on the same data.
ENGINE = "const e = stalkcardEngine(JSON.parse(document.getElementById('data').textContent, bare));"


def _page_agrees(browser: Any, page: Path, card: Any, sample: list[Answers]) -> None:
    """The page's own evaluation (its script on the card's rules) and its note are
    the engine's result (web.shape_of) and `check --note`'s note, for each answer set."""
    _open(browser, page)
    given = [a.as_dict() for a in sample]
    out = browser.execute_script(
        # 14:05 in Danish time (CET, UTC+1): the note's date is Danish time (issue 23).
        "const w = new Date(Date.UTC(2026, 10, 26, 13, 5));"
        + ENGINE
        + "return arguments[0].map(g => [e.lookup(g), e.note(g, w)]);",
        given,
    )
    assert len(out) == len(sample)
    for (shape, note), answers in zip(out, sample, strict=True):
        assert shape == json.loads(json.dumps(shape_of(compile_plan(card), answers))), answers
        assert note == result_text(
            compile_plan(card), evaluate(compile_plan(card), answers), WHEN
        ), answers


@needs_browser
def test_the_page_is_the_engine_for_every_combination(browser: Any, page_file: Path) -> None:
    """Every combination of Skanderborg's answers (4,374), each with another set
    of forms: the page's result and note are the engine's and the renderer's."""
    sample = [_with_many(CARD, a, n) for n, a in enumerate(combinations(PLAN))]
    assert len(sample) == 4374
    _page_agrees(browser, page_file, CARD, sample)


@needs_browser
def test_the_page_is_the_engine_for_the_second_card(browser: Any, tmp_path: Path) -> None:
    card = _load(str(VEJLE))
    sample = [_with_many(card, a, n) for n, a in enumerate(combinations(compile_plan(card)))]
    assert len(sample) >= 3**5
    _page_agrees(browser, _page_for(VEJLE, tmp_path), card, sample)


@needs_browser
def test_the_page_is_the_engine_for_a_sample_of_ten_questions(browser: Any, tmp_path: Path) -> None:
    """59,049 combinations are too many to try in a test run: a fixed random
    sample of 6,000 of them, plus the corners (all "yes", all "no", all "don't know")."""
    import random

    card = _load(str(TEN))
    space = answer_space(compile_plan(card))
    rng = random.Random(15)
    picks = [{k: rng.choice(v) for k, v in space} for _ in range(6000)]
    for value in ("yes", "no", "unknown"):
        picks.append({k: value if value in v else v[-1] for k, v in space})
    order = [q.id for q in card.questions]
    sample = [
        _with_many(card, Answers({k: p.get(k, ()) for k in order}), n) for n, p in enumerate(picks)
    ]
    _page_agrees(browser, _page_for(TEN, tmp_path), card, sample)


def _answer(browser: Any, picks: dict[str, Any]) -> None:
    """Answer every question by clicking the labels' inputs and "Videre"."""
    for question in _question_keys(browser):
        value = picks.get(question)
        for wanted in value if isinstance(value, list) else [value]:
            if wanted is not None:
                browser.find_element("css selector", f"#app input[value='{wanted}']").click()
        browser.find_element("css selector", "#app button[type=submit]").click()


def _click_through(browser: Any, picks: dict[str, Any]) -> dict[str, str]:
    """Answer by clicking, see the result, then read what the page shows."""
    _answer(browser, picks)
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


def _check_args(picks: dict[str, Any]) -> list[str]:
    """The same answers for `check`; the page always asks for the forms, so no
    forms ticked is "forms=" (asked, none), not left out (not asked)."""
    args = []
    for key, value in {"forms": [], **picks}.items():
        args += ["--answer", f"{key}={','.join(value) if isinstance(value, list) else value}"]
    return args


@needs_browser
@pytest.mark.parametrize("picks", CLICKED, ids=lambda p: p["role"])
def test_clicked_screenings_match_check(
    browser: Any, page_file: Path, picks: dict[str, Any]
) -> None:
    _open(browser, page_file)
    shown = _click_through(browser, picks)
    result = run_stalkcard(["check", "--format", "json", *_check_args(picks)])
    assert result.returncode == 0, result.stderr
    engine = json.loads(result.stdout)
    assert shown["assessment"] == engine["assessment"]
    assert shown["urgent"] == str(engine["urgent"]).lower()
    assert shown["steps"].split() == [s["id"] for s in engine["steps"]]
    assert shown["supplements"].split() == [s["id"] for s in engine["supplements"]]
    assert shown["suggested"].split() == [c["id"] for c in engine["suggested"]]


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


@needs_browser
def test_the_note_from_the_page_is_check_note(
    page_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page's "Gem notat" downloads, and "Kopiér notat" copies, exactly the Markdown that
    `check --note` writes for the same answers, date line included: both clocks
    are set to 2026-11-26 14:05 (the page's by the DevTools Protocol, the
    command's by replacing clock.local_now)."""
    from stalkcard import clock

    # Issue 23: the note's date is Danish time on both sides.
    moment = datetime(2026, 11, 26, 14, 5, tzinfo=ZoneInfo("Europe/Copenhagen"))
    monkeypatch.setattr(clock, "now", lambda: moment)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    driver = _new_driver(tmp_path / "profile", before=clock_script(moment))
    driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    try:
        for number, picks in enumerate(CLICKED):
            note = tmp_path / f"check-{number}.md"
            result = CliRunner().invoke(app, ["check", *_check_args(picks), "--note", str(note)])
            assert result.exit_code == 0, result.output
            expected = note.read_text(encoding="utf-8")
            driver.get(page_file.as_uri())
            _click_through(driver, picks)
            driver.find_element("id", "save-note").click()
            saved = downloads / "stalking-notat-2026-11-26-1405.txt"
            end = time.monotonic() + 10
            while not saved.exists() and time.monotonic() < end:
                time.sleep(0.1)
            assert saved.read_text(encoding="utf-8") == expected
            saved.unlink()
            driver.execute_script(
                "window.copied = null; navigator.clipboard.writeText ="
                " text => { window.copied = text; return Promise.resolve(); };"
            )
            driver.find_element("id", "copy-note").click()
            assert _wait(driver, "window.copied") == expected
            # The status said "gemt" a moment ago: wait for the copy's own words.
            copied = "Notatet er kopieret. Sæt det ind i sagen."
            assert _wait(
                driver, f"document.querySelector('#result .status').textContent === '{copied}'"
            ), driver.find_element("css selector", "#result .status").text
        state = driver.execute_script(
            "return [document.cookie, localStorage.length, sessionStorage.length]"
        )
        assert state == ["", 0, 0]  # still nothing stored by the page
    finally:
        driver.quit()


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


# Who answers now, in the page ----------------------------------------------------


DK = ZoneInfo("Europe/Copenhagen")
AGE = TESTS / "cards" / "age_routing.yaml"
# Moments that decide: office hours, an evening, a weekend night, a Friday
# afternoon (the age card closes at 13:00), a public holiday and a closed day.
MOMENTS = [
    datetime(2026, 11, 30, 10, 0, tzinfo=DK),
    datetime(2026, 12, 2, 18, 30, tzinfo=DK),
    datetime(2026, 11, 28, 22, 0, tzinfo=DK),
    datetime(2026, 12, 4, 14, 0, tzinfo=DK),
    datetime(2026, 12, 25, 10, 0, tzinfo=DK),
    datetime(2026, 12, 24, 9, 0, tzinfo=DK),
]


def _plan_agrees(browser: Any, page: Path, card: Any, cases: list[tuple[Answers, datetime]]) -> int:
    """The page's call plan (its script on the same data) and its "Ring nu"
    blocks are callplan.plan_at's and views.ring_nu's, for each (answers,
    moment): the same calls in the same order, why and whose rule, open or
    closed or not known, the lines open day and night, when they reopen, and
    the same words and numbers in each block. Returns how many were after hours."""
    from stalkcard.engine.callplan import plan_at
    from stalkcard.views.ringnu import ring_nu

    _open(browser, page)
    shown = browser.execute_script(
        ENGINE + "return arguments[0].map(c => [e.planOf(e.lookup(c[0]), c[1]),"
        " e.ringNu(e.planOf(e.lookup(c[0]), c[1]))]);",
        [[a.as_dict(), int(m.timestamp() * 1000)] for a, m in cases],
    )
    assert len(shown) == len(cases)
    after = 0
    for (answers, moment), (page_plan, blocks) in zip(cases, shown, strict=True):
        plan = plan_at(compile_plan(card), evaluate(compile_plan(card), answers), moment)
        where = (answers, moment.isoformat())
        assert [[c["id"], c["why"], c["rule"], c["open"]] for c in page_plan["calls"]] == [
            [c.call.contact.id, c.call.why, c.call.rule, c.open_now] for c in plan.calls
        ], where
        assert page_plan["after_hours"] == plan.after_hours, where
        assert page_plan["hours_unknown"] == plan.hours_unknown, where
        assert page_plan["round_the_clock"] == [c.id for c in plan.round_the_clock], where
        assert page_plan["assumed"] == plan.assumed, where
        assert page_plan["holiday"] == plan.holiday, where
        assert page_plan["no_hours"] == plan.no_hours, where
        assert page_plan["time_unknown"] == plan.time_unknown, where
        if plan.reopens is None:
            assert page_plan["reopens"] is None, where
        else:
            after += 1
            assert [page_plan["reopens"]["day"], page_plan["reopens"]["clock"]] == [
                plan.reopens.weekday(),
                plan.reopens.strftime("%H:%M"),
            ], where
        engine = [
            [text, [at.call.contact.id for at in calls], later]
            for text, calls, later in ring_nu(plan)
        ]
        assert [[b[0], [c["id"] for c in b[1]], b[2]] for b in blocks] == engine, where
    return after


@needs_browser
def test_the_pages_call_plan_is_the_engines_over_a_week(browser: Any, page_file: Path) -> None:
    """For every hour of a week, the edges of the office hours, and answer sets
    with and without a suggestion and danger."""
    start = datetime(2026, 11, 30, 0, 30, tzinfo=DK)
    moments = [start + timedelta(hours=h) for h in range(168)]
    moments += [datetime(2026, 11, 30, h, m, tzinfo=DK) for h, m in ((7, 59), (8, 0), (14, 59),
                                                                       (15, 0))]  # fmt: skip
    picks = [{k: v for k, v in p.items() if k != "forms"} for p in CLICKED]
    picks += [{**picks[1], "unit": "other", "danger": "unknown"}]
    cases = [(Answers(**{"forms": [], **given}), m) for given in picks for m in moments]
    after = _plan_agrees(browser, page_file, CARD, cases)
    assert 0 < after < len(cases)  # both kinds of time were tried


@needs_browser
@pytest.mark.parametrize("which", ["bundled", "vejle", "age", "no_hours", "ten"])
def test_the_pages_ring_nu_is_the_terminals_for_every_combination(
    browser: Any, page_file: Path, tmp_path: Path, which: str
) -> None:
    """Every combination of answers of the bundled cards and the fixture cards
    (the ten-question card: a sample), at moments that decide: the page lists
    the same numbers in the same order, with the same words, as the terminal."""
    import random

    if which == "bundled":
        card, page = CARD, page_file
    else:
        path = {"vejle": VEJLE, "age": AGE, "ten": TEN}.get(which)
        if path is None:  # the age card with no hours at all
            path = tmp_path / "uden_tider.yaml"
            text = AGE.read_text(encoding="utf-8")
            text = re.sub(r"  office_hours:\n(    - .*\n)+", "", text)
            path.write_text(text.replace('  closed_days: ["12-24", "12-31"]\n', ""), "utf-8")
        card, page = _load(str(path)), _page_for(path, tmp_path)
    every = list(combinations(compile_plan(card)))
    if len(every) > 3000:
        every = random.Random(22).sample(every, 3000)
    cases = [(a, m) for a in every for m in MOMENTS]
    _plan_agrees(browser, page, card, cases)


@needs_browser
def test_saturday_night_the_page_leads_with_lines_that_answer(
    page_file: Path, tmp_path: Path
) -> None:
    saturday = datetime(2026, 11, 28, 22, 0, tzinfo=DK)
    driver = _new_driver(tmp_path / "profile", before=clock_script(saturday))
    try:
        driver.get(page_file.as_uri())
        _click_through(driver, CLICKED[0])  # danger, Ungeenheden
        panel = driver.find_element("css selector", "#result .panel").text
        assert (
            "Uden for kontortid nu (lørdag kl. 22:00; kontortiden er et skøn, ikke kortets)."
            in panel
        )
        assert "Indtil kortets kontakter kan træffes, kan du eller borgeren ringe til:" in panel
        assert "i stedet" not in panel
        for line in ("112", "1888", "116 006", "114"):
            assert panel.index(line) < panel.index("8794 7983"), line
        assert "Kortets kontakter fra mandag kl. 08:00:" in panel  # as check
        links = driver.execute_script(
            "return [...document.querySelectorAll('#result .panel a[href^=\"tel:\"]')]"
            ".map(a => a.getAttribute('href'))"
        )
        assert links[0] == "tel:112"
    finally:
        driver.quit()


@needs_browser
def test_the_age_cards_page_routes_by_age(browser: Any, tmp_path: Path) -> None:
    """Clicked through on the page: an adult's "Ring nu" lists the adults'
    contact and not the children's, and the reverse; the card's own 112 leads
    in danger."""
    page = _page_for(AGE, tmp_path)
    for age, wanted, other in (("voksen", "7979 0002", "7979 0001"),
                               ("barn", "7979 0001", "7979 0002")):  # fmt: skip
        _open(browser, page)
        _answer(browser, {"fare": "yes", "alder": age, "rolle": "udsat", "uoensket": "yes"})
        browser.find_element("xpath", "//button[text()='Se resultatet']").click()
        calls = browser.execute_script(
            "return [...document.querySelectorAll('#result .panel ul.calls a')]"
            ".map(a => a.textContent)"
        )
        assert calls[0] == "politi, 112", calls
        assert any(wanted in c for c in calls) and not any(other in c for c in calls), calls
        assert any("2517 7374" in c for c in calls)


@needs_browser
def test_your_answers_on_the_page_are_the_notes(browser: Any, page_file: Path) -> None:
    """ "Dine svar" names each answer as the terminal and the note do
    (views.answer_lines): no unit is "Ikke angivet", not the choice's label."""
    from stalkcard.engine.answers import normalise_answers
    from stalkcard.views.parts import answer_lines

    _open(browser, page_file)
    _click_through(browser, CLICKED[1])  # unit "other"
    shown = browser.execute_script(
        "const dl = document.querySelector('#result details dl.answers');"
        "return [...dl.querySelectorAll('dt')].map(dt =>"
        " [dt.textContent, dt.nextElementSibling.textContent]);"
    )
    given = {"forms": [], **CLICKED[1]}
    expected = answer_lines(PLAN, normalise_answers(given, PLAN))
    assert [tuple(pair) for pair in shown] == expected
    assert ("Din enhed", "Ikke angivet") in expected


# Issue 26, classes 1-3: the page's lookups, its urgent lines, its tel: links --------------------

PROTO = TESTS / "cards" / "prototype_names.yaml"


@needs_browser
def test_ids_named_like_inherited_properties_are_ordinary_ids(browser: Any, tmp_path: Path) -> None:
    """A card whose ids are "constructor" (the one lowercase Object.prototype
    name the id pattern allows) for the danger question, a choice, a contact, a
    step, a supplement and an assessment: the page gives the engine's result
    and note for every combination, asks the danger question first, again
    after "Start forfra", and shows 112 when it is answered."""
    card = _load(str(PROTO))
    page = _page_for(PROTO, tmp_path)
    sample = list(combinations(compile_plan(card)))
    assert len(sample) == 27
    _page_agrees(browser, page, card, sample)  # also: "$&" in a sign's label stays text

    _open(browser, page)
    _wait_for_question(browser, "Er nogen i akut fare")
    for _round in range(2):
        assert "Spørgsmål 1 af 3" in _question(browser)
        browser.find_element("css selector", "#app button[type=submit]").click()
        assert _question(browser).startswith("Spørgsmål 1 af 3")  # not skipped: unanswered
        browser.find_element("css selector", "#app input[value='yes']").click()
        browser.find_element("css selector", "#app button[type=submit]").click()
        assert "112" in browser.find_element("id", "urgent").text
        _wait_for_question(browser, "Hvem drejer det sig om")
        browser.find_element("css selector", "#app input[value='constructor']").click()
        browser.find_element("css selector", "#app button[type=submit]").click()
        browser.find_element("css selector", "#app input[value='unknown']").click()
        browser.find_element("css selector", "#app button[type=submit]").click()
        browser.find_element("xpath", "//button[text()='Se resultatet']").click()
        result = browser.find_element("id", "result")
        assert result.get_attribute("data-urgent") == "true"
        assert result.get_attribute("data-steps") == "kontakt constructor"
        assert "Ring 112 nu" in browser.find_element("css selector", "#result .panel").text
        browser.find_element("id", "again").click()
        _wait_for_question(browser, "Er nogen i akut fare")


def _two_question_urgent_card(tmp_path: Path) -> Path:
    """The README's card with a second urgent supplement, shown by a rule on
    danger and children together, and a headline that names a card number
    ending in 112 before 112 itself."""
    from test_readme_card import _card_text

    text = _card_text()
    text = text.replace(
        '    phone: "9999 0000"\n',
        '    phone: "9999 0000"\n  - id: akuttelefon\n    name: "Akuttelefonen"\n'
        '    phone: "7011 2112"\n',
        1,
    ).replace("contacts: [raadgivningen]", "contacts: [raadgivningen, akuttelefon]", 1)
    text = text.replace(
        "supplement_contacts:",
        "  - id: boern_akut\n"
        '    text: "Er et barn i akut fare, så ring Akuttelefonen 7011 2112 eller 112."\n'
        '    headline: "Ring Akuttelefonen 7011 2112 eller 112 nu, hvis et barn er i fare."\n'
        '    source: "Opfundet til testen."\n'
        "    urgent: true\n"
        "supplement_contacts:",
        1,
    )
    text = text.replace(
        "        show: [akut]\n",
        '        show: [akut]\n      - when: {fare: "yes", boern: "yes"}\n'
        "        show: [boern_akut]\n",
        1,
    )
    path = tmp_path / "to_spoergsmaal.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@needs_browser
def test_the_pages_urgent_lines_are_the_engines_lead(browser: Any, tmp_path: Path) -> None:
    """An urgent supplement shown by a rule on two questions leads the result
    in the terminal (Result.lead) and so on the page; every number in an
    urgent line is a link to that very number, never to a number inside it."""
    from stalkcard.views.export import dial_number

    path = _two_question_urgent_card(tmp_path)
    card = _load(str(path))
    answers = Answers(fare="yes", boern="yes")
    assert [s.id for s in evaluate(compile_plan(card), answers).lead] == ["akut", "boern_akut"]
    page = _page_for(path, tmp_path)
    _page_agrees(browser, page, card, list(combinations(compile_plan(card))))
    _open(browser, page)
    _answer(browser, {"fare": "yes", "boern": "yes"})
    browser.find_element("xpath", "//button[text()='Se resultatet']").click()
    panel = browser.find_element("css selector", "#result .panel")
    assert "Ring Akuttelefonen 7011 2112 eller 112 nu, hvis et barn er i fare." in panel.text
    links = browser.execute_script(
        "return [...document.querySelectorAll('#result .warning-text a')]"
        ".map(a => [a.textContent, a.getAttribute('href')])"
    )
    assert ["7011 2112", "tel:+4570112112"] in links and ["112", "tel:112"] in links
    for text, href in links:
        assert href == "tel:" + dial_number(text), (text, href)


@needs_browser
def test_the_page_is_the_engine_for_the_age_routing_card(browser: Any, tmp_path: Path) -> None:
    """Result, "Ring nu" order and the note, for every combination of the card
    routed by the citizen's age group (issue 22)."""
    card = _load(str(AGE))
    sample = list(combinations(compile_plan(card)))
    _page_agrees(browser, _page_for(AGE, tmp_path), card, sample)
    adult = result_markdown(
        compile_plan(card), evaluate(compile_plan(card), Answers(fare="no", alder="voksen")), WHEN
    )
    calls = adult[adult.index("## Ring nu") :].split("\n## ")[0]
    assert "7979 0002" in calls and "7979 0001" not in calls


@needs_browser
def test_the_page_is_the_engine_for_a_card_from_a_procedure(browser: Any, tmp_path: Path) -> None:
    """Issue 24: one-line steps, advice to the citizen (its own block), links
    and a headless section change nothing in what the page computes."""
    card_file = Path(__file__).parent / "cards" / "procedure.yaml"
    card = _load(str(card_file))
    sample = [_with_many(card, a, n) for n, a in enumerate(combinations(compile_plan(card)))]
    _page_agrees(browser, _page_for(card_file, tmp_path), card, sample)


@needs_browser
def test_the_pages_holidays_are_the_engines_in_any_year(browser: Any, page_file: Path) -> None:
    """The page computes Easter as stalkcard.engine.holidays does: every day of 1990-2110
    (a page written today is still right in decades), and the closed days."""
    from datetime import date

    from stalkcard.engine.holidays import closed_day

    _open(browser, page_file)
    first = date(1990, 1, 1)
    days = [first + timedelta(days=n) for n in range((date(2111, 1, 1) - first).days)]
    shown = browser.execute_script(
        # The day's closed-day name as the call plan has it (holiday), at noon UTC
        # (the same date in Danish time): no calls, so nothing else is asked.
        ENGINE + "const none = {calls: [], urgent: false, roles: []};"
        "return arguments[0].map(d => e.planOf(none, Date.parse(d + 'T12:00:00Z')).holiday);",
        [d.isoformat() for d in days],
    )
    expected = [closed_day(d, ("12-24",)) for d in days]
    assert shown == expected
    assert sum(1 for name in expected if name) > 120 * 11


def test_the_pages_evaluator_is_a_file_with_no_dom() -> None:
    """Issue 25: the page's evaluator (stalkcard/views/web/engine.js) touches no DOM,
    no browser API and no clock of its own (every moment is given to it); the
    UI (result.js, page.js) shows what it returns. The browser tests above feed
    it and the Python engine the same answers and moments, building it from the
    page's data themselves: the page keeps no hook for the tests."""
    engine = (Path(__file__).parent.parent / "stalkcard" / "views" / "web" / "engine.js").read_text(
        encoding="utf-8"
    )
    code = re.sub(r"(?m)//.*$", "", engine)
    apis = ["document", "window", "navigator", "history", "localStorage", "fetch("]
    apis += ["XMLHttpRequest", "setTimeout", "Date.now", "new Date()", "addEventListener"]
    for api in apis:
        assert api not in code, api
    assert "function stalkcardEngine(data)" in code
    page = CliRunner().invoke(app, ["html"]).stdout
    script = re.search(r"<script>(.*?)</script>", page, re.S)
    assert script is not None and script.group(1).startswith(engine)
    assert "window.stalkcard" not in script.group(1)
