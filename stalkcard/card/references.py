"""The checks that span fields, in the order validate reports them: ids are
used once, and every id a rule, section, question or the log names exists,
with the text, contact and question checks (stalkcard.card.textcheck,
.contactcheck, .questioncheck) between them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date

from stalkcard.card.contactcheck import (
    contact_checks,
    hours_checks,
    lost_contacts,
    phone_checks,
)
from stalkcard.card.findings import Problem
from stalkcard.card.model import (
    Card,
    ContactsSection,
    DefinitionSection,
    FormsSection,
    RouteRule,
    Rule,
    StepRule,
    SuggestRule,
    SupplementRule,
    TextSection,
)
from stalkcard.card.planfloor import line_problems
from stalkcard.card.questioncheck import choice_labels, question_checks
from stalkcard.card.textcheck import section_text_checks, text_checks
from stalkcard.i18n import N_, _

UNKNOWN_STEP = N_('trinnet "{id}" findes ikke; brug en af: {ids}.')
UNKNOWN_CONTACT = N_('kontakten eller enheden "{id}" findes ikke; brug en af: {ids}.')
UNKNOWN_SUPPLEMENT = N_('tillægget "{id}" findes ikke under supplements.')


def cross_checks(card: Card, today: date | None = None) -> Iterator[Problem]:
    """Rules that span fields: known ids, no duplicates, the card's safety floor,
    visible one-line text and a sensible date (against `today`, when given)."""
    yield from text_checks(card, today)

    def duplicates(items: Iterable[tuple[str, tuple[int | str, ...]]]) -> Iterator[Problem]:
        """Each (id, where it stands): the second use is reported on its own line."""
        seen: set[str] = set()
        for ident, loc in items:
            if ident in seen:
                yield Problem((*loc, "id"), _('id "{id}" bruges to gange.').format(id=ident))
            seen.add(ident)

    def listed(ids: Iterable[str], *loc: int | str) -> list[tuple[str, tuple[int | str, ...]]]:
        return [(ident, (*loc, index)) for index, ident in enumerate(ids)]

    yield from duplicates(listed((s.id for s in card.sections), "sections"))
    # One space: a suggestion names a unit or a contact. A contact given an
    # id that is taken has lost its own: the sections that name the lost id
    # are said with the duplicate, not as problems of their own (no cascade).
    lost = lost_contacts(card)
    for problem in duplicates(
        listed((u.id for u in card.units), "units")
        + listed((c.id for c in card.contact_list), "contacts")
        + listed((s.id for s in card.supplement_contacts), "supplement_contacts")
    ):
        if lost and problem.loc[0] == "contacts":
            problem = problem._replace(
                message=problem.message
                + " "
                + _(
                    "Kortets afsnit nævner {ids}, som ingen kontakt har: var det denne kontakts id?"
                ).format(ids=", ".join(f'"{i}"' for i in lost))
            )
        yield problem
    steps: list[tuple[str, tuple[int | str, ...]]] = []
    criteria: list[tuple[str, tuple[int | str, ...]]] = []
    for index, section in enumerate(card.sections):
        if isinstance(section, FormsSection):
            yield from duplicates(listed((f.id for f in section.forms), "sections", index, "forms"))
        elif isinstance(section, DefinitionSection):
            criteria += listed((c.id for c in section.criteria), "sections", index, "criteria")
        elif isinstance(section, ContactsSection):
            steps.append((section.id, ("sections", index)))
        elif not isinstance(section, TextSection):
            steps += listed((s.id for s in section.steps), "sections", index, "steps")
    yield from duplicates(steps)
    yield from duplicates(criteria)
    yield from section_text_checks(card)
    yield from duplicates(listed((q.id for q in card.questions), "questions"))
    yield from duplicates(listed((s.id for s in card.supplements), "supplements"))
    yield from duplicates(
        listed((a.id for a in card.screening.assessments), "screening", "assessments")
    )
    yield from contact_checks(card)
    yield from phone_checks(card)
    yield from question_checks(card)
    for index, ident in enumerate(card.screening.with_assessment):
        if not isinstance(card.section(ident), TextSection):
            yield Problem(
                ("screening", "with_assessment", index),
                _('"{id}" er ikke et tekstafsnit (kind: text) under sections.').format(id=ident),
            )

    rules = card.screening.rules
    groups: list[tuple[str, Sequence[Rule]]] = [
        ("assessment", rules.assessment),
        ("urgent", rules.urgent),
        ("steps", rules.steps),
        ("supplements", rules.supplements),
        ("route", rules.route),
        ("suggest", rules.suggest),
    ]
    from stalkcard.engine.questions import questions

    asked = {q.id: q for q in questions(card) if q.kind == "one"}
    for group, items in groups:
        for index, rule in enumerate(items):
            loc = ("screening", "rules", group, index)
            for part in ("when", "when_any"):
                for key, values in rule.values(part).items():
                    question = asked.get(key)
                    if question is None:
                        yield Problem(
                            (*loc, part, key),
                            _(
                                '"{key}" er ikke et spørgsmål med ét svar; brug en af: {keys}.'
                            ).format(key=key, keys=", ".join(asked)),
                        )
                        continue
                    allowed = [c.id for c in question.choices]
                    if not values or any(v not in allowed for v in values):
                        yield Problem(
                            (*loc, part, key),
                            _('"{key}" kan kun være: {values}.').format(
                                key=key, values=", ".join(allowed)
                            ),
                        )

    assessment_ids = {a.id for a in card.screening.assessments}
    for index, a_rule in enumerate(rules.assessment):
        if a_rule.result not in assessment_ids:
            yield Problem(
                ("screening", "rules", "assessment", index, "result"),
                _('vurderingen "{id}" findes ikke under screening.assessments.').format(
                    id=a_rule.result
                ),
            )
    if not rules.assessment[-1].always:
        yield Problem(
            ("screening", "rules", "assessment", len(rules.assessment) - 1),
            _(
                "den sidste vurderingsregel skal gælde altid (uden when), "
                "så ingen svar står uden vurdering."
            ),
        )
    yield from unknown_shown("steps", rules.steps, card.step_ids, UNKNOWN_STEP)
    yield from hours_checks(card)
    yield from choice_labels(card)
    for group, routing in (("route", rules.route), ("suggest", rules.suggest)):
        yield from unknown_shown(
            group,
            routing,
            [c.id for c in card.contact_list] + [u.id for u in card.units],
            UNKNOWN_CONTACT,
        )
    yield from line_problems(card)
    yield from unknown_shown(
        "supplements", rules.supplements, [s.id for s in card.supplements], UNKNOWN_SUPPLEMENT
    )
    yield from log_checks(card)


def log_checks(card: Card) -> Iterator[Problem]:
    guide = card.log
    if guide is None:
        return
    if guide.quote is not None and guide.quote not in card.step_ids:
        yield Problem(
            ("log", "quote"),
            _(UNKNOWN_STEP).format(id=guide.quote, ids=", ".join(card.step_ids)),
        )
    if guide.forms is not None and not isinstance(card.section(guide.forms), FormsSection):
        yield Problem(
            ("log", "forms"), _('"{id}" er ikke et afsnit med kind: forms.').format(id=guide.forms)
        )
    known = {s.id for s in card.supplements}
    for index, ident in enumerate(guide.supplements):
        if ident not in known:
            yield Problem(("log", "supplements", index), _(UNKNOWN_SUPPLEMENT).format(id=ident))


def unknown_shown(
    group: str,
    rules: Sequence[StepRule | SuggestRule | SupplementRule | RouteRule],
    known: Sequence[str],
    message: str,
) -> Iterator[Problem]:
    """A rule's `show` may only name what exists: steps, contacts or supplements."""
    for index, rule in enumerate(rules):
        for ident in rule.show:
            if ident not in known:
                yield Problem(
                    ("screening", "rules", group, index, "show"),
                    _(message).format(id=ident, ids=", ".join(known)),
                )
