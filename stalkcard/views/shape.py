"""A result as ids, the shape the page's script computes and the note is
joined from: which steps (now, further, for the citizen), supplements,
headlines and calls it shows. The page's evaluator computes the same shape
from the same rules (tests/views/test_page_engine.py proves the two equal)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from stalkcard.views.parts import citizen_steps, split_steps, summary_headlines

if TYPE_CHECKING:
    from stalkcard.engine.plan import Plan
    from stalkcard.engine.result import Result


def result_shape(plan: Plan, result: Result) -> dict[str, Any]:
    """What the page shows for one result, as ids: the steps as the terminal
    splits them (views.split_steps): those the card says to take now, then
    those of its steps sections; the headlines as the closing summary has them
    (views.summary_headlines), less the urgent ones, which the page shows
    from danger_warning. The page's script computes the same from the rules
    (tests/views/test_page_engine.py proves the two equal)."""
    now, further = split_steps(result)
    by_headline = {s.headline: s.id for s in plan.supplements if s.headline}
    return {
        "assessment": result.assessment,
        "urgent": result.urgent,
        "steps": [[step.id, step.note] for step in now],
        "further": [[step.id, step.note] for step in further],
        # The card's advice to pass on to the citizen (to_citizen), under its own heading.
        "citizen": [[step.id, step.note] for step in citizen_steps(result)],
        "supplements": [s.id for s in result.supplements],
        # The urgent supplements that lead the result (Result.lead), whatever rule showed them.
        "lead": [s.id for s in result.lead],
        "suggested": [c.id for c in result.suggested],
        # "Ring nu" as the engine ordered it (Result.calls): id, why, whose rule.
        "calls": [[c.contact.id, c.why, c.rule] for c in result.calls],
        "roles": list(result.roles),
        "headlines": [
            by_headline[text] for text, urgent in summary_headlines(result) if not urgent
        ],
    }
