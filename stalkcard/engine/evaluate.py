"""The screening as pure functions on the compiled plan: answers in, result
out. No I/O, no prompts. The rules live in the card (screening.rules) and
are compiled once into the plan (stalkcard.engine.plan); this module only
evaluates them."""

from __future__ import annotations

from collections.abc import Iterable

import msgspec

from stalkcard.card.model import YES, Rule, Supplement
from stalkcard.engine.answers import default_answer
from stalkcard.engine.plan import Plan, condition_of, holds
from stalkcard.engine.result import ROUTE, SUGGEST, Answers, Result


def matches(rule: Rule, answers: Answers) -> bool:
    return holds(condition_of(rule), answers)


def evaluate(plan: Plan, answers: Answers) -> Result:
    assessment = next(
        (result for condition, result in plan.assessment if holds(condition, answers)), None
    )
    if assessment is None:  # validate refuses such a card; never leave a result without one
        assessment = plan.assessment[-1][1]
    urgent = any(holds(condition, answers) for condition in plan.urgent)

    notes: dict[str, str | None] = {}
    for condition, show, note in plan.step_rules:
        if holds(condition, answers):
            for ident in show:
                # A step shown without a note by any rule is shown without one.
                notes[ident] = None if notes.get(ident, "") is None else note
    result_steps = tuple(
        msgspec.structs.replace(plan.steps[ident], note=notes[ident])
        for ident in plan.step_ids
        if ident in notes
    )

    shown = {
        i for condition, show in plan.supplement_rules if holds(condition, answers) for i in show
    }
    supplements = tuple(s for s in plan.supplements if s.id in shown)
    routed = plan.fired(plan.route_rules, answers, ROUTE)
    suggested = plan.fired(plan.suggest_rules, answers, SUGGEST)
    return Result(
        answers=answers,
        assessment=assessment,
        assessment_text=plan.assessment_text[assessment],
        urgent=urgent,
        steps=result_steps,
        supplements=supplements,
        contacts=plan.contacts,
        suggested=tuple(suggested),
        routed=tuple(routed),
        # The urgent supplements this result shows (112), which lead it.
        lead=tuple(s for s in supplements if s.urgent) if urgent else (),
        calls=plan.calls(urgent, routed, suggested, result_steps),
        roles=plan.citizen_roles(answers),
        danger=danger_value(plan, answers),
    )


def answer_space(plan: Plan, names: Iterable[str] | None = None) -> list[tuple[str, list[str]]]:
    """The one-of questions (those `names`, when given) with their choice ids:
    the answers the rules can name, in the order they are asked. A many-of
    question (the forms) changes no result and is only shown back."""
    wanted = None if names is None else set(names)
    return [
        (q.id, [c.id for c in q.choices])
        for q in plan.questions
        if q.kind == "one" and (wanted is None or q.id in wanted)
    ]


def danger_only(plan: Plan, danger: str) -> Answers:
    """Answers that say nothing but `danger`: every other answer "don't know"
    (or not asked)."""
    return Answers(
        {q.id: danger if q.id == plan.danger_id else default_answer(q) for q in plan.questions}
    )


def danger_value(plan: Plan, answers: Answers) -> str | None:
    """The answer to the card's danger question."""
    ident = plan.danger_id
    value = answers.get(ident) if ident else None
    return value if isinstance(value, str) else None


def urgent_supplements(plan: Plan, danger: str = YES) -> tuple[Supplement, ...]:
    """The urgent supplements (112) to show the moment the danger question is
    answered `danger`: those marked urgent in rules that ask about nothing but
    the danger question, and match it. Empty when that answer is not (possible)
    danger, or the card has no danger question."""
    return plan.urgent_shown.get(danger, ())
