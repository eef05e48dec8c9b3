"""The screening as pure functions: answers in, result out. No I/O, no prompts.

The rules themselves live in the card (screening.rules); this module only
normalises answers and evaluates those rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

import msgspec

from stalkcard.errors import AnswerError
from stalkcard.i18n import _
from stalkcard.model import (
    CONDITION_VALUES,
    CRITERIA,
    NO,
    NO_UNIT_WORDS,
    OTHER_UNIT,
    ROLES,
    UNKNOWN,
    WEEKDAYS,
    YES,
    Card,
    Contact,
    OfficeHours,
    Rule,
    Supplement,
)

REQUIRED_KEYS = ("role", "danger", *CRITERIA)
ANSWER_KEYS = ("role", "danger", "forms", *CRITERIA, "children", "unit")
UNIT_ENV = "STALKCARD_UNIT"
_NO_UNIT = (*NO_UNIT_WORDS, "-", "")
MIN_UNIT = 3  # letters: a shorter unit typed ("t", "og") would match by chance

_SYNONYMS = {
    YES: ("yes", "y", "ja", "j", "true", "on"),
    NO: ("no", "n", "nej", "false", "off"),
    UNKNOWN: ("unknown", "ved ikke", "ved_ikke", "vedikke", "?"),
}
_WORD = {word: value for value, words in _SYNONYMS.items() for word in words}


class Answers(msgspec.Struct, frozen=True):
    role: str
    danger: str
    unwanted: str
    one_sided: str
    repeated: str
    forms: tuple[str, ...] | None = ()  # None: the question was not asked
    children: str = UNKNOWN
    unit: str = OTHER_UNIT  # the caseworker's own unit: a resource person's id, or "other"

    def value(self, key: str) -> str:
        value = getattr(self, key)
        assert isinstance(value, str)
        return value

    def as_dict(self) -> dict[str, Any]:
        return {
            key: (None if self.forms is None else list(self.forms))
            if key == "forms"
            else self.value(key)
            for key in ANSWER_KEYS
        }


class ResultStep(msgspec.Struct, frozen=True):
    """A step of the card to take now: its text, the contacts it names, and
    text that follows them; `note` qualifies it (e.g. "if the citizen is exposed")."""

    id: str
    heading: str
    paragraphs: tuple[str, ...]
    note: str | None = None
    contacts: tuple[Contact, ...] = ()
    after: tuple[str, ...] = ()


class Result(msgspec.Struct, frozen=True):
    answers: Answers
    assessment: str
    assessment_text: str
    urgent: bool
    steps: tuple[ResultStep, ...]
    supplements: tuple[Supplement, ...]
    contacts: tuple[Contact, ...] = ()
    suggested: tuple[Contact, ...] = ()  # whom to call first: the tool's suggestion


# --------------------------------------------------------------------------
# Normalising answers


def _choices(values: Iterable[str]) -> str:
    return ", ".join(values)


def _normalise_value(key: str, raw: Any, card: Card) -> str:
    allowed = ROLES if key == "role" else CONDITION_VALUES[key]
    if isinstance(raw, bool) and key != "role":
        value = YES if raw else NO
    elif isinstance(raw, str):
        word = " ".join(raw.strip().casefold().split())
        value = word if key == "role" and word in ROLES else _WORD.get(word, word)
    else:
        value = None
    if value not in allowed:
        shown = _describe(raw)
        hint = _choices(allowed)
        if key != "role":
            hint += " " + (
                _("(eller ja, nej, ved ikke)") if UNKNOWN in allowed else _("(eller ja, nej)")
            )
        raise AnswerError(
            _('Svaret "{key}" er ugyldigt: {value}. Tilladte værdier: {allowed}.').format(
                key=key, value=shown, allowed=hint
            )
        )
    return value


def _describe(raw: Any) -> str:
    if raw is None:
        return _("ingen værdi")
    text = str(raw)
    return repr(text[:40] + ("..." if len(text) > 40 else ""))


def _normalise_forms(raw: Any, card: Card) -> tuple[str, ...] | None:
    known = [f.id for f in card.eksempler.forms]
    if raw is None:
        return None  # not asked: the note says so, rather than "none"
    if isinstance(raw, str):
        items: list[Any] = [part for part in raw.split(",") if part.strip()]
    elif isinstance(raw, list):
        items = raw
    else:
        raise AnswerError(
            _(
                'Svaret "forms" skal være en liste af former (eller tom). '
                "Tilladte værdier: {allowed}."
            ).format(allowed=_choices(known))
        )
    chosen = set()
    for item in items:
        ident = item.strip().casefold() if isinstance(item, str) else item
        if ident not in known:
            raise AnswerError(
                _(
                    'Svaret "forms" har en ukendt form: {value}. Tilladte værdier: {allowed}.'
                ).format(value=_describe(item), allowed=_choices(known))
            )
        chosen.add(ident)
    return tuple(ident for ident in known if ident in chosen)


def normalise_answers(raw: Any, card: Card) -> Answers:
    """Check and normalise a mapping of answers; raise AnswerError naming the key."""
    if not isinstance(raw, Mapping):
        raise AnswerError(
            _(
                "Svarene skal være et sæt af nøgler og værdier, fx "
                "role: victim, danger: no, unwanted: yes, one_sided: yes, repeated: yes."
            )
        )
    unknown = [str(k) for k in raw if k not in ANSWER_KEYS]
    if unknown:
        raise AnswerError(
            _("Ukendt svar: {key}. Mulige svar: {keys}.").format(
                key=_describe(unknown[0]), keys=_choices(ANSWER_KEYS)
            )
        )
    missing = [k for k in REQUIRED_KEYS if k not in raw]
    if missing:
        raise AnswerError(
            _('Svaret "{key}" mangler. Påkrævede svar: {keys}.').format(
                key=missing[0], keys=_choices(REQUIRED_KEYS)
            )
        )
    values = {k: _normalise_value(k, raw[k], card) for k in REQUIRED_KEYS}
    children = _normalise_value("children", raw["children"], card) if "children" in raw else UNKNOWN
    return Answers(
        forms=_normalise_forms(raw.get("forms"), card),
        children=children,
        unit=normalise_unit(raw.get("unit"), card),
        **values,
    )


def unit_choices(card: Card) -> list[tuple[str, str]]:
    """(id, label) of each resource person: the values `unit` takes, besides
    "other". The label is the unit; where two persons share a unit, their names
    are added, so the choices can be told apart."""
    return list(compiled(card).unit_choices)


def _unit_choices(card: Card) -> tuple[tuple[str, str], ...]:
    from collections import Counter

    persons = card.sparring.persons
    count = Counter(p.unit for p in persons)
    return tuple((p.id, f"{p.unit} ({p.name})" if count[p.unit] > 1 else p.unit) for p in persons)


def normalise_unit(raw: Any, card: Card, source: str = "unit") -> str:
    """The caseworker's own unit as a resource person's id, or "other".

    A resource person's id, or a unit's exact name (case and Danish letters
    folded as in `contacts`), wins; else the unit is matched like a contacts
    search ("ungeenhed", "børn og unge", "ssp"), with at least MIN_UNIT letters.
    No match, or more than one (two units, or two persons in one unit), is an
    AnswerError that says which and lists the units with their ids: a person is
    never picked at random.
    """
    from stalkcard.search import fold

    if raw is None:
        return OTHER_UNIT
    text = " ".join(str(raw).split()) if isinstance(raw, str | int) else None
    if text is not None and fold(text) in _NO_UNIT:
        return OTHER_UNIT
    persons = card.sparring.persons
    found: list[Any] = []
    if text is not None:
        if text in {p.id for p in persons}:
            return text
        wanted = fold(text)
        found = [p for p in persons if fold(p.unit) == wanted]
        if not found and len(wanted.replace(" ", "")) >= MIN_UNIT:
            found = [p for p in persons if all(w in fold(p.unit) for w in wanted.split())]
        if len(found) == 1:
            return str(found[0].id)
    units = "; ".join(f"{label} ({ident})" for ident, label in unit_choices(card))
    if len(found) > 1:
        raise AnswerError(
            _(
                'Svaret "{key}" passer på flere ressourcepersoner: {value} ({matches}). Skriv '
                "mere af enhedens navn, eller personens id. Enheder: {units}; eller other."
            ).format(
                key=source,
                value=_describe(raw),
                matches="; ".join(f"{p.name}, {p.unit}" for p in found),
                units=units,
            )
        )
    raise AnswerError(
        _('Svaret "{key}" passer ikke på én enhed: {value}. Enheder: {units}; eller other.').format(
            key=source, value=_describe(raw), units=units
        )
    )


def parse_pairs(pairs: Iterable[str]) -> dict[str, Any]:
    """--answer KEY=VALUE options into a mapping; forms=a,b becomes a list."""
    out: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise AnswerError(
                _(
                    "--answer skal skrives NØGLE=VÆRDI, fx --answer role=victim (fik {value})."
                ).format(value=_describe(pair))
            )
        if key in out:
            raise AnswerError(_('Svaret "{key}" er givet to gange.').format(key=key))
        out[key] = [p for p in value.split(",") if p.strip()] if key == "forms" else value
    return out


# --------------------------------------------------------------------------
# Evaluating the card's rules


def matches(rule: Rule, answers: Answers) -> bool:
    return _holds(_condition(rule), answers)


def card_steps(card: Card) -> dict[str, ResultStep]:
    """Every step a result can show, by id, with its text and the contacts it
    names: the resource persons under sparring, the organisations under handling."""
    contacts = card.contacts
    by_id = {
        s.id: ResultStep(s.id, s.heading, tuple(s.paragraphs)) for s in card.videre_handling.steps
    }
    sparring, handling = card.sparring, card.handling
    by_id[sparring.id] = ResultStep(
        sparring.id,
        sparring.heading,
        tuple(sparring.paragraphs),
        contacts=tuple(c for c in contacts if c.kind == "person"),
    )
    by_id[handling.id] = ResultStep(
        handling.id,
        handling.heading,
        tuple(handling.paragraphs),
        contacts=tuple(c for c in contacts if c.kind == "organisation"),
        after=tuple(handling.closing),
    )
    return by_id


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
    if not all(getattr(answers, key) in values for key, values in when):
        return False
    return not any_of or any(getattr(answers, key) in values for key, values in any_of)


class CompiledCard:
    """What `evaluate` needs of a card, worked out once per card: the contacts,
    the step table and every rule's condition, normalised. Evaluating is then
    the rules alone, however many persons the card has, so the HTML page, which
    evaluates every combination of answers (one per unit, i.e. per person),
    builds in time linear in the number of persons (bench/html_build.py)."""

    def __init__(self, card: Card) -> None:
        rules = card.screening.rules
        self.contacts = tuple(card.contacts)
        self.by_contact = {c.id: c for c in self.contacts}
        self.steps = card_steps(card)
        self.step_ids = tuple(card.step_ids)
        self.assessment = tuple((_condition(r), r.result) for r in rules.assessment)
        self.assessment_text = {a.id: a.text for a in card.screening.assessments}
        self.urgent = tuple(_condition(r) for r in rules.urgent)
        self.step_rules = tuple((_condition(r), tuple(r.show), r.note) for r in rules.steps)
        self.supplement_rules = tuple((_condition(r), tuple(r.show)) for r in rules.supplements)
        self.suggest_rules = tuple((_condition(r), tuple(r.show)) for r in rules.suggest)
        self.supplements = tuple(card.supplements)
        self.persons = tuple(c for c in self.contacts if c.kind == "person")
        self.organisations = tuple(c for c in self.contacts if c.kind == "organisation")
        self._call_now: dict[tuple[Contact, ...], tuple[tuple[Contact, bool], ...]] = {}
        self.unit_choices = _unit_choices(card)  # (id, label) of each person's unit
        self.unit_labels = dict(self.unit_choices)

    def call_now(self, suggested: tuple[Contact, ...]) -> tuple[tuple[Contact, bool], ...]:
        """Whom to call, in order, each with whether it is suggested: the
        suggested persons (none suggested: all of them), then the organisations."""
        order = self._call_now.get(suggested)
        if order is None:
            persons = suggested or self.persons
            order = tuple((c, c in suggested) for c in persons)
            order += tuple((c, False) for c in self.organisations)
            self._call_now[suggested] = order
        return order


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
    assessment = next(result for condition, result in plan.assessment if _holds(condition, answers))
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
    suggested = tuple(
        plan.by_contact[ident]
        for ident in dict.fromkeys(
            i for condition, show in plan.suggest_rules if _holds(condition, answers) for i in show
        )
    )
    return Result(
        answers=answers,
        assessment=assessment,
        assessment_text=plan.assessment_text[assessment],
        urgent=urgent,
        steps=result_steps,
        supplements=supplements,
        contacts=plan.contacts,
        suggested=suggested,
    )


def danger_only(danger: str) -> Answers:
    """Answers that say nothing but `danger`: every other answer "don't know"."""
    return Answers(
        role=UNKNOWN, danger=danger, unwanted=UNKNOWN, one_sided=UNKNOWN, repeated=UNKNOWN
    )


def urgent_supplements(card: Card, danger: str = YES) -> tuple[Supplement, ...]:
    """The urgent supplements (112) to show the moment the danger question is
    answered `danger`: those marked urgent in rules that ask about nothing but
    danger, and match it. Empty when that answer is not (possible) danger."""
    answers = danger_only(danger)
    shown = {
        ident
        for rule in card.screening.rules.supplements
        if set(rule.when) | set(rule.when_any) == {"danger"} and matches(rule, answers)
        for ident in rule.show
    }
    return tuple(s for s in card.supplements if s.id in shown and s.urgent)


# --------------------------------------------------------------------------
# Who answers now


def is_open(hours: OfficeHours | None, now: datetime) -> bool:
    """Whether a contact with these hours answers at `now` (Danish time).
    No hours known means no claim that it is closed."""
    if hours is None:
        return True
    clock = now.strftime("%H:%M")
    return WEEKDAYS[now.weekday()] in hours.days and hours.opens <= clock < hours.closes


def next_opening(hours: OfficeHours, now: datetime) -> datetime | None:
    """When these hours next begin after `now`, within a week."""
    opens_h, opens_m = (int(part) for part in hours.opens.split(":"))
    for ahead in range(8):
        day = now + timedelta(days=ahead)
        start = day.replace(hour=opens_h, minute=opens_m, second=0, microsecond=0)
        if WEEKDAYS[start.weekday()] in hours.days and start > now:
            return start
    return None


class CallPlan(msgspec.Struct, frozen=True):
    """Whom the closing summary lists, in order. `office` is (contact, suggested).
    After hours (none of the office contacts answers now), the round-the-clock
    lines come first and the office contacts follow for when they open again."""

    office: tuple[tuple[Contact, bool], ...]
    after_hours: bool = False
    round_the_clock: tuple[Contact, ...] = ()
    reopens: datetime | None = None  # when the first of them opens again
    assumed: bool = False  # their hours are the tool's assumption, not the card's


def call_plan(card: Card, result: Result, now: datetime | None = None) -> CallPlan:
    """The suggested resource persons (or, with no suggestion, all of them, as
    the card lists them), then the card's organisations. With `now` outside the
    hours of those who lead (the suggested persons, else all of them), the
    card's round-the-clock supplement lines come before them (the ones marked
    urgent_only, such as 112, only when the result is urgent)."""
    office = compiled(card).call_now(result.suggested)  # worked out once per card
    assumed = any(c.hours is not None and c.hours.assumed for c, _s in office)
    if now is None:
        return CallPlan(office, assumed=assumed)
    leading = [c for c, suggested in office if suggested] or [c for c, _s in office]
    if any(is_open(c.hours, now) for c in leading):
        return CallPlan(office, assumed=assumed)
    always = tuple(
        c for c in card.extra_contacts if c.always_open and (result.urgent or not c.urgent_only)
    )
    openings = [t for c in leading if c.hours and (t := next_opening(c.hours, now))]
    return CallPlan(office, True, always, min(openings) if openings else None, assumed)
