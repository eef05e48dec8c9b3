"""The typed model of the action card (msgspec structs) and the answer values.

The field types (texts, ids, phone numbers, hours) and the structs of the
card's meta, units and contacts are in stalkcard.card.fields; here are the
sections, questions, rules and supplements, and the card itself. Loading
lives in stalkcard.card.reading, the strict YAML reader in
stalkcard.card.yamlsafe, and the Danish validation messages in
stalkcard.card.validation.
"""

# Every class here is a msgspec Struct (through stalkcard.card.fields.Model),
# which copies a mutable default for each instance; ruff cannot see the Struct
# behind a base imported from another module.
# ruff: noqa: RUF012

from __future__ import annotations

import typing
from typing import Annotated, Literal

import msgspec

from stalkcard.card.fields import (
    Condition,
    ContactEntry,
    Ident,
    Meta,
    Model,
    OfficeHours,
    Paragraphs,
    Role,
    SupplementContact,
    Text,
    Unit,
    Url,
    Weekday,
    hours_windows,
)

# The default choices of a one-of question, and the answer words they take.
YES, NO, UNKNOWN = "yes", "no", "unknown"
OTHER_UNIT = "other"
# Words that answer "no unit" (andet); no unit may have one as id.
NO_UNIT_WORDS = (OTHER_UNIT, "andet", "anden", "ingen", "none", "unknown")
# The days of stalkcard.card.fields.Weekday (opening hours), in date.weekday() order.
WEEKDAYS: tuple[str, ...] = typing.get_args(Weekday)
# Who the citizen may be (a choice's `role`); both when no answer says.
CITIZEN_ROLES: tuple[str, ...] = typing.get_args(Role)


class Criterion(Model, frozen=True):
    id: Ident
    text: Text


class Form(Model, frozen=True):
    id: Ident
    title: Text
    examples: Text | None = None


class Step(Model, kw_only=True, frozen=True):
    """A step: a heading and its text, or just its text (a one-line step)."""

    id: Ident
    heading: Text | None = None
    paragraphs: Paragraphs
    url: Url | None = None
    to_citizen: bool = False  # advice to pass on to the citizen


class _Section(Model, tag_field="kind", kw_only=True, frozen=True):
    id: Ident
    heading: Text | None = None  # None: the source has no heading here
    url: Url | None = None


class DefinitionSection(_Section, tag="definition", kw_only=True, frozen=True):
    paragraphs: tuple[Text, ...] = ()  # e.g. a one-sentence definition
    criteria: tuple[Criterion, ...] = ()  # validate: paragraphs or criteria


class FormsSection(_Section, tag="forms", kw_only=True, frozen=True):
    paragraphs: tuple[Text, ...] = ()
    forms: Annotated[tuple[Form, ...], msgspec.Meta(min_length=1)]


class TextSection(_Section, tag="text", kw_only=True, frozen=True):
    paragraphs: tuple[Text, ...] = ()  # validate: paragraphs or items
    items: tuple[Text, ...] = ()  # a plain list, shown as bullets after the paragraphs
    to_citizen: bool = False  # advice to pass on to the citizen


class ContactsSection(_Section, tag="contacts", kw_only=True, frozen=True):
    paragraphs: tuple[Text, ...] = ()
    contacts: Annotated[tuple[Ident, ...], msgspec.Meta(min_length=1)]
    purpose: Text | None = None  # what its contacts are for (the tool's summary)
    label: Text | None = None  # the group's name in `stalkcard contacts`
    closing: tuple[Text, ...] = ()


class StepsSection(_Section, tag="steps", kw_only=True, frozen=True):
    paragraphs: tuple[Text, ...] = ()
    steps: Annotated[tuple[Step, ...], msgspec.Meta(min_length=1)]
    closing: tuple[Text, ...] = ()
    to_citizen: bool = False  # all its steps are advice to pass on to the citizen


Section = DefinitionSection | FormsSection | TextSection | ContactsSection | StepsSection
UNITS = "units"  # choices_from: the card's units (and "other")


class ChoiceDef(Model, frozen=True):
    id: Ident
    label: Text
    # This answer says who the citizen is: the one who is stalked (victim) or
    # the one who stalks (perpetrator). Lines for one of them follow it.
    role: Role | None = None


class QuestionDef(Model, frozen=True):
    """One question of the screening, declared once."""

    id: Ident
    text: Text  # the question
    label: Text  # the answer's name in the result, the note and the page
    kind: Literal["one", "many"] = "one"
    choices: Annotated[tuple[ChoiceDef, ...], msgspec.Meta(min_length=2)] | None = None
    choices_from: Ident | None = None  # a forms section's id, or "units"
    unknown: Ident | None = None  # the choice meaning "don't know"
    danger: bool = False  # its yes and "don't know" lead to the urgent instruction
    criterion: Ident | None = None  # a criterion of the card: its text is shown with it
    required: bool = True  # check --answer must give it


class LogGuide(Model, frozen=True):
    """What `stalkcard log` quotes from the card: a step's text, the forms as
    the kinds of contact, and supplements shown apart."""

    quote: Ident | None = None
    forms: Ident | None = None
    supplements: tuple[Ident, ...] = ()


class Supplement(Model, frozen=True):
    id: Ident
    text: Text
    source: Text
    headline: Text | None = None  # a short instruction for the closing summary
    title: Text | None = None  # a few words naming it, for the case note's list
    # An urgent instruction (112): shown the moment the danger question is
    # answered so, by a rule on danger alone, and leading the result.
    urgent: bool = False
    url: Url | None = None


class Assessment(Model, frozen=True):
    id: Ident
    text: Text
    short: Text | None = None  # one line for the closing summary


def _answer_values(value: str | bool | list[str | bool]) -> list[str]:
    """A condition value: one value or a list; YAML booleans mean yes/no."""
    items = value if isinstance(value, list) else [value]
    return [(YES if v else NO) if isinstance(v, bool) else v for v in items]


class Rule(Model, frozen=True):
    when: Condition = {}
    when_any: Condition = {}

    @property
    def always(self) -> bool:
        return not self.when and not self.when_any

    def values(self, part: str) -> dict[str, list[str]]:
        """A condition ("when" or "when_any") normalised: key -> allowed values."""
        condition: Condition = self.when if part == "when" else self.when_any
        return {key: _answer_values(value) for key, value in condition.items()}


class AssessmentRule(Rule, kw_only=True, frozen=True):
    result: Ident


class StepRule(Rule, kw_only=True, frozen=True):
    show: Annotated[tuple[Ident, ...], msgspec.Meta(min_length=1)]
    note: Text | None = None


class SupplementRule(Rule, kw_only=True, frozen=True):
    show: Annotated[tuple[Ident, ...], msgspec.Meta(min_length=1)]


class SuggestRule(Rule, kw_only=True, frozen=True):
    """Whom to call first: the tool's suggestion, never the card's."""

    show: Annotated[tuple[Ident, ...], msgspec.Meta(min_length=1)]


class RouteRule(Rule, kw_only=True, frozen=True):
    """Whom to call first, as the card itself says (e.g. by the citizen's age
    group): contact or unit ids. Shown as the card's, not as a suggestion."""

    show: Annotated[tuple[Ident, ...], msgspec.Meta(min_length=1)]


class Rules(Model, frozen=True):
    assessment: Annotated[tuple[AssessmentRule, ...], msgspec.Meta(min_length=1)]
    urgent: Annotated[tuple[Rule, ...], msgspec.Meta(min_length=1)]
    steps: Annotated[tuple[StepRule, ...], msgspec.Meta(min_length=1)]
    supplements: tuple[SupplementRule, ...] = ()
    route: tuple[RouteRule, ...] = ()
    suggest: tuple[SuggestRule, ...] = ()


# The groups of screening.rules: the fields of Rules, in its order.
RULE_GROUPS = ("assessment", "urgent", "steps", "supplements", "route", "suggest")


class Screening(Model, kw_only=True, frozen=True):
    with_assessment: tuple[Ident, ...] = ()  # text sections shown with the assessment
    assessments: Annotated[tuple[Assessment, ...], msgspec.Meta(min_length=1)]
    rules: Rules


class Contact(msgspec.Struct, frozen=True):
    """One entry of the quick lookup: a contact of the card, or (kind
    "supplement") a number that is not on the card, with its source. A card's
    contact is a "person" when it belongs to a unit, else an "organisation"."""

    id: str
    kind: str  # "person", "organisation" or "supplement"
    name: str
    unit: str | None  # the unit's name
    phone: str  # "" for a supplement that is a way to act, not a number
    purpose: str
    keywords: tuple[str, ...] = ()
    source: str | None = None
    hours: tuple[OfficeHours, ...] | None = None  # None: not known (or always_open)
    always_open: bool = False
    urgent_only: bool = False
    unit_id: str | None = None
    card_line: str | None = None
    email: str | None = None
    group: str | None = None  # the id of the contacts section that lists it
    group_label: str | None = None  # that section's label (else its heading)
    own_hours: bool = False  # the card states this contact's hours itself
    audience: tuple[str, ...] = ()  # whom it is for (no audience: everyone)
    url: str | None = None

    @property
    def part_of_card(self) -> bool:
        return self.kind != "supplement"


# The card format this tool reads. A card may say which format it is written
# in (format_version, default 1); a higher one is refused in Danish (a newer
# tool's card), not read as unknown fields.
CARD_FORMAT = 1


class Card(Model, kw_only=True, frozen=True):
    format_version: Annotated[int, msgspec.Meta(ge=1)] = 1
    meta: Meta
    units: tuple[Unit, ...] = ()
    contact_list: Annotated[tuple[ContactEntry, ...], msgspec.Meta(min_length=1)] = msgspec.field(
        name="contacts"
    )
    sections: Annotated[tuple[Section, ...], msgspec.Meta(min_length=1)]
    questions: Annotated[tuple[QuestionDef, ...], msgspec.Meta(min_length=1)]
    screening: Screening
    supplements: tuple[Supplement, ...] = ()
    supplement_contacts: tuple[SupplementContact, ...] = ()
    log: LogGuide | None = None

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    @property
    def contact_sections(self) -> list[ContactsSection]:
        return [s for s in self.sections if isinstance(s, ContactsSection)]

    @property
    def step_sections(self) -> list[StepsSection]:
        return [s for s in self.sections if isinstance(s, StepsSection)]

    @property
    def step_ids(self) -> list[str]:
        """Every step a screening can show, in the card's order: a contacts
        section is one step (call them), a steps section gives its steps."""
        out: list[str] = []
        for section in self.sections:
            if isinstance(section, ContactsSection):
                out.append(section.id)
            elif isinstance(section, StepsSection):
                out += [s.id for s in section.steps]
        return out

    @property
    def contacts(self) -> list[Contact]:
        """The card's contacts in the order its contacts sections list them."""
        default = hours_windows(self.meta.office_hours)
        entries = {c.id: c for c in self.contact_list}
        units = {u.id: u.name for u in self.units}
        out: list[Contact] = []
        seen: set[str] = set()
        for section in self.contact_sections:
            for ident in section.contacts:
                entry = entries.get(ident)
                if entry is None or ident in seen:
                    continue
                seen.add(ident)
                out.append(
                    Contact(
                        entry.id,
                        "person" if entry.unit else "organisation",
                        entry.name or entry.card_line or entry.phone,
                        units.get(entry.unit) if entry.unit else None,
                        entry.phone,
                        entry.purpose or section.purpose or "",
                        tuple(entry.keywords),
                        hours=None
                        if entry.always_open
                        else (default if entry.hours is None else hours_windows(entry.hours)),
                        always_open=entry.always_open,
                        urgent_only=entry.urgent_only,
                        unit_id=entry.unit,
                        card_line=entry.card_line,
                        email=entry.email,
                        group=section.id,
                        group_label=section.label or section.heading,
                        own_hours=entry.hours is not None,
                        audience=tuple(entry.audience),
                        url=entry.url,
                    )
                )
        return out

    @property
    def extra_contacts(self) -> list[Contact]:
        """The numbers that are not on the card (112, 114, 1888), kept apart."""
        return [
            Contact(
                s.id,
                "supplement",
                s.name,
                None,
                s.phone or "",
                s.purpose,
                tuple(s.keywords),
                s.source,
                hours=None if s.always_open else hours_windows(s.hours),
                always_open=s.always_open,
                urgent_only=s.urgent_only,
                own_hours=s.hours is not None,
                audience=tuple(s.audience),
            )
            for s in self.supplement_contacts
        ]

    def contact(self, contact_id: str) -> Contact:
        return next(c for c in self.contacts if c.id == contact_id)

    def criterion(self, criterion_id: str) -> Criterion | None:
        return next(
            (
                c
                for s in self.sections
                if isinstance(s, DefinitionSection)
                for c in s.criteria
                if c.id == criterion_id
            ),
            None,
        )

    def assessment(self, assessment_id: str) -> Assessment:
        return next(a for a in self.screening.assessments if a.id == assessment_id)
