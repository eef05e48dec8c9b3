"""The typed model of the action card (msgspec structs) and the answer values.

Loading lives in stalkcard.card, the strict YAML reader in stalkcard.yamlsafe,
and the Danish validation messages in stalkcard.validation.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

import msgspec

# The answers a screening takes, and the values each may have.
YES, NO, UNKNOWN = "yes", "no", "unknown"
ROLES = ("victim", "perpetrator", "unknown")
CRITERIA = ("unwanted", "one_sided", "repeated")
TRISTATE = (YES, NO, UNKNOWN)
CONDITION_VALUES: dict[str, tuple[str, ...]] = {
    "role": ROLES,
    # "unknown" counts as possible danger: no answer to danger is ever assumed.
    "danger": TRISTATE,
    "unwanted": TRISTATE,
    "one_sided": TRISTATE,
    "repeated": TRISTATE,
    "children": TRISTATE,
    "unit": (),  # "other" or a resource person's id: checked against the card
}
OTHER_UNIT = "other"
# Words that answer "no unit" (unit: andet); no resource person may have one as id.
NO_UNIT_WORDS = (OTHER_UNIT, "andet", "anden", "ingen", "none", "unknown")

# Text may not be blank, nor hold C0/C1 control characters (newline and tab
# allowed) or Unicode bidirectional controls, which can make a phone number
# display reversed.
_BAD = "\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff"
TEXT_PATTERN = f"^[^{_BAD}]*[^{_BAD}\\s][^{_BAD}]*$"
IDENT_PATTERN = "^[a-z][a-z0-9_]{0,63}$"
PHONE_PATTERN = "^\\+?[0-9]{2,}( [0-9]+)*$"
PATTERN_MESSAGES = {
    TEXT_PATTERN: "må ikke være tom og må ikke indeholde usynlige styretegn.",
    IDENT_PATTERN: "skal være et id med små bogstaver a-z, tal og _ (fx sparring).",
    PHONE_PATTERN: 'skal være et telefonnummer med cifre og mellemrum, fx "8794 7626".',
}

Text = Annotated[str, msgspec.Meta(pattern=TEXT_PATTERN)]
Ident = Annotated[str, msgspec.Meta(pattern=IDENT_PATTERN)]
Phone = Annotated[str, msgspec.Meta(pattern=PHONE_PATTERN, max_length=24)]
Paragraphs = Annotated[list[Text], msgspec.Meta(min_length=1)]
Condition = dict[str, str | bool | list[str | bool]]


class _Model(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    pass


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # date.weekday() order
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
Clock = Annotated[str, msgspec.Meta(pattern="^([01][0-9]|2[0-3]):[0-5][0-9]$")]


class OfficeHours(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, frozen=True):
    """When a contact can be reached, in Danish time. `assumed` marks hours the
    card does not state (the tool's assumption, e.g. normal office hours)."""

    days: Annotated[tuple[Weekday, ...], msgspec.Meta(min_length=1)]
    opens: Clock
    closes: Clock
    assumed: bool = False


class Meta(_Model):
    title: Text
    municipality: Text
    version: Text
    language: Ident
    contacts_verified: date  # when the contact list in the file was last updated
    office_hours: OfficeHours | None = None  # the card's contacts, unless they have their own


class Criterion(_Model):
    id: Ident
    text: Text
    question: Text


class Form(_Model):
    id: Ident
    title: Text
    examples: Text


Keywords = list[Annotated[str, msgspec.Meta(pattern=TEXT_PATTERN, max_length=64)]]


class Person(_Model):
    id: Ident
    name: Text
    unit: Text
    phone: Phone
    keywords: Keywords = []  # the tool's search words, not the card's
    hours: OfficeHours | None = None  # else meta.office_hours


class Organisation(_Model):
    id: Ident
    name: Text
    phone: Phone
    card_line: Text  # the card's own line, e.g. "Dansk Stalking Center, tlf.nr: 2517 7374"
    purpose: Text
    keywords: Keywords = []
    hours: OfficeHours | None = None  # else meta.office_hours


class Step(_Model):
    id: Ident
    heading: Text
    paragraphs: Paragraphs


class DefinitionSection(_Model):
    id: Ident
    heading: Text
    criteria: Annotated[list[Criterion], msgspec.Meta(min_length=3, max_length=3)]


class FormsSection(_Model):
    id: Ident
    heading: Text
    forms: Annotated[list[Form], msgspec.Meta(min_length=1)]


class TextSection(_Model):
    id: Ident
    heading: Text
    paragraphs: Paragraphs


class SparringSection(TextSection):
    purpose: Text
    persons: Annotated[list[Person], msgspec.Meta(min_length=1)]


class HandlingSection(TextSection):
    organisations: Annotated[list[Organisation], msgspec.Meta(min_length=1)]
    closing: list[Text] = []


class FurtherSection(TextSection):
    steps: Annotated[list[Step], msgspec.Meta(min_length=1)]


class Supplement(_Model):
    id: Ident
    text: Text
    source: Text
    headline: Text | None = None  # a short instruction for the closing summary
    # An urgent instruction (112): shown the moment the danger question is
    # answered so, by a rule on danger alone, and leading the result.
    urgent: bool = False


class SupplementContact(_Model):
    """A number that is not on the card (112, 114, 1888): findable with
    `contacts`, always shown apart from the card's contacts, with its source."""

    id: Ident
    name: Text
    phone: Phone
    purpose: Text
    source: Text
    keywords: Keywords = []
    always_open: bool = False  # answered day and night: leads the summary after hours
    urgent_only: bool = False  # in that list only when the result is urgent (112)


class Role(_Model):
    id: Ident
    label: Text


class Questions(_Model):
    role: Text
    danger: Text
    forms: Text
    children: Text
    unit: Text | None = None  # the caseworker's own unit, for the suggestion


class Assessment(_Model):
    id: Ident
    text: Text
    short: Text | None = None  # one line for the closing summary


def _answer_values(value: str | bool | list[str | bool]) -> list[str]:
    """A condition value: one value or a list; YAML booleans mean yes/no."""
    items = value if isinstance(value, list) else [value]
    return [(YES if v else NO) if isinstance(v, bool) else v for v in items]


class Rule(_Model):
    when: Condition = {}
    when_any: Condition = {}

    @property
    def always(self) -> bool:
        return not self.when and not self.when_any

    def values(self, part: str) -> dict[str, list[str]]:
        """A condition ("when" or "when_any") normalised: key -> allowed values."""
        condition: Condition = self.when if part == "when" else self.when_any
        return {key: _answer_values(value) for key, value in condition.items()}


class AssessmentRule(Rule, kw_only=True):
    result: Ident


class StepRule(Rule, kw_only=True):
    show: Annotated[list[Ident], msgspec.Meta(min_length=1)]
    note: Text | None = None


class SupplementRule(Rule, kw_only=True):
    show: Annotated[list[Ident], msgspec.Meta(min_length=1)]


class SuggestRule(Rule, kw_only=True):
    """Whom to call first: the tool's suggestion, never the card's."""

    show: Annotated[list[Ident], msgspec.Meta(min_length=1)]


class Rules(_Model):
    assessment: Annotated[list[AssessmentRule], msgspec.Meta(min_length=1)]
    urgent: Annotated[list[Rule], msgspec.Meta(min_length=1)]
    steps: Annotated[list[StepRule], msgspec.Meta(min_length=1)]
    supplements: list[SupplementRule] = []
    suggest: list[SuggestRule] = []


class Screening(_Model):
    roles: Annotated[list[Role], msgspec.Meta(min_length=3, max_length=3)]
    questions: Questions
    assessments: Annotated[list[Assessment], msgspec.Meta(min_length=1)]
    rules: Rules


class Contact(msgspec.Struct, frozen=True):
    """One entry of the quick lookup: a resource person, an organisation, or
    (kind "supplement") a number that is not on the card, with its source."""

    id: str
    kind: str  # "person", "organisation" or "supplement"
    name: str
    unit: str | None
    phone: str
    purpose: str
    keywords: tuple[str, ...] = ()
    source: str | None = None
    hours: OfficeHours | None = None  # None: always open, or hours not known
    always_open: bool = False
    urgent_only: bool = False

    @property
    def part_of_card(self) -> bool:
        return self.kind != "supplement"


Section = TextSection | DefinitionSection | FormsSection
# The card's sections, as fields of Card, in the card's order.
SECTION_KEYS = ("stalking", "eksempler", "mistanke", "sparring", "handling", "videre_handling")


class Card(_Model):
    meta: Meta
    stalking: DefinitionSection
    eksempler: FormsSection
    mistanke: TextSection
    sparring: SparringSection
    handling: HandlingSection
    videre_handling: FurtherSection
    screening: Screening
    supplements: list[Supplement] = []
    supplement_contacts: list[SupplementContact] = []

    @property
    def sections(self) -> list[Section]:
        return [getattr(self, key) for key in SECTION_KEYS]

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    @property
    def step_ids(self) -> list[str]:
        """Every step a screening can show, in the card's order."""
        return [self.sparring.id, self.handling.id] + [s.id for s in self.videre_handling.steps]

    @property
    def contacts(self) -> list[Contact]:
        default = self.meta.office_hours
        people = [
            Contact(
                p.id,
                "person",
                p.name,
                p.unit,
                p.phone,
                self.sparring.purpose,
                tuple(p.keywords),
                hours=p.hours or default,
            )
            for p in self.sparring.persons
        ]
        organisations = [
            Contact(
                o.id,
                "organisation",
                o.name,
                None,
                o.phone,
                o.purpose,
                tuple(o.keywords),
                hours=o.hours or default,
            )
            for o in self.handling.organisations
        ]
        return people + organisations

    @property
    def extra_contacts(self) -> list[Contact]:
        """The numbers that are not on the card (112, 114, 1888), kept apart."""
        return [
            Contact(
                s.id,
                "supplement",
                s.name,
                None,
                s.phone,
                s.purpose,
                tuple(s.keywords),
                s.source,
                always_open=s.always_open,
                urgent_only=s.urgent_only,
            )
            for s in self.supplement_contacts
        ]

    def contact(self, contact_id: str) -> Contact:
        return next(c for c in self.contacts if c.id == contact_id)

    def criterion(self, criterion_id: str) -> Criterion:
        return next(c for c in self.stalking.criteria if c.id == criterion_id)

    def assessment(self, assessment_id: str) -> Assessment:
        return next(a for a in self.screening.assessments if a.id == assessment_id)
