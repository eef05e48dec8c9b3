"""The compiled plan: what the engine and every view need of a card, worked
out once when the card is loaded (stalkcard.card.reading.load_plan) and passed
explicitly from there on: the questions with their choices, the contacts, the
step table, every rule's condition normalised, the lines that answer day and
night, who the citizen may be. Immutable: nothing downstream changes it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType

import msgspec

from stalkcard.card.model import (
    CITIZEN_ROLES,
    Card,
    Contact,
    ContactsSection,
    Rule,
    Supplement,
)
from stalkcard.engine.questions import Question, resolve
from stalkcard.engine.result import ROUTE, STEP, SUGGEST, URGENT, Answers, Call, ResultStep
from stalkcard.i18n import _


def card_steps(card: Card, contacts: Sequence[Contact]) -> dict[str, ResultStep]:
    """Every step a result can show, by id, with its text: a contacts section
    is a step with the contacts it lists (of `contacts`: the card's); a steps
    section gives its steps."""
    by_id: dict[str, ResultStep] = {}
    for section in card.sections:
        if isinstance(section, ContactsSection):
            listed = tuple(c for c in contacts if c.group == section.id)
            heading = section.heading or section.label or _("Kontakt")
            paragraphs = tuple(section.paragraphs)
            by_id[section.id] = ResultStep(
                section.id,
                heading,
                paragraphs,
                contacts=listed,
                after=tuple(section.closing),
                url=section.url,
            )
    for group in card.step_sections:
        for step in group.steps:
            heading, paragraphs = _titled(step.heading, step.paragraphs, step.id)
            by_id[step.id] = ResultStep(
                step.id,
                heading,
                paragraphs,
                group=group.id,
                url=step.url,
                citizen=step.to_citizen or group.to_citizen,
            )
    return by_id


def _titled(
    heading: str | None, paragraphs: Sequence[str], fallback: str
) -> tuple[str, tuple[str, ...]]:
    """A step's title and text: a step without a heading (a one-line step) is
    titled by its first paragraph, which then is not repeated."""
    if heading is not None:
        return heading, tuple(paragraphs)
    if paragraphs:
        return paragraphs[0], tuple(paragraphs[1:])
    return fallback, ()


Condition = tuple[tuple[tuple[str, frozenset[str]], ...], tuple[tuple[str, frozenset[str]], ...]]


def condition_of(rule: Rule) -> Condition:
    """A rule's "when" and "when_any", normalised once: (key, allowed values)."""
    return (
        tuple((key, frozenset(values)) for key, values in rule.values("when").items()),
        tuple((key, frozenset(values)) for key, values in rule.values("when_any").items()),
    )


def holds(condition: Condition, answers: Answers) -> bool:
    """Whether the answers meet a condition normalised by condition_of."""
    when, any_of = condition
    if not all(answers.get(key) in values for key, values in when):
        return False
    return not any_of or any(answers.get(key) in values for key, values in any_of)


Conditions = tuple[tuple[Condition, tuple[str, ...]], ...]


class Plan(msgspec.Struct, frozen=True, eq=False, kw_only=True):
    """A card compiled for the engine and the views (see the module's doc).
    Evaluating is then the rules alone, however many contacts the card has.
    Made by compile_plan; frozen, its tables read-only."""

    card: Card
    questions: tuple[Question, ...]
    danger_id: str | None
    contacts: tuple[Contact, ...]  # the card's, in its contacts sections' order
    extra_contacts: tuple[Contact, ...]  # the numbers that are not on the card
    by_contact: Mapping[str, Contact]
    by_unit: Mapping[str, tuple[Contact, ...]]  # a unit: every contact in it
    steps: Mapping[str, ResultStep]
    step_ids: tuple[str, ...]
    assessment: tuple[tuple[Condition, str], ...]
    assessment_text: Mapping[str, str]
    urgent: tuple[Condition, ...]
    step_rules: tuple[tuple[Condition, tuple[str, ...], str | None], ...]
    supplement_rules: Conditions
    suggest_rules: Conditions
    route_rules: Conditions
    supplements: tuple[Supplement, ...]
    # The lines that answer day and night (the card's own, then the
    # supplements'), each number once, and of those the urgent ones (112).
    always_open: tuple[Contact, ...]
    urgent_lines: tuple[Contact, ...]
    # Who the citizen is, by a one-of question whose choices say so.
    roles: Mapping[tuple[str, str], str]
    unit_labels: Mapping[str, str]
    closed_days: tuple[str, ...]
    # Whether the card gives any hours at all ("unknown" gives none).
    has_hours: bool
    # The urgent supplements (112) each answer of the danger question shows at
    # once (urgent_shown), by answer.
    urgent_shown: Mapping[str, tuple[Supplement, ...]]

    def question(self, ident: str) -> Question:
        return next(q for q in self.questions if q.id == ident)

    def suggestion(self, ident: str) -> tuple[Contact, ...]:
        if ident in self.by_contact:
            return (self.by_contact[ident],)
        return self.by_unit.get(ident, ())

    def fired(self, rules: Conditions, answers: Answers, name: str) -> dict[Contact, str]:
        """The contacts that holding route or suggest rules name, in order, each
        with the first rule that named it ("route 1")."""
        out: dict[Contact, str] = {}
        for number, (condition, show) in enumerate(rules, start=1):
            if holds(condition, answers):
                for ident in show:
                    for contact in self.suggestion(ident):
                        out.setdefault(contact, f"{name} {number}")
        return out

    def citizen_roles(self, answers: Answers) -> tuple[str, ...]:
        """Who the citizen is by the answers: the role of a chosen choice that
        has one; both when no answer says."""
        found = {role for (key, value), role in self.roles.items() if answers.get(key) == value}
        return tuple(r for r in CITIZEN_ROLES if r in found) or CITIZEN_ROLES

    def calls(
        self,
        urgent: bool,
        routed: dict[Contact, str],
        suggested: dict[Contact, str],
        steps: tuple[ResultStep, ...],
    ) -> tuple[Call, ...]:
        """ "Ring nu", in one order: the urgent lines when the result is urgent,
        the card's routing, the tool's suggestion, then the contacts of the
        contacts steps the rules showed, in the card's order. Never a contact
        the rules did not show; an urgent-only line only when urgent."""
        order: dict[str, Call] = {}
        if urgent:
            for contact in self.urgent_lines:
                order.setdefault(contact.id, Call(contact, URGENT, URGENT))
        for why, named in ((ROUTE, routed), (SUGGEST, suggested)):
            for contact, rule in named.items():
                order.setdefault(contact.id, Call(contact, why, rule))
        for step in steps:
            for contact in step.contacts:
                if urgent or not contact.urgent_only:
                    order.setdefault(contact.id, Call(contact, STEP, step.id))
        return tuple(order.values())


def compile_plan(card: Card) -> Plan:
    """The card's plan. Loading makes it once (stalkcard.card.reading.load_plan);
    the safety floors compile the card they check."""
    rules = card.screening.rules
    questions = tuple(resolve(card, q) for q in card.questions)
    danger_id = next((q.id for q in questions if q.danger), None)
    supplement_rules = tuple((condition_of(r), tuple(r.show)) for r in rules.supplements)
    supplements = tuple(card.supplements)
    contacts = tuple(card.contacts)
    extra = tuple(card.extra_contacts)
    by_phone: dict[str, Contact] = {}
    for line in (c for c in contacts + extra if c.always_open):
        by_phone.setdefault(line.phone, line)
    always_open = tuple(by_phone.values())
    return Plan(
        card=card,
        questions=questions,
        danger_id=danger_id,
        contacts=contacts,
        extra_contacts=extra,
        by_contact=MappingProxyType({c.id: c for c in contacts}),
        by_unit=MappingProxyType(
            {u.id: tuple(c for c in contacts if c.unit_id == u.id) for u in card.units}
        ),
        steps=MappingProxyType(card_steps(card, contacts)),
        step_ids=tuple(card.step_ids),
        assessment=tuple((condition_of(r), r.result) for r in rules.assessment),
        assessment_text=MappingProxyType({a.id: a.text for a in card.screening.assessments}),
        urgent=tuple(condition_of(r) for r in rules.urgent),
        step_rules=tuple((condition_of(r), tuple(r.show), r.note) for r in rules.steps),
        supplement_rules=supplement_rules,
        suggest_rules=tuple((condition_of(r), tuple(r.show)) for r in rules.suggest),
        route_rules=tuple((condition_of(r), tuple(r.show)) for r in rules.route),
        supplements=supplements,
        always_open=always_open,
        urgent_lines=tuple(c for c in always_open if c.urgent_only),
        roles=MappingProxyType(
            {(q.id, c.id): c.role for q in card.questions for c in (q.choices or []) if c.role}
        ),
        unit_labels=MappingProxyType({u.id: u.name for u in card.units}),
        closed_days=tuple(card.meta.closed_days),
        has_hours=any(c.hours is not None for c in contacts + extra if not c.always_open),
        urgent_shown=MappingProxyType(
            urgent_shown(questions, danger_id, supplement_rules, supplements)
        ),
    )


def urgent_shown(
    questions: Sequence[Question],
    danger_id: str | None,
    supplement_rules: Conditions,
    supplements: Sequence[Supplement],
) -> dict[str, tuple[Supplement, ...]]:
    """The urgent supplements (112) to show the moment the danger question is
    answered, for every answer of it, in one pass: the rules on the danger
    question alone are found once, and each asks only about that answer."""
    if danger_id is None:
        return {}
    only = [
        (condition, shows)
        for condition, shows in supplement_rules
        if {key for key, _v in (*condition[0], *condition[1])} == {danger_id}
    ]
    question = next(q for q in questions if q.id == danger_id)
    shown: dict[str, set[str]] = {c.id: set() for c in question.choices}
    for (when, any_of), shows in only:
        # A rule on this question alone holds for the answers every "when"
        # allows and (with a "when_any") one of its parts allows.
        admitted = set(shown)
        for _key, values in when:
            admitted &= values
        if any_of:
            admitted &= set().union(*(values for _key, values in any_of))
        for value in admitted:
            shown[value].update(shows)
    return {
        value: tuple(s for s in supplements if s.id in ids and s.urgent)
        for value, ids in shown.items()
    }
