"""The tests' side of the offline page: every combination of answers, and what
the page must show for each. They lived in stalkcard/views/page.py, which
needs neither (issue 25: no code for the tests in the program)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from stalkcard.engine.evaluate import answer_space, evaluate
from stalkcard.engine.plan import Plan
from stalkcard.engine.result import Answers
from stalkcard.views.shape import result_shape


def combinations(plan: Plan) -> Iterator[Answers]:
    """Every combination of the one-of answers (the many-of ones not chosen),
    in the questions' order: for the tests, where the space is small."""
    space = answer_space(plan)
    rest = {q.id: () for q in plan.questions if q.kind == "many"}
    order = [q.id for q in plan.questions]
    for combo in itertools.product(*(values for _key, values in space)):
        given: dict[str, Any] = {**rest, **dict(zip((k for k, _v in space), combo, strict=True))}
        yield Answers({key: given[key] for key in order})


def shape_of(plan: Plan, answers: Answers) -> dict[str, Any]:
    """What the page must show for these answers (for the tests)."""
    return result_shape(plan, evaluate(plan, answers))
