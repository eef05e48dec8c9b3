"""`stalkcard html`: the page as written (no browser): small, whole, offline by
construction, escaped, and its evaluator a file of its own. In the browser tier
by file (tests/conftest.py), as before."""

from __future__ import annotations

import base64
import hashlib
import os
import re
from html.parser import HTMLParser
from pathlib import Path

from browsing import PHONES, PLAN, TEN
from helpers import TESTS, card_lines, normalise, run_stalkcard
from page_helpers import combinations
from typer.testing import CliRunner

from stalkcard.card.reading import load_card as _load
from stalkcard.cli.app import app
from stalkcard.engine.evaluate import answer_space
from stalkcard.engine.plan import compile_plan

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


# The page as written ----------------------------------------------------------------------------


def test_written_public_small_and_whole(page_file: Path) -> None:
    if os.name == "posix":  # published: the umask decides (tests/base/test_output.py)
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


def test_hostile_card_text_is_escaped(hostile_page: Path) -> None:
    page = hostile_page.read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "{{ 7*7 }}" in page and "49" not in parse(page).parts
    # In the data block too, no "<" can close the script element.
    data = re.search(r'<script type="application/json" id="data">(.*?)</script>', page, re.S)
    assert data and "<" not in data.group(1)


def test_the_pages_evaluator_is_a_file_with_no_dom() -> None:
    """Issue 25: the page's evaluator (stalkcard/views/web/engine.js) touches no DOM,
    no browser API and no clock of its own (every moment is given to it); the
    UI (result.js, page.js) shows what it returns. The browser tests above feed
    it and the Python engine the same answers and moments, building it from the
    page's data themselves: the page keeps no hook for the tests."""
    engine = (TESTS.parent / "stalkcard" / "views" / "web" / "engine.js").read_text(
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
