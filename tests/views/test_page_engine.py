"""The page's evaluator is the engine: its result, note and "Ring nu" are the
engine's and the terminal's for every combination of answers, at every moment
that decides, on the bundled and the fixture cards (in Chromium)."""

from __future__ import annotations

import json
import re
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from browsing import CARD, CLICKED, PLAN, TEN, clock_script, needs_browser
from browsing import answer_by_clicking as _answer
from browsing import click_through as _click_through
from browsing import new_driver as _new_driver
from browsing import open_page as _open
from browsing import question_shown as _question
from browsing import wait_for as _wait
from browsing import wait_for_question as _wait_for_question
from helpers import TESTS, run_stalkcard
from page_helpers import combinations, shape_of
from typer.testing import CliRunner

from stalkcard.card.reading import bundled_card_path
from stalkcard.card.reading import load_card as _load
from stalkcard.cli.app import app
from stalkcard.engine.evaluate import answer_space, evaluate
from stalkcard.engine.plan import compile_plan
from stalkcard.engine.result import Answers
from stalkcard.views.markdown import result_markdown
from stalkcard.views.note import card_pieces, result_text

WHEN = datetime(2026, 11, 26, 14, 5)

VEJLE = bundled_card_path("vejle.yaml")


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
    plan = compile_plan(card)
    pieces = card_pieces(plan)  # made once for the many notes
    for (shape, note), answers in zip(out, sample, strict=True):
        assert shape == json.loads(json.dumps(shape_of(plan, answers))), answers
        assert note == result_text(plan, evaluate(plan, answers), WHEN, pieces), answers


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
    card_plan = compile_plan(card)
    sample = [_with_many(card, a, n) for n, a in enumerate(combinations(card_plan))]
    assert len(sample) >= 3**5
    _page_agrees(browser, _page_for(VEJLE, tmp_path), card, sample)


@needs_browser
def test_the_page_is_the_engine_for_a_sample_of_ten_questions(browser: Any, tmp_path: Path) -> None:
    """59,049 combinations are too many to try in a test run: a fixed random
    sample of 6,000 of them, plus the corners (all "yes", all "no", all "don't know")."""
    import random

    card = _load(str(TEN))
    card_plan = compile_plan(card)
    space = answer_space(card_plan)
    rng = random.Random(15)
    picks = [{k: rng.choice(v) for k, v in space} for _ in range(6000)]
    for value in ("yes", "no", "unknown"):
        picks.append({k: value if value in v else v[-1] for k, v in space})
    order = [q.id for q in card.questions]
    sample = [
        _with_many(card, Answers({k: p.get(k, ()) for k in order}), n) for n, p in enumerate(picks)
    ]
    _page_agrees(browser, _page_for(TEN, tmp_path), card, sample)


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
    card_plan = compile_plan(card)
    page = _page_for(PROTO, tmp_path)
    sample = list(combinations(card_plan))
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
    from helpers import readme_card_text as _card_text

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
    card_plan = compile_plan(card)
    answers = Answers(fare="yes", boern="yes")
    assert [s.id for s in evaluate(card_plan, answers).lead] == ["akut", "boern_akut"]
    page = _page_for(path, tmp_path)
    _page_agrees(browser, page, card, list(combinations(card_plan)))
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
    card_plan = compile_plan(card)
    sample = list(combinations(card_plan))
    _page_agrees(browser, _page_for(AGE, tmp_path), card, sample)
    adult = result_markdown(
        card_plan, evaluate(card_plan, Answers(fare="no", alder="voksen")), WHEN
    )
    calls = adult[adult.index("## Ring nu") :].split("\n## ")[0]
    assert "7979 0002" in calls and "7979 0001" not in calls


@needs_browser
def test_the_page_is_the_engine_for_a_card_from_a_procedure(browser: Any, tmp_path: Path) -> None:
    """Issue 24: one-line steps, advice to the citizen (its own block), links
    and a headless section change nothing in what the page computes."""
    card_file = TESTS / "cards" / "procedure.yaml"
    card = _load(str(card_file))
    card_plan = compile_plan(card)
    sample = [_with_many(card, a, n) for n, a in enumerate(combinations(card_plan))]
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
