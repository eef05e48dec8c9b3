"""The typed model of the action card, and its safe loading and validation.

A card file is the municipality's to edit, so every problem with it becomes a
`CardError` whose Danish message names the file, the line, the field and what
is wrong. Nothing here prints or exits.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Annotated, Any, NamedTuple

import msgspec
import yaml

from stalkcard.errors import CardError, StalkcardError
from stalkcard.i18n import _

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 64
MAX_ERRORS = 10
CARD_ENV = "STALKCARD_CARD"

# The answers a screening takes, and the values each may have.
YES, NO, UNKNOWN = "yes", "no", "unknown"
ROLES = ("victim", "perpetrator", "unknown")
CRITERIA = ("unwanted", "one_sided", "repeated")
TRISTATE = (YES, NO, UNKNOWN)
CONDITION_VALUES: dict[str, tuple[str, ...]] = {
    "role": ROLES,
    "danger": (YES, NO),
    "unwanted": TRISTATE,
    "one_sided": TRISTATE,
    "repeated": TRISTATE,
    "children": TRISTATE,
}

# Text may not be blank, nor hold C0/C1 control characters (newline and tab
# allowed) or Unicode bidirectional controls, which can make a phone number
# display reversed.
_BAD = "\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff"
TEXT_PATTERN = f"^[^{_BAD}]*[^{_BAD}\\s][^{_BAD}]*$"
IDENT_PATTERN = "^[a-z][a-z0-9_]{0,63}$"
PHONE_PATTERN = "^\\+?[0-9]{2,}( [0-9]+)*$"
_PATTERN_MESSAGES = {
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


class Meta(_Model):
    title: Text
    municipality: Text
    version: Text
    language: Ident
    contacts_verified: date


class Criterion(_Model):
    id: Ident
    text: Text
    question: Text


class Form(_Model):
    id: Ident
    title: Text
    examples: Text


class Person(_Model):
    id: Ident
    name: Text
    unit: Text
    phone: Phone


class Organisation(_Model):
    id: Ident
    name: Text
    phone: Phone
    card_line: Text  # the card's own line, e.g. "Dansk Stalking Center, tlf.nr: 2517 7374"
    purpose: Text


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


class Role(_Model):
    id: Ident
    label: Text


class Questions(_Model):
    role: Text
    danger: Text
    forms: Text
    children: Text


class Assessment(_Model):
    id: Ident
    text: Text


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


class Rules(_Model):
    assessment: Annotated[list[AssessmentRule], msgspec.Meta(min_length=1)]
    urgent: Annotated[list[Rule], msgspec.Meta(min_length=1)]
    steps: Annotated[list[StepRule], msgspec.Meta(min_length=1)]
    supplements: list[SupplementRule] = []


class Screening(_Model):
    roles: Annotated[list[Role], msgspec.Meta(min_length=3, max_length=3)]
    questions: Questions
    assessments: Annotated[list[Assessment], msgspec.Meta(min_length=1)]
    rules: Rules


class Contact(msgspec.Struct, frozen=True):
    """One entry of the quick lookup: a resource person or an organisation."""

    id: str
    kind: str  # "person" or "organisation"
    name: str
    unit: str | None
    phone: str
    purpose: str


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
        people = [
            Contact(p.id, "person", p.name, p.unit, p.phone, self.sparring.purpose)
            for p in self.sparring.persons
        ]
        organisations = [
            Contact(o.id, "organisation", o.name, None, o.phone, o.purpose)
            for o in self.handling.organisations
        ]
        return people + organisations

    def criterion(self, criterion_id: str) -> Criterion:
        return next(c for c in self.stalking.criteria if c.id == criterion_id)

    def assessment(self, assessment_id: str) -> Assessment:
        return next(a for a in self.screening.assessments if a.id == assessment_id)


# --------------------------------------------------------------------------
# Finding the card file


def bundled_card_path(name: str = "actioncard.yaml") -> Path:
    """The card shipped with the tool: inside the wheel, or content/ in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "content" / name, here.parent / "content" / name):
        if candidate.is_file():
            return candidate
    return here / "content" / name


def card_path(explicit: str | os.PathLike[str] | None = None, language: str = "da") -> Path:
    """The card to use: --card, else $STALKCARD_CARD, else the bundled one in `language`.

    A card file chosen by the user is used as it is, whatever the language.
    """
    chosen = explicit if explicit not in (None, "") else os.environ.get(CARD_ENV) or None
    if chosen is not None:
        return Path(chosen)
    return bundled_card_path(
        "actioncard.yaml" if language == "da" else f"actioncard.{language}.yaml"
    )


# --------------------------------------------------------------------------
# Reading YAML safely


class _Refused(Exception):
    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _Strict(yaml.composer.Composer):
    """Composing and constructing that refuse aliases, duplicate keys, keys that
    are not text, and nesting deeper than MAX_DEPTH (checked before recursing)."""

    _depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):  # type: ignore[attr-defined]
            event = self.peek_event()  # type: ignore[attr-defined]
            raise _Refused(
                event.start_mark.line + 1,
                _("YAML-aliaser (*navn) er ikke tilladt her; skriv teksten ud."),
            )
        self._depth += 1
        if self._depth > MAX_DEPTH:
            event = self.peek_event()  # type: ignore[attr-defined]
            raise _Refused(
                event.start_mark.line + 1,
                _("filen er indlejret for dybt (mere end {depth} niveauer).").format(
                    depth=MAX_DEPTH
                ),
            )
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=True)  # type: ignore[attr-defined]
            line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                raise _Refused(
                    line,
                    _(
                        "nøglen {key} skal være tekst (skriv den i anførselstegn, "
                        "hvis det er et tal eller ja/nej)."
                    ).format(key=repr(key)),
                )
            if key in seen:
                raise _Refused(
                    line, _('nøglen "{key}" står to gange i samme afsnit.').format(key=key)
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc, no-any-return]


class _PureLoader(
    _Strict, yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser,
    yaml.constructor.SafeConstructor, yaml.resolver.Resolver,
):  # fmt: skip
    """The strict loader on PyYAML's pure-Python parser."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)


_CParser: Any = getattr(yaml, "__with_libyaml__", False) and getattr(yaml.cyaml, "CParser", None)
_Loader: Any
if _CParser:
    _Bases: tuple[type, ...] = (
        _Strict, _CParser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver,
    )  # fmt: skip

    class _CLoader(*_Bases):  # type: ignore[misc]
        """The same strict loader on libyaml's parser (C, not recursive): several
        times faster; composing stays in Python, where the checks are."""

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

    _Loader = _CLoader
else:  # pragma: no cover - PyYAML built without libyaml
    _Loader = _PureLoader


def parse_yaml(
    text: str, source: str, error: type[StalkcardError] = CardError
) -> tuple[Any, yaml.Node | None]:
    """Parse one YAML document strictly; return the data and its node tree."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except _Refused as exc:
        raise error(_where(source, exc.line) + exc.message) from None
    except yaml.constructor.ConstructorError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise error(
            _where(source, line) + _("YAML-mærker (tags, fx !!python/...) er ikke tilladt her.")
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = _(", kolonne {column}").format(column=mark.column + 1) if mark else ""
        raise error(
            _where(source, line).rstrip(": ")
            + column
            + _(
                ": filen er ikke gyldig YAML. Tjek indrykning, kolon og "
                "anførselstegn omkring linjen. (Teknisk: {problem})"
            ).format(problem=exc.problem)
        ) from None
    except (yaml.YAMLError, RecursionError) as exc:
        raise error(
            _("{source}: filen er ikke gyldig YAML ({kind}).").format(
                source=source, kind=type(exc).__name__
            )
        ) from None
    finally:
        loader.dispose()
    return data, node


def _where(source: str, line: int | None) -> str:
    return _("{source}, linje {line}: ").format(source=source, line=line) if line else f"{source}: "


def read_text(path: Path, what: str | None = None, error: type[StalkcardError] = CardError) -> str:
    """Read a small UTF-8 text file, refusing folders, huge files and bad encodings."""
    what = what or _("Kortfilen")
    try:
        if not path.exists():
            raise error(_("{what} findes ikke: {path}").format(what=what, path=path))
        if path.is_dir():
            raise error(_("{what} er en mappe, ikke en fil: {path}").format(what=what, path=path))
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)  # never more than the cap
    except OSError as exc:
        raise error(
            _("{what} kan ikke læses: {path} ({reason})").format(
                what=what, path=path, reason=exc.strerror or exc
            )
        ) from None
    return decode_text(raw, str(path), what, error)


def decode_text(
    raw: bytes, source: str, what: str | None = None, error: type[StalkcardError] = CardError
) -> str:
    """The text of a file's bytes: at most MAX_BYTES, UTF-8 (a BOM is allowed), not blank."""
    what = what or _("Kortfilen")
    if len(raw) > MAX_BYTES:
        raise error(
            _("{what} er for stor (over {kib} KiB): {path}").format(
                what=what, kib=MAX_BYTES // 1024, path=source
            )
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(
            _(
                "{what} er ikke gemt som UTF-8 (byte {byte}): {path}. "
                "Gem den igen med tegnsættet UTF-8."
            ).format(what=what, byte=exc.start + 1, path=source)
        ) from None
    if not text.strip():
        raise error(_("{what} er tom: {path}").format(what=what, path=source))
    return text


# --------------------------------------------------------------------------
# Validation


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
            (m for pattern, m in _PATTERN_MESSAGES.items() if repr(pattern) in what),
            "har en ugyldig form.",
        )
        return _Problem(loc, _(message))
    if found := re.match(r"Expected `(\w+)` of length ([<>]=) (\d+)", what):
        count = found.group(3)
        if found.group(2) == ">=":
            return _Problem(loc, _("skal have mindst {count} punkt(er).").format(count=count))
        return _Problem(loc, _("må højst have {count} punkter.").format(count=count))
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


def _cross_checks(card: Card) -> Iterator[_Problem]:
    """Rules that span fields: known ids, no duplicates, the card's safety floor."""

    def duplicates(ids: list[str], loc: tuple[int | str, ...]) -> Iterator[_Problem]:
        seen: set[str] = set()
        for index, ident in enumerate(ids):
            if ident in seen:
                yield _Problem(
                    (*loc, index, "id"), _('id "{id}" bruges to gange.').format(id=ident)
                )
            seen.add(ident)

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
    yield from duplicates([s.id for s in card.sections], ())
    yield from duplicates([f.id for f in card.eksempler.forms], ("eksempler", "forms"))
    yield from duplicates([c.id for c in card.contacts], ("sparring", "persons"))
    yield from duplicates(card.step_ids, ("videre_handling", "steps"))
    yield from duplicates([s.id for s in card.supplements], ("supplements",))
    yield from duplicates([a.id for a in card.screening.assessments], ("screening", "assessments"))
    for index, org in enumerate(card.handling.organisations):
        if org.name not in org.card_line or org.phone not in org.card_line:
            yield _Problem(
                ("handling", "organisations", index, "card_line"),
                _("skal indeholde både navnet og telefonnummeret, som på kortet."),
            )

    rules = card.screening.rules
    groups: list[tuple[str, Sequence[Rule]]] = [
        ("assessment", rules.assessment),
        ("urgent", rules.urgent),
        ("steps", rules.steps),
        ("supplements", rules.supplements),
    ]
    for group, items in groups:
        for index, rule in enumerate(items):
            loc = ("screening", "rules", group, index)
            for part in ("when", "when_any"):
                for key, values in rule.values(part).items():
                    allowed = CONDITION_VALUES.get(key)
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
    step_ids = set(card.step_ids)
    for index, s_rule in enumerate(rules.steps):
        for ident in s_rule.show:
            if ident not in step_ids:
                yield _Problem(
                    ("screening", "rules", "steps", index, "show"),
                    _('trinnet "{id}" findes ikke; brug en af: {ids}.').format(
                        id=ident, ids=", ".join(card.step_ids)
                    ),
                )
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
    supplement_ids = {s.id for s in card.supplements}
    for index, u_rule in enumerate(rules.supplements):
        for ident in u_rule.show:
            if ident not in supplement_ids:
                yield _Problem(
                    ("screening", "rules", "supplements", index, "show"),
                    _('tillægget "{id}" findes ikke under supplements.').format(id=ident),
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
    except msgspec.ValidationError as exc:
        # msgspec stops at the first problem in the file's structure.
        problems = [_schema_problem(exc, data)]
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
        lines.append("  " + _("... og {count} fejl mere.").format(count=len(problems) - MAX_ERRORS))
    raise CardError("\n".join(lines))


def load_card(path: str | os.PathLike[str] | None = None, language: str = "da") -> Card:
    """Load and validate a card: the given path, $STALKCARD_CARD or the bundled card."""
    resolved = card_path(path, language)
    return card_from_text(read_text(resolved), str(resolved))


def card_from_bytes(raw: bytes, source: str) -> Card:
    """A card from a file's bytes, or CardError: what load_card does after reading."""
    return card_from_text(decode_text(raw, source), source)


def card_from_text(text: str, source: str) -> Card:
    data, node = parse_yaml(text, source)
    return validate_data(data, node, source)


def stale_since(card: Card, today: date) -> bool:
    """True when the contact list was last verified more than 12 months before today."""
    verified = card.meta.contacts_verified
    try:
        year_later = verified.replace(year=verified.year + 1)
    except ValueError:  # 29 February
        year_later = verified.replace(year=verified.year + 1, day=28)
    return today > year_later


# --------------------------------------------------------------------------
# Looking up contacts

_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "é": "e", "ü": "u", "ö": "o", "ä": "ae"})


def fold(text: str) -> str:
    """Fold text for search, so a query typed without Danish letters still matches:
    ø, oe and o match alike; æ and ae; å, aa and a."""
    text = " ".join(text.casefold().split()).translate(_FOLD)
    return text.replace("aa", "a").replace("oe", "o")


def find_contacts(contacts: Sequence[Contact], query: str | None) -> list[Contact]:
    """Contacts whose name, unit or organisation holds every word of the query."""
    words = fold(query or "").split()
    found = []
    for contact in contacts:
        haystack = fold(f"{contact.name} {contact.unit or ''}")
        if all(word in haystack for word in words):
            found.append(contact)
    return found
