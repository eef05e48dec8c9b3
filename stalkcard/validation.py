"""A card's data checked against the model, with every problem in Danish: the
file, the line, the field and what is wrong."""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Any, NamedTuple

import msgspec
import yaml

from stalkcard.card import FUTURE_LIMIT, days_ahead
from stalkcard.errors import CardError
from stalkcard.i18n import _, ngettext
from stalkcard.model import (
    CONDITION_VALUES,
    CRITERIA,
    NO_UNIT_WORDS,
    OTHER_UNIT,
    PATTERN_MESSAGES,
    ROLES,
    SECTION_KEYS,
    UNKNOWN,
    YES,
    Card,
    Rule,
    StepRule,
    SuggestRule,
    SupplementRule,
)

MAX_ERRORS = 10
UNKNOWN_STEP = 'trinnet "{id}" findes ikke; brug en af: {ids}.'
UNKNOWN_CONTACT = 'kontakten "{id}" findes ikke; brug en af: {ids}.'
UNKNOWN_SUPPLEMENT = 'tillægget "{id}" findes ikke under supplements.'


def _line_of(node: yaml.Node | None, loc: Sequence[int | str]) -> int | None:
    """The line (1-based) of the deepest node that `loc` reaches."""
    if node is None:
        return None
    line = node.start_mark.line + 1
    for part in loc:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            child = node.value[part] if 0 <= part < len(node.value) else None
        if child is None:
            break
        node = child
        line = node.start_mark.line + 1
    return line


def _field(loc: Sequence[int | str]) -> str:
    out = ""
    for part in loc:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or _("(hele filen)")


_ERROR = re.compile(r"^(?P<what>.*?)(?: - at `\$(?P<path>[^`]*)`)?$", re.S)
_STEP = re.compile(r"\.([^.\[]+)|\[(\d+)\]")
_JSON_KINDS = {"array": "en liste", "object": "et afsnit", "str": "tekst", "null": "tom"}
_DATE_HINT = 'skal være en dato skrevet ÅÅÅÅ-MM-DD, fx "2026-11-26".'


def _loc(path: str) -> tuple[int | str, ...]:
    """msgspec's `$.sparring.persons[3].phone` as ("sparring", "persons", 3, "phone")."""
    return tuple(name if name else int(index) for name, index in _STEP.findall(path))


def _value_at(data: Any, loc: Sequence[int | str]) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _schema_problem(error: msgspec.ValidationError, data: Any) -> _Problem:
    """msgspec's (English) validation error as a located, Danish problem."""
    match = _ERROR.match(str(error))
    what = match.group("what") if match else str(error)
    loc = _loc(match.group("path") or "") if match else ()
    if found := re.match(r"Object missing required field `(.+)`", what):
        return _Problem((*loc, found.group(1)), _("mangler."))
    if found := re.match(r"Object contains unknown field `(.+)`", what):
        return _Problem((*loc, found.group(1)), _("er ikke et kendt felt (stavefejl?)."))
    if what.startswith("Expected `str` matching regex"):
        # msgspec names the pattern as Python writes it (its repr).
        message = next(
            (m for pattern, m in PATTERN_MESSAGES.items() if repr(pattern) in what),
            "har en ugyldig form.",
        )
        return _Problem(loc, _(message))
    if found := re.match(r"Expected `(\w+)` of length ([<>]=) (\d+)", what):
        count = found.group(3)
        number = int(count)
        if found.group(2) == ">=":
            return _Problem(
                loc,
                ngettext(
                    "skal have mindst {count} punkt.", "skal have mindst {count} punkter.", number
                ).format(count=count),
            )
        return _Problem(
            loc,
            ngettext(
                "må højst have {count} punkt.", "må højst have {count} punkter.", number
            ).format(count=count),
        )
    if found := re.match(r"Invalid enum value '(.*)'", what):
        return _Problem(
            loc,
            _("{value} er ikke en ugedag; brug mon, tue, wed, thu, fri, sat eller sun.").format(
                value=found.group(1)
            ),
        )
    if found := re.match(r"Expected `(\w+)`, got `(\w+)`", what):
        expected, got = found.groups()
        value = _value_at(data, loc)

        if expected == "str" and isinstance(value, bool):
            return _Problem(
                loc,
                _(
                    "skal være tekst i anførselstegn; uden dem læses ord som "
                    "yes/no/on/off som sand/falsk."
                ),
            )
        if expected == "str" and isinstance(value, int | float):
            return _Problem(
                loc,
                _('skal være tekst i anførselstegn, fx "{value}", ikke et tal.').format(
                    value=value
                ),
            )
        if expected == "str" and isinstance(value, date):
            return _Problem(
                loc, _('skal være tekst i anførselstegn, fx "{value}".').format(value=value)
            )
        if expected == "array":
            return _Problem(loc, _("skal være en liste (linjer, der starter med -)."))
        if expected == "object":
            return _Problem(loc, _("skal være et afsnit med felter (nøgle: værdi)."))
        if expected == "date":
            return _Problem(loc, _(_DATE_HINT))
        shown = _(_JSON_KINDS.get(expected, expected))
        return _Problem(
            loc,
            _("skal være {expected}, ikke {got}.").format(
                expected=shown, got=_(_JSON_KINDS.get(got, got))
            ),
        )
    if "date" in what:
        return _Problem(loc, _(_DATE_HINT))
    return _Problem(loc, _("er ugyldigt ({what}).").format(what=what))


class _Problem(NamedTuple):
    loc: tuple[int | str, ...]
    message: str


def _struct_type(kind: Any) -> Any:
    """The Struct or list type under Annotated[...] and `X | None`, else None."""
    while typing.get_origin(kind) is typing.Annotated:
        kind = typing.get_args(kind)[0]
    if typing.get_origin(kind) in (types.UnionType, typing.Union):
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        kind = options[0] if len(options) == 1 else None
    if isinstance(kind, type) and issubclass(kind, msgspec.Struct):
        return kind
    if typing.get_origin(kind) is list:
        return kind
    return None


def _schema_problems(value: Any, kind: Any, loc: tuple[int | str, ...] = ()) -> list[_Problem]:
    """Every structural problem msgspec finds, not only the first: a failing
    section is checked field by field, and a failing list item by item, down to
    the smallest part that fails on its own."""
    try:
        msgspec.convert(value, kind)
    except msgspec.ValidationError as exc:
        first = _schema_problem(exc, value)
        where = (*loc, *first.loc)
        message = first.message
        if where and where[-1] in ("opens", "closes") and isinstance(value, int):
            # YAML 1.1 reads 15:00 without quotes as a number of minutes (900).
            clock = f"{value // 60:02d}:{value % 60:02d}"
            message = _('skal være et klokkeslæt i anførselstegn, fx "{clock}".').format(
                clock=clock
            )
        whole = [_Problem(where, message)]
    else:
        return []
    inner = _struct_type(kind)
    found: list[_Problem] = []
    if inner is not None and typing.get_origin(inner) is list and isinstance(value, list):
        (item,) = typing.get_args(inner)
        for index, element in enumerate(value):
            found += _schema_problems(element, item, (*loc, index))
    elif inner is not None and typing.get_origin(inner) is None and isinstance(value, dict):
        fields = {f.name: f for f in msgspec.structs.fields(inner)}
        for name in value:
            if name not in fields:
                found.append(_Problem((*loc, name), _("er ikke et kendt felt (stavefejl?).")))
        for name, field in fields.items():
            if name in value:
                found += _schema_problems(value[name], field.type, (*loc, name))
            elif field.required:
                found.append(_Problem((*loc, name), _("mangler.")))
    return found or whole


# Letters that look like nothing (Hangul fillers, the blank Braille pattern): the
# one kind of hiding character that Unicode's categories file as letters.
BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
EARLIEST = date(2015, 1, 1)  # Dansk Stalking Center, which the card names, opened in 2015


def _hidden(text: str) -> str | None:
    """The first character that hides, reorders, breaks or controls text: by
    Unicode category (control, format, line/paragraph separator, private use,
    surrogate, unassigned), newlines and tabs included, and the blank letters."""
    from stalkcard.safe import hides

    return next((ch for ch in text if ch in BLANK_LETTERS or hides(ch)), None)


def _strings(
    data: Any, loc: tuple[int | str, ...] = ()
) -> Iterator[tuple[tuple[int | str, ...], str]]:
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*loc, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*loc, index))


def _text_checks(card: Card, today: date) -> Iterator[_Problem]:
    """Every text of the card is one visible line, and the date makes sense."""
    for loc, text in _strings(msgspec.to_builtins(card)):
        ch = _hidden(text)
        if ch is not None:
            yield _Problem(
                loc,
                _(
                    "indeholder et usynligt tegn eller et linjeskift (U+{code:04X}), som kan "
                    "skjule eller bytte om på teksten. Slet det, og skriv teksten på én linje."
                ).format(code=ord(ch)),
            )
    verified = card.meta.contacts_verified
    if verified < EARLIEST:
        yield _Problem(
            ("meta", "contacts_verified"),
            _("{date} er for tidligt: kortet kan tidligst være fra {earliest}.").format(
                date=verified.isoformat(), earliest=EARLIEST.isoformat()
            ),
        )
    # A date somewhat ahead is a clock that runs behind: a warning (stalkcard.cli),
    # not a refusal. Only the absurd is refused, on the twin's path too (card.py).
    if days_ahead(card, today) > FUTURE_LIMIT:
        yield _Problem(
            ("meta", "contacts_verified"),
            _(
                "{date} ligger mere end et år i fremtiden (i dag er {today}). Skriv datoen, "
                "hvor kontaktlisten sidst blev opdateret."
            ).format(date=verified.isoformat(), today=today.isoformat()),
        )


def phone_stands_whole(line: str, phone: str) -> bool:
    """True when `phone` stands in `line`, and wherever it stands, as a whole
    number: no digit just before or after it. The terminal, the Markdown and
    the page's tel: link take the phone's first place in the line, so "12517
    73749" must not pass for "2517 7374": it would show one number and dial another."""
    places = [m.start() for m in re.finditer(f"(?={re.escape(phone)})", line)]
    end = len(phone)
    return bool(places) and all(
        not (at > 0 and line[at - 1].isdigit())
        and not (at + end < len(line) and line[at + end].isdigit())
        for at in places
    )


def _cross_checks(card: Card, today: date | None = None) -> Iterator[_Problem]:
    """Rules that span fields: known ids, no duplicates, the card's safety floor,
    visible one-line text and a sensible date."""
    yield from _text_checks(card, today or date.today())

    def duplicates(items: Iterable[tuple[str, tuple[int | str, ...]]]) -> Iterator[_Problem]:
        """Each (id, where it stands): the second use is reported on its own line."""
        seen: set[str] = set()
        for ident, loc in items:
            if ident in seen:
                yield _Problem((*loc, "id"), _('id "{id}" bruges to gange.').format(id=ident))
            seen.add(ident)

    def listed(ids: Iterable[str], *loc: int | str) -> list[tuple[str, tuple[int | str, ...]]]:
        return [(ident, (*loc, index)) for index, ident in enumerate(ids)]

    criteria = [c.id for c in card.stalking.criteria]
    if sorted(criteria) != sorted(CRITERIA):
        yield _Problem(
            ("stalking", "criteria"),
            _("kriterierne skal have præcis disse id'er: {ids}.").format(ids=", ".join(CRITERIA)),
        )
    roles = [r.id for r in card.screening.roles]
    if sorted(roles) != sorted(ROLES):
        yield _Problem(
            ("screening", "roles"),
            _("rollerne skal have præcis disse id'er: {ids}.").format(ids=", ".join(ROLES)),
        )
    yield from duplicates(
        (s.id, (key,)) for key, s in zip(SECTION_KEYS, card.sections, strict=True)
    )
    yield from duplicates(listed((f.id for f in card.eksempler.forms), "eksempler", "forms"))
    yield from duplicates(
        listed((p.id for p in card.sparring.persons), "sparring", "persons")
        + listed((o.id for o in card.handling.organisations), "handling", "organisations")
        + listed((s.id for s in card.supplement_contacts), "supplement_contacts")
    )
    yield from duplicates(
        [
            (card.sparring.id, ("sparring",)),
            (card.handling.id, ("handling",)),
            *listed((s.id for s in card.videre_handling.steps), "videre_handling", "steps"),
        ]
    )
    yield from duplicates(listed((s.id for s in card.supplements), "supplements"))
    yield from duplicates(
        listed((a.id for a in card.screening.assessments), "screening", "assessments")
    )
    for index, person in enumerate(card.sparring.persons):
        if person.id in NO_UNIT_WORDS:  # would be everyone's unit ("no unit")
            yield _Problem(
                ("sparring", "persons", index, "id"),
                _('"{id}" er et reserveret ord (svaret "ingen enhed"); brug et andet id.').format(
                    id=person.id
                ),
            )
    for index, org in enumerate(card.handling.organisations):
        if org.name not in org.card_line or org.phone not in org.card_line:
            yield _Problem(
                ("handling", "organisations", index, "card_line"),
                _("skal indeholde både navnet og telefonnummeret, som på kortet."),
            )
        elif not phone_stands_whole(org.card_line, org.phone):
            yield _Problem(
                ("handling", "organisations", index, "card_line"),
                _(
                    "telefonnummeret {phone} skal stå som et helt nummer i linjen, uden cifre "
                    "lige før eller efter: det, der vises, er det, der ringes til."
                ).format(phone=org.phone),
            )

    rules = card.screening.rules
    groups: list[tuple[str, Sequence[Rule]]] = [
        ("assessment", rules.assessment),
        ("urgent", rules.urgent),
        ("steps", rules.steps),
        ("supplements", rules.supplements),
        ("suggest", rules.suggest),
    ]
    person_ids = [p.id for p in card.sparring.persons]
    for group, items in groups:
        for index, rule in enumerate(items):
            loc = ("screening", "rules", group, index)
            for part in ("when", "when_any"):
                for key, values in rule.values(part).items():
                    allowed = CONDITION_VALUES.get(key)
                    if key == "unit":
                        allowed = (OTHER_UNIT, *person_ids)
                    if allowed is None:
                        yield _Problem(
                            (*loc, part, key),
                            _('"{key}" er ikke et svar; brug en af: {keys}.').format(
                                key=key, keys=", ".join(CONDITION_VALUES)
                            ),
                        )
                    elif not values or any(v not in allowed for v in values):
                        yield _Problem(
                            (*loc, part, key),
                            _('"{key}" kan kun være: {values}.').format(
                                key=key, values=", ".join(allowed)
                            ),
                        )

    assessment_ids = {a.id for a in card.screening.assessments}
    for index, a_rule in enumerate(rules.assessment):
        if a_rule.result not in assessment_ids:
            yield _Problem(
                ("screening", "rules", "assessment", index, "result"),
                _('vurderingen "{id}" findes ikke under screening.assessments.').format(
                    id=a_rule.result
                ),
            )
    if not rules.assessment[-1].always:
        yield _Problem(
            ("screening", "rules", "assessment", len(rules.assessment) - 1),
            _(
                "den sidste vurderingsregel skal gælde altid (uden when), "
                "så ingen svar står uden vurdering."
            ),
        )
    yield from _unknown_shown("steps", rules.steps, card.step_ids, UNKNOWN_STEP)
    always = {ident for r in rules.steps if r.always for ident in r.show}
    missing = [s for s in (card.sparring.id, card.handling.id) if s not in always]
    if missing:
        yield _Problem(
            ("screening", "rules", "steps"),
            _(
                "en regel uden betingelser skal altid vise {steps}: "
                "kortet siger, at en mistanke altid skal handles på."
            ).format(steps=", ".join(missing)),
        )
    yield from _danger_floor(card)
    yield from _hours_checks(card)
    yield from _unknown_shown(
        "suggest",
        rules.suggest,
        [c.id for c in card.contacts],
        UNKNOWN_CONTACT,
    )
    yield from _unknown_shown(
        "supplements", rules.supplements, [s.id for s in card.supplements], UNKNOWN_SUPPLEMENT
    )


def _hours_checks(card: Card) -> Iterator[_Problem]:
    """Opening hours must close after they open on the same day: hours across
    midnight would read as never open."""
    located: list[tuple[tuple[int | str, ...], Any]] = [
        (("meta", "office_hours"), card.meta.office_hours)
    ]
    located += [
        (("sparring", "persons", i, "hours"), p.hours) for i, p in enumerate(card.sparring.persons)
    ]
    located += [
        (("handling", "organisations", i, "hours"), o.hours)
        for i, o in enumerate(card.handling.organisations)
    ]
    for loc, hours in located:
        if hours is not None and hours.closes <= hours.opens:
            yield _Problem(
                (*loc, "closes"),
                _(
                    "tidspunktet, hvor kontakterne lukker, skal ligge efter det, "
                    "hvor de åbner (samme dag)."
                ),
            )


def _danger_floor(card: Card) -> Iterator[_Problem]:
    """The safety floor for danger: "yes" and "unknown" (possible danger) must
    both make the result urgent and show an urgent instruction (112) at once."""
    from stalkcard.screening import danger_only, matches, urgent_supplements

    for value in (YES, UNKNOWN):
        answers = danger_only(value)
        if not any(
            matches(r, answers)
            for r in card.screening.rules.urgent
            if set(r.when) | set(r.when_any) <= {"danger"}
        ):
            yield _Problem(
                ("screening", "rules", "urgent"),
                _('danger: "{value}" skal gøre resultatet akut (en regel med kun danger).').format(
                    value=value
                ),
            )
        if not urgent_supplements(card, value):
            yield _Problem(
                ("screening", "rules", "supplements"),
                _(
                    'danger: "{value}" skal vise et tillæg med det samme (fx 112), '
                    "i en regel med kun danger."
                ).format(value=value),
            )


def _unknown_shown(
    group: str,
    rules: Sequence[StepRule | SuggestRule | SupplementRule],
    known: Sequence[str],
    message: str,
) -> Iterator[_Problem]:
    """A rule's `show` may only name what exists: steps, contacts or supplements."""
    for index, rule in enumerate(rules):
        for ident in rule.show:
            if ident not in known:
                yield _Problem(
                    ("screening", "rules", group, index, "show"),
                    _(message).format(id=ident, ids=", ".join(known)),
                )


def validate_data(data: Any, node: yaml.Node | None, source: str) -> Card:
    """Turn parsed YAML into a Card, or raise CardError listing every problem found."""
    if not isinstance(data, dict):
        kind = _("en liste") if isinstance(data, list) else _("en enkelt værdi")
        raise CardError(
            _(
                "{source}: kortfilen skal være et sæt af afsnit (meta:, stalking:, ...), "
                "ikke {kind}."
            ).format(source=source, kind=kind)
        )
    problems: list[_Problem]
    try:
        card = msgspec.convert(data, Card)
    except msgspec.ValidationError:
        # msgspec stops at the first problem: look part by part for all of them.
        problems = _schema_problems(data, Card)
    else:
        problems = list(_cross_checks(card))
        if not problems:
            return card
    lines = [_("Kortfilen kan ikke bruges: {source}").format(source=source)]
    for problem in problems[:MAX_ERRORS]:
        line = _line_of(node, problem.loc)
        where = _("linje {line}, ").format(line=line) if line else ""
        field = _("felt {field}: {message}").format(
            field=_field(problem.loc), message=problem.message
        )
        lines.append(f"  {where}{field}")
    if len(problems) > MAX_ERRORS:
        more = len(problems) - MAX_ERRORS
        lines.append(
            "  "
            + ngettext("... og {count} fejl mere.", "... og {count} fejl mere.", more).format(
                count=more
            )
        )
    raise CardError("\n".join(lines))
