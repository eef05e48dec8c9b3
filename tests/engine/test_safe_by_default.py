"""Safe by default (issue 16): the law on every path, the duty to notify, who
answers now, a safety plan, and the note in the card's own words. Both languages."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from helpers import card_answers, clock_at, normalise, run_stalkcard
from typer.testing import CliRunner

from stalkcard import clock
from stalkcard.card.fields import OfficeHours
from stalkcard.card.model import Contact, StepsSection
from stalkcard.card.reading import load_card
from stalkcard.cli.app import app
from stalkcard.engine.callplan import is_open, next_opening, plan_at
from stalkcard.engine.evaluate import evaluate
from stalkcard.engine.plan import compile_plan

DK = ZoneInfo("Europe/Copenhagen")
SATURDAY_22 = datetime(2026, 11, 28, 22, 0, tzinfo=DK)
MONDAY_10 = datetime(2026, 11, 30, 10, 0, tzinfo=DK)
MONDAY_07 = datetime(2026, 11, 30, 7, 0, tzinfo=DK)
CARDS = {"da": load_card(), "en": load_card(language="en")}
WORDS = {
    "da": {
        "after": "Uden for kontortid nu (lørdag kl. 22:00",
        "again": "Kortets kontakter fra mandag kl. 08:00",
        "call_now": "Ring nu (kontortiden er et skøn, ikke kortets; tjek kommunens tider):",
        "duty": "Underretningspligt",
        "not_sparring": "sparring er ikke nok",
        "duty_question": "Så kan du have underretningspligt",
        "not_asked": "Former set: Ikke spurgt",
        "intro": "Borgerens primære kontaktperson (evt. sagsbehandleren) afdækker",
        "safety": "Gennemgå sikkerheden sammen med den udsatte",
        "assumed": "kontortiden er et skøn, ikke kortets",
    },
    "en": {
        "after": "Outside office hours now (Saturday at 22:00",
        "again": "The card's contacts from Monday at 08:00",
        "call_now": "Call now (the office hours are an estimate, not the card's; check the "
        "municipality's hours):",
        "duty": "Duty to notify",
        "not_sparring": "consultation is not enough",
        "duty_question": "Then you may have a duty to notify",
        "not_asked": "Forms seen: Not asked",
        "intro": "The citizen's primary contact person",
        "safety": "Go through safety with the person being stalked",
        "assumed": "the office hours are an estimate, not the card's",
    },
}
VICTIM_MET = [
    *("--answer", "role=victim", "--answer", "danger=no", "--answer", "unwanted=yes"),
    *("--answer", "one_sided=yes", "--answer", "repeated=yes", "--answer", "children=no"),
]


def _check(runner: CliRunner, language: str, args: list[str], at: datetime) -> str:
    original = clock.now
    clock.now = lambda: at  # the one place the tool reads the clock
    try:
        result = runner.invoke(app, ["--lang", language, "check", *args])
    finally:
        clock.now = original
    assert result.exit_code == 0, result.output
    return result.output


# Who answers now ----------------------------------------------------------------------

HOURS = OfficeHours(days=("mon", "tue", "wed", "thu", "fri"), opens="08:00", closes="15:00")
OFFICE = Contact("office", "organisation", "Kontoret", None, "9999 0000", "", hours=(HOURS,))


def test_office_hours_are_weekdays_in_danish_time() -> None:
    assert is_open(OFFICE, MONDAY_10)
    assert not is_open(OFFICE, MONDAY_07)
    assert not is_open(OFFICE, SATURDAY_22)
    assert not is_open(OFFICE, datetime(2026, 11, 30, 15, 0, tzinfo=DK))  # closes at 15:00
    unknown = Contact("x", "organisation", "X", None, "9999 0001", "")  # hours not known
    assert is_open(unknown, SATURDAY_22) is None  # no claim either way
    assert next_opening(OFFICE, SATURDAY_22) == datetime(2026, 11, 30, 8, 0, tzinfo=DK)
    assert next_opening(OFFICE, MONDAY_07) == datetime(2026, 11, 30, 8, 0, tzinfo=DK)


@pytest.mark.parametrize("danger", ["yes", "unknown", "no"])
def test_after_hours_the_round_the_clock_lines_come_first(danger: str) -> None:
    card = CARDS["da"]
    card_plan = compile_plan(card)
    result = evaluate(card_plan, card_answers("victim", danger, "yes", "yes", "yes"))
    plan = plan_at(card_plan, result, SATURDAY_22)
    assert plan.after_hours
    phones = [c.phone for c in plan.round_the_clock]
    assert phones == ["114", "1888", "116 006"]  # 116 006: the citizen is the one stalked
    assert all(not c.part_of_card and c.source for c in plan.round_the_clock)
    calls = [c.call.contact.phone for c in plan.calls]
    assert calls[:1] == (["112"] if danger != "no" else ["8794 7626"])  # 112 leads in danger
    assert calls[-2:] == ["2517 7374", "7628 1448"]
    # In office hours the same calls, in the same order, and no lines besides.
    monday = plan_at(card_plan, result, MONDAY_10)
    assert not monday.after_hours and not monday.round_the_clock
    assert [c.call for c in monday.calls] == [c.call for c in plan.calls]


@pytest.mark.parametrize("language", ["da", "en"])
def test_saturday_night_summary_leads_with_lines_that_answer(
    runner: CliRunner, language: str
) -> None:
    out = _check(runner, language, [*VICTIM_MET, "--answer", "unit=ungeenheden"], SATURDAY_22)
    summary = out[out.index(WORDS[language]["after"]) :]
    for round_the_clock in ("114", "1888", "116 006"):
        assert summary.index(round_the_clock) < summary.index("8794 7983"), round_the_clock
    assert WORDS[language]["again"] in summary
    assert WORDS[language]["assumed"] in normalise(summary)
    assert WORDS[language]["call_now"] not in summary


@pytest.mark.parametrize("language", ["da", "en"])
def test_monday_morning_the_suggested_person_leads(runner: CliRunner, language: str) -> None:
    out = _check(runner, language, [*VICTIM_MET, "--answer", "unit=ungeenheden"], MONDAY_10)
    call = out[out.index(WORDS[language]["call_now"]) :].splitlines()
    assert "8794 7983" in call[1]
    assert WORDS[language]["after"] not in out


def test_saturday_night_in_a_real_process_with_danger() -> None:
    """The process reads the real clock (set from outside with libfaketime)."""
    args = ["check", *(a.replace("danger=no", "danger=yes") for a in VICTIM_MET)]
    result = run_stalkcard(args, {"COLUMNS": "80", **clock_at("2026-11-28 22:00:00")})
    assert result.returncode == 0, result.stderr
    summary = result.stdout[result.stdout.index("Kort sagt") :].splitlines()
    rows = [line.split()[0] for line in summary if line[:3] == "  " + line.strip()[:1]]
    numbers = [r for r in rows if r[:1].isdigit()]
    assert numbers[:4] == ["112", "114", "1888", "116"]  # then the card's, for Monday
    assert "Uden for kontortid nu (lørdag kl. 22:00" in "\n".join(summary)


# The duty to notify -------------------------------------------------------------------


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("children", ["yes", "unknown"])
def test_children_bring_the_duty_into_the_summary(
    runner: CliRunner, language: str, children: str
) -> None:
    args = [a.replace("children=no", f"children={children}") for a in VICTIM_MET]
    out = _check(runner, language, args, MONDAY_10)
    summary = normalise(out[out.rindex("─") :])
    # Issue 23: "ja" states the condition and who sends it; "ved ikke" asks.
    if children == "yes":
        assert WORDS[language]["duty"] in summary
        assert WORDS[language]["not_sparring"] in summary
    else:
        assert WORDS[language]["duty_question"] in summary


@pytest.mark.parametrize("language", ["da", "en"])
def test_no_duty_line_without_children(runner: CliRunner, language: str) -> None:
    out = _check(runner, language, VICTIM_MET, MONDAY_10)
    assert WORDS[language]["duty"] not in out


# The law, a safety plan, the note -------------------------------------------------------


@pytest.mark.parametrize("language", ["da", "en"])
def test_criteria_met_result_keeps_the_cards_further_action_and_a_safety_plan(
    runner: CliRunner, language: str
) -> None:
    out = normalise(_check(runner, language, VICTIM_MET, MONDAY_10))
    further = CARDS[language].section("videre_handling")
    assert isinstance(further, StepsSection)
    assert further.heading in out
    assert WORDS[language]["intro"] in out
    assert further.paragraphs[0] in out  # the card's own words, whole
    assert WORDS[language]["safety"] in out
    # The card's "bør muligvis" stays as it is.
    coordination = next(s for s in further.steps if s.id == "coordination")
    assert coordination.paragraphs[0] in out


def test_the_note_says_what_was_not_asked_and_holds_no_verdict(
    runner: CliRunner, tmp_path: Path
) -> None:
    note = tmp_path / "notat.md"
    args = ["check", "--answer", "role=victim", "--answer", "danger=no", "--answer", "unwanted=no"]
    args += [
        "--answer",
        "one_sided=no",
        "--answer",
        "repeated=no",
        "--note",
        str(note),
        "--note-format",
        "markdown",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    text = note.read_text(encoding="utf-8")
    assert "- " + WORDS["da"]["not_asked"] in text
    assert "Former set: Ingen" not in text
    assert "måske ikke" not in text
    assert "Straffelovens § 242: »Den, der på en måde" in text  # the law's own words
    assert "## VIDERE HANDLING" in text
    assert "Dette kan gøres på følgende måder:" in text


def test_a_closed_suggested_person_is_marked_and_the_open_ones_stay(
    make_card: object, card_text: str, runner: CliRunner
) -> None:
    """SSP works evenings: the suggested SSP person keeps the first line and is
    marked closed while the others answer; "after hours" only when no one on
    "Ring nu" answers (a fresh-eyes review found the open contacts moved to
    "later" when only the suggested person was closed)."""
    ssp = '    phone: "2031 5268"\n'
    evening = ssp + (
        '    hours: { days: [mon, tue, wed, thu, fri], opens: "15:00", closes: "22:00" }\n'
    )
    text = card_text.replace(ssp, evening)
    assert text != card_text
    path = make_card(text=text)  # type: ignore[operator]
    args = ["--card", str(path), "check", *VICTIM_MET, "--answer", "unit=ssp"]
    original = clock.now
    out = {}
    try:
        for name, hour in (("morning", 10), ("afternoon", 16), ("night", 23)):
            clock.now = lambda hour=hour: datetime(2026, 11, 30, hour, 0, tzinfo=DK)
            result = runner.invoke(app, args)
            assert result.exit_code == 0, result.output
            out[name] = result.output
    finally:
        clock.now = original
    # 10:00: the others answer; SSP leads, marked closed; no "after hours".
    morning = out["morning"][out["morning"].index("Kort sagt") :]
    assert "Uden for kontortid" not in morning
    assert "2031 5268  Marlene Skousbøll Bendix, SSP konsulent (forslag) (lukket nu)" in morning
    assert "8794 7626  Nikoline Petersen, Arbejdsmarkedsudvikling\n" in morning
    # 23:00: no one answers; the first to open again is the others' 08:00.
    assert "Kortets kontakter fra tirsdag kl. 08:00" in out["night"]
    # 16:00: SSP answers and leads; Dansk Stalking Center (assumed 8-15) is marked.
    summary = out["afternoon"][out["afternoon"].index("Kort sagt") :]
    assert "2031 5268  Marlene Skousbøll Bendix, SSP konsulent (forslag)\n" in summary
    assert "2517 7374  Dansk Stalking Center (lukket nu)" in summary
    assert "Uden for kontortid" not in out["afternoon"]


def test_without_a_known_time_the_lines_open_day_and_night_are_listed() -> None:
    """A clock that cannot be read (after 2262, or no zone database): no one is
    said to be open or closed, and 114, 1888 and 116 006 are listed, as when
    the hours are not known (the review found only the office numbers)."""
    card = CARDS["da"]
    card_plan = compile_plan(card)
    result = evaluate(card_plan, card_answers("victim", "no", "yes", "yes", "yes"))
    plan = plan_at(card_plan, result, None)
    assert plan.time_unknown and [c.phone for c in plan.round_the_clock] == [
        "114", "1888", "116 006"
    ]  # fmt: skip
    process = run_stalkcard(
        ["check", *VICTIM_MET], {"COLUMNS": "100", **clock_at("2263-01-01 10:00:00")}
    )
    assert process.returncode == 0, process.stderr
    summary = " ".join(process.stdout[process.stdout.index("Kort sagt") :].split())
    assert "Det vides ikke, hvem der kan træffes nu" in summary
    assert summary.index("Kan kortets kontakter ikke træffes") < summary.index("1888")
    assert "(lukket nu)" not in summary


@pytest.mark.parametrize("language", ["da", "en"])
def test_assumed_hours_are_marked_in_office_hours_too(runner: CliRunner, language: str) -> None:
    """A public holiday on a weekday looks like office hours: the summary says
    the hours are assumed and holidays are not included, so the caseworker knows."""
    out = normalise(_check(runner, language, VICTIM_MET, MONDAY_10))
    assert WORDS[language]["call_now"] in out
