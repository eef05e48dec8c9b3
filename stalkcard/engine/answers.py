"""Answers as the caseworker gives them (prompts, --answer, a JSON file),
checked and normalised against the plan's questions: a choice id for a one-of
question, a tuple for a many-of question, the caseworker's unit as a unit id.
Wrong answers are an AnswerError in Danish that names the question."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from stalkcard.card.model import NO, NO_UNIT_WORDS, OTHER_UNIT, UNKNOWN, YES
from stalkcard.engine.questions import Question
from stalkcard.engine.result import Answers, AnswerValue
from stalkcard.errors import AnswerError
from stalkcard.i18n import _

if TYPE_CHECKING:
    from stalkcard.engine.plan import Plan

UNIT_ENV = "STALKCARD_UNIT"
_NO_UNIT = (*NO_UNIT_WORDS, "-", "")
MIN_UNIT = 3  # letters: a shorter unit typed ("t", "og") would match by chance

_SYNONYMS = {
    YES: ("yes", "y", "ja", "j", "true", "on"),
    NO: ("no", "n", "nej", "false", "off"),
    UNKNOWN: ("unknown", "ved ikke", "ved_ikke", "vedikke", "?"),
}
_WORD = {word: value for value, words in _SYNONYMS.items() for word in words}


# Normalising answers


def _choices(values: Iterable[str]) -> str:
    return ", ".join(values)


def example_answers(plan: Plan) -> str:
    """An example of answers for this card, for the messages: "id: choice, ..."."""
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


def normalise_answers(raw: Any, plan: Plan) -> Answers:
    """Check and normalise a mapping of answers; raise AnswerError naming the key."""
    if not isinstance(raw, Mapping):
        raise AnswerError(
            _("Svarene skal være et sæt af nøgler og værdier, fx {example}.").format(
                example=example_answers(plan)
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
            values[q.id] = normalise_unit(raw[q.id], plan, q.id)
        else:
            values[q.id] = _normalise_value(q, raw[q.id])
    return Answers(values)


def normalise_unit(raw: Any, plan: Plan, source: str = "unit") -> str:
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
    card = plan.card
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
