"""`stalkcard html`: the page as written (no browser) and the page in a real
browser (Debian's Chromium driven by Selenium). The browser tests run in CI,
where .ci/run installs chromium and chromium-driver; elsewhere they skip when
the browser is missing, and in CI they fail instead."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from helpers import normalise, run_stalkcard
from test_fidelity import card_lines
from typer.testing import CliRunner

from stalkcard.card import bundled_card_path, load_card
from stalkcard.cli import app
from stalkcard.web import AXES, axis_values, combinations, result_table, shape_of

CARD = load_card()
PHONES = ("8794 7626", "8794 7266", "8794 7983", "2031 5268", "8794 7268", "2517 7374", "7628 1448")
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
    assert "pushState" not in script.group(1) and "fetch(" not in script.group(1)


def test_the_table_is_the_engines_for_every_combination() -> None:
    """The data the page looks up, decoded as the page does, is the engine's result."""
    index, shapes, parts = result_table(CARD)
    combos = combinations(CARD)
    assert len(combos) == len(index) == 3 * 3 * 27 * 3 * 6
    names = ("assessment", "urgent", "steps", "supplements", "suggested", "call_now")
    for number, answers in enumerate(combos):
        row = shapes[index[number]]
        decoded = {name: parts[name][row[n]] for n, name in enumerate(names)}
        assert decoded == json.loads(json.dumps(shape_of(CARD, answers)))


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


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = _options()
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('profile')}")
    driver = webdriver.Chrome(
        service=Service(executable_path=CHROMEDRIVER or "/usr/bin/chromedriver"), options=options
    )
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


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
        "return {tag: a.tagName, name: a.name || '', value: a.value || '', text: a.textContent};"
    )


def _question(browser: Any) -> str:
    return browser.execute_script(
        "const l = document.querySelector('#app legend'); return l ? l.textContent : '';"
    )


@needs_browser
def test_a_full_screening_by_keyboard(browser: Any, page_file: Path) -> None:
    from selenium.webdriver.common.keys import Keys

    _open(browser, page_file)
    history = browser.execute_script("return history.length")
    for _ in range(120):  # Tab from the top of the page to the first question
        if _active(browser)["name"] == "role":
            break
        _keys(browser, Keys.TAB)
    assert _active(browser)["name"] == "role"
    up, down, enter, tab = Keys.ARROW_UP, Keys.ARROW_DOWN, Keys.ENTER, Keys.TAB
    _keys(browser, up, up, enter)  # victim
    _keys(browser, up, up, enter)  # danger: yes (the radio starts on "Ved ikke")
    assert browser.find_element("id", "urgent").is_displayed()  # 112 at once
    _keys(browser, Keys.SPACE, enter)  # forms: the first one
    _keys(browser, up, up, enter)  # unwanted: yes
    assert _question(browser) == CARD.criterion("one_sided").question
    _keys(browser, tab, tab, enter)  # "Tilbage": to unwanted
    assert _question(browser) == CARD.criterion("unwanted").question
    _keys(browser, tab, tab, enter)  # "Tilbage" again: to the forms
    assert _question(browser) == CARD.screening.questions.forms
    _keys(browser, enter)  # forms kept
    _keys(browser, enter)  # unwanted kept (yes)
    _keys(browser, up, up, enter)  # one_sided: yes
    _keys(browser, up, up, enter)  # repeated: yes
    _keys(browser, up, enter)  # children: no
    _keys(browser, up, up, up, enter)  # unit: from "other" up to Ungeenheden
    assert _active(browser)["text"] == "Se resultatet"
    _shift_tab(browser)
    _keys(browser, enter)  # review: change the unit
    _keys(browser, down, down, enter)  # to Børn og Unge, saved
    assert _active(browser)["text"] == "Se resultatet"
    _keys(browser, enter)
    result = browser.find_element("id", "result")
    expected = shape_of(
        CARD,
        __import__("stalkcard.screening", fromlist=["Answers"]).Answers(
            role="victim", danger="yes", unwanted="yes", one_sided="yes", repeated="yes",
            forms=("messages",), children="no", unit="anne_bennike_hansen",
        ),
    )  # fmt: skip
    assert result.get_attribute("data-assessment") == expected["assessment"] == "criteria_met"
    assert result.get_attribute("data-suggested") == "anne_bennike_hansen"
    summary = browser.find_element("id", "summary").text
    assert summary.index("Ring 112 nu") < summary.index("8794 7268")
    assert "8794 7268 Anne Bennike Hansen, Børn og Unge (forslag)" in summary
    assert "TELEFONOPKALD OG BESKEDER" in result.text
    # Nothing stored, nothing sent, no history entries.
    state = browser.execute_script(
        "return {cookie: document.cookie, local: localStorage.length,"
        " session: sessionStorage.length, history: history.length,"
        " resources: performance.getEntriesByType('resource').length};"
    )
    assert state == {"cookie": "", "local": 0, "session": 0, "history": history, "resources": 0}
    # "Ryd svar" clears the answers.
    browser.find_element("id", "clear").click()
    assert _question(browser) == CARD.screening.questions.role
    assert browser.find_elements("id", "result") == []
    assert not browser.find_element("id", "urgent").is_displayed()


@needs_browser
def test_the_pages_lookup_is_the_engine_for_every_combination(
    browser: Any, page_file: Path
) -> None:
    _open(browser, page_file)
    values = axis_values(CARD)
    shapes = browser.execute_script(
        "const axes = arguments[0]; const out = [];"
        "function walk(i, given) {"
        "  if (i === axes.length) { out.push(window.stalkcardLookup(given)); return; }"
        "  for (const v of axes[i][1]) walk(i + 1, {...given, [axes[i][0]]: v});"
        "} walk(0, {}); return out;",
        [[key, values[key]] for key in AXES],
    )
    combos = combinations(CARD)
    assert len(shapes) == len(combos)
    for shape, answers in zip(shapes, combos, strict=True):
        assert shape == json.loads(json.dumps(shape_of(CARD, answers))), answers


def _click_through(browser: Any, picks: dict[str, Any]) -> dict[str, str]:
    """Answer by clicking the labels, then read what the page shows."""
    for question in [q["key"] for q in browser.execute_script(
        "return JSON.parse(document.getElementById('data').textContent).questions")]:  # fmt: skip
        value = picks.get(question)
        for wanted in value if isinstance(value, list) else [value]:
            if wanted is not None:
                browser.find_element("css selector", f"#app input[value='{wanted}']").click()
        browser.find_element("css selector", "#app button[type=submit]").click()
    browser.find_element("xpath", "//button[text()='Se resultatet']").click()
    result = browser.find_element("id", "result")
    return {
        name: result.get_attribute(f"data-{name}") or ""
        for name in ("assessment", "urgent", "steps", "supplements", "suggested")
    }


CLICKED = [
    {"role": "victim", "danger": "yes", "unwanted": "yes", "one_sided": "yes", "repeated": "yes",
     "children": "yes", "unit": "vibeke_soenderskov_kristensen", "forms": ["digital"]},
    {"role": "perpetrator", "danger": "no", "unwanted": "no", "one_sided": "no",
     "repeated": "unknown", "children": "no", "unit": "other"},
    {"role": "unknown", "danger": "no", "unwanted": "unknown", "one_sided": "yes",
     "repeated": "no", "children": "unknown", "unit": "marlene_skousboell_bendix"},
]  # fmt: skip


@needs_browser
@pytest.mark.parametrize("picks", CLICKED, ids=lambda p: p["role"])
def test_clicked_screenings_match_check(
    browser: Any, page_file: Path, picks: dict[str, Any]
) -> None:
    _open(browser, page_file)
    shown = _click_through(browser, picks)
    args = ["check", "--format", "json"]
    for key, value in picks.items():
        args += ["--answer", f"{key}={','.join(value) if isinstance(value, list) else value}"]
    result = run_stalkcard(args)
    assert result.returncode == 0, result.stderr
    engine = json.loads(result.stdout)
    assert shown["assessment"] == engine["assessment"]
    assert shown["urgent"] == str(engine["urgent"]).lower()
    assert shown["steps"].split() == [s["id"] for s in engine["steps"]]
    assert shown["supplements"].split() == [s["id"] for s in engine["supplements"]]
    assert shown["suggested"].split() == [c["id"] for c in engine["suggested"]]


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
        shot = tmp_path / f"side-{width}.png"
        assert browser.save_screenshot(str(shot))
        assert shot.stat().st_size > 1000
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
    _click_through(browser, CLICKED[0])  # the result, the 112 box and the summary shown too
    assert browser.execute_script(CONTRAST) == []


@needs_browser
def test_hostile_card_text_appears_as_text(browser: Any, hostile_page: Path) -> None:
    _open(browser, hostile_page)
    assert browser.find_elements("css selector", "img") == []
    assert HOSTILE_NAME in browser.find_element("id", "kortet").text.replace("\n", " ")
    assert browser.execute_script("return document.querySelectorAll('script').length") == 2
    _click_through(browser, {**CLICKED[1], "unit": "sofie_jensen"})
    assert HOSTILE_NAME in browser.find_element("id", "result").text.replace("\n", " ")


@needs_browser
def test_without_javascript_the_card_and_contacts_work(page_file: Path, tmp_path: Path) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = _options(javascript=False)
    options.add_argument(f"--user-data-dir={tmp_path / 'profile'}")
    driver = webdriver.Chrome(
        service=Service(executable_path=CHROMEDRIVER or "/usr/bin/chromedriver"), options=options
    )
    try:
        driver.get(page_file.as_uri())
        body = driver.find_element("tag name", "body").text
        assert "Vibeke Sønderskov Kristensen" in body and "8794 7983" in body
        assert "Screeningen kræver JavaScript" in body
        assert not driver.find_element("id", "clear").is_displayed()
    finally:
        driver.quit()


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
