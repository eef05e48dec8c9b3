"""validate's checks of the call plan, for any card: emergency lines are
lines that answer day and night, every combination of answers puts someone
to call on "Ring nu", and at every hour of a week (and on a public holiday)
someone on it answers or a line that answers day and night is listed for
whom the citizen may be. They run the engine (stalkcard.engine.evaluate and
stalkcard.engine.callplan), so what they prove is what every surface shows."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from stalkcard.card.findings import Problem
from stalkcard.card.model import Card
from stalkcard.i18n import _

if TYPE_CHECKING:
    from stalkcard.engine.plan import Plan

EMERGENCY = ("112", "114")  # answer day and night: never a number with office hours
PLAN_LIMIT = 5_000  # combinations of the answers that change the plan, tried one by one
# The moments tried: every half hour of a week of no holiday, and a holiday morning.
WEEK = datetime(2026, 11, 30)  # a Monday
HOLIDAY = datetime(2026, 12, 25, 10, 0)  # 1. juledag, a Friday


def moments() -> list[datetime]:
    return [WEEK + timedelta(minutes=30 * n) for n in range(7 * 48)] + [HOLIDAY]


def line_problems(card: Card) -> Iterator[Problem]:
    """112 and 114 answer day and night: as a contact they are always_open, not
    a number with office hours; an urgent-only line answers day and night."""
    entries: list[tuple[str, int, Any]] = [
        ("contacts", i, c) for i, c in enumerate(card.contact_list)
    ] + [("supplement_contacts", i, c) for i, c in enumerate(card.supplement_contacts)]
    for group, index, entry in entries:
        if re.sub(r"\D", "", entry.phone or "") in EMERGENCY and not entry.always_open:
            yield Problem(
                (group, index, "phone"),
                _(
                    "{phone} svarer døgnet rundt: skriv always_open: true (og for 112 "
                    "urgent_only: true) i stedet for åbningstider."
                ).format(phone=entry.phone),
            )
        elif entry.urgent_only and not entry.always_open:
            yield Problem(
                (group, index, "urgent_only"),
                _("en linje kun til akut fare skal svare døgnet rundt (always_open: true)."),
            )
        if entry.always_open and entry.hours is not None:
            yield Problem(
                (group, index, "hours"),
                _("en linje, der svarer døgnet rundt (always_open), har ingen åbningstider."),
            )


def plan_floor(plan: Plan) -> Iterator[Problem]:
    """Every combination of the answers that change "Ring nu" puts someone to
    call on it who is not only for acute danger, and at every moment of
    moments() someone on it answers or a line that answers day and night is
    listed for whom the citizen may be."""
    from stalkcard.engine.answers import default_answer
    from stalkcard.engine.callplan import day_and_night_lines, is_open
    from stalkcard.engine.evaluate import answer_space, evaluate
    from stalkcard.engine.result import Answers

    rules = plan.card.screening.rules
    named = {
        key
        for group in (rules.steps, rules.route, rules.suggest, rules.urgent)
        for r in group
        for key in (*r.when, *r.when_any)
    } | {key for key, _value in plan.roles}
    space = answer_space(plan, named)
    if math.prod(len(values) for _key, values in space) > PLAN_LIMIT:
        everyone = [c for c in plan.always_open if not c.urgent_only and not c.audience]
        if not everyone:
            yield Problem(
                ("screening", "rules"),
                _(
                    "der er for mange kombinationer af svar til at prøve, hvem der kan "
                    "træffes, i dem alle: tilføj en linje, der svarer døgnet rundt for alle "
                    "(always_open: true, uden for og urgent_only), fx 114."
                ),
            )
        return
    base = {q.id: default_answer(q) for q in plan.questions}
    seen: set[Any] = set()
    for combination in itertools.product(*(values for _key, values in space)):
        given = dict(zip((key for key, _values in space), combination, strict=True))
        result = evaluate(plan, Answers({**base, **given}))
        key = (tuple((c.contact.id, c.why) for c in result.calls), result.roles, result.urgent)
        if key in seen:
            continue
        seen.add(key)
        answers = ", ".join(f"{k}={v}" for k, v in given.items()) or _("(ingen)")
        if not any(not c.contact.urgent_only for c in result.calls):
            yield Problem(
                ("screening", "rules", "steps"),
                _(
                    "svarene {answers} giver ingen at ringe til under «Ring nu» (ud over "
                    "linjer kun til akut fare): kortet siger, at en mistanke altid skal "
                    "handles på."
                ).format(answers=answers),
            )
            return
        # callplan.plan_at lists these lines whenever no one on "Ring nu" is
        # known to answer: with one for this citizen, every moment is covered;
        # else someone on "Ring nu" must answer at each.
        if day_and_night_lines(plan, result):
            continue
        for moment in moments():
            if any(is_open(c.contact, moment, plan.closed_days) for c in result.calls):
                continue
            yield Problem(
                ("screening", "rules"),
                _(
                    "svarene {answers}: {when} kan ingen under «Ring nu» træffes, og der er "
                    "ingen linje, der svarer døgnet rundt for borgeren eller dig. Tilføj en "
                    "(always_open: true), fx 114 som tillæg med kilde, eller ret "
                    "åbningstiderne."
                ).format(answers=answers, when=_moment_words(moment)),
            )
            return


def _moment_words(moment: datetime) -> str:
    from stalkcard.clock import moment_text
    from stalkcard.engine.holidays import closed_day

    return moment_text(moment, closed_day(moment.date()))


def keeper_notes(card: Card) -> list[str]:
    """What validate says though the card is valid: a card that gives no hours."""
    from stalkcard.engine.plan import compile_plan

    if compile_plan(card).has_hours:
        return []
    return [
        _(
            "Bemærk: kortet oplyser ingen åbningstider (meta.office_hours eller hours på "
            "kontakterne). Resultatet siger derfor, at det ikke vides, om kontakterne kan "
            "træffes, og viser linjer, der svarer døgnet rundt."
        )
    ]
