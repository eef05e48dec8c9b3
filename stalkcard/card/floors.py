"""The card's safety floors, worked out on its rules: the danger question's
yes and "don't know" make the result urgent and show 112 at once (the
danger floor), every combination of answers shows someone to contact (the
contact floor, a bounded search), and the call plan's floor
(stalkcard.card.planfloor). They run only on rules that name what exists."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from stalkcard.card.findings import Problem
from stalkcard.card.model import UNKNOWN, YES, Card
from stalkcard.card.planfloor import plan_floor
from stalkcard.i18n import _

if TYPE_CHECKING:
    from stalkcard.engine.plan import Plan


def floor_checks(card: Card) -> Iterator[Problem]:
    """The card's safety floors (a contact for every answer, danger leads to
    112, someone to call at every hour): run on rules that name what exists."""
    from stalkcard.engine.plan import compile_plan

    plan = compile_plan(card)  # once: every floor runs the engine on the same plan
    yield from _contact_floor(plan)
    yield from danger_floor(plan)
    yield from plan_floor(plan)


# The most work the floor "every combination of answers leads to a step with
# someone to contact" may do, counted in conditions looked at (one question in
# one rule's condition, for one partial set of answers): about 0.1 s on a
# caseworker's PC, whatever the card. Above it the floor is conservative.
FLOOR_BUDGET = 300_000

_Atom = tuple[str, frozenset[str]]
# A step rule as the floor's search sees it: its "when" conditions still open,
# and its "when_any" conditions still open (None: met, or the rule has none).
_FloorRule = tuple[tuple[_Atom, ...], tuple[_Atom, ...] | None]


class _OverBudget(Exception):
    pass


def _floor_rules(plan: Plan) -> tuple[list[_FloorRule], dict[str, list[str]]]:
    """The step rules that show a contacts section, each condition compiled
    once (in the plan: stalkcard.engine.plan) and cut to what can still differ: a
    condition every answer meets is left out, a rule no answer meets is left
    out. With them, for each question they name, the answers to try: one of
    each group of answers that every condition treats alike."""
    from stalkcard.engine.evaluate import answer_space

    space = dict(answer_space(plan))
    contact_steps = {s.id for s in plan.card.contact_sections}
    rules: list[_FloorRule] = []
    for (when, any_of), show, _note in plan.step_rules:
        if not contact_steps & set(show):
            continue
        kept: list[_Atom] = []
        possible = True
        for key, allowed in when:
            domain = space.get(key, [])  # not a one-of question: never answered
            meets = allowed & frozenset(domain)
            if not meets:
                possible = False
                break
            if len(meets) < len(domain):
                kept.append((key, meets))
        if not possible:
            continue
        some: tuple[_Atom, ...] | None = None
        if any_of:
            some_kept: list[_Atom] = []
            for key, allowed in any_of:
                domain = space.get(key, [])
                meets = allowed & frozenset(domain)
                if len(meets) == len(domain) and domain:
                    break  # always met
                if meets:
                    some_kept.append((key, meets))
            else:
                if not some_kept:
                    continue  # no answer meets it
                some = tuple(some_kept)
        rules.append((tuple(kept), some))
    named: dict[str, list[frozenset[str]]] = {}
    for when_atoms, some_atoms in rules:
        for key, meets in (*when_atoms, *(some_atoms or ())):
            named.setdefault(key, []).append(meets)
    tried: dict[str, list[str]] = {}
    for key, sets in named.items():
        seen: set[tuple[bool, ...]] = set()
        tried[key] = []
        for value in space[key]:
            signature = tuple(value in meets for meets in sets)
            if signature not in seen:
                seen.add(signature)
                tried[key].append(value)
    return rules, tried


def _assume(rules: list[_FloorRule], key: str, value: str) -> list[_FloorRule]:
    """The rules that can still be met once `key` is answered `value`, each
    with the conditions on `key` settled."""
    out: list[_FloorRule] = []
    for when_atoms, some_atoms in rules:
        when_left: list[_Atom] = []
        possible = True
        for atom in when_atoms:
            if atom[0] != key:
                when_left.append(atom)
            elif value not in atom[1]:
                possible = False
                break
        if not possible:
            continue
        some_left: tuple[_Atom, ...] | None = None
        if some_atoms is not None:
            kept: list[_Atom] = []
            for atom in some_atoms:
                if atom[0] != key:
                    kept.append(atom)
                elif value in atom[1]:
                    break  # met
            else:
                if not kept:
                    continue
                some_left = tuple(kept)
        out.append((tuple(when_left), some_left))
    return out


def _uncovered(
    rules: list[_FloorRule], tried: dict[str, list[str]], budget: int
) -> dict[str, str] | None:
    """Answers that no rule meets (those not named may be anything), or None
    when every combination meets one. A search that answers one question at
    a time and stops where a rule is already met, instead of trying every
    combination; _OverBudget when it has looked at `budget` conditions."""
    work = 0
    stack: list[tuple[tuple[tuple[str, str], ...], list[_FloorRule]]] = [((), rules)]
    while stack:
        given, left = stack.pop()
        if any(not w and s is None for w, s in left):
            continue  # a rule is met whatever the other answers are
        if not left:
            return dict(given)
        counts: dict[str, int] = {}
        for when_atoms, some_atoms in left:
            for key, _meets in when_atoms:
                counts[key] = counts.get(key, 0) + 1
            for key, _meets in some_atoms or ():
                counts[key] = counts.get(key, 0) + 1
        key = max(counts, key=counts.__getitem__)  # the question most rules ask
        # Counting, then one pass over the rules per answer tried.
        work += len(left) + sum(counts.values()) * (1 + len(tried[key]))
        if work > budget:
            raise _OverBudget
        for value in reversed(tried[key]):
            stack.append(((*given, (key, value)), _assume(left, key, value)))
    return None


def _contact_floor(plan: Plan) -> Iterator[Problem]:
    """The card says a suspicion must always be acted on: every combination of
    answers must show at least one step with someone to contact (a contacts
    section). Only the rules that show one count; the search settles one
    question at a time and stops wherever a rule is met or none can be, so a
    card is checked without trying its combinations one by one. Its work is
    bounded (FLOOR_BUDGET): above it, a rule without conditions must show
    such a step. Exact below the bound, conservative above it, and the same on
    every load as in validate."""
    rules, tried = _floor_rules(plan)
    try:
        missing = _uncovered(rules, tried, FLOOR_BUDGET)
    except _OverBudget:
        yield Problem(
            ("screening", "rules", "steps"),
            _(
                "en regel uden betingelser skal vise et afsnit med kontakter: der er for "
                "mange kombinationer af svar til at prøve dem alle, og kortet siger, at en "
                "mistanke altid skal handles på."
            ),
        )
        return
    if missing is None:
        return
    from stalkcard.engine.evaluate import answer_space

    given = ", ".join(f"{k}={missing[k]}" for k, _values in answer_space(plan) if k in missing)
    yield Problem(
        ("screening", "rules", "steps"),
        _(
            "svarene {answers} fører ikke til et trin med nogen at kontakte "
            "(et afsnit med kind: contacts): kortet siger, at en mistanke altid "
            "skal handles på."
        ).format(answers=given or _("(ingen)")),
    )


def danger_floor(plan: Plan) -> Iterator[Problem]:
    """The safety floor for danger: "yes" and "unknown" (possible danger) must
    both make the result urgent and show an urgent instruction (112) at once."""
    from stalkcard.engine.evaluate import danger_only

    card = plan.card
    ident = plan.danger_id
    if ident is None:
        return  # reported by questioncheck.question_checks
    # Urgent means acute danger: the result says "AKUT FARE" and leads with the
    # urgent supplement (112), in the terminal, the note and the page alike. A
    # rule on another question would say so without any 112 to show.
    for index, rule in enumerate(card.screening.rules.urgent):
        others = sorted((set(rule.when) | set(rule.when_any)) - {ident})
        if others or rule.always:
            yield Problem(
                ("screening", "rules", "urgent", index),
                _(
                    "en regel for hast må kun spørge om {key} (akut fare), ikke om {others}: "
                    "hast betyder akut fare, og resultatet viser da 112."
                ).format(key=ident, others=", ".join(others) or _("ingenting (altid)")),
            )
    # Every rule's condition compiled once (in the plan), and for each rule
    # the danger answers it holds for, in one pass: not the engine run once
    # per answer of the danger question, rule by rule.
    question = next(q for q in plan.questions if q.id == ident)
    # yes and unknown too: a danger question without them is refused by
    # questioncheck.question_checks.
    choices = frozenset(c.id for c in question.choices) | {YES, UNKNOWN}
    rest = danger_only(plan, YES)
    urgent_any: set[str] = set()
    urgent_alone: set[str] = set()
    for condition in plan.urgent:
        holds = _danger_answers(condition, ident, rest, choices)
        urgent_any |= holds
        if _keys(condition) <= {ident}:
            urgent_alone |= holds
    # What urgent_supplements shows: rules on nothing but the danger question.
    shown: dict[str, set[str]] = {}
    for condition, show in plan.supplement_rules:
        if _keys(condition) == {ident}:
            for value in _danger_answers(condition, ident, rest, choices):
                shown.setdefault(value, set()).update(show)
    urgent_ids = {s.id for s in card.supplements if s.urgent}

    def leads(value: str) -> bool:
        return bool(shown.get(value, set()) & urgent_ids)

    for choice in question.choices:
        if choice.id in urgent_any and not leads(choice.id):
            yield Problem(
                ("screening", "rules", "urgent"),
                _(
                    '{key}: "{value}" gør resultatet akut, men intet tillæg med urgent: true '
                    "vises (fx 112)."
                ).format(key=ident, value=choice.id),
            )
    for value in (YES, UNKNOWN):
        if value not in urgent_alone:
            yield Problem(
                ("screening", "rules", "urgent"),
                _('{key}: "{value}" skal gøre resultatet akut (en regel med kun {key}).').format(
                    key=ident, value=value
                ),
            )
        if not leads(value):
            yield Problem(
                ("screening", "rules", "supplements"),
                _(
                    '{key}: "{value}" skal vise et tillæg med urgent: true med det samme '
                    "(fx 112), i en regel med kun {key}."
                ).format(key=ident, value=value),
            )


def _keys(condition: Any) -> set[str]:
    when, any_of = condition
    return {key for key, _values in (*when, *any_of)}


def _danger_answers(
    condition: Any, ident: str, others: Any, choices: frozenset[str]
) -> frozenset[str]:
    """The answers to the danger question `ident` for which a compiled
    condition holds when every other answer is `others`' (danger_only: "don't
    know", no unit): what matches() says for danger_only(card, value), for
    every value at once."""
    when, any_of = condition
    holds = choices
    for key, values in when:
        if key == ident:
            holds = holds & values
        elif others.get(key) not in values:
            return frozenset()
    if any_of:
        some: frozenset[str] = frozenset()
        for key, values in any_of:
            if key != ident and others.get(key) in values:
                return holds
            if key == ident:
                some = some | (values & choices)
        holds = holds & some
    return holds
