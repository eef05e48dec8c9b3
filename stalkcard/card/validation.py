"""A card's data checked against the model, with every problem in Danish: the
file, the line, the field and what is wrong."""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

import msgspec

from stalkcard.card.model import (
    CARD_FORMAT,
    NO,
    NO_UNIT_WORDS,
    PATTERN_MESSAGES,
    UNITS,
    UNKNOWN,
    YES,
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
    hours_windows,
)
from stalkcard.card.reading import FUTURE_LIMIT, days_ahead
from stalkcard.errors import CardError
from stalkcard.i18n import _, ngettext

if TYPE_CHECKING:
    import yaml

    from stalkcard.engine.plan import Plan

MAX_ERRORS = 10
UNKNOWN_STEP = 'trinnet "{id}" findes ikke; brug en af: {ids}.'
UNKNOWN_CONTACT = 'kontakten eller enheden "{id}" findes ikke; brug en af: {ids}.'
UNKNOWN_SUPPLEMENT = 'tillægget "{id}" findes ikke under supplements.'


class _Lines:
    """Where each part of the file starts: the line (1-based) of every node,
    by its path (("screening", "rules", "steps", 0, "when", "role")), from one
    walk of the composed YAML tree. Locating N problems is then linear in N,
    not N times the size of the mapping they are in."""

    def __init__(self, node: yaml.Node | None) -> None:
        import yaml

        self._line: dict[tuple[int | str, ...], int] = {}
        if node is None:
            return
        stack: list[tuple[tuple[int | str, ...], yaml.Node]] = [((), node)]
        while stack:
            path, here = stack.pop()
            self._line[path] = here.start_mark.line + 1
            if isinstance(here, yaml.MappingNode):
                for key, value in here.value:
                    if isinstance(key, yaml.ScalarNode):
                        stack.append(((*path, key.value), value))
            elif isinstance(here, yaml.SequenceNode):
                stack.extend(((*path, index), item) for index, item in enumerate(here.value))

    def of(self, loc: Sequence[int | str]) -> int | None:
        """The line of the deepest node that `loc` reaches (None: no file)."""
        for end in range(len(loc), -1, -1):
            line = self._line.get(tuple(loc[:end]))
            if line is not None:
                return line
        return None


def _field(loc: Sequence[int | str]) -> str:
    out = ""
    for part in loc:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or _("(hele filen)")


_ERROR = re.compile(r"^(?P<what>.*?)(?: - at `\$(?P<path>[^`]*)`)?$", re.S)
_STEP = re.compile(r"\.([^.\[]+)|\[(\d+)\]")
_JSON_KINDS = {
    "array": "en liste",
    "object": "et afsnit",
    "str": "tekst",
    "null": "tom",
    "bool": "true eller false",
    "int": "et tal",
    "float": "et tal",
    "date": "en dato",
}
SECTION_KINDS = ("definition", "forms", "text", "contacts", "steps")
_DATE_HINT = 'skal være en dato skrevet ÅÅÅÅ-MM-DD, fx "2026-11-26".'


def _loc(path: str) -> tuple[int | str, ...]:
    """msgspec's `$.contacts[3].phone` as ("contacts", 3, "phone")."""
    # A dict's key is `[...]` (msgspec does not name it): the problem is placed on the dict.
    path = path.replace("[...]", "")
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
    if what.startswith("Expected `bool | str | array`"):  # a rule's answer values
        return _Problem(
            loc,
            _(
                "hvert svar skal være et af spørgsmålets valg i anførselstegn, "
                'fx "yes", eller en liste af dem, fx ["yes", "unknown"].'
            ),
        )
    if (found := re.match(r"Invalid value '(.*)'", what)) and loc and loc[-1] == "kind":
        return _Problem(
            loc,
            _("{value} er ikke en slags afsnit; brug en af: {kinds}.").format(
                value=found.group(1), kinds=", ".join(SECTION_KINDS)
            ),
        )
    weekdays = "days" in loc or bool(loc and isinstance(loc[-1], int))  # days: [mon, ...]
    if (found := re.match(r"Invalid enum value '(.*)'", what)) and weekdays:
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
    if found := re.match(r"Expected `([\w |]+)`, got `(\w+)`", what):
        options = [_(_JSON_KINDS.get(o, o)) for o in found.group(1).split(" | ")]
        return _Problem(
            loc,
            _("skal være {expected}, ikke {got}.").format(
                expected=_(" eller ").join(options),
                got=_(_JSON_KINDS.get(found.group(2), found.group(2))),
            ),
        )
    if "date" in what:
        return _Problem(loc, _(_DATE_HINT))
    if found := re.match(r"Invalid enum value '(.*)'|Invalid value '(.*)'", what):
        return _Problem(
            loc,
            _('"{value}" er ikke et af de tilladte valg her.').format(
                value=found.group(1) or found.group(2)
            ),
        )
    return _Problem(loc, _("har en form, som kortet ikke kan bruge her."))


class _Problem(NamedTuple):
    loc: tuple[int | str, ...]
    message: str
    # How validate reads on past a structural problem: ("delete", loc) leaves
    # the field out (its default, or an unknown field); ("set", loc, kind)
    # puts a stand-in of that type there. None: no fix (a cross-field problem).
    fix: tuple[Any, ...] | None = None


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


def _tagged(kind: Any, value: Any) -> Any:
    """The section kind a value names ("kind: text") in a union of tagged
    structs, so its fields are checked one by one; else None."""
    while typing.get_origin(kind) is typing.Annotated:
        kind = typing.get_args(kind)[0]
    if typing.get_origin(kind) not in (types.UnionType, typing.Union) or not isinstance(
        value, dict
    ):
        return None
    for option in typing.get_args(kind):
        if isinstance(option, type) and issubclass(option, msgspec.Struct):
            config = option.__struct_config__
            if config.tag_field and value.get(config.tag_field) == config.tag:
                return option
    return None


def _shaped(kind: Any, value: Any) -> Any:
    """In a union of one struct, one list and plain values (hours: one window,
    a list of windows, or "unknown"), the option the value has the shape of,
    so its fields are checked one by one; else None."""
    while typing.get_origin(kind) is typing.Annotated:
        kind = typing.get_args(kind)[0]
    if typing.get_origin(kind) not in (types.UnionType, typing.Union):
        return None
    options = typing.get_args(kind)
    structs = [o for o in options if isinstance(o, type) and issubclass(o, msgspec.Struct)]
    if len(structs) > 1:  # tagged structs (the sections): _tagged's job
        return None
    for option in options:
        if isinstance(value, dict) and option in structs:
            return option
        if isinstance(value, list) and typing.get_origin(option) is list:
            return option
    return None


def _schema_problems(
    value: Any, kind: Any, loc: tuple[int | str, ...] = (), optional: bool = False
) -> list[_Problem]:
    """Every structural problem msgspec finds, not only the first: a failing
    section is checked field by field, and a failing list item by item, down to
    the smallest part that fails on its own."""
    try:
        msgspec.convert(value, kind)
    except msgspec.ValidationError as exc:
        first = _schema_problem(exc, value)
        where = (*loc, *first.loc)
        message = first.message
        if where and where[-1] in ("opens", "closes"):
            # YAML 1.1 reads 15:00 without quotes as a number of minutes (900). The
            # example is the time typed only when it is a time of day (not "25:00").
            minutes = value if isinstance(value, int) and not isinstance(value, bool) else -1
            if 0 <= minutes <= 24 * 60:
                message = _('skal være et klokkeslæt i anførselstegn, fx "{clock}".').format(
                    clock=f"{minutes // 60:02d}:{minutes % 60:02d}"
                )
            else:
                message = _(
                    'skal være et klokkeslæt fra "00:00" til "24:00" i anførselstegn, fx "15:00".'
                )
        options = _literal_options(kind)
        if options and not first.loc:
            shown = value if isinstance(value, str) else str(value)
            message = _('"{value}" er ikke et af valgene; brug en af: {options}.').format(
                value=shown, options=", ".join(options)
            )
        whole = [_Problem(where, message)]
    else:
        return []
    inner = _struct_type(kind) or _tagged(kind, value) or _shaped(kind, value)
    found: list[_Problem] = []
    if inner is not None and typing.get_origin(inner) is list and isinstance(value, list):
        (item,) = typing.get_args(inner)
        for index, element in enumerate(value):
            found += _schema_problems(element, item, (*loc, index))
    elif inner is not None and typing.get_origin(inner) is None and isinstance(value, dict):
        fields = {f.encode_name: f for f in msgspec.structs.fields(inner)}
        tag = inner.__struct_config__.tag_field
        for name in value:
            if name == tag:
                continue
            if name not in fields:
                found.append(
                    _Problem(
                        (*loc, name),
                        _unknown_field(str(name), [n for n in fields if n != tag]),
                        ("delete", (*loc, name)),
                    )
                )
        for name, field in fields.items():
            if name in value:
                found += _schema_problems(
                    value[name], field.type, (*loc, name), optional=not field.required
                )
            elif field.required:
                found.append(
                    _Problem((*loc, name), _("mangler."), ("set", (*loc, name), field.type))
                )
    if found:
        return found
    fix = ("delete", loc) if optional else ("set", loc, kind)
    return [_Problem(p.loc, p.message, fix) for p in whole]


def _literal_options(kind: Any) -> list[str]:
    """The words a Literal field (or `Literal | None`) takes, else []."""
    while typing.get_origin(kind) is typing.Annotated:
        kind = typing.get_args(kind)[0]
    if typing.get_origin(kind) in (types.UnionType, typing.Union):
        for option in typing.get_args(kind):
            if typing.get_origin(option) is typing.Literal:
                kind = option
                break
    if typing.get_origin(kind) is typing.Literal:
        return [str(a) for a in typing.get_args(kind)]
    return []


def _placeholder(kind: Any, serial: list[int]) -> Any:
    """A stand-in value of type `kind` that the model accepts: validate puts it
    where a value is missing or wrong, so the rest of the card can be checked
    in the same run (problems at a stand-in are not reported again)."""
    from stalkcard.card.model import EMAIL_PATTERN, IDENT_PATTERN, PHONE_PATTERN

    pattern = None
    min_length = 0
    while typing.get_origin(kind) is typing.Annotated:
        kind, *metas = typing.get_args(kind)
        for meta in metas:
            if isinstance(meta, msgspec.Meta):
                pattern = meta.pattern or pattern
                min_length = meta.min_length or min_length
    origin: Any = typing.get_origin(kind)
    if origin in (types.UnionType, typing.Union):
        options = typing.get_args(kind)
        if type(None) in options:
            return None
        ordered = sorted(options, key=lambda o: not _literal_options(o))
        return _placeholder(ordered[0], serial)
    if origin is typing.Literal:
        return typing.get_args(kind)[0]
    if origin in (list, tuple):
        (item, *_rest) = typing.get_args(kind)
        return [_placeholder(item, serial) for _n in range(min_length)]
    if origin is dict:
        return {}
    if kind is bool:
        return False
    if kind is int:
        return 0
    if kind is date:
        return date(2026, 1, 1)
    if isinstance(kind, type) and issubclass(kind, msgspec.Struct):
        out: dict[str, Any] = {}
        config = kind.__struct_config__
        if config.tag_field:
            out[config.tag_field] = config.tag
        for field in msgspec.structs.fields(kind):
            if field.required:
                out[field.encode_name] = _placeholder(field.type, serial)
        return out
    if pattern == IDENT_PATTERN:
        serial[0] += 1
        return f"x_stand_in_{serial[0]}"
    if pattern == PHONE_PATTERN:
        return "00000000"
    if pattern == EMAIL_PATTERN:
        return "a@b.dk"
    if pattern is not None and "[0-5]" in pattern:
        return "00:00"
    if pattern is not None and "(0[1-9]|1[0-2])-" in pattern:
        return "01-01"
    return "?"


def _unknown_field(name: str, allowed: list[str]) -> str:
    """An unknown field: the nearest allowed one, and all of them."""
    import difflib

    near = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    guess = _('Mente du "{field}"? ').format(field=near[0]) if near else ""
    return (
        _("er ikke et kendt felt her. ")
        + guess
        + _("Felterne her er: {fields}.").format(fields=", ".join(allowed))
    )


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


def _text_checks(card: Card, today: date | None) -> Iterator[_Problem]:
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
    # A date somewhat ahead is a clock that runs behind: a warning (stalkcard.cli.app),
    # not a refusal. Only the absurd is refused, and only when the caller holds the
    # card against a day (`validate`): a caseworker's wrong clock refuses no card.
    if today is not None and days_ahead(card, today) > FUTURE_LIMIT:
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
    visible one-line text and a sensible date (against `today`, when given)."""
    yield from _text_checks(card, today)

    def duplicates(items: Iterable[tuple[str, tuple[int | str, ...]]]) -> Iterator[_Problem]:
        """Each (id, where it stands): the second use is reported on its own line."""
        seen: set[str] = set()
        for ident, loc in items:
            if ident in seen:
                yield _Problem((*loc, "id"), _('id "{id}" bruges to gange.').format(id=ident))
            seen.add(ident)

    def listed(ids: Iterable[str], *loc: int | str) -> list[tuple[str, tuple[int | str, ...]]]:
        return [(ident, (*loc, index)) for index, ident in enumerate(ids)]

    yield from duplicates(listed((s.id for s in card.sections), "sections"))
    # One space: a suggestion names a unit or a contact. A contact given an
    # id that is taken has lost its own: the sections that name the lost id
    # are said with the duplicate, not as problems of their own (no cascade).
    lost = _lost_contacts(card)
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
    yield from _section_text_checks(card)
    yield from duplicates(listed((q.id for q in card.questions), "questions"))
    yield from duplicates(listed((s.id for s in card.supplements), "supplements"))
    yield from duplicates(
        listed((a.id for a in card.screening.assessments), "screening", "assessments")
    )
    yield from _contact_checks(card)
    yield from _phone_checks(card)
    yield from _question_checks(card)
    for index, ident in enumerate(card.screening.with_assessment):
        if not isinstance(card.section(ident), TextSection):
            yield _Problem(
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
                        yield _Problem(
                            (*loc, part, key),
                            _(
                                '"{key}" er ikke et spørgsmål med ét svar; brug en af: {keys}.'
                            ).format(key=key, keys=", ".join(asked)),
                        )
                        continue
                    allowed = [c.id for c in question.choices]
                    if not values or any(v not in allowed for v in values):
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
    yield from _hours_checks(card)
    yield from _choice_labels(card)
    for group, routing in (("route", rules.route), ("suggest", rules.suggest)):
        yield from _unknown_shown(
            group,
            routing,
            [c.id for c in card.contact_list] + [u.id for u in card.units],
            UNKNOWN_CONTACT,
        )
    from stalkcard.card.planfloor import line_problems

    yield from line_problems(card)
    yield from _unknown_shown(
        "supplements", rules.supplements, [s.id for s in card.supplements], UNKNOWN_SUPPLEMENT
    )
    yield from _log_checks(card)


# Danish numbers shorter than 8 digits that are real (the emergency and
# police lines, helplines): 112, 114, Akuttelefonen 1813, Lev uden vold 1888,
# and the 116 numbers (116 000, 116 006 Offerrådgivningen, 116 111
# Børnetelefonen, 116 117, 116 123).
SHORT_NUMBERS = ("112", "114", "1813", "1888", "116000", "116006", "116111", "116117", "116123")


def danish_digits(phone: str) -> str | None:
    """A phone's digits when it is a Danish number (no country code, or +45), else None."""
    digits = phone.replace(" ", "")
    if digits.startswith("+45"):
        return digits[3:]
    if digits.startswith(("+", "00")):
        return None  # a number abroad: its own length
    return digits


def _phone_checks(card: Card) -> Iterator[_Problem]:
    """A Danish number has 8 digits or is a known short number: a dropped
    digit ("7979 741") must not be shown and dialled."""
    own = [c.phone for c in card.contact_list if len(danish_digits(c.phone) or "") == 8]
    example = own[0] if own else "7070 7070"
    shorts = ", ".join(f"{n[:3]} {n[3:]}" if len(n) == 6 else n for n in SHORT_NUMBERS)
    located: list[tuple[tuple[int | str, ...], str | None]] = [
        (("contacts", i, "phone"), c.phone) for i, c in enumerate(card.contact_list)
    ]
    located += [
        (("supplement_contacts", i, "phone"), c.phone)
        for i, c in enumerate(card.supplement_contacts)
    ]
    for loc, phone in located:
        digits = danish_digits(phone) if phone else None
        if digits is None or len(digits) == 8 or digits in SHORT_NUMBERS:
            continue
        yield _Problem(
            loc,
            _(
                '"{phone}" har {count} cifre: et dansk telefonnummer har 8 cifre, fx "{example}", '
                "eller er et kendt kort nummer ({shorts}). Et nummer i udlandet skrives med "
                'landekode, fx "+46 8 123 456".'
            ).format(phone=phone, count=len(digits), example=example, shorts=shorts),
        )


def _lost_contacts(card: Card) -> list[str]:
    """The contacts a section names that no contact has, when two contacts
    share an id (one of them has likely lost its own); else []."""
    known = [c.id for c in card.contact_list]
    if len(set(known)) == len(known):
        return []
    named = [i for s in card.contact_sections for i in s.contacts]
    return [i for i in dict.fromkeys(named) if i not in known]


def _floor_checks(card: Card) -> Iterator[_Problem]:
    """The card's safety floors (a contact for every answer, danger leads to
    112, someone to call at every hour): run on rules that name what exists."""
    from stalkcard.card.planfloor import plan_floor
    from stalkcard.engine.plan import compile_plan

    plan = compile_plan(card)  # once: every floor runs the engine on the same plan
    yield from _contact_floor(plan)
    yield from _danger_floor(plan)
    yield from plan_floor(plan)


def _section_text_checks(card: Card) -> Iterator[_Problem]:
    """A section says something: a definition has paragraphs or criteria, a
    text section paragraphs or items."""
    for index, section in enumerate(card.sections):
        if isinstance(section, DefinitionSection) and not (section.paragraphs or section.criteria):
            yield _Problem(
                ("sections", index, "criteria"),
                _("mangler: et afsnit med kind: definition skal have paragraphs eller criteria."),
            )
        elif isinstance(section, TextSection) and not (section.paragraphs or section.items):
            yield _Problem(
                ("sections", index, "paragraphs"),
                _("mangler: et afsnit med kind: text skal have paragraphs eller items."),
            )


def _contact_checks(card: Card) -> Iterator[_Problem]:
    """Units and contacts: every unit a contact names exists, no unit is named
    like the answer "no unit", every contact is listed by a contacts section
    (else it is never shown), and the card's own line shows the number dialled."""
    units = [u.id for u in card.units]
    for index, unit in enumerate(card.units):
        if unit.id in NO_UNIT_WORDS:  # would be everyone's unit ("no unit")
            yield _Problem(
                ("units", index, "id"),
                _('"{id}" er et reserveret ord (svaret "ingen enhed"); brug et andet id.').format(
                    id=unit.id
                ),
            )
    names: dict[str, str] = {}
    for index, unit in enumerate(card.units):
        if unit.name in names:  # the question would show two choices alike
            yield _Problem(
                ("units", index, "name"),
                _('enheden "{id}" har samme navn som "{other}": {name}.').format(
                    id=unit.id, other=names[unit.name], name=unit.name
                ),
            )
        names.setdefault(unit.name, unit.id)
    listed = {i for s in card.contact_sections for i in s.contacts}
    members = {c.unit for c in card.contact_list if c.id in listed}
    for group_index, rule in enumerate(card.screening.rules.suggest):
        for ident in rule.show:
            if ident in units and ident not in members:
                yield _Problem(
                    ("screening", "rules", "suggest", group_index, "show"),
                    _(
                        'enheden "{id}" har ingen kontakter i kortets afsnit, '
                        "så forslaget ville ikke foreslå nogen."
                    ).format(id=ident),
                )
    known = [c.id for c in card.contact_list]
    lost = _lost_contacts(card)
    first_listed: dict[str, str] = {}
    for index, section in enumerate(card.sections):
        if isinstance(section, ContactsSection):
            for place, ident in enumerate(section.contacts):
                if ident in first_listed:
                    yield _Problem(
                        ("sections", index, "contacts", place),
                        _(
                            'kontakten "{id}" står allerede i afsnittet "{section}"; '
                            "en kontakt står i ét afsnit."
                        ).format(id=ident, section=first_listed[ident]),
                    )
                first_listed.setdefault(ident, section.id)
                if ident not in known and not (lost and len(set(known)) < len(known)):
                    yield _Problem(
                        ("sections", index, "contacts", place),
                        _('kontakten "{id}" findes ikke under contacts; brug en af: {ids}.').format(
                            id=ident, ids=", ".join(known)
                        ),
                    )
    for index, contact in enumerate(card.contact_list):
        if contact.unit is not None and contact.unit not in units:
            yield _Problem(
                ("contacts", index, "unit"),
                _('enheden "{id}" findes ikke under units; brug en af: {ids}.').format(
                    id=contact.unit, ids=", ".join(units) or _("(ingen enheder)")
                ),
            )
        if contact.id not in listed:
            yield _Problem(
                ("contacts", index, "id"),
                _(
                    'kontakten "{id}" står ikke i noget afsnit med kind: contacts, '
                    "så den vises aldrig."
                ).format(id=contact.id),
            )
        line = contact.card_line
        if line is None:
            if contact.name is None:
                yield _Problem(
                    ("contacts", index, "name"),
                    _(
                        "mangler: en kontakt skal have et navn (name) eller kortets egen linje "
                        "(card_line)."
                    ),
                )
            continue
        if (contact.name is not None and contact.name not in line) or contact.phone not in line:
            yield _Problem(
                ("contacts", index, "card_line"),
                _("skal indeholde både navnet og telefonnummeret, som på kortet."),
            )
        elif not phone_stands_whole(line, contact.phone):
            yield _Problem(
                ("contacts", index, "card_line"),
                _(
                    "telefonnummeret {phone} skal stå som et helt nummer i linjen, uden cifre "
                    "lige før eller efter: det, der vises, er det, der ringes til."
                ).format(phone=contact.phone),
            )


def _question_checks(card: Card) -> Iterator[_Problem]:
    """Each question's choices resolve, its "don't know" is one of them, a sign
    (criterion) is asked yes / no / don't know, and exactly one question is the
    danger question, with a yes and a "don't know"."""
    from stalkcard.engine.questions import resolve

    forms = {s.id for s in card.sections if isinstance(s, FormsSection)}
    danger = [i for i, q in enumerate(card.questions) if q.danger]
    if not danger:
        yield _Problem(
            ("questions",),
            _(
                "ét spørgsmål skal være spørgsmålet om akut fare (danger: true): "
                "ingen svar om fare må antages."
            ),
        )
    for index in danger[1:]:
        yield _Problem(
            ("questions", index, "danger"),
            _("kun ét spørgsmål kan være spørgsmålet om akut fare."),
        )
    units_questions = 0
    for index, q in enumerate(card.questions):
        loc: tuple[int | str, ...] = ("questions", index)
        if q.choices is not None and q.choices_from is not None:
            yield _Problem(
                (*loc, "choices_from"), _("brug enten choices eller choices_from, ikke begge.")
            )
            continue
        if q.choices_from == UNITS:
            units_questions += 1
            if not card.units:
                yield _Problem(
                    (*loc, "choices_from"), _("kortet har ingen units at vælge imellem.")
                )
            if q.kind != "one" or q.danger or q.criterion:
                yield _Problem(
                    (*loc, "choices_from"),
                    _("spørgsmålet om enheden har ét svar og er hverken fare eller kendetegn."),
                )
            continue
        if q.choices_from is not None and q.choices_from not in forms:
            yield _Problem(
                (*loc, "choices_from"),
                _('"{id}" er hverken units eller et afsnit med kind: forms.').format(
                    id=q.choices_from
                ),
            )
            continue
        if q.kind == "many":
            if q.danger or q.criterion or q.unknown:
                yield _Problem(
                    (*loc, "kind"),
                    _(
                        "et spørgsmål med flere svar kan ikke være fare, kendetegn "
                        "eller have unknown."
                    ),
                )
            if q.choices is None and q.choices_from is None:
                yield _Problem(
                    (*loc, "choices"), _("et spørgsmål med flere svar skal have choices.")
                )
            continue
        ids = [c.id for c in resolve(card, q).choices]
        seen: set[str] = set()
        for place, ident in enumerate(ids):
            if ident in seen:
                yield _Problem(
                    (*loc, "choices", place, "id"),
                    _('id "{id}" bruges to gange.').format(id=ident),
                )
            seen.add(ident)
        if q.unknown is not None and q.unknown not in ids:
            yield _Problem(
                (*loc, "unknown"),
                _('"{id}" er ikke et af spørgsmålets valg: {ids}.').format(
                    id=q.unknown, ids=", ".join(ids)
                ),
            )
        if q.unknown in (YES, NO) or (UNKNOWN in ids and q.unknown not in (None, UNKNOWN)):
            yield _Problem(
                (*loc, "unknown"),
                _(
                    '"ved ikke" skal være sit eget valg (id "unknown", eller et andet id '
                    'end "yes" og "no"): et svar, der ikke er givet, må aldrig læses som ja '
                    "eller nej."
                ),
            )
        has_unknown = q.unknown is not None or UNKNOWN in ids
        if not has_unknown:
            yield _Problem(
                (*loc, "unknown"),
                _(
                    'spørgsmålet skal have et valg for "ved ikke" (unknown): '
                    "et svar må aldrig antages."
                ),
            )
        if q.criterion is not None:
            if card.criterion(q.criterion) is None:
                yield _Problem(
                    (*loc, "criterion"),
                    _('kendetegnet "{id}" findes ikke i et afsnit med kind: definition.').format(
                        id=q.criterion
                    ),
                )
            if sorted(ids) != sorted((YES, NO, UNKNOWN)):
                yield _Problem(
                    (*loc, "choices"),
                    _("et kendetegn besvares ja, nej eller ved ikke: udelad choices."),
                )
        if q.danger and not {YES, UNKNOWN} <= set(ids):
            yield _Problem(
                (*loc, "choices"),
                _('spørgsmålet om akut fare skal have valgene "yes" og "unknown".'),
            )
    if units_questions > 1:
        yield _Problem(("questions",), _("kun ét spørgsmål kan have choices_from: units."))


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


def _contact_floor(plan: Plan) -> Iterator[_Problem]:
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
        yield _Problem(
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
    yield _Problem(
        ("screening", "rules", "steps"),
        _(
            "svarene {answers} fører ikke til et trin med nogen at kontakte "
            "(et afsnit med kind: contacts): kortet siger, at en mistanke altid "
            "skal handles på."
        ).format(answers=given or _("(ingen)")),
    )


def _log_checks(card: Card) -> Iterator[_Problem]:
    guide = card.log
    if guide is None:
        return
    if guide.quote is not None and guide.quote not in card.step_ids:
        yield _Problem(
            ("log", "quote"),
            _(UNKNOWN_STEP).format(id=guide.quote, ids=", ".join(card.step_ids)),
        )
    if guide.forms is not None and not isinstance(card.section(guide.forms), FormsSection):
        yield _Problem(
            ("log", "forms"), _('"{id}" er ikke et afsnit med kind: forms.').format(id=guide.forms)
        )
    known = {s.id for s in card.supplements}
    for index, ident in enumerate(guide.supplements):
        if ident not in known:
            yield _Problem(("log", "supplements", index), _(UNKNOWN_SUPPLEMENT).format(id=ident))


def _hours_checks(card: Card) -> Iterator[_Problem]:
    """Opening hours must close after they open on the same day: hours across
    midnight would read as never open."""
    located: list[tuple[tuple[int | str, ...], Any]] = [
        (("meta", "office_hours"), card.meta.office_hours)
    ]
    located += [(("contacts", i, "hours"), c.hours) for i, c in enumerate(card.contact_list)]
    located += [
        (("supplement_contacts", i, "hours"), c.hours)
        for i, c in enumerate(card.supplement_contacts)
    ]
    windows = [
        ((*loc, index) if isinstance(hours, list) else loc, window)
        for loc, hours in located
        for index, window in enumerate(hours_windows(hours) or ())
    ]
    for loc, hours in windows:
        if hours.closes <= hours.opens:
            yield _Problem(
                (*loc, "closes"),
                _(
                    "tidspunktet, hvor kontakterne lukker, skal ligge efter det, "
                    "hvor de åbner (samme dag)."
                ),
            )


def _danger_floor(plan: Plan) -> Iterator[_Problem]:
    """The safety floor for danger: "yes" and "unknown" (possible danger) must
    both make the result urgent and show an urgent instruction (112) at once."""
    from stalkcard.engine.evaluate import danger_only

    card = plan.card
    ident = plan.danger_id
    if ident is None:
        return  # reported by _question_checks
    # Urgent means acute danger: the result says "AKUT FARE" and leads with the
    # urgent supplement (112), in the terminal, the note and the page alike. A
    # rule on another question would say so without any 112 to show.
    for index, rule in enumerate(card.screening.rules.urgent):
        others = sorted((set(rule.when) | set(rule.when_any)) - {ident})
        if others or rule.always:
            yield _Problem(
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
    # yes and unknown too: a danger question without them is refused by _question_checks.
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
            yield _Problem(
                ("screening", "rules", "urgent"),
                _(
                    '{key}: "{value}" gør resultatet akut, men intet tillæg med urgent: true '
                    "vises (fx 112)."
                ).format(key=ident, value=choice.id),
            )
    for value in (YES, UNKNOWN):
        if value not in urgent_alone:
            yield _Problem(
                ("screening", "rules", "urgent"),
                _('{key}: "{value}" skal gøre resultatet akut (en regel med kun {key}).').format(
                    key=ident, value=value
                ),
            )
        if not leads(value):
            yield _Problem(
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


def _unknown_shown(
    group: str,
    rules: Sequence[StepRule | SuggestRule | SupplementRule | RouteRule],
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


# The first word(s) of a label that say yes, no or "don't know", in the card
# languages the tool knows (Danish and English), casefolded.
_LABEL_SENSE = {
    YES: ("ja", "jo", "yes"),
    NO: ("nej", "no", "ikke", "ingen", "not", "none"),
    UNKNOWN: ("ved ikke", "ved jeg ikke", "det ved jeg ikke", "ikke sikker", "usikker", "uvist",
              "unknown", "don't know", "do not know", "not sure", "i don't know"),
}  # fmt: skip


def _label_sense(label: str) -> str | None:
    """YES, NO or UNKNOWN when the label reads as one of them, else None."""
    words = " ".join(re.findall(r"[\w']+", label.casefold().replace("\u2019", "'")))
    found = None
    for sense, starts in _LABEL_SENSE.items():
        for start in starts:
            if (words == start or words.startswith(start + " ")) and (
                found is None or len(start) > len(found[1])
            ):
                found = (sense, start)
    return found[0] if found else None


def _choice_labels(card: Card) -> Iterator[_Problem]:
    """A choice's label says what its id means: "yes" is never labelled "Nej",
    "no" never "Ja", neither of them "Ved ikke" (the rules read the id, the
    caseworker reads the label: swapped, a danger answered "Ja" would be read
    as no danger)."""
    from stalkcard.engine.questions import resolve

    for index, q in enumerate(card.questions):
        if q.kind != "one" or q.choices_from is not None:
            continue
        for place, choice in enumerate(resolve(card, q).choices):
            if choice.id not in _LABEL_SENSE:
                continue
            sense = _label_sense(choice.label)
            if sense is not None and sense != choice.id:
                yield _Problem(
                    ("questions", index, "choices", place, "label"),
                    _(
                        'spørgsmålet "{question}" ({text}): valget "{id}" har teksten "{label}", '
                        'som siger det modsatte. Teksten for "yes" skal betyde ja, for "no" nej '
                        'og for "unknown" ved ikke.'
                    ).format(question=q.id, text=q.text, id=choice.id, label=choice.label),
                )


class Finding(NamedTuple):
    """One problem as validate reports it: where (line, column, the place by
    id or name, the field's path) and what, in the tool's language."""

    line: int | None
    column: int | None
    place: str
    path: str
    message: str

    def as_text(self) -> str:
        if self.column is not None:  # a YAML problem: its message names line and column
            return self.message
        where = _("linje {line}, ").format(line=self.line) if self.line else ""
        if self.place:
            return f"{where}{self.place}: {self.message}"
        return f"{where.rstrip(', ')}: {self.message}" if where else self.message

    def as_json(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "column": self.column,
            "place": self.place,
            "path": self.path,
            "message": self.message,
        }


# Where a list's items have an id (and a name): the place is named by them.
_PLACE_WORDS = {
    ("contacts",): "kontakten",
    ("units",): "enheden",
    ("sections",): "afsnittet",
    ("sections", "steps"): "trinnet",
    ("sections", "forms"): "punktet",
    ("sections", "criteria"): "kendetegnet",
    ("questions",): "spørgsmålet",
    ("questions", "choices"): "valget",
    ("supplements",): "tillægget",
    ("supplement_contacts",): "nummeret",
    ("screening", "assessments"): "vurderingen",
}


_RULE_GROUPS = ("assessment", "urgent", "steps", "supplements", "route", "suggest")


def _item_label(prefix: Sequence[int | str], index: int, item: Any) -> str | None:
    """A list item by its id and name ("kontakten x (Navn)"), or a rule by
    its number in its group; None for items that have neither."""
    kinds = tuple(p for p in prefix if isinstance(p, str))
    word = _PLACE_WORDS.get(kinds)
    ident = item.get("id") if isinstance(item, dict) else None
    if word is not None and isinstance(ident, str) and ident.strip():
        label = f"{_(word)} {ident}"
        name = item.get("name")
        if isinstance(name, str) and name.strip():
            label += f" ({name.strip()})"
        return label
    if (
        len(prefix) == 3
        and tuple(prefix[:2]) == ("screening", "rules")
        and prefix[2] in _RULE_GROUPS
    ):
        return _("regel nr. {number} i screening.rules.{group}").format(
            number=index + 1, group=prefix[2]
        )
    return None


def _place(loc: Sequence[int | str], data: Any) -> tuple[str, str]:
    """A problem's place in words, by the ids and names the file gives
    ("kontakten nikoline_petersen (Nikoline Petersen), felt phone"), and its
    path as the file's fields (contacts[3].phone)."""
    path = _field(loc)
    words: list[str] = []
    rest: list[str] = []  # the field's path since the last item named
    here = data
    for index, part in enumerate(loc):
        item = _value_at(here, (part,))
        if isinstance(part, int):
            label = _item_label(loc[:index], part, item)
            if label is not None:
                words.append(label)
                rest = []
            else:
                rest.append(f"[{part + 1}]")
        else:
            rest.append(("." if rest else "") + str(part))
        here = item
    if not words:
        return _("felt {field}").format(field=path), path
    if rest:
        words.append(_("felt {field}").format(field="".join(rest)))
    return ", ".join(words), path


def _record(loc: Sequence[int | str]) -> tuple[int | str, ...]:
    """The item a place belongs to: the path up to its last list index (a
    contact, a rule), or the top-level part (meta)."""
    last = max((i for i, p in enumerate(loc) if isinstance(p, int)), default=-1)
    return tuple(loc[: last + 1]) if last >= 0 else tuple(loc[:1])


def _related(a: Sequence[int | str], b: Sequence[int | str]) -> bool:
    ra, rb = _record(a), _record(b)
    n = min(len(ra), len(rb))
    return ra[:n] == rb[:n]


def _apply_fix(data: Any, fix: tuple[Any, ...], serial: list[int]) -> bool:
    """Change `data` in place as a problem's fix says; False: it cannot."""
    action, loc = fix[0], fix[1]
    if not loc:
        return False
    parent = _value_at(data, loc[:-1]) if len(loc) > 1 else data
    last = loc[-1]
    if action == "delete":
        if isinstance(parent, dict) and last in parent:
            del parent[last]
            return True
        if isinstance(parent, list) and isinstance(last, int) and last < len(parent):
            return False
        return False
    value = _placeholder(fix[2], serial)
    if isinstance(parent, dict):
        parent[last] = value
        return True
    if isinstance(parent, list) and isinstance(last, int) and last < len(parent):
        parent[last] = value
        return True
    return False


# The parts of a card the safety floors read: a problem in one of them (or a
# stand-in put there) leaves the floors unchecked until it is fixed, so one
# mistake in a rule is one message, not four.
_FLOOR_PARTS = ("screening", "questions", "supplements", "supplement_contacts", "sections")


def check_data(
    data: Any, node: yaml.Node | None, today: date | None = None
) -> tuple[Card | None, list[Finding], bool]:
    """Every problem of a card's data in one run, in the file's order: the
    structure (read on past each problem with a stand-in), then the ids, the
    rules and, when the rules name what exists, the safety floors. Returns the
    card (None when the structure has problems), the findings, and whether
    the floors were left unchecked because of problems in the rules."""
    import copy

    problems: list[_Problem] = []
    fixed: list[tuple[int | str, ...]] = []
    work = copy.deepcopy(data)
    serial = [0]
    card: Card | None = None
    for _round in range(8):
        try:
            card = msgspec.convert(work, Card)
            break
        except msgspec.ValidationError:
            found = _schema_problems(work, Card)
            reported = {p.loc for p in problems}
            problems += [p for p in found if p.loc not in reported]
            changed = False
            for problem in found:
                if problem.fix is not None and _apply_fix(work, problem.fix, serial):
                    fixed.append(tuple(problem.fix[1]))
                    changed = True
            if not changed:
                break
    floors_skipped = False
    if card is not None:
        cross = [
            p for p in _cross_checks(card, today) if not any(_related(p.loc, f) for f in fixed)
        ]
        blocking = [p for p in [*problems, *cross] if p.loc and p.loc[0] in _FLOOR_PARTS]
        if blocking:
            floors_skipped = True
        else:
            cross += list(_floor_checks(card))
        problems += cross
    lines_of = _Lines(node)
    findings = []
    for problem in problems:
        place, path = _place(problem.loc, data)
        findings.append(Finding(lines_of.of(problem.loc), None, place, path, problem.message))
    findings.sort(key=lambda f: f.line if f.line is not None else 0)
    return (card if not problems else None), findings, floors_skipped


MORE_HINT = "... og {count} fejl mere: stalkcard validate viser dem alle."
FLOORS_SKIPPED = (
    "Sikkerhedens gulv (akut fare og nogen at kontakte ved alle svar) tjekkes, når fejlene "
    "i spørgsmålene, reglerne og afsnittene ovenfor er rettet."
)


def report_lines(
    findings: Sequence[Finding], floors_skipped: bool, limit: int | None = MAX_ERRORS
) -> list[str]:
    """The findings as lines of text, at most `limit` (None: all)."""
    shown = findings if limit is None else findings[:limit]
    lines = ["  " + f.as_text() for f in shown]
    if limit is not None and len(findings) > limit:
        more = len(findings) - limit
        lines.append("  " + _(MORE_HINT).format(count=more))
    if floors_skipped:
        lines.append(_(FLOORS_SKIPPED))
    return lines


def validate_data(
    data: Any,
    node: yaml.Node | None,
    source: str,
    today: date | None = None,
    yaml_problems: Sequence[tuple[int, int | None, str]] = (),
) -> Card:
    """Turn parsed YAML into a Card, or raise CardError listing every problem
    found (the message shows the first MAX_ERRORS; the error's `findings`
    hold them all, for validate)."""
    if not isinstance(data, dict):
        kind = _("en liste") if isinstance(data, list) else _("en enkelt værdi")
        raise CardError(
            _(
                "{source}: kortfilen skal være et sæt af afsnit "
                "(meta:, contacts:, sections:, ...), ikke {kind}."
            ).format(source=source, kind=kind)
        )
    version = data.get("format_version", CARD_FORMAT)
    if isinstance(version, int) and not isinstance(version, bool) and version > CARD_FORMAT:
        raise CardError(
            _(
                "{source}: kortet er skrevet i kortformat {version}, men denne udgave af "
                "stalkcard kan kun læse format {known}. Opdatér stalkcard, eller brug et kort "
                "i format {known}."
            ).format(source=source, version=version, known=CARD_FORMAT)
        )
    card, findings, floors_skipped = check_data(data, node, today)
    early = [Finding(line, column, "", "", message) for line, column, message in yaml_problems]
    if early:
        taken = {line for line, _column, _message in yaml_problems}
        findings = [f for f in findings if f.line not in taken]
        findings = sorted([*early, *findings], key=lambda f: f.line if f.line is not None else 0)
    if card is not None and not findings:
        return card
    head = _("Kortfilen kan ikke bruges: {source}").format(source=source)
    error = CardError("\n".join([head, *report_lines(findings, floors_skipped)]))
    error.findings = list(findings)  # type: ignore[attr-defined]
    error.floors_skipped = floors_skipped  # type: ignore[attr-defined]
    error.source = source  # type: ignore[attr-defined]
    raise error
