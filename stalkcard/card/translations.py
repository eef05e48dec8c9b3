"""A card's language copy (`X.en.yaml` beside `X.yaml`) against the card it
translates: the words may differ, but not the structure, the ids, the phone
numbers or the rules. A copy that has drifted is refused on load
(refuse_drift), and validate names every difference (twin_drift).

No card's ids are named here: the twins are compared field by field.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from stalkcard.card.fields import as_data
from stalkcard.card.findings import place_of
from stalkcard.card.model import RULE_GROUPS, Card
from stalkcard.errors import CardError
from stalkcard.i18n import _


def english_twin(card_file: Path) -> Path | None:
    """`X.en.yaml` beside `X.yaml`, when it exists (None for an English file)."""
    if card_file.name.endswith(".en.yaml") or card_file.suffix not in (".yaml", ".yml"):
        return None
    twin = card_file.with_name(card_file.stem + ".en" + card_file.suffix)
    return twin if twin.is_file() else None


# The fields that are words, which each language writes in its own; every other
# field (ids, phone numbers, e-mails, hours, kinds, references, rules, flags)
# must be the same in both files.
PROSE = frozenset(
    {
        "title", "municipality", "language", "heading", "text", "paragraphs", "examples",
        "name", "label", "purpose", "card_line", "closing", "source", "headline", "short",
        "note", "keywords", "items", "subject",
    }
)  # fmt: skip


def _walk(da: Any, en: Any, loc: tuple[int | str, ...], key: str = "") -> Iterator[Drift]:
    """Where the two cards differ in what must be the same in every language:
    the structure, every id, every phone number, every reference and rule."""
    if isinstance(da, dict) and isinstance(en, dict):
        for name in sorted(set(da) | set(en)):
            here = (*loc, name)
            if name not in da or name not in en:
                yield Drift(here, _("står kun i den ene fil."))
            elif name != "keywords":  # search words: each language has its own
                yield from _walk(da[name], en[name], here, name)
    elif isinstance(da, list) and isinstance(en, list):
        if len(da) != len(en):
            yield Drift(
                loc,
                _("{da} punkter i den danske, {en} i den engelske.").format(da=len(da), en=len(en)),
            )
        if all(not isinstance(v, dict | list) for v in da + en):
            if key not in PROSE and len(da) == len(en) and da != en:
                yield Drift(loc, _differ(da, en))
            return
        for index, (a, b) in enumerate(zip(da, en, strict=False)):
            yield from _walk(a, b, (*loc, index), key)
    elif key not in PROSE and da != en:
        yield Drift(loc, _differ(da, en))


class Drift(NamedTuple):
    loc: tuple[int | str, ...]
    message: str


def _differ(da: Any, en: Any) -> str:
    return _("{da} i den danske, {en} i den engelske.").format(da=_short(da), en=_short(en))


def _short(value: Any) -> str:
    """A value as the card file writes it (not as Python does)."""
    if isinstance(value, list):
        text = "[" + ", ".join(_short(v) for v in value) + "]"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif value is None:
        text = _("(intet)")
    elif isinstance(value, str):
        text = f'"{value}"'
    else:
        text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


CONDITIONS = ("when", "when_any")


def _conditions(danish: Card, english: Card) -> Iterator[Drift]:
    """Where the rules' conditions differ, compared as data: for each rule, the
    normalised condition (question id -> the answers it allows). A condition's
    keys are question ids, which may be any word, also one named like a prose
    field (note, text, label ...), so they are never walked as fields."""
    for group in RULE_GROUPS:
        pairs = zip(
            getattr(danish.screening.rules, group),
            getattr(english.screening.rules, group),
            strict=False,  # a different number of rules: _walk names it
        )
        for index, (da_rule, en_rule) in enumerate(pairs):
            for part in CONDITIONS:
                da = {k: sorted(set(v)) for k, v in da_rule.values(part).items()}
                en = {k: sorted(set(v)) for k, v in en_rule.values(part).items()}
                for key in sorted(set(da) | set(en)):
                    here = ("screening", "rules", group, index, part, key)
                    if key not in da or key not in en:
                        yield Drift(here, _("står kun i den ene fil."))
                    elif da[key] != en[key]:
                        yield Drift(here, _differ(da[key], en[key]))


def twin_drift(danish: Card, english: Card) -> list[str]:
    """What no longer matches between a card and its English twin: ids, phone
    numbers, rules and the shape of the lists (the words may differ), each
    place named by the Danish card's ids and names."""
    da = as_data(danish)
    en = as_data(english)
    named = as_data(danish)
    for data in (da, en):
        data.get("meta", {}).pop("language", None)
        # The rules' conditions are compared as data (_conditions), not as fields.
        rules = data.get("screening", {}).get("rules", {})
        for group in RULE_GROUPS:
            for rule in rules.get(group, []):
                for part in CONDITIONS:
                    rule.pop(part, None)
    out = []
    for drift in [*_walk(da, en, ()), *_conditions(danish, english)]:
        place, _path = place_of(drift.loc, named)
        out.append(f"{place}: {drift.message}")
    return out


DRIFT_SHOWN = 20


def refuse_drift(original: Card, copy: Card, original_file: Path, copy_file: Path) -> None:
    """CardError naming what differs (at most DRIFT_SHOWN places) when the
    language copy `copy` no longer matches the card it translates."""
    drift = twin_drift(original, copy)
    if not drift:
        return
    lines = [
        _(
            "Sprogudgaven {copy} passer ikke længere til kortet {original}, og bruges ikke: "
            "id'er, telefonnumre og regler skal være de samme i begge filer. Ret den:"
        ).format(copy=copy_file, original=original_file)
    ]
    lines += ["  " + line for line in drift[:DRIFT_SHOWN]]
    if len(drift) > DRIFT_SHOWN:
        lines.append(
            "  " + _("... og {count} forskelle mere.").format(count=len(drift) - DRIFT_SHOWN)
        )
    raise CardError("\n".join(lines))
