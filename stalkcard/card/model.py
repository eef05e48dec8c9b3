"""The typed model of the action card (msgspec structs) and the answer values.

Loading lives in stalkcard.card.reading, the strict YAML reader in stalkcard.card.yamlsafe,
and the Danish validation messages in stalkcard.card.validation.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

import msgspec

# The default choices of a one-of question, and the answer words they take.
YES, NO, UNKNOWN = "yes", "no", "unknown"
OTHER_UNIT = "other"
# Words that answer "no unit" (andet); no unit may have one as id.
NO_UNIT_WORDS = (OTHER_UNIT, "andet", "anden", "ingen", "none", "unknown")

# Text may not be blank, nor hold C0/C1 control characters (newline and tab
# allowed) or Unicode bidirectional controls, which can make a phone number
# display reversed.
_BAD = "\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff"
TEXT_PATTERN = f"^[^{_BAD}]*[^{_BAD}\\s][^{_BAD}]*$"
IDENT_PATTERN = "^[a-z][a-z0-9_]{0,63}$"
PHONE_PATTERN = "^\\+?[0-9]{2,}( [0-9]+)*$"
URL_PATTERN = '^https://[^\\s<>"]+$'
PATTERN_MESSAGES = {
    URL_PATTERN: 'skal være et link, der begynder med https://, fx "https://www.kolding.dk".',
    TEXT_PATTERN: "må ikke være tom og må ikke indeholde usynlige styretegn.",
    IDENT_PATTERN: "skal være et id med små bogstaver a-z, tal og _ (fx akut_fare).",
    PHONE_PATTERN: 'skal være et telefonnummer med cifre og mellemrum, fx "7070 7070".',
}

Text = Annotated[str, msgspec.Meta(pattern=TEXT_PATTERN)]
Ident = Annotated[str, msgspec.Meta(pattern=IDENT_PATTERN)]
Phone = Annotated[str, msgspec.Meta(pattern=PHONE_PATTERN, max_length=24)]
Url = Annotated[str, msgspec.Meta(pattern=URL_PATTERN, max_length=2000)]
Paragraphs = Annotated[list[Text], msgspec.Meta(min_length=1)]
Condition = dict[str, str | bool | list[str | bool]]


class _Model(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    pass


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # date.weekday() order
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
# "24:00" closes at midnight, so a line open day and night is 00:00-24:00.
Clock = Annotated[str, msgspec.Meta(pattern="^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$")]


class OfficeHours(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, frozen=True):
    """A window of time when a contact can be reached, in Danish time: the
    same hours on each of `days`. `assumed` marks hours the card does not
    state (the tool's assumption, e.g. normal office hours)."""

    days: Annotated[tuple[Weekday, ...], msgspec.Meta(min_length=1)]
    opens: Clock
    closes: Clock
    assumed: bool = False


# Hours as a card writes them: one window, a list of windows (hours that
# differ by day: "man-tors 8-15, fre 8-13"), or "unknown" (an organisation
# whose hours are not known: never shown as open or closed).
HOURS_UNKNOWN = "unknown"
HoursSpec = OfficeHours | list[OfficeHours] | Literal["unknown"]
# A day of the year the card's offices close besides the public holidays ("12-24").
MonthDay = Annotated[str, msgspec.Meta(pattern="^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")]
# Whom a line is for: the citizen who is stalked, the citizen who stalks, or
# the professional (you). No audience: everyone.
Audience = Literal["victim", "perpetrator", "professional"]
# Who the citizen may be (a choice's `role`); both when no answer says.
CITIZEN_ROLES = ("victim", "perpetrator")


def hours_windows(spec: HoursSpec | None) -> tuple[OfficeHours, ...] | None:
    """A card's hours as windows; None when they are not known."""
    if spec is None or isinstance(spec, str):  # "unknown"
        return None
    return (spec,) if isinstance(spec, OfficeHours) else tuple(spec)


class Meta(_Model):
    title: Text
    municipality: Text
    version: Text
    language: Ident
    contacts_verified: date  # when the contact list in the file was last updated
    office_hours: HoursSpec | None = None  # the card's contacts, unless they have their own
    closed_days: list[MonthDay] = []  # closed besides the public holidays, e.g. "12-24"
    # What the card is about ("stalking", "vold i nære relationer"): in the
    # page's headings, the note's title and file name, the menu. None: stalking.
    subject: Text | None = None


class Unit(_Model):
    """A unit a caseworker can belong to: suggestions route by its id, so a
    person who leaves changes one contact, not the rules."""

    id: Ident
    name: Text


Keywords = list[Annotated[str, msgspec.Meta(pattern=TEXT_PATTERN, max_length=64)]]
EMAIL_PATTERN = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"
Email = Annotated[str, msgspec.Meta(pattern=EMAIL_PATTERN, max_length=254)]


class ContactEntry(_Model, kw_only=True):
    """One contact on the card, once: a person in a unit, or an organisation
    with the card's own line for it."""

    id: Ident
    name: Text | None = None  # may be left out when card_line says it all
    phone: Phone
    unit: Ident | None = None  # an id from the card's units
    email: Email | None = None
    hours: HoursSpec | None = None  # else meta.office_hours
    card_line: Text | None = None  # the card's own line for it, with the phone as written
    purpose: Text | None = None  # the tool's summary; else the section's purpose
    keywords: Keywords = []  # the tool's search words, not the card's
    # A line of the card's own that answers day and night (its own 112): it
    # leads "Ring nu" when urgent (urgent_only) or after hours.
    always_open: bool = False
    urgent_only: bool = False  # in "Ring nu" only when the result is urgent (112)
    audience: list[Audience] = msgspec.field(default_factory=list, name="for")
    url: Url | None = None  # a link for it (https://)


class Criterion(_Model):
    id: Ident
    text: Text


class Form(_Model):
    id: Ident
    title: Text
    examples: Text | None = None


class Step(_Model, kw_only=True):
    """A step: a heading and its text, or just its text (a one-line step)."""

    id: Ident
    heading: Text | None = None
    paragraphs: Paragraphs
    url: Url | None = None
    to_citizen: bool = False  # advice to pass on to the citizen


class _Section(_Model, tag_field="kind", kw_only=True):
    id: Ident
    heading: Text | None = None  # None: the source has no heading here
    url: Url | None = None


class DefinitionSection(_Section, tag="definition", kw_only=True):
    paragraphs: list[Text] = []  # e.g. a one-sentence definition
    criteria: list[Criterion] = []  # validate: paragraphs or criteria


class FormsSection(_Section, tag="forms", kw_only=True):
    paragraphs: list[Text] = []
    forms: Annotated[list[Form], msgspec.Meta(min_length=1)]


class TextSection(_Section, tag="text", kw_only=True):
    paragraphs: list[Text] = []  # validate: paragraphs or items
    items: list[Text] = []  # a plain list, shown as bullets after the paragraphs
    to_citizen: bool = False  # advice to pass on to the citizen


class ContactsSection(_Section, tag="contacts", kw_only=True):
    paragraphs: list[Text] = []
    contacts: Annotated[list[Ident], msgspec.Meta(min_length=1)]
    purpose: Text | None = None  # what its contacts are for (the tool's summary)
    label: Text | None = None  # the group's name in `stalkcard contacts`
    closing: list[Text] = []


class StepsSection(_Section, tag="steps", kw_only=True):
    paragraphs: list[Text] = []
    steps: Annotated[list[Step], msgspec.Meta(min_length=1)]
    closing: list[Text] = []
    to_citizen: bool = False  # all its steps are advice to pass on to the citizen


Section = DefinitionSection | FormsSection | TextSection | ContactsSection | StepsSection
UNITS = "units"  # choices_from: the card's units (and "other")


class ChoiceDef(_Model):
    id: Ident
    label: Text
    # This answer says who the citizen is: the one who is stalked (victim) or
    # the one who stalks (perpetrator). Lines for one of them follow it.
    role: Literal["victim", "perpetrator"] | None = None


class QuestionDef(_Model):
    """One question of the screening, declared once."""

    id: Ident
    text: Text  # the question
    label: Text  # the answer's name in the result, the note and the page
    kind: Literal["one", "many"] = "one"
    choices: Annotated[list[ChoiceDef], msgspec.Meta(min_length=2)] | None = None
    choices_from: Ident | None = None  # a forms section's id, or "units"
    unknown: Ident | None = None  # the choice meaning "don't know"
    danger: bool = False  # its yes and "don't know" lead to the urgent instruction
    criterion: Ident | None = None  # a criterion of the card: its text is shown with it
    required: bool = True  # check --answer must give it


class LogGuide(_Model):
    """What `stalkcard log` quotes from the card: a step's text, the forms as
    the kinds of contact, and supplements shown apart."""

    quote: Ident | None = None
    forms: Ident | None = None
    supplements: list[Ident] = []


class Supplement(_Model):
    id: Ident
    text: Text
    source: Text
    headline: Text | None = None  # a short instruction for the closing summary
    title: Text | None = None  # a few words naming it, for the case note's list
    # An urgent instruction (112): shown the moment the danger question is
    # answered so, by a rule on danger alone, and leading the result.
    urgent: bool = False
    url: Url | None = None


class SupplementContact(_Model, kw_only=True):
    """A number that is not on the card (112, 114, 1888): findable with
    `contacts`, always shown apart from the card's contacts, with its source."""

    id: Ident
    name: Text
    # No phone: a way to act that is not a call (the written notification
    # about a child): findable with `contacts`, never dialled.
    phone: Phone | None = None
    purpose: Text
    source: Text
    keywords: Keywords = []
    always_open: bool = False  # answered day and night: leads the summary after hours
    urgent_only: bool = False  # in that list only when the result is urgent (112)
    hours: HoursSpec | None = None  # its own hours, when it is not always open
    audience: list[Audience] = msgspec.field(default_factory=list, name="for")


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


class RouteRule(Rule, kw_only=True):
    """Whom to call first, as the card itself says (e.g. by the citizen's age
    group): contact or unit ids. Shown as the card's, not as a suggestion."""

    show: Annotated[list[Ident], msgspec.Meta(min_length=1)]


class Rules(_Model):
    assessment: Annotated[list[AssessmentRule], msgspec.Meta(min_length=1)]
    urgent: Annotated[list[Rule], msgspec.Meta(min_length=1)]
    steps: Annotated[list[StepRule], msgspec.Meta(min_length=1)]
    supplements: list[SupplementRule] = []
    route: list[RouteRule] = []
    suggest: list[SuggestRule] = []


class Screening(_Model, kw_only=True):
    with_assessment: list[Ident] = []  # text sections shown with the assessment
    assessments: Annotated[list[Assessment], msgspec.Meta(min_length=1)]
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


class Card(_Model, kw_only=True):
    format_version: Annotated[int, msgspec.Meta(ge=1)] = 1
    meta: Meta
    units: list[Unit] = []
    contact_list: Annotated[list[ContactEntry], msgspec.Meta(min_length=1)] = msgspec.field(
        name="contacts"
    )
    sections: Annotated[list[Section], msgspec.Meta(min_length=1)]
    questions: Annotated[list[QuestionDef], msgspec.Meta(min_length=1)]
    screening: Screening
    supplements: list[Supplement] = []
    supplement_contacts: list[SupplementContact] = []
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
