"""The screening as pure functions: answers in, result out. No I/O, no prompts.

The rules themselves live in the card (screening.rules); this module only
normalises answers and evaluates those rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import msgspec

from stalkcard.card.model import (
    CITIZEN_ROLES,
    NO,
    NO_UNIT_WORDS,
    OTHER_UNIT,
    UNKNOWN,
    YES,
    Card,
    Contact,
    ContactsSection,
    Rule,
    Supplement,
)
from stalkcard.engine.questions import Question, resolve
from stalkcard.errors import AnswerError
from stalkcard.i18n import _

UNIT_ENV = "STALKCARD_UNIT"
_NO_UNIT = (*NO_UNIT_WORDS, "-", "")
MIN_UNIT = 3  # letters: a shorter unit typed ("t", "og") would match by chance

_SYNONYMS = {
    YES: ("yes", "y", "ja", "j", "true", "on"),
    NO: ("no", "n", "nej", "false", "off"),
    UNKNOWN: ("unknown", "ved ikke", "ved_ikke", "vedikke", "?"),
}
_WORD = {word: value for value, words in _SYNONYMS.items() for word in words}

AnswerValue = str | tuple[str, ...] | None


class Answers:
    """The answers of one screening, by question id, in the order the card asks
    them: a choice id for a one-of question, a tuple of choice ids for a
    many-of question (None: it was not asked)."""

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, AnswerValue] | None = None, /, **given: Any) -> None:
        merged = {**(values or {}), **given}
        self._values: dict[str, AnswerValue] = {
            key: tuple(value) if isinstance(value, list) else value for key, value in merged.items()
        }

    def __getitem__(self, key: str) -> AnswerValue:
        return self._values[key]

    def __contains__(self, key: object) -> bool:
        return key in self._values

    def get(self, key: str, default: AnswerValue = None) -> AnswerValue:
        return self._values.get(key, default)

    def as_dict(self) -> dict[str, Any]:
        return {
            key: list(value) if isinstance(value, tuple) else value
            for key, value in self._values.items()
        }

    def _key(self) -> tuple[tuple[str, AnswerValue], ...]:
        return tuple(self._values.items())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Answers) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Answers({self._values!r})"


class ResultStep(msgspec.Struct, frozen=True):
    """A step of the card to take now: its text, the contacts it names, and
    text that follows them; `note` qualifies it (e.g. "if the citizen is exposed").
    `group` is the steps section it belongs to (None: a contacts section)."""

    id: str
    heading: str
    paragraphs: tuple[str, ...]
    note: str | None = None
    contacts: tuple[Contact, ...] = ()
    after: tuple[str, ...] = ()
    group: str | None = None
    url: str | None = None  # the card's link for it
    citizen: bool = False  # advice to pass on to the citizen (to_citizen)


# Why a contact is in "Ring nu": an urgent line (112, when the result is
# urgent), the card's own routing, the tool's suggestion, or a contacts step
# the rules showed.
URGENT, ROUTE, SUGGEST, STEP = "urgent", "route", "suggest", "step"


class Call(msgspec.Struct, frozen=True):
    """One line of "Ring nu": the contact, why it is there, and which rule put
    it there ("route 1", "suggest 3": the rule's place in its list, from 1; a
    contacts step's id; "urgent")."""

    contact: Contact
    why: str
    rule: str


class Result(msgspec.Struct, frozen=True):
    answers: Answers
    assessment: str
    assessment_text: str
    urgent: bool
    steps: tuple[ResultStep, ...]
    supplements: tuple[Supplement, ...]
    contacts: tuple[Contact, ...] = ()
    suggested: tuple[Contact, ...] = ()  # whom to call first: the tool's suggestion
    routed: tuple[Contact, ...] = ()  # whom to call first: the card's own routing
    # What every view shows the same way, worked out here once: the urgent
    # supplements that lead an urgent result (112), and "Ring nu": whom to call,
    # in order (callplan.plan_at adds the time of day).
    lead: tuple[Supplement, ...] = ()
    calls: tuple[Call, ...] = ()
    # Who the citizen may be, by the answers (a choice's `role`): "victim",
    # "perpetrator", or both when the answers do not say.
    roles: tuple[str, ...] = CITIZEN_ROLES


# --------------------------------------------------------------------------
# Normalising answers


def _choices(values: Iterable[str]) -> str:
    return ", ".join(values)


def example_answers(card: Card) -> str:
    """An example of answers for this card, for the messages: "id: choice, ..."."""
    plan = compiled(card)
    return ", ".join(f"{q.id}: {q.choices[0].id}" for q in plan.questions[:3] if q.choices)


def _normalise_value(question: Question, raw: Any) -> str:
    key = question.id
    allowed = [c.id for c in question.choices]
    tristate = YES in allowed and NO in allowed
    if isinstance(raw, bool) and tristate:
        value: str | None = YES if raw else NO
    elif isinstance(raw, str):
        word = " ".join(raw.strip().casefold().split())
        value = word if word in allowed else _WORD.get(word, word)
        if value == UNKNOWN and UNKNOWN not in allowed:
            value = question.unknown  # the card's own "don't know"
    else:
        value = None
    if value not in allowed:
        shown = _describe(raw)
        hint = _choices(allowed)
        if tristate:
            hint += " " + (
                _("(eller ja, nej, ved ikke)") if UNKNOWN in allowed else _("(eller ja, nej)")
            )
        raise AnswerError(
            _('Svaret "{key}" er ugyldigt: {value}. Tilladte værdier: {allowed}.').format(
                key=key, value=shown, allowed=hint
            )
        )
    assert value is not None
    return value


def _describe(raw: Any) -> str:
    if raw is None:
        return _("ingen værdi")
    text = str(raw)
    return repr(text[:40] + ("..." if len(text) > 40 else ""))


def _normalise_many(question: Question, raw: Any) -> tuple[str, ...] | None:
    key = question.id
    known = [c.id for c in question.choices]
    if raw is None:
        return None  # not asked: the note says so, rather than "none"
    if isinstance(raw, str):
        items: list[Any] = [part for part in raw.split(",") if part.strip()]
    elif isinstance(raw, list | tuple):
        items = list(raw)
    else:
        raise AnswerError(
            _(
                'Svaret "{key}" skal være en liste af valg (eller tom). '
                "Tilladte værdier: {allowed}."
            ).format(key=key, allowed=_choices(known))
        )
    chosen = set()
    for item in items:
        ident = item.strip().casefold() if isinstance(item, str) else item
        if ident not in known:
            raise AnswerError(
                _(
                    'Svaret "{key}" har et ukendt valg: {value}. Tilladte værdier: {allowed}.'
                ).format(key=key, value=_describe(item), allowed=_choices(known))
            )
        chosen.add(ident)
    return tuple(ident for ident in known if ident in chosen)


def default_answer(question: Question) -> AnswerValue:
    """The answer to a question that was not asked: "don't know", no unit, or
    (a many-of question) None."""
    if question.kind == "many":
        return None
    if question.units:
        return OTHER_UNIT
    return question.unknown


def normalise_answers(raw: Any, card: Card) -> Answers:
    """Check and normalise a mapping of answers; raise AnswerError naming the key."""
    plan = compiled(card)
    if not isinstance(raw, Mapping):
        raise AnswerError(
            _("Svarene skal være et sæt af nøgler og værdier, fx {example}.").format(
                example=example_answers(card)
            )
        )
    keys = [q.id for q in plan.questions]
    unknown = [str(k) for k in raw if k not in keys]
    if unknown:
        raise AnswerError(
            _("Ukendt svar: {key}. Mulige svar: {keys}.").format(
                key=_describe(unknown[0]), keys=_choices(keys)
            )
        )
    required = [q.id for q in plan.questions if q.required]
    missing = [k for k in required if k not in raw]
    if missing:
        raise AnswerError(
            _('Svaret "{key}" mangler. Påkrævede svar: {keys}.').format(
                key=missing[0], keys=_choices(required)
            )
        )
    values: dict[str, AnswerValue] = {}
    for q in plan.questions:
        if q.id not in raw:
            values[q.id] = default_answer(q)
        elif q.kind == "many":
            values[q.id] = _normalise_many(q, raw[q.id])
        elif q.units:
            values[q.id] = normalise_unit(raw[q.id], card, q.id)
        else:
            values[q.id] = _normalise_value(q, raw[q.id])
    return Answers(values)


def normalise_unit(raw: Any, card: Card, source: str = "unit") -> str:
    """The caseworker's own unit as a unit id, or "other".

    A unit's id or exact name (case and Danish letters folded as in
    `contacts`), or the id of a contact in that unit, wins; else the unit is
    matched like a contacts search ("ungeenhed", "børn og unge", "ssp"), with
    at least MIN_UNIT letters. No match, or more than one, is an AnswerError
    that says which and lists the units with their ids: a unit is never picked
    at random.
    """
    from stalkcard.engine.search import fold

    if raw is None:
        return OTHER_UNIT
    text = " ".join(str(raw).split()) if isinstance(raw, str | int) else None
    if text is not None and fold(text) in _NO_UNIT:
        return OTHER_UNIT
    units = card.units
    found: list[Any] = []
    if text is not None:
        if text in {u.id for u in units}:
            return text
        member = next((c.unit for c in card.contact_list if c.id == text and c.unit), None)
        if member is not None:
            return member
        wanted = fold(text)
        found = [u for u in units if fold(u.name) == wanted]
        if not found and len(wanted.replace(" ", "")) >= MIN_UNIT:
            found = [u for u in units if all(w in fold(u.name) for w in wanted.split())]
        if len(found) == 1:
            return str(found[0].id)
    listed = "; ".join(f"{u.name} ({u.id})" for u in units)
    if len(found) > 1:
        raise AnswerError(
            _(
                'Svaret "{key}" passer på flere enheder: {value} ({matches}). Skriv '
                "mere af enhedens navn, eller dens id. Enheder: {units}; eller other."
            ).format(
                key=source,
                value=_describe(raw),
                matches="; ".join(u.name for u in found),
                units=listed,
            )
        )
    raise AnswerError(
        _('Svaret "{key}" passer ikke på én enhed: {value}. Enheder: {units}; eller other.').format(
            key=source, value=_describe(raw), units=listed
        )
    )


def parse_pairs(pairs: Iterable[str], example: str) -> dict[str, Any]:
    """--answer KEY=VALUE options into a mapping. A many-of answer stays text
    ("messages,digital"): normalise_answers splits it at the commas."""
    out: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise AnswerError(
                _(
                    "--answer skal skrives SPØRGSMÅL=SVAR, fx --answer {example} (fik {value})."
                ).format(value=_describe(pair), example=example)
            )
        if key in out:
            raise AnswerError(_('Svaret "{key}" er givet to gange.').format(key=key))
        out[key] = value
    return out


# --------------------------------------------------------------------------
# Evaluating the card's rules


def matches(rule: Rule, answers: Answers) -> bool:
    return _holds(_condition(rule), answers)


def card_steps(card: Card) -> dict[str, ResultStep]:
    """Every step a result can show, by id, with its text: a contacts section
    is a step with the contacts it lists; a steps section gives its steps."""
    contacts = card.contacts
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


def _condition(rule: Rule) -> Condition:
    """A rule's "when" and "when_any", normalised once: (key, allowed values)."""
    return (
        tuple((key, frozenset(values)) for key, values in rule.values("when").items()),
        tuple((key, frozenset(values)) for key, values in rule.values("when_any").items()),
    )


def _holds(condition: Condition, answers: Answers) -> bool:
    """`matches`, on a condition normalised by _condition."""
    when, any_of = condition
    if not all(answers.get(key) in values for key, values in when):
        return False
    return not any_of or any(answers.get(key) in values for key, values in any_of)


class CompiledCard:
    """What `evaluate` needs of a card, worked out once per card: the questions,
    the contacts, the step table and every rule's condition, normalised.
    Evaluating is then the rules alone, however many contacts the card has."""

    def __init__(self, card: Card) -> None:
        rules = card.screening.rules
        self.questions = tuple(resolve(card, q) for q in card.questions)
        self.danger_id = next((q.id for q in self.questions if q.danger), None)
        self.contacts = tuple(card.contacts)
        self.by_contact = {c.id: c for c in self.contacts}
        # A suggestion names contacts or units (a unit: every contact in it).
        self.by_unit = {
            u.id: tuple(c for c in self.contacts if c.unit_id == u.id) for u in card.units
        }
        self.steps = card_steps(card)
        self.step_ids = tuple(card.step_ids)
        self.assessment = tuple((_condition(r), r.result) for r in rules.assessment)
        self.assessment_text = {a.id: a.text for a in card.screening.assessments}
        self.urgent = tuple(_condition(r) for r in rules.urgent)
        self.step_rules = tuple((_condition(r), tuple(r.show), r.note) for r in rules.steps)
        self.supplement_rules = tuple((_condition(r), tuple(r.show)) for r in rules.supplements)
        self.suggest_rules = tuple((_condition(r), tuple(r.show)) for r in rules.suggest)
        self.route_rules = tuple((_condition(r), tuple(r.show)) for r in rules.route)
        self.supplements = tuple(card.supplements)
        self.extra_contacts = tuple(card.extra_contacts)
        # The lines that answer day and night (the card's own, then the
        # supplements'), and of those the urgent ones (112), each number once.
        lines = [c for c in self.contacts + self.extra_contacts if c.always_open]
        by_phone: dict[str, Contact] = {}
        for line in lines:
            by_phone.setdefault(line.phone, line)
        self.always_open = tuple(by_phone.values())
        self.urgent_lines = tuple(c for c in self.always_open if c.urgent_only)
        # Who the citizen is, by a one-of question whose choices say so.
        self.roles = {
            (q.id, c.id): c.role for q in card.questions for c in (q.choices or []) if c.role
        }
        self.unit_labels = {u.id: u.name for u in card.units}
        self.closed_days = tuple(card.meta.closed_days)
        # Whether the card gives any hours at all ("unknown" gives none).
        self.has_hours = any(
            c.hours is not None for c in self.contacts + self.extra_contacts if not c.always_open
        )

    def suggestion(self, ident: str) -> tuple[Contact, ...]:
        if ident in self.by_contact:
            return (self.by_contact[ident],)
        return self.by_unit.get(ident, ())

    def fired(
        self, rules: tuple[tuple[Condition, tuple[str, ...]], ...], answers: Answers, name: str
    ) -> dict[Contact, str]:
        """The contacts that holding route or suggest rules name, in order, each
        with the first rule that named it ("route 1")."""
        out: dict[Contact, str] = {}
        for number, (condition, show) in enumerate(rules, start=1):
            if _holds(condition, answers):
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


_COMPILED: dict[int, tuple[Card, CompiledCard]] = {}
_COMPILED_MAX = 4


def compiled(card: Card) -> CompiledCard:
    """The card's CompiledCard, made on first use and kept for the few most
    recent cards (by identity: the card itself is kept with it, so its id
    cannot be reused by another card while it is cached)."""
    entry = _COMPILED.get(id(card))
    if entry is not None and entry[0] is card:
        return entry[1]
    plan = CompiledCard(card)
    if len(_COMPILED) >= _COMPILED_MAX:
        _COMPILED.pop(next(iter(_COMPILED)))
    _COMPILED[id(card)] = (card, plan)
    return plan


def evaluate(card: Card, answers: Answers) -> Result:
    plan = compiled(card)
    assessment = next(
        (result for condition, result in plan.assessment if _holds(condition, answers)), None
    )
    if assessment is None:  # validate refuses such a card; never leave a result without one
        assessment = plan.assessment[-1][1]
    urgent = any(_holds(condition, answers) for condition in plan.urgent)

    notes: dict[str, str | None] = {}
    for condition, show, note in plan.step_rules:
        if _holds(condition, answers):
            for ident in show:
                # A step shown without a note by any rule is shown without one.
                notes[ident] = None if notes.get(ident, "") is None else note
    result_steps = tuple(
        msgspec.structs.replace(plan.steps[ident], note=notes[ident])
        for ident in plan.step_ids
        if ident in notes
    )

    shown = {
        i for condition, show in plan.supplement_rules if _holds(condition, answers) for i in show
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
    )


def answer_space(card: Card, names: Iterable[str] | None = None) -> list[tuple[str, list[str]]]:
    """The one-of questions (those `names`, when given) with their choice ids:
    the answers the rules can name, in the order they are asked. A many-of
    question (the forms) changes no result and is only shown back."""
    wanted = None if names is None else set(names)
    return [
        (q.id, [c.id for c in q.choices])
        for q in compiled(card).questions
        if q.kind == "one" and (wanted is None or q.id in wanted)
    ]


def danger_only(card: Card, danger: str) -> Answers:
    """Answers that say nothing but `danger`: every other answer "don't know"
    (or not asked)."""
    plan = compiled(card)
    return Answers(
        {q.id: danger if q.id == plan.danger_id else default_answer(q) for q in plan.questions}
    )


def danger_value(card: Card, answers: Answers) -> str | None:
    """The answer to the card's danger question."""
    ident = compiled(card).danger_id
    value = answers.get(ident) if ident else None
    return value if isinstance(value, str) else None


def urgent_supplements(card: Card, danger: str = YES) -> tuple[Supplement, ...]:
    """The urgent supplements (112) to show the moment the danger question is
    answered `danger`: those marked urgent in rules that ask about nothing but
    the danger question, and match it. Empty when that answer is not (possible)
    danger, or the card has no danger question."""
    return urgent_by_answer(card).get(danger, ())


def urgent_by_answer(card: Card) -> dict[str, tuple[Supplement, ...]]:
    """urgent_supplements for every answer of the danger question, in one pass:
    the rules on the danger question alone are found once, and each asks only
    about that answer."""
    plan = compiled(card)
    ident = plan.danger_id
    if ident is None:
        return {}
    only = [
        (condition, shows)
        for condition, shows in plan.supplement_rules  # each compiled once, not per call
        if {key for key, _v in (*condition[0], *condition[1])} == {ident}
    ]
    question = next(q for q in plan.questions if q.id == ident)
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
        value: tuple(s for s in plan.supplements if s.id in ids and s.urgent)
        for value, ids in shown.items()
    }
