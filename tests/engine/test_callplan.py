"""Who to call now is the card's (issue 22): "Ring nu" is declared by the
card's rules, computed once by the engine (Result.calls), the same on every
surface, and honest at every hour. Generic behaviour is tried on fixture
cards of other shapes than Skanderborg's: routing by the citizen's age group
with a card-owned 112 (tests/cards/age_routing.yaml), a card with no hours,
and the bundled cards."""

from __future__ import annotations

import itertools
import json
import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from helpers import TESTS, bundled_data, dump
from page_helpers import combinations
from typer.testing import CliRunner

from stalkcard import clock
from stalkcard.card.reading import bundled_card_path, card_from_text, load_card
from stalkcard.cli.app import app
from stalkcard.engine.callplan import is_open, plan_at
from stalkcard.engine.evaluate import evaluate
from stalkcard.engine.holidays import closed_day, easter, public_holidays
from stalkcard.engine.plan import compile_plan
from stalkcard.engine.result import ROUTE, STEP, URGENT, Answers
from stalkcard.views.ringnu import ring_nu

DK = ZoneInfo("Europe/Copenhagen")
CARDS = TESTS / "cards"
AGE = CARDS / "age_routing.yaml"
SATURDAY_22 = datetime(2026, 12, 5, 22, 0, tzinfo=DK)
CHRISTMAS_10 = datetime(2026, 12, 25, 10, 0, tzinfo=DK)  # 1. juledag, a Friday
THURSDAY_14 = datetime(2026, 12, 3, 14, 0, tzinfo=DK)
FRIDAY_14 = datetime(2026, 12, 4, 14, 0, tzinfo=DK)  # the card's Fridays close at 13:00


def _age_card() -> Any:
    return load_card(str(AGE))


def _no_hours_text() -> str:
    """The age-routing card without any hours: no meta.office_hours, no closed days."""
    text = AGE.read_text(encoding="utf-8")
    text = re.sub(r"  office_hours:\n(    - .*\n)+", "", text)
    return text.replace('  closed_days: ["12-24", "12-31"]\n', "")


def _ids(result: Any) -> list[str]:
    return [c.contact.id for c in result.calls]


def _check(runner: CliRunner, card: Path | str, args: list[str], at: datetime) -> str:
    original = clock.now
    clock.now = lambda: at
    try:
        out = runner.invoke(app, ["--card", str(card), "check", *args], env={"COLUMNS": "100"})
    finally:
        clock.now = original
    assert out.exit_code == 0, out.output
    return out.stdout


# Routing by age group: the card's own, never a contact it did not show --------------------


def test_an_adults_case_calls_the_adults_contact_and_not_the_childrens() -> None:
    card = _age_card()
    card_plan = compile_plan(card)
    adult = evaluate(card_plan, Answers(fare="no", alder="voksen", rolle="udsat", uoensket="yes"))
    child = evaluate(card_plan, Answers(fare="no", alder="barn", rolle="udsat", uoensket="yes"))
    assert _ids(adult) == ["voksen_kontakt", "dsc"]
    assert _ids(child) == ["boern_kontakt", "dsc"]
    assert [c.why for c in adult.calls] == [ROUTE, STEP]
    assert adult.calls[0].rule == "route 2"  # the card's second route rule put it there
    assert not adult.suggested  # the card's routing is not the tool's suggestion


@pytest.mark.parametrize("path", [AGE, bundled_card_path(), bundled_card_path("vejle.yaml")])
def test_ring_nu_is_the_steps_contacts_for_every_combination(path: Path) -> None:
    """For every combination of answers: every contact of a contacts step the
    rules showed is on "Ring nu" (none dropped, whatever the section's place in
    the card), and nothing else is but the urgent lines when urgent and the
    card's routing or the tool's suggestion."""
    card = load_card(str(path))
    card_plan = compile_plan(card)
    count = 0
    for answers in combinations(card_plan):
        result = evaluate(card_plan, answers)
        shown = [c for s in result.steps for c in s.contacts if result.urgent or not c.urgent_only]
        called = [c.contact for c in result.calls]
        assert set(shown) <= set(called), answers
        for call in result.calls:
            if call.why == STEP:
                assert call.contact in shown
            elif call.why == URGENT:
                assert result.urgent and call.contact.urgent_only
            else:
                assert call.contact in (*result.routed, *result.suggested)
        assert len(called) == len(set(called))
        count += 1
    assert count > 1


def test_the_first_contacts_section_is_not_special() -> None:
    """Dansk Stalking Center is the first contacts section of the fixture card:
    with routing it follows the routed contact; it is never dropped."""
    card = _age_card()
    card_plan = compile_plan(card)
    for answers in combinations(card_plan):
        assert "dsc" in _ids(evaluate(card_plan, answers)), answers


# A card's own 112 ---------------------------------------------------------------------------


def test_a_cards_own_112_is_urgent_only_always_open_and_card_text(runner: CliRunner) -> None:
    card = _age_card()
    card_plan = compile_plan(card)
    line = next(c for c in card.contacts if c.phone == "112")
    assert line.always_open and line.urgent_only and line.part_of_card
    danger = evaluate(card_plan, Answers(fare="yes", alder="voksen", rolle="udsat", uoensket="yes"))
    calm = evaluate(card_plan, Answers(fare="no", alder="voksen", rolle="udsat", uoensket="yes"))
    assert _ids(danger)[0] == "politi_akut" and danger.calls[0].why == URGENT
    assert "politi_akut" not in _ids(calm)
    for moment in (SATURDAY_22, CHRISTMAS_10, THURSDAY_14):
        assert is_open(line, moment) is True
    out = _check(runner, AGE, ["--answer", "fare=yes", "--answer", "alder=voksen"], SATURDAY_22)
    summary = out[out.index("Kort sagt") :]
    row = next(x for x in summary.splitlines() if x.strip().startswith("112"))
    assert "(tillæg)" not in row  # the card's own line, not a supplement
    assert summary.index("112") < summary.index("7979 0002")


@pytest.mark.parametrize("number", ["112", "114"])
def test_validate_refuses_112_or_114_with_office_hours(runner: CliRunner, number: str) -> None:
    line = "Hvis der er tale om akut fare - søg hjælp hos politi 112"
    text = AGE.read_text(encoding="utf-8").replace(
        f'    phone: "112"\n    card_line: "{line}"\n'
        "    always_open: true\n    urgent_only: true\n",
        f'    phone: "{number}"\n',
    )
    assert text != AGE.read_text(encoding="utf-8")
    with pytest.raises(Exception) as raised:
        card_from_text(text, "kort.yaml")
    assert f"{number} svarer døgnet rundt: skriv always_open: true" in str(raised.value)


# Hours as they are ---------------------------------------------------------------------------


def test_hours_that_differ_by_day() -> None:
    card = _age_card()
    card_plan = compile_plan(card)
    adult = evaluate(card_plan, Answers(fare="no", alder="voksen", rolle="udsat", uoensket="yes"))
    thursday = plan_at(card_plan, adult, THURSDAY_14)
    assert not thursday.after_hours and not thursday.hours_unknown
    assert thursday.calls[0].open_now is True
    friday = plan_at(card_plan, adult, FRIDAY_14)
    bo = friday.calls[0]
    assert bo.call.contact.id == "voksen_kontakt" and bo.open_now is False
    assert bo.opens_next == datetime(2026, 12, 7, 8, 0, tzinfo=DK)  # Monday
    # Dansk Stalking Center's hours are not known: never said to be open or
    # closed, so "Ring nu" says it is not known whom to reach, and lists the lines.
    dsc = next(c for c in friday.calls if c.call.contact.id == "dsc")
    assert dsc.open_now is None
    assert friday.hours_unknown and not friday.after_hours
    assert [c.phone for c in friday.round_the_clock] == ["114", "116 006"]
    # Without Dansk Stalking Center (hours unknown) on the plan it is after hours.
    card_text = AGE.read_text(encoding="utf-8").replace("    hours: unknown\n", "", 1)
    known = card_from_text(card_text, "kort.yaml")
    later = plan_at(compile_plan(known), evaluate(compile_plan(known), adult.answers), FRIDAY_14)
    assert later.after_hours and later.reopens == datetime(2026, 12, 7, 8, 0, tzinfo=DK)


def test_danish_public_holidays() -> None:
    assert easter(2026).isoformat() == "2026-04-05"
    assert easter(2027).isoformat() == "2027-03-28"
    days = {d.isoformat(): name for d, name in public_holidays(2026).items()}
    assert days == {
        "2026-01-01": "nytårsdag", "2026-04-02": "skærtorsdag", "2026-04-03": "langfredag",
        "2026-04-05": "påskedag", "2026-04-06": "2. påskedag",
        "2026-05-14": "Kristi himmelfartsdag", "2026-05-24": "pinsedag",
        "2026-05-25": "2. pinsedag", "2026-12-25": "1. juledag", "2026-12-26": "2. juledag",
    }  # fmt: skip
    assert any(name == "store bededag" for name in public_holidays(2023).values())
    assert closed_day(CHRISTMAS_10.date()) == "1. juledag"
    assert closed_day(datetime(2026, 12, 24).date()) is None  # not a public holiday
    assert closed_day(datetime(2026, 12, 24).date(), ("12-24",)) == "lukkedag 24.12."


@pytest.mark.parametrize("language", ["da", "en"])
def test_christmas_morning_is_after_hours_and_says_why(runner: CliRunner, language: str) -> None:
    """25 December 10:00 is a Friday morning: without holidays it looked like
    office hours and "Ring nu" listed five office workers."""
    card = load_card(language=language)
    card_plan = compile_plan(card)
    args = ["--lang", language, "check"]
    for pair in ("role=victim", "danger=no", "unwanted=yes", "one_sided=yes", "repeated=yes"):
        args += ["--answer", pair]
    original = clock.now
    clock.now = lambda: CHRISTMAS_10
    try:
        out = runner.invoke(app, args, env={"COLUMNS": "100"})
    finally:
        clock.now = original
    assert out.exit_code == 0, out.output
    summary = out.stdout[out.stdout.index("Kort sagt" if language == "da" else "In short") :]
    words = {
        "da": ("Uden for kontortid nu (1. juledag, fredag kl. 10:00",
               "Indtil kortets kontakter kan træffes", "Kortets kontakter fra mandag kl. 08:00"),
        "en": ("Outside office hours now (Christmas Day, Friday at 10:00",
               "Until the card's contacts can be reached",
               "The card's contacts from Monday at 08:00"),
    }[language]  # fmt: skip
    for text in words:
        assert text in summary, (text, summary)
    assert summary.index("1888") < summary.index(card.contacts[0].phone)
    assert plan_at(card_plan, evaluate(card_plan, Answers(**_victim())), CHRISTMAS_10).after_hours


def _victim() -> dict[str, str]:
    return {"role": "victim", "danger": "no", "unwanted": "yes", "one_sided": "yes",
            "repeated": "yes", "children": "no", "unit": "other"}  # fmt: skip


def test_saturday_night_on_the_age_routing_card(runner: CliRunner) -> None:
    out = _check(runner, AGE, ["--answer", "fare=no", "--answer", "alder=barn"], SATURDAY_22)
    summary = out[out.index("Kort sagt") :]
    # Anna Andersen is closed; Dansk Stalking Center's hours are not known.
    assert "Det vides ikke, om kortets kontakter kan træffes nu (lørdag kl. 22:00)." in summary
    assert "7979 0001  Anna Andersen (lukket nu)" in summary
    assert "2517 7374  Dansk Stalking Center (åbningstid ikke kendt)" in summary
    assert "Kan kortets kontakter ikke træffes, kan du eller borgeren ringe til:" in summary
    assert "i stedet" not in summary  # the card's steps still stand
    assert summary.index("7979 0001") < summary.index("114")


def test_a_card_without_hours_says_so(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "uden_tider.yaml"
    path.write_text(_no_hours_text(), encoding="utf-8")
    checked = runner.invoke(app, ["validate", str(path)])
    assert checked.exit_code == 0, checked.output
    assert "kortet oplyser ingen åbningstider" in checked.output
    for moment in (THURSDAY_14, SATURDAY_22):
        out = _check(runner, path, ["--answer", "fare=no", "--answer", "alder=voksen"], moment)
        summary = " ".join(out[out.index("Kort sagt") :].split())
        assert "Kortet oplyser ingen åbningstider, så det vides ikke, om kontakterne" in summary
        assert "7979 0002 Bo Berg (åbningstid ikke kendt)" in summary
        assert "Kan kortets kontakter ikke træffes, kan du eller borgeren ringe til:" in summary
        assert "(lukket nu)" not in summary and "Uden for kontortid" not in summary


def test_assumed_hours_are_said_in_the_closure_line(runner: CliRunner) -> None:
    args = ["--answer", "role=victim", "--answer", "danger=no", "--answer", "unwanted=yes",
            "--answer", "one_sided=yes", "--answer", "repeated=yes"]  # fmt: skip
    out = _check(runner, bundled_card_path(), args, SATURDAY_22)
    assert "Uden for kontortid nu (lørdag kl. 22:00; kontortiden er et skøn, ikke kortets)." in out


# After hours, for whom ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "listed"),
    [("victim", ["114", "1888", "116 006"]), ("perpetrator", ["114", "1888"]),
     ("unknown", ["114", "1888", "116 006"])],
)  # fmt: skip
def test_round_the_clock_lines_follow_who_the_citizen_is(role: str, listed: list[str]) -> None:
    """116 006 is for the one exposed (and witnesses, relatives): not offered
    on the path where the citizen is the one who stalks."""
    card = load_card()
    card_plan = compile_plan(card)
    result = evaluate(card_plan, Answers(**{**_victim(), "role": role}))
    assert [c.phone for c in plan_at(card_plan, result, SATURDAY_22).round_the_clock] == listed


# Every surface: the JSON reproduces the terminal's "Ring nu" -----------------------------------


def _terminal_rows(summary: str) -> list[str]:
    """The lines of the terminal's summary from the first "Ring nu" block on,
    whitespace folded."""
    return [" ".join(line.split()) for line in summary.splitlines() if line.strip()]


@pytest.mark.parametrize(
    ("path", "answers", "moment"),
    [
        (AGE, {"fare": "yes", "alder": "barn"}, SATURDAY_22),
        (AGE, {"fare": "no", "alder": "unknown", "rolle": "udoever"}, THURSDAY_14),
        (AGE, {"fare": "no", "alder": "voksen"}, CHRISTMAS_10),
        (bundled_card_path(), {**_victim(), "unit": "ungeenheden"}, SATURDAY_22),
        (bundled_card_path(), {**_victim(), "danger": "unknown", "children": "yes"},
         datetime(2026, 11, 30, 10, 0, tzinfo=DK)),
        (bundled_card_path("vejle.yaml"),
         {"danger": "no", "unwanted": "yes", "persistent": "yes", "boundary_crossing": "yes",
          "intimidating": "yes"}, datetime(2026, 11, 30, 10, 0, tzinfo=DK)),
    ],
)  # fmt: skip
def test_json_alone_prints_the_same_ring_nu_as_the_terminal(
    runner: CliRunner, path: Path, answers: dict[str, str], moment: datetime
) -> None:
    args = [a for key, value in answers.items() for a in ("--answer", f"{key}={value}")]
    text = _check(runner, path, args, moment)
    data = json.loads(_check(runner, path, [*args, "--format", "json"], moment))
    plan = data["call_plan"]
    printed: list[str] = []
    for block in plan["blocks"]:
        if block["text"]:
            printed.append(block["text"])
        printed += [call["text"] for call in block["calls"]]
    summary = text[text.index("Kort sagt") :]
    rows = _terminal_rows(summary)
    first = rows.index(" ".join(printed[0].split()))
    assert rows[first : first + len(printed)] == [" ".join(p.split()) for p in printed]
    assert plan["now"] == moment.isoformat(timespec="minutes")
    headlines = [h["text"] for h in data["summary"]["headlines"]]
    # A headline may wrap (the duty to notify states its condition, issue 23);
    # the others carry the mark "(tillæg)", 112 none.
    told = " ".join(rows[1 : rows.index(next(r for r in rows if r.startswith("Vurdering")))])
    marked = [h["text"] + ("" if h["urgent"] else " (tillæg)") for h in headlines_data(data)]
    assert told == " ".join(marked), (told, headlines)
    # contacts carry their hours
    assert all("hours" in c and "always_open" in c for c in data["contacts"])


def headlines_data(data: dict[str, Any]) -> list[dict[str, Any]]:
    return list(data["summary"]["headlines"])


def test_every_combination_and_hour_agrees_with_the_blocks() -> None:
    """ring_nu's blocks hold every call of the plan exactly once, in the
    engine's order, urgent lines first, and the lines open day and night."""
    card = _age_card()
    card_plan = compile_plan(card)
    moments = [datetime(2026, 11, 30, 0, 30, tzinfo=DK) + timedelta(hours=h) for h in range(168)]
    for answers, moment in itertools.product(
        combinations(card_plan), [*moments[::7], CHRISTMAS_10]
    ):
        result = evaluate(card_plan, answers)
        plan = plan_at(card_plan, result, moment)
        blocks = ring_nu(plan)
        listed = [at.call.contact.id for _text, calls, _later in blocks for at in calls]
        expected = [c.contact.id for c in result.calls] + [c.id for c in plan.round_the_clock]
        urgent = [c.contact.id for c in result.calls if c.why == URGENT]
        assert sorted(listed) == sorted(expected), (answers, moment)
        assert listed[: len(urgent)] == urgent


@pytest.mark.parametrize(
    "args",
    [["show"], ["show", "--format", "markdown"], ["show", "--format", "json"], ["contacts"],
     ["contacts", "--json"], ["log"], ["html"], ["validate", str(AGE)]],
)  # fmt: skip
def test_the_age_routing_card_in_every_command(runner: CliRunner, args: list[str]) -> None:
    """The fixture card's numbers, its card-owned 112 line included, on every surface."""
    result = runner.invoke(app, ["--card", str(AGE), *args], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    for number in ("2517 7374", "7979 0001", "7979 0002"):
        assert number in result.stdout or args[0] in ("validate", "log"), number
    if args[0] == "show" and len(args) == 1:
        assert "Hvis der er tale om akut fare - søg hjælp hos politi 112" in result.stdout


def test_a_line_open_day_and_night_closes_at_24() -> None:
    data = bundled_data()
    data["contacts"][-1]["hours"] = {"days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
                                     "opens": "00:00", "closes": "24:00"}  # fmt: skip
    card = card_from_text(dump(data), "kort.yaml")
    from datetime import datetime

    from stalkcard.engine.callplan import is_open

    contact = card.contacts[-1]
    assert is_open(contact, datetime(2026, 11, 29, 23, 59))
    assert is_open(contact, datetime(2026, 11, 29, 0, 0))
