"""A card's data checked against the model, with every problem in Danish: the
file, the line, the field and what is wrong.

The checks run in order: the structure (stalkcard.card.schemaerrors, read on
past each problem with a stand-in), the checks across fields
(stalkcard.card.references) and, when the rules name what exists, the safety
floors (stalkcard.card.floors). Each problem is then placed in the file
(stalkcard.card.findings)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

import msgspec

from stalkcard.card.findings import Finding, Lines, Problem, place_of
from stalkcard.card.floors import floor_checks
from stalkcard.card.model import CARD_FORMAT, Card
from stalkcard.card.references import cross_checks
from stalkcard.card.schemaerrors import apply_fix, schema_problems
from stalkcard.errors import CardError
from stalkcard.i18n import N_, _

if TYPE_CHECKING:
    import yaml

MAX_ERRORS = 10


def _record(loc: Sequence[int | str]) -> tuple[int | str, ...]:
    """The item a place belongs to: the path up to its last list index (a
    contact, a rule), or the top-level part (meta)."""
    last = max((i for i, p in enumerate(loc) if isinstance(p, int)), default=-1)
    return tuple(loc[: last + 1]) if last >= 0 else tuple(loc[:1])


def _related(a: Sequence[int | str], b: Sequence[int | str]) -> bool:
    ra, rb = _record(a), _record(b)
    n = min(len(ra), len(rb))
    return ra[:n] == rb[:n]


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

    problems: list[Problem] = []
    fixed: list[tuple[int | str, ...]] = []
    work = copy.deepcopy(data)
    serial = [0]
    card: Card | None = None
    for _round in range(8):
        try:
            card = msgspec.convert(work, Card)
            break
        except msgspec.ValidationError:
            found = schema_problems(work, Card)
            reported = {p.loc for p in problems}
            problems += [p for p in found if p.loc not in reported]
            changed = False
            for problem in found:
                if problem.fix is not None and apply_fix(work, problem.fix, serial):
                    fixed.append(tuple(problem.fix[1]))
                    changed = True
            if not changed:
                break
    floors_skipped = False
    if card is not None:
        cross = [p for p in cross_checks(card, today) if not any(_related(p.loc, f) for f in fixed)]
        blocking = [p for p in [*problems, *cross] if p.loc and p.loc[0] in _FLOOR_PARTS]
        if blocking:
            floors_skipped = True
        else:
            cross += list(floor_checks(card))
        problems += cross
    lines_of = Lines(node)
    findings = []
    for problem in problems:
        place, path = place_of(problem.loc, data)
        findings.append(Finding(lines_of.of(problem.loc), None, place, path, problem.message))
    findings.sort(key=lambda f: f.line if f.line is not None else 0)
    return (card if not problems else None), findings, floors_skipped


MORE_HINT = N_("... og {count} fejl mere: stalkcard validate viser dem alle.")
FLOORS_SKIPPED = N_(
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
