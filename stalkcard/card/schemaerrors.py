"""The card's structure: msgspec's (English) validation errors as Danish
problems, every one of them and not only the first, each with a stand-in fix
so validate reads on past it and checks the rest of the card in the same run."""

from __future__ import annotations

import re
import types
import typing
from datetime import date
from typing import Any

import msgspec

from stalkcard.card.fields import (
    EMAIL_PATTERN,
    IDENT_PATTERN,
    PATTERN_MESSAGES,
    PHONE_PATTERN,
    Weekday,
)
from stalkcard.card.findings import Problem, value_at
from stalkcard.i18n import N_, _, ngettext

_ERROR = re.compile(r"^(?P<what>.*?)(?: - at `\$(?P<path>[^`]*)`)?$", re.S)
_STEP = re.compile(r"\.([^.\[]+)|\[(\d+)\]")
JSON_KINDS = {
    "array": N_("en liste"),
    "object": N_("et afsnit"),
    "str": N_("tekst"),
    "null": N_("tom"),
    "bool": N_("true eller false"),
    "int": N_("et tal"),
    "float": N_("et tal"),
    "date": N_("en dato"),
}
SECTION_KINDS = ("definition", "forms", "text", "contacts", "steps")
DATE_HINT = N_('skal være en dato skrevet ÅÅÅÅ-MM-DD, fx "2026-11-26".')


WEEKDAY_HINT = N_("{value} er ikke en ugedag; brug mon, tue, wed, thu, fri, sat eller sun.")


def _loc(path: str) -> tuple[int | str, ...]:
    """msgspec's `$.contacts[3].phone` as ("contacts", 3, "phone")."""
    # A dict's key is `[...]` (msgspec does not name it): the problem is placed on the dict.
    path = path.replace("[...]", "")
    return tuple(name if name else int(index) for name, index in _STEP.findall(path))


def _schema_problem(error: msgspec.ValidationError, data: Any) -> Problem:
    """msgspec's (English) validation error as a located, Danish problem."""
    match = _ERROR.match(str(error))
    what = match.group("what") if match else str(error)
    loc = _loc(match.group("path") or "") if match else ()
    if found := re.match(r"Object missing required field `(.+)`", what):
        return Problem((*loc, found.group(1)), _("mangler."))
    if found := re.match(r"Object contains unknown field `(.+)`", what):
        return Problem((*loc, found.group(1)), _("er ikke et kendt felt (stavefejl?)."))
    if what.startswith("Expected `str` matching regex"):
        # msgspec names the pattern as Python writes it (its repr).
        message = next(
            (m for pattern, m in PATTERN_MESSAGES.items() if repr(pattern) in what),
            N_("har en ugyldig form."),
        )
        return Problem(loc, _(message))
    if found := re.match(r"Expected `(\w+)` of length ([<>]=) (\d+)", what):
        count = found.group(3)
        number = int(count)
        if found.group(2) == ">=":
            return Problem(
                loc,
                ngettext(
                    "skal have mindst {count} punkt.", "skal have mindst {count} punkter.", number
                ).format(count=count),
            )
        return Problem(
            loc,
            ngettext(
                "må højst have {count} punkt.", "må højst have {count} punkter.", number
            ).format(count=count),
        )
    if what.startswith("Expected `bool | str | array`"):  # a rule's answer values
        return Problem(
            loc,
            _(
                "hvert svar skal være et af spørgsmålets valg i anførselstegn, "
                'fx "yes", eller en liste af dem, fx ["yes", "unknown"].'
            ),
        )
    if (found := re.match(r"Invalid value '(.*)'", what)) and loc and loc[-1] == "kind":
        return Problem(
            loc,
            _("{value} er ikke en slags afsnit; brug en af: {kinds}.").format(
                value=found.group(1), kinds=", ".join(SECTION_KINDS)
            ),
        )
    weekdays = "days" in loc or bool(loc and isinstance(loc[-1], int))  # days: [mon, ...]
    if (found := re.match(r"Invalid enum value '(.*)'", what)) and weekdays:
        return Problem(
            loc,
            _(WEEKDAY_HINT).format(value=found.group(1)),
        )
    if found := re.match(r"Expected `(\w+)`, got `(\w+)`", what):
        expected, got = found.groups()
        value = value_at(data, loc)

        if expected == "str" and isinstance(value, bool):
            return Problem(
                loc,
                _(
                    "skal være tekst i anførselstegn; uden dem læses ord som "
                    "yes/no/on/off som sand/falsk."
                ),
            )
        if expected == "str" and isinstance(value, int | float):
            return Problem(
                loc,
                _('skal være tekst i anførselstegn, fx "{value}", ikke et tal.').format(
                    value=value
                ),
            )
        if expected == "str" and isinstance(value, date):
            return Problem(
                loc, _('skal være tekst i anførselstegn, fx "{value}".').format(value=value)
            )
        if expected == "array":
            return Problem(loc, _("skal være en liste (linjer, der starter med -)."))
        if expected == "object":
            return Problem(loc, _("skal være et afsnit med felter (nøgle: værdi)."))
        if expected == "date":
            return Problem(loc, _(DATE_HINT))
        shown = _(JSON_KINDS.get(expected, expected))
        return Problem(
            loc,
            _("skal være {expected}, ikke {got}.").format(
                expected=shown, got=_(JSON_KINDS.get(got, got))
            ),
        )
    if found := re.match(r"Expected `([\w |]+)`, got `(\w+)`", what):
        options = [_(JSON_KINDS.get(o, o)) for o in found.group(1).split(" | ")]
        return Problem(
            loc,
            _("skal være {expected}, ikke {got}.").format(
                expected=_(" eller ").join(options),
                got=_(JSON_KINDS.get(found.group(2), found.group(2))),
            ),
        )
    if "date" in what:
        return Problem(loc, _(DATE_HINT))
    if found := re.match(r"Invalid enum value '(.*)'|Invalid value '(.*)'", what):
        return Problem(
            loc,
            _('"{value}" er ikke et af de tilladte valg her.').format(
                value=found.group(1) or found.group(2)
            ),
        )
    return Problem(loc, _("har en form, som kortet ikke kan bruge her."))


def _struct_type(kind: Any) -> Any:
    """The Struct or list type under Annotated[...] and `X | None`, else None."""
    while typing.get_origin(kind) is typing.Annotated:
        kind = typing.get_args(kind)[0]
    if typing.get_origin(kind) in (types.UnionType, typing.Union):
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        kind = options[0] if len(options) == 1 else None
    if isinstance(kind, type) and issubclass(kind, msgspec.Struct):
        return kind
    if typing.get_origin(kind) in (list, tuple):  # the model's lists are tuples
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
        if isinstance(value, list) and typing.get_origin(option) in (list, tuple):
            return option
    return None


def schema_problems(
    value: Any, kind: Any, loc: tuple[int | str, ...] = (), optional: bool = False
) -> list[Problem]:
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
        # A word that is not one of the choices; a value that is not text (YAML's
        # no, a number, an empty item) keeps msgspec's message about its kind,
        # which says how to write it ("skal være tekst i anførselstegn ...").
        if options and not first.loc and isinstance(value, str):
            if tuple(options) == typing.get_args(Weekday):  # an item of days: [mon, ...]
                message = _(WEEKDAY_HINT).format(value=value)
            else:
                message = _('"{value}" er ikke et af valgene; brug en af: {options}.').format(
                    value=value, options=", ".join(options)
                )
        whole = [Problem(where, message)]
    else:
        return []
    inner = _struct_type(kind) or _tagged(kind, value) or _shaped(kind, value)
    found: list[Problem] = []
    if inner is not None and typing.get_origin(inner) in (list, tuple) and isinstance(value, list):
        item = typing.get_args(inner)[0]  # list[X] or tuple[X, ...]
        for index, element in enumerate(value):
            found += schema_problems(element, item, (*loc, index))
    elif inner is not None and typing.get_origin(inner) is None and isinstance(value, dict):
        fields = {f.encode_name: f for f in msgspec.structs.fields(inner)}
        tag = inner.__struct_config__.tag_field
        for name in value:
            if name == tag:
                continue
            if name not in fields:
                found.append(
                    Problem(
                        (*loc, name),
                        _unknown_field(str(name), [n for n in fields if n != tag]),
                        ("delete", (*loc, name)),
                    )
                )
        for name, field in fields.items():
            if name in value:
                found += schema_problems(
                    value[name], field.type, (*loc, name), optional=not field.required
                )
            elif field.required:
                found.append(
                    Problem((*loc, name), _("mangler."), ("set", (*loc, name), field.type))
                )
    if found:
        return found
    fix = ("delete", loc) if optional else ("set", loc, kind)
    return [Problem(p.loc, p.message, fix) for p in whole]


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


def apply_fix(data: Any, fix: tuple[Any, ...], serial: list[int]) -> bool:
    """Change `data` in place as a problem's fix says; False: it cannot."""
    action, loc = fix[0], fix[1]
    if not loc:
        return False
    parent = value_at(data, loc[:-1]) if len(loc) > 1 else data
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
